use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;

use crate::ServiceError;
use crate::domain::{
    Actor, Dashboard, FiguresFacts, FiguresForm, MissionLocaleId, PARIS, compute_dashboard,
};
use crate::services::figures::figures_records::{PeriodRecords, authorised_query};

/// The dashboard of a Mission Locale or of the federation over a period (the last twelve months
/// unless asked otherwise): sessions held, places, attendance, hours per youth, by theme, month
/// and gender; participants, positive exits and contactability.
pub async fn view_dashboard(
    db: &impl ConnectionTrait,
    actor: &Actor,
    form: &FiguresForm,
    now: DateTime<Utc>,
) -> Result<Dashboard, ServiceError> {
    let query = authorised_query(actor, form, now.with_timezone(&PARIS).date_naive())?;
    let records = PeriodRecords::load(db, &query, query.mission_locale_id, now).await?;
    let lines = records.line_facts();
    let genders = lines
        .iter()
        .map(|line| (line.youth_id, records.gender_of(line.youth_id)))
        .collect();
    let figures = compute_dashboard(&FiguresFacts {
        sessions: records
            .sessions
            .iter()
            .map(|session| session.fact.clone())
            .collect(),
        places: records.places.clone(),
        lines,
        genders,
        participants: records.participant_facts(&query),
    });
    let scope = match query.mission_locale_id {
        Some(id) => records.mission_locale_name(Some(id)),
        None => format!(
            "Fédération ({} Missions Locales)",
            records.mission_locales.len()
        ),
    };
    if query.mission_locale_id.is_some() && scope.is_empty() {
        return Err(ServiceError::NotFound);
    }
    let mut choices: Vec<(MissionLocaleId, String)> = if actor.may_view_federation() {
        records.mission_locales.clone().into_iter().collect()
    } else {
        Vec::new()
    };
    choices.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(Dashboard {
        scope,
        query,
        total: figures.total,
        by_theme: figures.by_theme,
        by_month: figures.by_month,
        by_gender: figures.by_gender,
        sheets_not_closed: figures.sheets_not_closed,
        participants: figures.participants,
        choices,
    })
}
