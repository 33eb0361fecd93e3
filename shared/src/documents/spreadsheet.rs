//! A table for the funder, written as CSV for French Excel or as XLSX.
//!
//! French Excel opens a double-clicked CSV with the Windows code page and `;` as the separator
//! unless told otherwise: the CSV starts with a UTF-8 byte order mark, separates with `;`, writes
//! decimals with a comma and dates as `jj/mm/aaaa`, so accents, numbers and dates read right.
//! Lines end in CRLF (crate `csv`). A text cell starting with `=`, `+`, `-`, `@`, a tab or a CR
//! gets a leading `'`: Excel would run it as a formula.
//!
//! The XLSX (crate `rust_xlsxwriter`) keeps dates and numbers typed, under a bold frozen header;
//! the participants' workbook adds a « Synthèse » sheet.

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, XlsxError};

use crate::domain::french_decimal;

/// One cell, typed so that XLSX keeps numbers and dates as such.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    Integer(i64),
    /// Written with two decimals at most.
    Decimal(f64),
    Date(NaiveDate),
    Empty,
}

impl From<&str> for Cell {
    fn from(text: &str) -> Cell {
        Cell::Text(text.to_owned())
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Cell {
        Cell::Text(text)
    }
}

/// A sheet: a header row, then the rows.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// The XLSX sheet's name (31 characters at most).
    pub name: &'static str,
    pub headers: Vec<&'static str>,
    pub rows: Vec<Vec<Cell>>,
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// The table as CSV for French Excel: BOM, `;`, CRLF, decimal commas, `jj/mm/aaaa`.
pub fn to_csv(table: &Table) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .from_writer(UTF8_BOM.to_vec());
    // Writing to memory cannot fail.
    let _ = writer.write_record(&table.headers);
    for row in &table.rows {
        let _ = writer.write_record(row.iter().map(|cell| match cell {
            Cell::Text(text) => not_a_formula(text),
            Cell::Integer(number) => number.to_string(),
            Cell::Decimal(number) => french_decimal(*number, 2),
            Cell::Date(day) => day.format("%d/%m/%Y").to_string(),
            Cell::Empty => String::new(),
        }));
    }
    writer.into_inner().unwrap_or_default()
}

/// Excel (and LibreOffice) run a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage
/// return as a formula: a name typed as `=HYPERLINK(…)` would become a link in the funder's
/// file. Such text gets a leading apostrophe, as OWASP advises. Numbers are written by the
/// other arms, so a negative number stays a number. (XLSX needs nothing: its text cells are
/// strings, never formulas.)
fn not_a_formula(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// The tables as an XLSX workbook, one sheet each: bold frozen header, typed cells, fitted
/// columns.
pub fn to_xlsx(tables: &[Table]) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let header = Format::new().set_bold();
    let day = Format::new().set_num_format("dd/mm/yyyy");
    let decimal = Format::new().set_num_format("0.0#");
    for table in tables {
        let sheet = workbook.add_worksheet();
        sheet.set_name(table.name)?;
        for (column, title) in table.headers.iter().enumerate() {
            sheet.write_string_with_format(0, column as u16, *title, &header)?;
        }
        for (index, row) in table.rows.iter().enumerate() {
            let line = index as u32 + 1;
            for (column, cell) in row.iter().enumerate() {
                let column = column as u16;
                match cell {
                    Cell::Text(text) => {
                        sheet.write_string(line, column, text)?;
                    }
                    Cell::Integer(number) => {
                        sheet.write_number(line, column, *number as f64)?;
                    }
                    Cell::Decimal(number) => {
                        sheet.write_number_with_format(line, column, *number, &decimal)?;
                    }
                    Cell::Date(date) => {
                        let excel = ExcelDateTime::from_ymd(
                            date.year() as u16,
                            date.month() as u8,
                            date.day() as u8,
                        )?;
                        sheet.write_date_with_format(line, column, &excel, &day)?;
                    }
                    Cell::Empty => {}
                }
            }
        }
        sheet.set_freeze_panes(1, 0)?;
        sheet.autofit();
    }
    workbook.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Table {
        Table {
            name: "Présences",
            headers: vec!["Atelier", "Date", "Heures", "Places"],
            rows: vec![vec![
                Cell::from("CV; « lettre » et \"entretien\""),
                Cell::Date(NaiveDate::from_ymd_opt(2026, 3, 9).unwrap()),
                Cell::Decimal(1.5),
                Cell::Integer(12),
            ]],
        }
    }

    #[test]
    fn csv_opens_in_french_excel() {
        let bytes = to_csv(&table());
        assert!(bytes.starts_with(UTF8_BOM));
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        assert_eq!(
            text,
            "Atelier;Date;Heures;Places\r\n\"CV; « lettre » et \"\"entretien\"\"\";09/03/2026;1,5;12\r\n"
        );
    }

    /// Excel runs a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return as a
    /// formula: such text gets a leading apostrophe; numbers, negative ones too, stay numbers.
    #[test]
    fn csv_text_cannot_run_as_a_formula() {
        let table = Table {
            name: "Participants",
            headers: vec!["Nom", "Écart", "Heures"],
            rows: vec![
                vec![
                    Cell::from("=HYPERLINK(\"http://pirate.example\",\"clic\")"),
                    Cell::Integer(-3),
                    Cell::Decimal(-1.5),
                ],
                vec![
                    Cell::from("+33 6 12"),
                    Cell::from("-2"),
                    Cell::from("@SOMME(A1)"),
                ],
                vec![
                    Cell::from("\t=1+1"),
                    Cell::from("\r=1+1"),
                    Cell::from("N'Diaye"),
                ],
            ],
        };
        let bytes = to_csv(&table);
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(b';')
            .from_reader(&bytes[3..]);
        let rows: Vec<Vec<String>> = reader
            .records()
            .map(|row| row.unwrap().iter().map(str::to_owned).collect())
            .collect();
        assert_eq!(
            rows,
            [
                [
                    "'=HYPERLINK(\"http://pirate.example\",\"clic\")",
                    "-3",
                    "-1,5"
                ],
                ["'+33 6 12", "'-2", "'@SOMME(A1)"],
                ["'\t=1+1", "'\r=1+1", "N'Diaye"],
            ]
        );
    }

    #[test]
    fn xlsx_is_a_zip_workbook() {
        let bytes = to_xlsx(&[table()]).unwrap();
        // A ZIP container (the test in server/tests/api/figures.rs reads it back with calamine).
        assert_eq!(&bytes[..2], b"PK");
    }
}
