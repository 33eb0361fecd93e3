//! Youths and guests with a mobile sign in with a six-digit code sent by SMS: the services, with
//! the test's clock. The code is read from the SMS the SMSC sink received, as the phone shows it.

use crate::support;

use chrono::Duration;
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, PaginatorTrait, Set};
use shared::ServiceError;
use shared::domain::sms::{SmsEncoding, SmsKind};
use shared::domain::{PersonId, RateLimits, SignInRefusal};
use shared::entities::{login_session, person, sms_outbox, sms_sign_in_code};
use shared::services::{
    CODE_TRIES, InboundOutcome, SmsInbound, record_sms_inbound, redeem_sign_in_code,
    request_sign_in_code,
};
use support::builders::small_federation;
use support::{Seed, TestApp, code_in};

const MOBILE: &str = "+33612345678";

async fn give_phone(app: &TestApp, person_id: PersonId, phone: &str) {
    let mut person = person::Entity::find_by_id(person_id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .into_active_model();
    person.phone = Set(Some(phone.to_owned()));
    person.update(&app.db).await.unwrap();
}

async fn ask_code(app: &TestApp, typed: &str) -> Result<(), ServiceError> {
    request_sign_in_code(&app.db, typed, None, &RateLimits::default(), support::now()).await
}

/// The queued SMS, newest last.
async fn queued_sms(app: &TestApp) -> Vec<sms_outbox::Model> {
    sms_outbox::Entity::find().all(&app.db).await.unwrap()
}

/// The code of the `nth` SMS (1 for the first) as the phone got it, through the SMSC.
async fn sent_code(app: &TestApp, nth: usize) -> String {
    let received = app
        .sms
        .wait_for(nth, std::time::Duration::from_secs(10))
        .await;
    code_in(&received.get(nth - 1).expect("the code's SMS arrives").text)
}

fn refused_as(result: Result<impl std::fmt::Debug, ServiceError>, refusal: SignInRefusal) {
    match result {
        Err(ServiceError::Invalid(message)) => assert_eq!(message, refusal.message()),
        other => panic!("expected « {} », got {other:?}", refusal.message()),
    }
}

on_both_databases!(
    a_code_by_sms_signs_in_once,
    Seed::Empty,
    |app: TestApp| async move {
        let federation = small_federation(&app).await;
        give_phone(&app, federation.youth, MOBILE).await;

        // Typed the French way, with spaces.
        ask_code(&app, "06 12 34 56 78").await.unwrap();
        let sms = queued_sms(&app).await;
        assert_eq!(sms.len(), 1);
        let sms = &sms[0];
        assert_eq!(sms.to_number, MOBILE);
        assert_eq!(sms.kind, SmsKind::SignInCode);
        assert_eq!(sms.person_id, Some(federation.youth));
        assert_eq!(sms.mission_locale_id, Some(federation.mission_locale.id));
        assert_eq!((sms.encoding, sms.segments), (SmsEncoding::Gsm7, 1));
        assert!(sms.body.contains("code de connexion"), "{}", sms.body);
        assert!(
            !sms.body.contains("http"),
            "a code's SMS signs in by nothing but the code"
        );
        let code = sent_code(&app, 1).await;
        let stored = sms_sign_in_code::Entity::find()
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert!(
            !stored.code_hash.contains(&code),
            "only a hash of the code is kept"
        );

        let later = support::now() + Duration::minutes(3);
        refused_as(
            redeem_sign_in_code(&app.db, "06 12 34 56 79", &code, None, later).await,
            SignInRefusal::CodeNoLongerValid,
        );
        let spaced = format!("{} {}", &code[..3], &code[3..]);
        let signed_in = redeem_sign_in_code(&app.db, "0612345678", &spaced, None, later)
            .await
            .unwrap();
        assert_eq!(signed_in.person_id, federation.youth);
        refused_as(
            redeem_sign_in_code(&app.db, MOBILE, &code, None, later).await,
            SignInRefusal::CodeNoLongerValid,
        );
        assert_eq!(
            login_session::Entity::find().count(&app.db).await.unwrap(),
            1
        );
    }
);

on_both_databases!(
    unknown_numbers_get_the_same_answer_and_no_sms,
    Seed::Empty,
    |app: TestApp| async move {
        let federation = small_federation(&app).await;
        give_phone(&app, federation.youth, MOBILE).await;
        // A counsellor's number gets nothing: staff sign in with their password.
        give_phone(&app, federation.counsellor.id, "+33698765432").await;

        ask_code(&app, "07 81 23 45 67").await.unwrap();
        ask_code(&app, "06 98 76 54 32").await.unwrap();
        assert!(queued_sms(&app).await.is_empty());

        refused_as(
            ask_code(&app, "01 48 12 34 56").await,
            SignInRefusal::NotAMobile,
        );
        match ask_code(&app, "06 12").await {
            Err(ServiceError::Invalid(message)) => {
                assert!(message.contains("n'est pas valide"), "{message}")
            }
            other => panic!("a malformed number is refused, got {other:?}"),
        }
        // A number two files share opens neither.
        let guest = federation.facilitator;
        give_phone(&app, guest, MOBILE).await;
        ask_code(&app, MOBILE).await.unwrap();
        assert!(queued_sms(&app).await.is_empty());
    }
);

on_both_databases!(
    a_code_dies_after_ten_minutes_or_five_wrong_tries,
    Seed::Empty,
    |app: TestApp| async move {
        let federation = small_federation(&app).await;
        give_phone(&app, federation.youth, MOBILE).await;

        ask_code(&app, MOBILE).await.unwrap();
        let code = sent_code(&app, 1).await;
        let late = support::now() + Duration::minutes(10);
        refused_as(
            redeem_sign_in_code(&app.db, MOBILE, &code, None, late).await,
            SignInRefusal::CodeNoLongerValid,
        );

        ask_code(&app, MOBILE).await.unwrap();
        let code = sent_code(&app, 2).await;
        let wrong = if code == "000000" { "111111" } else { "000000" };
        let soon = support::now() + Duration::minutes(1);
        for _ in 0..CODE_TRIES {
            refused_as(
                redeem_sign_in_code(&app.db, MOBILE, wrong, None, soon).await,
                SignInRefusal::CodeNoLongerValid,
            );
        }
        refused_as(
            redeem_sign_in_code(&app.db, MOBILE, &code, None, soon).await,
            SignInRefusal::CodeNoLongerValid,
        );
        assert_eq!(
            login_session::Entity::find().count(&app.db).await.unwrap(),
            0
        );
    }
);

on_both_databases!(
    codes_are_rate_limited_per_number,
    Seed::Empty,
    |app: TestApp| async move {
        let federation = small_federation(&app).await;
        give_phone(&app, federation.youth, MOBILE).await;
        let limits = RateLimits::default();
        let mut answers = Vec::new();
        for _ in 0..=limits.per_account.max {
            answers.push(ask_code(&app, MOBILE).await);
        }
        assert!(
            matches!(answers.last(), Some(Err(ServiceError::RateLimited))),
            "{answers:?}"
        );
        assert_eq!(queued_sms(&app).await.len() as u64, limits.per_account.max);
    }
);

on_both_databases!(
    stop_ends_every_sms_to_the_number,
    Seed::Empty,
    |app: TestApp| async move {
        let federation = small_federation(&app).await;
        give_phone(&app, federation.youth, MOBILE).await;
        ask_code(&app, MOBILE).await.unwrap();

        let now = support::now();
        let not_stop = SmsInbound::Reply {
            from: MOBILE.into(),
            text: "Merci, à mardi".into(),
        };
        assert_eq!(
            record_sms_inbound(&app.db, not_stop, now).await.unwrap(),
            InboundOutcome::Ignored
        );
        let stop = SmsInbound::Reply {
            from: "0612345678".into(),
            text: "Stop".into(),
        };
        assert_eq!(
            record_sms_inbound(&app.db, stop, now).await.unwrap(),
            InboundOutcome::Stopped(1)
        );
        let youth = person::Entity::find_by_id(federation.youth)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert!(youth.sms_stopped_at.is_some(), "their file says no SMS");
        // The code they asked for still goes: asking for it is asking for that SMS.
        assert!(queued_sms(&app).await[0].failed_at.is_none());
    }
);

on_both_databases!(
    a_phone_without_javascript_signs_in_with_its_code,
    Seed::Empty,
    |app: TestApp| async move {
        use app::server_fns::{RedeemSignInCode, RequestSignInCode};
        use support::{redirect_location, server_fn_path, session_cookie_set};
        let federation = small_federation(&app).await;
        give_phone(&app, federation.youth, MOBILE).await;

        let page = app
            .get("/connexion?tel=0612345678")
            .await
            .text()
            .await
            .unwrap();
        assert!(
            page.contains(r#"value="0612345678""#),
            "the welcome SMS's link fills the number in"
        );
        let asked = app
            .submit(
                server_fn_path::<RequestSignInCode>(),
                "/connexion",
                &[("phone", "06 12 34 56 78".into())],
                None,
            )
            .await;
        let code_page = redirect_location(&asked);
        assert_eq!(code_page, "/code-sms?tel=0612345678");
        let page = app.get(&code_page).await.text().await.unwrap();
        assert!(page.contains(r#"data-test="code-sent""#), "{page}");
        assert!(page.contains(r#"autocomplete="one-time-code""#), "{page}");

        let code = sent_code(&app, 1).await;
        let wrong = if code == "000000" { "111111" } else { "000000" };
        let refused = app
            .submit(
                server_fn_path::<RedeemSignInCode>(),
                &code_page,
                &[("phone", "0612345678".into()), ("code", wrong.into())],
                None,
            )
            .await;
        assert!(session_cookie_set(&refused).is_none());
        let back = redirect_location(&refused).replace(&app.address, "");
        assert!(back.starts_with("/code-sms?tel=0612345678&"), "{back}");
        let page = app.get(&back).await.text().await.unwrap();
        assert!(
            page.contains("n'est pas le bon"),
            "the refusal reads in French: {page}"
        );

        let signed_in = app
            .submit(
                server_fn_path::<RedeemSignInCode>(),
                &code_page,
                &[("phone", "0612345678".into()), ("code", code)],
                None,
            )
            .await;
        assert!(session_cookie_set(&signed_in).is_some());
        assert_eq!(redirect_location(&signed_in), "/accueil");
    }
);

on_both_databases!(
    an_sms_short_link_opens_the_session_page,
    Seed::Empty,
    |app: TestApp| async move {
        use shared::domain::sms::session_short_path;
        let redirect_location = |response: reqwest::Response| {
            assert_eq!(response.status(), 303);
            response.headers()["location"].to_str().unwrap().to_owned()
        };
        let federation = small_federation(&app).await;
        let short = session_short_path(federation.session);
        assert!(short.len() <= 6, "{short}");
        let session_page = format!("/ateliers/{}", federation.session);
        assert_eq!(redirect_location(app.get(&short).await), session_page);
        assert!(app.get(&session_page).await.status().is_success());
        assert_eq!(redirect_location(app.get("/s/%C3%A9").await), "/ateliers");
    }
);

on_both_databases!(
    a_youth_chooses_sms_on_their_page_without_javascript,
    Seed::Empty,
    |app: TestApp| async move {
        use app::server_fns::ChooseNoticeChannel;
        use shared::domain::sms::NoticeChannel;
        use support::{redirect_location, server_fn_path};
        let federation = small_federation(&app).await;
        let session = app.session_for(federation.youth).await;

        // Email only: nothing to choose.
        let page = app
            .get_as("/mes-notifications", Some(&session))
            .await
            .text()
            .await
            .unwrap();
        assert!(page.contains("arriveront par e-mail."), "{page}");
        assert!(page.contains(r#"data-test="notices-no-choice""#), "{page}");

        give_phone(&app, federation.youth, MOBILE).await;
        let page = app
            .get_as("/mes-notifications", Some(&session))
            .await
            .text()
            .await
            .unwrap();
        assert!(page.contains("par e-mail et par SMS."), "{page}");
        assert!(page.contains("Par SMS (06 12 34 56 78)"), "{page}");

        let chosen = app
            .submit(
                server_fn_path::<ChooseNoticeChannel>(),
                "/mes-notifications",
                &[("channel", "sms".into())],
                Some(&session),
            )
            .await;
        assert_eq!(
            redirect_location(&chosen),
            "/mes-notifications?enregistre=1"
        );
        let youth = person::Entity::find_by_id(federation.youth)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(youth.notice_channel, Some(NoticeChannel::Sms));
        let page = app
            .get_as("/mes-notifications?enregistre=1", Some(&session))
            .await
            .text()
            .await
            .unwrap();
        assert!(page.contains("Votre choix est enregistré."), "{page}");
        assert!(page.contains("arriveront par SMS."), "{page}");

        // A landline offers no SMS.
        give_phone(&app, federation.youth, "+33148123456").await;
        let page = app
            .get_as("/mes-notifications", Some(&session))
            .await
            .text()
            .await
            .unwrap();
        assert!(page.contains("arriveront par e-mail."), "{page}");
        assert!(!page.contains("Par SMS ("), "{page}");
    }
);

on_both_databases!(
    a_landline_on_file_is_said_to_receive_no_sms,
    Seed::Empty,
    |app: TestApp| async move {
        let federation = small_federation(&app).await;
        let counsellor = federation.counsellor.session(&app).await;
        let file = format!("/jeunes/{}", federation.youth);

        give_phone(&app, federation.youth, MOBILE).await;
        let page = app
            .get_as(&file, Some(&counsellor))
            .await
            .text()
            .await
            .unwrap();
        assert!(page.contains("06 12 34 56 78"), "{page}");
        assert!(
            !page.contains(r#"data-test="phone-no-sms""#),
            "a mobile receives SMS"
        );

        give_phone(&app, federation.youth, "+33148123456").await;
        let page = app
            .get_as(&file, Some(&counsellor))
            .await
            .text()
            .await
            .unwrap();
        assert!(page.contains(r#"data-test="phone-no-sms""#), "{page}");
        assert!(page.contains("ne peut pas recevoir de SMS"), "{page}");
    }
);
