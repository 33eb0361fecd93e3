//! Attendance: the statuses of a roll-call, the rotating self check-in code, the strokes of a
//! finger signature, and what an attendance sheet (*feuille d'émargement*) says. Pure: the
//! services persist it, `documents::render_attendance_sheet` prints it.
//!
//! - Statuses: present, late, excused, absent; present and late sign. A self check-in more
//!   than 15 minutes after the start is « en retard ».
//! - The roll-call opens an hour before the start; self check-in runs from 30 minutes before
//!   the start to the end.
//! - The check-in code changes every 30 seconds; the one on screen and the one before are
//!   accepted (a youth typing while the screen changes), nothing older.
//! - A finger signature is strokes in a 1000 × 400 box, parsed from the pad's text.
//! - Correction and reopening reasons: 5 to 500 characters.
//! - A paper sheet's scan (`PaperScan`) is a PDF, JPEG or PNG recognised by its first bytes,
//!   never by its name or the browser's type; 1 byte to 10 MB; its file name reduced to safe
//!   ASCII (it goes back in a header).
//! - `AttendanceSheetDocument` is what a sheet says, with the EU mention the funder requires;
//!   its fingerprint is the SHA-256 of its own data.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::{HalfDayNumber, InvalidInput, PersonId, SessionId};

super::stored_as_code! {
    /// One youth's status on a session's roll-call.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum AttendanceStatus {
        Present,
        Late,
        Excused,
        Absent,
    }
}

impl AttendanceStatus {
    pub const ALL: [AttendanceStatus; 4] = [
        AttendanceStatus::Present,
        AttendanceStatus::Late,
        AttendanceStatus::Excused,
        AttendanceStatus::Absent,
    ];

    pub fn code(self) -> &'static str {
        match self {
            AttendanceStatus::Present => "present",
            AttendanceStatus::Late => "late",
            AttendanceStatus::Excused => "excused",
            AttendanceStatus::Absent => "absent",
        }
    }

    pub fn parse(code: &str) -> Option<AttendanceStatus> {
        Self::ALL.into_iter().find(|status| status.code() == code)
    }

    /// A status a person chose in a form: unknown codes get a French message.
    pub fn parse_choice(code: &str) -> Result<AttendanceStatus, InvalidInput> {
        Self::parse(code.trim()).ok_or_else(|| {
            InvalidInput::new(
                "status",
                "Choisissez un statut : présent·e, en retard, excusé·e ou absent·e.",
            )
        })
    }

    pub fn label(self) -> &'static str {
        match self {
            AttendanceStatus::Present => "Présent·e",
            AttendanceStatus::Late => "En retard",
            AttendanceStatus::Excused => "Excusé·e",
            AttendanceStatus::Absent => "Absent·e",
        }
    }

    /// Was in the room: counts as attendance, and signs the sheet.
    pub fn attended(self) -> bool {
        matches!(self, AttendanceStatus::Present | AttendanceStatus::Late)
    }
}

super::stored_as_code! {
    /// Where a session's attendance sheet stands.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum SheetState {
        /// Roll-call and signatures under way (or not started).
        Open,
        /// Closed and signed electronically: a PDF exists, changes are corrections.
        Closed,
        /// Closed by a signed paper sheet, uploaded as a scan.
        Paper,
    }
}

impl SheetState {
    pub fn code(self) -> &'static str {
        match self {
            SheetState::Open => "open",
            SheetState::Closed => "closed",
            SheetState::Paper => "paper",
        }
    }

    pub fn parse(code: &str) -> Option<SheetState> {
        [SheetState::Open, SheetState::Closed, SheetState::Paper]
            .into_iter()
            .find(|state| state.code() == code)
    }

    pub fn is_closed(self) -> bool {
        !matches!(self, SheetState::Open)
    }

    /// How the exports name it.
    pub fn label(self) -> &'static str {
        match self {
            SheetState::Open => "ouverte",
            SheetState::Closed => "close et signée",
            SheetState::Paper => "papier",
        }
    }
}

/// When attendance may be taken: from an hour before the start. Later is always allowed (a
/// sheet is often completed after the session), but not before the youths can be there.
pub const ROLL_CALL_OPENS_BEFORE: Duration = Duration::hours(1);

