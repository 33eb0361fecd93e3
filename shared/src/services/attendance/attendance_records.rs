//! Reading and writing attendance sheets (shared by the attendance use cases; not a use case).
//!
//! Every write to a sheet first "touches" its row while it is open (`lock_open_sheet`:
//! `UPDATE attendance_sheets … WHERE state = 'open'`): a row lock on PostgreSQL (SQLite holds
//! its write lock already), so a mark or a signature and the closing never interleave, and a
//! closed sheet is never changed except by a logged correction.
//!
//! A sheet (`attendance_sheets`: open, closed or paper; its check-in secret; the closing
//! signature) is made the first time attendance is taken. Its lines (`attendance_lines`, unique
//! per youth and half-day: a session through lunch has a morning and an afternoon, each closed
//! with the facilitator's signature, the morning's in `attendance_half_day_closings`) hold the status, walk-in, self check-in and its confirmation, « autre réseau » when
//! the check-in came from another network than the screen's (`screen_network`, hashed), and the
//! signature with when and on whose device. The check-in code is a SHA-256 of the sheet's
//! secret, the session and the 30-second window, as six digits. Double taps and retries get the
//! same answer: a line already there is kept, the sheet and check-ins are inserted
//! `ON CONFLICT DO NOTHING`, the same status again changes nothing.

use std::collections::HashMap;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use rand_core::{OsRng, RngCore};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use sha2::{Digest, Sha256};

use crate::ServiceError;
use crate::auth::DocumentSealer;
use crate::documents::render_attendance_sheet;
use crate::domain::{
    Actor, AttendanceRefusal, AttendanceSheetDocument, AttendanceStatus, CHECK_IN_CODE_DIGITS,
    EU_MENTION, EnrolmentStatus, HalfDay, HalfDayNumber, PROGRAMME_NAME, PersonId, PlaceView,
    SealedKind, SessionId, SessionStatus, SheetCorrection, SheetEdition, SheetHalfDay, SheetLine,
    SheetMark, SheetSigner, SheetState, SignatureStrokes, format_instant, format_session_date,
    format_session_hours, half_day_name, half_days_of,
};
use crate::entities::{
    attendance_correction, attendance_document, attendance_half_day_closing, attendance_line,
    attendance_sheet, enrolment, mission_locale, person, workshop_type,
};
use crate::services::access_guard::require;
use crate::services::attendance::document_seals::{SealFacts, seal_document};
use crate::services::planning::session_records::{SessionBundle, load_bundle, place_view};

/// A session as the attendance pages and sheets need it.
pub(crate) struct AttendanceSession {
    pub bundle: SessionBundle,
    pub title: String,
    pub theme: String,
    pub organiser: String,
    pub place: PlaceView,
}

impl AttendanceSession {
    pub async fn load(
        db: &impl ConnectionTrait,
        session_id: SessionId,
    ) -> Result<Self, ServiceError> {
        let bundle = load_bundle(db, session_id).await?;
        let workshop = workshop_type::Entity::find_by_id(bundle.session.workshop_type_id)
            .one(db)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let organiser = mission_locale::Entity::find_by_id(bundle.session.mission_locale_id)
            .one(db)
            .await?
            .map(|ml| ml.name)
            .unwrap_or_default();
        let place = place_view(db, &bundle.session).await?;
        let theme = workshop.theme.label().to_owned();
        Ok(Self {
            bundle,
            title: workshop.title,
            theme,
            organiser,
            place,
        })
    }

    pub fn id(&self) -> SessionId {
        self.bundle.session.id
    }

    pub fn starts_at(&self) -> DateTime<Utc> {
        self.bundle.session.starts_at
    }

    pub fn ends_at(&self) -> DateTime<Utc> {
        self.bundle.session.ends_at
    }

    /// One half-day, or the morning and the afternoon (`domain::half_days`).
    pub fn half_days(&self) -> Vec<HalfDay> {
        half_days_of(self.starts_at(), self.ends_at())
    }

