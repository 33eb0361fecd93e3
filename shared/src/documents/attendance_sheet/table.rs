//! The table of youths: one row each, its header repeated on every page it spans.

use pdf_writer::Content;

use crate::domain::{AttendanceSheetDocument, SheetEdition, SheetLine, SheetMark};

use super::fonts::{CELL, COLUMN_TITLE, FIELD, NOTE, show};
use super::layout::{CONTENT_WIDTH, MARGIN_X, SheetPages};
use super::measure::fit;
use super::signature::draw_signature;

/// 40 pt rather than a roomier 44: thirty youths and the closing signature fit on two pages.
const ROW_HEIGHT: f32 = 40.0;
const TABLE_HEADER_HEIGHT: f32 = 18.0;
const CELL_PADDING: f32 = 5.0;
/// Column titles and widths of a session of one half-day, left to right: they add up to
/// `CONTENT_WIDTH`.
const ONE_HALF_DAY: [(&str, f32); 5] = [
    ("Nom", 178.0),
    ("Statut", 66.0),
    ("Pointage", 56.0),
    ("Signé à", 56.0),
    ("Signature", 167.0),
];
/// A full day: the name, then for each half-day its status (with the time signed or checked
/// in beneath) and its signature.
const NAME_WIDTH_TWO_HALVES: f32 = 135.0;
const STATUS_WIDTH_TWO_HALVES: f32 = 62.0;
const SIGNATURE_WIDTH_TWO_HALVES: f32 = 132.0;
/// Room for a signature (width, height); the drawing keeps the pad's 1000:400 aspect.
const ROW_SIGNATURE_BOX: (f32, f32) = (150.0, 36.0);
const ROW_SIGNATURE_BOX_TWO_HALVES: (f32, f32) = (122.0, 36.0);

/// The table's columns for the document's half-days: titles and widths.
struct Columns(Vec<(String, f32)>);

impl Columns {
    fn of(document: &AttendanceSheetDocument) -> Columns {
        if document.half_days.len() < 2 {
            return Columns(
                ONE_HALF_DAY
                    .iter()
                    .map(|(title, width)| ((*title).to_owned(), *width))
                    .collect(),
            );
        }
        let mut columns = vec![("Nom".to_owned(), NAME_WIDTH_TWO_HALVES)];
        for half in &document.half_days {
            columns.push((half.name.clone(), STATUS_WIDTH_TWO_HALVES));
            columns.push((
                format!("Signature ({})", half.name.to_lowercase()),
                SIGNATURE_WIDTH_TWO_HALVES,
            ));
        }
        Columns(columns)
    }

    fn left(&self, index: usize) -> f32 {
        MARGIN_X + self.0[..index].iter().map(|(_, width)| width).sum::<f32>()
    }

    fn text_left(&self, index: usize) -> f32 {
        self.left(index) + CELL_PADDING
    }

    fn text_width(&self, index: usize) -> f32 {
        self.0[index].1 - 2.0 * CELL_PADDING
    }
}

pub(super) fn draw_table(sheet: &mut SheetPages, document: &AttendanceSheetDocument) {
    if document.lines.is_empty() {
        sheet.paragraph(&FIELD, "Aucun·e jeune sur cette feuille.");
        return;
    }
    let blank = document.edition == SheetEdition::BlankForPaper;
    let columns = Columns::of(document);
    // The header never sits alone at the foot of a page.
    sheet.ensure_room(TABLE_HEADER_HEIGHT + ROW_HEIGHT);
    draw_table_header(sheet, &columns);
    for line in &document.lines {
        if sheet.ensure_room(ROW_HEIGHT) {
            draw_table_header(sheet, &columns);
        }
        draw_grid(&mut sheet.current, &columns, sheet.y, ROW_HEIGHT, None);
        draw_name(&mut sheet.current, &columns, sheet.y, line);
        if document.half_days.len() < 2 {
            let mark = line.marks.first().cloned().unwrap_or_default();
            draw_one_half_day(&mut sheet.current, &columns, sheet.y, &mark, blank);
        } else {
            for (index, mark) in line.marks.iter().enumerate() {
                draw_half_day(
                    &mut sheet.current,
                    &columns,
                    1 + 2 * index,
                    sheet.y,
                    mark,
                    blank,
                );
            }
        }
        sheet.y -= ROW_HEIGHT;
    }
}

