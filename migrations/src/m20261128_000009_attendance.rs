//! Attendance (issue 7): one sheet per session (`attendance_sheets`: open, closed or paper; the
//! secret its rotating check-in codes derive from; the closing signature), one line per youth
//! on it (`attendance_lines`: status, self check-in, confirmation, signature, who collected it),
//! the corrections made after closing, each with its reason (`attendance_corrections`), and the
//! documents kept as evidence (`attendance_documents`: every PDF made at closing or after a
//! correction, and uploaded paper scans; never deleted, the original kept beside the corrected).

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
                    .table(AttendanceSheets::Table)
                    .col(pk_auto(AttendanceSheets::Id))
                    .col(integer_uniq(AttendanceSheets::SessionId))
                    // open, closed or paper.
                    .col(string(AttendanceSheets::State))
                    // Random, base64: the check-in codes are keyed hashes of it and the time.
                    .col(string(AttendanceSheets::CheckInSecret))
                    .col(timestamp_with_time_zone(AttendanceSheets::OpenedAt))
                    .col(timestamp_with_time_zone_null(AttendanceSheets::ClosedAt))
                    .col(integer_null(AttendanceSheets::ClosedBy))
                    // The closer's signature, as `SignatureStrokes` text.
                    .col(text_null(AttendanceSheets::ClosingSignature))
                    .foreign_key(
                        ForeignKey::create()
                            .from(AttendanceSheets::Table, AttendanceSheets::SessionId)
                            .to(WorkshopSessions::Table, WorkshopSessions::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(AttendanceSheets::Table, AttendanceSheets::ClosedBy)
                            .to(People::Table, People::Id),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(AttendanceLines::Table)
                    .col(pk_auto(AttendanceLines::Id))
                    .col(integer(AttendanceLines::SessionId))
                    .col(integer(AttendanceLines::YouthId))
                    // present, late, excused or absent.
                    .col(string(AttendanceLines::Status))
                    // Added on the spot, without a place beforehand.
                    .col(boolean(AttendanceLines::WalkIn))
                    // Set when the youth checked in with the code themselves.
                    .col(timestamp_with_time_zone_null(AttendanceLines::CheckedInAt))
                    // A self check-in counts once the facilitator confirms it.
                    .col(boolean(AttendanceLines::Confirmed))
                    .col(integer_null(AttendanceLines::MarkedBy))
                    .col(timestamp_with_time_zone(AttendanceLines::MarkedAt))
                    .col(text_null(AttendanceLines::Signature))
                    .col(timestamp_with_time_zone_null(AttendanceLines::SignedAt))
                    // Whose device the youth signed on (their own account, or staff's).
                    .col(integer_null(AttendanceLines::SignatureCollectedBy))
                    .foreign_key(
                        ForeignKey::create()
                            .from(AttendanceLines::Table, AttendanceLines::SessionId)
                            .to(WorkshopSessions::Table, WorkshopSessions::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(AttendanceLines::Table, AttendanceLines::YouthId)
                            .to(People::Table, People::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_attendance_lines_one_per_youth")
                    .table(AttendanceLines::Table)
                    .col(AttendanceLines::SessionId)
                    .col(AttendanceLines::YouthId)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(AttendanceCorrections::Table)
                    .col(pk_auto(AttendanceCorrections::Id))
                    .col(integer(AttendanceCorrections::SessionId))
                    .col(integer(AttendanceCorrections::YouthId))
                    .col(string(AttendanceCorrections::FromStatus))
                    .col(string(AttendanceCorrections::ToStatus))
                    .col(text(AttendanceCorrections::Reason))
                    .col(integer(AttendanceCorrections::CorrectedBy))
                    .col(timestamp_with_time_zone(AttendanceCorrections::CorrectedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(
                                AttendanceCorrections::Table,
                                AttendanceCorrections::SessionId,
                            )
                            .to(WorkshopSessions::Table, WorkshopSessions::Id),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(AttendanceDocuments::Table)
                    .col(pk_auto(AttendanceDocuments::Id))
                    .col(integer(AttendanceDocuments::SessionId))
                    // original, corrected or paper_scan.
                    .col(string(AttendanceDocuments::Kind))
                    .col(string(AttendanceDocuments::FileName))
                    .col(string(AttendanceDocuments::ContentType))
                    .col(blob(AttendanceDocuments::Content))
                    // SHA-256 of the sheet's data (printed on generated sheets), or of the
                    // uploaded file.
                    .col(string(AttendanceDocuments::Fingerprint))
                    .col(integer(AttendanceDocuments::CreatedBy))
                    .col(timestamp_with_time_zone(AttendanceDocuments::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(AttendanceDocuments::Table, AttendanceDocuments::SessionId)
                            .to(WorkshopSessions::Table, WorkshopSessions::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_attendance_documents_session")
                    .table(AttendanceDocuments::Table)
                    .col(AttendanceDocuments::SessionId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        // Going back would drop the attendance sheets, their corrections and the signed
        // documents the funder audits: not offered.
        Err(DbErr::Migration(
            "m20261128_000009_attendance cannot be reverted without losing the attendance \
             sheets and their signed documents"
                .into(),
        ))
    }
}

#[derive(DeriveIden)]
enum AttendanceSheets {
    Table,
    Id,
    SessionId,
    State,
    CheckInSecret,
    OpenedAt,
    ClosedAt,
    ClosedBy,
    ClosingSignature,
}

#[derive(DeriveIden)]
enum AttendanceLines {
    Table,
    Id,
    SessionId,
    YouthId,
    Status,
    WalkIn,
    CheckedInAt,
    Confirmed,
    MarkedBy,
    MarkedAt,
    Signature,
    SignedAt,
    SignatureCollectedBy,
}

#[derive(DeriveIden)]
enum AttendanceCorrections {
    Table,
    Id,
    SessionId,
    YouthId,
    FromStatus,
    ToStatus,
    Reason,
    CorrectedBy,
    CorrectedAt,
}

#[derive(DeriveIden)]
enum AttendanceDocuments {
    Table,
    Id,
    SessionId,
    Kind,
    FileName,
    ContentType,
    Content,
    Fingerprint,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum WorkshopSessions {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum People {
    Table,
    Id,
}
