//! Attendance through HTTP, on SQLite and on PostgreSQL: the roll-call (statuses, double taps,
//! walk-ins), the self check-in with the rotating code (expired codes and codes used by a youth
//! without a place do nothing), signatures (only one's own, only when present), closing (once,
//! only when complete; the PDF read back with `pdftotext`), corrections after closing (with a
//! reason, logged, the original sheet kept), the paper fallback (the signed sheet's scan,
//! posted as a plain multipart form, closes the sheet) and bad input that writes nothing.

use crate::support;

use app::server_fns::{
    AddWalkIn, CheckInWithCode, CloseAttendanceSheet, CorrectAttendance, ListSheetsToClose,
    MarkAttendance, ReopenPaperSheet, ShowCheckInCode, SignAttendanceSheet, ViewAttendance,
};
use chrono::{Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use shared::domain::{
    Actor, AttendanceStatus, AttendanceView, CheckInScreen, PersonId, SessionId, SessionStatus,
    SheetState, Theme,
};
use shared::entities::{
    attendance_correction, attendance_document, attendance_line, attendance_sheet, person,
    workshop_session,
};
use support::{Seed, TestApp, builders, pdf_text, server_fn_path};

/// A drawn signature, as the signature pad posts it.
const SIGNATURE: &str = "100,300 150,200 200,120 260,180 320,260 380,150 450,90 520,200";

/// A session that started 20 minutes ago (two hours long), with a guest facilitator, five
/// youths of the organising Mission Locale and the first four of them registered.
struct UnderWay {
    session_id: SessionId,
    counsellor: PersonId,
    facilitator: PersonId,
    youths: Vec<PersonId>,
}

async fn session_under_way(app: &TestApp) -> UnderWay {
    let ml = builders::mission_locale(app, "Bondy").await;
    let counsellor = builders::counsellor(ml.id).insert(app).await.id;
    let facilitator = builders::facilitator(app, "Karim", "Amrani").await;
    let workshop = builders::workshop(
        app,
        "Décrypter l'info avec un journaliste",
        Theme::MediaLiteracy,
    )
    .await;
    let session_id = builders::session(workshop, &ml, counsellor)
        .starts_at(support::now() - Duration::minutes(20))
        .facilitator(facilitator)
        .insert(app)
        .await;
    let youths = builders::youths(app, counsellor, 5).await;
    for (ticket, youth_id) in youths.iter().take(4).enumerate() {
        register(app, session_id, *youth_id, ticket as i64 + 1, counsellor)
            .await
            .unwrap();
    }
    UnderWay {
        session_id,
        counsellor,
        facilitator,
        youths,
    }
}

/// Gives `youth_id` a place at the session, as a counsellor would have three days ago (an
/// error when they already hold a row there).
async fn register(
    app: &TestApp,
    session_id: SessionId,
    youth_id: PersonId,
    ticket: i64,
    by: PersonId,
) -> Result<(), sea_orm::DbErr> {
    let at = support::now() - Duration::days(3);
    builders::registered_place(app, session_id, youth_id, ticket, Some(by), at).await
}

async fn attendance(app: &TestApp, session_id: SessionId, token: &str) -> AttendanceView {
    let response = app
        .call(
            server_fn_path::<ViewAttendance>(),
            &[("session_id", session_id.to_string())],
            Some(token),
        )
        .await;
    let status = response.status();
    let body = response.text().await.unwrap();
    assert_eq!(status, 200, "{body}");
    serde_json::from_str(&body).unwrap()
}

fn status_of(view: &AttendanceView, youth_id: PersonId) -> Option<&'static str> {
    view.lines
        .iter()
        .find(|line| line.youth_id == youth_id)
        .and_then(|line| line.status.map(|status| status.code()))
}

/// Calls a server function and expects a French refusal containing `words`.
async fn refused(response: reqwest::Response, words: &str) {
    let status = response.status();
    let body = response.text().await.unwrap();
    assert!(
        status.is_client_error(),
        "expected a refusal, got {status}: {body}"
    );
    assert!(body.contains(words), "expected « {words} » in {body}");
}

async fn ok(response: reqwest::Response) -> String {
    let status = response.status();
    let body = response.text().await.unwrap();
    assert!(status.is_success(), "{status}: {body}");
    body
}

/// Counts the rows that say what happened on a sheet: a refused request must change none.
async fn footprint(app: &TestApp) -> (u64, u64, u64, Vec<String>) {
    let lines = attendance_line::Entity::find()
        .order_by_asc(attendance_line::Column::Id)
        .all(&app.db)
        .await
        .unwrap();
    (
        lines.len() as u64,
        attendance_document::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        attendance_correction::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        lines
            .iter()
            .map(|line| {
                format!(
                    "{}:{}:{}:{}",
                    line.youth_id,
                    line.status.code(),
                    line.confirmed,
                    line.signed_at.is_some()
                )
            })
            .collect(),
    )
}

