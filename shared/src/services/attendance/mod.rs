//! Attendance: the roll-call, self check-in, signatures, closing, corrections, the paper
//! fallback and the PDFs. `attendance_records` reads and locks the sheet for them all.

pub(crate) mod add_walk_in;
pub(crate) mod attendance_records;
pub(crate) mod check_in_with_code;
pub(crate) mod close_attendance_sheet;
pub(crate) mod correct_attendance;
pub(crate) mod download_attendance_document;
pub(crate) mod list_sheets_to_close;
pub(crate) mod mark_attendance;
pub(crate) mod reopen_paper_sheet;
pub(crate) mod show_check_in_code;
pub(crate) mod sign_attendance_sheet;
pub(crate) mod upload_paper_sheet;
pub(crate) mod view_attendance;
pub(crate) mod view_signature_request;

pub use add_walk_in::add_walk_in;
pub use attendance_records::check_in_code;
pub use check_in_with_code::{UNKNOWN_CHECK_IN_CODE, check_in_with_code};
pub use close_attendance_sheet::close_attendance_sheet;
pub use correct_attendance::correct_attendance;
pub use download_attendance_document::{
    DownloadedFile, download_attendance_document, print_blank_attendance_sheet,
};
pub use list_sheets_to_close::list_sheets_to_close;
pub use mark_attendance::mark_attendance;
pub use reopen_paper_sheet::reopen_paper_sheet;
pub use show_check_in_code::show_check_in_code;
pub use sign_attendance_sheet::sign_attendance_sheet;
pub use upload_paper_sheet::upload_paper_sheet;
pub use view_attendance::view_attendance;
pub use view_signature_request::view_signature_request;
