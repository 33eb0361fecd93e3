//! People and access through HTTP, as a browser does it: staff sign in with a password, create
//! youths and facilitators, who sign in with the link they receive by mail. Bad input is
//! refused in French and writes nothing; the hardening (cookies, CSRF, rate limits, audit log)
//! is checked on the real server. Each test runs on SQLite and on PostgreSQL.

use crate::support;

use std::time::Duration;

use app::server_fns::{
    CreateFacilitator, CreateYouth, RedeemSignInLink, RequestPasswordReset, RequestSignInLink,
    ResetPassword, SignInWithPassword, SignOut, UpdateYouth, ViewYouth,
};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use shared::domain::{MissionLocaleId, PersonId, YouthDetails};
use shared::entities::{audit_event, login_session, mail_outbox, person, staff_member, youth};
use support::builders::{self, PASSWORD};
use support::{Seed, TestApp, server_fn_path, session_cookie_set};

/// A counsellor who is neither a specialist nor anyone's special case, with a password
/// ([`builders::PASSWORD`]): their id, address and Mission Locale.
async fn a_counsellor(app: &TestApp) -> (PersonId, String, MissionLocaleId) {
    let ml = builders::mission_locale(app, "Bondy").await;
    let counsellor = builders::counsellor(ml.id)
        .with_password()
        .insert(app)
        .await;
    (counsellor.id, counsellor.email, ml.id)
}

/// Signs in through the sign-in form, as a browser without JavaScript would.
async fn sign_in(app: &TestApp, email: &str, password: &str) -> reqwest::Response {
    app.submit(
        server_fn_path::<SignInWithPassword>(),
        "/connexion",
        &[
            ("email", email.to_owned()),
            ("password", password.to_owned()),
        ],
        None,
    )
    .await
}

fn ines(email: &str) -> Vec<(&'static str, String)> {
    vec![
        ("youth[first_name]", "Inès".into()),
        ("youth[last_name]", "Kaci".into()),
        ("youth[date_of_birth]", "2007-03-14".into()),
        ("youth[gender]", "female".into()),
        ("youth[email]", email.into()),
        ("youth[phone]", "06 12 34 56 78".into()),
        ("youth[referent_id]", String::new()),
        ("youth[programme_entry_date]", "2026-11-02".into()),
    ]
}

/// The token of the newest link mailed to `to` (the sink has every message the app sent).
async fn link_sent_to(app: &TestApp, to: &str, path: &str, count: usize) -> String {
    let messages = app.mail.wait_for(count, Duration::from_secs(10)).await;
    let message = messages
        .iter()
        .rev()
        .find(|message| message.envelope_to.iter().any(|address| address == to))
        .unwrap_or_else(|| panic!("no mail to {to}"));
    let parsed = mail_parser::MessageParser::default()
        .parse(message.raw.as_bytes())
        .expect("a message");
    let body = parsed.body_text(0).expect("a text body").into_owned();
    let marker = format!("/{path}/");
    let start = body.find(&marker).expect("a link") + marker.len();
    body[start..]
        .split_whitespace()
        .next()
        .expect("a token")
        .to_owned()
}

