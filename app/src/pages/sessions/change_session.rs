//! Changing a planned session: edit or move it, or cancel it, alone or with its series.

use leptos::prelude::*;
use shared::domain::{PlanningOptions, SessionForm, SessionId};

use super::session_form::{SessionFields, room_capacities};
use crate::components::IslandsScripts;
use crate::islands::SessionFormCheck;
use crate::server_fns::{CancelSession, UpdateSession};

/// The forms its planners use to edit or move the session, and to cancel it.
#[component]
pub(super) fn ChangeSession(
    id: SessionId,
    in_series: bool,
    form: SessionForm,
    options: PlanningOptions,
    update: ServerAction<UpdateSession>,
    cancel: ServerAction<CancelSession>,
) -> impl IntoView {
    let rooms = room_capacities(&options);
    view! {
        <section class="card" aria-labelledby="modifier">
            <h2 id="modifier">"Modifier ou déplacer"</h2>
            <ActionForm action=update attr:data-test="edit-session-form">
                <input type="hidden" name="id" value=id.to_string() />
                <input
                    type="hidden"
                    name="session[workshop_type_id]"
                    value=form.workshop_type_id.clone()
                />
                <ScopeChoice in_series prefix="edit" />
                <SessionFormCheck rooms repetition=false>
                    <SessionFields options form with_repetition=false />
                </SessionFormCheck>
                <button type="submit" class="button" data-test="save-session">
                    "Enregistrer"
                </button>
            </ActionForm>
        </section>
        <section class="card danger-zone" aria-labelledby="annuler">
            <h2 id="annuler">"Annuler"</h2>
            <ActionForm action=cancel attr:data-test="cancel-session-form">
                <input type="hidden" name="id" value=id.to_string() />
                <ScopeChoice in_series prefix="cancel" />
                <label for="cancel-reason">"Motif (les personnes inscrites le liront)"</label>
                <input
                    id="cancel-reason"
                    name="reason"
                    required
                    minlength="5"
                    maxlength="500"
                    data-test="cancel-reason"
                />
                <button type="submit" class="button button--danger" data-test="cancel-session">
                    "Annuler la séance"
                </button>
            </ActionForm>
        </section>
        <IslandsScripts />
    }
}

/// Which sessions of the series a change applies to; a lone session has only itself.
#[component]
fn ScopeChoice(in_series: bool, prefix: &'static str) -> impl IntoView {
    if !in_series {
        return view! { <input type="hidden" name="scope" value="this_session" /> }.into_any();
    }
    view! {
        <fieldset data-test=format!("{prefix}-scope")>
            <legend>"Appliquer à"</legend>
            {[
                ("this_session", "Cette séance seulement"),
                ("this_and_following", "Cette séance et les suivantes du cycle"),
                ("whole_series", "Tout le cycle (séances à venir)"),
            ]
                .into_iter()
                .map(|(code, label)| {
                    view! {
                        <label class="checkbox">
                            <input
                                type="radio"
                                name="scope"
                                value=code
                                checked=code == "this_session"
                            />
                            {format!(" {label}")}
                        </label>
                    }
                })
                .collect_view()}
        </fieldset>
    }
    .into_any()
}
