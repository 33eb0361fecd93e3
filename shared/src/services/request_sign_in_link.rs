use chrono::{DateTime, Duration, Utc};
use lettre::Message;
use lettre::message::Mailbox;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set,
    TransactionSession, TransactionTrait,
};

use crate::ServiceError;
use crate::auth::SecretToken;
use crate::domain::EmailAddress;
use crate::entities::{facilitator, person, sign_in_link, youth};
use crate::services::queue_mail;

/// How long an emailed sign-in link works.
pub const SIGN_IN_LINK_LIFETIME: Duration = Duration::minutes(30);

/// Emails a single-use sign-in link to the youth or guest facilitator who owns `email`.
///
/// The answer is the same whether the address is known or not (and nothing is sent for an
/// unknown one), so the form cannot be used to find out who is in the programme. Only a
/// malformed address is refused, with a French message.
pub async fn request_sign_in_link(
    db: &(impl ConnectionTrait + TransactionTrait),
    email: &str,
    site_url: &str,
    from: &Mailbox,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let email = EmailAddress::parse(email)?;
    let Some(person) = person::Entity::find()
        .filter(person::Column::Email.eq(email.as_str()))
        .filter(person::Column::ArchivedAt.is_null())
        .one(db)
        .await?
    else {
        return Ok(());
    };
    let signs_in_by_link = youth::Entity::find_by_id(person.id)
        .one(db)
        .await?
        .is_some()
        || facilitator::Entity::find_by_id(person.id)
            .one(db)
            .await?
            .is_some();
    if !signs_in_by_link {
        return Ok(()); // staff sign in with their password
    }

    let secret = SecretToken::generate();
    let link = format!(
        "{}/connexion/{}",
        site_url.trim_end_matches('/'),
        secret.token
    );
    let message = Message::builder()
        .from(from.clone())
        .to(Mailbox::new(
            Some(format!("{} {}", person.first_name, person.last_name)),
            email
                .as_str()
                .parse()
                .map_err(|_| ServiceError::Invalid("Adresse e-mail invalide.".into()))?,
        ))
        .subject("Votre lien de connexion à Ateliers")
        .message_id(None)
        .body(format!(
            "Bonjour {first_name},\n\n\
             Pour vous connecter à Ateliers, ouvrez ce lien :\n\n{link}\n\n\
             Il fonctionne une seule fois, pendant 30 minutes. Si vous n'avez rien demandé, \
             ignorez ce message : personne ne peut se connecter sans ce lien.\n\n\
             Ateliers — Missions Locales de Seine-Saint-Denis\n\
             Programme cofinancé par l'Union européenne (Fonds social européen).\n",
            first_name = person.first_name,
        ))
        .map_err(|error| {
            ServiceError::Database(sea_orm::DbErr::Custom(format!("composing mail: {error}")))
        })?;

    let txn = db.begin().await?;
    sign_in_link::ActiveModel {
        token_hash: Set(secret.hash),
        person_id: Set(person.id),
        created_at: Set(now),
        expires_at: Set(now + SIGN_IN_LINK_LIFETIME),
        used_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    queue_mail(&txn, &message, now).await?;
    txn.commit().await?;
    Ok(())
}
