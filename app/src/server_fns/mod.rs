//! Server functions: thin adapters, one file per use case, in a folder per
//! capability (the same folders as `shared::services`). Each reads the state and the actor
//! from context, converts its input, calls one service in `shared` (which asks the access
//! policy) and maps the error. Forms post to them directly, so they work without JavaScript:
//! on success they redirect, on failure the error comes back in the page's URL.

mod attendance;
mod catalogue;
mod enrolment;
mod figures;
mod notifications;
mod people;
mod places;
mod planning;
mod retention;
mod sign_in;
mod sms;

pub use attendance::*;
pub use catalogue::*;
pub use enrolment::*;
pub use figures::*;
pub use notifications::*;
pub use people::*;
pub use places::*;
pub use planning::*;
pub use retention::*;
pub use sign_in::*;
pub use sms::*;
