//! The dashboard is counted by the database (`count_dashboard`, issue 22: a year of France is
//! millions of rows), by the definitions that `domain::count_facts` applies to the facts read row
//! by row (`count_records`). On both databases, on a generated year plus the sessions whose
//! counting is subtle — a full day split at lunch (in winter and in summer time), a long
//! afternoon split in its middle, a session just after midnight on the first of a month,
//! an unconfirmed check-in, a walk-in, a minimised youth — both must agree, and the subtle ones
//! must give the figures worked out here by hand.

use crate::support;

use std::collections::HashMap;
use std::fmt::Debug;
use std::hash::Hash;

use chrono::{Datelike, Duration, Months, NaiveDate};
use sea_orm::{ActiveModelTrait, EntityTrait, Set};
use shared::domain::{
    Actor, AttendanceStatus, DashboardCounts, FiguresForm, MissionLocaleId, PersonId, SessionId,
    Theme, arrange_dashboard, format_month,
};
use shared::entities::{minimisation, person};
use shared::services::{ActivityScale, count_dashboard, count_records, generate_past_activity};
use support::dates::paris;
use support::{Seed, TestApp, builders};

/// The database's counts, once checked against the definitions' (only the groups that differ
/// are printed when they do not agree).
async fn both_counts(app: &TestApp, actor: &Actor, form: &FiguresForm) -> DashboardCounts {
    let now = support::now();
    let counted = count_dashboard(&app.db, actor, form, now).await.unwrap();
    let recounted = count_records(&app.db, actor, form, now).await.unwrap();
    let attending = (&counted.youths_attending, &recounted.youths_attending);
    let differences = [
        differences(&counted.sessions, &recounted.sessions),
        differences(&counted.attendances, &recounted.attendances),
        differences(&counted.participants, &recounted.participants),
        differences(&attending.0.by_theme, &attending.1.by_theme),
        differences(&attending.0.by_month, &attending.1.by_month),
        differences(&attending.0.by_gender, &attending.1.by_gender),
        differences(
            &HashMap::from([("youths", attending.0.total)]),
            &HashMap::from([("youths", attending.1.total)]),
        ),
    ]
    .concat();
    assert!(
        differences.is_empty(),
        "{form:?}: database, definitions\n{}",
        differences.join("\n")
    );
    assert_eq!(counted, recounted);
    counted
}

/// « key: database value, definitions' value » for each key where they differ.
fn differences<K: Debug + Eq + Hash, V: Debug + PartialEq>(
    counted: &HashMap<K, V>,
    recounted: &HashMap<K, V>,
) -> Vec<String> {
    counted
        .keys()
        .chain(recounted.keys())
        .filter(|key| counted.get(*key) != recounted.get(*key))
        .map(|key| format!("{key:?}: {:?}, {:?}", counted.get(key), recounted.get(key)))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect()
}

fn form(mission_locale: Option<MissionLocaleId>, from: NaiveDate, to: NaiveDate) -> FiguresForm {
    FiguresForm {
        mission_locale: mission_locale.map(|id| id.to_string()).unwrap_or_default(),
        from: from.to_string(),
        to: to.to_string(),
    }
}

