//! iCalendar text for invitations (iTIP REQUEST and CANCEL, RFC 5546) and for the private feeds.
//! The `icalendar` crate writes the VEVENT (escaping, folding at 75 octets, CRLF); the
//! Europe/Paris VTIMEZONE is written here, because the crate neither writes one nor keeps UID
//! and DTSTAMP out of other components. Start and end are always `TZID=Europe/Paris`, never
//! floating. Why: `docs/decisions/0005-invitations-by-reconciliation-with-a-paris-vtimezone.md`.

use chrono::{DateTime, NaiveDateTime, Timelike, Utc};
use icalendar::{Calendar, CalendarDateTime, Component, EventLike, Parameter, Property};

use crate::domain::PARIS;

pub const PRODUCT_ID: &str = "-//Missions Locales de Seine-Saint-Denis//Ateliers//FR";
const TZID: &str = "Europe/Paris";

/// Europe/Paris since 1996: summer time from the last Sunday of March at 02:00 to the last
/// Sunday of October at 03:00.
const PARIS_VTIMEZONE: &str = "BEGIN:VTIMEZONE\r\n\
TZID:Europe/Paris\r\n\
X-LIC-LOCATION:Europe/Paris\r\n\
BEGIN:DAYLIGHT\r\n\
TZOFFSETFROM:+0100\r\n\
TZOFFSETTO:+0200\r\n\
TZNAME:CEST\r\n\
DTSTART:19700329T020000\r\n\
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n\
END:DAYLIGHT\r\n\
BEGIN:STANDARD\r\n\
TZOFFSETFROM:+0200\r\n\
TZOFFSETTO:+0100\r\n\
TZNAME:CET\r\n\
DTSTART:19701025T030000\r\n\
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n\
END:STANDARD\r\n\
END:VTIMEZONE\r\n";

/// What an invitation asks of the calendar that reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CalendarMethod {
    /// Add or update the event.
    Request,
    /// Remove it.
    Cancel,
}

impl CalendarMethod {
    pub fn code(self) -> &'static str {
        match self {
            CalendarMethod::Request => "REQUEST",
            CalendarMethod::Cancel => "CANCEL",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CalendarPerson {
    pub name: String,
    pub email: String,
}

/// How the attendee takes part: youths attend, facilitators and counsellors lead.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AttendeeRole {
    Participant,
    Chair,
}

/// One session as a calendar event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionEvent {
    pub uid: String,
    pub sequence: i32,
    /// When this copy was written (UTC, whole seconds).
    pub dtstamp: DateTime<Utc>,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub summary: String,
    /// The place's name and full address.
    pub location: String,
    pub description: String,
    /// The session's page.
    pub url: String,
}

/// An invitation, an update or a cancellation for one recipient, who is the only ATTENDEE:
/// youths never see each other's addresses.
pub fn invitation_calendar(
    method: CalendarMethod,
    event: &SessionEvent,
    organizer: &CalendarPerson,
    attendee: &CalendarPerson,
    role: AttendeeRole,
    session_cancelled: bool,
) -> String {
    let mut vevent = base_event(event);
    vevent.append_property(
        Property::new("ORGANIZER", format!("mailto:{}", organizer.email))
            .add_parameter("CN", &one_line(&organizer.name))
            .done(),
    );
    let role = match role {
        AttendeeRole::Participant => "REQ-PARTICIPANT",
        AttendeeRole::Chair => "CHAIR",
    };
    let mut attendee_property = Property::new("ATTENDEE", format!("mailto:{}", attendee.email));
    attendee_property
        .add_parameter("CN", &one_line(&attendee.name))
        .add_parameter("CUTYPE", "INDIVIDUAL")
        .add_parameter("ROLE", role);
    match method {
        CalendarMethod::Request => {
            attendee_property
                .add_parameter("PARTSTAT", "NEEDS-ACTION")
                .add_parameter("RSVP", "TRUE");
            vevent.append_property(("STATUS", "CONFIRMED"));
        }
        CalendarMethod::Cancel if session_cancelled => {
            vevent.append_property(("STATUS", "CANCELLED"));
        }
        // One person leaves: the event itself goes on, so it carries no STATUS.
        CalendarMethod::Cancel => {}
    }
    vevent.append_multi_property(attendee_property.done());

    let mut calendar = calendar_head();
    calendar
        .append_property(("METHOD", method.code()))
        .push(vevent.done());
    with_paris_timezone(calendar.done().to_string())
}

