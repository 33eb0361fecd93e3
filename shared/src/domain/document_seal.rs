//! The seal of an issued PDF, as an auditor reads it: what the file is, for which session,
//! issued when and by whom. The statement is signed as JSON, so its field order is part of the
//! signature: add fields at the end only.

use serde::{Deserialize, Serialize};

/// Characters of a verification code: 10 of base32 (50 bits), unguessable enough that the
/// register cannot be walked, short enough for a URL typed from paper.
pub const SEAL_CODE_LENGTH: usize = 10;
const SEAL_CODE_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/// What kind of PDF was sealed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SealedKind {
    /// The sheet as closed.
    ClosedSheet,
    /// The sheet printed again after its n-th correction.
    CorrectedSheet(u32),
    /// The scan of a paper sheet, filed by a counsellor.
    PaperScan,
}

/// The statement signed for each issued PDF.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SealedDocument {
    pub code: String,
    /// SHA-256 of the file's bytes, hex.
    pub sha256: String,
    pub kind: SealedKind,
    pub session_id: i32,
    pub workshop_title: String,
    /// « mardi 15 décembre 2026 »
    pub day: String,
    pub mission_locale: String,
    /// « 15/12/2026 à 18 h 42 (heure de Paris) », when the sheet was closed.
    pub closed_at: Option<String>,
    /// Who closed it (facilitator or counsellor), as their name was then.
    pub closed_by: Option<String>,
    /// When and by whom this file was issued (the closer, the corrector, the filer).
    pub issued_at: String,
    pub issued_by: String,
}

impl SealedDocument {
    /// « Feuille authentique : séance … du …, clôturée le … par … », the first line of the
    /// verification page.
    pub fn verdict(&self) -> String {
        let what = match self.kind {
            SealedKind::ClosedSheet => "Feuille authentique".to_owned(),
            SealedKind::CorrectedSheet(number) => {
                format!("Feuille authentique (version corrigée n° {number})")
            }
            SealedKind::PaperScan => "Scan authentique de la feuille papier".to_owned(),
        };
        let closing = match (&self.closed_at, &self.closed_by) {
            (Some(at), Some(by)) => format!(", clôturée le {at} par {by}"),
            _ => String::new(),
        };
        format!(
            "{what} : séance « {} » du {}{closing}.",
            self.workshop_title, self.day
        )
    }

    /// « Délivrée le … par … » (or « Déposé » for a scan).
    pub fn issuance(&self) -> String {
        let verb = match self.kind {
            SealedKind::PaperScan => "Déposé",
            _ => "Délivrée",
        };
        format!("{verb} le {} par {}.", self.issued_at, self.issued_by)
    }
}

/// What `/verifier` and `ateliers verify` answer about a file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DocumentVerdict {
    /// In the register, its statement signed by this installation's key.
    Authentic(Box<SealedDocument>),
    /// Unknown bytes: another file, an altered one, or one from another installation.
    Unknown,
}

/// The answer for a file that is not authentic.
pub const NOT_ISSUED: &str = "Ce fichier n'a pas été délivré par Ateliers ou a été modifié depuis.";

impl DocumentVerdict {
    /// The sentence shown first.
    pub fn headline(&self) -> String {
        match self {
            Self::Authentic(document) => document.verdict(),
            Self::Unknown => NOT_ISSUED.to_owned(),
        }
    }
}

/// What the verification page shows of the installation: where its PDFs point, and the public
/// half of its key, for anyone who checks a statement with their own tools.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SealKeyView {
    /// Ed25519 public key, base64url without padding.
    pub public_key: String,
}

/// A verification code as typed or scanned: upper-cased, only the code's alphabet.
pub fn parse_seal_code(typed: &str) -> Option<String> {
    let code = typed.trim().to_ascii_uppercase();
    (code.len() == SEAL_CODE_LENGTH && code.bytes().all(|c| SEAL_CODE_ALPHABET.contains(&c)))
        .then_some(code)
}

/// A fingerprint as a URL carries it: 64 lowercase hex digits.
pub fn parse_sha256_hex(typed: &str) -> Option<String> {
    let hex = typed.trim().to_ascii_lowercase();
    (hex.len() == 64 && hex.bytes().all(|c| c.is_ascii_hexdigit())).then_some(hex)
}

/// A code from random bytes (one byte per character; the alphabet has 31 letters, so the
/// small bias costs well under a bit).
pub fn seal_code_from(random: &[u8; SEAL_CODE_LENGTH]) -> String {
    random
        .iter()
        .map(|byte| char::from(SEAL_CODE_ALPHABET[usize::from(*byte) % SEAL_CODE_ALPHABET.len()]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(kind: SealedKind) -> SealedDocument {
        SealedDocument {
            code: "ABCDEFGH23".into(),
            sha256: "0".repeat(64),
            kind,
            session_id: 7,
            workshop_title: "Atelier CV".into(),
            day: "mardi 15 décembre 2026".into(),
            mission_locale: "Mission Locale de Bondy".into(),
            closed_at: Some("15/12/2026 à 18 h 42 (heure de Paris)".into()),
            closed_by: Some("Léa Martin".into()),
            issued_at: "15/12/2026 à 18 h 42 (heure de Paris)".into(),
            issued_by: "Léa Martin".into(),
        }
    }

    #[test]
    fn the_verdict_says_what_the_auditor_holds() {
        assert_eq!(
            sheet(SealedKind::ClosedSheet).verdict(),
            "Feuille authentique : séance « Atelier CV » du mardi 15 décembre 2026, clôturée \
             le 15/12/2026 à 18 h 42 (heure de Paris) par Léa Martin."
        );
        assert!(
            sheet(SealedKind::CorrectedSheet(2))
                .verdict()
                .starts_with("Feuille authentique (version corrigée n° 2)")
        );
        assert!(
            sheet(SealedKind::PaperScan)
                .issuance()
                .starts_with("Déposé le")
        );
        assert_eq!(DocumentVerdict::Unknown.headline(), NOT_ISSUED);
    }

    #[test]
    fn codes_and_fingerprints_are_parsed_from_what_people_type() {
        let code = seal_code_from(&[0, 1, 2, 3, 30, 31, 62, 200, 255, 9]);
        assert_eq!(code.len(), SEAL_CODE_LENGTH);
        assert_eq!(
            parse_seal_code(&format!(" {} ", code.to_lowercase())),
            Some(code)
        );
        for bad in ["", "ABC", "ABCDEFGHI0", "ABCDEFGHIJ", "../../etc/pa"] {
            assert_eq!(parse_seal_code(bad), None, "{bad}");
        }
        assert!(parse_sha256_hex(&"Ab".repeat(32)).is_some());
        assert!(parse_sha256_hex(&"zz".repeat(32)).is_none());
    }
}
