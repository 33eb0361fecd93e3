use crate::domain::PersonId;
use sea_orm::entity::prelude::*;

/// A guest facilitator (journalist, employer, association), with no account of their own.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "facilitators")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub person_id: PersonId,
    pub organisation: String,
    /// The staff member who added them, when known (see `Actor::may_edit_facilitator`).
    pub added_by: Option<PersonId>,
    #[sea_orm(belongs_to, from = "person_id", to = "id")]
    pub person: BelongsTo<super::person::Entity>,
}

impl ActiveModelBehavior for ActiveModel {}
