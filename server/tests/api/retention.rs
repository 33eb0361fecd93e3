//! Retention, on SQLite and on PostgreSQL: a year generated two years back, whose youths are all
//! due; a coordinator previews and holds one; the daily job minimises the others (contact
//! details, free text, flags, messages, secrets gone; names pseudonymised) and nobody twice; the
//! figures and the funder's export of that past period do not move; the hold, lifted, lets the
//! next run finish. And the job killed midway (the `ateliers minimise` process): each youth is
//! minimised whole or untouched, and the next run carries on.

use crate::support;

use std::collections::{BTreeMap, HashSet};

use app::server_fns::{HoldMinimisation, LiftMinimisationHold, PreviewMinimisation, ViewDashboard};
use chrono::{DateTime, Datelike, Duration, Months, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use shared::domain::{
    AuditAction, Dashboard, PARIS, PersonId, RetentionOverview, RetentionSettings, pseudonym,
};
use shared::entities::{
    audit_event, individual_contact, login_session, mail_outbox, minimisation, person, youth,
};
use shared::services::{
    ActivityScale, GeneratedActivity, generate_past_activity, minimise_personal_data,
};
use support::{Seed, TestApp, builders, server_fn_path};

/// Two years and a month back: every programme of that year ended more than a year ago.
fn back_then() -> DateTime<Utc> {
    support::now() - Duration::days(2 * 365 + 31)
}

pub(crate) async fn past_year(
    app: &TestApp,
    youths_per_mission_locale: usize,
) -> GeneratedActivity {
    generate_past_activity(
        &app.db,
        11,
        ActivityScale {
            youths_per_mission_locale,
            sessions: 60,
        },
        back_then(),
    )
    .await
    .unwrap()
}

/// The figures form for the generated year.
fn past_period() -> Vec<(&'static str, String)> {
    let to = back_then().with_timezone(&PARIS).date_naive();
    let from = to
        .with_day(1)
        .unwrap()
        .checked_sub_months(Months::new(11))
        .unwrap();
    vec![
        ("form[mission_locale]", String::new()),
        ("form[from]", from.format("%Y-%m-%d").to_string()),
        ("form[to]", to.format("%Y-%m-%d").to_string()),
    ]
}

async fn dashboard(app: &TestApp, session: &str) -> Dashboard {
    let response = app
        .call(
            server_fn_path::<ViewDashboard>(),
            &past_period(),
            Some(session),
        )
        .await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

/// The participants export of the past period, each row without its two name columns.
async fn participants_without_names(app: &TestApp, session: &str) -> Vec<Vec<String>> {
    let period = past_period();
    let response = app
        .get_as(
            &format!(
                "/chiffres/participants.csv?du={}&au={}",
                period[1].1, period[2].1
            ),
            Some(session),
        )
        .await;
    assert_eq!(response.status(), 200);
    let bytes = response.bytes().await.unwrap();
    let mut rows: Vec<Vec<String>> = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .from_reader(&bytes[3..])
        .records()
        .map(|row| {
            let row = row.unwrap();
            row.iter()
                .enumerate()
                .filter(|(column, _)| *column != 1 && *column != 2)
                .map(|(_, cell)| cell.to_owned())
                .collect()
        })
        .collect();
    rows.sort();
    rows
}

async fn minimised_ids(app: &TestApp) -> HashSet<PersonId> {
    minimisation::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|row| row.youth_id)
        .collect()
}

async fn minimised_events(app: &TestApp) -> BTreeMap<i32, usize> {
    let mut events = BTreeMap::new();
    for event in audit_event::Entity::find()
        .filter(audit_event::Column::Action.eq(AuditAction::YouthMinimised.code()))
        .all(&app.db)
        .await
        .unwrap()
    {
        *events.entry(event.subject_id.unwrap()).or_default() += 1;
    }
    events
}

/// Gives `youth_id` what minimisation must remove: a session, a mail about them, a contact's
/// subject, a sensitive flag.
async fn with_personal_traces(app: &TestApp, youth_id: PersonId) {
    app.session_for(youth_id).await;
    let mut file: youth::ActiveModel = youth::Entity::find_by_id(youth_id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .into();
    file.disability_recognised = Set(true);
    file.update(&app.db).await.unwrap();
    let mut with_phone: person::ActiveModel = person::Entity::find_by_id(youth_id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .into();
    with_phone.phone = Set(Some("+33612345678".into()));
    with_phone.update(&app.db).await.unwrap();
    mail_outbox::ActiveModel {
        message_id: Set(format!("<trace-{youth_id}@ateliers.example>")),
        envelope_from: Set("ne-pas-repondre@ateliers.example".into()),
        envelope_to: Set("jeune@exemple.fr".into()),
        subject: Set("Votre place à l'atelier CV".into()),
        content: Set("Bonjour Inès".into()),
        created_at: Set(back_then()),
        attempts: Set(1),
        next_attempt_at: Set(back_then()),
        sent_at: Set(Some(back_then())),
        person_id: Set(Some(youth_id)),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
}

on_both_databases!(
    the_daily_job_minimises_what_is_due_and_the_past_figures_stay,
    Seed::Empty,
    |app: TestApp| async move {
        let fed = builders::small_federation(&app).await;
        let activity = past_year(&app, 24).await;
        let coordinator = fed.coordinator.session(&app).await;
        let counsellor = fed.counsellor.session(&app).await;
        let settings = RetentionSettings::default();
        let today = support::now().with_timezone(&PARIS).date_naive();
        let generated: Vec<PersonId> = activity.youths.iter().map(|y| y.person_id).collect();
        for youth in &activity.youths {
            let due = settings.minimisation_due_on(youth.entry, youth.exit.map(|(day, _)| day));
            assert!(due <= today, "every youth of that year is due: {due}");
        }
        let traced = generated[0];
        with_personal_traces(&app, traced).await;
        let with_contacts = activity
            .youths
            .iter()
            .find(|youth| !youth.contacts.is_empty() && youth.person_id != generated[1])
            .expect("some contacts")
            .person_id;
        let figures_before = dashboard(&app, &coordinator).await;
        let export_before = participants_without_names(&app, &coordinator).await;
        assert!(figures_before.participants.participants as usize >= generated.len() / 2);

        // The coordinator sees them all due, and holds one (a control); a counsellor may not.
        let preview = |session: String| {
            let app = &app;
            async move {
                app.call(server_fn_path::<PreviewMinimisation>(), &[], Some(&session))
                    .await
            }
        };
        assert_eq!(preview(counsellor.clone()).await.status(), 403);
        let overview: RetentionOverview = preview(coordinator.clone()).await.json().await.unwrap();
        let due: HashSet<PersonId> = overview.due_soon.iter().map(|l| l.youth_id).collect();
        assert!(generated.iter().all(|id| due.contains(id)));
        assert!(overview.due_soon.iter().all(|line| line.overdue));
        assert_eq!(
            overview.personal_data,
            "12 mois après la sortie du programme"
        );
        let held = generated[1];
        let hold = |reason: &str| {
            vec![
                ("youth_id", held.to_string()),
                ("reason", reason.to_owned()),
            ]
        };
        support::assert_refused(
            app.call(
                server_fn_path::<HoldMinimisation>(),
                &hold(" "),
                Some(&coordinator),
            )
            .await,
            400,
            "Indiquez pourquoi",
        )
        .await;
        let placed = app
            .call(
                server_fn_path::<HoldMinimisation>(),
                &hold("Contrôle du FSE en cours"),
                Some(&coordinator),
            )
            .await;
        assert!(placed.status().is_success() || placed.status().is_redirection());
        let overview: RetentionOverview = preview(coordinator.clone()).await.json().await.unwrap();
        assert_eq!(overview.on_hold.len(), 1);
        assert_eq!(
            overview.on_hold[0].hold.as_ref().unwrap().reason,
            "Contrôle du FSE en cours"
        );

        // The run: everyone due but the held youth, each once.
        let run = minimise_personal_data(&app.db, &settings, support::now())
            .await
            .unwrap();
        assert_eq!(run.held, 1);
        let done = minimised_ids(&app).await;
        let expected: HashSet<PersonId> =
            generated.iter().copied().filter(|id| *id != held).collect();
        assert_eq!(done, expected);
        assert_eq!(run.minimised, expected.len());
        let again = minimise_personal_data(&app.db, &settings, support::now())
            .await
            .unwrap();
        assert_eq!((again.minimised, again.held), (0, 1), "nobody twice");
        let events = minimised_events(&app).await;
        assert_eq!(events.len(), expected.len());
        assert!(events.values().all(|count| *count == 1));

        // What went.
        let gone = person::Entity::find_by_id(traced)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(gone.last_name, pseudonym(traced));
        assert!(gone.first_name.ends_with('.') && gone.first_name.len() <= 8);
        assert_eq!((gone.email, gone.phone), (None, None));
        assert!(gone.archived_at.is_some());
        let file = youth::Entity::find_by_id(traced)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert!(!file.disability_recognised);
        let sessions = login_session::Entity::find()
            .filter(login_session::Column::PersonId.eq(traced))
            .count(&app.db)
            .await
            .unwrap();
        assert_eq!(sessions, 0);
        let mail = mail_outbox::Entity::find()
            .filter(mail_outbox::Column::PersonId.eq(traced))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (
                mail.envelope_to.as_str(),
                mail.subject.as_str(),
                mail.content.as_str()
            ),
            ("", "", "")
        );
        assert!(mail.sent_at.is_some(), "that a message went stays");
        let subjects: Vec<String> = individual_contact::Entity::find()
            .filter(individual_contact::Column::YouthId.eq(with_contacts))
            .all(&app.db)
            .await
            .unwrap()
            .into_iter()
            .map(|contact| contact.subject)
            .collect();
        assert!(!subjects.is_empty() && subjects.iter().all(String::is_empty));
        let kept = person::Entity::find_by_id(held)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_ne!(
            kept.last_name,
            pseudonym(held),
            "the held youth is untouched"
        );
        // The minimised youth can no longer sign in: their file is archived and emptied.
        let page = app
            .get_as(&format!("/jeunes/{traced}"), Some(&coordinator))
            .await;
        let page = page.text().await.unwrap();
        assert!(page.contains(&pseudonym(traced)));
        assert!(!page.contains("+33612345678"));
        assert!(page.contains("data-test=\"minimised\""));
        // The held youth's file says so, with the reason, to coordinators.
        let page = app
            .get_as(&format!("/jeunes/{held}"), Some(&coordinator))
            .await;
        let page = page.text().await.unwrap();
        assert!(page.contains("data-test=\"file-hold-reason\""));
        assert!(page.contains("Contrôle du FSE en cours"));

        // The past period's figures and the funder's export do not move.
        assert_eq!(dashboard(&app, &coordinator).await, figures_before);
        assert_eq!(
            participants_without_names(&app, &coordinator).await,
            export_before
        );

        // Lifted, the hold lets the next run finish.
        let lifted = app
            .call(
                server_fn_path::<LiftMinimisationHold>(),
                &[("youth_id", held.to_string())],
                Some(&coordinator),
            )
            .await;
        assert!(lifted.status().is_success() || lifted.status().is_redirection());
        let last = minimise_personal_data(&app.db, &settings, support::now())
            .await
            .unwrap();
        assert_eq!((last.minimised, last.held), (1, 0));
        let held_events: Vec<String> = audit_event::Entity::find()
            .filter(audit_event::Column::SubjectId.eq(held.get()))
            .all(&app.db)
            .await
            .unwrap()
            .into_iter()
            .map(|event| event.action)
            .collect();
        assert!(held_events.contains(&"minimisation_held".to_owned()));
        assert!(held_events.contains(&"minimisation_hold_lifted".to_owned()));
        assert!(held_events.contains(&"youth_minimised".to_owned()));
    }
);

/// What a youth's row and person look like, to tell untouched from minimised.
async fn snapshot(app: &TestApp) -> BTreeMap<PersonId, (String, String, Option<String>)> {
    person::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|person| {
            (
                person.id,
                (person.first_name, person.last_name, person.email),
            )
        })
        .collect()
}

on_both_databases!(
    a_run_killed_midway_leaves_each_youth_whole_and_the_next_one_finishes,
    Seed::Empty,
    |app: TestApp| async move {
        builders::small_federation(&app).await;
        let activity = past_year(&app, 300).await;
        let generated: Vec<PersonId> = activity.youths.iter().map(|y| y.person_id).collect();
        let before = snapshot(&app).await;

        let mut job = support::spawn_minimise(&app, &support::clock_env());
        // Killed as soon as it has minimised someone, long before it is through.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        loop {
            let done = minimisation::Entity::find().count(&app.db).await.unwrap();
            if done > 0 {
                break;
            }
            assert!(std::time::Instant::now() < deadline, "the job started");
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        }
        job.start_kill().unwrap();
        let status = job.wait().await.unwrap();
        assert!(!status.success(), "killed, not finished");

        let done = minimised_ids(&app).await;
        assert!(
            !done.is_empty() && done.len() < generated.len(),
            "{} of {}",
            done.len(),
            generated.len()
        );
        let after = snapshot(&app).await;
        let events = minimised_events(&app).await;
        for id in &generated {
            let (first, last, email) = &after[id];
            if done.contains(id) {
                assert_eq!(*last, pseudonym(*id));
                assert_eq!(*email, None);
                assert_eq!(events.get(&id.get()), Some(&1));
            } else {
                assert_eq!(
                    (first, last, email),
                    (&before[id].0, &before[id].1, &before[id].2)
                );
                assert_eq!(events.get(&id.get()), None, "no half-done youth");
            }
        }

        // The next run carries on, and nobody is minimised twice.
        let run = minimise_personal_data(&app.db, &RetentionSettings::default(), support::now())
            .await
            .unwrap();
        assert_eq!(run.minimised, generated.len() - done.len());
        let events = minimised_events(&app).await;
        assert_eq!(events.len(), generated.len());
        assert!(events.values().all(|count| *count == 1));
    }
);

/// The files of a ZIP archive, by name.
fn unzipped(bytes: &[u8]) -> BTreeMap<String, String> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip archive");
    let mut files = BTreeMap::new();
    for index in 0..archive.len() {
        let mut file = archive.by_index(index).unwrap();
        let mut text = String::new();
        file.read_to_string(&mut text).unwrap();
        files.insert(file.name().expect("a file name").to_string(), text);
    }
    files
}

