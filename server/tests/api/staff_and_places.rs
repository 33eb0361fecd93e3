//! Coordinators open and close staff accounts; staff keep their sites' details and rooms.
//! Each test runs on SQLite and on PostgreSQL.

use crate::support;

use std::time::Duration;

use app::server_fns::{AddRoom, ArchiveStaffMember, CreateStaffMember, ResetPassword};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use shared::entities::{room, site, staff_member};
use support::{Seed, TestApp, server_fn_path, session_cookie_set};

async fn first_staff(app: &TestApp, role: &str) -> staff_member::Model {
    staff_member::Entity::find()
        .filter(staff_member::Column::Role.eq(role))
        .order_by_asc(staff_member::Column::PersonId)
        .one(&app.db)
        .await
        .expect("a query")
        .expect("a staff member")
}

on_both_databases!(
    a_new_counsellor_chooses_a_password_from_the_welcome_mail,
    Seed::Demo,
    |app: TestApp| async move {
        let coordinator = app
            .session_for(first_staff(&app, "coordinator").await.person_id)
            .await;
        let counsellor = first_staff(&app, "counsellor").await;
        let form = |email: &str, ml: String| {
            vec![
                ("staff[first_name]", "Ingrid".to_owned()),
                ("staff[last_name]", "Martin".to_owned()),
                ("staff[email]", email.to_owned()),
                ("staff[role]", "counsellor".to_owned()),
                ("staff[mission_locale_id]", ml),
            ]
        };
        let ml = counsellor.mission_locale_id.expect("an ML").to_string();
        let refused = app
            .call(
                server_fn_path::<CreateStaffMember>(),
                &form("ingrid.martin@ml93.example", String::new()),
                Some(&coordinator),
            )
            .await;
        assert_eq!(refused.status(), 400);
        assert!(
            refused
                .text()
                .await
                .expect("a body")
                .contains("Mission Locale")
        );

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
                &[("id", counsellor.person_id.to_string())],
                Some(&coordinator),
            )
            .await;
        assert_eq!(archived.status(), 400);
        assert!(archived.text().await.expect("a body").contains("référent"));
        let still_in = app.session_for(counsellor.person_id).await;
        assert_eq!(app.get_as("/accueil", Some(&still_in)).await.status(), 200);
    }
);

on_both_databases!(
    staff_add_rooms_to_their_sites_with_a_sensible_capacity,
    Seed::Demo,
    |app: TestApp| async move {
        let counsellor = first_staff(&app, "counsellor").await;
        let session = app.session_for(counsellor.person_id).await;
        let site = site::Entity::find()
            .filter(site::Column::MissionLocaleId.eq(counsellor.mission_locale_id))
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