on_both_databases!(
    the_database_counts_the_dashboard_by_the_definitions,
    Seed::Demo,
    |app: TestApp| async move {
        let now = support::now();
        let today = support::today();
        generate_past_activity(
            &app.db,
            11,
            ActivityScale {
                youths_per_mission_locale: 8,
                sessions: 120,
            },
            now,
        )
        .await
        .unwrap();

        let ml = builders::mission_locale(&app, "Noisy-le-Sec").await;
        let counsellor = builders::counsellor(ml.id).insert(&app).await.id;
        let workshop = builders::workshop(&app, "Journée compétences", Theme::Diversity).await;
        let [amina, bilal, chloe, dylan, eve, fred] = builders::youths(&app, counsellor, 6)
            .await
            .try_into()
            .unwrap();
        // Eve was minimised with a phone on file; Fred never gave a phone nor an email.
        for youth in [eve, fred] {
            let mut file: person::ActiveModel = person::Entity::find_by_id(youth)
                .one(&app.db)
                .await
                .unwrap()
                .unwrap()
                .into();
            file.email = Set(None);
            file.phone = Set(Some("  ".to_owned()));
            file.update(&app.db).await.unwrap();
        }
        minimisation::ActiveModel {
            youth_id: Set(eve),
            minimised_at: Set(now),
            had_phone: Set(true),
            had_email: Set(false),
            pseudonym: Set("Jeune 1".to_owned()),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .unwrap();

        let session = |starts_at, minutes| {
            builders::session(workshop, &ml, counsellor)
                .starts_at(starts_at)
                .minutes(minutes)
                .capacity(10)
                .insert(&app)
        };
        let place = |session_id: SessionId, youth_id: PersonId| {
            builders::registered_place(&app, session_id, youth_id, 1, None, now)
        };
        let came = |session_id, youth_id| builders::attendance_line(session_id, youth_id, now);
        // Yesterday 9:00–17:00: a morning of 240 minutes, an afternoon of 210.
        let yesterday = today - Duration::days(1);
        let full_day = session(paris(yesterday, 9, 0), 8 * 60).await;
        for youth in [amina, bilal, dylan] {
            place(full_day, youth).await.unwrap();
        }
        came(full_day, amina).insert(&app).await;
        came(full_day, amina).afternoon().insert(&app).await;
        came(full_day, bilal).insert(&app).await;
        came(full_day, bilal)
            .afternoon()
            .status(AttendanceStatus::Absent)
            .insert(&app)
            .await;
        // Chloé came in the afternoon without a place; Dylan's check-in was never confirmed.
        came(full_day, chloe)
            .afternoon()
            .status(AttendanceStatus::Late)
            .insert(&app)
            .await;
        came(full_day, dylan).confirmed(false).insert(&app).await;
        // Two days ago 14:00–19:00: five hours, split in the middle.
        let long = session(paris(today - Duration::days(2), 14, 0), 5 * 60).await;
        for youth in [amina, bilal] {
            place(long, youth).await.unwrap();
        }
        came(long, amina).insert(&app).await;
        came(long, amina).afternoon().insert(&app).await;
        came(long, bilal)
            .status(AttendanceStatus::Late)
            .insert(&app)
            .await;
        // 00:30 on the first of a month: the day before in UTC, the month after in Paris.
        let first = if today.day() > 1 {
            today.with_day(1).unwrap()
        } else {
            (today - Months::new(1)).with_day(1).unwrap()
        };
        let midnight = session(paris(first, 0, 30), 60).await;
        place(midnight, chloe).await.unwrap();
        came(midnight, chloe).insert(&app).await;
        // Half a year ago, a full day in the other time of the year.
        let earlier = session(paris(today - Duration::days(182), 9, 0), 8 * 60).await;
        place(earlier, bilal).await.unwrap();
        came(earlier, bilal).insert(&app).await;

        let coordinator = Actor::Coordinator {
            person_id: builders::coordinator().insert(&app).await.id,
        };
        let year_ago = (today - Months::new(11)).with_day(1).unwrap();
        // The federation, the new Mission Locale, and shorter periods: the database and the
        // definitions agree.
        both_counts(&app, &coordinator, &FiguresForm::default()).await;
        both_counts(&app, &coordinator, &form(None, first, today)).await;
        for (scope, from) in [
            (ml.id, first),
            (ml.id, today - Duration::days(2)),
            (MissionLocaleId::new(1), year_ago),
        ] {
            both_counts(&app, &coordinator, &form(Some(scope), from, today)).await;
        }

        // Worked out by hand for the new Mission Locale's year.
        let counts = both_counts(&app, &coordinator, &form(Some(ml.id), year_ago, today)).await;
        let figures = arrange_dashboard(&counts);
        let total = &figures.total;
        assert_eq!(
            (
                total.sessions_held,
                total.places_offered,
                total.places_taken,
                total.registered_attended,
                total.walk_ins,
                total.youths_attending,
            ),
            (4, 40, 7, 6, 1, 3)
        );
        // Full day 450 + 240 + 210, long afternoon 300 + 150, midnight 60, half a year ago 240.
        assert_eq!(total.attended_minutes, 1650);
        assert_eq!(figures.sheets_not_closed, 4);
        let mut months: HashMap<String, u32> = HashMap::new();
        for day in [
            yesterday,
            today - Duration::days(2),
            first,
            today - Duration::days(182),
        ] {
            *months.entry(format_month(day)).or_default() += 1;
        }
        let shown: HashMap<String, u32> = figures
            .by_month
            .iter()
            .map(|row| (row.label.clone(), row.sessions_held))
            .collect();
        assert_eq!(shown, months);
        // Six participants, Fred unreachable (Eve had a phone when she was minimised).
        assert_eq!(
            (
                figures.participants.participants,
                figures.participants.unreachable
            ),
            (6, 1)
        );
    }
);
