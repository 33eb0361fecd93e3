use crate::domain::PersonId;
use sea_orm::entity::prelude::*;

/// One line of the audit log: who did what to whom, and when.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub at: DateTimeUtc,
    pub actor_id: Option<PersonId>,
    /// A `domain::AuditAction` code.
    pub action: String,
    pub subject_id: Option<i32>,
    pub details: String,
    pub ip_address: Option<String>,
}

impl ActiveModelBehavior for ActiveModel {}
