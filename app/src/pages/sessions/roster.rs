use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use shared::domain::{SessionId, format_instant};

use super::enrol_youths::EnrolYouthsSection;
use crate::components::{FormError, QueryNotice, loaded};
use crate::server_fns::{
    ChangeCapacity, EnrolYouths, PromoteFromWaitingList, RemoveEnrolment, view_roster,
};

/// The session's places on its staff page: who is registered, who waits, how they came;
/// enrol youths found by name (several at once), remove someone with a reason, promote from
/// the waiting list, change the number of places; and the history of places.
#[component]
pub(super) fn RosterSection(id: SessionId) -> impl IntoView {
    let query = use_query_map().read_untracked();
    let search = query.get("q").unwrap_or_default();
    const NOTICES: &[(&str, &str)] = &[
        ("inscrits", "Inscription enregistrée."),
        ("retire", "Retrait enregistré."),
        ("promu", "Place donnée depuis la liste d'attente."),
        ("places", "Nombre de places enregistré."),
    ];
    let enrol = ServerAction::<EnrolYouths>::new();
    let remove = ServerAction::<RemoveEnrolment>::new();
    let promote = ServerAction::<PromoteFromWaitingList>::new();
    let capacity = ServerAction::<ChangeCapacity>::new();
    let error = enrol
        .value()
        .get_untracked()
        .or_else(|| {
            remove
                .value()
                .get_untracked()
                .map(|result| result.map(|_| Vec::new()))
        })
        .or_else(|| {
            promote
                .value()
                .get_untracked()
                .map(|result| result.map(|_| Vec::new()))
        })
        .or_else(|| {
            capacity
                .value()
                .get_untracked()
                .map(|result| result.map(|_| Vec::new()))
        })
        .and_then(Result::err);
    let roster = Resource::new_blocking(
        move || (id, search.clone()),
        |(id, search)| view_roster(id, search),
    );
    view! {
        <section class="card roster" id="places" aria-labelledby="places-title" data-test="roster">
            <h2 id="places-title">"Inscriptions"</h2>
            <QueryNotice notices=NOTICES test="roster-notice" />
            <FormError error />
            {loaded(
                roster,
                move |roster| view! { <RosterView roster enrol remove promote capacity /> },
            )}
        </section>
    }
}

#[component]
pub(super) fn RosterView(
    roster: shared::domain::RosterView,
    enrol: ServerAction<EnrolYouths>,
    remove: ServerAction<RemoveEnrolment>,
    promote: ServerAction<PromoteFromWaitingList>,
    capacity: ServerAction<ChangeCapacity>,
) -> impl IntoView {
    let id = roster.session_id;
    let may_manage = roster.may_manage;
    let taking_places = roster.taking_places;
    let line = move |line: shared::domain::RosterLine, waiting: bool| {
        let youth_id = line.youth_id;
        let label = match line.standing {
            shared::domain::Standing::Waiting { position } => {
                format!("n° {position} — {}", line.name)
            }
            shared::domain::Standing::Registered => line.name.clone(),
        };
        let reason_id = format!("remove-reason-{youth_id}");
        view! {
            <li data-test="roster-line" data-youth=youth_id.to_string() data-name=line.name.clone()>
                <span>{label}</span>
                <small>{format!(" — {}, le {}", line.how, format_instant(line.since))}</small>
                {(waiting && may_manage && taking_places)
                    .then(|| {
                        view! {
                            <ActionForm action=promote attr:class="inline-form">
                                <input type="hidden" name="session_id" value=id.to_string() />
                                <input type="hidden" name="youth_id" value=youth_id.to_string() />
                                <button
                                    type="submit"
                                    class="button button--small button--secondary"
                                    data-test="promote"
                                >
                                    "Donner une place"
                                </button>
                            </ActionForm>
                        }
                    })}
                {(line.may_remove && taking_places)
                    .then(|| {
                        view! {
                            <details class="roster__remove">
                                <summary data-test="remove">
                                    {format!("Retirer {}", line.name)}
                                </summary>
                                <ActionForm action=remove attr:data-test="remove-form">
                                    <input type="hidden" name="session_id" value=id.to_string() />
                                    <input
                                        type="hidden"
                                        name="youth_id"
                                        value=youth_id.to_string()
                                    />
                                    <label for=reason_id
                                        .clone()>"Raison (le ou la jeune la lira)"</label>
                                    <input
                                        id=reason_id
                                        name="reason"
                                        required
                                        maxlength="500"
                                        data-test="remove-reason"
                                    />
                                    <button
                                        type="submit"
                                        class="button button--danger"
                                        data-test="confirm-remove"
                                    >
                                        "Retirer"
                                    </button>
                                </ActionForm>
                            </details>
                        }
                    })}
            </li>
        }
    };
    let hidden = roster.registered_count as usize - roster.registered.len();
    view! {
        <p data-test="roster-counts">
            {format!(
                "{} inscrit(s) sur {} places · {} en liste d'attente",
                roster.registered_count,
                roster.capacity,
                roster.waiting_count,
            )}
        </p>
        {(!roster.promotes_automatically && taking_places)
            .then(|| {
                view! {
                    <p class="notice" data-test="manual-promotion">
                        "La séance est proche : les places libérées ne sont plus données automatiquement. Choisissez qui les prend."
                    </p>
                }
            })}
        <h3>"Inscrits"</h3>
        <ol class="roster__list" data-test="registered">
            {roster.registered.into_iter().map(|registered| line(registered, false)).collect_view()}
        </ol>
        {(hidden > 0)
            .then(|| {
                view! {
                    <p>
                        <small>{format!("et {hidden} jeune(s) d'autres Missions Locales")}</small>
                    </p>
                }
            })}
        <h3>"Liste d'attente"</h3>
        <ol class="roster__list" data-test="waiting">
            {roster.waiting.into_iter().map(|waiting| line(waiting, true)).collect_view()}
        </ol>
        {(may_manage && taking_places)
            .then(|| {
                view! {
                    <ActionForm
                        action=capacity
                        attr:class="inline-form"
                        attr:data-test="capacity-form"
                    >
                        <input type="hidden" name="session_id" value=id.to_string() />
                        <label for="roster-capacity">"Nombre de places"</label>
                        <input
                            id="roster-capacity"
                            name="capacity"
                            type="number"
                            min="1"
                            max="200"
                            value=roster.capacity
                            required
                            data-test="roster-capacity"
                        />
                        <button
                            type="submit"
                            class="button button--secondary"
                            data-test="save-capacity"
                        >
                            "Changer"
                        </button>
                    </ActionForm>
                }
            })}
        {taking_places
            .then(|| {
                view! {
                    <EnrolYouthsSection
                        id
                        search=roster.search
                        candidates=roster.candidates
                        enrol
                    />
                }
            })}
        <h3>"Historique des inscriptions"</h3>
        <ul class="history" data-test="enrolment-history">
            {roster
                .history
                .into_iter()
                .map(|line| {
                    view! { <li>{format!("{} — {}", format_instant(line.at), line.text)}</li> }
                })
                .collect_view()}
        </ul>
    }
}
