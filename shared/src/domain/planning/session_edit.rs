//! What an edit does to one stored session (`SessionEditor::edit`): its new times, the
//! `SessionChange`s it implies with their French summaries for the history, whether it
//! publishes a draft, touches the capacity or must raise the iCalendar SEQUENCE. The service
//! applies the result; nothing here reads the database.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Duration, Utc};

use crate::domain::{
    Audience, EnrolmentWindow, PARIS, PersonId, PlaceChoice, PlaceRules, PlanningRefusal,
    SessionChange, SessionPlan, SessionStatus, format_session_date, format_session_hours,
    paris_instant,
};

/// A session as stored, in the terms an edit compares it by.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredSession {
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub status: SessionStatus,
    pub place: PlaceChoice,
    pub facilitator_ids: BTreeSet<PersonId>,
    pub counsellor_ids: BTreeSet<PersonId>,
    /// As stored: only compared and shown, so kept signed like the column.
    pub capacity: i32,
    pub audience: Audience,
    pub window: EnrolmentWindow,
    pub place_rules: PlaceRules,
    pub note_for_youths: String,
}

/// The names the summaries quote: people by id, and the places sessions move between.
#[derive(Clone, Debug, Default)]
pub struct EditNames {
    pub people: HashMap<PersonId, String>,
    /// The label of the plan's place.
    pub new_place: String,
    /// The label of each place a session is moved from.
    pub old_places: Vec<(PlaceChoice, String)>,
}

impl EditNames {
    fn old_place(&self, place: &PlaceChoice) -> String {
        self.old_places
            .iter()
            .find(|(known, _)| known == place)
            .map(|(_, label)| label.clone())
            .unwrap_or_default()
    }

    fn people_list(&self, ids: &[PersonId]) -> String {
        ids.iter()
            .map(|id| self.people.get(id).cloned().unwrap_or_default())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// What the edit does to one session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionEdit {
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// Each change with its summary for the history, in the order they are recorded.
    pub changes: Vec<(SessionChange, String)>,
    /// A draft the plan publishes.
    pub publishes: bool,
    /// The capacity differs: it goes through the roster (never below the youths registered).
    pub changes_capacity: bool,
}

impl SessionEdit {
    /// Nothing to write, record or mail.
    pub fn changes_nothing(&self) -> bool {
        self.changes.is_empty()
    }

    /// Whether attendees' calendars must be updated (iCalendar SEQUENCE + 1).
    pub fn raises_sequence(&self) -> bool {
        self.changes
            .iter()
            .any(|(change, _)| change.updates_invitations())
    }

    /// The summaries of the changes attendees must hear about, for their mail.
    pub fn news(&self) -> Vec<String> {
        self.changes
            .iter()
            .filter(|(change, _)| change.updates_invitations())
            .map(|(_, summary)| summary.clone())
            .collect()
    }
}

/// Applies one plan to the sessions an edit touches. For several sessions, the plan's day
/// shifts each by as many days as it shifts the edited one, and its Paris times apply to all.
#[derive(Clone, Copy, Debug)]
pub struct SessionEditor<'a> {
    plan: &'a SessionPlan,
    shift: Duration,
    now: DateTime<Utc>,
}

impl<'a> SessionEditor<'a> {
    /// `edited_starts_at`: the start of the session the form was opened on.
    pub fn new(plan: &'a SessionPlan, edited_starts_at: DateTime<Utc>, now: DateTime<Utc>) -> Self {
        let edited_day = edited_starts_at.with_timezone(&PARIS).date_naive();
        Self {
            plan,
            shift: plan.series.first_day - edited_day,
            now,
        }
    }

    /// The session's new times: its Paris day shifted, at the plan's Paris wall-clock time.
    pub fn new_times(&self, starts_at: DateTime<Utc>) -> (DateTime<Utc>, DateTime<Utc>) {
        let day = starts_at.with_timezone(&PARIS).date_naive() + self.shift;
        let starts_at = paris_instant(day, self.plan.series.starts_at);
        let ends_at = starts_at + Duration::minutes(i64::from(self.plan.series.duration_minutes));
        (starts_at, ends_at)
    }

