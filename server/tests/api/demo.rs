//! The demo `make run` loads: a realistic federation, on both databases.

use crate::support;

use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use shared::domain::{EnrolmentStatus, PARIS, PersonId, RateLimits, check_programme_age};
use shared::entities::{facilitator, person, room, site, staff_member, youth};
use support::{Backend, migrated_database};

async fn demo_is_a_realistic_federation(backend: Backend) {
    let Some((db, _database)) = migrated_database(backend).await else {
        return;
    };
    let now = support::now();
    assert!(
        shared::services::load_demo_data(&db, now)
            .await
            .expect("loaded")
    );
    assert!(
        !shared::services::load_demo_data(&db, now)
            .await
            .expect("idempotent"),
        "loads once"
    );
    assert_eq!(
        shared::services::classify_database(&db)
            .await
            .expect("classified"),
        shared::services::DatabaseContents::Demo,
        "marked as the demo's, for the start-up checks"
    );

    assert_eq!(site::Entity::find().count(&db).await.expect("count"), 10);
    assert_eq!(room::Entity::find().count(&db).await.expect("count"), 20);

    let counsellors = staff_member::Entity::find()
        .filter(staff_member::Column::Role.eq("counsellor"))
        .all(&db)
        .await
        .expect("counsellors");
    assert_eq!(counsellors.len(), 21);
    assert_eq!(
        counsellors
            .iter()
            .filter(|c| c.disability_specialist)
            .count(),
        6
    );
    assert_eq!(
        counsellors.iter().filter(|c| c.justice_specialist).count(),
        1
    );
    assert!(counsellors.iter().all(|c| c.mission_locale_id.is_some()));
    let coordinators = staff_member::Entity::find()
        .filter(staff_member::Column::Role.eq("coordinator"))
        .count(&db)
        .await
        .expect("count");
    assert_eq!(coordinators, 2);
    assert_eq!(
        facilitator::Entity::find().count(&db).await.expect("count"),
        4
    );

    let youths = youth::Entity::find()
        .find_also_related(person::Entity)
        .all(&db)
        .await
        .expect("youths");
    // 300 in the programme, and 4 who left about a year ago, whose data the daily job minimises
    // within 30 days (what /conservation previews).
    assert_eq!(youths.len(), 304);
    let due_soon = youths
        .iter()
        .filter(|(youth, _)| {
            let due = shared::domain::RetentionSettings::default()
                .minimisation_due_on(youth.programme_entry_date, youth.programme_exit_date);
            shared::domain::within_preview(due, now.with_timezone(&PARIS).date_naive())
        })
        .count();
    assert_eq!(due_soon, 4);
    let today = now.with_timezone(&PARIS).date_naive();
    for (youth, person) in &youths {
        let person = person.as_ref().expect("every youth is a person");
        assert!(
            person.email.is_some() || person.phone.is_some(),
            "the funder needs a way to reach {}",
            person.id
        );
        assert!(
            check_programme_age(youth.date_of_birth, today).is_ok(),
            "{} is 16-25",
            person.id
        );
        assert!(
            check_programme_age(youth.date_of_birth, youth.programme_entry_date).is_ok(),
            "{} was 16-25 on entering the programme",
            person.id
        );
        assert!(youth.programme_entry_date <= today);
    }
    let emails: std::collections::HashSet<_> = person::Entity::find()
        .all(&db)
        .await
        .expect("people")
        .into_iter()
        .filter_map(|p| p.email)
        .collect();
    assert!(
        emails.iter().all(|email| email.ends_with(".example")),
        "demo mail can never reach anyone"
    );
}

for_both_backends!(demo_is_a_realistic_federation);

