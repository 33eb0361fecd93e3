//! The federation's Ed25519 key, which signs the register of issued PDFs
//! (`services::attendance::document_seals`). The key is `SEAL_KEY` when the operator sets it
//! (to keep the same key across installations and publish its public half ahead), otherwise
//! made at first start and kept in the database like the other server keys. Reasons:
//! `docs/decisions/0016-sealed-documents.md`.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use rand_core::{OsRng, RngCore};
use sha2::{Digest, Sha256};

use crate::domain::{SEAL_CODE_LENGTH, seal_code_from};

/// The server key's purpose in `server_keys` when `SEAL_KEY` is not set.
pub const SEAL_KEY_NAME: &str = "document_seal";

#[derive(Clone)]
pub struct DocumentSealer {
    key: SigningKey,
    /// Where printed verification links point (`PUBLIC_URL`).
    site_url: String,
}

impl std::fmt::Debug for DocumentSealer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the private half.
        f.debug_struct("DocumentSealer")
            .field("public_key", &self.public_key())
            .finish()
    }
}

/// `SEAL_KEY` is not 32 bytes in base64url.
#[derive(Debug, thiserror::Error)]
#[error("SEAL_KEY doit être 32 octets en base64url (43 caractères) / must be 32 bytes, base64url")]
pub struct InvalidSealKey;

impl DocumentSealer {
    /// From `SEAL_KEY` (32 bytes, base64url): the key's seed itself.
    pub fn from_setting(seal_key: &str, site_url: &str) -> Result<Self, InvalidSealKey> {
        let bytes = URL_SAFE_NO_PAD
            .decode(seal_key.trim().trim_end_matches('='))
            .map_err(|_| InvalidSealKey)?;
        let seed: [u8; 32] = bytes.try_into().map_err(|_| InvalidSealKey)?;
        Ok(Self::from_seed(seed, site_url))
    }

    /// From a server key kept in the database (any length): its SHA-256 is the seed.
    pub fn from_server_key(secret: &[u8], site_url: &str) -> Self {
        Self::from_seed(Sha256::digest(secret).into(), site_url)
    }

    fn from_seed(seed: [u8; 32], site_url: &str) -> Self {
        Self {
            key: SigningKey::from_bytes(&seed),
            site_url: site_url.trim_end_matches('/').to_owned(),
        }
    }

    /// A fresh seed for `SEAL_KEY` (`ateliers seal-key`).
    pub fn generate_setting() -> String {
        let mut seed = [0u8; 32];
        OsRng.fill_bytes(&mut seed);
        URL_SAFE_NO_PAD.encode(seed)
    }

    /// The public half, base64url: shown on `/verifier`, kept beside each seal.
    pub fn public_key(&self) -> String {
        URL_SAFE_NO_PAD.encode(self.key.verifying_key().as_bytes())
    }

    pub fn sign(&self, statement: &[u8]) -> String {
        URL_SAFE_NO_PAD.encode(self.key.sign(statement).to_bytes())
    }

    /// Whether `signature` is this installation's over `statement`, and `public_key` its key.
    pub fn signed_here(&self, statement: &[u8], signature: &str, public_key: &str) -> bool {
        public_key == self.public_key() && verify(statement, signature, public_key)
    }

    /// A new random verification code.
    pub fn new_code(&self) -> String {
        let mut random = [0u8; SEAL_CODE_LENGTH];
        OsRng.fill_bytes(&mut random);
        seal_code_from(&random)
    }

    /// The short URL printed on the PDF and in its QR code.
    pub fn verification_url(&self, code: &str) -> String {
        format!("{}/verifier/{code}", self.site_url)
    }
}

/// Checks an Ed25519 signature with a public key, both base64url: what anyone can do with the
/// key shown on `/verifier`.
pub fn verify(statement: &[u8], signature: &str, public_key: &str) -> bool {
    let key = URL_SAFE_NO_PAD
        .decode(public_key)
        .ok()
        .and_then(|bytes| <[u8; 32]>::try_from(bytes).ok())
        .and_then(|bytes| VerifyingKey::from_bytes(&bytes).ok());
    let signature = URL_SAFE_NO_PAD
        .decode(signature)
        .ok()
        .and_then(|bytes| <[u8; 64]>::try_from(bytes).ok())
        .map(|bytes| Signature::from_bytes(&bytes));
    match (key, signature) {
        (Some(key), Some(signature)) => key.verify(statement, &signature).is_ok(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_statement_signed_here_verifies_and_a_changed_one_does_not() {
        let sealer = DocumentSealer::from_server_key(b"one installation", "https://a.fr/");
        let other = DocumentSealer::from_server_key(b"another installation", "https://b.fr");
        let signature = sealer.sign(b"statement");
        assert!(sealer.signed_here(b"statement", &signature, &sealer.public_key()));
        assert!(!sealer.signed_here(b"statemenT", &signature, &sealer.public_key()));
        assert!(!other.signed_here(b"statement", &signature, &sealer.public_key()));
        assert!(!sealer.signed_here(b"statement", "not base64!", &sealer.public_key()));
        assert_eq!(
            sealer.verification_url("ABCDEFGH23"),
            "https://a.fr/verifier/ABCDEFGH23"
        );
    }

    #[test]
    fn seal_key_settings_are_32_bytes() {
        let setting = DocumentSealer::generate_setting();
        let sealer = DocumentSealer::from_setting(&setting, "https://a.fr").unwrap();
        assert_eq!(
            sealer.public_key(),
            DocumentSealer::from_setting(&setting, "https://a.fr")
                .unwrap()
                .public_key()
        );
        assert!(DocumentSealer::from_setting("short", "https://a.fr").is_err());
        assert!(!format!("{sealer:?}").contains(&setting));
    }
}
