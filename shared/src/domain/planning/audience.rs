//! Who may enrol in a session (`Audience`, judged on an `Enrollee`) and when (`EnrolmentWindow`,
//! relative to the start).

use std::collections::BTreeSet;

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::{MissionLocaleId, PersonId};

/// Who may enrol in a session.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Audience {
    /// The youths of every Mission Locale of the federation.
    Federation,
    /// Only the youths of the organising Mission Locale.
    MissionLocale,
    /// Only the youths followed by these counsellors (e.g. the disability specialists).
    Counsellors(BTreeSet<PersonId>),
}

/// What the audience rules need to know about a youth.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Enrollee {
    /// The Mission Locale of the youth's referent counsellor.
    pub mission_locale_id: MissionLocaleId,
    pub referent_id: PersonId,
}

impl Audience {
    pub const FEDERATION: &'static str = "federation";
    pub const MISSION_LOCALE: &'static str = "mission_locale";
    pub const COUNSELLORS: &'static str = "counsellors";

    /// The code stored in `workshop_sessions.audience` (the counsellors are in `session_audience`).
    pub fn code(&self) -> &'static str {
        match self {
            Audience::Federation => Self::FEDERATION,
            Audience::MissionLocale => Self::MISSION_LOCALE,
            Audience::Counsellors(_) => Self::COUNSELLORS,
        }
    }

    /// Rebuilds the audience from its stored code and counsellors.
    pub fn from_stored(code: &str, counsellors: impl IntoIterator<Item = PersonId>) -> Self {
        match code {
            Self::FEDERATION => Audience::Federation,
            Self::COUNSELLORS => Audience::Counsellors(counsellors.into_iter().collect()),
            _ => Audience::MissionLocale,
        }
    }

    /// Whether this youth may join a session organised by `organiser_mission_locale_id`.
    pub fn admits(&self, organiser_mission_locale_id: MissionLocaleId, youth: Enrollee) -> bool {
        match self {
            Audience::Federation => true,
            Audience::MissionLocale => youth.mission_locale_id == organiser_mission_locale_id,
            Audience::Counsellors(counsellors) => counsellors.contains(&youth.referent_id),
        }
    }

    /// "Ouvert à toute la fédération", "Jeunes de la Mission Locale de Bondy"...
    pub fn label(&self, organiser: &str) -> String {
        match self {
            Audience::Federation => "Ouvert aux jeunes de toutes les Missions Locales".into(),
            Audience::MissionLocale => format!("Réservé aux jeunes de la {organiser}"),
            Audience::Counsellors(_) => "Réservé aux jeunes de certains conseillers".into(),
        }
    }
}

/// When youths may enrol, relative to the start so that moving a session moves its window.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnrolmentWindow {
    /// `None`: open as soon as the session is published.
    pub opens_days_before: Option<u32>,
    pub closes_minutes_before: u32,
}

impl EnrolmentWindow {
    pub fn opens_at(&self, starts_at: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.opens_days_before
            .map(|days| starts_at - Duration::days(i64::from(days)))
    }

    pub fn closes_at(&self, starts_at: DateTime<Utc>) -> DateTime<Utc> {
        starts_at - Duration::minutes(i64::from(self.closes_minutes_before))
    }

    pub fn is_open(&self, starts_at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
        self.opens_at(starts_at).is_none_or(|opens| now >= opens) && now < self.closes_at(starts_at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;

    #[test]
    fn audiences_admit_the_right_youths() {
        let bondy = MissionLocaleId::new(4);
        let pantin = MissionLocaleId::new(9);
        let youth_of = |ml, referent| Enrollee {
            mission_locale_id: ml,
            referent_id: PersonId::new(referent),
        };
        assert!(Audience::Federation.admits(bondy, youth_of(pantin, 1)));
        assert!(Audience::MissionLocale.admits(bondy, youth_of(bondy, 1)));
        assert!(!Audience::MissionLocale.admits(bondy, youth_of(pantin, 1)));
        let specialists =
            Audience::Counsellors(BTreeSet::from([PersonId::new(20), PersonId::new(21)]));
        assert!(specialists.admits(bondy, youth_of(pantin, 21)));
        assert!(!specialists.admits(bondy, youth_of(bondy, 1)));
        assert_eq!(
            Audience::from_stored(specialists.code(), [PersonId::new(20), PersonId::new(21)]),
            specialists
        );
    }

    #[test]
    fn the_window_moves_with_the_session() {
        let window = EnrolmentWindow {
            opens_days_before: Some(14),
            closes_minutes_before: 120,
        };
        let starts = Utc.with_ymd_and_hms(2026, 12, 15, 8, 30, 0).unwrap();
        assert!(!window.is_open(starts, starts - Duration::days(15)));
        assert!(window.is_open(starts, starts - Duration::days(3)));
        assert!(!window.is_open(starts, starts - Duration::minutes(119)));
        let anytime = EnrolmentWindow {
            opens_days_before: None,
            closes_minutes_before: 0,
        };
        assert!(anytime.is_open(starts, starts - Duration::days(300)));
        assert!(!anytime.is_open(starts, starts));
    }

    proptest! {
        /// Whatever the audience, a youth of the federation-wide session is admitted, and a
        /// session of one Mission Locale admits exactly its own youths.
        #[test]
        fn mission_locale_audience_is_exactly_the_organisers_youths(
            organiser in 1..11i32, youth_ml in 1..11i32, referent in 1..500i32,
        ) {
            let (organiser, youth_ml) = (MissionLocaleId::new(organiser), MissionLocaleId::new(youth_ml));
            let youth = Enrollee { mission_locale_id: youth_ml, referent_id: PersonId::new(referent) };
            prop_assert!(Audience::Federation.admits(organiser, youth));
            prop_assert_eq!(Audience::MissionLocale.admits(organiser, youth), organiser == youth_ml);
        }
    }
}
