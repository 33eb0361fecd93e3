use chrono::{Datelike, Duration, NaiveDate};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::domain::{
    AgendaEntry, AgendaQuery, PARIS, SessionStatus, Theme, format_day, format_session_hours,
};

use crate::components::ErrorNotice;
use crate::server_fns::list_agenda;

/// `/agenda`: the counsellors' agenda — week, month or list — filtered by Mission Locale,
/// theme, counsellor or facilitator. A GET form: it works without JavaScript, and each view is
/// a link that can be shared or bookmarked.
#[component]
pub fn AgendaPage() -> impl IntoView {
    let params = use_query_map().get_untracked();
    let value = |key: &str| params.get(key).unwrap_or_default();
    let query = AgendaQuery {
        view: value("vue"),
        from: value("du"),
        mission_locale_id: value("ml"),
        theme: value("theme"),
        counsellor_id: value("conseiller"),
        facilitator_id: value("intervenant"),
    };
    let view_name = match query.view.as_str() {
        "mois" | "liste" => query.view.clone(),
        _ => "semaine".to_owned(),
    };
    let agenda = Resource::new_blocking(move || query.clone(), list_agenda);
    view! {
        <Title text="Agenda — Ateliers" />
        <h1>"Agenda des ateliers"</h1>
        <p class="actions">
            <a class="button" href="/seances/nouvelle" data-test="new-session">
                "Planifier une séance"
            </a>
        </p>
        <Suspense fallback=|| {
            view! { <p>"Chargement…"</p> }
        }>
            {move || {
                let view_name = view_name.clone();
                let params = params.clone();
                Suspend::new(async move {
                    match agenda.await {
                        Ok(agenda) => {
                            let filters = params.clone();
                            let link = move |view: &str, day: NaiveDate| {
                                let mut parts = vec![format!("vue={view}"), format!("du={day}")];
                                for key in ["ml", "theme", "conseiller", "intervenant"] {
                                    if let Some(value) = filters
                                        .get(key)
                                        .filter(|value| !value.is_empty())
                                    {
                                        parts.push(format!("{key}={value}"));
                                    }
                                }
                                format!("/agenda?{}", parts.join("&"))
                            };
                            let first = agenda.first_day;
                            let (previous, next) = match view_name.as_str() {
                                "mois" => {
                                    let previous = (first - Duration::days(1))
                                        .with_day(1)
                                        .unwrap_or(first);
                                    (previous, agenda.end_day)
                                }
                                "liste" => (first - Duration::days(28), agenda.end_day),
                                _ => (first - Duration::days(7), agenda.end_day),
                            };
                            let period = format!(
                                "Du {} au {}",
                                format_day(first),
                                format_day(agenda.end_day - Duration::days(1)),
                            );
                            let selected = |key: &str, id: String| {
                                params.get(key).is_some_and(|value| value == id)
                            };
                            let filtering = ["ml", "theme", "conseiller", "intervenant"]
                                .iter()
                                .any(|key| params.get(key).is_some_and(|value| !value.is_empty()));
                            view! {
                                // Folded on a phone's first view; open while a filter is on.
                                <details class="agenda-filters-toggle" open=filtering>
                                    <summary>
                                        "Filtrer : Mission Locale, thème, conseiller, intervenant"
                                    </summary>
                                    <form
                                        class="agenda-filters"
                                        method="get"
                                        action="/agenda"
                                        data-test="agenda-filters"
                                    >
                                        <input type="hidden" name="vue" value=view_name.clone() />
                                        <input type="hidden" name="du" value=first.to_string() />
                                        <label for="filter-ml">"Mission Locale"</label>
                                        <select id="filter-ml" name="ml">
                                            <option value="">"Toutes"</option>
                                            {agenda
                                                .options
                                                .missions_locales
                                                .iter()
                                                .map(|ml| {
                                                    let id = ml.id.to_string();
                                                    view! {
                                                        <option value=id.clone() selected=selected("ml", id)>
                                                            {ml.name.clone()}
                                                        </option>
                                                    }
                                                })
                                                .collect_view()}
                                        </select>
                                        <label for="filter-theme">"Thème"</label>
                                        <select id="filter-theme" name="theme">
                                            <option value="">"Tous"</option>
                                            {Theme::ALL
                                                .into_iter()
                                                .map(|theme| {
                                                    view! {
                                                        <option
                                                            value=theme.code()
                                                            selected=selected("theme", theme.code().to_owned())
                                                        >
                                                            {theme.label()}
                                                        </option>
                                                    }
                                                })
                                                .collect_view()}
                                        </select>
                                        <label for="filter-counsellor">"Conseiller"</label>
                                        <select id="filter-counsellor" name="conseiller">
                                            <option value="">"Tous"</option>
                                            {agenda
                                                .options
                                                .counsellors
                                                .iter()
                                                .map(|person| {
                                                    let id = person.id.to_string();
                                                    view! {
                                                        <option
                                                            value=id.clone()
                                                            selected=selected("conseiller", id)
                                                        >
                                                            {person.name.clone()}
                                                        </option>
                                                    }
                                                })
                                                .collect_view()}
                                        </select>
                                        <label for="filter-facilitator">"Intervenant"</label>
                                        <select id="filter-facilitator" name="intervenant">
                                            <option value="">"Tous"</option>
                                            {agenda
                                                .options
                                                .facilitators
                                                .iter()
                                                .map(|person| {
                                                    let id = person.id.to_string();
                                                    view! {
                                                        <option
                                                            value=id.clone()
                                                            selected=selected("intervenant", id)
                                                        >
                                                            {person.name.clone()}
                                                        </option>
                                                    }
                                                })
                                                .collect_view()}
                                        </select>
                                        <button type="submit" class="button button--secondary">
                                            "Filtrer"
                                        </button>
                                    </form>
                                </details>
                                <nav class="agenda-nav" aria-label="Vues et périodes">
                                    <a
                                        href=link("semaine", first)
                                        aria-current=(view_name == "semaine").then_some("page")
                                        data-test="view-week"
                                    >
                                        "Semaine"
                                    </a>
                                    <a
                                        href=link("mois", first)
                                        aria-current=(view_name == "mois").then_some("page")
                                        data-test="view-month"
                                    >
                                        "Mois"
                                    </a>
                                    <a
                                        href=link("liste", first)
                                        aria-current=(view_name == "liste").then_some("page")
                                        data-test="view-list"
                                    >
                                        "Liste"
                                    </a>
                                    <span class="agenda-nav__period">
                                        <a href=link(&view_name, previous) data-test="previous">
                                            "← Précédent"
                                        </a>
                                        " "
                                        <a href=link(&view_name, next) data-test="next">
                                            "Suivant →"
                                        </a>
                                    </span>
                                </nav>
                                <h2 data-test="agenda-period">{period}</h2>
                                {match view_name.as_str() {
                                    "liste" => {
                                        view! { <AgendaList entries=agenda.entries /> }.into_any()
                                    }
                                    _ => {
                                        view! {
                                            <AgendaDays
                                                first
                                                end=agenda.end_day
                                                entries=agenda.entries
                                            />
                                        }
                                            .into_any()
                                    }
                                }}
                            }
                                .into_any()
                        }
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// Week and month: one block per day (a grid on wide screens, a column on phones).
#[component]
fn AgendaDays(first: NaiveDate, end: NaiveDate, entries: Vec<AgendaEntry>) -> impl IntoView {
    let days: Vec<NaiveDate> = first.iter_days().take_while(|day| *day < end).collect();
    let none = entries.is_empty();
    view! {
        {none
            .then(|| {
                view! {
                    <p class="notice" data-test="agenda-empty">
                        "Aucune séance sur cette période."
                    </p>
                }
            })}
        <ol class="agenda-days" data-test="agenda-days">
            {days
                .into_iter()
                .map(|day| {
                    let of_day: Vec<AgendaEntry> = entries
                        .iter()
                        .filter(|entry| entry.starts_at.with_timezone(&PARIS).date_naive() == day)
                        .cloned()
                        .collect();
                    let empty = of_day.is_empty();
                    view! {
                        <li class="agenda-day" class:agenda-day--empty=empty data-day=day.to_string()>
                            <h3 class="agenda-day__title">{shared::domain::format_weekday_day_and_month(day)}</h3>
                            <ul class="agenda-entries">
                                {of_day.into_iter().map(|entry| view! { <AgendaItem entry/> }).collect_view()}
                            </ul>
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}

#[component]
fn AgendaList(entries: Vec<AgendaEntry>) -> impl IntoView {
    if entries.is_empty() {
        return view! { <p class="notice">"Aucune séance sur cette période."</p> }.into_any();
    }
    view! {
        <ul class="agenda-entries" data-test="agenda-list">
            {entries
                .into_iter()
                .map(|entry| {
                    let day = format_day(entry.starts_at.with_timezone(&PARIS).date_naive());
                    view! {
                        <li class="agenda-list__day">
                            <span class="agenda-list__date">{day}</span>
                            <ul class="agenda-entries">
                                <AgendaItem entry />
                            </ul>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn AgendaItem(entry: AgendaEntry) -> impl IntoView {
    let status = match entry.status {
        SessionStatus::Draft => " · brouillon",
        SessionStatus::Published => "",
        SessionStatus::Cancelled => " · annulée",
    };
    let people = entry
        .counsellors
        .iter()
        .chain(&entry.facilitators)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <li class="agenda-entry" data-test="agenda-entry" data-status=entry.status.code()>
            <a href=format!("/seances/{}", entry.id)>
                <span class="agenda-entry__time">
                    {format_session_hours(entry.starts_at, entry.ends_at)}
                </span>
                <span class="agenda-entry__title">{format!("{}{status}", entry.title)}</span>
            </a>
            <span class="agenda-entry__meta">
                {format!(
                    "{} · {} · {} inscrits sur {} places{} · {}",
                    entry.theme.label(),
                    entry.place,
                    entry.registered,
                    entry.capacity,
                    if entry.waiting > 0 {
                        format!(" (+{} en attente)", entry.waiting)
                    } else {
                        String::new()
                    },
                    people,
                )}
            </span>
            <span class="agenda-entry__meta">{entry.mission_locale}</span>
        </li>
    }
}
