//! Reading and checking the workshop catalogue (shared by the catalogue use cases; not a use
//! case itself).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QuerySelect, Set, TransactionSession, TransactionTrait, sea_query,
};

use crate::ServiceError;
use crate::domain::{Actor, AuditAction, CatalogueRefusal, WorkshopTypeForm, WorkshopTypeId};
use crate::entities::{workshop_session, workshop_type};
use crate::services::access_guard::require;
use crate::services::begin_write::begin_write;
use crate::services::record_audit_event;

/// The whole catalogue, archived workshops included (sessions keep theirs), by id.
pub(crate) async fn all_workshop_types(
    db: &impl ConnectionTrait,
) -> Result<HashMap<WorkshopTypeId, workshop_type::Model>, ServiceError> {
    Ok(workshop_type::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|workshop| (workshop.id, workshop))
        .collect())
}

/// The workshop type `id`, if `actor` may keep the catalogue.
pub(crate) async fn load_workshop_type(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: WorkshopTypeId,
) -> Result<workshop_type::Model, ServiceError> {
    require(actor, actor.may_edit_catalogue())?;
    workshop_type::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)
}

/// Refuses a title another workshop type already has, whatever its capitals (`except` is the
/// type being edited). The unique index has the last word when two people race; see
/// [`duplicate_title`].
pub(crate) async fn check_title_is_free(
    db: &impl ConnectionTrait,
    title: &str,
    except: Option<WorkshopTypeId>,
) -> Result<(), ServiceError> {
    let wanted = title.to_lowercase();
    let mut query = workshop_type::Entity::find()
        .select_only()
        .column(workshop_type::Column::Title);
    if let Some(except) = except {
        query = query.filter(workshop_type::Column::Id.ne(except));
    }
    let titles: Vec<String> = query.into_tuple().all(db).await?;
    if titles.iter().any(|taken| taken.to_lowercase() == wanted) {
        return Err(CatalogueRefusal::TitleTaken.into());
    }
    Ok(())
}

/// A unique-index violation on insert or update, as the French duplicate-title message.
pub(crate) fn duplicate_title(error: sea_orm::DbErr) -> ServiceError {
    match error.sql_err() {
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => CatalogueRefusal::TitleTaken.into(),
        _ => ServiceError::Database(error),
    }
}

/// How many sessions each workshop type has (cancelled ones included); absent means none.
pub(crate) async fn session_counts(
    db: &impl ConnectionTrait,
    only: Option<WorkshopTypeId>,
) -> Result<HashMap<WorkshopTypeId, u64>, ServiceError> {
    let mut query = workshop_session::Entity::find()
        .select_only()
        .column(workshop_session::Column::WorkshopTypeId)
        .column_as(
            sea_query::ExprTrait::count(sea_query::Expr::col(workshop_session::Column::Id)),
            "sessions",
        )
        .group_by(workshop_session::Column::WorkshopTypeId);
    if let Some(id) = only {
        query = query.filter(workshop_session::Column::WorkshopTypeId.eq(id));
    }
    let counts: Vec<(WorkshopTypeId, i64)> = query.into_tuple().all(db).await?;
    Ok(counts
        .into_iter()
        .map(|(id, count)| (id, u64::try_from(count).unwrap_or(0)))
        .collect())
}

/// The form as it was saved, for editing.
pub(crate) fn form_of(model: &workshop_type::Model) -> WorkshopTypeForm {
    WorkshopTypeForm {
        title: model.title.clone(),
        theme: model.theme.code().to_owned(),
        description: model.description.clone(),
        default_duration_minutes: model.default_duration_minutes.to_string(),
        default_capacity: model.default_capacity.to_string(),
        what_to_bring: model.what_to_bring.clone(),
        suits: model.suits.clone(),
    }
}

/// Archives (`Some`) or restores (`None`) a workshop type, with its line in the audit log;
/// nothing happens when it already is so.
pub(crate) async fn set_archived(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    id: WorkshopTypeId,
    archived_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let model = load_workshop_type(db, actor, id).await?;
    if model.archived_at.is_some() == archived_at.is_some() {
        return Ok(());
    }
    let title = model.title.clone();
    let txn = begin_write(db).await?;
    let mut active = model.into_active_model();
    active.archived_at = Set(archived_at);
    active.update(&txn).await?;
    record_audit_event(
        &txn,
        actor.person_id(),
        if archived_at.is_some() {
            AuditAction::WorkshopTypeArchived
        } else {
            AuditAction::WorkshopTypeRestored
        },
        None,
        title,
        None,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
