use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;

use crate::ServiceError;
use crate::documents::{Cell, Table, to_csv, to_xlsx};
use crate::domain::{
    Actor, ExportFormat, FiguresForm, PARIS, SessionId, half_day_name, half_days_of,
};
use crate::services::DownloadedFile;
use crate::services::figures::figures_records::{
    HeldBy, PeriodRecords, authorised_query, file_stem,
};

/// Every confirmed attendance line of the sessions held in a period (by the Mission Locale, or
/// the federation): youth, session, date, half-day and its times, hours, status, and whether the
/// youth signed and the sheet is closed, oldest session first. A full day has a row per youth
/// and half-day. Hours are those of the half-day for present and late youths, zero otherwise.
pub async fn export_attendance_lines(
    db: &impl ConnectionTrait,
    actor: &Actor,
    form: &FiguresForm,
    format: ExportFormat,
    now: DateTime<Utc>,
) -> Result<DownloadedFile, ServiceError> {
    let query = authorised_query(actor, form, now.with_timezone(&PARIS).date_naive())?;
    let records =
        PeriodRecords::load(db, &query, HeldBy::Organiser(query.mission_locale_id), now).await?;
    let mut sessions: Vec<_> = records.sessions.iter().collect();
    sessions.sort_by_key(|session| (session.model.starts_at, session.model.id));
    let mut lines_of: HashMap<SessionId, Vec<_>> = HashMap::new();
    for line in &records.lines {
        lines_of
            .entry(line.session_id)
            .or_default()
            .push((records.full_name(line.youth_id), line));
    }
    let mut rows = Vec::with_capacity(records.lines.len());
    for session in sessions {
        let mut lines = lines_of
            .remove(&session.fact.session_id)
            .unwrap_or_default();
        lines.sort_by(|a, b| (&a.0, a.1.half_day).cmp(&(&b.0, b.1.half_day)));
        let halves = half_days_of(session.model.starts_at, session.model.ends_at);
        for ((last_name, first_name), line) in lines {
            let Some(half) = halves.get(line.half_day.index()) else {
                continue;
            };
            let starts = half.starts_at.with_timezone(&PARIS);
            let ends = half.ends_at.with_timezone(&PARIS);
            let status = line.status;
            let hours = if status.attended() {
                half.minutes() as f64 / 60.0
            } else {
                0.0
            };
            rows.push(vec![
                Cell::from(records.mission_locale_name(Some(session.model.mission_locale_id))),
                Cell::Integer(session.fact.session_id.get().into()),
                Cell::from(session.title.clone()),
                Cell::from(session.fact.theme.label()),
                Cell::Date(session.fact.day),
                Cell::from(starts.format("%H:%M").to_string()),
                Cell::from(ends.format("%H:%M").to_string()),
                Cell::from(if halves.len() > 1 {
                    half_day_name(&halves, line.half_day)
                } else {
                    String::new()
                }),
                Cell::Decimal(hours),
                Cell::from(last_name),
                Cell::from(first_name),
                Cell::from(records.gender_of(line.youth_id).label()),
                Cell::from(status.label()),
                Cell::from(if line.walk_in {
                    "sans inscription"
                } else {
                    "inscrit"
                }),
                Cell::from(if line.signature.is_some() {
                    "oui"
                } else {
                    "non"
                }),
                Cell::from(session.sheet_state.label()),
            ]);
        }
    }
    let table = Table {
        name: "Présences",
        headers: vec![
            "Mission Locale",
            "N° de séance",
            "Atelier",
            "Thème",
            "Date",
            "Début",
            "Fin",
            "Demi-journée",
            "Heures",
            "Nom",
            "Prénom",
            "Genre",
            "Statut",
            "Inscription",
            "Signé",
            "Feuille",
        ],
        rows,
    };
    let content = match format {
        ExportFormat::Csv => to_csv(&table),
        ExportFormat::Xlsx => to_xlsx(&[table]).map_err(|cause| {
            ServiceError::Database(sea_orm::DbErr::Custom(format!(
                "writing the XLSX failed: {cause}"
            )))
        })?,
    };
    Ok(DownloadedFile {
        file_name: format!("{}.{}", file_stem("presences", &query), format.extension()),
        content_type: format.content_type().to_owned(),
        content,
    })
}
