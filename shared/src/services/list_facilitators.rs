use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::ServiceError;
use crate::domain::{Actor, FacilitatorSummary, PhoneNumber};
use crate::entities::{facilitator, person};

/// The guest facilitators, for staff (to add one to a session, to call one).
pub async fn list_facilitators(
    db: &impl ConnectionTrait,
    actor: &Actor,
) -> Result<Vec<FacilitatorSummary>, ServiceError> {
    match actor {
        Actor::Anonymous => return Err(ServiceError::NotSignedIn),
        _ if !actor.may_manage_people() => return Err(ServiceError::Forbidden),
        _ => {}
    }
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
                phone: person
                    .phone
                    .as_deref()
                    .and_then(|phone| PhoneNumber::parse(phone).ok())
                    .map(|phone| phone.national()),
            })
        })
        .collect())
}
