use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand_core::{OsRng, RngCore};
use sha2::{Digest, Sha256};

/// A random secret (256 bits) for a sign-in link or a session cookie. Only `hash` is stored: a
/// leaked database gives no usable link or session.
pub struct SecretToken {
    /// What the person holds (in the link or the cookie): URL-safe, 43 characters.
    pub token: String,
    /// What the database keeps.
    pub hash: String,
}

impl SecretToken {
    pub fn generate() -> Self {
        let mut bytes = [0u8; 32];
        OsRng.fill_bytes(&mut bytes);
        let token = URL_SAFE_NO_PAD.encode(bytes);
        let hash = hash_token(&token);
        Self { token, hash }
    }
}

impl std::fmt::Debug for SecretToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print the secret itself in logs.
        f.debug_struct("SecretToken")
            .field("hash", &self.hash)
            .finish_non_exhaustive()
    }
}

/// The stored form of a token: SHA-256, hex. Tokens are random and long, so a fast hash is
/// enough (no salt or slow hash needed, unlike passwords).
pub fn hash_token(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_url_safe_unique_and_stored_only_as_hashes() {
        let first = SecretToken::generate();
        let second = SecretToken::generate();
        assert_eq!(first.token.len(), 43);
        assert!(
            first
                .token
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        );
        assert_ne!(first.token, second.token);
        assert_eq!(first.hash, hash_token(&first.token));
        assert_ne!(first.hash, first.token);
        assert_eq!(first.hash.len(), 64);
        assert!(
            !format!("{first:?}").contains(&first.token),
            "Debug never shows the secret"
        );
    }
}
