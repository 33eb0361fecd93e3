use leptos::prelude::*;
use leptos_meta::Title;

use chrono::{DateTime, Utc};
use shared::domain::{CalendarFeedLink, MyCalendarFeed, PARIS, format_day};

use crate::components::{FormError, QueryNotice, loaded};
use crate::server_fns::{RenewCalendarFeed, open_calendar_feed};

/// `/mon-agenda`: the person's private calendar address, with one button per calendar app and
/// plain instructions. Plain HTML: the links open the phone's calendar without any script. The
/// address is shown once, when it is made (only its hash is kept); afterwards the page offers
/// to replace it.
#[component]
pub fn MyCalendarPage() -> impl IntoView {
    let link = Resource::new_blocking(|| (), |_| open_calendar_feed());
    let renew = ServerAction::<RenewCalendarFeed>::new();
    const NOTICES: &[(&str, &str)] = &[(
        "nouvelle-adresse",
        "Nouvelle adresse créée : l'ancienne ne fonctionne plus. Ajoutez celle-ci à votre agenda.",
    )];
    view! {
        <Title text="Ajouter à mon agenda — Ateliers" />
        <h1>"Ajouter mes ateliers à mon agenda"</h1>
        <FormError error=renew.value().get_untracked().and_then(Result::err) />
        <QueryNotice notices=NOTICES test="feed-renewed" />
        <p class="lead">
            "Vos ateliers apparaissent dans l'agenda de votre téléphone et se mettent à jour tout seuls. "
            "Les courriels d'invitation restent le plus rapide : un agenda abonné se rafraîchit toutes les quelques heures."
        </p>
        {loaded(
            link,
            move |value| match value {
                MyCalendarFeed::New(link) => view! { <NewFeed link renew /> }.into_any(),
                MyCalendarFeed::Existing { created_at } => {
                    view! { <ExistingFeed created_at renew /> }.into_any()
                }
            },
        )}
    }
}

/// The address just made: the buttons, the address to copy and how to subscribe.
#[component]
fn NewFeed(link: CalendarFeedLink, renew: ServerAction<RenewCalendarFeed>) -> impl IntoView {
    view! {
        <p class="actions">
            <a class="button" href=link.webcal_url.clone() data-test="add-to-calendar">
                "Ajouter à mon agenda"
            </a>
            <a
                class="button button--secondary"
                href=link.google_url.clone()
                data-test="add-to-google"
            >
                "Ajouter à Google Agenda"
            </a>
        </p>
        <label for="feed-url">"Adresse de votre agenda (à copier)"</label>
        <input
            id="feed-url"
            type="text"
            readonly
            value=link.https_url.clone()
            data-test="feed-url"
        />
        <p class="notice" data-test="feed-shown-once">
            "Ajoutez-la maintenant : pour la protéger, Ateliers ne la garde pas et ne pourra plus vous l'afficher. "
            "Vous pourrez toujours en créer une nouvelle."
        </p>
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
            <dd>
                "Agenda, « Nouvel agenda », « Sur le réseau », puis collez l'adresse ci-dessus."
            </dd>
        </dl>
        <p>
            "Cette adresse est personnelle : quelqu'un qui la connaît voit vos ateliers. "
            "Si vous l'avez partagée par erreur, créez-en une nouvelle."
        </p>
        <RenewForm renew />
    }
}

/// An address made earlier: it works, but cannot be shown again.
#[component]
fn ExistingFeed(
    created_at: DateTime<Utc>,
    renew: ServerAction<RenewCalendarFeed>,
) -> impl IntoView {
    let day = format_day(created_at.with_timezone(&PARIS).date_naive());
    view! {
        <p data-test="feed-hidden">
            {format!("Votre adresse d'agenda a été créée le {day}. ")}
            "Pour la protéger, Ateliers ne la garde pas et ne peut pas vous la montrer à nouveau."
        </p>
        <p>
            "Si vos ateliers apparaissent déjà dans votre agenda, il n'y a rien à faire. "
            "Sinon (nouveau téléphone, adresse perdue ou partagée par erreur), créez une nouvelle adresse : "
            "l'ancienne cessera de fonctionner et il faudra ajouter la nouvelle à votre agenda."
        </p>
        <RenewForm renew />
    }
}

#[component]
fn RenewForm(renew: ServerAction<RenewCalendarFeed>) -> impl IntoView {
    view! {
        <ActionForm action=renew attr:data-test="renew-feed-form">
            <button type="submit" class="button button--secondary" data-test="renew-feed">
                "Créer une nouvelle adresse"
            </button>
        </ActionForm>
    }
}