    /// The half-day asked for, if the session has it.
    pub fn half_day(&self, number: HalfDayNumber) -> Result<HalfDay, ServiceError> {
        self.half_days()
            .get(number.index())
            .copied()
            .ok_or_else(|| {
                crate::domain::InvalidInput::new("demi", "Cette séance n'a pas cette demi-journée.")
                    .into()
            })
    }

    /// The session's last half-day: closing it closes the sheet.
    pub fn last_half_day(&self) -> HalfDayNumber {
        HalfDayNumber::at(self.half_days().len().saturating_sub(1)).unwrap_or(HalfDayNumber::FIRST)
    }

    /// « Matin », « Après-midi »…
    pub fn half_day_name(&self, number: HalfDayNumber) -> String {
        half_day_name(&self.half_days(), number)
    }

    /// « mardi 15 décembre 2026, 18 h 00 – 20 h 00 »
    pub fn when(&self) -> String {
        format!(
            "{}, {}",
            format_session_date(self.starts_at()),
            format_session_hours(self.starts_at(), self.ends_at())
        )
    }

    pub fn place_text(&self) -> String {
        if self.place.address.is_empty() {
            self.place.name.clone()
        } else {
            format!("{}, {}", self.place.name, self.place.address)
        }
    }

    /// Whether the person runs this session (facilitator or counsellor on it).
    pub fn is_run_by(&self, actor: &Actor) -> bool {
        actor.person_id().is_some_and(|id| {
            self.bundle.facilitator_ids.contains(&id) || self.bundle.counsellor_ids.contains(&id)
        })
    }

    /// Only those who take attendance get further; a cancelled or draft session has no sheet.
    pub fn require_attendance_taker(&self, actor: &Actor) -> Result<(), ServiceError> {
        require(
            actor,
            actor.may_take_attendance(self.bundle.session.mission_locale_id, self.is_run_by(actor)),
        )?;
        self.require_held()
    }

    pub fn require_held(&self) -> Result<(), ServiceError> {
        match self.bundle.status() {
            SessionStatus::Published => Ok(()),
            SessionStatus::Cancelled => Err(AttendanceRefusal::SessionCancelled.into()),
            SessionStatus::Draft => Err(AttendanceRefusal::SessionNotPublished.into()),
        }
    }
}

/// The youths holding a place at the session.
pub(crate) async fn registered_youth_ids(
    db: &impl ConnectionTrait,
    session_id: SessionId,
) -> Result<Vec<PersonId>, ServiceError> {
    Ok(enrolment::Entity::find()
        .filter(enrolment::Column::SessionId.eq(session_id))
        .filter(enrolment::Column::Status.eq(EnrolmentStatus::Registered))
        .all(db)
        .await?
        .into_iter()
        .map(|row| row.youth_id)
        .collect())
}

pub(crate) async fn lines_of(
    db: &impl ConnectionTrait,
    session_id: SessionId,
) -> Result<Vec<attendance_line::Model>, ServiceError> {
    Ok(attendance_line::Entity::find()
        .filter(attendance_line::Column::SessionId.eq(session_id))
        .order_by_asc(attendance_line::Column::Id)
        .all(db)
        .await?)
}

pub(crate) async fn line_of(
    db: &impl ConnectionTrait,
    session_id: SessionId,
    youth_id: PersonId,
    half_day: HalfDayNumber,
) -> Result<Option<attendance_line::Model>, ServiceError> {
    Ok(attendance_line::Entity::find()
        .filter(attendance_line::Column::SessionId.eq(session_id))
        .filter(attendance_line::Column::YouthId.eq(youth_id))
        .filter(attendance_line::Column::HalfDay.eq(half_day))
        .one(db)
        .await?)
}

/// The youth's line on any half-day of the session (the first): whether they are on the
/// sheet, and as a walk-in or not.
pub(crate) async fn line_of_any_half(
    db: &impl ConnectionTrait,
    session_id: SessionId,
    youth_id: PersonId,
) -> Result<Option<attendance_line::Model>, ServiceError> {
    Ok(attendance_line::Entity::find()
        .filter(attendance_line::Column::SessionId.eq(session_id))
        .filter(attendance_line::Column::YouthId.eq(youth_id))
        .order_by_asc(attendance_line::Column::HalfDay)
        .one(db)
        .await?)
}

