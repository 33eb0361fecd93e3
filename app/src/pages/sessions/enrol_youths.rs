use leptos::prelude::*;
use shared::domain::{EnrolmentCandidate, SessionId};

use crate::server_fns::EnrolYouths;

/// Youths found by name (or the organiser's own), several enrolled at once; those who cannot
/// take a place say why.
#[component]
pub(super) fn EnrolYouthsSection(
    id: SessionId,
    search: String,
    candidates: Vec<EnrolmentCandidate>,
    enrol: ServerAction<EnrolYouths>,
) -> impl IntoView {
    view! {
        <h3>"Inscrire des jeunes"</h3>
        <form
            method="get"
            action=format!("/seances/{id}#places")
            class="inline-form"
            data-test="youth-search"
        >
            <label for="roster-search">"Nom ou prénom"</label>
            <input
                id="roster-search"
                name="q"
                type="search"
                minlength="2"
                value=search.clone()
                data-test="youth-search-input"
            />
            <button type="submit" class="button button--secondary" data-test="youth-search-submit">
                "Chercher"
            </button>
        </form>
        {(!search.is_empty() && candidates.is_empty())
            .then(|| {
                view! {
                    <p class="notice" data-test="no-candidates">
                        "Aucun jeune de votre Mission Locale ne correspond à cette recherche."
                    </p>
                }
            })}
        {(!candidates.is_empty())
            .then(|| {
                view! {
                    <ActionForm action=enrol attr:data-test="enrol-youths-form">
                        <input type="hidden" name="session_id" value=id.to_string() />
                        <fieldset>
                            <legend>
                                {if search.is_empty() {
                                    "Vos jeunes : cochez ceux à inscrire"
                                } else {
                                    "Cochez les jeunes à inscrire"
                                }}
                            </legend>
                            {candidates
                                .into_iter()
                                .enumerate()
                                .map(|(index, candidate)| {
                                    let input_id = format!("candidate-{}", candidate.youth_id);
                                    let label_for = input_id.clone();
                                    let disabled = candidate.standing.is_some()
                                        || candidate.refusal.is_some();
                                    let detail = candidate
                                        .standing
                                        .map(|standing| format!("déjà {}", standing.label()))
                                        .into_iter()
                                        .chain(candidate.refusal.clone())
                                        .chain(
                                            candidate
                                                .warnings
                                                .iter()
                                                .map(|warning| format!("attention : {warning}")),
                                        )
                                        .collect::<Vec<_>>()
                                        .join(" · ");
                                    view! {
                                        <label
                                            class="checkbox"
                                            for=label_for
                                            data-test="candidate"
                                            data-name=candidate.name.clone()
                                        >
                                            <input
                                                id=input_id
                                                type="checkbox"
                                                name=format!("youth_ids[{index}]")
                                                value=candidate.youth_id.to_string()
                                                disabled=disabled
                                            />
                                            {format!(" {}", candidate.name)}
                                            {(!detail.is_empty())
                                                .then(|| {
                                                    view! {
                                                        <small
                                                            class="candidate__detail"
                                                            data-test="candidate-detail"
                                                        >
                                                            {format!(" — {detail}")}
                                                        </small>
                                                    }
                                                })}
                                        </label>
                                    }
                                })
                                .collect_view()}
                        </fieldset>
                        <button type="submit" class="button" data-test="enrol-youths">
                            "Inscrire"
                        </button>
                    </ActionForm>
                }
            })}
    }
}