/// A person's subscription feed: no METHOD, no ATTENDEE, refreshed every few hours by the
/// calendar that subscribes to it.
pub fn feed_calendar(name: &str, events: &[SessionEvent]) -> String {
    let name = one_line(name);
    let name = name.as_str();
    let mut calendar = calendar_head();
    calendar
        .append_property(("NAME", name))
        .append_property(("X-WR-CALNAME", name))
        .append_property(("X-WR-TIMEZONE", TZID))
        .append_property(
            Property::new("REFRESH-INTERVAL", "PT4H")
                .append_parameter(Parameter::new("VALUE", "DURATION"))
                .done(),
        )
        .append_property(("X-PUBLISHED-TTL", "PT4H"));
    for event in events {
        let mut vevent = base_event(event);
        vevent.append_property(("STATUS", "CONFIRMED"));
        calendar.push(vevent.done());
    }
    with_paris_timezone(calendar.done().to_string())
}

/// VERSION, PRODID and CALSCALE: what every calendar Ateliers writes starts with (not the
/// crate's default PRODID).
fn calendar_head() -> Calendar {
    let mut calendar = Calendar::empty();
    calendar
        .append_property(("VERSION", "2.0"))
        .append_property(("PRODID", PRODUCT_ID))
        .append_property(("CALSCALE", "GREGORIAN"));
    calendar
}

fn base_event(event: &SessionEvent) -> icalendar::Event {
    let mut vevent = icalendar::Event::new();
    vevent
        .uid(&one_line(&event.uid))
        .timestamp(whole_seconds(event.dtstamp))
        .starts(paris_wall_clock(event.starts_at))
        .ends(paris_wall_clock(event.ends_at))
        .summary(&one_line(&event.summary))
        .location(&one_line(&event.location))
        .description(&lines(&event.description))
        .url(&one_line(&event.url))
        .append_property(("SEQUENCE", event.sequence.to_string().as_str()))
        .append_property(("TRANSP", "OPAQUE"));
    vevent
}

/// The crate escapes `\n` but writes a carriage return as it is, which ends the line for many
/// readers: whatever the text (saved before input was cleaned, or built here), line breaks are
/// normalised to `\n` before escaping and other control characters dropped.
fn lines(text: &str) -> String {
    crate::domain::multi_line(text)
}

/// One-line values (summary, place, names): line breaks become spaces.
fn one_line(text: &str) -> String {
    crate::domain::one_line(text)
}

/// A `TZID=Europe/Paris` time: converted from an instant, so it always exists (never 02:30 on
/// the last Sunday of March) and is never floating.
fn paris_wall_clock(at: DateTime<Utc>) -> CalendarDateTime {
    let local: NaiveDateTime = whole_seconds(at).with_timezone(&PARIS).naive_local();
    CalendarDateTime::WithTimezone {
        date_time: local,
        tzid: TZID.to_owned(),
    }
}

fn whole_seconds(at: DateTime<Utc>) -> DateTime<Utc> {
    at.with_nanosecond(0).unwrap_or(at)
}

