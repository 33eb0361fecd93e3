//! Server functions: thin adapters, one file per use case. Each reads the state and the actor
//! from context, converts its input, calls one service in `shared` (which asks the access
//! policy) and maps the error. Forms post to them directly, so they work without JavaScript:
//! on success they redirect, on failure the error comes back in the page's URL.

mod add_room;
mod archive_facilitator;
mod archive_staff_member;
mod archive_youth;
mod create_facilitator;
mod create_site;
mod create_staff_member;
mod create_youth;
mod describe_actor;
mod list_facilitators;
mod list_places;
mod list_referent_options;
mod list_staff;
mod list_upcoming_sessions;
mod list_youths;
mod load_home;
mod local_mail;
mod redeem_sign_in_link;
mod request_password_reset;
mod request_sign_in_link;
mod reset_password;
mod sign_in_with_password;
mod sign_out;
mod update_facilitator;
mod update_room;
mod update_site;
mod update_staff_member;
mod update_youth;
mod view_facilitator;
mod view_staff_member;
mod view_youth;

pub use add_room::*;
pub use archive_facilitator::*;
pub use archive_staff_member::*;
pub use archive_youth::*;
pub use create_facilitator::*;
pub use create_site::*;
pub use create_staff_member::*;
pub use create_youth::*;
pub use describe_actor::*;
pub use list_facilitators::*;
pub use list_places::*;
pub use list_referent_options::*;
pub use list_staff::*;
pub use list_upcoming_sessions::*;
pub use list_youths::*;
pub use load_home::*;
pub use local_mail::*;
pub use redeem_sign_in_link::*;
pub use request_password_reset::*;
pub use request_sign_in_link::*;
pub use reset_password::*;
pub use sign_in_with_password::*;
pub use sign_out::*;
pub use update_facilitator::*;
pub use update_room::*;
pub use update_site::*;
pub use update_staff_member::*;
pub use update_youth::*;
pub use view_facilitator::*;
pub use view_staff_member::*;
pub use view_youth::*;
