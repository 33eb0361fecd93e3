//! Who may change what on people's files (issue 17, items 5, 6, 7 and three of 9), through HTTP on
//! SQLite and PostgreSQL: the referent and the sensitive flags' history, an email change that
//! spends the old links and sessions and tells the old address, the guest facilitators kept by
//! the Mission Locales they work for (with a restore), the failed-mail list, the promotion
//! refusal that names nobody, and two saves of one youth's file.

use crate::support;

use std::time::Duration;

use app::server_fns::{
    ArchiveFacilitator, CreateFacilitator, CreateStaffMember, CreateYouth, ListFailedMail,
    PromoteFromWaitingList, RedeemSignInLink, RemoveEnrolment, ResendFailedMail, ResetPassword,
    RestoreFacilitator, UpdateFacilitator, UpdateStaffMember, UpdateYouth, ViewFacilitator,
    ViewYouth,
};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use shared::domain::{
    FailedMail, MissionLocaleId, PersonId, SessionId, Theme, WorkshopTypeId, YouthDetails,
    YouthForm,
};
use shared::entities::{audit_event, facilitator, mail_outbox, person, session_facilitator, youth};
use support::{Seed, TestApp, builders, server_fn_path, session_cookie_set};

/// A Mission Locale with two plain counsellors and a disability specialist, a youth followed by
/// the first of them, a plain counsellor in another Mission Locale, a coordinator, and a
/// workshop they may plan.
struct Team {
    mission_locale: builders::MissionLocale,
    referent: PersonId,
    colleague: PersonId,
    specialist: PersonId,
    other_mission_locale: builders::MissionLocale,
    elsewhere: PersonId,
    coordinator: PersonId,
    youth: PersonId,
    workshop: WorkshopTypeId,
}

async fn team(app: &TestApp) -> Team {
    let ml = builders::mission_locale(app, "Bondy").await;
    let other_ml = builders::mission_locale(app, "Pantin").await;
    let referent = builders::counsellor(ml.id).insert(app).await.id;
    let counsellor =
        |ml: MissionLocaleId, first: &str, last: &str| builders::counsellor(ml).named(first, last);
    Team {
        referent,
        colleague: counsellor(ml.id, "Karim", "Haddad").insert(app).await.id,
        specialist: counsellor(ml.id, "Moussa", "Diallo")
            .disability_specialist()
            .insert(app)
            .await
            .id,
        elsewhere: counsellor(other_ml.id, "Maëlys", "Nguyen")
            .insert(app)
            .await
            .id,
        coordinator: builders::coordinator().insert(app).await.id,
        youth: builders::youth(referent).insert(app).await,
        workshop: builders::workshop(app, "Mon CV en une page", Theme::Cv).await,
        mission_locale: ml,
        other_mission_locale: other_ml,
    }
}