    /// What the plan changes in `before`; refused when the session would start in the past.
    pub fn edit(
        &self,
        before: &StoredSession,
        names: &EditNames,
    ) -> Result<SessionEdit, PlanningRefusal> {
        let plan = self.plan;
        let (starts_at, ends_at) = self.new_times(before.starts_at);
        if starts_at <= self.now {
            return Err(PlanningRefusal::WouldFallInPast {
                starts_at: before.starts_at,
            });
        }
        let mut changes: Vec<(SessionChange, String)> = Vec::new();
        if (starts_at, ends_at) != (before.starts_at, before.ends_at) {
            changes.push((
                SessionChange::Rescheduled {
                    from_starts_at: before.starts_at,
                    from_ends_at: before.ends_at,
                    starts_at,
                    ends_at,
                },
                format!(
                    "Séance déplacée du {}, {} au {}, {}.",
                    format_session_date(before.starts_at),
                    format_session_hours(before.starts_at, before.ends_at),
                    format_session_date(starts_at),
                    format_session_hours(starts_at, ends_at),
                ),
            ));
        }
        if before.place != plan.place {
            let from = names.old_place(&before.place);
            let to = names.new_place.clone();
            let summary = format!("Lieu changé : {from} → {to}.");
            changes.push((SessionChange::Moved { from, to }, summary));
        }
        if before.facilitator_ids != plan.facilitator_ids {
            let (added, removed) = difference(&before.facilitator_ids, &plan.facilitator_ids);
            let summary = people_summary("Intervenants", &added, &removed, names);
            changes.push((
                SessionChange::FacilitatorsChanged { added, removed },
                summary,
            ));
        }
        if before.counsellor_ids != plan.counsellor_ids {
            let (added, removed) = difference(&before.counsellor_ids, &plan.counsellor_ids);
            let summary = people_summary("Conseillers", &added, &removed, names);
            changes.push((
                SessionChange::CounsellorsChanged { added, removed },
                summary,
            ));
        }
        let changes_capacity = i64::from(before.capacity) != i64::from(plan.capacity);
        let mut details = Vec::new();
        if changes_capacity {
            details.push(format!("places : {} → {}", before.capacity, plan.capacity));
        }
        if before.audience != plan.audience {
            details.push("public".to_owned());
        }
        if before.window != plan.window {
            details.push("période d'inscription".to_owned());
        }
        if before.place_rules != plan.place_rules {
            details.push("annulation et liste d'attente".to_owned());
        }
        if before.note_for_youths != plan.note_for_youths {
            details.push("mot pour les jeunes".to_owned());
        }
        if !details.is_empty() {
            let summary = format!("Modifié : {}.", details.join(", "));
            changes.push((SessionChange::DetailsChanged { fields: details }, summary));
        }
        let publishes = plan.publish && before.status == SessionStatus::Draft;
        if publishes {
            changes.push((
                SessionChange::Published,
                "Séance publiée : les jeunes peuvent la voir.".to_owned(),
            ));
        }
        Ok(SessionEdit {
            starts_at,
            ends_at,
            changes,
            publishes,
            changes_capacity,
        })
    }
}

/// (added, removed) going from `before` to `after`.
fn difference(
    before: &BTreeSet<PersonId>,
    after: &BTreeSet<PersonId>,
) -> (Vec<PersonId>, Vec<PersonId>) {
    (
        after.difference(before).copied().collect(),
        before.difference(after).copied().collect(),
    )
}

