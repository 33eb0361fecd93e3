use std::net::IpAddr;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, TransactionSession,
    TransactionTrait,
};

use crate::ServiceError;
use crate::domain::{
    Actor, AttendanceRefusal, EnrolmentStatus, RateLimit, SessionId, SessionStatus, Throttle,
    accepted_check_in_windows, check_in_open, half_day_at, half_days_of, parse_check_in_code,
    retry_message, status_on_arrival,
};
use crate::entities::{attendance_line, attendance_sheet, enrolment, workshop_session};
use crate::services::attendance::attendance_records::{
    AttendanceSession, check_in_code, lock_open_sheet, new_line, require_half_day_open,
};
use crate::services::begin_write::begin_write;
use crate::services::enrolment::enrolment_records::acting_youth;
use crate::services::sign_in::check_rate_limit::{
    FailureBucket, bucket, check_rate_limit, hashed_network, network_bucket, reserve_try,
};

/// Said while a youth's check-in is locked after wrong codes.
const CHECK_IN_LOCKED: &str = "Trop de codes erronés : le pointage par code est bloqué pour vous un moment. \
     L'animateur·rice peut vous pointer sur sa liste.";

/// A signed-in youth types (or scans) the code on the facilitator's screen: they are checked
/// in, present or late, for that session only and the half-day under way (arriving over lunch
/// is arriving for the afternoon; late counts from that half-day's start), until the
/// facilitator confirms. The code must
/// be the one on screen (or the one just before) of a session under way where they hold a
/// place. Checking in twice gives the same answer. Returns the session.
///
/// Guessing is bounded (`domain::rate_limits`): every try counts against the client's network
/// (a whole room on one wifi fits), and 5 wrong codes lock that youth's check-in for 10
/// minutes — each try counted before its code is compared, atomically. A check-in from another
/// network than the screen's is marked « autre réseau » for the facilitator, who decides.
pub async fn check_in_with_code<C>(
    db: &C,
    actor: &Actor,
    typed_code: &str,
    client_ip: Option<IpAddr>,
    now: DateTime<Utc>,
) -> Result<SessionId, ServiceError>
where
    C: ConnectionTrait + TransactionTrait,
{
    let youth_id = acting_youth(actor)?;
    let code = parse_check_in_code(typed_code)?;
    check_rate_limit(
        db,
        &network_bucket("check-in", client_ip),
        RateLimit::CHECK_IN_PER_NETWORK,
        now,
    )
    .await?;
    let failures = [FailureBucket {
        key: bucket("check-in-failures", "youth", &youth_id.to_string()),
        throttle: Throttle::CHECK_IN_CODE,
        cleared_on_success: false,
    }];
    let reserved = match reserve_try(db, &failures, now).await? {
        Ok(reserved) => reserved,
        Err(retry_at) => {
            return Err(ServiceError::Throttled(retry_message(
                CHECK_IN_LOCKED,
                retry_at,
                now,
            )));
        }
    };

    // The youth's places at sessions under way whose check-in screen has been shown.
    let session_ids: Vec<SessionId> = enrolment::Entity::find()
        .filter(enrolment::Column::YouthId.eq(youth_id))
        .filter(enrolment::Column::Status.eq(EnrolmentStatus::Registered))
        .all(db)
        .await?
        .into_iter()
        .map(|place| place.session_id)
        .collect();
    let sessions = workshop_session::Entity::find()
        .filter(workshop_session::Column::Id.is_in(session_ids))
        .filter(workshop_session::Column::Status.eq(SessionStatus::Published))
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
        // The try stays counted as a failure.
        return Err(AttendanceRefusal::UnknownCheckInCode.into());
    };
    let screen_network = sheets
        .iter()
        .find(|sheet| sheet.session_id == session.id)
        .and_then(|sheet| sheet.screen_network.clone());
    let elsewhere = match (screen_network, client_ip) {
        (Some(screen), Some(client)) => screen != hashed_network(client),
        _ => false,
    };

    let halves = half_days_of(session.starts_at, session.ends_at);
    let half_day = half_day_at(&halves, now);
    let half_starts_at = halves
        .get(half_day.index())
        .map_or(session.starts_at, |half| half.starts_at);
    let attendance_session = AttendanceSession::load(db, session.id).await?;

    let txn = begin_write(db).await?;
    reserved.succeeded(&txn).await?;
    lock_open_sheet(&txn, session.id, now).await?;
    require_half_day_open(&txn, &attendance_session, half_day).await?;
    // Already on the sheet (a second tap, or marked by the facilitator): nothing changes.
    let mut line = new_line(
        session.id,
        youth_id,
        half_day,
        status_on_arrival(half_starts_at, now),
        Some(youth_id),
        now,
    );
    line.checked_in_at = Set(Some(now));
    line.confirmed = Set(false);
    line.checked_in_elsewhere = Set(elsewhere);
    attendance_line::Entity::insert(line)
        .on_conflict(
            OnConflict::columns([
                attendance_line::Column::SessionId,
                attendance_line::Column::YouthId,
                attendance_line::Column::HalfDay,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(&txn)
        .await?;
    txn.commit().await?;
    Ok(session.id)
}
