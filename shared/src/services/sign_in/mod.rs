//! Signing in and out: emailed links, passwords and their reset, sessions, who holds a
//! cookie, and the rate limits that guard them.
//!
//! Rules:
//! - `identify_actor` turns a session token into the `Actor`, anonymous when the session is
//!   unknown, expired, revoked or its person archived; `server/src/middleware.rs` runs it for
//!   every request.
//! - A session (`start_login_session`): a fresh random one at every sign-in (the browser's
//!   previous one revoked, `app/src/session.rs`), 60 days for youths and facilitators, 12 hours
//!   for staff; the cookie `ateliers_session` is HttpOnly, SameSite=Lax, Secure over https.
//! - Emailed links (`issue_emailed_link`: sign-in, welcome, password): stored hashed, single
//!   use, one purpose each, 30 minutes (a welcome link 3 days), written with their mail to the
//!   outbox in one transaction. A link or reset request answers the same, and no sooner than
//!   400 ms (`ANSWER_FLOOR`), whether the address is known or not.
//! - Codes by SMS (`request_sign_in_code`, `redeem_sign_in_code`): for youths and guests
//!   with a mobile; six digits, stored hashed with their number, 10 minutes, single use, dead
//!   after 5 wrong tries; asked and answered like links (same answer, same floor, same limits,
//!   counted per number). The SMS says what the code is for and carries no link.
//! - Staff passwords: argon2id (`crate::auth`), at most `PASSWORD_CHECKS_AT_ONCE` computed at
//!   once; the same answer and timing for an unknown address and a wrong password; a reset
//!   revokes every session.
//! - Rate limits (`check_rate_limit`, design in `domain::rate_limits`) are counted in the
//!   database, so all instances share them; a refusal is a 429 with a French message.

pub(crate) mod answer_link_request;
pub(crate) mod check_rate_limit;
pub(crate) mod describe_actor;
pub(crate) mod identify_actor;
pub(crate) mod issue_emailed_link;
pub(crate) mod redeem_sign_in_code;
pub(crate) mod redeem_sign_in_link;
pub(crate) mod request_password_reset;
pub(crate) mod request_sign_in_code;
pub(crate) mod request_sign_in_link;
pub(crate) mod reset_password;
pub(crate) mod sign_in_with_password;
pub(crate) mod start_login_session;

pub(crate) use check_rate_limit::check_attempt_limits;
pub use check_rate_limit::check_rate_limit;
pub use check_rate_limit::{ANSWER_FLOOR, no_sooner_than};
pub use describe_actor::describe_actor;
pub use identify_actor::{identify_actor, sign_out};
pub(crate) use issue_emailed_link::issue_emailed_link;
pub use issue_emailed_link::{
    DEFAULT_MAIL_FOOTER, LinkMail, MailSettings, SIGN_IN_LINK_LIFETIME, WELCOME_LINK_LIFETIME,
};
pub use redeem_sign_in_code::{CODE_TRIES, redeem_sign_in_code};
pub use redeem_sign_in_link::{LINK_NO_LONGER_VALID, redeem_sign_in_link};
pub use request_password_reset::request_password_reset;
pub use request_sign_in_code::{SIGN_IN_CODE_LIFETIME, request_sign_in_code};
pub use request_sign_in_link::request_sign_in_link;
pub use reset_password::reset_password;
pub use sign_in_with_password::sign_in_with_password;
pub(crate) use start_login_session::start_login_session;
pub use start_login_session::{LINK_SESSION_LIFETIME, STAFF_SESSION_LIFETIME, SignedIn};
