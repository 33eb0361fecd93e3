use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, IntoActiveModel, Set, TransactionSession, TransactionTrait,
};

use crate::ServiceError;
use crate::domain::{Actor, RosterRefusal, SessionChange, SessionId, check_staff_roster_change};
use crate::services::MailSettings;
use crate::services::access_guard::require;
use crate::services::begin_write::begin_write;
use crate::services::enrolment::enrolment_records::{
    ByStaff, facts_of, lock_roster, set_capacity_by_staff,
};
use crate::services::planning::session_records::{load_bundle, load_room, record_change};

/// An organiser raises or lowers the number of places of one session: 1 to 200, within the
/// room's, never below the youths already registered. Raised seats go to the waiting list
/// first (unless the session is too close: then the counsellor promotes by hand).
pub async fn change_capacity<C>(
    db: &C,
    actor: &Actor,
    session_id: SessionId,
    capacity: &str,
    mail: &MailSettings,
    now: DateTime<Utc>,
) -> Result<(), ServiceError>
where
    C: ConnectionTrait + TransactionTrait,
{
    let bundle = load_bundle(db, session_id).await?;
    require(actor, actor.may_plan_for(bundle.session.mission_locale_id))?;
    let capacity = match capacity.trim().parse::<u32>() {
        Ok(capacity) if (1..=200).contains(&capacity) => capacity,
        _ => {
            return Err(RosterRefusal::CapacityOutOfRange.into());
        }
    };
    if let Some(room_id) = bundle.session.room_id
        && let Some(room) = load_room(db, room_id).await?
        && capacity > room.room.capacity.max(0) as u32
    {
        return Err(RosterRefusal::RoomTooSmall {
            room: room.room.name,
            capacity: room.room.capacity,
        }
        .into());
    }

    let txn = begin_write(db).await?;
    let mut locked = lock_roster(&txn, session_id).await?;
    let facts = facts_of(&locked.session, &bundle);
    check_staff_roster_change(&facts, now)
        .map_err(|refusal| ServiceError::Invalid(refusal.staff_message(None)))?;
    let before = locked.roster.capacity();
    if before == capacity {
        return Ok(());
    }
    let promote = facts.rules.promotes_automatically(facts.starts_at, now);
    set_capacity_by_staff(
        &txn,
        &mut locked,
        capacity,
        promote,
        ByStaff {
            actor_id: actor.person_id(),
            mail,
        },
        |refusal| ServiceError::Invalid(refusal.staff_message(None)),
        now,
    )
    .await?;
    let mut row = locked.session.clone().into_active_model();
    row.capacity = Set(capacity as i32);
    row.update(&txn).await?;
    let detail = format!("places : {before} → {capacity}");
    record_change(
        &txn,
        session_id,
        actor.person_id(),
        &SessionChange::DetailsChanged {
            fields: vec![detail.clone()],
        },
        format!("Modifié : {detail}."),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
