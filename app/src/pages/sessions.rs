use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::domain::{
    PersonOption, PlanningOptions, RoomId, SessionDetails, SessionForm, SessionId, SessionStatus,
    format_instant, format_session_date, format_session_hours,
};

use crate::components::{ErrorNotice, FormError, IslandsScripts, id_param, loaded};
use crate::islands::SessionFormCheck;
use crate::server_fns::{
    CancelSession, ChangeCapacity, EnrolYouths, PlanSessions, PromoteFromWaitingList,
    RemoveEnrolment, UpdateSession, load_planning_options, view_roster, view_session,
};

/// `/seances/nouvelle`: plan a session or a series (*cycle*).
#[component]
pub fn NewSessionPage() -> impl IntoView {
    let plan = ServerAction::<PlanSessions>::new();
    let options = Resource::new_blocking(|| (), |_| load_planning_options());
    view! {
        <Title text="Planifier une séance — Ateliers"/>
        <h1>"Planifier une séance"</h1>
        <p><a href="/agenda">"← Agenda"</a></p>
        <FormError error=plan.value().get_untracked().and_then(Result::err)/>
        {loaded(options, move |options| {
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
                            <SessionFields options form with_repetition=true/>
                        </SessionFormCheck>
                        <button type="submit" class="button button--large" data-test="plan-session">
                            "Planifier"
                        </button>
                    </ActionForm>
                    <IslandsScripts/>
                }
                    .into_any()
            })}
    }
}

fn room_capacities(options: &PlanningOptions) -> Vec<(RoomId, u32)> {
    options
        .rooms
        .iter()
        .map(|room| (room.id, room.capacity))
        .collect()
}