async fn full_name(app: &TestApp, person_id: PersonId) -> String {
    let person = person::Entity::find_by_id(person_id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    format!("{} {}", person.first_name, person.last_name)
}

on_both_databases!(
    a_sheet_from_roll_call_to_correction,
    Seed::Empty,
    |app: TestApp| async move {
        let setup = session_under_way(&app).await;
        let id = setup.session_id;
        let [amina, bilal, chloe, dylan, outsider] = setup.youths[..] else {
            panic!("five youths");
        };
        let counsellor = app.session_for(setup.counsellor).await;
        let guest = app.session_for(setup.facilitator).await;
        let bilal_phone = app.session_for(bilal).await;
        let outsider_phone = app.session_for(outsider).await;
        let session = || ("session_id", id.to_string());
        let mark = |youth: PersonId, status: &str| {
            vec![
                session(),
                ("youth_id", youth.to_string()),
                ("status", status.to_owned()),
            ]
        };

        // The session is on the counsellor's list of sheets to close, roll-call to do.
        let to_close = |token: String| {
            let app = &app;
            async move {
                let body = ok(app
                    .call(server_fn_path::<ListSheetsToClose>(), &[], Some(&token))
                    .await)
                .await;
                serde_json::from_str::<Vec<shared::domain::SheetToClose>>(&body).unwrap()
            }
        };
        let listed = to_close(counsellor.clone()).await;
        let entry = listed.iter().find(|sheet| sheet.session_id == id).unwrap();
        assert!(entry.under_way);
        assert_eq!(entry.what_is_left, "Appel à faire");

        // The counsellor opens the roll-call: the four registered youths, no status yet.
        let view = attendance(&app, id, &counsellor).await;
        assert_eq!(view.lines.len(), 4);
        assert!(view.lines.iter().all(|line| line.status.is_none()));
        assert!(view.roll_call_open && view.check_in_open);

        // One tap on « present », sent twice at once (a double tap, a retried request).
        let mark_path = server_fn_path::<MarkAttendance>();
        let tap = mark(amina, "present");
        let (first, second) = tokio::join!(
            app.call(mark_path, &tap, Some(&counsellor)),
            app.call(mark_path, &tap, Some(&counsellor)),
        );
        ok(first).await;
        ok(second).await;
        let rows = attendance_line::Entity::find()
            .filter(attendance_line::Column::YouthId.eq(amina))
            .all(&app.db)
            .await
            .unwrap();
        assert_eq!(rows.len(), 1, "a double tap recorded twice");
        assert_eq!(rows[0].status, AttendanceStatus::Present);

        // Bad input writes nothing: an unknown status, a youth without a place.
        let before = footprint(&app).await;
        refused(
            app.call(mark_path, &mark(chloe, "here"), Some(&counsellor))
                .await,
            "Choisissez un statut",
        )
        .await;
        refused(
            app.call(mark_path, &mark(outsider, "present"), Some(&counsellor))
                .await,
            "n'est pas inscrit·e à cette séance",
        )
        .await;
        // A youth cannot take the roll-call.
        let forbidden = app
            .call(mark_path, &mark(chloe, "present"), Some(&bilal_phone))
            .await;
        assert_eq!(forbidden.status(), 403);
        assert_eq!(footprint(&app).await, before);

        // The guest facilitator shows the check-in screen; Bilal types its code on his phone.
        let screen: CheckInScreen = serde_json::from_str(
            &ok(app
                .call(
                    server_fn_path::<ShowCheckInCode>(),
                    &[session()],
                    Some(&guest),
                )
                .await)
            .await,
        )
        .unwrap();
        assert_eq!(screen.code.len(), 6);
        assert!(screen.qr_svg.starts_with("<svg"));
        assert!(
            screen
                .check_in_url
                .ends_with(&format!("/pointer?code={}", screen.code))
        );
        let check_in = server_fn_path::<CheckInWithCode>();
        let typed = format!("{} {}", &screen.code[..3], &screen.code[3..]);
        // A youth without a place uses the same valid code: nothing happens.
        refused(
            app.call(check_in, &[("code", typed.clone())], Some(&outsider_phone))
                .await,
            "ne correspond à aucune séance",
        )
        .await;
        assert_eq!(footprint(&app).await, before);
        ok(app
            .call(check_in, &[("code", typed.clone())], Some(&bilal_phone))
            .await)
        .await;
        ok(app
            .call(check_in, &[("code", typed.clone())], Some(&bilal_phone))
            .await)
        .await;
        let view = attendance(&app, id, &guest).await;
        let bilal_line = view
            .lines
            .iter()
            .find(|line| line.youth_id == bilal)
            .unwrap();
        assert_eq!(
            bilal_line.status.map(|s| s.code()),
            Some("late"),
            "20 minutes after the start"
        );
        assert!(bilal_line.checked_in_at.is_some() && !bilal_line.confirmed);
        assert_eq!(
            attendance_line::Entity::find()
                .filter(attendance_line::Column::YouthId.eq(bilal))
                .count(&app.db)
                .await
                .unwrap(),
            1
        );
        // The same code a minute later (copied, shared) is refused: it has expired.
        let chloe_actor = Actor::Youth { person_id: chloe };
        let expired = shared::services::check_in_with_code(
            &app.db,
            &chloe_actor,
            &screen.code,
            None,
            support::now() + Duration::seconds(65),
        )
        .await
        .unwrap_err();
        assert!(
            expired
                .user_message()
                .contains("change toutes les 30 secondes")
        );
        assert_eq!(status_of(&attendance(&app, id, &guest).await, chloe), None);

        // The sheet cannot close yet: Bilal's check-in waits, Chloé and Dylan have no status.
        let close = server_fn_path::<CloseAttendanceSheet>();
        let closing = vec![session(), ("strokes", SIGNATURE.to_owned())];
        let before = footprint(&app).await;
        refused(
            app.call(close, &closing, Some(&guest)).await,
            "doit avoir un statut",
        )
        .await;
        assert_eq!(footprint(&app).await, before);

        // The facilitator confirms Bilal, marks Chloé late then present, Dylan absent.
        ok(app
            .call(mark_path, &mark(bilal, "late"), Some(&guest))
            .await)
        .await;
        ok(app
            .call(mark_path, &mark(chloe, "late"), Some(&guest))
            .await)
        .await;
        ok(app
            .call(mark_path, &mark(chloe, "present"), Some(&guest))
            .await)
        .await;
        ok(app
            .call(mark_path, &mark(dylan, "absent"), Some(&guest))
            .await)
        .await;
        // A walk-in, added by the counsellor (a facilitator may not read youths' files).
        let walk_in = server_fn_path::<AddWalkIn>();
        let walk_in_form = vec![session(), ("youth_id", outsider.to_string())];
        let refused_walk_in = app.call(walk_in, &walk_in_form, Some(&guest)).await;
        assert_eq!(refused_walk_in.status(), 403);
        ok(app.call(walk_in, &walk_in_form, Some(&counsellor)).await).await;
        ok(app.call(walk_in, &walk_in_form, Some(&counsellor)).await).await;
        let view = attendance(&app, id, &counsellor).await;
        assert_eq!(view.lines.len(), 5);
        let outsider_line = view
            .lines
            .iter()
            .find(|line| line.youth_id == outsider)
            .unwrap();
        assert!(outsider_line.walk_in);
        assert_eq!(status_of(&view, chloe), Some("present"));
        assert_eq!(status_of(&view, dylan), Some("absent"));
        assert!(
            view.not_closable_because.is_empty(),
            "{:?}",
            view.not_closable_because
        );

        // Signatures: Amina on the counsellor's tablet, Bilal on his own phone (twice: the
        // second changes nothing), Chloé on the facilitator's device.
        let sign = server_fn_path::<SignAttendanceSheet>();
        let signing = |youth: PersonId| {
            vec![
                session(),
                ("youth_id", youth.to_string()),
                ("strokes", SIGNATURE.to_owned()),
            ]
        };
        let before = footprint(&app).await;
        // Bilal may not sign for Amina; Dylan, absent, does not sign; a dot is no signature.
        refused(
            app.call(sign, &signing(amina), Some(&bilal_phone)).await,
            "signer que pour vous-même",
        )
        .await;
        refused(
            app.call(sign, &signing(dylan), Some(&counsellor)).await,
            "présent·e ou en retard",
        )
        .await;
        refused(
            app.call(
                sign,
                &[
                    session(),
                    ("youth_id", amina.to_string()),
                    ("strokes", "10,10".into()),
                ],
                Some(&counsellor),
            )
            .await,
            "Signez dans le cadre",
        )
        .await;
        assert_eq!(footprint(&app).await, before);
        ok(app.call(sign, &signing(amina), Some(&counsellor)).await).await;
        ok(app.call(sign, &signing(bilal), Some(&bilal_phone)).await).await;
        ok(app.call(sign, &signing(bilal), Some(&bilal_phone)).await).await;
        ok(app.call(sign, &signing(chloe), Some(&guest)).await).await;
        let bilal_row = attendance_line::Entity::find()
            .filter(attendance_line::Column::YouthId.eq(bilal))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(bilal_row.signature_collected_by, Some(bilal));
        let amina_row = attendance_line::Entity::find()
            .filter(attendance_line::Column::YouthId.eq(amina))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(amina_row.signature_collected_by, Some(setup.counsellor));

        // The facilitator signs last and closes; closing twice changes nothing.
        ok(app.call(close, &closing, Some(&guest)).await).await;
        let after_close = footprint(&app).await;
        assert_eq!(after_close.1, 1, "one PDF at closing");
        refused(
            app.call(close, &closing, Some(&counsellor)).await,
            "déjà close",
        )
        .await;
        // Nothing changes silently after closing.
        refused(
            app.call(mark_path, &mark(dylan, "present"), Some(&counsellor))
                .await,
            "déjà close",
        )
        .await;
        refused(
            app.call(sign, &signing(chloe), Some(&counsellor)).await,
            "déjà close",
        )
        .await;
        assert_eq!(footprint(&app).await, after_close);
        let sheet = attendance_sheet::Entity::find()
            .filter(attendance_sheet::Column::SessionId.eq(id))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(sheet.state, SheetState::Closed);
        assert_eq!(sheet.closed_by, Some(setup.facilitator));
        assert!(
            !to_close(counsellor.clone())
                .await
                .iter()
                .any(|sheet| sheet.session_id == id),
            "a closed sheet left the list"
        );

        // The PDF, downloaded as the counsellor: names, statuses, times, the EU mention and
        // the fingerprint shown on the page.
        let view = attendance(&app, id, &counsellor).await;
        assert_eq!(view.documents.len(), 1);
        let original = &view.documents[0];
        let pdf_path = format!("/seances/{id}/emargement/documents/{}", original.id);
        let download = app.get_as(&pdf_path, Some(&counsellor)).await;
        assert_eq!(download.status(), 200);
        assert_eq!(
            download.headers()["content-type"].to_str().unwrap(),
            "application/pdf"
        );
        let original_bytes = download.bytes().await.unwrap().to_vec();
        let text = pdf_text(&original_bytes);
        for youth in [amina, bilal, chloe, dylan, outsider] {
            let name = full_name(&app, youth).await;
            assert!(text.contains(&name), "{name} missing from:\n{text}");
        }
        for label in [
            "Présent·e",
            "En retard",
            "Absent·e",
            "(sans inscription)",
            "Pas de signature",
        ] {
            assert!(text.contains(label), "« {label} » missing from:\n{text}");
        }
        assert!(text.contains("Fonds social européen"), "{text}");
        assert!(text.contains(&original.fingerprint), "{text}");
        assert!(text.contains(&full_name(&app, setup.facilitator).await));
        let starts = workshop_session::Entity::find_by_id(id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .starts_at
            .with_timezone(&shared::domain::PARIS)
            .format("%-H h %M")
            .to_string();
        assert!(
            text.contains(&starts),
            "start time {starts} missing:\n{text}"
        );
        // Not for youths.
        assert_eq!(
            app.get_as(&pdf_path, Some(&bilal_phone)).await.status(),
            403
        );

        // A correction needs a reason and an organiser; it is logged, and a corrected sheet is
        // kept beside the untouched original.
        let correct = server_fn_path::<CorrectAttendance>();
        let correction = |reason: &str| {
            vec![
                session(),
                ("youth_id", dylan.to_string()),
                ("status", "excused".to_owned()),
                ("reason", reason.to_owned()),
            ]
        };
        refused(
            app.call(correct, &correction(" "), Some(&counsellor)).await,
            "raison de la correction",
        )
        .await;
        assert_eq!(
            app.call(
                correct,
                &correction("Certificat médical reçu"),
                Some(&guest)
            )
            .await
            .status(),
            403
        );
        refused(
            app.call(
                correct,
                &[
                    session(),
                    ("youth_id", amina.to_string()),
                    ("status", "present".into()),
                    ("reason", "Rien à changer".into()),
                ],
                Some(&counsellor),
            )
            .await,
            "déjà « Présent·e »",
        )
        .await;
        assert_eq!(footprint(&app).await, after_close);
        ok(app
            .call(
                correct,
                &correction("Certificat médical reçu"),
                Some(&counsellor),
            )
            .await)
        .await;
        let view = attendance(&app, id, &counsellor).await;
        assert_eq!(status_of(&view, dylan), Some("excused"));
        assert_eq!(view.corrections.len(), 1);
        assert_eq!(view.documents.len(), 2);
        let kept = app.get_as(&pdf_path, Some(&counsellor)).await;
        assert_eq!(
            kept.bytes().await.unwrap().to_vec(),
            original_bytes,
            "the original changed"
        );
        let corrected = app
            .get_as(
                &format!(
                    "/seances/{id}/emargement/documents/{}",
                    view.documents[1].id
                ),
                Some(&counsellor),
            )
            .await;
        let text = pdf_text(&corrected.bytes().await.unwrap());
        assert!(text.contains("version corrigée n° 1"), "{text}");
        assert!(text.contains("Certificat médical reçu"), "{text}");
        assert!(text.contains("Absent·e → Excusé·e"), "{text}");
    }
);

on_both_databases!(
    attendance_waits_for_the_session,
    Seed::Empty,
    |app: TestApp| async move {
        // A session next week: no roll-call, no check-in yet; a cancelled one has no sheet.
        let ml = builders::mission_locale(&app, "Bondy").await;
        let counsellor = builders::counsellor(ml.id).insert(&app).await.id;
        let workshop = builders::workshop(&app, "Mon CV en une page", Theme::Cv).await;
        let session = builders::session(workshop, &ml, counsellor)
            .insert(&app)
            .await;
        let token = app.session_for(counsellor).await;
        let youth = builders::youth(counsellor).insert(&app).await;
        register(&app, session, youth, 1, counsellor).await.unwrap();
        let view = attendance(&app, session, &token).await;
        assert!(!view.roll_call_open && !view.check_in_open);
        refused(
            app.call(
                server_fn_path::<MarkAttendance>(),
                &[
                    ("session_id", session.to_string()),
                    ("youth_id", youth.to_string()),
                    ("status", "present".into()),
                ],
                Some(&token),
            )
            .await,
            "L'appel s'ouvre une heure avant",
        )
        .await;
        assert_eq!(
            attendance_line::Entity::find()
                .count(&app.db)
                .await
                .unwrap(),
            0
        );

        // The roll-call page, server-rendered, says so too.
        let page = app
            .get_as(&format!("/seances/{}/emargement", session), Some(&token))
            .await;
        assert_eq!(page.status(), 200);
        assert!(
            page.text()
                .await
                .unwrap()
                .contains("L'appel s'ouvre une heure avant")
        );
        // Nor is a signed paper sheet taken before the start.
        refused(
            upload_scan(
                &app,
                session,
                Some(&token),
                "feuille.pdf",
                "application/pdf",
                b"%PDF-1.4\n%%EOF\n".to_vec(),
            )
            .await,
            "une fois la séance commencée",
        )
        .await;
        assert_eq!(
            attendance_document::Entity::find()
                .count(&app.db)
                .await
                .unwrap(),
            0
        );

        workshop_session::Entity::update_many()
            .col_expr(
                workshop_session::Column::Status,
                Expr::value(SessionStatus::Cancelled),
            )
            .filter(workshop_session::Column::Id.eq(session))
            .exec(&app.db)
            .await
            .unwrap();
        refused(
            app.call(
                server_fn_path::<ViewAttendance>(),
                &[("session_id", session.to_string())],
                Some(&token),
            )
            .await,
            "annulée",
        )
        .await;
    }
);

/// Posts a file to the paper-scan form as a browser without JavaScript would: multipart,
/// from the roll-call page (Origin and Referer), asking for HTML.
async fn upload_scan(
    app: &TestApp,
    session_id: SessionId,
    session: Option<&str>,
    file_name: &str,
    mime: &str,
    content: Vec<u8>,
) -> reqwest::Response {
    let part = reqwest::multipart::Part::bytes(content)
        .file_name(file_name.to_owned())
        .mime_str(mime)
        .unwrap();
    let mut request = app
        .client
        .post(format!(
            "{}/seances/{session_id}/emargement/scan",
            app.address
        ))
        .header("Origin", &app.address)
        .header(
            "Referer",
            format!("{}/seances/{session_id}/emargement", app.address),
        )
        .header("Accept", "text/html,application/xhtml+xml")
        .multipart(reqwest::multipart::Form::new().part("scan", part));
    if let Some(session) = session {
        request = request.header("Cookie", format!("ateliers_session={session}"));
    }
    request.send().await.expect("the server answers")
}

on_both_databases!(
    a_paper_sheet_closes_with_its_scan,
    Seed::Empty,
    |app: TestApp| async move {
        let setup = session_under_way(&app).await;
        let id = setup.session_id;
        let amina = setup.youths[0];
        let counsellor = app.session_for(setup.counsellor).await;
        let youth_phone = app.session_for(setup.youths[1]).await;
        let session = || ("session_id", id.to_string());
        let mark_path = server_fn_path::<MarkAttendance>();
        ok(app
            .call(
                mark_path,
                &[
                    session(),
                    ("youth_id", amina.to_string()),
                    ("status", "present".into()),
                ],
                Some(&counsellor),
            )
            .await)
        .await;

        // The open roll-call offers the blank sheet and the upload form, without JavaScript.
        let roll_call = format!("/seances/{id}/emargement");
        let page = app
            .get_as(&roll_call, Some(&counsellor))
            .await
            .text()
            .await
            .unwrap();
        for needle in [
            "data-test=\"paper-scan-form\"",
            "enctype=\"multipart/form-data\"",
            &format!("action=\"/seances/{id}/emargement/scan\""),
            "data-test=\"paper-scan-file\"",
            &format!("/seances/{id}/emargement/a-signer.pdf"),
        ] {
            assert!(page.contains(needle), "« {needle} » missing from the page");
        }

        // A scanned PDF (binary bytes included, to prove they come back untouched).
        let mut scan = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
        scan.extend(0..=255u8);
        scan.extend_from_slice(b"\n%%EOF\n");

        // Refusals write nothing: a youth, a text file renamed .pdf, an empty file, a file
        // over 10 MB, a form posted from another site.
        let before = footprint(&app).await;
        let forbidden = upload_scan(
            &app,
            id,
            Some(&youth_phone),
            "feuille.pdf",
            "application/pdf",
            scan.clone(),
        )
        .await;
        assert_eq!(forbidden.status(), 403);
        let renamed = upload_scan(
            &app,
            id,
            Some(&counsellor),
            "feuille.pdf",
            "application/pdf",
            b"Amina Present, Bilal absent".to_vec(),
        )
        .await;
        assert_eq!(renamed.status(), 422);
        assert_eq!(
            renamed.headers()["content-type"].to_str().unwrap(),
            "text/html; charset=utf-8"
        );
        let body = renamed.text().await.unwrap();
        assert!(body.contains("PDF, JPEG ou PNG"), "{body}");
        assert!(body.contains(&format!("href=\"{roll_call}\"")), "{body}");
        refused(
            upload_scan(
                &app,
                id,
                Some(&counsellor),
                "vide.pdf",
                "application/pdf",
                Vec::new(),
            )
            .await,
            "PDF, JPEG ou PNG",
        )
        .await;
        let mut heavy = scan.clone();
        heavy.resize(10 * 1024 * 1024 + 1, b' ');
        refused(
            upload_scan(
                &app,
                id,
                Some(&counsellor),
                "lourd.pdf",
                "application/pdf",
                heavy,
            )
            .await,
            "Le fichier dépasse 10 Mo : il fait 10,1 Mo",
        )
        .await;
        let cross_site = app
            .client
            .post(format!("{}/seances/{id}/emargement/scan", app.address))
            .header("Origin", "https://ailleurs.example")
            .header("Cookie", format!("ateliers_session={counsellor}"))
            .multipart(reqwest::multipart::Form::new().part(
                "scan",
                reqwest::multipart::Part::bytes(scan.clone()).file_name("feuille.pdf"),
            ))
            .send()
            .await
            .unwrap();
        assert_eq!(cross_site.status(), 403);
        assert_eq!(footprint(&app).await, before);
        assert_eq!(
            attendance_sheet::Entity::find()
                .filter(attendance_sheet::Column::SessionId.eq(id))
                .one(&app.db)
                .await
                .unwrap()
                .map(|sheet| sheet.state),
            Some(SheetState::Open),
            "the mark opened the sheet, the refusals left it open"
        );

        // The counsellor uploads it: back to the roll-call, the sheet is closed on paper.
        let uploaded = upload_scan(
            &app,
            id,
            Some(&counsellor),
            "Feuille signée 12.PDF",
            "application/octet-stream",
            scan.clone(),
        )
        .await;
        assert_eq!(uploaded.status(), 303);
        assert_eq!(
            uploaded.headers()["location"].to_str().unwrap(),
            format!("{roll_call}?papier=1#documents")
        );
        let sheet = attendance_sheet::Entity::find()
            .filter(attendance_sheet::Column::SessionId.eq(id))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(sheet.state, SheetState::Paper);
        assert_eq!(sheet.closed_by, Some(setup.counsellor));
        assert!(sheet.closed_at.is_some());
        let document = attendance_document::Entity::find()
            .filter(attendance_document::Column::SessionId.eq(id))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(document.kind, "paper_scan");
        assert_eq!(document.file_name, "Feuille_signee_12.pdf");
        assert_eq!(document.content_type, "application/pdf");
        assert_eq!(document.created_by, setup.counsellor);
        assert_eq!(document.fingerprint.len(), 64);

        // The roll-call shows it closed, Amina's status kept, the scan among the kept sheets.
        let view = attendance(&app, id, &counsellor).await;
        assert_eq!(view.state, shared::domain::SheetState::Paper);
        assert_eq!(status_of(&view, amina), Some("present"));
        assert_eq!(view.documents.len(), 1);
        assert_eq!(view.documents[0].label, "Feuille papier signée (scan)");
        assert_eq!(view.documents[0].fingerprint, document.fingerprint);
        let download = app
            .get_as(
                &format!("/seances/{id}/emargement/documents/{}", document.id),
                Some(&counsellor),
            )
            .await;
        assert_eq!(download.status(), 200);
        assert_eq!(
            download.headers()["content-type"].to_str().unwrap(),
            "application/pdf"
        );
        assert_eq!(download.bytes().await.unwrap().to_vec(), scan);
        let page = app
            .get_as(&format!("{roll_call}?papier=1"), Some(&counsellor))
            .await
            .text()
            .await
            .unwrap();
        assert!(page.contains("Feuille papier déposée"));
        assert!(!page.contains("data-test=\"paper-scan-form\""));
        let listed: Vec<shared::domain::SheetToClose> = serde_json::from_str(
            &ok(app
                .call(
                    server_fn_path::<ListSheetsToClose>(),
                    &[],
                    Some(&counsellor),
                )
                .await)
            .await,
        )
        .unwrap();
        assert!(
            !listed.iter().any(|sheet| sheet.session_id == id),
            "a paper sheet left the list"
        );

        // Afterwards: a second scan, a mark, a signature, the electronic closing are refused.
        let after = footprint(&app).await;
        refused(
            upload_scan(
                &app,
                id,
                Some(&counsellor),
                "autre.pdf",
                "application/pdf",
                scan.clone(),
            )
            .await,
            "la feuille papier signée a été déposée",
        )
        .await;
        refused(
            app.call(
                mark_path,
                &[
                    session(),
                    ("youth_id", setup.youths[2].to_string()),
                    ("status", "present".into()),
                ],
                Some(&counsellor),
            )
            .await,
            "déjà close",
        )
        .await;
        refused(
            app.call(
                server_fn_path::<SignAttendanceSheet>(),
                &[
                    session(),
                    ("youth_id", amina.to_string()),
                    ("strokes", SIGNATURE.to_owned()),
                ],
                Some(&counsellor),
            )
            .await,
            "déjà close",
        )
        .await;
        refused(
            app.call(
                server_fn_path::<CloseAttendanceSheet>(),
                &[session(), ("strokes", SIGNATURE.to_owned())],
                Some(&counsellor),
            )
            .await,
            "déjà close",
        )
        .await;
        assert_eq!(footprint(&app).await, after);
        assert_eq!(
            attendance_sheet::Entity::find()
                .filter(attendance_sheet::Column::SessionId.eq(id))
                .one(&app.db)
                .await
                .unwrap()
                .unwrap(),
            sheet,
            "the paper sheet changed"
        );
    }
);

/// The check-in screen of `session_id` at `now`, as its facilitator's device shows it.
async fn screen_at(
    app: &TestApp,
    facilitator: PersonId,
    session_id: SessionId,
    now: chrono::DateTime<Utc>,
) -> CheckInScreen {
    shared::services::show_check_in_code(
        &app.db,
        &Actor::Facilitator {
            person_id: facilitator,
        },
        session_id,
        None,
        &app.mail_settings(),
        now,
    )
    .await
    .expect("a check-in screen")
}

on_both_databases!(
    guessing_check_in_codes_locks_the_youths_check_in_for_a_while,
    Seed::Empty,
    |app: TestApp| async move {
        let UnderWay {
            session_id,
            facilitator,
            youths,
            ..
        } = session_under_way(&app).await;
        let guest = app.session_for(facilitator).await;
        let phone = app.session_for(youths[0]).await;
        let check_in = server_fn_path::<CheckInWithCode>();
        let screen: CheckInScreen = serde_json::from_str(
            &ok(app
                .call(
                    server_fn_path::<ShowCheckInCode>(),
                    &[("session_id", session_id.to_string())],
                    Some(&guest),
                )
                .await)
            .await,
        )
        .unwrap();
        // 30 wrong codes at once: at most 5 are compared, the rest refused unread.
        let right: u32 = screen.code.parse().unwrap();
        let wrong: Vec<Vec<(&str, String)>> = (1..=30)
            .map(|i| vec![("code", format!("{:06}", (right + 1000 * i) % 1_000_000))])
            .collect();
        let answers = futures::future::join_all(
            wrong
                .iter()
                .map(|form| app.call(check_in, form, Some(&phone))),
        )
        .await;
        let compared = answers.iter().filter(|a| a.status() == 400).count();
        let locked = answers.iter().filter(|a| a.status() == 429).count();
        assert_eq!((compared, locked), (5, 25));

        // The right code is refused too while the lock lasts, in French; nothing is marked.
        let screen: CheckInScreen = serde_json::from_str(
            &ok(app
                .call(
                    server_fn_path::<ShowCheckInCode>(),
                    &[("session_id", session_id.to_string())],
                    Some(&guest),
                )
                .await)
            .await,
        )
        .unwrap();
        let refused = app
            .call(check_in, &[("code", screen.code.clone())], Some(&phone))
            .await;
        assert_eq!(refused.status(), 429);
        let message = refused.text().await.unwrap();
        assert!(message.contains("Trop de codes erronés"), "{message}");
        assert!(message.contains("Réessayez dans 10 minutes"), "{message}");
        let lines = || {
            attendance_line::Entity::find()
                .filter(attendance_line::Column::SessionId.eq(session_id))
                .count(&app.db)
        };
        assert_eq!(lines().await.unwrap(), 0);
        // Another youth of the room is not locked.
        let other_phone = app.session_for(youths[1]).await;
        ok(app
            .call(
                check_in,
                &[("code", screen.code.clone())],
                Some(&other_phone),
            )
            .await)
        .await;

        // Ten minutes later the lock is over: the code of that moment checks the youth in.
        let later = support::now() + Duration::minutes(10) + Duration::seconds(5);
        let screen = screen_at(&app, facilitator, session_id, later).await;
        let youth = Actor::Youth {
            person_id: youths[0],
        };
        let checked_in =
            shared::services::check_in_with_code(&app.db, &youth, &screen.code, None, later)
                .await
                .expect("checked in once the lock is over");
        assert_eq!(checked_in, session_id);
        assert_eq!(lines().await.unwrap(), 2);
    }
);

on_both_databases!(
    a_check_in_from_another_network_than_the_screen_is_marked,
    Seed::Empty,
    |app: TestApp| async move {
        let UnderWay {
            session_id,
            facilitator,
            youths,
            ..
        } = session_under_way(&app).await;
        let guest = app.session_for(facilitator).await;
        // The screen is shown from the room (loopback here); one youth checks in from there…
        let screen: CheckInScreen = serde_json::from_str(
            &ok(app
                .call(
                    server_fn_path::<ShowCheckInCode>(),
                    &[("session_id", session_id.to_string())],
                    Some(&guest),
                )
                .await)
            .await,
        )
        .unwrap();
        let in_the_room = app.session_for(youths[0]).await;
        ok(app
            .call(
                server_fn_path::<CheckInWithCode>(),
                &[("code", screen.code.clone())],
                Some(&in_the_room),
            )
            .await)
        .await;
        // … another from another network (a code sent to a friend, or mobile data).
        let elsewhere = Actor::Youth {
            person_id: youths[1],
        };
        shared::services::check_in_with_code(
            &app.db,
            &elsewhere,
            &screen.code,
            Some("198.51.100.23".parse().unwrap()),
            support::now(),
        )
        .await
        .expect("checked in");

        let view = attendance(&app, session_id, &guest).await;
        let flagged = |youth: PersonId| {
            view.lines
                .iter()
                .find(|line| line.youth_id == youth)
                .map(|line| line.checked_in_elsewhere)
        };
        assert_eq!(flagged(youths[0]), Some(false));
        assert_eq!(flagged(youths[1]), Some(true));
        // The roll-call says so, and so does the youth's confirmation.
        let roll_call = app
            .get_as(&format!("/seances/{session_id}/emargement"), Some(&guest))
            .await
            .text()
            .await
            .unwrap();
        assert!(
            roll_call.contains("depuis un autre réseau que l"),
            "the line is flagged"
        );
        let phone = app.session_for(youths[1]).await;
        let confirmation = app
            .get_as(
                &format!("/ateliers/{session_id}/signer?pointe=1"),
                Some(&phone),
            )
            .await
            .text()
            .await
            .unwrap();
        assert!(confirmation.contains("data-test=\"checked-in-elsewhere\""));
        let in_room_page = app
            .get_as(
                &format!("/ateliers/{session_id}/signer?pointe=1"),
                Some(&in_the_room),
            )
            .await
            .text()
            .await
            .unwrap();
        assert!(!in_room_page.contains("checked-in-elsewhere"));
    }
);

/// A small scanned PDF.
fn scanned_pdf() -> Vec<u8> {
    let mut scan = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
    scan.extend(0..=255u8);
    scan.extend_from_slice(b"\n%%EOF\n");
    scan
}

async fn sheet_state_of(app: &TestApp, session_id: SessionId) -> Option<String> {
    attendance_sheet::Entity::find()
        .filter(attendance_sheet::Column::SessionId.eq(session_id))
        .one(&app.db)
        .await
        .unwrap()
        .map(|sheet| sheet.state.code().to_owned())
}

on_both_databases!(
    only_an_organiser_files_the_paper_sheet,
    Seed::Empty,
    |app: TestApp| async move {
        let setup = session_under_way(&app).await;
        let id = setup.session_id;
        let guest = app.session_for(setup.facilitator).await;
        let counsellor = app.session_for(setup.counsellor).await;
        ok(app
            .call(
                server_fn_path::<MarkAttendance>(),
                &[
                    ("session_id", id.to_string()),
                    ("youth_id", setup.youths[0].to_string()),
                    ("status", "present".into()),
                ],
                Some(&guest),
            )
            .await)
        .await;

        // The guest takes the roll-call but is not offered the paper upload, and cannot post it.
        let roll_call = format!("/seances/{id}/emargement");
        let page = app
            .get_as(&roll_call, Some(&guest))
            .await
            .text()
            .await
            .unwrap();
        assert!(
            page.contains("data-test=\"roll-call\""),
            "the guest takes the roll-call"
        );
        assert!(!page.contains("data-test=\"paper-scan-form\""));
        let before = footprint(&app).await;
        let refused = upload_scan(
            &app,
            id,
            Some(&guest),
            "feuille.pdf",
            "application/pdf",
            scanned_pdf(),
        )
        .await;
        assert_eq!(refused.status(), 403);
        assert_eq!(footprint(&app).await, before, "nothing written");
        assert_eq!(sheet_state_of(&app, id).await.as_deref(), Some("open"));

        // The organiser can.
        let page = app
            .get_as(&roll_call, Some(&counsellor))
            .await
            .text()
            .await
            .unwrap();
        assert!(page.contains("data-test=\"paper-scan-form\""));
        let uploaded = upload_scan(
            &app,
            id,
            Some(&counsellor),
            "feuille.pdf",
            "application/pdf",
            scanned_pdf(),
        )
        .await;
        assert_eq!(uploaded.status(), 303);
        assert_eq!(sheet_state_of(&app, id).await.as_deref(), Some("paper"));
    }
);

on_both_databases!(
    an_organiser_reopens_a_paper_sheet_with_a_reason,
    Seed::Empty,
    |app: TestApp| async move {
        let setup = session_under_way(&app).await;
        let id = setup.session_id;
        let guest = app.session_for(setup.facilitator).await;
        let counsellor = app.session_for(setup.counsellor).await;
        let session = || ("session_id", id.to_string());
        let reopen = |token: String, reason: &str| {
            let app = &app;
            let form = vec![session(), ("reason", reason.to_owned())];
            async move {
                app.call(server_fn_path::<ReopenPaperSheet>(), &form, Some(&token))
                    .await
            }
        };
        let audited = || async {
            shared::entities::audit_event::Entity::find()
                .filter(shared::entities::audit_event::Column::Action.eq("paper_sheet_reopened"))
                .all(&app.db)
                .await
                .unwrap()
        };

        // An open sheet has nothing to reopen; a closed one is corrected, not reopened.
        let uploaded = upload_scan(
            &app,
            id,
            Some(&counsellor),
            "feuille.pdf",
            "application/pdf",
            scanned_pdf(),
        )
        .await;
        assert_eq!(uploaded.status(), 303);
        let paper = attendance(&app, id, &counsellor).await;
        assert_eq!(paper.state, shared::domain::SheetState::Paper);
        assert!(paper.may_file_paper);
        let page = app
            .get_as(&format!("/seances/{id}/emargement"), Some(&counsellor))
            .await
            .text()
            .await
            .unwrap();
        assert!(page.contains("data-test=\"reopen-paper-form\""));

        // The guest may not reopen it, nor sees the button; a reason is required.
        let before = footprint(&app).await;
        assert_eq!(
            reopen(guest.clone(), "Scan illisible, à refaire")
                .await
                .status(),
            403
        );
        let guest_page = app
            .get_as(&format!("/seances/{id}/emargement"), Some(&guest))
            .await
            .text()
            .await
            .unwrap();
        assert!(!guest_page.contains("data-test=\"reopen-paper-form\""));
        refused(reopen(counsellor.clone(), "  ").await, "Indiquez pourquoi").await;
        assert_eq!(sheet_state_of(&app, id).await.as_deref(), Some("paper"));
        assert_eq!(footprint(&app).await, before);
        assert!(audited().await.is_empty());

        // The organiser reopens it: open again, the scan kept, the reason in the audit log.
        ok(reopen(counsellor.clone(), "Scan illisible,\r\nà refaire").await).await;
        let sheet = attendance_sheet::Entity::find()
            .filter(attendance_sheet::Column::SessionId.eq(id))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(sheet.state, SheetState::Open);
        assert_eq!((sheet.closed_at, sheet.closed_by), (None, None));
        assert_eq!(footprint(&app).await, before, "the scan is kept");
        let events = audited().await;
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].actor_id, Some(setup.counsellor));
        assert!(events[0].details.contains("Scan illisible, à refaire"));
        assert!(events[0].details.contains(&id.to_string()));
        let view = attendance(&app, id, &counsellor).await;
        assert_eq!(view.documents.len(), 1);
        assert_eq!(view.reopenings.len(), 1);
        assert!(view.reopenings[0].contains("Scan illisible, à refaire"));
        assert!(view.reopenings[0].contains(&full_name(&app, setup.counsellor).await));
        // A second click changes nothing.
        ok(reopen(counsellor.clone(), "Scan illisible, à refaire").await).await;
        assert_eq!(audited().await.len(), 1);

        // The roll-call goes on, and a new scan closes the sheet again, beside the first.
        ok(app
            .call(
                server_fn_path::<MarkAttendance>(),
                &[
                    session(),
                    ("youth_id", setup.youths[1].to_string()),
                    ("status", "late".into()),
                ],
                Some(&guest),
            )
            .await)
        .await;
        let again = upload_scan(
            &app,
            id,
            Some(&counsellor),
            "feuille-lisible.pdf",
            "application/pdf",
            scanned_pdf(),
        )
        .await;
        assert_eq!(again.status(), 303);
        assert_eq!(sheet_state_of(&app, id).await.as_deref(), Some("paper"));
        assert_eq!(attendance(&app, id, &counsellor).await.documents.len(), 2);
    }
);

