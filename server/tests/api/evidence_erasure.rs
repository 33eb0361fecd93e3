//! The end of the evidence's own period, on SQLite and on PostgreSQL. The programme's last
//! payment is this year: its evidence stays five years after 31 December, then the daily job
//! erases each session of the programme (sheet, sealed PDF, attendance, enrolments) and each
//! youth who entered it, but keeps a youth on hold with every session they attended, and the
//! next programme's youth and session. Nothing goes before the day; nothing twice; and the job
//! killed midway leaves each session and each youth whole or gone.

use crate::document_seals::closed_sheet;
use crate::retention::past_year;
use crate::support;

use std::collections::{BTreeMap, BTreeSet};

use app::server_fns::{HoldMinimisation, PreviewMinimisation};
use chrono::{DateTime, Datelike, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter,
    QuerySelect, Set,
};
use shared::domain::{
    AuditAction, DEFAULT_EVIDENCE_YEARS, DocumentVerdict, PersonId, RetentionOverview,
    RetentionSettings, SessionId, Theme, pseudonym,
};
use shared::entities::{
    attendance_document, attendance_line, attendance_sheet, audit_event, document_seal, enrolment,
    individual_contact, person, youth,
};
use shared::services::{EvidenceErasure, minimise_personal_data};
use support::dates::{paris, ymd};
use support::{Seed, TestApp, builders, server_fn_path};

/// The year of the programme's last payment: this one.
fn payment_year() -> i32 {
    support::today().year()
}

fn settings() -> RetentionSettings {
    RetentionSettings {
        last_payment_year: Some(payment_year()),
        ..RetentionSettings::default()
    }
}

/// The first morning the evidence may go: 1 January, five years after the payment's year.
fn erasure_day() -> DateTime<Utc> {
    let years = i32::try_from(DEFAULT_EVIDENCE_YEARS).unwrap();
    paris(ymd(payment_year() + years + 1, 1, 1), 9, 0)
}

/// The sessions where `youth` is enrolled or on the sheet.
async fn sessions_of(app: &TestApp, youth: PersonId) -> BTreeSet<SessionId> {
    let mut sessions: BTreeSet<SessionId> = enrolment::Entity::find()
        .select_only()
        .column(enrolment::Column::SessionId)
        .filter(enrolment::Column::YouthId.eq(youth))
        .into_tuple()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .collect();
    sessions.extend(
        attendance_line::Entity::find()
            .select_only()
            .column(attendance_line::Column::SessionId)
            .filter(attendance_line::Column::YouthId.eq(youth))
            .into_tuple::<SessionId>()
            .all(&app.db)
            .await
            .unwrap(),
    );
    sessions
}

/// The youths enrolled in or on the sheet of `sessions`.
async fn youths_on(app: &TestApp, sessions: &BTreeSet<SessionId>) -> BTreeSet<PersonId> {
    let mut youths: BTreeSet<PersonId> = enrolment::Entity::find()
        .select_only()
        .column(enrolment::Column::YouthId)
        .filter(enrolment::Column::SessionId.is_in(sessions.iter().copied()))
        .into_tuple()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .collect();
    youths.extend(
        attendance_line::Entity::find()
            .select_only()
            .column(attendance_line::Column::YouthId)
            .filter(attendance_line::Column::SessionId.is_in(sessions.iter().copied()))
            .into_tuple::<PersonId>()
            .all(&app.db)
            .await
            .unwrap(),
    );
    youths
}

/// Per session: its enrolments, its attendance lines, whether it has a sheet.
async fn evidence_by_session(app: &TestApp) -> BTreeMap<SessionId, (usize, usize, bool)> {
    let mut evidence: BTreeMap<SessionId, (usize, usize, bool)> = BTreeMap::new();
    for row in enrolment::Entity::find().all(&app.db).await.unwrap() {
        evidence.entry(row.session_id).or_default().0 += 1;
    }
    for row in attendance_line::Entity::find().all(&app.db).await.unwrap() {
        evidence.entry(row.session_id).or_default().1 += 1;
    }
    for row in attendance_sheet::Entity::find().all(&app.db).await.unwrap() {
        evidence.entry(row.session_id).or_default().2 = true;
    }
    evidence
}

