use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::ServiceError;
use crate::domain::Actor;
use crate::entities::calendar_feed::{Column, Entity};

/// The signed-in person's calendar address stops working at once (a lost phone, a link shared
/// by mistake, or an address they no longer have: it is never shown twice). The next visit of
/// their calendar page makes and shows a new one.
pub async fn revoke_calendar_feed(
    db: &impl ConnectionTrait,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let person_id = actor.person_id().ok_or(ServiceError::NotSignedIn)?;
    Entity::update_many()
        .col_expr(Column::RevokedAt, Expr::value(Some(now)))
        .filter(Column::PersonId.eq(person_id))
        .filter(Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}
