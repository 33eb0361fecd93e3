use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One choice of the theme filter, with how many sessions it would show.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThemeOption {
    pub code: String,
    pub label: String,
    pub count: usize,
}

/// The theme filter over a list of sessions. Without JavaScript it is a GET form (the server
/// renders `?theme=` already filtered); with it, choosing a theme filters at once, without a
/// round trip over a slow mobile network.
///
/// The children carry `data-theme="<code>"`; this island only sets `data-selected` on their
/// wrapper and the stylesheet hides the others (one rule per theme in `main.css`), so the list
/// itself stays plain server-rendered HTML.
#[island]
pub fn ThemeFilter(
    /// The theme selected when the page was rendered (`?theme=`), if any.
    selected: Option<String>,
    options: Vec<ThemeOption>,
    total: usize,
    children: Children,
) -> impl IntoView {
    let selected = RwSignal::new(selected.unwrap_or_default());
    // Effects only run in the browser: this marks the island as live (tests wait for it).
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let shown = {
        let options = options.clone();
        move || {
            let code = selected.get();
            options
                .iter()
                .find(|option| option.code == code)
                .map_or(total, |option| option.count)
        }
    };
    view! {
        <form
            class="theme-filter"
            method="get"
            action="/ateliers"
            data-test="theme-filter"
            data-hydrated=move || hydrated.get().then_some("true")
        >
            <label for="theme">"Thème"</label>
            <select
                id="theme"
                name="theme"
                data-test="theme-select"
                on:change=move |event| selected.set(event_target_value(&event))
            >
                <option value="" selected=move || selected.get().is_empty()>
                    {format!("Tous les thèmes ({total})")}
                </option>
                {options
                    .into_iter()
                    .map(|option| {
                        let code = option.code.clone();
                        view! {
                            <option
                                value=option.code.clone()
                                selected=move || selected.get() == code
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
            {move || match shown() {
                0 => "Aucun atelier".to_owned(),
                1 => "1 atelier".to_owned(),
                count => format!("{count} ateliers"),
            }}
        </p>
        <div class="theme-filter__results" data-selected=move || selected.get()>
            {children()}
        </div>
    }
}
