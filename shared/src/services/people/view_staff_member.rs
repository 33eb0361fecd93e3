use sea_orm::{ConnectionTrait, EntityTrait};

use crate::ServiceError;
use crate::domain::{Actor, PersonId, StaffForm};
use crate::entities::{person, staff_member};
use crate::services::access_guard::require;

/// A staff account's form, pre-filled, for coordinators.
pub async fn view_staff_member(
    db: &impl ConnectionTrait,
    actor: &Actor,
    staff_id: PersonId,
) -> Result<StaffForm, ServiceError> {
    require(actor, actor.may_manage_staff())?;
    let Some((staff, Some(person))) = staff_member::Entity::find_by_id(staff_id)
        .find_also_related(person::Entity)
        .one(db)
        .await?
    else {
        return Err(ServiceError::NotFound);
    };
    let on = |flag: bool| flag.then(|| "on".to_owned());
    Ok(StaffForm {
        first_name: person.first_name,
        last_name: person.last_name,
        email: person.email.unwrap_or_default(),
        role: staff.role,
        mission_locale_id: staff
            .mission_locale_id
            .map(|id| id.to_string())
            .unwrap_or_default(),
        disability_specialist: on(staff.disability_specialist),
        justice_specialist: on(staff.justice_specialist),
    })
}