fn people_summary(
    who: &str,
    added: &[PersonId],
    removed: &[PersonId],
    names: &EditNames,
) -> String {
    match (added.is_empty(), removed.is_empty()) {
        (false, true) => format!("{who} : ajout de {}.", names.people_list(added)),
        (true, false) => format!("{who} : retrait de {}.", names.people_list(removed)),
        _ => format!(
            "{who} : ajout de {}, retrait de {}.",
            names.people_list(added),
            names.people_list(removed)
        ),
    }
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

    use super::*;
    use crate::domain::{RoomId, SessionForm};

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        paris_instant(day(y, m, d), NaiveTime::from_hms_opt(h, min, 0).unwrap())
    }

    /// Planning "today" is the first of March 2027, whatever the real date.
    fn now() -> DateTime<Utc> {
        at(2027, 3, 1, 8, 0)
    }

    fn now_in_paris() -> NaiveDateTime {
        now().with_timezone(&PARIS).naive_local()
    }

    fn room(id: i32) -> PlaceChoice {
        PlaceChoice::Room(RoomId::new(id))
    }

    fn person(id: i32) -> PersonId {
        PersonId::new(id)
    }

    /// The form of a session in room 1, with counsellor 10 and facilitator 20, 12 places.
    fn form(day: &str, starts: &str, ends: &str) -> SessionForm {
        SessionForm {
            workshop_type_id: "1".into(),
            day: day.into(),
            starts_at: starts.into(),
            ends_at: ends.into(),
            place: "room-1".into(),
            capacity: "12".into(),
            counsellor_ids: vec!["10".into()],
            facilitator_ids: vec!["20".into()],
            audience: Audience::FEDERATION.into(),
            closes_hours_before: "0".into(),
            ..SessionForm::default()
        }
    }

    fn plan_of(form: &SessionForm) -> SessionPlan {
        SessionPlan::parse(form, now_in_paris(), false).unwrap()
    }

    /// The session the form of `plan_of(form("2027-03-09", "09:30", "12:00"))` describes,
    /// as stored.
    fn stored(starts_at: DateTime<Utc>) -> StoredSession {
        let plan = plan_of(&form("2027-03-09", "09:30", "12:00"));
        StoredSession {
            starts_at,
            ends_at: starts_at + Duration::minutes(150),
            status: SessionStatus::Draft,
            place: plan.place,
            facilitator_ids: plan.facilitator_ids,
            counsellor_ids: plan.counsellor_ids,
            capacity: 12,
            audience: plan.audience,
            window: plan.window,
            place_rules: plan.place_rules,
            note_for_youths: plan.note_for_youths,
        }
    }

    fn names(people: &HashMap<PersonId, String>) -> EditNames {
        EditNames {
            people: people.clone(),
            new_place: "Bondy — Salle Nelson Mandela".into(),
            old_places: Vec::new(),
        }
    }

    fn kinds(edit: &SessionEdit) -> Vec<&'static str> {
        edit.changes
            .iter()
            .map(|(change, _)| change.kind())
            .collect()
    }

    #[test]
    fn the_same_form_changes_nothing_and_mails_no_one() {
        let plan = plan_of(&form("2027-03-09", "09:30", "12:00"));
        let before = stored(at(2027, 3, 9, 9, 30));
        let people = HashMap::new();
        let edit = SessionEditor::new(&plan, before.starts_at, now())
            .edit(&before, &names(&people))
            .unwrap();
        assert!(edit.changes_nothing(), "{:?}", edit.changes);
        assert!(!edit.raises_sequence());
        assert!(edit.news().is_empty());
        assert!(!edit.publishes && !edit.changes_capacity);
    }

    #[test]
    fn moving_the_time_of_one_occurrence_reschedules_only_that_one() {
        // The series meets on Tuesdays 9 and 16 March; the edit opened on the 9th moves it
        // to 14:00, same day.
        let plan = plan_of(&form("2027-03-09", "14:00", "16:30"));
        let edited = stored(at(2027, 3, 9, 9, 30));
        let editor = SessionEditor::new(&plan, edited.starts_at, now());
        let people = HashMap::new();
        let edit = editor.edit(&edited, &names(&people)).unwrap();
        assert_eq!(kinds(&edit), ["rescheduled"]);
        assert_eq!(
            (edit.starts_at, edit.ends_at),
            (at(2027, 3, 9, 14, 0), at(2027, 3, 9, 16, 30))
        );
        assert!(edit.raises_sequence());
        assert_eq!(edit.news().len(), 1);
        assert!(edit.news()[0].contains("14 h 00"), "{:?}", edit.news());

        // Under "this session" the service never gives the 16th to the editor; had it,
        // only the time would move, on its own day.
        let following = stored(at(2027, 3, 16, 9, 30));
        let (starts_at, _) = editor.new_times(following.starts_at);
        assert_eq!(starts_at, at(2027, 3, 16, 14, 0));
    }

    #[test]
    fn a_series_shifted_across_the_last_sunday_of_march_keeps_9_30_paris_time() {
        // Tuesdays 23 and 30 March 2027 (summer time starts on Sunday the 28th), moved one
        // week later: 30 March and 6 April, both at 9:30 in Paris.
        let plan = plan_of(&form("2027-03-30", "09:30", "12:00"));
        let editor = SessionEditor::new(&plan, at(2027, 3, 23, 9, 30), now());
        let people = HashMap::new();
        for (before, after) in [
            (at(2027, 3, 23, 9, 30), at(2027, 3, 30, 9, 30)),
            (at(2027, 3, 30, 9, 30), at(2027, 4, 6, 9, 30)),
        ] {
            let edit = editor.edit(&stored(before), &names(&people)).unwrap();
            assert_eq!(edit.starts_at, after);
            assert_eq!(
                edit.starts_at.with_timezone(&PARIS).time(),
                NaiveTime::from_hms_opt(9, 30, 0).unwrap()
            );
            assert_eq!(kinds(&edit), ["rescheduled"]);
        }
        // Winter 8:30 UTC, summer 7:30 UTC: the instants differ by a week less an hour.
        assert_eq!(
            at(2027, 3, 30, 9, 30) - at(2027, 3, 23, 9, 30),
            Duration::weeks(1) - Duration::hours(1)
        );
    }

    #[test]
    fn another_room_at_the_same_time_is_a_change_of_place() {
        let plan = plan_of(&form("2027-03-09", "09:30", "12:00"));
        let mut before = stored(at(2027, 3, 9, 9, 30));
        before.place = room(2);
        let people = HashMap::new();
        let old_places = vec![(room(2), "Bondy — Salle Louise Michel".to_owned())];
        let edit = SessionEditor::new(&plan, before.starts_at, now())
            .edit(
                &before,
                &EditNames {
                    old_places,
                    ..names(&people)
                },
            )
            .unwrap();
        assert_eq!(kinds(&edit), ["moved"]);
        assert_eq!(
            edit.changes[0].0,
            SessionChange::Moved {
                from: "Bondy — Salle Louise Michel".into(),
                to: "Bondy — Salle Nelson Mandela".into(),
            }
        );
        assert_eq!(
            edit.news(),
            ["Lieu changé : Bondy — Salle Louise Michel → Bondy — Salle Nelson Mandela."]
        );
    }

    #[test]
    fn a_new_facilitator_is_named_and_raises_the_sequence() {
        let plan = plan_of(&form("2027-03-09", "09:30", "12:00"));
        let mut before = stored(at(2027, 3, 9, 9, 30));
        before.facilitator_ids = BTreeSet::from([person(21)]);
        let people = HashMap::from([
            (person(20), "Awa Diallo".to_owned()),
            (person(21), "Marc Petit".to_owned()),
        ]);
        let edit = SessionEditor::new(&plan, before.starts_at, now())
            .edit(&before, &names(&people))
            .unwrap();
        assert_eq!(
            edit.changes,
            [(
                SessionChange::FacilitatorsChanged {
                    added: vec![person(20)],
                    removed: vec![person(21)],
                },
                "Intervenants : ajout de Awa Diallo, retrait de Marc Petit.".to_owned()
            )]
        );
        assert!(edit.raises_sequence());
    }

    #[test]
    fn capacity_and_publication_are_recorded_without_new_invitations() {
        let mut published = form("2027-03-09", "09:30", "12:00");
        published.capacity = "15".into();
        published.publish = Some("on".into());
        let plan = plan_of(&published);
        let before = stored(at(2027, 3, 9, 9, 30));
        let people = HashMap::new();
        let edit = SessionEditor::new(&plan, before.starts_at, now())
            .edit(&before, &names(&people))
            .unwrap();
        assert_eq!(kinds(&edit), ["details_changed", "published"]);
        assert_eq!(edit.changes[0].1, "Modifié : places : 12 → 15.");
        assert!(edit.changes_capacity && edit.publishes);
        assert!(!edit.raises_sequence());
        assert!(edit.news().is_empty());

        // An already published session is not published again.
        let before = StoredSession {
            status: SessionStatus::Published,
            capacity: 15,
            ..before
        };
        let edit = SessionEditor::new(&plan, before.starts_at, now())
            .edit(&before, &names(&people))
            .unwrap();
        assert!(edit.changes_nothing(), "{:?}", edit.changes);
    }

    #[test]
    fn a_session_pulled_into_the_past_is_refused_naming_its_old_date() {
        // Edited from the session of 9 March, the plan moves the series a week earlier: the
        // session of Sunday 7 March would land on 28 February, before today (1 March).
        let plan = plan_of(&form("2027-03-02", "09:30", "12:00"));
        let editor = SessionEditor::new(&plan, at(2027, 3, 9, 9, 30), now());
        let people = HashMap::new();
        let before = stored(at(2027, 3, 7, 9, 30));
        assert_eq!(
            editor.edit(&before, &names(&people)),
            Err(PlanningRefusal::WouldFallInPast {
                starts_at: before.starts_at
            })
        );
    }
}
