use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::ServiceError;
use crate::domain::{
    Actor, EnrolmentStatus, HalfDayNumber, MissionLocaleId, PersonId, SessionId, SessionStatus,
    SheetState, SheetToClose, WorkshopTypeId, format_session_date, format_session_hours,
    half_days_of,
};
use crate::entities::{
    attendance_line, attendance_sheet, enrolment, mission_locale, session_counsellor,
    session_facilitator, workshop_session, workshop_type,
};
use crate::services::access_guard::require;

/// The sessions whose sheet is still open once they have started, oldest first: for a
/// counsellor the sessions they run, for a guest theirs, for a coordinator the federation's.
/// A session leaves the list when its sheet is closed (signed, or a paper scan uploaded).
pub async fn list_sheets_to_close(
    db: &impl ConnectionTrait,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<Vec<SheetToClose>, ServiceError> {
    require(
        actor,
        actor.may_view_agenda() || matches!(actor, Actor::Facilitator { .. }),
    )?;
    let mut query = workshop_session::Entity::find()
        .filter(workshop_session::Column::Status.eq(SessionStatus::Published))
        .filter(workshop_session::Column::StartsAt.lte(now))
        .order_by_asc(workshop_session::Column::StartsAt);
    let runs: Option<Vec<SessionId>> = match actor {
        Actor::Counsellor { person_id, .. } => Some(
            session_counsellor::Entity::find()
                .filter(session_counsellor::Column::PersonId.eq(*person_id))
                .all(db)
                .await?
                .into_iter()
                .map(|row| row.session_id)
                .collect(),
        ),
        Actor::Facilitator { person_id } => Some(
            session_facilitator::Entity::find()
                .filter(session_facilitator::Column::PersonId.eq(*person_id))
                .all(db)
                .await?
                .into_iter()
                .map(|row| row.session_id)
                .collect(),
        ),
        _ => None,
    };
    if let Some(runs) = runs {
        query = query.filter(workshop_session::Column::Id.is_in(runs));
    }
    let sessions = query.filter(sheet_not_closed()).all(db).await?;
    describe_sheets_to_close(db, sessions, now).await
}

/// Keeps the sessions whose attendance sheet is not closed (no sheet yet, or one still open).
pub(crate) fn sheet_not_closed() -> Expr {
    Expr::col((workshop_session::Entity, workshop_session::Column::Id)).not_in_subquery(
        Query::select()
            .column(attendance_sheet::Column::SessionId)
            .from(attendance_sheet::Entity)
            .and_where(attendance_sheet::Column::State.ne(SheetState::Open))
            .to_owned(),
    )
}

/// What is left to do on each of `sessions` (started, sheet not closed), in their order.
pub(crate) async fn describe_sheets_to_close(
    db: &impl ConnectionTrait,
    sessions: Vec<workshop_session::Model>,
    now: DateTime<Utc>,
) -> Result<Vec<SheetToClose>, ServiceError> {
    let open_ids: Vec<SessionId> = sessions.iter().map(|session| session.id).collect();
    let mut registered: HashMap<SessionId, Vec<PersonId>> = HashMap::new();
    for place in enrolment::Entity::find()
        .filter(enrolment::Column::SessionId.is_in(open_ids.clone()))
        .filter(enrolment::Column::Status.eq(EnrolmentStatus::Registered))
        .all(db)
        .await?
    {
        registered
            .entry(place.session_id)
            .or_default()
            .push(place.youth_id);
    }
    // A status per youth and half-day: a full day's afternoon is to be marked too.
    let mut marked: HashMap<SessionId, Vec<(PersonId, HalfDayNumber)>> = HashMap::new();
    for line in attendance_line::Entity::find()
        .filter(attendance_line::Column::SessionId.is_in(open_ids))
        .filter(attendance_line::Column::Confirmed.eq(true))
        .all(db)
        .await?
    {
        marked
            .entry(line.session_id)
            .or_default()
            .push((line.youth_id, line.half_day));
    }
    let titles: HashMap<WorkshopTypeId, String> = workshop_type::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|workshop| (workshop.id, workshop.title))
        .collect();
    let organisers: HashMap<MissionLocaleId, String> = mission_locale::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|ml| (ml.id, ml.name))
        .collect();
    Ok(sessions
        .into_iter()
        .map(|session| {
            let expected = registered.get(&session.id).cloned().unwrap_or_default();
            let done = marked.get(&session.id).cloned().unwrap_or_default();
            let missing = (0..half_days_of(session.starts_at, session.ends_at).len())
                .filter_map(HalfDayNumber::at)
                .flat_map(|half| expected.iter().map(move |id| (*id, half)))
                .filter(|mark| !done.contains(mark))
                .count();
            let what_is_left = if done.is_empty() && !expected.is_empty() {
                "Appel à faire".to_owned()
            } else if missing > 0 {
                format!("{missing} statut(s) à saisir, puis signer et clôturer")
            } else {
                "À signer et clôturer".to_owned()
            };
            SheetToClose {
                session_id: session.id,
                title: titles
                    .get(&session.workshop_type_id)
                    .cloned()
                    .unwrap_or_default(),
                when: format!(
                    "{}, {}",
                    format_session_date(session.starts_at),
                    format_session_hours(session.starts_at, session.ends_at)
                ),
                mission_locale: organisers
                    .get(&session.mission_locale_id)
                    .cloned()
                    .unwrap_or_default(),
                under_way: session.ends_at > now,
                what_is_left,
            }
        })
        .collect())
}
