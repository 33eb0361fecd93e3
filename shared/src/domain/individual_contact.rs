//! Individual contacts (issue 21): a counsellor records each time they met, called, saw by video
//! or wrote to a youth, outside workshops. Each one counts in the youth's path against the
//! programme's target of one to two contacts a month (`youth_path`), ends a gap without contact
//! (so the referent is not alerted about a youth they saw last week), and appears in the figures
//! by kind.
//!
//! - What is recorded is the kind, the day (Paris), the duration and a one-line subject — never
//!   the content of the conversation. The form says so: the subject is read by every colleague
//!   of the Mission Locale and sits in the youth's archive (no health, family or justice detail).
//! - A contact is dated today or in the past, at most [`CONTACT_MAX_AGE_DAYS`] ago (a late
//!   entry, not a history rewritten), and lasts from 1 minute to 8 hours.
//! - Youths see their own contacts (day and kind, not the subject) on their home page.

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{InvalidInput, format_day, format_duration, one_line};

super::stored_as_code! {
    /// How the counsellor and the youth were in touch.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum ContactKind {
        InPerson,
        Phone,
        Video,
        Message,
    }
}

impl ContactKind {
    pub const ALL: [ContactKind; 4] = [
        ContactKind::InPerson,
        ContactKind::Phone,
        ContactKind::Video,
        ContactKind::Message,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ContactKind::InPerson => "in_person",
            ContactKind::Phone => "phone",
            ContactKind::Video => "video",
            ContactKind::Message => "message",
        }
    }

    pub fn parse(code: &str) -> Option<ContactKind> {
        Self::ALL.into_iter().find(|kind| kind.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            ContactKind::InPerson => "Entretien en personne",
            ContactKind::Phone => "Appel téléphonique",
            ContactKind::Video => "Visioconférence",
            ContactKind::Message => "Message écrit",
        }
    }
}

/// How far back a contact may be recorded.
pub const CONTACT_MAX_AGE_DAYS: i64 = 92;
/// The longest contact: a working day.
pub const CONTACT_MAX_MINUTES: u32 = 480;
/// The subject is one short line.
pub const CONTACT_SUBJECT_MAX_CHARS: usize = 120;

/// The contact form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactForm {
    /// A [`ContactKind`] code.
    pub kind: String,
    /// `2026-03-14`.
    pub day: String,
    /// Whole minutes.
    pub minutes: String,
    pub subject: String,
}

/// A contact ready to be stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewContact {
    pub kind: ContactKind,
    pub day: NaiveDate,
    pub minutes: u32,
    pub subject: String,
}

impl NewContact {
    /// Parses the form on `today` (Paris); every refusal names its field in French.
    pub fn parse(form: &ContactForm, today: NaiveDate) -> Result<NewContact, InvalidInput> {
        let kind = ContactKind::parse(form.kind.trim()).ok_or_else(|| {
            InvalidInput::new(
                "kind",
                "Choisissez le type de contact : entretien en personne, appel, visioconférence ou message.",
            )
        })?;
        let day = NaiveDate::parse_from_str(form.day.trim(), "%Y-%m-%d")
            .or_else(|_| NaiveDate::parse_from_str(form.day.trim(), "%d/%m/%Y"))
            .map_err(|_| {
                InvalidInput::new(
                    "day",
                    "La date du contact n'est pas une date valide. Exemple : 14/03/2026",
                )
            })?;
        if day > today {
            return Err(InvalidInput::new(
                "day",
                "Un contact s'enregistre une fois qu'il a eu lieu : la date ne peut pas être dans le futur.",
            ));
        }
        if day < today - Duration::days(CONTACT_MAX_AGE_DAYS) {
            return Err(InvalidInput::new(
                "day",
                format!(
                    "Un contact s'enregistre au plus tard trois mois après : la date doit être après le {}.",
                    format_day(today - Duration::days(CONTACT_MAX_AGE_DAYS + 1))
                ),
            ));
        }
        let minutes = form
            .minutes
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|minutes| (1..=CONTACT_MAX_MINUTES).contains(minutes))
            .ok_or_else(|| {
                InvalidInput::new(
                    "minutes",
                    "La durée s'écrit en minutes, de 1 à 480 (8 heures).",
                )
            })?;
        let subject = one_line(&form.subject);
        if subject.is_empty() {
            return Err(InvalidInput::new(
                "subject",
                "Indiquez l'objet du contact en une ligne (par exemple : « Point sur la recherche de stage »).",
            ));
        }
        if subject.chars().count() > CONTACT_SUBJECT_MAX_CHARS {
            return Err(InvalidInput::new(
                "subject",
                format!(
                    "L'objet tient en une ligne de {CONTACT_SUBJECT_MAX_CHARS} caractères au plus : le détail de l'échange n'a pas sa place ici."
                ),
            ));
        }
        Ok(NewContact {
            kind,
            day,
            minutes,
            subject,
        })
    }
}

