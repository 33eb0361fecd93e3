use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, Set, TransactionSession, TransactionTrait,
};

use crate::ServiceError;
use crate::domain::{Actor, AuditAction, PeopleRefusal, PersonId};
use crate::entities::{person, staff_member, youth};
use crate::services::begin_write::begin_write;
use crate::services::record_audit_event;
use crate::services::sign_in::identify_actor::revoke_sessions_of;

/// A coordinator closes a staff account (someone leaves): they can no longer sign in, their
/// history stays. A counsellor still referent of youths in the programme is refused until those
/// youths have another referent, so that nobody is left without one.
pub async fn archive_staff_member(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    staff_id: PersonId,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let Some(actor_id) = actor.person_id() else {
        return Err(ServiceError::NotSignedIn);
    };
    if !actor.may_manage_staff() {
        return Err(ServiceError::Forbidden);
    }
    if staff_id == actor_id {
        return Err(PeopleRefusal::OwnAccountArchive.into());
    }
    let Some((_, Some(person))) = staff_member::Entity::find_by_id(staff_id)
        .find_also_related(person::Entity)
        .one(db)
        .await?
    else {
        return Err(ServiceError::NotFound);
    };
    if person.archived_at.is_some() {
        return Ok(());
    }
    let followed = youth::Entity::find()
        .find_also_related(person::Entity)
        .filter(youth::Column::ReferentId.eq(staff_id))
        .filter(youth::Column::ProgrammeExitDate.is_null())
        .filter(person::Column::ArchivedAt.is_null())
        .count(db)
        .await?;
    if followed > 0 {
        return Err(PeopleRefusal::StillReferent {
            first_name: person.first_name,
            last_name: person.last_name,
            youths: followed,
        }
        .into());
    }
    let txn = begin_write(db).await?;
    let mut archived = person.into_active_model();
    archived.archived_at = Set(Some(now));
    archived.update(&txn).await?;
    revoke_sessions_of(&txn, staff_id, now).await?;
    record_audit_event(
        &txn,
        Some(actor_id),
        AuditAction::StaffArchived,
        Some(staff_id.get()),
        "",
        None,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
