use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::ServiceError;
use crate::auth::hash_token;
use crate::domain::{Actor, PersonId};
use crate::entities::{facilitator, login_session, person, staff_member, youth};

/// Who holds the session token `token` at `now`: anonymous when the session is unknown,
/// expired, revoked, or its person archived.
pub async fn identify_actor(
    db: &impl ConnectionTrait,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Actor, ServiceError> {
    let Some(session) = login_session::Entity::find()
        .filter(login_session::Column::TokenHash.eq(hash_token(token)))
        .filter(login_session::Column::RevokedAt.is_null())
        .filter(login_session::Column::ExpiresAt.gt(now))
        .one(db)
        .await?
    else {
        return Ok(Actor::Anonymous);
    };
    let person_id = session.person_id;
    let active = person::Entity::find_by_id(person_id)
        .filter(person::Column::ArchivedAt.is_null())
        .one(db)
        .await?
        .is_some();
    if !active {
        return Ok(Actor::Anonymous);
    }
    if let Some(staff) = staff_member::Entity::find_by_id(person_id).one(db).await? {
        return Ok(match (staff.role.as_str(), staff.mission_locale_id) {
            ("coordinator", _) => Actor::Coordinator { person_id },
            ("counsellor", Some(mission_locale_id)) => Actor::Counsellor {
                person_id,
                mission_locale_id,
                disability_specialist: staff.disability_specialist,
                justice_specialist: staff.justice_specialist,
            },
            // A counsellor without a Mission Locale is a data error: grant nothing.
            _ => Actor::Anonymous,
        });
    }
    if youth::Entity::find_by_id(person_id)
        .one(db)
        .await?
        .is_some()
    {
        return Ok(Actor::Youth { person_id });
    }
    if facilitator::Entity::find_by_id(person_id)
        .one(db)
        .await?
        .is_some()
    {
        return Ok(Actor::Facilitator { person_id });
    }
    Ok(Actor::Anonymous)
}

/// Ends the session of `token` (signing out); harmless when it is already over.
pub async fn sign_out(
    db: &impl ConnectionTrait,
    token: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    login_session::Entity::update_many()
        .col_expr(login_session::Column::RevokedAt, Expr::value(Some(now)))
        .filter(login_session::Column::TokenHash.eq(hash_token(token)))
        .filter(login_session::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// Ends every session of `person_id` (password changed, account archived), in the caller's
/// transaction.
pub(crate) async fn revoke_sessions_of(
    db: &impl ConnectionTrait,
    person_id: PersonId,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    login_session::Entity::update_many()
        .col_expr(login_session::Column::RevokedAt, Expr::value(Some(now)))
        .filter(login_session::Column::PersonId.eq(person_id))
        .filter(login_session::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}