on_both_databases!(
    an_electronically_closed_sheet_is_not_reopened,
    Seed::Empty,
    |app: TestApp| async move {
        let setup = session_under_way(&app).await;
        let id = setup.session_id;
        let counsellor = app.session_for(setup.counsellor).await;
        for youth in &setup.youths[..4] {
            ok(app
                .call(
                    server_fn_path::<MarkAttendance>(),
                    &[
                        ("session_id", id.to_string()),
                        ("youth_id", youth.to_string()),
                        ("status", "absent".into()),
                    ],
                    Some(&counsellor),
                )
                .await)
            .await;
        }
        ok(app
            .call(
                server_fn_path::<CloseAttendanceSheet>(),
                &[
                    ("session_id", id.to_string()),
                    ("strokes", SIGNATURE.to_owned()),
                ],
                Some(&counsellor),
            )
            .await)
        .await;
        refused(
            app.call(
                server_fn_path::<ReopenPaperSheet>(),
                &[
                    ("session_id", id.to_string()),
                    ("reason", "Je veux la rouvrir".to_owned()),
                ],
                Some(&counsellor),
            )
            .await,
            "Seule une feuille close sur papier",
        )
        .await;
        assert_eq!(sheet_state_of(&app, id).await.as_deref(), Some("closed"));
    }
);

