use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;
use shared::domain::{SessionCard, Theme};

use crate::components::{ErrorNotice, IslandsScripts, SessionCardView};
use crate::islands::{ThemeFilter, ThemeOption};
use crate::server_fns::list_upcoming_sessions;

/// `/ateliers`: the public list of upcoming workshop sessions, phone first.
#[component]
pub fn UpcomingSessionsPage() -> impl IntoView {
    let query = use_query_map();
    let selected_theme = move || {
        query
            .read()
            .get("theme")
            .and_then(|code| Theme::parse(&code))
            .map(|theme| theme.code().to_owned())
    };
    let sessions = Resource::new_blocking(|| (), |_| list_upcoming_sessions());

    view! {
        <Title text="Ateliers à venir — Ateliers" />
        <Meta
            name="description"
            content="Les ateliers collectifs des Missions Locales de Seine-Saint-Denis : CV, lettre de motivation, entretiens, et plus."
        />
        <h1>"Ateliers à venir"</h1>
        <p class="lead">
            "Les ateliers collectifs des Missions Locales de Seine-Saint-Denis, ouverts aux jeunes de 16 à 25 ans."
        </p>
        <Suspense fallback=|| {
            view! { <p>"Chargement des ateliers…"</p> }
        }>
            {move || Suspend::new(async move {
                match sessions.await {
                    Ok(sessions) if sessions.is_empty() => {
                        view! {
                            <p class="notice" data-test="no-sessions">
                                "Aucun atelier n'est programmé pour le moment. Revenez bientôt !"
                            </p>
                        }
                            .into_any()
                    }
                    Ok(sessions) => {
                        view! { <SessionList sessions selected=selected_theme() /> }.into_any()
                    }
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn SessionList(sessions: Vec<SessionCard>, selected: Option<String>) -> impl IntoView {
    let total = sessions.len();
    let options: Vec<ThemeOption> = Theme::ALL
        .into_iter()
        .filter_map(|theme| {
            let count = sessions
                .iter()
                .filter(|session| session.theme == theme)
                .count();
            (count > 0).then(|| ThemeOption {
                code: theme.code().to_owned(),
                label: theme.label().to_owned(),
                count,
            })
        })
        .collect();
    view! {
        <ThemeFilter selected options total>
            <ul class="session-list" data-test="session-list">
                {sessions
                    .into_iter()
                    .map(|session| {
                        let theme = session.theme.code();
                        view! {
                            <li class="session-list__item" data-theme=theme>
                                <SessionCardView session />
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </ThemeFilter>
        <IslandsScripts />
    }
}

#[cfg(test)]
mod tests {
    use shared::domain::Theme;

    /// The theme filter hides cards with CSS: every theme needs its rule.
    #[test]
    fn the_stylesheet_can_filter_every_theme() {
        let css = include_str!("../../style/main.css");
        for theme in Theme::ALL {
            let code = theme.code();
            let rule =
                format!(r#"[data-selected="{code}"] [data-theme]:not([data-theme="{code}"])"#);
            assert!(
                css.contains(&rule),
                "main.css lacks the filter rule for {code}"
            );
        }
    }
}
