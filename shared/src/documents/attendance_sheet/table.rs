//! The table of youths: one row each, its header repeated on every page it spans.

use pdf_writer::Content;

use crate::domain::{AttendanceSheetDocument, SheetEdition, SheetLine};

use super::fonts::{CELL, COLUMN_TITLE, FIELD, NOTE, show};
use super::layout::{CONTENT_WIDTH, MARGIN_X, SheetPages};
use super::measure::fit;
use super::signature::draw_signature;

/// 40 pt rather than a roomier 44: thirty youths and the closing signature fit on two pages.
const ROW_HEIGHT: f32 = 40.0;
const TABLE_HEADER_HEIGHT: f32 = 18.0;
const CELL_PADDING: f32 = 5.0;
/// Column titles and widths, left to right: they add up to `CONTENT_WIDTH`.
const COLUMNS: [(&str, f32); 5] = [
    ("Nom", 178.0),
    ("Statut", 66.0),
    ("Pointage", 56.0),
    ("Signé à", 56.0),
    ("Signature", 167.0),
];
const SIGNATURE_COLUMN: usize = 4;
/// Room for a signature (width, height); the drawing keeps the pad's 1000:400 aspect.
const ROW_SIGNATURE_BOX: (f32, f32) = (150.0, 36.0);

fn column_left(index: usize) -> f32 {
    MARGIN_X + COLUMNS[..index].iter().map(|(_, width)| width).sum::<f32>()
}

pub(super) fn draw_table(sheet: &mut SheetPages, document: &AttendanceSheetDocument) {
    if document.lines.is_empty() {
        sheet.paragraph(&FIELD, "Aucun·e jeune sur cette feuille.");
        return;
    }
    let blank = document.edition == SheetEdition::BlankForPaper;
    // The header never sits alone at the foot of a page.
    sheet.ensure_room(TABLE_HEADER_HEIGHT + ROW_HEIGHT);
    draw_table_header(sheet);
    for line in &document.lines {
        if sheet.ensure_room(ROW_HEIGHT) {
            draw_table_header(sheet);
        }
        draw_row(&mut sheet.current, sheet.y, line, blank);
        sheet.y -= ROW_HEIGHT;
    }
}

fn draw_table_header(sheet: &mut SheetPages) {
    let top = sheet.y;
    draw_grid(&mut sheet.current, top, TABLE_HEADER_HEIGHT, Some(0.9));
    let baseline = top - TABLE_HEADER_HEIGHT / 2.0 - COLUMN_TITLE.size * 0.35;
    for (index, (title, _)) in COLUMNS.iter().enumerate() {
        let x = column_left(index) + CELL_PADDING;
        show(&mut sheet.current, &COLUMN_TITLE, x, baseline, title);
    }
    sheet.y -= TABLE_HEADER_HEIGHT;
}

/// A row's frame and column rules, filled with `fill` grey if given.
fn draw_grid(content: &mut Content, top: f32, height: f32, fill: Option<f32>) {
    content.save_state();
    content.set_line_width(0.5).set_stroke_gray(0.55);
    content.rect(MARGIN_X, top - height, CONTENT_WIDTH, height);
    match fill {
        Some(gray) => content.set_fill_gray(gray).fill_nonzero_and_stroke(),
        None => content.stroke(),
    };
    for index in 1..COLUMNS.len() {
        let x = column_left(index);
        content.move_to(x, top).line_to(x, top - height);
    }
    content.stroke();
    content.restore_state();
}

fn draw_row(content: &mut Content, top: f32, line: &SheetLine, blank: bool) {
    draw_grid(content, top, ROW_HEIGHT, None);
    let centred_baseline = top - ROW_HEIGHT / 2.0 - CELL.size * 0.35;
    let cell_text = |index: usize| column_left(index) + CELL_PADDING;
    let cell_width = |index: usize| COLUMNS[index].1 - 2.0 * CELL_PADDING;

    let name = fit(&line.name, &CELL, cell_width(0));
    if line.walk_in {
        show(content, &CELL, cell_text(0), top - 16.0, &name);
        show(
            content,
            &NOTE,
            cell_text(0),
            top - 28.0,
            "(sans inscription)",
        );
    } else {
        show(content, &CELL, cell_text(0), centred_baseline, &name);
    }

    // A sheet printed for paper leaves the status and signature to the pen.
    let status = match line.status {
        Some(status) if !blank => status.label(),
        _ => "",
    };
    let cells = [
        status,
        line.checked_in_at.as_deref().unwrap_or_default(),
        line.signed_at.as_deref().unwrap_or_default(),
    ];
    for (index, text) in (1..).zip(cells) {
        let text = fit(text, &CELL, cell_width(index));
        show(content, &CELL, cell_text(index), centred_baseline, &text);
    }

    let signature_left = cell_text(SIGNATURE_COLUMN);
    match (&line.signature, blank) {
        (_, true) => {}
        (Some(signature), false) => {
            let signature_top = top - (ROW_HEIGHT - ROW_SIGNATURE_BOX.1) / 2.0;
            draw_signature(
                content,
                signature,
                signature_left,
                signature_top,
                ROW_SIGNATURE_BOX,
            );
        }
        (None, false) => {
            show(
                content,
                &NOTE,
                signature_left,
                centred_baseline,
                "Pas de signature",
            );
        }
    }
}
