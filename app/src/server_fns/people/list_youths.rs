use leptos::prelude::*;
use shared::domain::YouthSummary;

use crate::error::AppError;

/// The youths the signed-in staff member may list; `mine` keeps their own, `search` filters by
/// name.
#[server]
pub async fn list_youths(mine: bool, search: String) -> Result<Vec<YouthSummary>, AppError> {
    let call = crate::state::call()?;
    let filter = shared::services::YouthListFilter {
        mine_only: mine,
        include_archived: false,
        search,
    };
    Ok(shared::services::list_youths(&call.db, &call.actor, &filter, call.now).await?)
}
