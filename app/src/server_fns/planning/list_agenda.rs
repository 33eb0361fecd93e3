use leptos::prelude::*;
use shared::domain::{Agenda, AgendaQuery};

use crate::error::AppError;

/// The counsellors' agenda for a week, a month or the next four weeks, filtered.
#[server]
pub async fn list_agenda(query: AgendaQuery) -> Result<Agenda, AppError> {
    let state = crate::state::app_state()?;
    let today = state
        .clock
        .now()
        .with_timezone(&shared::domain::PARIS)
        .date_naive();
    Ok(
        shared::services::list_agenda(&state.db, &crate::session::current_actor(), &query, today)
            .await?,
    )
}
