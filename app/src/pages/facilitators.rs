use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use shared::domain::FacilitatorForm;

use crate::components::{ErrorNotice, FormError};
use crate::server_fns::{
    ArchiveFacilitator, CreateFacilitator, UpdateFacilitator, list_facilitators, view_facilitator,
};

/// `/intervenants`: the guest facilitators (journalists, recruiters, associations).
#[component]
pub fn FacilitatorsPage() -> impl IntoView {
    let query = use_query_map().read_untracked();
    let notice = if query.get("ajoute").is_some() {
        Some("Intervenant·e ajouté·e : un lien de connexion lui a été envoyé par e-mail.")
    } else if query.get("enregistre").is_some() {
        Some("Modifications enregistrées.")
    } else if query.get("archive").is_some() {
        Some("Intervenant·e archivé·e : il ou elle ne peut plus se connecter.")
    } else {
        None
    };
    let facilitators = Resource::new_blocking(|| (), |_| list_facilitators());
    view! {
        <Title text="Intervenants — Ateliers"/>
        <h1>"Intervenants"</h1>
        {notice
            .map(|notice| {
                view! { <p class="notice notice--success" role="status" data-test="notice">{notice}</p> }
            })}
        <p class="actions">
            <a class="button" href="/intervenants/nouveau" data-test="new-facilitator">
                "Ajouter un intervenant"
            </a>
        </p>
        <Suspense fallback=|| view! { <p>"Chargement…"</p> }>
            {move || Suspend::new(async move {
                match facilitators.await {
                    Ok(facilitators) if facilitators.is_empty() => {
                        view! { <p class="notice">"Aucun intervenant pour l'instant."</p> }.into_any()
                    }
                    Ok(facilitators) => {
                        view! {
                            <ul class="people-list" data-test="facilitator-list">
                                {facilitators
                                    .into_iter()
                                    .map(|facilitator| {
                                        view! {
                                            <li class="people-list__item" data-test="facilitator-item">
                                                <a href=format!("/intervenants/{}", facilitator.id)>
                                                    {format!("{} {}", facilitator.first_name, facilitator.last_name)}
                                                </a>
                                                <span class="people-list__meta">
                                                    {facilitator.organisation}
                                                    {facilitator.email.map(|email| view! { " · " {email} })}
                                                    {facilitator.phone.map(|phone| view! { " · " {phone} })}
                                                </span>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// `/intervenants/nouveau`: add a guest facilitator; they receive a sign-in link.
#[component]
pub fn NewFacilitatorPage() -> impl IntoView {
    let create = ServerAction::<CreateFacilitator>::new();
    // Staff only: the list answers 401/403 for anyone else, before they fill anything in.
    let allowed = Resource::new_blocking(|| (), |_| list_facilitators());
    view! {
        <Title text="Ajouter un intervenant — Ateliers"/>
        <h1>"Ajouter un intervenant"</h1>
        <Suspense fallback=|| view! { <p>"Chargement…"</p> }>
            {move || Suspend::new(async move {
                match allowed.await {
                    Ok(_) => {
                        view! {
                            <FormError error=create.value().get_untracked().and_then(Result::err)/>
                            <ActionForm action=create attr:data-test="facilitator-form">
                                <FacilitatorFields form=FacilitatorForm::default()/>
                                <button type="submit" class="button" data-test="facilitator-submit">
                                    "Ajouter et envoyer le lien de connexion"
                                </button>
                            </ActionForm>
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// `/intervenants/:id`: correct a guest facilitator's details, or archive them.
#[component]
pub fn FacilitatorPage() -> impl IntoView {
    let id = use_params_map()
        .read_untracked()
        .get("id")
        .and_then(|id| id.parse::<i32>().ok())
        .unwrap_or_default();
    let update = ServerAction::<UpdateFacilitator>::new();
    let archive = ServerAction::<ArchiveFacilitator>::new();
    let facilitator = Resource::new_blocking(move || id, view_facilitator);
    view! {
        <Title text="Intervenant — Ateliers"/>
        <p>
            <a href="/intervenants">"← Tous les intervenants"</a>
        </p>
        <FormError error=update.value().get_untracked().and_then(Result::err)/>
        <FormError error=archive.value().get_untracked().and_then(Result::err)/>
        <Suspense fallback=|| view! { <p>"Chargement…"</p> }>
            {move || Suspend::new(async move {
                match facilitator.await {
                    Ok(form) => {
                        view! {
                            <h1>{format!("{} {}", form.first_name, form.last_name)}</h1>
                            <ActionForm action=update attr:data-test="facilitator-form">
                                <input type="hidden" name="id" value=id/>
                                <FacilitatorFields form/>
                                <button type="submit" class="button" data-test="facilitator-submit">
                                    "Enregistrer"
                                </button>
                            </ActionForm>
                            <ActionForm action=archive attr:class="danger-zone">
                                <input type="hidden" name="id" value=id/>
                                <p>
                                    "Archiver retire l'intervenant de la liste et l'empêche de se connecter. Les séances qu'il a animées gardent son nom."
                                </p>
                                <label class="checkbox">
                                    <input type="checkbox" name="confirm" required/>
                                    " Je confirme l'archivage"
                                </label>
                                <button type="submit" class="button button--danger" data-test="archive-facilitator">
                                    "Archiver"
                                </button>
                            </ActionForm>
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The fields of a facilitator's form, named `facilitator[...]`.
#[component]
fn FacilitatorFields(form: FacilitatorForm) -> impl IntoView {
    view! {
        <label for="f-first-name">"Prénom"</label>
        <input id="f-first-name" name="facilitator[first_name]" value=form.first_name required data-test="first-name"/>
        <label for="f-last-name">"Nom"</label>
        <input id="f-last-name" name="facilitator[last_name]" value=form.last_name required data-test="last-name"/>
        <label for="f-organisation">"Structure (journal, entreprise, association)"</label>
        <input id="f-organisation" name="facilitator[organisation]" value=form.organisation required data-test="organisation"/>
        <label for="f-email">"Adresse e-mail"</label>
        <input id="f-email" name="facilitator[email]" type="email" value=form.email required data-test="email"/>
        <label for="f-phone">"Téléphone (facultatif)"</label>
        <input id="f-phone" name="facilitator[phone]" type="tel" value=form.phone data-test="phone"/>
    }
}
