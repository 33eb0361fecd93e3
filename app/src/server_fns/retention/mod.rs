//! Retention: what Ateliers keeps, how long, and the daily minimisation.
//!
//! Pages: `/conservation` (coordinators): the settings in force, the youths the daily job will
//! minimise within 30 days, holds placed and lifted; on a youth's file, their erasure request; `/confidentialite` (everyone, linked from
//! every page's footer): what is kept, why, for how long, and how to exercise one's rights.

mod erase_youth_data;
mod hold_minimisation;
mod lift_minimisation_hold;
mod preview_minimisation;
mod view_privacy_notice;

pub use erase_youth_data::*;
pub use hold_minimisation::*;
pub use lift_minimisation_hold::*;
pub use preview_minimisation::*;
pub use view_privacy_notice::*;