/// The fields of a session, for planning (with the repetition) and editing.
#[component]
fn SessionFields(
    options: PlanningOptions,
    form: SessionForm,
    with_repetition: bool,
) -> impl IntoView {
    let PlanningOptions {
        workshop_types,
        rooms,
        counsellors,
        facilitators,
        ..
    } = options;
    let external = form.place == "external";
    view! {
        {with_repetition
            .then(|| {
                let selected = form.workshop_type_id.clone();
                view! {
                    <label for="session-workshop">"Atelier"</label>
                    <select id="session-workshop" name="session[workshop_type_id]" required data-test="workshop">
                        <option value="">"— Choisir dans le catalogue —"</option>
                        {workshop_types
                            .into_iter()
                            .map(|workshop| {
                                let id = workshop.id.to_string();
                                let is_selected = id == selected;
                                view! {
                                    <option value=id selected=is_selected>
                                        {format!("{} ({})", workshop.title, workshop.theme.label())}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                }
            })}
        <fieldset>
            <legend>"Date et horaires (heure de Paris)"</legend>
            <label for="session-day">"Date"</label>
            <input id="session-day" name="session[day]" type="date" value=form.day.clone() required data-test="day"/>
            <label for="session-starts">"Début"</label>
            <input id="session-starts" name="session[starts_at]" type="time" value=form.starts_at.clone() required data-test="starts-at"/>
            <label for="session-ends">"Fin"</label>
            <input id="session-ends" name="session[ends_at]" type="time" value=form.ends_at.clone() required data-test="ends-at"/>
        </fieldset>
        {with_repetition
            .then(|| {
                view! {
                    <fieldset data-test="repetition">
                        <legend>"Répéter (cycle)"</legend>
                        <label for="session-every">"Fréquence"</label>
                        <select id="session-every" name="session[repeat_every_weeks]" data-test="repeat-every">
                            <option value="0">"Une seule séance"</option>
                            <option value="1">"Chaque semaine"</option>
                            <option value="2">"Toutes les 2 semaines"</option>
                            <option value="3">"Toutes les 3 semaines"</option>
                            <option value="4">"Toutes les 4 semaines"</option>
                        </select>
                        <label for="session-slots">"Nombre de séances du cycle"</label>
                        <input id="session-slots" name="session[repeat_slots]" type="number" min="2" max="52" data-test="repeat-slots"/>
                        <label for="session-skipped">"Dates sans séance (jours fériés, vacances), séparées par des virgules"</label>
                        <input id="session-skipped" name="session[skipped_days]" placeholder="25/12/2026, 01/01/2027" data-test="skipped-days"/>
                    </fieldset>
                }
            })}
        <fieldset>
            <legend>"Lieu"</legend>
            <label for="session-place">"Salle"</label>
            <select id="session-place" name="session[place]" required data-test="place">
                <option value="">"— Choisir —"</option>
                {rooms
                    .into_iter()
                    .map(|room| {
                        let value = format!("room-{}", room.id);
                        let is_selected = value == form.place;
                        view! { <option value=value selected=is_selected>{room.label}</option> }
                    })
                    .collect_view()}
                <option value="external" selected=external>"Lieu extérieur (préciser ci-dessous)"</option>
            </select>
            <label for="session-venue">"Lieu extérieur : nom"</label>
            <input id="session-venue" name="session[venue_name]" value=form.venue_name.clone()/>
            <label for="session-venue-address">"Lieu extérieur : adresse complète"</label>
            <input id="session-venue-address" name="session[venue_address]" value=form.venue_address.clone()/>
            <label for="session-capacity">"Nombre de places"</label>
            <input id="session-capacity" name="session[capacity]" type="number" min="1" max="200" value=form.capacity.clone() required data-test="capacity"/>
        </fieldset>
        <fieldset data-test="counsellors">
            <legend>"Conseillers qui animent"</legend>
            <PeopleChoices people=counsellors.clone() field="counsellor_ids" chosen=form.counsellor_ids.clone()/>
        </fieldset>
        <fieldset data-test="facilitators">
            <legend>"Intervenants invités (facultatif)"</legend>
            <PeopleChoices people=facilitators field="facilitator_ids" chosen=form.facilitator_ids.clone() test="facilitator-choice"/>
        </fieldset>
        <fieldset>
            <legend>"Qui peut s'inscrire"</legend>
            {[
                ("federation", "Les jeunes de toutes les Missions Locales"),
                ("mission_locale", "Les jeunes de la Mission Locale organisatrice"),
                ("counsellors", "Seulement les jeunes des conseillers cochés ci-dessous"),
            ]
                .into_iter()
                .map(|(code, label)| {
                    view! {
                        <label class="checkbox">
                            <input type="radio" name="session[audience]" value=code checked=form.audience == code/>
                            {format!(" {label}")}
                        </label>
                    }
                })
                .collect_view()}
            <details>
                <summary>"Conseillers dont les jeunes peuvent s'inscrire"</summary>
                <PeopleChoices people=counsellors field="audience_counsellor_ids" chosen=form.audience_counsellor_ids.clone()/>
            </details>
        </fieldset>
        <fieldset>
            <legend>"Inscriptions"</legend>
            <label for="session-opens">"Ouverture : nombre de jours avant la séance (vide : dès la publication)"</label>
            <input id="session-opens" name="session[opens_days_before]" type="number" min="1" max="365" value=form.opens_days_before.clone()/>
            <label for="session-closes">"Clôture : nombre d'heures avant la séance"</label>
            <input id="session-closes" name="session[closes_hours_before]" type="number" min="0" max="336" value=form.closes_hours_before.clone() required/>
            <label for="session-cancel">"Annulation en ligne par les jeunes : jusqu'à combien d'heures avant (vide : 2)"</label>
            <input id="session-cancel" name="session[cancel_hours_before]" type="number" min="0" max="336" value=form.cancel_hours_before.clone()/>
            <label for="session-promotion">"Liste d'attente automatique jusqu'à combien d'heures avant (ensuite, vous décidez ; vide : 24)"</label>
            <input id="session-promotion" name="session[promotion_stops_hours_before]" type="number" min="0" max="336" value=form.promotion_stops_hours_before.clone()/>
        </fieldset>
        <label for="session-note">"Mot pour les jeunes (facultatif)"</label>
        <textarea id="session-note" name="session[note_for_youths]" rows="3" maxlength="1000">{form.note_for_youths.clone()}</textarea>
        <label class="checkbox">
            <input type="checkbox" name="session[publish]" checked=form.publish.is_some() data-test="publish"/>
            " Publier : les jeunes concernés la voient et peuvent s'inscrire (sinon : brouillon)"
        </label>
    }
}

/// Checkboxes for choosing people, posted as `session[<field>][<index>]=<id>`.
#[component]
fn PeopleChoices(
    people: Vec<PersonOption>,
    field: &'static str,
    chosen: Vec<String>,
    #[prop(optional)] test: Option<&'static str>,
) -> impl IntoView {
    view! {
        <div class="choices">
            {people
                .into_iter()
                .enumerate()
                .map(|(index, person)| {
                    let checked = chosen.iter().any(|value| value == &person.id.to_string());
                    view! {
                        <label class="checkbox" data-test=test>
                            <input
                                type="checkbox"
                                name=format!("session[{field}][{index}]")
                                value=person.id.to_string()
                                checked=checked
                            />
                            {format!(" {} — {}", person.name, person.detail)}
                        </label>
                    }
                })
                .collect_view()}
        </div>
    }
}

/// `/seances/:id`: a session for staff — details, warnings, history; its planners change it,
/// move it, or cancel it (alone, with the following ones, or the whole series).
#[component]
pub fn SessionPage() -> impl IntoView {
    let id: SessionId = id_param("id");
    let query = use_query_map().read_untracked();
    let notice = if query.get("enregistre").is_some() {
        Some("Modifications enregistrées.".to_owned())
    } else {
        query
            .get("annulees")
            .map(|count| format!("Annulation enregistrée ({count} séance(s))."))
    };
    let update = ServerAction::<UpdateSession>::new();
    let cancel = ServerAction::<CancelSession>::new();
    let details = Resource::new_blocking(move || id, view_session);
    let options = Resource::new_blocking(|| (), |_| async { load_planning_options().await.ok() });
    view! {
        <Title text="Séance — Ateliers"/>
        <p><a href="/agenda">"← Agenda"</a></p>
        {notice.map(|notice| view! { <p class="notice notice--success" role="status" data-test="notice">{notice}</p> })}
        <FormError error=update.value().get_untracked().and_then(Result::err)/>
        <FormError error=cancel.value().get_untracked().and_then(Result::err)/>
        <Suspense fallback=|| view! { <p>"Chargement…"</p> }>
            {move || Suspend::new(async move {
                let options = options.await;
                match details.await {
                    Ok(details) => view! { <SessionDetailsView details options update cancel/> }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn SessionDetailsView(
    details: SessionDetails,
    options: Option<PlanningOptions>,
    update: ServerAction<UpdateSession>,
    cancel: ServerAction<CancelSession>,
) -> impl IntoView {
    let SessionDetails {
        id,
        title,
        theme,
        mission_locale,
        status,
        starts_at,
        ends_at,
        place,
        capacity,
        counsellors,
        facilitators,
        audience,
        enrolment_opens_at,
        enrolment_closes_at,
        note_for_youths,
        series,
        cancellation_reason,
        warnings,
        history,
        edit_form,
    } = details;
    let status_label = match status {
        SessionStatus::Draft => "Brouillon",
        SessionStatus::Published => "Publiée",
        SessionStatus::Cancelled => "Annulée",
    };
    let in_series = series.is_some();
    let contacts = |people: Vec<shared::domain::ContactView>| {
        people
            .into_iter()
            .map(|person| {
                let reach = [person.email, person.phone]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" · ");
                view! { <li>{format!("{} — {reach}", person.name)}</li> }
            })
            .collect_view()
    };
    view! {
        <h1 data-test="session-title">{title}</h1>
        <p class="lead" data-test="session-when">
            {format!("{} · {}", format_session_date(starts_at), format_session_hours(starts_at, ends_at))}
        </p>
        <p data-test="session-status" data-status=status.code()>
            {format!("{status_label} · {} · {mission_locale}", theme.label())}
        </p>
        {cancellation_reason
            .map(|reason| {
                view! { <p class="notice notice--error" data-test="cancellation">{format!("Séance annulée : {reason}")}</p> }
            })}
        {(!warnings.is_empty())
            .then(|| {
                view! {
                    <div class="notice" role="note" data-test="warnings">
                        {warnings.into_iter().map(|warning| view! { <p>{format!("Attention : {warning}")}</p> }).collect_view()}
                    </div>
                }
            })}
        <dl class="record">
            <dt>"Lieu"</dt>
            <dd data-test="session-place">{format!("{} — {}", place.name, place.address)}</dd>
            <dt>"Places"</dt>
            <dd>{capacity}</dd>
            <dt>"Public"</dt>
            <dd>{audience}</dd>
            <dt>"Inscriptions"</dt>
            <dd>
                {format!(
                    "{} jusqu'au {}",
                    enrolment_opens_at
                        .map(|at| format!("à partir du {},", format_instant(at)))
                        .unwrap_or_else(|| "dès la publication,".into()),
                    format_instant(enrolment_closes_at)
                )}
            </dd>
            {series.clone().map(|series| view! {
                <dt>"Cycle"</dt>
                <dd data-test="series">{format!("Séance {} sur {}", series.position, series.count)}</dd>
            })}
            {(!note_for_youths.is_empty()).then(|| view! {
                <dt>"Mot pour les jeunes"</dt>
                <dd>{note_for_youths}</dd>
            })}
        </dl>
        {series.map(|series| view! {
            <h2>"Les séances du cycle"</h2>
            <ol class="series-sessions" data-test="series-sessions">
                {series.sessions.into_iter().map(|sibling| {
                    let label = format!(
                        "{}, {}{}",
                        format_session_date(sibling.starts_at),
                        format_session_hours(sibling.starts_at, sibling.ends_at),
                        match sibling.status {
                            SessionStatus::Cancelled => " (annulée)",
                            SessionStatus::Draft => " (brouillon)",
                            SessionStatus::Published => "",
                        }
                    );
                    let current = sibling.id == id;
                    view! {
                        <li data-test="series-session" data-status=sibling.status.code()>
                            {if current {
                                view! { <strong aria-current="page">{label}</strong> }.into_any()
                            } else {
                                view! { <a href=format!("/seances/{}", sibling.id)>{label}</a> }.into_any()
                            }}
                        </li>
                    }
                }).collect_view()}
            </ol>
        })}
        <h2>"Animation"</h2>
        <ul data-test="session-counsellors">{contacts(counsellors)}</ul>
        <h3>"Intervenants invités"</h3>
        <ul data-test="session-facilitators">{contacts(facilitators)}</ul>
        <p><a href=format!("/ateliers/{id}")>"Page publique de la séance (à partager avec les jeunes)"</a></p>
        {(status == SessionStatus::Published).then(|| view! {
            <p><a class="button" href=format!("/seances/{id}/emargement") data-test="attendance-link">"Émargement : appel, pointage, signatures"</a></p>
        })}
        <RosterSection id/>
        {edit_form
            .zip(options)
            .map(|(form, options)| {
                let rooms = room_capacities(&options);
                view! {
                    <section class="card" aria-labelledby="modifier">
                        <h2 id="modifier">"Modifier ou déplacer"</h2>
                        <ActionForm action=update attr:data-test="edit-session-form">
                            <input type="hidden" name="id" value=id.to_string()/>
                            <input type="hidden" name="session[workshop_type_id]" value=form.workshop_type_id.clone()/>
                            <ScopeChoice in_series prefix="edit"/>
                            <SessionFormCheck rooms repetition=false>
                                <SessionFields options form with_repetition=false/>
                            </SessionFormCheck>
                            <button type="submit" class="button" data-test="save-session">"Enregistrer"</button>
                        </ActionForm>
                    </section>
                    <section class="card danger-zone" aria-labelledby="annuler">
                        <h2 id="annuler">"Annuler"</h2>
                        <ActionForm action=cancel attr:data-test="cancel-session-form">
                            <input type="hidden" name="id" value=id.to_string()/>
                            <ScopeChoice in_series prefix="cancel"/>
                            <label for="cancel-reason">"Motif (les personnes inscrites le liront)"</label>
                            <input id="cancel-reason" name="reason" required minlength="5" maxlength="500" data-test="cancel-reason"/>
                            <button type="submit" class="button button--danger" data-test="cancel-session">"Annuler la séance"</button>
                        </ActionForm>
                    </section>
                    <IslandsScripts/>
                }
            })}
        <h2>"Historique"</h2>
        <ul class="history" data-test="session-history">
            {history
                .into_iter()
                .map(|line| view! { <li>{format!("{} — {} : {}", format_instant(line.at), line.who, line.summary)}</li> })
                .collect_view()}
        </ul>
    }
}

/// Which sessions of the series a change applies to; a lone session has only itself.
#[component]
fn ScopeChoice(in_series: bool, prefix: &'static str) -> impl IntoView {
    if !in_series {
        return view! { <input type="hidden" name="scope" value="this_session"/> }.into_any();
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
                            <input type="radio" name="scope" value=code checked=code == "this_session"/>
                            {format!(" {label}")}
                        </label>
                    }
                })
                .collect_view()}
        </fieldset>
    }
    .into_any()
}

/// The session's places on its staff page: who is registered, who waits, how they came;
/// enrol youths found by name (several at once), remove someone with a reason, promote from
/// the waiting list, change the number of places; and the history of places.
#[component]
fn RosterSection(id: SessionId) -> impl IntoView {
    let query = use_query_map().read_untracked();
    let search = query.get("q").unwrap_or_default();
    let notice = [
        ("inscrits", "Inscription enregistrée."),
        ("retire", "Retrait enregistré."),
        ("promu", "Place donnée depuis la liste d'attente."),
        ("places", "Nombre de places enregistré."),
    ]
    .into_iter()
    .find(|(key, _)| query.get(key).is_some())
    .map(|(_, text)| text);
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
            {notice.map(|notice| view! { <p class="notice notice--success" role="status" data-test="roster-notice">{notice}</p> })}
            <FormError error/>
            {loaded(roster, move |roster| view! { <RosterView roster enrol remove promote capacity/> })}
        </section>
    }
}

#[component]
fn RosterView(
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
                {(waiting && may_manage && taking_places).then(|| view! {
                    <ActionForm action=promote attr:class="inline-form">
                        <input type="hidden" name="session_id" value=id.to_string()/>
                        <input type="hidden" name="youth_id" value=youth_id.to_string()/>
                        <button type="submit" class="button button--small button--secondary" data-test="promote">"Donner une place"</button>
                    </ActionForm>
                })}
                {(line.may_remove && taking_places).then(|| view! {
                    <details class="roster__remove">
                        <summary data-test="remove">{format!("Retirer {}", line.name)}</summary>
                        <ActionForm action=remove attr:data-test="remove-form">
                            <input type="hidden" name="session_id" value=id.to_string()/>
                            <input type="hidden" name="youth_id" value=youth_id.to_string()/>
                            <label for=reason_id.clone()>"Raison (le ou la jeune la lira)"</label>
                            <input id=reason_id name="reason" required maxlength="500" data-test="remove-reason"/>
                            <button type="submit" class="button button--danger" data-test="confirm-remove">"Retirer"</button>
                        </ActionForm>
                    </details>
                })}
            </li>
        }
    };
    let hidden = roster.registered_count as usize - roster.registered.len();
    view! {
        <p data-test="roster-counts">
            {format!(
                "{} inscrit(s) sur {} places · {} en liste d'attente",
                roster.registered_count, roster.capacity, roster.waiting_count
            )}
        </p>
        {(!roster.promotes_automatically && taking_places).then(|| view! {
            <p class="notice" data-test="manual-promotion">"La séance est proche : les places libérées ne sont plus données automatiquement. Choisissez qui les prend."</p>
        })}
        <h3>"Inscrits"</h3>
        <ol class="roster__list" data-test="registered">
            {roster.registered.into_iter().map(|registered| line(registered, false)).collect_view()}
        </ol>
        {(hidden > 0).then(|| view! { <p><small>{format!("et {hidden} jeune(s) d'autres Missions Locales")}</small></p> })}
        <h3>"Liste d'attente"</h3>
        <ol class="roster__list" data-test="waiting">
            {roster.waiting.into_iter().map(|waiting| line(waiting, true)).collect_view()}
        </ol>
        {(may_manage && taking_places).then(|| view! {
            <ActionForm action=capacity attr:class="inline-form" attr:data-test="capacity-form">
                <input type="hidden" name="session_id" value=id.to_string()/>
                <label for="roster-capacity">"Nombre de places"</label>
                <input id="roster-capacity" name="capacity" type="number" min="1" max="200" value=roster.capacity required data-test="roster-capacity"/>
                <button type="submit" class="button button--secondary" data-test="save-capacity">"Changer"</button>
            </ActionForm>
        })}
        {taking_places.then(|| view! {
            <h3>"Inscrire des jeunes"</h3>
            <form method="get" action=format!("/seances/{id}#places") class="inline-form" data-test="youth-search">
                <label for="roster-search">"Nom ou prénom"</label>
                <input id="roster-search" name="q" type="search" minlength="2" value=roster.search.clone() data-test="youth-search-input"/>
                <button type="submit" class="button button--secondary" data-test="youth-search-submit">"Chercher"</button>
            </form>
            {(!roster.search.is_empty() && roster.candidates.is_empty()).then(|| view! {
                <p class="notice" data-test="no-candidates">"Aucun jeune de votre Mission Locale ne correspond à cette recherche."</p>
            })}
            {(!roster.candidates.is_empty()).then(|| view! {
                <ActionForm action=enrol attr:data-test="enrol-youths-form">
                    <input type="hidden" name="session_id" value=id.to_string()/>
                    <fieldset>
                        <legend>{if roster.search.is_empty() { "Vos jeunes : cochez ceux à inscrire" } else { "Cochez les jeunes à inscrire" }}</legend>
                        {roster.candidates.into_iter().enumerate().map(|(index, candidate)| {
                            let input_id = format!("candidate-{}", candidate.youth_id);
                            let label_for = input_id.clone();
                            let disabled = candidate.standing.is_some() || candidate.refusal.is_some();
                            let detail = candidate
                                .standing
                                .map(|standing| format!("déjà {}", standing.label()))
                                .into_iter()
                                .chain(candidate.refusal.clone())
                                .chain(candidate.warnings.iter().map(|warning| format!("attention : {warning}")))
                                .collect::<Vec<_>>()
                                .join(" · ");
                            view! {
                                <label class="checkbox" for=label_for data-test="candidate" data-name=candidate.name.clone()>
                                    <input
                                        id=input_id
                                        type="checkbox"
                                        name=format!("youth_ids[{index}]")
                                        value=candidate.youth_id.to_string()
                                        disabled=disabled
                                    />
                                    {format!(" {}", candidate.name)}
                                    {(!detail.is_empty()).then(|| view! { <small class="candidate__detail" data-test="candidate-detail">{format!(" — {detail}")}</small> })}
                                </label>
                            }
                        }).collect_view()}
                    </fieldset>
                    <button type="submit" class="button" data-test="enrol-youths">"Inscrire"</button>
                </ActionForm>
            })}
        })}
        <h3>"Historique des inscriptions"</h3>
        <ul class="history" data-test="enrolment-history">
            {roster.history.into_iter().map(|line| view! { <li>{format!("{} — {}", format_instant(line.at), line.text)}</li> }).collect_view()}
        </ul>
    }
}
