use leptos::prelude::*;
use shared::domain::{AttendanceDocumentView, SessionId, SheetCorrection};

/// The sheets kept as evidence (PDFs and scans, with their fingerprints), the reopenings of a
/// paper sheet and the corrections made after closing.
#[component]
pub(super) fn KeptSheets(
    session_id: SessionId,
    documents: Vec<AttendanceDocumentView>,
    reopenings: Vec<String>,
    corrections: Vec<SheetCorrection>,
) -> impl IntoView {
    view! {
        <section id="documents" aria-labelledby="feuilles">
            <h2 id="feuilles">"Feuilles gardées"</h2>
            {documents
                .is_empty()
                .then(|| {
                    view! {
                        <p>
                            "Aucune : la feuille est produite à la clôture, ou le scan de la feuille papier déposé."
                        </p>
                    }
                })}
            <ul data-test="sheet-documents">
                {documents
                    .into_iter()
                    .map(|document| {
                        view! {
                            <li>
                                <a
                                    href=format!(
                                        "/seances/{session_id}/emargement/documents/{}",
                                        document.id,
                                    )
                                    data-test="sheet-pdf"
                                    download=""
                                >
                                    {format!("{} — {}", document.label, document.made_at)}
                                </a>
                                <br />
                                <small class="fingerprint">
                                    {format!("Empreinte SHA-256 : {}", document.fingerprint)}
                                </small>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            {(!reopenings.is_empty())
                .then(|| {
                    view! {
                        <h3>"Réouvertures de la feuille papier"</h3>
                        <ul data-test="reopenings">
                            {reopenings
                                .into_iter()
                                .map(|line| view! { <li>{line}</li> })
                                .collect_view()}
                        </ul>
                    }
                })}
            {(!corrections.is_empty())
                .then(|| {
                    view! {
                        <h3>"Corrections après clôture"</h3>
                        <ul data-test="corrections">
                            {corrections
                                .into_iter()
                                .map(|correction| {
                                    view! {
                                        <li>
                                            {format!(
                                                "{} : {} → {} — {} (par {}, le {})",
                                                correction.youth,
                                                correction.from.label(),
                                                correction.to.label(),
                                                correction.reason,
                                                correction.by,
                                                correction.at,
                                            )}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                })}
        </section>
    }
}
