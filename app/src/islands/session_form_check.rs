use leptos::prelude::*;

/// Checks the session form as it is filled in, with the same rules as the server
/// (`shared::domain::SessionPlan`), and previews a series' dates with their public holidays.
/// Without JavaScript the form posts as usual and the server gives the same messages.
#[island(lazy)]
pub fn SessionFormCheck(
    /// (room id, capacity): the capacity may not exceed the room's.
    rooms: Vec<(shared::domain::RoomId, u32)>,
    /// Planning (a series may repeat) or editing (one session at a time).
    repetition: bool,
    children: Children,
) -> impl IntoView {
    let message = RwSignal::new(String::new());
    let preview = RwSignal::new(Vec::<String>::new());
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let check = move |event: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            let (error, dates) = check_form(&event, &rooms, repetition);
            message.set(error);
            preview.set(dates);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (event, &rooms, repetition);
    };
    view! {
        <div
            data-test="session-check"
            data-hydrated=move || hydrated.get().then_some("true")
            on:input=check.clone()
            on:change=check
        >
            {children()}
            <p class="form-check" aria-live="polite" data-test="instant-check">
                {move || message.get()}
            </p>
            <ul class="series-preview" data-test="series-preview">
                {move || {
                    preview.get().into_iter().map(|line| view! { <li>{line}</li> }).collect_view()
                }}
            </ul>
        </div>
    }
}

/// The first rule the form breaks (empty when none), and the dates of the series. Only
/// wall-clock dates and hand-written French here: time-zone and locale tables would make the wasm
/// every phone downloads several times heavier.
#[cfg(feature = "hydrate")]
fn check_form(
    event: &leptos::ev::Event,
    rooms: &[(shared::domain::RoomId, u32)],
    repetition: bool,
) -> (String, Vec<String>) {
    use shared::domain::{
        PlaceChoice, SessionForm, SessionPlan, day_warnings, format_wall_clock_hours,
        format_weekday_and_day,
    };
    use wasm_bindgen::JsCast;

    let Some(form) = event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .and_then(|element| element.closest("form").ok().flatten())
        .and_then(|form| form.dyn_into::<web_sys::HtmlFormElement>().ok())
    else {
        return (String::new(), Vec::new());
    };
    let Ok(data) = web_sys::FormData::new_with_form(&form) else {
        return (String::new(), Vec::new());
    };
    let mut fields = Vec::new();
    if let Ok(Some(entries)) = js_sys::try_iter(&data) {
        for entry in entries.flatten() {
            let pair = js_sys::Array::from(&entry);
            if let (Some(name), Some(value)) = (pair.get(0).as_string(), pair.get(1).as_string()) {
                fields.push((name, value));
            }
        }
    }
    let session = SessionForm::from_fields(
        fields
            .iter()
            .map(|(name, value)| (name.as_str(), value.as_str())),
    );
    // The counsellor's clock: in the Missions Locales, Paris time.
    let clock = js_sys::Date::new_0();
    let now = chrono::NaiveDate::from_ymd_opt(
        clock.get_full_year() as i32,
        clock.get_month() + 1,
        clock.get_date(),
    )
    .and_then(|day| day.and_hms_opt(clock.get_hours(), clock.get_minutes(), 0))
    .unwrap_or_default();
    let plan = match SessionPlan::parse(&session, now, repetition) {
        Ok(plan) => plan,
        // Fields not reached yet are not errors: say nothing until the date is in.
        Err(_) if session.day.is_empty() => return (String::new(), Vec::new()),
        Err(invalid) => return (invalid.message, Vec::new()),
    };
    if let PlaceChoice::Room(room_id) = plan.place
        && let Some((_, capacity)) = rooms.iter().find(|(id, _)| *id == room_id)
        && let Err(invalid) = plan.check_room_capacity("choisie", *capacity)
    {
        return (invalid.message, Vec::new());
    }
    let series = &plan.series;
    let ends_at = series.starts_at + chrono::Duration::minutes(i64::from(series.duration_minutes));
    let dates = series
        .slot_days()
        .into_iter()
        .filter(|day| !series.skipped.contains(day))
        .map(|day| {
            let warnings = day_warnings(day, &[]);
            format!(
                "{}, {}{}",
                format_weekday_and_day(day),
                format_wall_clock_hours(series.starts_at, ends_at),
                if warnings.is_empty() {
                    String::new()
                } else {
                    format!(" — {}", warnings.join(" "))
                }
            )
        })
        .collect();
    (String::new(), dates)
}
