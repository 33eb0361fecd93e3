use leptos::prelude::*;
use shared::domain::{Standing, YouthPlaceView};

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
    /// The server functions' URLs, as the server knows them (the wasm is never asked to
    /// recompute them: a build whose hashes differ would post into the void).
    enrol_path: String,
    cancel_path: String,
) -> impl IntoView {
    let session_id = place.session_id;
    let state = RwSignal::new(place);
    let error = RwSignal::new(error);
    let confirming = RwSignal::new(false);
    let pending = RwSignal::new(false);
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    // With JavaScript, a form's submit posts the same fields to the same server function and
    // puts the answer in place; without it, the browser posts the form itself.
    let enrol_path = StoredValue::new(enrol_path);
    let cancel_path = StoredValue::new(cancel_path);
    let submit = move |event: leptos::ev::SubmitEvent, path: StoredValue<String>| {
        event.prevent_default();
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            match post_session_form(&path.get_value(), session_id).await {
                Ok(view) => {
                    state.set(view);
                    error.set(None);
                    confirming.set(false);
                }
                Err(message) => error.set(Some(message)),
            }
            pending.set(false);
        });
        #[cfg(not(feature = "hydrate"))]
        let _ = path;
    };

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
                        <p class="notice" data-test="enrol-refusal">
                            {refusal.clone()}
                        </p>
                    }
                    .into_any(),
                    None => {
                        let label = if place.seats_left == 0 {
                            "M'inscrire sur la liste d'attente"
                        } else {
                            "M'inscrire"
                        };
                        view! {
                            <form
                                method="post"
                                action=enrol_path.get_value()
                                data-test="enrol-form"
                                on:submit=move |event| submit(event, enrol_path)
                            >
                                <input
                                    type="hidden"
                                    name="session_id"
                                    value=session_id.to_string()
                                />
                                <button
                                    type="submit"
                                    class="button button--primary button--large"
                                    data-test="enrol"
                                    disabled=move || pending.get()
                                >
                                    {label}
                                </button>
                            </form>
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
                        place.cancel_until
                    ),
                    Standing::Waiting { .. } => "Si une place se libère, elle vous est donnée automatiquement et vous êtes prévenu·e.".to_owned(),
                };
                let leave_part = match &place.cancel_refusal {
                    Some(refusal) => view! {
                        <p class="notice" data-test="cancel-refusal">
                            {refusal.clone()}
                        </p>
                    }
                    .into_any(),
                    None => view! {
                        <Show
                            when=move || confirming.get()
                            fallback=move || {
                                view! {
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
                            }
                        >
                            <div
                                class="confirm"
                                role="group"
                                aria-label=leave
                                data-test="cancel-confirmation"
                            >
                                <form
                                    method="post"
                                    action=cancel_path.get_value()
                                    data-test="cancel-form"
                                    on:submit=move |event| submit(event, cancel_path)
                                >
                                    <input
                                        type="hidden"
                                        name="session_id"
                                        value=session_id.to_string()
                                    />
                                    <button
                                        type="submit"
                                        class="button button--danger"
                                        data-test="confirm-cancel"
                                        disabled=move || pending.get()
                                    >
                                        {confirm}
                                    </button>
                                </form>
                                <button
                                    type="button"
                                    class="button button--secondary"
                                    data-test="keep-place"
                                    on:click=move |_| confirming.set(false)
                                >
                                    {keep}
                                </button>
                            </div>
                        </Show>
                    }
                    .into_any(),
                };
                view! {
                    <p
                        class="enrolment__standing"
                        data-test="standing"
                        data-standing=match standing {
                            Standing::Registered => "registered",
                            Standing::Waiting { .. } => "waiting",
                        }
                    >
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
                {move || {
                    state
                        .get()
                        .message
                        .map(|message| {
                            view! {
                                <p
                                    class="notice notice--success"
                                    role="status"
                                    data-test="enrolment-message"
                                >
                                    {message}
                                </p>
                            }
                        })
                }}
                {move || {
                    error
                        .get()
                        .map(|message| {
                            view! {
                                <p class="notice notice--error" role="alert" data-test="form-error">
                                    {message}
                                </p>
                            }
                        })
                }}
            </div>
            {body}
        </section>
    }
}

/// Posts `session_id` to the server function at `path` and reads the new place, or the French
/// refusal.
#[cfg(feature = "hydrate")]
async fn post_session_form(
    path: &str,
    session_id: shared::domain::SessionId,
) -> Result<YouthPlaceView, String> {
    let body = super::post_form::post_form(path, &format!("session_id={session_id}")).await?;
    serde_json::from_str(&body).map_err(|_| super::post_form::NETWORK.to_owned())
}
