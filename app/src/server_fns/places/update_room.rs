use leptos::prelude::*;
use shared::domain::{RoomForm, RoomId, SiteId};

use crate::error::AppError;

/// Renames a room or changes its capacity.
#[server]
pub async fn update_room(id: RoomId, site_id: SiteId, room: RoomForm) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    shared::services::update_room(
        &state.db,
        &crate::session::current_actor(),
        id,
        &room,
        state.clock.now(),
    )
    .await?;
    leptos_axum::redirect(&format!("/lieux?enregistre={site_id}#site-{site_id}"));
    Ok(())
}