on_both_databases!(
    a_counsellor_creates_a_youth_who_signs_in_from_the_welcome_mail,
    Seed::Empty,
    |app: TestApp| async move {
        let (counsellor, email, _) = a_counsellor(&app).await;
        let response = sign_in(&app, &email, PASSWORD).await;
        assert_eq!(response.status(), 302);
        assert_eq!(response.headers()["location"], "/accueil");
        let cookie = response
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|value| value.to_str().ok())
            .find(|cookie| cookie.starts_with("ateliers_session="))
            .expect("a session cookie")
            .to_owned();
        assert!(cookie.contains("HttpOnly"), "{cookie}");
        assert!(cookie.contains("SameSite=Lax"), "{cookie}");
        assert!(!cookie.contains("Secure"), "plain http in tests: {cookie}");
        let staff_session = session_cookie_set(&response).expect("a token");

        let home = app.get_as("/accueil", Some(&staff_session)).await;
        assert_eq!(home.status(), 200);
        let html = home.text().await.expect("a page");
        assert!(html.contains("Mon agenda") && html.contains("Mes jeunes"));

        let created = app
            .submit(
                server_fn_path::<CreateYouth>(),
                "/jeunes/nouveau",
                &ines("ines.kaci@exemple.fr"),
                Some(&staff_session),
            )
            .await;
        let location = support::redirect_location(&created);
        assert!(location.starts_with("/jeunes/"), "{location}");
        let (youth, _) = youth::Entity::find()
            .find_also_related(person::Entity)
            .filter(person::Column::Email.eq("ines.kaci@exemple.fr"))
            .one(&app.db)
            .await
            .expect("a query")
            .expect("the youth");
        assert_eq!(
            youth.referent_id, counsellor,
            "the counsellor is the referent"
        );
        assert_eq!(
            app.get_as(&location, Some(&staff_session)).await.status(),
            200
        );

        // The youth opens the welcome mail's link, taps the button, and lands on their home.
        let token = link_sent_to(&app, "ines.kaci@exemple.fr", "connexion", 1).await;
        let landing = app.get(&format!("/connexion/{token}")).await;
        assert_eq!(landing.status(), 200, "opening the link signs nobody in");
        assert!(session_cookie_set(&landing).is_none());
        let redeemed = app
            .submit(
                server_fn_path::<RedeemSignInLink>(),
                &format!("/connexion/{token}"),
                &[("token", token.clone())],
                None,
            )
            .await;
        assert_eq!(redeemed.status(), 302);
        assert_eq!(redeemed.headers()["location"], "/accueil");
        let youth_session = session_cookie_set(&redeemed).expect("a youth session");
        let html = app
            .get_as("/accueil", Some(&youth_session))
            .await
            .text()
            .await
            .expect("a page");
        assert!(html.contains("Bonjour Inès"), "the youth's home");
        assert!(html.contains("Mes ateliers") && html.contains("Ateliers à venir"));

        // The link worked once.
        let again = app
            .submit(
                server_fn_path::<RedeemSignInLink>(),
                &format!("/connexion/{token}"),
                &[("token", token.clone())],
                None,
            )
            .await;
        let back = again.headers()["location"]
            .to_str()
            .expect("text")
            .to_owned();
        assert!(back.contains("__err="), "{back}");
        let page = app
            .get(back.trim_start_matches(&app.address))
            .await
            .text()
            .await
            .expect("a page");
        assert!(
            page.contains("plus valable"),
            "the page says the link is used up"
        );

        // Who did what is in the audit log.
        let actions: Vec<String> = audit_event::Entity::find()
            .order_by_asc(audit_event::Column::Id)
            .all(&app.db)
            .await
            .expect("events")
            .into_iter()
            .map(|event| event.action)
            .collect();
        assert_eq!(actions, ["sign_in", "youth_created", "sign_in"]);
    }
);

on_both_databases!(
    a_counsellor_adds_a_facilitator_who_signs_in_by_link,
    Seed::Empty,
    |app: TestApp| async move {
        let (counsellor, _, _) = a_counsellor(&app).await;
        let session = app.session_for(counsellor).await;
        let response = app
            .call(
                server_fn_path::<CreateFacilitator>(),
                &[
                    ("facilitator[first_name]", "Léa".into()),
                    ("facilitator[last_name]", "Martin".into()),
                    ("facilitator[organisation]", "Le Bondy Blog".into()),
                    ("facilitator[email]", "lea.martin@bondyblog.example".into()),
                    ("facilitator[phone]", String::new()),
                ],
                Some(&session),
            )
            .await;
        assert_eq!(response.status(), 200);
        let token = link_sent_to(&app, "lea.martin@bondyblog.example", "connexion", 1).await;
        let redeemed = app
            .call(
                server_fn_path::<RedeemSignInLink>(),
                &[("token", token)],
                None,
            )
            .await;
        assert_eq!(redeemed.status(), 200);
        let facilitator_session = session_cookie_set(&redeemed).expect("a session");
        let html = app
            .get_as("/accueil", Some(&facilitator_session))
            .await
            .text()
            .await
            .expect("a page");
        assert!(html.contains("Bonjour Léa") && html.contains("Mes séances"));
        assert_eq!(
            app.get_as("/jeunes", Some(&facilitator_session))
                .await
                .status(),
            403,
            "a facilitator sees no youth"
        );

        // Later, she asks for a new link by typing her address.
        let asked = app
            .call(
                server_fn_path::<RequestSignInLink>(),
                &[("email", "LEA.martin@BondyBlog.example".into())],
                None,
            )
            .await;
        assert_eq!(asked.status(), 200);
        link_sent_to(&app, "lea.martin@bondyblog.example", "connexion", 2).await;
    }
);