/// Self check-in is open from 30 minutes before the start to the end.
pub const CHECK_IN_OPENS_BEFORE: Duration = Duration::minutes(30);

/// The check-in code on the facilitator's screen changes every 30 seconds.
pub const CHECK_IN_CODE_PERIOD_SECONDS: i64 = 30;

/// Digits in a check-in code: short enough to type on an old phone.
pub const CHECK_IN_CODE_DIGITS: usize = 6;

pub fn roll_call_open(starts_at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    now >= starts_at - ROLL_CALL_OPENS_BEFORE
}

pub fn check_in_open(starts_at: DateTime<Utc>, ends_at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    now >= starts_at - CHECK_IN_OPENS_BEFORE && now <= ends_at
}

/// The 30-second window a moment falls in: the code shown is computed from it.
pub fn check_in_window(now: DateTime<Utc>) -> i64 {
    now.timestamp().div_euclid(CHECK_IN_CODE_PERIOD_SECONDS)
}

/// The windows whose code is still accepted at `now`: the one on screen, and the one just
/// before (a youth typing while the screen changes). A code seen a minute ago is refused.
pub fn accepted_check_in_windows(now: DateTime<Utc>) -> [i64; 2] {
    let window = check_in_window(now);
    [window, window - 1]
}

/// A code typed by a youth: six digits (spaces ignored).
pub fn parse_check_in_code(typed: &str) -> Result<String, InvalidInput> {
    let digits: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.len() == CHECK_IN_CODE_DIGITS && digits.chars().all(|c| c.is_ascii_digit()) {
        Ok(digits)
    } else {
        Err(InvalidInput::new(
            "code",
            "Le code de pointage a 6 chiffres : recopiez celui affiché dans la salle.",
        ))
    }
}

/// The box a signature is drawn in, whatever the screen: points are scaled to it.
pub const SIGNATURE_WIDTH: u16 = 1000;
pub const SIGNATURE_HEIGHT: u16 = 400;
/// A signature is a drawing, not a tap: at least this many points in all.
const SIGNATURE_MIN_POINTS: usize = 8;
/// And not a page of scribbles: bounded so a sheet stays small.
const SIGNATURE_MAX_POINTS: usize = 4000;

/// A finger signature: strokes of points in the `SIGNATURE_WIDTH` × `SIGNATURE_HEIGHT` box.
/// Written as text `x,y x,y;x,y x,y` (strokes separated by `;`), which the signature pad posts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignatureStrokes(Vec<Vec<(u16, u16)>>);

impl SignatureStrokes {
    pub fn parse(text: &str) -> Result<SignatureStrokes, InvalidInput> {
        let empty = || InvalidInput::new("signature", "Signez dans le cadre avant de valider.");
        let invalid = || {
            InvalidInput::new(
                "signature",
                "La signature n'a pas pu être lue : effacez et signez à nouveau.",
            )
        };
        let mut strokes = Vec::new();
        let mut points = 0;
        for stroke in text.split(';').map(str::trim).filter(|s| !s.is_empty()) {
            let mut line = Vec::new();
            for point in stroke.split_whitespace() {
                let (x, y) = point.split_once(',').ok_or_else(invalid)?;
                let x: u16 = x.parse().map_err(|_| invalid())?;
                let y: u16 = y.parse().map_err(|_| invalid())?;
                if x > SIGNATURE_WIDTH || y > SIGNATURE_HEIGHT {
                    return Err(invalid());
                }
                line.push((x, y));
            }
            points += line.len();
            if points > SIGNATURE_MAX_POINTS {
                return Err(invalid());
            }
            strokes.push(line);
        }
        if points < SIGNATURE_MIN_POINTS {
            return Err(empty());
        }
        Ok(SignatureStrokes(strokes))
    }

    pub fn strokes(&self) -> &[Vec<(u16, u16)>] {
        &self.0
    }

    /// The text form `parse` reads.
    pub fn to_text(&self) -> String {
        strokes_text(&self.0)
    }
}

