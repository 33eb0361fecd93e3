//! Sites, rooms and closing days. Page: `/lieux`.

mod add_room;
mod add_site_closure;
mod create_site;
mod list_places;
mod update_room;
mod update_site;

pub use add_room::*;
pub use add_site_closure::*;
pub use create_site::*;
pub use list_places::*;
pub use update_room::*;
pub use update_site::*;
