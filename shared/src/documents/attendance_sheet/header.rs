//! The sheet's head: its title, the Mission Locale, the workshop, when, where and with whom.

use crate::domain::AttendanceSheetDocument;

use super::edition_suffix;
use super::fonts::{FIELD, TITLE, WORKSHOP};
use super::layout::{CONTENT_WIDTH, MARGIN_X, SheetPages};
use super::measure::wrap;

pub(super) fn draw_header(sheet: &mut SheetPages, document: &AttendanceSheetDocument) {
    let title = format!("Feuille d'émargement{}", edition_suffix(document.edition));
    sheet.line(&TITLE, MARGIN_X, &title);
    sheet.paragraph(
        &FIELD,
        &format!("{} — {}", document.mission_locale, document.programme),
    );
    sheet.y -= 3.0;
    for line in wrap(&document.workshop_title, &WORKSHOP, CONTENT_WIDTH) {
        sheet.line(&WORKSHOP, MARGIN_X, &line);
    }
    sheet.labelled("Thème : ", &document.theme);
    let hours = format!("{} – {}", document.starts, document.ends);
    sheet.labelled_row(&[("Date : ", &document.day), ("Horaires : ", &hours)]);
    if document.half_days.len() > 1 {
        let halves: Vec<String> = document
            .half_days
            .iter()
            .map(|half| format!("{} {}", half.name.to_lowercase(), half.hours))
            .collect();
        sheet.labelled("Demi-journées : ", &halves.join(" ; "));
    }
    sheet.labelled("Lieu : ", &document.place);
    sheet.labelled("Intervenant·e·s : ", &names_or_dash(&document.facilitators));
    sheet.labelled("Conseiller·ère·s : ", &names_or_dash(&document.counsellors));
    sheet.y -= 8.0;
}

pub(super) fn names_or_dash(names: &[String]) -> String {
    if names.is_empty() {
        "—".to_owned()
    } else {
        names.join(", ")
    }
}
