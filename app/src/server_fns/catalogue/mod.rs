//! The workshop catalogue. Pages: `/catalogue`, `/catalogue/nouveau`, `/catalogue/:id`.

mod archive_workshop_type;
mod create_workshop_type;
mod list_workshop_types;
mod restore_workshop_type;
mod update_workshop_type;
mod view_workshop_type;

pub use archive_workshop_type::*;
pub use create_workshop_type::*;
pub use list_workshop_types::*;
pub use restore_workshop_type::*;
pub use update_workshop_type::*;
pub use view_workshop_type::*;