/// Everyone on the sheet: the youths holding a place, then those added on the spot.
pub(crate) fn youths_on_sheet(
    registered: &[PersonId],
    lines: &[attendance_line::Model],
) -> Vec<PersonId> {
    let mut youths = registered.to_vec();
    for line in lines {
        if !youths.contains(&line.youth_id) {
            youths.push(line.youth_id);
        }
    }
    youths
}

/// The half-days closed before the sheet (the morning of a full day), by half-day.
pub(crate) async fn half_day_closings_of(
    db: &impl ConnectionTrait,
    session_id: SessionId,
) -> Result<Vec<attendance_half_day_closing::Model>, ServiceError> {
    Ok(attendance_half_day_closing::Entity::find()
        .filter(attendance_half_day_closing::Column::SessionId.eq(session_id))
        .order_by_asc(attendance_half_day_closing::Column::HalfDay)
        .all(db)
        .await?)
}

/// A half-day closed with its facilitator's signature refuses any change but a correction.
/// Called after `lock_open_sheet`, so a closing cannot slip in between.
pub(crate) async fn require_half_day_open(
    txn: &impl ConnectionTrait,
    session: &AttendanceSession,
    half_day: HalfDayNumber,
) -> Result<(), ServiceError> {
    session.half_day(half_day)?;
    let closed = half_day_closings_of(txn, session.id())
        .await?
        .iter()
        .any(|closing| closing.half_day == half_day);
    if closed {
        return Err(AttendanceRefusal::HalfDayClosed {
            name: session.half_day_name(half_day),
        }
        .into());
    }
    Ok(())
}

pub(crate) async fn sheet_of(
    db: &impl ConnectionTrait,
    session_id: SessionId,
) -> Result<Option<attendance_sheet::Model>, ServiceError> {
    Ok(attendance_sheet::Entity::find()
        .filter(attendance_sheet::Column::SessionId.eq(session_id))
        .one(db)
        .await?)
}

pub(crate) fn sheet_state(sheet: Option<&attendance_sheet::Model>) -> SheetState {
    sheet.map_or(SheetState::Open, |sheet| sheet.state)
}

