use sea_orm::ConnectionTrait;

use crate::ServiceError;
use crate::domain::{Actor, FacilitatorDetails, FacilitatorForm, PersonId, PhoneNumber};
use crate::services::people::update_facilitator::{LoadedFacilitator, load_facilitator_for};

/// A facilitator's page for staff: every staff member reads them (to plan with them, to call
/// them); the form, archiving and restoring are for those who keep them.
pub async fn view_facilitator(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: PersonId,
) -> Result<FacilitatorDetails, ServiceError> {
    let LoadedFacilitator {
        facilitator,
        person,
        file,
    } = load_facilitator_for(db, actor, id).await?;
    Ok(FacilitatorDetails {
        id,
        form: FacilitatorForm {
            first_name: person.first_name,
            last_name: person.last_name,
            organisation: facilitator.organisation,
            email: person.email.unwrap_or_default(),
            phone: PhoneNumber::display_stored(person.phone.as_deref()).unwrap_or_default(),
        },
        archived: person.archived_at.is_some(),
        editable: actor.may_edit_facilitator(&file),
    })
}
