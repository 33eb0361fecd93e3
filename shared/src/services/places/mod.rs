//! Places: sites, their rooms and closing days.

pub(crate) mod add_room;
pub(crate) mod add_site_closure;
pub(crate) mod create_site;
pub(crate) mod list_places;
pub(crate) mod update_room;
pub(crate) mod update_site;

pub use add_room::add_room;
pub use add_site_closure::add_site_closure;
pub use create_site::create_site;
pub use list_places::list_places;
pub use update_room::update_room;
pub use update_site::update_site;
