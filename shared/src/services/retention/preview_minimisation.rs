use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};

use crate::ServiceError;
use crate::domain::{
    Actor, EvidenceErasurePreview, HoldView, MinimisationLine, PARIS, PREVIEW_DAYS, PersonId,
    RetentionOverview, RetentionSettings, format_day, format_instant, programme_last_day,
};
use crate::entities::{minimisation, person, retention_hold, youth};
use crate::services::access_guard::require;
use crate::services::people::youth_files::youth_mission_locale_names;
use crate::services::retention::erase_expired_evidence::{
    programme_youths, sessions_with_evidence,
};
use crate::services::retention::minimise_personal_data::due_youths;

/// What the daily job will minimise within [`PREVIEW_DAYS`] days (or at its next run), the
/// youths on hold, and what it will erase when the evidence's own period ends, for coordinators.
pub async fn preview_minimisation(
    db: &impl ConnectionTrait,
    actor: &Actor,
    settings: &RetentionSettings,
    now: DateTime<Utc>,
) -> Result<RetentionOverview, ServiceError> {
    require(actor, actor.may_manage_retention())?;
    let today = now.with_timezone(&PARIS).date_naive();
    let horizon = today + Duration::days(PREVIEW_DAYS);
    let due = due_youths(db, settings, horizon).await?;
    let holds: HashMap<PersonId, retention_hold::Model> = retention_hold::Entity::find()
        .filter(retention_hold::Column::LiftedAt.is_null())
        .all(db)
        .await?
        .into_iter()
        .map(|hold| (hold.youth_id, hold))
        .collect();
    let mut wanted: Vec<PersonId> = due.clone();
    wanted.extend(holds.keys().copied());
    wanted.sort();
    wanted.dedup();
    let mut youths = Vec::with_capacity(wanted.len());
    for chunk in wanted.chunks(200) {
        youths.extend(
            youth::Entity::find()
                .find_also_related(person::Entity)
                .filter(youth::Column::PersonId.is_in(chunk.iter().copied()))
                .all(db)
                .await?
                .into_iter()
                .filter_map(|(youth, person)| Some((youth, person?))),
        );
    }
    let placers: HashMap<PersonId, String> = person::Entity::find()
        .filter(person::Column::Id.is_in(holds.values().map(|hold| hold.placed_by)))
        .all(db)
        .await?
        .into_iter()
        .map(|person| {
            (
                person.id,
                format!("{} {}", person.first_name, person.last_name),
            )
        })
        .collect();
    let mission_locales = youth_mission_locale_names(db, &youths).await?;
    let minimised = minimisation::Entity::find().count(db).await?;
    let mut due_soon = Vec::new();
    let mut on_hold = Vec::new();
    let mut lines: Vec<(chrono::NaiveDate, MinimisationLine)> = youths
        .into_iter()
        .map(|(youth, person)| {
            let due_on =
                settings.minimisation_due_on(youth.programme_entry_date, youth.programme_exit_date);
            let hold = holds.get(&youth.person_id).map(|hold| HoldView {
                reason: hold.reason.clone(),
                placed: format!(
                    "{}, le {}",
                    placers.get(&hold.placed_by).cloned().unwrap_or_default(),
                    format_instant(hold.placed_at)
                ),
            });
            (
                due_on,
                MinimisationLine {
                    youth_id: youth.person_id,
                    name: format!("{} {}", person.first_name, person.last_name),
                    mission_locale: mission_locales
                        .get(&youth.person_id)
                        .cloned()
                        .unwrap_or_default(),
                    left_on: format_day(programme_last_day(
                        youth.programme_entry_date,
                        youth.programme_exit_date,
                    )),
                    due_on: format_day(due_on),
                    overdue: due_on <= today,
                    hold,
                },
            )
        })
        .collect();
    lines.sort_by(|(a, line_a), (b, line_b)| a.cmp(b).then_with(|| line_a.name.cmp(&line_b.name)));
    for (due_on, line) in lines {
        if line.hold.is_some() {
            on_hold.push(line.clone());
        }
        if due_on <= horizon && due.contains(&line.youth_id) {
            due_soon.push(line);
        }
    }
    let evidence_erasure = match (
        settings.programme_evidence_ends(),
        settings.evidence_erased_from(),
    ) {
        (Some(programme_ends), Some(from)) => {
            let youths = programme_youths(db, programme_ends).await?;
            Some(EvidenceErasurePreview {
                from: format_day(from),
                soon: from <= horizon,
                sessions: sessions_with_evidence(db, programme_ends).await?.len() as u64,
                held: youths.iter().filter(|id| holds.contains_key(id)).count() as u64,
                youths: youths.len() as u64,
            })
        }
        _ => None,
    };
    Ok(RetentionOverview {
        settings: *settings,
        personal_data: settings.personal_data_label(),
        evidence: settings.evidence_label(),
        due_soon,
        on_hold,
        minimised,
        evidence_erasure,
    })
}
