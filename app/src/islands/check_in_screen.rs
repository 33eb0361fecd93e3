use leptos::prelude::*;
use shared::domain::{AttendanceStatus, CHECKED_IN_ELSEWHERE, CheckInScreen, PersonId};

/// The facilitator's check-in screen: the code of the moment in large digits and as a QR code,
/// and the youths who checked in themselves, to confirm. With JavaScript it asks the server
/// again every few seconds (the code changes every 30 seconds) and confirms in place; without
/// it, the page shows the code at load time and each confirmation is a plain form.
#[island(lazy)]
pub fn CheckInScreenPanel(
    screen: CheckInScreen,
    /// The server functions' URLs, as the server knows them.
    refresh_path: String,
    confirm_path: String,
) -> impl IntoView {
    let session_id = screen.session_id;
    let state = RwSignal::new(screen);
    // Arrivals are confirmed for the half-day they checked in to (the one under way).
    let half_day = move || state.get_untracked().half_day.index();
    let error = RwSignal::new(None::<String>);
    let refresh_path = StoredValue::new(refresh_path);
    let confirm_path_for_forms = confirm_path.clone();
    let confirm_path = StoredValue::new(confirm_path);

    let refresh = move || {
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            let answer = super::post_form::post_form(
                &refresh_path.get_value(),
                &format!("session_id={session_id}"),
            )
            .await
            .and_then(|body| {
                serde_json::from_str::<CheckInScreen>(&body)
                    .map_err(|_| super::post_form::NETWORK.to_owned())
            });
            match answer {
                Ok(screen) => {
                    state.set(screen);
                    error.set(None);
                }
                Err(message) => error.set(Some(message)),
            }
        });
        #[cfg(not(feature = "hydrate"))]
        let _ = (refresh_path, session_id);
    };
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        {
            let handle = leptos::leptos_dom::helpers::set_interval_with_handle(
                refresh,
                std::time::Duration::from_secs(3),
            );
            on_cleanup(move || {
                if let Ok(handle) = handle {
                    handle.clear();
                }
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = refresh;
    });
    let confirm =
        move |event: leptos::ev::SubmitEvent, youth_id: PersonId, status: AttendanceStatus| {
            event.prevent_default();
            #[cfg(feature = "hydrate")]
            leptos::task::spawn_local(async move {
                let body = format!(
                    "session_id={session_id}&youth_id={youth_id}&status={}&half_day={}",
                    status.code(),
                    half_day()
                );
                match super::post_form::post_form(&confirm_path.get_value(), &body).await {
                    Ok(_) => refresh(),
                    Err(message) => error.set(Some(message)),
                }
            });
            #[cfg(not(feature = "hydrate"))]
            let _ = (youth_id, status, confirm_path, half_day);
        };

    view! {
        <div class="check-in" data-test="check-in-screen">
            {move || {
                let screen = state.get();
                let code = format!("{} {}", &screen.code[..3], &screen.code[3..]);
                view! {
                    <p
                        class="check-in__code"
                        data-test="check-in-code"
                        data-code=screen.code.clone()
                        aria-live="polite"
                    >
                        {code}
                    </p>
                    <div class="check-in__qr" inner_html=screen.qr_svg.clone()></div>
                    <p>
                        {format!(
                            "Le code change toutes les 30 secondes. Présent·es{} : {} sur {} inscrit·es.",
                            screen
                                .half_day_name
                                .as_deref()
                                .map(|name| format!(" ({})", name.to_lowercase()))
                                .unwrap_or_default(),
                            screen.present,
                            screen.expected,
                        )}
                    </p>
                    {(!screen.open)
                        .then(|| {
                            view! {
                                <p class="notice" role="note">
                                    "Le pointage est ouvert de 30 minutes avant le début jusqu'à la fin de la séance."
                                </p>
                            }
                        })}
                }
            }}
            {move || {
                error
                    .get()
                    .map(|message| {
                        view! {
                            <p class="notice notice--error" role="alert">
                                {message}
                            </p>
                        }
                    })
            }}
            <h2>"Pointages à confirmer"</h2>
            {move || {
                let lines = state.get().to_confirm;
                if lines.is_empty() {
                    return view! { <p data-test="nobody-to-confirm">"Personne pour l'instant."</p> }
                        .into_any();
                }
                let path = confirm_path_for_forms.clone();
                let half_day = half_day();
                view! {
                    <ul class="check-in__arrivals">
                        {lines
                            .into_iter()
                            .map(|line| {
                                let status = line.status.unwrap_or(AttendanceStatus::Present);
                                let youth_id = line.youth_id;
                                view! {
                                    <li data-test="to-confirm">
                                        <form
                                            method="post"
                                            action=path.clone()
                                            on:submit=move |event| confirm(event, youth_id, status)
                                        >
                                            <input
                                                type="hidden"
                                                name="session_id"
                                                value=session_id.to_string()
                                            />
                                            <input
                                                type="hidden"
                                                name="youth_id"
                                                value=youth_id.to_string()
                                            />
                                            <input type="hidden" name="status" value=status.code() />
                                            <input type="hidden" name="half_day" value=half_day />
                                            <span>
                                                {format!(
                                                    "{} — {} à {}",
                                                    line.name,
                                                    status.label(),
                                                    line.checked_in_at.unwrap_or_default(),
                                                )}
                                            </span>
                                            {line
                                                .checked_in_elsewhere
                                                .then(|| {
                                                    view! {
                                                        <span
                                                            class="check-in__elsewhere"
                                                            data-test="checked-in-elsewhere"
                                                        >
                                                            {format!(" · {CHECKED_IN_ELSEWHERE}")}
                                                        </span>
                                                    }
                                                })}
                                            <button
                                                type="submit"
                                                class="button"
                                                data-test="confirm-check-in"
                                            >
                                                "Confirmer"
                                            </button>
                                        </form>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </div>
    }
}
