use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, TransactionSession,
    TransactionTrait,
};

use crate::ServiceError;
use crate::domain::{
    Actor, EnrolmentStatus, SessionStatus, accepted_check_in_windows, check_in_open,
    parse_check_in_code, status_on_arrival,
};
use crate::entities::{attendance_line, attendance_sheet, enrolment, workshop_session};
use crate::services::attendance_records::{check_in_code, lock_open_sheet, new_line};
use crate::services::begin_write::begin_write;
use crate::services::enrolment_records::acting_youth;

/// Said for a wrong, expired or someone else's code alike: a shared code tells nothing.
pub const UNKNOWN_CHECK_IN_CODE: &str = "Ce code ne correspond à aucune séance en cours où vous êtes inscrit·e. Il change toutes les 30 secondes : recopiez celui affiché maintenant dans la salle.";

/// A signed-in youth types (or scans) the code on the facilitator's screen: they are checked
/// in, present or late, for that session only, until the facilitator confirms. The code must
/// be the one on screen (or the one just before) of a session under way where they hold a
/// place. Checking in twice gives the same answer. Returns the session.
pub async fn check_in_with_code<C>(
    db: &C,
    actor: &Actor,
    typed_code: &str,
    now: DateTime<Utc>,
) -> Result<i32, ServiceError>
where
    C: ConnectionTrait + TransactionTrait,
{
    let youth_id = acting_youth(actor)?;
    let code = parse_check_in_code(typed_code)?;

    // The youth's places at sessions under way whose check-in screen has been shown.
    let session_ids: Vec<i32> = enrolment::Entity::find()
        .filter(enrolment::Column::YouthId.eq(youth_id))
        .filter(enrolment::Column::Status.eq(EnrolmentStatus::Registered.code()))
        .all(db)
        .await?
        .into_iter()
        .map(|place| place.session_id)
        .collect();
    let sessions = workshop_session::Entity::find()
        .filter(workshop_session::Column::Id.is_in(session_ids))
        .filter(workshop_session::Column::Status.eq(SessionStatus::Published.code()))
        .all(db)
        .await?;
    let sheets = attendance_sheet::Entity::find()
        .filter(
            attendance_sheet::Column::SessionId.is_in(sessions.iter().map(|session| session.id)),
        )
        .all(db)
        .await?;
    let matching = sessions.iter().find(|session| {
        check_in_open(session.starts_at, session.ends_at, now)
            && sheets.iter().any(|sheet| {
                sheet.session_id == session.id
                    && accepted_check_in_windows(now).iter().any(|window| {
                        check_in_code(&sheet.check_in_secret, session.id, *window) == code
                    })
            })
    });
    let Some(session) = matching else {
        return Err(ServiceError::Invalid(UNKNOWN_CHECK_IN_CODE.into()));
    };

    let txn = begin_write(db).await?;
    lock_open_sheet(&txn, session.id, now).await?;
    // Already on the sheet (a second tap, or marked by the facilitator): nothing changes.
    let mut line = new_line(
        session.id,
        youth_id,
        status_on_arrival(session.starts_at, now),
        Some(youth_id),
        now,
    );
    line.checked_in_at = Set(Some(now));
    line.confirmed = Set(false);
    attendance_line::Entity::insert(line)
        .on_conflict(
            OnConflict::columns([
                attendance_line::Column::SessionId,
                attendance_line::Column::YouthId,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(&txn)
        .await?;
    txn.commit().await?;
    Ok(session.id)
}
