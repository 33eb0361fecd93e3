use sea_orm::ConnectionTrait;

use crate::ServiceError;
use crate::domain::{Actor, WorkshopTypeDetails, WorkshopTypeId};
use crate::services::catalogue::workshop_types::{form_of, load_workshop_type, session_counts};

/// A workshop type of the catalogue, for the page that edits it (staff).
pub async fn view_workshop_type(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: WorkshopTypeId,
) -> Result<WorkshopTypeDetails, ServiceError> {
    let model = load_workshop_type(db, actor, id).await?;
    let session_count = session_counts(db, Some(id))
        .await?
        .get(&id)
        .copied()
        .unwrap_or(0);
    Ok(WorkshopTypeDetails {
        id,
        form: form_of(&model),
        archived: model.archived_at.is_some(),
        session_count,
    })
}
