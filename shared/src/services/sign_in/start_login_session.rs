use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};

use crate::ServiceError;
use crate::auth::SecretToken;
use crate::domain::PersonId;
use crate::entities::login_session;

/// A youth or a facilitator stays signed in on their phone for weeks; they can sign out.
pub const LINK_SESSION_LIFETIME: Duration = Duration::days(60);
/// Staff sessions last a working day: their screens hold sensitive files.
pub const STAFF_SESSION_LIFETIME: Duration = Duration::hours(12);

/// A new session: its token goes into the cookie, never into the database.
#[derive(Debug)]
pub struct SignedIn {
    pub person_id: PersonId,
    pub session: SecretToken,
    pub lifetime: Duration,
}

/// Opens a session for `person_id` (a fresh random id each time: signing in never reuses one).
pub(crate) async fn start_login_session(
    db: &impl ConnectionTrait,
    person_id: PersonId,
    lifetime: Duration,
    now: DateTime<Utc>,
) -> Result<SignedIn, ServiceError> {
    let session = SecretToken::generate();
    login_session::ActiveModel {
        token_hash: Set(session.hash.clone()),
        person_id: Set(person_id),
        created_at: Set(now),
        expires_at: Set(now + lifetime),
        revoked_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(SignedIn {
        person_id,
        session,
        lifetime,
    })
}
