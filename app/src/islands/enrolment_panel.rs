use leptos::prelude::*;
use shared::domain::{Standing, YouthPlaceView, format_instant};

use crate::server_fns::{CancelEnrolment, EnrolInSession};

/// A youth's place at a session: enrol in one tap, see "registered" or "number N on the waiting
/// list", cancel after confirming.
///
/// Without JavaScript every button is a plain form posting to its server function (the browser
/// comes back to this page, which shows the new place), and "cancel" is a link to a page that
/// asks for confirmation — never a GET that cancels. Once the wasm has loaded, the same forms
/// answer in place, without reloading the page.
#[island]
pub fn EnrolmentPanel(
    place: YouthPlaceView,
    /// The refusal of the last form posted without JavaScript, if any.
    error: Option<String>,
) -> impl IntoView {
    let session_id = place.session_id;
    let state = RwSignal::new(place);
    let error = RwSignal::new(error);
    let confirming = RwSignal::new(false);
    let enrol = ServerAction::<EnrolInSession>::new();
    let cancel = ServerAction::<CancelEnrolment>::new();
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    for action_value in [enrol.value(), cancel.value()] {
        Effect::new(move |_| match action_value.get() {
            Some(Ok(view)) => {
                state.set(view);
                error.set(None);
                confirming.set(false);
            }
            Some(Err(refused)) => error.set(Some(refused.message().to_owned())),
            None => {}
        });
    }
    let pending = move || enrol.pending().get() || cancel.pending().get();

    let body = move || {
        let place = state.get();
        let seats = match place.seats_left {
            0 => format!("Complet — {} sur la liste d'attente", place.waiting),
            1 => "1 place restante".to_owned(),
            seats => format!("{seats} places restantes"),
        };
        match place.standing {
            None => {
                let action = match &place.enrol_refusal {
                    Some(refusal) => view! {
                        <p class="notice" data-test="enrol-refusal">{refusal.clone()}</p>
                    }
                    .into_any(),
                    None => {
                        let label = if place.seats_left == 0 {
                            "M'inscrire sur la liste d'attente"
                        } else {
                            "M'inscrire"
                        };
                        view! {
                            <ActionForm action=enrol attr:data-test="enrol-form">
                                <input type="hidden" name="session_id" value=session_id/>
                                <button
                                    type="submit"
                                    class="button button--primary button--large"
                                    data-test="enrol"
                                    disabled=pending
                                >
                                    {label}
                                </button>
                            </ActionForm>
                        }
                        .into_any()
                    }
                };
                view! {
                    <p data-test="seats">{seats}</p>
                    {action}
                }
                .into_any()
            }
            Some(standing) => {
                let (headline, leave, confirm, keep) = match standing {
                    Standing::Registered => (
                        standing.youth_message(),
                        "Annuler ma place",
                        "Oui, annuler ma place",
                        "Non, je garde ma place",
                    ),
                    Standing::Waiting { .. } => (
                        standing.youth_message(),
                        "Quitter la liste d'attente",
                        "Oui, quitter la liste d'attente",
                        "Non, je reste sur la liste",
                    ),
                };
                let detail = match standing {
                    Standing::Registered => format!(
                        "Un empêchement ? Annulez avant le {} pour libérer la place.",
                        format_instant(place.cancellation_closes_at)
                    ),
                    Standing::Waiting { .. } => "Si une place se libère, elle vous est donnée automatiquement et vous êtes prévenu·e.".to_owned(),
                };
                let leave_part = match &place.cancel_refusal {
                    Some(refusal) => view! {
                        <p class="notice" data-test="cancel-refusal">{refusal.clone()}</p>
                    }
                        .into_any(),
                    None => view! {
                        <Show
                            when=move || confirming.get()
                            fallback=move || view! {
                                <a
                                    class="button button--secondary"
                                    href=format!("/ateliers/{session_id}/annuler")
                                    data-test="cancel"
                                    on:click=move |event| {
                                        event.prevent_default();
                                        confirming.set(true);
                                    }
                                >
                                    {leave}
                                </a>
                            }
                        >
                            <div class="confirm" role="group" aria-label=leave data-test="cancel-confirmation">
                                <ActionForm action=cancel attr:data-test="cancel-form">
                                    <input type="hidden" name="session_id" value=session_id/>
                                    <button type="submit" class="button button--danger" data-test="confirm-cancel" disabled=pending>
                                        {confirm}
                                    </button>
                                </ActionForm>
                                <button type="button" class="button button--secondary" data-test="keep-place" on:click=move |_| confirming.set(false)>
                                    {keep}
                                </button>
                            </div>
                        </Show>
                    }
                        .into_any(),
                };
                view! {
                    <p class="enrolment__standing" data-test="standing" data-standing=match standing {
                        Standing::Registered => "registered",
                        Standing::Waiting { .. } => "waiting",
                    }>
                        <strong>{headline}</strong>
                    </p>
                    <p>{detail}</p>
                    {leave_part}
                }
                    .into_any()
            }
        }
    };

    view! {
        <section
            class="enrolment card"
            aria-labelledby="enrolment-title"
            data-test="enrolment"
            data-hydrated=move || hydrated.get().then_some("true")
        >
            <h2 id="enrolment-title">"Ma place"</h2>
            <div aria-live="polite">
                {move || state.get().message.map(|message| view! {
                    <p class="notice notice--success" role="status" data-test="enrolment-message">{message}</p>
                })}
                {move || error.get().map(|message| view! {
                    <p class="notice notice--error" role="alert" data-test="form-error">{message}</p>
                })}
            </div>
            {body}
        </section>
    }
}
