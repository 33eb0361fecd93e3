//! The attendance sheet (*feuille d'émargement*) as a PDF for the European Social Fund's
//! auditors: who came and when, their finger signatures drawn as vector strokes, who closed
//! the sheet, every correction made since, and the fingerprint tying the paper to the data.
//!
//! Only standard fonts, which every reader has (nothing embedded): Helvetica in
//! WinAnsiEncoding covers French, and Symbol gives the corrections their arrow. A4, paginated;
//! the EU mention and the fingerprint on every page; text that `pdftotext` reads back (the tests
//! do). The same layout, empty, is the blank sheet printed for signing on paper. Written with
//! the `pdf-writer` crate.
//!
//! One module per concern: `layout` stacks lines down the pages, `header`, `table` and
//! `closing` draw the sheet's parts, `signature` its strokes, `footer` what ends each page,
//! `verification` the URL and QR code an issued sheet ends with, `fonts` and `measure` the
//! text, `objects` the PDF file itself.

mod closing;
mod fonts;
mod footer;
mod header;
mod layout;
mod measure;
mod objects;
mod signature;
mod table;
#[cfg(test)]
mod tests;
mod verification;

use crate::domain::{AttendanceSheetDocument, SheetEdition};

use closing::{draw_closing, draw_corrections};
use footer::Footer;
use header::draw_header;
use layout::SheetPages;
use objects::write_pdf;
use table::draw_table;
use verification::draw_verification;

/// The sheet as a PDF: A4 portrait, as many pages as its lines need, each with the table's
/// header, the EU mention, the fingerprint and its page number.
pub fn render_attendance_sheet(document: &AttendanceSheetDocument) -> Vec<u8> {
    let footer = Footer::new(document);
    let mut sheet = SheetPages::new(footer.top() + 8.0, running_title(document));
    draw_header(&mut sheet, document);
    draw_table(&mut sheet, document);
    draw_closing(&mut sheet, document);
    draw_corrections(&mut sheet, &document.corrections);
    if let Some(url) = &document.verification_url {
        draw_verification(&mut sheet, url);
    }
    let mut pages = sheet.into_pages();
    let page_count = pages.len();
    for (index, page) in pages.iter_mut().enumerate() {
        footer.draw(page, index + 1, page_count);
    }
    write_pdf(document, pages)
}

fn edition_suffix(edition: SheetEdition) -> String {
    match edition {
        SheetEdition::Original => String::new(),
        SheetEdition::Corrected(number) => format!(" — version corrigée n° {number}"),
        SheetEdition::BlankForPaper => " — à signer sur papier".to_owned(),
    }
}

fn running_title(document: &AttendanceSheetDocument) -> String {
    format!(
        "Feuille d'émargement — {} — {} (suite)",
        document.workshop_title, document.day
    )
}
