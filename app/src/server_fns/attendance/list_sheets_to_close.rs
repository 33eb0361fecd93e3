use leptos::prelude::*;
use shared::domain::SheetToClose;

use crate::error::AppError;

/// The sessions whose attendance sheet is still open once started, oldest first.
#[server]
pub async fn list_sheets_to_close() -> Result<Vec<SheetToClose>, AppError> {
    let call = crate::state::call()?;
    Ok(shared::services::list_sheets_to_close(&call.db, &call.actor, call.now).await?)
}
