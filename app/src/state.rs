use std::sync::Arc;

use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use sea_orm::DatabaseConnection;
use shared::mail::Mailer;
use shared::services::MailSettings;

/// What every request can reach: the router's state, also given to server functions as context.
/// Cloned several times per request (each middleware, the page's context, every server
/// function), so a clone is one reference count: the fields are in [`StateParts`].
#[derive(Clone, Debug)]
pub struct AppState(Arc<StateParts>);

impl AppState {
    pub fn new(parts: StateParts) -> Self {
        Self(Arc::new(parts))
    }
}

impl std::ops::Deref for AppState {
    type Target = StateParts;

    fn deref(&self) -> &StateParts {
        &self.0
    }
}

/// The fields of [`AppState`].
#[derive(Clone, Debug)]
pub struct StateParts {
    pub leptos_options: LeptosOptions,
    pub db: DatabaseConnection,
    pub mailer: Mailer,
    /// The folder the demo writes its SMS to when no SMPP gateway is set (`SMS_FOLDER`).
    pub sms_folder: Option<std::path::PathBuf>,
    /// Where emailed links point and who mail comes from.
    pub mail: MailSettings,
    /// Served over https: cookies get the `Secure` attribute.
    pub secure_cookies: bool,
    /// Demo mode (`ATELIERS_DEMO`): the only mode where the local mail viewer exists.
    pub demo: bool,
    /// At most N passwords checked at once (argon2 takes ~19 MiB each).
    pub password_checks: shared::auth::PasswordChecks,
    /// The hard limits of sign-ins and link requests: the defaults, except in the browser tests
    /// (`ATELIERS_TEST_RATE_LIMITS`, demo mode only).
    pub rate_limits: shared::domain::RateLimits,
    /// The time every request and worker reads (see [`shared::clock`]).
    pub clock: shared::clock::Clock,
    /// Seals the PDFs Ateliers issues and checks them on `/verifier`.
    pub sealer: shared::auth::DocumentSealer,
    /// How long what is kept (`/conservation`, `/confidentialite`, the daily minimisation).
    pub retention: shared::domain::RetentionSettings,
    /// The anonymous `/ateliers` list while nothing changes (cloning the state shares it).
    pub public_list: shared::services::PublicListCache,
    /// Youths' taps at a session while its places are being changed, served together.
    pub enrolments: shared::services::EnrolmentQueue,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

impl StateParts {
    /// The folder of mail to show at /courriels: in demo mode only, whatever the mail backend,
    /// since that page shows everyone's mail (password links included) to anyone.
    pub fn local_mail_folder(&self) -> Option<&std::path::Path> {
        self.mailer.local_folder().filter(|_| self.demo)
    }

    /// The folder of SMS to show at /courriels, in demo mode only (codes included).
    pub fn local_sms_folder(&self) -> Option<&std::path::Path> {
        self.sms_folder.as_deref().filter(|_| self.demo)
    }
}

/// The state, from a server function's context.
pub fn app_state() -> Result<AppState, crate::error::AppError> {
    leptos::prelude::use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the server function's context");
        crate::error::AppError::Unavailable(shared::error::UNAVAILABLE_MESSAGE.into())
    })
}

/// What a server function hands its service, read once at the start of the call: the
/// database, who asks, the mail settings and now (the state too, for the rest).
pub struct ServiceCall {
    pub db: DatabaseConnection,
    pub actor: shared::domain::Actor,
    pub mail: MailSettings,
    pub now: chrono::DateTime<chrono::Utc>,
    pub state: AppState,
}

/// The [`ServiceCall`] of the current server function.
pub fn call() -> Result<ServiceCall, crate::error::AppError> {
    let state = app_state()?;
    Ok(ServiceCall {
        db: state.db.clone(),
        actor: crate::session::current_actor(),
        mail: state.mail.clone(),
        now: state.clock.now(),
        state,
    })
}

/// The end of a server function a form posts to: on to `path`.
pub fn redirect_to(path: &str) -> Result<(), crate::error::AppError> {
    leptos_axum::redirect(path);
    Ok(())
}
