use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set,
    TransactionSession, TransactionTrait,
};
use sha2::{Digest, Sha256};

use crate::ServiceError;
use crate::auth::DocumentSealer;
use crate::domain::{
    Actor, AttendanceRefusal, PaperScan, SealedKind, SessionId, SheetEdition, SheetState,
    format_instant, format_session_date,
};
use crate::entities::{attendance_document, attendance_sheet};
use crate::services::access_guard::require;
use crate::services::attendance::attendance_records::{
    AttendanceSession, half_day_closings_of, hex, keep_sheet_pdf, lock_open_sheet, names_of,
};
use crate::services::attendance::document_seals::{SealFacts, seal_document};
use crate::services::begin_write::begin_write;

/// The paper fallback: the scan of the signed pre-printed sheet closes the sheet, kept as
/// evidence with the SHA-256 of its bytes and sealed in the register. When a half-day was
/// closed on screen first (the morning of a full day), the sheet as it stands is kept too: its
/// signatures are evidence for that half-day. Statuses already marked stay as they are (the
/// figures count confirmed lines); after this, nothing is marked nor signed on the sheet, unless
/// an organiser reopens it (`reopen_paper_sheet`). Only the organisers file it.
///
/// `read_scan` reads the upload (its file name and bytes) and is called only once the actor
/// and the session allow the filing: up to 10 MB is never buffered for someone who may not
/// file it (issue 17, item 4).
pub async fn upload_paper_sheet<C, R, F>(
    db: &C,
    actor: &Actor,
    session_id: SessionId,
    read_scan: R,
    sealer: &DocumentSealer,
    now: DateTime<Utc>,
) -> Result<(), ServiceError>
where
    C: ConnectionTrait + TransactionTrait,
    R: FnOnce() -> F,
    F: Future<Output = Result<(String, Vec<u8>), ServiceError>>,
{
    // A visitor learns nothing, not even whether the session exists.
    let uploader = actor.person_id().ok_or(ServiceError::NotSignedIn)?;
    let session = AttendanceSession::load(db, session_id).await?;
    require(
        actor,
        actor.may_file_paper_sheet(session.bundle.session.mission_locale_id),
    )?;
    session.require_held()?;
    // Same rule as the electronic closing: a sheet signed before the start proves nothing.
    if now < session.starts_at() {
        return Err(AttendanceRefusal::PaperSheetBeforeStart.into());
    }
    let (file_name, content) = read_scan().await?;
    let scan = PaperScan::parse(&file_name, content)?;
    let fingerprint = hex(&Sha256::digest(&scan.content));
    let filed_by = names_of(db, [uploader])
        .await?
        .remove(&uploader)
        .unwrap_or_default();

    let txn = begin_write(db).await?;
    let sheet = lock_open_sheet(&txn, session_id, now).await?;
    let kept = attendance_document::ActiveModel {
        session_id: Set(session_id),
        kind: Set("paper_scan".to_owned()),
        file_name: Set(scan.file_name),
        content_type: Set(scan.scan_type.content_type().to_owned()),
        content: Set(scan.content.clone()),
        fingerprint: Set(fingerprint),
        created_by: Set(uploader),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let facts = SealFacts {
        kind: SealedKind::PaperScan,
        session_id: session_id.get(),
        workshop_title: session.title.clone(),
        day: format_session_date(session.starts_at()),
        mission_locale: session.organiser.clone(),
        closed_at: Some(format_instant(now)),
        closed_by: Some(filed_by.clone()),
        issued_at: format_instant(now),
        issued_by: filed_by,
    };
    seal_document(
        &txn,
        sealer,
        sealer.new_code(),
        kept.id,
        &scan.content,
        facts,
        now,
    )
    .await?;
    // A morning closed on screen before the paper took over: its signatures are evidence too,
    // kept in a sheet as it stands, beside the scan.
    if !half_day_closings_of(&txn, session_id).await?.is_empty() {
        keep_sheet_pdf(
            &txn,
            &session,
            SheetEdition::Original,
            uploader,
            sealer,
            now,
        )
        .await?;
    }
    // The sheet is locked while open, so this update is the one that closes it.
    attendance_sheet::Entity::update_many()
        .set(attendance_sheet::ActiveModel {
            state: Set(SheetState::Paper),
            closed_at: Set(Some(now)),
            closed_by: Set(Some(uploader)),
            ..Default::default()
        })
        .filter(attendance_sheet::Column::Id.eq(sheet.id))
        .filter(attendance_sheet::Column::State.eq(SheetState::Open))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(())
}
