//! How long Ateliers keeps what (issue 21). Two duties pull against each other: the European
//! Social Fund's controllers check the attendance evidence for years, and data-protection law
//! asks that everything else about a young person be kept no longer than needed.
//!
//! - **Evidence** — attendance sheets and their PDFs, corrections, enrolments, hours, and the
//!   participant's entry and exit data (dates, outcome, gender, date of birth) — is kept until
//!   31 December of the year of the programme's last payment plus [`RetentionSettings::
//!   evidence_years`] (the rule of the 2021–2027 funds: five years). Until that year is known
//!   (`PROGRAMME_LAST_PAYMENT_YEAR` unset), evidence is kept.
//! - **The rest** — contact details, free text (contact subjects, reasons typed on enrolments,
//!   audit details), sensitive flags, mail and SMS bodies and addresses, calendar copies,
//!   sign-in secrets, the log of sensitive reads — goes [`RetentionSettings::personal_data_months`]
//!   after the youth leaves the programme (exit date, or the end of their twelve months). The
//!   default, 12 months, covers the funder's follow-up six months after the exit with room for
//!   its collection; fewer than 7 months are refused.
//! - **Pseudonymised, not deleted**: where evidence must stay, the person stays too, under a
//!   pseudonym (`P-000123`, from the id) with their initials (« I. B. »). The kept, sealed PDFs
//!   still show the name that was signed: an auditor matches a pseudonymised participant to the
//!   signed sheet by the session, the day and the initials, and the sheet's seal proves it was
//!   not altered.
//! - A coordinator may put a youth **on hold** (a control under way, a dispute) with a reason;
//!   nothing is minimised while the hold stands. The preview shows what falls due within
//!   [`PREVIEW_DAYS`] days.

use chrono::{Duration, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{InvalidInput, PersonId, one_line, programme_last_day};

/// Months personal data is kept after a youth leaves the programme, unless set otherwise.
pub const DEFAULT_PERSONAL_DATA_MONTHS: u32 = 12;
/// The funder's follow-up six months after the exit must stay possible.
pub const MIN_PERSONAL_DATA_MONTHS: u32 = 7;
/// Years evidence is kept after 31 December of the year of the programme's last payment.
pub const DEFAULT_EVIDENCE_YEARS: u32 = 5;
/// Days the body of a sent mail is kept (`MAIL_RETENTION_DAYS`), unless set otherwise.
pub const DEFAULT_MESSAGE_BODY_DAYS: u32 = 30;
/// How far ahead coordinators see what the daily job will minimise.
pub const PREVIEW_DAYS: i64 = 30;

/// The retention settings in force.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetentionSettings {
    /// `PERSONAL_DATA_KEPT_MONTHS`.
    pub personal_data_months: u32,
    /// `EVIDENCE_KEPT_YEARS`.
    pub evidence_years: u32,
    /// `PROGRAMME_LAST_PAYMENT_YEAR`, once the funder has paid for the last time.
    pub last_payment_year: Option<i32>,
    /// `MAIL_RETENTION_DAYS`: bodies of sent mail and SMS (0: kept until minimisation).
    pub message_body_days: u32,
}

impl Default for RetentionSettings {
    fn default() -> Self {
        RetentionSettings {
            personal_data_months: DEFAULT_PERSONAL_DATA_MONTHS,
            evidence_years: DEFAULT_EVIDENCE_YEARS,
            last_payment_year: None,
            message_body_days: DEFAULT_MESSAGE_BODY_DAYS,
        }
    }
}

impl RetentionSettings {
    /// Checks what an operator set: personal data must outlive the funder's six-month follow-up,
    /// evidence the audits.
    pub fn check(self) -> Result<RetentionSettings, String> {
        if self.personal_data_months < MIN_PERSONAL_DATA_MONTHS {
            return Err(format!(
                "PERSONAL_DATA_KEPT_MONTHS must be at least {MIN_PERSONAL_DATA_MONTHS}: the funder \
                 follows participants up six months after their exit"
            ));
        }
        if self.evidence_years < DEFAULT_EVIDENCE_YEARS {
            return Err(format!(
                "EVIDENCE_KEPT_YEARS must be at least {DEFAULT_EVIDENCE_YEARS}: the European \
                 funds' audit period"
            ));
        }
        Ok(self)
    }

