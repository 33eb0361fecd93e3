//! Documents Ateliers prints: the attendance sheet (*feuille d'émargement*), as a PDF the
//! European Social Fund's auditors can read and check, and the funder's exports (CSV, XLSX).

mod attendance_sheet;
mod spreadsheet;

pub use attendance_sheet::render_attendance_sheet;
pub use spreadsheet::{Cell, Table, to_csv, to_xlsx};
