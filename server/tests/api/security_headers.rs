//! `security_headers`: what every answer tells the browser (issue 17, item 10) — a
//! Content-Security-Policy whose nonce covers each inline script of the page and nothing else,
//! no framing, no sniffing, no Referer leaving with a token, HSTS over https — and the `Host`
//! checked against the public address. Also (item 9) the error a plain form post carries back
//! in `?__err=` is shown only when Ateliers itself put it there.

use crate::support;

use app::error::AppError;
use app::server_fns::{ResetPassword, SignInWithPassword};
use leptos::server_fn::ServerFn;
use leptos::server_fn::error::ServerFnUrlError;
use support::{Backend, Seed, server_fn_path, spawn_app_with};

/// What a phisher would like Ateliers' own sign-in page to say.
const PHISHING: &str = "Votre compte est suspendu. Appelez le 08 99 00 00 00 pour le débloquer.";

/// The header `name` of `response`, as text.
fn header<'a>(response: &'a reqwest::Response, name: &str) -> Option<&'a str> {
    response
        .headers()
        .get(name)
        .map(|value| value.to_str().expect("a text header"))
}

/// The directives of a Content-Security-Policy, by name.
fn directives(policy: &str) -> Vec<(String, Vec<String>)> {
    policy
        .split(';')
        .filter_map(|directive| {
            let mut words = directive.split_whitespace();
            let name = words.next()?.to_ascii_lowercase();
            Some((name, words.map(str::to_owned).collect()))
        })
        .collect()
}

fn directive(policy: &str, name: &str) -> Option<Vec<String>> {
    directives(policy)
        .into_iter()
        .find(|(directive, _)| directive == name)
        .map(|(_, sources)| sources)
}

/// The headers every answer carries, whatever it is; returns its Content-Security-Policy.
fn assert_protected(response: &reqwest::Response, what: &str) -> String {
    let policy = header(response, "content-security-policy")
        .unwrap_or_else(|| panic!("{what}: no Content-Security-Policy"))
        .to_owned();
    assert_eq!(
        directive(&policy, "frame-ancestors").as_deref(),
        Some(&["'none'".to_owned()][..]),
        "{what}: {policy}"
    );
    assert_eq!(header(response, "x-frame-options"), Some("DENY"), "{what}");
    assert_eq!(
        header(response, "x-content-type-options"),
        Some("nosniff"),
        "{what}"
    );
    assert!(
        header(response, "referrer-policy").is_some(),
        "{what}: no Referrer-Policy"
    );
    assert_eq!(
        header(response, "strict-transport-security"),
        None,
        "{what}: HSTS without an https public address"
    );
    policy
}

/// A page's policy: scripts only from Ateliers or carrying the nonce, never inline without it.
fn assert_page_policy(policy: &str, what: &str) -> String {
    let scripts = directive(policy, "script-src").unwrap_or_else(|| panic!("{what}: {policy}"));
    assert!(
        !scripts.iter().any(|source| source == "'unsafe-inline'"
            || source == "'unsafe-eval'"
            || source == "*"),
        "{what}: {policy}"
    );
    assert!(scripts.contains(&"'wasm-unsafe-eval'".to_owned()), "{what}");
    let nonce = scripts
        .iter()
        .find_map(|source| source.strip_prefix("'nonce-")?.strip_suffix('\''))
        .unwrap_or_else(|| panic!("{what}: no nonce in {policy}"))
        .to_owned();
    assert!(nonce.len() >= 22, "{what}: a nonce of 128 bits at least");
    for (name, expected) in [
        ("default-src", "'self'"),
        ("object-src", "'none'"),
        ("base-uri", "'none'"),
        ("form-action", "'self'"),
    ] {
        assert_eq!(
            directive(policy, name).as_deref(),
            Some(&[expected.to_owned()][..]),
            "{what}: {policy}"
        );
    }
    assert!(
        !directive(policy, "style-src")
            .expect("a style-src")
            .contains(&"'unsafe-inline'".to_owned()),
        "{what}: {policy}"
    );
    nonce
}

