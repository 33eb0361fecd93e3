use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::domain::{CHECKED_IN_ELSEWHERE, HalfDayNumber, PersonId, SessionId, SignatureRequest};

use crate::components::{FormError, SignaturePad, id_param, loaded};
use crate::server_fns::{SignAttendanceSheet, view_signature_request};

/// `/ateliers/:id/signer`: a youth signs the sheet on their own phone.
#[component]
pub fn YouthSignaturePage() -> impl IntoView {
    let id: SessionId = id_param("id");
    let checked_in = use_query_map().read_untracked().get("pointe").is_some();
    view! {
        <Title text="Signer la feuille — Ateliers" />
        {checked_in
            .then(|| {
                view! {
                    <p class="notice notice--success" role="status" data-test="checked-in">
                        "Vous êtes pointé·e. L'animateur·rice confirme votre présence ; signez la feuille ci-dessous."
                    </p>
                }
            })}
        <SignatureSection session_id=id youth_id=PersonId::new(0) />
    }
}

/// `/seances/:id/emargement/signer/:youth`: a youth signs on the facilitator's device, for
/// the half-day of the roll-call they came from (`?demi=2`).
#[component]
pub fn CollectSignaturePage() -> impl IntoView {
    let id: SessionId = id_param("id");
    let half_day = half_day_asked();
    let back = match half_day {
        Some(half_day) => format!("/seances/{id}/emargement?demi={}", half_day.ordinal()),
        None => format!("/seances/{id}/emargement"),
    };
    view! {
        <Title text="Faire signer — Ateliers" />
        <p>
            <a href=back>"← L'appel"</a>
        </p>
        <SignatureSection session_id=id youth_id=id_param("youth") />
    }
}

/// The half-day in the address (`?demi=2`); none: the one under way.
fn half_day_asked() -> Option<HalfDayNumber> {
    use_query_map()
        .read_untracked()
        .get("demi")
        .and_then(|typed| HalfDayNumber::parse_among(&typed, 2).ok())
}

/// Whose signature, and the pad (or the thanks once signed). `youth_id` 0: the signed-in youth.
#[component]
fn SignatureSection(session_id: SessionId, youth_id: PersonId) -> impl IntoView {
    let half_day = half_day_asked();
    let request = Resource::new_blocking(
        move || (session_id, youth_id, half_day),
        |(session_id, youth_id, half_day)| view_signature_request(session_id, youth_id, half_day),
    );
    let sign = ServerAction::<SignAttendanceSheet>::new();
    view! {
        <FormError error=sign.value().get_untracked().and_then(Result::err) />
        {loaded(request, move |request| view! { <SignatureForm request sign /> })}
    }
}

#[component]
fn SignatureForm(
    request: SignatureRequest,
    sign: ServerAction<SignAttendanceSheet>,
) -> impl IntoView {
    let SignatureRequest {
        session_id,
        youth_id,
        title,
        when,
        youth_name,
        half_day,
        half_day_name,
        status,
        signed_at,
        checked_in_elsewhere,
    } = request;
    view! {
        <h1>{format!("Feuille d'émargement — {title}")}</h1>
        <p class="lead">{when}</p>
        {half_day_name
            .map(|name| {
                view! {
                    <p data-test="signing-half-day" data-half-day=half_day.ordinal()>
                        {format!("Signature pour la demi-journée : {name}")}
                    </p>
                }
            })}
        <p>{format!("{youth_name} · {}", status.label())}</p>
        {checked_in_elsewhere
            .then(|| {
                view! {
                    <p class="notice" role="status" data-test="checked-in-elsewhere">
                        {format!(
                            "Pointage fait depuis un {CHECKED_IN_ELSEWHERE} (données mobiles, ou à distance) : l'animateur·rice vérifie votre présence avant de la confirmer.",
                        )}
                    </p>
                }
            })}
        {match signed_at {
            Some(at) => {
                view! {
                    <p class="notice notice--success" role="status" data-test="signed">
                        {format!("Signé à {at}. Merci !")}
                    </p>
                }
                    .into_any()
            }
            None if status.attended() => {
                view! {
                    <ActionForm action=sign attr:data-test="signature-form">
                        <input type="hidden" name="session_id" value=session_id.to_string() />
                        <input type="hidden" name="youth_id" value=youth_id.to_string() />
                        <input type="hidden" name="half_day" value=half_day.index() />
                        <p>{format!("Signature de {youth_name}, avec le doigt dans le cadre :")}</p>
                        <SignaturePad label=format!("Signature de {youth_name}") />
                        <noscript>
                            <p>
                                "La signature au doigt demande JavaScript : signez la feuille papier."
                            </p>
                        </noscript>
                        <button type="submit" class="button button--large" data-test="sign">
                            "Je signe"
                        </button>
                    </ActionForm>
                }
                    .into_any()
            }
            None => {
                view! {
                    <p class="notice" data-test="not-to-sign">
                        "Seul·es les jeunes présent·es ou en retard signent la feuille."
                    </p>
                }
                    .into_any()
            }
        }}
    }
}
