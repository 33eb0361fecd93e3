//! Documents Ateliers prints. For now the attendance sheet (*feuille d'émargement*), as a PDF
//! the European Social Fund's auditors can read and check.

mod attendance_sheet_pdf;

pub use attendance_sheet_pdf::render_attendance_sheet;
