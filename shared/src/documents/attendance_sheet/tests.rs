//! The sheet read back through `pdftotext`, as an auditor's tools would.

use std::io::Write;
use std::process::Command;

use super::*;
use crate::domain::{AttendanceStatus, SheetCorrection, SheetHalfDay, SheetSigner};
use crate::domain::{SheetLine, SheetMark, SignatureStrokes};

const FINGERPRINT: &str = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
const EU_MENTION: &str = "Cette action est cofinancée par l'Union européenne dans le cadre du programme national FSE+ « Emploi et inclusion » 2021-2027.";

/// A zig-zag across the pad, different for each youth.
fn signature(seed: u16) -> SignatureStrokes {
    let first: Vec<String> = (0..12)
        .map(|step| format!("{},{}", 60 + step * 70, 120 + (step * 37 + seed * 13) % 200))
        .collect();
    let text = format!("{};700,300 760,260 820,330 900,280", first.join(" "));
    SignatureStrokes::parse(&text).expect("the test signature is valid")
}

fn mark(status: AttendanceStatus, seed: u16) -> SheetMark {
    SheetMark {
        status: Some(status),
        checked_in_at: status.attended().then(|| "18 h 04".to_owned()),
        signed_at: status.attended().then(|| "18 h 10".to_owned()),
        signature: status.attended().then(|| signature(seed)),
    }
}

fn line(name: &str, status: AttendanceStatus, seed: u16) -> SheetLine {
    SheetLine {
        name: name.to_owned(),
        walk_in: false,
        marks: vec![mark(status, seed)],
    }
}

fn closer(signed_at: &str, seed: u16) -> SheetSigner {
    SheetSigner {
        name: "Chloé Martin".to_owned(),
        role: "Intervenant·e".to_owned(),
        signed_at: signed_at.to_owned(),
        signature: signature(seed),
    }
}

fn sheet(lines: Vec<SheetLine>) -> AttendanceSheetDocument {
    AttendanceSheetDocument {
        edition: SheetEdition::Original,
        mission_locale: "Mission Locale de Saint-Denis".to_owned(),
        programme: "Contrat d'engagement jeune".to_owned(),
        workshop_title: "Préparer son entretien d'embauche".to_owned(),
        theme: "Emploi".to_owned(),
        day: "mardi 15 décembre 2026".to_owned(),
        starts: "18 h 00".to_owned(),
        ends: "20 h 00".to_owned(),
        place: "Maison de l'emploi, salle Angela-Davis, 12 rue Gabriel-Péri, 93200 Saint-Denis"
            .to_owned(),
        facilitators: vec!["Chloé Martin".to_owned()],
        counsellors: vec!["Yacine Haddad".to_owned(), "Zoé Lefèvre".to_owned()],
        half_days: vec![SheetHalfDay {
            name: "Après-midi".to_owned(),
            hours: "18 h 00 – 20 h 00".to_owned(),
            closing: None,
        }],
        lines,
        closing: Some(closer("15/12/2026 à 20 h 02", 99)),
        corrections: Vec::new(),
        eu_mention: EU_MENTION.to_owned(),
        fingerprint: FINGERPRINT.to_owned(),
        made_at: "15/12/2026 à 20 h 02 (heure de Paris)".to_owned(),
        verification_url: None,
    }
}

fn four_youths() -> Vec<SheetLine> {
    let mut walk_in = line("Noémie Ouédraogo", AttendanceStatus::Late, 2);
    walk_in.walk_in = true;
    walk_in.marks[0].checked_in_at = None;
    walk_in.marks[0].signed_at = Some("18 h 25".to_owned());
    vec![
        line("Inès Benali", AttendanceStatus::Present, 1),
        walk_in,
        line("Kévin Nguyễn", AttendanceStatus::Excused, 3),
        line("Maëlle Dubois-Sanchez", AttendanceStatus::Absent, 4),
    ]
}

fn thirty_youths() -> Vec<SheetLine> {
    (1..=30)
        .map(|number| {
            let status = AttendanceStatus::ALL[number % 4];
            line(
                &format!("Jeune n° {number:02} Élodie"),
                status,
                number as u16,
            )
        })
        .collect()
}

