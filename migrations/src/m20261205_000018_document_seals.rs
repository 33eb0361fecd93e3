//! The register of the PDFs Ateliers issues (issue 21): each closed, corrected or scanned
//! attendance sheet gets a row holding the SHA-256 of its bytes and a statement of what it is,
//! signed with the federation's Ed25519 key, so that `/verifier` and `ateliers verify` tell an
//! auditor whether a file is one Ateliers delivered, unaltered. Rows are never updated nor
//! deleted: they are evidence, like the documents.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(DocumentSeals::Table)
                    .col(pk_auto(DocumentSeals::Id))
                    // The short code of the verification URL printed on the PDF (random).
                    .col(string(DocumentSeals::Code).unique_key())
                    .col(integer(DocumentSeals::DocumentId).unique_key())
                    // SHA-256 of the file's bytes, hex: what an uploaded file is looked up by.
                    .col(string(DocumentSeals::Sha256))
                    // The signed statement (JSON, kept byte for byte) and its signature.
                    .col(text(DocumentSeals::Statement))
                    .col(string(DocumentSeals::Signature))
                    // The public key that signed it, base64url.
                    .col(string(DocumentSeals::PublicKey))
                    .col(timestamp_with_time_zone(DocumentSeals::IssuedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(DocumentSeals::Table, DocumentSeals::DocumentId)
                            .to(AttendanceDocuments::Table, AttendanceDocuments::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_document_seals_sha256")
                    .table(DocumentSeals::Table)
                    .col(DocumentSeals::Sha256)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Issued PDFs can no longer be checked after this: only for a rollback before any.
        manager
            .drop_table(Table::drop().table(DocumentSeals::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum DocumentSeals {
    Table,
    Id,
    Code,
    DocumentId,
    Sha256,
    Statement,
    Signature,
    PublicKey,
    IssuedAt,
}

#[derive(DeriveIden)]
enum AttendanceDocuments {
    Table,
    Id,
}
