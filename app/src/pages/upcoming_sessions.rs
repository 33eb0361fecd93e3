use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;
use shared::domain::{SessionCard, Theme};

use crate::components::{ErrorNotice, SessionCardView};
use crate::server_fns::list_upcoming_sessions;

/// `/ateliers`: the public list of upcoming workshop sessions, phone first. The first page a
/// youth meets: plain HTML and a few lines of inline script, no island and so no wasm.
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
    }
}

/// One choice of the theme filter, with how many sessions it would show.
struct ThemeOption {
    code: String,
    label: String,
    count: usize,
}

/// « 12 ateliers », as the status line under the filter says it.
fn sessions_shown(count: usize) -> String {
    match count {
        0 => "Aucun atelier".to_owned(),
        1 => "1 atelier".to_owned(),
        count => format!("{count} ateliers"),
    }
}

/// Filters at once when a theme is chosen, without a round trip over a slow mobile network:
/// sets `data-selected` on the list's wrapper (`main.css` hides the other themes) and copies
/// the chosen option's `data-status` into the status line. Marks the form enhanced.
const THEME_FILTER_SCRIPT: &str = r#"(function () {
  var form = document.querySelector('[data-test="theme-filter"]');
  if (!form) return;
  var select = form.querySelector("select");
  var results = document.querySelector(".theme-filter__results");
  var status = document.querySelector('[data-test="sessions-count"]');
  select.addEventListener("change", function () {
    results.dataset.selected = select.value;
    status.textContent = select.options[select.selectedIndex].dataset.status;
  });
  form.dataset.enhanced = "true";
})();"#;

/// The theme filter over a list of sessions: a GET form (the server renders `?theme=` already
/// filtered), which [`THEME_FILTER_SCRIPT`] makes instant. The children carry
/// `data-theme="<code>"`; only their wrapper's `data-selected` changes and the stylesheet hides
/// the others (one rule per theme in `main.css`).
#[component]
fn ThemeFilter(
    /// The theme selected when the page was rendered (`?theme=`), if any.
    selected: Option<String>,
    options: Vec<ThemeOption>,
    total: usize,
    children: Children,
) -> impl IntoView {
    let selected = selected.unwrap_or_default();
    let shown = options
        .iter()
        .find(|option| option.code == selected)
        .map_or(total, |option| option.count);
    view! {
        <form class="theme-filter" method="get" action="/ateliers" data-test="theme-filter">
            <label for="theme">"Thème"</label>
            <select id="theme" name="theme" data-test="theme-select">
                <option value="" selected=selected.is_empty() data-status=sessions_shown(total)>
                    {format!("Tous les thèmes ({total})")}
                </option>
                {options
                    .into_iter()
                    .map(|option| {
                        view! {
                            <option
                                value=option.code.clone()
                                selected=option.code == selected
                                data-status=sessions_shown(option.count)
                            >
                                {format!("{} ({})", option.label, option.count)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <button type="submit" class="button button--secondary">
                "Filtrer"
            </button>
        </form>
        <p class="theme-filter__status" role="status" data-test="sessions-count">
            {sessions_shown(shown)}
        </p>
        <div class="theme-filter__results" data-selected=selected>
            {children()}
        </div>
        <script nonce=leptos::nonce::use_nonce() inner_html=THEME_FILTER_SCRIPT></script>
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
