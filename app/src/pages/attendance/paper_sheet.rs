//! The paper fallback: the blank sheet to print, its scan to file, and reopening a filed sheet.

use leptos::prelude::*;
use shared::domain::SessionId;

use crate::server_fns::ReopenPaperSheet;

/// The paper fallback (no tablet, no network, no JavaScript): print the pre-filled sheet,
/// have it signed, upload its scan. A plain multipart form posting to an axum route
/// (`server/src/routes.rs::upload_paper_sheet`): server functions take no files without
/// JavaScript.
#[component]
pub(super) fn PaperSheetSection(
    session_id: SessionId,
    /// Only the organisers file the scan, which closes the sheet; a guest prints the sheet and
    /// hands it over.
    may_file: bool,
) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="feuille-papier" data-test="paper-sheet">
            <h2 id="feuille-papier">"Feuille papier"</h2>
            {if may_file {
                view! {
                    <p>
                        "Sans tablette ni réseau : imprimez la feuille pré-remplie (noms, colonne de signature vide), faites-la signer, puis déposez son scan ou sa photo. La feuille sera close, le scan gardé comme preuve ; les statuts déjà saisis restent tels quels."
                    </p>
                }
                    .into_any()
            } else {
                view! {
                    <p data-test="paper-sheet-for-guests">
                        "Sans tablette ni réseau : imprimez la feuille pré-remplie (noms, colonne de signature vide), faites-la signer, puis remettez-la à la Mission Locale qui organise la séance : elle en déposera le scan."
                    </p>
                }
                    .into_any()
            }}
            <p>
                <a
                    class="button button--secondary"
                    href=format!("/seances/{session_id}/emargement/a-signer.pdf")
                    data-test="print-blank-sheet"
                >
                    "Imprimer la feuille à signer (PDF)"
                </a>
            </p>
            {may_file
                .then(|| {
                    view! {
                        <form
                            method="post"
                            enctype="multipart/form-data"
                            action=format!("/seances/{session_id}/emargement/scan")
                            data-test="paper-scan-form"
                        >
                            <label for="paper-scan-file">
                                "Scan de la feuille signée (PDF, JPEG ou PNG, 10 Mo au plus)"
                            </label>
                            <input
                                type="file"
                                id="paper-scan-file"
                                name="scan"
                                accept="application/pdf,image/jpeg,image/png"
                                required
                                data-test="paper-scan-file"
                            />
                            <button type="submit" class="button" data-test="paper-scan-submit">
                                "Déposer le scan et clore la feuille"
                            </button>
                        </form>
                    }
                })}
        </section>
    }
}

/// An organiser reopens a paper sheet (a scan of the wrong sheet, an unreadable one, a youth
/// forgotten), with a reason kept in the audit log; the scan stays among the kept sheets.
#[component]
pub(super) fn ReopenPaperSection(
    session_id: SessionId,
    reopen: ServerAction<ReopenPaperSheet>,
) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="rouvrir" data-test="reopen-paper">
            <h2 id="rouvrir">"Rouvrir la feuille"</h2>
            <p>
                "Le scan déposé ne convient pas (mauvaise feuille, illisible, un·e jeune oublié·e) ? Rouvrez la feuille : l'appel reprend, puis déposez un nouveau scan ou clôturez à l'écran. Le scan déposé reste gardé comme preuve, et la réouverture est notée avec sa raison."
            </p>
            <ActionForm action=reopen attr:data-test="reopen-paper-form">
                <input type="hidden" name="session_id" value=session_id.to_string() />
                <label for="reopen-reason">"Raison de la réouverture"</label>
                <input
                    id="reopen-reason"
                    type="text"
                    name="reason"
                    required
                    minlength="5"
                    maxlength="500"
                    data-test="reopen-reason"
                />
                <button type="submit" class="button button--secondary" data-test="reopen-paper">
                    "Rouvrir la feuille"
                </button>
            </ActionForm>
        </section>
    }
}
