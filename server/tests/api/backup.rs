//! `ateliers backup` and `ateliers restore`, run as an operator runs them, on SQLite and on
//! PostgreSQL: a backup taken while youths enrol through the server restores, into a fresh
//! database, everything the server had acknowledged before the backup began — every table's
//! rows, the evidence tables (attendance sheets and lines, documents, corrections, audit) to the
//! byte — as one consistent moment, and the restored database serves the youths still signed
//! in. What must not happen does not: overwriting a backup, restoring over data, restoring a
//! file that is no backup or a backup of the other engine.

use crate::support;

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use app::server_fns::{CancelEnrolment, EnrolInSession, SignInWithPassword};
use chrono::Duration;
use futures::future::join_all;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};
use shared::domain::{AttendanceStatus, EnrolmentEventKind, EnrolmentStatus, PersonId, SessionId};
use shared::entities::{
    attendance_correction, attendance_document, attendance_line, enrolment, enrolment_event,
    person, staff_member, youth,
};
use shared::services::{ActivityScale, generate_past_activity};
use support::fingerprint::{fingerprint, table_fingerprint};
use support::{Backend, Seed, TestApp, TestDatabase, server_fn_path, spawn_app_on_database};

/// The evidence the funder audits: kept to the byte.
const EVIDENCE: [&str; 5] = [
    "attendance_sheets",
    "attendance_lines",
    "attendance_documents",
    "attendance_corrections",
    "audit_events",
];

/// `ateliers <args>` on `database_url`, from a folder of its own (no `.env` read): its success
/// and everything it printed.
async fn ateliers(args: &[&str], database_url: &str) -> (bool, String) {
    let folder = tempfile::tempdir().expect("a folder");
    let output = tokio::process::Command::new(env!("CARGO_BIN_EXE_ateliers"))
        .args(args)
        .current_dir(folder.path())
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("DATABASE_URL", database_url)
        .envs(support::clock_env())
        .output()
        .await
        .expect("ateliers runs");
    (
        output.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ),
    )
}

