use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::domain::{
    CONTACTABILITY_WARNING_PERCENT, ContactRow, Contactability, Dashboard, ExitRow, ExitTarget,
    FigureRow, FiguresForm, Gender, GenderRow, POSITIVE_EXIT_TARGET_PERCENT, SmsCostRow,
    format_hours, format_percent,
};

use crate::components::{ErrorNotice, FigureCard};
use crate::server_fns::view_dashboard;

/// `/chiffres`: the figures of a Mission Locale (a counsellor's own) or of the federation (for
/// coordinators), over the last twelve months or a chosen period, with the funder's exports. A
/// GET form: works without JavaScript, and each view is a link to share or bookmark.
#[component]
pub fn FiguresPage() -> impl IntoView {
    let params = use_query_map().get_untracked();
    let form = FiguresForm::from_query(|key| params.get(key));
    let dashboard = Resource::new_blocking(move || form.clone(), view_dashboard);
    view! {
        <Title text="Chiffres du programme — Ateliers" />
        <h1>"Chiffres du programme"</h1>
        <Suspense fallback=|| {
            view! { <p>"Chargement…"</p> }
        }>
            {move || Suspend::new(async move {
                match dashboard.await {
                    Ok(dashboard) => view! { <DashboardView dashboard /> }.into_any(),
                    Err(error) => {
                        view! {
                            <ErrorNotice error />
                            <p>
                                <a href="/chiffres">"Revenir aux douze derniers mois"</a>
                            </p>
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn DashboardView(dashboard: Dashboard) -> impl IntoView {
    let form = dashboard.query.to_form();
    let query = dashboard.query.query_string();
    let total = dashboard.total.clone();
    let participants = dashboard.participants.clone();
    let contactability = participants.contactability();
    let contact_class = match contactability {
        Contactability::Fine => "notice",
        Contactability::Warning | Contactability::OverThreshold => "notice notice--warning",
    };
    let choices = (!dashboard.choices.is_empty()).then(|| {
        let selected = form.mission_locale.clone();
        view! {
            <label>
                "Périmètre" <select name="ml" data-test="figures-scope">
                    <option value="" selected=selected.is_empty()>
                        "Toute la fédération"
                    </option>
                    {dashboard
                        .choices
                        .iter()
                        .map(|(id, name)| {
                            let id = id.to_string();
                            view! {
                                <option value=id.clone() selected=selected == id>
                                    {name.clone()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
        }
    });
    let hidden_scope = dashboard.choices.is_empty().then(|| {
        view! { <input type="hidden" name="ml" value=form.mission_locale.clone() /> }
    });
    let not_closed = (dashboard.sheets_not_closed > 0).then(|| view! {
        <p class="notice notice--warning" data-test="sheets-not-closed">
            {format!(
                "{} séance(s) tenue(s) dont la feuille d'émargement n'est pas close : leurs présences peuvent encore changer.",
                dashboard.sheets_not_closed,
            )}
            " "
            <a href="/emargements">"Voir les émargements à clôturer"</a>
        </p>
    });
    view! {
        <p class="lead" data-test="figures-heading">
            {format!("{}, {}", dashboard.scope, dashboard.query.period_label())}
        </p>
        <form class="figures-filters" method="get" action="/chiffres" data-test="figures-filters">
            {choices}
            {hidden_scope}
            <label>
                "Du"<input type="date" name="du" value=form.from.clone() data-test="figures-from" />
            </label>
            <label>
                "Au"<input type="date" name="au" value=form.to.clone() data-test="figures-to" />
            </label>
            <button type="submit" class="button" data-test="figures-show">
                "Afficher"
            </button>
        </form>
        {not_closed}
        <ul class="figures-cards" data-test="figures-totals">
            <FigureCard
                label="Séances tenues"
                value=total.sessions_held.to_string()
                test="sessions-held"
            />
            <FigureCard
                label="Places offertes"
                value=total.places_offered.to_string()
                test="places-offered"
            />
            <FigureCard
                label="Places prises"
                value=total.places_taken.to_string()
                test="places-taken"
            />
            <FigureCard
                label="Taux de présence"
                value=format_percent(total.attendance_rate())
                test="attendance-rate"
            />
            <FigureCard
                label="Venus sans inscription"
                value=total.walk_ins.to_string()
                test="walk-ins"
            />
            <FigureCard
                label="Heures d'atelier par jeune"
                value=format_hours(total.hours_per_youth())
                test="hours-per-youth"
            />
            <FigureCard
                label="Participants"
                value=participants.participants.to_string()
                test="participants"
            />
            <FigureCard
                label="Sorties positives"
                value=format!(
                    "{} sur {} ({})",
                    participants.positive_exits,
                    participants.exited,
                    format_percent(participants.positive_percent()),
                )
                test="positive-exits"
            />
            <li
                class="figures-card"
                data-test="exit-target"
                data-target=participants.exit_target().code()
            >
                <span class="figures-card__value">
                    {format_percent(Some(POSITIVE_EXIT_TARGET_PERCENT))}
                </span>
                <span class="figures-card__label">
                    "Objectif de sorties positives : " {participants.exit_target().label()}
                </span>
            </li>
        </ul>
        <section aria-labelledby="contactability-title">
            <h2 id="contactability-title">"Joignabilité"</h2>
            <p
                class=contact_class
                data-test="contactability"
                data-level=format!("{contactability:?}").to_lowercase()
            >
                <strong>
                    {format!(
                        "{} participant(s) sur {} sans téléphone ni courriel : {}.",
                        participants.unreachable,
                        participants.participants,
                        format_percent(participants.unreachable_percent()),
                    )}
                </strong>
                " "
                {contactability.message()}
            </p>
            <p class="hint">
                {format!(
                    "Alerte dès {} %, seuil du financeur : 35 %.",
                    CONTACTABILITY_WARNING_PERCENT,
                )}
            </p>
        </section>
        <FigureTable
            title="Par thème"
            test="figures-by-theme"
            first="Thème"
            rows=dashboard.by_theme.clone()
            total=total.clone()
        />
        <FigureTable
            title="Par mois"
            test="figures-by-month"
            first="Mois"
            rows=dashboard.by_month.clone()
            total=total.clone()
        />
        <GenderTable rows=dashboard.by_gender.clone() />
        <ExitTable rows=dashboard.exits_by_mission_locale.clone() />
        <ContactTable rows=dashboard.individual_contacts.clone() />
        <SmsCostTable rows=dashboard.sms_costs.clone() />
        <section aria-labelledby="exports-title" data-test="figures-exports">
            <h2 id="exports-title">"Exports pour le financeur"</h2>
            <p class="hint">
                "CSV pour Excel (séparateur point-virgule, UTF-8) ou classeur XLSX, sur le périmètre et la période affichés."
            </p>
            <ul class="export-links">
                <li>
                    "Participants (entrée, sortie, situation, joignabilité) : "
                    <a
                        href=format!("/chiffres/participants.csv?{query}")
                        data-test="export-participants-csv"
                        download
                    >
                        "CSV"
                    </a> " · "
                    <a
                        href=format!("/chiffres/participants.xlsx?{query}")
                        data-test="export-participants-xlsx"
                        download
                    >
                        "XLSX"
                    </a>
                </li>
                <li>
                    "Lignes de présence (jeune, séance, date, heures, statut) : "
                    <a
                        href=format!("/chiffres/presences.csv?{query}")
                        data-test="export-attendance-csv"
                        download
                    >
                        "CSV"
                    </a> " · "
                    <a
                        href=format!("/chiffres/presences.xlsx?{query}")
                        data-test="export-attendance-xlsx"
                        download
                    >
                        "XLSX"
                    </a>
                </li>
            </ul>
        </section>
    }
}

/// A table that scrolls sideways on a phone rather than squeezing its columns.
#[component]
fn FigureTable(
    title: &'static str,
    test: &'static str,
    first: &'static str,
    rows: Vec<FigureRow>,
    total: FigureRow,
) -> impl IntoView {
    let id = format!("{test}-title");
    let region_labelled_by = id.clone();
    let empty = rows.is_empty();
    let row = |row: FigureRow, total: bool| {
        let [women, men, undisclosed] = row.attendances_by_gender;
        let cells = view! {
            <td>{row.sessions_held}</td>
            <td>{format!("{} / {}", row.places_taken, row.places_offered)}</td>
            <td>{format_percent(row.attendance_rate())}</td>
            <td>{row.attendances()}</td>
            <td>{format!("{women} / {men} / {undisclosed}")}</td>
            <td>{format_hours(row.hours_per_youth())}</td>
        };
        if total {
            view! {
                <tr class="figures-total">
                    <th scope="row">"Total"</th>
                    {cells}
                </tr>
            }
            .into_any()
        } else {
            view! {
                <tr data-test="figures-row">
                    <th scope="row">{row.label}</th>
                    {cells}
                </tr>
            }
            .into_any()
        }
    };
    view! {
        <section aria-labelledby=id.clone() data-test=test>
            <h2 id=id.clone()>{title}</h2>
            {if empty {
                view! { <p class="notice">"Aucune séance tenue sur la période."</p> }.into_any()
            } else {
                view! {
                    <div
                        class="table-scroll"
                        role="region"
                        aria-labelledby=region_labelled_by
                        tabindex="0"
                    >
                        <table class="figures-table">
                            <thead>
                                <tr>
                                    <th scope="col">{first}</th>
                                    <th scope="col">"Séances"</th>
                                    <th scope="col">"Places prises / offertes"</th>
                                    <th scope="col">"Présence"</th>
                                    <th scope="col">"Présences"</th>
                                    <th scope="col">
                                        <abbr title="Femmes / hommes / non précisé">
                                            "F / H / NP"
                                        </abbr>
                                    </th>
                                    <th scope="col">"Heures par jeune"</th>
                                </tr>
                            </thead>
                            <tbody>
                                {rows.into_iter().map(|line| row(line, false)).collect_view()}
                                {row(total, true)}
                            </tbody>
                        </table>
                    </div>
                }
                    .into_any()
            }}
        </section>
    }
}

/// Positive exits against the programme's 70 % target, per Mission Locale.
#[component]
fn ExitTable(rows: Vec<ExitRow>) -> impl IntoView {
    view! {
        <section aria-labelledby="figures-exits-title" data-test="figures-exits">
            <h2 id="figures-exits-title">"Sorties positives par Mission Locale"</h2>
            <p class="hint">
                "Objectif du programme : 70 % des jeunes sortis le sont vers un emploi, une formation ou une reprise d'études."
            </p>
            <div
                class="table-scroll"
                role="region"
                aria-labelledby="figures-exits-title"
                tabindex="0"
            >
                <table class="figures-table">
                    <thead>
                        <tr>
                            <th scope="col">"Mission Locale"</th>
                            <th scope="col">"Sorties"</th>
                            <th scope="col">"Positives"</th>
                            <th scope="col">"Part"</th>
                            <th scope="col">"Objectif 70 %"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {rows
                            .into_iter()
                            .map(|row| {
                                let target = row.participants.exit_target();
                                view! {
                                    <tr data-test="exit-row" data-target=target.code()>
                                        <th scope="row">{row.mission_locale}</th>
                                        <td>{row.participants.exited}</td>
                                        <td>{row.participants.positive_exits}</td>
                                        <td>
                                            {format_percent(row.participants.positive_percent())}
                                        </td>
                                        <td>
                                            {match target {
                                                ExitTarget::Met => "atteint",
                                                ExitTarget::Below => "non atteint",
                                                ExitTarget::NoExit => "—",
                                            }}
                                        </td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// Individual contacts held in the period, by kind, then their total.
#[component]
fn ContactTable(rows: Vec<ContactRow>) -> impl IntoView {
    view! {
        <section aria-labelledby="figures-contacts-title" data-test="figures-contacts">
            <h2 id="figures-contacts-title">"Contacts individuels"</h2>
            <p class="hint">
                "Entretiens, appels, visioconférences et messages enregistrés sur les fiches des jeunes. Ils comptent dans l'objectif de 1 à 2 contacts par mois, pas dans les heures d'atelier."
            </p>
            <div
                class="table-scroll"
                role="region"
                aria-labelledby="figures-contacts-title"
                tabindex="0"
            >
                <table class="figures-table">
                    <thead>
                        <tr>
                            <th scope="col">"Type"</th>
                            <th scope="col">"Contacts"</th>
                            <th scope="col">"Jeunes"</th>
                            <th scope="col">"Durée"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {rows
                            .into_iter()
                            .map(|row| {
                                view! {
                                    <tr
                                        data-test="contact-row"
                                        data-kind=row.kind.map_or("total", |kind| kind.code())
                                        data-contacts=row.contacts
                                    >
                                        <th scope="row">{row.label()}</th>
                                        <td>{row.contacts}</td>
                                        <td>{row.youths}</td>
                                        <td>{row.duration}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// What the operator bills: SMS and segments per Mission Locale and month.
#[component]
fn SmsCostTable(rows: Vec<SmsCostRow>) -> impl IntoView {
    let (sms, segments) = rows.iter().fold((0, 0), |(sms, segments), row| {
        (sms + row.sms, segments + row.segments)
    });
    view! {
        <section aria-labelledby="figures-sms-title" data-test="figures-sms">
            <h2 id="figures-sms-title">"SMS envoyés"</h2>
            {if rows.is_empty() {
                view! { <p class="notice">"Aucun SMS envoyé sur la période."</p> }.into_any()
            } else {
                view! {
                    <p class="hint">
                        "L'opérateur facture chaque segment : un SMS long en compte deux."
                    </p>
                    <div
                        class="table-scroll"
                        role="region"
                        aria-labelledby="figures-sms-title"
                        tabindex="0"
                    >
                        <table class="figures-table">
                            <thead>
                                <tr>
                                    <th scope="col">"Mois"</th>
                                    <th scope="col">"Mission Locale"</th>
                                    <th scope="col">"SMS"</th>
                                    <th scope="col">"Segments"</th>
                                </tr>
                            </thead>
                            <tbody>
                                {rows
                                    .into_iter()
                                    .map(|row| {
                                        view! {
                                            <tr data-test="sms-cost-row">
                                                <th scope="row">{row.month}</th>
                                                <td>{row.mission_locale}</td>
                                                <td>{row.sms}</td>
                                                <td>{row.segments}</td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()} <tr class="figures-total">
                                    <th scope="row" colspan="2">
                                        "Total"
                                    </th>
                                    <td>{sms}</td>
                                    <td data-test="sms-segments-total">{segments}</td>
                                </tr>
                            </tbody>
                        </table>
                    </div>
                }
                    .into_any()
            }}
        </section>
    }
}

#[component]
fn GenderTable(rows: Vec<GenderRow>) -> impl IntoView {
    view! {
        <section aria-labelledby="figures-by-gender-title" data-test="figures-by-gender">
            <h2 id="figures-by-gender-title">"Par genre"</h2>
            <div
                class="table-scroll"
                role="region"
                aria-labelledby="figures-by-gender-title"
                tabindex="0"
            >
                <table class="figures-table">
                    <thead>
                        <tr>
                            <th scope="col">"Genre"</th>
                            <th scope="col">"Participants"</th>
                            <th scope="col">"Jeunes venus"</th>
                            <th scope="col">"Présences"</th>
                            <th scope="col">"Heures par jeune"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {rows
                            .into_iter()
                            .zip(Gender::ALL)
                            .map(|(row, gender)| {
                                view! {
                                    <tr data-test="gender-row" data-gender=gender.code()>
                                        <th scope="row">{row.label.clone()}</th>
                                        <td>{row.participants}</td>
                                        <td>{row.youths_attending}</td>
                                        <td>{row.attendances}</td>
                                        <td>{format_hours(row.hours_per_youth())}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}
