//! Youths and guest facilitators sign in with an emailed, single-use link: the services, with a
//! controlled clock.

use crate::support;

use std::time::Duration;

use chrono::Utc;
use lettre::message::Mailbox;
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect,
};
use server::smtp_sink::SmtpSink;
use shared::ServiceError;
use shared::domain::{PersonId, RateLimits};
use shared::entities::{login_session, mail_outbox, person, sign_in_link, staff_member, youth};
use shared::mail::Mailer;
use shared::services::{
    LINK_NO_LONGER_VALID, MailSettings, deliver_queued_mail, load_demo_data, redeem_sign_in_link,
    request_sign_in_link,
};
use support::{Backend, migrated_database};

const SITE: &str = "https://ateliers.example";

fn mail_settings() -> MailSettings {
    MailSettings {
        site_url: SITE.to_owned(),
        from: "Ateliers <ne-pas-repondre@ateliers.example>"
            .parse::<Mailbox>()
            .expect("a mailbox"),
        footer: shared::services::DEFAULT_MAIL_FOOTER.to_owned(),
    }
}

async fn a_youth_email(db: &DatabaseConnection) -> (PersonId, String) {
    let youth_ids: Vec<PersonId> = youth::Entity::find()
        .select_only()
        .column(youth::Column::PersonId)
        .into_tuple()
        .all(db)
        .await
        .expect("youths");
    let person = person::Entity::find()
        .filter(person::Column::Id.is_in(youth_ids))
        .filter(person::Column::Email.is_not_null())
        .one(db)
        .await
        .expect("a query")
        .expect("a youth with an email");
    (person.id, person.email.expect("an email"))
}

fn link_token(raw: &str) -> String {
    let parsed = mail_parser::MessageParser::default()
        .parse(raw.as_bytes())
        .expect("a message");
    let body = parsed.body_text(0).expect("a text body");
    let start = body.find("/connexion/").expect("a sign-in link") + "/connexion/".len();
    body[start..]
        .split_whitespace()
        .next()
        .expect("a token")
        .to_owned()
}

/// Loads the demo, asks a link for one of its youths, delivers it to an SMTP sink and reads the
/// token back from the mail, as the youth would from their inbox.
async fn emailed_link(
    db: &DatabaseConnection,
    now: chrono::DateTime<Utc>,
) -> (PersonId, String, String, SmtpSink) {
    load_demo_data(db, now).await.expect("demo");
    let sink = SmtpSink::start(None).await.expect("a sink");
    let mailer = Mailer::smtp(&format!("smtp://127.0.0.1:{}", sink.port())).expect("a mailer");
    let (person_id, email) = a_youth_email(db).await;
    request_sign_in_link(
        db,
        &email,
        None,
        &mail_settings(),
        &RateLimits::default(),
        now,
    )
    .await
    .expect("requested");
    deliver_queued_mail(db, &mailer, now, 10)
        .await
        .expect("a pass");
    let token = link_token(&sink.wait_for(1, Duration::from_secs(5)).await[0].raw);
    (person_id, email, token, sink)
}

async fn a_link_signs_in_once(backend: Backend) {
    let Some((db, _database)) = migrated_database(backend).await else {
        return;
    };
    load_demo_data(&db, support::now()).await.expect("demo");
    let sink = SmtpSink::start(None).await.expect("a sink");
    let mailer = Mailer::smtp(&format!("smtp://127.0.0.1:{}", sink.port())).expect("a mailer");
    let (person_id, email) = a_youth_email(&db).await;
    let now = support::now();

    // Typed with capitals and spaces, as on a phone keyboard.
    let typed = format!("  {} ", email.replace("@jeunes.example", "@JEUNES.example"));
    request_sign_in_link(
        &db,
        &typed,
        None,
        &mail_settings(),
        &RateLimits::default(),
        now,
    )
    .await
    .expect("requested");
    assert_eq!(
        deliver_queued_mail(&db, &mailer, now, 10)
            .await
            .expect("a pass")
            .sent,
        1
    );
    let mail = sink.wait_for(1, Duration::from_secs(5)).await;
    assert_eq!(mail[0].envelope_to, vec![email.clone()]);
    assert!(mail[0].raw.contains("Votre lien de connexion"));
    let token = link_token(&mail[0].raw);

    let stored = sign_in_link::Entity::find()
        .one(&db)
        .await
        .expect("a query")
        .expect("a link");
    assert_ne!(
        stored.token_hash, token,
        "only a hash of the token is stored"
    );

    let signed_in = redeem_sign_in_link(&db, &token, None, now + chrono::Duration::minutes(5))
        .await
        .expect("signed in");
    assert_eq!(signed_in.person_id, person_id);
    let session = login_session::Entity::find()
        .one(&db)
        .await
        .expect("a query")
        .expect("a session");
    assert_eq!(session.person_id, person_id);
    assert_ne!(session.token_hash, signed_in.session.token);
    assert!(
        session.expires_at > now + chrono::Duration::days(30),
        "a youth stays signed in for weeks"
    );

    let again = redeem_sign_in_link(&db, &token, None, now + chrono::Duration::minutes(6)).await;
    assert!(
        matches!(again, Err(ServiceError::Invalid(ref message)) if message == LINK_NO_LONGER_VALID)
    );
    assert_eq!(
        login_session::Entity::find()
            .count(&db)
            .await
            .expect("count"),
        1
    );
}
for_both_backends!(a_link_signs_in_once);

