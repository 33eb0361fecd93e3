use leptos::prelude::*;
use shared::domain::{RoomForm, RoomId, SiteId};

use crate::error::AppError;

/// Renames a room or changes its capacity.
#[server]
pub async fn update_room(id: RoomId, site_id: SiteId, room: RoomForm) -> Result<(), AppError> {
    let call = crate::state::call()?;
    shared::services::update_room(&call.db, &call.actor, id, &room, call.now).await?;
    crate::state::redirect_to(&format!("/lieux?enregistre={site_id}#site-{site_id}"))
}
