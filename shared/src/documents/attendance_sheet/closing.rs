//! What follows the table: who closed the sheet (or the box to sign it on paper), then every
//! correction made since.

use crate::domain::{AttendanceSheetDocument, SheetCorrection, SheetEdition, SheetSigner};

use super::fonts::{CELL, FIELD, FIELD_LABEL, HEADING, show};
use super::layout::{CONTENT_WIDTH, MARGIN_X, SheetPages};
use super::measure::{fit, wrap};
use super::signature::draw_signature;

const CLOSING_SIGNATURE_BOX: (f32, f32) = (150.0, 45.0);

pub(super) fn draw_closing(sheet: &mut SheetPages, document: &AttendanceSheetDocument) {
    sheet.y -= 12.0;
    let last = document.half_days.len().saturating_sub(1);
    if document.half_days.len() < 2 {
        draw_one_closing(sheet, document.closing.as_ref(), document.edition, None);
        return;
    }
    // A full day: each half-day has its facilitator's signature, the last one's closing the sheet.
    for (index, half) in document.half_days.iter().enumerate() {
        let signer = if index == last {
            document.closing.as_ref()
        } else {
            half.closing.as_ref()
        };
        let label = format!("{} ({})", half.name, half.hours);
        draw_one_closing(sheet, signer, document.edition, Some(&label));
    }
}

/// One closing signature, or the box to sign on paper; `half_day` names it on a full day.
fn draw_one_closing(
    sheet: &mut SheetPages,
    signer: Option<&SheetSigner>,
    edition: SheetEdition,
    half_day: Option<&str>,
) {
    match (signer, edition) {
        (Some(signer), _) => {
            let closed = format!(
                "lôturée par {} ({}) le {}",
                signer.name, signer.role, signer.signed_at
            );
            let text = match half_day {
                Some(half_day) => format!("{half_day} — c{closed}"),
                None => format!("C{closed}"),
            };
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
            let who =
                "nom, fonction, date et signature de l'intervenant·e ou du/de la conseiller·ère";
            let text = match half_day {
                Some(half_day) => format!("Clôture — {half_day} : {who}"),
                None => format!("Clôture : {who}"),
            };
            sheet.ensure_room(FIELD.leading + box_height + 4.0);
            sheet.line(
                &FIELD_LABEL,
                MARGIN_X,
                &fit(&text, &FIELD_LABEL, CONTENT_WIDTH),
            );
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
            &match half_day {
                Some(half_day) => {
                    format!("{half_day} : non clôturée, aucune signature de clôture.")
                }
                None => "Feuille non clôturée : aucune signature de clôture.".to_owned(),
            },
        ),
    }
}

pub(super) fn correction_text(correction: &SheetCorrection) -> String {
    let youth = match &correction.half_day {
        Some(half_day) => format!("{} ({})", correction.youth, half_day.to_lowercase()),
        None => correction.youth.clone(),
    };
    format!(
        "{} : {} → {} — raison : {} — par {}, le {}",
        youth,
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
