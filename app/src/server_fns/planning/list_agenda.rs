use leptos::prelude::*;
use shared::domain::{Agenda, AgendaQuery};

use crate::error::AppError;

/// The counsellors' agenda for a week, a month or the next four weeks, filtered.
#[server]
pub async fn list_agenda(query: AgendaQuery) -> Result<Agenda, AppError> {
    let call = crate::state::call()?;
    let today = call.now.with_timezone(&shared::domain::PARIS).date_naive();
    Ok(shared::services::list_agenda(&call.db, &call.actor, &query, today).await?)
}
