use sea_orm::entity::prelude::*;

/// A six-digit code sent by SMS to sign in with a phone number; only its hash is kept.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sms_sign_in_codes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// E.164: the code signs in only with the number it was sent to.
    pub phone: String,
    pub code_hash: String,
    pub created_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
    pub used_at: Option<DateTimeUtc>,
    pub failed_tries: i32,
}

impl ActiveModelBehavior for ActiveModel {}
