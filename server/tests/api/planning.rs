//! Planning through HTTP: sessions and series (*cycles*), edits alone or for "this and
//! following", cancellations, double bookings, audiences, the facilitator's space and the public
//! page. Each test runs on SQLite and on PostgreSQL, on a small federation of its own
//! (`support::builders`).

use crate::support;

use app::server_fns::{CancelSession, PlanSessions, UpdateSession};
use chrono::{Datelike, Duration, Weekday};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use shared::domain::{
    MissionLocaleId, PersonId, SessionChange, SessionId, SessionStatus, Theme, WorkshopTypeId,
};
use shared::entities::{room, session_event, session_facilitator, workshop_session};
use support::dates::{french_day, last_sunday, next_clear, next_yearly, paris, slashed, utc, ymd};
use support::{Seed, TestApp, builders, server_fn_path};

/// A counsellor with the workshop room of their Mission Locale, a workshop and a journalist.
struct Planner {
    mission_locale: MissionLocaleId,
    counsellor: PersonId,
    session: String,
    room: room::Model,
    workshop: WorkshopTypeId,
    journalist: PersonId,
    other_facilitator: PersonId,
}

async fn planner(app: &TestApp) -> Planner {
    let ml = builders::mission_locale(app, "Bondy").await;
    let counsellor = builders::counsellor(ml.id).insert(app).await;
    let workshop = builders::workshop(
        app,
        "Décrypter l'info avec un journaliste",
        Theme::MediaLiteracy,
    )
    .await;
    Planner {
        mission_locale: ml.id,
        session: counsellor.session(app).await,
        counsellor: counsellor.id,
        room: ml.room,
        workshop,
        journalist: builders::facilitator(app, "Karim", "Amrani").await,
        other_facilitator: builders::facilitator(app, "Claire", "Vasseur").await,
    }
}

/// A form for one session (or, with `repeat`, a series) in the planner's room.
fn session_form(
    planner: &Planner,
    day: impl std::fmt::Display,
    starts: &str,
    ends: &str,
) -> Vec<(&'static str, String)> {
    vec![
        ("session[workshop_type_id]", planner.workshop.to_string()),
        ("session[day]", day.to_string()),
        ("session[starts_at]", starts.to_owned()),
        ("session[ends_at]", ends.to_owned()),
        ("session[place]", format!("room-{}", planner.room.id)),
        ("session[capacity]", "12".to_owned()),
        ("session[counsellor_ids][0]", planner.counsellor.to_string()),
        (
            "session[facilitator_ids][0]",
            planner.journalist.to_string(),
        ),
        ("session[audience]", "federation".to_owned()),
        ("session[closes_hours_before]", "2".to_owned()),
        ("session[publish]", "on".to_owned()),
    ]
}

