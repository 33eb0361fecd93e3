//! Individual contacts, on SQLite and on PostgreSQL: a counsellor records a call and an interview
//! on a youth's file (with and without JavaScript), they count in the path month by month and in
//! the figures by kind, the youth sees when and how on their home page (never the subject), bad
//! input changes nothing, another Mission Locale cannot record; and a recorded call ends a gap
//! without contact, so the referent's alert names only the youth nobody saw.

use crate::support;

use app::server_fns::{LoadHome, RecordIndividualContact, ViewDashboard, ViewYouth};
use chrono::{Duration, NaiveDate};
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, PaginatorTrait, Set};
use shared::domain::{ContactKind, Dashboard, Home, PARIS, PersonId, YouthDetails};
use shared::entities::{individual_contact, youth};
use support::federation::federation;
use support::{Seed, TestApp, builders, server_fn_path};

fn today() -> NaiveDate {
    support::now().with_timezone(&PARIS).date_naive()
}

fn contact_form(
    youth_id: PersonId,
    kind: &str,
    day: NaiveDate,
    minutes: u32,
    subject: &str,
) -> Vec<(&'static str, String)> {
    vec![
        ("id", youth_id.to_string()),
        ("contact[kind]", kind.to_owned()),
        ("contact[day]", day.format("%Y-%m-%d").to_string()),
        ("contact[minutes]", minutes.to_string()),
        ("contact[subject]", subject.to_owned()),
    ]
}

