use leptos::prelude::*;
use shared::domain::{RoomForm, RoomId, SiteId};

use crate::error::AppError;

/// Adds a room to a site.
#[server]
pub async fn add_room(site_id: SiteId, room: RoomForm) -> Result<RoomId, AppError> {
    let call = crate::state::call()?;
    let id = shared::services::add_room(&call.db, &call.actor, site_id, &room, call.now).await?;
    leptos_axum::redirect(&format!("/lieux?enregistre={site_id}#site-{site_id}"));
    Ok(id)
}
