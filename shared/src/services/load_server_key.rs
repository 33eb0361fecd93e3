use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ConnectionTrait, DbErr, EntityTrait, Set};

use crate::auth::SecretToken;
use crate::entities::server_key;

/// The deployment's random key for `purpose` (256 bits), made by the first instance that asks
/// and read by all the others: nothing for operators to set, the same key everywhere. Two
/// instances starting at once both insert; the database keeps the first.
pub async fn load_server_key(
    db: &impl ConnectionTrait,
    purpose: &str,
    now: DateTime<Utc>,
) -> Result<Vec<u8>, DbErr> {
    server_key::Entity::insert(server_key::ActiveModel {
        name: Set(purpose.to_owned()),
        secret: Set(SecretToken::generate().token),
        created_at: Set(now),
    })
    .on_conflict(
        OnConflict::column(server_key::Column::Name)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    let key = server_key::Entity::find_by_id(purpose.to_owned())
        .one(db)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound(format!("server key {purpose}")))?;
    Ok(key.secret.into_bytes())
}
