use leptos::prelude::*;
use shared::domain::YouthSummary;

use crate::error::AppError;

/// The youths the signed-in staff member may list; `mine` keeps their own, `search` filters by
/// name.
#[server]
pub async fn list_youths(mine: bool, search: String) -> Result<Vec<YouthSummary>, AppError> {
    let state = crate::state::app_state()?;
    let filter = shared::services::YouthListFilter {
        mine_only: mine,
        include_archived: false,
        search,
    };
    Ok(shared::services::list_youths(
        &state.db,
        &crate::session::current_actor(),
        &filter,
        state.clock.now(),
    )
    .await?)
}
