//! What the audit log records: sign-ins (and failures) and sign-outs, password resets, every
//! change to a youth's, facilitator's or staff member's file (which fields, never a sensitive
//! value nor an email address), archiving and restoring, places, closing days, the catalogue and
//! paper sheets reopened. Written by `services::record_audit_event` (table `audit_events`);
//! shown as the history of a youth's file, where a flag's change shows only to those who may
//! see that flag (`history_details_for`). Also what each emailed link is for (`LinkPurpose`).

use serde::{Deserialize, Serialize};

use super::SensitiveFlagsVisibility;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditAction {
    SignIn,
    SignInFailed,
    SignOut,
    PasswordReset,
    YouthCreated,
    YouthUpdated,
    YouthArchived,
    FacilitatorCreated,
    FacilitatorUpdated,
    FacilitatorArchived,
    FacilitatorRestored,
    StaffCreated,
    StaffUpdated,
    StaffArchived,
    SiteCreated,
    SiteUpdated,
    RoomAdded,
    RoomUpdated,
    SiteClosureAdded,
    WorkshopTypeCreated,
    WorkshopTypeUpdated,
    WorkshopTypeArchived,
    WorkshopTypeRestored,
    PaperSheetReopened,
    YouthMinimised,
    MinimisationHeld,
    MinimisationHoldLifted,
    YouthDataExported,
    YouthDataErased,
    EvidenceErased,
}

impl AuditAction {
    pub const ALL: [AuditAction; 30] = [
        AuditAction::SignIn,
        AuditAction::SignInFailed,
        AuditAction::SignOut,
        AuditAction::PasswordReset,
        AuditAction::YouthCreated,
        AuditAction::YouthUpdated,
        AuditAction::YouthArchived,
        AuditAction::FacilitatorCreated,
        AuditAction::FacilitatorUpdated,
        AuditAction::FacilitatorArchived,
        AuditAction::FacilitatorRestored,
        AuditAction::StaffCreated,
        AuditAction::StaffUpdated,
        AuditAction::StaffArchived,
        AuditAction::SiteCreated,
        AuditAction::SiteUpdated,
        AuditAction::RoomAdded,
        AuditAction::RoomUpdated,
        AuditAction::SiteClosureAdded,
        AuditAction::WorkshopTypeCreated,
        AuditAction::WorkshopTypeUpdated,
        AuditAction::WorkshopTypeArchived,
        AuditAction::WorkshopTypeRestored,
        AuditAction::PaperSheetReopened,
        AuditAction::YouthMinimised,
        AuditAction::MinimisationHeld,
        AuditAction::MinimisationHoldLifted,
        AuditAction::YouthDataExported,
        AuditAction::YouthDataErased,
        AuditAction::EvidenceErased,
    ];

    pub fn code(self) -> &'static str {
        match self {
            AuditAction::SignIn => "sign_in",
            AuditAction::SignInFailed => "sign_in_failed",
            AuditAction::SignOut => "sign_out",
            AuditAction::PasswordReset => "password_reset",
            AuditAction::YouthCreated => "youth_created",
            AuditAction::YouthUpdated => "youth_updated",
            AuditAction::YouthArchived => "youth_archived",
            AuditAction::FacilitatorCreated => "facilitator_created",
            AuditAction::FacilitatorUpdated => "facilitator_updated",
            AuditAction::FacilitatorArchived => "facilitator_archived",
            AuditAction::FacilitatorRestored => "facilitator_restored",
            AuditAction::StaffCreated => "staff_created",
            AuditAction::StaffUpdated => "staff_updated",
            AuditAction::StaffArchived => "staff_archived",
            AuditAction::SiteCreated => "site_created",
            AuditAction::SiteUpdated => "site_updated",
            AuditAction::RoomAdded => "room_added",
            AuditAction::RoomUpdated => "room_updated",
            AuditAction::SiteClosureAdded => "site_closure_added",
            AuditAction::WorkshopTypeCreated => "workshop_type_created",
            AuditAction::WorkshopTypeUpdated => "workshop_type_updated",
            AuditAction::WorkshopTypeArchived => "workshop_type_archived",
            AuditAction::WorkshopTypeRestored => "workshop_type_restored",
            AuditAction::PaperSheetReopened => "paper_sheet_reopened",
            AuditAction::YouthMinimised => "youth_minimised",
            AuditAction::MinimisationHeld => "minimisation_held",
            AuditAction::MinimisationHoldLifted => "minimisation_hold_lifted",
            AuditAction::YouthDataExported => "youth_data_exported",
            AuditAction::YouthDataErased => "youth_data_erased",
            AuditAction::EvidenceErased => "evidence_erased",
        }
    }

    pub fn from_code(code: &str) -> Option<AuditAction> {
        AuditAction::ALL
            .into_iter()
            .find(|action| action.code() == code)
    }

    /// As shown in a record's history.
    pub fn label(self) -> &'static str {
        match self {
            AuditAction::SignIn => "Connexion",
            AuditAction::SignInFailed => "Connexion refusée",
            AuditAction::SignOut => "Déconnexion",
            AuditAction::PasswordReset => "Mot de passe changé",
            AuditAction::YouthCreated => "Fiche créée",
            AuditAction::YouthUpdated => "Fiche modifiée",
            AuditAction::YouthArchived => "Fiche archivée",
            AuditAction::FacilitatorCreated => "Intervenant ajouté",
            AuditAction::FacilitatorUpdated => "Intervenant modifié",
            AuditAction::FacilitatorArchived => "Intervenant archivé",
            AuditAction::FacilitatorRestored => "Intervenant rétabli",
            AuditAction::StaffCreated => "Compte d'équipe créé",
            AuditAction::StaffUpdated => "Compte d'équipe modifié",
            AuditAction::StaffArchived => "Compte d'équipe archivé",
            AuditAction::SiteCreated => "Site ajouté",
            AuditAction::SiteUpdated => "Site modifié",
            AuditAction::RoomAdded => "Salle ajoutée",
            AuditAction::RoomUpdated => "Salle modifiée",
            AuditAction::SiteClosureAdded => "Fermeture du site ajoutée",
            AuditAction::WorkshopTypeCreated => "Atelier ajouté au catalogue",
            AuditAction::WorkshopTypeUpdated => "Atelier du catalogue modifié",
            AuditAction::WorkshopTypeArchived => "Atelier du catalogue archivé",
            AuditAction::WorkshopTypeRestored => "Atelier du catalogue rétabli",
            AuditAction::PaperSheetReopened => "Feuille papier rouverte",
            AuditAction::YouthMinimised => "Données personnelles minimisées",
            AuditAction::MinimisationHeld => "Minimisation suspendue",
            AuditAction::MinimisationHoldLifted => "Suspension de la minimisation levée",
            AuditAction::YouthDataExported => "Copie des données produite",
            AuditAction::YouthDataErased => "Effacement des données demandé",
            AuditAction::EvidenceErased => "Preuves effacées à la fin de leur conservation",
        }
    }
}

