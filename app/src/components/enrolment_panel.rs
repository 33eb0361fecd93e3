use leptos::prelude::*;
use shared::domain::{Standing, YouthPlaceView};

/// A youth's place at a session: enrol in one tap, see "registered" or "number N on the waiting
/// list", cancel after confirming.
///
/// Plain HTML, no wasm: the button is a form posting to its server function, which sends the
/// browser back to this page showing the new place; "cancel" is a link to the page that asks
/// for confirmation (`/ateliers/:id/annuler`), never a GET that cancels. A page reload of a few
/// kilobytes costs a youth's phone far less than the ~160 KB of wasm an island would need
/// (issue 22, docs/benchmarks.md).
#[component]
pub fn EnrolmentPanel(
    place: YouthPlaceView,
    /// The refusal of the last form posted, if any.
    error: Option<String>,
    /// The enrol server function's URL.
    enrol_path: &'static str,
) -> impl IntoView {
    let session_id = place.session_id;
    let seats = match place.seats_left {
        0 => format!("Complet — {} sur la liste d'attente", place.waiting),
        1 => "1 place restante".to_owned(),
        seats => format!("{seats} places restantes"),
    };
    let body = match place.standing {
        None => {
            let action = match place.enrol_refusal {
                Some(refusal) => view! {
                    <p class="notice" data-test="enrol-refusal">
                        {refusal}
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
                        <form method="post" action=enrol_path data-test="enrol-form">
                            <input type="hidden" name="session_id" value=session_id.to_string() />
                            <button
                                type="submit"
                                class="button button--primary button--large"
                                data-test="enrol"
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
            let (leave, detail) = match standing {
                Standing::Registered => (
                    "Annuler ma place",
                    format!(
                        "Un empêchement ? Annulez avant le {} pour libérer la place.",
                        place.cancel_until
                    ),
                ),
                Standing::Waiting { .. } => (
                    "Quitter la liste d'attente",
                    "Si une place se libère, elle vous est donnée automatiquement et vous êtes prévenu·e.".to_owned(),
                ),
            };
            let leave_part = match place.cancel_refusal {
                Some(refusal) => view! {
                    <p class="notice" data-test="cancel-refusal">
                        {refusal}
                    </p>
                }
                .into_any(),
                None => view! {
                    <a
                        class="button button--secondary"
                        href=format!("/ateliers/{session_id}/annuler")
                        data-test="cancel"
                    >
                        {leave}
                    </a>
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
                    <strong>{standing.youth_message()}</strong>
                </p>
                <p>{detail}</p>
                {leave_part}
            }
            .into_any()
        }
    };

    view! {
        <section class="enrolment card" aria-labelledby="enrolment-title" data-test="enrolment">
            <h2 id="enrolment-title">"Ma place"</h2>
            <div aria-live="polite">
                {place
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
                    })}
                {error
                    .map(|message| {
                        view! {
                            <p class="notice notice--error" role="alert" data-test="form-error">
                                {message}
                            </p>
                        }
                    })}
            </div>
            {body}
        </section>
    }
}