on_both_databases!(
    a_youth_downloads_their_data_and_a_coordinator_erases_what_is_not_evidence,
    Seed::Empty,
    |app: TestApp| async move {
        use app::server_fns::{EraseYouthData, RecordIndividualContact};
        let fed = builders::small_federation(&app).await;
        let youth_id = fed.youth;
        let referent = fed.counsellor.session(&app).await;
        let coordinator = fed.coordinator.session(&app).await;
        let colleague = builders::counsellor(fed.mission_locale.id)
            .named("Karim", "Haddad")
            .insert(&app)
            .await
            .session(&app)
            .await;
        with_personal_traces(&app, youth_id).await;
        let today = support::now().with_timezone(&PARIS).date_naive();
        app.call(
            server_fn_path::<RecordIndividualContact>(),
            &[
                ("id", youth_id.to_string()),
                ("contact[kind]", "phone".into()),
                ("contact[day]", today.format("%Y-%m-%d").to_string()),
                ("contact[minutes]", "15".into()),
                ("contact[subject]", "Point sur la recherche de stage".into()),
            ],
            Some(&referent),
        )
        .await;

        // The youth downloads everything, readable and as data.
        let me = app.session_for(youth_id).await;
        let response = app.get_as("/mes-donnees.zip", Some(&me)).await;
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()["content-type"], "application/zip");
        assert!(
            response.headers()["content-disposition"]
                .to_str()
                .unwrap()
                .contains("mes-donnees-ateliers.zip")
        );
        let files = unzipped(&response.bytes().await.unwrap());
        assert_eq!(
            files.keys().collect::<Vec<_>>(),
            ["mes-donnees.html", "mes-donnees.json"]
        );
        let data: serde_json::Value = serde_json::from_str(&files["mes-donnees.json"]).unwrap();
        assert_eq!(data["identity"]["last_name"], "Benali");
        assert_eq!(data["identity"]["phone"], "+33612345678");
        assert_eq!(data["sensitive_flags"]["disability_recognised"], true);
        assert_eq!(data["programme"]["referent"], "Ingrid Martin");
        assert_eq!(
            data["individual_contacts"][0]["subject"],
            "Point sur la recherche de stage"
        );
        assert_eq!(data["messages"][0]["about"], "Votre place à l'atelier CV");
        let page = &files["mes-donnees.html"];
        assert!(page.contains("<h1>Mes données dans Ateliers</h1>"));
        assert!(page.contains("Appel téléphonique"));

        // Their referent produces the same; a colleague may not, nor another Mission Locale.
        let path = format!("/jeunes/{youth_id}/donnees.zip");
        assert_eq!(app.get_as(&path, Some(&referent)).await.status(), 200);
        assert_eq!(app.get_as(&path, Some(&colleague)).await.status(), 403);
        assert_eq!(app.get_as(&path, None).await.status(), 401);
        let exported = audit_event::Entity::find()
            .filter(audit_event::Column::Action.eq(AuditAction::YouthDataExported.code()))
            .filter(audit_event::Column::SubjectId.eq(youth_id.get()))
            .count(&app.db)
            .await
            .unwrap();
        assert_eq!(exported, 2, "every copy is logged");

        // The erasure: confirmed, or nothing; what stays is said.
        let erase = |confirm: bool| {
            let mut form = vec![("id", youth_id.to_string())];
            if confirm {
                form.push(("confirm", "on".to_owned()));
            }
            form
        };
        support::assert_refused(
            app.call(
                server_fn_path::<EraseYouthData>(),
                &erase(false),
                Some(&coordinator),
            )
            .await,
            400,
            "Cochez la case",
        )
        .await;
        assert!(minimised_ids(&app).await.is_empty());
        assert_eq!(
            app.call(
                server_fn_path::<EraseYouthData>(),
                &erase(true),
                Some(&referent)
            )
            .await
            .status(),
            403,
            "a coordinator acts on it"
        );
        let outcome: shared::domain::ErasureOutcome = app
            .call(
                server_fn_path::<EraseYouthData>(),
                &erase(true),
                Some(&coordinator),
            )
            .await
            .json()
            .await
            .unwrap();
        assert!(outcome.erased);
        assert!(
            outcome
                .kept
                .iter()
                .any(|kept| kept.contains("feuilles d'émargement"))
        );
        assert!(outcome.why.contains("Fonds social européen"));
        assert!(outcome.until.starts_with("5 ans après le 31 décembre"));
        let gone = person::Entity::find_by_id(youth_id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(gone.last_name, pseudonym(youth_id));
        assert_eq!(gone.phone, None);
        let erased_events = audit_event::Entity::find()
            .filter(audit_event::Column::Action.eq(AuditAction::YouthDataErased.code()))
            .filter(audit_event::Column::SubjectId.eq(youth_id.get()))
            .count(&app.db)
            .await
            .unwrap();
        assert_eq!(erased_events, 1);

        // A youth on hold is not erased: the hold says why.
        let other = builders::youth(fed.counsellor.id)
            .named("Théo", "Martin")
            .insert(&app)
            .await;
        app.call(
            server_fn_path::<HoldMinimisation>(),
            &[
                ("youth_id", other.to_string()),
                ("reason", "Litige en cours".to_owned()),
            ],
            Some(&coordinator),
        )
        .await;
        support::assert_refused(
            app.call(
                server_fn_path::<EraseYouthData>(),
                &[("id", other.to_string()), ("confirm", "on".to_owned())],
                Some(&coordinator),
            )
            .await,
            400,
            "suspendue",
        )
        .await;
        assert_eq!(minimised_ids(&app).await.len(), 1);
    }
);