fn draw_table_header(sheet: &mut SheetPages, columns: &Columns) {
    let top = sheet.y;
    draw_grid(
        &mut sheet.current,
        columns,
        top,
        TABLE_HEADER_HEIGHT,
        Some(0.9),
    );
    let baseline = top - TABLE_HEADER_HEIGHT / 2.0 - COLUMN_TITLE.size * 0.35;
    for (index, (title, _)) in columns.0.iter().enumerate() {
        let title = fit(title, &COLUMN_TITLE, columns.text_width(index));
        show(
            &mut sheet.current,
            &COLUMN_TITLE,
            columns.text_left(index),
            baseline,
            &title,
        );
    }
    sheet.y -= TABLE_HEADER_HEIGHT;
}

/// A row's frame and column rules, filled with `fill` grey if given.
fn draw_grid(content: &mut Content, columns: &Columns, top: f32, height: f32, fill: Option<f32>) {
    content.save_state();
    content.set_line_width(0.5).set_stroke_gray(0.55);
    content.rect(MARGIN_X, top - height, CONTENT_WIDTH, height);
    match fill {
        Some(gray) => content.set_fill_gray(gray).fill_nonzero_and_stroke(),
        None => content.stroke(),
    };
    for index in 1..columns.0.len() {
        let x = columns.left(index);
        content.move_to(x, top).line_to(x, top - height);
    }
    content.stroke();
    content.restore_state();
}

fn centred_baseline(top: f32) -> f32 {
    top - ROW_HEIGHT / 2.0 - CELL.size * 0.35
}

fn draw_name(content: &mut Content, columns: &Columns, top: f32, line: &SheetLine) {
    let name = fit(&line.name, &CELL, columns.text_width(0));
    if line.walk_in {
        show(content, &CELL, columns.text_left(0), top - 16.0, &name);
        show(
            content,
            &NOTE,
            columns.text_left(0),
            top - 28.0,
            "(sans inscription)",
        );
    } else {
        show(
            content,
            &CELL,
            columns.text_left(0),
            centred_baseline(top),
            &name,
        );
    }
}

/// Status, check-in and signing times, and the signature, each in its column.
fn draw_one_half_day(
    content: &mut Content,
    columns: &Columns,
    top: f32,
    mark: &SheetMark,
    blank: bool,
) {
    // A sheet printed for paper leaves the status and signature to the pen.
    let status = match mark.status {
        Some(status) if !blank => status.label(),
        _ => "",
    };
    let cells = [
        status,
        mark.checked_in_at.as_deref().unwrap_or_default(),
        mark.signed_at.as_deref().unwrap_or_default(),
    ];
    for (index, text) in (1..).zip(cells) {
        let text = fit(text, &CELL, columns.text_width(index));
        show(
            content,
            &CELL,
            columns.text_left(index),
            centred_baseline(top),
            &text,
        );
    }
    draw_mark_signature(
        content,
        columns.text_left(4),
        top,
        mark,
        blank,
        ROW_SIGNATURE_BOX,
    );
}

/// One half-day of a full day: the status with when it was signed (or checked in) beneath, then
/// the signature.
fn draw_half_day(
    content: &mut Content,
    columns: &Columns,
    status_column: usize,
    top: f32,
    mark: &SheetMark,
    blank: bool,
) {
    if !blank && let Some(status) = mark.status {
        let left = columns.text_left(status_column);
        let width = columns.text_width(status_column);
        show(
            content,
            &CELL,
            left,
            top - 16.0,
            &fit(status.label(), &CELL, width),
        );
        let when = match (&mark.signed_at, &mark.checked_in_at) {
            (Some(signed), _) => format!("signé {signed}"),
            (None, Some(checked_in)) => format!("pointé {checked_in}"),
            (None, None) => String::new(),
        };
        show(content, &NOTE, left, top - 28.0, &fit(&when, &NOTE, width));
    }
    draw_mark_signature(
        content,
        columns.text_left(status_column + 1),
        top,
        mark,
        blank || mark.status.is_none(),
        ROW_SIGNATURE_BOX_TWO_HALVES,
    );
}

fn draw_mark_signature(
    content: &mut Content,
    left: f32,
    top: f32,
    mark: &SheetMark,
    blank: bool,
    signature_box: (f32, f32),
) {
    match (&mark.signature, blank) {
        (_, true) => {}
        (Some(signature), false) => {
            let signature_top = top - (ROW_HEIGHT - signature_box.1) / 2.0;
            draw_signature(content, signature, left, signature_top, signature_box);
        }
        (None, false) => {
            show(
                content,
                &NOTE,
                left,
                centred_baseline(top),
                "Pas de signature",
            );
        }
    }
}
