use leptos::prelude::*;
use shared::domain::{NewSiteForm, SiteId};

use crate::error::AppError;

/// Adds a site to a Mission Locale.
#[server]
pub async fn create_site(site: NewSiteForm) -> Result<SiteId, AppError> {
    let call = crate::state::call()?;
    let id = shared::services::create_site(&call.db, &call.actor, &site, call.now).await?;
    leptos_axum::redirect(&format!("/lieux?enregistre={id}#site-{id}"));
    Ok(id)
}
