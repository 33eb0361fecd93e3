//! `new_sessions`: what planning writes for a plan, before any database: one session per
//! occurrence of the series (Paris wall-clock times, so 9:30 stays 9:30 across the change of
//! hour), its status, and the `Scheduled` event with its summary for the history.

use chrono::{DateTime, Utc};

use crate::domain::{
    SessionChange, SessionPlan, SessionStatus, format_session_date, format_session_hours,
};

/// One session to create.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewSession {
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// The first event of its history, with its French summary.
    pub event: SessionChange,
    pub summary: String,
}

/// The sessions a plan creates, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewSessions {
    pub status: SessionStatus,
    /// More than one session: they are tied by a series row (*cycle*).
    pub is_series: bool,
    pub sessions: Vec<NewSession>,
}

pub fn new_sessions(plan: &SessionPlan) -> NewSessions {
    let occurrences = plan.series.occurrences();
    let is_series = occurrences.len() > 1;
    let (status, verb) = if plan.publish {
        (SessionStatus::Published, "publiée")
    } else {
        (SessionStatus::Draft, "préparée (brouillon)")
    };
    let of_series = if is_series {
        format!(" (cycle de {} séances)", occurrences.len())
    } else {
        String::new()
    };
    let sessions = occurrences
        .iter()
        .map(|occurrence| NewSession {
            starts_at: occurrence.starts_at,
            ends_at: occurrence.ends_at,
            event: SessionChange::Scheduled {
                starts_at: occurrence.starts_at,
                ends_at: occurrence.ends_at,
                published: plan.publish,
            },
            summary: format!(
                "Séance {verb} pour le {}, {}{of_series}.",
                format_session_date(occurrence.starts_at),
                format_session_hours(occurrence.starts_at, occurrence.ends_at),
            ),
        })
        .collect();
    NewSessions {
        status,
        is_series,
        sessions,
    }
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, NaiveTime, TimeZone};

    use super::*;
    use crate::domain::{Audience, PARIS, SessionForm};

    /// Planned on 1 March 2027 at 8:00 in Paris, whatever the real date.
    fn plan(form: SessionForm) -> SessionPlan {
        let now = NaiveDate::from_ymd_opt(2027, 3, 1)
            .unwrap()
            .and_hms_opt(8, 0, 0)
            .unwrap();
        SessionPlan::parse(&form, now, true).unwrap()
    }

    fn form(day: &str, every_weeks: &str, slots: &str, skipped: &str) -> SessionForm {
        SessionForm {
            workshop_type_id: "1".into(),
            day: day.into(),
            starts_at: "09:30".into(),
            ends_at: "12:00".into(),
            place: "room-1".into(),
            capacity: "12".into(),
            counsellor_ids: vec!["10".into()],
            audience: Audience::FEDERATION.into(),
            closes_hours_before: "0".into(),
            repeat_every_weeks: every_weeks.into(),
            repeat_slots: slots.into(),
            skipped_days: skipped.into(),
            ..SessionForm::default()
        }
    }

    fn paris(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        PARIS
            .with_ymd_and_hms(y, m, d, h, min, 0)
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn a_series_across_the_last_sunday_of_march_keeps_9_30_paris_time() {
        // Tuesdays 23 and 30 March, 6 April 2027: summer time starts on Sunday 28 March.
        let planned = new_sessions(&plan(form("2027-03-23", "1", "3", "")));
        assert!(planned.is_series);
        assert_eq!(planned.status, SessionStatus::Draft);
        let starts: Vec<_> = planned.sessions.iter().map(|s| s.starts_at).collect();
        assert_eq!(
            starts,
            [
                paris(2027, 3, 23, 9, 30),
                paris(2027, 3, 30, 9, 30),
                paris(2027, 4, 6, 9, 30)
            ]
        );
        for session in &planned.sessions {
            let local = session.starts_at.with_timezone(&PARIS).time();
            assert_eq!(local, NaiveTime::from_hms_opt(9, 30, 0).unwrap());
            assert_eq!(
                session.ends_at - session.starts_at,
                chrono::Duration::minutes(150)
            );
        }
        // 8:30 UTC in winter, 7:30 UTC in summer.
        assert_eq!(
            starts[0],
            Utc.with_ymd_and_hms(2027, 3, 23, 8, 30, 0).unwrap()
        );
        assert_eq!(
            starts[1],
            Utc.with_ymd_and_hms(2027, 3, 30, 7, 30, 0).unwrap()
        );
        assert!(
            planned.sessions[0]
                .summary
                .starts_with("Séance préparée (brouillon) pour le "),
            "{}",
            planned.sessions[0].summary
        );
        assert!(
            planned.sessions[0]
                .summary
                .ends_with(" (cycle de 3 séances).")
        );
    }

    #[test]
    fn skipped_days_are_not_created_and_the_count_says_so() {
        let planned = new_sessions(&plan(form("2027-03-23", "2", "3", "2027-04-06")));
        let days: Vec<_> = planned
            .sessions
            .iter()
            .map(|s| s.starts_at.with_timezone(&PARIS).date_naive())
            .collect();
        assert_eq!(
            days,
            [
                NaiveDate::from_ymd_opt(2027, 3, 23).unwrap(),
                NaiveDate::from_ymd_opt(2027, 4, 20).unwrap()
            ]
        );
        assert!(
            planned.sessions[1]
                .summary
                .ends_with(" (cycle de 2 séances).")
        );
    }

    #[test]
    fn one_published_session_is_no_series() {
        let mut one = form("2027-03-09", "", "", "");
        one.publish = Some("on".into());
        let planned = new_sessions(&plan(one));
        assert!(!planned.is_series);
        assert_eq!(planned.status, SessionStatus::Published);
        assert_eq!(planned.sessions.len(), 1);
        let session = &planned.sessions[0];
        assert_eq!(
            session.event,
            SessionChange::Scheduled {
                starts_at: paris(2027, 3, 9, 9, 30),
                ends_at: paris(2027, 3, 9, 12, 0),
                published: true,
            }
        );
        assert!(session.summary.starts_with("Séance publiée pour le "));
        assert!(!session.summary.contains("cycle"), "{}", session.summary);
    }
}