async fn record(
    app: &TestApp,
    session: &str,
    form: &[(&'static str, String)],
) -> reqwest::Response {
    app.call(
        server_fn_path::<RecordIndividualContact>(),
        form,
        Some(session),
    )
    .await
}

async fn contacts_stored(app: &TestApp) -> u64 {
    individual_contact::Entity::find()
        .count(&app.db)
        .await
        .unwrap()
}

async fn json<T: serde::de::DeserializeOwned>(response: reqwest::Response) -> T {
    let status = response.status();
    let body = response.text().await.unwrap();
    assert_eq!(status, 200, "{body}");
    serde_json::from_str(&body).unwrap()
}

on_both_databases!(
    a_counsellor_records_contacts_that_count_in_the_path_the_figures_and_the_youths_page,
    Seed::Empty,
    |app: TestApp| async move {
        let fed = builders::small_federation(&app).await;
        let counsellor = fed.counsellor.session(&app).await;
        let youth_id = fed.youth;
        let today = today();

        // Without JavaScript: the form posts and the page comes back with its notice.
        let call_day = today - Duration::days(2);
        let response = app
            .submit(
                server_fn_path::<RecordIndividualContact>(),
                &format!("/jeunes/{youth_id}"),
                &contact_form(
                    youth_id,
                    "phone",
                    call_day,
                    20,
                    "Point sur la recherche de stage",
                ),
                Some(&counsellor),
            )
            .await;
        assert!(response.status().is_redirection(), "{}", response.status());
        assert_eq!(
            response.headers()["location"],
            format!("/jeunes/{youth_id}?contact=1#parcours").as_str()
        );
        // With JavaScript: the same server function, answered in JSON.
        let response = record(
            &app,
            &counsellor,
            &contact_form(
                youth_id,
                "in_person",
                today,
                45,
                "Préparation de l'entretien",
            ),
        )
        .await;
        assert!(response.status().is_success() || response.status().is_redirection());
        assert_eq!(contacts_stored(&app).await, 2);

        // The path counts them in their month, with who recorded them.
        let file: YouthDetails = json(
            app.call(
                server_fn_path::<ViewYouth>(),
                &[("id", youth_id.to_string())],
                Some(&counsellor),
            )
            .await,
        )
        .await;
        assert_eq!(file.path.individual_contacts, 2);
        let recorded: Vec<(ContactKind, &str, &str)> = file
            .path
            .months
            .iter()
            .flat_map(|month| &month.individual_contacts)
            .map(|contact| {
                (
                    contact.kind,
                    contact.subject.as_str(),
                    contact.recorded_by.as_str(),
                )
            })
            .collect();
        assert!(recorded.contains(&(
            ContactKind::Phone,
            "Point sur la recherche de stage",
            "Ingrid Martin"
        )));
        let month_total: u32 = file.path.months.iter().map(|month| month.contacts).sum();
        assert_eq!(month_total, 2);
        assert_eq!(
            file.path.last_contact,
            Some(shared::domain::format_day(today))
        );
        assert_eq!(file.path.weeks_without_contact, 0);
        let page = app
            .get_as(&format!("/jeunes/{youth_id}"), Some(&counsellor))
            .await
            .text()
            .await
            .unwrap();
        assert!(page.contains("data-test=\"path-contact\""));
        assert!(page.contains("Appel téléphonique"));
        assert!(page.contains("data-test=\"contact-form\""));

        // Bad input: a French message, nothing stored.
        for (form, words) in [
            (
                contact_form(youth_id, "phone", today + Duration::days(1), 20, "Relance"),
                "futur",
            ),
            (
                contact_form(youth_id, "fax", today, 20, "Relance"),
                "type de contact",
            ),
            (
                contact_form(youth_id, "phone", today, 600, "Relance"),
                "minutes",
            ),
            (
                contact_form(youth_id, "phone", today, 20, &"détail ".repeat(30)),
                "une ligne",
            ),
        ] {
            support::assert_refused(record(&app, &counsellor, &form).await, 400, words).await;
        }
        assert_eq!(contacts_stored(&app).await, 2);

        // Another Mission Locale's counsellor cannot, nor the youth.
        let pantin = builders::mission_locale(&app, "Pantin").await;
        let other = builders::counsellor(pantin.id)
            .named("Karim", "Haddad")
            .insert(&app)
            .await
            .session(&app)
            .await;
        let form = contact_form(youth_id, "video", today, 30, "Bilan");
        assert_eq!(record(&app, &other, &form).await.status(), 404);
        let youth_session = app.session_for(youth_id).await;
        assert_eq!(record(&app, &youth_session, &form).await.status(), 403);
        assert_eq!(contacts_stored(&app).await, 2);

        // The youth sees when and how, newest first, never the subject.
        let home: Home = json(
            app.call(server_fn_path::<LoadHome>(), &[], Some(&youth_session))
                .await,
        )
        .await;
        let Home::Youth { my_contacts, .. } = home else {
            panic!("a youth's home");
        };
        let seen: Vec<(String, ContactKind)> = my_contacts
            .into_iter()
            .map(|contact| (contact.day, contact.kind))
            .collect();
        assert_eq!(
            seen,
            [
                (shared::domain::format_day(today), ContactKind::InPerson),
                (shared::domain::format_day(call_day), ContactKind::Phone),
            ]
        );
        let page = app
            .get_as("/accueil", Some(&youth_session))
            .await
            .text()
            .await
            .unwrap();
        assert!(page.contains("Entretien en personne"));
        assert!(!page.contains("recherche de stage"));

        // The figures count them by kind, for the youth's Mission Locale only.
        let fields = |mission_locale: String| {
            vec![
                ("form[mission_locale]", mission_locale),
                ("form[from]", String::new()),
                ("form[to]", String::new()),
            ]
        };
        let dashboard: Dashboard = json(
            app.call(
                server_fn_path::<ViewDashboard>(),
                &fields(String::new()),
                Some(&counsellor),
            )
            .await,
        )
        .await;
        let counts: Vec<(Option<ContactKind>, u32, u32)> = dashboard
            .individual_contacts
            .iter()
            .map(|row| (row.kind, row.contacts, row.youths))
            .collect();
        assert_eq!(
            counts,
            [
                (Some(ContactKind::InPerson), 1, 1),
                (Some(ContactKind::Phone), 1, 1),
                (Some(ContactKind::Video), 0, 0),
                (Some(ContactKind::Message), 0, 0),
                (None, 2, 1),
            ]
        );
        assert_eq!(dashboard.individual_contacts[4].duration, "1 h 05");
        let coordinator = fed.coordinator.session(&app).await;
        let elsewhere: Dashboard = json(
            app.call(
                server_fn_path::<ViewDashboard>(),
                &fields(pantin.id.to_string()),
                Some(&coordinator),
            )
            .await,
        )
        .await;
        assert_eq!(elsewhere.individual_contacts[4].contacts, 0);

        // An archived file takes no more contacts.
        let mut archived = shared::entities::person::Entity::find_by_id(youth_id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .into_active_model();
        archived.archived_at = Set(Some(support::now()));
        archived.update(&app.db).await.unwrap();
        support::assert_refused(record(&app, &counsellor, &form).await, 400, "archivée").await;
        assert_eq!(contacts_stored(&app).await, 2);
    }
);

on_both_databases!(
    a_recorded_call_ends_the_gap_so_the_referent_is_not_alerted,
    Seed::Empty,
    |app: TestApp| async move {
        let fed = federation(&app).await;
        let [(ingrid, ingrid_email), _] = fed.counsellors.clone();
        let today = today();
        let entered = today - Duration::weeks(10);
        let mut youths = Vec::new();
        for name in [("Lina", "Silent"), ("Yanis", "Called")] {
            let id = builders::youth(ingrid)
                .named(name.0, name.1)
                .insert(&app)
                .await;
            let mut file = youth::Entity::find_by_id(id)
                .one(&app.db)
                .await
                .unwrap()
                .unwrap()
                .into_active_model();
            file.programme_entry_date = Set(entered);
            file.update(&app.db).await.unwrap();
            youths.push(id);
        }
        let [silent, called] = youths.try_into().unwrap();
        let counsellor = app.session_for(ingrid).await;
        let call_day = today - Duration::weeks(1);
        let response = record(
            &app,
            &counsellor,
            &contact_form(called, "phone", call_day, 15, "Nouvelles de la formation"),
        )
        .await;
        assert!(response.status().is_success() || response.status().is_redirection());

        let mail_settings = app.mail_settings();
        let pass = |now| shared::services::send_no_contact_alerts(&app.db, &mail_settings, 4, now);
        let queued = pass(support::now()).await.unwrap();
        assert_eq!(
            (queued.mails, queued.youths),
            (1, 1),
            "only Lina is alerted"
        );
        let mut seen = 0;
        let mail = app.next_mail(&mut seen, 1).await.remove(0);
        assert_eq!(mail.envelope_to, [ingrid_email]);
        assert_eq!(
            mail.subject,
            "Sans nouvelles de Lina Silent depuis 10 semaines"
        );
        assert!(!mail.text.contains("Yanis"));
        assert!(!mail.text.contains(&format!("/jeunes/{called}")));
        assert!(mail.text.contains(&format!("/jeunes/{silent}")));

        // Four weeks after the call without anything else, the gap alerts, dated by the call.
        let later = support::now() + Duration::weeks(3) + Duration::days(1);
        let queued = pass(later).await.unwrap();
        assert_eq!((queued.mails, queued.youths), (1, 1));
        app.deliver_at(later).await;
        let mail = app.next_mail(&mut seen, 1).await.remove(0);
        assert_eq!(
            mail.subject,
            "Sans nouvelles de Yanis Called depuis 4 semaines"
        );
        assert!(mail.text.contains(&format!(
            "Dernier contact : {}, appel téléphonique",
            shared::domain::format_day(call_day)
        )));
    }
);