/// A recorded contact, as the services read it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IndividualContact {
    pub day: NaiveDate,
    pub kind: ContactKind,
    pub minutes: u32,
    pub subject: String,
    /// Who recorded it: « Ingrid Martin ».
    pub recorded_by: String,
}

/// A contact in the youth's path, as the counsellor's page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PathContact {
    /// « 12 mars 2026 ».
    pub day: String,
    pub kind: ContactKind,
    /// « 30 min ».
    pub duration: String,
    pub subject: String,
    pub recorded_by: String,
}

impl PathContact {
    pub fn of(contact: &IndividualContact) -> PathContact {
        PathContact {
            day: format_day(contact.day),
            kind: contact.kind,
            duration: format_duration(contact.minutes),
            subject: contact.subject.clone(),
            recorded_by: contact.recorded_by.clone(),
        }
    }
}

/// A contact as the youth sees it on their page: when and how, nothing of what was said.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnContact {
    /// « 12 mars 2026 ».
    pub day: String,
    pub kind: ContactKind,
}

/// The youth's own contacts, newest first.
pub fn own_contacts(contacts: &[IndividualContact]) -> Vec<OwnContact> {
    let mut contacts: Vec<&IndividualContact> = contacts.iter().collect();
    contacts.sort_by_key(|contact| std::cmp::Reverse(contact.day));
    contacts
        .into_iter()
        .map(|contact| OwnContact {
            day: format_day(contact.day),
            kind: contact.kind,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn form(kind: &str, on: &str, minutes: &str, subject: &str) -> ContactForm {
        ContactForm {
            kind: kind.into(),
            day: on.into(),
            minutes: minutes.into(),
            subject: subject.into(),
        }
    }

    #[test]
    fn a_contact_is_parsed_with_its_subject_on_one_line() {
        let contact = NewContact::parse(
            &form(
                "phone",
                "2026-03-10",
                "20",
                "  Point sur\nla recherche  de stage ",
            ),
            day(2026, 3, 12),
        )
        .unwrap();
        assert_eq!(contact.kind, ContactKind::Phone);
        assert_eq!(contact.day, day(2026, 3, 10));
        assert_eq!(contact.minutes, 20);
        assert_eq!(contact.subject, "Point sur la recherche de stage");
        // French dates too.
        let contact = NewContact::parse(
            &form("video", "12/03/2026", "45", "Bilan"),
            day(2026, 3, 12),
        );
        assert_eq!(contact.map(|c| c.day), Ok(day(2026, 3, 12)));
    }

    #[test]
    fn each_bad_field_is_refused_in_french() {
        let today = day(2026, 3, 12);
        let field = |form: ContactForm| NewContact::parse(&form, today).unwrap_err().field;
        assert_eq!(field(form("fax", "2026-03-10", "20", "Bilan")), "kind");
        assert_eq!(field(form("phone", "demain", "20", "Bilan")), "day");
        assert_eq!(field(form("phone", "2026-03-13", "20", "Bilan")), "day");
        assert_eq!(field(form("phone", "2025-12-09", "20", "Bilan")), "day");
        assert_eq!(field(form("phone", "2026-03-10", "0", "Bilan")), "minutes");
        assert_eq!(
            field(form("phone", "2026-03-10", "481", "Bilan")),
            "minutes"
        );
        assert_eq!(
            field(form("phone", "2026-03-10", "une heure", "Bilan")),
            "minutes"
        );
        assert_eq!(field(form("phone", "2026-03-10", "20", " \n ")), "subject");
        assert_eq!(
            field(form("phone", "2026-03-10", "20", &"a".repeat(121))),
            "subject"
        );
        let refused = NewContact::parse(&form("phone", "2026-03-13", "20", "Bilan"), today);
        assert!(refused.unwrap_err().message.contains("futur"));
        // Three months back is still accepted.
        assert!(NewContact::parse(&form("message", "2025-12-10", "5", "Relance"), today).is_ok());
    }

    #[test]
    fn youths_see_when_and_how_newest_first() {
        let contact = |on: NaiveDate, kind: ContactKind| IndividualContact {
            day: on,
            kind,
            minutes: 30,
            subject: "Démarches logement".into(),
            recorded_by: "Ingrid Martin".into(),
        };
        let own = own_contacts(&[
            contact(day(2026, 3, 2), ContactKind::InPerson),
            contact(day(2026, 4, 7), ContactKind::Phone),
        ]);
        assert_eq!(
            own,
            [
                OwnContact {
                    day: "7 avril 2026".into(),
                    kind: ContactKind::Phone
                },
                OwnContact {
                    day: "2 mars 2026".into(),
                    kind: ContactKind::InPerson
                },
            ]
        );
        assert_eq!(ContactKind::Phone.label(), "Appel téléphonique");
        for kind in ContactKind::ALL {
            assert_eq!(ContactKind::parse(kind.code()), Some(kind));
        }
    }
}
