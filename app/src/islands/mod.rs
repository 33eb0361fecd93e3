//! Islands: the only components compiled to wasm and hydrated in the browser. Each one must work
//! as plain HTML first (JavaScript off, forms posting to the server), then improve.

mod enrolment_panel;
mod session_form_check;
mod theme_filter;

pub use enrolment_panel::EnrolmentPanel;
pub use session_form_check::SessionFormCheck;
pub use theme_filter::{ThemeFilter, ThemeOption};
