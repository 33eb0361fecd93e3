//! SMS over real SMPP: the app's dispatcher binds to the SMSC sink the test starts, and every
//! SMS is read back from the sink as a phone would get it (text, encoding, segments).

use std::time::Duration;

use app::server_fns::{CancelEnrolment, CreateYouth, EnrolInSession, RedeemSignInCode};
use chrono::Duration as Span;
use rusmpp::CommandStatus;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use server::smsc_sink::{ReceivedSms, SmscSink};
use shared::domain::sms::{SmsEncoding, SmsKind};
use shared::domain::{PersonId, SessionId, YouthPlaceView};
use shared::entities::{person, sms_outbox};
use shared::services::{
    SmsDeliveryReport, SmsInbound, deliver_queued_sms, record_sms_inbound, send_due_reminders,
};
use shared::sms::{SmppGateway, SmppSettings};

use crate::support::builders::{self, small_federation};
use crate::support::{self, Seed, TestApp, code_in, server_fn_path, session_cookie_set};

const WAIT: Duration = Duration::from_secs(15);

/// The SMS to `number` the sink has received, in order.
fn sms_to(sink: &SmscSink, number: &str) -> Vec<ReceivedSms> {
    sink.messages()
        .into_iter()
        .filter(|sms| sms.to == number)
        .collect()
}

/// Waits for the `count`th SMS to `number` and returns it.
async fn nth_sms_to(sink: &SmscSink, number: &str, count: usize) -> ReceivedSms {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let received = sms_to(sink, number);
        if received.len() >= count {
            return received[count - 1].clone();
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "SMS n° {count} to {number} never came: {received:#?}"
        );
        sink.wait_for(sink.messages().len() + 1, Duration::from_millis(200))
            .await;
    }
}

