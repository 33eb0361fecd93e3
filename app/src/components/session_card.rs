use leptos::prelude::*;
use shared::domain::{SessionCard, format_session_date, format_session_hours};

/// One upcoming session as a youth sees it in a list.
#[component]
pub fn SessionCardView(session: SessionCard) -> impl IntoView {
    let date = format_session_date(session.starts_at);
    let hours = format_session_hours(session.starts_at, session.ends_at);
    let heading_id = format!("session-{}-title", session.id);
    let labelled_by = heading_id.clone();
    let seats = match session.seats_left {
        0 => "Complet — liste d'attente".to_owned(),
        1 => "1 place restante".to_owned(),
        left => format!("{left} places restantes"),
    };
    let standing = session.standing.map(|standing| match standing {
        shared::domain::Standing::Registered => "Vous êtes inscrit·e".to_owned(),
        shared::domain::Standing::Waiting { position } => {
            format!("Vous êtes n° {position} sur la liste d'attente")
        }
    });
    view! {
        <article class="session-card" data-test="session-card" aria-labelledby=labelled_by>
            <p class="session-card__theme" data-test="session-theme">
                {session.theme.label()}
            </p>
            <h2 class="session-card__title" id=heading_id data-test="session-title">
                <a href=format!("/ateliers/{}", session.id)>{session.title}</a>
            </h2>
            <p class="session-card__when" data-test="session-when">
                <span class="session-card__date">{date}</span>
                <br />
                <span class="session-card__hours">{hours}</span>
            </p>
            <p class="session-card__where" data-test="session-where">
                {session.venue_name}
                <br />
                <span class="session-card__address">{session.venue_address}</span>
            </p>
            <p class="session-card__meta">{session.mission_locale}</p>
            <p class="session-card__seats" data-test="session-seats">
                {seats}
            </p>
            {standing
                .map(|standing| {
                    view! {
                        <p class="session-card__standing" data-test="session-standing">
                            <strong>{standing}</strong>
                        </p>
                    }
                })}
        </article>
    }
}
