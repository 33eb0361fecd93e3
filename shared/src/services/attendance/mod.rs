//! Attendance: the roll-call, self check-in, signatures, closing, corrections, the paper
//! fallback and the PDFs. `attendance_records` reads and locks the sheet for them all.
//!
//! Rules:
//! - Who takes attendance (roll-call, check-in screen, signatures, closing): the organisers, and
//!   the facilitators and counsellors running the session (`Actor::may_take_attendance`). Who
//!   corrects a closed sheet, files or reopens a paper one: the organisers only
//!   (`may_correct_attendance`, `may_file_paper_sheet`).
//! - Closing needs every youth with a confirmed status and the closer's signature; only an open
//!   sheet closes. It prints the PDF and keeps it in `attendance_documents`, never updated nor
//!   deleted, with the SHA-256 of the sheet's data printed on it. A correction after closing needs
//!   a reason, is logged (`attendance_corrections`) and keeps a corrected PDF beside the original.
//! - The paper fallback: the blank pre-filled sheet is printed and signed; once the session has
//!   started an organiser uploads its scan. In one transaction the open sheet is locked, the scan
//!   kept (`attendance_documents.kind = 'paper_scan'`, the detected type, the SHA-256 of its
//!   bytes) and the sheet set to `paper`. Statuses already marked stay; then marks, signatures,
//!   closing and another scan are refused (a paper sheet has no correction) until an organiser
//!   reopens it with a reason (audited as `paper_sheet_reopened`; the scan kept). The actor and
//!   the session are checked before the upload is read.
//! - `list_sheets_to_close`: sheets still open once their session started, oldest first (a
//!   counsellor's sessions, a guest's, or the federation's for a coordinator), with what is left
//!   to do; the page `/emargements`, and the reminders of `notifications::send_sheet_reminders`.
//! - Every PDF kept is sealed in the register of issued documents (`document_seals`), which
//!   `verify_document` and `view_seal` read for anyone holding a file or its printed code.

pub(crate) mod add_walk_in;
pub(crate) mod attendance_records;
pub(crate) mod check_in_with_code;
pub(crate) mod close_attendance_sheet;
pub(crate) mod correct_attendance;
pub(crate) mod document_seals;
pub(crate) mod download_attendance_document;
pub(crate) mod list_sheets_to_close;
pub(crate) mod mark_attendance;
pub(crate) mod reopen_paper_sheet;
pub(crate) mod show_check_in_code;
pub(crate) mod sign_attendance_sheet;
pub(crate) mod upload_paper_sheet;
pub(crate) mod verify_document;
pub(crate) mod view_attendance;
pub(crate) mod view_seal;
pub(crate) mod view_signature_request;

pub use add_walk_in::add_walk_in;
pub use attendance_records::check_in_code;
pub use check_in_with_code::check_in_with_code;
pub use close_attendance_sheet::{Closed, close_attendance_sheet};
pub use correct_attendance::{StatusCorrection, correct_attendance};
pub use download_attendance_document::{
    DownloadedFile, download_attendance_document, print_blank_attendance_sheet,
};
pub use list_sheets_to_close::list_sheets_to_close;
pub use mark_attendance::mark_attendance;
pub use reopen_paper_sheet::reopen_paper_sheet;
pub use show_check_in_code::show_check_in_code;
pub use sign_attendance_sheet::sign_attendance_sheet;
pub use upload_paper_sheet::upload_paper_sheet;
pub use verify_document::{document_sha256, verify_document, verify_fingerprint};
pub use view_attendance::view_attendance;
pub use view_seal::view_seal;
pub use view_signature_request::view_signature_request;
