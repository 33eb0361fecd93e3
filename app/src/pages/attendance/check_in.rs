use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::domain::SessionId;

use crate::components::{FormError, IslandsScripts, id_param, loaded};
use crate::islands::CheckInScreenPanel;
use crate::server_fns::{CheckInWithCode, MarkAttendance, ShowCheckInCode, show_check_in_code};

/// `/seances/:id/pointage`: the screen the facilitator shows the room — a code that changes
/// every 30 seconds, its QR code, and the check-ins to confirm.
#[component]
pub fn CheckInScreenPage() -> impl IntoView {
    let id: SessionId = id_param("id");
    let screen = Resource::new_blocking(move || id, show_check_in_code);
    let refresh_path = <ShowCheckInCode as leptos::server_fn::ServerFn>::PATH;
    let confirm_path = <MarkAttendance as leptos::server_fn::ServerFn>::PATH;
    view! {
        <Title text="Pointage — Ateliers" />
        <p>
            <a href=format!("/seances/{id}/emargement")>"← L'appel"</a>
        </p>
        {loaded(
            screen,
            move |screen| {
                view! {
                    <h1>{format!("Pointage — {}", screen.title)}</h1>
                    <p class="lead">
                        "Les jeunes inscrit·es scannent le QR code, ou ouvrent « Pointer » dans Ateliers et tapent le code."
                    </p>
                    <CheckInScreenPanel
                        screen
                        refresh_path=refresh_path.to_owned()
                        confirm_path=confirm_path.to_owned()
                    />
                    <IslandsScripts />
                }
            },
        )}
    }
}

/// `/pointer`: a youth types the code shown in the room (the QR code opens this page with the
/// code filled in).
#[component]
pub fn CheckInPage() -> impl IntoView {
    let check_in = ServerAction::<CheckInWithCode>::new();
    let code = use_query_map()
        .read_untracked()
        .get("code")
        .unwrap_or_default();
    view! {
        <Title text="Pointer — Ateliers" />
        <h1>"Pointer à un atelier"</h1>
        <FormError error=check_in.value().get_untracked().and_then(Result::err) />
        <p class="lead">
            "Tapez le code affiché dans la salle : il change toutes les 30 secondes."
        </p>
        <ActionForm action=check_in attr:data-test="check-in-form">
            <label for="check-in-code">"Code à 6 chiffres"</label>
            <input
                id="check-in-code"
                name="code"
                value=code
                inputmode="numeric"
                autocomplete="one-time-code"
                pattern="[0-9 ]*"
                maxlength="7"
                required
                class="input--code"
                data-test="check-in-code-input"
            />
            <button type="submit" class="button button--large" data-test="check-in">
                "Je suis là"
            </button>
        </ActionForm>
    }
}
