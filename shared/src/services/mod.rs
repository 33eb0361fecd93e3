//! One module per use case, named `verb_noun`. Each takes `&impl ConnectionTrait`, so it runs on
//! the pool or inside a caller's transaction alike. Services that act for a person take the
//! [`Actor`](crate::domain::Actor) and ask the access policy before anything else.

mod add_room;
mod archive_facilitator;
mod archive_staff_member;
mod archive_youth;
mod check_rate_limit;
mod connect_database;
mod create_facilitator;
mod create_staff_member;
mod create_youth;
mod deliver_queued_mail;
mod describe_actor;
mod identify_actor;
mod issue_emailed_link;
mod list_facilitators;
mod list_places;
mod list_referent_options;
mod list_staff;
mod list_upcoming_sessions;
mod list_youths;
mod load_demo_data;
mod load_home;
mod queue_mail;
mod record_audit_event;
mod redeem_sign_in_link;
mod request_password_reset;
mod request_sign_in_link;
mod reset_password;
mod sign_in_with_password;
mod start_login_session;
mod update_facilitator;
mod update_site;
mod update_youth;
mod view_facilitator;
mod view_youth;
mod youth_files;

pub use add_room::add_room;
pub use archive_facilitator::archive_facilitator;
pub use archive_staff_member::archive_staff_member;
pub use archive_youth::archive_youth;
pub(crate) use check_rate_limit::check_attempt_limits;
pub use check_rate_limit::{RateLimit, check_rate_limit};
pub use connect_database::connect_database;
pub use create_facilitator::create_facilitator;
pub use create_staff_member::create_staff_member;
pub use create_youth::create_youth;
pub use deliver_queued_mail::{DeliveryReport, MAX_ATTEMPTS, backoff, deliver_queued_mail};
pub use describe_actor::describe_actor;
pub use identify_actor::{identify_actor, sign_out};
pub(crate) use issue_emailed_link::issue_emailed_link;
pub use issue_emailed_link::{
    LinkMail, MailSettings, SIGN_IN_LINK_LIFETIME, WELCOME_LINK_LIFETIME,
};
pub use list_facilitators::list_facilitators;
pub use list_places::list_places;
pub use list_referent_options::list_referent_options;
pub use list_staff::{list_mission_locales, list_staff};
pub use list_upcoming_sessions::list_upcoming_sessions;
pub use list_youths::{YouthListFilter, list_youths};
pub use load_demo_data::{DEMO_PASSWORD, demo_accounts, load_demo_data};
pub use load_home::load_home;
pub use queue_mail::queue_mail;
pub use record_audit_event::record_audit_event;
pub use redeem_sign_in_link::{LINK_NO_LONGER_VALID, redeem_sign_in_link};
pub use request_password_reset::request_password_reset;
pub use request_sign_in_link::request_sign_in_link;
pub use reset_password::{RESET_LINK_NO_LONGER_VALID, reset_password};
pub use sign_in_with_password::{WRONG_CREDENTIALS, sign_in_with_password};
pub(crate) use start_login_session::start_login_session;
pub use start_login_session::{LINK_SESSION_LIFETIME, STAFF_SESSION_LIFETIME, SignedIn};
pub use update_facilitator::update_facilitator;
pub use update_site::update_site;
pub use update_youth::update_youth;
pub use view_facilitator::view_facilitator;
pub use view_youth::view_youth;
