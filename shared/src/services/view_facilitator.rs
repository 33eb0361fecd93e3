use sea_orm::ConnectionTrait;

use crate::ServiceError;
use crate::domain::{Actor, FacilitatorForm, PhoneNumber};
use crate::services::update_facilitator::load_facilitator_for;

/// A facilitator's form, pre-filled, for staff.
pub async fn view_facilitator(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i32,
) -> Result<FacilitatorForm, ServiceError> {
    let (facilitator, person) = load_facilitator_for(db, actor, id).await?;
    if person.archived_at.is_some() {
        return Err(ServiceError::NotFound);
    }
    Ok(FacilitatorForm {
        first_name: person.first_name,
        last_name: person.last_name,
        organisation: facilitator.organisation,
        email: person.email.unwrap_or_default(),
        phone: PhoneNumber::display_stored(person.phone.as_deref()).unwrap_or_default(),
    })
}
