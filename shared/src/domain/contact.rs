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

/// A French phone number, stored in international form (`+33612345678`), shown the French way
/// (`06 12 34 56 78`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PhoneNumber(String);

impl PhoneNumber {
    /// Accepts `06 12 34 56 78`, `06.12.34.56.78`, `+33 6 12 34 56 78`, `0033612345678`...
    pub fn parse(input: &str) -> Result<Self, InvalidInput> {
        let invalid = || {
            InvalidInput::new(
                "phone",
                "Ce numéro de téléphone n'est pas valide. Exemple : 06 12 34 56 78",
            )
        };
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
        let national = if let Some(rest) = compact.strip_prefix("+33") {
            format!("0{}", rest.strip_prefix('0').unwrap_or(rest))
        } else if let Some(rest) = compact.strip_prefix("0033") {
            format!("0{rest}")
        } else {
            compact
        };
        let digits = national.as_bytes();
        let valid = digits.len() == 10
            && digits.iter().all(u8::is_ascii_digit)
            && digits[0] == b'0'
            && digits[1] != b'0';
        if !valid {
            return Err(invalid());
        }
        Ok(Self(format!("+33{}", &national[1..])))
    }

    /// `+33612345678`
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
        let digits = format!("0{}", &self.0[3..]);
        digits
            .as_bytes()
            .chunks(2)
            .map(|pair| String::from_utf8_lossy(pair).into_owned())
            .collect::<Vec<_>>()
            .join(" ")
    }
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
}