/// Puts the VTIMEZONE before the first VEVENT (or at the end of an empty feed).
fn with_paris_timezone(calendar: String) -> String {
    match calendar.find("BEGIN:VEVENT\r\n") {
        Some(at) => {
            let mut with = String::with_capacity(calendar.len() + PARIS_VTIMEZONE.len());
            with.push_str(&calendar[..at]);
            with.push_str(PARIS_VTIMEZONE);
            with.push_str(&calendar[at..]);
            with
        }
        None => calendar.replacen(
            "END:VCALENDAR\r\n",
            &format!("{PARIS_VTIMEZONE}END:VCALENDAR\r\n"),
            1,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn event(starts_at: DateTime<Utc>) -> SessionEvent {
        SessionEvent {
            uid: "atelier-7@ateliers.example".into(),
            sequence: 2,
            dtstamp: Utc.with_ymd_and_hms(2026, 6, 1, 8, 0, 0).unwrap(),
            starts_at,
            ends_at: starts_at + chrono::Duration::hours(2),
            summary: "Atelier CV; lettre, et \\ entretien".into(),
            location: "Mission Locale de Bondy — Salle Louise Michel, 12 rue de la République, \
                       93140 Bondy"
                .into(),
            description: "Apportez une clé USB.\nAccès de plain-pied.".into(),
            url: "https://ateliers.example/ateliers/7".into(),
        }
    }

    fn people() -> (CalendarPerson, CalendarPerson) {
        (
            CalendarPerson {
                name: "Ingrid Martin".into(),
                email: "ingrid.martin@ml93.example".into(),
            },
            CalendarPerson {
                name: "Yanis Benali".into(),
                email: "yanis@example.org".into(),
            },
        )
    }

    /// 15 July 2026, 14:00 in Paris.
    fn in_july() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 7, 15, 12, 0, 0).unwrap()
    }

    /// What `people()`'s attendee, a participant, receives about `event(starts_at)`.
    fn invitation(method: CalendarMethod, starts_at: DateTime<Utc>, cancelled: bool) -> String {
        let (organizer, attendee) = people();
        invitation_calendar(
            method,
            &event(starts_at),
            &organizer,
            &attendee,
            AttendeeRole::Participant,
            cancelled,
        )
    }

    #[test]
    fn summer_and_winter_sessions_are_in_paris_time_with_one_timezone() {
        let summer = invitation(CalendarMethod::Request, in_july(), false);
        assert!(summer.contains("DTSTART;TZID=Europe/Paris:20260715T140000\r\n"));
        let in_december = Utc.with_ymd_and_hms(2026, 12, 10, 13, 0, 0).unwrap();
        let winter = invitation(CalendarMethod::Request, in_december, false);
        assert!(winter.contains("DTSTART;TZID=Europe/Paris:20261210T140000\r\n"));
        assert_eq!(winter.matches("BEGIN:VTIMEZONE").count(), 1);
        let timezone =
            &winter[winter.find("BEGIN:VTIMEZONE").unwrap()..winter.find("END:VTIMEZONE").unwrap()];
        assert!(timezone.contains("BEGIN:DAYLIGHT") && timezone.contains("BEGIN:STANDARD"));
        assert!(!timezone.contains("UID") && !timezone.contains("DTSTAMP"));
    }

    #[test]
    fn lines_end_in_crlf_are_folded_and_text_is_escaped() {
        let text = invitation(CalendarMethod::Request, in_july(), false);
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        assert!(
            !text.replace("\r\n", "").contains('\n'),
            "only CRLF line ends"
        );
        assert!(text.split("\r\n").all(|line| line.len() <= 75));
        assert!(text.contains(r"SUMMARY:Atelier CV\; lettre\, et \\ entretien"));
        assert!(text.contains("METHOD:REQUEST\r\n"));
        assert!(text.contains("STATUS:CONFIRMED\r\n"));
    }

    #[test]
    fn one_person_leaving_carries_no_status_a_cancelled_session_does() {
        let leaving = invitation(CalendarMethod::Cancel, in_july(), false);
        assert!(leaving.contains("METHOD:CANCEL\r\n") && !leaving.contains("STATUS:"));
        let cancelled = invitation(CalendarMethod::Cancel, in_july(), true);
        assert!(cancelled.contains("STATUS:CANCELLED\r\n"));
        assert!(!cancelled.contains("VALARM"));
    }

    /// Every CR is followed by LF, every LF preceded by CR, and the text ends with CRLF.
    fn assert_crlf_lines_only(text: &str) {
        let bytes = text.as_bytes();
        for (at, byte) in bytes.iter().enumerate() {
            match byte {
                b'\r' => assert_eq!(bytes.get(at + 1), Some(&b'\n'), "a bare CR at {at}"),
                b'\n' => assert_eq!(bytes[at.saturating_sub(1)], b'\r', "a bare LF at {at}"),
                _ => {}
            }
        }
        assert!(text.ends_with("\r\n"));
    }

    /// Text saved before control characters were stripped on input (or from anywhere else)
    /// cannot end a line early: no property can be slipped into an invitation or a feed.
    #[test]
    fn a_carriage_return_in_the_text_never_ends_a_line() {
        let (organizer, mut attendee) = people();
        attendee.name = "Yanis\rBenali".into();
        let mut event = event(in_july());
        event.summary = "Atelier\rATTENDEE:mailto:intrus@example.com".into();
        event.location = "Salle\r\nX-INJECTE:1".into();
        event.description =
            "Ligne un\rATTENDEE:mailto:intrus@example.com\r\nLigne deux\u{7}".into();
        let invitation = invitation_calendar(
            CalendarMethod::Request,
            &event,
            &organizer,
            &attendee,
            AttendeeRole::Participant,
            false,
        );
        let feed = feed_calendar("Mes\rateliers", std::slice::from_ref(&event));
        for text in [&invitation, &feed] {
            assert_crlf_lines_only(text);
            assert!(!text.contains('\u{7}'));
            for line in text.split("\r\n") {
                assert!(
                    !line.starts_with("ATTENDEE:mailto:intrus") && !line.starts_with("X-INJECTE"),
                    "an injected line: {line}"
                );
            }
        }
        assert!(
            invitation.contains(r"DESCRIPTION:Ligne un\nATTENDEE:mailto:intrus@example.com\nL")
        );
    }

    #[test]
    fn a_feed_has_no_method_and_no_attendee() {
        let feed = feed_calendar("Mes ateliers", &[event(in_july())]);
        assert!(!feed.contains("METHOD") && !feed.contains("ATTENDEE"));
        assert!(feed.contains("REFRESH-INTERVAL;VALUE=DURATION:PT4H\r\n"));
        let empty = feed_calendar("Mes ateliers", &[]);
        assert!(empty.contains("BEGIN:VTIMEZONE") && empty.ends_with("END:VCALENDAR\r\n"));
    }
}
