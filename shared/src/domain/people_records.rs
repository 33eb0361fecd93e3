//! The records counsellors keep about youths and guest facilitators: what the forms send (raw
//! text, as typed) and what the rules turn it into. The same parsing runs wherever a form is
//! checked, so a record that reaches the database is always valid.
//!
//! - A youth (`YouthForm` → `YouthRecord`): names, aged 16–25 on the entry date, an email or a
//!   phone, and an exit date with its outcome (both or neither, the exit not before the entry).
//! - A guest facilitator (`FacilitatorForm` → `FacilitatorRecord`): the email is required, it is
//!   how they sign in.
//! - A staff account (`StaffForm` → `StaffRecord`): a coordinator, or a counsellor of one
//!   Mission Locale. A staff password (`NewPassword`): 12 to 128 characters.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{
    EmailAddress, Gender, InvalidInput, MissionLocaleId, PersonName, PhoneNumber,
    check_programme_age, one_line,
};

/// A youth's file as the form sends it: every field as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct YouthForm {
    pub first_name: String,
    pub last_name: String,
    /// `YYYY-MM-DD`, as `<input type="date">` sends it.
    pub date_of_birth: String,
    pub gender: String,
    pub email: String,
    pub phone: String,
    /// The referent counsellor's person id; empty means "me" when a counsellor creates the youth.
    pub referent_id: String,
    pub programme_entry_date: String,
    /// Only on the edit form: when and how the 12-month path ended.
    #[serde(default)]
    pub programme_exit_date: String,
    #[serde(default)]
    pub exit_outcome: String,
    /// Checkboxes send `on` when ticked and nothing otherwise.
    #[serde(default)]
    pub disability_recognised: Option<String>,
    #[serde(default)]
    pub judicial_supervision: Option<String>,
    /// Only on the edit form (a hidden field): the version of the file the form was filled
    /// from, so that a save over someone else's newer one is refused rather than lost.
    #[serde(default)]
    pub version: String,
}

/// How a youth's programme ended, as the funder counts it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExitOutcome {
    Employment,
    Training,
    ReturnToEducation,
    Other,
    Dropout,
}

impl ExitOutcome {
    pub const ALL: [ExitOutcome; 5] = [
        ExitOutcome::Employment,
        ExitOutcome::Training,
        ExitOutcome::ReturnToEducation,
        ExitOutcome::Other,
        ExitOutcome::Dropout,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ExitOutcome::Employment => "employment",
            ExitOutcome::Training => "training",
            ExitOutcome::ReturnToEducation => "return_to_education",
            ExitOutcome::Other => "other",
            ExitOutcome::Dropout => "dropout",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ExitOutcome::Employment => "Emploi",
            ExitOutcome::Training => "Formation",
            ExitOutcome::ReturnToEducation => "Reprise d'études",
            ExitOutcome::Other => "Autre solution",
            ExitOutcome::Dropout => "Abandon",
        }
    }

    /// A « sortie positive »: into a job, a training or back to education.
    pub fn is_positive(self) -> bool {
        matches!(
            self,
            ExitOutcome::Employment | ExitOutcome::Training | ExitOutcome::ReturnToEducation
        )
    }

    pub fn parse(code: &str) -> Result<ExitOutcome, InvalidInput> {
        ExitOutcome::ALL
            .into_iter()
            .find(|outcome| outcome.code() == code)
            .ok_or_else(|| {
                InvalidInput::new(
                    "exit_outcome",
                    "Choisissez une issue de parcours dans la liste.",
                )
            })
    }
}

/// A valid youth's file (the referent is checked against the database by the service).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YouthRecord {
    pub first_name: PersonName,
    pub last_name: PersonName,
    pub date_of_birth: NaiveDate,
    pub gender: Gender,
    pub email: Option<EmailAddress>,
    pub phone: Option<PhoneNumber>,
    pub programme_entry_date: NaiveDate,
    pub programme_exit: Option<(NaiveDate, ExitOutcome)>,
    pub disability_recognised: bool,
    pub judicial_supervision: bool,
}

