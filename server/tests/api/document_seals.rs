//! The register of issued PDFs, on SQLite and on PostgreSQL: a closed sheet carries its
//! verification URL and QR code and is recognised on `/verifier` (upload and printed code) and
//! by `ateliers verify`; one byte changed anywhere, a file of another installation or a
//! register row written without the key is not.

use crate::support;

use app::server_fns::{CloseAttendanceSheet, CorrectAttendance, ViewAttendance};
use chrono::Duration;
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set};
use shared::domain::{AttendanceView, DocumentVerdict, NOT_ISSUED, PersonId, SessionId, Theme};
use shared::entities::document_seal;
use support::{Backend, Seed, TestApp, builders, server_fn_path};

const SIGNATURE: &str = "100,300 150,200 200,120 260,180 320,260 380,150 450,90 520,200";

/// A session that started an hour ago, its two youths marked present, closed by its counsellor
/// through HTTP: the counsellor's cookie and the kept PDF's bytes.
pub(crate) async fn closed_sheet(app: &TestApp) -> (SessionId, String, Vec<u8>, PersonId) {
    let ml = builders::mission_locale(app, "Bondy").await;
    let counsellor = builders::counsellor(ml.id).insert(app).await.id;
    let workshop = builders::workshop(app, "Atelier CV", Theme::Cv).await;
    let session_id = builders::session(workshop, &ml, counsellor)
        .starts_at(support::now() - Duration::hours(1))
        .insert(app)
        .await;
    let youths = builders::youths(app, counsellor, 2).await;
    for (ticket, youth) in youths.iter().enumerate() {
        let at = support::now() - Duration::days(2);
        builders::registered_place(
            app,
            session_id,
            *youth,
            ticket as i64 + 1,
            Some(counsellor),
            at,
        )
        .await
        .unwrap();
        builders::attendance_line(session_id, *youth, support::now() - Duration::minutes(50))
            .marked_by(counsellor)
            .insert(app)
            .await;
    }
    let cookie = app.session_for(counsellor).await;
    let closed = app
        .call(
            server_fn_path::<CloseAttendanceSheet>(),
            &[
                ("session_id", session_id.to_string()),
                ("strokes", SIGNATURE.to_owned()),
            ],
            Some(&cookie),
        )
        .await;
    assert!(
        closed.status().is_success(),
        "{}",
        closed.text().await.unwrap()
    );
    let pdf = newest_pdf(app, session_id, &cookie).await;
    (session_id, cookie, pdf, youths[0])
}

async fn newest_pdf(app: &TestApp, session_id: SessionId, cookie: &str) -> Vec<u8> {
    let view: AttendanceView = app
        .call(
            server_fn_path::<ViewAttendance>(),
            &[("session_id", session_id.to_string())],
            Some(cookie),
        )
        .await
        .json()
        .await
        .unwrap();
    let document = view.documents.last().expect("a kept PDF");
    app.get_as(
        &format!("/seances/{session_id}/emargement/documents/{}", document.id),
        Some(cookie),
    )
    .await
    .bytes()
    .await
    .unwrap()
    .to_vec()
}

/// Uploads `file` to /verifier as a browser's form does; the page the redirect leads to.
async fn verify_page(app: &TestApp, file: Vec<u8>) -> String {
    let part = reqwest::multipart::Part::bytes(file)
        .file_name("feuille.pdf")
        .mime_str("application/pdf")
        .unwrap();
    let posted = app
        .client
        .post(format!("{}/verifier/fichier", app.address))
        .header("Origin", &app.address)
        .multipart(reqwest::multipart::Form::new().part("document", part))
        .send()
        .await
        .unwrap();
    assert_eq!(posted.status(), 303);
    let location = posted.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.starts_with("/verifier?"), "{location}");
    app.get(&location).await.text().await.unwrap()
}

fn pdf_text(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sheet.pdf");
    std::fs::write(&path, pdf).unwrap();
    let output = std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    String::from_utf8(output.stdout).unwrap()
}

