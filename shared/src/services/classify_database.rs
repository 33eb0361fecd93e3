use sea_orm::{ConnectionTrait, EntityTrait, PaginatorTrait};

use crate::ServiceError;
use crate::entities::{demo_marker, mission_locale, person};

/// What a database holds, as far as the demo is concerned: its accounts have a published
/// password, so the demo never mixes with anything else.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DatabaseContents {
    /// Nobody and no Mission Locale yet: the demo may load, or a first coordinator be created.
    Empty,
    /// The demo was loaded (`demo_marker`).
    Demo,
    /// People or Mission Locales that the demo did not bring: a real federation.
    Other,
}

pub async fn classify_database(
    db: &impl ConnectionTrait,
) -> Result<DatabaseContents, ServiceError> {
    if demo_marker::Entity::find().count(db).await? > 0 {
        return Ok(DatabaseContents::Demo);
    }
    if person::Entity::find().count(db).await? > 0
        || mission_locale::Entity::find().count(db).await? > 0
    {
        return Ok(DatabaseContents::Other);
    }
    Ok(DatabaseContents::Empty)
}