/// Strokes as the text `SignatureStrokes::parse` reads (`x,y x,y;x,y …`): what the signature
/// pad posts.
pub fn strokes_text(strokes: &[Vec<(u16, u16)>]) -> String {
    strokes
        .iter()
        .map(|stroke| {
            stroke
                .iter()
                .map(|(x, y)| format!("{x},{y}"))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join(";")
}

/// A reason for correcting a closed sheet: it is printed on the corrected sheet.
pub fn parse_correction_reason(typed: &str) -> Result<String, InvalidInput> {
    let reason = super::one_line(typed);
    if reason.chars().count() < 5 {
        return Err(InvalidInput::new(
            "reason",
            "Indiquez la raison de la correction (5 caractères au moins) : elle figurera sur la feuille.",
        ));
    }
    if reason.chars().count() > 500 {
        return Err(InvalidInput::new(
            "reason",
            "La raison de la correction ne doit pas dépasser 500 caractères.",
        ));
    }
    Ok(reason)
}

/// Why an organiser reopens a sheet closed on paper: kept in the audit log.
pub fn parse_reopening_reason(typed: &str) -> Result<String, InvalidInput> {
    let reason = super::one_line(typed);
    if !(5..=500).contains(&reason.chars().count()) {
        return Err(InvalidInput::new(
            "reason",
            "Indiquez pourquoi vous rouvrez la feuille (5 à 500 caractères) : la raison est gardée dans le journal.",
        ));
    }
    Ok(reason)
}

/// A signed paper sheet's scan is at most 10 MB: a phone photo or a 300 dpi scan fits, and
/// the file is kept in the database for years.
pub const PAPER_SCAN_MAX_BYTES: usize = 10 * 1024 * 1024;

const PAPER_SCAN_TYPES_MESSAGE: &str = "Déposez le scan de la feuille signée : PDF, JPEG ou PNG.";

/// The kinds of file a paper sheet's scan may be.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScanType {
    Pdf,
    Jpeg,
    Png,
}

impl ScanType {
    /// The type of a file from its first bytes: its name and the browser's content type are
    /// whatever the sender says, the magic number is what the file is.
    pub fn sniff(content: &[u8]) -> Option<ScanType> {
        if content.starts_with(b"%PDF-") {
            Some(ScanType::Pdf)
        } else if content.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(ScanType::Jpeg)
        } else if content.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(ScanType::Png)
        } else {
            None
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            ScanType::Pdf => "application/pdf",
            ScanType::Jpeg => "image/jpeg",
            ScanType::Png => "image/png",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            ScanType::Pdf => "pdf",
            ScanType::Jpeg => "jpg",
            ScanType::Png => "png",
        }
    }
}

/// An uploaded scan of a signed paper sheet, checked: not empty, at most 10 MB, a PDF, JPEG or
/// PNG, with a file name safe to store and to send back in a header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaperScan {
    pub scan_type: ScanType,
    pub file_name: String,
    pub content: Vec<u8>,
}

impl PaperScan {
    pub fn parse(file_name: &str, content: Vec<u8>) -> Result<PaperScan, InvalidInput> {
        if content.is_empty() {
            return Err(InvalidInput::new("scan", PAPER_SCAN_TYPES_MESSAGE));
        }
        if content.len() > PAPER_SCAN_MAX_BYTES {
            return Err(paper_scan_too_large(Some(content.len())));
        }
        let scan_type = ScanType::sniff(&content)
            .ok_or_else(|| InvalidInput::new("scan", PAPER_SCAN_TYPES_MESSAGE))?;
        Ok(PaperScan {
            scan_type,
            file_name: scan_file_name(file_name, scan_type),
            content,
        })
    }
}

/// The refusal of a file over 10 MB, with its size when known (the server may stop reading a
/// much larger upload before its end).
pub fn paper_scan_too_large(size: Option<usize>) -> InvalidInput {
    let size = match size {
        // Rounded up, so a file just over the limit never reads « 10,0 Mo ».
        Some(size) => {
            let tenths = (size * 10).div_ceil(1024 * 1024);
            format!("il fait {},{} Mo", tenths / 10, tenths % 10)
        }
        None => "il est trop lourd".to_owned(),
    };
    InvalidInput::new(
        "scan",
        format!(
            "Le fichier dépasse 10 Mo : {size}. Scannez en noir et blanc ou en 200 ppp, ou photographiez la feuille."
        ),
    )
}

