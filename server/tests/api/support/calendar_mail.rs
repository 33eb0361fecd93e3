//! Reading the app's mail back as a mail client would: the MIME structure with `mail-parser`,
//! the calendar with the `ical` crate (not the crate that wrote it), and the times turned into
//! UTC with the rules of the VTIMEZONE the message carries (not with chrono-tz).

use std::io::BufReader;

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Utc, Weekday};
use ical::parser::ical::component::{IcalCalendar, IcalTimeZone, IcalTimeZoneTransitionType};
use ical::property::Property;
use mail_parser::{MessageParser, MimeHeaders, PartType};
use server::smtp_sink::ReceivedMail;

/// One message, as its recipient's mail client sees it.
#[derive(Debug)]
pub struct ReadMail {
    pub envelope_to: Vec<String>,
    pub to: String,
    pub subject: String,
    pub message_id: String,
    pub text: String,
    pub html: String,
    /// The inline `text/calendar` part, when there is one, read back.
    pub calendar: Option<ReadCalendar>,
    pub raw: String,
}

/// A calendar part read back by the `ical` crate.
#[derive(Debug)]
pub struct ReadCalendar {
    /// The `method=` of the part's Content-Type.
    pub content_type_method: String,
    pub method: Option<String>,
    pub prodid: String,
    pub uid: String,
    pub sequence: i32,
    pub dtstamp: DateTime<Utc>,
    /// DTSTART and DTEND turned into UTC with the message's own VTIMEZONE.
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// The TZID parameter of DTSTART.
    pub tzid: String,
    pub status: Option<String>,
    /// The addresses of the ATTENDEE lines (`mailto:` removed).
    pub attendees: Vec<String>,
    pub attendee_params: Vec<(String, Vec<String>)>,
    pub organizer: String,
    pub location: String,
    pub summary: String,
    pub timezones: usize,
    pub alarms: usize,
    pub text: String,
}

/// The one message among `mail` to `to`.
pub fn one_to<'a>(mail: &'a [ReadMail], to: &str) -> &'a ReadMail {
    let found: Vec<&ReadMail> = mail.iter().filter(|m| m.to == to).collect();
    assert_eq!(found.len(), 1, "one message to {to}");
    found[0]
}

/// Reads a message the sink received; checks the MIME rules of `invitations.md` on the way
/// (one inline calendar part next to text and HTML, the attachment byte-identical to it).
pub fn read_mail(mail: &ReceivedMail) -> ReadMail {
    let message = MessageParser::default()
        .parse(mail.raw.as_bytes())
        .expect("a parsable message");
    for header in [
        "From",
        "To",
        "Subject",
        "Date",
        "Message-ID",
        "MIME-Version",
    ] {
        assert!(
            message.header_raw(header).is_some(),
            "the message has no {header} header:\n{}",
            mail.raw
        );
    }
    let mut text = String::new();
    let mut html = String::new();
    let mut inline_calendar: Option<(String, String)> = None;
    let mut attached_calendar: Option<String> = None;
    for part in &message.parts {
        let Some(content_type) = part.content_type() else {
            continue;
        };
        let kind = format!(
            "{}/{}",
            content_type.ctype(),
            content_type.subtype().unwrap_or_default()
        )
        .to_ascii_lowercase();
        let attachment = part
            .content_disposition()
            .is_some_and(|disposition| disposition.is_attachment());
        match (&part.body, kind.as_str(), attachment) {
            (PartType::Multipart(_), _, _) => {}
            (_, "text/plain", false) => text = part.text_contents().unwrap_or_default().into(),
            (_, "text/html", false) => html = part.text_contents().unwrap_or_default().into(),
            (_, "text/calendar", false) => {
                assert!(inline_calendar.is_none(), "two calendar parts");
                inline_calendar = Some((
                    content_type
                        .attribute("method")
                        .unwrap_or_default()
                        .to_owned(),
                    String::from_utf8(part.contents().to_vec()).expect("UTF-8 calendar"),
                ));
            }
            (_, "application/ics", true) => {
                attached_calendar =
                    Some(String::from_utf8(part.contents().to_vec()).expect("UTF-8 calendar"));
            }
            (_, other, _) => panic!("unexpected part {other} (attachment: {attachment})"),
        }
    }
    if inline_calendar.is_some() {
        let root = message.content_type().expect("a content type");
        assert_eq!(
            root.subtype(),
            Some("mixed"),
            "calendar mail: multipart/mixed"
        );
        assert!(
            mail.raw.contains("Content-Type: multipart/alternative"),
            "the calendar sits in multipart/alternative"
        );
    }
    let calendar = inline_calendar.map(|(method, calendar)| {
        assert_eq!(
            attached_calendar.as_deref(),
            Some(calendar.as_str()),
            "the .ics attachment is byte-identical to the inline part"
        );
        read_calendar(&method, &calendar)
    });
    ReadMail {
        envelope_to: mail.envelope_to.clone(),
        to: message
            .to()
            .and_then(|to| to.first())
            .and_then(|address| address.address())
            .unwrap_or_default()
            .to_owned(),
        subject: message.subject().unwrap_or_default().to_owned(),
        message_id: message.message_id().unwrap_or_default().to_owned(),
        text,
        html,
        calendar,
        raw: mail.raw.clone(),
    }
}

