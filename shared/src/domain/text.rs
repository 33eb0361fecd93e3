//! Free text as staff type it (titles, descriptions, notes, places, reasons). What reaches the
//! database holds no control character: a bare carriage return would end a line early in an
//! invitation or a feed (and a calendar would read what follows as a property), escape codes and
//! NUL have no place in a title. Multi-line text keeps its line breaks as `\n`, and only where
//! several lines are allowed; one-line text turns them into spaces.

/// One line: line breaks, tabs and runs of spaces become one space, other control characters
/// go, and the ends are trimmed.
pub fn one_line(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control() || c.is_whitespace())
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Several lines: `\r\n` and a bare `\r` become `\n`, a tab a space, other control characters
/// go; each line loses its trailing spaces and the whole its blank ends.
pub fn multi_line(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter_map(|c| match c {
            '\n' => Some('\n'),
            '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect::<String>()
        .split('\n')
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::super::*;
    use super::{multi_line, one_line};

    #[test]
    fn lines_and_control_characters() {
        assert_eq!(
            one_line("  Salle\r\n\tLouise\u{0}  Michel\u{1b} "),
            "Salle Louise Michel"
        );
        assert_eq!(
            multi_line("\r\nUn\rDeux  \r\nTrois\tquatre\u{7f}\n\n"),
            "Un\nDeux\nTrois quatre"
        );
        assert_eq!(one_line("Marie-Hélène N’Diaye"), "Marie-Hélène N’Diaye");
    }

    /// What a browser, a paste from a word processor or a hand-made request may send: bare
    /// carriage returns (which a calendar reads as the end of a line), Windows line breaks,
    /// tabs, escape sequences, NUL and other control characters.
    const DIRTY: &str =
        "Ligne un\rATTENDEE:mailto:intrus@example.com\r\nLigne\tdeux\u{1b}[31m\u{0}\u{7f}";

    /// Only `\n` may remain, and only where text has several lines.
    fn clean(text: &str, multi_line: bool) {
        assert!(
            !text
                .chars()
                .any(|c| c.is_control() && !(multi_line && c == '\n')),
            "a control character remains in {text:?}"
        );
    }

    #[test]
    fn catalogue_text_keeps_its_lines_and_loses_control_characters() {
        let record = WorkshopTypeRecord::parse(&WorkshopTypeForm {
            title: format!("Atelier {DIRTY}"),
            theme: "cv".into(),
            description: DIRTY.into(),
            default_duration_minutes: "120".into(),
            default_capacity: "12".into(),
            what_to_bring: DIRTY.into(),
            suits: DIRTY.into(),
        })
        .unwrap();
        clean(&record.title, false);
        for text in [&record.description, &record.what_to_bring, &record.suits] {
            clean(text, true);
            assert_eq!(
                text,
                "Ligne un\nATTENDEE:mailto:intrus@example.com\nLigne deux[31m"
            );
        }
    }

    #[test]
    fn session_notes_and_venues_lose_control_characters() {
        let form = SessionForm {
            workshop_type_id: "3".into(),
            day: "2026-12-15".into(),
            starts_at: "09:30".into(),
            ends_at: "12:00".into(),
            place: "external".into(),
            venue_name: format!("Médiathèque{DIRTY}"),
            venue_address: format!("1 rue de la Paix\r93000 Bobigny{DIRTY}"),
            capacity: "12".into(),
            counsellor_ids: vec!["41".into()],
            audience: "federation".into(),
            closes_hours_before: "2".into(),
            note_for_youths: DIRTY.into(),
            ..SessionForm::default()
        };
        let now = chrono::NaiveDate::from_ymd_opt(2026, 11, 27)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        let plan = SessionPlan::parse(&form, now, true).unwrap();
        clean(&plan.note_for_youths, true);
        let PlaceChoice::External { name, address } = &plan.place else {
            panic!("an external venue");
        };
        clean(name, false);
        clean(address, false);
        assert!(address.starts_with("1 rue de la Paix 93000 Bobigny"));
        assert_eq!(
            parse_cancellation_reason(&format!("Salle {DIRTY}"))
                .map(|reason| reason.contains('\r')),
            Ok(false)
        );
    }

    #[test]
    fn places_lose_control_characters() {
        let site = SiteRecord::parse(&SiteForm {
            opening_hours: format!("9 h – 17 h {DIRTY}"),
            accessibility_notes: DIRTY.into(),
            ..SiteForm::default()
        })
        .unwrap();
        clean(&site.opening_hours, true);
        clean(&site.accessibility_notes, true);
        let new_site = NewSiteRecord::parse(&NewSiteForm {
            mission_locale_id: String::new(),
            name: format!("Antenne {DIRTY}"),
            address: format!("2 place de la Mairie {DIRTY}"),
            opening_hours: "9 h – 17 h".into(),
        })
        .unwrap();
        clean(&new_site.name, false);
        clean(&new_site.address, false);
        let room = RoomRecord::parse(&RoomForm {
            name: format!("Salle {DIRTY}"),
            capacity: "12".into(),
        })
        .unwrap();
        clean(&room.name, false);
        let closure = ClosureRecord::parse(&ClosureForm {
            first_day: "2026-12-24".into(),
            last_day: "2026-12-31".into(),
            reason: format!("Fermeture {DIRTY}"),
        })
        .unwrap();
        clean(&closure.reason, false);
    }

    #[test]
    fn people_and_reasons_lose_control_characters() {
        let facilitator = FacilitatorRecord::parse(&FacilitatorForm {
            first_name: "Awa\r".into(),
            last_name: "\u{0}Diop".into(),
            organisation: format!("Le Parisien {DIRTY}"),
            email: "awa.diop@example.com".into(),
            phone: String::new(),
        });
        match facilitator {
            Ok(facilitator) => {
                clean(&facilitator.organisation, false);
                clean(facilitator.first_name.as_str(), false);
                clean(facilitator.last_name.as_str(), false);
            }
            Err(error) => assert_eq!(error.field, "last_name"),
        }
        for reason in [
            parse_correction_reason(DIRTY).unwrap(),
            parse_removal_reason(DIRTY).unwrap(),
        ] {
            clean(&reason, true);
        }
    }
}