async fn an_expired_or_forged_link_does_nothing(backend: Backend) {
    let Some((db, _database)) = migrated_database(backend).await else {
        return;
    };
    let now = support::now();
    let (_, _, token, _sink) = emailed_link(&db, now).await;

    let late = redeem_sign_in_link(&db, &token, None, now + chrono::Duration::minutes(31)).await;
    assert!(matches!(late, Err(ServiceError::Invalid(_))));
    let forged = redeem_sign_in_link(
        &db,
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        None,
        now,
    )
    .await;
    assert!(
        matches!(forged, Err(ServiceError::Invalid(ref message)) if message == LINK_NO_LONGER_VALID)
    );
    assert_eq!(
        login_session::Entity::find()
            .count(&db)
            .await
            .expect("count"),
        0
    );
}
for_both_backends!(an_expired_or_forged_link_does_nothing);

async fn two_taps_on_one_link_open_one_session(backend: Backend) {
    let Some((db, _database)) = migrated_database(backend).await else {
        return;
    };
    let now = support::now();
    let (_, _, token, _sink) = emailed_link(&db, now).await;

    let (first, second) = tokio::join!(
        redeem_sign_in_link(&db, &token, None, now),
        redeem_sign_in_link(&db, &token, None, now)
    );
    assert_eq!(
        [first.is_ok(), second.is_ok()]
            .iter()
            .filter(|ok| **ok)
            .count(),
        1
    );
    assert_eq!(
        login_session::Entity::find()
            .count(&db)
            .await
            .expect("count"),
        1
    );
}
for_both_backends!(two_taps_on_one_link_open_one_session);

async fn the_answer_never_reveals_who_is_known(backend: Backend) {
    let Some((db, _database)) = migrated_database(backend).await else {
        return;
    };
    load_demo_data(&db, support::now()).await.expect("demo");
    let now = support::now();
    let staff = staff_member::Entity::find()
        .find_also_related(person::Entity)
        .one(&db)
        .await
        .expect("a query");
    let staff_email = staff
        .and_then(|(_, person)| person?.email)
        .expect("a staff email");

    for email in ["personne@inconnu.example", staff_email.as_str()] {
        request_sign_in_link(
            &db,
            email,
            None,
            &mail_settings(),
            &RateLimits::default(),
            now,
        )
        .await
        .expect("the same calm answer");
    }
    assert_eq!(
        mail_outbox::Entity::find().count(&db).await.expect("count"),
        0,
        "nothing sent"
    );
    assert_eq!(
        sign_in_link::Entity::find()
            .count(&db)
            .await
            .expect("count"),
        0
    );

    let malformed = request_sign_in_link(
        &db,
        "ines@",
        None,
        &mail_settings(),
        &RateLimits::default(),
        now,
    )
    .await;
    assert!(
        matches!(malformed, Err(ServiceError::Invalid(ref message)) if message.contains("n'est pas valide"))
    );
}
for_both_backends!(the_answer_never_reveals_who_is_known);

async fn a_session_names_its_holder_until_sign_out(backend: Backend) {
    use sea_orm::{ActiveModelTrait, Set};
    use shared::auth::SecretToken;
    use shared::domain::Actor;
    use shared::services::{identify_actor, sign_out};

    let Some((db, _database)) = migrated_database(backend).await else {
        return;
    };
    let now = support::now();
    let (person_id, _, token, _sink) = emailed_link(&db, now).await;
    let session = redeem_sign_in_link(&db, &token, None, now)
        .await
        .expect("signed in")
        .session
        .token;

    assert_eq!(
        identify_actor(&db, &session, now).await.expect("an actor"),
        Actor::Youth { person_id }
    );
    let after_sixty_days = now + chrono::Duration::days(61);
    assert_eq!(
        identify_actor(&db, &session, after_sixty_days)
            .await
            .expect("an actor"),
        Actor::Anonymous
    );
    sign_out(&db, &session, now).await.expect("signed out");
    assert_eq!(
        identify_actor(&db, &session, now).await.expect("an actor"),
        Actor::Anonymous
    );
    assert_eq!(
        identify_actor(&db, "made-up", now).await.expect("an actor"),
        Actor::Anonymous
    );

    // A disability specialist's session carries their Mission Locale and speciality.
    let specialist = staff_member::Entity::find()
        .filter(staff_member::Column::DisabilitySpecialist.eq(true))
        .one(&db)
        .await
        .expect("a query")
        .expect("a specialist");
    let staff_session = SecretToken::generate();
    login_session::ActiveModel {
        token_hash: Set(staff_session.hash.clone()),
        person_id: Set(specialist.person_id),
        created_at: Set(now),
        expires_at: Set(now + chrono::Duration::hours(12)),
        revoked_at: Set(None),
        ..Default::default()
    }
    .insert(&db)
    .await
    .expect("a session");
    assert_eq!(
        identify_actor(&db, &staff_session.token, now)
            .await
            .expect("an actor"),
        Actor::Counsellor {
            person_id: specialist.person_id,
            mission_locale_id: specialist.mission_locale_id.expect("a Mission Locale"),
            disability_specialist: true,
            justice_specialist: false,
        }
    );
}
for_both_backends!(a_session_names_its_holder_until_sign_out);

