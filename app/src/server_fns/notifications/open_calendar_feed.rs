use leptos::prelude::*;
use shared::domain::MyCalendarFeed;

use crate::error::AppError;

/// The signed-in person's calendar feed: its address when it is made (the first time, or after
/// a renewal), otherwise only since when it exists (its address is not kept).
#[server]
pub async fn open_calendar_feed() -> Result<MyCalendarFeed, AppError> {
    let call = crate::state::call()?;
    Ok(shared::services::open_calendar_feed(&call.db, &call.actor, &call.mail, call.now).await?)
}

/// The current address stops working at once; back on the page, a new one is made and shown.
#[server]
pub async fn renew_calendar_feed() -> Result<(), AppError> {
    let call = crate::state::call()?;
    shared::services::revoke_calendar_feed(&call.db, &call.actor, call.now).await?;
    crate::state::redirect_to("/mon-agenda?nouvelle-adresse=1")
}