/// Every `<script>` of `html` either loads a file of Ateliers or carries `nonce`; no inline
/// event handler nor `javascript:` link. Returns how many inline scripts there are.
fn assert_scripts_carry(html: &str, nonce: &str, what: &str) -> usize {
    let lower = html.to_ascii_lowercase();
    let mut inline = 0;
    for (start, _) in lower.match_indices("<script") {
        let tag = &html[start..start + lower[start..].find('>').expect("a closed tag")];
        if let Some(source) = tag.split("src=\"").nth(1) {
            assert!(
                source.starts_with('/'),
                "{what}: a script from elsewhere: {tag}"
            );
        } else {
            inline += 1;
            assert!(
                tag.contains(&format!("nonce=\"{nonce}\"")),
                "{what}: an inline script without the response's nonce: {tag}"
            );
        }
    }
    for handler in [
        " onclick=",
        " onload=",
        " onerror=",
        " onsubmit=",
        " onchange=",
        " oninput=",
        " onfocus=",
        "javascript:",
    ] {
        assert!(
            !lower.contains(handler),
            "{what}: inline script `{handler}`"
        );
    }
    inline
}

/// A site folder with one hashed asset, as `cargo leptos build` writes it.
fn site_folder() -> tempfile::TempDir {
    let folder = tempfile::tempdir().expect("a temporary folder");
    std::fs::create_dir(folder.path().join("pkg")).expect("pkg/");
    std::fs::write(
        folder.path().join("pkg/ateliers.0123abcd.css"),
        "body { color: #1d1d1b; }\n".repeat(100),
    )
    .expect("an asset");
    folder
}

async fn every_kind_of_answer_carries_the_headers(backend: Backend) {
    let site = site_folder();
    let site_root = site.path().display().to_string();
    let Some(app) = spawn_app_with(
        "every_kind_of_answer_carries_the_headers",
        backend,
        Seed::Empty,
        |settings| settings.site_root = site_root,
    )
    .await
    else {
        return;
    };
    let small = support::builders::small_federation(&app).await;
    let coordinator = small.coordinator.session(&app).await;

    // Pages (with and without islands), and the 404 page: the page policy with a nonce.
    for (path, session, status) in [
        ("/ateliers", None, 200),
        ("/connexion", None, 200),
        ("/accueil", Some(coordinator.as_str()), 200),
        ("/chiffres", Some(coordinator.as_str()), 200),
        ("/nulle-part", None, 404),
    ] {
        let page = app.get_as(path, session).await;
        assert_eq!(page.status(), status, "{path}");
        let policy = assert_protected(&page, path);
        let nonce = assert_page_policy(&policy, path);
        assert_eq!(
            header(&page, "referrer-policy"),
            Some("same-origin"),
            "{path}"
        );
        let html = page.text().await.expect("a page");
        assert_scripts_carry(&html, &nonce, path);
    }

    // The paper scan's refusal, a page of the server's own: its one inline style is allowed by
    // its hash, and nothing else inline.
    let session_id = small.session;
    let refused = app
        .client
        .post(format!(
            "{}/seances/{session_id}/emargement/scan",
            app.address
        ))
        .header("Origin", &app.address)
        .header("Cookie", format!("ateliers_session={coordinator}"))
        .header("Accept", "text/html")
        .multipart(reqwest::multipart::Form::new().part(
            "scan",
            reqwest::multipart::Part::bytes(Vec::new()).file_name("vide.pdf"),
        ))
        .send()
        .await
        .expect("an answer");
    assert!(refused.status().is_client_error(), "{}", refused.status());
    let policy = assert_protected(&refused, "the scan's refusal");
    let nonce = assert_page_policy(&policy, "the scan's refusal");
    let html = refused.text().await.expect("a page");
    assert!(html.contains("paper-scan-error"), "{html}");
    assert_scripts_carry(&html, &nonce, "the scan's refusal");
    let style = html
        .split_once("<style>")
        .and_then(|(_, rest)| rest.split_once("</style>"))
        .map(|(style, _)| style)
        .expect("an inline style");
    let hash = {
        use base64::Engine as _;
        use sha2::Digest as _;
        base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(style.as_bytes()))
    };
    assert_eq!(
        directive(&policy, "style-src"),
        Some(vec!["'self'".to_owned(), format!("'sha256-{hash}'")]),
        "{policy}"
    );

    // Everything else: nothing may run or load in it.
    let strict = |policy: &str, what: &str| {
        assert_eq!(
            directive(policy, "default-src").as_deref(),
            Some(&["'none'".to_owned()][..]),
            "{what}: {policy}"
        );
        assert!(
            directive(policy, "script-src").is_none(),
            "{what}: {policy}"
        );
    };
    let feed = shared::services::open_calendar_feed(
        &app.db,
        &shared::services::identify_actor(&app.db, &coordinator, support::now())
            .await
            .expect("the coordinator"),
        &app.mail_settings(),
        support::now(),
    )
    .await
    .expect("a feed");
    let shared::domain::MyCalendarFeed::New(feed) = feed else {
        panic!("a new feed, its address shown once");
    };
    let feed_path = feed
        .https_url
        .split_once("/calendrier/")
        .map(|(_, file)| format!("/calendrier/{file}"))
        .expect("a feed address");
    let answers = [
        ("a redirect", app.get("/").await, 303),
        ("the health check", app.get("/healthz").await, 200),
        (
            "a hashed asset",
            app.get("/pkg/ateliers.0123abcd.css").await,
            200,
        ),
        ("a missing asset", app.get("/pkg/absent.js").await, 404),
        (
            "a file download",
            app.get_as("/chiffres/participants.csv", Some(&coordinator))
                .await,
            200,
        ),
        (
            "a refused download",
            app.get("/chiffres/participants.csv").await,
            401,
        ),
        ("the calendar feed", app.get(&feed_path).await, 200),
        (
            "a server function's JSON",
            app.call(
                server_fn_path::<SignInWithPassword>(),
                &[
                    ("email", "personne@exemple.fr".into()),
                    ("password", "pas le bon mot de passe".into()),
                ],
                None,
            )
            .await,
            400,
        ),
        (
            "a server function's malformed call",
            app.call(server_fn_path::<SignInWithPassword>(), &[], None)
                .await,
            400,
        ),
        (
            "a cross-site post",
            app.client
                .post(format!("{}/api/sign_in_with_password", app.address))
                .header("Origin", "https://ailleurs.example")
                .form(&[("email", "a@b.fr")])
                .send()
                .await
                .expect("an answer"),
            403,
        ),
        (
            "a wrong method",
            app.client
                .delete(format!("{}/healthz", app.address))
                .header("Origin", &app.address)
                .send()
                .await
                .expect("an answer"),
            405,
        ),
    ];
    for (what, answer, status) in answers {
        assert_eq!(answer.status(), status, "{what}");
        let policy = assert_protected(&answer, what);
        strict(&policy, what);
        let referrer = if what == "the calendar feed" {
            "no-referrer"
        } else {
            "same-origin"
        };
        assert_eq!(header(&answer, "referrer-policy"), Some(referrer), "{what}");
    }
}
for_both_backends!(every_kind_of_answer_carries_the_headers);

