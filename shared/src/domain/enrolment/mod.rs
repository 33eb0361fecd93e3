//! Enrolment: who may take a place at a session, and the rules of its seats and waiting list.
//!
//! The [`Roster`] is the whole truth about one session's places: registered places never exceed
//! the capacity, a youth holds at most one place, and the waiting list is served first come,
//! first served (by ticket: a number taken once, in the order the database serialised the
//! requests). The services load the roster while holding the session's lock, apply one
//! operation here, and write back the [`RosterChange`]s it returns — which are also the domain
//! events the invitations turn into mail. Enrolling or leaving twice gives the same answer (a
//! double tap, a retried request). Property-tested.
//!
//! - A freed seat goes to the first in line by itself until a per-session cut-off (`PlaceRules`,
//!   default 24 hours before the start), then the counsellor promotes by hand. The capacity
//!   never goes below the youths registered.
//! - A youth takes a place (`check_self_enrolment`) at a published session to come, with its
//!   window open, whose audience admits them, while in the programme (entry to exit, or twelve
//!   months) and aged 16–25 on the day, holding no place at the same time.
//! - A counsellor enrols past the window (`check_staff_enrolment`); an overlapping place or an
//!   ended programme are warnings, the age rule always holds.
//! - A youth cancels a place until a per-session cut-off (default 2 hours before), leaves the
//!   waiting list until the start (`check_self_cancellation`). Each refusal has its French
//!   message (`EnrolmentRefusal`).

mod eligibility;
mod refusal;
mod roster;
mod roster_view;
mod status;

pub use eligibility::{
    PlaceRules, SessionFacts, YouthFacts, check_self_cancellation, check_self_enrolment,
    check_staff_enrolment, check_staff_roster_change, parse_removal_reason,
};
pub use refusal::{EnrolmentRefusal, EnrolmentWarning};
pub use roster::{Departure, Place, Roster, RosterChange};
pub use roster_view::{
    PlaceRecord, RosterLines, SeenYouth, history_sentence, roster_lines, standing_in,
};
pub use status::{EnrolmentEventKind, EnrolmentMethod, EnrolmentStatus, Standing};
