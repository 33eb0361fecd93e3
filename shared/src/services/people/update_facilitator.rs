use chrono::{DateTime, Utc};
use sea_orm::sea_query::Query;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QuerySelect, Set, TransactionTrait,
};

use crate::ServiceError;
use crate::domain::{
    Actor, AuditAction, CHANGES_SEPARATOR, EMAIL_CHANGED, FacilitatorFile, FacilitatorForm,
    FacilitatorRecord, MissionLocaleId, PeopleRefusal, PersonId,
};
use crate::entities::{facilitator, person, session_facilitator, workshop_session};
use crate::services::MailSettings;
use crate::services::access_guard::require;
use crate::services::begin_write::begin_write;
use crate::services::people::people_records::{
    audit_and_commit, check_email_is_free, unique_violation,
};
use crate::services::people::retire_old_address::retire_old_address;

/// A facilitator's rows and what the access policy reads about them.
pub(crate) struct LoadedFacilitator {
    pub facilitator: facilitator::Model,
    pub person: person::Model,
    pub file: FacilitatorFile,
}

/// The facilitator `id` with their person row, for staff (every staff member may read them).
pub(crate) async fn load_facilitator_for(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: PersonId,
) -> Result<LoadedFacilitator, ServiceError> {
    require(actor, actor.may_manage_people())?;
    let Some((facilitator, Some(person))) = facilitator::Entity::find_by_id(id)
        .find_also_related(person::Entity)
        .one(db)
        .await?
    else {
        return Err(ServiceError::NotFound);
    };
    let file = facilitator_file(db, &facilitator).await?;
    Ok(LoadedFacilitator {
        facilitator,
        person,
        file,
    })
}

/// The Mission Locales whose sessions `facilitator` runs, and who added them.
pub(crate) async fn facilitator_file(
    db: &impl ConnectionTrait,
    facilitator: &facilitator::Model,
) -> Result<FacilitatorFile, ServiceError> {
    let session_mission_locales = workshop_session::Entity::find()
        .select_only()
        .column(workshop_session::Column::MissionLocaleId)
        .distinct()
        .filter(
            workshop_session::Column::Id.in_subquery(
                Query::select()
                    .column(session_facilitator::Column::SessionId)
                    .from(session_facilitator::Entity)
                    .and_where(session_facilitator::Column::PersonId.eq(facilitator.person_id))
                    .to_owned(),
            ),
        )
        .into_tuple::<MissionLocaleId>()
        .all(db)
        .await?;
    Ok(FacilitatorFile {
        session_mission_locales,
        added_by: facilitator.added_by,
    })
}

/// The facilitator `id`, for a change: refused (403) to staff who may read but not keep them.
pub(crate) async fn load_facilitator_to_edit(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: PersonId,
) -> Result<LoadedFacilitator, ServiceError> {
    let loaded = load_facilitator_for(db, actor, id).await?;
    require(actor, actor.may_edit_facilitator(&loaded.file))?;
    Ok(loaded)
}

/// Staff who keep a guest facilitator (see `Actor::may_edit_facilitator`) correct their
/// details. Every field changed is logged; a new address also spends the links and sessions of
/// the old one and tells it (see `retire_old_address`).
pub async fn update_facilitator(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    id: PersonId,
    form: &FacilitatorForm,
    mail: &MailSettings,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let LoadedFacilitator {
        facilitator,
        person,
        ..
    } = load_facilitator_to_edit(db, actor, id).await?;
    if person.archived_at.is_some() {
        return Err(PeopleRefusal::FacilitatorArchived.into());
    }
    let record = FacilitatorRecord::parse(form)?;
    check_email_is_free(db, Some(record.email.as_str()), Some(id)).await?;
    let phone = record
        .phone
        .as_ref()
        .map(|phone| phone.international().to_owned());
    let mut changes = Vec::new();
    let mut note = |label: &str, before: &str, after: &str| {
        if before != after {
            changes.push(format!("{label} : {before} → {after}"));
        }
    };
    note("prénom", &person.first_name, record.first_name.as_str());
    note("nom", &person.last_name, record.last_name.as_str());
    note("structure", &facilitator.organisation, &record.organisation);
    note(
        "téléphone",
        person.phone.as_deref().unwrap_or("—"),
        phone.as_deref().unwrap_or("—"),
    );

    let txn = begin_write(db).await?;
    if retire_old_address(&txn, &person, Some(record.email.as_str()), mail, now).await? {
        changes.push(EMAIL_CHANGED.to_owned());
    }
    if changes.is_empty() {
        return Ok(()); // nothing changed: nothing written, nothing logged
    }
    let mut person = person.into_active_model();
    person.first_name = Set(record.first_name.as_str().to_owned());
    person.last_name = Set(record.last_name.as_str().to_owned());
    person.email = Set(Some(record.email.as_str().to_owned()));
    person.phone = Set(phone);
    person.update(&txn).await.map_err(unique_violation)?;
    let mut facilitator = facilitator.into_active_model();
    facilitator.organisation = Set(record.organisation);
    facilitator.update(&txn).await?;
    audit_and_commit(
        txn,
        actor.person_id(),
        AuditAction::FacilitatorUpdated,
        id,
        changes.join(CHANGES_SEPARATOR),
        now,
    )
    .await
}
