use leptos::prelude::*;
use leptos_meta::Title;
use shared::domain::{EnrolmentEventKind, MailFlow, ServiceHealth, format_instant, format_wait};

use crate::components::{FigureCard, loaded};
use crate::server_fns::view_service_health;

/// `/etat-du-service`: whether mail leaves (waiting, the oldest waiting, set aside — linked to
/// `/courriels-en-echec` —, sent) and the week's activity, for the coordinators. The same
/// numbers as `/metrics`, in French, for whoever has no Prometheus.
#[component]
pub fn ServiceHealthPage() -> impl IntoView {
    let health = Resource::new_blocking(|| (), |_| view_service_health());
    view! {
        <Title text="État du service — Ateliers" />
        <h1>"État du service"</h1>
        {loaded(health, move |health| view! { <HealthView health /> })}
    }
}

#[component]
fn HealthView(health: ServiceHealth) -> impl IntoView {
    let flow = match health.mail_flow() {
        MailFlow::Flowing => view! {
            <p class="notice notice--success" role="status" data-test="mail-flow">
                "Les courriels partent normalement."
            </p>
        }
        .into_any(),
        MailFlow::Late(wait) => view! {
            <p class="notice notice--warning" role="alert" data-test="mail-flow">
                {format!(
                    "Des courriels attendent depuis {} : le serveur d'envoi est peut-être injoignable. \
                     Prévenez l'équipe technique.",
                    format_wait(wait),
                )}
            </p>
        }
        .into_any(),
    };
    let oldest = health
        .oldest_waiting_age()
        .map_or_else(|| "aucun".to_owned(), format_wait);
    let last_sent = health
        .last_mail_sent_at
        .map_or_else(|| "jamais".to_owned(), format_instant);
    let set_aside = health.mail_set_aside;
    let week = |kind| health.enrolment_count(kind).last_week.to_string();
    let registered = week(EnrolmentEventKind::Registered);
    let waitlisted = week(EnrolmentEventKind::Waitlisted);
    let promoted = week(EnrolmentEventKind::Promoted);
    let given_up = (health
        .enrolment_count(EnrolmentEventKind::Cancelled)
        .last_week
        + health
            .enrolment_count(EnrolmentEventKind::LeftWaitingList)
            .last_week)
        .to_string();
    view! {
        {flow}
        <h2>"Courriels"</h2>
        <ul class="figures-cards" data-test="mail-health">
            <FigureCard
                label="en attente d'envoi"
                value=health.mail_waiting.to_string()
                test="mail-waiting"
            />
            <FigureCard label="attente du plus ancien" value=oldest test="oldest-waiting" />
            <FigureCard
                label="envoyés ces 24 heures"
                value=health.mail_sent_last_day.to_string()
                test="mail-sent-last-day"
            />
            <FigureCard label="dernier envoi" value=last_sent test="last-mail-sent" />
        </ul>
        <p data-test="mail-set-aside">
            {match set_aside {
                0 => "Aucun courriel mis de côté.".to_owned(),
                1 => "1 courriel mis de côté (adresse refusée ou trop d'essais) : ".to_owned(),
                n => format!("{n} courriels mis de côté (adresse refusée ou trop d'essais) : "),
            }}
            {(set_aside > 0)
                .then(|| {
                    view! {
                        <a href="/courriels-en-echec" data-test="failed-mail-link">
                            "voir les courriels non remis"
                        </a>
                    }
                })}
        </p>
        <h2>"SMS"</h2>
        <ul class="figures-cards" data-test="sms-health">
            <FigureCard
                label="en attente d'envoi"
                value=health.sms_waiting.to_string()
                test="sms-waiting"
            />
            <FigureCard
                label="segments envoyés ce mois-ci"
                value=health.sms_segments_this_month.to_string()
                test="sms-segments-month"
            />
            <FigureCard
                label="mis de côté"
                value=health.sms_set_aside.to_string()
                test="sms-set-aside"
            />
        </ul>
        <p class="hint">
            "Le détail par Mission Locale et par mois est dans les chiffres ; les SMS mis de côté, avec les courriels non remis."
        </p>
        <h2>"Ces sept derniers jours"</h2>
        <ul class="figures-cards" data-test="week-activity">
            <FigureCard label="inscriptions" value=registered test="week-registered" />
            <FigureCard label="mises en liste d'attente" value=waitlisted test="week-waitlisted" />
            <FigureCard
                label="places obtenues depuis la liste d'attente"
                value=promoted
                test="week-promoted"
            />
            <FigureCard label="désinscriptions" value=given_up test="week-given-up" />
            <FigureCard
                label="rappels envoyés"
                value=health.reminders_last_week.to_string()
                test="week-reminders"
            />
        </ul>
        <p class="lead">
            {format!("Chiffres de toute la fédération, lus le {}.", format_instant(health.at))}
        </p>
    }
}
