use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::ServiceError;
use crate::auth::hash_token;
use crate::domain::{Actor, MissionLocaleId, PersonId};
use crate::entities::{facilitator, login_session, person, staff_member, youth};

/// Who holds the session token `token` at `now`: anonymous when the session is unknown,
/// expired, revoked, or its person archived.
pub async fn identify_actor(
    db: &impl ConnectionTrait,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Actor, ServiceError> {
    // One query: every request asks it (a Monday-morning rush is mostly this).
    let session = |column: login_session::Column| Expr::col((login_session::Entity, column));
    let person_id = (login_session::Entity, login_session::Column::PersonId);
    let who = Query::select()
        .expr_as(session(login_session::Column::PersonId), "person_id")
        .expr_as(
            Expr::col((staff_member::Entity, staff_member::Column::Role)),
            "staff_role",
        )
        .expr_as(
            Expr::col((staff_member::Entity, staff_member::Column::MissionLocaleId)),
            "mission_locale_id",
        )
        .expr_as(
            Expr::col((
                staff_member::Entity,
                staff_member::Column::DisabilitySpecialist,
            )),
            "disability_specialist",
        )
        .expr_as(
            Expr::col((
                staff_member::Entity,
                staff_member::Column::JusticeSpecialist,
            )),
            "justice_specialist",
        )
        .expr_as(
            Expr::col((youth::Entity, youth::Column::PersonId)),
            "youth_id",
        )
        .expr_as(
            Expr::col((facilitator::Entity, facilitator::Column::PersonId)),
            "facilitator_id",
        )
        .from(login_session::Entity)
        .inner_join(
            person::Entity,
            Expr::col((person::Entity, person::Column::Id)).equals(person_id),
        )
        .left_join(
            staff_member::Entity,
            Expr::col((staff_member::Entity, staff_member::Column::PersonId)).equals(person_id),
        )
        .left_join(
            youth::Entity,
            Expr::col((youth::Entity, youth::Column::PersonId)).equals(person_id),
        )
        .left_join(
            facilitator::Entity,
            Expr::col((facilitator::Entity, facilitator::Column::PersonId)).equals(person_id),
        )
        .and_where(session(login_session::Column::TokenHash).eq(hash_token(token)))
        .and_where(session(login_session::Column::RevokedAt).is_null())
        .and_where(session(login_session::Column::ExpiresAt).gt(now))
        .and_where(Expr::col((person::Entity, person::Column::ArchivedAt)).is_null())
        .limit(1)
        .to_owned();
    let Some(row) = db.query_one(&who).await? else {
        return Ok(Actor::Anonymous);
    };
    let person_id: PersonId = row.try_get("", "person_id")?;
    if let Some(role) = row.try_get::<Option<String>>("", "staff_role")? {
        let mission_locale_id: Option<MissionLocaleId> = row.try_get("", "mission_locale_id")?;
        return Ok(match (role.as_str(), mission_locale_id) {
            ("coordinator", _) => Actor::Coordinator { person_id },
            ("counsellor", Some(mission_locale_id)) => Actor::Counsellor {
                person_id,
                mission_locale_id,
                disability_specialist: row.try_get("", "disability_specialist")?,
                justice_specialist: row.try_get("", "justice_specialist")?,
            },
            // A counsellor without a Mission Locale is a data error: grant nothing.
            _ => Actor::Anonymous,
        });
    }
    if row.try_get::<Option<PersonId>>("", "youth_id")?.is_some() {
        return Ok(Actor::Youth { person_id });
    }
    if row
        .try_get::<Option<PersonId>>("", "facilitator_id")?
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
