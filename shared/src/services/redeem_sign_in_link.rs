use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set,
    TransactionSession, TransactionTrait,
};

use crate::ServiceError;
use crate::auth::{SecretToken, hash_token};
use crate::entities::{login_session, sign_in_link};

/// A youth stays signed in on their phone for weeks; they can sign out at any time.
pub const LINK_SESSION_LIFETIME: Duration = Duration::days(60);

/// The new session: its token goes into the cookie, never into the database.
#[derive(Debug)]
pub struct SignedIn {
    pub person_id: i32,
    pub session: SecretToken,
}

pub const LINK_NO_LONGER_VALID: &str = "Ce lien de connexion n'est plus valable (il a déjà servi ou a expiré). \
     Demandez-en un nouveau : il arrive en quelques minutes.";

/// Opens a session for the owner of an emailed link. A link works once, until it expires;
/// two browsers racing with the same link get one session between them.
pub async fn redeem_sign_in_link(
    db: &(impl ConnectionTrait + TransactionTrait),
    token: &str,
    now: DateTime<Utc>,
) -> Result<SignedIn, ServiceError> {
    let no_longer_valid = || ServiceError::Invalid(LINK_NO_LONGER_VALID.into());
    let Some(link) = sign_in_link::Entity::find()
        .filter(sign_in_link::Column::TokenHash.eq(hash_token(token)))
        .one(db)
        .await?
    else {
        return Err(no_longer_valid());
    };

    let txn = db.begin().await?;
    let used = sign_in_link::Entity::update_many()
        .col_expr(sign_in_link::Column::UsedAt, Expr::value(Some(now)))
        .filter(sign_in_link::Column::Id.eq(link.id))
        .filter(sign_in_link::Column::UsedAt.is_null())
        .filter(sign_in_link::Column::ExpiresAt.gt(now))
        .exec(&txn)
        .await?;
    if used.rows_affected != 1 {
        return Err(no_longer_valid()); // the transaction rolls back on drop
    }
    let session = SecretToken::generate();
    login_session::ActiveModel {
        token_hash: Set(session.hash.clone()),
        person_id: Set(link.person_id),
        created_at: Set(now),
        expires_at: Set(now + LINK_SESSION_LIFETIME),
        revoked_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(SignedIn {
        person_id: link.person_id,
        session,
    })
}
