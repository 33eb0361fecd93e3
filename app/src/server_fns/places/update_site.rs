use leptos::prelude::*;
use shared::domain::{SiteForm, SiteId};

use crate::error::AppError;

/// Saves a site's opening hours and accessibility.
#[server]
pub async fn update_site(id: SiteId, site: SiteForm) -> Result<(), AppError> {
    let call = crate::state::call()?;
    shared::services::update_site(&call.db, &call.actor, id, &site, call.now).await?;
    crate::state::redirect_to(&format!("/lieux?enregistre={id}#site-{id}"))
}