/// The accounts `make run` prints, which the browser tests also use: one per role, and the staff
/// ones open with the demo password.
async fn demo_accounts_sign_in_as_each_role(backend: Backend) {
    use shared::services::{DEMO_PASSWORD, demo_accounts, load_demo_data, sign_in_with_password};
    let Some((db, _database)) = migrated_database(backend).await else {
        return;
    };
    load_demo_data(&db, support::now()).await.expect("demo");
    let checks = shared::auth::PasswordChecks::new(2);
    let accounts = demo_accounts(&db).await.expect("accounts");
    let emails: Vec<&str> = accounts
        .iter()
        .map(|(_, email, _)| email.as_str())
        .collect();
    assert_eq!(
        emails,
        [
            "nadia.ferhat0@convergence93.example",
            "maelys.nguyen1@ml93.example",
            "moussa.diallo0@ml93.example",
            "ines.benali0@jeunes.example",
            // A youth with a mobile and no email (server/tests/api/mail.rs reads their code).
            "06 10 03 16 76",
            "karim.amrani0@medias.example",
        ],
        "end2end/tests relies on these"
    );
    for email in &emails[..3] {
        sign_in_with_password(
            &db,
            &checks,
            email,
            DEMO_PASSWORD,
            None,
            &RateLimits::default(),
            support::now(),
        )
        .await
        .unwrap_or_else(|error| panic!("{email}: {error}"));
    }
    // end2end/tests/planning.spec.ts plans with this counsellor (Montreuil) and these guests.
    sign_in_with_password(
        &db,
        &checks,
        "sofiane.dubois2@ml93.example",
        DEMO_PASSWORD,
        None,
        &RateLimits::default(),
        support::now(),
    )
    .await
    .expect("the planning journey's counsellor");
    // end2end/tests/enrolment.spec.ts: one counsellor per browser project and their youths.
    for (counsellor, youths) in [
        (
            "mehdi.mendy4@ml93.example",
            [
                "yanis.rodrigues25@jeunes.example",
                "camille.traore46@jeunes.example",
                "aminata.sylla88@jeunes.example",
                "ibrahim.dubois109@jeunes.example",
            ],
        ),
        (
            "chloe.rodrigues5@ml93.example",
            [
                "rayan.cisse5@jeunes.example",
                "aicha.traore26@jeunes.example",
                "hugo.petit47@jeunes.example",
                "yasmine.belkacem68@jeunes.example",
            ],
        ),
    ] {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        let signed_in = sign_in_with_password(
            &db,
            &checks,
            counsellor,
            DEMO_PASSWORD,
            None,
            &RateLimits::default(),
            support::now(),
        )
        .await
        .unwrap_or_else(|error| panic!("{counsellor}: {error}"));
        for email in youths {
            let person = shared::entities::person::Entity::find()
                .filter(shared::entities::person::Column::Email.eq(email))
                .one(&db)
                .await
                .expect("a query")
                .unwrap_or_else(|| panic!("{email} is a demo youth"));
            let youth = shared::entities::youth::Entity::find_by_id(person.id)
                .one(&db)
                .await
                .expect("a query")
                .expect("a youth");
            assert_eq!(
                Some(youth.referent_id),
                Some(signed_in.person_id),
                "{email} is followed by {counsellor}"
            );
        }
    }
    for guest in [
        "claire.vasseur0@medias.example",
        "julien.morel0@medias.example",
    ] {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        let found = shared::entities::person::Entity::find()
            .filter(shared::entities::person::Column::Email.eq(guest))
            .one(&db)
            .await
            .expect("a query");
        assert!(found.is_some(), "{guest} is a demo guest facilitator");
    }

    // end2end/tests/attendance.spec.ts: the session under way, its counsellor, its guest and
    // two of its youths (one with an email, to sign in on their phone).
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    use shared::entities::{
        enrolment, person, session_counsellor, session_facilitator, workshop_session,
    };
    let under_way = workshop_session::Entity::find()
        .filter(workshop_session::Column::StartsAt.lt(support::now()))
        .filter(workshop_session::Column::EndsAt.gt(support::now()))
        .all(&db)
        .await
        .expect("a query");
    assert_eq!(under_way.len(), 1, "one demo session under way");
    // And one full day on the last working day, its sheet to close per half-day (the half-day
    // browser test signs in as its counsellor).
    let full_days = workshop_session::Entity::find()
        .filter(workshop_session::Column::EndsAt.lte(support::now()))
        .all(&db)
        .await
        .expect("a query");
    assert_eq!(full_days.len(), 1, "one demo session over");
    let full_day = &full_days[0];
    assert_eq!(
        shared::domain::half_days_of(full_day.starts_at, full_day.ends_at).len(),
        2
    );
    let full_day_counsellor = session_counsellor::Entity::find()
        .filter(session_counsellor::Column::SessionId.eq(full_day.id))
        .one(&db)
        .await
        .expect("a query")
        .expect("a counsellor");
    assert_eq!(
        person::Entity::find_by_id(full_day_counsellor.person_id)
            .one(&db)
            .await
            .expect("a query")
            .expect("a person")
            .email
            .as_deref(),
        Some("theo.sylla6@ml93.example")
    );
    assert_eq!(
        enrolment::Entity::find()
            .filter(enrolment::Column::SessionId.eq(full_day.id))
            .filter(enrolment::Column::Status.eq(EnrolmentStatus::Registered))
            .count(&db)
            .await
            .expect("a query"),
        4
    );
    assert!(under_way[0].ends_at > support::now() + chrono::Duration::hours(2));
    let email_of = |id: PersonId| {
        let db = db.clone();
        async move {
            person::Entity::find_by_id(id)
                .one(&db)
                .await
                .expect("a query")
                .expect("a person")
        }
    };
    let counsellor = session_counsellor::Entity::find()
        .filter(session_counsellor::Column::SessionId.eq(under_way[0].id))
        .one(&db)
        .await
        .expect("a query")
        .expect("a counsellor");
    assert_eq!(
        email_of(counsellor.person_id).await.email.as_deref(),
        Some("lea.martin7@ml93.example")
    );
    let guest = session_facilitator::Entity::find()
        .filter(session_facilitator::Column::SessionId.eq(under_way[0].id))
        .one(&db)
        .await
        .expect("a query")
        .expect("a guest");
    assert_eq!(
        email_of(guest.person_id).await.email.as_deref(),
        Some("awa.konate0@medias.example")
    );
    let mut youths = Vec::new();
    for place in enrolment::Entity::find()
        .filter(enrolment::Column::SessionId.eq(under_way[0].id))
        .filter(enrolment::Column::Status.eq(EnrolmentStatus::Registered))
        .all(&db)
        .await
        .expect("a query")
    {
        let youth = email_of(place.youth_id).await;
        youths.push(format!(
            "{} {} {}",
            youth.first_name,
            youth.last_name,
            youth.email.unwrap_or_default()
        ));
    }
    assert_eq!(youths.len(), 6);
    assert!(
        youths.contains(&"Mehdi Camara mehdi.camara7@jeunes.example".to_owned()),
        "{youths:?}"
    );
    assert!(
        youths
            .iter()
            .any(|youth| youth.starts_with("Sofiane Sylla")),
        "{youths:?}"
    );
}
for_both_backends!(demo_accounts_sign_in_as_each_role);