/// Starts a paper-scan upload announcing `declared` bytes, sends only its first `sent` bytes
/// and waits (at most ten seconds) for the server's status line: the server answers before the
/// body is all there only if it decided without reading it.
async fn status_before_the_body(
    app: &TestApp,
    session_id: SessionId,
    session: Option<&str>,
    declared: usize,
    sent: usize,
) -> Option<u16> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let address = app.address.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    let cookie = session
        .map(|token| format!("Cookie: ateliers_session={token}\r\n"))
        .unwrap_or_default();
    let head = format!(
        "POST /seances/{session_id}/emargement/scan HTTP/1.1\r\nHost: {address}\r\n\
         Origin: {origin}\r\nAccept: text/html\r\n{cookie}\
         Content-Type: multipart/form-data; boundary=XyZ\r\nContent-Length: {declared}\r\n\r\n\
         --XyZ\r\nContent-Disposition: form-data; name=\"scan\"; filename=\"feuille.pdf\"\r\n\
         Content-Type: application/pdf\r\n\r\n%PDF-1.4\n",
        origin = app.address,
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(&vec![b' '; sent]).await.unwrap();
    let mut answer = vec![0u8; 64];
    let read = tokio::time::timeout(std::time::Duration::from_secs(10), stream.read(&mut answer))
        .await
        .ok()?
        .ok()?;
    let line = String::from_utf8_lossy(&answer[..read]).into_owned();
    line.split_whitespace().nth(1)?.parse().ok()
}

