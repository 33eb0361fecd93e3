use leptos::prelude::*;
use leptos_meta::Title;

use shared::domain::sms::{NoticeChannel, NoticeChannels, NoticeSettings};

use crate::components::{FormError, QueryNotice, loaded};
use crate::server_fns::{ChooseNoticeChannel, view_notice_settings};

/// `/mes-notifications`: a youth chooses how they hear about their sessions (places, changes,
/// reminders): by email, by SMS, or both. Only what they can receive is offered. A plain form:
/// it works without JavaScript.
#[component]
pub fn MyNoticesPage() -> impl IntoView {
    let settings = Resource::new_blocking(|| (), |_| view_notice_settings());
    let choose = ServerAction::<ChooseNoticeChannel>::new();
    const NOTICES: &[(&str, &str)] = &[("enregistre", "Votre choix est enregistré.")];
    view! {
        <Title text="Mes notifications — Ateliers" />
        <h1>"Comment être prévenu·e"</h1>
        <QueryNotice notices=NOTICES test="notices-saved" />
        <FormError error=choose.value().get_untracked().and_then(Result::err) />
        {loaded(settings, move |settings| view! { <NoticeChoice settings choose /> })}
    }
}

#[component]
fn NoticeChoice(
    settings: NoticeSettings,
    choose: ServerAction<ChooseNoticeChannel>,
) -> impl IntoView {
    let current = current_choice(&settings);
    let options: Vec<(NoticeChannel, String)> = NoticeChannel::ALL
        .into_iter()
        .filter_map(|channel| Some((channel, option_label(channel, &settings)?)))
        .collect();
    let summary = summary(settings.channels);
    view! {
        <p class="lead" data-test="notices-summary">
            {summary}
        </p>
        {settings
            .stopped
            .then(|| {
                view! {
                    <p class="notice" data-test="sms-stopped">
                        "Vous avez répondu STOP à un SMS : vous ne recevez plus de SMS. Choisissez « Par SMS » ci-dessous pour les recevoir à nouveau."
                    </p>
                }
            })}
        {if options.len() > 1 {
            view! {
                <ActionForm action=choose attr:data-test="notices-form">
                    <fieldset>
                        <legend>"Je veux être prévenu·e"</legend>
                        {options
                            .into_iter()
                            .map(|(channel, label)| {
                                let id = format!("canal-{}", channel.code());
                                view! {
                                    <p class="choice">
                                        <input
                                            type="radio"
                                            id=id.clone()
                                            name="channel"
                                            value=channel.code()
                                            checked=current == Some(channel)
                                            attr:data-test=format!("channel-{}", channel.code())
                                        />
                                        <label for=id>{label}</label>
                                    </p>
                                }
                            })
                            .collect_view()}
                    </fieldset>
                    <button type="submit" class="button" data-test="notices-submit">
                        "Enregistrer"
                    </button>
                </ActionForm>
            }
                .into_any()
        } else {
            view! {
                <p data-test="notices-no-choice">
                    "Pour choisir entre e-mail et SMS, demandez à votre conseiller·e d'ajouter votre adresse e-mail ou votre numéro de portable."
                </p>
            }
                .into_any()
        }}
        <p>
            <a href="/accueil">"Retour à l'accueil"</a>
        </p>
    }
}

/// The option shown as chosen: their choice, or what they get without one.
fn current_choice(settings: &NoticeSettings) -> Option<NoticeChannel> {
    settings
        .chosen
        .or(match (settings.channels.email, settings.channels.sms) {
            (true, true) => Some(NoticeChannel::Both),
            (true, false) => Some(NoticeChannel::Email),
            (false, true) => Some(NoticeChannel::Sms),
            (false, false) => None,
        })
}

/// "Par SMS (06 12 34 56 78)", or nothing when they have no mobile (or no email).
fn option_label(channel: NoticeChannel, settings: &NoticeSettings) -> Option<String> {
    let email = settings.email.as_deref();
    let mobile = settings.mobile.as_deref();
    Some(match channel {
        NoticeChannel::Email => format!("{} ({})", channel.label(), email?),
        NoticeChannel::Sms => format!("{} ({})", channel.label(), mobile?),
        NoticeChannel::Both => {
            email?;
            mobile?;
            channel.label().to_owned()
        }
    })
}

fn summary(channels: NoticeChannels) -> &'static str {
    match (channels.email, channels.sms) {
        (true, true) => "Vos prochains messages arriveront par e-mail et par SMS.",
        (true, false) => "Vos prochains messages arriveront par e-mail.",
        (false, true) => "Vos prochains messages arriveront par SMS.",
        (false, false) => {
            "Nous n'avons ni adresse e-mail ni numéro de portable pour vous prévenir : parlez-en à votre conseiller·e."
        }
    }
}
