//! Attendance: the roll-call and its sheet, the check-in screen and code, the signatures, and
//! the sheets still to close.

mod check_in;
mod close_sheet;
mod correction_form;
mod kept_sheets;
mod paper_sheet;
mod roll_call_line;
mod sheet_page;
mod sheets_to_close;
mod signature;

pub use check_in::{CheckInPage, CheckInScreenPage};
pub use sheet_page::AttendancePage;
pub use sheets_to_close::SheetsToClosePage;
pub use signature::{CollectSignaturePage, YouthSignaturePage};
