use crate::domain::PersonId;
use sea_orm::entity::prelude::*;

/// Someone was shown a youth's sensitive flags (`services::view_youth`). Appended, never updated.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sensitive_flag_reads")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub youth_id: PersonId,
    pub reader_id: PersonId,
    /// `disability`, `judicial_supervision`, or both, comma-separated.
    pub flags: String,
    pub read_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
