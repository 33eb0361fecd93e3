//! A full day's attendance, per half-day, on SQLite and on PostgreSQL (issue 21, item 1): a
//! session from 9:00 to 17:00 has a morning and an afternoon, each with its own check-ins,
//! statuses, signatures and closing signature; the sheet closes with the afternoon, its PDF
//! has a signature column per half-day; a youth present only in the morning counts the
//! morning's hours; a correction names its half-day.

use crate::support;

use app::server_fns::{CloseAttendanceSheet, MarkAttendance, ViewAttendance};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{EntityTrait, PaginatorTrait};
use shared::domain::{
    Actor, AttendanceStatus, AttendanceView, FiguresForm, HalfDayNumber, PersonId, SessionId,
    SheetState, Theme,
};
use shared::entities::{attendance_document, attendance_line};
use support::{Seed, TestApp, builders, server_fn_path};

const SIGNATURE: &str = "100,300 150,200 200,120 260,180 320,260 380,150 450,90 520,200";
const MORNING: HalfDayNumber = HalfDayNumber::FIRST;
const AFTERNOON: HalfDayNumber = HalfDayNumber::SECOND;

struct FullDay {
    session_id: SessionId,
    counsellor: PersonId,
    amina: PersonId,
    bilal: PersonId,
    /// Yesterday in Paris, at `hour:minute`.
    at: Box<dyn Fn(u32, u32) -> DateTime<Utc> + Send + Sync>,
}

/// Yesterday from 9:00 to 17:00 (a day that is over, so its figures count), Amina and Bilal
/// registered.
async fn full_day(app: &TestApp) -> FullDay {
    let ml = builders::mission_locale(app, "Bondy").await;
    let counsellor = builders::counsellor(ml.id).insert(app).await.id;
    let workshop = builders::workshop(app, "Journée compétences", Theme::PersonalDevelopment).await;
    let yesterday = support::today() - Duration::days(1);
    let at = move |hour, minute| support::dates::paris(yesterday, hour, minute);
    let session_id = builders::session(workshop, &ml, counsellor)
        .starts_at(at(9, 0))
        .minutes(8 * 60)
        .insert(app)
        .await;
    let youths = builders::youths(app, counsellor, 2).await;
    for (ticket, youth_id) in youths.iter().enumerate() {
        let placed_at = support::now() - Duration::days(3);
        builders::registered_place(
            app,
            session_id,
            *youth_id,
            ticket as i64 + 1,
            Some(counsellor),
            placed_at,
        )
        .await
        .unwrap();
    }
    FullDay {
        session_id,
        counsellor,
        amina: youths[0],
        bilal: youths[1],
        at: Box::new(at),
    }
}

async fn roll_call(
    app: &TestApp,
    session_id: SessionId,
    half_day: HalfDayNumber,
    token: &str,
) -> AttendanceView {
    let response = app
        .call(
            server_fn_path::<ViewAttendance>(),
            &[
                ("session_id", session_id.to_string()),
                ("half_day", half_day.index().to_string()),
            ],
            Some(token),
        )
        .await;
    let status = response.status();
    let body = response.text().await.unwrap();
    assert_eq!(status, 200, "{body}");
    serde_json::from_str(&body).unwrap()
}

fn status_of(view: &AttendanceView, youth_id: PersonId) -> Option<AttendanceStatus> {
    view.lines
        .iter()
        .find(|line| line.youth_id == youth_id)
        .and_then(|line| line.status)
}

async fn refused(response: reqwest::Response, words: &str) {
    let status = response.status();
    let body = response.text().await.unwrap();
    assert!(
        status.is_client_error(),
        "expected a refusal, got {status}: {body}"
    );
    assert!(body.contains(words), "expected « {words} » in {body}");
}

async fn ok(response: reqwest::Response) {
    let status = response.status();
    let body = response.text().await.unwrap();
    assert!(status.is_success(), "{status}: {body}");
}

