//! A small federation built on an empty database, for tests that want exact totals: one Mission
//! Locale (Bondy) without a site, two counsellors with an address, one workshop.

use shared::domain::{MissionLocaleId, PersonId, Theme, WorkshopTypeId};

use super::TestApp;
use super::builders;

/// One Mission Locale with two counsellors and a workshop, built on an empty database.
pub struct Federation {
    pub mission_locale: MissionLocaleId,
    pub counsellors: [(PersonId, String); 2],
    pub workshop: WorkshopTypeId,
}

pub async fn federation(app: &TestApp) -> Federation {
    let mission_locale = builders::mission_locale_without_site(app, "Bondy").await;
    let mut counsellors = Vec::new();
    for (first, last) in [("Ingrid", "Martin"), ("Karim", "Haddad")] {
        let email = format!("{}.{}@ml-bondy.example", first, last).to_lowercase();
        let id = new_counsellor(app, mission_locale, (first, last), &email).await;
        counsellors.push((id, email));
    }
    let workshop = builders::workshop(app, "Atelier CV", Theme::Cv).await;
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
    builders::counsellor(mission_locale)
        .named(first, last)
        .email(email)
        .insert(app)
        .await
        .id
}

pub async fn new_person(app: &TestApp, first: &str, last: &str, email: &str) -> PersonId {
    builders::person(app, first, last, Some(email)).await
}
