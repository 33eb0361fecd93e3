use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::domain::{
    PlanningOptions, SessionDetails, SessionId, SessionStatus, format_instant, format_session_date,
    format_session_hours,
};

use super::change_session::ChangeSession;
use super::roster::RosterSection;
use crate::components::{ErrorNotice, FormError, SuccessNotice, id_param};
use crate::server_fns::{CancelSession, UpdateSession, load_planning_options, view_session};

/// `/seances/:id`: a session for staff — details, warnings, history; its planners change it,
/// move it, or cancel it (alone, with the following ones, or the whole series).
#[component]
pub fn SessionPage() -> impl IntoView {
    let id: SessionId = id_param("id");
    let query = use_query_map().read_untracked();
    let notice = if query.get("enregistre").is_some() {
        Some("Modifications enregistrées.".to_owned())
    } else {
        query
            .get("annulees")
            .map(|count| format!("Annulation enregistrée ({count} séance(s))."))
    };
    let update = ServerAction::<UpdateSession>::new();
    let cancel = ServerAction::<CancelSession>::new();
    let details = Resource::new_blocking(move || id, view_session);
    let options = Resource::new_blocking(|| (), |_| async { load_planning_options().await.ok() });
    view! {
        <Title text="Séance — Ateliers" />
        <p>
            <a href="/agenda">"← Agenda"</a>
        </p>
        {notice.map(|notice| view! { <SuccessNotice notice /> })}
        <FormError error=update.value().get_untracked().and_then(Result::err) />
        <FormError error=cancel.value().get_untracked().and_then(Result::err) />
        <Suspense fallback=|| {
            view! { <p>"Chargement…"</p> }
        }>
            {move || Suspend::new(async move {
                let options = options.await;
                match details.await {
                    Ok(details) => {
                        view! { <SessionDetailsView details options update cancel /> }.into_any()
                    }
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn SessionDetailsView(
    details: SessionDetails,
    options: Option<PlanningOptions>,
    update: ServerAction<UpdateSession>,
    cancel: ServerAction<CancelSession>,
) -> impl IntoView {
    let SessionDetails {
        id,
        title,
        theme,
        mission_locale,
        status,
        starts_at,
        ends_at,
        place,
        capacity,
        counsellors,
        facilitators,
        audience,
        enrolment_opens_at,
        enrolment_closes_at,
        note_for_youths,
        series,
        cancellation_reason,
        warnings,
        history,
        edit_form,
    } = details;
    let status_label = match status {
        SessionStatus::Draft => "Brouillon",
        SessionStatus::Published => "Publiée",
        SessionStatus::Cancelled => "Annulée",
    };
    let in_series = series.is_some();
    let contacts = |people: Vec<shared::domain::ContactView>| {
        people
            .into_iter()
            .map(|person| {
                let reach = [person.email, person.phone]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" · ");
                view! { <li>{format!("{} — {reach}", person.name)}</li> }
            })
            .collect_view()
    };
    view! {
        <h1 data-test="session-title">{title}</h1>
        <p class="lead" data-test="session-when">
            {format!(
                "{} · {}",
                format_session_date(starts_at),
                format_session_hours(starts_at, ends_at),
            )}
        </p>
        <p data-test="session-status" data-status=status.code()>
            {format!("{status_label} · {} · {mission_locale}", theme.label())}
        </p>
        {cancellation_reason
            .map(|reason| {
                view! {
                    <p class="notice notice--error" data-test="cancellation">
                        {format!("Séance annulée : {reason}")}
                    </p>
                }
            })}
        {(!warnings.is_empty())
            .then(|| {
                view! {
                    <div class="notice" role="note" data-test="warnings">
                        {warnings
                            .into_iter()
                            .map(|warning| view! { <p>{format!("Attention : {warning}")}</p> })
                            .collect_view()}
                    </div>
                }
            })}
        <dl class="record">
            <dt>"Lieu"</dt>
            <dd data-test="session-place">{format!("{} — {}", place.name, place.address)}</dd>
            <dt>"Places"</dt>
            <dd>{capacity}</dd>
            <dt>"Public"</dt>
            <dd>{audience}</dd>
            <dt>"Inscriptions"</dt>
            <dd>
                {format!(
                    "{} jusqu'au {}",
                    enrolment_opens_at
                        .map(|at| format!("à partir du {},", format_instant(at)))
                        .unwrap_or_else(|| "dès la publication,".into()),
                    format_instant(enrolment_closes_at),
                )}
            </dd>
            {series
                .clone()
                .map(|series| {
                    view! {
                        <dt>"Cycle"</dt>
                        <dd data-test="series">
                            {format!("Séance {} sur {}", series.position, series.count)}
                        </dd>
                    }
                })}
            {(!note_for_youths.is_empty())
                .then(|| {
                    view! {
                        <dt>"Mot pour les jeunes"</dt>
                        <dd>{note_for_youths}</dd>
                    }
                })}
        </dl>
        {series
            .map(|series| {
                view! {
                    <h2>"Les séances du cycle"</h2>
                    <ol class="series-sessions" data-test="series-sessions">
                        {series
                            .sessions
                            .into_iter()
                            .map(|sibling| {
                                let label = format!(
                                    "{}, {}{}",
                                    format_session_date(sibling.starts_at),
                                    format_session_hours(sibling.starts_at, sibling.ends_at),
                                    match sibling.status {
                                        SessionStatus::Cancelled => " (annulée)",
                                        SessionStatus::Draft => " (brouillon)",
                                        SessionStatus::Published => "",
                                    },
                                );
                                let current = sibling.id == id;
                                view! {
                                    <li
                                        data-test="series-session"
                                        data-status=sibling.status.code()
                                    >
                                        {if current {
                                            view! { <strong aria-current="page">{label}</strong> }
                                                .into_any()
                                        } else {
                                            view! {
                                                <a href=format!("/seances/{}", sibling.id)>{label}</a>
                                            }
                                                .into_any()
                                        }}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ol>
                }
            })}
        <h2>"Animation"</h2>
        <ul data-test="session-counsellors">{contacts(counsellors)}</ul>
        <h3>"Intervenants invités"</h3>
        <ul data-test="session-facilitators">{contacts(facilitators)}</ul>
        <p>
            <a href=format!(
                "/ateliers/{id}",
            )>"Page publique de la séance (à partager avec les jeunes)"</a>
        </p>
        {(status == SessionStatus::Published)
            .then(|| {
                view! {
                    <p>
                        <a
                            class="button"
                            href=format!("/seances/{id}/emargement")
                            data-test="attendance-link"
                        >
                            "Émargement : appel, pointage, signatures"
                        </a>
                    </p>
                }
            })}
        <RosterSection id />
        {edit_form
            .zip(options)
            .map(|(form, options)| {
                view! { <ChangeSession id in_series form options update cancel /> }
            })}
        <h2>"Historique"</h2>
        <ul class="history" data-test="session-history">
            {history
                .into_iter()
                .map(|line| {
                    view! {
                        <li>
                            {format!(
                                "{} — {} : {}",
                                format_instant(line.at),
                                line.who,
                                line.summary,
                            )}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
