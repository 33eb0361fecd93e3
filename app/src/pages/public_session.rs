use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use shared::domain::{PlaceView, SessionStatus, format_session_date, format_session_hours};

use crate::components::ErrorNotice;
use crate::server_fns::{list_facilitator_sessions, view_public_session};

/// `/ateliers/:id`: the page of a session to share with youths — what, when, where, for whom.
/// No personal data, no sign-in, no script.
#[component]
pub fn PublicSessionPage() -> impl IntoView {
    let id = use_params_map()
        .read_untracked()
        .get("id")
        .and_then(|id| id.parse::<i32>().ok())
        .unwrap_or(0);
    let session = Resource::new_blocking(move || id, view_public_session);
    view! {
        <Suspense fallback=|| view! { <p>"Chargement…"</p> }>
            {move || Suspend::new(async move {
                match session.await {
                    Ok(session) => {
                        let title = session.title.clone();
                        view! {
                            <Title text=format!("{title} — Ateliers")/>
                            <article class="public-session" data-test="public-session">
                                <p class="session-card__theme">{session.theme.label()}</p>
                                <h1>{session.title}</h1>
                                {(session.status == SessionStatus::Cancelled).then(|| view! {
                                    <p class="notice notice--error" data-test="cancellation">
                                        {format!("Cette séance est annulée : {}", session.cancellation_reason.clone().unwrap_or_default())}
                                    </p>
                                })}
                                <p class="lead" data-test="session-when">
                                    {format!("{} · {}", format_session_date(session.starts_at), format_session_hours(session.starts_at, session.ends_at))}
                                </p>
                                <p>{session.description}</p>
                                <PlaceDetails place=session.place/>
                                <dl class="record">
                                    {(!session.what_to_bring.is_empty()).then(|| view! { <dt>"À apporter"</dt><dd>{session.what_to_bring.clone()}</dd> })}
                                    {(!session.suits.is_empty()).then(|| view! { <dt>"Pour qui"</dt><dd>{session.suits.clone()}</dd> })}
                                    <dt>"Places"</dt>
                                    <dd>{session.capacity}</dd>
                                    <dt>"Public"</dt>
                                    <dd>{session.audience}</dd>
                                    <dt>"Organisé par"</dt>
                                    <dd>{session.mission_locale}</dd>
                                </dl>
                                {(!session.note_for_youths.is_empty()).then(|| view! { <p class="notice">{session.note_for_youths.clone()}</p> })}
                            </article>
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
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
            <p><strong>{place.name}</strong></p>
            <p>{place.address} " · " <a href=map rel="noopener">"Voir sur la carte"</a></p>
            {(!place.access_notes.is_empty()).then(|| view! {
                <ul class="place__access">
                    {place.access_notes.into_iter().map(|note| view! { <li>{note}</li> }).collect_view()}
                </ul>
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
        <Title text="Mes séances — Ateliers"/>
        <h1>"Mes séances"</h1>
        <Suspense fallback=|| view! { <p>"Chargement…"</p> }>
            {move || Suspend::new(async move {
                match agenda.await {
                    Ok(agenda) => {
                        let section = |title: &'static str, test: &'static str, sessions: Vec<shared::domain::FacilitatorSession>| {
                            view! {
                                <h2>{title}</h2>
                                {if sessions.is_empty() {
                                    view! { <p class="notice" data-test=format!("{test}-empty")>"Aucune séance."</p> }.into_any()
                                } else {
                                    view! {
                                        <ul class="session-list" data-test=test>
                                            {sessions.into_iter().map(|session| view! {
                                                <li class="card" data-test="facilitator-session" data-status=session.status.code()>
                                                    <p class="session-card__theme">{session.theme.label()}</p>
                                                    <h3>{session.title}</h3>
                                                    <p class="session-card__date" data-test="session-when">
                                                        {format!("{} · {}", format_session_date(session.starts_at), format_session_hours(session.starts_at, session.ends_at))}
                                                    </p>
                                                    {session.cancellation_reason.map(|reason| view! {
                                                        <p class="notice notice--error">{format!("Annulée : {reason}")}</p>
                                                    })}
                                                    <PlaceDetails place=session.place/>
                                                    <p>{format!("Sujet : {}", session.description)}</p>
                                                    <p>{format!("Places : {}", session.capacity)}</p>
                                                    <p>"Contact :"</p>
                                                    <ul>
                                                        {session.contacts.into_iter().map(|contact| {
                                                            let reach = [contact.email, contact.phone].into_iter().flatten().collect::<Vec<_>>().join(" · ");
                                                            view! { <li>{format!("{} — {reach}", contact.name)}</li> }
                                                        }).collect_view()}
                                                    </ul>
                                                </li>
                                            }).collect_view()}
                                        </ul>
                                    }.into_any()
                                }}
                            }
                        };
                        view! {
                            {section("À venir", "upcoming-sessions", agenda.upcoming)}
                            {section("Passées", "past-sessions", agenda.past)}
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