impl YouthRecord {
    /// Parses the form. The youth must be 16 to 25 on the day they enter the programme, and be
    /// reachable (an email, a mobile number, or both).
    pub fn parse(form: &YouthForm) -> Result<Self, InvalidInput> {
        let first_name = PersonName::parse("first_name", &form.first_name)?;
        let last_name = PersonName::parse("last_name", &form.last_name)?;
        let date_of_birth =
            parse_date("date_of_birth", "La date de naissance", &form.date_of_birth)?;
        let gender = Gender::parse(form.gender.trim())?;
        let email = optional(&form.email, EmailAddress::parse)?;
        let phone = optional(&form.phone, PhoneNumber::parse)?;
        if email.is_none() && phone.is_none() {
            return Err(InvalidInput::new(
                "email",
                "Indiquez au moins une adresse e-mail ou un numéro de portable pour joindre ce jeune.",
            ));
        }
        let programme_entry_date = parse_date(
            "programme_entry_date",
            "La date d'entrée dans le programme",
            &form.programme_entry_date,
        )?;
        check_programme_age(date_of_birth, programme_entry_date)?;
        let programme_exit = match (form.programme_exit_date.trim(), form.exit_outcome.trim()) {
            ("", "") => None,
            ("", _) => {
                return Err(InvalidInput::new(
                    "programme_exit_date",
                    "Indiquez la date de sortie du programme.",
                ));
            }
            (_, "") => {
                return Err(InvalidInput::new(
                    "exit_outcome",
                    "Indiquez l'issue du parcours.",
                ));
            }
            (exit_date, outcome) => {
                let exit_date = parse_date("programme_exit_date", "La date de sortie", exit_date)?;
                if exit_date < programme_entry_date {
                    return Err(InvalidInput::new(
                        "programme_exit_date",
                        "La date de sortie est avant la date d'entrée dans le programme.",
                    ));
                }
                Some((exit_date, ExitOutcome::parse(outcome)?))
            }
        };
        Ok(Self {
            first_name,
            last_name,
            date_of_birth,
            gender,
            email,
            phone,
            programme_entry_date,
            programme_exit,
            disability_recognised: form.disability_recognised.is_some(),
            judicial_supervision: form.judicial_supervision.is_some(),
        })
    }
}

/// A guest facilitator as the form sends it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacilitatorForm {
    pub first_name: String,
    pub last_name: String,
    /// Newspaper, company, association.
    pub organisation: String,
    pub email: String,
    pub phone: String,
}

/// A valid guest facilitator. The email is required: it is how they sign in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FacilitatorRecord {
    pub first_name: PersonName,
    pub last_name: PersonName,
    pub organisation: String,
    pub email: EmailAddress,
    pub phone: Option<PhoneNumber>,
}

impl FacilitatorRecord {
    pub fn parse(form: &FacilitatorForm) -> Result<Self, InvalidInput> {
        let organisation = one_line(&form.organisation);
        if organisation.is_empty() {
            return Err(InvalidInput::new(
                "organisation",
                "Indiquez la structure de l'intervenant (journal, entreprise, association).",
            ));
        }
        if organisation.chars().count() > 120 {
            return Err(InvalidInput::new(
                "organisation",
                "Le nom de la structure : 120 caractères au maximum.",
            ));
        }
        Ok(Self {
            first_name: PersonName::parse("first_name", &form.first_name)?,
            last_name: PersonName::parse("last_name", &form.last_name)?,
            organisation,
            email: EmailAddress::parse(&form.email)?,
            phone: optional(&form.phone, PhoneNumber::parse)?,
        })
    }
}

/// A staff account as the form sends it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffForm {
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    /// `counsellor` or `coordinator`.
    pub role: String,
    /// Required for a counsellor, ignored for a coordinator.
    pub mission_locale_id: String,
    #[serde(default)]
    pub disability_specialist: Option<String>,
    #[serde(default)]
    pub justice_specialist: Option<String>,
}

/// A valid staff account: a coordinator of the federation, or a counsellor of one Mission Locale
/// (the service checks that it exists).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaffRecord {
    pub first_name: PersonName,
    pub last_name: PersonName,
    pub email: EmailAddress,
    /// `None` for a coordinator.
    pub mission_locale_id: Option<MissionLocaleId>,
    pub disability_specialist: bool,
    pub justice_specialist: bool,
}

