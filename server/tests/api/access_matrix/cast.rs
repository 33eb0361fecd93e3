//! The cast: one person of each kind the matrix calls as, and what they act on (a youth, a
//! session, a site, a workshop type...), found in or added to the demo; and the forms they send.

use super::*;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use shared::domain::{EnrolmentMethod, EnrolmentStatus};

/// A Monday about eight months from today: past the demo's four weeks, within planning's two
/// years, and with no public holiday on the days the matrix plans (two weekly series of three
/// Mondays and Tuesdays, nine weeks apart), so the matrix runs the same on any day of the year.
pub(super) fn matrix_monday() -> chrono::NaiveDate {
    use chrono::{Datelike, Duration};
    let today = support::today();
    let mut monday =
        today + Duration::days(35 * 7 - i64::from(today.weekday().num_days_from_monday()));
    let used = [0, 1, 7, 8, 14, 15, 63, 64, 70, 71, 77, 78];
    while used
        .iter()
        .any(|offset| shared::domain::public_holiday(monday + Duration::days(*offset)).is_some())
    {
        monday += Duration::days(7);
    }
    monday
}

/// `monday` plus `days`, as a form writes it.
pub(super) fn day(monday: chrono::NaiveDate, days: i64) -> String {
    (monday + chrono::Duration::days(days))
        .format("%Y-%m-%d")
        .to_string()
}

