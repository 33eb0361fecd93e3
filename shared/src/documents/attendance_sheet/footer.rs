//! The footer every page ends with, drawn once the page count is known.

use pdf_writer::Content;

use crate::domain::AttendanceSheetDocument;

use super::fonts::{FOOTER, FOOTER_STRONG, show};
use super::layout::{CONTENT_WIDTH, FOOTER_BASELINE, MARGIN_X, PAGE_WIDTH};
use super::measure::{text_width, wrap};

/// What every page ends with: the EU mention, the fingerprint, the date, the page number.
pub(super) struct Footer {
    eu_mention: Vec<String>,
    fingerprint: String,
    made_at: String,
}

impl Footer {
    pub(super) fn new(document: &AttendanceSheetDocument) -> Footer {
        Footer {
            eu_mention: wrap(&document.eu_mention, &FOOTER, CONTENT_WIDTH),
            fingerprint: match &document.verification_url {
                Some(url) => format!(
                    "Empreinte SHA-256 : {} · Vérification : {url}",
                    document.fingerprint
                ),
                None => format!("Empreinte SHA-256 : {}", document.fingerprint),
            },
            made_at: format!("Document établi le {}", document.made_at),
        }
    }

    /// Where the rule above the footer runs; the body stops above it.
    pub(super) fn top(&self) -> f32 {
        let lines_above_last = self.eu_mention.len() as f32 + 1.0;
        FOOTER_BASELINE + lines_above_last * FOOTER.leading + FOOTER.size + 4.0
    }

    pub(super) fn draw(&self, content: &mut Content, page_number: usize, page_count: usize) {
        let top = self.top();
        content.save_state();
        content.set_line_width(0.5).set_stroke_gray(0.55);
        content
            .move_to(MARGIN_X, top)
            .line_to(PAGE_WIDTH - MARGIN_X, top)
            .stroke();
        content.restore_state();
        let mut baseline = top - 4.0 - FOOTER.size;
        for line in self.eu_mention.iter().chain([&self.fingerprint]) {
            show(content, &FOOTER, MARGIN_X, baseline, line);
            baseline -= FOOTER.leading;
        }
        show(content, &FOOTER, MARGIN_X, FOOTER_BASELINE, &self.made_at);
        let page = format!("Page {page_number} / {page_count}");
        let page_left = PAGE_WIDTH - MARGIN_X - text_width(&page, &FOOTER_STRONG);
        show(content, &FOOTER_STRONG, page_left, FOOTER_BASELINE, &page);
    }
}