async fn each_page_gets_its_own_nonce_on_every_inline_script(backend: Backend) {
    let Some(app) = spawn_app_with(
        "each_page_gets_its_own_nonce_on_every_inline_script",
        backend,
        Seed::Empty,
        |_| {},
    )
    .await
    else {
        return;
    };
    // A session to list, so that the list has its theme filter.
    support::builders::small_federation(&app).await;
    let mut seen = std::collections::HashSet::new();
    for _ in 0..3 {
        // The list of workshops has islands: the script that loads the wasm is inline.
        let page = app.get("/ateliers").await;
        let nonce = assert_page_policy(
            header(&page, "content-security-policy").expect("a policy"),
            "/ateliers",
        );
        let html = page.text().await.expect("a page");
        assert!(
            assert_scripts_carry(&html, &nonce, "/ateliers") >= 1,
            "the islands' loader is an inline script"
        );
        assert!(seen.insert(nonce), "a nonce is never used twice");
    }
}
for_both_backends!(each_page_gets_its_own_nonce_on_every_inline_script);

async fn addresses_holding_a_token_never_leave_in_a_referer(backend: Backend) {
    let Some(app) = spawn_app_with(
        "addresses_holding_a_token_never_leave_in_a_referer",
        backend,
        Seed::Empty,
        |_| {},
    )
    .await
    else {
        return;
    };
    // The pages send the origin alone (`no-referrer` would make the browser send
    // `Origin: null` with their own form, which the CSRF check refuses); the feed nothing.
    for (path, policy) in [
        ("/connexion/jeton-du-lien-de-connexion", "strict-origin"),
        (
            "/mot-de-passe/jeton-du-lien-de-reinitialisation",
            "strict-origin",
        ),
        ("/calendrier/jeton-du-flux.ics", "no-referrer"),
    ] {
        let answer = app.get(path).await;
        assert_protected(&answer, path);
        assert_eq!(header(&answer, "referrer-policy"), Some(policy), "{path}");
    }
    for path in ["/connexion", "/mot-de-passe-oublie", "/ateliers"] {
        let answer = app.get(path).await;
        assert_eq!(
            header(&answer, "referrer-policy"),
            Some("same-origin"),
            "{path}"
        );
    }

    // Its form's Referer is the origin alone (or none at all): a refused form still comes
    // back to its page, with the error.
    let page = "/mot-de-passe/jeton-inconnu";
    for referer in [Some(format!("{}/", app.address)), None] {
        let mut request = app
            .client
            .post(format!(
                "{}{}",
                app.address,
                server_fn_path::<ResetPassword>()
            ))
            .header("Origin", &app.address)
            .header("Accept", "text/html,application/xhtml+xml")
            .form(&[
                ("token", "jeton-inconnu"),
                ("password", "une phrase assez longue"),
                ("password_confirmation", "une autre phrase assez longue"),
            ]);
        if let Some(referer) = &referer {
            request = request.header("Referer", referer);
        }
        let refused = request.send().await.expect("an answer");
        assert_eq!(refused.status(), 302);
        let location = header(&refused, "location").expect("a redirect").to_owned();
        assert!(
            location.starts_with(&format!("{page}?")),
            "back to the page ({referer:?}): {location}"
        );
        let html = app.get(&location).await.text().await.expect("a page");
        assert!(
            html.contains("Les deux mots de passe ne sont pas identiques."),
            "{html}"
        );
    }
}
for_both_backends!(addresses_holding_a_token_never_leave_in_a_referer);

