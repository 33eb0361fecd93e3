//! The register of issued PDFs (not a use case: `keep_sheet_pdf` and `upload_paper_sheet`
//! seal what they keep, `verify_document` and `view_seal` read the register back).
//!
//! Rules:
//! - Every PDF Ateliers issues (closed sheet, corrected sheet, kept scan) gets one row, in the
//!   transaction that keeps the document: the SHA-256 of its bytes and a statement of what it
//!   is (session, day, who closed it, who issued it, when), signed with the federation's
//!   Ed25519 key (`auth::DocumentSealer`).
//! - A file is authentic when its SHA-256 is in the register and the row's statement is signed
//!   by this installation's key; anything else (one byte changed, a file of another
//!   installation, a row written without the key) is not.
//! - The statement keeps the names as they were at issue: the evidence says who signed, even
//!   once a person's file is minimised.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use sha2::{Digest, Sha256};

use crate::ServiceError;
use crate::auth::DocumentSealer;
use crate::domain::{DocumentVerdict, SealedDocument, SealedKind};
use crate::entities::document_seal;

use super::attendance_records::hex;

/// What a seal states besides the file's fingerprint and code.
pub(crate) struct SealFacts {
    pub kind: SealedKind,
    pub session_id: i32,
    pub workshop_title: String,
    pub day: String,
    pub mission_locale: String,
    pub closed_at: Option<String>,
    pub closed_by: Option<String>,
    pub issued_at: String,
    pub issued_by: String,
}

/// Registers the kept document `document_id` (its bytes `content`) under `code`.
pub(crate) async fn seal_document(
    txn: &impl ConnectionTrait,
    sealer: &DocumentSealer,
    code: String,
    document_id: i32,
    content: &[u8],
    facts: SealFacts,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let statement = SealedDocument {
        code: code.clone(),
        sha256: sha256_hex(content),
        kind: facts.kind,
        session_id: facts.session_id,
        workshop_title: facts.workshop_title,
        day: facts.day,
        mission_locale: facts.mission_locale,
        closed_at: facts.closed_at,
        closed_by: facts.closed_by,
        issued_at: facts.issued_at,
        issued_by: facts.issued_by,
    };
    #[expect(
        clippy::expect_used,
        reason = "strings, numbers and enums always serialise to JSON"
    )]
    let json = serde_json::to_string(&statement).expect("a statement always serialises");
    document_seal::ActiveModel {
        code: Set(code),
        document_id: Set(document_id),
        sha256: Set(statement.sha256),
        signature: Set(sealer.sign(json.as_bytes())),
        statement: Set(json),
        public_key: Set(sealer.public_key()),
        issued_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(())
}

pub(crate) fn sha256_hex(content: &[u8]) -> String {
    hex(&Sha256::digest(content))
}

/// The verdict on the register's rows for a fingerprint (several only if the same bytes were
/// kept twice): the first whose statement this installation signed.
pub(crate) async fn verdict_for(
    db: &impl ConnectionTrait,
    sealer: &DocumentSealer,
    sha256: &str,
) -> Result<DocumentVerdict, ServiceError> {
    let rows = document_seal::Entity::find()
        .filter(document_seal::Column::Sha256.eq(sha256))
        .all(db)
        .await?;
    Ok(rows
        .iter()
        .find_map(|row| trusted_statement(sealer, row))
        .filter(|statement| statement.sha256 == sha256)
        .map_or(DocumentVerdict::Unknown, |statement| {
            DocumentVerdict::Authentic(Box::new(statement))
        }))
}

/// The row's statement, if this installation's key signed it.
pub(crate) fn trusted_statement(
    sealer: &DocumentSealer,
    row: &document_seal::Model,
) -> Option<SealedDocument> {
    if !sealer.signed_here(row.statement.as_bytes(), &row.signature, &row.public_key) {
        tracing::warn!(seal_id = row.id, "a seal's signature does not verify");
        return None;
    }
    serde_json::from_str(&row.statement).ok()
}
