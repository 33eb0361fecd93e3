use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, TransactionTrait,
};

use crate::ServiceError;
use crate::domain::{Actor, AuditAction, PeopleRefusal, PersonId};
use crate::entities::{person, youth};
use crate::services::people::people_records::{author_if, load_staff_member, set_archived};

/// A coordinator closes a staff account (someone leaves): they can no longer sign in, their
/// history stays. A counsellor still referent of youths in the programme is refused until those
/// youths have another referent, so that nobody is left without one.
pub async fn archive_staff_member(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    staff_id: PersonId,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let actor_id = author_if(actor, actor.may_manage_staff())?;
    if staff_id == actor_id {
        return Err(PeopleRefusal::OwnAccountArchive.into());
    }
    let (_, person) = load_staff_member(db, staff_id).await?;
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
    set_archived(
        db,
        Some(actor_id),
        person,
        true,
        AuditAction::StaffArchived,
        now,
    )
    .await
}
