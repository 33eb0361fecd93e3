use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use shared::domain::PARIS;
use shared::local_mail::{LocalMailSummary, LocalSms};

use crate::components::loaded;
use crate::server_fns::{list_local_mail, list_local_sms, read_local_mail};

/// `/courriels`: the mail Ateliers wrote to its local folder (`make run`), newest first, then
/// the SMS it wrote to its SMS folder.
#[component]
pub fn LocalMailPage() -> impl IntoView {
    let messages = Resource::new_blocking(|| (), |_| list_local_mail());
    let sms = Resource::new_blocking(|| (), |_| list_local_sms());
    view! {
        <Title text="Courriels envoyés (local) — Ateliers" />
        <h1>"Courriels envoyés"</h1>
        <p class="lead">
            "En local, Ateliers n'envoie pas de courriels : il les écrit dans un dossier. Les voici, du plus récent au plus ancien."
        </p>
        {loaded(
            messages,
            move |value| match value {
                messages if messages.is_empty() => {
                    view! {
                        <p class="notice" data-test="no-mail">
                            "Aucun courriel pour le moment."
                        </p>
                    }
                        .into_any()
                }
                messages => {
                    view! {
                        <ul class="mail-list" data-test="mail-list">
                            {messages
                                .into_iter()
                                .map(|message| view! { <MailRow message /> })
                                .collect_view()}
                        </ul>
                    }
                        .into_any()
                }
            },
        )}
        <h2 id="sms">"SMS envoyés"</h2>
        <p>
            "Les SMS (codes de connexion, confirmations, rappels) sont écrits eux aussi dans un dossier, avec leur coût en segments."
        </p>
        {loaded(
            sms,
            move |value| match value {
                sms if sms.is_empty() => {
                    view! {
                        <p class="notice" data-test="no-sms">
                            "Aucun SMS pour le moment."
                        </p>
                    }
                        .into_any()
                }
                sms => {
                    view! {
                        <ul class="mail-list" data-test="sms-list">
                            {sms.into_iter().map(|sms| view! { <SmsRow sms /> }).collect_view()}
                        </ul>
                    }
                        .into_any()
                }
            },
        )}
    }
}

#[component]
fn SmsRow(sms: LocalSms) -> impl IntoView {
    let number = shared::domain::PhoneNumber::parse(&sms.to)
        .map_or_else(|_| sms.to.clone(), |number| number.national());
    let cost = match sms.segments {
        1 => "1 segment".to_owned(),
        segments => format!("{segments} segments"),
    };
    view! {
        <li class="mail-list__item" data-test="sms-item">
            <span class="mail-list__meta">
                "À : " <span data-test="sms-to">{number}</span> " · "
                {format_sent(sms.written_at)} " · " <span data-test="sms-segments">{cost}</span>
                " (" {sms.encoding} ")"
            </span>
            <p class="mail-body" data-test="sms-text">
                {linkify(&sms.text)}
            </p>
        </li>
    }
}

#[component]
fn MailRow(message: LocalMailSummary) -> impl IntoView {
    view! {
        <li class="mail-list__item" data-test="mail-item">
            <a href=format!("/courriels/{}", message.id)>{message.subject}</a>
            <br />
            <span class="mail-list__meta">
                "À : " {message.to} " · " {format_sent(message.date)}
            </span>
        </li>
    }
}

/// `/courriels/:id`: one message, its text and its parts.
#[component]
pub fn LocalMailMessagePage() -> impl IntoView {
    let params = use_params_map();
    let message = Resource::new_blocking(
        move || params.read().get("id").unwrap_or_default(),
        read_local_mail,
    );
    view! {
        <Title text="Courriel (local) — Ateliers" />
        <p>
            <a href="/courriels">"← Tous les courriels"</a>
        </p>
        {loaded(
            message,
            move |message| {
                let download = format!("/courriels/{}/eml", message.summary.id);
                view! {
                    <h1 data-test="mail-subject">{message.summary.subject}</h1>
                    <dl class="mail-headers">
                        <dt>"De"</dt>
                        <dd>{message.summary.from}</dd>
                        <dt>"À"</dt>
                        <dd data-test="mail-to">{message.summary.to}</dd>
                        <dt>"Envoyé"</dt>
                        <dd>{format_sent(message.summary.date)}</dd>
                        <dt>"Parties"</dt>
                        <dd data-test="mail-parts">{message.parts.join(", ")}</dd>
                    </dl>
                    <pre class="mail-body" data-test="mail-body">
                        {linkify(&message.text_body)}
                    </pre>
                    {message
                        .calendar
                        .map(|calendar| {
                            view! {
                                <details class="mail-calendar">
                                    <summary>"Invitation d'agenda (iCalendar)"</summary>
                                    <pre data-test="mail-calendar">{calendar}</pre>
                                </details>
                            }
                        })}
                    <p>
                        <a href=download download="">
                            "Télécharger le fichier .eml (à ouvrir dans un logiciel de messagerie)"
                        </a>
                    </p>
                }
                    .into_any()
            },
        )}
    }
}

/// The text with its web addresses made clickable (sign-in links, in `make run`).
fn linkify(text: &str) -> Vec<AnyView> {
    let mut pieces = Vec::new();
    let mut plain = String::new();
    for word in text.split_inclusive(char::is_whitespace) {
        let address = word.trim_end();
        if address.starts_with("http://") || address.starts_with("https://") {
            pieces.push(std::mem::take(&mut plain).into_any());
            pieces.push(
                view! {
                    <a href=address.to_owned() data-test="mail-link">
                        {address.to_owned()}
                    </a>
                }
                .into_any(),
            );
            plain.push_str(&word[address.len()..]);
        } else {
            plain.push_str(word);
        }
    }
    pieces.push(plain.into_any());
    pieces
}

fn format_sent(date: Option<chrono::DateTime<chrono::Utc>>) -> String {
    date.map(|date| {
        date.with_timezone(&PARIS)
            .format("%d/%m/%Y à %H:%M")
            .to_string()
    })
    .unwrap_or_else(|| "date inconnue".to_owned())
}
