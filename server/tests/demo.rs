//! The demo `make run` loads: a realistic federation, on both databases.

mod support;

use chrono::Utc;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use shared::domain::{PARIS, check_programme_age};
use shared::entities::{facilitator, person, room, site, staff_member, youth};
use support::{Backend, migrated_database};

async fn demo_is_a_realistic_federation(backend: Backend) {
    let Some((db, _database)) = migrated_database(backend).await else {
        return;
    };
    let now = Utc::now();
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
    assert_eq!(youths.len(), 300);
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
