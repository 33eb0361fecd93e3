//! Reading youths' files with what the access policy needs to judge them (shared by the youth
//! use cases; not a use case itself).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use crate::ServiceError;
use crate::domain::{
    Actor, MissionLocaleId, PeopleRefusal, PersonId, SensitiveFlagsVisibility, YouthFile,
};
use crate::entities::{mission_locale, person, sensitive_flag_read, staff_member, youth};

/// A youth's rows and the facts the policy reads.
pub(crate) struct LoadedYouth {
    pub person: person::Model,
    pub youth: youth::Model,
    pub file: YouthFile,
    pub referent: person::Model,
    pub mission_locale_name: String,
}

/// The youth `person_id`, or `NotFound` (also when the actor may not view them: a file one may
/// not see does not exist for them).
pub(crate) async fn load_youth_for(
    db: &impl ConnectionTrait,
    actor: &Actor,
    person_id: PersonId,
) -> Result<LoadedYouth, ServiceError> {
    if matches!(actor, Actor::Anonymous) {
        return Err(ServiceError::NotSignedIn);
    }
    let Some((youth, Some(person))) = youth::Entity::find_by_id(person_id)
        .find_also_related(person::Entity)
        .one(db)
        .await?
    else {
        return Err(ServiceError::NotFound);
    };
    let (referent_staff, referent) = staff_member::Entity::find_by_id(youth.referent_id)
        .find_also_related(person::Entity)
        .one(db)
        .await?
        .and_then(|(staff, person)| person.map(|person| (staff, person)))
        .ok_or(ServiceError::NotFound)?;
    let mission_locale_id = referent_staff
        .mission_locale_id
        .ok_or(ServiceError::NotFound)?;
    let file = YouthFile {
        person_id,
        referent_id: youth.referent_id,
        mission_locale_id,
    };
    if !actor.may_view_youth(&file) {
        return Err(if actor.may_manage_people() {
            ServiceError::NotFound
        } else {
            ServiceError::Forbidden
        });
    }
    let mission_locale_name = mission_locale::Entity::find_by_id(mission_locale_id)
        .one(db)
        .await?
        .map(|ml| ml.name)
        .unwrap_or_default();
    Ok(LoadedYouth {
        person,
        youth,
        file,
        referent,
        mission_locale_name,
    })
}

/// Records that `reader` was shown `flags` of the youth's sensitive flags (the referent sees
/// who else read them).
pub(crate) async fn record_flag_read(
    db: &impl ConnectionTrait,
    youth_id: PersonId,
    reader: PersonId,
    flags: SensitiveFlagsVisibility,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    sensitive_flag_read::ActiveModel {
        youth_id: Set(youth_id),
        reader_id: Set(reader),
        flags: Set(flags.read_codes()),
        read_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Counsellors by id, with their Mission Locale, for referent choices and lists.
pub(crate) struct Counsellor {
    pub person: person::Model,
    pub mission_locale_id: MissionLocaleId,
}

pub(crate) async fn load_counsellors(
    db: &impl ConnectionTrait,
    mission_locale_id: Option<MissionLocaleId>,
) -> Result<HashMap<PersonId, Counsellor>, ServiceError> {
    let mut query = staff_member::Entity::find()
        .filter(staff_member::Column::Role.eq("counsellor"))
        .find_also_related(person::Entity);
    if let Some(mission_locale_id) = mission_locale_id {
        query = query.filter(staff_member::Column::MissionLocaleId.eq(mission_locale_id));
    }
    Ok(query
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(staff, person)| {
            Some((
                staff.person_id,
                Counsellor {
                    person: person?,
                    mission_locale_id: staff.mission_locale_id?,
                },
            ))
        })
        .collect())
}

/// The name of each youth's Mission Locale (their referent's).
pub(crate) async fn youth_mission_locale_names(
    db: &impl ConnectionTrait,
    youths: &[(youth::Model, person::Model)],
) -> Result<HashMap<PersonId, String>, ServiceError> {
    let counsellors = load_counsellors(db, None).await?;
    let names: HashMap<MissionLocaleId, String> = mission_locale::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|ml| (ml.id, ml.name))
        .collect();
    Ok(youths
        .iter()
        .filter_map(|(youth, _)| {
            let counsellor = counsellors.get(&youth.referent_id)?;
            Some((
                youth.person_id,
                names.get(&counsellor.mission_locale_id)?.clone(),
            ))
        })
        .collect())
}

/// The referent named in a form: empty means the counsellor filling it in. A counsellor refers
/// within their Mission Locale; a coordinator must choose.
pub(crate) async fn choose_referent(
    db: &impl ConnectionTrait,
    actor: &Actor,
    referent_id: &str,
) -> Result<Counsellor, ServiceError> {
    let choose = || ServiceError::from(PeopleRefusal::ReferentNotChosen);
    let referent_id = match (referent_id.trim(), actor) {
        ("", Actor::Counsellor { person_id, .. }) => *person_id,
        ("", _) => return Err(choose()),
        (id, _) => id.parse::<PersonId>().map_err(|_| choose())?,
    };
    let Some((staff, Some(person))) = staff_member::Entity::find_by_id(referent_id)
        .filter(staff_member::Column::Role.eq("counsellor"))
        .find_also_related(person::Entity)
        .one(db)
        .await?
    else {
        return Err(choose());
    };
    let mission_locale_id = staff.mission_locale_id.ok_or_else(choose)?;
    if person.archived_at.is_some() || !actor.may_refer_to(mission_locale_id) {
        return Err(PeopleRefusal::ReferentOutsideMissionLocale.into());
    }
    Ok(Counsellor {
        person,
        mission_locale_id,
    })
}
