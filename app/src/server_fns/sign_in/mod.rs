//! Signing in and out: links, codes by SMS, passwords, their reset; who is signed in.
//!
//! Pages: `/connexion` (email for a link, a mobile for a code, or staff's password),
//! `/lien-envoye`, `/code-sms` (the code typed),
//! `/connexion/:token`, `/mot-de-passe-oublie`, `/mot-de-passe/:token`.

mod describe_actor;
mod redeem_sign_in_code;
mod redeem_sign_in_link;
mod request_password_reset;
mod request_sign_in_code;
mod request_sign_in_link;
mod reset_password;
mod sign_in_with_password;
mod sign_out;

pub use describe_actor::*;
pub use redeem_sign_in_code::*;
pub use redeem_sign_in_link::*;
pub use request_password_reset::*;
pub use request_sign_in_code::*;
pub use request_sign_in_link::*;
pub use reset_password::*;
pub use sign_in_with_password::*;
pub use sign_out::*;
