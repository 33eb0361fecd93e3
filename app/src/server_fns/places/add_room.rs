use leptos::prelude::*;
use shared::domain::RoomForm;

use crate::error::AppError;

/// Adds a room to a site.
#[server]
pub async fn add_room(site_id: i32, room: RoomForm) -> Result<i32, AppError> {
    let state = crate::state::app_state()?;
    let id = shared::services::add_room(
        &state.db,
        &crate::session::current_actor(),
        site_id,
        &room,
        state.clock.now(),
    )
    .await?;
    leptos_axum::redirect(&format!("/lieux?enregistre={site_id}#site-{site_id}"));
    Ok(id)
}