on_both_databases!(
    bad_youth_input_is_refused_in_french_and_writes_nothing,
    Seed::Empty,
    |app: TestApp| async move {
        let (counsellor, _, _) = a_counsellor(&app).await;
        let session = app.session_for(counsellor).await;
        let existing = person::Entity::find()
            .filter(person::Column::Email.is_not_null())
            .one(&app.db)
            .await
            .expect("a query")
            .expect("someone")
            .email
            .expect("an email");
        let people = person::Entity::find().count(&app.db).await.expect("count");

        let with = |field: &'static str, value: &str| {
            let mut form = ines("nouvelle.adresse@exemple.fr");
            form.retain(|(name, _)| *name != field);
            form.push((field, value.to_owned()));
            form
        };
        for (form, expected) in [
            (with("youth[email]", "ines@"), "n'est pas valide"),
            (with("youth[date_of_birth]", "2012-01-01"), "16 à 25 ans"),
            (with("youth[date_of_birth]", "1995-01-01"), "16 à 25 ans"),
            (with("youth[email]", &existing), "déjà utilisée"),
            (with("youth[first_name]", "  "), "obligatoire"),
            (with("youth[date_of_birth]", "31/02/2007"), "date valide"),
        ] {
            let response = app
                .call(server_fn_path::<CreateYouth>(), &form, Some(&session))
                .await;
            assert_eq!(response.status(), 400);
            let body = response.text().await.expect("a body");
            assert!(body.contains(expected), "{expected}: {body}");
        }
        assert_eq!(
            person::Entity::find().count(&app.db).await.expect("count"),
            people,
            "nothing written"
        );
        assert_eq!(
            mail_outbox::Entity::find()
                .count(&app.db)
                .await
                .expect("count"),
            0,
            "nothing sent"
        );

        // Without JavaScript the form comes back with the message on the page.
        let refused = app
            .submit(
                server_fn_path::<CreateYouth>(),
                "/jeunes/nouveau",
                &with("youth[email]", "ines@"),
                Some(&session),
            )
            .await;
        let back = support::redirect_location(&refused);
        let page = app
            .get_as(back.trim_start_matches(&app.address), Some(&session))
            .await
            .text()
            .await
            .expect("a page");
        assert!(
            page.contains(r#"data-test="form-error""#) && page.contains("n&#x27;est pas valide")
                || page.contains("n'est pas valide")
        );
    }
);

on_both_databases!(
    sensitive_flags_reach_only_the_referent_and_specialists,
    Seed::Empty,
    |app: TestApp| async move {
        // A youth with a recognised disability, their referent, and the referent's colleagues:
        // a disability specialist and a counsellor who is not one.
        let ml = builders::mission_locale(&app, "Bondy").await;
        let referent = builders::counsellor(ml.id).insert(&app).await;
        builders::counsellor(ml.id)
            .named("Moussa", "Diallo")
            .disability_specialist()
            .insert(&app)
            .await;
        builders::counsellor(ml.id)
            .named("Maëlys", "Nguyen")
            .insert(&app)
            .await;
        let youth = builders::youth(referent.id)
            .disability_recognised()
            .insert(&app)
            .await;
        let youth = youth::Entity::find_by_id(youth)
            .one(&app.db)
            .await
            .expect("a query")
            .expect("a youth");
        let referent = staff_member::Entity::find_by_id(referent.id)
            .one(&app.db)
            .await
            .expect("a query")
            .expect("the referent");
        let colleagues = staff_member::Entity::find()
            .filter(staff_member::Column::MissionLocaleId.eq(referent.mission_locale_id))
            .filter(staff_member::Column::PersonId.ne(referent.person_id))
            .all(&app.db)
            .await
            .expect("colleagues");
        let view_as = |person_id: PersonId| {
            let app = &app;
            async move {
                let session = app.session_for(person_id).await;
                let response = app
                    .call(
                        server_fn_path::<ViewYouth>(),
                        &[("id", youth.person_id.to_string())],
                        Some(&session),
                    )
                    .await;
                assert_eq!(response.status(), 200);
                response.json::<YouthDetails>().await.expect("a file")
            }
        };
        let seen = view_as(referent.person_id).await;
        assert!(seen.disability_visible && seen.form.disability_recognised.is_some());
        for colleague in colleagues {
            let seen = view_as(colleague.person_id).await;
            assert_eq!(
                seen.disability_visible, colleague.disability_specialist,
                "{colleague:?}"
            );
            if !colleague.disability_specialist {
                assert_eq!(
                    seen.form.disability_recognised, None,
                    "not even in the form"
                );
            }
        }

        // A colleague who cannot see the flag cannot clear it by saving the form either.
        let plain = staff_member::Entity::find()
            .filter(staff_member::Column::MissionLocaleId.eq(referent.mission_locale_id))
            .filter(staff_member::Column::PersonId.ne(referent.person_id))
            .filter(staff_member::Column::DisabilitySpecialist.eq(false))
            .one(&app.db)
            .await
            .expect("a query");
        if let Some(plain) = plain {
            let file = view_as(plain.person_id).await;
            let session = app.session_for(plain.person_id).await;
            let form = &file.form;
            let response = app
                .call(
                    server_fn_path::<UpdateYouth>(),
                    &[
                        ("id", youth.person_id.to_string()),
                        ("youth[first_name]", form.first_name.clone()),
                        ("youth[last_name]", form.last_name.clone()),
                        ("youth[date_of_birth]", form.date_of_birth.clone()),
                        ("youth[gender]", form.gender.clone()),
                        ("youth[email]", form.email.clone()),
                        ("youth[phone]", "07 00 00 00 01".into()),
                        ("youth[referent_id]", String::new()),
                        (
                            "youth[programme_entry_date]",
                            form.programme_entry_date.clone(),
                        ),
                        ("youth[version]", form.version.clone()),
                    ],
                    Some(&session),
                )
                .await;
            assert_eq!(response.status(), 200);
            let after = youth::Entity::find_by_id(youth.person_id)
                .one(&app.db)
                .await
                .expect("a query")
                .expect("the youth");
            assert!(after.disability_recognised, "the hidden flag is kept");
            let history = audit_event::Entity::find()
                .filter(audit_event::Column::SubjectId.eq(youth.person_id))
                .one(&app.db)
                .await
                .expect("a query")
                .expect("an event");
            assert!(history.details.contains("téléphone"), "{}", history.details);
        }
    }
);