pub(super) async fn cast(app: &TestApp) -> Cast {
    let monday = matrix_monday();
    let staff = staff_member::Entity::find()
        .order_by_asc(staff_member::Column::PersonId)
        .all(&app.db)
        .await
        .expect("staff");
    let plain = |ml: MissionLocaleId| {
        staff
            .iter()
            .filter(move |s| {
                s.role == "counsellor"
                    && s.mission_locale_id == Some(ml)
                    && !s.disability_specialist
                    && !s.justice_specialist
            })
            .map(|s| s.person_id)
            .collect::<Vec<_>>()
    };
    // A Mission Locale with two plain counsellors and a disability specialist.
    let (ml, specialist) = staff
        .iter()
        .filter(|s| s.disability_specialist)
        .find_map(|s| {
            let ml = s.mission_locale_id?;
            (plain(ml).len() >= 2).then_some((ml, s.person_id))
        })
        .expect("a Mission Locale with a specialist and two counsellors");
    let referent = plain(ml)[0];
    let counsellor_same_ml = plain(ml)[1];
    let counsellor_other_ml = staff
        .iter()
        .find(|s| {
            s.role == "counsellor"
                && s.mission_locale_id.is_some_and(|other| other != ml)
                && !s.disability_specialist
                && !s.justice_specialist
        })
        .expect("a counsellor elsewhere")
        .person_id;
    let youths_of = |referent_id: PersonId| {
        youth::Entity::find()
            .filter(youth::Column::ReferentId.eq(referent_id))
            .order_by_asc(youth::Column::PersonId)
            .find_also_related(person::Entity)
            .all(&app.db)
    };
    let mine = youths_of(referent).await.expect("youths");
    let (youth_row, youth_person) = mine
        .iter()
        .find(|(_, p)| p.as_ref().is_some_and(|p| p.email.is_some()))
        .cloned()
        .expect("a youth with an email");
    let youth_person = youth_person.expect("a person");
    let youth_to_archive = mine
        .iter()
        .map(|(y, _)| y.person_id)
        .find(|id| *id != youth_row.person_id)
        .expect("a second youth");
    let another_youth = youths_of(counsellor_other_ml).await.expect("youths")[0]
        .0
        .person_id;
    let facilitators: Vec<PersonId> = facilitator::Entity::find()
        .order_by_asc(facilitator::Column::PersonId)
        .all(&app.db)
        .await
        .expect("facilitators")
        .into_iter()
        .map(|facilitator| facilitator.person_id)
        .collect();
    let [facilitator, facilitator_to_edit, facilitator_to_archive, ..] = facilitators[..] else {
        panic!("three demo facilitators");
    };
    let mut coordinators = staff.iter().filter(|s| s.role == "coordinator");
    let coordinator = coordinators.next().expect("a coordinator").person_id;
    // The other coordinator follows no youth: archiving their account is allowed.
    let staff_to_archive = coordinators.next().expect("a second coordinator").person_id;
    let site = shared::entities::site::Entity::find()
        .filter(shared::entities::site::Column::MissionLocaleId.eq(ml))
        .one(&app.db)
        .await
        .expect("a query")
        .expect("a site")
        .id;
    let room = shared::entities::room::Entity::find()
        .filter(shared::entities::room::Column::SiteId.eq(site))
        .one(&app.db)
        .await
        .expect("a query")
        .expect("a room")
        .id;
    let catalogue = shared::entities::workshop_type::Entity::find()
        .order_by_asc(shared::entities::workshop_type::Column::Id)
        .all(&app.db)
        .await
        .expect("the catalogue");
    let (Some(workshop_type), Some(workshop_type_to_archive)) =
        (catalogue.first(), catalogue.last())
    else {
        panic!("a demo catalogue");
    };
    let youth_form = vec![
        ("youth[first_name]", youth_person.first_name.clone()),
        ("youth[last_name]", youth_person.last_name.clone()),
        (
            "youth[date_of_birth]",
            youth_row.date_of_birth.format("%Y-%m-%d").to_string(),
        ),
        ("youth[gender]", youth_row.gender.clone()),
        (
            "youth[email]",
            youth_person.email.clone().unwrap_or_default(),
        ),
        ("youth[referent_id]", String::new()),
        (
            "youth[programme_entry_date]",
            youth_row
                .programme_entry_date
                .format("%Y-%m-%d")
                .to_string(),
        ),
    ];
    let planned = |day: &str| shared::domain::SessionForm {
        workshop_type_id: "1".into(),
        day: day.into(),
        starts_at: "09:00".into(),
        ends_at: "10:00".into(),
        place: format!("room-{room}"),
        capacity: "4".into(),
        counsellor_ids: vec![referent.to_string()],
        audience: "federation".into(),
        closes_hours_before: "2".into(),
        publish: Some("on".into()),
        repeat_every_weeks: "1".into(),
        repeat_slots: "3".into(),
        ..Default::default()
    };
    let mail = app.mail_settings();
    let plan = |form: shared::domain::SessionForm| {
        let db = app.db.clone();
        let mail = mail.clone();
        async move {
            shared::services::plan_sessions(
                &db,
                &shared::domain::Actor::Coordinator {
                    person_id: coordinator,
                },
                &form,
                &mail,
                support::now(),
            )
            .await
            .expect("a planned series")
        }
    };
    let session_to_edit = plan(planned(&day(monday, 0))).await;
    // A session next week, open to the whole federation: youths may enrol.
    let next_week = (support::now()
        .with_timezone(&shared::domain::PARIS)
        .date_naive()
        + chrono::Duration::days(7))
    .format("%Y-%m-%d")
    .to_string();
    let open_session = plan(shared::domain::SessionForm {
        starts_at: "19:00".into(),
        ends_at: "20:00".into(),
        repeat_every_weeks: String::new(),
        repeat_slots: String::new(),
        ..planned(&next_week)
    })
    .await;
    let first_to_cancel = plan(planned(&day(monday, 1))).await;
    // A message for the youth that the mail server refused.
    let failed_mail = {
        use sea_orm::{ActiveModelTrait, Set};
        let now = support::now();
        shared::entities::mail_outbox::ActiveModel {
            message_id: Set("<matrice@ateliers.example>".into()),
            envelope_from: Set("ne-pas-repondre@ateliers.example".into()),
            envelope_to: Set("unknown-mailbox@example.org".into()),
            subject: Set("Inscription confirmée".into()),
            content: Set("Subject: Inscription confirmée\r\n\r\nBonjour\r\n".into()),
            created_at: Set(now),
            attempts: Set(1),
            next_attempt_at: Set(now),
            claimed_until: Set(None),
            sent_at: Set(None),
            failed_at: Set(Some(now)),
            last_error: Set(Some("550 5.1.1 No such user here".into())),
            person_id: Set(Some(youth_row.person_id)),
            session_id: Set(Some(open_session)),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .expect("a failed message")
        .id
    };
    // An SMS for the youth that the operator refused.
    let failed_sms = {
        use sea_orm::{ActiveModelTrait, Set};
        let now = support::now();
        shared::entities::sms_outbox::ActiveModel {
            person_id: Set(Some(youth_row.person_id)),
            session_id: Set(Some(open_session)),
            mission_locale_id: Set(None),
            kind: Set(shared::domain::sms::SmsKind::Registered),
            to_number: Set("+33699999999".into()),
            body: Set("Ateliers : votre place est réservée.".into()),
            encoding: Set(shared::domain::sms::SmsEncoding::Gsm7),
            segments: Set(1),
            created_at: Set(now),
            attempts: Set(1),
            next_attempt_at: Set(now),
            failed_at: Set(Some(now)),
            last_error: Set(Some("refusé par l'opérateur (EsmeRinvdstadr)".into())),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .expect("a failed SMS")
        .id
    };
    // Sessions under way: moved to have started 20 minutes ago (planning refuses the past).
    let under_way = |id: SessionId| {
        let db = app.db.clone();
        async move {
            use sea_orm::sea_query::Expr;
            let starts_at = support::now() - chrono::Duration::minutes(20);
            shared::entities::workshop_session::Entity::update_many()
                .col_expr(
                    shared::entities::workshop_session::Column::StartsAt,
                    Expr::value(starts_at),
                )
                .col_expr(
                    shared::entities::workshop_session::Column::EndsAt,
                    Expr::value(starts_at + chrono::Duration::hours(1)),
                )
                .filter(shared::entities::workshop_session::Column::Id.eq(id))
                .exec(&db)
                .await
                .expect("a session moved");
            shared::entities::session_facilitator::Entity::insert(
                shared::entities::session_facilitator::ActiveModel {
                    session_id: sea_orm::Set(id),
                    person_id: sea_orm::Set(facilitator),
                },
            )
            .exec_without_returning(&db)
            .await
            .expect("a guest");
            id
        }
    };
    let register = |session_id: SessionId, youth_id: PersonId| {
        let db = app.db.clone();
        async move {
            use sea_orm::{ActiveModelTrait, Set};
            let now = support::now();
            shared::entities::enrolment::ActiveModel {
                session_id: Set(session_id),
                youth_id: Set(youth_id),
                status: Set(EnrolmentStatus::Registered),
                ticket: Set(i64::from(youth_id.get())),
                method: Set(EnrolmentMethod::ByStaff),
                enrolled_by: Set(None),
                requested_at: Set(now),
                registered_at: Set(Some(now)),
                ended_at: Set(None),
                ended_reason: Set(None),
                ..Default::default()
            }
            .insert(&db)
            .await
            .expect("a place");
        }
    };
    let first_under_way = plan(planned(&day(monday, 63))).await;
    let session_under_way = under_way(first_under_way).await;
    register(session_under_way, youth_row.person_id).await;
    register(session_under_way, another_youth).await;
    let mut sessions_to_close = Vec::new();
    for key in first_under_way.get() + 1..first_under_way.get() + 3 {
        sessions_to_close.push(under_way(SessionId::new(key)).await);
    }
    let more = plan(planned(&day(monday, 64))).await;
    for key in more.get()..more.get() + 3 {
        sessions_to_close.push(under_way(SessionId::new(key)).await);
    }
    let closed_session = sessions_to_close.pop().expect("a session to close");
    register(closed_session, youth_row.person_id).await;
    // The facilitators to edit and archive run a session of the Mission Locale: its staff keep
    // them.
    for guest in [facilitator_to_edit, facilitator_to_archive] {
        shared::entities::session_facilitator::Entity::insert(
            shared::entities::session_facilitator::ActiveModel {
                session_id: sea_orm::Set(closed_session),
                person_id: sea_orm::Set(guest),
            },
        )
        .exec_without_returning(&app.db)
        .await
        .expect("a guest");
    }
    {
        let actor = shared::domain::Actor::Coordinator {
            person_id: coordinator,
        };
        let now = support::now();
        shared::services::mark_attendance(
            &app.db,
            &actor,
            closed_session,
            youth_row.person_id,
            shared::domain::HalfDayNumber::FIRST,
            "present",
            now,
        )
        .await
        .expect("a mark");
        shared::services::close_attendance_sheet(
            &app.db,
            &actor,
            closed_session,
            shared::domain::HalfDayNumber::FIRST,
            "100,300 150,200 200,120 260,180 320,260 380,150 450,90 520,200",
            &app.state.sealer,
            now,
        )
        .await
        .expect("a closed sheet");
        shared::services::show_check_in_code(&app.db, &actor, session_under_way, None, &mail, now)
            .await
            .expect("a check-in screen");
    }
    let check_in_secret = shared::entities::attendance_sheet::Entity::find()
        .filter(shared::entities::attendance_sheet::Column::SessionId.eq(session_under_way))
        .one(&app.db)
        .await
        .expect("a query")
        .expect("a sheet")
        .check_in_secret;
    let seal_code = shared::entities::document_seal::Entity::find()
        .one(&app.db)
        .await
        .expect("a query")
        .expect("the closed sheet's seal")
        .code;
    Cast {
        monday,
        seal_code,
        session_under_way,
        check_in_secret,
        sessions_to_close,
        closed_session,
        failed_mail,
        failed_sms,
        session_to_edit,
        open_session,
        sessions_to_cancel: (first_to_cancel.get()..first_to_cancel.get() + 3)
            .map(SessionId::new)
            .collect(),
        coordinator,
        referent,
        counsellor_same_ml,
        counsellor_other_ml,
        specialist,
        youth: youth_row.person_id,
        another_youth,
        youth_to_archive,
        facilitator,
        youth_form,
        mission_locale: ml,
        other_mission_locale: staff
            .iter()
            .find(|s| s.person_id == counsellor_other_ml)
            .and_then(|s| s.mission_locale_id)
            .expect("an ML"),
        site,
        room,
        staff_to_archive,
        facilitator_to_edit,
        facilitator_to_archive,
        workshop_type: (
            workshop_type.id,
            workshop_type.title.clone(),
            workshop_type.theme.code().to_owned(),
        ),
        workshop_type_to_archive: workshop_type_to_archive.id,
    }
}

/// A session in the cast's room, 9:00–10:00 on `day`, run by the referent.
pub(super) fn session_fields(cast: &Cast, day: &str, note: &str) -> Vec<(&'static str, String)> {
    vec![
        ("session[workshop_type_id]", "1".into()),
        ("session[day]", day.into()),
        ("session[starts_at]", "09:00".into()),
        ("session[ends_at]", "10:00".into()),
        ("session[place]", format!("room-{}", cast.room)),
        ("session[capacity]", "4".into()),
        ("session[counsellor_ids][0]", cast.referent.to_string()),
        ("session[audience]", "federation".into()),
        ("session[closes_hours_before]", "2".into()),
        ("session[note_for_youths]", note.into()),
        ("session[publish]", "on".into()),
    ]
}

/// A valid workshop type form, told apart by `call`.
pub(super) fn workshop_form(title: &str, theme: &str, call: usize) -> Vec<(&'static str, String)> {
    vec![
        ("workshop[title]", title.to_owned()),
        ("workshop[theme]", theme.to_owned()),
        (
            "workshop[description]",
            format!("Un atelier pour vérifier qui peut quoi ({call})."),
        ),
        ("workshop[default_duration_minutes]", "120".into()),
        ("workshop[default_capacity]", "12".into()),
        ("workshop[what_to_bring]", "Ton téléphone".into()),
    ]
}