impl StaffRecord {
    pub fn parse(form: &StaffForm) -> Result<Self, InvalidInput> {
        let first_name = PersonName::parse("first_name", &form.first_name)?;
        let last_name = PersonName::parse("last_name", &form.last_name)?;
        let email = EmailAddress::parse(&form.email)?;
        let mission_locale_id = match form.role.trim() {
            "coordinator" => None,
            "counsellor" => Some(
                form.mission_locale_id
                    .trim()
                    .parse::<MissionLocaleId>()
                    .map_err(|_| {
                        InvalidInput::new(
                            "mission_locale_id",
                            "Choisissez la Mission Locale du conseiller ou de la conseillère.",
                        )
                    })?,
            ),
            _ => {
                return Err(InvalidInput::new(
                    "role",
                    "Choisissez un rôle : conseiller·ère ou coordination.",
                ));
            }
        };
        let counsellor = mission_locale_id.is_some();
        Ok(Self {
            first_name,
            last_name,
            email,
            mission_locale_id,
            disability_specialist: counsellor && form.disability_specialist.is_some(),
            justice_specialist: counsellor && form.justice_specialist.is_some(),
        })
    }
}

/// A staff password: long rather than complicated (ANSSI and NIST advice), at most 128
/// characters so hashing stays cheap.
#[derive(Clone, PartialEq, Eq)]
pub struct NewPassword(String);

impl NewPassword {
    pub const MIN_CHARS: usize = 12;