on_both_databases!(
    sessions_rotate_at_sign_in_and_end_at_sign_out,
    Seed::Empty,
    |app: TestApp| async move {
        let (_, email, _) = a_counsellor(&app).await;
        let first = session_cookie_set(&sign_in(&app, &email, PASSWORD).await).expect("a session");
        // Signing in again from the same browser replaces the session (no fixation).
        let second = app
            .submit(
                server_fn_path::<SignInWithPassword>(),
                "/connexion",
                &[("email", email.clone()), ("password", PASSWORD.into())],
                Some(&first),
            )
            .await;
        let second = session_cookie_set(&second).expect("a new session");
        assert_ne!(first, second);
        assert_eq!(app.get_as("/accueil", Some(&first)).await.status(), 401);
        assert_eq!(app.get_as("/accueil", Some(&second)).await.status(), 200);

        let signed_out = app
            .submit(server_fn_path::<SignOut>(), "/accueil", &[], Some(&second))
            .await;
        assert_eq!(signed_out.status(), 302);
        let cleared = signed_out.headers()["set-cookie"].to_str().expect("text");
        assert!(cleared.contains("Max-Age=0"), "{cleared}");
        assert_eq!(
            app.get_as("/accueil", Some(&second)).await.status(),
            401,
            "a copied cookie dies with the session"
        );

        let wrong = sign_in(&app, &email, "not the password").await;
        assert!(session_cookie_set(&wrong).is_none());
        let back = wrong.headers()["location"]
            .to_str()
            .expect("text")
            .to_owned();
        let page = app
            .get(back.trim_start_matches(&app.address))
            .await
            .text()
            .await
            .expect("a page");
        assert!(page.contains("Adresse e-mail ou mot de passe incorrect."));
    }
);

