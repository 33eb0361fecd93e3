use leptos::prelude::*;
use shared::domain::CalendarFeedLink;

use crate::error::AppError;

/// The signed-in person's calendar feed address (made the first time they ask).
#[server]
pub async fn open_calendar_feed() -> Result<CalendarFeedLink, AppError> {
    let state = crate::state::app_state()?;
    Ok(shared::services::open_calendar_feed(
        &state.db,
        &crate::session::current_actor(),
        false,
        &state.mail,
        chrono::Utc::now(),
    )
    .await?)
}

/// A new feed address; the old one stops working at once.
#[server]
pub async fn renew_calendar_feed() -> Result<CalendarFeedLink, AppError> {
    let state = crate::state::app_state()?;
    let link = shared::services::open_calendar_feed(
        &state.db,
        &crate::session::current_actor(),
        true,
        &state.mail,
        chrono::Utc::now(),
    )
    .await?;
    leptos_axum::redirect("/mon-agenda?nouvelle-adresse=1");
    Ok(link)
}
