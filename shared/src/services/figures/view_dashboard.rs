use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, EntityTrait};

use crate::ServiceError;
use crate::domain::{
    Actor, ContactFact, Dashboard, FiguresForm, FiguresQuery, MissionLocaleId, PARIS, SmsFact,
    arrange_dashboard, contacts_by_kind, exits_by_mission_locale, sms_costs,
};
use crate::entities::{individual_contact, mission_locale, sms_outbox};
use crate::services::figures::count_dashboard::count_in_database;
use crate::services::figures::figures_records::authorised_query;

/// The dashboard of a Mission Locale or of the federation over a period (the last twelve months
/// unless asked otherwise): sessions held, places, attendance, hours per youth, by theme, month
/// and gender; participants, positive exits and contactability; individual contacts by kind.
pub async fn view_dashboard(
    db: &impl ConnectionTrait,
    actor: &Actor,
    form: &FiguresForm,
    now: DateTime<Utc>,
) -> Result<Dashboard, ServiceError> {
    let query = authorised_query(actor, form, now.with_timezone(&PARIS).date_naive())?;
    let names: HashMap<MissionLocaleId, String> = mission_locale::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|ml| (ml.id, ml.name))
        .collect();
    let scope = match query.mission_locale_id {
        Some(id) => names.get(&id).cloned().ok_or(ServiceError::NotFound)?,
        None => format!("Fédération ({} Missions Locales)", names.len()),
    };
    let counts = count_in_database(db, &query, now).await?;
    let figures = arrange_dashboard(&counts);
    let mut choices: Vec<(MissionLocaleId, String)> = if actor.may_view_federation() {
        names.clone().into_iter().collect()
    } else {
        Vec::new()
    };
    choices.sort_by(|a, b| a.1.cmp(&b.1));
    let mut in_scope: Vec<(MissionLocaleId, String)> = names
        .iter()
        .filter(|(id, _)| query.mission_locale_id.is_none_or(|wanted| wanted == **id))
        .map(|(id, name)| (*id, name.clone()))
        .collect();
    in_scope.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(Dashboard {
        exits_by_mission_locale: exits_by_mission_locale(&counts.participants, &in_scope),
        scope,
        query,
        total: figures.total,
        by_theme: figures.by_theme,
        by_month: figures.by_month,
        by_gender: figures.by_gender,
        sheets_not_closed: figures.sheets_not_closed,
        participants: figures.participants,
        choices,
        sms_costs: sms_costs(&sent_sms(db, &query, &names).await?),
        individual_contacts: contacts_by_kind(&held_contacts(db, &query).await?),
    })
}

/// The individual contacts held in the query's period, for its Mission Locale or all.
async fn held_contacts(
    db: &impl ConnectionTrait,
    query: &FiguresQuery,
) -> Result<Vec<ContactFact>, ServiceError> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
    let mut held = individual_contact::Entity::find()
        .select_only()
        .columns([
            individual_contact::Column::YouthId,
            individual_contact::Column::Kind,
            individual_contact::Column::Minutes,
        ])
        .filter(individual_contact::Column::HappenedOn.between(query.from, query.to));
    if let Some(id) = query.mission_locale_id {
        held = held.filter(individual_contact::Column::MissionLocaleId.eq(id));
    }
    let rows: Vec<(crate::domain::PersonId, crate::domain::ContactKind, i32)> =
        held.into_tuple().all(db).await?;
    Ok(rows
        .into_iter()
        .map(|(youth_id, kind, minutes)| ContactFact {
            youth_id,
            kind,
            minutes: u32::try_from(minutes).unwrap_or_default(),
        })
        .collect())
}

/// The SMS sent in the query's period and scope, each with the Mission Locale that pays.
async fn sent_sms(
    db: &impl ConnectionTrait,
    query: &FiguresQuery,
    names: &HashMap<MissionLocaleId, String>,
) -> Result<Vec<SmsFact>, ServiceError> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
    let midnight = |day: chrono::NaiveDate| {
        day.and_hms_opt(0, 0, 0)
            .and_then(|time| time.and_local_timezone(PARIS).earliest())
            .map(|time| time.with_timezone(&Utc))
            .unwrap_or_default()
    };
    let mut sent = sms_outbox::Entity::find()
        .select_only()
        .columns([
            sms_outbox::Column::MissionLocaleId,
            sms_outbox::Column::SentAt,
            sms_outbox::Column::Segments,
        ])
        .filter(sms_outbox::Column::SentAt.gte(midnight(query.from)))
        .filter(sms_outbox::Column::SentAt.lt(midnight(query.to + chrono::Days::new(1))));
    if let Some(id) = query.mission_locale_id {
        sent = sent.filter(sms_outbox::Column::MissionLocaleId.eq(id));
    }
    let rows: Vec<(Option<MissionLocaleId>, Option<DateTime<Utc>>, i32)> =
        sent.into_tuple().all(db).await?;
    Ok(rows
        .into_iter()
        .filter_map(|(mission_locale_id, sent_at, segments)| {
            Some(SmsFact {
                mission_locale: mission_locale_id
                    .and_then(|id| names.get(&id).cloned())
                    .unwrap_or_else(|| "Sans Mission Locale".to_owned()),
                sent_on: sent_at?.with_timezone(&PARIS).date_naive(),
                segments: u32::try_from(segments).unwrap_or_default(),
            })
        })
        .collect())
}
