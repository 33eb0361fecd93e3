use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::ServiceError;
use crate::documents::render_attendance_sheet;
use crate::domain::{Actor, SessionId, SheetEdition};
use crate::entities::attendance_document;
use crate::services::attendance::attendance_records::{AttendanceSession, sheet_document};

/// A file to download: its name, type and bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DownloadedFile {
    pub file_name: String,
    pub content_type: String,
    pub content: Vec<u8>,
}

/// A kept sheet (original, corrected or scan), exactly as it was stored.
pub async fn download_attendance_document(
    db: &impl ConnectionTrait,
    actor: &Actor,
    session_id: SessionId,
    document_id: i32,
) -> Result<DownloadedFile, ServiceError> {
    let session = AttendanceSession::load(db, session_id).await?;
    session.require_attendance_taker(actor)?;
    let document = attendance_document::Entity::find_by_id(document_id)
        .filter(attendance_document::Column::SessionId.eq(session_id))
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    Ok(DownloadedFile {
        file_name: document.file_name,
        content_type: document.content_type,
        content: document.content,
    })
}

/// The sheet to print for signing on paper: the names, empty status and signature columns.
pub async fn print_blank_attendance_sheet(
    db: &impl ConnectionTrait,
    actor: &Actor,
    session_id: SessionId,
    now: DateTime<Utc>,
) -> Result<DownloadedFile, ServiceError> {
    let session = AttendanceSession::load(db, session_id).await?;
    session.require_attendance_taker(actor)?;
    let document = sheet_document(db, &session, SheetEdition::BlankForPaper, now).await?;
    Ok(DownloadedFile {
        file_name: format!("emargement-seance-{session_id}-a-signer.pdf"),
        content_type: "application/pdf".to_owned(),
        content: render_attendance_sheet(&document),
    })
}
