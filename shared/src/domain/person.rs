//! Who a participant is, as the programme and its funder need it: names, gender (the funder's
//! figures are broken down by it), and the programme's ages, 16 to 25. A value that breaks a
//! rule is an `InvalidInput { field, message }`, the message in French.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::InvalidInput;

/// A first or last name: trimmed, inner spaces collapsed, 1 to 80 characters, letters with
/// spaces, hyphens and apostrophes (Marie-Hélène, N'Diaye, Da Silva).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PersonName(String);

impl PersonName {
    pub fn parse(field: &str, input: &str) -> Result<Self, InvalidInput> {
        let collapsed = super::one_line(input);
        let normalised = collapsed.replace('’', "'");
        if normalised.is_empty() {
            return Err(InvalidInput::new(field, "Ce champ est obligatoire."));
        }
        if normalised.chars().count() > 80 {
            return Err(InvalidInput::new(field, "80 caractères au maximum."));
        }
        let allowed = normalised
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, ' ' | '-' | '\''));
        if !allowed || !normalised.chars().any(char::is_alphabetic) {
            return Err(InvalidInput::new(
                field,
                "Utilisez seulement des lettres, des espaces, des tirets et des apostrophes.",
            ));
        }
        Ok(Self(normalised))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for PersonName {
    type Error = InvalidInput;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse("name", &value)
    }
}

impl From<PersonName> for String {
    fn from(value: PersonName) -> Self {
        value.0
    }
}

/// The funder's figures are broken down by gender; a youth may decline to say.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    Female,
    Male,
    Undisclosed,
}

impl Gender {
    pub const ALL: [Gender; 3] = [Gender::Female, Gender::Male, Gender::Undisclosed];

    pub fn code(self) -> &'static str {
        match self {
            Gender::Female => "female",
            Gender::Male => "male",
            Gender::Undisclosed => "undisclosed",
        }
    }

    pub fn parse(code: &str) -> Result<Gender, InvalidInput> {
        Gender::ALL
            .into_iter()
            .find(|gender| gender.code() == code)
            .ok_or_else(|| InvalidInput::new("gender", "Choisissez une réponse dans la liste."))
    }

    pub fn label(self) -> &'static str {
        match self {
            Gender::Female => "Femme",
            Gender::Male => "Homme",
            Gender::Undisclosed => "Ne souhaite pas répondre",
        }
    }
}

/// The programme is for young people aged 16 to 25.
pub const PROGRAMME_MIN_AGE: u32 = 16;
pub const PROGRAMME_MAX_AGE: u32 = 25;

/// Age in whole years on `on` (a birthday on 29 February counts on 28 February in other years).
pub fn age_on(date_of_birth: NaiveDate, on: NaiveDate) -> u32 {
    let mut age = on.year() - date_of_birth.year();
    if (on.month(), on.day()) < (date_of_birth.month(), date_of_birth.day()) {
        age -= 1;
    }
    u32::try_from(age).unwrap_or(0)
}

/// Refuses a date of birth that puts the youth outside 16–25 on `on` (the day of entry, or of
/// a session).
pub fn check_programme_age(date_of_birth: NaiveDate, on: NaiveDate) -> Result<u32, InvalidInput> {
    if date_of_birth > on {
        return Err(InvalidInput::new(
            "date_of_birth",
            "La date de naissance est dans le futur.",
        ));
    }
    let age = age_on(date_of_birth, on);
    if !(PROGRAMME_MIN_AGE..=PROGRAMME_MAX_AGE).contains(&age) {
        return Err(InvalidInput::new(
            "date_of_birth",
            format!(
                "Le programme accueille les jeunes de 16 à 25 ans ; cette personne a {age} ans."
            ),
        ));
    }
    Ok(age)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a valid date")
    }

    #[test]
    fn names_keep_accents_hyphens_and_apostrophes() {
        assert_eq!(
            PersonName::parse("first_name", "  Marie-Hélène ")
                .expect("valid")
                .as_str(),
            "Marie-Hélène"
        );
        assert_eq!(
            PersonName::parse("last_name", "N’Diaye")
                .expect("valid")
                .as_str(),
            "N'Diaye"
        );
        assert_eq!(
            PersonName::parse("last_name", "Da   Silva")
                .expect("valid")
                .as_str(),
            "Da Silva"
        );
    }

    #[test]
    fn empty_or_strange_names_are_refused_on_their_field() {
        assert_eq!(
            PersonName::parse("first_name", "   ")
                .expect_err("empty")
                .field,
            "first_name"
        );
        assert!(PersonName::parse("last_name", "<script>").is_err());
        assert!(PersonName::parse("last_name", "--").is_err());
        assert!(PersonName::parse("last_name", &"a".repeat(81)).is_err());
    }

    #[test]
    fn ages_count_whole_years_including_leap_birthdays() {
        assert_eq!(age_on(date(2008, 11, 27), date(2026, 11, 27)), 18);
        assert_eq!(age_on(date(2008, 11, 28), date(2026, 11, 27)), 17);
        assert_eq!(age_on(date(2008, 2, 29), date(2026, 2, 28)), 17);
        assert_eq!(age_on(date(2008, 2, 29), date(2026, 3, 1)), 18);
    }

    #[test]
    fn the_programme_takes_sixteen_to_twenty_five_year_olds() {
        let today = date(2026, 11, 27);
        assert_eq!(check_programme_age(date(2010, 11, 27), today), Ok(16));
        assert_eq!(check_programme_age(date(2000, 11, 28), today), Ok(25));
        let too_young = check_programme_age(date(2010, 11, 28), today).expect_err("15");
        assert!(too_young.message.contains("15 ans"));
        assert!(
            check_programme_age(date(2000, 11, 27), today).is_err(),
            "26 on the day"
        );
        assert!(
            check_programme_age(date(2027, 1, 1), today).is_err(),
            "future"
        );
    }

    #[test]
    fn genders_round_trip_and_refuse_the_unknown() {
        for gender in Gender::ALL {
            assert_eq!(Gender::parse(gender.code()), Ok(gender));
        }
        assert!(Gender::parse("f").is_err());
    }
}