async fn https_public_address_adds_hsts_and_checks_the_host(backend: Backend) {
    let Some(app) = spawn_app_with(
        "https_public_address_adds_hsts_and_checks_the_host",
        backend,
        Seed::Empty,
        |settings| settings.public_url = Some("https://ateliers.example".into()),
    )
    .await
    else {
        return;
    };
    let at = |host: &'static str, path: &str| {
        app.client
            .get(format!("{}{path}", app.address))
            .header("Host", host)
            .send()
    };
    for host in [
        "ateliers.example",
        "ATELIERS.example",
        "ateliers.example:443",
    ] {
        let page = at(host, "/ateliers").await.expect("an answer");
        assert_eq!(page.status(), 200, "{host}");
        assert_eq!(
            header(&page, "strict-transport-security"),
            Some("max-age=31536000; includeSubDomains"),
            "{host}"
        );
    }
    for host in ["ailleurs.example", "ateliers.example:8443", "127.0.0.1"] {
        let refused = at(host, "/ateliers").await.expect("an answer");
        assert_eq!(refused.status(), 421, "{host}");
        assert!(header(&refused, "content-security-policy").is_some());
        assert!(header(&refused, "strict-transport-security").is_some());
        let text = refused.text().await.expect("a text");
        assert!(text.contains("https://ateliers.example"), "{text}");
        assert!(text.contains("adresse"), "in French: {text}");
    }
    // Load balancers probe the instance by its own address.
    let probe = at("10.0.0.7:3000", "/healthz").await.expect("an answer");
    assert_eq!(probe.status(), 200);
}
for_both_backends!(https_public_address_adds_hsts_and_checks_the_host);

async fn any_host_without_a_public_address_and_no_hsts_over_http(backend: Backend) {
    let Some(plain) = spawn_app_with(
        "any_host_without_a_public_address_and_no_hsts_over_http",
        backend,
        Seed::Empty,
        |_| {},
    )
    .await
    else {
        return;
    };
    let page = plain
        .client
        .get(format!("{}/ateliers", plain.address))
        .header("Host", "ailleurs.example")
        .send()
        .await
        .expect("an answer");
    assert_eq!(page.status(), 200);
    assert_protected(&page, "without a public address");
    drop(plain);

    let Some(http) = spawn_app_with(
        "any_host_without_a_public_address_and_no_hsts_over_http",
        backend,
        Seed::Empty,
        |settings| settings.public_url = Some("http://ateliers.example:8080".into()),
    )
    .await
    else {
        return;
    };
    let page = http
        .client
        .get(format!("{}/ateliers", http.address))
        .header("Host", "ateliers.example:8080")
        .send()
        .await
        .expect("an answer");
    assert_eq!(page.status(), 200);
    assert_protected(&page, "over http");
    let elsewhere = http
        .client
        .get(format!("{}/ateliers", http.address))
        .header("Host", "ateliers.example")
        .send()
        .await
        .expect("an answer");
    assert_eq!(elsewhere.status(), 421, "port 80 is not port 8080");
}
for_both_backends!(any_host_without_a_public_address_and_no_hsts_over_http);