/// The sender's file name reduced to ASCII letters, digits, `.`, `-` and `_` (no path, no
/// quote: it goes back in a `Content-Disposition` header), ending with the detected type's
/// extension.
fn scan_file_name(sent: &str, scan_type: ScanType) -> String {
    // Some browsers send the full path of the file on the sender's computer.
    let base = sent.rsplit(['/', '\\']).next().unwrap_or_default();
    let mut name = String::new();
    for c in base.chars() {
        // French accents lose their mark rather than the letter.
        let c = match c {
            c if c.is_ascii() => c,
            c => match c.to_lowercase().next().unwrap_or(c) {
                'à' | 'â' | 'ä' => 'a',
                'é' | 'è' | 'ê' | 'ë' => 'e',
                'î' | 'ï' => 'i',
                'ô' | 'ö' => 'o',
                'ù' | 'û' | 'ü' => 'u',
                'ç' => 'c',
                other => other,
            },
        };
        if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
            name.push(c);
        } else if !name.ends_with('_') {
            name.push('_');
        }
    }
    let extension = scan_type.extension();
    let lower = name.to_ascii_lowercase();
    let known = [".pdf", ".jpg", ".jpeg", ".png"];
    let stem = match known.iter().find(|suffix| lower.ends_with(*suffix)) {
        Some(suffix) => &name[..name.len() - suffix.len()],
        None => &name[..],
    };
    let stem: String = stem
        .trim_matches(['.', '_', '-'])
        .chars()
        .take(100)
        .collect();
    if stem.is_empty() {
        format!("feuille-signee.{extension}")
    } else {
        format!("{stem}.{extension}")
    }
}

/// Which edition of a session's sheet a document is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SheetEdition {
    /// Made when the sheet was closed.
    Original,
    /// Made after the n-th correction; lists every correction.
    Corrected(u32),
    /// Pre-filled for printing: names, empty status and signature columns.
    BlankForPaper,
}

/// Everything an attendance sheet shows, already in French and Paris time. The fingerprint is
/// the SHA-256 of this document with an empty `fingerprint`, so anyone holding the data can
/// check the printed one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendanceSheetDocument {
    pub edition: SheetEdition,
    pub mission_locale: String,
    pub programme: String,
    pub workshop_title: String,
    pub theme: String,
    /// « mardi 15 décembre 2026 »
    pub day: String,
    /// « 18 h 00 »
    pub starts: String,
    /// « 20 h 00 »
    pub ends: String,
    /// Site, room and full address.
    pub place: String,
    pub facilitators: Vec<String>,
    pub counsellors: Vec<String>,
    /// One, or the morning and the afternoon of a session through lunch: each has its column
    /// of signatures and its closing signature.
    pub half_days: Vec<SheetHalfDay>,
    pub lines: Vec<SheetLine>,
    /// Whoever signed last and closed the sheet (facilitator or counsellor): the closing of
    /// its last half-day.
    pub closing: Option<SheetSigner>,
    pub corrections: Vec<SheetCorrection>,
    /// The EU co-funding mention.
    pub eu_mention: String,
    pub fingerprint: String,
    /// « 27/11/2026 à 18 h 42 (heure de Paris) »: when this document was made.
    pub made_at: String,
    /// Where an auditor checks the issued PDF (`/verifier/<code>`); none on a blank sheet or
    /// a copy made for viewing.
    pub verification_url: Option<String>,
}

/// One youth on the sheet: their mark for each half-day of the session, in order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetLine {
    pub name: String,
    /// Added on the spot (not registered beforehand).
    pub walk_in: bool,
    /// One per half-day; empty marks on a blank sheet or for a half-day they were not on.
    pub marks: Vec<SheetMark>,
}

/// A youth's status and signature for one half-day.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetMark {
    /// Empty on a blank sheet.
    pub status: Option<AttendanceStatus>,
    /// « 18 h 04 »: when they checked in themselves, if they did.
    pub checked_in_at: Option<String>,
    /// « 18 h 10 »
    pub signed_at: Option<String>,
    pub signature: Option<SignatureStrokes>,
}