/// The session's sheet, made (open, with a fresh check-in secret) the first time attendance is
/// taken. Two people opening it at once get the same sheet.
pub(crate) async fn open_sheet(
    txn: &impl ConnectionTrait,
    session_id: SessionId,
    now: DateTime<Utc>,
) -> Result<attendance_sheet::Model, ServiceError> {
    let mut secret = [0u8; 32];
    OsRng.fill_bytes(&mut secret);
    attendance_sheet::Entity::insert(attendance_sheet::ActiveModel {
        session_id: Set(session_id),
        state: Set(SheetState::Open),
        check_in_secret: Set(URL_SAFE_NO_PAD.encode(secret)),
        opened_at: Set(now),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::column(attendance_sheet::Column::SessionId)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(txn)
    .await?;
    sheet_of(txn, session_id)
        .await?
        .ok_or(ServiceError::NotFound)
}

/// Makes the sheet if needed and locks it while open; a closed sheet refuses the change.
pub(crate) async fn lock_open_sheet(
    txn: &impl ConnectionTrait,
    session_id: SessionId,
    now: DateTime<Utc>,
) -> Result<attendance_sheet::Model, ServiceError> {
    let sheet = open_sheet(txn, session_id, now).await?;
    let touched = attendance_sheet::Entity::update_many()
        .col_expr(
            attendance_sheet::Column::State,
            Expr::col(attendance_sheet::Column::State),
        )
        .filter(attendance_sheet::Column::Id.eq(sheet.id))
        .filter(attendance_sheet::Column::State.eq(SheetState::Open))
        .exec(txn)
        .await?;
    if touched.rows_affected == 0 {
        // A paper sheet has no « Corriger »: the scan is the evidence.
        let refusal = match sheet.state {
            SheetState::Paper => AttendanceRefusal::SheetClosedOnPaper,
            SheetState::Open | SheetState::Closed => AttendanceRefusal::SheetAlreadyClosed,
        };
        return Err(refusal.into());
    }
    Ok(sheet)
}

/// A new line on the sheet, confirmed, unsigned: the roll-call and walk-ins write it as is, a
/// self check-in sets when and leaves it to confirm.
pub(crate) fn new_line(
    session_id: SessionId,
    youth_id: PersonId,
    half_day: HalfDayNumber,
    status: AttendanceStatus,
    marked_by: Option<PersonId>,
    now: DateTime<Utc>,
) -> attendance_line::ActiveModel {
    attendance_line::ActiveModel {
        session_id: Set(session_id),
        youth_id: Set(youth_id),
        half_day: Set(half_day),
        status: Set(status),
        walk_in: Set(false),
        checked_in_at: Set(None),
        confirmed: Set(true),
        marked_by: Set(marked_by),
        marked_at: Set(now),
        signature: Set(None),
        signed_at: Set(None),
        signature_collected_by: Set(None),
        ..Default::default()
    }
}

/// The corrections of a sheet as people read them.
pub(crate) async fn corrections_of(
    db: &impl ConnectionTrait,
    session: &AttendanceSession,
) -> Result<Vec<SheetCorrection>, ServiceError> {
    let session_id = session.id();
    let two_halves = session.half_days().len() > 1;
    let corrections = attendance_correction::Entity::find()
        .filter(attendance_correction::Column::SessionId.eq(session_id))
        .order_by_asc(attendance_correction::Column::Id)
        .all(db)
        .await?;
    let names = names_of(
        db,
        corrections
            .iter()
            .flat_map(|correction| [correction.youth_id, correction.corrected_by]),
    )
    .await?;
    let name = |id: PersonId| names.get(&id).cloned().unwrap_or_default();
    Ok(corrections
        .iter()
        .map(|correction| SheetCorrection {
            youth: name(correction.youth_id),
            half_day: two_halves.then(|| session.half_day_name(correction.half_day)),
            from: correction.from_status,
            to: correction.to_status,
            reason: correction.reason.clone(),
            by: name(correction.corrected_by),
            at: format_instant(correction.corrected_at),
        })
        .collect())
}

/// The code shown on the facilitator's screen during one 30-second window: a keyed hash of
/// the sheet's secret, the session and the window, as six digits. Without the secret, a code
/// says nothing about the next one.
pub fn check_in_code(secret: &str, session_id: SessionId, window: i64) -> String {
    let digest = Sha256::new()
        .chain_update(secret.as_bytes())
        .chain_update(b":")
        .chain_update(session_id.get().to_be_bytes())
        .chain_update(window.to_be_bytes())
        .finalize();
    let number = u32::from_be_bytes([digest[0], digest[1], digest[2], digest[3]]);
    format!(
        "{:0width$}",
        number % 10u32.pow(CHECK_IN_CODE_DIGITS as u32),
        width = CHECK_IN_CODE_DIGITS
    )
}

/// « Prénom Nom » of each person, by id.
pub(crate) async fn names_of(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = PersonId>,
) -> Result<HashMap<PersonId, String>, ServiceError> {
    let ids: Vec<PersonId> = ids.into_iter().collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(person::Entity::find()
        .filter(person::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|person| {
            (
                person.id,
                format!("{} {}", person.first_name, person.last_name),
            )
        })
        .collect())
}

/// « 18 h 04 », in Paris.
pub(crate) fn clock(at: DateTime<Utc>) -> String {
    at.with_timezone(&crate::domain::PARIS)
        .format("%-H h %M")
        .to_string()
}

/// The lines in the order the sheet prints them: by last name, then first name.
pub(crate) fn sorted_by_name<T>(items: &mut [T], name: impl Fn(&T) -> &str) {
    items.sort_by_key(|item| {
        let name = name(item);
        let (first, last) = name.split_once(' ').unwrap_or(("", name));
        (last.to_lowercase(), first.to_lowercase())
    });
}

/// Everything the sheet prints, read from the database now.
pub(crate) async fn sheet_document(
    db: &impl ConnectionTrait,
    session: &AttendanceSession,
    edition: SheetEdition,
    now: DateTime<Utc>,
) -> Result<AttendanceSheetDocument, ServiceError> {
    let session_id = session.id();
    let sheet = sheet_of(db, session_id).await?;
    let lines = lines_of(db, session_id).await?;
    let registered = registered_youth_ids(db, session_id).await?;
    let corrections = corrections_of(db, session).await?;
    let closer = sheet.as_ref().and_then(|sheet| sheet.closed_by);
    let names = names_of(
        db,
        lines
            .iter()
            .map(|line| line.youth_id)
            .chain(registered.iter().copied())
            .chain(session.bundle.facilitator_ids.iter().copied())
            .chain(session.bundle.counsellor_ids.iter().copied())
            .chain(closer),
    )
    .await?;
    let name = |id: PersonId| names.get(&id).cloned().unwrap_or_default();

    let blank = edition == SheetEdition::BlankForPaper;
    let halves = session.half_days();
    let half_day_closings = half_day_closings_of(db, session_id).await?;
    let mark_of = |line: &attendance_line::Model| SheetMark {
        status: Some(line.status),
        checked_in_at: line.checked_in_at.map(clock),
        signed_at: line.signed_at.map(clock),
        signature: line
            .signature
            .as_deref()
            .and_then(|text| SignatureStrokes::parse(text).ok()),
    };
    // One line per youth, with a mark per half-day (empty where they have none).
    let mut sheet_lines: Vec<SheetLine> = youths_on_sheet(&registered, &lines)
        .iter()
        .map(|youth_id| {
            let theirs = || lines.iter().filter(|line| line.youth_id == *youth_id);
            SheetLine {
                name: name(*youth_id),
                walk_in: theirs().any(|line| line.walk_in),
                marks: (0..halves.len())
                    .map(|index| {
                        theirs()
                            .find(|line| line.half_day.index() == index)
                            .filter(|_| !blank)
                            .map(mark_of)
                            .unwrap_or_default()
                    })
                    .collect(),
            }
        })
        .collect();
    sorted_by_name(&mut sheet_lines, |line| &line.name);

    let closer_names = names_of(
        db,
        half_day_closings.iter().map(|closing| closing.closed_by),
    )
    .await?;
    let role_of = |closer: PersonId| {
        if session.bundle.facilitator_ids.contains(&closer) {
            "Intervenant·e".to_owned()
        } else {
            "Conseiller·ère".to_owned()
        }
    };
    let half_days = halves
        .iter()
        .enumerate()
        .map(|(index, half)| SheetHalfDay {
            name: half_day_name(
                &halves,
                HalfDayNumber::at(index).unwrap_or(HalfDayNumber::FIRST),
            ),
            hours: format_session_hours(half.starts_at, half.ends_at),
            closing: half_day_closings
                .iter()
                .find(|closing| closing.half_day.index() == index)
                .filter(|_| !blank)
                .and_then(|closing| {
                    Some(SheetSigner {
                        name: closer_names
                            .get(&closing.closed_by)
                            .cloned()
                            .unwrap_or_default(),
                        role: role_of(closing.closed_by),
                        signed_at: format_instant(closing.closed_at),
                        signature: SignatureStrokes::parse(&closing.signature).ok()?,
                    })
                }),
        })
        .collect();

    let closing = sheet.as_ref().and_then(|sheet| {
        let signature = SignatureStrokes::parse(sheet.closing_signature.as_deref()?).ok()?;
        let closer = sheet.closed_by?;
        Some(SheetSigner {
            name: name(closer),
            role: role_of(closer),
            signed_at: format_instant(sheet.closed_at?),
            signature,
        })
    });
    let names_in = |ids: &std::collections::BTreeSet<PersonId>| -> Vec<String> {
        ids.iter().map(|id| name(*id)).collect()
    };
    let mut document = AttendanceSheetDocument {
        edition,
        mission_locale: session.organiser.clone(),
        programme: PROGRAMME_NAME.to_owned(),
        workshop_title: session.title.clone(),
        theme: session.theme.clone(),
        day: format_session_date(session.starts_at()),
        starts: clock(session.starts_at()),
        ends: clock(session.ends_at()),
        place: session.place_text(),
        facilitators: names_in(&session.bundle.facilitator_ids),
        counsellors: names_in(&session.bundle.counsellor_ids),
        half_days,
        lines: sheet_lines,
        closing: if blank { None } else { closing },
        corrections: if blank { Vec::new() } else { corrections },
        eu_mention: EU_MENTION.to_owned(),
        fingerprint: String::new(),
        made_at: format_instant(now),
        verification_url: None,
    };
    document.fingerprint = fingerprint(&document);
    Ok(document)
}

/// SHA-256 of the document's data with an empty fingerprint, hex.
pub(crate) fn fingerprint(document: &AttendanceSheetDocument) -> String {
    let mut unprinted = document.clone();
    unprinted.fingerprint = String::new();
    #[expect(
        clippy::expect_used,
        reason = "strings, numbers and dates always serialise to JSON"
    )]
    let json = serde_json::to_vec(&unprinted).expect("a sheet always serialises");
    hex(&Sha256::digest(json))
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// Prints the sheet as it stands and keeps the PDF as evidence, next to any earlier one, sealed
/// in the register with its verification URL printed on it.
pub(crate) async fn keep_sheet_pdf(
    txn: &impl ConnectionTrait,
    session: &AttendanceSession,
    edition: SheetEdition,
    made_by: PersonId,
    sealer: &DocumentSealer,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let code = sealer.new_code();
    let mut document = sheet_document(txn, session, edition, now).await?;
    document.verification_url = Some(sealer.verification_url(&code));
    document.fingerprint = fingerprint(&document);
    let (kind, file_name, sealed_kind) = match edition {
        SheetEdition::Corrected(number) => (
            "corrected",
            format!("emargement-seance-{}-corrigee-{number}.pdf", session.id()),
            SealedKind::CorrectedSheet(number),
        ),
        _ => (
            "original",
            format!("emargement-seance-{}.pdf", session.id()),
            SealedKind::ClosedSheet,
        ),
    };
    let content = render_attendance_sheet(&document);
    let kept = attendance_document::ActiveModel {
        session_id: Set(session.id()),
        kind: Set(kind.to_owned()),
        file_name: Set(file_name),
        content_type: Set("application/pdf".to_owned()),
        content: Set(content.clone()),
        fingerprint: Set(document.fingerprint.clone()),
        created_by: Set(made_by),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    let issued_by = names_of(txn, [made_by])
        .await?
        .remove(&made_by)
        .unwrap_or_default();
    let facts = SealFacts {
        kind: sealed_kind,
        session_id: session.id().get(),
        workshop_title: document.workshop_title,
        day: document.day,
        mission_locale: document.mission_locale,
        closed_at: document
            .closing
            .as_ref()
            .map(|signer| signer.signed_at.clone()),
        closed_by: document.closing.map(|signer| signer.name),
        issued_at: document.made_at,
        issued_by,
    };
    seal_document(txn, sealer, code, kept.id, &content, facts, now).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_in_codes_are_six_digits_and_change_with_the_window_and_the_secret() {
        let session = SessionId::from(7);
        let code = check_in_code("secret", session, 1000);
        assert_eq!(code.len(), 6);
        assert!(code.chars().all(|c| c.is_ascii_digit()));
        assert_eq!(code, check_in_code("secret", session, 1000));
        let next: Vec<String> = (1001..1011)
            .map(|w| check_in_code("secret", session, w))
            .collect();
        assert!(next.iter().any(|other| *other != code));
        assert_ne!(
            (1000..1010)
                .map(|w| check_in_code("other", session, w))
                .collect::<Vec<_>>(),
            (1000..1010)
                .map(|w| check_in_code("secret", session, w))
                .collect::<Vec<_>>()
        );
    }
}
