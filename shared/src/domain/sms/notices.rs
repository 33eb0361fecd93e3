//! The SMS a youth gets about a session, in short French, at most [`MAX_SEGMENTS`] segments:
//! what happened, the session's title, its day and hours in Paris, the place, and a short link
//! to the session's page (no secret in it: the page asks them to sign in for anything personal).
//! A text that would run longer loses the address first, then the end of the title.

use chrono::{DateTime, Locale, Utc};
use serde::{Deserialize, Serialize};

use super::gsm_text::{fold_to_gsm, measure};
use crate::domain::{PARIS, SessionId};

/// A notice never costs more than this many segments.
pub const MAX_SEGMENTS: usize = 2;

/// A title is never shortened below this many characters.
const MIN_TITLE: usize = 12;

/// A session as an SMS names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SmsSession {
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// "Mission Locale de Bondy"
    pub place: String,
    /// "12 rue Jules Guesde, 93140 Bondy"; may be empty.
    pub address: String,
    /// The short link to the session's page (`https://…/s/1a3`).
    pub link: String,
}

super::super::stored_as_code! {
    /// Why an SMS was sent, as the outbox records it.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum SmsKind {
        Registered,
        Waiting,
        Promoted,
        Moved,
        Cancelled,
        Removed,
        Reminder,
        SignInCode,
        Welcome,
    }
}

impl SmsKind {
    pub const ALL: [Self; 9] = [
        Self::Registered,
        Self::Waiting,
        Self::Promoted,
        Self::Moved,
        Self::Cancelled,
        Self::Removed,
        Self::Reminder,
        Self::SignInCode,
        Self::Welcome,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::Registered => "registered",
            Self::Waiting => "waiting",
            Self::Promoted => "promoted",
            Self::Moved => "moved",
            Self::Cancelled => "cancelled",
            Self::Removed => "removed",
            Self::Reminder => "reminder",
            Self::SignInCode => "sign_in_code",
            Self::Welcome => "welcome",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.code() == code)
    }

    /// What the SMS was, for the staff.
    pub fn label(self) -> &'static str {
        match self {
            Self::Registered => "Place réservée",
            Self::Waiting => "Liste d'attente",
            Self::Promoted => "Place libérée",
            Self::Moved => "Changement de séance",
            Self::Cancelled => "Séance annulée",
            Self::Removed => "Place retirée",
            Self::Reminder => "Rappel",
            Self::SignInCode => "Code de connexion",
            Self::Welcome => "Bienvenue",
        }
    }
}

/// An SMS set aside after failing (a number the operator refuses, too many tries).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FailedSms {
    pub id: i32,
    /// The number, the French way.
    pub to: String,
    pub kind: SmsKind,
    pub text: String,
    pub attempts: i32,
    pub failed_at: DateTime<Utc>,
    /// Why, as the operator or Ateliers said it.
    pub error: String,
    pub session_id: Option<SessionId>,
}

/// Why a youth gets an SMS about a session.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SessionNotice {
    /// They have a place (they took it, or a counsellor gave it).
    Registered,
    /// They are on the waiting list, at this position.
    Waiting {
        position: usize,
    },
    /// A place freed up and went to them.
    Promoted,
    /// The session's time or place changed.
    Moved,
    Cancelled,
    /// A counsellor took their place back.
    Removed,
    /// The session is soon.
    Reminder,
}

impl SessionNotice {
    pub fn kind(self) -> SmsKind {
        match self {
            Self::Registered => SmsKind::Registered,
            Self::Waiting { .. } => SmsKind::Waiting,
            Self::Promoted => SmsKind::Promoted,
            Self::Moved => SmsKind::Moved,
            Self::Cancelled => SmsKind::Cancelled,
            Self::Removed => SmsKind::Removed,
            Self::Reminder => SmsKind::Reminder,
        }
    }

    /// The text to send, folded to the GSM alphabet, at most [`MAX_SEGMENTS`] segments.
    pub fn text(self, session: &SmsSession) -> String {
        let mut title = session.title.trim().to_owned();
        let mut address = session.address.trim();
        loop {
            let place = if address.is_empty() {
                session.place.clone()
            } else {
                format!("{}, {address}", session.place)
            };
            let text = fold_to_gsm(&self.wording(&title, session, &place));
            if measure(&text).segments <= MAX_SEGMENTS {
                return text;
            }
            if !address.is_empty() {
                address = "";
            } else if title.chars().count() > MIN_TITLE {
                title = shortened(&title);
            } else {
                return text;
            }
        }
    }

