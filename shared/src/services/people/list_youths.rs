use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::ServiceError;
use crate::domain::{
    Actor, PARIS, PersonId, PhoneNumber, YouthScope, YouthSummary, age_on, format_day,
};
use crate::entities::{mission_locale, person, youth};
use crate::services::people::youth_files::load_counsellors;

/// Which youths a list shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct YouthListFilter {
    /// Only the youths whose referent is the actor.
    pub mine_only: bool,
    pub include_archived: bool,
    /// Part of a first or last name, any case.
    pub search: String,
}

/// The youths an actor may list (their Mission Locale's, or the federation's for a
/// coordinator), sorted by last name. The sensitive flags are never part of a list.
pub async fn list_youths(
    db: &impl ConnectionTrait,
    actor: &Actor,
    filter: &YouthListFilter,
    now: DateTime<Utc>,
) -> Result<Vec<YouthSummary>, ServiceError> {
    let Some(scope) = actor.youth_scope() else {
        return Err(if matches!(actor, Actor::Anonymous) {
            ServiceError::NotSignedIn
        } else {
            ServiceError::Forbidden
        });
    };
    let counsellors = load_counsellors(
        db,
        match scope {
            YouthScope::Federation => None,
            YouthScope::MissionLocale(id) => Some(id),
        },
    )
    .await?;
    let referent_ids: Vec<PersonId> = if filter.mine_only {
        actor.person_id().into_iter().collect()
    } else {
        counsellors.keys().copied().collect()
    };
    let mut query = youth::Entity::find()
        .find_also_related(person::Entity)
        .filter(youth::Column::ReferentId.is_in(referent_ids))
        .order_by_asc(person::Column::LastName)
        .order_by_asc(person::Column::FirstName);
    if !filter.include_archived {
        query = query.filter(person::Column::ArchivedAt.is_null());
    }
    let missions_locales = mission_locale::Entity::find().all(db).await?;
    let today = now.with_timezone(&PARIS).date_naive();
    let search = filter.search.trim().to_lowercase();
    Ok(query
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(youth, person)| {
            let person = person?;
            if !search.is_empty()
                && !format!("{} {}", person.first_name, person.last_name)
                    .to_lowercase()
                    .contains(&search)
            {
                return None;
            }
            let referent = counsellors.get(&youth.referent_id);
            let programme_status = if person.archived_at.is_some() {
                "Fiche archivée".to_owned()
            } else if let Some(exit) = youth.programme_exit_date {
                format!("Sorti·e du programme le {}", format_day(exit))
            } else {
                format!(
                    "En parcours depuis le {}",
                    format_day(youth.programme_entry_date)
                )
            };
            Some(YouthSummary {
                id: person.id,
                age: age_on(youth.date_of_birth, today),
                referent_name: referent
                    .map(|referent| {
                        format!(
                            "{} {}",
                            referent.person.first_name, referent.person.last_name
                        )
                    })
                    .unwrap_or_default(),
                mission_locale_name: referent
                    .and_then(|referent| {
                        missions_locales
                            .iter()
                            .find(|ml| ml.id == referent.mission_locale_id)
                    })
                    .map(|ml| ml.name.clone())
                    .unwrap_or_default(),
                programme_status,
                phone: PhoneNumber::display_stored(person.phone.as_deref()),
                email: person.email,
                first_name: person.first_name,
                last_name: person.last_name,
            })
        })
        .collect())
}
