use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::ServiceError;
use crate::domain::{
    Actor, MissionLocaleId, MissionLocaleOption, PersonOption, PlanningOptions, RoomOption,
    WorkshopTypeOption,
};
use crate::entities::{
    facilitator, mission_locale, person, room, site, staff_member, workshop_type,
};
use crate::services::access_guard::require;

/// The choices of the session form and of the agenda's filters: the catalogue (not archived),
/// every room with its site and Mission Locale, the active counsellors and guest facilitators.
pub async fn load_planning_options(
    db: &impl ConnectionTrait,
    actor: &Actor,
) -> Result<PlanningOptions, ServiceError> {
    planning_options(db, actor, None).await
}

/// The choices, with only the rooms and counsellors of `scope` when given: the agenda of one
/// Mission Locale does not list the thousands of a national database.
pub(crate) async fn planning_options(
    db: &impl ConnectionTrait,
    actor: &Actor,
    scope: Option<MissionLocaleId>,
) -> Result<PlanningOptions, ServiceError> {
    require(actor, actor.may_view_agenda())?;
    let missions_locales: Vec<MissionLocaleOption> = mission_locale::Entity::find()
        .order_by_asc(mission_locale::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|ml| MissionLocaleOption {
            id: ml.id,
            name: ml.name,
        })
        .collect();
    let ml_name = |id: MissionLocaleId| {
        missions_locales
            .iter()
            .find(|ml| ml.id == id)
            .map(|ml| ml.name.clone())
            .unwrap_or_default()
    };

    let workshop_types = workshop_type::Entity::find()
        .filter(workshop_type::Column::ArchivedAt.is_null())
        .order_by_asc(workshop_type::Column::Title)
        .all(db)
        .await?
        .into_iter()
        .map(|workshop| WorkshopTypeOption {
            id: workshop.id,
            title: workshop.title,
            theme: workshop.theme,
            default_duration_minutes: workshop.default_duration_minutes.max(0) as u32,
            default_capacity: workshop.default_capacity.max(0) as u32,
        })
        .collect();

    let mut rooms = room::Entity::find().find_also_related(site::Entity);
    let mut counsellors = staff_member::Entity::find()
        .filter(staff_member::Column::Role.eq("counsellor"))
        .find_also_related(person::Entity);
    if let Some(mission_locale_id) = scope {
        rooms = rooms.filter(site::Column::MissionLocaleId.eq(mission_locale_id));
        counsellors =
            counsellors.filter(staff_member::Column::MissionLocaleId.eq(mission_locale_id));
    }
    let mut rooms: Vec<RoomOption> = rooms
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(room, site)| {
            let site = site?;
            Some(RoomOption {
                id: room.id,
                mission_locale_id: site.mission_locale_id,
                label: format!("{} — {} ({} places)", site.name, room.name, room.capacity),
                capacity: room.capacity.max(0) as u32,
            })
        })
        .collect();
    // The planner's own Mission Locale first.
    let own = match actor {
        Actor::Counsellor {
            mission_locale_id, ..
        } => Some(*mission_locale_id),
        _ => None,
    };
    rooms.sort_by(|a, b| {
        (Some(a.mission_locale_id) != own, &a.label)
            .cmp(&(Some(b.mission_locale_id) != own, &b.label))
    });

    let counsellors = counsellors
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(staff, person)| {
            let person = person.filter(|person| person.archived_at.is_none())?;
            Some((
                Some(staff.mission_locale_id) != Some(own),
                PersonOption {
                    id: person.id,
                    name: format!("{} {}", person.first_name, person.last_name),
                    detail: staff.mission_locale_id.map(ml_name).unwrap_or_default(),
                },
            ))
        })
        .collect::<Vec<_>>();
    let mut counsellors = counsellors;
    counsellors.sort_by(|a, b| (a.0, &a.1.detail, &a.1.name).cmp(&(b.0, &b.1.detail, &b.1.name)));

    let mut facilitators: Vec<PersonOption> = facilitator::Entity::find()
        .find_also_related(person::Entity)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(facilitator, person)| {
            let person = person.filter(|person| person.archived_at.is_none())?;
            Some(PersonOption {
                id: person.id,
                name: format!("{} {}", person.first_name, person.last_name),
                detail: facilitator.organisation,
            })
        })
        .collect();
    facilitators.sort_by(|a, b| a.name.cmp(&b.name));

    Ok(PlanningOptions {
        workshop_types,
        rooms,
        counsellors: counsellors.into_iter().map(|(_, option)| option).collect(),
        facilitators,
        missions_locales,
        me: match actor {
            Actor::Counsellor { person_id, .. } => Some(*person_id),
            _ => None,
        },
    })
}
