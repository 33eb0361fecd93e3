//! Attendance: roll-call, check-in, signatures, closing, corrections, the paper sheet.
//!
//! Pages: the roll-call `/seances/:id/emargement` (one tap per status, walk-ins, « Faire
//! signer », sign and close, « Feuille papier »: print the blank sheet and upload its scan with a
//! plain multipart form, kept sheets, corrections); the check-in screen `/seances/:id/pointage`
//! (island `CheckInScreenPanel`: code and QR code, asked again every 3 s, arrivals to confirm);
//! `/pointer`, where a youth types the code (the QR code opens it filled in); the signature pages
//! `/ateliers/:id/signer` (the youth's phone) and `/seances/:id/emargement/signer/:youth` (the
//! staff's device), with `components::SignaturePad` (plain HTML and an inline script); `/emargements`, the sheets left to close. The PDFs,
//! the blank sheet and the scan's upload are routes of `server/src/routes.rs`. `/verifier`
//! (public) tells whether a PDF is one Ateliers issued; its upload is a route there too.

mod add_walk_in;
mod check_in_with_code;
mod close_attendance_sheet;
mod correct_attendance;
mod list_sheets_to_close;
mod mark_attendance;
mod reopen_paper_sheet;
mod show_check_in_code;
mod sign_attendance_sheet;
mod verify_document;
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
pub use verify_document::*;
pub use view_attendance::*;
pub use view_signature_request::*;
