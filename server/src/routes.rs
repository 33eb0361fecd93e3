//! Routes outside the Leptos app: health checks, files to download, the paper scan's upload.
//!
//! - `/healthz`: the process and its database answer. `/readyz`: the database answers, no
//!   migration is pending and this instance's mail dispatcher runs (`workers::heartbeat`).
//! - `/courriels/{id}/eml`: a message of the demo's mail folder (demo mode only).
//! - `/calendrier/{token}.ics`: a private calendar feed, with an ETag and 304s.
//! - `/seances/{id}/emargement/documents/{document}`: a kept sheet (original, corrected or scan)
//!   as stored; `/seances/{id}/emargement/a-signer.pdf`: the blank sheet to sign on paper.
//! - `POST /seances/{id}/emargement/scan` (multipart field `scan`, body limit 11 MB): the service
//!   asks the actor and the session before the body is read, into one buffer of at most 10 MB;
//!   303 back to the roll-call, or a small French page with the refusal's status.
//! - `/chiffres/{participants,presences}.{csv,xlsx}?ml=&du=&au=`: the funder's exports.
//! - `/mes-donnees.zip` (the youth) and `/jeunes/{id}/donnees.zip` (their referent, a
//!   coordinator): a youth's copy of their data, HTML and JSON.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde_json::{Value, json};

use app::state::AppState;

use crate::refusals::{PathParams, QueryParams};
use shared::domain::SessionId;

/// `GET /healthz`: 200 when the database answers, 503 otherwise (load balancers stop sending
/// traffic to an instance that cannot reach its database).
pub async fn health_check(State(state): State<AppState>) -> (StatusCode, Json<Value>) {
    match state.db.ping().await {
        Ok(()) => (
            StatusCode::OK,
            Json(json!({ "status": "ok", "database": "ok" })),
        ),
        Err(error) => {
            tracing::error!(%error, "health check: database unreachable");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(json!({ "status": "unavailable", "database": "unreachable" })),
            )
        }
    }
}

