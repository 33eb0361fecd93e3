use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::components::{ErrorNotice, FormError};
use crate::server_fns::{RenewCalendarFeed, open_calendar_feed};

/// `/mon-agenda`: the person's private calendar address, with one button per calendar app and
/// plain instructions. Plain HTML: the links open the phone's calendar without any script.
#[component]
pub fn MyCalendarPage() -> impl IntoView {
    let link = Resource::new_blocking(|| (), |_| open_calendar_feed());
    let renew = ServerAction::<RenewCalendarFeed>::new();
    let renewed = use_query_map()
        .read_untracked()
        .get("nouvelle-adresse")
        .is_some();
    view! {
        <Title text="Ajouter à mon agenda — Ateliers"/>
        <h1>"Ajouter mes ateliers à mon agenda"</h1>
        <FormError error=renew.value().get_untracked().and_then(Result::err)/>
        {renewed
            .then(|| {
                view! {
                    <p class="notice notice--success" role="status" data-test="feed-renewed">
                        "Nouvelle adresse créée : l'ancienne ne fonctionne plus. Ajoutez celle-ci à votre agenda."
                    </p>
                }
            })}
        <p class="lead">
            "Vos ateliers apparaissent dans l'agenda de votre téléphone et se mettent à jour tout seuls. "
            "Les courriels d'invitation restent le plus rapide : un agenda abonné se rafraîchit toutes les quelques heures."
        </p>
        <Suspense fallback=|| view! { <p>"Chargement…"</p> }>
            {move || Suspend::new(async move {
                match link.await {
                    Ok(link) => view! {
                        <p class="actions">
                            <a class="button" href=link.webcal_url.clone() data-test="add-to-calendar">
                                "Ajouter à mon agenda"
                            </a>
                            <a class="button button--secondary" href=link.google_url.clone() data-test="add-to-google">
                                "Ajouter à Google Agenda"
                            </a>
                        </p>
                        <label for="feed-url">"Adresse de votre agenda (à copier)"</label>
                        <input id="feed-url" type="text" readonly value=link.https_url.clone() data-test="feed-url"/>
                        <h2>"Comment faire"</h2>
                        <dl class="how-to">
                            <dt>"iPhone (Calendrier d'Apple)"</dt>
                            <dd>"Touchez « Ajouter à mon agenda », puis « S'abonner »."</dd>
                            <dt>"Android (Google Agenda)"</dt>
                            <dd>
                                "Touchez « Ajouter à Google Agenda » et connectez-vous à votre compte Google, puis « Ajouter ». "
                                "Google met l'agenda à jour toutes les 8 à 24 heures."
                            </dd>
                            <dt>"Outlook"</dt>
                            <dd>
                                "Sur outlook.com : Calendrier, « Ajouter un calendrier », « S'abonner à partir du web », puis collez l'adresse ci-dessus."
                            </dd>
                            <dt>"Thunderbird"</dt>
                            <dd>"Agenda, « Nouvel agenda », « Sur le réseau », puis collez l'adresse ci-dessus."</dd>
                        </dl>
                        <p>
                            "Cette adresse est personnelle : quelqu'un qui la connaît voit vos ateliers. "
                            "Si vous l'avez partagée par erreur, créez-en une nouvelle."
                        </p>
                        <ActionForm action=renew attr:data-test="renew-feed-form">
                            <button type="submit" class="button button--secondary" data-test="renew-feed">
                                "Créer une nouvelle adresse"
                            </button>
                        </ActionForm>
                    }
                        .into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
