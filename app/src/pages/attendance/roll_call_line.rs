use leptos::prelude::*;
use shared::domain::{
    AttendanceLineView, AttendanceStatus, CHECKED_IN_ELSEWHERE, HalfDayNumber, SessionId,
};

use super::correction_form::CorrectionForm;
use crate::server_fns::{CorrectAttendance, MarkAttendance};

#[component]
pub(super) fn RollCallLine(
    session_id: SessionId,
    half_day: HalfDayNumber,
    line: AttendanceLineView,
    /// The sheet is open and the roll-call has begun: statuses can be tapped.
    open: bool,
    mark: ServerAction<MarkAttendance>,
    may_correct: bool,
    correct: ServerAction<CorrectAttendance>,
) -> impl IntoView {
    let AttendanceLineView {
        youth_id,
        name,
        status,
        walk_in,
        checked_in_at,
        confirmed,
        signed_at,
        checked_in_elsewhere,
    } = line;
    let mut details = Vec::new();
    details.push(
        status
            .map_or("Pas encore de statut", AttendanceStatus::label)
            .to_owned(),
    );
    if walk_in {
        details.push("sans inscription".to_owned());
    }
    if let Some(at) = &checked_in_at {
        details.push(format!("pointé·e à {at}"));
        if checked_in_elsewhere {
            details.push(format!("depuis un {CHECKED_IN_ELSEWHERE}"));
        }
        if !confirmed {
            details.push("à confirmer".to_owned());
        }
    }
    if let Some(at) = &signed_at {
        details.push(format!("signé à {at}"));
    }
    let attended = status.is_some_and(AttendanceStatus::attended);
    let name_for_buttons = name.clone();
    view! {
        <li
            id=format!("jeune-{youth_id}")
            class="roll-call__line"
            data-test="roll-call-line"
            data-youth=name.clone()
            data-status=status.map(AttendanceStatus::code).unwrap_or("")
            data-signed=if signed_at.is_some() { "true" } else { "false" }
        >
            <p class="roll-call__name">
                <strong>{name.clone()}</strong>
            </p>
            <p class="roll-call__details" data-test="line-details">
                {details.join(" · ")}
            </p>
            {open
                .then(|| {
                    view! {
                        <ActionForm action=mark attr:class="roll-call__statuses">
                            <input type="hidden" name="session_id" value=session_id.to_string() />
                            <input type="hidden" name="youth_id" value=youth_id.to_string() />
                            <input type="hidden" name="half_day" value=half_day.index() />
                            {AttendanceStatus::ALL
                                .into_iter()
                                .map(|choice| {
                                    let pressed = status == Some(choice) && confirmed;
                                    view! {
                                        <button
                                            type="submit"
                                            name="status"
                                            value=choice.code()
                                            class="button roll-call__status"
                                            aria-pressed=if pressed { "true" } else { "false" }
                                            aria-label=format!(
                                                "{} : {}",
                                                name_for_buttons,
                                                choice.label(),
                                            )
                                            data-test=format!("mark-{}", choice.code())
                                        >
                                            {choice.label()}
                                        </button>
                                    }
                                })
                                .collect_view()}
                        </ActionForm>
                    }
                })}
            {(open && attended && signed_at.is_none())
                .then(|| {
                    view! {
                        <a
                            class="button button--secondary"
                            href=format!(
                                "/seances/{session_id}/emargement/signer/{youth_id}?demi={}",
                                half_day.ordinal(),
                            )
                            data-test="collect-signature"
                        >
                            "Faire signer"
                        </a>
                    }
                })}
            {(may_correct && status.is_some())
                .then(|| view! { <CorrectionForm session_id youth_id half_day status correct /> })}
        </li>
    }
}