/// What a reader (and an auditor's tools) get out of the PDF, through poppler.
fn extract_text(pdf: &[u8]) -> String {
    let mut file = tempfile::NamedTempFile::new().expect("a temp file");
    file.write_all(pdf).expect("the PDF is written");
    let output = Command::new("pdftotext")
        .arg("-layout")
        .arg(file.path())
        .arg("-")
        .output()
        .expect("pdftotext runs (Debian's poppler-utils, see .ci/install-tools test)");
    assert!(
        output.status.success(),
        "pdftotext refused the PDF: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("pdftotext writes UTF-8")
}

/// The text with every run of spaces and line breaks made one space: wrapped lines rejoined.
fn flowing(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn a_closed_sheet_shows_who_came_how_when_and_where() {
    let pdf = render_attendance_sheet(&sheet(four_youths()));
    assert!(pdf.starts_with(b"%PDF-"));
    let text = extract_text(&pdf);
    for expected in [
        "Feuille d'émargement",
        "Mission Locale de Saint-Denis — Contrat d'engagement jeune",
        "Préparer son entretien d'embauche",
        "Thème : Emploi",
        "Date : mardi 15 décembre 2026",
        "Horaires : 18 h 00 – 20 h 00",
        "Intervenant·e·s : Chloé Martin",
        "Conseiller·ère·s : Yacine Haddad, Zoé Lefèvre",
        "Inès Benali",
        "Noémie Ouédraogo",
        "(sans inscription)",
        "Maëlle Dubois-Sanchez",
        "Présent·e",
        "En retard",
        "Excusé·e",
        "Absent·e",
        "18 h 04",
        "18 h 25",
        "Pas de signature",
        "Clôturée par Chloé Martin (Intervenant·e) le 15/12/2026 à 20 h 02",
        "Empreinte SHA-256 : ",
        FINGERPRINT,
        "Document établi le 15/12/2026 à 20 h 02 (heure de Paris)",
        "Page 1 / 1",
    ] {
        assert!(
            text.contains(expected),
            "missing « {expected} » in:\n{text}"
        );
    }
    let flowing = flowing(&text);
    assert!(flowing.contains("Lieu : Maison de l'emploi, salle Angela-Davis, 12 rue Gabriel-Péri"));
    assert!(
        flowing.contains(EU_MENTION),
        "missing the EU mention in:\n{text}"
    );
    // Outside Windows-1252, a character becomes « ? » rather than garbage.
    assert!(text.contains("Kévin Nguy?n"));
    assert!(!text.contains("Corrections après clôture"));
}

#[test]
fn thirty_youths_take_two_pages_each_with_the_table_header() {
    let text = extract_text(&render_attendance_sheet(&sheet(thirty_youths())));
    assert!(text.contains("Page 1 / 2"), "{text}");
    assert!(text.contains("Page 2 / 2"), "{text}");
    assert!(!text.contains("Page 3"));
    assert_eq!(text.matches("Signé à").count(), 2);
    assert_eq!(text.matches(FINGERPRINT).count(), 2);
    assert!(text.contains(
        "Feuille d'émargement — Préparer son entretien d'embauche — mardi 15 décembre 2026 (suite)"
    ));
    for number in 1..=30 {
        assert!(
            text.contains(&format!("Jeune n° {number:02} Élodie")),
            "youth {number}"
        );
    }
    assert!(text.contains("Clôturée par Chloé Martin"));
}

#[test]
fn a_corrected_sheet_lists_each_correction_with_its_reason() {
    let reason = "Arrivée notée absente par erreur : la jeune était dans la salle d'à côté avec \
                  sa conseillère pour finir son dossier, elle a rejoint l'atelier à 18 h 20 et \
                  a participé jusqu'à la fin, ce que confirme l'intervenante.";
    let mut document = sheet(four_youths());
    document.edition = SheetEdition::Corrected(2);
    document.corrections = vec![
        SheetCorrection {
            youth: "Maëlle Dubois-Sanchez".to_owned(),
            half_day: None,
            from: AttendanceStatus::Absent,
            to: AttendanceStatus::Late,
            reason: reason.to_owned(),
            by: "Yacine Haddad".to_owned(),
            at: "16/12/2026 à 09 h 15".to_owned(),
        },
        SheetCorrection {
            youth: "Inès Benali".to_owned(),
            half_day: None,
            from: AttendanceStatus::Present,
            to: AttendanceStatus::Excused,
            reason: "Partie au bout de dix minutes, malade.".to_owned(),
            by: "Zoé Lefèvre".to_owned(),
            at: "17/12/2026 à 14 h 00".to_owned(),
        },
    ];
    let text = extract_text(&render_attendance_sheet(&document));
    assert!(
        text.contains("Feuille d'émargement — version corrigée n° 2"),
        "{text}"
    );
    assert!(text.contains("Corrections après clôture"));
    let flowing = flowing(&text);
    assert!(
        flowing.contains(&format!(
            "Maëlle Dubois-Sanchez : Absent·e → En retard — raison : {} — par Yacine Haddad, le 16/12/2026 à 09 h 15",
            reason
        )),
        "{text}"
    );
    assert!(flowing.contains(
        "Inès Benali : Présent·e → Excusé·e — raison : Partie au bout de dix minutes, malade. — par Zoé Lefèvre, le 17/12/2026 à 14 h 00"
    ));
}

#[test]
fn a_blank_sheet_for_paper_has_the_names_and_leaves_the_rest_to_the_pen() {
    let mut document = sheet(four_youths());
    document.edition = SheetEdition::BlankForPaper;
    document.closing = None;
    for line in &mut document.lines {
        line.marks = vec![SheetMark::default()];
    }
    let text = extract_text(&render_attendance_sheet(&document));
    assert!(text.contains("Feuille d'émargement — à signer sur papier"));
    assert!(text.contains("Inès Benali") && text.contains("Maëlle Dubois-Sanchez"));
    for status in AttendanceStatus::ALL {
        assert!(
            !text.contains(status.label()),
            "{} on a blank sheet",
            status.label()
        );
    }
    assert!(!text.contains("Pas de signature"));
    assert!(text.contains("Clôture : nom, fonction, date et signature"));
}

#[test]
fn an_issued_sheet_ends_with_its_verification_url_and_qr_code() {
    let mut document = sheet(four_youths());
    document.verification_url = Some("https://ateliers.example/verifier/ABCDEFGH23".to_owned());
    let pdf = render_attendance_sheet(&document);
    if let Ok(path) = std::env::var("ATELIERS_WRITE_SAMPLE_PDF") {
        std::fs::write(path, &pdf).unwrap();
    }
    let text = flowing(&extract_text(&pdf));
    assert!(
        text.contains("Vérifier l'authenticité de ce document"),
        "{text}"
    );
    assert!(text.contains("https://ateliers.example/verifier/ABCDEFGH23"));
    // The footer of every page names it too, beside the fingerprint.
    assert!(text.contains("Vérification : https://ateliers.example/verifier/ABCDEFGH23"));
    // The QR code is drawn (filled squares), and only on an issued sheet.
    let without = render_attendance_sheet(&sheet(four_youths()));
    assert!(pdf.len() > without.len() + 1000);
}

/// A full day: 9 h – 13 h and 13 h 30 – 17 h.
fn full_day(mut document: AttendanceSheetDocument) -> AttendanceSheetDocument {
    document.starts = "9 h 00".to_owned();
    document.ends = "17 h 00".to_owned();
    document.half_days = vec![
        SheetHalfDay {
            name: "Matin".to_owned(),
            hours: "9 h 00 – 13 h 00".to_owned(),
            closing: Some(closer("15/12/2026 à 13 h 01", 98)),
        },
        SheetHalfDay {
            name: "Après-midi".to_owned(),
            hours: "13 h 30 – 17 h 00".to_owned(),
            closing: None,
        },
    ];
    document.closing = Some(closer("15/12/2026 à 17 h 02", 99));
    document
}

#[test]
fn a_full_day_has_a_column_of_signatures_and_a_closing_per_half_day() {
    let mut morning_only = line("Inès Benali", AttendanceStatus::Present, 1);
    let mut afternoon = mark(AttendanceStatus::Absent, 1);
    afternoon.checked_in_at = None;
    morning_only.marks.push(afternoon);
    let mut both = line("Kévin Martin", AttendanceStatus::Late, 3);
    both.marks.push(mark(AttendanceStatus::Present, 4));
    let text = extract_text(&render_attendance_sheet(&full_day(sheet(vec![
        morning_only,
        both,
    ]))));
    for expected in [
        "Demi-journées : matin 9 h 00 – 13 h 00 ; après-midi 13 h 30 – 17 h 00",
        "Signature (matin)",
        "Signature (après-midi)",
        "Absent·e",
        "signé 18 h 10",
        "Matin (9 h 00 – 13 h 00) — clôturée par Chloé Martin (Intervenant·e) le 15/12/2026 à 13 h 01",
        "Après-midi (13 h 30 – 17 h 00) — clôturée par Chloé Martin (Intervenant·e) le 15/12/2026 à 17 h 02",
    ] {
        assert!(
            flowing(&text).contains(expected),
            "missing « {expected} » in:\n{text}"
        );
    }
    // Inès signed the morning only: the afternoon's cell says so.
    assert_eq!(text.matches("Pas de signature").count(), 1, "{text}");

    let mut blank = full_day(sheet(four_youths()));
    blank.edition = SheetEdition::BlankForPaper;
    blank.closing = None;
    for half in &mut blank.half_days {
        half.closing = None;
    }
    for line in &mut blank.lines {
        line.marks = vec![SheetMark::default(), SheetMark::default()];
    }
    let text = flowing(&extract_text(&render_attendance_sheet(&blank)));
    assert!(
        text.contains("Clôture — Matin (9 h 00 – 13 h 00) : nom, fonction"),
        "{text}"
    );
    assert!(text.contains("Clôture — Après-midi (13 h 30 – 17 h 00) : nom, fonction"));
    assert!(text.contains("Signature (après-midi)"));
}