/// A year of sheets and lines, a kept document holding every byte value, a correction, and a
/// coordinator's sign-in (audited) through the server.
async fn evidence(app: &TestApp) {
    let now = support::now();
    generate_past_activity(
        &app.db,
        11,
        ActivityScale {
            youths_per_mission_locale: 6,
            sessions: 120,
        },
        now,
    )
    .await
    .expect("a past year");
    let line = attendance_line::Entity::find()
        .order_by_asc(attendance_line::Column::Id)
        .one(&app.db)
        .await
        .unwrap()
        .expect("a generated line");
    let coordinator = staff_member::Entity::find()
        .filter(staff_member::Column::Role.eq("coordinator"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .person_id;
    let email = person::Entity::find_by_id(coordinator)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .email
        .unwrap();
    let signed_in = app
        .call(
            server_fn_path::<SignInWithPassword>(),
            &[
                ("email", email),
                ("password", shared::services::DEMO_PASSWORD.to_owned()),
            ],
            None,
        )
        .await;
    assert!(support::session_cookie_set(&signed_in).is_some());
    let mut scan = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
    for _ in 0..64 {
        scan.extend(0..=255_u8);
    }
    scan.extend_from_slice(b"\n%%EOF\n");
    attendance_document::ActiveModel {
        session_id: Set(line.session_id),
        kind: Set("paper_scan".into()),
        file_name: Set("feuille scannée « juin ».pdf".into()),
        content_type: Set("application/pdf".into()),
        content: Set(scan),
        fingerprint: Set("sha256:for-the-test".into()),
        created_by: Set(coordinator),
        created_at: Set(now - Duration::days(30)),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
    attendance_correction::ActiveModel {
        session_id: Set(line.session_id),
        youth_id: Set(line.youth_id),
        from_status: Set(AttendanceStatus::Absent),
        to_status: Set(AttendanceStatus::Present),
        reason: Set("Feuille papier signée ; « oubli » du pointage".into()),
        corrected_by: Set(coordinator),
        corrected_at: Set(now - Duration::days(29)),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
}

/// The highest id of each evidence table: the rows that existed at that moment.
async fn last_ids(db: &DatabaseConnection) -> BTreeMap<&'static str, i64> {
    let mut last = BTreeMap::new();
    for table in EVIDENCE {
        let row = db
            .query_one_raw(sea_orm::Statement::from_string(
                db.get_database_backend(),
                format!("SELECT CAST(COALESCE(MAX(id), 0) AS BIGINT) AS n FROM \"{table}\""),
            ))
            .await
            .unwrap()
            .unwrap();
        last.insert(table, row.try_get::<i64>("", "n").unwrap());
    }
    last
}

/// The restored database is one moment of the server's: each youth's place is what their
/// last event says (a backup cut between a place and its event would break this).
async fn places_match_their_history(db: &DatabaseConnection, session_id: SessionId) {
    let rows = enrolment::Entity::find()
        .filter(enrolment::Column::SessionId.eq(session_id))
        .all(db)
        .await
        .unwrap();
    let mut last: HashMap<PersonId, EnrolmentEventKind> = HashMap::new();
    for event in enrolment_event::Entity::find()
        .filter(enrolment_event::Column::SessionId.eq(session_id))
        .order_by_asc(enrolment_event::Column::Id)
        .all(db)
        .await
        .unwrap()
    {
        last.insert(event.youth_id, event.kind);
    }
    assert_eq!(last.len(), rows.len(), "a place without its history");
    for row in rows {
        assert_eq!(last[&row.youth_id].status_after(), row.status);
    }
}

on_both_databases!(
    a_backup_taken_while_youths_enrol_restores_what_was_acknowledged,
    Seed::Demo,
    |app: TestApp| async move {
        let backend = if app.database_url().starts_with("sqlite") {
            Backend::Sqlite
        } else {
            Backend::Postgres
        };
        evidence(&app).await;
        let session_id = support::demo::empty_session_ahead(&app.db, Some(200)).await;
        let youths: Vec<PersonId> = youth::Entity::find()
            .order_by_asc(youth::Column::PersonId)
            .all(&app.db)
            .await
            .unwrap()
            .into_iter()
            .map(|youth| youth.person_id)
            .take(120)
            .collect();
        let (early, busy) = youths.split_at(60);
        let mut tokens = HashMap::new();
        for &youth in &youths {
            tokens.insert(youth, app.session_for(youth).await);
        }
        let enrol = server_fn_path::<EnrolInSession>();
        let cancel = server_fn_path::<CancelEnrolment>();
        let form = vec![("session_id", session_id.to_string())];

        // Acknowledged before the backup begins.
        for youth in early {
            let answer = app.call(enrol, &form, Some(&tokens[youth])).await;
            assert_eq!(answer.status(), 200, "{}", answer.text().await.unwrap());
        }
        let acknowledged = fingerprint(&app.db).await;
        let last = last_ids(&app.db).await;
        let mut evidence_before = BTreeMap::new();
        for (table, id) in &last {
            let rows = table_fingerprint(&app.db, table, &format!("id <= {id}")).await;
            assert!(rows.0 > 0, "the test has no {table} to keep");
            evidence_before.insert(*table, rows);
        }

        // Other youths enrol and cancel, again and again, while the backup runs.
        let backup_running = Arc::new(AtomicBool::new(true));
        let during_backup = Arc::new(AtomicUsize::new(0));
        let backup_started = Arc::new(AtomicBool::new(false));
        let writers = join_all(busy.chunks(15).map(|youths| {
            let running = backup_running.clone();
            let started = backup_started.clone();
            let during = during_backup.clone();
            let (app, tokens, form) = (&app, &tokens, &form);
            async move {
                let mut round = 0;
                while running.load(Ordering::SeqCst) {
                    let path = if round % 2 == 0 { enrol } else { cancel };
                    for youth in youths {
                        // Overlapping the backup: sent before it ended, answered after it
                        // began (a quick backup may run within one request).
                        let sent_before_the_end = running.load(Ordering::SeqCst);
                        let answer = app.call(path, form, Some(&tokens[youth])).await;
                        assert_eq!(answer.status(), 200, "{}", answer.text().await.unwrap());
                        if sent_before_the_end && started.load(Ordering::SeqCst) {
                            during.fetch_add(1, Ordering::SeqCst);
                        }
                    }
                    round += 1;
                }
            }
        }));
        let folder = tempfile::tempdir().unwrap();
        let file = folder.path().join("ateliers.backup");
        let backup = async {
            // Let the writers get going first.
            tokio::time::sleep(std::time::Duration::from_millis(300)).await;
            backup_started.store(true, Ordering::SeqCst);
            let outcome = ateliers(
                &["backup", "--to", &file.display().to_string()],
                app.database_url(),
            )
            .await;
            backup_running.store(false, Ordering::SeqCst);
            outcome
        };
        let ((succeeded, output), _) = tokio::join!(backup, writers);
        assert!(succeeded, "{output}");
        assert!(output.contains("Sauvegarde écrite"), "{output}");
        assert!(
            during_backup.load(Ordering::SeqCst) > 0,
            "no write was acknowledged while the backup ran"
        );
        assert!(!output.contains("postgres://"), "{output}");

        // Restored into a fresh database.
        let target = TestDatabase::create(backend).await.unwrap();
        let (succeeded, output) = ateliers(
            &["restore", "--from", &file.display().to_string()],
            target.url(),
        )
        .await;
        assert!(succeeded, "{output}");
        assert!(output.contains("Restauration faite"), "{output}");
        let restored = shared::services::connect_database(target.url())
            .await
            .unwrap();
        let now_held = fingerprint(&restored).await;
        for (table, (rows, _)) in &acknowledged {
            let held = now_held.get(table).map_or(0, |(rows, _)| *rows);
            assert!(
                held >= *rows,
                "{table}: {held} rows restored, {rows} acknowledged before the backup"
            );
        }
        for (table, id) in &last {
            assert_eq!(
                table_fingerprint(&restored, table, &format!("id <= {id}")).await,
                evidence_before[table],
                "{table} differs from what was acknowledged"
            );
        }
        let registered: Vec<PersonId> = enrolment::Entity::find()
            .filter(enrolment::Column::SessionId.eq(session_id))
            .filter(enrolment::Column::Status.eq(EnrolmentStatus::Registered))
            .all(&restored)
            .await
            .unwrap()
            .into_iter()
            .map(|row| row.youth_id)
            .collect();
        for youth in early {
            assert!(registered.contains(youth), "youth {youth} lost their place");
        }
        places_match_their_history(&restored, session_id).await;
        restored.close().await.ok();

        // The restored federation serves: a youth signed in before sees their place.
        let served = spawn_app_on_database(
            "a_backup_taken_while_youths_enrol_restores_what_was_acknowledged_restored",
            backend,
            target,
            Seed::Demo,
        )
        .await;
        let page = served
            .get_as(&format!("/ateliers/{session_id}"), Some(&tokens[&early[0]]))
            .await
            .text()
            .await
            .unwrap();
        assert!(
            page.contains("Vous êtes inscrit·e à cette séance."),
            "{page}"
        );
    }
);

on_both_databases!(
    what_a_backup_or_restore_must_not_do_it_refuses,
    Seed::Demo,
    |app: TestApp| async move {
        let backend = if app.database_url().starts_with("sqlite") {
            Backend::Sqlite
        } else {
            Backend::Postgres
        };
        let folder = tempfile::tempdir().unwrap();
        let file = folder.path().join("ateliers.backup");
        let file_arg = file.display().to_string();
        let (succeeded, output) =
            ateliers(&["backup", "--to", &file_arg], app.database_url()).await;
        assert!(succeeded, "{output}");
        let written = std::fs::read(&file).unwrap();

        // A second backup to the same name leaves the first one alone.
        let (succeeded, output) =
            ateliers(&["backup", "--to", &file_arg], app.database_url()).await;
        assert!(!succeeded);
        assert!(output.contains("existe déjà"), "{output}");
        assert_eq!(std::fs::read(&file).unwrap(), written);

        // Restoring over a database holding data: refused, nothing changed.
        let before = fingerprint(&app.db).await;
        let (succeeded, output) =
            ateliers(&["restore", "--from", &file_arg], app.database_url()).await;
        assert!(!succeeded);
        assert!(output.contains("n'est pas vide"), "{output}");
        assert_eq!(fingerprint(&app.db).await, before);

        // A file that is no backup.
        let target = TestDatabase::create(backend).await.unwrap();
        let not_a_backup = folder.path().join("notes.txt");
        std::fs::write(&not_a_backup, "des notes").unwrap();
        let (succeeded, output) = ateliers(
            &["restore", "--from", &not_a_backup.display().to_string()],
            target.url(),
        )
        .await;
        assert!(!succeeded);
        assert!(
            output.contains("n'est pas une sauvegarde d'Ateliers"),
            "{output}"
        );

        // A backup of the other engine.
        let other = match backend {
            Backend::Sqlite => Backend::Postgres,
            Backend::Postgres => Backend::Sqlite,
        };
        if let Some(other) = TestDatabase::create(other).await {
            let (succeeded, output) =
                ateliers(&["restore", "--from", &file_arg], other.url()).await;
            assert!(!succeeded);
            assert!(
                output.contains("ne se restaure que dans une base"),
                "{output}"
            );
            assert_nothing_in(other.url()).await;
        }
        assert_nothing_in(target.url()).await;
    }
);

async fn assert_nothing_in(database_url: &str) {
    let db = shared::services::connect_database(database_url)
        .await
        .unwrap();
    assert!(
        support::fingerprint::table_names(&db).await.is_empty(),
        "a refused restore wrote tables"
    );
    db.close().await.ok();
}
