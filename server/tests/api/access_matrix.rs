//! `access_matrix`: every server function and every page, called by every kind of actor, gets
//! the answer the access policy promises. A server function or a route without an entry in the
//! tables below fails the test: access is decided for everything, on purpose.

use crate::support;

use app::server_fns::*;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use shared::entities::{audit_event, facilitator, person, staff_member, youth};
use support::{Seed, TestApp, server_fn_path};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Who {
    Coordinator,
    /// Same Mission Locale as the youth, not their referent, no speciality.
    CounsellorSameMl,
    CounsellorOtherMl,
    /// Disability specialist of the youth's Mission Locale.
    Specialist,
    /// The youth whose file is at stake.
    Youth,
    AnotherYouth,
    Facilitator,
    Anonymous,
}
use Who::*;

const EVERYONE: &[Who] = &[
    Coordinator,
    CounsellorSameMl,
    CounsellorOtherMl,
    Specialist,
    Youth,
    AnotherYouth,
    Facilitator,
    Anonymous,
];
const SIGNED_IN: &[Who] = &[
    Coordinator,
    CounsellorSameMl,
    CounsellorOtherMl,
    Specialist,
    Youth,
    AnotherYouth,
    Facilitator,
];
const STAFF: &[Who] = &[Coordinator, CounsellorSameMl, CounsellorOtherMl, Specialist];
const YOUTH_EDITORS: &[Who] = &[Coordinator, CounsellorSameMl, Specialist];
const YOUTH_READERS: &[Who] = &[Coordinator, CounsellorSameMl, Specialist, Youth];
/// The staff of the Mission Locale whose site is at stake, and coordinators.
const SITE_EDITORS: &[Who] = &[Coordinator, CounsellorSameMl, Specialist];
const COORDINATORS: &[Who] = &[Coordinator];
const FACILITATORS: &[Who] = &[Facilitator];
const YOUTHS: &[Who] = &[Youth, AnotherYouth];
/// Those who keep the guest facilitators of the matrix, who run a session of the Mission Locale:
/// its staff, and coordinators.
const FACILITATOR_KEEPERS: &[Who] = &[Coordinator, CounsellorSameMl, Specialist];
/// Those who take a session's attendance: its organisers and its guest facilitator.
const ATTENDANCE_TAKERS: &[Who] = &[Coordinator, CounsellorSameMl, Specialist, Facilitator];

