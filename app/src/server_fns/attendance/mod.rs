//! Attendance: roll-call, check-in, signatures, closing, corrections, the paper sheet.

mod add_walk_in;
mod check_in_with_code;
mod close_attendance_sheet;
mod correct_attendance;
mod list_sheets_to_close;
mod mark_attendance;
mod reopen_paper_sheet;
mod show_check_in_code;
mod sign_attendance_sheet;
mod view_attendance;
mod view_signature_request;

pub use add_walk_in::*;
pub use check_in_with_code::*;
pub use close_attendance_sheet::*;
pub use correct_attendance::*;
pub use list_sheets_to_close::*;
pub use mark_attendance::*;
pub use reopen_paper_sheet::*;
pub use show_check_in_code::*;
pub use sign_attendance_sheet::*;
pub use view_attendance::*;
pub use view_signature_request::*;
