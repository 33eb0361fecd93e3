//! Secrets for signing in: staff passwords (argon2id, at most N computed at once) and the random
//! tokens behind sign-in links and sessions and the codes sent by SMS, of which the database
//! keeps only a hash; and the key that seals the PDFs Ateliers issues.

mod document_sealer;
mod one_time_code;
mod password;
mod password_checks;
mod secret_token;

pub use document_sealer::{DocumentSealer, InvalidSealKey, SEAL_KEY_NAME, verify};
pub use one_time_code::OneTimeCode;
pub use password::{hash_password, verify_password};
pub use password_checks::{BUSY_MESSAGE, PASSWORD_CHECK_WAIT, PasswordChecks, TooBusy};
pub use secret_token::{SecretToken, hash_token};
