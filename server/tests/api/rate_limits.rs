//! Rate limits through HTTP, as an attacker would meet them: bursts of bad passwords, the owner
//! signing in after someone else's bogus tries, who the server believes the client is behind a
//! reverse proxy, IPv6 clients counted per /64. Each test runs on SQLite and on PostgreSQL.

use crate::support;

use app::server_fns::{RequestSignInLink, SignInWithPassword};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use shared::domain::AuditAction;
use shared::entities::{audit_event, person, staff_member};
use shared::services::DEMO_PASSWORD;
use support::{Seed, TestApp, server_fn_path};

/// The email of a demo counsellor (password [`DEMO_PASSWORD`]).
async fn a_counsellor_email(app: &TestApp) -> String {
    let (_, person) = staff_member::Entity::find()
        .filter(staff_member::Column::Role.eq("counsellor"))
        .order_by_asc(staff_member::Column::PersonId)
        .find_also_related(person::Entity)
        .one(&app.db)
        .await
        .expect("a query")
        .expect("a counsellor");
    person.expect("a person").email.expect("an email")
}

/// How many passwords were checked and found wrong (one audit row each).
async fn failed_sign_ins(app: &TestApp) -> u64 {
    audit_event::Entity::find()
        .filter(audit_event::Column::Action.eq(AuditAction::SignInFailed.code()))
        .count(&app.db)
        .await
        .expect("count")
}

async fn sign_in_from(
    app: &TestApp,
    email: &str,
    password: String,
    forwarded_for: Option<&str>,
) -> reqwest::Response {
    let mut request = app
        .client
        .post(format!(
            "{}{}",
            app.address,
            server_fn_path::<SignInWithPassword>()
        ))
        .header("Origin", &app.address)
        .header("Accept", "application/json")
        .form(&[("email", email), ("password", &password)]);
    if let Some(forwarded_for) = forwarded_for {
        request = request.header("X-Forwarded-For", forwarded_for);
    }
    request.send().await.expect("the server answers")
}

on_both_databases!(
    a_burst_of_bad_passwords_gets_at_most_the_limit_checked,
    Seed::Demo,
    |app: TestApp| async move {
        let email = a_counsellor_email(&app).await;
        let answers = futures::future::join_all(
            (0..80).map(|i| sign_in_from(&app, &email, format!("devine-{i}"), None)),
        )
        .await;
        let mut statuses = std::collections::BTreeMap::<u16, usize>::new();
        for answer in &answers {
            *statuses.entry(answer.status().as_u16()).or_default() += 1;
        }
        let checked = failed_sign_ins(&app).await;
        eprintln!("80 parallel bad sign-ins: answers {statuses:?}, passwords checked {checked}");
        assert!(
            checked <= 5,
            "{checked} passwords checked, at most 5 allowed"
        );
        let through = answers.iter().filter(|a| a.status() != 429).count();
        assert!(through <= 5, "{through} answers other than 429");

        // Link requests for one address: the same bound, counted before any work.
        let form = [("email", "quelqu.un@exemple.fr".to_owned())];
        let answers = futures::future::join_all(
            (0..80).map(|_| app.call(server_fn_path::<RequestSignInLink>(), &form, None)),
        )
        .await;
        let through = answers.iter().filter(|a| a.status() != 429).count();
        eprintln!("80 parallel link requests: {through} not refused");
        assert!(through <= 5, "{through} link requests went through");
    }
);

/// Plays the reverse proxy: the test's requests come from loopback, which is trusted.
fn behind_a_proxy(settings: &mut server::config::Settings) {
    settings.trusted_proxies = "127.0.0.1".parse().expect("an address");
}

on_both_databases!(
    the_owner_signs_in_after_an_attackers_bogus_tries_from_elsewhere,
    Seed::Demo,
    settings = behind_a_proxy,
    |app: TestApp| async move {
        let email = a_counsellor_email(&app).await;
        let attacker = Some("198.51.100.66");
        for i in 0..5 {
            let answer = sign_in_from(&app, &email, format!("devine-{i}"), attacker).await;
            assert_eq!(answer.status(), 400, "a wrong password, checked");
        }
        // The attacker is slowed down now, even with the right password (not even checked).
        let slowed = sign_in_from(&app, &email, DEMO_PASSWORD.into(), attacker).await;
        assert_eq!(slowed.status(), 429);
        let message = slowed.text().await.expect("a body");
        assert!(message.contains("Réessayez dans 30 secondes"), "{message}");
        // The owner, from their own network, gets in at once.
        let owner = sign_in_from(&app, &email, DEMO_PASSWORD.into(), Some("203.0.113.10")).await;
        assert!(
            owner.status().is_success() || owner.status().is_redirection(),
            "{}",
            owner.status()
        );
        assert!(support::session_cookie_set(&owner).is_some(), "signed in");
        assert_eq!(failed_sign_ins(&app).await, 5);
    }
);

fn from(client: &str, count: usize) -> Vec<String> {
    vec![client.to_owned(); count]
}

/// Sends link requests at once for distinct unknown addresses (so that only the per-network
/// limit counts), one from each of `clients`, and returns how many were refused.
async fn refused_from(app: &TestApp, clients: &[String], tag: &str) -> usize {
    let answers = futures::future::join_all(clients.iter().enumerate().map(|(i, client)| {
        app.client
            .post(format!(
                "{}{}",
                app.address,
                server_fn_path::<RequestSignInLink>()
            ))
            .header("Origin", &app.address)
            .header("Accept", "application/json")
            .header("X-Forwarded-For", client)
            .form(&[("email", format!("{tag}.{i}@exemple.fr"))])
            .send()
    }))
    .await;
    answers
        .into_iter()
        .map(|answer| answer.expect("an answer"))
        .filter(|answer| answer.status() == 429)
        .count()
}

