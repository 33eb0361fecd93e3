//! Secrets for signing in: staff passwords (argon2id) and the random tokens behind sign-in
//! links and sessions, of which the database keeps only a hash.

mod password;
mod secret_token;

pub use password::{hash_password, verify_password};
pub use secret_token::{SecretToken, hash_token};
