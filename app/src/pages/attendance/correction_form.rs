use leptos::prelude::*;
use shared::domain::{AttendanceStatus, HalfDayNumber, PersonId, SessionId};

use crate::server_fns::CorrectAttendance;

/// A status changed after closing, with its reason: it makes a corrected sheet, the original
/// is kept.
#[component]
pub(super) fn CorrectionForm(
    session_id: SessionId,
    youth_id: PersonId,
    half_day: HalfDayNumber,
    status: Option<AttendanceStatus>,
    correct: ServerAction<CorrectAttendance>,
) -> impl IntoView {
    view! {
        <details class="roll-call__correct">
            <summary data-test="open-correction">"Corriger"</summary>
            <ActionForm action=correct attr:data-test="correction-form">
                <input type="hidden" name="session_id" value=session_id.to_string() />
                <input type="hidden" name="youth_id" value=youth_id.to_string() />
                <input type="hidden" name="half_day" value=half_day.index() />
                <label for=format!("correct-status-{youth_id}")>"Nouveau statut"</label>
                <select
                    id=format!("correct-status-{youth_id}")
                    name="status"
                    data-test="correction-status"
                >
                    {AttendanceStatus::ALL
                        .into_iter()
                        .map(|choice| {
                            view! {
                                <option value=choice.code() selected=status == Some(choice)>
                                    {choice.label()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <label for=format!(
                    "correct-reason-{youth_id}",
                )>"Raison (figurera sur la feuille corrigée)"</label>
                <textarea
                    id=format!("correct-reason-{youth_id}")
                    name="reason"
                    rows="2"
                    required
                    minlength="5"
                    maxlength="500"
                    data-test="correction-reason"
                ></textarea>
                <button type="submit" class="button" data-test="submit-correction">
                    "Enregistrer la correction"
                </button>
            </ActionForm>
        </details>
    }
}
