//! Places: sites, their rooms and closing days.
//!
//! Rules: every staff member reads the federation's places; a site (name, full address, opening
//! hours, accessibility), its rooms (capacity 1–200) and its closing days are added and kept by
//! coordinators and the counsellors of the site's Mission Locale (`Actor::may_edit_site`).
//! Closing days make planning warn (`domain::day_warnings`), never refuse. Each change is audited.

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
