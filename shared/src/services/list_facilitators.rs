use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::ServiceError;
use crate::domain::{Actor, FacilitatorSummary, PhoneNumber};
use crate::entities::{facilitator, person};
use crate::services::access_guard::require;

/// The guest facilitators, for staff (to add one to a session, to call one).
pub async fn list_facilitators(
    db: &impl ConnectionTrait,
    actor: &Actor,
) -> Result<Vec<FacilitatorSummary>, ServiceError> {
    require(actor, actor.may_manage_people())?;
    Ok(facilitator::Entity::find()
        .find_also_related(person::Entity)
        .filter(person::Column::ArchivedAt.is_null())
        .order_by_asc(person::Column::LastName)
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
            })
        })
        .collect())
}