/// What an entry promises.
#[derive(Clone, Copy, Debug)]
enum Access {
    /// No access rule: every actor gets the same answer, never 401 or 403.
    Public,
    /// These actors succeed; every other one is refused (401, 403 or 404) and changes nothing.
    Only(&'static [Who]),
    /// Exists only in demo mode (the local mail viewer, which shows everyone's mail): there,
    /// every actor succeeds; outside it, 404 for every actor, whatever the mail backend.
    DemoOnly,
}

/// The message the local mail viewer shows in the demo-only checks (`<id>.eml` in its folder).
const LOCAL_MAIL: &str = "matrice-courriel";

/// The people of the demo the matrix plays with.
struct Cast {
    /// The Monday the matrix plans from (see [`matrix_monday`]).
    monday: chrono::NaiveDate,
    coordinator: i32,
    referent: i32,
    counsellor_same_ml: i32,
    counsellor_other_ml: i32,
    specialist: i32,
    youth: i32,
    another_youth: i32,
    youth_to_archive: i32,
    facilitator: i32,
    youth_form: Vec<(&'static str, String)>,
    mission_locale: i32,
    other_mission_locale: i32,
    site: i32,
    room: i32,
    staff_to_archive: i32,
    facilitator_to_edit: i32,
    facilitator_to_archive: i32,
    /// A session of the Mission Locale, in `room`, for edits.
    session_to_edit: i32,
    /// A session of the Mission Locale next week, open to every youth, with 4 places.
    open_session: i32,
    /// One per planner: a cancelled session cannot be cancelled again.
    sessions_to_cancel: Vec<i32>,
    /// A workshop type of the demo catalogue to edit, and its title and theme.
    workshop_type: (i32, String, String),
    workshop_type_to_archive: i32,
    /// A message to `youth` that could not be delivered.
    failed_mail: i32,
    /// A session of the Mission Locale under way, run by the referent and the facilitator, with
    /// `youth` and `another_youth` registered.
    session_under_way: i32,
    /// Its check-in secret, for the code of the moment.
    check_in_secret: String,
    /// One session under way without places per attendance taker: each closes its own.
    sessions_to_close: Vec<i32>,
    /// A session whose sheet is closed, `youth` present on it.
    closed_session: i32,
}

impl Cast {
    fn person(&self, who: Who) -> Option<i32> {
        Some(match who {
            Coordinator => self.coordinator,
            CounsellorSameMl => self.counsellor_same_ml,
            CounsellorOtherMl => self.counsellor_other_ml,
            Specialist => self.specialist,
            Youth => self.youth,
            AnotherYouth => self.another_youth,
            Facilitator => self.facilitator,
            Anonymous => return None,
        })
    }
}

/// A Monday about eight months from today: past the demo's four weeks, within planning's two
/// years, and with no public holiday on the days the matrix plans (two weekly series of three
/// Mondays and Tuesdays, nine weeks apart), so the matrix runs the same on any day of the year.
fn matrix_monday() -> chrono::NaiveDate {
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
fn day(monday: chrono::NaiveDate, days: i64) -> String {
    (monday + chrono::Duration::days(days))
        .format("%Y-%m-%d")
        .to_string()
}

async fn cast(app: &TestApp) -> Cast {
    let monday = matrix_monday();
    let staff = staff_member::Entity::find()
        .order_by_asc(staff_member::Column::PersonId)
        .all(&app.db)
        .await
        .expect("staff");
    let plain = |ml: i32| {
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
    let youths_of = |referent_id: i32| {
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
    let facilitators: Vec<i32> = facilitator::Entity::find()
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
    // Sessions under way: moved to have started 20 minutes ago (planning refuses the past).
    let under_way = |id: i32| {
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
    let register = |session_id: i32, youth_id: i32| {
        let db = app.db.clone();
        async move {
            use sea_orm::{ActiveModelTrait, Set};
            let now = support::now();
            shared::entities::enrolment::ActiveModel {
                session_id: Set(session_id),
                youth_id: Set(youth_id),
                status: Set("registered".into()),
                ticket: Set(i64::from(youth_id)),
                method: Set("by_staff".into()),
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
    for id in first_under_way + 1..first_under_way + 3 {
        sessions_to_close.push(under_way(id).await);
    }
    let more = plan(planned(&day(monday, 64))).await;
    for id in more..more + 3 {
        sessions_to_close.push(under_way(id).await);
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
            "present",
            now,
        )
        .await
        .expect("a mark");
        shared::services::close_attendance_sheet(
            &app.db,
            &actor,
            closed_session,
            "100,300 150,200 200,120 260,180 320,260 380,150 450,90 520,200",
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
    Cast {
        monday,
        session_under_way,
        check_in_secret,
        sessions_to_close,
        closed_session,
        failed_mail,
        session_to_edit,
        open_session,
        sessions_to_cancel: (first_to_cancel..first_to_cancel + 3).collect(),
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
            workshop_type.theme.clone(),
        ),
        workshop_type_to_archive: workshop_type_to_archive.id,
    }
}

type Args = Box<dyn Fn(&Cast, Who, usize) -> Vec<(&'static str, String)>>;

fn no_args() -> Args {
    Box::new(|_, _, _| Vec::new())
}

/// Every server function: its path, the arguments each call sends, what it promises.
fn server_function_table() -> Vec<(&'static str, Args, Access)> {
    let new_youth: Args = Box::new(|cast, who, call| {
        let referent = if who == Coordinator {
            cast.referent.to_string()
        } else {
            String::new()
        };
        vec![
            ("youth[first_name]", "Samia".into()),
            ("youth[last_name]", "Matrice".into()),
            ("youth[date_of_birth]", "2006-05-04".into()),
            ("youth[gender]", "female".into()),
            ("youth[email]", format!("samia.matrice{call}@exemple.fr")),
            ("youth[phone]", String::new()),
            ("youth[referent_id]", referent),
            ("youth[programme_entry_date]", "2026-11-02".into()),
        ]
    });
    let edit_youth: Args = Box::new(|cast, who, call| {
        let mut form = cast.youth_form.clone();
        form.push(("youth[phone]", format!("06 11 22 33 {:02}", call % 100)));
        form.push(("id", cast.youth.to_string()));
        // Each editor's save raises the file's version; they save in this order, each from the
        // version the previous one left.
        let saved_before = YOUTH_EDITORS
            .iter()
            .position(|editor| *editor == who)
            .unwrap_or(0);
        form.push(("youth[version]", saved_before.to_string()));
        form
    });
    let new_facilitator: Args = Box::new(|_, _, call| {
        vec![
            ("facilitator[first_name]", "Léa".into()),
            ("facilitator[last_name]", "Reporter".into()),
            ("facilitator[organisation]", "Radio Matrice".into()),
            (
                "facilitator[email]",
                format!("lea.reporter{call}@exemple.fr"),
            ),
            ("facilitator[phone]", String::new()),
        ]
    });
    vec![
        (
            server_fn_path::<ListUpcomingSessions>(),
            no_args(),
            Access::Public,
        ),
        (
            server_fn_path::<ListLocalMail>(),
            no_args(),
            Access::DemoOnly,
        ),
        (
            server_fn_path::<ReadLocalMail>(),
            Box::new(|_, _, _| vec![("id", LOCAL_MAIL.into())]),
            Access::DemoOnly,
        ),
        (server_fn_path::<DescribeActor>(), no_args(), Access::Public),
        (
            server_fn_path::<RequestSignInLink>(),
            Box::new(|_, _, call| vec![("email", format!("inconnu{call}@exemple.fr"))]),
            Access::Public,
        ),
        (
            server_fn_path::<RedeemSignInLink>(),
            Box::new(|_, _, _| vec![("token", "not-a-token".into())]),
            Access::Public,
        ),
        (
            server_fn_path::<SignInWithPassword>(),
            Box::new(|_, _, call| {
                vec![
                    ("email", format!("inconnu{call}@exemple.fr")),
                    ("password", "wrong password".into()),
                ]
            }),
            Access::Public,
        ),
        (
            server_fn_path::<RequestPasswordReset>(),
            Box::new(|_, _, call| vec![("email", format!("inconnu{call}@exemple.fr"))]),
            Access::Public,
        ),
        (
            server_fn_path::<ResetPassword>(),
            Box::new(|_, _, _| {
                vec![
                    ("token", "not-a-token".into()),
                    ("password", "une phrase assez longue".into()),
                    ("password_confirmation", "une phrase assez longue".into()),
                ]
            }),
            Access::Public,
        ),
        (server_fn_path::<SignOut>(), no_args(), Access::Public),
        (
            server_fn_path::<LoadHome>(),
            no_args(),
            Access::Only(SIGNED_IN),
        ),
        (
            server_fn_path::<ListYouths>(),
            Box::new(|_, _, _| vec![("mine", "false".into()), ("search", String::new())]),
            Access::Only(STAFF),
        ),
        (
            server_fn_path::<ViewYouth>(),
            Box::new(|cast, _, _| vec![("id", cast.youth.to_string())]),
            Access::Only(YOUTH_READERS),
        ),
        (
            server_fn_path::<ListReferentOptions>(),
            no_args(),
            Access::Only(STAFF),
        ),
        (
            server_fn_path::<ListFacilitators>(),
            no_args(),
            Access::Only(STAFF),
        ),
        (
            server_fn_path::<CreateYouth>(),
            new_youth,
            Access::Only(STAFF),
        ),
        (
            server_fn_path::<UpdateYouth>(),
            edit_youth,
            Access::Only(YOUTH_EDITORS),
        ),
        (
            server_fn_path::<ArchiveYouth>(),
            Box::new(|cast, _, _| vec![("id", cast.youth_to_archive.to_string())]),
            Access::Only(YOUTH_EDITORS),
        ),
        (
            server_fn_path::<CreateFacilitator>(),
            new_facilitator,
            Access::Only(STAFF),
        ),
        (
            server_fn_path::<ListStaff>(),
            no_args(),
            Access::Only(STAFF),
        ),
        (
            server_fn_path::<ListMissionLocales>(),
            no_args(),
            Access::Only(COORDINATORS),
        ),
        (
            server_fn_path::<CreateStaffMember>(),
            Box::new(|cast, _, call| {
                vec![
                    ("staff[first_name]", "Hugo".into()),
                    ("staff[last_name]", "Matrice".into()),
                    ("staff[email]", format!("hugo.matrice{call}@ml93.example")),
                    ("staff[role]", "counsellor".into()),
                    ("staff[mission_locale_id]", cast.mission_locale.to_string()),
                ]
            }),
            Access::Only(COORDINATORS),
        ),
        (
            server_fn_path::<ViewStaffMember>(),
            Box::new(|cast, _, _| vec![("id", cast.referent.to_string())]),
            Access::Only(COORDINATORS),
        ),
        (
            server_fn_path::<UpdateStaffMember>(),
            Box::new(|cast, _, _| {
                vec![
                    ("id", cast.counsellor_other_ml.to_string()),
                    ("staff[first_name]", "Camille".into()),
                    ("staff[last_name]", "Renommée".into()),
                    ("staff[email]", "camille.renommee@ml93.example".into()),
                    ("staff[role]", "counsellor".into()),
                    (
                        "staff[mission_locale_id]",
                        cast.other_mission_locale.to_string(),
                    ),
                ]
            }),
            Access::Only(COORDINATORS),
        ),
        (
            server_fn_path::<ArchiveStaffMember>(),
            Box::new(|cast, _, _| vec![("id", cast.staff_to_archive.to_string())]),
            Access::Only(COORDINATORS),
        ),
        (
            server_fn_path::<ListPlaces>(),
            no_args(),
            Access::Only(STAFF),
        ),
        (
            server_fn_path::<ViewFacilitator>(),
            Box::new(|cast, _, _| vec![("id", cast.facilitator_to_edit.to_string())]),
            Access::Only(STAFF),
        ),
        (
            server_fn_path::<UpdateFacilitator>(),
            Box::new(|cast, _, call| {
                vec![
                    ("id", cast.facilitator_to_edit.to_string()),
                    ("facilitator[first_name]", "Claire".into()),
                    ("facilitator[last_name]", "Vasseur".into()),
                    ("facilitator[organisation]", format!("Le Parisien ({call})")),
                    (
                        "facilitator[email]",
                        format!("claire.vasseur{call}@medias.example"),
                    ),
                    ("facilitator[phone]", String::new()),
                ]
            }),
            Access::Only(FACILITATOR_KEEPERS),
        ),
        (
            server_fn_path::<ArchiveFacilitator>(),
            Box::new(|cast, _, _| vec![("id", cast.facilitator_to_archive.to_string())]),
            Access::Only(FACILITATOR_KEEPERS),
        ),
        (
            server_fn_path::<RestoreFacilitator>(),
            Box::new(|cast, _, _| vec![("id", cast.facilitator_to_archive.to_string())]),
            Access::Only(FACILITATOR_KEEPERS),
        ),
        (
            server_fn_path::<UpdateSite>(),
            Box::new(|cast, _, call| {
                vec![
                    ("id", cast.site.to_string()),
                    (
                        "site[opening_hours]",
                        format!("Lundi–vendredi, 9 h – 17 h ({call})"),
                    ),
                    ("site[step_free_access]", "on".into()),
                    ("site[accessibility_notes]", String::new()),
                ]
            }),
            Access::Only(SITE_EDITORS),
        ),
        (
            server_fn_path::<CreateSite>(),
            Box::new(|cast, who, call| {
                let mission_locale = if who == Coordinator {
                    cast.mission_locale.to_string()
                } else {
                    String::new()
                };
                vec![
                    ("site[mission_locale_id]", mission_locale),
                    ("site[name]", format!("Antenne matrice {call}")),
                    (
                        "site[address]",
                        "1 place de la Matrice, 93000 Bobigny".into(),
                    ),
                    ("site[opening_hours]", "Lundi–vendredi, 9 h – 17 h".into()),
                ]
            }),
            Access::Only(STAFF),
        ),
        (
            server_fn_path::<UpdateRoom>(),
            Box::new(|cast, _, call| {
                vec![
                    ("id", cast.room.to_string()),
                    ("site_id", cast.site.to_string()),
                    ("room[name]", "Salle Olympe de Gouges".into()),
                    ("room[capacity]", (10 + call % 5).to_string()),
                ]
            }),
            Access::Only(SITE_EDITORS),
        ),
        (
            server_fn_path::<AddRoom>(),
            Box::new(|cast, _, call| {
                vec![
                    ("site_id", cast.site.to_string()),
                    ("room[name]", format!("Salle matrice {call}")),
                    ("room[capacity]", "10".into()),
                ]
            }),
            Access::Only(SITE_EDITORS),
        ),
        (
            server_fn_path::<AddSiteClosure>(),
            Box::new(|cast, _, call| {
                vec![
                    ("site_id", cast.site.to_string()),
                    ("closure[first_day]", day(cast.monday, 7)),
                    ("closure[last_day]", day(cast.monday, 18)),
                    ("closure[reason]", format!("Travaux (matrice {call})")),
                ]
            }),
            Access::Only(SITE_EDITORS),
        ),
        (
            server_fn_path::<LoadPlanningOptions>(),
            no_args(),
            Access::Only(STAFF),
        ),
        (
            server_fn_path::<ListWorkshopTypes>(),
            no_args(),
            Access::Only(STAFF),
        ),
        (
            server_fn_path::<ListAgenda>(),
            Box::new(|cast, _, _| {
                vec![
                    ("query[view]", "mois".into()),
                    ("query[from]", day(cast.monday, -1)),
                    ("query[mission_locale_id]", String::new()),
                    ("query[theme]", String::new()),
                    ("query[counsellor_id]", String::new()),
                    ("query[facilitator_id]", String::new()),
                ]
            }),
            Access::Only(STAFF),
        ),
        (
            server_fn_path::<ViewSession>(),
            Box::new(|cast, _, _| vec![("id", cast.session_to_edit.to_string())]),
            Access::Only(STAFF),
        ),
        (
            server_fn_path::<ViewPublicSession>(),
            Box::new(|cast, _, _| vec![("id", cast.session_to_edit.to_string())]),
            Access::Public,
        ),
        (
            server_fn_path::<ListFacilitatorSessions>(),
            no_args(),
            Access::Only(FACILITATORS),
        ),
        (
            server_fn_path::<PlanSessions>(),
            Box::new(|cast, _, call| {
                // A day of its own for each call, after the matrix's series, so that no call
                // clashes with another.
                session_fields(cast, &day(cast.monday, 140 + call as i64), "matrix")
            }),
            Access::Only(SITE_EDITORS),
        ),
        (
            server_fn_path::<UpdateSession>(),
            Box::new(|cast, _, call| {
                let mut form = session_fields(cast, &day(cast.monday, 0), &format!("edit {call}"));
                form.push(("id", cast.session_to_edit.to_string()));
                form.push(("scope", "this_session".into()));
                form
            }),
            Access::Only(SITE_EDITORS),
        ),
        (
            server_fn_path::<CancelSession>(),
            Box::new(|cast, who, _| {
                let index = SITE_EDITORS
                    .iter()
                    .position(|editor| *editor == who)
                    .unwrap_or(0);
                vec![
                    ("id", cast.sessions_to_cancel[index].to_string()),
                    ("scope", "this_session".into()),
                    ("reason", "Salle indisponible (matrice)".into()),
                ]
            }),
            Access::Only(SITE_EDITORS),
        ),
        (
            server_fn_path::<ViewYouthPlace>(),
            Box::new(|cast, _, _| vec![("session_id", cast.open_session.to_string())]),
            Access::Only(SIGNED_IN),
        ),
        (
            server_fn_path::<EnrolInSession>(),
            Box::new(|cast, _, _| vec![("session_id", cast.open_session.to_string())]),
            Access::Only(YOUTHS),
        ),
        (
            server_fn_path::<ListMyEnrolments>(),
            no_args(),
            Access::Only(YOUTHS),
        ),
        (
            server_fn_path::<CancelEnrolment>(),
            Box::new(|cast, _, _| vec![("session_id", cast.open_session.to_string())]),
            Access::Only(YOUTHS),
        ),
        (
            server_fn_path::<ViewRoster>(),
            Box::new(|cast, _, _| {
                vec![
                    ("session_id", cast.open_session.to_string()),
                    ("search", "a".into()),
                ]
            }),
            Access::Only(STAFF),
        ),
        (
            server_fn_path::<EnrolYouths>(),
            Box::new(|cast, _, _| {
                vec![
                    ("session_id", cast.open_session.to_string()),
                    ("youth_ids[0]", cast.youth.to_string()),
                ]
            }),
            Access::Only(YOUTH_EDITORS),
        ),
        (
            server_fn_path::<PromoteFromWaitingList>(),
            Box::new(|cast, _, _| {
                vec![
                    ("session_id", cast.open_session.to_string()),
                    ("youth_id", cast.youth.to_string()),
                ]
            }),
            Access::Only(SITE_EDITORS),
        ),
        (
            server_fn_path::<ChangeCapacity>(),
            Box::new(|cast, _, call| {
                vec![
                    ("session_id", cast.open_session.to_string()),
                    ("capacity", (4 + call % 2).to_string()),
                ]
            }),
            Access::Only(SITE_EDITORS),
        ),
        (
            server_fn_path::<RemoveEnrolment>(),
            Box::new(|cast, _, _| {
                vec![
                    ("session_id", cast.open_session.to_string()),
                    ("youth_id", cast.youth.to_string()),
                    ("reason", "Inscrit par erreur (matrice)".into()),
                ]
            }),
            Access::Only(YOUTH_EDITORS),
        ),
        (
            server_fn_path::<OpenCalendarFeed>(),
            no_args(),
            Access::Only(SIGNED_IN),
        ),
        (
            server_fn_path::<RenewCalendarFeed>(),
            no_args(),
            Access::Only(SIGNED_IN),
        ),
        (
            server_fn_path::<ListFailedMail>(),
            no_args(),
            Access::Only(STAFF),
        ),
        (
            server_fn_path::<ViewServiceHealth>(),
            no_args(),
            Access::Only(COORDINATORS),
        ),
        (
            server_fn_path::<ResendFailedMail>(),
            Box::new(|cast, _, _| vec![("id", cast.failed_mail.to_string())]),
            // Those who may read the youth's file.
            Access::Only(YOUTH_EDITORS),
        ),
        (
            server_fn_path::<ViewAttendance>(),
            Box::new(|cast, _, _| vec![("session_id", cast.session_under_way.to_string())]),
            Access::Only(ATTENDANCE_TAKERS),
        ),
        (
            server_fn_path::<MarkAttendance>(),
            Box::new(|cast, _, _| {
                vec![
                    ("session_id", cast.session_under_way.to_string()),
                    ("youth_id", cast.youth.to_string()),
                    ("status", "present".into()),
                ]
            }),
            Access::Only(ATTENDANCE_TAKERS),
        ),
        (
            server_fn_path::<AddWalkIn>(),
            Box::new(|cast, _, _| {
                vec![
                    ("session_id", cast.session_under_way.to_string()),
                    ("youth_id", cast.youth.to_string()),
                ]
            }),
            // Takers who may also enrol the youth: a guest facilitator reads no youth's file.
            Access::Only(YOUTH_EDITORS),
        ),
        (
            server_fn_path::<ShowCheckInCode>(),
            Box::new(|cast, _, _| vec![("session_id", cast.session_under_way.to_string())]),
            Access::Only(ATTENDANCE_TAKERS),
        ),
        (
            server_fn_path::<CheckInWithCode>(),
            Box::new(|cast, _, _| {
                let window = shared::domain::check_in_window(support::now());
                vec![(
                    "code",
                    shared::services::check_in_code(
                        &cast.check_in_secret,
                        cast.session_under_way,
                        window,
                    ),
                )]
            }),
            // Both youths hold a place; nobody else checks in.
            Access::Only(YOUTHS),
        ),
        (
            server_fn_path::<ViewSignatureRequest>(),
            Box::new(|cast, who, _| {
                vec![
                    ("session_id", cast.session_under_way.to_string()),
                    (
                        "youth_id",
                        if matches!(who, Youth | AnotherYouth) {
                            "0".into()
                        } else {
                            cast.youth.to_string()
                        },
                    ),
                ]
            }),
            Access::Only(&[
                Coordinator,
                CounsellorSameMl,
                Specialist,
                Facilitator,
                Youth,
                AnotherYouth,
            ]),
        ),
        (
            server_fn_path::<SignAttendanceSheet>(),
            Box::new(|cast, who, _| {
                vec![
                    ("session_id", cast.session_under_way.to_string()),
                    (
                        "youth_id",
                        cast.person(who)
                            .filter(|_| matches!(who, Youth | AnotherYouth))
                            .unwrap_or(cast.youth)
                            .to_string(),
                    ),
                    (
                        "strokes",
                        "100,300 150,200 200,120 260,180 320,260 380,150 450,90 520,200".into(),
                    ),
                ]
            }),
            Access::Only(&[
                Coordinator,
                CounsellorSameMl,
                Specialist,
                Facilitator,
                Youth,
                AnotherYouth,
            ]),
        ),
        (
            server_fn_path::<CloseAttendanceSheet>(),
            Box::new(|cast, who, _| {
                let index = ATTENDANCE_TAKERS
                    .iter()
                    .position(|taker| *taker == who)
                    .unwrap_or(0);
                vec![
                    ("session_id", cast.sessions_to_close[index].to_string()),
                    (
                        "strokes",
                        "100,300 150,200 200,120 260,180 320,260 380,150 450,90 520,200".into(),
                    ),
                ]
            }),
            Access::Only(ATTENDANCE_TAKERS),
        ),
        (
            server_fn_path::<CorrectAttendance>(),
            Box::new(|cast, who, _| {
                // Each organiser changes the status to another one than the last.
                let status = match who {
                    Coordinator => "excused",
                    CounsellorSameMl => "absent",
                    _ => "late",
                };
                vec![
                    ("session_id", cast.closed_session.to_string()),
                    ("youth_id", cast.youth.to_string()),
                    ("status", status.into()),
                    ("reason", "Correction de la matrice".into()),
                ]
            }),
            Access::Only(SITE_EDITORS),
        ),
        (
            // The organisers only (the guest who runs the session may not); the sheet under way
            // is open, so an allowed call changes nothing.
            server_fn_path::<ReopenPaperSheet>(),
            Box::new(|cast, _, _| {
                vec![
                    ("session_id", cast.session_under_way.to_string()),
                    ("reason", "Réouverture de la matrice".into()),
                ]
            }),
            Access::Only(SITE_EDITORS),
        ),
        (
            server_fn_path::<ListSheetsToClose>(),
            no_args(),
            Access::Only(&[
                Coordinator,
                CounsellorSameMl,
                CounsellorOtherMl,
                Specialist,
                Facilitator,
            ]),
        ),
        (
            server_fn_path::<ViewDashboard>(),
            Box::new(|cast, _, _| {
                vec![
                    ("form[mission_locale]", cast.mission_locale.to_string()),
                    ("form[from]", String::new()),
                    ("form[to]", String::new()),
                ]
            }),
            Access::Only(SITE_EDITORS),
        ),
        (
            server_fn_path::<ViewWorkshopType>(),
            Box::new(|cast, _, _| vec![("id", cast.workshop_type.0.to_string())]),
            Access::Only(STAFF),
        ),
        (
            server_fn_path::<CreateWorkshopType>(),
            Box::new(|_, _, call| {
                let mut form = workshop_form(&format!("Atelier matrice {call}"), "other", call);
                form.push(("workshop[suits]", "Tout le monde".into()));
                form
            }),
            Access::Only(STAFF),
        ),
        (
            server_fn_path::<UpdateWorkshopType>(),
            Box::new(|cast, _, call| {
                let (id, title, theme) = &cast.workshop_type;
                let mut form = workshop_form(title, theme, call);
                form.push(("id", id.to_string()));
                form
            }),
            Access::Only(STAFF),
        ),
        (
            server_fn_path::<ArchiveWorkshopType>(),
            Box::new(|cast, _, _| vec![("id", cast.workshop_type_to_archive.to_string())]),
            Access::Only(STAFF),
        ),
        (
            server_fn_path::<RestoreWorkshopType>(),
            Box::new(|cast, _, _| vec![("id", cast.workshop_type_to_archive.to_string())]),
            Access::Only(STAFF),
        ),
    ]
}

/// A session in the cast's room, 9:00–10:00 on `day`, run by the referent.
fn session_fields(cast: &Cast, day: &str, note: &str) -> Vec<(&'static str, String)> {
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
fn workshop_form(title: &str, theme: &str, call: usize) -> Vec<(&'static str, String)> {
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

/// Every route of the app: its pattern, a URL to fetch, what it promises.
fn page_table(cast: &Cast) -> Vec<(&'static str, String, Access)> {
    vec![
        ("/ateliers", "/ateliers".into(), Access::Public),
        ("/courriels", "/courriels".into(), Access::DemoOnly),
        (
            "/courriels/:id",
            format!("/courriels/{LOCAL_MAIL}"),
            Access::DemoOnly,
        ),
        ("/connexion", "/connexion".into(), Access::Public),
        ("/lien-envoye", "/lien-envoye".into(), Access::Public),
        ("/connexion/:token", "/connexion/abc".into(), Access::Public),
        (
            "/mot-de-passe-oublie",
            "/mot-de-passe-oublie".into(),
            Access::Public,
        ),
        (
            "/mot-de-passe/:token",
            "/mot-de-passe/abc".into(),
            Access::Public,
        ),
        ("/accueil", "/accueil".into(), Access::Only(SIGNED_IN)),
        ("/jeunes", "/jeunes".into(), Access::Only(STAFF)),
        (
            "/jeunes/nouveau",
            "/jeunes/nouveau".into(),
            Access::Only(STAFF),
        ),
        (
            "/jeunes/:id",
            format!("/jeunes/{}", cast.youth),
            Access::Only(YOUTH_READERS),
        ),
        ("/intervenants", "/intervenants".into(), Access::Only(STAFF)),
        (
            "/intervenants/nouveau",
            "/intervenants/nouveau".into(),
            Access::Only(STAFF),
        ),
        (
            "/intervenants/:id",
            format!("/intervenants/{}", cast.facilitator_to_edit),
            Access::Only(STAFF),
        ),
        ("/equipe", "/equipe".into(), Access::Only(STAFF)),
        (
            "/equipe/nouveau",
            "/equipe/nouveau".into(),
            Access::Only(COORDINATORS),
        ),
        (
            "/equipe/:id",
            format!("/equipe/{}", cast.referent),
            Access::Only(COORDINATORS),
        ),
        ("/lieux", "/lieux".into(), Access::Only(STAFF)),
        ("/agenda", "/agenda".into(), Access::Only(STAFF)),
        (
            "/seances/nouvelle",
            "/seances/nouvelle".into(),
            Access::Only(STAFF),
        ),
        (
            "/seances/:id",
            format!("/seances/{}", cast.session_to_edit),
            Access::Only(STAFF),
        ),
        (
            "/ateliers/:id",
            format!("/ateliers/{}", cast.session_to_edit),
            Access::Public,
        ),
        (
            "/mes-seances",
            "/mes-seances".into(),
            Access::Only(FACILITATORS),
        ),
        (
            "/ateliers/:id/annuler",
            format!("/ateliers/{}/annuler", cast.open_session),
            Access::Only(YOUTHS),
        ),
        (
            "/mes-inscriptions",
            "/mes-inscriptions".into(),
            Access::Only(YOUTHS),
        ),
        ("/mon-agenda", "/mon-agenda".into(), Access::Only(SIGNED_IN)),
        (
            "/courriels-en-echec",
            "/courriels-en-echec".into(),
            Access::Only(STAFF),
        ),
        (
            "/etat-du-service",
            "/etat-du-service".into(),
            Access::Only(COORDINATORS),
        ),
        (
            "/seances/:id/emargement",
            format!("/seances/{}/emargement", cast.session_under_way),
            Access::Only(ATTENDANCE_TAKERS),
        ),
        (
            "/seances/:id/emargement/signer/:youth",
            format!(
                "/seances/{}/emargement/signer/{}",
                cast.session_under_way, cast.youth
            ),
            // The youth may open their own line's signature page too.
            Access::Only(&[
                Coordinator,
                CounsellorSameMl,
                Specialist,
                Facilitator,
                Youth,
            ]),
        ),
        (
            "/seances/:id/pointage",
            format!("/seances/{}/pointage", cast.session_under_way),
            Access::Only(ATTENDANCE_TAKERS),
        ),
        ("/pointer", "/pointer".into(), Access::Public),
        (
            "/emargements",
            "/emargements".into(),
            Access::Only(&[
                Coordinator,
                CounsellorSameMl,
                CounsellorOtherMl,
                Specialist,
                Facilitator,
            ]),
        ),
        (
            "/ateliers/:id/signer",
            format!("/ateliers/{}/signer", cast.session_under_way),
            Access::Only(YOUTHS),
        ),
        ("/catalogue", "/catalogue".into(), Access::Only(STAFF)),
        ("/chiffres", "/chiffres".into(), Access::Only(STAFF)),
        (
            "/catalogue/nouveau",
            "/catalogue/nouveau".into(),
            Access::Only(STAFF),
        ),
        (
            "/catalogue/:id",
            format!("/catalogue/{}", cast.workshop_type.0),
            Access::Only(STAFF),
        ),
    ]
}

const REFUSED: [u16; 3] = [401, 403, 404];

on_both_databases!(access_matrix, Seed::Demo, |app: TestApp| async move {
    let cast = cast(&app).await;
    let functions = server_function_table();

    // Completeness: a server function nobody thought about is a failure.
    let listed: Vec<&str> = functions.iter().map(|(path, _, _)| *path).collect();
    for (path, _) in leptos::server_fn::axum::server_fn_paths() {
        assert!(
            listed.contains(&path),
            "server function {path} has no entry in the access matrix"
        );
    }
    let pages = page_table(&cast);
    let routes = leptos_axum::generate_route_list(app::App);
    for route in &routes {
        let pattern = route.path().replace('{', ":").replace('}', "");
        assert!(
            pages.iter().any(|(known, _, _)| *known == pattern),
            "route {pattern} has no entry in the access matrix"
        );
    }

    // Every way the app departs from the table, reported together at the end.
    let mut mismatches: Vec<String> = Vec::new();
    let mut call = 0;
    for (path, args, access) in &functions {
        if let Access::DemoOnly = access {
            continue; // checked below, with and without demo mode
        }
        let mut statuses = Vec::new();
        for &who in EVERYONE {
            call += 1;
            let session = match cast.person(who) {
                Some(person_id) => Some(app.session_for(person_id).await),
                None => None,
            };
            let response = app
                .call(path, &args(&cast, who, call), session.as_deref())
                .await;
            let status = response.status().as_u16();
            let body = response.text().await.unwrap_or_default();
            match access {
                Access::Public => {
                    if matches!(status, 401 | 403) {
                        mismatches.push(format!("{path} as {who:?}: {status} {body}"));
                    }
                    statuses.push(status);
                }
                Access::Only(allowed) if allowed.contains(&who) => {
                    if !(200..300).contains(&status) {
                        mismatches
                            .push(format!("{path} as {who:?} should succeed: {status} {body}"));
                    }
                }
                Access::Only(_) => {
                    if !REFUSED.contains(&status) {
                        mismatches.push(format!(
                            "{path} as {who:?} should be refused: {status} {body}"
                        ));
                    } else if who == Anonymous && status != 401 {
                        mismatches
                            .push(format!("{path}: the anonymous must sign in, got {status}"));
                    }
                }
                Access::DemoOnly => unreachable!(),
            }
        }
        if let Access::Public = access
            && !statuses.windows(2).all(|pair| pair[0] == pair[1])
        {
            mismatches.push(format!("{path} answers differently by actor: {statuses:?}"));
        }
    }

    // Refused calls changed nothing: only the three editors' updates are in the youth's history.
    let updates = audit_event::Entity::find()
        .filter(audit_event::Column::SubjectId.eq(cast.youth))
        .filter(audit_event::Column::Action.eq("youth_updated"))
        .count(&app.db)
        .await
        .expect("a count");
    assert_eq!(updates, YOUTH_EDITORS.len() as u64);
    let created = person::Entity::find()
        .filter(person::Column::LastName.eq("Matrice"))
        .count(&app.db)
        .await
        .expect("a count");
    assert_eq!(
        created,
        (STAFF.len() + 1) as u64,
        "only staff created youths, and a coordinator one account"
    );
    let rooms = shared::entities::room::Entity::find()
        .filter(shared::entities::room::Column::SiteId.eq(cast.site))
        .filter(shared::entities::room::Column::Name.starts_with("Salle matrice"))
        .count(&app.db)
        .await
        .expect("a count");
    assert_eq!(
        rooms,
        SITE_EDITORS.len() as u64,
        "only the site's editors added rooms"
    );
    let planned = shared::entities::workshop_session::Entity::find()
        .filter(shared::entities::workshop_session::Column::NoteForYouths.eq("matrix"))
        .count(&app.db)
        .await
        .expect("a count");
    assert_eq!(planned, SITE_EDITORS.len() as u64, "only planners planned");
    let cancelled = shared::entities::workshop_session::Entity::find()
        .filter(shared::entities::workshop_session::Column::Status.eq("cancelled"))
        .count(&app.db)
        .await
        .expect("a count");
    assert_eq!(
        cancelled,
        SITE_EDITORS.len() as u64,
        "only planners cancelled"
    );
    let workshop_types = shared::entities::workshop_type::Entity::find()
        .filter(shared::entities::workshop_type::Column::Title.starts_with("Atelier matrice"))
        .count(&app.db)
        .await
        .expect("a count");
    assert_eq!(
        workshop_types,
        STAFF.len() as u64,
        "only staff added workshop types"
    );
    // Only those who keep the facilitators changed them: each keeper's update, one archiving,
    // one restoring (the others found it done).
    for (action, subject, expected) in [
        (
            "facilitator_updated",
            cast.facilitator_to_edit,
            FACILITATOR_KEEPERS.len(),
        ),
        ("facilitator_archived", cast.facilitator_to_archive, 1),
        ("facilitator_restored", cast.facilitator_to_archive, 1),
    ] {
        let count = audit_event::Entity::find()
            .filter(audit_event::Column::SubjectId.eq(subject))
            .filter(audit_event::Column::Action.eq(action))
            .count(&app.db)
            .await
            .expect("a count");
        assert_eq!(count, expected as u64, "{action}");
    }
    let catalogue_updates = audit_event::Entity::find()
        .filter(audit_event::Column::Action.eq("workshop_type_updated"))
        .count(&app.db)
        .await
        .expect("a count");
    assert_eq!(
        catalogue_updates,
        STAFF.len() as u64,
        "only staff edited the catalogue"
    );

    // Refused calls changed no place: the two youths enrolled and cancelled, the youth editors
    // enrolled the youth once (the others found them enrolled) and one of them removed them.
    let events: Vec<String> = shared::entities::enrolment_event::Entity::find()
        .filter(shared::entities::enrolment_event::Column::SessionId.eq(cast.open_session))
        .order_by_asc(shared::entities::enrolment_event::Column::Id)
        .all(&app.db)
        .await
        .expect("events")
        .into_iter()
        .map(|event| event.kind)
        .collect();
    assert_eq!(
        events,
        [
            "registered",
            "registered",
            "cancelled",
            "cancelled",
            "registered",
            "removed"
        ],
        "only youths and their editors changed places"
    );

    for (pattern, url, access) in &pages {
        if let Access::DemoOnly = access {
            continue; // checked below, with and without demo mode
        }
        let mut statuses = Vec::new();
        for &who in EVERYONE {
            let session = match cast.person(who) {
                Some(person_id) => Some(app.session_for(person_id).await),
                None => None,
            };
            let status = app.get_as(url, session.as_deref()).await.status().as_u16();
            match access {
                Access::Public => statuses.push(status),
                Access::Only(allowed) if allowed.contains(&who) => {
                    if status != 200 {
                        mismatches
                            .push(format!("{pattern} as {who:?} should be 200, got {status}"));
                    }
                }
                Access::Only(_) => {
                    if !REFUSED.contains(&status) {
                        mismatches.push(format!(
                            "{pattern} as {who:?} should be refused, got {status}"
                        ));
                    }
                }
                Access::DemoOnly => unreachable!(),
            }
        }
        if let Access::Public = access
            && (!statuses.windows(2).all(|pair| pair[0] == pair[1]) || statuses.contains(&403))
        {
            mismatches.push(format!(
                "{pattern} answers differently by actor: {statuses:?}"
            ));
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} answers differ from the access table:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );

    // Demo-only: this app's routes over the same database, with a mail folder holding one
    // message, in demo mode (every actor reads it, as with `make run`) and outside it (404 for
    // every actor: a start with a mail folder outside the demo is refused anyway).
    let folder = tempfile::tempdir().expect("a folder");
    std::fs::write(
        folder.path().join(format!("{LOCAL_MAIL}.eml")),
        "From: Ateliers <ne-pas-repondre@ateliers.example>\r\nTo: jeune@exemple.fr\r\n\
         Subject: Courriel de la matrice\r\nMessage-ID: <matrice@ateliers.example>\r\n\r\n\
         Bonjour\r\n",
    )
    .expect("a message in the folder");
    let mailer = shared::mail::Mailer::folder(folder.path()).expect("a folder mailer");
    let raw_download = format!("/courriels/{LOCAL_MAIL}/eml");
    for (demo, expected) in [(true, 200), (false, 404)] {
        let variant = app
            .serve_variant(app::state::AppState {
                demo,
                mailer: mailer.clone(),
                ..app.state.clone()
            })
            .await;
        for &who in EVERYONE {
            let session = match cast.person(who) {
                Some(person_id) => Some(app.session_for(person_id).await),
                None => None,
            };
            for (path, args, access) in &functions {
                if let Access::DemoOnly = access {
                    call += 1;
                    let response = app
                        .call_at(
                            &variant.address,
                            path,
                            &args(&cast, who, call),
                            session.as_deref(),
                        )
                        .await;
                    assert_eq!(
                        response.status().as_u16(),
                        expected,
                        "{path} as {who:?}, demo mode {demo}"
                    );
                }
            }
            let urls = pages
                .iter()
                .filter(|(_, _, access)| matches!(access, Access::DemoOnly))
                .map(|(_, url, _)| url)
                .chain([&raw_download]);
            for url in urls {
                let mut request = app.client.get(format!("{}{url}", variant.address));
                if let Some(session) = &session {
                    request = request.header("Cookie", format!("ateliers_session={session}"));
                }
                let status = request.send().await.expect("an answer").status().as_u16();
                assert_eq!(status, expected, "{url} as {who:?}, demo mode {demo}");
            }
        }
    }
});