on_both_databases!(
    an_issued_sheet_is_recognised_and_an_altered_one_is_not,
    Seed::Empty,
    |app: TestApp| async move {
        let (session_id, cookie, pdf, youth) = closed_sheet(&app).await;

        // The PDF names its verification URL, whose page says what the document is.
        let text = pdf_text(&pdf);
        let url_start = text
            .find("/verifier/")
            .expect("the verification URL on the sheet");
        let code: String = text[url_start + "/verifier/".len()..]
            .chars()
            .take(shared::domain::SEAL_CODE_LENGTH)
            .collect();
        let seal_page = app.get(&format!("/verifier/{code}")).await;
        assert_eq!(seal_page.status(), 200);
        let seal_page = seal_page.text().await.unwrap();
        assert!(seal_page.contains("Feuille authentique"), "{seal_page}");
        assert!(seal_page.contains("Atelier CV"));
        assert_eq!(app.get("/verifier/ABCDEFGH23").await.status(), 404);

        // The file itself, uploaded: authentic, closed by the counsellor.
        let page = verify_page(&app, pdf.clone()).await;
        assert!(page.contains(r#"data-authentic="true""#), "{page}");
        assert!(page.contains("Feuille authentique"));
        assert!(page.contains(&shared::services::document_sha256(&pdf)));

        // One byte changed anywhere (start, middle, end) is not recognised.
        for position in [0, pdf.len() / 3, pdf.len() / 2, pdf.len() - 1] {
            let mut altered = pdf.clone();
            altered[position] ^= 0x01;
            assert_eq!(
                shared::services::verify_document(&app.db, &app.state.sealer, &altered)
                    .await
                    .unwrap(),
                DocumentVerdict::Unknown,
                "byte {position}"
            );
        }
        let mut altered = pdf.clone();
        altered[pdf.len() / 2] ^= 0x20;
        let page = verify_page(&app, altered).await;
        assert!(page.contains(r#"data-authentic="false""#));
        assert!(
            page.contains(&NOT_ISSUED.replace('\'', "&#x27;")) || page.contains(NOT_ISSUED),
            "{page}"
        );

        // A correction issues a second, sealed PDF; the first stays authentic.
        let corrected = app
            .call(
                server_fn_path::<CorrectAttendance>(),
                &[
                    ("session_id", session_id.to_string()),
                    ("youth_id", youth.to_string()),
                    ("status", "absent".into()),
                    ("reason", "Erreur de saisie, parti avant le début".into()),
                ],
                Some(&cookie),
            )
            .await;
        assert!(corrected.status().is_success());
        let second = newest_pdf(&app, session_id, &cookie).await;
        assert_ne!(second, pdf);
        match shared::services::verify_document(&app.db, &app.state.sealer, &second)
            .await
            .unwrap()
        {
            DocumentVerdict::Authentic(document) => {
                assert!(document.verdict().contains("version corrigée n° 1"))
            }
            DocumentVerdict::Unknown => panic!("the corrected sheet is sealed"),
        }
        assert!(matches!(
            shared::services::verify_document(&app.db, &app.state.sealer, &pdf)
                .await
                .unwrap(),
            DocumentVerdict::Authentic(_)
        ));

        // A register row rewritten without the key (here: a statement changed) is refused.
        let row = document_seal::Entity::find()
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        let mut forged = row.clone().into_active_model();
        forged.statement = Set(row.statement.replace("Atelier CV", "Atelier CV modifié"));
        forged.update(&app.db).await.unwrap();
        let verdicts = [
            shared::services::verify_document(&app.db, &app.state.sealer, &pdf)
                .await
                .unwrap(),
            shared::services::verify_document(&app.db, &app.state.sealer, &second)
                .await
                .unwrap(),
        ];
        assert_eq!(
            verdicts
                .iter()
                .filter(|verdict| **verdict == DocumentVerdict::Unknown)
                .count(),
            1,
            "the forged row's file is no longer authentic, the other still is"
        );
    }
);

/// Another installation (its own database, so its own key) does not recognise this one's
/// PDF, by upload nor from the command line; `ateliers verify` does here.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sheet_from_another_installation_is_not_recognised() {
    let here = support::spawn_app("seal_here", Backend::Sqlite, Seed::Empty)
        .await
        .unwrap();
    let elsewhere = support::spawn_app("seal_elsewhere", Backend::Sqlite, Seed::Empty)
        .await
        .unwrap();
    let (_, _, pdf, _) = closed_sheet(&here).await;
    let (_, _, theirs, _) = closed_sheet(&elsewhere).await;
    assert_ne!(
        here.state.sealer.public_key(),
        elsewhere.state.sealer.public_key()
    );

    let page = verify_page(&elsewhere, pdf.clone()).await;
    assert!(page.contains(r#"data-authentic="false""#));

    let dir = tempfile::tempdir().unwrap();
    for (name, file, expected) in [("ours.pdf", &pdf, true), ("theirs.pdf", &theirs, false)] {
        let path = dir.path().join(name);
        std::fs::write(&path, file).unwrap();
        // From a folder of its own, with no setting but the database: no `.env` read.
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_ateliers"))
            .arg("verify")
            .arg(&path)
            .current_dir(dir.path())
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("DATABASE_URL", here.database_url())
            .output()
            .expect("ateliers runs");
        let said = String::from_utf8_lossy(&output.stdout);
        assert_eq!(output.status.success(), expected, "{name}: {said}");
        if expected {
            assert!(said.starts_with("Feuille authentique"), "{said}");
        } else {
            assert!(said.contains("n'a pas été délivré par Ateliers"), "{said}");
        }
    }
}
