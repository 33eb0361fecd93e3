//! A small federation built on an empty database, for tests that want exact totals: one Mission
//! Locale (Bondy), two counsellors with an address, one workshop.

use sea_orm::{ActiveModelTrait, Set};
use shared::domain::{MissionLocaleId, PersonId, Theme, WorkshopTypeId};
use shared::entities::{mission_locale, person, staff_member, workshop_type};

use super::TestApp;

/// One Mission Locale with two counsellors and a workshop, built on an empty database.
pub struct Federation {
    pub mission_locale: MissionLocaleId,
    pub counsellors: [(PersonId, String); 2],
    pub workshop: WorkshopTypeId,
}

pub async fn federation(app: &TestApp) -> Federation {
    let mission_locale = mission_locale::ActiveModel {
        name: Set("Mission Locale de Bondy".into()),
        city: Set("Bondy".into()),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap()
    .id;
    let mut counsellors = Vec::new();
    for (first, last) in [("Ingrid", "Martin"), ("Karim", "Haddad")] {
        let email = format!("{}.{}@ml-bondy.example", first, last).to_lowercase();
        let id = new_counsellor(app, mission_locale, (first, last), &email).await;
        counsellors.push((id, email));
    }
    let workshop = workshop_type::ActiveModel {
        title: Set("Atelier CV".into()),
        theme: Set(Theme::Cv),
        description: Set("Écrire son CV.".into()),
        default_duration_minutes: Set(120),
        default_capacity: Set(12),
        what_to_bring: Set(String::new()),
        suits: Set(String::new()),
        archived_at: Set(None),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap()
    .id;
    Federation {
        mission_locale,
        counsellors: counsellors.try_into().unwrap(),
        workshop,
    }
}

/// A counsellor of the Mission Locale `mission_locale`, without a password.
pub async fn new_counsellor(
    app: &TestApp,
    mission_locale: MissionLocaleId,
    (first, last): (&str, &str),
    email: &str,
) -> PersonId {
    let id = new_person(app, first, last, email).await;
    staff_member::ActiveModel {
        person_id: Set(id),
        role: Set("counsellor".into()),
        mission_locale_id: Set(Some(mission_locale)),
        disability_specialist: Set(false),
        justice_specialist: Set(false),
        password_hash: Set(None),
    }
    .insert(&app.db)
    .await
    .unwrap();
    id
}

pub async fn new_person(app: &TestApp, first: &str, last: &str, email: &str) -> PersonId {
    person::ActiveModel {
        first_name: Set(first.into()),
        last_name: Set(last.into()),
        email: Set(Some(email.into())),
        phone: Set(None),
        created_at: Set(super::now()),
        archived_at: Set(None),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap()
    .id
}