/// A half-day as the sheet names it: « Matin », « 9 h 00 – 13 h 00 », and who closed it when
/// it closed before the sheet (the morning of a full day; the last half-day's closing is the
/// sheet's `closing`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetHalfDay {
    pub name: String,
    pub hours: String,
    pub closing: Option<SheetSigner>,
}

/// The facilitator or counsellor who signed and closed the sheet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetSigner {
    pub name: String,
    /// « Intervenant·e » or « Conseiller·ère »
    pub role: String,
    /// « 27/11/2026 à 20 h 02 »
    pub signed_at: String,
    pub signature: SignatureStrokes,
}

/// A change made after closing, with its reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetCorrection {
    pub youth: String,
    /// « Matin », « Après-midi »: which half-day, for a session that has two.
    pub half_day: Option<String>,
    pub from: AttendanceStatus,
    pub to: AttendanceStatus,
    pub reason: String,
    pub by: String,
    /// « 28/11/2026 à 09 h 15 »
    pub at: String,
}

/// Printed on every attendance sheet: the funder requires it.
pub const EU_MENTION: &str = "Cette action est cofinancée par l'Union européenne dans le cadre du Fonds social européen+ (FSE+) et de l'Initiative pour l'emploi des jeunes.";

/// The programme the sheets belong to.
pub const PROGRAMME_NAME: &str = "Programme intensif d'accompagnement vers l'emploi des jeunes (12 mois) — Missions Locales de Seine-Saint-Denis";

/// A late arrival: checking in this long after the start marks the youth « en retard ».
pub const LATE_AFTER: Duration = Duration::minutes(15);

/// The status a self check-in gets.
pub fn status_on_arrival(starts_at: DateTime<Utc>, now: DateTime<Utc>) -> AttendanceStatus {
    if now > starts_at + LATE_AFTER {
        AttendanceStatus::Late
    } else {
        AttendanceStatus::Present
    }
}

/// The roll-call page of a session.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendanceView {
    pub session_id: SessionId,
    pub title: String,
    /// « mardi 15 décembre 2026, 18 h 00 – 20 h 00 »
    pub when: String,
    pub place: String,
    pub state: SheetState,
    /// Too early: the roll-call opens an hour before the start.
    pub roll_call_open: bool,
    pub check_in_open: bool,
    /// The session's half-days (one, or the morning and the afternoon), each with its tab.
    pub half_days: Vec<HalfDayTab>,
    /// The half-day shown: its lines, what stops its closing, its closing.
    pub half_day: HalfDayNumber,
    pub lines: Vec<AttendanceLineView>,
    /// Youths a counsellor may add on the spot (their own Mission Locale's, not on the sheet).
    pub walk_in_candidates: Vec<super::PersonOption>,
    pub may_correct: bool,
    /// Filing the paper sheet's scan, and reopening a paper sheet: the organisers.
    pub may_file_paper: bool,
    /// Why the sheet cannot be closed yet (names without a confirmed status), in French.
    pub not_closable_because: Vec<String>,
    /// « Clôturée par Awa Diop le 15 décembre 2026 à 20 h 02 »
    pub closed: Option<String>,
    pub documents: Vec<AttendanceDocumentView>,
    pub corrections: Vec<SheetCorrection>,
    /// « Rouverte par Awa Diop le 15 décembre 2026 à 20 h 30 : scan illisible », oldest first.
    pub reopenings: Vec<String>,
}

/// A half-day of the roll-call page: « Matin », « 9 h 00 – 13 h 00 », and whether it is closed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HalfDayTab {
    pub number: HalfDayNumber,
    pub name: String,
    pub hours: String,
    pub closed: bool,
}

/// One youth on the roll-call page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendanceLineView {
    pub youth_id: PersonId,
    pub name: String,
    /// None until someone marks them (or they check in).
    pub status: Option<AttendanceStatus>,
    pub walk_in: bool,
    /// « 18 h 04 »: checked in with the code.
    pub checked_in_at: Option<String>,
    /// A self check-in the facilitator has not confirmed yet is false.
    pub confirmed: bool,
    /// « 18 h 10 »
    pub signed_at: Option<String>,
    /// Checked in with the code from another network than the screen showing it (mobile data,
    /// or someone not in the room): the facilitator checks before confirming.
    pub checked_in_elsewhere: bool,
}

