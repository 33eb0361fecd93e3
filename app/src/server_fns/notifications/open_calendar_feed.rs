use leptos::prelude::*;
use shared::domain::MyCalendarFeed;

use crate::error::AppError;

/// The signed-in person's calendar feed: its address when it is made (the first time, or after
/// a renewal), otherwise only since when it exists (its address is not kept).
#[server]
pub async fn open_calendar_feed() -> Result<MyCalendarFeed, AppError> {
    let state = crate::state::app_state()?;
    Ok(shared::services::open_calendar_feed(
        &state.db,
        &crate::session::current_actor(),
        &state.mail,
        state.clock.now(),
    )
    .await?)
}

/// The current address stops working at once; back on the page, a new one is made and shown.
#[server]
pub async fn renew_calendar_feed() -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    shared::services::revoke_calendar_feed(
        &state.db,
        &crate::session::current_actor(),
        state.clock.now(),
    )
    .await?;
    leptos_axum::redirect("/mon-agenda?nouvelle-adresse=1");
    Ok(())
}