/// Between the changes listed on one line of the audit log.
pub const CHANGES_SEPARATOR: &str = " ; ";
/// What the log says when a youth's disability flag changed: never its value.
pub const DISABILITY_FLAG_CHANGED: &str = "reconnaissance de handicap modifiée";
/// What the log says when a youth's justice flag changed: never its value.
pub const JUSTICE_FLAG_CHANGED: &str = "suivi judiciaire modifié";
/// What the log says when an email address changed: the addresses themselves stay out of it.
pub const EMAIL_CHANGED: &str = "adresse e-mail modifiée";

/// The details of a line of a youth's history as a reader who sees `flags` may read them: the
/// change of a flag they may not see is left out (the date it changed tells something too).
/// `None` when nothing is left of a line that was only about such a change.
pub fn history_details_for(details: &str, flags: SensitiveFlagsVisibility) -> Option<String> {
    if details.is_empty() {
        return Some(String::new());
    }
    let kept: Vec<&str> = details
        .split(CHANGES_SEPARATOR)
        .filter(|change| {
            (flags.disability || *change != DISABILITY_FLAG_CHANGED)
                && (flags.judicial_supervision || *change != JUSTICE_FLAG_CHANGED)
        })
        .collect();
    (!kept.is_empty()).then(|| kept.join(CHANGES_SEPARATOR))
}

/// What an emailed link is for: a link for one purpose never serves the other.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkPurpose {
    SignIn,
    PasswordReset,
}

impl LinkPurpose {
    pub fn code(self) -> &'static str {
        match self {
            LinkPurpose::SignIn => "sign_in",
            LinkPurpose::PasswordReset => "password_reset",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn audit_codes_round_trip() {
        for action in AuditAction::ALL {
            assert_eq!(AuditAction::from_code(action.code()), Some(action));
        }
        assert_eq!(AuditAction::from_code("nope"), None);
    }

    #[test]
    fn flag_changes_reach_only_those_who_see_the_flag() {
        let both = SensitiveFlagsVisibility {
            disability: true,
            judicial_supervision: true,
        };
        let disability_only = SensitiveFlagsVisibility {
            disability: true,
            judicial_supervision: false,
        };
        let none = SensitiveFlagsVisibility::default();
        let mixed = "téléphone : — → +33612345678 ; reconnaissance de handicap modifiée ; suivi judiciaire modifié";
        assert_eq!(history_details_for(mixed, both).as_deref(), Some(mixed));
        assert_eq!(
            history_details_for(mixed, disability_only).as_deref(),
            Some("téléphone : — → +33612345678 ; reconnaissance de handicap modifiée")
        );
        assert_eq!(
            history_details_for(mixed, none).as_deref(),
            Some("téléphone : — → +33612345678")
        );
        assert_eq!(history_details_for(JUSTICE_FLAG_CHANGED, none), None);
        assert_eq!(
            history_details_for(JUSTICE_FLAG_CHANGED, disability_only),
            None
        );
        assert_eq!(
            history_details_for(DISABILITY_FLAG_CHANGED, disability_only).as_deref(),
            Some(DISABILITY_FLAG_CHANGED)
        );
        assert_eq!(history_details_for("", none).as_deref(), Some(""));
        assert_eq!(
            history_details_for("Référent·e : Ingrid Martin", none).as_deref(),
            Some("Référent·e : Ingrid Martin")
        );
    }

    #[test]
    fn codes_and_labels_are_distinct() {
        let codes: std::collections::HashSet<_> = AuditAction::ALL
            .into_iter()
            .map(AuditAction::code)
            .collect();
        let labels: std::collections::HashSet<_> = AuditAction::ALL
            .into_iter()
            .map(AuditAction::label)
            .collect();
        assert_eq!(codes.len(), AuditAction::ALL.len());
        assert_eq!(labels.len(), AuditAction::ALL.len());
        assert_eq!(
            AuditAction::WorkshopTypeArchived.label(),
            "Atelier du catalogue archivé"
        );
    }
}
