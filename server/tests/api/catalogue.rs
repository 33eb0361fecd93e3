//! Staff keep the workshop catalogue: add a workshop, correct it, archive it (it keeps its
//! sessions) and offer it again; duplicates and bad input are refused in French, writing
//! nothing. Each test runs on SQLite and on PostgreSQL.

use crate::support;

use app::server_fns::{
    ArchiveWorkshopType, CreateWorkshopType, ListWorkshopTypes, RestoreWorkshopType,
    UpdateWorkshopType,
};
use chrono::Duration;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use shared::domain::{PersonId, Theme, WorkshopTypeId};
use shared::entities::{audit_event, workshop_session, workshop_type};
use support::dates::paris;
use support::{Seed, TestApp, builders, server_fn_path};

/// A counsellor and a coordinator, signed in, and a catalogue of three workshops, the CV one
/// with two sessions planned.
struct Catalogue {
    counsellor_id: PersonId,
    counsellor: String,
    coordinator: String,
    cv: WorkshopTypeId,
}

async fn catalogue(app: &TestApp) -> Catalogue {
    let ml = builders::mission_locale(app, "Bondy").await;
    let counsellor = builders::counsellor(ml.id).insert(app).await;
    let coordinator = builders::coordinator().insert(app).await;
    let cv = builders::workshop(app, "Mon CV en une page", Theme::Cv).await;
    builders::workshop(
        app,
        "Décrypter l'info avec un journaliste",
        Theme::MediaLiteracy,
    )
    .await;
    builders::workshop(app, "Confiance en soi", Theme::PersonalDevelopment).await;
    for weeks in [1, 2] {
        builders::session(cv, &ml, counsellor.id)
            .starts_at(paris(support::today() + Duration::weeks(weeks), 9, 30))
            .insert(app)
            .await;
    }
    Catalogue {
        counsellor_id: counsellor.id,
        counsellor: counsellor.session(app).await,
        coordinator: coordinator.session(app).await,
        cv,
    }
}

fn workshop(title: &str) -> Vec<(&'static str, String)> {
    vec![
        ("workshop[title]", title.to_owned()),
        ("workshop[theme]", "interview".into()),
        (
            "workshop[description]",
            "On s'entraîne à se présenter au téléphone à un employeur.".into(),
        ),
        ("workshop[default_duration_minutes]", "90".into()),
        ("workshop[default_capacity]", "10".into()),
        (
            "workshop[what_to_bring]",
            "Ton téléphone chargé et ton CV".into(),
        ),
        (
            "workshop[suits]",
            "Celles et ceux qui appréhendent d'appeler un employeur".into(),
        ),
    ]
}