/// How the roll-call and the youth's confirmation name a check-in from another network: what
/// is known, not a verdict (a youth on mobile data in the room is on another network too).
pub const CHECKED_IN_ELSEWHERE: &str = "autre réseau que l'écran de la salle";

/// A document kept for a session: a generated sheet or a paper scan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendanceDocumentView {
    pub id: i32,
    /// « Feuille d'émargement (originale) », « Feuille corrigée n° 1 », « Feuille papier signée »
    pub label: String,
    pub made_at: String,
    pub fingerprint: String,
}

/// The facilitator's check-in screen: the code of the moment and who has checked in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckInScreen {
    pub session_id: SessionId,
    pub title: String,
    pub code: String,
    /// Seconds before the code changes.
    pub seconds_left: u32,
    /// The address in the QR code: the check-in page with the code filled in.
    pub check_in_url: String,
    /// The QR code as an SVG element.
    pub qr_svg: String,
    pub open: bool,
    /// The half-day under way: check-ins go to it; named (« Après-midi ») when there are two.
    pub half_day: HalfDayNumber,
    pub half_day_name: Option<String>,
    /// Checked in themselves for that half-day, waiting for the facilitator's confirmation.
    pub to_confirm: Vec<AttendanceLineView>,
    pub present: u32,
    pub expected: u32,
}

/// A session whose sheet is still open after it started: the list counsellors work through,
/// oldest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetToClose {
    pub session_id: SessionId,
    pub title: String,
    /// « mardi 15 décembre 2026, 18 h 00 – 20 h 00 »
    pub when: String,
    pub mission_locale: String,
    /// Still going on: attendance is being taken now.
    pub under_way: bool,
    /// « Appel à faire », « 3 statut(s) à saisir », « À signer et clôturer »
    pub what_is_left: String,
}

