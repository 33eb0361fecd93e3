//! Signing in and out: emailed links, passwords and their reset, sessions, who holds a
//! cookie, and the rate limits that guard them.

pub(crate) mod check_rate_limit;
pub(crate) mod describe_actor;
pub(crate) mod identify_actor;
pub(crate) mod issue_emailed_link;
pub(crate) mod redeem_sign_in_link;
pub(crate) mod request_password_reset;
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
pub use redeem_sign_in_link::{LINK_NO_LONGER_VALID, redeem_sign_in_link};
pub use request_password_reset::request_password_reset;
pub use request_sign_in_link::request_sign_in_link;
pub use reset_password::{RESET_LINK_NO_LONGER_VALID, reset_password};
pub use sign_in_with_password::{WRONG_CREDENTIALS, sign_in_with_password};
pub(crate) use start_login_session::start_login_session;
pub use start_login_session::{LINK_SESSION_LIFETIME, STAFF_SESSION_LIFETIME, SignedIn};