/// `GET /readyz`: 200 when this instance can do its work — the database answers, the schema is
/// the one this binary expects (no migration pending) and its mail dispatcher runs — and 503
/// saying what is wrong otherwise. `/healthz` only says the process and its database answer.
pub async fn readiness_check(
    State(state): State<AppState>,
    heartbeat: Option<axum::Extension<crate::workers::DispatcherHeartbeat>>,
) -> (StatusCode, Json<Value>) {
    use migrations::MigratorTrait;
    let database = state.db.ping().await.is_ok();
    let pending = if database {
        match migrations::Migrator::get_pending_migrations(&state.db).await {
            Ok(pending) => Some(pending.len()),
            Err(error) => {
                tracing::error!(%error, "readiness: cannot read the applied migrations");
                None
            }
        }
    } else {
        None
    };
    let dispatcher = heartbeat.as_ref().is_some_and(|beat| beat.is_running());
    let ready = database && pending == Some(0) && dispatcher;
    let status = if ready {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (
        status,
        Json(json!({
            "status": if ready { "ready" } else { "not ready" },
            "database": if database { "ok" } else { "unreachable" },
            "migrations": match pending {
                Some(0) => "applied".to_owned(),
                Some(count) => format!("{count} pending"),
                None => "unknown".to_owned(),
            },
            "mail_dispatcher": if dispatcher { "running" } else { "stopped" },
            "last_mail_pass": heartbeat.and_then(|beat| beat.last_pass()),
        })),
    )
}

/// `GET /courriels/{id}/eml`: one message of the local mail folder, to open in a mail client
/// (demo mode only, like the rest of the viewer).
pub async fn download_local_mail(
    State(state): State<AppState>,
    PathParams(id): PathParams<String>,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let Some(folder) = state.local_mail_folder() else {
        return crate::refusals::not_found();
    };
    match shared::mail::read_local_mail_file(folder, &id) {
        Ok(Some(raw)) => (
            [
                (
                    axum::http::header::CONTENT_TYPE,
                    "message/rfc822".to_owned(),
                ),
                (
                    axum::http::header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{id}.eml\""),
                ),
            ],
            raw,
        )
            .into_response(),
        Ok(None) => (StatusCode::NOT_FOUND, "Courriel introuvable.").into_response(),
        Err(error) => {
            tracing::error!(%error, "reading a local mail file failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// `GET /calendrier/{token}.ics`: a person's private calendar feed (webcal). Unknown or revoked
/// tokens get 404; an unchanged feed gets `304 Not Modified` (calendars poll it for hours).
pub async fn calendar_feed(
    State(state): State<AppState>,
    PathParams(file): PathParams<String>,
    headers: axum::http::HeaderMap,
) -> axum::response::Response {
    use axum::http::header;
    use axum::response::IntoResponse;
    let token = file.strip_suffix(".ics").unwrap_or(&file);
    let feed = match shared::services::view_calendar_feed(
        &state.db,
        &state.mail,
        token,
        state.clock.now(),
    )
    .await
    {
        Ok(Some(feed)) => feed,
        Ok(None) => {
            return (
                StatusCode::NOT_FOUND,
                "Ce calendrier n'existe pas ou a été remplacé.",
            )
                .into_response();
        }
        Err(error) => {
            tracing::error!(%error, "calendar feed failed");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    let unchanged = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|tags| {
            tags.split(',')
                .any(|tag| tag.trim() == feed.etag || tag.trim() == "*")
        });
    let common = [
        (header::ETAG, feed.etag.clone()),
        // Private: it lists one person's sessions.
        (header::CACHE_CONTROL, "private, max-age=300".to_owned()),
    ];
    if unchanged {
        return (StatusCode::NOT_MODIFIED, common).into_response();
    }
    (
        common,
        [
            (
                header::CONTENT_TYPE,
                "text/calendar; charset=utf-8".to_owned(),
            ),
            (
                header::CONTENT_DISPOSITION,
                "inline; filename=\"ateliers.ics\"".to_owned(),
            ),
        ],
        feed.body,
    )
        .into_response()
}

/// `GET /seances/{id}/emargement/documents/{document}`: a kept attendance sheet (original,
/// corrected or paper scan), exactly as stored, for those who take the session's attendance.
pub async fn download_attendance_document(
    State(state): State<AppState>,
    axum::Extension(actor): axum::Extension<shared::domain::Actor>,
    PathParams((session_id, document_id)): PathParams<(SessionId, i32)>,
) -> axum::response::Response {
    let file =
        shared::services::download_attendance_document(&state.db, &actor, session_id, document_id)
            .await;
    file_response(file)
}

/// `GET /mes-donnees.zip`: the signed-in youth's copy of everything Ateliers holds about them.
pub async fn download_my_data(
    State(state): State<AppState>,
    axum::Extension(actor): axum::Extension<shared::domain::Actor>,
) -> axum::response::Response {
    let file = match actor.person_id() {
        Some(me) => {
            shared::services::export_youth_data(&state.db, &actor, me, state.clock.now()).await
        }
        None => Err(shared::ServiceError::NotSignedIn),
    };
    file_response(file)
}

/// `GET /jeunes/{id}/donnees.zip`: the same copy, produced by their referent or a coordinator.
pub async fn download_youth_data(
    State(state): State<AppState>,
    axum::Extension(actor): axum::Extension<shared::domain::Actor>,
    PathParams(youth_id): PathParams<shared::domain::PersonId>,
) -> axum::response::Response {
    let file =
        shared::services::export_youth_data(&state.db, &actor, youth_id, state.clock.now()).await;
    file_response(file)
}

/// `GET /seances/{id}/emargement/a-signer.pdf`: the sheet to print and sign on paper.
pub async fn print_blank_attendance_sheet(
    State(state): State<AppState>,
    axum::Extension(actor): axum::Extension<shared::domain::Actor>,
    PathParams(session_id): PathParams<SessionId>,
) -> axum::response::Response {
    let file = shared::services::print_blank_attendance_sheet(
        &state.db,
        &actor,
        session_id,
        state.clock.now(),
    )
    .await;
    file_response(file)
}

/// What the paper-scan form may send: the 10 MB file and the multipart wrapping around it.
pub const PAPER_SCAN_BODY_LIMIT: usize = shared::domain::PAPER_SCAN_MAX_BYTES + 1024 * 1024;

/// `POST /seances/{id}/emargement/scan` (multipart, field `scan`): the signed paper sheet's
/// scan closes the sheet. A plain HTML form posts it, so it works without JavaScript: 303 back
/// to the roll-call, or a page with the French refusal and the right status.
///
/// The service asks the actor and the session before the body is read (`read_scan_field`
/// runs inside it), so an anonymous or refused upload is answered without reading its 10 MB.
pub async fn upload_paper_sheet(
    State(state): State<AppState>,
    axum::Extension(actor): axum::Extension<shared::domain::Actor>,
    PathParams(session_id): PathParams<SessionId>,
    multipart: Result<axum::extract::Multipart, axum::extract::multipart::MultipartRejection>,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    match shared::services::upload_paper_sheet(
        &state.db,
        &actor,
        session_id,
        || read_scan_field(multipart),
        &state.sealer,
        state.clock.now(),
    )
    .await
    {
        Ok(()) => axum::response::Redirect::to(&format!(
            "/seances/{session_id}/emargement?papier=1#documents"
        ))
        .into_response(),
        Err(error) => refusal_page(session_id, &error),
    }
}

/// `POST /verifier/fichier` (multipart, field `document`): anyone checks a file against the
/// register of issued PDFs. Only its SHA-256 goes on, to `/verifier?empreinte=…`, which shows
/// the verdict (the file itself is neither kept nor logged). A plain form: no JavaScript needed.
pub async fn verify_uploaded_document(
    multipart: Result<axum::extract::Multipart, axum::extract::multipart::MultipartRejection>,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    match read_file_field(multipart, "document").await {
        Ok((_, content)) if !content.is_empty() => axum::response::Redirect::to(&format!(
            "/verifier?empreinte={}",
            shared::services::document_sha256(&content)
        ))
        .into_response(),
        _ => axum::response::Redirect::to("/verifier?erreur=fichier").into_response(),
    }
}

/// The `scan` field of the paper-sheet form.
async fn read_scan_field(
    multipart: Result<axum::extract::Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<(String, Vec<u8>), shared::ServiceError> {
    read_file_field(multipart, "scan").await
}

/// The file field `name` of a form: its file name and bytes, read chunk by chunk into one
/// buffer that never grows past the 10 MB a scan may weigh. Other fields are skipped unread.
async fn read_file_field(
    multipart: Result<axum::extract::Multipart, axum::extract::multipart::MultipartRejection>,
    name: &str,
) -> Result<(String, Vec<u8>), shared::ServiceError> {
    use shared::ServiceError;
    use shared::domain::PAPER_SCAN_MAX_BYTES;
    let unreadable = || {
        ServiceError::Invalid(
            "Le formulaire n'a pas été reçu en entier : choisissez de nouveau le fichier et réessayez."
                .into(),
        )
    };
    let read_error = |error: axum::extract::multipart::MultipartError| {
        if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ServiceError::from(shared::domain::paper_scan_too_large(None))
        } else {
            tracing::info!(%error, "unreadable file upload");
            unreadable()
        }
    };
    let mut multipart = multipart.map_err(|rejection| {
        tracing::info!(%rejection, "file upload is not multipart");
        unreadable()
    })?;
    while let Some(mut field) = multipart.next_field().await.map_err(read_error)? {
        if field.name() != Some(name) {
            continue;
        }
        let file_name = field.file_name().unwrap_or_default().to_owned();
        let mut content = Vec::new();
        while let Some(chunk) = field.chunk().await.map_err(read_error)? {
            if content.len() + chunk.len() > PAPER_SCAN_MAX_BYTES {
                // Count the rest without keeping it, to say how heavy the file is (the body
                // limit stops a much larger one).
                let mut size = content.len() + chunk.len();
                drop(content);
                let counted_to_the_end = loop {
                    match field.chunk().await {
                        Ok(Some(chunk)) => size += chunk.len(),
                        Ok(None) => break true,
                        Err(_) => break false,
                    }
                };
                return Err(shared::domain::paper_scan_too_large(
                    counted_to_the_end.then_some(size),
                )
                .into());
            }
            content.extend_from_slice(&chunk);
        }
        return Ok((file_name, content));
    }
    // No file chosen: the same message as an empty one.
    Ok((String::new(), Vec::new()))
}

/// The refusal page's only style, inline: the Content-Security-Policy allows it by its hash
/// (`startup::router`).
pub const REFUSAL_PAGE_STYLE: &str = "body{font:1.0625rem/1.5 system-ui,sans-serif;max-width:40rem;margin:0 auto;padding:1rem;}\
.notice{border-left:4px solid #b3261e;padding:0.5rem 1rem;background:#fdecea;}";

/// A refused form without JavaScript: the French message on a small page, with its status and
/// the way back to the roll-call.
fn refusal_page(session_id: SessionId, error: &shared::ServiceError) -> axum::response::Response {
    use axum::http::header;
    use axum::response::IntoResponse;
    let message = escape_html(&error.user_message());
    let back = match error {
        shared::ServiceError::NotSignedIn => "<a href=\"/connexion\">Se connecter</a>".to_owned(),
        _ => format!(
            "<a href=\"/seances/{session_id}/emargement\" data-test=\"back-to-attendance\">← Revenir à l'émargement</a>"
        ),
    };
    let page = format!(
        "<!DOCTYPE html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>Scan non déposé — Ateliers</title>\
<style>{REFUSAL_PAGE_STYLE}</style></head>\
<body><main><h1>Le scan n'a pas été déposé</h1>\
<p class=\"notice\" role=\"alert\" data-test=\"paper-scan-error\">{message}</p>\
<p>{back}</p></main></body></html>\n"
    );
    (
        status_of(error),
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        page,
    )
        .into_response()
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// `GET /chiffres/{participants|presences}.{csv|xlsx}?ml=&du=&au=`: the funder's exports, for
/// the scope and period the figures page shows.
pub async fn export_figures(
    State(state): State<AppState>,
    axum::Extension(actor): axum::Extension<shared::domain::Actor>,
    PathParams(file): PathParams<String>,
    QueryParams(query): QueryParams<std::collections::HashMap<String, String>>,
) -> axum::response::Response {
    use shared::domain::{ExportFormat, FiguresForm};
    let form = FiguresForm::from_query(|key| query.get(key).cloned());
    let now = state.clock.now();
    let file = match file.split_once('.') {
        Some(("participants", extension)) => match ExportFormat::parse(extension) {
            Some(format) => {
                shared::services::export_participants(&state.db, &actor, &form, format, now).await
            }
            None => Err(shared::ServiceError::NotFound),
        },
        Some(("presences", extension)) => match ExportFormat::parse(extension) {
            Some(format) => {
                shared::services::export_attendance_lines(&state.db, &actor, &form, format, now)
                    .await
            }
            None => Err(shared::ServiceError::NotFound),
        },
        _ => Err(shared::ServiceError::NotFound),
    };
    file_response(file)
}

/// A file to download, or the French refusal with its status.
fn file_response(
    file: Result<shared::services::DownloadedFile, shared::ServiceError>,
) -> axum::response::Response {
    use axum::http::header;
    use axum::response::IntoResponse;
    match file {
        Ok(file) => (
            [
                (header::CONTENT_TYPE, file.content_type),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{}\"", file.file_name),
                ),
                // Personal data: never kept by shared caches.
                (header::CACHE_CONTROL, "private, no-store".to_owned()),
            ],
            file.content,
        )
            .into_response(),
        Err(error) => (
            status_of(&error),
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            error.user_message(),
        )
            .into_response(),
    }
}

/// The HTTP status of a refusal (database causes are logged here, never shown).
fn status_of(error: &shared::ServiceError) -> StatusCode {
    use shared::ServiceError;
    match error {
        ServiceError::NotFound => StatusCode::NOT_FOUND,
        ServiceError::NotSignedIn => StatusCode::UNAUTHORIZED,
        ServiceError::Forbidden => StatusCode::FORBIDDEN,
        ServiceError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
        ServiceError::RateLimited | ServiceError::Throttled(_) => StatusCode::TOO_MANY_REQUESTS,
        ServiceError::Database(cause) => {
            tracing::error!(%cause, "a route's use case failed");
            StatusCode::SERVICE_UNAVAILABLE
        }
    }
}
