use std::collections::HashMap;

use chrono::{Datelike, Duration, NaiveDate, NaiveTime};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::ServiceError;
use crate::domain::{
    Actor, Agenda, AgendaEntry, AgendaQuery, MissionLocaleId, PersonId, Theme, WorkshopTypeId,
    paris_instant, parse_day,
};
use crate::entities::{workshop_session, workshop_type};
use crate::services::access_guard::require;
use crate::services::enrolment::enrolment_records::seat_counts;
use crate::services::planning::load_planning_options::planning_options;
use crate::services::planning::session_records::{load_bundles, names_of, place_labels};

/// The counsellors' agenda: a week (Monday to Sunday), a month, or a list of the next four
/// weeks, from the day asked (default `today`), filtered by Mission Locale, theme, counsellor
/// or facilitator. Cancelled and draft sessions are shown, marked: planners need to see them.
pub async fn list_agenda(
    db: &impl ConnectionTrait,
    actor: &Actor,
    query: &AgendaQuery,
    today: NaiveDate,
) -> Result<Agenda, ServiceError> {
    require(actor, actor.may_view_agenda())?;
    let mission_locale_id = query.mission_locale_id.parse::<MissionLocaleId>().ok();
    let options = planning_options(db, actor, mission_locale_id).await?;
    let day = parse_day(&query.from).unwrap_or(today);
    let (first_day, end_day) = period(&query.view, day);

    let mut select = workshop_session::Entity::find()
        .filter(workshop_session::Column::StartsAt.gte(paris_instant(first_day, NaiveTime::MIN)))
        .filter(workshop_session::Column::StartsAt.lt(paris_instant(end_day, NaiveTime::MIN)));
    if let Some(mission_locale_id) = mission_locale_id {
        select = select.filter(workshop_session::Column::MissionLocaleId.eq(mission_locale_id));
    }
    if let Some(theme) = Theme::parse(&query.theme) {
        let of_theme: Vec<WorkshopTypeId> = workshop_type::Entity::find()
            .filter(workshop_type::Column::Theme.eq(theme))
            .all(db)
            .await?
            .into_iter()
            .map(|workshop| workshop.id)
            .collect();
        select = select.filter(workshop_session::Column::WorkshopTypeId.is_in(of_theme));
    }
    let sessions = select
        .order_by_asc(workshop_session::Column::StartsAt)
        .order_by_asc(workshop_session::Column::Id)
        .all(db)
        .await?;
    let counsellor = query.counsellor_id.parse::<PersonId>().ok();
    let facilitator = query.facilitator_id.parse::<PersonId>().ok();
    let bundles: Vec<_> = load_bundles(db, sessions)
        .await?
        .into_iter()
        .filter(|bundle| counsellor.is_none_or(|id| bundle.counsellor_ids.contains(&id)))
        .filter(|bundle| facilitator.is_none_or(|id| bundle.facilitator_ids.contains(&id)))
        .collect();

    let titles: HashMap<WorkshopTypeId, (String, Theme)> = workshop_type::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|workshop| {
            let theme = workshop.theme;
            (workshop.id, (workshop.title, theme))
        })
        .collect();
    let everyone: Vec<PersonId> = bundles
        .iter()
        .flat_map(|bundle| bundle.counsellor_ids.iter().chain(&bundle.facilitator_ids))
        .copied()
        .collect();
    let names = names_of(db, everyone).await?;
    let seats = seat_counts(db, bundles.iter().map(|bundle| bundle.session.id).collect()).await?;
    let places = place_labels(db, bundles.iter().map(|bundle| &bundle.session)).await?;
    let mut entries = Vec::with_capacity(bundles.len());
    for (bundle, place) in bundles.iter().zip(places) {
        let session = &bundle.session;
        let (title, theme) = titles
            .get(&session.workshop_type_id)
            .cloned()
            .unwrap_or_else(|| (String::new(), Theme::Other));
        entries.push(AgendaEntry {
            id: session.id,
            title,
            theme,
            mission_locale: options
                .missions_locales
                .iter()
                .find(|ml| ml.id == session.mission_locale_id)
                .map(|ml| ml.name.clone())
                .unwrap_or_default(),
            status: bundle.status(),
            starts_at: session.starts_at,
            ends_at: session.ends_at,
            place,
            capacity: session.capacity.max(0) as u32,
            registered: seats.get(&session.id).map_or(0, |seats| seats.0),
            waiting: seats.get(&session.id).map_or(0, |seats| seats.1),
            counsellors: name_list(&names, &bundle.counsellor_ids),
            facilitators: name_list(&names, &bundle.facilitator_ids),
        });
    }
    Ok(Agenda {
        first_day,
        end_day,
        entries,
        options,
    })
}

fn name_list(
    names: &HashMap<PersonId, String>,
    ids: &std::collections::BTreeSet<PersonId>,
) -> Vec<String> {
    ids.iter().filter_map(|id| names.get(id).cloned()).collect()
}

/// `[first, end)` of the period holding `day`: its week (from Monday), its month, or 28 days
/// from it for the list.
pub fn period(view: &str, day: NaiveDate) -> (NaiveDate, NaiveDate) {
    match view {
        "mois" => {
            let first = day.with_day(1).unwrap_or(day);
            let next = if first.month() == 12 {
                NaiveDate::from_ymd_opt(first.year() + 1, 1, 1)
            } else {
                NaiveDate::from_ymd_opt(first.year(), first.month() + 1, 1)
            };
            (first, next.unwrap_or(first + Duration::days(31)))
        }
        "liste" => (day, day + Duration::days(28)),
        _ => {
            let monday = day - Duration::days(i64::from(day.weekday().num_days_from_monday()));
            (monday, monday + Duration::days(7))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_cover_the_week_the_month_or_four_weeks() {
        let thursday = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(
            period("semaine", thursday),
            (day(2026, 12, 28), day(2027, 1, 4))
        );
        assert_eq!(
            period("mois", thursday),
            (day(2026, 12, 1), day(2027, 1, 1))
        );
        assert_eq!(period("liste", thursday), (thursday, day(2027, 1, 28)));
    }
}
