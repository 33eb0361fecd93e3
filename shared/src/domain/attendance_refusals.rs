//! Why attendance: roll-call, check-in, signatures, sheets and corrections refuse a request: one variant per rule, worded in French for the person who
//! asked. Services return these (`Err(Refusal::X.into())`), never a sentence of their own.

use crate::domain::AttendanceStatus;
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AttendanceRefusal {
    /// A cancelled session has no sheet.
    SessionCancelled,
    /// A draft session has no sheet yet.
    SessionNotPublished,
    /// The sheet was closed on screen: only a correction changes it.
    SheetAlreadyClosed,
    /// The sheet was closed by filing the signed paper sheet's scan.
    SheetClosedOnPaper,
    /// The roll-call opens one hour before the start.
    RollCallNotOpen,
    /// The sheet closes only once the session has started.
    ClosingBeforeStart,
    /// The paper sheet is filed only once the session has started.
    PaperSheetBeforeStart,
    /// A registered youth has no status yet: the roll-call is not finished.
    RollCallUnfinished,
    /// Some self check-ins are still to confirm.
    CheckInsUnconfirmed,
    /// Marking a youth who holds no place (a walk-in is added first).
    NotRegistered,
    /// The youth to add is not one the actor can pick.
    UnknownYouth,
    /// A wrong, expired or someone else's code alike: a shared code tells nothing.
    UnknownCheckInCode,
    /// A youth signs only their own line.
    SignsForSomeoneElse,
    /// Only a youth marked present or late signs.
    SignerNotPresent,
    /// No line yet for the youth who would sign.
    NotCheckedInYet,
    /// A correction applies to a closed sheet only.
    CorrectionOfOpenSheet,
    /// The youth to correct has no line on the sheet.
    NotOnSheet,
    /// The correction would set the status the line already has.
    StatusUnchanged { status: AttendanceStatus },
    /// Only a sheet closed on paper reopens.
    OnlyPaperSheetReopens,
    /// The half-day was closed with the facilitator's signature: only a correction changes it.
    HalfDayClosed { name: String },
    /// The afternoon closes the sheet: the morning is closed first.
    EarlierHalfDayOpen { name: String },
}

impl AttendanceRefusal {
    /// What the person reads.
    pub fn message(&self) -> String {
        match self {
            AttendanceRefusal::SessionCancelled => {
                "Cette séance est annulée : elle n'a pas de feuille d'émargement.".into()
            }
            AttendanceRefusal::SessionNotPublished => {
                "Cette séance n'est pas publiée : elle n'a pas encore de feuille d'émargement."
                    .into()
            }
            AttendanceRefusal::SheetAlreadyClosed => "Cette feuille d'émargement est déjà close : rien n'a été modifié. Une correction passe par « Corriger », avec une raison.".into(),
            AttendanceRefusal::SheetClosedOnPaper => "Cette feuille d'émargement est déjà close : la feuille papier signée a été déposée (scan), rien n'a été modifié.".into(),
            AttendanceRefusal::RollCallNotOpen => {
                "L'appel s'ouvre une heure avant le début de la séance.".into()
            }
            AttendanceRefusal::ClosingBeforeStart => {
                "La feuille se clôture une fois la séance commencée.".into()
            }
            AttendanceRefusal::PaperSheetBeforeStart => {
                "La feuille papier se dépose une fois la séance commencée.".into()
            }
            AttendanceRefusal::RollCallUnfinished => {
                "Chaque jeune inscrit·e doit avoir un statut avant la clôture : terminez l'appel."
                    .into()
            }
            AttendanceRefusal::CheckInsUnconfirmed => "Des pointages restent à confirmer : confirmez-les (ou changez leur statut) avant la clôture.".into(),
            AttendanceRefusal::NotRegistered => "Ce ou cette jeune n'est pas inscrit·e à cette séance : ajoutez-le ou la comme participant·e sans inscription d'abord.".into(),
            AttendanceRefusal::UnknownYouth => "Choisissez un ou une jeune dans la liste.".into(),
            AttendanceRefusal::UnknownCheckInCode => "Ce code ne correspond à aucune séance en cours où vous êtes inscrit·e. Il change toutes les 30 secondes : recopiez celui affiché maintenant dans la salle.".into(),
            AttendanceRefusal::SignsForSomeoneElse => {
                "Vous ne pouvez signer que pour vous-même : chaque jeune signe sa propre ligne."
                    .into()
            }
            AttendanceRefusal::SignerNotPresent => "Seul·e un·e jeune noté·e présent·e ou en retard signe la feuille : faites l'appel d'abord.".into(),
            AttendanceRefusal::NotCheckedInYet => "Pas encore de pointage pour cette séance : pointez avec le code affiché dans la salle, ou demandez à l'animateur·rice de faire l'appel.".into(),
            AttendanceRefusal::CorrectionOfOpenSheet => "Seule une feuille close se corrige : tant qu'elle est ouverte, changez le statut dans l'appel.".into(),
            AttendanceRefusal::NotOnSheet => {
                "Ce ou cette jeune ne figure pas sur la feuille de cette séance.".into()
            }
            AttendanceRefusal::StatusUnchanged { status } => format!(
                "Le statut est déjà « {} » : rien n'a été modifié.",
                status.label()
            ),
            AttendanceRefusal::OnlyPaperSheetReopens => "Seule une feuille close sur papier (scan déposé) peut être rouverte ; une feuille \
                 close à l'écran se corrige avec « Corriger ». Rien n'a été modifié."
                .into(),
            AttendanceRefusal::HalfDayClosed { name } => format!(
                "La demi-journée « {name} » est déjà close : rien n'a été modifié. Une correction \
                 passe par « Corriger », avec une raison, une fois la feuille close."
            ),
            AttendanceRefusal::EarlierHalfDayOpen { name } => format!(
                "Clôturez d'abord la demi-journée « {name} » : chaque demi-journée est signée \
                 par l'intervenant·e."
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ServiceError;

    #[test]
    fn an_unchanged_status_names_the_status_and_a_closed_sheet_says_how_it_was_closed() {
        assert_eq!(
            AttendanceRefusal::StatusUnchanged {
                status: AttendanceStatus::Late
            }
            .message(),
            "Le statut est déjà « En retard » : rien n'a été modifié."
        );
        // Closed on screen points to « Corriger »; closed on paper does not (a scan has none).
        assert!(
            AttendanceRefusal::SheetAlreadyClosed
                .message()
                .contains("« Corriger »")
        );
        assert!(
            !AttendanceRefusal::SheetClosedOnPaper
                .message()
                .contains("Corriger")
        );
        // The service answers with the sentence, not a bare error.
        assert!(matches!(
            ServiceError::from(AttendanceRefusal::SessionCancelled),
            ServiceError::Invalid(text) if text.contains("annulée")
        ));
    }
}
