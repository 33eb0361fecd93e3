//! How to reach a person. The funder penalises files where over 35% of participants have
//! neither a phone number nor an email, so both are parsed carefully: an email trimmed, its
//! domain in lower case; a French phone number stored as `+33…`, shown as `06 12 34 56 78`.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::InvalidInput;

/// A syntactically valid email address, trimmed, its domain in lower case.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct EmailAddress(String);

impl EmailAddress {
    pub fn parse(input: &str) -> Result<Self, InvalidInput> {
        let trimmed = input.trim();
        let invalid = || {
            InvalidInput::new(
                "email",
                "Cette adresse e-mail n'est pas valide. Exemple : prenom.nom@exemple.fr",
            )
        };
        if trimmed.is_empty() {
            return Err(InvalidInput::new("email", "Indiquez une adresse e-mail."));
        }
        let parsed = email_address::EmailAddress::from_str(trimmed).map_err(|_| invalid())?;
        // Display names ("Inès <ines@x.fr>") and addresses without a dotted domain are refused:
        // mail would not reach them.
        if parsed.email() != trimmed || !parsed.domain().contains('.') {
            return Err(invalid());
        }
        Ok(Self(format!(
            "{}@{}",
            parsed.local_part(),
            parsed.domain().to_lowercase()
        )))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for EmailAddress {
    type Error = InvalidInput;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<EmailAddress> for String {
    fn from(value: EmailAddress) -> Self {
        value.0
    }
}

/// A French phone number, stored in international form (E.164: `+33612345678`, or
/// `+590690123456` for a mobile in Guadeloupe), shown the French way (`06 12 34 56 78`).
///
/// The overseas departments share the French ten-digit plan but not the country code: a number
/// is dialled `0690 12 34 56` in Guadeloupe and reached from anywhere as `+590 690 12 34 56`.
/// Only mobiles ([`PhoneNumber::is_mobile`]) can receive an SMS.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PhoneNumber(String);

/// The overseas departments' prefixes (ARCEP's plan): the first four digits of the national
/// number, the country code they are reached by, and whether the range is mobile.
const OVERSEAS_RANGES: [(&str, &str, bool); 16] = [
    ("0590", "590", false), // Guadeloupe, Saint-Martin, Saint-Barthélemy
    ("0690", "590", true),
    ("0691", "590", true),
    ("0594", "594", false), // Guyane
    ("0694", "594", true),
    ("0596", "596", false), // Martinique
    ("0696", "596", true),
    ("0697", "596", true),
    ("0262", "262", false), // La Réunion
    ("0263", "262", false),
    ("0692", "262", true),
    ("0693", "262", true),
    ("0269", "262", false), // Mayotte
    ("0639", "262", true),
    ("0508", "508", false), // Saint-Pierre-et-Miquelon
    ("0708", "508", true),
];

impl PhoneNumber {
    /// Accepts `06 12 34 56 78`, `06.12.34.56.78`, `+33 6 12 34 56 78`, `0033612345678`,
    /// `0690 12 34 56`, `+590 690 12 34 56`...
    pub fn parse(input: &str) -> Result<Self, InvalidInput> {
        let compact: String = input
            .trim()
            .chars()
            .filter(|c| !matches!(c, ' ' | '.' | '-' | '(' | ')' | '\u{a0}'))
            .collect();
        if compact.is_empty() {
            return Err(InvalidInput::new(
                "phone",
                "Indiquez un numéro de téléphone.",
            ));
        }
        let national = national_digits(&compact).ok_or_else(|| {
            InvalidInput::new(
                "phone",
                "Ce numéro de téléphone n'est pas valide. Exemple : 06 12 34 56 78",
            )
        })?;
        let country_code = overseas_range(&national).map_or("33", |(_, code, _)| code);
        Ok(Self(format!("+{country_code}{}", &national[1..])))
    }

    /// `+33612345678` (E.164)
    pub fn international(&self) -> &str {
        &self.0
    }

    /// A stored number (`+33612345678`) the French way, for display.
    pub fn display_stored(stored: Option<&str>) -> Option<String> {
        stored
            .and_then(|stored| Self::parse(stored).ok())
            .map(|phone| phone.national())
    }

    /// `06 12 34 56 78`
    pub fn national(&self) -> String {
        self.national_digits()
            .as_bytes()
            .chunks(2)
            .map(|pair| String::from_utf8_lossy(pair).into_owned())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// A mobile can receive an SMS: 06 and 07 in mainland France, and the overseas
    /// departments' mobile ranges (0690, 0694, 0696, 0692, 0639...). Landlines and the
    /// 08/09 numbers cannot.
    pub fn is_mobile(&self) -> bool {
        let national = self.national_digits();
        match overseas_range(&national) {
            Some((_, _, mobile)) => mobile,
            None => national.starts_with("06") || national.starts_with("07"),
        }
    }

    /// "0612345678": the ten digits dialled in France.
    fn national_digits(&self) -> String {
        let subscriber = OVERSEAS_RANGES
            .iter()
            .find_map(|(_, code, _)| self.0.strip_prefix('+')?.strip_prefix(code))
            .filter(|rest| rest.len() == 9)
            .or_else(|| self.0.strip_prefix("+33"))
            .unwrap_or(&self.0);
        format!("0{subscriber}")
    }
}

/// The ten national digits of a compact spelling (`0612345678`, `+33612345678`,
/// `0033612345678`, `+590690123456`...), if it is a French number.
fn national_digits(compact: &str) -> Option<String> {
    let international = compact
        .strip_prefix('+')
        .or_else(|| compact.strip_prefix("00"));
    let national = match international {
        Some(rest) => {
            let country = ["33", "590", "594", "596", "262", "508"]
                .into_iter()
                .find(|code| rest.starts_with(code))?;
            let subscriber = &rest[country.len()..];
            // "+33 (0)6 12..." keeps a national zero some people write.
            format!("0{}", subscriber.strip_prefix('0').unwrap_or(subscriber))
        }
        None => compact.to_owned(),
    };
    let digits = national.as_bytes();
    let valid = digits.len() == 10
        && digits.iter().all(u8::is_ascii_digit)
        && digits[0] == b'0'
        && digits[1] != b'0';
    valid.then_some(national)
}

fn overseas_range(national: &str) -> Option<(&'static str, &'static str, bool)> {
    OVERSEAS_RANGES
        .iter()
        .copied()
        .find(|(prefix, _, _)| national.starts_with(prefix))
}

impl TryFrom<String> for PhoneNumber {
    type Error = InvalidInput;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<PhoneNumber> for String {
    fn from(value: PhoneNumber) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_trimmed_and_their_domain_lowercased() {
        let email = EmailAddress::parse("  Ines.Kaci@Exemple.FR ").expect("valid");
        assert_eq!(email.as_str(), "Ines.Kaci@exemple.fr");
    }

    #[test]
    fn malformed_emails_are_refused_with_a_french_message() {
        for bad in [
            "ines",
            "ines@",
            "@exemple.fr",
            "ines@exemple",
            "ines kaci@exemple.fr",
            "Inès <ines@exemple.fr>",
        ] {
            let error = EmailAddress::parse(bad).expect_err(bad);
            assert_eq!(error.field, "email");
            assert!(
                error.message.contains("n'est pas valide"),
                "{bad}: {}",
                error.message
            );
        }
        assert_eq!(
            EmailAddress::parse("  ").expect_err("empty").message,
            "Indiquez une adresse e-mail."
        );
    }

    #[test]
    fn french_numbers_in_every_usual_spelling_are_the_same_number() {
        for spelling in [
            "06 12 34 56 78",
            "06.12.34.56.78",
            "0612345678",
            "+33 6 12 34 56 78",
            "+33 (0)6 12 34 56 78",
            "0033612345678",
        ] {
            let phone = PhoneNumber::parse(spelling).expect(spelling);
            assert_eq!(phone.international(), "+33612345678", "{spelling}");
            assert_eq!(phone.national(), "06 12 34 56 78");
        }
    }

    #[test]
    fn wrong_numbers_are_refused() {
        for bad in [
            "06 12 34 56",
            "00 12 34 56 78",
            "612345678",
            "06 12 34 56 78 9",
            "06-12-ab-56-78",
            "+44 7700 900123",
        ] {
            assert_eq!(PhoneNumber::parse(bad).expect_err(bad).field, "phone");
        }
    }

    #[test]
    fn serde_refuses_what_parse_refuses() {
        assert!(serde_json::from_str::<EmailAddress>(r#""not-an-email""#).is_err());
        let phone: PhoneNumber = serde_json::from_str(r#""07 00 00 00 01""#).expect("valid");
        assert_eq!(phone.international(), "+33700000001");
    }

    #[test]
    fn overseas_numbers_get_their_own_country_code() {
        for (spelling, international, national) in [
            ("0690 12 34 56", "+590690123456", "06 90 12 34 56"),
            ("+590 690 12 34 56", "+590690123456", "06 90 12 34 56"),
            ("0696 12 34 56", "+596696123456", "06 96 12 34 56"),
            ("0694 12 34 56", "+594694123456", "06 94 12 34 56"),
            ("0692 12 34 56", "+262692123456", "06 92 12 34 56"),
            ("0639 12 34 56", "+262639123456", "06 39 12 34 56"),
            ("0262 12 34 56", "+262262123456", "02 62 12 34 56"),
            // Typed with the mainland code, still reached through the department's.
            ("+33 6 90 12 34 56", "+590690123456", "06 90 12 34 56"),
        ] {
            let phone = PhoneNumber::parse(spelling).expect(spelling);
            assert_eq!(phone.international(), international, "{spelling}");
            assert_eq!(phone.national(), national, "{spelling}");
            assert_eq!(PhoneNumber::parse(international), Ok(phone), "{spelling}");
        }
    }

    #[test]
    fn only_mobiles_can_receive_an_sms() {
        for mobile in [
            "06 12 34 56 78",
            "07 81 23 45 67",
            "+33 7 00 00 00 01",
            "0690 12 34 56",
            "0639 12 34 56",
            "0697 12 34 56",
        ] {
            assert!(
                PhoneNumber::parse(mobile).expect(mobile).is_mobile(),
                "{mobile}"
            );
        }
        for landline in [
            "01 48 12 34 56",
            "09 72 12 34 56",
            "08 00 12 34 56",
            "0590 12 34 56",
            "0262 12 34 56",
        ] {
            assert!(
                !PhoneNumber::parse(landline).expect(landline).is_mobile(),
                "{landline}"
            );
        }
    }
}
