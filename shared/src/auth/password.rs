use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use rand_core::OsRng;

/// An argon2id hash in PHC form (`$argon2id$v=19$m=19456,t=2,p=1$...`), with a fresh random
/// salt, at the parameters OWASP recommends (argon2's defaults).
pub fn hash_password(password: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        // Only impossible parameters make hashing fail; the defaults are valid.
        .unwrap_or_else(|error| unreachable!("argon2 with default parameters failed: {error}"))
}

/// Whether `password` matches `stored` (a PHC string). A malformed stored hash matches nothing.
pub fn verify_password(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .map(|hash| {
            Argon2::default()
                .verify_password(password.as_bytes(), &hash)
                .is_ok()
        })
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_verifies_against_its_own_hash_only() {
        let hash = hash_password("Ateliers-93 c'est parti");
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("Ateliers-93 c'est parti", &hash));
        assert!(!verify_password("ateliers-93 c'est parti", &hash));
        assert!(!verify_password("", &hash));
    }

    #[test]
    fn the_same_password_hashes_differently_each_time() {
        assert_ne!(
            hash_password("même mot de passe"),
            hash_password("même mot de passe")
        );
    }

    #[test]
    fn a_malformed_stored_hash_matches_nothing() {
        assert!(!verify_password("x", "not a hash"));
        assert!(!verify_password("x", ""));
    }
}