/// A database the demo filled before the demo's mark existed (a developer's `make run`) is
/// recognised by its addresses, all of the `.example` domain the demo uses, and keeps serving
/// as the demo; a database with one real address is never taken for the demo.
async fn demo_databases_from_before_the_mark_are_recognised(backend: Backend) {
    use migrations::MigratorTrait;
    use sea_orm::{ConnectionTrait, Statement};
    use shared::services::{DatabaseContents, classify_database};
    for (addresses, expected) in [
        (
            &[
                "nadia.ferhat0@convergence93.example",
                "ines.benali0@jeunes.example",
            ][..],
            DatabaseContents::Demo,
        ),
        (
            &[
                "nadia.ferhat0@convergence93.example",
                "nadia@convergence93.fr",
            ][..],
            DatabaseContents::Other,
        ),
    ] {
        let Some(database) = support::TestDatabase::create(backend).await else {
            return;
        };
        let db = shared::services::connect_database(database.url())
            .await
            .expect("connects");
        let before_the_mark = migrations::Migrator::migrations()
            .iter()
            .position(|migration| migration.name().ends_with("_demo_marker"))
            .expect("the demo marker's migration");
        migrations::Migrator::up(&db, Some(before_the_mark as u32))
            .await
            .expect("the earlier migrations");
        for (index, address) in addresses.iter().enumerate() {
            db.execute_raw(Statement::from_sql_and_values(
                db.get_database_backend(),
                match db.get_database_backend() {
                    sea_orm::DbBackend::Postgres => {
                        "INSERT INTO people (first_name, last_name, email, created_at) \
                         VALUES ('Nadia', $1, $2, CURRENT_TIMESTAMP)"
                    }
                    _ => {
                        "INSERT INTO people (first_name, last_name, email, created_at) \
                         VALUES ('Nadia', ?, ?, CURRENT_TIMESTAMP)"
                    }
                },
                [format!("Ferhat{index}").into(), (*address).into()],
            ))
            .await
            .expect("a person");
        }
        assert_eq!(demo_marker_tables(&db).await, 0, "no mark table yet");
        migrations::Migrator::up(&db, None)
            .await
            .expect("the remaining migrations");
        assert_eq!(
            classify_database(&db).await.expect("classified"),
            expected,
            "{addresses:?}"
        );
    }
}

/// How many tables named `demo_marker` exist.
async fn demo_marker_tables(db: &sea_orm::DatabaseConnection) -> i64 {
    use sea_orm::{ConnectionTrait, Statement};
    let sql = match db.get_database_backend() {
        sea_orm::DbBackend::Postgres => {
            "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_name = 'demo_marker'"
        }
        _ => {
            "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'demo_marker'"
        }
    };
    db.query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .expect("a count")
        .expect("a row")
        .try_get::<i64>("", "n")
        .expect("a number")
}

for_both_backends!(demo_databases_from_before_the_mark_are_recognised);
