use leptos::prelude::*;
use shared::domain::{SiteForm, SiteId};

use crate::error::AppError;

/// Saves a site's opening hours and accessibility.
#[server]
pub async fn update_site(id: SiteId, site: SiteForm) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    shared::services::update_site(
        &state.db,
        &crate::session::current_actor(),
        id,
        &site,
        state.clock.now(),
    )
    .await?;
    leptos_axum::redirect(&format!("/lieux?enregistre={id}#site-{id}"));
    Ok(())
}