/// Per youth still there: their individual contacts.
async fn youths_and_contacts(app: &TestApp) -> BTreeMap<PersonId, usize> {
    let mut youths: BTreeMap<PersonId, usize> = youth::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|file| (file.person_id, 0))
        .collect();
    for contact in individual_contact::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
    {
        *youths.entry(contact.youth_id).or_default() += 1;
    }
    youths
}

async fn erasure_events(app: &TestApp) -> Vec<audit_event::Model> {
    audit_event::Entity::find()
        .filter(audit_event::Column::Action.eq(AuditAction::EvidenceErased.code()))
        .all(&app.db)
        .await
        .unwrap()
}

on_both_databases!(
    the_evidence_goes_when_its_period_ends_but_held_youths_and_the_next_programme_stay,
    Seed::Empty,
    settings = |settings| settings.programme_last_payment_year = Some(payment_year()),
    |app: TestApp| async move {
        // This year's programme: a sheet closed an hour ago with its sealed PDF, and a past year.
        let (closed_session, _, pdf, _) = closed_sheet(&app).await;
        let ml = builders::mission_locale(&app, "Pantin").await;
        let counsellor = builders::counsellor(ml.id).insert(&app).await.id;
        let activity = past_year(&app, 6).await;
        let coordinator = builders::coordinator()
            .insert(&app)
            .await
            .session(&app)
            .await;
        // The next programme: a youth entering next year, enrolled in a session of next year.
        let next_youth = builders::youth(counsellor).insert(&app).await;
        let mut file = youth::Entity::find_by_id(next_youth)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .into_active_model();
        file.programme_entry_date = Set(ymd(payment_year() + 1, 1, 15));
        file.update(&app.db).await.unwrap();
        let workshop = builders::workshop(&app, "Simulation d'entretien", Theme::Interview).await;
        let next_session = builders::session(workshop, &ml, counsellor)
            .starts_at(paris(ymd(payment_year() + 1, 3, 10), 10, 0))
            .insert(&app)
            .await;
        builders::registered_place(
            &app,
            next_session,
            next_youth,
            1,
            Some(counsellor),
            support::now(),
        )
        .await
        .unwrap();

        // A control is under way for one youth of the past year: held, with their sessions.
        let held = activity
            .youths
            .iter()
            .map(|generated| generated.person_id)
            .find(|id| {
                activity
                    .sessions
                    .iter()
                    .any(|session| session.lines.iter().any(|(youth, _, _)| youth == id))
            })
            .expect("a youth who attended");
        let placed = app
            .call(
                server_fn_path::<HoldMinimisation>(),
                &[
                    ("youth_id", held.to_string()),
                    ("reason", "Contrôle du FSE en cours".to_owned()),
                ],
                Some(&coordinator),
            )
            .await;
        assert!(placed.status().is_success() || placed.status().is_redirection());
        let held_sessions = sessions_of(&app, held).await;
        assert!(!held_sessions.is_empty());
        // Those sessions stay whole, and so do the youths who attended them.
        let kept = youths_on(&app, &held_sessions).await;
        assert!(kept.contains(&held));

        // Coordinators see when it will go, and how much.
        let overview: RetentionOverview = app
            .call(
                server_fn_path::<PreviewMinimisation>(),
                &[],
                Some(&coordinator),
            )
            .await
            .json()
            .await
            .unwrap();
        let preview = overview
            .evidence_erasure
            .expect("the payment's year is set");
        assert_eq!(
            preview.from,
            format!("1er janvier {}", payment_year() + 6),
            "{preview:?}"
        );
        assert!(!preview.soon);
        // The past year's youths and the closed sheet's two, not the next programme's.
        let programme_youths = activity.youths.len() + 2;
        assert_eq!(preview.youths, programme_youths as u64);
        assert_eq!(preview.held, 1);
        assert!(preview.sessions as usize > held_sessions.len());

        // Until that day, the daily job erases nothing.
        let before = youths_and_contacts(&app).await;
        let evidence_before = evidence_by_session(&app).await;
        let last_kept_day = erasure_day() - chrono::Duration::hours(12);
        let run = minimise_personal_data(&app.db, &settings(), last_kept_day)
            .await
            .unwrap();
        assert_eq!(run.evidence, EvidenceErasure::default());
        assert_eq!(youths_and_contacts(&app).await.len(), before.len());
        assert_eq!(evidence_by_session(&app).await, evidence_before);

        // On that day, the programme's evidence goes.
        let run = minimise_personal_data(&app.db, &settings(), erasure_day())
            .await
            .unwrap();
        assert_eq!(
            run.evidence,
            EvidenceErasure {
                sessions: preview.sessions as usize - held_sessions.len(),
                youths: programme_youths - kept.len(),
                held: kept.len(),
            }
        );
        let left = youths_and_contacts(&app).await;
        let erased: Vec<PersonId> = before
            .keys()
            .filter(|id| !left.contains_key(id))
            .copied()
            .collect();
        assert_eq!(erased.len(), programme_youths - kept.len());
        for id in &erased {
            assert!(
                person::Entity::find_by_id(*id)
                    .one(&app.db)
                    .await
                    .unwrap()
                    .is_none(),
                "the person goes too"
            );
        }
        assert_eq!(
            audit_event::Entity::find()
                .filter(audit_event::Column::SubjectId.is_in(erased.iter().map(|id| id.get())))
                .count(&app.db)
                .await
                .unwrap(),
            0,
            "the log keeps no line about them"
        );
        // The held youth stays, untouched, with whole sessions; the next programme too.
        assert!(kept.iter().all(|id| left.contains_key(id)));
        let held_person = person::Entity::find_by_id(held)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_ne!(held_person.last_name, pseudonym(held));
        let evidence_after = evidence_by_session(&app).await;
        for session in &held_sessions {
            assert_eq!(evidence_after.get(session), evidence_before.get(session));
        }
        let remaining: BTreeSet<SessionId> = evidence_after.keys().copied().collect();
        let mut expected = held_sessions.clone();
        expected.insert(next_session);
        assert_eq!(remaining, expected);
        assert!(left.contains_key(&next_youth));
        let next_person = person::Entity::find_by_id(next_youth)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            next_person.last_name,
            pseudonym(next_youth),
            "minimised when due, kept as the next programme's evidence"
        );

        // The sealed PDF and its register entry are gone: /verifier no longer vouches for it.
        assert!(!held_sessions.contains(&closed_session));
        assert_eq!(
            attendance_document::Entity::find()
                .filter(attendance_document::Column::SessionId.eq(closed_session))
                .count(&app.db)
                .await
                .unwrap(),
            0
        );
        assert_eq!(
            document_seal::Entity::find().count(&app.db).await.unwrap(),
            0
        );
        assert_eq!(
            shared::services::verify_document(&app.db, &app.state.sealer, &pdf)
                .await
                .unwrap(),
            DocumentVerdict::Unknown
        );

        // Each erasure is logged once, without naming anyone; the next run has nothing to do.
        let events = erasure_events(&app).await;
        assert_eq!(events.len(), run.evidence.sessions + run.evidence.youths);
        assert!(events.iter().all(|event| event.subject_id.is_none()));
        assert!(events.iter().any(|event| event.details
            == format!(
                "{} : participant effacé à la fin de la conservation des preuves",
                pseudonym(erased[0])
            )));
        let again = minimise_personal_data(&app.db, &settings(), erasure_day())
            .await
            .unwrap();
        assert_eq!(
            again.evidence,
            EvidenceErasure {
                sessions: 0,
                youths: 0,
                held: kept.len()
            }
        );
        assert_eq!(erasure_events(&app).await.len(), events.len());
    }
);

