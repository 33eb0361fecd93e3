use sea_orm::{ConnectionTrait, EntityTrait, QueryOrder};

use crate::ServiceError;
use crate::domain::{Actor, MissionLocaleOption, StaffSummary};
use crate::entities::{mission_locale, person, staff_member};
use crate::services::access_guard::require;

/// The federation's staff, for staff: who to call, who is a specialist.
pub async fn list_staff(
    db: &impl ConnectionTrait,
    actor: &Actor,
) -> Result<Vec<StaffSummary>, ServiceError> {
    require(actor, actor.may_manage_people())?;
    let missions_locales = mission_locale::Entity::find().all(db).await?;
    let mut staff: Vec<(String, StaffSummary)> = staff_member::Entity::find()
        .find_also_related(person::Entity)
        .order_by_asc(staff_member::Column::PersonId)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(staff, person)| {
            let person = person?;
            let ml = staff
                .mission_locale_id
                .and_then(|id| missions_locales.iter().find(|ml| ml.id == id))
                .map(|ml| ml.name.clone());
            let role = match &ml {
                Some(ml) => format!("Conseiller·ère — {ml}"),
                None => "Coordination de la fédération".to_owned(),
            };
            let mut specialities = Vec::new();
            if staff.disability_specialist {
                specialities.push("référent·e handicap".to_owned());
            }
            if staff.justice_specialist {
                specialities.push("référent·e justice".to_owned());
            }
            Some((
                format!(
                    "{} {} {}",
                    ml.unwrap_or_default(),
                    person.last_name,
                    person.first_name
                ),
                StaffSummary {
                    id: person.id,
                    name: format!("{} {}", person.first_name, person.last_name),
                    email: person.email,
                    role,
                    specialities,
                    archived: person.archived_at.is_some(),
                },
            ))
        })
        .collect();
    staff.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(staff.into_iter().map(|(_, summary)| summary).collect())
}

/// The Missions Locales, to choose one in the staff form (coordinators).
pub async fn list_mission_locales(
    db: &impl ConnectionTrait,
    actor: &Actor,
) -> Result<Vec<MissionLocaleOption>, ServiceError> {
    require(actor, actor.may_manage_staff())?;
    Ok(mission_locale::Entity::find()
        .order_by_asc(mission_locale::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|ml| MissionLocaleOption {
            id: ml.id,
            name: ml.name,
        })
        .collect())
}
