use leptos::prelude::*;

/// The inside of a form that archives a record: its id, what archiving does, a box to tick so
/// that a slip of the finger archives nothing, and the button.
#[component]
pub fn ArchiveConfirmation(
    id: String,
    explanation: &'static str,
    button: &'static str,
    test: &'static str,
) -> impl IntoView {
    view! {
        <input type="hidden" name="id" value=id />
        <p>{explanation}</p>
        <label class="checkbox">
            <input type="checkbox" name="confirm" required />
            " Je confirme l'archivage"
        </label>
        <button type="submit" class="button button--danger" data-test=test>
            {button}
        </button>
    }
}