on_both_databases!(
    an_erasure_killed_midway_leaves_each_session_and_youth_whole_or_gone,
    Seed::Empty,
    |app: TestApp| async move {
        builders::small_federation(&app).await;
        let activity = past_year(&app, 300).await;
        // Their personal data went long before; only the evidence is left to erase.
        minimise_personal_data(&app.db, &RetentionSettings::default(), erasure_day())
            .await
            .unwrap();
        let youths_before = youths_and_contacts(&app).await;
        let evidence_before = evidence_by_session(&app).await;
        assert!(youths_before.len() > activity.youths.len());

        // Killed once it has erased a session, then (run again) once it has erased a youth:
        // each session and each youth is left whole or gone, never half-way.
        for kill_when in [Kill::SessionErased, Kill::YouthErased] {
            erase_until_killed(&app, kill_when, youths_before.len()).await;
            let youths_after = youths_and_contacts(&app).await;
            for (id, contacts) in &youths_before {
                match youths_after.get(id) {
                    Some(left) => assert_eq!(left, contacts, "a youth left whole"),
                    None => {
                        let person = person::Entity::find_by_id(*id).one(&app.db).await.unwrap();
                        assert!(person.is_none(), "a youth gone with their person");
                    }
                }
            }
            let evidence_after = evidence_by_session(&app).await;
            assert!(evidence_after.len() < evidence_before.len());
            for (session, evidence) in &evidence_after {
                assert_eq!(
                    Some(evidence),
                    evidence_before.get(session),
                    "a session left whole"
                );
            }
        }
        let youths_after = youths_and_contacts(&app).await;
        assert!(
            !youths_after.is_empty() && youths_after.len() < youths_before.len(),
            "{} of {} left",
            youths_after.len(),
            youths_before.len()
        );

        // The next run carries on; nothing is erased twice.
        let run = minimise_personal_data(&app.db, &settings(), erasure_day())
            .await
            .unwrap();
        assert_eq!(run.evidence.youths, youths_after.len());
        assert!(youths_and_contacts(&app).await.is_empty());
        assert!(evidence_by_session(&app).await.is_empty());
        let events = erasure_events(&app).await;
        assert_eq!(events.len(), evidence_before.len() + youths_before.len());
        let mut details: Vec<&str> = events.iter().map(|event| event.details.as_str()).collect();
        details.sort_unstable();
        details.dedup();
        assert_eq!(details.len(), events.len(), "each once");
    }
);

/// When [`erase_until_killed`] kills the job.
#[derive(Clone, Copy)]
enum Kill {
    SessionErased,
    YouthErased,
}

/// Runs `ateliers minimise` on the erasure day with the payment's year set, and kills it as soon
/// as `kill_when` happened.
async fn erase_until_killed(app: &TestApp, kill_when: Kill, youths_at_start: usize) {
    let erased_before = erasure_events(app).await.len();
    let mut job = support::spawn_minimise(
        app,
        &[
            ("PROGRAMME_LAST_PAYMENT_YEAR", payment_year().to_string()),
            ("ATELIERS_CLOCK_START", erasure_day().to_rfc3339()),
        ],
    );
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        let happened = match kill_when {
            Kill::SessionErased => erasure_events(app).await.len() > erased_before,
            Kill::YouthErased => {
                (youth::Entity::find().count(&app.db).await.unwrap() as usize) < youths_at_start
            }
        };
        if happened {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "the job started");
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    job.start_kill().unwrap();
    let status = job.wait().await.unwrap();
    assert!(!status.success(), "killed, not finished");
}
