//! Islands: the only components compiled to wasm and hydrated in the browser. Each one must work
//! as plain HTML first (JavaScript off, forms posting to the server), then improve.

mod check_in_screen;
mod post_form;
mod session_form_check;

pub use check_in_screen::CheckInScreenPanel;
pub use session_form_check::SessionFormCheck;
