use leptos::prelude::*;
use shared::domain::SessionId;

use crate::components::IslandsScripts;
use crate::islands::SignaturePad;
use crate::server_fns::CloseAttendanceSheet;

/// Closing the sheet with the closer's signature, or what must be done first.
#[component]
pub(super) fn CloseSheetSection(
    session_id: SessionId,
    not_closable_because: Vec<String>,
    close: ServerAction<CloseAttendanceSheet>,
) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="cloturer">
            <h2 id="cloturer">"Signer et clôturer la feuille"</h2>
            {if not_closable_because.is_empty() {
                view! {
                    <p>
                        "Signez en dernier : la feuille sera close et le PDF produit. Après, un statut ne change que par une correction motivée."
                    </p>
                    <ActionForm action=close attr:data-test="close-form">
                        <input type="hidden" name="session_id" value=session_id.to_string() />
                        <SignaturePad label="Votre signature, pour clôturer la feuille"
                            .to_owned() />
                        <noscript>
                            <p>
                                "La signature au doigt demande JavaScript : imprimez la feuille papier."
                            </p>
                        </noscript>
                        <button type="submit" class="button button--large" data-test="close-sheet">
                            "Signer et clôturer"
                        </button>
                    </ActionForm>
                    <IslandsScripts />
                }
                    .into_any()
            } else {
                view! {
                    <p>"Avant de clôturer :"</p>
                    <ul data-test="not-closable">
                        {not_closable_because
                            .into_iter()
                            .map(|reason| view! { <li>{reason}</li> })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </section>
    }
}