/// `/connexion?__path=…&__err=…` as leptos writes it, with an error of the attacker's choosing.
fn crafted_error_address(page: &str, error: AppError) -> String {
    let url = ServerFnUrlError::new(SignInWithPassword::PATH, error)
        .to_url(&format!("http://127.0.0.1{page}"))
        .expect("a URL");
    format!("{page}?{}", url.query().expect("a query"))
}

async fn a_crafted_form_error_is_never_shown(backend: Backend) {
    let Some(app) = spawn_app_with(
        "a_crafted_form_error_is_never_shown",
        backend,
        Seed::Empty,
        |_| {},
    )
    .await
    else {
        return;
    };
    for error in [
        AppError::Forbidden(PHISHING.into()),
        AppError::Invalid(PHISHING.into()),
        AppError::TooManyRequests(PHISHING.into()),
    ] {
        let address = crafted_error_address("/connexion", error);
        let page = app.get(&address).await;
        assert_eq!(page.status(), 200, "the page itself is fine");
        let html = page.text().await.expect("a page");
        assert!(
            !html.contains("Votre compte est suspendu"),
            "a link of anyone's making puts its text on the sign-in page: {address}"
        );
        assert!(html.contains("Se connecter"), "the sign-in page is there");
    }
}
for_both_backends!(a_crafted_form_error_is_never_shown);

async fn a_genuine_form_error_is_shown_to_its_sender_only(backend: Backend) {
    let Some(app) = spawn_app_with(
        "a_genuine_form_error_is_shown_to_its_sender_only",
        backend,
        Seed::Empty,
        |_| {},
    )
    .await
    else {
        return;
    };
    // A wrong password through the plain form (no JavaScript): back to /connexion with the error.
    let refused = app
        .submit(
            server_fn_path::<SignInWithPassword>(),
            "/connexion",
            &[
                ("email", "quelquun@exemple.fr".into()),
                ("password", "pas le bon mot de passe".into()),
            ],
            None,
        )
        .await;
    assert_eq!(refused.status(), 302);
    let location = header(&refused, "location")
        .expect("a redirect")
        .trim_start_matches(&app.address)
        .to_owned();
    assert!(location.starts_with("/connexion?"), "{location}");
    assert_protected(&refused, "the form's redirect");
    let html = app.get(&location).await.text().await.expect("a page");
    assert!(
        html.contains("Adresse e-mail ou mot de passe incorrect."),
        "the sender reads the error: {location}"
    );

    // Every instance holds the same key: another one shows it too.
    let other = app.second_instance().await;
    let html = app
        .client
        .get(format!("{}{location}", other.address))
        .send()
        .await
        .expect("an answer")
        .text()
        .await
        .expect("a page");
    assert!(
        html.contains("Adresse e-mail ou mot de passe incorrect."),
        "another instance reads the same signature"
    );

    // The same address opened by another browser (another session) says nothing.
    let html = app
        .get_as(&location, Some("une-autre-session"))
        .await
        .text()
        .await
        .expect("a page");
    assert!(!html.contains("incorrect"), "{location}");

    // Its signature does not cover another error.
    let crafted = crafted_error_address("/connexion", AppError::Forbidden(PHISHING.into()));
    let (_, crafted_query) = crafted.split_once('?').expect("a query");
    let forged_err = crafted_query
        .split('&')
        .find(|pair| pair.starts_with("__err="))
        .expect("an error");
    let forged = location
        .split('&')
        .map(|pair| {
            if pair.starts_with("__err=") {
                forged_err
            } else {
                pair
            }
        })
        .collect::<Vec<_>>()
        .join("&");
    assert_ne!(forged, location);
    let html = app.get(&forged).await.text().await.expect("a page");
    assert!(!html.contains("Votre compte est suspendu"), "{forged}");

    // A later success leaves no stale error in the address.
    let again = app
        .submit(
            server_fn_path::<SignInWithPassword>(),
            &location,
            &[
                ("email", "quelquun@exemple.fr".into()),
                ("password", "toujours pas le bon".into()),
            ],
            None,
        )
        .await;
    let location = header(&again, "location").expect("a redirect");
    assert_eq!(
        (
            location.matches("__err=").count(),
            location.matches("__sig=").count()
        ),
        (1, 1),
        "one error, the new one: {location}"
    );
}
for_both_backends!(a_genuine_form_error_is_shown_to_its_sender_only);
