use crate::domain::PersonId;
use sea_orm::entity::prelude::*;

/// A person's private calendar feed, until revoked. Only the SHA-256 of the token in its URL is
/// kept (`auth::hash_token`).
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "calendar_feeds")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub person_id: PersonId,
    #[sea_orm(unique)]
    pub token_hash: String,
    pub created_at: DateTimeUtc,
    pub revoked_at: Option<DateTimeUtc>,
}

impl ActiveModelBehavior for ActiveModel {}