/// Once the mail is delivered, the token in its link is nowhere in the outbox (the holder has
/// it in their inbox): the link still signs them in.
async fn a_delivered_link_leaves_no_token_in_the_outbox(backend: Backend) {
    let Some((db, _database)) = migrated_database(backend).await else {
        return;
    };
    let now = support::now();
    let (person_id, _, token, sink) = emailed_link(&db, now).await;
    let received = sink.messages();
    let row = mail_outbox::Entity::find()
        .one(&db)
        .await
        .expect("a query")
        .expect("the row is kept");
    assert!(row.sent_at.is_some());
    for value in support::text_values(&db, "mail_outbox").await {
        for form in support::readable_forms(&value) {
            assert!(!form.contains(&token), "the token is still in the outbox");
        }
    }
    // What stays: the Message-ID (in its column and the message), the recipient, the subject.
    let sent = mail_parser::MessageParser::default()
        .parse(received[0].raw.as_bytes())
        .expect("a message");
    assert_eq!(
        row.message_id.trim_matches(['<', '>']),
        sent.message_id().expect("a Message-ID")
    );
    let kept = mail_parser::MessageParser::default()
        .parse(row.content.as_bytes())
        .expect("the kept message reads");
    assert_eq!(kept.message_id(), sent.message_id());
    assert_eq!(kept.subject(), Some("Votre lien de connexion à Ateliers"));
    assert!(kept.body_text(0).expect("a text").contains("/connexion/"));

    let signed_in = redeem_sign_in_link(&db, &token, None, now + chrono::Duration::minutes(2))
        .await
        .expect("the link still works");
    assert_eq!(signed_in.person_id, person_id);
}
for_both_backends!(a_delivered_link_leaves_no_token_in_the_outbox);

/// A message not yet delivered keeps its link, so that a retry (or a resend) sends the very
/// same working link; it is removed only once the message is sent.
async fn an_undelivered_link_is_kept_until_it_is_sent(backend: Backend) {
    let Some((db, _database)) = migrated_database(backend).await else {
        return;
    };
    let now = support::now();
    load_demo_data(&db, now).await.expect("demo");
    let sink = SmtpSink::start(None).await.expect("a sink");
    let port = sink.port();
    let mailer = Mailer::smtp(&format!("smtp://127.0.0.1:{port}")).expect("a mailer");
    drop(sink);
    tokio::time::sleep(Duration::from_millis(50)).await;
    let (person_id, email) = a_youth_email(&db).await;
    request_sign_in_link(
        &db,
        &email,
        None,
        &mail_settings(),
        &RateLimits::default(),
        now,
    )
    .await
    .expect("requested");
    let report = deliver_queued_mail(&db, &mailer, now, 10)
        .await
        .expect("a pass");
    assert_eq!(report.retried, 1, "the mail server is down");
    let row = mail_outbox::Entity::find()
        .one(&db)
        .await
        .expect("a query")
        .expect("a row");
    assert!(
        support::readable_forms(&row.content)
            .iter()
            .any(|form| form.contains("/connexion/") && !form.contains("/connexion/[")),
        "the link waits in the outbox, whole"
    );

    let sink = SmtpSink::start_on(port, None)
        .await
        .expect("the sink is back");
    let later = now + chrono::Duration::minutes(5);
    assert_eq!(
        deliver_queued_mail(&db, &mailer, later, 10)
            .await
            .expect("a pass")
            .sent,
        1
    );
    let token = link_token(&sink.wait_for(1, Duration::from_secs(5)).await[0].raw);
    for value in support::text_values(&db, "mail_outbox").await {
        for form in support::readable_forms(&value) {
            assert!(
                !form.contains(&token),
                "the token left the outbox once sent"
            );
        }
    }
    let signed_in = redeem_sign_in_link(&db, &token, None, later)
        .await
        .expect("the link works");
    assert_eq!(signed_in.person_id, person_id);

    // A sent message cannot be queued again (its link is gone): asking changes nothing.
    let coordinator = staff_member::Entity::find()
        .filter(staff_member::Column::Role.eq("coordinator"))
        .one(&db)
        .await
        .expect("a query")
        .expect("a coordinator");
    let actor = shared::domain::Actor::Coordinator {
        person_id: coordinator.person_id,
    };
    let before = mail_outbox::Entity::find().one(&db).await.unwrap().unwrap();
    shared::services::resend_failed_mail(&db, &actor, before.id, later)
        .await
        .expect("an answer");
    assert_eq!(
        mail_outbox::Entity::find().one(&db).await.unwrap().unwrap(),
        before
    );
}
for_both_backends!(an_undelivered_link_is_kept_until_it_is_sent);
