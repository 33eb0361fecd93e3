//! People's files: youths, guest facilitators, staff accounts; each role's home.
//!
//! Pages: `/jeunes` (with `?miens=on`, the counsellor's own), `/jeunes/nouveau`, `/jeunes/:id`
//! (with its « Parcours » and the form recording an individual contact); `/intervenants…`;
//! `/equipe…` (coordinators); `/accueil`.

mod archive_facilitator;
mod archive_staff_member;
mod archive_youth;
mod create_facilitator;
mod create_staff_member;
mod create_youth;
mod list_facilitators;
mod list_referent_options;
mod list_staff;
mod list_youths;
mod load_home;
mod record_individual_contact;
mod restore_facilitator;
mod update_facilitator;
mod update_staff_member;
mod update_youth;
mod view_facilitator;
mod view_staff_member;
mod view_youth;

pub use archive_facilitator::*;
pub use archive_staff_member::*;
pub use archive_youth::*;
pub use create_facilitator::*;
pub use create_staff_member::*;
pub use create_youth::*;
pub use list_facilitators::*;
pub use list_referent_options::*;
pub use list_staff::*;
pub use list_youths::*;
pub use load_home::*;
pub use record_individual_contact::*;
pub use restore_facilitator::*;
pub use update_facilitator::*;
pub use update_staff_member::*;
pub use update_youth::*;
pub use view_facilitator::*;
pub use view_staff_member::*;
pub use view_youth::*;