fn read_calendar(content_type_method: &str, text: &str) -> ReadCalendar {
    assert!(
        !text.replace("\r\n", "").contains('\n'),
        "calendar lines end in CRLF"
    );
    assert!(
        text.split("\r\n").all(|line| line.len() <= 75),
        "calendar lines are folded at 75 octets"
    );
    let calendar: IcalCalendar = ical::IcalParser::new(BufReader::new(text.as_bytes()))
        .next()
        .expect("one calendar")
        .expect("a valid calendar");
    assert_eq!(calendar.events.len(), 1, "one VEVENT");
    let event = &calendar.events[0];
    let find = |properties: &[Property], name: &str| {
        properties
            .iter()
            .find(|property| property.name == name)
            .cloned()
    };
    let value = |properties: &[Property], name: &str| {
        find(properties, name)
            .and_then(|property| property.value)
            .unwrap_or_default()
    };
    assert_eq!(value(&calendar.properties, "VERSION"), "2.0");
    let timezone = calendar
        .timezones
        .iter()
        .find(|timezone| value(&timezone.properties, "TZID") == "Europe/Paris")
        .expect("a VTIMEZONE for Europe/Paris");
    let kinds: Vec<&IcalTimeZoneTransitionType> = timezone
        .transitions
        .iter()
        .map(|transition| &transition.transition)
        .collect();
    assert!(
        kinds
            .iter()
            .any(|kind| matches!(kind, IcalTimeZoneTransitionType::DAYLIGHT))
            && kinds
                .iter()
                .any(|kind| matches!(kind, IcalTimeZoneTransitionType::STANDARD)),
        "the VTIMEZONE has DAYLIGHT and STANDARD rules"
    );
    for forbidden in ["UID", "DTSTAMP"] {
        assert!(
            find(&timezone.properties, forbidden).is_none(),
            "{forbidden} leaked into the VTIMEZONE"
        );
    }
    let start = find(&event.properties, "DTSTART").expect("DTSTART");
    let tzid = param(&start, "TZID").expect("DTSTART has a TZID: never floating");
    let end = find(&event.properties, "DTEND").expect("DTEND");
    assert_eq!(param(&end, "TZID").as_deref(), Some(tzid.as_str()));
    let local = |property: &Property| {
        NaiveDateTime::parse_from_str(
            property.value.as_deref().unwrap_or_default(),
            "%Y%m%dT%H%M%S",
        )
        .expect("a local date-time")
    };
    let attendee_lines: Vec<Property> = event
        .properties
        .iter()
        .filter(|property| property.name == "ATTENDEE")
        .cloned()
        .collect();
    ReadCalendar {
        content_type_method: content_type_method.to_owned(),
        method: find(&calendar.properties, "METHOD").and_then(|property| property.value),
        prodid: value(&calendar.properties, "PRODID"),
        uid: value(&event.properties, "UID"),
        sequence: value(&event.properties, "SEQUENCE")
            .parse()
            .expect("a SEQUENCE"),
        dtstamp: NaiveDateTime::parse_from_str(
            &value(&event.properties, "DTSTAMP"),
            "%Y%m%dT%H%M%SZ",
        )
        .expect("DTSTAMP in UTC")
        .and_utc(),
        starts_at: utc_by_vtimezone(local(&start), timezone),
        ends_at: utc_by_vtimezone(local(&end), timezone),
        tzid,
        status: find(&event.properties, "STATUS").and_then(|property| property.value),
        attendees: attendee_lines
            .iter()
            .map(|property| {
                property
                    .value
                    .clone()
                    .unwrap_or_default()
                    .trim_start_matches("mailto:")
                    .to_owned()
            })
            .collect(),
        attendee_params: attendee_lines
            .first()
            .and_then(|property| property.params.clone())
            .unwrap_or_default(),
        organizer: value(&event.properties, "ORGANIZER"),
        location: value(&event.properties, "LOCATION"),
        summary: value(&event.properties, "SUMMARY"),
        timezones: calendar.timezones.len(),
        alarms: event.alarms.len(),
        text: text.to_owned(),
    }
}

