use sea_orm::{ConnectionTrait, EntityTrait};

use crate::ServiceError;
use crate::domain::{Actor, Theme, WorkshopTypeSummary};
use crate::entities::workshop_type;
use crate::services::access_guard::require;
use crate::services::catalogue::workshop_types::session_counts;

/// The whole catalogue, for staff: the types on offer first, then the archived ones; each group
/// by theme (in the programme's order), then by title.
pub async fn list_workshop_types(
    db: &impl ConnectionTrait,
    actor: &Actor,
) -> Result<Vec<WorkshopTypeSummary>, ServiceError> {
    require(actor, actor.may_edit_catalogue())?;
    let counts = session_counts(db, None).await?;
    let mut types: Vec<WorkshopTypeSummary> = workshop_type::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|model| WorkshopTypeSummary {
            id: model.id,
            theme: model.theme,
            default_duration_minutes: u32::try_from(model.default_duration_minutes).unwrap_or(0),
            default_capacity: u32::try_from(model.default_capacity).unwrap_or(0),
            archived: model.archived_at.is_some(),
            session_count: counts.get(&model.id).copied().unwrap_or(0),
            title: model.title,
        })
        .collect();
    let theme_rank = |theme: Theme| Theme::ALL.iter().position(|t| *t == theme);
    types.sort_by_cached_key(|summary| {
        (
            summary.archived,
            theme_rank(summary.theme),
            summary.title.to_lowercase(),
        )
    });
    Ok(types)
}
