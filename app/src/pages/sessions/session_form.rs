//! The session's form, shared by planning (with the repetition) and editing.

use leptos::prelude::*;
use shared::domain::{PersonOption, PlanningOptions, RoomId, SessionForm};

use crate::components::Checkbox;

pub(super) fn room_capacities(options: &PlanningOptions) -> Vec<(RoomId, u32)> {
    options
        .rooms
        .iter()
        .map(|room| (room.id, room.capacity))
        .collect()
}

/// The fields of a session, for planning (with the repetition) and editing.
#[component]
pub(super) fn SessionFields(
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
                    <select
                        id="session-workshop"
                        name="session[workshop_type_id]"
                        required
                        data-test="workshop"
                    >
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
            <input
                id="session-day"
                name="session[day]"
                type="date"
                value=form.day.clone()
                required
                data-test="day"
            />
            <label for="session-starts">"Début"</label>
            <input
                id="session-starts"
                name="session[starts_at]"
                type="time"
                value=form.starts_at.clone()
                required
                data-test="starts-at"
            />
            <label for="session-ends">"Fin"</label>
            <input
                id="session-ends"
                name="session[ends_at]"
                type="time"
                value=form.ends_at.clone()
                required
                data-test="ends-at"
            />
        </fieldset>
        {with_repetition
            .then(|| {
                view! {
                    <fieldset data-test="repetition">
                        <legend>"Répéter (cycle)"</legend>
                        <label for="session-every">"Fréquence"</label>
                        <select
                            id="session-every"
                            name="session[repeat_every_weeks]"
                            data-test="repeat-every"
                        >
                            <option value="0">"Une seule séance"</option>
                            <option value="1">"Chaque semaine"</option>
                            <option value="2">"Toutes les 2 semaines"</option>
                            <option value="3">"Toutes les 3 semaines"</option>
                            <option value="4">"Toutes les 4 semaines"</option>
                        </select>
                        <label for="session-slots">"Nombre de séances du cycle"</label>
                        <input
                            id="session-slots"
                            name="session[repeat_slots]"
                            type="number"
                            min="2"
                            max="52"
                            data-test="repeat-slots"
                        />
                        <label for="session-skipped">
                            "Dates sans séance (jours fériés, vacances), séparées par des virgules"
                        </label>
                        <input
                            id="session-skipped"
                            name="session[skipped_days]"
                            placeholder="25/12/2026, 01/01/2027"
                            data-test="skipped-days"
                        />
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
                        view! {
                            <option value=value selected=is_selected>
                                {room.label}
                            </option>
                        }
                    })
                    .collect_view()}
                <option value="external" selected=external>
                    "Lieu extérieur (préciser ci-dessous)"
                </option>
            </select>
            <label for="session-venue">"Lieu extérieur : nom"</label>
            <input id="session-venue" name="session[venue_name]" value=form.venue_name.clone() />
            <label for="session-venue-address">"Lieu extérieur : adresse complète"</label>
            <input
                id="session-venue-address"
                name="session[venue_address]"
                value=form.venue_address.clone()
            />
            <label for="session-capacity">"Nombre de places"</label>
            <input
                id="session-capacity"
                name="session[capacity]"
                type="number"
                min="1"
                max="200"
                value=form.capacity.clone()
                required
                data-test="capacity"
            />
        </fieldset>
        <fieldset data-test="counsellors">
            <legend>"Conseillers qui animent"</legend>
            <PeopleChoices
                people=counsellors.clone()
                field="counsellor_ids"
                chosen=form.counsellor_ids.clone()
            />
        </fieldset>
        <fieldset data-test="facilitators">
            <legend>"Intervenants invités (facultatif)"</legend>
            <PeopleChoices
                people=facilitators
                field="facilitator_ids"
                chosen=form.facilitator_ids.clone()
                test="facilitator-choice"
            />
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
                            <input
                                type="radio"
                                name="session[audience]"
                                value=code
                                checked=form.audience == code
                            />
                            {format!(" {label}")}
                        </label>
                    }
                })
                .collect_view()}
            <details>
                <summary>"Conseillers dont les jeunes peuvent s'inscrire"</summary>
                <PeopleChoices
                    people=counsellors
                    field="audience_counsellor_ids"
                    chosen=form.audience_counsellor_ids.clone()
                />
            </details>
        </fieldset>
        <fieldset>
            <legend>"Inscriptions"</legend>
            <label for="session-opens">
                "Ouverture : nombre de jours avant la séance (vide : dès la publication)"
            </label>
            <input
                id="session-opens"
                name="session[opens_days_before]"
                type="number"
                min="1"
                max="365"
                value=form.opens_days_before.clone()
            />
            <label for="session-closes">"Clôture : nombre d'heures avant la séance"</label>
            <input
                id="session-closes"
                name="session[closes_hours_before]"
                type="number"
                min="0"
                max="336"
                value=form.closes_hours_before.clone()
                required
            />
            <label for="session-cancel">
                "Annulation en ligne par les jeunes : jusqu'à combien d'heures avant (vide : 2)"
            </label>
            <input
                id="session-cancel"
                name="session[cancel_hours_before]"
                type="number"
                min="0"
                max="336"
                value=form.cancel_hours_before.clone()
            />
            <label for="session-promotion">
                "Liste d'attente automatique jusqu'à combien d'heures avant (ensuite, vous décidez ; vide : 24)"
            </label>
            <input
                id="session-promotion"
                name="session[promotion_stops_hours_before]"
                type="number"
                min="0"
                max="336"
                value=form.promotion_stops_hours_before.clone()
            />
        </fieldset>
        <label for="session-note">"Mot pour les jeunes (facultatif)"</label>
        <textarea id="session-note" name="session[note_for_youths]" rows="3" maxlength="1000">
            {form.note_for_youths.clone()}
        </textarea>
        <Checkbox
            name="session[publish]"
            checked=form.publish.is_some()
            label=" Publier : les jeunes concernés la voient et peuvent s'inscrire (sinon : brouillon)"
            test="publish"
        />
    }
}

/// Checkboxes for choosing people, posted as `session[<field>][<index>]=<id>`.
#[component]
pub(super) fn PeopleChoices(
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