on_both_databases!(
    a_password_reset_ends_every_other_session,
    Seed::Empty,
    |app: TestApp| async move {
        let (counsellor, email, _) = a_counsellor(&app).await;
        let elsewhere = app.session_for(counsellor).await;
        let asked = app
            .call(
                server_fn_path::<RequestPasswordReset>(),
                &[("email", email.clone())],
                None,
            )
            .await;
        assert_eq!(asked.status(), 200);
        let token = link_sent_to(&app, &email, "mot-de-passe", 1).await;

        let too_short = app
            .call(
                server_fn_path::<ResetPassword>(),
                &[
                    ("token", token.clone()),
                    ("password", "court".into()),
                    ("password_confirmation", "court".into()),
                ],
                None,
            )
            .await;
        support::assert_refused(too_short, 400, "12 caractères").await;

        let new_password = "une phrase assez longue pour 2026";
        let reset = app
            .call(
                server_fn_path::<ResetPassword>(),
                &[
                    ("token", token.clone()),
                    ("password", new_password.into()),
                    ("password_confirmation", new_password.into()),
                ],
                None,
            )
            .await;
        assert_eq!(reset.status(), 200);
        let here = session_cookie_set(&reset).expect("signed in here");
        assert_eq!(app.get_as("/accueil", Some(&elsewhere)).await.status(), 401);
        assert_eq!(app.get_as("/accueil", Some(&here)).await.status(), 200);
        assert!(session_cookie_set(&sign_in(&app, &email, PASSWORD).await).is_none());
        assert!(session_cookie_set(&sign_in(&app, &email, new_password).await).is_some());

        // A reset link is not a sign-in link, and works once.
        let as_sign_in = app
            .call(
                server_fn_path::<RedeemSignInLink>(),
                &[("token", token)],
                None,
            )
            .await;
        assert_eq!(as_sign_in.status(), 400);
        let open = login_session::Entity::find()
            .filter(login_session::Column::PersonId.eq(counsellor))
            .filter(login_session::Column::RevokedAt.is_null())
            .count(&app.db)
            .await
            .expect("count");
        assert_eq!(open, 2, "this browser's, and the last sign-in's");
    }
);

on_both_databases!(
    too_many_attempts_are_refused_with_429_in_french,
    Seed::Empty,
    |app: TestApp| async move {
        let (_, email, _) = a_counsellor(&app).await;
        for _ in 0..5 {
            let response = app
                .call(
                    server_fn_path::<SignInWithPassword>(),
                    &[("email", email.clone()), ("password", "devine".into())],
                    None,
                )
                .await;
            assert_eq!(response.status(), 400);
        }
        let blocked = app
            .call(
                server_fn_path::<SignInWithPassword>(),
                &[("email", email.clone()), ("password", PASSWORD.into())],
                None,
            )
            .await;
        // From the network that failed five times, even the right password waits (and is not
        // checked); the owner elsewhere is not slowed (see tests/rate_limits.rs).
        assert_eq!(blocked.status(), 429, "even the right password waits");
        assert!(
            blocked
                .text()
                .await
                .expect("a body")
                .contains("Trop de mots de passe erronés")
        );

        // In a browser without JavaScript, the sign-in page itself answers 429.
        let refused = sign_in(&app, &email, PASSWORD).await;
        let back = refused.headers()["location"]
            .to_str()
            .expect("text")
            .to_owned();
        let page = app.get(back.trim_start_matches(&app.address)).await;
        assert_eq!(page.status(), 429);
        assert!(
            page.text()
                .await
                .expect("a page")
                .contains("Trop de mots de passe erronés")
        );

        // Link requests are limited per address too, with the same answer for all.
        for _ in 0..5 {
            let response = app
                .call(
                    server_fn_path::<RequestSignInLink>(),
                    &[("email", "quelqu.un@exemple.fr".into())],
                    None,
                )
                .await;
            assert_eq!(response.status(), 200);
        }
        let response = app
            .call(
                server_fn_path::<RequestSignInLink>(),
                &[("email", "quelqu.un@exemple.fr".into())],
                None,
            )
            .await;
        assert_eq!(response.status(), 429);
    }
);

on_both_databases!(
    requests_from_other_sites_are_refused,
    Seed::Empty,
    |app: TestApp| async move {
        let (counsellor, _, _) = a_counsellor(&app).await;
        let session = app.session_for(counsellor).await;
        let people = person::Entity::find().count(&app.db).await.expect("count");
        let url = format!("{}{}", app.address, server_fn_path::<CreateYouth>());
        for origin in [Some("https://evil.example"), None] {
            let mut request = app
                .client
                .post(&url)
                .header("Cookie", format!("ateliers_session={session}"))
                .header("Accept", "text/html")
                .form(&ines("forged@exemple.fr"));
            if let Some(origin) = origin {
                request = request.header("Origin", origin);
            }
            let response = request.send().await.expect("an answer");
            assert_eq!(response.status(), 403, "{origin:?}");
            assert!(
                response
                    .text()
                    .await
                    .expect("a body")
                    .contains("Demande refusée")
            );
        }
        assert_eq!(
            person::Entity::find().count(&app.db).await.expect("count"),
            people
        );
    }
);
