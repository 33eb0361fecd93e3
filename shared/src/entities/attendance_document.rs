use crate::domain::{PersonId, SessionId};
use sea_orm::entity::prelude::*;

/// Evidence kept for the funder's audits: a generated sheet (original or corrected) or an
/// uploaded paper scan. Never updated nor deleted.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "attendance_documents")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub session_id: SessionId,
    /// original, corrected or paper_scan.
    pub kind: String,
    pub file_name: String,
    pub content_type: String,
    pub content: Vec<u8>,
    pub fingerprint: String,
    pub created_by: PersonId,
    pub created_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