fn param(property: &Property, name: &str) -> Option<String> {
    property
        .params
        .as_ref()?
        .iter()
        .find(|(key, _)| key == name)
        .and_then(|(_, values)| values.first().cloned())
}

/// A wall-clock time in the zone the VTIMEZONE describes, as UTC: applies its yearly
/// `BYMONTH=m;BYDAY=-1SU` rules the way a calendar application does.
fn utc_by_vtimezone(local: NaiveDateTime, timezone: &IcalTimeZone) -> DateTime<Utc> {
    let mut onsets: Vec<(NaiveDateTime, i64)> = Vec::new();
    for transition in &timezone.transitions {
        let value = |name: &str| {
            transition
                .properties
                .iter()
                .find(|property| property.name == name)
                .and_then(|property| property.value.clone())
                .unwrap_or_else(|| panic!("{name} in a VTIMEZONE rule"))
        };
        let offset = |text: String| {
            let sign = if text.starts_with('-') { -1 } else { 1 };
            let digits = text.trim_start_matches(['+', '-']);
            sign * (digits[..2].parse::<i64>().unwrap() * 60 + digits[2..4].parse::<i64>().unwrap())
        };
        let to = offset(value("TZOFFSETTO"));
        let start = NaiveDateTime::parse_from_str(&value("DTSTART"), "%Y%m%dT%H%M%S").unwrap();
        let rule = value("RRULE");
        let month: u32 = rule
            .split(';')
            .find_map(|part| part.strip_prefix("BYMONTH="))
            .expect("BYMONTH")
            .parse()
            .unwrap();
        assert!(rule.contains("BYDAY=-1SU"), "a last-Sunday rule: {rule}");
        for year in [local.year() - 1, local.year()] {
            let day = last_sunday(year, month);
            onsets.push((day.and_time(start.time()), to));
        }
    }
    onsets.sort();
    let offset = onsets
        .iter()
        .rev()
        .find(|(onset, _)| *onset <= local)
        .map(|(_, offset)| *offset)
        .expect("a rule in force");
    (local - Duration::minutes(offset)).and_utc()
}

fn last_sunday(year: i32, month: u32) -> NaiveDate {
    let next_month = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    }
    .unwrap();
    let mut day = next_month - Duration::days(1);
    while day.weekday() != Weekday::Sun {
        day -= Duration::days(1);
    }
    day
}
