use sea_orm::{ConnectionTrait, EntityTrait, QueryOrder};

use crate::ServiceError;
use crate::domain::{Actor, FacilitatorSummary, PhoneNumber};
use crate::entities::{facilitator, person};
use crate::services::access_guard::require;

/// The guest facilitators, for staff (to add one to a session, to call one): those still
/// coming by name, then the archived ones (to be restored).
pub async fn list_facilitators(
    db: &impl ConnectionTrait,
    actor: &Actor,
) -> Result<Vec<FacilitatorSummary>, ServiceError> {
    require(actor, actor.may_manage_people())?;
    let mut facilitators: Vec<FacilitatorSummary> = facilitator::Entity::find()
        .find_also_related(person::Entity)
        .order_by_asc(person::Column::LastName)
        .order_by_asc(person::Column::FirstName)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(facilitator, person)| {
            let person = person?;
            Some(FacilitatorSummary {
                id: person.id,
                first_name: person.first_name,
                last_name: person.last_name,
                organisation: facilitator.organisation,
                email: person.email,
                phone: PhoneNumber::display_stored(person.phone.as_deref()),
                archived: person.archived_at.is_some(),
            })
        })
        .collect();
    // Stable: by name within each group.
    facilitators.sort_by_key(|facilitator| facilitator.archived);
    Ok(facilitators)
}