/// `form` with `field` set to `value`.
fn with(
    mut form: Vec<(&'static str, String)>,
    field: &str,
    value: &str,
) -> Vec<(&'static str, String)> {
    for (name, old) in &mut form {
        if *name == field {
            *old = value.to_owned();
        }
    }
    form
}

async fn catalogue_size(app: &TestApp) -> u64 {
    workshop_type::Entity::find()
        .count(&app.db)
        .await
        .expect("a count")
}

async fn audit_count(app: &TestApp, action: &str) -> u64 {
    audit_event::Entity::find()
        .filter(audit_event::Column::Action.eq(action))
        .count(&app.db)
        .await
        .expect("a count")
}

on_both_databases!(
    staff_add_a_workshop_and_correct_it,
    Seed::Empty,
    |app: TestApp| async move {
        let Catalogue {
            counsellor,
            coordinator,
            ..
        } = catalogue(&app).await;
        let before = catalogue_size(&app).await;

        // A plain form (no JavaScript): the server function redirects to the catalogue.
        let created = app
            .submit(
                server_fn_path::<CreateWorkshopType>(),
                "/catalogue/nouveau",
                &workshop("  Appeler   un employeur "),
                Some(&counsellor),
            )
            .await;
        let location = support::redirect_location(&created);
        assert!(location.starts_with("/catalogue?ajoute="), "{location}");
        let saved = workshop_type::Entity::find()
            .filter(workshop_type::Column::Title.eq("Appeler un employeur"))
            .one(&app.db)
            .await
            .expect("a query")
            .expect("saved, title tidied");
        assert_eq!(saved.theme, Theme::Interview);
        assert_eq!(
            (saved.default_duration_minutes, saved.default_capacity),
            (90, 10)
        );
        assert_eq!(saved.what_to_bring, "Ton téléphone chargé et ton CV");
        assert!(saved.archived_at.is_none());
        assert_eq!(catalogue_size(&app).await, before + 1);
        assert_eq!(audit_count(&app, "workshop_type_created").await, 1);

        let page = app
            .get_as(&location, Some(&counsellor))
            .await
            .text()
            .await
            .expect("a page");
        assert!(page.contains(r#"data-test="workshop-type-list""#));
        assert!(page.contains("Appeler un employeur"));
        assert!(page.contains("Préparation aux entretiens · 1 h 30 · 10 places · aucune séance"));
        assert!(page.contains(&format!("/catalogue/{}", saved.id)));
        assert!(page.contains(r#"href="/catalogue/nouveau""#));

        // The edit page shows the form filled in.
        let edit = app
            .get_as(&format!("/catalogue/{}", saved.id), Some(&counsellor))
            .await;
        assert_eq!(edit.status(), 200);
        let edit = edit.text().await.expect("a page");
        assert!(edit.contains(r#"data-test="workshop-type-form""#));
        assert!(edit.contains(r#"value="interview" selected"#), "{edit}");
        assert!(edit.contains("Ton téléphone chargé et ton CV"));

        // A coordinator corrects it.
        let form = with(
            with(
                workshop("Appeler un employeur"),
                "workshop[title]",
                "Téléphoner à un employeur",
            ),
            "workshop[default_capacity]",
            "8",
        );
        let mut form = form;
        form.push(("id", saved.id.to_string()));
        let updated = app
            .call(
                server_fn_path::<UpdateWorkshopType>(),
                &form,
                Some(&coordinator),
            )
            .await;
        assert_eq!(updated.status(), 200);
        let updated = workshop_type::Entity::find_by_id(saved.id)
            .one(&app.db)
            .await
            .expect("a query")
            .expect("still there");
        assert_eq!(updated.title, "Téléphoner à un employeur");
        assert_eq!(updated.default_capacity, 8);
        let line = audit_event::Entity::find()
            .filter(audit_event::Column::Action.eq("workshop_type_updated"))
            .one(&app.db)
            .await
            .expect("a query")
            .expect("an audit line");
        assert_eq!(
            line.details,
            "Appeler un employeur → Téléphoner à un employeur"
        );

        // The theme must be one of the programme's.
        let mut form = with(
            workshop("Téléphoner à un employeur"),
            "workshop[theme]",
            "cuisine",
        );
        form.push(("id", saved.id.to_string()));
        let refused = app
            .call(
                server_fn_path::<UpdateWorkshopType>(),
                &form,
                Some(&coordinator),
            )
            .await;
        support::assert_refused(refused, 400, "Choisissez un thème").await;
        assert_eq!(audit_count(&app, "workshop_type_updated").await, 1);
    }
);

on_both_databases!(
    duplicates_and_bad_input_are_refused_and_write_nothing,
    Seed::Empty,
    |app: TestApp| async move {
        let counsellor = catalogue(&app).await.counsellor;
        let before = catalogue_size(&app).await;

        // A title of the catalogue, whatever its capitals.
        for title in ["Mon CV en une page", "mon cv EN une page"] {
            let response = app
                .call(
                    server_fn_path::<CreateWorkshopType>(),
                    &workshop(title),
                    Some(&counsellor),
                )
                .await;
            assert_eq!(response.status(), 400, "{title}");
            assert!(
                response
                    .text()
                    .await
                    .expect("a body")
                    .contains("Un atelier porte déjà ce titre."),
                "{title}"
            );
        }

        let long = "a".repeat(501);
        let cases = [
            ("workshop[title]", "CV", "entre 3 et 120 caractères"),
            (
                "workshop[description]",
                "Court.",
                "entre 10 et 2 000 caractères",
            ),
            (
                "workshop[default_duration_minutes]",
                "10",
                "entre 15 et 480",
            ),
            (
                "workshop[default_duration_minutes]",
                "deux heures",
                "entre 15 et 480",
            ),
            ("workshop[default_capacity]", "0", "entre 1 et 200"),
            ("workshop[default_capacity]", "250", "entre 1 et 200"),
            ("workshop[theme]", "", "Choisissez un thème"),
            ("workshop[suits]", long.as_str(), "500 caractères"),
        ];
        for (field, value, message) in cases {
            let response = app
                .call(
                    server_fn_path::<CreateWorkshopType>(),
                    &with(workshop("Un atelier tout neuf"), field, value),
                    Some(&counsellor),
                )
                .await;
            assert_eq!(response.status(), 400, "{field}={value}");
            let body = response.text().await.expect("a body");
            assert!(body.contains(message), "{field}={value}: {body}");
        }

        // Without JavaScript, the form page shows the message.
        let refused = app
            .submit(
                server_fn_path::<CreateWorkshopType>(),
                "/catalogue/nouveau",
                &with(
                    workshop("Un atelier tout neuf"),
                    "workshop[default_capacity]",
                    "0",
                ),
                Some(&counsellor),
            )
            .await;
        let back = refused.headers()["location"]
            .to_str()
            .expect("text")
            .to_owned();
        assert!(back.contains("__err="), "{back}");
        let page = app
            .get_as(back.trim_start_matches(&app.address), Some(&counsellor))
            .await
            .text()
            .await
            .expect("a page");
        assert!(page.contains(r#"data-test="form-error""#));
        assert!(page.contains("Le nombre de places est un nombre entre 1 et 200."));

        assert_eq!(catalogue_size(&app).await, before, "nothing written");
        assert_eq!(audit_count(&app, "workshop_type_created").await, 0);

        // Renaming a workshop to another's title is refused too.
        let first = workshop_type::Entity::find()
            .filter(workshop_type::Column::Title.eq("Confiance en soi"))
            .one(&app.db)
            .await
            .expect("a query")
            .expect("another workshop");
        let mut form = workshop("Mon CV en une page");
        form.push(("id", first.id.to_string()));
        let response = app
            .call(
                server_fn_path::<UpdateWorkshopType>(),
                &form,
                Some(&counsellor),
            )
            .await;
        support::assert_refused(response, 400, "Un atelier porte déjà ce titre.").await;
        let unchanged = workshop_type::Entity::find_by_id(first.id)
            .one(&app.db)
            .await
            .expect("a query")
            .expect("still there");
        assert_eq!(unchanged, first);
        assert_eq!(audit_count(&app, "workshop_type_updated").await, 0);
    }
);

on_both_databases!(
    an_archived_workshop_stays_listed_with_its_sessions,
    Seed::Empty,
    |app: TestApp| async move {
        let Catalogue { counsellor, cv, .. } = catalogue(&app).await;
        let cv = workshop_type::Entity::find_by_id(cv)
            .one(&app.db)
            .await
            .expect("a query")
            .expect("the CV workshop");
        let sessions = workshop_session::Entity::find()
            .filter(workshop_session::Column::WorkshopTypeId.eq(cv.id))
            .count(&app.db)
            .await
            .expect("a count");
        assert_eq!(sessions, 2, "two CV sessions are planned");

        let archived = app
            .submit(
                server_fn_path::<ArchiveWorkshopType>(),
                &format!("/catalogue/{}", cv.id),
                &[("id", cv.id.to_string())],
                Some(&counsellor),
            )
            .await;
        assert_eq!(archived.status(), 302);
        assert_eq!(
            archived.headers()["location"],
            format!("/catalogue/{}?archive=1", cv.id).as_str()
        );
        let after = workshop_type::Entity::find_by_id(cv.id)
            .one(&app.db)
            .await
            .expect("a query")
            .expect("still there");
        assert!(after.archived_at.is_some());
        assert_eq!(
            workshop_session::Entity::find()
                .filter(workshop_session::Column::WorkshopTypeId.eq(cv.id))
                .count(&app.db)
                .await
                .expect("a count"),
            sessions,
            "its sessions stay"
        );

        // Listed last, marked archived, with its sessions counted.
        let listed = app
            .call(
                server_fn_path::<ListWorkshopTypes>(),
                &[],
                Some(&counsellor),
            )
            .await;
        assert_eq!(listed.status(), 200);
        let listed: Vec<shared::domain::WorkshopTypeSummary> = listed.json().await.expect("JSON");
        let last = listed.last().expect("a catalogue");
        assert_eq!(last.id, cv.id);
        assert!(last.archived);
        assert_eq!(last.session_count, sessions);
        assert!(listed[..listed.len() - 1].iter().all(|t| !t.archived));

        let page = app
            .get_as("/catalogue", Some(&counsellor))
            .await
            .text()
            .await
            .expect("a page");
        let item = page
            .split(r#"data-test="workshop-type-item""#)
            .find(|item| item.contains(&format!(r#"href="/catalogue/{}""#, cv.id)))
            .expect("the archived workshop is listed");
        assert!(item.contains(r#"data-archived="true""#), "{item}");
        assert!(item.contains(">archivé</span>"), "{item}");
        let detail = app
            .get_as(
                &format!("/catalogue/{}?archive=1", cv.id),
                Some(&counsellor),
            )
            .await
            .text()
            .await
            .expect("a page");
        assert!(detail.contains("Atelier archivé"));
        assert!(detail.contains(r#"data-test="restore-form""#));

        // Archiving twice changes nothing; restoring offers it again.
        let again = app
            .call(
                server_fn_path::<ArchiveWorkshopType>(),
                &[("id", cv.id.to_string())],
                Some(&counsellor),
            )
            .await;
        assert_eq!(again.status(), 200);
        assert_eq!(audit_count(&app, "workshop_type_archived").await, 1);
        let restored = app
            .call(
                server_fn_path::<RestoreWorkshopType>(),
                &[("id", cv.id.to_string())],
                Some(&counsellor),
            )
            .await;
        assert_eq!(restored.status(), 200);
        assert!(
            workshop_type::Entity::find_by_id(cv.id)
                .one(&app.db)
                .await
                .expect("a query")
                .expect("still there")
                .archived_at
                .is_none()
        );
        assert_eq!(audit_count(&app, "workshop_type_restored").await, 1);
    }
);

on_both_databases!(
    youths_facilitators_and_visitors_cannot_touch_the_catalogue,
    Seed::Empty,
    |app: TestApp| async move {
        let Catalogue {
            counsellor_id,
            counsellor,
            cv,
            ..
        } = catalogue(&app).await;
        let youth = builders::youth(counsellor_id).insert(&app).await;
        let facilitator = builders::facilitator(&app, "Karim", "Amrani").await;
        let cv = workshop_type::Entity::find_by_id(cv)
            .one(&app.db)
            .await
            .expect("a query")
            .expect("the CV workshop");
        let before = catalogue_size(&app).await;
        for (who, session, expected) in [
            ("youth", Some(app.session_for(youth).await), 403),
            ("facilitator", Some(app.session_for(facilitator).await), 403),
            ("visitor", None, 401),
        ] {
            let created = app
                .call(
                    server_fn_path::<CreateWorkshopType>(),
                    &workshop("Atelier interdit"),
                    session.as_deref(),
                )
                .await;
            assert_eq!(created.status(), expected, "{who} creating");
            let archived = app
                .call(
                    server_fn_path::<ArchiveWorkshopType>(),
                    &[("id", cv.id.to_string())],
                    session.as_deref(),
                )
                .await;
            assert_eq!(archived.status(), expected, "{who} archiving");
            for page in [
                "/catalogue",
                "/catalogue/nouveau",
                &format!("/catalogue/{}", cv.id),
            ] {
                let response = app.get_as(page, session.as_deref()).await;
                assert_eq!(response.status(), expected, "{who} on {page}");
            }
            let home = app
                .get_as("/ateliers", session.as_deref())
                .await
                .text()
                .await
                .expect("a page");
            assert!(
                !home.contains(r#"data-test="nav-catalogue""#),
                "{who}'s header"
            );
        }
        assert_eq!(catalogue_size(&app).await, before);
        assert!(
            workshop_type::Entity::find_by_id(cv.id)
                .one(&app.db)
                .await
                .expect("a query")
                .expect("still there")
                .archived_at
                .is_none()
        );

        // Staff see the link in their header.
        let page = app
            .get_as("/ateliers", Some(&counsellor))
            .await
            .text()
            .await
            .expect("a page");
        assert!(page.contains(r#"href="/catalogue" data-test="nav-catalogue""#));
    }
);
