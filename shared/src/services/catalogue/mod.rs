//! The workshop catalogue: workshop types kept by staff. `workshop_types` holds what its use
//! cases share.
//!
//! Rules: coordinators and counsellors keep the catalogue (`Actor::may_edit_catalogue`); a title
//! is unique whatever its capitals (the unique index has the last word in a race); an archived
//! type stays listed as « archivé » with its sessions and may be restored; sessions already
//! planned keep their own duration and capacity. Each change is audited.

pub(crate) mod archive_workshop_type;
pub(crate) mod create_workshop_type;
pub(crate) mod list_workshop_types;
pub(crate) mod restore_workshop_type;
pub(crate) mod update_workshop_type;
pub(crate) mod view_workshop_type;
pub(crate) mod workshop_types;

pub use archive_workshop_type::archive_workshop_type;
pub use create_workshop_type::create_workshop_type;
pub use list_workshop_types::list_workshop_types;
pub use restore_workshop_type::restore_workshop_type;
pub use update_workshop_type::update_workshop_type;
pub use view_workshop_type::view_workshop_type;
