//! What follows the table: who closed the sheet (or the box to sign it on paper), then every
//! correction made since.

use crate::domain::{AttendanceSheetDocument, SheetCorrection, SheetEdition};

use super::fonts::{CELL, FIELD, FIELD_LABEL, HEADING, show};
use super::layout::{CONTENT_WIDTH, MARGIN_X, SheetPages};
use super::measure::wrap;
use super::signature::draw_signature;

const CLOSING_SIGNATURE_BOX: (f32, f32) = (150.0, 45.0);

pub(super) fn draw_closing(sheet: &mut SheetPages, document: &AttendanceSheetDocument) {
    sheet.y -= 12.0;
    match (&document.closing, document.edition) {
        (Some(signer), _) => {
            let text = format!(
                "Clôturée par {} ({}) le {}",
                signer.name, signer.role, signer.signed_at
            );
            let lines = wrap(&text, &FIELD, CONTENT_WIDTH);
            // The words and the signature they announce stay on the same page.
            sheet.ensure_room(lines.len() as f32 * FIELD.leading + CLOSING_SIGNATURE_BOX.1 + 4.0);
            for line in &lines {
                sheet.line(&FIELD, MARGIN_X, line);
            }
            let top = sheet.y - 2.0;
            draw_signature(
                &mut sheet.current,
                &signer.signature,
                MARGIN_X,
                top,
                CLOSING_SIGNATURE_BOX,
            );
            sheet.y -= CLOSING_SIGNATURE_BOX.1 + 4.0;
        }
        (None, SheetEdition::BlankForPaper) => {
            let box_height = 50.0;
            let text = "Clôture : nom, fonction, date et signature de l'intervenant·e ou du/de la conseiller·ère";
            sheet.ensure_room(FIELD.leading + box_height + 4.0);
            sheet.line(&FIELD_LABEL, MARGIN_X, text);
            let top = sheet.y - 2.0;
            sheet.current.save_state();
            sheet.current.set_line_width(0.5).set_stroke_gray(0.55);
            sheet
                .current
                .rect(MARGIN_X, top - box_height, 260.0, box_height)
                .stroke();
            sheet.current.restore_state();
            sheet.y -= box_height + 4.0;
        }
        (None, _) => sheet.paragraph(
            &FIELD,
            "Feuille non clôturée : aucune signature de clôture.",
        ),
    }
}

pub(super) fn correction_text(correction: &SheetCorrection) -> String {
    format!(
        "{} : {} → {} — raison : {} — par {}, le {}",
        correction.youth,
        correction.from.label(),
        correction.to.label(),
        correction.reason,
        correction.by,
        correction.at
    )
}

pub(super) fn draw_corrections(sheet: &mut SheetPages, corrections: &[SheetCorrection]) {
    if corrections.is_empty() {
        return;
    }
    let indent = 10.0;
    let paragraphs: Vec<Vec<String>> = corrections
        .iter()
        .map(|correction| wrap(&correction_text(correction), &CELL, CONTENT_WIDTH - indent))
        .collect();
    sheet.y -= 10.0;
    // The heading stays with the first correction.
    let first_height = paragraphs.first().map_or(0, Vec::len) as f32 * CELL.leading;
    sheet.ensure_room(HEADING.leading + first_height);
    sheet.line(&HEADING, MARGIN_X, "Corrections après clôture");
    for lines in paragraphs {
        // Kept whole on one page (a reason is at most 500 characters: a few lines).
        sheet.ensure_room(lines.len() as f32 * CELL.leading);
        for (index, line) in lines.iter().enumerate() {
            let baseline = sheet.next_baseline(&CELL);
            if index == 0 {
                show(&mut sheet.current, &CELL, MARGIN_X, baseline, "•");
            }
            show(&mut sheet.current, &CELL, MARGIN_X + indent, baseline, line);
        }
        sheet.y -= 3.0;
    }
}
