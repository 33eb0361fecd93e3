//! The session form as posted (`SessionForm`) and its parsing into a `SessionPlan`: place,
//! capacity, people, audience, enrolment window, repetition, and the day and time readers.

use std::collections::BTreeSet;

use chrono::{Months, NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

use crate::domain::{
    Audience, EnrolmentWindow, InvalidInput, PersonId, PlaceRules, RoomId, RoomRecord, Series,
    WorkshopTypeId, multi_line, one_line,
};

/// Where a session happens.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PlaceChoice {
    Room(RoomId),
    External { name: String, address: String },
}

impl PlaceChoice {
    /// The venue's name and address as stored: empty for a room, whose site says where it is.
    pub fn venue(&self) -> (String, String) {
        match self {
            PlaceChoice::External { name, address } => (name.clone(), address.clone()),
            PlaceChoice::Room(_) => (String::new(), String::new()),
        }
    }
}

/// The session form as posted: text, parsed by [`SessionPlan::parse`]. Lists of people are
/// posted as `field[index]=id`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionForm {
    pub workshop_type_id: String,
    /// `2026-12-15`, as `<input type="date">` sends it.
    pub day: String,
    /// `09:30`.
    pub starts_at: String,
    pub ends_at: String,
    /// `room-12`, or `external` with the venue's name and address.
    pub place: String,
    #[serde(default)]
    pub venue_name: String,
    #[serde(default)]
    pub venue_address: String,
    pub capacity: String,
    #[serde(default)]
    pub counsellor_ids: Vec<String>,
    #[serde(default)]
    pub facilitator_ids: Vec<String>,
    /// `federation`, `mission_locale` or `counsellors`.
    pub audience: String,
    #[serde(default)]
    pub audience_counsellor_ids: Vec<String>,
    /// Empty: as soon as published.
    #[serde(default)]
    pub opens_days_before: String,
    pub closes_hours_before: String,
    /// Youths cancel online until this many hours before; empty: 2.
    #[serde(default)]
    pub cancel_hours_before: String,
    /// Within this many hours of the start, freed places wait for a counsellor; empty: 24.
    #[serde(default)]
    pub promotion_stops_hours_before: String,
    #[serde(default)]
    pub note_for_youths: String,
    /// A checkbox: published now, or kept as a draft.
    #[serde(default)]
    pub publish: Option<String>,
    /// New sessions only: empty or `0` for a single session, 1–4 for every N weeks.
    #[serde(default)]
    pub repeat_every_weeks: String,
    #[serde(default)]
    pub repeat_slots: String,
    /// Days of the series without a session: `25/12/2026, 2027-01-01`.
    #[serde(default)]
    pub skipped_days: String,
}

impl SessionForm {
    /// Rebuilds the form from the fields a browser would post (`session[day]`,
    /// `session[counsellor_ids][3]`...): the browser's instant check reads the live form this way.
    pub fn from_fields<'a>(fields: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut form = SessionForm::default();
        for (name, value) in fields {
            let Some(rest) = name.strip_prefix("session[") else {
                continue;
            };
            let (key, _index) = rest.split_once(']').unwrap_or((rest, ""));
            let value = value.to_owned();
            match key {
                "workshop_type_id" => form.workshop_type_id = value,
                "day" => form.day = value,
                "starts_at" => form.starts_at = value,
                "ends_at" => form.ends_at = value,
                "place" => form.place = value,
                "venue_name" => form.venue_name = value,
                "venue_address" => form.venue_address = value,
                "capacity" => form.capacity = value,
                "counsellor_ids" => form.counsellor_ids.push(value),
                "facilitator_ids" => form.facilitator_ids.push(value),
                "audience" => form.audience = value,
                "audience_counsellor_ids" => form.audience_counsellor_ids.push(value),
                "opens_days_before" => form.opens_days_before = value,
                "closes_hours_before" => form.closes_hours_before = value,
                "cancel_hours_before" => form.cancel_hours_before = value,
                "promotion_stops_hours_before" => form.promotion_stops_hours_before = value,
                "note_for_youths" => form.note_for_youths = value,
                "publish" => form.publish = Some(value),
                "repeat_every_weeks" => form.repeat_every_weeks = value,
                "repeat_slots" => form.repeat_slots = value,
                "skipped_days" => form.skipped_days = value,
                _ => {}
            }
        }
        form
    }
}

