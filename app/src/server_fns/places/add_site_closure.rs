use leptos::prelude::*;
use shared::domain::{ClosureForm, SiteId};

use crate::error::AppError;

/// Records days a site is closed.
#[server]
pub async fn add_site_closure(site_id: SiteId, closure: ClosureForm) -> Result<i32, AppError> {
    let call = crate::state::call()?;
    let id = shared::services::add_site_closure(&call.db, &call.actor, site_id, &closure, call.now)
        .await?;
    leptos_axum::redirect(&format!("/lieux?enregistre={site_id}#site-{site_id}"));
    Ok(id)
}