on_both_databases!(
    x_forwarded_for_is_ignored_when_the_peer_is_not_a_trusted_proxy,
    Seed::Empty,
    |app: TestApp| async move {
        // 100 requests claiming 100 different clients: all from one peer, one bucket.
        let claimed: Vec<String> = (1..=100).map(|i| format!("198.51.100.{i}")).collect();
        assert_eq!(
            refused_from(&app, &claimed, "a").await,
            0,
            "the first 100 pass"
        );
        assert_eq!(
            refused_from(&app, &from("203.0.113.200", 1), "b").await,
            1,
            "the 101st is refused, whatever it claims"
        );
    }
);

on_both_databases!(
    behind_a_trusted_proxy_each_client_has_its_bucket_and_ipv6_counts_per_64,
    Seed::Empty,
    settings = behind_a_proxy,
    |app: TestApp| async move {
        assert_eq!(refused_from(&app, &from("198.51.100.1", 100), "a").await, 0);
        assert_eq!(refused_from(&app, &from("198.51.100.1", 1), "b").await, 1);
        assert_eq!(
            refused_from(&app, &from("198.51.100.2", 1), "c").await,
            0,
            "another client, its own bucket"
        );
        // Two addresses of one /64 share a bucket; the next /64 has its own.
        assert_eq!(
            refused_from(&app, &from("2001:db8:1:2::a", 100), "d").await,
            0
        );
        assert_eq!(
            refused_from(&app, &from("2001:db8:1:2:ffff::b", 1), "e").await,
            1
        );
        assert_eq!(
            refused_from(&app, &from("2001:db8:1:3::a", 1), "f").await,
            0
        );
    }
);

/// The emails of `count` demo youths (they sign in by link).
async fn youth_emails(app: &TestApp, count: usize) -> Vec<String> {
    use sea_orm::QuerySelect;
    let ids: Vec<i32> = shared::entities::youth::Entity::find()
        .select_only()
        .column(shared::entities::youth::Column::PersonId)
        .into_tuple()
        .all(&app.db)
        .await
        .expect("youths");
    person::Entity::find()
        .filter(person::Column::Id.is_in(ids))
        .filter(person::Column::Email.is_not_null())
        .order_by_asc(person::Column::Id)
        .all(&app.db)
        .await
        .expect("people")
        .into_iter()
        .filter_map(|person| person.email)
        .take(count)
        .collect()
}

fn median(mut durations: Vec<std::time::Duration>) -> std::time::Duration {
    durations.sort();
    durations[durations.len() / 2]
}

on_both_databases!(
    a_link_request_takes_as_long_for_a_known_address_as_for_an_unknown_one,
    Seed::Demo,
    |app: TestApp| async move {
        // Timed tests are fragile: this asserts the mechanism (every answer waits for the same
        // floor, far above the work a known address costs) with generous bounds, not a race.
        let known = youth_emails(&app, 10).await;
        assert_eq!(known.len(), 10);
        let unknown: Vec<String> = (0..10)
            .map(|i| format!("personne.inconnue.{i}@exemple.fr"))
            .collect();
        let mut timings = (Vec::new(), Vec::new());
        for (known, unknown) in known.iter().zip(&unknown) {
            for (email, into) in [(known, &mut timings.0), (unknown, &mut timings.1)] {
                let started = std::time::Instant::now();
                let response = app
                    .call(
                        server_fn_path::<RequestSignInLink>(),
                        &[("email", email.clone())],
                        None,
                    )
                    .await;
                into.push(started.elapsed());
                assert_eq!(response.status(), 200);
            }
        }
        let (known, unknown) = (median(timings.0.clone()), median(timings.1.clone()));
        eprintln!("link requests, median: known {known:?}, unknown {unknown:?}");
        let floor = std::time::Duration::from_millis(400);
        for answer in timings.0.iter().chain(&timings.1) {
            assert!(
                *answer >= floor,
                "an answer came after {answer:?}, before the floor"
            );
        }
        let gap = known.abs_diff(unknown);
        assert!(
            gap < std::time::Duration::from_millis(150),
            "medians {known:?} and {unknown:?} differ by {gap:?}"
        );
    }
);

/// The browser tests' limits (`ATELIERS_TEST_RATE_LIMITS`, demo only): what the settings say is
/// what requests meet, here lower than the defaults so that a few requests reach them.
fn limits_of_two_and_three(settings: &mut server::config::Settings) {
    settings.test_rate_limits = Some(shared::domain::RateLimits::with_maxima(2, 3));
}

on_both_databases!(
    the_configured_limits_are_the_ones_applied,
    Seed::Demo,
    settings = limits_of_two_and_three,
    |app: TestApp| async move {
        // Per address: the third link request for one address is refused.
        let form = [("email", "quelqu.un@exemple.fr".to_owned())];
        let mut statuses = Vec::new();
        for _ in 0..3 {
            let answer = app
                .call(server_fn_path::<RequestSignInLink>(), &form, None)
                .await;
            statuses.push(answer.status().as_u16());
        }
        assert_eq!(statuses, [200, 200, 429], "link requests for one address");

        // Per network: the fourth password sign-in from this machine is refused, right
        // password or not.
        let email = a_counsellor_email(&app).await;
        let mut statuses = Vec::new();
        for _ in 0..4 {
            let answer = sign_in_from(&app, &email, DEMO_PASSWORD.to_owned(), None).await;
            statuses.push(answer.status().as_u16());
        }
        assert_eq!(
            &statuses[3..],
            [429],
            "sign-ins from one network: {statuses:?}"
        );
        assert!(
            statuses[..3].iter().all(|status| *status != 429),
            "{statuses:?}"
        );
    }
);
