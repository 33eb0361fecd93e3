use leptos::prelude::*;
use shared::domain::{NewSiteForm, SiteId};

use crate::error::AppError;

/// Adds a site to a Mission Locale.
#[server]
pub async fn create_site(site: NewSiteForm) -> Result<SiteId, AppError> {
    let state = crate::state::app_state()?;
    let id = shared::services::create_site(
        &state.db,
        &crate::session::current_actor(),
        &site,
        state.clock.now(),
    )
    .await?;
    leptos_axum::redirect(&format!("/lieux?enregistre={id}#site-{id}"));
    Ok(id)
}
