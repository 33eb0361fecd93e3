//! The page's geometry and the pages themselves, filled top to bottom one line at a time.

use std::mem;

use pdf_writer::Content;

use super::fonts::{FIELD, FIELD_LABEL, RUNNING_TITLE, Style, show};
use super::measure::{fit, text_width, wrap};

pub(super) const PAGE_WIDTH: f32 = 595.0;
pub(super) const PAGE_HEIGHT: f32 = 842.0;
pub(super) const MARGIN_X: f32 = 36.0;
pub(super) const CONTENT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN_X;
pub(super) const BODY_TOP: f32 = PAGE_HEIGHT - 30.0;
/// Baseline of the footer's last line.
pub(super) const FOOTER_BASELINE: f32 = 22.0;

/// The pages laid out top to bottom; footers come last, once the page count is known.
pub(super) struct SheetPages {
    finished: Vec<Content>,
    pub(super) current: Content,
    /// Top of the room left on the current page.
    pub(super) y: f32,
    body_bottom: f32,
    running_title: String,
}

impl SheetPages {
    pub(super) fn new(body_bottom: f32, running_title: String) -> SheetPages {
        SheetPages {
            finished: Vec::new(),
            current: Content::new(),
            y: BODY_TOP,
            body_bottom,
            running_title,
        }
    }

    /// Starts a new page unless `height` still fits; says whether it did.
    pub(super) fn ensure_room(&mut self, height: f32) -> bool {
        if self.y - height >= self.body_bottom {
            return false;
        }
        self.finished
            .push(mem::replace(&mut self.current, Content::new()));
        self.y = BODY_TOP;
        // A loose page still says which sheet it belongs to.
        let title = fit(&self.running_title, &RUNNING_TITLE, CONTENT_WIDTH);
        self.line(&RUNNING_TITLE, MARGIN_X, &title);
        true
    }

    /// Takes room for one line of `style`, on a new page if needed; returns its baseline.
    pub(super) fn next_baseline(&mut self, style: &Style) -> f32 {
        self.ensure_room(style.leading);
        let baseline = self.y - style.size;
        self.y -= style.leading;
        baseline
    }

    pub(super) fn line(&mut self, style: &Style, x: f32, text: &str) {
        let baseline = self.next_baseline(style);
        show(&mut self.current, style, x, baseline, text);
    }

    pub(super) fn paragraph(&mut self, style: &Style, text: &str) {
        for line in wrap(text, style, CONTENT_WIDTH) {
            self.line(style, MARGIN_X, &line);
        }
    }

    /// « Label : value », the value wrapped under itself rather than under the label.
    pub(super) fn labelled(&mut self, label: &str, value: &str) {
        let indent = text_width(label, &FIELD_LABEL);
        for (index, line) in wrap(value, &FIELD, CONTENT_WIDTH - indent)
            .iter()
            .enumerate()
        {
            let baseline = self.next_baseline(&FIELD);
            if index == 0 {
                show(&mut self.current, &FIELD_LABEL, MARGIN_X, baseline, label);
            }
            show(&mut self.current, &FIELD, MARGIN_X + indent, baseline, line);
        }
    }

    /// Short labelled values side by side on one line.
    pub(super) fn labelled_row(&mut self, fields: &[(&str, &str)]) {
        let baseline = self.next_baseline(&FIELD);
        let mut x = MARGIN_X;
        for (label, value) in fields {
            show(&mut self.current, &FIELD_LABEL, x, baseline, label);
            x += text_width(label, &FIELD_LABEL);
            show(&mut self.current, &FIELD, x, baseline, value);
            x += text_width(value, &FIELD) + 28.0;
        }
    }

    pub(super) fn into_pages(mut self) -> Vec<Content> {
        self.finished.push(self.current);
        self.finished
    }
}