/// What a signature page shows: whose signature, for which session.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignatureRequest {
    pub session_id: SessionId,
    pub youth_id: PersonId,
    pub title: String,
    pub when: String,
    pub youth_name: String,
    /// The half-day signed for; named (« Matin ») when the session has two.
    pub half_day: HalfDayNumber,
    pub half_day_name: Option<String>,
    pub status: AttendanceStatus,
    /// Signed already: the page says so instead of showing the pad.
    pub signed_at: Option<String>,
    /// Checked in from another network than the screen's (see [`AttendanceLineView`]).
    pub checked_in_elsewhere: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn statuses_round_trip_and_unknown_ones_get_a_french_message() {
        for status in AttendanceStatus::ALL {
            assert_eq!(AttendanceStatus::parse(status.code()), Some(status));
        }
        let refused = AttendanceStatus::parse_choice("here").unwrap_err();
        assert!(refused.message.contains("Choisissez un statut"));
        assert!(AttendanceStatus::Late.attended());
        assert!(!AttendanceStatus::Excused.attended());
    }

    #[test]
    fn a_code_is_accepted_in_its_window_and_the_next_one_only() {
        let shown = Utc.with_ymd_and_hms(2026, 12, 15, 17, 0, 5).unwrap();
        let window = check_in_window(shown);
        assert!(accepted_check_in_windows(shown).contains(&window));
        let thirty_later = shown + Duration::seconds(30);
        assert!(accepted_check_in_windows(thirty_later).contains(&window));
        let a_minute_later = shown + Duration::seconds(60);
        assert!(!accepted_check_in_windows(a_minute_later).contains(&window));
    }

    #[test]
    fn typed_codes_are_six_digits() {
        assert_eq!(parse_check_in_code(" 123 456 ").unwrap(), "123456");
        assert!(parse_check_in_code("12345").is_err());
        assert!(parse_check_in_code("12345a").is_err());
    }

    #[test]
    fn check_in_opens_half_an_hour_before_and_closes_at_the_end() {
        let starts = Utc.with_ymd_and_hms(2026, 12, 15, 17, 0, 0).unwrap();
        let ends = starts + Duration::hours(2);
        assert!(!check_in_open(starts, ends, starts - Duration::minutes(31)));
        assert!(check_in_open(starts, ends, starts - Duration::minutes(30)));
        assert!(check_in_open(starts, ends, ends));
        assert!(!check_in_open(starts, ends, ends + Duration::seconds(1)));
    }

    #[test]
    fn signatures_are_drawings_within_the_box() {
        let drawn = "10,10 20,20 30,25 40,30;100,100 110,120 130,140 150,150";
        let strokes = SignatureStrokes::parse(drawn).unwrap();
        assert_eq!(strokes.strokes().len(), 2);
        assert_eq!(
            SignatureStrokes::parse(&strokes.to_text()).unwrap(),
            strokes
        );
        assert!(
            SignatureStrokes::parse("")
                .unwrap_err()
                .message
                .contains("Signez")
        );
        assert!(SignatureStrokes::parse("10,10 20,20").is_err());
        assert!(SignatureStrokes::parse("10,10 20,20 30,30 40,40 1001,5 6,6 7,7 8,8").is_err());
        assert!(SignatureStrokes::parse("a,b c,d").is_err());
    }

    #[test]
    fn scans_are_recognised_by_their_first_bytes_not_their_name() {
        let pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
        let scan = PaperScan::parse("feuille.pdf", pdf.clone()).unwrap();
        assert_eq!(scan.scan_type, ScanType::Pdf);
        assert_eq!(scan.scan_type.content_type(), "application/pdf");
        assert_eq!(scan.content, pdf);
        let jpeg = PaperScan::parse("IMG_2041.JPG", vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 16]).unwrap();
        assert_eq!(jpeg.scan_type.content_type(), "image/jpeg");
        assert_eq!(jpeg.file_name, "IMG_2041.jpg");
        let png = PaperScan::parse("scan", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec()).unwrap();
        assert_eq!(png.scan_type, ScanType::Png);
        assert_eq!(png.file_name, "scan.png");
        // A text file renamed .pdf, an executable, an empty file: refused, in French.
        for (name, content) in [
            ("feuille.pdf", b"Bonjour, voici la feuille".to_vec()),
            ("feuille.png", b"MZ\x90\0".to_vec()),
            ("feuille.pdf", Vec::new()),
        ] {
            let refused = PaperScan::parse(name, content).unwrap_err();
            assert_eq!(refused.field, "scan");
            assert!(refused.message.contains("PDF, JPEG ou PNG"), "{refused}");
        }
    }

    #[test]
    fn scans_weigh_at_most_ten_megabytes() {
        let mut content = b"%PDF-1.4\n".to_vec();
        content.resize(PAPER_SCAN_MAX_BYTES, b' ');
        assert!(PaperScan::parse("a.pdf", content.clone()).is_ok());
        content.push(b' ');
        let refused = PaperScan::parse("a.pdf", content).unwrap_err();
        assert_eq!(
            refused.message,
            "Le fichier dépasse 10 Mo : il fait 10,1 Mo. Scannez en noir et blanc ou en 200 ppp, ou photographiez la feuille."
        );
        assert!(PaperScan::parse("a.pdf", b"%".to_vec()).is_err());
        assert!(
            paper_scan_too_large(None)
                .message
                .starts_with("Le fichier dépasse 10 Mo : il est trop lourd.")
        );
    }

    #[test]
    fn scan_file_names_are_safe_to_store_and_send_back() {
        let name = |sent: &str| scan_file_name(sent, ScanType::Pdf);
        assert_eq!(name("Émargement 12 déc.pdf"), "emargement_12_dec.pdf");
        assert_eq!(name(r"C:\Users\ml\Documents\feuille.PDF"), "feuille.pdf");
        assert_eq!(name("../../etc/passwd"), "passwd.pdf");
        assert_eq!(name("a\"b;c\r\n.pdf"), "a_b_c.pdf");
        assert_eq!(name(""), "feuille-signee.pdf");
        assert_eq!(name("..."), "feuille-signee.pdf");
        // The detected type decides the extension: a PNG named .pdf is stored as .png.
        assert_eq!(scan_file_name("photo.pdf", ScanType::Png), "photo.png");
        assert_eq!(name(&"x".repeat(300)).len(), 104);
    }

    #[test]
    fn a_correction_needs_a_reason() {
        assert!(parse_correction_reason("  ").is_err());
        assert_eq!(
            parse_correction_reason(" Arrivée notée par erreur ").unwrap(),
            "Arrivée notée par erreur"
        );
    }
}
