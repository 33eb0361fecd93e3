use leptos::prelude::*;
use shared::domain::{HalfDayNumber, SessionId};

use crate::components::SignaturePad;
use crate::server_fns::CloseAttendanceSheet;

/// Closing the half-day shown with the closer's signature (the last one closes the sheet), or
/// what must be done first.
#[component]
pub(super) fn CloseSheetSection(
    session_id: SessionId,
    half_day: HalfDayNumber,
    /// The sheet's only or last half-day: closing it closes the sheet.
    last_half_day: bool,
    not_closable_because: Vec<String>,
    close: ServerAction<CloseAttendanceSheet>,
) -> impl IntoView {
    let (title, explanation, pad) = if last_half_day {
        (
            "Signer et clôturer la feuille",
            "Signez en dernier : la feuille sera close et le PDF produit. Après, un statut ne change que par une correction motivée.",
            "Votre signature, pour clôturer la feuille",
        )
    } else {
        (
            "Signer et clôturer cette demi-journée",
            "Signez en dernier pour cette demi-journée : son appel est alors figé, la suivante reste ouverte. La feuille et son PDF sont produits à la clôture de la dernière demi-journée.",
            "Votre signature, pour clôturer cette demi-journée",
        )
    };
    view! {
        <section class="card" aria-labelledby="cloturer">
            <h2 id="cloturer">{title}</h2>
            {if not_closable_because.is_empty() {
                view! {
                    <p>{explanation}</p>
                    <ActionForm action=close attr:data-test="close-form">
                        <input type="hidden" name="session_id" value=session_id.to_string() />
                        <input type="hidden" name="half_day" value=half_day.index() />
                        <SignaturePad label=pad.to_owned() />
                        <noscript>
                            <p>
                                "La signature au doigt demande JavaScript : imprimez la feuille papier."
                            </p>
                        </noscript>
                        <button type="submit" class="button button--large" data-test="close-sheet">
                            "Signer et clôturer"
                        </button>
                    </ActionForm>
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
