use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::components::{ErrorNotice, FormError};
use crate::server_fns::{CreateFacilitator, list_facilitators};

/// `/intervenants`: the guest facilitators (journalists, recruiters, associations).
#[component]
pub fn FacilitatorsPage() -> impl IntoView {
    let added = use_query_map().read_untracked().get("ajoute").is_some();
    let facilitators = Resource::new_blocking(|| (), |_| list_facilitators());
    view! {
        <Title text="Intervenants — Ateliers"/>
        <h1>"Intervenants"</h1>
        {added
            .then(|| {
                view! {
                    <p class="notice notice--success" role="status" data-test="notice">
                        "Intervenant·e ajouté·e : un lien de connexion lui a été envoyé par e-mail."
                    </p>
                }
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
                                                <strong>{facilitator.first_name} " " {facilitator.last_name}</strong>
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
                                <label for="f-first-name">"Prénom"</label>
                                <input id="f-first-name" name="facilitator[first_name]" required data-test="first-name"/>
                                <label for="f-last-name">"Nom"</label>
                                <input id="f-last-name" name="facilitator[last_name]" required data-test="last-name"/>
                                <label for="f-organisation">"Structure (journal, entreprise, association)"</label>
                                <input id="f-organisation" name="facilitator[organisation]" required data-test="organisation"/>
                                <label for="f-email">"Adresse e-mail"</label>
                                <input id="f-email" name="facilitator[email]" type="email" required data-test="email"/>
                                <label for="f-phone">"Téléphone (facultatif)"</label>
                                <input id="f-phone" name="facilitator[phone]" type="tel" data-test="phone"/>
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