    /// The first day a youth's personal data may be minimised: the day after
    /// `personal_data_months` months past their last day in the programme.
    pub fn minimisation_due_on(&self, entry: NaiveDate, exit: Option<NaiveDate>) -> NaiveDate {
        let last_day = programme_last_day(entry, exit);
        last_day
            .checked_add_months(Months::new(self.personal_data_months))
            .unwrap_or(NaiveDate::MAX)
            + Duration::days(1)
    }

    /// The last day evidence is kept, once the programme's last payment is known.
    pub fn evidence_kept_until(&self) -> Option<NaiveDate> {
        let year = self.last_payment_year? + i32::try_from(self.evidence_years).ok()?;
        NaiveDate::from_ymd_opt(year, 12, 31)
    }

    /// The programme's last day as far as its evidence goes: 31 December of the year of its
    /// last payment. Sessions held and youths entered by then are its evidence; later ones
    /// belong to whatever programme comes next, and stay.
    pub fn programme_evidence_ends(&self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.last_payment_year?, 12, 31)
    }

    /// The first day the daily job erases the programme's evidence, once that is known.
    pub fn evidence_erased_from(&self) -> Option<NaiveDate> {
        self.evidence_kept_until()?.succ_opt()
    }

    /// Whether the evidence's own period is over on `today`.
    pub fn evidence_expired(&self, today: NaiveDate) -> bool {
        self.evidence_erased_from()
            .is_some_and(|from| from <= today)
    }

    /// « 12 mois après la sortie du programme ».
    pub fn personal_data_label(&self) -> String {
        format!(
            "{} mois après la sortie du programme",
            self.personal_data_months
        )
    }

    /// « jusqu'au 31 décembre 2033 » or « 5 ans après le 31 décembre de l'année du dernier
    /// paiement du programme ».
    pub fn evidence_label(&self) -> String {
        match self.evidence_kept_until() {
            Some(until) => format!("jusqu'au {}", super::format_day(until)),
            None => format!(
                "{} ans après le 31 décembre de l'année du dernier paiement du programme par le Fonds social européen",
                self.evidence_years
            ),
        }
    }
}

/// What `/confidentialite` tells, from the settings in force.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrivacyNotice {
    /// « 12 mois après la sortie du programme ».
    pub personal_data: String,
    pub evidence: String,
    /// « 30 jours après l'envoi ».
    pub message_bodies: String,
    pub minimised: Vec<String>,
    pub kept: Vec<String>,
}

impl RetentionSettings {
    pub fn privacy_notice(&self) -> PrivacyNotice {
        PrivacyNotice {
            personal_data: self.personal_data_label(),
            evidence: self.evidence_label(),
            message_bodies: match self.message_body_days {
                0 => self.personal_data_label(),
                1 => "1 jour après l'envoi".to_owned(),
                days => format!("{days} jours après l'envoi"),
            },
            minimised: MINIMISED_DATA
                .iter()
                .map(|line| (*line).to_owned())
                .collect(),
            kept: KEPT_AS_EVIDENCE
                .iter()
                .map(|line| (*line).to_owned())
                .collect(),
        }
    }
}

/// What an erasure request did, in French for the coordinator to pass on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErasureOutcome {
    /// False when there was nothing left to erase (done before).
    pub erased: bool,
    pub kept: Vec<String>,
    pub why: String,
    /// « jusqu'au 31 décembre 2033 ».
    pub until: String,
}

/// What a minimised youth is called from then on.
pub fn pseudonym(youth_id: PersonId) -> String {
    format!("P-{:06}", youth_id.get())
}

