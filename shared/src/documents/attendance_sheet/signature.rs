//! Finger signatures, drawn as the vector strokes they were captured as.

use pdf_writer::Content;
use pdf_writer::types::{LineCapStyle, LineJoinStyle};

use crate::domain::{SIGNATURE_HEIGHT, SIGNATURE_WIDTH, SignatureStrokes};

/// Strokes as vector lines in ink blue. The pad's whole box is scaled, not the strokes'
/// extent, so a signature keeps the size and place it was drawn at.
pub(super) fn draw_signature(
    content: &mut Content,
    signature: &SignatureStrokes,
    left: f32,
    top: f32,
    (box_width, box_height): (f32, f32),
) {
    if signature.strokes().iter().all(Vec::is_empty) {
        return;
    }
    let scale =
        (box_width / f32::from(SIGNATURE_WIDTH)).min(box_height / f32::from(SIGNATURE_HEIGHT));
    let place = |&(x, y): &(u16, u16)| (left + f32::from(x) * scale, top - f32::from(y) * scale);
    content.save_state();
    content
        .set_line_width(0.8)
        .set_line_cap(LineCapStyle::RoundCap)
        .set_line_join(LineJoinStyle::RoundJoin)
        .set_stroke_rgb(0.05, 0.15, 0.45);
    for stroke in signature.strokes() {
        let mut points = stroke.iter().map(place);
        let Some((start_x, start_y)) = points.next() else {
            continue;
        };
        content.move_to(start_x, start_y);
        // A lone point is a dot: a zero-length segment shows it, thanks to the round cap.
        content.line_to(start_x, start_y);
        for (x, y) in points {
            content.line_to(x, y);
        }
    }
    content.stroke();
    content.restore_state();
}
