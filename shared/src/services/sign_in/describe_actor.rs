use sea_orm::{ConnectionTrait, EntityTrait};

use crate::ServiceError;
use crate::domain::{Actor, SignedInPerson};
use crate::entities::{mission_locale, person};

/// Who is signed in, in words, for the page header; `None` for the anonymous.
pub async fn describe_actor(
    db: &impl ConnectionTrait,
    actor: &Actor,
) -> Result<Option<SignedInPerson>, ServiceError> {
    let Some(person_id) = actor.person_id() else {
        return Ok(None);
    };
    let Some(person) = person::Entity::find_by_id(person_id).one(db).await? else {
        return Ok(None);
    };
    let role = match actor {
        Actor::Coordinator { .. } => "Coordination de la fédération".to_owned(),
        Actor::Counsellor {
            mission_locale_id, ..
        } => {
            let ml = mission_locale::Entity::find_by_id(*mission_locale_id)
                .one(db)
                .await?
                .map(|ml| ml.name)
                .unwrap_or_default();
            format!("Conseiller·ère — {ml}")
        }
        Actor::Youth { .. } => "Jeune du programme".to_owned(),
        Actor::Facilitator { .. } => "Intervenant·e".to_owned(),
        Actor::Anonymous => return Ok(None),
    };
    Ok(Some(SignedInPerson {
        display_name: format!("{} {}", person.first_name, person.last_name),
        role,
        is_staff: actor.may_manage_people(),
        is_youth: matches!(actor, Actor::Youth { .. }),
    }))
}
