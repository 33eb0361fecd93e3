//! People's files: youths (with their path and contacts), guest facilitators and staff
//! accounts. `youth_files` and `youth_contacts` read what the youth pages share;
//! `people_records` holds the steps every kind of file shares.
//!
//! Rules:
//! - A person is one `people` row (one email, unique, one sign-in identity) plus a profile:
//!   `staff_members` (coordinator or counsellor, specialities), `youths` (programme dates,
//!   sensitive flags) or `facilitators`.
//! - Youths' files: created with a welcome mail, edited, archived (never deleted), listed, read
//!   with their history and path. The referent is a counsellor of the Mission Locale, changed
//!   only by the referent or a coordinator. A save from a form older than the file
//!   (`youths.version`, a hidden field) is refused (`PeopleRefusal::YouthChangedMeanwhile`).
//! - Guest facilitators: added with a welcome mail holding a sign-in link, edited, archived and
//!   restored by coordinators and the counsellors of the Mission Locales whose sessions they run
//!   (before their first session, whoever added them: `facilitators.added_by`); every staff
//!   member reads them.
//! - Staff accounts: coordinators open them (the first password is chosen from a mailed link,
//!   never sent; the first coordinator comes from `ateliers create-coordinator`), correct them
//!   (role, Mission Locale, specialities) and archive them, refused while a counsellor is still
//!   the referent of youths in the programme.
//! - An email changed (youth, facilitator, staff): `retire_old_address`, in the transaction of
//!   the change.
//! - Every change to a file is audited: which fields, never the sensitive values nor the
//!   addresses (`domain::audit`).
//! - Individual contacts (interview, call, video, message: `domain::individual_contact`) are
//!   recorded by whoever may edit the file; they count in the path and end a no-contact gap.
//! - A copy of everything held about a youth (`export_youth_data`, `domain::youth_archive`):
//!   for the youth, their referent or a coordinator; audited.
//! - `load_home`: each role's home (`domain::Home`), a youth's own contacts (day and kind) in it.

pub(crate) mod archive_facilitator;
pub(crate) mod archive_staff_member;
pub(crate) mod archive_youth;
pub(crate) mod create_facilitator;
pub(crate) mod create_first_coordinator;
pub(crate) mod create_staff_member;
pub(crate) mod create_youth;
pub(crate) mod export_youth_data;
pub(crate) mod list_facilitators;
pub(crate) mod list_referent_options;
pub(crate) mod list_staff;
pub(crate) mod list_youths;
pub(crate) mod load_home;
pub(crate) mod people_records;
pub(crate) mod record_individual_contact;
pub(crate) mod restore_facilitator;
pub(crate) mod retire_old_address;
pub(crate) mod update_facilitator;
pub(crate) mod update_staff_member;
pub(crate) mod update_youth;
pub(crate) mod view_facilitator;
pub(crate) mod view_staff_member;
pub(crate) mod view_youth;
pub(crate) mod youth_contacts;
pub(crate) mod youth_files;

pub use archive_facilitator::archive_facilitator;
pub use archive_staff_member::archive_staff_member;
pub use archive_youth::archive_youth;
pub use create_facilitator::create_facilitator;
pub use create_first_coordinator::{
    FirstCoordinator, FirstCoordinatorOutcome, create_first_coordinator,
};
pub use create_staff_member::create_staff_member;
pub use create_youth::create_youth;
pub use export_youth_data::export_youth_data;
pub use list_facilitators::list_facilitators;
pub use list_referent_options::list_referent_options;
pub use list_staff::{list_mission_locales, list_staff};
pub use list_youths::{YouthListFilter, list_youths};
pub use load_home::load_home;
pub use record_individual_contact::record_individual_contact;
pub use restore_facilitator::restore_facilitator;
pub use update_facilitator::update_facilitator;
pub use update_staff_member::update_staff_member;
pub use update_youth::update_youth;
pub use view_facilitator::view_facilitator;
pub use view_staff_member::view_staff_member;
pub use view_youth::view_youth;