/// « I. B. »: what stays of the names, to match the signed sheets.
pub fn initials(first_name: &str, last_name: &str) -> String {
    [first_name, last_name]
        .iter()
        .filter_map(|name| name.trim().chars().next())
        .map(|letter| format!("{}.", letter.to_uppercase()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// What the daily job removes from a youth's data, in French (the preview, `/confidentialite`).
pub const MINIMISED_DATA: [&str; 7] = [
    "nom et prénom (remplacés par un pseudonyme et les initiales)",
    "adresse e-mail et numéro de téléphone",
    "reconnaissance de handicap et suivi judiciaire",
    "objets des contacts individuels et motifs saisis sur les inscriptions",
    "contenu et destinataires des e-mails et SMS",
    "liens de connexion, sessions, agenda personnel et copies d'invitations",
    "détails de l'historique et journal des consultations",
];

/// What stays as evidence for the funder, in French.
pub const KEPT_AS_EVIDENCE: [&str; 5] = [
    "feuilles d'émargement signées, leurs PDF scellés et leurs corrections",
    "inscriptions et présences, avec les heures suivies",
    "dates d'entrée et de sortie du programme et type de sortie",
    "genre et date de naissance (données du participant demandées par le financeur)",
    "dates, types et durées des contacts individuels",
];

/// A hold's reason as typed: one line, from 5 to 300 characters.
pub fn parse_hold_reason(typed: &str) -> Result<String, InvalidInput> {
    let reason = one_line(typed);
    if reason.chars().count() < 5 {
        return Err(InvalidInput::new(
            "reason",
            "Indiquez pourquoi la minimisation est suspendue (par exemple : « Contrôle du FSE en cours »).",
        ));
    }
    if reason.chars().count() > 300 {
        return Err(InvalidInput::new(
            "reason",
            "Le motif tient en 300 caractères au plus.",
        ));
    }
    Ok(reason)
}

/// A youth in the preview of what the daily job will minimise.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MinimisationLine {
    pub youth_id: PersonId,
    pub name: String,
    pub mission_locale: String,
    /// « 14 mars 2026 »: the last day in the programme.
    pub left_on: String,
    /// « 15 mars 2027 »: from when the job minimises them.
    pub due_on: String,
    /// Due already: the next run minimises them (unless held).
    pub overdue: bool,
    /// The hold in force: its reason, who placed it and when.
    pub hold: Option<HoldView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HoldView {
    pub reason: String,
    /// « Nadia Ferhat, le 3 décembre 2026 à 10 h 05 ».
    pub placed: String,
}

/// What coordinators read at `/conservation`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetentionOverview {
    pub settings: RetentionSettings,
    /// « 12 mois après la sortie du programme ».
    pub personal_data: String,
    pub evidence: String,
    /// Due within [`PREVIEW_DAYS`] days (or already), soonest first, holds included.
    pub due_soon: Vec<MinimisationLine>,
    /// On hold, whenever they fall due.
    pub on_hold: Vec<MinimisationLine>,
    pub minimised: u64,
    /// The end of the programme's evidence, once the year of its last payment is set.
    pub evidence_erasure: Option<EvidenceErasurePreview>,
}

/// What the daily job will erase when the evidence's own period is over.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceErasurePreview {
    /// « 1er janvier 2034 »: the first day the job erases it.
    pub from: String,
    /// Within [`PREVIEW_DAYS`] days, or already: coordinators must hold what a control needs.
    pub soon: bool,
    /// Sessions of the programme whose sheet, PDFs, attendance or enrolments are still kept.
    pub sessions: u64,
    /// Youths of the programme still kept (pseudonymised or not).
    pub youths: u64,
    /// Of those, on hold: they and their sessions stay.
    pub held: u64,
}

/// Whether `day` falls within the preview window starting `today`.
pub fn within_preview(due_on: NaiveDate, today: NaiveDate) -> bool {
    due_on <= today + Duration::days(PREVIEW_DAYS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn personal_data_is_due_the_day_after_the_kept_months() {
        let settings = RetentionSettings::default();
        // Left on 14 March 2026: kept until 14 March 2027.
        assert_eq!(
            settings.minimisation_due_on(day(2025, 9, 1), Some(day(2026, 3, 14))),
            day(2027, 3, 15)
        );
        // Without an exit, the programme ends after twelve months (31 August 2026).
        assert_eq!(
            settings.minimisation_due_on(day(2025, 9, 1), None),
            day(2027, 9, 1)
        );
        assert!(within_preview(day(2027, 3, 15), day(2027, 2, 13)));
        assert!(!within_preview(day(2027, 3, 15), day(2027, 2, 12)));
    }

    #[test]
    fn evidence_is_kept_five_years_after_the_last_payments_year() {
        let mut settings = RetentionSettings::default();
        assert_eq!(settings.evidence_kept_until(), None);
        assert!(
            settings
                .evidence_label()
                .starts_with("5 ans après le 31 décembre")
        );
        assert!(
            !settings.evidence_expired(day(2100, 1, 1)),
            "kept while unknown"
        );
        settings.last_payment_year = Some(2028);
        assert_eq!(settings.evidence_kept_until(), Some(day(2033, 12, 31)));
        assert_eq!(settings.evidence_label(), "jusqu'au 31 décembre 2033");
        assert_eq!(settings.programme_evidence_ends(), Some(day(2028, 12, 31)));
        assert_eq!(settings.evidence_erased_from(), Some(day(2034, 1, 1)));
        assert!(!settings.evidence_expired(day(2033, 12, 31)));
        assert!(settings.evidence_expired(day(2034, 1, 1)));
    }

    #[test]
    fn careless_settings_are_refused() {
        let short = RetentionSettings {
            personal_data_months: 3,
            ..RetentionSettings::default()
        };
        assert!(short.check().unwrap_err().contains("six months"));
        let evidence = RetentionSettings {
            evidence_years: 2,
            ..RetentionSettings::default()
        };
        assert!(evidence.check().is_err());
        assert!(RetentionSettings::default().check().is_ok());
    }

    #[test]
    fn the_pseudonym_and_initials_keep_what_matches_the_signed_sheet() {
        assert_eq!(pseudonym(PersonId::new(123)), "P-000123");
        assert_eq!(initials("inès", "Benali"), "I. B.");
        assert_eq!(initials("Élodie", " da Silva"), "É. D.");
    }

    #[test]
    fn a_hold_needs_a_reason() {
        assert_eq!(
            parse_hold_reason("  Contrôle FSE\n en cours "),
            Ok("Contrôle FSE en cours".into())
        );
        assert_eq!(parse_hold_reason("ok").unwrap_err().field, "reason");
        assert!(parse_hold_reason(&"x".repeat(301)).is_err());
    }
    /// `docs/data-protection.md`, the register of processing, states what the code does.
    #[test]
    fn the_register_of_processing_states_the_default_settings_and_lists() {
        let register = include_str!("../../../docs/data-protection.md");
        let settings = RetentionSettings::default();
        for (setting, default) in [
            (
                "PERSONAL_DATA_KEPT_MONTHS",
                format!(
                    "{} months (at least {MIN_PERSONAL_DATA_MONTHS})",
                    settings.personal_data_months
                ),
            ),
            (
                "EVIDENCE_KEPT_YEARS",
                format!(
                    "{} years (at least {DEFAULT_EVIDENCE_YEARS})",
                    settings.evidence_years
                ),
            ),
            ("PROGRAMME_LAST_PAYMENT_YEAR", "unset".to_owned()),
            (
                "MAIL_RETENTION_DAYS",
                format!("{} days", settings.message_body_days),
            ),
        ] {
            let row = register
                .lines()
                .find(|line| line.contains(&format!("| `{setting}` |")))
                .unwrap_or_else(|| panic!("{setting} is in the register"));
            assert!(row.ends_with(&format!("| {default} |")), "{row}");
        }
        for line in MINIMISED_DATA.iter().chain(KEPT_AS_EVIDENCE.iter()) {
            assert!(register.contains(&format!("- {line}\n")), "{line}");
        }
    }
}
