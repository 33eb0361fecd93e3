use crate::domain::PersonId;
use sea_orm::entity::prelude::*;

/// A youth whose personal data was minimised (`services::retention`): one row each, written in
/// the transaction that did it.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "minimisations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub youth_id: PersonId,
    pub minimised_at: DateTimeUtc,
    /// A phone, an email was on file (the contactability of past periods).
    pub had_phone: bool,
    pub had_email: bool,
    pub pseudonym: String,
}

impl ActiveModelBehavior for ActiveModel {}
