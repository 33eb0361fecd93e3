use sea_orm::entity::prelude::*;

/// One issued PDF in the register: its SHA-256 and the signed statement of what it is
/// (`services::attendance::document_seals`). Never updated nor deleted.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "document_seals")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The verification URL's code, printed on the PDF.
    pub code: String,
    pub document_id: i32,
    pub sha256: String,
    /// JSON of [`crate::domain::SealedDocument`], kept as signed.
    #[sea_orm(column_type = "Text")]
    pub statement: String,
    /// Ed25519 signature of `statement`'s bytes, base64url.
    pub signature: String,
    pub public_key: String,
    pub issued_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
