use sea_orm::ConnectionTrait;

use crate::ServiceError;
use crate::domain::{Actor, PersonId, StaffForm};
use crate::services::access_guard::require;
use crate::services::people::people_records::load_staff_member;

/// A staff account's form, pre-filled, for coordinators.
pub async fn view_staff_member(
    db: &impl ConnectionTrait,
    actor: &Actor,
    staff_id: PersonId,
) -> Result<StaffForm, ServiceError> {
    require(actor, actor.may_manage_staff())?;
    let (staff, person) = load_staff_member(db, staff_id).await?;
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