    pub fn parse(input: &str, confirmation: &str) -> Result<Self, InvalidInput> {
        let length = input.chars().count();
        if length < Self::MIN_CHARS {
            return Err(InvalidInput::new(
                "password",
                "Choisissez un mot de passe d'au moins 12 caractères (une phrase facile à retenir convient très bien).",
            ));
        }
        if length > 128 {
            return Err(InvalidInput::new(
                "password",
                "Le mot de passe ne doit pas dépasser 128 caractères.",
            ));
        }
        if input != confirmation {
            return Err(InvalidInput::new(
                "password_confirmation",
                "Les deux mots de passe ne sont pas identiques.",
            ));
        }
        Ok(Self(input.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(…)")
    }
}

fn parse_date(field: &str, what: &str, input: &str) -> Result<NaiveDate, InvalidInput> {
    let input = input.trim();
    if input.is_empty() {
        return Err(InvalidInput::new(field, format!("{what} est obligatoire.")));
    }
    NaiveDate::parse_from_str(input, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(input, "%d/%m/%Y"))
        .map_err(|_| {
            InvalidInput::new(
                field,
                format!("{what} n'est pas une date valide. Exemple : 14/03/2007"),
            )
        })
}

fn optional<T>(
    input: &str,
    parse: impl Fn(&str) -> Result<T, InvalidInput>,
) -> Result<Option<T>, InvalidInput> {
    if input.trim().is_empty() {
        Ok(None)
    } else {
        parse(input).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ines() -> YouthForm {
        YouthForm {
            first_name: "Inès".into(),
            last_name: "Kaci".into(),
            date_of_birth: "2007-03-14".into(),
            gender: "female".into(),
            email: "ines.kaci@exemple.fr".into(),
            phone: "06 12 34 56 78".into(),
            referent_id: String::new(),
            programme_entry_date: "2026-11-02".into(),
            ..YouthForm::default()
        }
    }

    #[test]
    fn a_complete_form_becomes_a_record() {
        let record = YouthRecord::parse(&ines()).expect("valid");
        assert_eq!(record.first_name.as_str(), "Inès");
        assert_eq!(record.phone.expect("phone").international(), "+33612345678");
        assert!(!record.disability_recognised);
        assert_eq!(record.programme_exit, None);
    }

    #[test]
    fn a_youth_needs_an_email_or_a_phone() {
        let mut form = ines();
        form.email.clear();
        assert!(YouthRecord::parse(&form).is_ok(), "phone only");
        form.phone = "  ".into();
        let error = YouthRecord::parse(&form).expect_err("neither");
        assert!(error.message.contains("au moins une adresse"));
    }

    #[test]
    fn the_age_is_checked_on_the_entry_date() {
        let mut form = ines();
        form.date_of_birth = "2011-01-01".into();
        let error = YouthRecord::parse(&form).expect_err("15");
        assert_eq!(error.field, "date_of_birth");
        assert!(error.message.contains("16 à 25 ans"));
        form.date_of_birth = "1990-01-01".into();
        assert!(YouthRecord::parse(&form).is_err(), "36");
    }

    #[test]
    fn dates_accept_the_french_spelling_and_refuse_nonsense() {
        let mut form = ines();
        form.date_of_birth = "14/03/2007".into();
        assert!(YouthRecord::parse(&form).is_ok());
        form.date_of_birth = "31/02/2007".into();
        let error = YouthRecord::parse(&form).expect_err("no 31 February");
        assert!(error.message.contains("n'est pas une date valide"));
    }

    #[test]
    fn an_exit_needs_a_date_after_entry_and_an_outcome() {
        let mut form = ines();
        form.programme_exit_date = "2026-12-01".into();
        assert_eq!(
            YouthRecord::parse(&form).expect_err("no outcome").field,
            "exit_outcome"
        );
        form.exit_outcome = "training".into();
        assert_eq!(
            YouthRecord::parse(&form).expect("valid").programme_exit,
            Some((
                NaiveDate::from_ymd_opt(2026, 12, 1).expect("date"),
                ExitOutcome::Training
            ))
        );
        form.programme_exit_date = "2026-10-01".into();
        assert!(YouthRecord::parse(&form).is_err(), "exit before entry");
    }

    #[test]
    fn ticked_boxes_set_the_sensitive_flags() {
        let mut form = ines();
        form.disability_recognised = Some("on".into());
        let record = YouthRecord::parse(&form).expect("valid");
        assert!(record.disability_recognised);
        assert!(!record.judicial_supervision);
    }

    #[test]
    fn facilitators_need_an_organisation_and_an_email() {
        let form = FacilitatorForm {
            first_name: "Karim".into(),
            last_name: "Amrani".into(),
            organisation: "  Bondy   Blog ".into(),
            email: "karim@bondyblog.fr".into(),
            phone: String::new(),
        };
        assert_eq!(
            FacilitatorRecord::parse(&form).expect("valid").organisation,
            "Bondy Blog"
        );
        let no_email = FacilitatorForm {
            email: String::new(),
            ..form.clone()
        };
        assert_eq!(
            FacilitatorRecord::parse(&no_email)
                .expect_err("email")
                .field,
            "email"
        );
        let no_organisation = FacilitatorForm {
            organisation: " ".into(),
            ..form
        };
        assert_eq!(
            FacilitatorRecord::parse(&no_organisation)
                .expect_err("organisation")
                .field,
            "organisation"
        );
    }

    #[test]
    fn a_counsellor_belongs_to_a_mission_locale_and_a_coordinator_to_none() {
        let form = StaffForm {
            first_name: "Ingrid".into(),
            last_name: "Martin".into(),
            email: "ingrid.martin@ml-bondy.fr".into(),
            role: "counsellor".into(),
            mission_locale_id: "4".into(),
            disability_specialist: Some("on".into()),
            justice_specialist: None,
        };
        let record = StaffRecord::parse(&form).expect("valid");
        assert_eq!(record.mission_locale_id, Some(MissionLocaleId::new(4)));
        assert!(record.disability_specialist);
        let no_ml = StaffForm {
            mission_locale_id: String::new(),
            ..form.clone()
        };
        assert_eq!(
            StaffRecord::parse(&no_ml).expect_err("no ML").field,
            "mission_locale_id"
        );
        let coordinator = StaffForm {
            role: "coordinator".into(),
            ..form
        };
        let record = StaffRecord::parse(&coordinator).expect("valid");
        assert_eq!(record.mission_locale_id, None);
        assert!(
            !record.disability_specialist,
            "specialities are a counsellor's"
        );
    }

    #[test]
    fn passwords_are_long_and_confirmed() {
        assert!(NewPassword::parse("court", "court").is_err());
        assert_eq!(
            NewPassword::parse("une phrase assez longue", "une phrase assez long")
                .expect_err("mismatch")
                .field,
            "password_confirmation"
        );
        let password =
            NewPassword::parse("une phrase assez longue", "une phrase assez longue").expect("ok");
        assert_eq!(format!("{password:?}"), "NewPassword(…)");
    }
}
