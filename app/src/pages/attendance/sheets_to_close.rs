use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::loaded;
use crate::server_fns::list_sheets_to_close;

/// `/emargements`: the sheets still open once their session has started, oldest first — the
/// sessions under way, then those whose roll-call or signatures are missing.
#[component]
pub fn SheetsToClosePage() -> impl IntoView {
    let sheets = Resource::new_blocking(|| (), |_| list_sheets_to_close());
    view! {
        <Title text="Émargements à clôturer — Ateliers" />
        <h1>"Émargements à clôturer"</h1>
        <p class="lead">
            "Les séances commencées dont la feuille n'est pas encore close, de la plus ancienne à la plus récente."
        </p>
        {loaded(
            sheets,
            move |value| match value {
                sheets if sheets.is_empty() => {
                    view! {
                        <p class="notice" data-test="no-sheet-to-close">
                            "Toutes les feuilles sont closes."
                        </p>
                    }
                        .into_any()
                }
                sheets => {
                    view! {
                        <ul class="session-list" data-test="sheets-to-close">
                            {sheets
                                .into_iter()
                                .map(|sheet| {
                                    view! {
                                        <li class="card" data-test="sheet-to-close">
                                            <h2>
                                                <a href=format!(
                                                    "/seances/{}/emargement",
                                                    sheet.session_id,
                                                )>{sheet.title}</a>
                                            </h2>
                                            <p>
                                                {format!("{} · {}", sheet.when, sheet.mission_locale)}
                                            </p>
                                            <p>
                                                <strong>
                                                    {if sheet.under_way {
                                                        format!("En cours · {}", sheet.what_is_left)
                                                    } else {
                                                        sheet.what_is_left
                                                    }}
                                                </strong>
                                            </p>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                        .into_any()
                }
            },
        )}
    }
}
