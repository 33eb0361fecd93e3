use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::ServiceError;
use crate::domain::sms::{NoticeChannel, NoticeSettings};
use crate::domain::{Actor, PersonId, PhoneNumber};
use crate::entities::person;

/// The signed-in youth's way of hearing about their sessions, and what they can choose from.
pub async fn view_notice_settings(
    db: &impl ConnectionTrait,
    actor: &Actor,
) -> Result<NoticeSettings, ServiceError> {
    let youth = own_youth(actor)?;
    let person = person::Entity::find_by_id(youth)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let mobile = person
        .phone
        .as_deref()
        .and_then(|phone| PhoneNumber::parse(phone).ok())
        .filter(PhoneNumber::is_mobile);
    let (channels, _) = super::youth_channels::youth_channels(&person);
    Ok(NoticeSettings {
        chosen: person.notice_channel,
        email: person.email.clone(),
        mobile: mobile.as_ref().map(PhoneNumber::national),
        stopped: person.sms_stopped_at.is_some(),
        channels,
    })
}

/// The youth chooses email, SMS or both (`channel`: the form's code). Choosing SMS again after a
/// STOP takes the STOP back: they ask for SMS, on their own page.
pub async fn choose_notice_channel(
    db: &impl ConnectionTrait,
    actor: &Actor,
    channel: &str,
) -> Result<(), ServiceError> {
    let youth = own_youth(actor)?;
    let channel = NoticeChannel::parse(channel).ok_or_else(|| {
        ServiceError::Invalid("Choisissez : par e-mail, par SMS, ou les deux.".into())
    })?;
    let mut update = person::Entity::update_many()
        .col_expr(person::Column::NoticeChannel, Expr::value(Some(channel)))
        .filter(person::Column::Id.eq(youth));
    if channel != NoticeChannel::Email {
        update = update.col_expr(
            person::Column::SmsStoppedAt,
            Expr::value(None::<DateTime<Utc>>),
        );
    }
    update.exec(db).await?;
    Ok(())
}

/// Only a youth has notice settings, and only their own.
fn own_youth(actor: &Actor) -> Result<PersonId, ServiceError> {
    match actor {
        Actor::Youth { person_id } => Ok(*person_id),
        Actor::Anonymous => Err(ServiceError::NotSignedIn),
        _ => Err(ServiceError::Forbidden),
    }
}
