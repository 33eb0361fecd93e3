use sea_orm::entity::prelude::*;

/// A random secret of the deployment, made on first start, shared by every instance. Never
/// logged.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "server_keys")]
pub struct Model {
    /// What the key is for (`form_errors`).
    #[sea_orm(primary_key, auto_increment = false)]
    pub name: String,
    /// 256 random bits, base64url.
    pub secret: String,
    pub created_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
