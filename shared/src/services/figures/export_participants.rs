use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;

use crate::ServiceError;
use crate::documents::{Cell, Table, to_csv, to_xlsx};
use crate::domain::{
    Actor, ExportFormat, FiguresForm, PARIS, ParticipantFigures, PersonId, SessionId,
    format_percent,
};
use crate::services::DownloadedFile;
use crate::services::figures::figures_records::{
    HeldBy, PeriodRecords, authorised_query, file_stem,
};

/// The participants of a period for the funder: one line per youth followed (counted once),
/// with entry and exit dates, the exit outcome and whether it is positive, whether a phone or an
/// email is on file, and the workshops attended in the period. The XLSX adds a summary sheet
/// (positive-exit share, contactability).
pub async fn export_participants(
    db: &impl ConnectionTrait,
    actor: &Actor,
    form: &FiguresForm,
    format: ExportFormat,
    now: DateTime<Utc>,
) -> Result<DownloadedFile, ServiceError> {
    let query = authorised_query(actor, form, now.with_timezone(&PARIS).date_naive())?;
    // A participant's workshops count wherever they were held.
    let records = PeriodRecords::load(db, &query, HeldBy::Participants, now).await?;
    // Sessions attended (a full day once) and the minutes of the half-days attended.
    let mut sessions_of: HashMap<PersonId, HashSet<SessionId>> = HashMap::new();
    let mut attended: HashMap<PersonId, (i64, i64)> = HashMap::new();
    for line in records.line_facts() {
        if line.status.attended() {
            let entry = attended.entry(line.youth_id).or_default();
            if sessions_of
                .entry(line.youth_id)
                .or_default()
                .insert(line.session_id)
            {
                entry.0 += 1;
            }
            entry.1 += line.minutes;
        }
    }
    let yes_no = |yes: bool| Cell::from(if yes { "oui" } else { "non" });
    let rows = records
        .participants(&query)
        .into_iter()
        .map(|youth| {
            let (last_name, first_name) = records.full_name(youth.person_id);
            let exit = PeriodRecords::exit_within(youth, &query);
            let (sessions, minutes) = attended.get(&youth.person_id).copied().unwrap_or_default();
            vec![
                Cell::from(records.mission_locale_name(records.mission_locale_of_youth(youth))),
                Cell::from(last_name),
                Cell::from(first_name),
                Cell::from(records.gender_of(youth.person_id).label()),
                Cell::Date(youth.date_of_birth),
                Cell::Date(youth.programme_entry_date),
                match exit {
                    Some(_) => youth.programme_exit_date.map_or(Cell::Empty, Cell::Date),
                    None => Cell::Empty,
                },
                exit.map_or(Cell::Empty, |outcome| Cell::from(outcome.label())),
                exit.map_or(Cell::Empty, |outcome| yes_no(outcome.is_positive())),
                yes_no(records.has_phone(youth.person_id)),
                yes_no(records.has_email(youth.person_id)),
                Cell::Integer(sessions),
                Cell::Decimal(minutes as f64 / 60.0),
            ]
        })
        .collect();
    let participants = Table {
        name: "Participants",
        headers: vec![
            "Mission Locale",
            "Nom",
            "Prénom",
            "Genre",
            "Date de naissance",
            "Date d'entrée",
            "Date de sortie",
            "Situation à la sortie",
            "Sortie positive",
            "Téléphone renseigné",
            "Courriel renseigné",
            "Ateliers suivis",
            "Heures d'atelier",
        ],
        rows,
    };
    let summary = ParticipantFigures::of(&records.participant_facts(&query));
    let content = match format {
        ExportFormat::Csv => to_csv(&participants),
        ExportFormat::Xlsx => {
            to_xlsx(&[participants, summary_table(&summary, &query.period_label())]).map_err(
                |cause| {
                    ServiceError::Database(sea_orm::DbErr::Custom(format!(
                        "writing the XLSX failed: {cause}"
                    )))
                },
            )?
        }
    };
    Ok(DownloadedFile {
        file_name: format!(
            "{}.{}",
            file_stem("participants", &query),
            format.extension()
        ),
        content_type: format.content_type().to_owned(),
        content,
    })
}

fn summary_table(summary: &ParticipantFigures, period: &str) -> Table {
    let line = |label: &str, value: Cell| vec![Cell::from(label), value];
    Table {
        name: "Synthèse",
        headers: vec!["Indicateur", "Valeur"],
        rows: vec![
            line("Période", Cell::from(period)),
            line("Participants", Cell::Integer(summary.participants.into())),
            line(
                "Sorties dans la période",
                Cell::Integer(summary.exited.into()),
            ),
            line(
                "Sorties positives (emploi, formation, reprise d'études)",
                Cell::Integer(summary.positive_exits.into()),
            ),
            line(
                "Part de sorties positives",
                Cell::from(format_percent(summary.positive_percent())),
            ),
            line(
                "Objectif du programme : 70 % de sorties positives",
                Cell::from(summary.exit_target().label()),
            ),
            line(
                "Participants sans téléphone ni courriel",
                Cell::Integer(summary.unreachable.into()),
            ),
            line(
                "Part sans téléphone ni courriel (seuil du financeur : 35 %)",
                Cell::from(format_percent(summary.unreachable_percent())),
            ),
        ],
    }
}