/// A session (or series) as planned: every rule that needs no database has been checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionPlan {
    pub workshop_type_id: WorkshopTypeId,
    /// The occurrences; a single session is a series of one.
    pub series: Series,
    pub place: PlaceChoice,
    pub capacity: u32,
    pub counsellor_ids: BTreeSet<PersonId>,
    pub facilitator_ids: BTreeSet<PersonId>,
    pub audience: Audience,
    pub window: EnrolmentWindow,
    pub place_rules: PlaceRules,
    pub note_for_youths: String,
    pub publish: bool,
}

impl SessionPlan {
    pub const MAX_NOTE: usize = 1000;
    /// How far ahead a session may start: beyond, the year is a typo.
    pub const MAX_YEARS_AHEAD: u32 = 2;

    /// Parses the form. `now_in_paris` (Paris wall-clock time) refuses sessions in the past:
    /// wall-clock, so that the browser's check needs no time-zone tables. A repetition is read
    /// only when `allow_repetition` (new sessions); edits change one session at a time or shift.
    pub fn parse(
        form: &SessionForm,
        now_in_paris: NaiveDateTime,
        allow_repetition: bool,
    ) -> Result<Self, InvalidInput> {
        let workshop_type_id = form
            .workshop_type_id
            .trim()
            .parse::<WorkshopTypeId>()
            .map_err(|_| {
                InvalidInput::new("workshop_type_id", "Choisissez un atelier du catalogue.")
            })?;
        let day = parse_day(&form.day).ok_or_else(|| {
            InvalidInput::new("day", "Indiquez la date de la séance (jour/mois/année).")
        })?;
        // Before any date arithmetic: a typo in the year (9999) would overflow it.
        if now_in_paris
            .date()
            .checked_add_months(Months::new(12 * Self::MAX_YEARS_AHEAD))
            .is_none_or(|last| day > last)
        {
            return Err(InvalidInput::new(
                "day",
                format!(
                    "Une séance se planifie au plus {} ans à l'avance : vérifiez l'année.",
                    Self::MAX_YEARS_AHEAD
                ),
            ));
        }
        let starts_at = parse_time(&form.starts_at).ok_or_else(|| {
            InvalidInput::new("starts_at", "Indiquez l'heure de début (par exemple 9:30).")
        })?;
        let ends_at = parse_time(&form.ends_at).ok_or_else(|| {
            InvalidInput::new("ends_at", "Indiquez l'heure de fin (par exemple 12:00).")
        })?;
        if ends_at <= starts_at {
            return Err(InvalidInput::new(
                "ends_at",
                "L'heure de fin doit venir après l'heure de début.",
            ));
        }
        let duration_minutes = u32::try_from((ends_at - starts_at).num_minutes()).unwrap_or(0);

        let (every_weeks, slots, skipped) = if allow_repetition {
            parse_repetition(form)?
        } else {
            (1, 1, BTreeSet::new())
        };
        let series = Series::new(
            day,
            starts_at,
            duration_minutes,
            every_weeks,
            slots,
            skipped,
        )?;
        if let Some(first) = series
            .slot_days()
            .into_iter()
            .find(|day| !series.skipped.contains(day))
            && first.and_time(starts_at) <= now_in_paris
        {
            return Err(InvalidInput::new(
                "day",
                "Cette date est passée : choisissez une date et une heure à venir.",
            ));
        }

        let place = match form.place.trim() {
            "external" => {
                let name = one_line(&form.venue_name);
                let address = one_line(&form.venue_address);
                if name.is_empty() || name.chars().count() > 120 {
                    return Err(InvalidInput::new(
                        "venue_name",
                        "Donnez le nom du lieu extérieur (120 caractères au maximum).",
                    ));
                }
                if address.chars().count() < 10 || address.chars().count() > 200 {
                    return Err(InvalidInput::new(
                        "venue_address",
                        "Donnez l'adresse complète du lieu extérieur (rue, code postal, ville).",
                    ));
                }
                PlaceChoice::External { name, address }
            }
            other => other
                .strip_prefix("room-")
                .and_then(|id| id.parse::<RoomId>().ok())
                .map(PlaceChoice::Room)
                .ok_or_else(|| {
                    InvalidInput::new("place", "Choisissez une salle ou un lieu extérieur.")
                })?,
        };

        let capacity = form.capacity.trim().parse::<u32>().unwrap_or(0);
        if !(1..=RoomRecord::MAX_CAPACITY).contains(&capacity) {
            return Err(InvalidInput::new(
                "capacity",
                "Le nombre de places est compris entre 1 et 200.",
            ));
        }

        let counsellor_ids = parse_ids(&form.counsellor_ids, "counsellor_ids")?;
        if counsellor_ids.is_empty() {
            return Err(InvalidInput::new(
                "counsellor_ids",
                "Choisissez au moins un conseiller pour animer la séance.",
            ));
        }
        let facilitator_ids = parse_ids(&form.facilitator_ids, "facilitator_ids")?;

        let audience = match form.audience.trim() {
            Audience::FEDERATION => Audience::Federation,
            Audience::MISSION_LOCALE => Audience::MissionLocale,
            Audience::COUNSELLORS => {
                let counsellors =
                    parse_ids(&form.audience_counsellor_ids, "audience_counsellor_ids")?;
                if counsellors.is_empty() {
                    return Err(InvalidInput::new(
                        "audience_counsellor_ids",
                        "Choisissez les conseillers dont les jeunes peuvent s'inscrire.",
                    ));
                }
                Audience::Counsellors(counsellors)
            }
            _ => {
                return Err(InvalidInput::new(
                    "audience",
                    "Choisissez qui peut s'inscrire.",
                ));
            }
        };

        let opens_days_before = match form.opens_days_before.trim() {
            "" => None,
            text => match text.parse::<u32>() {
                Ok(days) if (1..=365).contains(&days) => Some(days),
                _ => {
                    return Err(InvalidInput::new(
                        "opens_days_before",
                        "Les inscriptions ouvrent de 1 à 365 jours avant la séance (laissez vide pour les ouvrir dès la publication).",
                    ));
                }
            },
        };
        let closes_hours_before = match form.closes_hours_before.trim().parse::<u32>() {
            Ok(hours) if hours <= 14 * 24 => hours,
            _ => {
                return Err(InvalidInput::new(
                    "closes_hours_before",
                    "Les inscriptions ferment de 0 à 336 heures (14 jours) avant la séance.",
                ));
            }
        };
        let window = EnrolmentWindow {
            opens_days_before,
            closes_minutes_before: closes_hours_before * 60,
        };
        if let Some(opens) = window.opens_days_before
            && opens * 24 * 60 <= window.closes_minutes_before
        {
            return Err(InvalidInput::new(
                "opens_days_before",
                "Les inscriptions doivent ouvrir avant de fermer.",
            ));
        }

        let defaults = PlaceRules::default();
        let hours = |text: &str, default_minutes: u32, field: &str, message: &str| match text.trim()
        {
            "" => Ok(default_minutes),
            text => match text.parse::<u32>() {
                Ok(hours) if hours <= 14 * 24 => Ok(hours * 60),
                _ => Err(InvalidInput::new(field, message)),
            },
        };
        let place_rules = PlaceRules {
            cancellation_closes_minutes_before: hours(
                &form.cancel_hours_before,
                defaults.cancellation_closes_minutes_before,
                "cancel_hours_before",
                "Les jeunes peuvent annuler en ligne jusqu'à 0 à 336 heures (14 jours) avant la séance.",
            )?,
            promotion_stops_minutes_before: hours(
                &form.promotion_stops_hours_before,
                defaults.promotion_stops_minutes_before,
                "promotion_stops_hours_before",
                "La liste d'attente avance seule jusqu'à 0 à 336 heures (14 jours) avant la séance.",
            )?,
        };

        let note_for_youths = multi_line(&form.note_for_youths);
        if note_for_youths.chars().count() > Self::MAX_NOTE {
            return Err(InvalidInput::new(
                "note_for_youths",
                "Le mot pour les jeunes fait 1 000 caractères au maximum.",
            ));
        }

        Ok(Self {
            workshop_type_id,
            series,
            place,
            capacity,
            counsellor_ids,
            facilitator_ids,
            audience,
            window,
            place_rules,
            note_for_youths,
            publish: form.publish.is_some(),
        })
    }

