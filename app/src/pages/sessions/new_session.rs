use leptos::prelude::*;
use leptos_meta::Title;
use shared::domain::SessionForm;

use super::session_form::{SessionFields, room_capacities};
use crate::components::{FormError, IslandsScripts, loaded};
use crate::islands::SessionFormCheck;
use crate::server_fns::{PlanSessions, load_planning_options};

/// `/seances/nouvelle`: plan a session or a series (*cycle*).
#[component]
pub fn NewSessionPage() -> impl IntoView {
    let plan = ServerAction::<PlanSessions>::new();
    let options = Resource::new_blocking(|| (), |_| load_planning_options());
    view! {
        <Title text="Planifier une séance — Ateliers" />
        <h1>"Planifier une séance"</h1>
        <p>
            <a href="/agenda">"← Agenda"</a>
        </p>
        <FormError error=plan.value().get_untracked().and_then(Result::err) />
        {loaded(
            options,
            move |options| {
                let form = SessionForm {
                    capacity: "12".into(),
                    starts_at: "09:30".into(),
                    ends_at: "12:00".into(),
                    audience: "mission_locale".into(),
                    closes_hours_before: "2".into(),
                    cancel_hours_before: "2".into(),
                    promotion_stops_hours_before: "24".into(),
                    counsellor_ids: options.me.map(|me| vec![me.to_string()]).unwrap_or_default(),
                    publish: Some("on".into()),
                    ..SessionForm::default()
                };
                let rooms = room_capacities(&options);
                view! {
                    <ActionForm action=plan attr:data-test="session-form">
                        <SessionFormCheck rooms repetition=true>
                            <SessionFields options form with_repetition=true />
                        </SessionFormCheck>
                        <button type="submit" class="button button--large" data-test="plan-session">
                            "Planifier"
                        </button>
                    </ActionForm>
                    <IslandsScripts />
                }
                    .into_any()
            },
        )}
    }
}
