use sea_orm::{ConnectionTrait, EntityTrait};

use crate::ServiceError;
use crate::domain::{Actor, CounsellorOption, YouthScope};
use crate::entities::mission_locale;
use crate::services::people::youth_files::load_counsellors;

/// The counsellors a youth may be referred to by `actor`: their Mission Locale's, or every one
/// for a coordinator. Sorted by Mission Locale, then name.
pub async fn list_referent_options(
    db: &impl ConnectionTrait,
    actor: &Actor,
) -> Result<Vec<CounsellorOption>, ServiceError> {
    let scope = match actor.youth_scope() {
        Some(scope) => scope,
        None if matches!(actor, Actor::Anonymous) => return Err(ServiceError::NotSignedIn),
        None => return Err(ServiceError::Forbidden),
    };
    let counsellors = load_counsellors(
        db,
        match scope {
            YouthScope::Federation => None,
            YouthScope::MissionLocale(id) => Some(id),
        },
    )
    .await?;
    let missions_locales = mission_locale::Entity::find().all(db).await?;
    let mut options: Vec<(String, String, CounsellorOption)> = counsellors
        .into_iter()
        .filter(|(_, counsellor)| counsellor.person.archived_at.is_none())
        .map(|(id, counsellor)| {
            let ml = missions_locales
                .iter()
                .find(|ml| ml.id == counsellor.mission_locale_id)
                .map(|ml| ml.name.clone())
                .unwrap_or_default();
            let name = format!(
                "{} {}",
                counsellor.person.first_name, counsellor.person.last_name
            );
            (
                ml.clone(),
                format!(
                    "{} {}",
                    counsellor.person.last_name, counsellor.person.first_name
                ),
                CounsellorOption {
                    id,
                    label: format!("{name} — {ml}"),
                },
            )
        })
        .collect();
    options.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    Ok(options.into_iter().map(|(_, _, option)| option).collect())
}
