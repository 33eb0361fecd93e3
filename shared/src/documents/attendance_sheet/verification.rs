//! The last block of an issued sheet: its verification URL and the same as a QR code, drawn
//! as filled squares (vector, sharp at any zoom, readable by a phone held over the paper).

use qrcode::{Color, EcLevel, QrCode};

use super::fonts::{FIELD, FIELD_LABEL, show};
use super::layout::{CONTENT_WIDTH, MARGIN_X, SheetPages};
use super::measure::wrap;

/// Side of the printed code, in points (2.5 cm).
const QR_SIDE: f32 = 72.0;
const TEXT_LEFT: f32 = MARGIN_X + QR_SIDE + 12.0;

pub(super) fn draw_verification(sheet: &mut SheetPages, url: &str) {
    let Ok(code) = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M) else {
        // Too long for a QR code (never with our URLs): the URL in the footer is enough.
        return;
    };
    sheet.y -= 12.0;
    sheet.ensure_room(QR_SIDE + 4.0);
    let top = sheet.y;
    let modules = code.width();
    let quiet = 2.0;
    let module = QR_SIDE / (modules as f32 + 2.0 * quiet);
    let content = &mut sheet.current;
    content.save_state();
    content.set_fill_gray(0.0);
    for (index, color) in code.to_colors().iter().enumerate() {
        if *color == Color::Dark {
            let (column, row) = ((index % modules) as f32, (index / modules) as f32);
            content.rect(
                MARGIN_X + (quiet + column) * module,
                top - (quiet + row + 1.0) * module,
                module,
                module,
            );
        }
    }
    content.fill_nonzero();
    content.restore_state();
    let mut baseline = top - 14.0;
    show(
        &mut sheet.current,
        &FIELD_LABEL,
        TEXT_LEFT,
        baseline,
        "Vérifier l'authenticité de ce document :",
    );
    let text_width = CONTENT_WIDTH - (TEXT_LEFT - MARGIN_X);
    for line in wrap(url, &FIELD, text_width).iter().chain(
        wrap(
            "Scannez le code ou ouvrez l'adresse, puis déposez le fichier PDF : Ateliers dit s'il \
             est celui qu'il a délivré, sans modification.",
            &FIELD,
            text_width,
        )
        .iter(),
    ) {
        baseline -= FIELD.leading;
        show(&mut sheet.current, &FIELD, TEXT_LEFT, baseline, line);
    }
    sheet.y = top - QR_SIDE - 4.0;
}
