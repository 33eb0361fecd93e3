//! Routes outside the Leptos app: health checks and static files.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde_json::{Value, json};

use app::state::AppState;

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

/// `GET /courriels/{id}/eml`: one message of the local mail folder, to open in a mail client.
pub async fn download_local_mail(
    State(state): State<AppState>,
    axum::extract::Path(id): axum::extract::Path<String>,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let Some(folder) = state.mailer.local_folder() else {
        return StatusCode::NOT_FOUND.into_response();
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