fn with(
    mut form: Vec<(&'static str, String)>,
    key: &'static str,
    value: &str,
) -> Vec<(&'static str, String)> {
    form.retain(|(name, _)| *name != key);
    form.push((key, value.to_owned()));
    form
}

async fn sessions_count(app: &TestApp) -> u64 {
    workshop_session::Entity::find()
        .count(&app.db)
        .await
        .unwrap()
}

async fn series_sessions(app: &TestApp, first_id: SessionId) -> Vec<workshop_session::Model> {
    let first = workshop_session::Entity::find_by_id(first_id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    workshop_session::Entity::find()
        .filter(workshop_session::Column::SeriesId.eq(first.series_id.expect("a series")))
        .order_by_asc(workshop_session::Column::StartsAt)
        .all(&app.db)
        .await
        .unwrap()
}

async fn plan(app: &TestApp, planner: &Planner, form: &[(&str, String)]) -> reqwest::Response {
    app.call(
        server_fn_path::<PlanSessions>(),
        form,
        Some(&planner.session),
    )
    .await
}

async fn planned_id(response: reqwest::Response) -> SessionId {
    assert_eq!(response.status(), 200, "{:?}", response.text().await);
    response
        .json::<SessionId>()
        .await
        .expect("the first session's id")
}

on_both_databases!(
    a_series_keeps_paris_wall_clock_time_across_the_march_change,
    Seed::Empty,
    |app: TestApp| async move {
        let planner = planner(&app).await;
        // Tuesdays 9:30–12:00 from twelve days before summer time starts (the last Sunday of
        // March), six weeks, without the fourth.
        let tuesday = next_yearly(|year| last_sunday(year, 3) - Duration::days(12));
        let week = |n: i64| tuesday + Duration::weeks(n);
        let form = session_form(&planner, tuesday, "09:30", "12:00");
        let form = with(form, "session[repeat_every_weeks]", "1");
        let form = with(form, "session[repeat_slots]", "6");
        let form = with(form, "session[skipped_days]", &slashed(week(3)));
        let first = planned_id(plan(&app, &planner, &form).await).await;

        let sessions = series_sessions(&app, first).await;
        let starts: Vec<_> = sessions.iter().map(|session| session.starts_at).collect();
        assert_eq!(
            starts,
            vec![
                utc(week(0), 8, 30),
                utc(week(1), 8, 30),
                utc(week(2), 7, 30),
                utc(week(4), 7, 30),
                utc(week(5), 7, 30),
            ],
            "9:30 in Paris is 8:30Z in winter and 7:30Z in summer; the fourth week skipped"
        );
        for session in &sessions {
            assert_eq!(session.room_id, Some(planner.room.id));
            assert_eq!(session.status, SessionStatus::Published);
            let facilitators = session_facilitator::Entity::find()
                .filter(session_facilitator::Column::SessionId.eq(session.id))
                .count(&app.db)
                .await
                .unwrap();
            assert_eq!(facilitators, 1);
        }

        // The October change the other way: Thursdays every other week at 14:00, from ten days
        // before the last Sunday of October.
        let thursday = next_yearly(|year| last_sunday(year, 10) - Duration::days(10));
        let form = session_form(&planner, thursday, "14:00", "16:00");
        let form = with(form, "session[repeat_every_weeks]", "2");
        let form = with(form, "session[repeat_slots]", "2");
        let first = planned_id(plan(&app, &planner, &form).await).await;
        let starts: Vec<_> = series_sessions(&app, first)
            .await
            .iter()
            .map(|s| s.starts_at)
            .collect();
        assert_eq!(
            starts,
            vec![
                utc(thursday, 12, 0),
                utc(thursday + Duration::weeks(2), 13, 0)
            ]
        );
    }
);

on_both_databases!(
    bad_input_gets_a_french_message_and_writes_nothing,
    Seed::Empty,
    |app: TestApp| async move {
        let planner = planner(&app).await;
        // A Tuesday with a free one a week before it.
        let tuesday = next_clear(Weekday::Tue) + Duration::weeks(1);
        let taken = planned_id(
            plan(
                &app,
                &planner,
                &session_form(&planner, tuesday, "09:30", "12:00"),
            )
            .await,
        )
        .await;
        let before = sessions_count(&app).await;
        let events_before = session_event::Entity::find().count(&app.db).await.unwrap();
        let form = || session_form(&planner, tuesday + Duration::weeks(1), "09:30", "12:00");
        // Elsewhere at the taken session's time, with one of its people.
        let elsewhere = |counsellor: PersonId, facilitator: PersonId| {
            with(
                with(
                    with(
                        with(
                            session_form(&planner, tuesday, "10:00", "11:00"),
                            "session[place]",
                            "external",
                        ),
                        "session[venue_name]",
                        "Médiathèque",
                    ),
                    "session[counsellor_ids][0]",
                    &counsellor.to_string(),
                ),
                "session[facilitator_ids][0]",
                &facilitator.to_string(),
            )
            .into_iter()
            .chain([(
                "session[venue_address]",
                "1 rue de la Paix, 93000 Bobigny".to_owned(),
            )])
            .collect::<Vec<_>>()
        };
        let colleague = builders::counsellor(planner.mission_locale)
            .named("Awa", "Diallo")
            .insert(&app)
            .await
            .id;
        let above_room = (planner.room.capacity + 1).to_string();
        let cases: Vec<(Vec<(&str, String)>, &str)> = vec![
            (
                with(form(), "session[ends_at]", "09:00"),
                "L'heure de fin doit venir après",
            ),
            (with(form(), "session[capacity]", "0"), "entre 1 et 200"),
            (
                with(form(), "session[capacity]", &above_room),
                "places : réduisez",
            ),
            (
                with(form(), "session[place]", "room-999999"),
                "Cette salle n'existe pas",
            ),
            (
                with(form(), "session[day]", "2020-01-07"),
                "Cette date est passée",
            ),
            (
                session_form(&planner, tuesday, "11:00", "13:00"),
                "est déjà prise par « Décrypter",
            ),
            (
                elsewhere(planner.counsellor, planner.journalist),
                "est déjà pris·e par « Décrypter",
            ),
            (
                elsewhere(colleague, planner.journalist),
                "Karim Amrani est déjà pris·e par « Décrypter",
            ),
            (
                elsewhere(planner.counsellor, planner.other_facilitator),
                "est déjà pris·e par « Décrypter",
            ),
            (
                with(
                    form(),
                    "session[facilitator_ids][0]",
                    &planner.counsellor.to_string(),
                ),
                "Choisissez des intervenants dans la liste",
            ),
        ];
        for (form, expected) in cases {
            let response = plan(&app, &planner, &form).await;
            assert_eq!(response.status(), 400, "{form:?}");
            let body = response.text().await.unwrap();
            assert!(body.contains(expected), "{expected:?} not in {body}");
        }
        assert_eq!(sessions_count(&app).await, before, "nothing written");
        assert_eq!(
            session_event::Entity::find().count(&app.db).await.unwrap(),
            events_before
        );

        // A clash on one occurrence refuses the whole series.
        let week_before = tuesday - Duration::weeks(1);
        let form = with(form(), "session[day]", &week_before.to_string());
        let form = with(form, "session[repeat_every_weeks]", "1");
        let form = with(form, "session[repeat_slots]", "3");
        let response = plan(&app, &planner, &form).await;
        support::assert_refused(response, 400, &french_day(tuesday)).await;
        assert_eq!(sessions_count(&app).await, before);

        // Back to back is fine.
        let after = session_form(&planner, tuesday, "12:00", "13:00");
        planned_id(plan(&app, &planner, &after).await).await;
        assert!(taken > SessionId::new(0));
    }
);

on_both_databases!(
    moving_one_occurrence_and_cancelling_another_are_recorded_as_events,
    Seed::Empty,
    |app: TestApp| async move {
        let planner = planner(&app).await;
        let tuesday = next_clear(Weekday::Tue);
        let form = session_form(&planner, tuesday, "09:30", "12:00");
        let form = with(form, "session[repeat_every_weeks]", "1");
        let form = with(form, "session[repeat_slots]", "6");
        let first = planned_id(plan(&app, &planner, &form).await).await;
        let sessions = series_sessions(&app, first).await;
        assert_eq!(sessions.len(), 6);

        // Move the second one to the Wednesday afternoon, alone.
        let second = sessions[1].id;
        let second_tuesday = tuesday + Duration::weeks(1);
        let wednesday = second_tuesday + Duration::days(1);
        let moved = session_form(&planner, wednesday, "14:00", "16:30");
        let mut call = moved.clone();
        call.push(("id", second.to_string()));
        call.push(("scope", "this_session".to_owned()));
        let response = app
            .call(
                server_fn_path::<UpdateSession>(),
                &call,
                Some(&planner.session),
            )
            .await;
        assert_eq!(response.status(), 200, "{:?}", response.text().await);
        let after = series_sessions(&app, first).await;
        assert_eq!(after[1].starts_at, paris(wednesday, 14, 0));
        assert_eq!(
            after[1].sequence, 1,
            "attendees must get an updated invitation"
        );
        assert_eq!(after[2].starts_at, sessions[2].starts_at, "the others stay");
        let events = session_event::Entity::find()
            .filter(session_event::Column::SessionId.eq(second))
            .order_by_asc(session_event::Column::Id)
            .all(&app.db)
            .await
            .unwrap();
        assert_eq!(events.last().unwrap().kind, "rescheduled");
        let change: SessionChange = serde_json::from_str(&events.last().unwrap().change).unwrap();
        assert!(
            matches!(change, SessionChange::Rescheduled { from_starts_at, .. } if from_starts_at == sessions[1].starts_at)
        );

        // Cancel the fourth one, with a reason.
        let fourth = sessions[3].id;
        let response = app
            .call(
                server_fn_path::<CancelSession>(),
                &[
                    ("id", fourth.to_string()),
                    ("scope", "this_session".to_owned()),
                    ("reason", "Journaliste indisponible ce jour-là".to_owned()),
                ],
                Some(&planner.session),
            )
            .await;
        assert_eq!(response.status(), 200, "{:?}", response.text().await);
        let cancelled = workshop_session::Entity::find_by_id(fourth)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            cancelled.status,
            SessionStatus::Cancelled,
            "kept, never deleted"
        );
        assert_eq!(
            cancelled.cancellation_reason.as_deref(),
            Some("Journaliste indisponible ce jour-là")
        );

        // The history shows on the session page, and the journalist sees it in their space.
        let page = app
            .get_as(&format!("/seances/{second}"), Some(&planner.session))
            .await;
        assert_eq!(page.status(), 200);
        let page = page.text().await.unwrap();
        assert!(
            page.contains(&format!(
                "Séance déplacée du {}",
                french_day(second_tuesday)
            )),
            "{page}"
        );
        let journalist = app.session_for(planner.journalist).await;
        let space = app
            .get_as("/mes-seances", Some(&journalist))
            .await
            .text()
            .await
            .unwrap();
        assert!(space.contains(&french_day(wednesday)));
        assert!(
            !space.contains(&french_day(second_tuesday)),
            "the old date is gone"
        );
        assert!(space.contains("Annulée : Journaliste indisponible"));
        assert!(space.matches("data-test=\"facilitator-session\"").count() >= 6);

        // Another facilitator sees none of it, and no staff page.
        let other = app.session_for(planner.other_facilitator).await;
        let space = app
            .get_as("/mes-seances", Some(&other))
            .await
            .text()
            .await
            .unwrap();
        for session in &after {
            let day = session.starts_at.with_timezone(&shared::domain::PARIS);
            assert!(!space.contains(&french_day(day.date_naive())));
        }
        assert_eq!(
            app.get_as(&format!("/seances/{second}"), Some(&other))
                .await
                .status(),
            403
        );
        assert_eq!(app.get_as("/agenda", Some(&other)).await.status(), 403);
    }
);

on_both_databases!(
    this_and_following_and_the_whole_series,
    Seed::Empty,
    |app: TestApp| async move {
        let planner = planner(&app).await;
        let tuesday = next_clear(Weekday::Tue);
        let week = |n: i64| tuesday + Duration::weeks(n);
        let form = session_form(&planner, tuesday, "09:30", "12:00");
        let form = with(form, "session[repeat_every_weeks]", "1");
        let form = with(form, "session[repeat_slots]", "4");
        let first = planned_id(plan(&app, &planner, &form).await).await;
        let sessions = series_sessions(&app, first).await;

        // From the third on: one day later, 10:00–12:30, another facilitator.
        let mut call = with(
            session_form(&planner, week(2) + Duration::days(1), "10:00", "12:30"),
            "session[facilitator_ids][0]",
            &planner.other_facilitator.to_string(),
        );
        call.push(("id", sessions[2].id.to_string()));
        call.push(("scope", "this_and_following".to_owned()));
        let response = app
            .call(
                server_fn_path::<UpdateSession>(),
                &call,
                Some(&planner.session),
            )
            .await;
        assert_eq!(response.status(), 200, "{:?}", response.text().await);
        let after = series_sessions(&app, first).await;
        let wednesday = |n: i64| week(n) + Duration::days(1);
        assert_eq!(
            after.iter().map(|s| s.starts_at).collect::<Vec<_>>(),
            vec![
                paris(week(0), 9, 30),
                paris(week(1), 9, 30),
                paris(wednesday(2), 10, 0),
                paris(wednesday(3), 10, 0)
            ]
        );
        for moved in &after[2..] {
            let kinds: Vec<String> = session_event::Entity::find()
                .filter(session_event::Column::SessionId.eq(moved.id))
                .all(&app.db)
                .await
                .unwrap()
                .into_iter()
                .map(|event| event.kind)
                .collect();
            assert!(
                kinds.contains(&"rescheduled".to_owned())
                    && kinds.contains(&"facilitators_changed".to_owned()),
                "{kinds:?}"
            );
        }

        // Cancel the whole series: every one, never deleted.
        let response = app
            .call(
                server_fn_path::<CancelSession>(),
                &[
                    ("id", sessions[1].id.to_string()),
                    ("scope", "whole_series".to_owned()),
                    ("reason", "Le cycle est reporté au printemps".to_owned()),
                ],
                Some(&planner.session),
            )
            .await;
        assert_eq!(response.status(), 200);
        assert_eq!(response.json::<usize>().await.unwrap(), 4);
        let after = series_sessions(&app, first).await;
        assert!(after.iter().all(|s| s.status == SessionStatus::Cancelled));

        // Cancelling needs a reason, and a cancelled session cannot be edited.
        let response = app
            .call(
                server_fn_path::<CancelSession>(),
                &[
                    ("id", first.to_string()),
                    ("scope", "this_session".to_owned()),
                    ("reason", "".to_owned()),
                ],
                Some(&planner.session),
            )
            .await;
        assert_eq!(response.status(), 400);
        let mut call = session_form(&planner, tuesday, "09:30", "12:00");
        call.push(("id", first.to_string()));
        call.push(("scope", "this_session".to_owned()));
        let response = app
            .call(
                server_fn_path::<UpdateSession>(),
                &call,
                Some(&planner.session),
            )
            .await;
        support::assert_refused(response, 400, "annulée").await;
    }
);

on_both_databases!(
    audiences_decide_which_youths_see_a_session,
    Seed::Empty,
    |app: TestApp| async move {
        let planner = planner(&app).await;
        let ml = planner.mission_locale;
        // A session reserved to the planner's youths, one for the Mission Locale.
        let tuesday = next_clear(Weekday::Tue);
        let reserved = with(
            with(
                session_form(&planner, tuesday, "09:30", "12:00"),
                "session[audience]",
                "counsellors",
            ),
            "session[audience_counsellor_ids][0]",
            &planner.counsellor.to_string(),
        );
        let reserved = planned_id(plan(&app, &planner, &reserved).await).await;
        let own_ml = with(
            session_form(&planner, tuesday, "14:00", "16:00"),
            "session[audience]",
            "mission_locale",
        );
        let own_ml = planned_id(plan(&app, &planner, &own_ml).await).await;

        // Youths who may join that Tuesday but for the audience (in their programme, at most
        // 25): the planner's, a colleague's, and one of another Mission Locale.
        let colleague = builders::counsellor(ml)
            .named("Karim", "Haddad")
            .insert(&app)
            .await;
        let other_ml = builders::mission_locale(&app, "Pantin").await;
        let other_counsellor = builders::counsellor(other_ml.id)
            .named("Moussa", "Diallo")
            .insert(&app)
            .await;
        let mine = builders::youth(planner.counsellor).insert(&app).await;
        let colleague_s = builders::youth(colleague.id)
            .named("Yanis", "Cherif")
            .insert(&app)
            .await;
        let elsewhere = builders::youth(other_counsellor.id)
            .named("Léa", "Petit")
            .insert(&app)
            .await;
        for (youth, sees_reserved, sees_ml) in [
            (mine, true, true),
            (colleague_s, false, true),
            (elsewhere, false, false),
        ] {
            let session = app.session_for(youth).await;
            let visible = visible_ids(&app, &session).await;
            assert_eq!(visible.contains(&reserved), sees_reserved, "youth {youth}");
            assert_eq!(visible.contains(&own_ml), sees_ml, "youth {youth}");
        }
        // The anonymous public list leaves out the reserved session.
        let public = app.get("/ateliers").await.text().await.unwrap();
        assert!(!public.contains(&format!("/ateliers/{reserved}\"")));
    }
);

on_both_databases!(
    a_youth_s_home_reaches_past_many_sessions_they_cannot_join,
    Seed::Empty,
    |app: TestApp| async move {
        // The home shows six sessions, judged a page of candidates at a time: thirty soonest
        // sessions whose enrolment has closed fill the first page, the one the youth may join
        // comes after them.
        let ml = builders::mission_locale(&app, "Bondy").await;
        let counsellor = builders::counsellor(ml.id).insert(&app).await;
        let workshop = builders::workshop(&app, "Préparer un entretien", Theme::Interview).await;
        let youth = builders::youth(counsellor.id).insert(&app).await;
        let soon = support::now() + Duration::hours(2);
        let mut closed = Vec::new();
        for minutes in 0..30 {
            closed.push(
                builders::session(workshop, &ml, counsellor.id)
                    .starts_at(soon + Duration::minutes(minutes))
                    .insert(&app)
                    .await,
            );
        }
        workshop_session::Entity::update_many()
            .col_expr(
                workshop_session::Column::EnrolmentClosesMinutesBefore,
                sea_orm::sea_query::Expr::value(24 * 60),
            )
            .filter(workshop_session::Column::Id.is_in(closed.clone()))
            .exec(&app.db)
            .await
            .unwrap();
        let open = builders::session(workshop, &ml, counsellor.id)
            .insert(&app)
            .await;

        let home = app
            .get_as("/accueil", Some(&app.session_for(youth).await))
            .await
            .text()
            .await
            .unwrap();
        assert!(home.contains(&format!("/ateliers/{open}\"")), "{home}");
        assert!(!home.contains(&format!("/ateliers/{}\"", closed[0])));
    }
);

/// The ids of the sessions a youth's audience rules admit, read through the service the youth's
/// pages use.
async fn visible_ids(app: &TestApp, session: &str) -> Vec<SessionId> {
    let actor = shared::services::identify_actor(&app.db, session, support::now())
        .await
        .unwrap();
    shared::services::list_upcoming_sessions(
        &app.db,
        &actor,
        support::now(),
        &app.state.public_list,
    )
    .await
    .unwrap()
    .into_iter()
    .map(|card| card.id)
    .collect()
}

on_both_databases!(
    the_public_page_shows_no_personal_data,
    Seed::Empty,
    |app: TestApp| async move {
        let planner = planner(&app).await;
        let tuesday = next_clear(Weekday::Tue);
        let published = planned_id(
            plan(
                &app,
                &planner,
                &session_form(&planner, tuesday, "09:30", "12:00"),
            )
            .await,
        )
        .await;
        let draft: Vec<_> = session_form(&planner, tuesday, "14:00", "16:00")
            .into_iter()
            .filter(|(name, _)| *name != "session[publish]")
            .collect();
        let draft = planned_id(plan(&app, &planner, &draft).await).await;

        let page = app.get(&format!("/ateliers/{published}")).await;
        assert_eq!(page.status(), 200);
        let page = page.text().await.unwrap();
        assert!(
            page.contains("Décrypter l&#x27;info avec un journaliste")
                || page.contains("Décrypter l'info avec un journaliste")
        );
        assert!(page.contains(&french_day(tuesday)));
        for id in [planner.counsellor, planner.journalist] {
            let person = shared::entities::person::Entity::find_by_id(id)
                .one(&app.db)
                .await
                .unwrap()
                .unwrap();
            assert!(
                !page.contains(&person.last_name),
                "{} on the public page",
                person.last_name
            );
            assert!(!page.contains(person.email.as_deref().unwrap()));
        }
        assert_eq!(
            app.get(&format!("/ateliers/{draft}")).await.status(),
            404,
            "drafts are not public"
        );
    }
);

/// The staff page of a session planned on `day`, 9:30–12:00.
async fn planned_page(app: &TestApp, planner: &Planner, day: chrono::NaiveDate) -> String {
    let form = session_form(planner, day, "09:30", "12:00");
    let id = planned_id(plan(app, planner, &form).await).await;
    app.get_as(&format!("/seances/{id}"), Some(&planner.session))
        .await
        .text()
        .await
        .unwrap()
}

on_both_databases!(
    holidays_and_closing_days_are_warned_about_not_refused,
    Seed::Empty,
    |app: TestApp| async move {
        let planner = planner(&app).await;
        let bastille_day = next_yearly(|year| ymd(year, 7, 14));
        let year = bastille_day.year();
        let response = app
            .call(
                server_fn_path::<app::server_fns::AddSiteClosure>(),
                &[
                    ("site_id", planner.room.site_id.to_string()),
                    ("closure[first_day]", ymd(year, 8, 2).to_string()),
                    ("closure[last_day]", ymd(year, 8, 20).to_string()),
                    ("closure[reason]", "fermeture estivale".to_owned()),
                ],
                Some(&planner.session),
            )
            .await;
        assert_eq!(response.status(), 200, "{:?}", response.text().await);

        let page = planned_page(&app, &planner, bastille_day).await;
        assert!(
            page.contains(&format!(
                "Attention : Le 14 juillet {year} est un jour férié (Fête nationale)."
            )),
            "{page}"
        );

        let page = planned_page(&app, &planner, ymd(year, 8, 3)).await;
        assert!(
            page.contains(&format!(
                "Le site est fermé le 3 août {year} (fermeture estivale)."
            )),
            "{page}"
        );

        let page = planned_page(&app, &planner, ymd(year, 7, 21)).await;
        assert!(!page.contains("data-test=\"warnings\""));
    }
);

on_both_databases!(
    a_date_years_ahead_is_refused_before_any_work,
    Seed::Empty,
    |app: TestApp| async move {
        let planner = planner(&app).await;
        let before = sessions_count(&app).await;
        let events_before = session_event::Entity::find().count(&app.db).await.unwrap();
        let just_too_far = (support::now() + chrono::Duration::days(2 * 366 + 7))
            .format("%Y-%m-%d")
            .to_string();
        for day in ["9999-12-28", "+262142-12-28", &just_too_far] {
            for (every_weeks, slots) in [("", ""), ("4", "52")] {
                let form = session_form(&planner, day, "09:30", "12:00");
                let form = with(form, "session[repeat_every_weeks]", every_weeks);
                let form = with(form, "session[repeat_slots]", slots);
                let response = plan(&app, &planner, &form).await;
                assert_eq!(response.status(), 400, "{day}");
                let body = response.text().await.unwrap();
                assert!(body.contains("2 ans à l'avance"), "{day}: {body}");
            }
        }
        assert_eq!(sessions_count(&app).await, before, "nothing written");
        assert_eq!(
            session_event::Entity::find().count(&app.db).await.unwrap(),
            events_before
        );
        assert_eq!(app.get("/healthz").await.status(), 200, "the server is up");
    }
);