on_both_databases!(
    uploads_nobody_may_file_are_answered_before_their_body,
    Seed::Empty,
    |app: TestApp| async move {
        let setup = session_under_way(&app).await;
        let id = setup.session_id;
        let youth = app.session_for(setup.youths[0]).await;
        let eleven_megabytes = 11 * 1024 * 1024;

        // Fifty visitors and a youth at once, each announcing an 11 MB scan and sending 256 KB
        // of it: each gets its refusal without the rest, so none is read nor kept. Before, the
        // server read and copied every upload before asking who sent it (the answers never
        // came: it waited for bodies that were not sent; sent, fifty-one of them made the
        // process grow by 891 MB).
        let mut uploads: Vec<_> = (0..50)
            .map(|_| status_before_the_body(&app, id, None, eleven_megabytes, 256 * 1024))
            .collect();
        uploads.push(status_before_the_body(
            &app,
            id,
            Some(&youth),
            eleven_megabytes,
            256 * 1024,
        ));
        let answers = futures::future::join_all(uploads).await;
        let mut expected = vec![Some(401); 50];
        expected.push(Some(403));
        assert_eq!(answers, expected);
        // A session that does not exist: no need to read either.
        assert_eq!(
            status_before_the_body(
                &app,
                SessionId::new(999_999),
                Some(&youth),
                eleven_megabytes,
                64 * 1024
            )
            .await,
            Some(404)
        );
        assert_eq!(
            attendance_document::Entity::find()
                .count(&app.db)
                .await
                .unwrap(),
            0
        );
    }
);
