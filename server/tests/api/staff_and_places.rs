//! Coordinators open and close staff accounts; staff keep their sites' details and rooms.
//! Each test runs on SQLite and on PostgreSQL.

use crate::support;

use std::time::Duration;

use app::server_fns::{AddRoom, ArchiveStaffMember, CreateStaffMember, ResetPassword};
use sea_orm::{EntityTrait, PaginatorTrait};
use shared::entities::{room, site};
use support::{Seed, TestApp, builders, server_fn_path, session_cookie_set};

/// A counsellor of a new Mission Locale who follows a youth.
async fn counsellor_with_a_youth(app: &TestApp) -> (builders::Staff, builders::MissionLocale) {
    let ml = builders::mission_locale(app, "Bondy").await;
    let counsellor = builders::counsellor(ml.id)
        .named("Karim", "Haddad")
        .insert(app)
        .await;
    builders::youth(counsellor.id).insert(app).await;
    (counsellor, ml)
}

on_both_databases!(
    a_new_counsellor_chooses_a_password_from_the_welcome_mail,
    Seed::Empty,
    |app: TestApp| async move {
        let coordinator = builders::coordinator()
            .insert(&app)
            .await
            .session(&app)
            .await;
        let (counsellor, ml) = counsellor_with_a_youth(&app).await;
        let form = |email: &str, ml: String| {
            vec![
                ("staff[first_name]", "Ingrid".to_owned()),
                ("staff[last_name]", "Martin".to_owned()),
                ("staff[email]", email.to_owned()),
                ("staff[role]", "counsellor".to_owned()),
                ("staff[mission_locale_id]", ml),
            ]
        };
        let ml = ml.id.to_string();
        let refused = app
            .call(
                server_fn_path::<CreateStaffMember>(),
                &form("ingrid.martin@ml93.example", String::new()),
                Some(&coordinator),
            )
            .await;
        support::assert_refused(refused, 400, "Mission Locale").await;

        let created = app
            .call(
                server_fn_path::<CreateStaffMember>(),
                &form("ingrid.martin@ml93.example", ml),
                Some(&coordinator),
            )
            .await;
        assert_eq!(created.status(), 200);
        let messages = app.mail.wait_for(1, Duration::from_secs(10)).await;
        let raw = &messages[0].raw;
        assert!(raw.contains("ingrid.martin@ml93.example"));
        let parsed = mail_parser::MessageParser::default()
            .parse(raw.as_bytes())
            .expect("a message");
        let body = parsed.body_text(0).expect("a body").into_owned();
        assert!(
            !body.to_lowercase().contains("mot de passe :"),
            "no password by mail"
        );
        let start = body.find("/mot-de-passe/").expect("a link") + "/mot-de-passe/".len();
        let token = body[start..].split_whitespace().next().expect("a token");
        let chosen = app
            .call(
                server_fn_path::<ResetPassword>(),
                &[
                    ("token", token.to_owned()),
                    ("password", "mon tout premier mot de passe".into()),
                    (
                        "password_confirmation",
                        "mon tout premier mot de passe".into(),
                    ),
                ],
                None,
            )
            .await;
        assert_eq!(chosen.status(), 200);
        let session = session_cookie_set(&chosen).expect("signed in");
        let home = app.get_as("/accueil", Some(&session)).await;
        assert_eq!(home.status(), 200);
        assert!(
            home.text()
                .await
                .expect("a page")
                .contains("Bonjour Ingrid")
        );

        // A counsellor who still follows youths cannot be archived; nothing changes.
        let archived = app
            .call(
                server_fn_path::<ArchiveStaffMember>(),
                &[("id", counsellor.id.to_string())],
                Some(&coordinator),
            )
            .await;
        support::assert_refused(archived, 400, "référent").await;
        let still_in = app.session_for(counsellor.id).await;
        assert_eq!(app.get_as("/accueil", Some(&still_in)).await.status(), 200);
    }
);

on_both_databases!(
    staff_add_rooms_to_their_sites_with_a_sensible_capacity,
    Seed::Empty,
    |app: TestApp| async move {
        let (counsellor, ml) = counsellor_with_a_youth(&app).await;
        let session = counsellor.session(&app).await;
        let site = site::Entity::find_by_id(ml.site)
            .one(&app.db)
            .await
            .expect("a query")
            .expect("a site");
        let rooms = room::Entity::find().count(&app.db).await.expect("count");
        for capacity in ["0", "500", "douze"] {
            let response = app
                .call(
                    server_fn_path::<AddRoom>(),
                    &[
                        ("site_id", site.id.to_string()),
                        ("room[name]", "Salle neuve".into()),
                        ("room[capacity]", capacity.into()),
                    ],
                    Some(&session),
                )
                .await;
            assert_eq!(response.status(), 400, "{capacity}");
            assert!(
                response
                    .text()
                    .await
                    .expect("a body")
                    .contains("entre 1 et 200")
            );
        }
        assert_eq!(
            room::Entity::find().count(&app.db).await.expect("count"),
            rooms
        );

        let added = app
            .call(
                server_fn_path::<AddRoom>(),
                &[
                    ("site_id", site.id.to_string()),
                    ("room[name]", "Salle neuve".into()),
                    ("room[capacity]", "14".into()),
                ],
                Some(&session),
            )
            .await;
        assert_eq!(added.status(), 200);
        let page = app.get_as("/lieux", Some(&session)).await;
        assert_eq!(page.status(), 200);
        assert!(
            page.text()
                .await
                .expect("a page")
                .contains("Salle neuve — 14 places")
        );
    }
);
