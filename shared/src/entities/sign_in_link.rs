use crate::domain::PersonId;
use sea_orm::entity::prelude::*;

/// A single-use link emailed to a youth or a facilitator (to sign in) or to staff (to choose a
/// new password); only the token's hash is kept.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sign_in_links")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub token_hash: String,
    pub person_id: PersonId,
    pub created_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
    pub used_at: Option<DateTimeUtc>,
    /// A `domain::LinkPurpose` code.
    pub purpose: String,
}

impl ActiveModelBehavior for ActiveModel {}
