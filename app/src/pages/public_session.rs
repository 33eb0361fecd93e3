use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::domain::{
    PlaceView, SessionId, SessionStatus, format_session_date, format_session_hours,
};

use crate::components::{EnrolmentPanel, ErrorNotice, FormError, id_param, loaded};
use crate::server_fns::{
    CancelEnrolment, EnrolInSession, list_facilitator_sessions, view_public_session,
    view_youth_place,
};

fn session_id_param() -> SessionId {
    id_param("id")
}

/// `/ateliers/:id`: the page of a session — what, when, where, for whom, seats left. Shared
/// with anyone: no personal data and no script. A signed-in youth also sees who leads it and
/// their place (enrol, waiting list, cancel) in plain forms: the page loads no script at all.
#[component]
pub fn PublicSessionPage() -> impl IntoView {
    let id = session_id_param();
    let session = Resource::new_blocking(move || id, view_public_session);
    let place = Resource::new_blocking(move || id, view_youth_place);
    let enrol = ServerAction::<EnrolInSession>::new();
    let cancel = ServerAction::<CancelEnrolment>::new();
    let refused = enrol
        .value()
        .get_untracked()
        .or_else(|| cancel.value().get_untracked())
        .and_then(Result::err)
        .map(|error| error.message().to_owned());
    let query = use_query_map();
    let enrolled = query.read_untracked().get("inscrit").is_some();
    let cancelled = query.read_untracked().get("annulee").is_some();
    let enrol_path = <EnrolInSession as leptos::server_fn::ServerFn>::PATH;
    let panel = move || {
        let refused = refused.clone();
        Suspend::new(async move {
            match place.await {
                Ok(Some(mut place)) => {
                    // Back from a form: say what just happened, as the page now shows it.
                    place.message = match place.standing {
                        Some(standing) if enrolled => Some(standing.youth_message()),
                        None if cancelled => Some("Votre place est annulée. Merci d'avoir prévenu : elle pourra servir à quelqu'un d'autre.".into()),
                        _ => None,
                    };
                    view! { <EnrolmentPanel place error=refused enrol_path /> }.into_any()
                }
                // Not a youth, or not signed in: the page is the shareable one.
                Ok(None) | Err(_) => ().into_any(),
            }
        })
    };
    view! {
        <Suspense fallback=|| {
            view! { <p>"Chargement…"</p> }
        }>
            {move || {
                let panel = panel.clone();
                Suspend::new(async move {
                    match session.await {
                        Ok(session) => {
                            let title = session.title.clone();
                            view! {
                                <Title text=format!("{title} — Ateliers") />
                                <article class="public-session" data-test="public-session">
                                    <p class="session-card__theme">{session.theme.label()}</p>
                                    <h1>{session.title}</h1>
                                    {(session.status == SessionStatus::Cancelled)
                                        .then(|| {
                                            view! {
                                                <p class="notice notice--error" data-test="cancellation">
                                                    {format!(
                                                        "Cette séance est annulée : {}",
                                                        session.cancellation_reason.clone().unwrap_or_default(),
                                                    )}
                                                </p>
                                            }
                                        })}
                                    <p class="lead" data-test="session-when">
                                        {format!(
                                            "{} · {}",
                                            format_session_date(session.starts_at),
                                            format_session_hours(session.starts_at, session.ends_at),
                                        )}
                                    </p>
                                    <p>{session.description}</p>
                                    <PlaceDetails place=session.place />
                                    <Suspense fallback=|| ()>{panel.clone()}</Suspense>
                                    <dl class="record">
                                        {(!session.what_to_bring.is_empty())
                                            .then(|| {
                                                view! {
                                                    <dt>"À apporter"</dt>
                                                    <dd>{session.what_to_bring.clone()}</dd>
                                                }
                                            })}
                                        {(!session.suits.is_empty())
                                            .then(|| {
                                                view! {
                                                    <dt>"Pour qui"</dt>
                                                    <dd>{session.suits.clone()}</dd>
                                                }
                                            })} <dt>"Places"</dt>
                                        <dd data-test="public-seats">
                                            {match session.seats_left {
                                                0 => {
                                                    format!(
                                                        "{} places, complet — liste d'attente ouverte",
                                                        session.capacity,
                                                    )
                                                }
                                                1 => format!("{} places, 1 restante", session.capacity),
                                                left => {
                                                    format!("{} places, {left} restantes", session.capacity)
                                                }
                                            }}
                                        </dd>
                                        {(!session.facilitators.is_empty())
                                            .then(|| {
                                                view! {
                                                    <dt>"Animé par"</dt>
                                                    <dd data-test="facilitators">
                                                        {session.facilitators.join(", ")}
                                                    </dd>
                                                }
                                            })} <dt>"Public"</dt> <dd>{session.audience}</dd>
                                        <dt>"Organisé par"</dt> <dd>{session.mission_locale}</dd>
                                    </dl>
                                    {(!session.note_for_youths.is_empty())
                                        .then(|| {
                                            view! {
                                                <p class="notice">{session.note_for_youths.clone()}</p>
                                            }
                                        })}
                                </article>
                            }
                                .into_any()
                        }
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// The address (with a map link) and how to get in.
#[component]
pub fn PlaceDetails(place: PlaceView) -> impl IntoView {
    let map = format!(
        "https://www.openstreetmap.org/search?query={}",
        place.address.replace(' ', "+")
    );
    view! {
        <div class="place" data-test="place">
            <p>
                <strong>{place.name}</strong>
            </p>
            <p>
                {place.address} " · " <a href=map rel="noopener">
                    "Voir sur la carte"
                </a>
            </p>
            {(!place.access_notes.is_empty())
                .then(|| {
                    view! {
                        <ul class="place__access">
                            {place
                                .access_notes
                                .into_iter()
                                .map(|note| view! { <li>{note}</li> })
                                .collect_view()}
                        </ul>
                    }
                })}
        </div>
    }
}

/// `/mes-seances`: a guest facilitator's sessions, upcoming and past — when, where, how to get in,
/// whom to call. Nothing else of Ateliers is theirs to see.
#[component]
pub fn FacilitatorSessionsPage() -> impl IntoView {
    let agenda = Resource::new_blocking(|| (), |_| list_facilitator_sessions());
    view! {
        <Title text="Mes séances — Ateliers" />
        <h1>"Mes séances"</h1>
        <p>
            <a href="/mon-agenda" data-test="link-my-calendar">
                "Ajouter mes séances à mon agenda"
            </a>
        </p>
        {loaded(
            agenda,
            move |agenda| {
                let section = |
                    title: &'static str,
                    test: &'static str,
                    sessions: Vec<shared::domain::FacilitatorSession>|
                {
                    view! {
                        <h2>{title}</h2>
                        {if sessions.is_empty() {
                            view! {
                                <p class="notice" data-test=format!("{test}-empty")>
                                    "Aucune séance."
                                </p>
                            }
                                .into_any()
                        } else {
                            view! {
                                <ul class="session-list" data-test=test>
                                    {sessions
                                        .into_iter()
                                        .map(|session| {
                                            view! {
                                                <li
                                                    class="card"
                                                    data-test="facilitator-session"
                                                    data-status=session.status.code()
                                                >
                                                    <p class="session-card__theme">{session.theme.label()}</p>
                                                    <h3>{session.title}</h3>
                                                    <p class="session-card__date" data-test="session-when">
                                                        {format!(
                                                            "{} · {}",
                                                            format_session_date(session.starts_at),
                                                            format_session_hours(session.starts_at, session.ends_at),
                                                        )}
                                                    </p>
                                                    {session
                                                        .cancellation_reason
                                                        .map(|reason| {
                                                            view! {
                                                                <p class="notice notice--error">
                                                                    {format!("Annulée : {reason}")}
                                                                </p>
                                                            }
                                                        })}
                                                    <PlaceDetails place=session.place />
                                                    <p>{format!("Sujet : {}", session.description)}</p>
                                                    {(session.status
                                                        == shared::domain::SessionStatus::Published)
                                                        .then(|| {
                                                            view! {
                                                                <p>
                                                                    <a
                                                                        class="button"
                                                                        href=format!("/seances/{}/emargement", session.id)
                                                                        data-test="facilitator-attendance"
                                                                    >
                                                                        "Émargement"
                                                                    </a>
                                                                </p>
                                                            }
                                                        })}
                                                    <p data-test="facilitator-registered">
                                                        {format!(
                                                            "{} jeune(s) inscrit(s) sur {} places",
                                                            session.registered,
                                                            session.capacity,
                                                        )}
                                                    </p>
                                                    {(!session.first_names.is_empty())
                                                        .then(|| {
                                                            view! {
                                                                <p>
                                                                    {format!("Prénoms : {}", session.first_names.join(", "))}
                                                                </p>
                                                            }
                                                        })}
                                                    <p>"Contact :"</p>
                                                    <ul>
                                                        {session
                                                            .contacts
                                                            .into_iter()
                                                            .map(|contact| {
                                                                let reach = [contact.email, contact.phone]
                                                                    .into_iter()
                                                                    .flatten()
                                                                    .collect::<Vec<_>>()
                                                                    .join(" · ");
                                                                view! { <li>{format!("{} — {reach}", contact.name)}</li> }
                                                            })
                                                            .collect_view()}
                                                    </ul>
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            }
                                .into_any()
                        }}
                    }
                };
                view! {
                    {section("À venir", "upcoming-sessions", agenda.upcoming)}
                    {section("Passées", "past-sessions", agenda.past)}
                }
                    .into_any()
            },
        )}
    }
}

/// `/ateliers/:id/annuler`: the confirmation before a youth gives up their place. Opening this page, as a mail
/// scanner following a link would, changes nothing: only its form's POST cancels.
#[component]
pub fn CancelEnrolmentPage() -> impl IntoView {
    let id = session_id_param();
    let session = Resource::new_blocking(move || id, view_public_session);
    let place = Resource::new_blocking(move || id, view_youth_place);
    let cancel = ServerAction::<CancelEnrolment>::new();
    view! {
        <Title text="Annuler ma place — Ateliers" />
        <h1>"Annuler ma place"</h1>
        <FormError error=cancel.value().get_untracked().and_then(Result::err) />
        <Suspense fallback=|| {
            view! { <p>"Chargement…"</p> }
        }>
            {move || Suspend::new(async move {
                let back = format!("/ateliers/{id}");
                match (session.await, place.await) {
                    (Ok(session), Ok(Some(place))) => {
                        let when = format!(
                            "{} · {}",
                            format_session_date(session.starts_at),
                            format_session_hours(session.starts_at, session.ends_at),
                        );
                        match (place.standing, place.cancel_refusal) {
                            (None, _) => {
                                view! {
                                    <p class="notice" data-test="no-place">
                                        "Vous n'avez pas de place à cette séance."
                                    </p>
                                    <p>
                                        <a href=back>"Retour à la séance"</a>
                                    </p>
                                }
                                    .into_any()
                            }
                            (Some(_), Some(refusal)) => {
                                view! {
                                    <p class="notice" data-test="cancel-refusal">
                                        {refusal}
                                    </p>
                                    <p>
                                        <a href=back>"Retour à la séance"</a>
                                    </p>
                                }
                                    .into_any()
                            }
                            (Some(standing), None) => {
                                let (question, confirm) = match standing {
                                    shared::domain::Standing::Registered => {
                                        (
                                            "Voulez-vous vraiment annuler votre place ?",
                                            "Oui, annuler ma place",
                                        )
                                    }
                                    shared::domain::Standing::Waiting { .. } => {
                                        (
                                            "Voulez-vous vraiment quitter la liste d'attente ?",
                                            "Oui, quitter la liste d'attente",
                                        )
                                    }
                                };
                                view! {
                                    <p class="lead">{format!("{} — {when}", session.title)}</p>
                                    <p>{question}</p>
                                    <ActionForm action=cancel attr:data-test="cancel-form">
                                        <input
                                            type="hidden"
                                            name="session_id"
                                            value=id.to_string()
                                        />
                                        <button
                                            type="submit"
                                            class="button button--danger button--large"
                                            data-test="confirm-cancel"
                                        >
                                            {confirm}
                                        </button>
                                    </ActionForm>
                                    <p>
                                        <a href=back data-test="keep-place">
                                            "Non, revenir à la séance"
                                        </a>
                                    </p>
                                }
                                    .into_any()
                            }
                        }
                    }
                    (Ok(_), Ok(None)) => {
                        view! {
                            <ErrorNotice error=crate::error::AppError::Forbidden(
                                shared::error::FORBIDDEN_MESSAGE.into(),
                            ) />
                        }
                            .into_any()
                    }
                    (Err(error), _) | (_, Err(error)) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
