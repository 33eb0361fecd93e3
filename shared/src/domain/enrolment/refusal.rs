//! Why an enrolment action is refused (with its French messages) and the warnings a counsellor
//! sees without being stopped.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::{PROGRAMME_MAX_AGE, PROGRAMME_MIN_AGE, format_instant};

/// Why an enrolment action is refused. Each has a French message for the youth and one for the
/// counsellor acting for a named youth.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EnrolmentRefusal {
    /// A draft: it does not exist for youths.
    NotPublished,
    Cancelled,
    AlreadyStarted,
    NotYetOpen {
        opens_at: DateTime<Utc>,
    },
    Closed,
    NotInAudience,
    OutsideProgramme,
    Age {
        age: u32,
    },
    /// Already registered at a session at the same time.
    Overlap {
        title: String,
    },
    CancellationClosed {
        hours: u32,
    },
    NotEnrolled,
    NotWaiting,
    SessionFull,
    CapacityBelowRegistered {
        registered: u32,
    },
}

impl EnrolmentRefusal {
    /// Addressed to the youth.
    pub fn youth_message(&self) -> String {
        match self {
            EnrolmentRefusal::NotPublished => {
                "Cette séance n'est pas ouverte aux inscriptions.".into()
            }
            EnrolmentRefusal::Cancelled => "Cette séance est annulée.".into(),
            EnrolmentRefusal::AlreadyStarted => {
                "Cette séance a déjà commencé : les inscriptions sont closes.".into()
            }
            EnrolmentRefusal::NotYetOpen { opens_at } => format!(
                "Les inscriptions ouvriront le {}. Revenez à ce moment-là !",
                format_instant(*opens_at)
            ),
            EnrolmentRefusal::Closed => "Les inscriptions en ligne sont closes pour cette séance. Appelez votre conseiller·ère pour savoir s'il reste une place.".into(),
            EnrolmentRefusal::NotInAudience => "Cette séance est réservée à d'autres jeunes. Votre conseiller·ère peut vous proposer un autre atelier.".into(),
            EnrolmentRefusal::OutsideProgramme => "Votre accompagnement n'est pas en cours à la date de cette séance. Parlez-en à votre conseiller·ère.".into(),
            EnrolmentRefusal::Age { age } => format!(
                "Les ateliers sont réservés aux jeunes de {PROGRAMME_MIN_AGE} à {PROGRAMME_MAX_AGE} ans, et vous aurez {age} ans le jour de la séance."
            ),
            EnrolmentRefusal::Overlap { title } => format!(
                "Vous êtes déjà inscrit·e à « {title} » au même moment. Annulez d'abord cette place si vous préférez celle-ci."
            ),
            EnrolmentRefusal::CancellationClosed { hours } => format!(
                "Il est trop tard pour annuler en ligne (c'est possible jusqu'à {hours} h avant le début). Prévenez votre conseiller·ère."
            ),
            EnrolmentRefusal::NotEnrolled => "Vous n'avez pas de place à cette séance.".into(),
            EnrolmentRefusal::NotWaiting
            | EnrolmentRefusal::SessionFull
            | EnrolmentRefusal::CapacityBelowRegistered { .. } => self.staff_message(None),
        }
    }

    /// Addressed to the counsellor, about `youth` when there is one.
    pub fn staff_message(&self, youth: Option<&str>) -> String {
        let who = youth.unwrap_or("Ce ou cette jeune");
        match self {
            EnrolmentRefusal::NotPublished => {
                "Cette séance est un brouillon : publiez-la avant d'y inscrire des jeunes.".into()
            }
            EnrolmentRefusal::Cancelled => "Cette séance est annulée.".into(),
            EnrolmentRefusal::AlreadyStarted => "Cette séance a déjà commencé.".into(),
            EnrolmentRefusal::NotYetOpen { .. } | EnrolmentRefusal::Closed => {
                "Les inscriptions sont closes pour cette séance.".into()
            }
            EnrolmentRefusal::NotInAudience => {
                format!("{who} ne fait pas partie du public de cette séance.")
            }
            EnrolmentRefusal::OutsideProgramme => {
                format!("{who} n'est pas dans le programme à la date de cette séance.")
            }
            EnrolmentRefusal::Age { age } => format!(
                "{who} aura {age} ans le jour de la séance : les ateliers sont réservés aux {PROGRAMME_MIN_AGE}–{PROGRAMME_MAX_AGE} ans."
            ),
            EnrolmentRefusal::Overlap { title } => {
                format!("{who} est déjà inscrit·e à « {title} » au même moment.")
            }
            EnrolmentRefusal::CancellationClosed { .. } => {
                "Il est trop tard pour annuler en ligne.".into()
            }
            EnrolmentRefusal::NotEnrolled => format!("{who} n'a pas de place à cette séance."),
            EnrolmentRefusal::NotWaiting => {
                format!("{who} n'est pas sur la liste d'attente de cette séance.")
            }
            EnrolmentRefusal::SessionFull => "La séance est complète : augmentez le nombre de places ou retirez quelqu'un d'abord.".into(),
            EnrolmentRefusal::CapacityBelowRegistered { registered } => format!(
                "{registered} jeunes sont déjà inscrits : le nombre de places ne peut pas descendre en dessous. Retirez d'abord des inscriptions."
            ),
        }
    }
}

/// A warning shown to a counsellor, which does not stop them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum EnrolmentWarning {
    /// Already registered at another session at the same time.
    Overlap { title: String },
    /// The programme ended before the session (or starts after it).
    OutsideProgramme { last_day: NaiveDate },
}

impl EnrolmentWarning {
    pub fn message(&self) -> String {
        match self {
            EnrolmentWarning::Overlap { title } => {
                format!("déjà inscrit·e à « {title} » au même moment")
            }
            EnrolmentWarning::OutsideProgramme { last_day } => format!(
                "hors programme à cette date (fin le {})",
                crate::domain::format_day(*last_day)
            ),
        }
    }
}
