use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};

use crate::ServiceError;
use crate::domain::{Actor, ContactForm, NewContact, PARIS, PeopleRefusal, PersonId};
use crate::entities::individual_contact;
use crate::services::access_guard::require;
use crate::services::people::youth_files::load_youth_for;

/// Records an interview, call, video call or message with a youth (`domain::individual_contact`):
/// whoever may edit the youth's file (their Mission Locale's counsellors, coordinators), never on
/// an archived file. The contact is counted for the referent's Mission Locale as it is now.
pub async fn record_individual_contact(
    db: &impl ConnectionTrait,
    actor: &Actor,
    youth_id: PersonId,
    form: &ContactForm,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    require(actor, actor.may_manage_people())?;
    let loaded = load_youth_for(db, actor, youth_id).await?;
    require(actor, actor.may_edit_youth(&loaded.file))?;
    let recorded_by = actor.person_id().ok_or(ServiceError::NotSignedIn)?;
    if loaded.person.archived_at.is_some() {
        return Err(PeopleRefusal::YouthArchived.into());
    }
    let contact = NewContact::parse(form, now.with_timezone(&PARIS).date_naive())?;
    individual_contact::ActiveModel {
        youth_id: Set(youth_id),
        mission_locale_id: Set(loaded.file.mission_locale_id),
        kind: Set(contact.kind),
        happened_on: Set(contact.day),
        minutes: Set(i32::try_from(contact.minutes).unwrap_or(i32::MAX)),
        subject: Set(contact.subject),
        recorded_by: Set(recorded_by),
        recorded_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}