    /// The capacity cannot exceed the room's.
    pub fn check_room_capacity(
        &self,
        room_name: &str,
        room_capacity: u32,
    ) -> Result<(), InvalidInput> {
        if self.capacity > room_capacity {
            return Err(InvalidInput::new(
                "capacity",
                format!(
                    "La salle {room_name} compte {room_capacity} places : réduisez le nombre de places ou choisissez une salle plus grande."
                ),
            ));
        }
        Ok(())
    }
}

fn parse_repetition(form: &SessionForm) -> Result<(u32, u32, BTreeSet<NaiveDate>), InvalidInput> {
    let every_weeks = match form.repeat_every_weeks.trim() {
        "" | "0" => return Ok((1, 1, BTreeSet::new())),
        text => text.parse::<u32>().unwrap_or(0),
    };
    let slots = form.repeat_slots.trim().parse::<u32>().map_err(|_| {
        InvalidInput::new(
            "repeat_slots",
            "Indiquez le nombre de séances du cycle (2 à 52).",
        )
    })?;
    if slots < 2 {
        return Err(InvalidInput::new(
            "repeat_slots",
            "Un cycle compte au moins 2 séances (sinon, ne cochez pas la répétition).",
        ));
    }
    let mut skipped = BTreeSet::new();
    for text in form
        .skipped_days
        .split([',', ';', ' ', '\n'])
        .map(str::trim)
        .filter(|text| !text.is_empty())
    {
        let day = parse_day(text).ok_or_else(|| {
            InvalidInput::new(
                "skipped_days",
                format!("« {text} » n'est pas une date : écrivez par exemple 25/12/2026."),
            )
        })?;
        skipped.insert(day);
    }
    Ok((every_weeks, slots, skipped))
}