    fn wording(self, title: &str, session: &SmsSession, place: &str) -> String {
        let when = when(session);
        let day = day(session.starts_at);
        let link = &session.link;
        match self {
            Self::Registered => format!(
                "Ateliers : votre place est réservée. {title}, {when}, {place}. Détails : {link}"
            ),
            Self::Waiting { position } => format!(
                "Ateliers : vous êtes sur la liste d'attente (position {position}) pour {title}, \
                 {when}. Un SMS vous préviendra si une place se libère. {link}"
            ),
            Self::Promoted => format!(
                "Ateliers : une place s'est libérée, elle est pour vous. {title}, {when}, \
                 {place}. Détails : {link}"
            ),
            Self::Moved => format!(
                "Ateliers : changement. {title} aura lieu {when}, {place}. Détails : {link}"
            ),
            Self::Cancelled => {
                format!("Ateliers : la séance {title} du {day} est annulée. Détails : {link}")
            }
            Self::Removed => format!(
                "Ateliers : votre place à {title} du {day} a été annulée par la Mission Locale. \
                 Détails : {link}"
            ),
            Self::Reminder => format!(
                "Ateliers : rappel, {title} {when}, {place}. Empêché(e) ? Libérez votre place : \
                 {link}"
            ),
        }
    }
}

/// The sign-in code's SMS: what it is for, how long it lasts, and no link that would sign in
/// by itself (a forwarded SMS must not open the account).
pub fn sign_in_code_text(code: &str, minutes: i64) -> String {
    fold_to_gsm(&format!(
        "Ateliers : votre code de connexion est {code}. Il expire dans {minutes} minutes. Ne le \
         donnez à personne, même pas à la Mission Locale."
    ))
}

/// The welcome SMS of a youth created without an email: where to sign in, their number
/// already typed in.
pub fn welcome_text(sign_in_link: &str) -> String {
    fold_to_gsm(&format!(
        "Ateliers : votre Mission Locale vous a ouvert un compte pour ses ateliers collectifs. \
         Pour voir les séances et réserver, connectez-vous avec ce numéro : {sign_in_link}"
    ))
}

/// "mardi 15/07 de 9h30 à 12h00", in Paris.
fn when(session: &SmsSession) -> String {
    let hour = |at: DateTime<Utc>| at.with_timezone(&PARIS).format("%-Hh%M").to_string();
    format!(
        "{} de {} à {}",
        day(session.starts_at),
        hour(session.starts_at),
        hour(session.ends_at)
    )
}

/// "mardi 15/07", in Paris.
fn day(at: DateTime<Utc>) -> String {
    at.with_timezone(&PARIS)
        .format_localized("%A %d/%m", Locale::fr_FR)
        .to_string()
}

