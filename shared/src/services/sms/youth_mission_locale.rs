use sea_orm::{ConnectionTrait, EntityTrait};

use crate::ServiceError;
use crate::domain::{MissionLocaleId, PersonId};
use crate::entities::{staff_member, youth};

/// The Mission Locale that follows a youth (their referent's), which pays for their SMS.
/// `None` for someone who is not a youth (a guest facilitator).
pub(crate) async fn youth_mission_locale(
    db: &impl ConnectionTrait,
    person: PersonId,
) -> Result<Option<MissionLocaleId>, ServiceError> {
    let Some(youth) = youth::Entity::find_by_id(person).one(db).await? else {
        return Ok(None);
    };
    Ok(staff_member::Entity::find_by_id(youth.referent_id)
        .one(db)
        .await?
        .and_then(|referent| referent.mission_locale_id))
}
