//! One module per use case, named `verb_noun`. Each takes `&impl ConnectionTrait`, so it runs on
//! the pool or inside a caller's transaction alike.

mod connect_database;
mod deliver_queued_mail;
mod identify_actor;
mod list_upcoming_sessions;
mod load_demo_data;
mod queue_mail;
mod redeem_sign_in_link;
mod request_sign_in_link;

pub use connect_database::connect_database;
pub use deliver_queued_mail::{DeliveryReport, MAX_ATTEMPTS, backoff, deliver_queued_mail};
pub use identify_actor::{identify_actor, sign_out};
pub use list_upcoming_sessions::list_upcoming_sessions;
pub use load_demo_data::load_demo_data;
pub use queue_mail::queue_mail;
pub use redeem_sign_in_link::{
    LINK_NO_LONGER_VALID, LINK_SESSION_LIFETIME, SignedIn, redeem_sign_in_link,
};
pub use request_sign_in_link::{SIGN_IN_LINK_LIFETIME, request_sign_in_link};
