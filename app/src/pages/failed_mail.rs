use leptos::prelude::*;
use leptos_meta::Title;
use shared::domain::sms::FailedSms;
use shared::domain::{FailedMail, format_instant};

use crate::components::{FormError, QueryNotice, loaded};
use crate::server_fns::{ResendFailedMail, ResendFailedSms, list_failed_mail, list_failed_sms};

/// `/courriels-en-echec`: messages the mail server refused or that failed too many times, for
/// a counsellor to correct the address (on the youth's file) and resend; then the SMS the
/// operator refused, the same way.
#[component]
pub fn FailedMailPage() -> impl IntoView {
    let failed = Resource::new_blocking(|| (), |_| list_failed_mail());
    let resend = ServerAction::<ResendFailedMail>::new();
    let failed_sms = Resource::new_blocking(|| (), |_| list_failed_sms());
    let resend_sms = ServerAction::<ResendFailedSms>::new();
    const NOTICES: &[(&str, &str)] = &[
        (
            "renvoye",
            "Le courriel est de nouveau dans la file d'envoi.",
        ),
        ("sms-renvoye", "Le SMS est de nouveau dans la file d'envoi."),
    ];
    view! {
        <Title text="Courriels non remis — Ateliers" />
        <h1>"Courriels non remis"</h1>
        <FormError error=resend.value().get_untracked().and_then(Result::err) />
        <FormError error=resend_sms.value().get_untracked().and_then(Result::err) />
        <QueryNotice notices=NOTICES test="mail-resent" />
        <p class="lead">
            "Ces courriels n'ont pas pu être remis (adresse refusée, serveur injoignable trop longtemps). "
            "Corrigez l'adresse sur la fiche de la personne si besoin, puis renvoyez-les."
        </p>
        {loaded(
            failed,
            move |value| match value {
                failed if failed.is_empty() => {
                    view! {
                        <p class="notice" data-test="no-failed-mail">
                            "Tous les courriels ont été remis."
                        </p>
                    }
                        .into_any()
                }
                failed => {
                    view! {
                        <ul class="mail-list" data-test="failed-mail-list">
                            {failed
                                .into_iter()
                                .map(|mail| view! { <FailedMailRow mail resend /> })
                                .collect_view()}
                        </ul>
                    }
                        .into_any()
                }
            },
        )}
        <h2>"SMS non remis"</h2>
        {loaded(
            failed_sms,
            move |value| match value {
                failed if failed.is_empty() => {
                    view! {
                        <p class="notice" data-test="no-failed-sms">
                            "Tous les SMS ont été remis."
                        </p>
                    }
                        .into_any()
                }
                failed => {
                    view! {
                        <p>
                            "L'opérateur a refusé ces SMS (numéro inconnu, trop d'essais). "
                            "Corrigez le numéro sur la fiche si besoin, puis renvoyez-les."
                        </p>
                        <ul class="mail-list" data-test="failed-sms-list">
                            {failed
                                .into_iter()
                                .map(|sms| view! { <FailedSmsRow sms resend=resend_sms /> })
                                .collect_view()}
                        </ul>
                    }
                        .into_any()
                }
            },
        )}
    }
}

#[component]
fn FailedSmsRow(sms: FailedSms, resend: ServerAction<ResendFailedSms>) -> impl IntoView {
    let meta = tries_line(&format!("Au {}", sms.to), sms.failed_at, sms.attempts);
    let error = format!("Réponse : {}", sms.error);
    view! {
        <li class="mail-list__item" data-test="failed-sms">
            <strong>{format!("SMS · {}", sms.kind.label())}</strong>
            <br />
            <span class="mail-list__meta">{meta}</span>
            <br />
            <span class="mail-list__meta">{error}</span>
            <br />
            <q>{sms.text}</q>
            {sms
                .session_id
                .map(|id| {
                    view! {
                        <br />
                        <a href=format!("/seances/{id}")>"Voir la séance"</a>
                    }
                })}
            <ActionForm action=resend>
                <input type="hidden" name="id" value=sms.id />
                <button type="submit" class="button button--small" data-test="resend-sms">
                    "Renvoyer le SMS"
                </button>
            </ActionForm>
        </li>
    }
}

#[component]
fn FailedMailRow(mail: FailedMail, resend: ServerAction<ResendFailedMail>) -> impl IntoView {
    let meta = tries_line(&format!("À : {}", mail.to), mail.failed_at, mail.attempts);
    let error = format!("Réponse du serveur : {}", mail.error);
    view! {
        <li class="mail-list__item" data-test="failed-mail">
            <strong>{mail.subject}</strong>
            <br />
            <span class="mail-list__meta">{meta}</span>
            <br />
            <span class="mail-list__meta">{error}</span>
            {mail
                .session_id
                .map(|id| {
                    view! {
                        <br />
                        <a href=format!("/seances/{id}")>"Voir la séance"</a>
                    }
                })}
            <ActionForm action=resend>
                <input type="hidden" name="id" value=mail.id />
                <button type="submit" class="button button--small" data-test="resend-mail">
                    "Renvoyer"
                </button>
            </ActionForm>
        </li>
    }
}

/// « À : … · dernier essai le … (3 essais) »: to whom, and how hard we tried.
fn tries_line(to: &str, failed_at: chrono::DateTime<chrono::Utc>, attempts: i32) -> String {
    format!(
        "{to} · dernier essai le {} ({attempts} essai{})",
        format_instant(failed_at),
        if attempts > 1 { "s" } else { "" }
    )
}