/// `2026-12-15` (date inputs) or `15/12/2026` (typed by hand).
pub fn parse_day(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(text, "%d/%m/%Y"))
        .ok()
}

/// `09:30`, `9:30`, `9h30`, `9 h 30`.
pub fn parse_time(text: &str) -> Option<NaiveTime> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let compact = compact.replace(['h', 'H'], ":");
    let compact = if compact.ends_with(':') {
        format!("{compact}00")
    } else {
        compact
    };
    NaiveTime::parse_from_str(&compact, "%H:%M").ok()
}

fn parse_ids(values: &[String], field: &str) -> Result<BTreeSet<PersonId>, InvalidInput> {
    values
        .iter()
        .map(|value| value.trim())
        .filter(|value| !value.is_empty())
        .map(|value| {
            value
                .parse::<PersonId>()
                .map_err(|_| InvalidInput::new(field, "Choisissez des personnes dans la liste."))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, Duration, TimeZone, Utc};
    use proptest::prelude::*;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 27, 9, 0, 0).unwrap()
    }

    fn now_in_paris() -> NaiveDateTime {
        now().with_timezone(&crate::domain::PARIS).naive_local()
    }

    fn form() -> SessionForm {
        SessionForm {
            workshop_type_id: "3".into(),
            day: "2026-12-15".into(),
            starts_at: "09:30".into(),
            ends_at: "12:00".into(),
            place: "room-7".into(),
            capacity: "12".into(),
            counsellor_ids: vec!["41".into()],
            facilitator_ids: vec!["90".into(), "".into()],
            audience: "mission_locale".into(),
            closes_hours_before: "2".into(),
            publish: Some("on".into()),
            ..SessionForm::default()
        }
    }

    #[test]
    fn a_complete_form_is_a_plan() {
        let plan = SessionPlan::parse(&form(), now_in_paris(), true).unwrap();
        assert_eq!(plan.series.duration_minutes, 150);
        assert_eq!(plan.series.occurrences().len(), 1);
        assert_eq!(plan.place, PlaceChoice::Room(RoomId::new(7)));
        assert_eq!(plan.facilitator_ids, BTreeSet::from([PersonId::new(90)]));
        assert_eq!(plan.window.closes_minutes_before, 120);
        assert!(plan.publish);
    }

    /// A change to a valid form that should be refused.
    type Breakage = fn(&mut SessionForm);

    #[test]
    fn bad_input_names_the_field_in_french() {
        let cases: [(Breakage, &str); 9] = [
            (|f| f.ends_at = "09:00".into(), "ends_at"),
            (|f| f.ends_at = "09:30".into(), "ends_at"),
            (|f| f.capacity = "0".into(), "capacity"),
            (|f| f.capacity = "201".into(), "capacity"),
            (|f| f.day = "2026-11-26".into(), "day"),
            (|f| f.place = "room-x".into(), "place"),
            (|f| f.counsellor_ids.clear(), "counsellor_ids"),
            (
                |f| f.audience = "counsellors".into(),
                "audience_counsellor_ids",
            ),
            (|f| f.opens_days_before = "0".into(), "opens_days_before"),
        ];
        for (spoil, field) in cases {
            let mut form = form();
            spoil(&mut form);
            let error = SessionPlan::parse(&form, now_in_paris(), true).unwrap_err();
            assert_eq!(error.field, field, "{form:?}");
        }
    }

    #[test]
    fn a_six_week_series_skips_the_days_asked() {
        let mut form = form();
        form.repeat_every_weeks = "1".into();
        form.repeat_slots = "6".into();
        form.skipped_days = "22/12/2026, 2026-12-29".into();
        let plan = SessionPlan::parse(&form, now_in_paris(), true).unwrap();
        let days: Vec<_> = plan.series.occurrences().iter().map(|o| o.day).collect();
        assert_eq!(days.len(), 4);
        assert!(!days.contains(&NaiveDate::from_ymd_opt(2026, 12, 22).unwrap()));
        // An edit never repeats.
        assert_eq!(
            SessionPlan::parse(&form, now_in_paris(), false)
                .unwrap()
                .series
                .occurrences()
                .len(),
            1
        );
    }

    #[test]
    fn the_posted_fields_rebuild_the_form() {
        let fields = [
            ("session[workshop_type_id]", "3"),
            ("session[day]", "2026-12-15"),
            ("session[starts_at]", "09:30"),
            ("session[ends_at]", "12:00"),
            ("session[place]", "room-7"),
            ("session[capacity]", "12"),
            ("session[counsellor_ids][0]", "41"),
            ("session[facilitator_ids][4]", "90"),
            ("session[audience]", "mission_locale"),
            ("session[closes_hours_before]", "2"),
            ("session[publish]", "on"),
            ("scope", "this_session"),
        ];
        let mut expected = form();
        expected.facilitator_ids = vec!["90".into()];
        assert_eq!(SessionForm::from_fields(fields), expected);
    }

    #[test]
    fn a_capacity_above_the_rooms_is_refused() {
        let plan = SessionPlan::parse(&form(), now_in_paris(), true).unwrap();
        assert!(plan.check_room_capacity("Louise Michel", 12).is_ok());
        let error = plan.check_room_capacity("Louise Michel", 10).unwrap_err();
        assert!(error.message.contains("10 places"), "{}", error.message);
    }

    #[test]
    fn times_are_read_the_ways_people_type_them() {
        let nine_thirty = NaiveTime::from_hms_opt(9, 30, 0);
        for text in ["09:30", "9:30", "9h30", "9 h 30"] {
            assert_eq!(parse_time(text), nine_thirty, "{text}");
        }
        assert_eq!(parse_time("14h"), NaiveTime::from_hms_opt(14, 0, 0));
        assert_eq!(parse_time("25:00"), None);
    }

    /// A typo in the year (9999, or chrono's largest year) is refused with a French message,
    /// before any date arithmetic could overflow.
    #[test]
    fn a_session_years_ahead_is_refused_before_any_work() {
        let just_too_far = (now().date_naive() + Duration::days(2 * 366 + 1))
            .format("%Y-%m-%d")
            .to_string();
        for day in ["9999-12-31", "+262142-12-31", "31/12/9999", &just_too_far] {
            for repeat in ["", "4"] {
                let mut form = form();
                form.day = day.into();
                form.repeat_every_weeks = repeat.into();
                form.repeat_slots = "52".into();
                let error = SessionPlan::parse(&form, now_in_paris(), true).unwrap_err();
                assert_eq!(error.field, "day", "{day}");
                assert!(error.message.contains("2 ans"), "{day}: {}", error.message);
            }
        }
        let mut form = form();
        form.day = (now().date_naive() + Duration::days(700))
            .format("%Y-%m-%d")
            .to_string();
        assert!(SessionPlan::parse(&form, now_in_paris(), true).is_ok());
    }

    proptest! {
        /// A day near the end of what chrono can read, with any repetition, is an answer,
        /// never a panic.
        #[test]
        fn the_last_representable_days_are_parsed_without_panicking(
            days_before_the_end in 0i64..4000, every_weeks in 0u32..6, slots in 0u32..60,
        ) {
            let mut form = form();
            let day = NaiveDate::MAX - Duration::days(days_before_the_end);
            form.day = day.format("%Y-%m-%d").to_string();
            form.repeat_every_weeks = every_weeks.to_string();
            form.repeat_slots = slots.to_string();
            let _ = SessionPlan::parse(&form, now_in_paris(), true);
        }

        /// A plan's sessions all start in the future, never before `now`.
        #[test]
        fn plans_never_start_in_the_past(days_ahead in -30i64..60, hour in 7u32..19) {
            let mut form = form();
            let day = now().date_naive() + Duration::days(days_ahead);
            form.day = day.format("%Y-%m-%d").to_string();
            form.starts_at = format!("{hour:02}:00");
            form.ends_at = format!("{:02}:00", hour + 1);
            if let Ok(plan) = SessionPlan::parse(&form, now_in_paris(), true) {
                prop_assert!(plan.series.occurrences().iter().all(|o| o.starts_at > now()));
            }
        }
    }
}
