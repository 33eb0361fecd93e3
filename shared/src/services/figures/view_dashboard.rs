use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;

use crate::ServiceError;
use crate::domain::{
    Actor, ContactFact, Dashboard, FiguresFacts, FiguresForm, FiguresQuery, MissionLocaleId, PARIS,
    SmsFact, compute_dashboard, contacts_by_kind, exits_by_mission_locale, sms_costs,
};
use crate::entities::{individual_contact, sms_outbox};
use crate::services::figures::figures_records::{HeldBy, PeriodRecords, authorised_query};

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
    let records =
        PeriodRecords::load(db, &query, HeldBy::Organiser(query.mission_locale_id), now).await?;
    let lines = records.line_facts();
    let genders = lines
        .iter()
        .map(|line| (line.youth_id, records.gender_of(line.youth_id)))
        .collect();
    let participant_facts = records.participant_facts(&query);
    let figures = compute_dashboard(&FiguresFacts {
        sessions: records
            .sessions
            .iter()
            .map(|session| session.fact.clone())
            .collect(),
        places: records.places.clone(),
        lines,
        genders,
        participants: participant_facts.clone(),
    });
    let scope = match query.mission_locale_id {
        Some(id) => records.mission_locale_name(Some(id)),
        None => format!(
            "Fédération ({} Missions Locales)",
            records.mission_locales.len()
        ),
    };
    if query.mission_locale_id.is_some() && scope.is_empty() {
        return Err(ServiceError::NotFound);
    }
    let mut choices: Vec<(MissionLocaleId, String)> = if actor.may_view_federation() {
        records.mission_locales.clone().into_iter().collect()
    } else {
        Vec::new()
    };
    choices.sort_by(|a, b| a.1.cmp(&b.1));
    let mut in_scope: Vec<(MissionLocaleId, String)> = records
        .mission_locales
        .iter()
        .filter(|(id, _)| query.mission_locale_id.is_none_or(|wanted| wanted == **id))
        .map(|(id, name)| (*id, name.clone()))
        .collect();
    in_scope.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(Dashboard {
        exits_by_mission_locale: exits_by_mission_locale(&participant_facts, &in_scope),
        scope,
        query,
        total: figures.total,
        by_theme: figures.by_theme,
        by_month: figures.by_month,
        by_gender: figures.by_gender,
        sheets_not_closed: figures.sheets_not_closed,
        participants: figures.participants,
        choices,
        sms_costs: sms_costs(&sent_sms(db, &query, &records).await?),
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
    records: &PeriodRecords,
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
            let name = records.mission_locale_name(mission_locale_id);
            Some(SmsFact {
                mission_locale: if name.is_empty() {
                    "Sans Mission Locale".to_owned()
                } else {
                    name
                },
                sent_on: sent_at?.with_timezone(&PARIS).date_naive(),
                segments: u32::try_from(segments).unwrap_or_default(),
            })
        })
        .collect())
}