async fn view_youth(app: &TestApp, session: &str, id: PersonId) -> YouthDetails {
    let response = app
        .call(
            server_fn_path::<ViewYouth>(),
            &[("id", id.to_string())],
            Some(session),
        )
        .await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

/// The fields of the edit form as `form` fills them in (the hidden version included).
fn youth_fields(id: PersonId, form: &YouthForm) -> Vec<(&'static str, String)> {
    let mut fields = vec![
        ("id", id.to_string()),
        ("youth[first_name]", form.first_name.clone()),
        ("youth[last_name]", form.last_name.clone()),
        ("youth[date_of_birth]", form.date_of_birth.clone()),
        ("youth[gender]", form.gender.clone()),
        ("youth[email]", form.email.clone()),
        ("youth[phone]", form.phone.clone()),
        ("youth[referent_id]", form.referent_id.clone()),
        (
            "youth[programme_entry_date]",
            form.programme_entry_date.clone(),
        ),
        (
            "youth[programme_exit_date]",
            form.programme_exit_date.clone(),
        ),
        ("youth[exit_outcome]", form.exit_outcome.clone()),
        ("youth[version]", form.version.clone()),
    ];
    if form.disability_recognised.is_some() {
        fields.push(("youth[disability_recognised]", "on".into()));
    }
    if form.judicial_supervision.is_some() {
        fields.push(("youth[judicial_supervision]", "on".into()));
    }
    fields
}

async fn youth_row(app: &TestApp, id: PersonId) -> (youth::Model, person::Model) {
    let (youth, person) = youth::Entity::find_by_id(id)
        .find_also_related(person::Entity)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    (youth, person.unwrap())
}

async fn events_about(app: &TestApp, subject: PersonId) -> Vec<audit_event::Model> {
    audit_event::Entity::find()
        .filter(audit_event::Column::SubjectId.eq(subject))
        .order_by_asc(audit_event::Column::Id)
        .all(&app.db)
        .await
        .unwrap()
}

on_both_databases!(
    only_the_referent_or_a_coordinator_changes_the_referent,
    Seed::Empty,
    |app: TestApp| async move {
        let team = team(&app).await;
        youth::Entity::update_many()
            .col_expr(youth::Column::DisabilityRecognised, Expr::value(true))
            .col_expr(youth::Column::JudicialSupervision, Expr::value(true))
            .filter(youth::Column::PersonId.eq(team.youth))
            .exec(&app.db)
            .await
            .unwrap();
        let colleague = app.session_for(team.colleague).await;
        let file = view_youth(&app, &colleague, team.youth).await;
        assert!(!file.disability_visible && !file.judicial_supervision_visible);
        let events = events_about(&app, team.youth).await.len();

        // A colleague names themself referent (and changes the phone): refused, in French,
        // nothing saved.
        let mut form = file.form.clone();
        form.referent_id = team.colleague.to_string();
        form.phone = "07 11 22 33 44".into();
        let refused = app
            .call(
                server_fn_path::<UpdateYouth>(),
                &youth_fields(team.youth, &form),
                Some(&colleague),
            )
            .await;
        assert_eq!(refused.status(), 400);
        let message = refused.text().await.unwrap();
        assert!(
            message.contains("Seul le ou la référent·e"),
            "a French refusal: {message}"
        );
        let (row, person) = youth_row(&app, team.youth).await;
        assert_eq!(row.referent_id, team.referent, "the referent is kept");
        assert_ne!(
            person.phone.as_deref(),
            Some("+33711223344"),
            "nothing saved"
        );
        assert_eq!(events_about(&app, team.youth).await.len(), events);
        let again = view_youth(&app, &colleague, team.youth).await;
        assert!(!again.disability_visible && !again.judicial_supervision_visible);
        assert!(
            !again.referent_editable,
            "the colleague is not offered the choice"
        );

        // Keeping the referent as it is, the colleague corrects the phone.
        let mut form = again.form.clone();
        form.phone = "07 11 22 33 44".into();
        let saved = app
            .call(
                server_fn_path::<UpdateYouth>(),
                &youth_fields(team.youth, &form),
                Some(&colleague),
            )
            .await;
        assert_eq!(saved.status(), 200, "{:?}", saved.text().await);
        let (row, person) = youth_row(&app, team.youth).await;
        assert_eq!(row.referent_id, team.referent);
        assert_eq!(person.phone.as_deref(), Some("+33711223344"));

        // The referent hands the youth over to the colleague, who then sees the flags.
        let referent = app.session_for(team.referent).await;
        let file = view_youth(&app, &referent, team.youth).await;
        assert!(file.referent_editable);
        let mut form = file.form.clone();
        form.referent_id = team.colleague.to_string();
        let handed = app
            .call(
                server_fn_path::<UpdateYouth>(),
                &youth_fields(team.youth, &form),
                Some(&referent),
            )
            .await;
        assert_eq!(handed.status(), 200, "{:?}", handed.text().await);
        assert_eq!(
            youth_row(&app, team.youth).await.0.referent_id,
            team.colleague
        );
        let now_referent = view_youth(&app, &colleague, team.youth).await;
        assert!(now_referent.disability_visible && now_referent.judicial_supervision_visible);

        // The former referent may no longer take the youth back; a coordinator may.
        let file = view_youth(&app, &referent, team.youth).await;
        let mut form = file.form.clone();
        form.referent_id = team.referent.to_string();
        let refused = app
            .call(
                server_fn_path::<UpdateYouth>(),
                &youth_fields(team.youth, &form),
                Some(&referent),
            )
            .await;
        assert_eq!(refused.status(), 400);
        let coordinator = app.session_for(team.coordinator).await;
        let taken_back = app
            .call(
                server_fn_path::<UpdateYouth>(),
                &youth_fields(team.youth, &form),
                Some(&coordinator),
            )
            .await;
        assert_eq!(taken_back.status(), 200, "{:?}", taken_back.text().await);
        assert_eq!(
            youth_row(&app, team.youth).await.0.referent_id,
            team.referent
        );

        // Without JavaScript the colleague's page shows the referent as text, not a choice.
        let page = app
            .get_as(&format!("/jeunes/{}", team.youth), Some(&colleague))
            .await
            .text()
            .await
            .unwrap();
        assert!(page.contains(r#"data-test="referent-fixed""#));
        assert!(!page.contains(r#"data-test="referent""#));
        // Its plain form posts the referent back as it is, and saves.
        let mut form = view_youth(&app, &colleague, team.youth).await.form;
        form.version = version_in(&page);
        form.phone = "07 22 33 44 55".into();
        let hidden = format!(
            r#"<input type="hidden" name="youth[referent_id]" value="{}">"#,
            team.referent
        );
        assert!(page.contains(&hidden), "the referent is posted back");
        let saved = app
            .submit(
                server_fn_path::<UpdateYouth>(),
                &format!("/jeunes/{}", team.youth),
                &youth_fields(team.youth, &form),
                Some(&colleague),
            )
            .await;
        assert_eq!(saved.status(), 302);
        assert!(
            !saved.headers()["location"]
                .to_str()
                .unwrap()
                .contains("__err"),
            "saved"
        );
        let (row, person) = youth_row(&app, team.youth).await;
        assert_eq!(row.referent_id, team.referent);
        assert_eq!(person.phone.as_deref(), Some("+33722334455"));
    }
);

on_both_databases!(
    flag_changes_in_the_history_reach_only_those_who_see_the_flag,
    Seed::Empty,
    |app: TestApp| async move {
        let team = team(&app).await;
        // The youth is built with neither flag.
        let referent = app.session_for(team.referent).await;
        // The referent ticks the disability flag and changes the phone, then ticks the other.
        let file = view_youth(&app, &referent, team.youth).await;
        let mut form = file.form.clone();
        form.disability_recognised = Some("on".into());
        form.judicial_supervision = None;
        form.phone = "07 98 76 54 32".into();
        let saved = app
            .call(
                server_fn_path::<UpdateYouth>(),
                &youth_fields(team.youth, &form),
                Some(&referent),
            )
            .await;
        assert_eq!(saved.status(), 200, "{:?}", saved.text().await);
        let file = view_youth(&app, &referent, team.youth).await;
        let mut form = file.form.clone();
        form.judicial_supervision = Some("on".into());
        let saved = app
            .call(
                server_fn_path::<UpdateYouth>(),
                &youth_fields(team.youth, &form),
                Some(&referent),
            )
            .await;
        assert_eq!(saved.status(), 200, "{:?}", saved.text().await);

        let history_of = |person_id: PersonId| {
            let app = &app;
            async move {
                let session = app.session_for(person_id).await;
                view_youth(app, &session, team.youth)
                    .await
                    .history
                    .into_iter()
                    .map(|line| format!("{} | {}", line.action, line.details))
                    .collect::<Vec<_>>()
                    .join("\n")
            }
        };
        for (who, person_id, disability, justice) in [
            ("referent", team.referent, true, true),
            ("coordinator", team.coordinator, true, true),
            ("disability specialist", team.specialist, true, false),
            ("colleague", team.colleague, false, false),
        ] {
            let history = history_of(person_id).await;
            assert!(history.contains("téléphone"), "{who}: {history}");
            assert_eq!(history.contains("handicap"), disability, "{who}: {history}");
            assert_eq!(history.contains("judiciaire"), justice, "{who}: {history}");
        }
        // The line that only changed the justice flag is gone for the colleague, not left empty.
        let session = app.session_for(team.colleague).await;
        let lines = view_youth(&app, &session, team.youth).await.history;
        assert!(
            lines
                .iter()
                .all(|line| line.action != "Fiche modifiée" || !line.details.is_empty()),
            "{lines:?}"
        );
        let page = app
            .get_as(&format!("/jeunes/{}", team.youth), Some(&session))
            .await
            .text()
            .await
            .unwrap();
        assert!(!page.contains("handicap modifiée") && !page.contains("judiciaire modifié"));
    }
);

/// The version the page's plain form posts back (`<input type="hidden" name="youth[version]">`).
fn version_in(page: &str) -> String {
    let marker = r#"name="youth[version]" value=""#;
    let start = page
        .find(marker)
        .expect("a hidden version field in the form")
        + marker.len();
    page[start..].split('"').next().unwrap().to_owned()
}

on_both_databases!(
    the_second_of_two_saves_of_a_youths_file_is_refused,
    Seed::Empty,
    |app: TestApp| async move {
        let team = team(&app).await;
        let path = format!("/jeunes/{}", team.youth);
        let first = app.session_for(team.referent).await;
        let second = app.session_for(team.colleague).await;
        // Both open the file's page; each gets the form with its version.
        let mut forms = Vec::new();
        for session in [&first, &second] {
            let page = app.get_as(&path, Some(session)).await.text().await.unwrap();
            let mut form = view_youth(&app, session, team.youth).await.form;
            assert_eq!(form.version, version_in(&page));
            form.version = version_in(&page);
            forms.push(form);
        }
        forms[0].phone = "07 01 01 01 01".into();
        forms[1].last_name = "Écrasé".into();

        let saved = app
            .submit(
                server_fn_path::<UpdateYouth>(),
                &path,
                &youth_fields(team.youth, &forms[0]),
                Some(&first),
            )
            .await;
        assert_eq!(saved.status(), 302);
        assert_eq!(saved.headers()["location"], format!("{path}?enregistre=1"));
        let events = events_about(&app, team.youth).await.len();

        let refused = app
            .submit(
                server_fn_path::<UpdateYouth>(),
                &path,
                &youth_fields(team.youth, &forms[1]),
                Some(&second),
            )
            .await;
        assert_eq!(refused.status(), 302);
        let back = refused.headers()["location"].to_str().unwrap().to_owned();
        assert!(back.contains("__err="), "{back}");
        let page = app
            .get_as(back.trim_start_matches(&app.address), Some(&second))
            .await
            .text()
            .await
            .unwrap();
        assert!(
            page.contains(r#"data-test="form-error""#) && page.contains("modifié entre-temps"),
            "the page says why"
        );

        let (_, person) = youth_row(&app, team.youth).await;
        assert_eq!(
            person.phone.as_deref(),
            Some("+33701010101"),
            "the first is kept"
        );
        assert_ne!(person.last_name, "Écrasé", "the second saved nothing");
        assert_eq!(events_about(&app, team.youth).await.len(), events);

        // A script gets the same refusal as JSON.
        let refused = app
            .call(
                server_fn_path::<UpdateYouth>(),
                &youth_fields(team.youth, &forms[1]),
                Some(&second),
            )
            .await;
        support::assert_refused(refused, 400, "modifié entre-temps").await;
        // Reloaded, the second counsellor's change goes through.
        let mut fresh = view_youth(&app, &second, team.youth).await.form;
        fresh.last_name = "Rechargé".into();
        let saved = app
            .call(
                server_fn_path::<UpdateYouth>(),
                &youth_fields(team.youth, &fresh),
                Some(&second),
            )
            .await;
        assert_eq!(saved.status(), 200, "{:?}", saved.text().await);
        let (_, person) = youth_row(&app, team.youth).await;
        assert_eq!(person.last_name, "Rechargé");
        assert_eq!(person.phone.as_deref(), Some("+33701010101"));
    }
);

/// The token of the newest link to `to` among the messages received so far (at least `count`).
async fn link_sent_to(app: &TestApp, to: &str, path: &str, count: usize) -> String {
    let messages = app.mail.wait_for(count, Duration::from_secs(10)).await;
    let message = messages
        .iter()
        .rev()
        .find(|message| message.envelope_to.iter().any(|address| address == to))
        .unwrap_or_else(|| panic!("no mail to {to}"));
    let (_, text) = subject_and_text(&message.raw);
    let marker = format!("/{path}/");
    let start = text.find(&marker).expect("a link") + marker.len();
    text[start..]
        .split_whitespace()
        .next()
        .expect("a token")
        .to_owned()
}

/// The subject and the text part of a raw message.
fn subject_and_text(raw: &str) -> (String, String) {
    let parsed = mail_parser::MessageParser::default()
        .parse(raw.as_bytes())
        .expect("a message");
    (
        parsed.subject().unwrap_or_default().to_owned(),
        parsed.body_text(0).unwrap_or_default().into_owned(),
    )
}

/// Waits for the notice to the old address `to` and returns its text.
async fn notice_to(app: &TestApp, to: &str, new_address: &str) -> String {
    let mut found = None;
    for _ in 0..200 {
        found = app.mail.messages().into_iter().find(|mail| {
            mail.envelope_to.iter().any(|address| address == to)
                && subject_and_text(&mail.raw).0.contains("adresse e-mail")
        });
        if found.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let mail = found.unwrap_or_else(|| panic!("no notice to the old address {to}"));
    assert!(
        !mail.raw.contains(new_address),
        "the old address is not told the new one"
    );
    let (_, text) = subject_and_text(&mail.raw);
    assert!(text.contains("ne fonctionnent plus"), "{text}");
    text
}

/// The latest audit line about `subject` names the email change without either address.
async fn change_is_audited(app: &TestApp, subject: PersonId, action: &str, addresses: [&str; 2]) {
    let event = events_about(app, subject)
        .await
        .into_iter()
        .rev()
        .find(|event| event.action == action)
        .unwrap_or_else(|| panic!("no {action} event"));
    assert!(event.details.contains("e-mail"), "{}", event.details);
    for address in addresses {
        assert!(
            !event.details.contains(address),
            "no address in the audit log: {}",
            event.details
        );
    }
}

on_both_databases!(
    a_staff_address_corrected_spends_the_welcome_link_and_tells_the_old_address,
    Seed::Empty,
    |app: TestApp| async move {
        let team = team(&app).await;
        let coordinator = app.session_for(team.coordinator).await;
        let form = |email: &str| {
            vec![
                ("staff[first_name]", "Ingrid".to_owned()),
                ("staff[last_name]", "Martin".to_owned()),
                ("staff[email]", email.to_owned()),
                ("staff[role]", "counsellor".to_owned()),
                (
                    "staff[mission_locale_id]",
                    team.mission_locale.id.to_string(),
                ),
            ]
        };
        let (typo, right) = ("ingrid.martinn@ml93.example", "ingrid.martin@ml93.example");
        let created = app
            .call(
                server_fn_path::<CreateStaffMember>(),
                &form(typo),
                Some(&coordinator),
            )
            .await;
        assert_eq!(created.status(), 200);
        let id: PersonId = created.json().await.unwrap();
        let token = link_sent_to(&app, typo, "mot-de-passe", 1).await;
        let elsewhere = app.session_for(id).await;
        assert_eq!(app.get_as("/accueil", Some(&elsewhere)).await.status(), 200);

        let mut fields = form(right);
        fields.push(("id", id.to_string()));
        let corrected = app
            .call(
                server_fn_path::<UpdateStaffMember>(),
                &fields,
                Some(&coordinator),
            )
            .await;
        assert_eq!(corrected.status(), 200, "{:?}", corrected.text().await);

        // Whoever holds the mistyped mailbox can no longer open the account.
        let used = app
            .call(
                server_fn_path::<ResetPassword>(),
                &[
                    ("token", token),
                    ("password", "une phrase assez longue".into()),
                    ("password_confirmation", "une phrase assez longue".into()),
                ],
                None,
            )
            .await;
        assert_eq!(used.status(), 400);
        assert!(session_cookie_set(&used).is_none());
        assert!(used.text().await.unwrap().contains("plus valable"));
        assert_eq!(app.get_as("/accueil", Some(&elsewhere)).await.status(), 401);
        notice_to(&app, typo, right).await;
        change_is_audited(&app, id, "staff_updated", [typo, right]).await;
    }
);

on_both_databases!(
    a_youths_new_address_spends_the_old_links_and_sessions,
    Seed::Empty,
    |app: TestApp| async move {
        let team = team(&app).await;
        let counsellor = app.session_for(team.referent).await;
        let (old, new) = ("ines.kaci@exemple.fr", "ines.kaci@nouveau.example");
        let created = app
            .call(
                server_fn_path::<CreateYouth>(),
                &[
                    ("youth[first_name]", "Inès".to_owned()),
                    ("youth[last_name]", "Kaci".into()),
                    ("youth[date_of_birth]", "2007-03-14".into()),
                    ("youth[gender]", "female".into()),
                    ("youth[email]", old.into()),
                    ("youth[phone]", String::new()),
                    ("youth[referent_id]", String::new()),
                    ("youth[programme_entry_date]", "2026-11-02".into()),
                ],
                Some(&counsellor),
            )
            .await;
        assert_eq!(created.status(), 200);
        let id: PersonId = created.json().await.unwrap();
        let token = link_sent_to(&app, old, "connexion", 1).await;
        let youth_session = app.session_for(id).await;

        // A change that leaves the address alone leaves the link and the session alone.
        let mut form = view_youth(&app, &counsellor, id).await.form;
        form.phone = "06 12 34 56 78".into();
        let saved = app
            .call(
                server_fn_path::<UpdateYouth>(),
                &youth_fields(id, &form),
                Some(&counsellor),
            )
            .await;
        assert_eq!(saved.status(), 200, "{:?}", saved.text().await);
        assert_eq!(
            app.get_as("/accueil", Some(&youth_session)).await.status(),
            200
        );

        let mut form = view_youth(&app, &counsellor, id).await.form;
        form.email = new.into();
        let saved = app
            .call(
                server_fn_path::<UpdateYouth>(),
                &youth_fields(id, &form),
                Some(&counsellor),
            )
            .await;
        assert_eq!(saved.status(), 200, "{:?}", saved.text().await);
        let redeemed = app
            .call(
                server_fn_path::<RedeemSignInLink>(),
                &[("token", token)],
                None,
            )
            .await;
        assert_eq!(redeemed.status(), 400, "the welcome link is spent");
        assert!(session_cookie_set(&redeemed).is_none());
        assert_eq!(
            app.get_as("/accueil", Some(&youth_session)).await.status(),
            401
        );
        notice_to(&app, old, new).await;
        change_is_audited(&app, id, "youth_updated", [old, new]).await;
        let history = view_youth(&app, &counsellor, id).await.history;
        assert!(
            history
                .iter()
                .all(|line| !line.details.contains(old) && !line.details.contains(new)),
            "{history:?}"
        );
    }
);

fn facilitator_fields(
    id: PersonId,
    email: &str,
    organisation: &str,
) -> Vec<(&'static str, String)> {
    vec![
        ("id", id.to_string()),
        ("facilitator[first_name]", "Léa".into()),
        ("facilitator[last_name]", "Martin".into()),
        ("facilitator[organisation]", organisation.into()),
        ("facilitator[email]", email.into()),
        ("facilitator[phone]", String::new()),
    ]
}

async fn new_facilitator(app: &TestApp, session: &str, email: &str) -> PersonId {
    let mut fields = facilitator_fields(PersonId::new(0), email, "Le Bondy Blog");
    fields.remove(0);
    let created = app
        .call(
            server_fn_path::<CreateFacilitator>(),
            &fields,
            Some(session),
        )
        .await;
    assert_eq!(created.status(), 200);
    created.json().await.unwrap()
}

on_both_databases!(
    a_facilitators_new_address_spends_the_old_links_and_sessions,
    Seed::Empty,
    |app: TestApp| async move {
        let team = team(&app).await;
        let counsellor = app.session_for(team.referent).await;
        let (old, new) = ("lea.martin@bondyblog.example", "lea.martin@radio.example");
        let id = new_facilitator(&app, &counsellor, old).await;
        let token = link_sent_to(&app, old, "connexion", 1).await;
        let their_session = app.session_for(id).await;
        assert_eq!(
            app.get_as("/mes-seances", Some(&their_session))
                .await
                .status(),
            200
        );

        let saved = app
            .call(
                server_fn_path::<UpdateFacilitator>(),
                &facilitator_fields(id, new, "Le Bondy Blog"),
                Some(&counsellor),
            )
            .await;
        assert_eq!(saved.status(), 200, "{:?}", saved.text().await);
        let redeemed = app
            .call(
                server_fn_path::<RedeemSignInLink>(),
                &[("token", token)],
                None,
            )
            .await;
        assert_eq!(redeemed.status(), 400, "the welcome link is spent");
        assert_eq!(
            app.get_as("/mes-seances", Some(&their_session))
                .await
                .status(),
            401
        );
        notice_to(&app, old, new).await;
        change_is_audited(&app, id, "facilitator_updated", [old, new]).await;
    }
);

/// A published session of `mission_locale` in a week, run by `counsellor`, nobody enrolled.
async fn session_of(
    app: &TestApp,
    team: &Team,
    mission_locale: &builders::MissionLocale,
    counsellor: PersonId,
) -> SessionId {
    builders::session(team.workshop, mission_locale, counsellor)
        .insert(app)
        .await
}

on_both_databases!(
    a_facilitator_is_kept_by_the_mission_locales_they_work_for,
    Seed::Empty,
    |app: TestApp| async move {
        let team = team(&app).await;
        let creator = app.session_for(team.referent).await;
        let colleague = app.session_for(team.colleague).await;
        let elsewhere = app.session_for(team.elsewhere).await;
        let coordinator = app.session_for(team.coordinator).await;
        let id = new_facilitator(&app, &creator, "lea.martin@bondyblog.example").await;
        let snapshot = |app: &TestApp| {
            let db = app.db.clone();
            async move {
                let (facilitator, person) = facilitator::Entity::find_by_id(id)
                    .find_also_related(person::Entity)
                    .one(&db)
                    .await
                    .unwrap()
                    .unwrap();
                let events = audit_event::Entity::find()
                    .filter(audit_event::Column::SubjectId.eq(id))
                    .count(&db)
                    .await
                    .unwrap();
                (facilitator.organisation, person.unwrap(), events)
            }
        };
        let update = |session: String, organisation: &'static str| {
            let app = &app;
            async move {
                app.call(
                    server_fn_path::<UpdateFacilitator>(),
                    &facilitator_fields(id, "lea.martin@bondyblog.example", organisation),
                    Some(&session),
                )
                .await
                .status()
                .as_u16()
            }
        };
        let archive = |session: String| {
            let app = &app;
            async move {
                app.call(
                    server_fn_path::<ArchiveFacilitator>(),
                    &[("id", id.to_string())],
                    Some(&session),
                )
                .await
                .status()
                .as_u16()
            }
        };

        // Running no session yet: the counsellor who added them, and coordinators.
        let before = snapshot(&app).await;
        assert_eq!(update(elsewhere.clone(), "Radio Pirate").await, 403);
        assert_eq!(archive(elsewhere.clone()).await, 403);
        assert_eq!(update(colleague.clone(), "Radio Pirate").await, 403);
        assert_eq!(snapshot(&app).await, before, "refusals change nothing");
        assert_eq!(update(creator.clone(), "Bondy Blog TV").await, 200);
        assert_eq!(update(coordinator.clone(), "Bondy Blog").await, 200);

        // Once they run a session of the other Mission Locale, its counsellors keep them, and
        // only they (and coordinators).
        let theirs = session_of(&app, &team, &team.other_mission_locale, team.elsewhere).await;
        session_facilitator::ActiveModel {
            session_id: Set(theirs),
            person_id: Set(id),
        }
        .insert(&app.db)
        .await
        .unwrap();
        let before = snapshot(&app).await;
        assert_eq!(update(creator.clone(), "Radio Pirate").await, 403);
        assert_eq!(archive(creator.clone()).await, 403);
        assert_eq!(snapshot(&app).await, before, "refusals change nothing");
        let page = app
            .get_as(&format!("/intervenants/{id}"), Some(&creator))
            .await;
        assert_eq!(
            page.status(),
            200,
            "staff still read the facilitator's details"
        );
        let page = page.text().await.unwrap();
        assert!(!page.contains(r#"data-test="facilitator-form""#));
        assert!(!page.contains(r#"data-test="archive-facilitator""#));
        assert_eq!(update(elsewhere.clone(), "France Bleu").await, 200);

        // Every field changed is in the log, the address as a fact, not a value.
        let saved = app
            .call(
                server_fn_path::<UpdateFacilitator>(),
                &{
                    let mut fields =
                        facilitator_fields(id, "lea.martin@radio.example", "France Bleu");
                    fields[2].1 = "Martin-Durand".into();
                    fields[5].1 = "06 98 76 54 32".into();
                    fields
                },
                Some(&elsewhere),
            )
            .await;
        assert_eq!(saved.status(), 200);
        let last = audit_event::Entity::find()
            .filter(audit_event::Column::SubjectId.eq(id))
            .filter(audit_event::Column::Action.eq("facilitator_updated"))
            .order_by_desc(audit_event::Column::Id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        for expected in [
            "nom : Martin → Martin-Durand",
            "téléphone",
            "adresse e-mail modifiée",
        ] {
            assert!(last.details.contains(expected), "{}", last.details);
        }
        assert!(!last.details.contains("@"), "{}", last.details);
        let earlier = audit_event::Entity::find()
            .filter(audit_event::Column::SubjectId.eq(id))
            .filter(audit_event::Column::Action.eq("facilitator_updated"))
            .order_by_asc(audit_event::Column::Id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert!(
            earlier
                .details
                .contains("structure : Le Bondy Blog → Bondy Blog TV"),
            "{}",
            earlier.details
        );

        // Archived, then restored by whom may keep them; the restore shows on their page.
        assert_eq!(archive(elsewhere.clone()).await, 200);
        assert!(snapshot(&app).await.1.archived_at.is_some());
        let restore = |session: String| {
            let app = &app;
            async move {
                app.call(
                    server_fn_path::<RestoreFacilitator>(),
                    &[("id", id.to_string())],
                    Some(&session),
                )
                .await
                .status()
                .as_u16()
            }
        };
        assert_eq!(restore(creator.clone()).await, 403);
        assert!(snapshot(&app).await.1.archived_at.is_some());
        let page = app
            .get_as(&format!("/intervenants/{id}"), Some(&elsewhere))
            .await
            .text()
            .await
            .unwrap();
        assert!(
            page.contains(r#"data-test="restore-facilitator""#),
            "{page}"
        );
        let list = app
            .get_as("/intervenants", Some(&elsewhere))
            .await
            .text()
            .await
            .unwrap();
        assert!(list.contains("Martin-Durand") && list.contains("archivé"));
        let restored = app
            .submit(
                server_fn_path::<RestoreFacilitator>(),
                &format!("/intervenants/{id}"),
                &[("id", id.to_string())],
                Some(&elsewhere),
            )
            .await;
        assert_eq!(restored.status(), 302);
        assert!(snapshot(&app).await.1.archived_at.is_none());
        let details = app
            .call(
                server_fn_path::<ViewFacilitator>(),
                &[("id", id.to_string())],
                Some(&elsewhere),
            )
            .await;
        assert_eq!(details.status(), 200);
        let actions: Vec<String> = events_about(&app, id)
            .await
            .into_iter()
            .map(|event| event.action)
            .collect();
        assert!(
            actions.ends_with(&["facilitator_archived".into(), "facilitator_restored".into()]),
            "{actions:?}"
        );
    }
);

/// A message set aside for `person_id`.
async fn failed_mail_about(app: &TestApp, person_id: Option<PersonId>, to: &str) -> i32 {
    let now = support::now();
    mail_outbox::ActiveModel {
        message_id: Set(format!("<{to}@ateliers.example>")),
        envelope_from: Set("ne-pas-repondre@ateliers.example".into()),
        envelope_to: Set(to.into()),
        subject: Set(format!("Pour {to}")),
        content: Set("Subject: test\r\n\r\nBonjour\r\n".into()),
        created_at: Set(now),
        attempts: Set(1),
        next_attempt_at: Set(now),
        claimed_until: Set(None),
        sent_at: Set(None),
        failed_at: Set(Some(now)),
        last_error: Set(Some("550 5.1.1 No such user here".into())),
        person_id: Set(person_id),
        session_id: Set(None),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap()
    .id
}

on_both_databases!(
    staff_see_failed_mail_only_about_people_they_may_see,
    Seed::Empty,
    |app: TestApp| async move {
        let team = team(&app).await;
        let youth_elsewhere = builders::youth(team.elsewhere)
            .named("Yanis", "Cherif")
            .insert(&app)
            .await;
        let archived_youth = builders::youth(team.referent)
            .named("Léa", "Petit")
            .insert(&app)
            .await;
        person::Entity::update_many()
            .col_expr(
                person::Column::ArchivedAt,
                Expr::value(Some(support::now())),
            )
            .filter(person::Column::Id.eq(archived_youth))
            .exec(&app.db)
            .await
            .unwrap();
        // A facilitator running a session of the Mission Locale, one running none.
        let facilitators = [
            builders::facilitator(&app, "Karim", "Amrani").await,
            builders::facilitator(&app, "Claire", "Vasseur").await,
        ];
        builders::session(team.workshop, &team.mission_locale, team.referent)
            .facilitator(facilitators[0])
            .insert(&app)
            .await;

        let mut all = Vec::new();
        for (label, person_id) in [
            ("youth", Some(team.youth)),
            ("archived-youth", Some(archived_youth)),
            ("youth-elsewhere", Some(youth_elsewhere)),
            ("colleague", Some(team.colleague)),
            ("counsellor-elsewhere", Some(team.elsewhere)),
            ("coordinator", Some(team.coordinator)),
            ("our-facilitator", Some(facilitators[0])),
            ("idle-facilitator", Some(facilitators[1])),
            ("nobody", None),
        ] {
            all.push((
                label,
                failed_mail_about(&app, person_id, &format!("{label}@exemple.fr")).await,
            ));
        }
        let seen_by = |person_id: PersonId| {
            let app = &app;
            async move {
                let session = app.session_for(person_id).await;
                let response = app
                    .call(server_fn_path::<ListFailedMail>(), &[], Some(&session))
                    .await;
                assert_eq!(response.status(), 200);
                let mut seen: Vec<String> = response
                    .json::<Vec<FailedMail>>()
                    .await
                    .unwrap()
                    .into_iter()
                    .filter_map(|mail| mail.to.strip_suffix("@exemple.fr").map(str::to_owned))
                    .collect();
                seen.sort();
                seen
            }
        };
        let mut everything: Vec<String> = all.iter().map(|(label, _)| label.to_string()).collect();
        everything.sort();
        assert_eq!(seen_by(team.coordinator).await, everything);
        assert_eq!(
            seen_by(team.referent).await,
            ["colleague", "our-facilitator", "youth"]
        );
        assert_eq!(
            seen_by(team.elsewhere).await,
            ["counsellor-elsewhere", "youth-elsewhere"]
        );
        // What a counsellor may not see, they may not resend either.
        let referent = app.session_for(team.referent).await;
        for label in ["archived-youth", "youth-elsewhere", "coordinator"] {
            let (_, id) = all.iter().find(|(l, _)| *l == label).unwrap();
            let response = app
                .call(
                    server_fn_path::<ResendFailedMail>(),
                    &[("id", id.to_string())],
                    Some(&referent),
                )
                .await;
            assert_eq!(response.status(), 404, "{label}");
            let row = mail_outbox::Entity::find_by_id(*id)
                .one(&app.db)
                .await
                .unwrap()
                .unwrap();
            assert!(row.failed_at.is_some(), "{label}: still set aside");
        }
        let page = app
            .get_as("/courriels-en-echec", Some(&referent))
            .await
            .text()
            .await
            .unwrap();
        assert!(page.contains("youth@exemple.fr") && !page.contains("archived-youth@"));
    }
);

on_both_databases!(
    a_refusal_names_no_youth_the_organiser_may_not_see,
    Seed::Empty,
    |app: TestApp| async move {
        let team = team(&app).await;
        // Nobody holds a place there yet.
        let session = session_of(&app, &team, &team.mission_locale, team.referent).await;
        let outsider = builders::youth(team.elsewhere)
            .named("Yanis", "Cherif")
            .insert(&app)
            .await;
        let (outsider, outsider_person) = youth_row(&app, outsider).await;
        let organiser = app.session_for(team.referent).await;
        let response = app
            .call(
                server_fn_path::<PromoteFromWaitingList>(),
                &[
                    ("session_id", session.to_string()),
                    ("youth_id", outsider.person_id.to_string()),
                ],
                Some(&organiser),
            )
            .await;
        let status = response.status().as_u16();
        let body = response.text().await.unwrap();
        assert_eq!(status, 404, "{body}");
        assert!(
            !body.contains(&outsider_person.first_name)
                && !body.contains(&outsider_person.last_name),
            "{body}"
        );
        // Nor does a removal of that youth from the organiser's session.
        let response = app
            .call(
                server_fn_path::<RemoveEnrolment>(),
                &[
                    ("session_id", session.to_string()),
                    ("youth_id", outsider.person_id.to_string()),
                    ("reason", "Inscrit par erreur".into()),
                ],
                Some(&organiser),
            )
            .await;
        let status = response.status().as_u16();
        let body = response.text().await.unwrap();
        assert_eq!(status, 404, "{body}");
        assert!(!body.contains(&outsider_person.last_name), "{body}");
        // One of the organiser's own youths, not waiting: named, as before.
        let (_, mine) = youth_row(&app, team.youth).await;
        let response = app
            .call(
                server_fn_path::<PromoteFromWaitingList>(),
                &[
                    ("session_id", session.to_string()),
                    ("youth_id", team.youth.to_string()),
                ],
                Some(&organiser),
            )
            .await;
        assert_eq!(response.status(), 400);
        let body = response.text().await.unwrap();
        assert!(
            body.contains(&mine.last_name) && body.contains("liste d'attente"),
            "{body}"
        );
    }
);

on_both_databases!(
    every_read_of_the_sensitive_flags_is_recorded_and_listed_for_the_referent,
    Seed::Empty,
    |app: TestApp| async move {
        use shared::entities::sensitive_flag_read;
        let team = team(&app).await;
        let reads = || async {
            sensitive_flag_read::Entity::find()
                .order_by_asc(sensitive_flag_read::Column::Id)
                .all(&app.db)
                .await
                .unwrap()
        };
        let referent = app.session_for(team.referent).await;
        let specialist = app.session_for(team.specialist).await;
        let colleague = app.session_for(team.colleague).await;
        let coordinator = app.session_for(team.coordinator).await;

        // A colleague who may not see the flags reads the file: nothing is recorded, and they do
        // not get the list.
        let file = view_youth(&app, &colleague, team.youth).await;
        assert!(!file.disability_visible && file.sensitive_reads.is_none());
        assert!(reads().await.is_empty());

        // The disability specialist reads the file (through the page, as a browser would), then
        // the coordinator: one row each, with which flags they were shown.
        let page = app
            .get_as(&format!("/jeunes/{}", team.youth), Some(&specialist))
            .await;
        assert_eq!(page.status(), 200);
        assert!(
            !page
                .text()
                .await
                .unwrap()
                .contains("data-test=\"sensitive-reads\"")
        );
        let file = view_youth(&app, &coordinator, team.youth).await;
        let listed = file.sensitive_reads.expect("coordinators see the list");
        assert_eq!(listed.len(), 1, "the coordinator's own read is not listed");
        assert_eq!(listed[0].reader_name, "Moussa Diallo");
        assert_eq!(listed[0].flags, "reconnaissance de handicap");
        let rows = reads().await;
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].reader_id, team.specialist);
        assert_eq!(rows[0].flags, "disability");
        assert_eq!(rows[1].reader_id, team.coordinator);
        assert_eq!(rows[1].flags, "disability,judicial_supervision");
        let age = support::now() - rows[1].read_at;
        assert!(age >= chrono::Duration::zero() && age < chrono::Duration::minutes(1));

        // The referent reads who else looked, newest first, on the file's page.
        let file = view_youth(&app, &referent, team.youth).await;
        let listed: Vec<(String, String)> = file
            .sensitive_reads
            .expect("the referent sees the list")
            .into_iter()
            .map(|read| (read.reader_name, read.flags))
            .collect();
        assert_eq!(
            listed,
            [
                (
                    "Nadia Ferhat".to_owned(),
                    "reconnaissance de handicap, suivi judiciaire".to_owned()
                ),
                (
                    "Moussa Diallo".to_owned(),
                    "reconnaissance de handicap".to_owned()
                ),
            ]
        );
        let page = app
            .get_as(&format!("/jeunes/{}", team.youth), Some(&referent))
            .await
            .text()
            .await
            .unwrap();
        assert!(page.contains("data-test=\"sensitive-reads\""));
        assert!(page.contains("Moussa Diallo"));
        // Each read counts, the referent's own too.
        assert_eq!(reads().await.len(), 4);
    }
);