/// The title one character shorter, marked as cut.
fn shortened(title: &str) -> String {
    let kept: String = title
        .trim_end_matches("...")
        .chars()
        .collect::<Vec<_>>()
        .split_last()
        .map(|(_, rest)| rest.iter().collect())
        .unwrap_or_default();
    format!("{}...", kept.trim_end())
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::domain::sms::SmsEncoding;

    /// A winter Tuesday, 9:30 to 12:00 in Paris (UTC+1).
    fn session(title: &str, address: &str) -> SmsSession {
        SmsSession {
            title: title.into(),
            starts_at: Utc.with_ymd_and_hms(2027, 1, 12, 8, 30, 0).unwrap(),
            ends_at: Utc.with_ymd_and_hms(2027, 1, 12, 11, 0, 0).unwrap(),
            place: "Mission Locale de Bondy".into(),
            address: address.into(),
            link: "https://ateliers.ml93.fr/s/1a3".into(),
        }
    }

    const ALL: [SessionNotice; 7] = [
        SessionNotice::Registered,
        SessionNotice::Waiting { position: 3 },
        SessionNotice::Promoted,
        SessionNotice::Moved,
        SessionNotice::Cancelled,
        SessionNotice::Removed,
        SessionNotice::Reminder,
    ];

    #[test]
    fn a_place_says_what_when_where_in_paris_time_and_links_to_the_session() {
        let text =
            SessionNotice::Registered.text(&session("Réussir son CV", "12 rue Jules Guesde"));
        assert_eq!(
            text,
            "Ateliers : votre place est réservée. Réussir son CV, mardi 12/01 de 9h30 à 12h00, \
             Mission Locale de Bondy, 12 rue Jules Guesde. Détails : https://ateliers.ml93.fr/s/1a3"
        );
        assert_eq!(measure(&text).encoding, SmsEncoding::Gsm7);
    }

    #[test]
    fn every_notice_is_gsm_and_at_most_two_segments_even_with_french_typography() {
        let french = session(
            "Préparer l’entretien d’embauche : être prêt·e",
            "2 bis rue de l’Église",
        );
        for notice in ALL {
            let text = notice.text(&french);
            let length = measure(&text);
            assert_eq!(length.encoding, SmsEncoding::Gsm7, "{notice:?}: {text}");
            assert!(length.segments <= MAX_SEGMENTS, "{notice:?}: {text}");
            assert!(
                text.contains("Préparer l'entretien d'embauche : etre pret.e"),
                "{text}"
            );
            assert!(text.ends_with("https://ateliers.ml93.fr/s/1a3"), "{text}");
        }
    }

    #[test]
    fn a_long_text_loses_the_address_then_the_end_of_the_title_never_the_link() {
        let long_title = "Atelier d'éducation aux médias avec une journaliste invitée : \
            reconnaître une fausse information, vérifier une source, comprendre comment \
            travaille une rédaction et écrire son premier article";
        let long_address = "Centre social et culturel Louise Michel, 146 avenue Gallieni, \
            escalier B, deuxième étage, 93140 Bondy";
        for notice in ALL {
            let text = notice.text(&session(long_title, long_address));
            assert!(
                measure(&text).segments <= MAX_SEGMENTS,
                "{notice:?}: {text}"
            );
            assert!(text.contains("Atelier d'éducation aux médias"), "{text}");
            assert!(text.ends_with("https://ateliers.ml93.fr/s/1a3"), "{text}");
        }
        let reminder = SessionNotice::Reminder.text(&session(long_title, long_address));
        assert!(!reminder.contains("146 avenue"), "{reminder}");
        assert!(
            reminder.contains("... mardi 12/01 de 9h30 à 12h00"),
            "{reminder}"
        );
        // A short title keeps its address.
        let text = SessionNotice::Reminder.text(&session("CV", long_address));
        assert!(text.contains("146 avenue Gallieni"), "{text}");
    }

    #[test]
    fn times_are_paris_times_in_summer_too() {
        let mut summer = session("CV", "");
        summer.starts_at = Utc.with_ymd_and_hms(2027, 7, 13, 12, 0, 0).unwrap();
        summer.ends_at = Utc.with_ymd_and_hms(2027, 7, 13, 14, 0, 0).unwrap();
        let text = SessionNotice::Moved.text(&summer);
        assert!(
            text.contains("mardi 13/07 de 14h00 à 16h00, Mission Locale de Bondy."),
            "{text}"
        );
        let cancelled = SessionNotice::Cancelled.text(&summer);
        assert!(
            cancelled.contains("la séance CV du mardi 13/07 est annulée"),
            "{cancelled}"
        );
    }

    #[test]
    fn kinds_read_back() {
        for kind in SmsKind::ALL {
            assert_eq!(SmsKind::parse(kind.code()), Some(kind));
        }
    }

    #[test]
    fn the_code_says_what_it_is_for_and_carries_no_link() {
        let text = sign_in_code_text("482913", 10);
        assert!(text.contains("code de connexion est 482913"), "{text}");
        assert!(text.contains("10 minutes"), "{text}");
        assert!(!text.contains("http"), "{text}");
        assert_eq!(measure(&text).segments, 1, "{text}");
    }

    #[test]
    fn the_welcome_points_to_the_sign_in_page() {
        let text = welcome_text("https://ateliers.ml93.fr/connexion?tel=0612345678");
        assert!(text.ends_with("/connexion?tel=0612345678"), "{text}");
        assert_eq!(measure(&text).encoding, SmsEncoding::Gsm7);
        assert!(measure(&text).segments <= MAX_SEGMENTS);
    }
}