/// The outbox row of a received SMS, once marked sent (the sink has it a moment before): same
/// text, same cost as counted when queued.
async fn check_cost(app: &TestApp, sms: &ReceivedSms, kind: SmsKind) {
    let deadline = tokio::time::Instant::now() + WAIT;
    let row = loop {
        let row = sms_outbox::Entity::find()
            .filter(sms_outbox::Column::ToNumber.eq(&sms.to))
            .filter(sms_outbox::Column::Kind.eq(kind))
            .order_by_desc(sms_outbox::Column::Id)
            .one(&app.db)
            .await
            .unwrap()
            .expect("the outbox keeps a copy");
        if row.sent_at.is_some() || tokio::time::Instant::now() > deadline {
            break row;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    assert!(row.sent_at.is_some(), "marked sent: {row:?}");
    assert_eq!(
        (row.encoding, row.segments as usize),
        (sms.encoding, sms.segments),
        "the cost counted when queued is the cost on the air: {}",
        sms.text
    );
    if kind != SmsKind::SignInCode {
        assert_eq!(row.body, sms.text);
    }
}

/// A gateway of the test's own, bound to `sink`.
async fn bound_gateway(sink: &SmscSink) -> SmppGateway {
    let settings = SmppSettings::from_url(&sink.url(), "ATELIERS93").unwrap();
    let (gateway, _inbound) = SmppGateway::start(settings);
    assert!(gateway.wait_bound(WAIT).await, "bound to the sink");
    gateway
}

fn enrol_form(session_id: SessionId) -> Vec<(&'static str, String)> {
    vec![("session_id", session_id.to_string())]
}

async fn youth_with_phone(app: &TestApp, referent: PersonId, phone: &str) -> PersonId {
    let youth = builders::youth(referent)
        .named("Samir", "Haddad")
        .insert(app)
        .await;
    let mut row: person::ActiveModel = person::Entity::find_by_id(youth)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .into();
    row.phone = sea_orm::Set(Some(phone.to_owned()));
    sea_orm::ActiveModelTrait::update(row, &app.db)
        .await
        .unwrap();
    youth
}

on_both_databases!(
    a_phone_only_youth_hears_everything_by_sms,
    Seed::Empty,
    |app: TestApp| async move {
        const PHONE: &str = "+33612345678";
        let federation = small_federation(&app).await;
        let counsellor = federation.counsellor.session(&app).await;
        // One seat, taken by a youth with an email: the phone-only youth will wait.
        let session = builders::session(
            federation.workshop,
            &federation.mission_locale,
            federation.counsellor.id,
        )
        .capacity(1)
        .insert(&app)
        .await;
        let first = app.session_for(federation.youth).await;
        let enrol = server_fn_path::<EnrolInSession>();
        assert_eq!(
            app.call(enrol, &enrol_form(session), Some(&first))
                .await
                .status(),
            200
        );

        // A counsellor opens the file of a youth who has a phone and no email.
        let created = app
            .submit(
                server_fn_path::<CreateYouth>(),
                "/jeunes/nouveau",
                &[
                    ("youth[first_name]", "Yanis".into()),
                    ("youth[last_name]", "Belkacem".into()),
                    ("youth[date_of_birth]", "2007-03-14".into()),
                    ("youth[gender]", "male".into()),
                    ("youth[email]", String::new()),
                    ("youth[phone]", "06 12 34 56 78".into()),
                    ("youth[referent_id]", String::new()),
                    ("youth[programme_entry_date]", support::today().to_string()),
                ],
                Some(&counsellor),
            )
            .await;
        assert!(support::redirect_location(&created).starts_with("/jeunes/"));
        let welcome = nth_sms_to(&app.sms, PHONE, 1).await;
        assert!(
            welcome.text.contains("/connexion?tel=0612345678"),
            "{}",
            welcome.text
        );
        assert_eq!(welcome.from, "ATELIERS93");
        check_cost(&app, &welcome, SmsKind::Welcome).await;

        // They sign in with the code the SMS brings.
        app.submit(
            server_fn_path::<app::server_fns::RequestSignInCode>(),
            "/connexion",
            &[("phone", "0612345678".into())],
            None,
        )
        .await;
        let code_sms = nth_sms_to(&app.sms, PHONE, 2).await;
        assert_eq!(
            (code_sms.encoding, code_sms.segments),
            (SmsEncoding::Gsm7, 1)
        );
        check_cost(&app, &code_sms, SmsKind::SignInCode).await;
        let signed_in = app
            .submit(
                server_fn_path::<RedeemSignInCode>(),
                "/code-sms?tel=0612345678",
                &[
                    ("phone", "0612345678".into()),
                    ("code", code_in(&code_sms.text)),
                ],
                None,
            )
            .await;
        let yanis = session_cookie_set(&signed_in).expect("signed in by the code");

        // They take a place: the session is full, so they wait, and are told by SMS.
        let place: YouthPlaceView = app
            .call(enrol, &enrol_form(session), Some(&yanis))
            .await
            .json()
            .await
            .unwrap();
        assert!(place.message.is_some_and(|m| m.contains("liste d'attente")));
        let waiting = nth_sms_to(&app.sms, PHONE, 3).await;
        assert!(
            waiting.text.contains("liste d'attente (position 1)"),
            "{}",
            waiting.text
        );
        assert!(waiting.text.contains("/s/"), "a short link");
        check_cost(&app, &waiting, SmsKind::Waiting).await;

        // The seat frees up: it goes to them, and the SMS says so.
        app.call(
            server_fn_path::<CancelEnrolment>(),
            &enrol_form(session),
            Some(&first),
        )
        .await;
        let promoted = nth_sms_to(&app.sms, PHONE, 4).await;
        assert!(
            promoted.text.contains("une place s'est libérée"),
            "{}",
            promoted.text
        );
        check_cost(&app, &promoted, SmsKind::Promoted).await;

        // Two days before, the reminder.
        let starts_at = shared::entities::workshop_session::Entity::find_by_id(session)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .starts_at;
        let sent = send_due_reminders(
            &app.db,
            &app.mail_settings(),
            &[Span::hours(48)],
            starts_at - Span::hours(47),
        )
        .await
        .unwrap();
        assert!(sent >= 1);
        // Queued at that (later) time: a dispatcher pass then sends it.
        let gateway = bound_gateway(&app.sms).await;
        deliver_queued_sms(&app.db, &gateway, starts_at - Span::hours(47), 50)
            .await
            .unwrap();
        let reminder = nth_sms_to(&app.sms, PHONE, 5).await;
        assert!(
            reminder.text.starts_with("Ateliers : rappel"),
            "{}",
            reminder.text
        );
        check_cost(&app, &reminder, SmsKind::Reminder).await;

        // The coordinator sees what they cost, per Mission Locale and month.
        let coordinator = federation.coordinator.session(&app).await;
        let figures = app
            .get_as("/chiffres", Some(&coordinator))
            .await
            .text()
            .await
            .unwrap();
        let paid_here: usize = [&welcome, &code_sms, &waiting, &promoted]
            .iter()
            .map(|sms| sms.segments)
            .sum();
        assert!(figures.contains(r#"data-test="sms-cost-row""#), "{figures}");
        assert!(
            figures.contains(&format!(r#"data-test="sms-segments-total">{paid_here}<"#)),
            "the SMS sent today ({paid_here} segments; the reminder goes later): {figures}"
        );

        // No mail ever went to them (they have none), and nothing else by SMS.
        assert_eq!(sms_to(&app.sms, PHONE).len(), 5);
        let link = reminder.text.split_whitespace().last().unwrap().to_owned();
        let path = link.replace(&app.address, "");
        let opened = app.get(&path).await;
        assert_eq!(opened.status(), 303);
        assert_eq!(
            opened.headers()["location"].to_str().unwrap(),
            format!("/ateliers/{session}"),
            "the short link opens the session"
        );
    }
);

on_both_databases!(
    an_outage_delays_sms_and_loses_none,
    Seed::Empty,
    |app: TestApp| async move {
        // The app's own dispatcher is bound to `app.sms`; here the SMS go through a gateway of
        // the test's, to an SMSC that is down for the whole burst.
        let federation = small_federation(&app).await;
        let port = {
            let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            listener.local_addr().unwrap().port()
        };
        app.sms.stop();
        let session = builders::session(
            federation.workshop,
            &federation.mission_locale,
            federation.counsellor.id,
        )
        .capacity(300)
        .insert(&app)
        .await;
        let mut numbers = Vec::new();
        for index in 0..200 {
            let phone = format!("+336{:08}", 10_000_000 + index);
            let youth = youth_with_phone(&app, federation.counsellor.id, &phone).await;
            sea_orm::ActiveModelTrait::update(
                person::ActiveModel {
                    id: sea_orm::Set(youth),
                    notice_channel: sea_orm::Set(Some(shared::domain::sms::NoticeChannel::Sms)),
                    ..Default::default()
                },
                &app.db,
            )
            .await
            .unwrap();
            numbers.push((youth, phone));
        }
        for (youth, _) in &numbers {
            let token = app.session_for(*youth).await;
            let answered = app
                .call(
                    server_fn_path::<EnrolInSession>(),
                    &enrol_form(session),
                    Some(&token),
                )
                .await;
            assert_eq!(answered.status(), 200);
        }

        let settings = SmppSettings::from_url(
            &format!("smpp://ateliers:secret@127.0.0.1:{port}?rate=1000"),
            "ATELIERS93",
        )
        .unwrap();
        let (gateway, _inbound) = SmppGateway::start(settings);
        let down = deliver_queued_sms(&app.db, &gateway, support::now(), 500)
            .await
            .unwrap();
        assert_eq!(
            down,
            SmsDeliveryReport {
                gateway_down: true,
                ..Default::default()
            },
            "nothing tried while the SMSC is down"
        );

        let sink = SmscSink::start_on(port, None).await.unwrap();
        assert!(gateway.wait_bound(WAIT).await, "the gateway binds again");
        let mut sent = 0;
        while sent < 200 {
            let report = deliver_queued_sms(&app.db, &gateway, support::now(), 500)
                .await
                .unwrap();
            assert_eq!(report.retried + report.set_aside, 0, "{report:?}");
            assert!(report.sent > 0 || sent == 200, "{report:?}");
            sent += report.sent;
        }
        let received = sink.wait_for(200, WAIT).await;
        assert_eq!(received.len(), 200, "every SMS exactly once");
        for (_, phone) in &numbers {
            assert_eq!(received.iter().filter(|sms| &sms.to == phone).count(), 1);
        }
        let again = deliver_queued_sms(&app.db, &gateway, support::now(), 500)
            .await
            .unwrap();
        assert_eq!(again.sent, 0);
        assert_eq!(sink.messages().len(), 200);
    }
);

on_both_databases!(
    a_dispatcher_killed_mid_send_loses_nothing,
    Seed::Empty,
    |app: TestApp| async move {
        // The SMSC takes the 3rd SMS and the dispatcher dies before hearing back: SMPP cannot
        // tell whether it went, so it goes again once the claim expires; nothing else twice.
        app.sms.stop();
        let federation = small_federation(&app).await;
        let mut phones = Vec::new();
        for index in 0..5 {
            let phone = format!("+337{:08}", 20_000_000 + index);
            youth_with_phone(&app, federation.counsellor.id, &phone).await;
            shared::services::request_sign_in_code(
                &app.db,
                &phone,
                None,
                &shared::domain::RateLimits::default(),
                support::now(),
            )
            .await
            .unwrap();
            phones.push(phone);
        }
        let sink = SmscSink::start(None).await.unwrap();
        let held = sink.hold_answer_to(3);
        let settings = SmppSettings::from_url(&sink.url(), "ATELIERS93").unwrap();
        let (gateway, _inbound) = SmppGateway::start(settings.clone());
        assert!(gateway.wait_bound(WAIT).await);
        let db = app.db.clone();
        let dying =
            tokio::spawn(
                async move { deliver_queued_sms(&db, &gateway, support::now(), 50).await },
            );
        tokio::time::timeout(WAIT, held.notified()).await.unwrap();
        dying.abort(); // the process dies: its gateway and link with it
        let _ = dying.await;

        let (gateway, _inbound) = SmppGateway::start(settings);
        assert!(gateway.wait_bound(WAIT).await);
        let soon = deliver_queued_sms(&app.db, &gateway, support::now(), 50)
            .await
            .unwrap();
        assert_eq!(soon.sent, 2, "the SMS in flight stays claimed: {soon:?}");
        let after_claim =
            deliver_queued_sms(&app.db, &gateway, support::now() + Span::minutes(6), 50)
                .await
                .unwrap();
        assert_eq!(after_claim.sent, 1, "{after_claim:?}");
        let received = sink.wait_for(6, WAIT).await;
        for phone in &phones {
            let times = received.iter().filter(|sms| &sms.to == phone).count();
            let in_flight = phone == &phones[2];
            assert_eq!(times, if in_flight { 2 } else { 1 }, "{phone}");
        }
        assert_eq!(
            sms_outbox::Entity::find()
                .filter(sms_outbox::Column::SentAt.is_null())
                .count(&app.db)
                .await
                .unwrap(),
            0
        );
    }
);

on_both_databases!(
    throttling_waits_refusals_wait_for_a_counsellor_stop_and_receipts_are_kept,
    Seed::Empty,
    |app: TestApp| async move {
        const GOOD: &str = "+33611111111";
        const BAD: &str = "+33622222222";
        let federation = small_federation(&app).await;
        youth_with_phone(&app, federation.counsellor.id, GOOD).await;
        let bad_youth = youth_with_phone(&app, federation.counsellor.id, BAD).await;
        // Throttled three times in a row, then accepted: answered with backoff, not lost.
        app.sms.answer_next_with([CommandStatus::EsmeRthrottled; 3]);
        app.sms.refuse_number(BAD, CommandStatus::EsmeRinvdstadr);
        shared::services::request_sign_in_code(
            &app.db,
            GOOD,
            None,
            &shared::domain::RateLimits::default(),
            support::now(),
        )
        .await
        .unwrap();
        // A place taken by the other youth: the SMS that says so is refused.
        let token = app.session_for(bad_youth).await;
        app.call(
            server_fn_path::<EnrolInSession>(),
            &enrol_form(federation.session),
            Some(&token),
        )
        .await;
        let good = nth_sms_to(&app.sms, GOOD, 1).await;
        assert!(good.text.contains("code de connexion"));
        assert!(
            app.sms.segments_received() >= 4,
            "three throttled tries, then the SMS"
        );

        // The refused one is set aside at once, for a counsellor to see and resend.
        let deadline = tokio::time::Instant::now() + WAIT;
        let refused = loop {
            let row = sms_outbox::Entity::find()
                .filter(sms_outbox::Column::ToNumber.eq(BAD))
                .one(&app.db)
                .await
                .unwrap()
                .unwrap();
            if row.failed_at.is_some() || tokio::time::Instant::now() > deadline {
                break row;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        };
        assert!(refused.failed_at.is_some(), "{refused:?}");
        assert_eq!(refused.attempts, 1);
        assert!(
            refused
                .last_error
                .as_deref()
                .unwrap_or_default()
                .contains("refusé par l'opérateur"),
            "{refused:?}"
        );

        // The counsellor corrects the number on the file and resends it from the failed list.
        const CORRECTED: &str = "+33633333333";
        let on_file = person::Entity::find_by_id(bad_youth)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        let mut corrected: person::ActiveModel = on_file.into();
        corrected.phone = sea_orm::Set(Some(CORRECTED.to_owned()));
        sea_orm::ActiveModelTrait::update(corrected, &app.db)
            .await
            .unwrap();
        let counsellor = federation.counsellor.session(&app).await;
        let page = app
            .get_as("/courriels-en-echec", Some(&counsellor))
            .await
            .text()
            .await
            .unwrap();
        assert!(page.contains(r#"data-test="failed-sms""#), "{page}");
        let resent = app
            .submit(
                server_fn_path::<app::server_fns::ResendFailedSms>(),
                "/courriels-en-echec",
                &[("id", refused.id.to_string())],
                Some(&counsellor),
            )
            .await;
        assert_eq!(
            support::redirect_location(&resent),
            "/courriels-en-echec?sms-renvoye=1"
        );
        let again = nth_sms_to(&app.sms, CORRECTED, 1).await;
        assert!(
            again.text.contains("votre place est réservée"),
            "{}",
            again.text
        );

        // The receipt of the delivered one is recorded on it.
        let deadline = tokio::time::Instant::now() + WAIT;
        let delivered = loop {
            let row = sms_outbox::Entity::find()
                .filter(sms_outbox::Column::ToNumber.eq(GOOD))
                .one(&app.db)
                .await
                .unwrap()
                .unwrap();
            if row.receipt_at.is_some() || tokio::time::Instant::now() > deadline {
                break row;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        };
        assert_eq!(delivered.receipt_state.as_deref(), Some("DELIVRD"));

        // STOP from the phone: recorded, then acknowledged, and their file says so.
        let acknowledged = app.sms.deliveries_acknowledged();
        app.sms.reply_from(GOOD, "STOP");
        let deadline = tokio::time::Instant::now() + WAIT;
        let stopped = loop {
            let youth = person::Entity::find()
                .filter(person::Column::Phone.eq(GOOD))
                .one(&app.db)
                .await
                .unwrap()
                .unwrap();
            if youth.sms_stopped_at.is_some() || tokio::time::Instant::now() > deadline {
                break youth;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        };
        assert!(
            app.sms.wait_for_acknowledged(acknowledged + 1, WAIT).await > acknowledged,
            "the SMSC hears that the STOP was taken"
        );
        assert!(stopped.sms_stopped_at.is_some());

        // An answer that is not STOP changes nothing.
        let unchanged = record_sms_inbound(
            &app.db,
            SmsInbound::Reply {
                from: BAD.into(),
                text: "ok merci".into(),
            },
            support::now(),
        )
        .await
        .unwrap();
        assert_eq!(unchanged, shared::services::InboundOutcome::Ignored);
    }
);

on_both_databases!(
    accents_are_folded_to_gsm_or_the_sms_goes_as_ucs2,
    Seed::Empty,
    |app: TestApp| async move {
        let settings = SmppSettings::from_url(&app.sms.url(), "ATELIERS93").unwrap();
        let (gateway, _inbound) = SmppGateway::start(settings);
        assert!(gateway.wait_bound(WAIT).await);
        use shared::services::SmsSender;
        // Folded when queued (notices, codes): ê, œ and ’ become e, oe and ', and it stays GSM.
        let folded = shared::domain::sms::fold_to_gsm("Être à l’œuvre : fête");
        assert_eq!(folded, "Etre à l'oeuvre : fete");
        gateway.send("+33633333333", &folded).await.unwrap();
        // What cannot be folded (an emoji) goes as UCS-2, split when long, and reads back whole.
        let long = format!("Bravo 🎉 {}", "é".repeat(80));
        let ids = gateway.send("+33644444444", &long).await.unwrap();
        assert_eq!(ids.len(), 2, "two segments, a message id each");
        let received = app.sms.wait_for(2, WAIT).await;
        let gsm = received
            .iter()
            .find(|sms| sms.to == "+33633333333")
            .unwrap();
        assert_eq!((gsm.encoding, gsm.segments), (SmsEncoding::Gsm7, 1));
        assert_eq!(gsm.text, "Etre à l'oeuvre : fete");
        let ucs2 = received
            .iter()
            .find(|sms| sms.to == "+33644444444")
            .unwrap();
        assert_eq!((ucs2.encoding, ucs2.segments), (SmsEncoding::Ucs2, 2));
        assert_eq!(ucs2.text, long);
        // A long GSM text with an extension character at a boundary is never cut in two.
        let boundary = format!("{}€ fin", "a".repeat(152));
        let measured = shared::domain::sms::measure(&boundary);
        gateway.send("+33655555555", &boundary).await.unwrap();
        let received = app.sms.wait_for(3, WAIT).await;
        let split = received
            .iter()
            .find(|sms| sms.to == "+33655555555")
            .unwrap();
        assert_eq!(split.text, boundary);
        assert_eq!(split.segments, measured.segments);
    }
);
