//! `/verifier`: anyone holding a PDF Ateliers issued (an auditor of the European Social Fund,
//! a counsellor) checks that it is authentic and unaltered, without an account.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use shared::domain::{DocumentVerdict, SealedDocument};

use crate::components::loaded;
use crate::server_fns::{check_document, seal_public_key, view_document_seal};

/// The upload form, and after an upload (`?empreinte=`, where `POST /verifier/fichier` leads)
/// the verdict on the file.
#[component]
pub fn VerifyDocumentPage() -> impl IntoView {
    let query = use_query_map().read_untracked();
    let fingerprint = query.get("empreinte");
    let empty = query.get("erreur").is_some();
    let verdict =
        fingerprint.map(|sha256| Resource::new_blocking(move || sha256.clone(), check_document));
    view! {
        <Title text="Vérifier un document — Ateliers" />
        <h1>"Vérifier un document"</h1>
        {verdict
            .map(|verdict| {
                view! {
                    {loaded(verdict, move |verdict| view! { <Verdict verdict /> })}
                    <h2>"Vérifier un autre fichier"</h2>
                }
            })}
        {empty
            .then(|| {
                view! {
                    <p class="notice notice--error" role="alert" data-test="verify-error">
                        "Choisissez le fichier PDF à vérifier (10 Mo au plus)."
                    </p>
                }
            })}
        <UploadForm />
        <PublicKey />
    }
}

/// `/verifier/:code`, what the PDF's QR code opens: what the document behind the code is, and
/// the form to check that the file in hand is that one.
#[component]
pub fn DocumentSealPage() -> impl IntoView {
    let code = use_params_map()
        .read_untracked()
        .get("code")
        .unwrap_or_default();
    let seal = Resource::new_blocking(move || code.clone(), view_document_seal);
    view! {
        <Title text="Vérifier un document — Ateliers" />
        <h1>"Vérifier un document"</h1>
        {loaded(
            seal,
            move |document| {
                view! {
                    <section class="card" data-test="seal">
                        <p>"Ce code correspond à un document délivré par Ateliers :"</p>
                        <Statement document />
                        <p>
                            "Pour vous assurer que le fichier que vous avez est bien celui-ci, sans modification, déposez-le ci-dessous."
                        </p>
                    </section>
                }
            },
        )}
        <UploadForm />
        <PublicKey />
    }
}

#[component]
fn Verdict(verdict: DocumentVerdict) -> impl IntoView {
    match verdict {
        DocumentVerdict::Authentic(document) => {
            let document = *document;
            view! {
                <section
                    class="card verdict verdict--authentic"
                    data-test="verdict"
                    data-authentic="true"
                >
                    <Statement document />
                </section>
            }
                .into_any()
        }
        DocumentVerdict::Unknown => {
            view! {
                <section
                    class="card verdict verdict--unknown"
                    role="alert"
                    data-test="verdict"
                    data-authentic="false"
                >
                    <p class="verdict__headline" data-test="verdict-headline">
                        <strong>{DocumentVerdict::Unknown.headline()}</strong>
                    </p>
                    <p>
                        "Ateliers ne reconnaît que les fichiers qu'il a délivrés, à l'octet près : un fichier ré-enregistré, imprimé puis scanné, ou venant d'une autre installation n'est pas reconnu. Demandez le document à la Mission Locale qui l'a délivré."
                    </p>
                </section>
            }
                .into_any()
        }
    }
}

#[component]
fn Statement(document: SealedDocument) -> impl IntoView {
    view! {
        <p class="verdict__headline" data-test="verdict-headline">
            <strong>{document.verdict()}</strong>
        </p>
        <p data-test="verdict-issuance">{document.issuance()}</p>
        <dl class="mail-headers">
            <dt>"Mission Locale"</dt>
            <dd>{document.mission_locale}</dd>
            <dt>"Code"</dt>
            <dd data-test="verdict-code">{document.code}</dd>
            <dt>"Empreinte SHA-256 du fichier"</dt>
            <dd data-test="verdict-sha256">{document.sha256}</dd>
        </dl>
    }
}

/// A plain multipart form (`POST /verifier/fichier`): it works without JavaScript.
#[component]
fn UploadForm() -> impl IntoView {
    view! {
        <form
            class="card"
            method="post"
            enctype="multipart/form-data"
            action="/verifier/fichier"
            data-test="verify-form"
        >
            <label for="verify-file">"Le fichier PDF à vérifier"</label>
            <input
                type="file"
                id="verify-file"
                name="document"
                accept="application/pdf,image/jpeg,image/png"
                required
                data-test="verify-file"
            />
            <button type="submit" class="button" data-test="verify-submit">
                "Vérifier"
            </button>
        </form>
    }
}

#[component]
fn PublicKey() -> impl IntoView {
    let key = Resource::new_blocking(|| (), |_| seal_public_key());
    view! {
        <details class="card">
            <summary>"Pour les spécialistes : la clé publique de la fédération"</summary>
            <p>
                "Chaque document délivré est enregistré avec son empreinte SHA-256 et une déclaration signée (Ed25519) par la clé de la fédération. Sa moitié publique, en base64url :"
            </p>
            {loaded(
                key,
                move |key| {
                    view! {
                        <p>
                            <code class="long-value" data-test="seal-public-key">
                                {key.public_key}
                            </code>
                        </p>
                    }
                },
            )}
        </details>
    }
}