/// The PDF's text with every run of spaces and line breaks made one space.
fn pdf_text(pdf: &[u8]) -> String {
    support::pdf_text(pdf)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

on_both_databases!(
    a_full_day_is_signed_and_closed_per_half_day,
    Seed::Empty,
    |app: TestApp| async move {
        let day = full_day(&app).await;
        let (id, amina, bilal) = (day.session_id, day.amina, day.bilal);
        let at = &day.at;
        let counsellor_actor = Actor::Coordinator {
            person_id: builders::coordinator().insert(&app).await.id,
        };
        let counsellor = app.session_for(day.counsellor).await;
        let mail = app.mail_settings();

        // The roll-call names both half-days; each has its own lines.
        let morning = roll_call(&app, id, MORNING, &counsellor).await;
        let tabs: Vec<(String, String, bool)> = morning
            .half_days
            .iter()
            .map(|tab| (tab.name.clone(), tab.hours.clone(), tab.closed))
            .collect();
        assert_eq!(
            tabs,
            [
                ("Matin".to_owned(), "9 h 00 – 13 h 00".to_owned(), false),
                (
                    "Après-midi".to_owned(),
                    "13 h 30 – 17 h 00".to_owned(),
                    false
                ),
            ]
        );
        assert_eq!(morning.half_day, MORNING);

        // Self check-in goes to the half-day under way: Amina at 9:05 (the morning, on time),
        // Bilal over lunch at 13:10 (the afternoon, on time), Amina at 13:50 (the afternoon,
        // late: 20 minutes after half past one).
        let check_in = |youth: PersonId, hour: u32, minute: u32| {
            let (app, mail) = (&app, &mail);
            let counsellor_actor = counsellor_actor.clone();
            let now = at(hour, minute);
            async move {
                let screen = shared::services::show_check_in_code(
                    &app.db,
                    &counsellor_actor,
                    id,
                    None,
                    mail,
                    now,
                )
                .await
                .unwrap();
                shared::services::check_in_with_code(
                    &app.db,
                    &Actor::Youth { person_id: youth },
                    &screen.code,
                    None,
                    now + Duration::seconds(5),
                )
                .await
                .unwrap();
            }
        };
        check_in(amina, 9, 5).await;
        check_in(bilal, 13, 10).await;
        check_in(amina, 13, 50).await;
        let line = |youth: PersonId, half: HalfDayNumber| {
            let app = &app;
            async move {
                attendance_line::Entity::find()
                    .all(&app.db)
                    .await
                    .unwrap()
                    .into_iter()
                    .find(|line| line.youth_id == youth && line.half_day == half)
            }
        };
        assert_eq!(
            line(amina, MORNING).await.unwrap().status,
            AttendanceStatus::Present
        );
        assert_eq!(
            line(amina, AFTERNOON).await.unwrap().status,
            AttendanceStatus::Late
        );
        assert_eq!(
            line(bilal, AFTERNOON).await.unwrap().status,
            AttendanceStatus::Present
        );
        assert!(line(bilal, MORNING).await.is_none());

        // The morning: Amina confirmed, Bilal absent; Amina signs the morning on her phone.
        let mark = |youth: PersonId, half: HalfDayNumber, status: &str| {
            vec![
                ("session_id", id.to_string()),
                ("youth_id", youth.to_string()),
                ("status", status.to_owned()),
                ("half_day", half.index().to_string()),
            ]
        };
        let mark_path = server_fn_path::<MarkAttendance>();
        let marked = |youth: PersonId, half: HalfDayNumber, status: &'static str| {
            let (app, counsellor) = (&app, &counsellor);
            let form = mark(youth, half, status);
            async move { ok(app.call(mark_path, &form, Some(counsellor)).await).await }
        };
        marked(amina, MORNING, "present").await;
        marked(bilal, MORNING, "absent").await;
        shared::services::sign_attendance_sheet(
            &app.db,
            &Actor::Youth { person_id: amina },
            id,
            amina,
            MORNING,
            SIGNATURE,
            at(12, 55),
        )
        .await
        .unwrap();

        // The afternoon cannot close before the morning.
        let close = |half: HalfDayNumber| {
            vec![
                ("session_id", id.to_string()),
                ("strokes", SIGNATURE.to_owned()),
                ("half_day", half.index().to_string()),
            ]
        };
        let close_path = server_fn_path::<CloseAttendanceSheet>();
        refused(
            app.call(close_path, &close(AFTERNOON), Some(&counsellor))
                .await,
            "Clôturez d'abord la demi-journée « Matin »",
        )
        .await;

        // The counsellor closes the morning: its signature is kept, the sheet stays open.
        ok(app
            .call(close_path, &close(MORNING), Some(&counsellor))
            .await)
        .await;
        let morning = roll_call(&app, id, MORNING, &counsellor).await;
        assert!(morning.half_days[0].closed && !morning.half_days[1].closed);
        assert_eq!(morning.state, SheetState::Open);
        assert!(
            morning
                .closed
                .unwrap()
                .starts_with("Demi-journée « Matin » clôturée par")
        );
        assert_eq!(
            attendance_document::Entity::find()
                .count(&app.db)
                .await
                .unwrap(),
            0,
            "no PDF before the last half-day"
        );
        // The closed morning changes no more; nothing is written.
        let lines_before = attendance_line::Entity::find().all(&app.db).await.unwrap();
        refused(
            app.call(
                mark_path,
                &mark(bilal, MORNING, "present"),
                Some(&counsellor),
            )
            .await,
            "La demi-journée « Matin » est déjà close",
        )
        .await;
        refused(
            app.call(close_path, &close(MORNING), Some(&counsellor))
                .await,
            "déjà close",
        )
        .await;
        assert_eq!(
            attendance_line::Entity::find().all(&app.db).await.unwrap(),
            lines_before
        );

        // The afternoon: both confirmed and signed on the counsellor's tablet, then closed.
        let afternoon = roll_call(&app, id, AFTERNOON, &counsellor).await;
        assert_eq!(status_of(&afternoon, amina), Some(AttendanceStatus::Late));
        assert_eq!(
            status_of(&afternoon, bilal),
            Some(AttendanceStatus::Present)
        );
        refused(
            app.call(close_path, &close(AFTERNOON), Some(&counsellor))
                .await,
            "Des pointages restent à confirmer",
        )
        .await;
        marked(amina, AFTERNOON, "late").await;
        marked(bilal, AFTERNOON, "present").await;
        for youth in [amina, bilal] {
            shared::services::sign_attendance_sheet(
                &app.db,
                &counsellor_actor,
                id,
                youth,
                AFTERNOON,
                SIGNATURE,
                at(16, 55),
            )
            .await
            .unwrap();
        }
        ok(app
            .call(close_path, &close(AFTERNOON), Some(&counsellor))
            .await)
        .await;
        let closed = roll_call(&app, id, AFTERNOON, &counsellor).await;
        assert_eq!(closed.state, SheetState::Closed);

        // The PDF: a column of signatures per half-day, both half-days' closings.
        let original = attendance_document::Entity::find()
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        let text = pdf_text(&original.content);
        for expected in [
            "Demi-journées : matin 9 h 00 – 13 h 00 ; après-midi 13 h 30 – 17 h 00",
            "Signature (matin)",
            "Signature (après-midi)",
            "Matin (9 h 00 – 13 h 00) — clôturée par",
            "Après-midi (13 h 30 – 17 h 00) — clôturée par",
            "Absent·e",
            "En retard",
        ] {
            assert!(text.contains(expected), "missing « {expected} » in {text}");
        }

        // The figures: Amina the whole day (240 + 210 minutes), Bilal the afternoon (210).
        let figures = shared::services::view_dashboard(
            &app.db,
            &counsellor_actor,
            &FiguresForm::default(),
            support::now(),
        )
        .await
        .unwrap();
        assert_eq!(figures.total.registered_attended, 2);
        assert_eq!(figures.total.attended_minutes, 240 + 210 + 210);

        // A correction names its half-day: Bilal's morning was an excused absence.
        shared::services::correct_attendance(
            &app.db,
            &counsellor_actor,
            id,
            shared::services::StatusCorrection {
                youth_id: bilal,
                half_day: MORNING,
                status: "excused",
                reason: "Rendez-vous médical justifié",
            },
            &app.state.sealer,
            support::now(),
        )
        .await
        .unwrap();
        assert_eq!(
            line(bilal, MORNING).await.unwrap().status,
            AttendanceStatus::Excused
        );
        assert_eq!(
            line(bilal, AFTERNOON).await.unwrap().status,
            AttendanceStatus::Present
        );
        let corrected = attendance_document::Entity::find()
            .all(&app.db)
            .await
            .unwrap()
            .pop()
            .unwrap();
        let text = pdf_text(&corrected.content);
        assert!(text.contains("(matin) : Absent·e → Excusé·e"), "{text}");

        // The funder's export: a row per youth and half-day, with its times and its hours.
        let csv = app
            .get_as("/chiffres/presences.csv", Some(&counsellor))
            .await;
        assert_eq!(csv.status(), 200);
        let bytes = csv.bytes().await.unwrap();
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(b';')
            .from_reader(&bytes[3..]);
        let headers = reader.headers().unwrap().clone();
        let column = |name: &str| headers.iter().position(|header| header == name).unwrap();
        let rows: Vec<(String, String, String, f64)> = reader
            .records()
            .map(Result::unwrap)
            .map(|row| {
                (
                    row[column("Demi-journée")].to_owned(),
                    row[column("Début")].to_owned(),
                    row[column("Fin")].to_owned(),
                    row[column("Heures")].replace(',', ".").parse().unwrap(),
                )
            })
            .collect();
        assert_eq!(rows.len(), 4, "{rows:?}");
        let mornings = rows.iter().filter(|row| row.0 == "Matin").count();
        assert_eq!(mornings, 2, "{rows:?}");
        assert!(rows.iter().all(|row| match row.0.as_str() {
            "Matin" => (row.1.as_str(), row.2.as_str()) == ("09:00", "13:00"),
            _ => (row.1.as_str(), row.2.as_str()) == ("13:30", "17:00"),
        }));
        // Amina 4 + 3.5, Bilal 3.5 (his excused morning counts no hours).
        let hours: f64 = rows.iter().map(|row| row.3).sum();
        assert!((hours - 11.0).abs() < 0.01, "{rows:?}");

        // Amina's own archive names each half-day she signed.
        let archive = shared::services::export_youth_data(
            &app.db,
            &Actor::Youth { person_id: amina },
            amina,
            support::now(),
        )
        .await
        .unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(archive.content)).unwrap();
        let mut json = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("mes-donnees.json").unwrap(), &mut json)
            .unwrap();
        assert!(
            json.contains("(matin)") && json.contains("(après-midi)"),
            "{json}"
        );
    }
);
