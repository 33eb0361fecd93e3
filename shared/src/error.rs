//! The one error of the library's services. What a person reads comes from [`ServiceError::user_message`];
//! infrastructure causes stay in the logs.

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// The thing asked for does not exist (or is not visible to the asker).
    #[error("not found")]
    NotFound,
    /// Input that breaks a rule; the message is already written for the user, in French.
    #[error("invalid input: {0}")]
    Invalid(String),
    /// The access policy refuses this person this action.
    #[error("forbidden")]
    Forbidden,
    /// Nobody is signed in, and the action needs someone who is.
    #[error("not signed in")]
    NotSignedIn,
    /// Too many attempts from this address or for this account: try again later.
    #[error("rate limited")]
    RateLimited,
    /// Too many failures, or too busy: try again later; the message says when, in French.
    #[error("throttled")]
    Throttled(String),
    #[cfg(feature = "server")]
    #[error("database error")]
    Database(#[from] sea_orm::DbErr),
}

/// The domain's refusals, each a rule worded in French for the person who asked, reach the
/// wire as `Invalid` with that wording (`Err(PlanningRefusal::AlreadyCancelled.into())`).
macro_rules! refusals_are_invalid_input {
    ($($refusal:ident),+ $(,)?) => {$(
        impl From<crate::domain::$refusal> for ServiceError {
            fn from(refusal: crate::domain::$refusal) -> Self {
                ServiceError::Invalid(refusal.message())
            }
        }
    )+};
}

refusals_are_invalid_input!(
    AttendanceRefusal,
    CatalogueRefusal,
    PeopleRefusal,
    PlacesRefusal,
    PlanningRefusal,
    RosterRefusal,
    SignInRefusal,
);

impl ServiceError {
    /// What the person in front of the screen reads, in French.
    pub fn user_message(&self) -> String {
        match self {
            ServiceError::NotFound => "Cette page n'existe pas ou n'est plus disponible.".into(),
            ServiceError::Invalid(message) => message.clone(),
            ServiceError::Forbidden => FORBIDDEN_MESSAGE.into(),
            ServiceError::NotSignedIn => NOT_SIGNED_IN_MESSAGE.into(),
            ServiceError::RateLimited => RATE_LIMITED_MESSAGE.into(),
            ServiceError::Throttled(message) => message.clone(),
            #[cfg(feature = "server")]
            ServiceError::Database(_) => UNAVAILABLE_MESSAGE.into(),
        }
    }
}

/// Shown when the cause is ours (database down, bug): nothing the person did, nothing saved.
pub const UNAVAILABLE_MESSAGE: &str = "Le service est momentanément indisponible. Rien n'a été enregistré : réessayez dans quelques minutes.";

pub const FORBIDDEN_MESSAGE: &str =
    "Vous n'avez pas accès à cette page ou à cette action avec votre compte.";

pub const NOT_SIGNED_IN_MESSAGE: &str = "Connectez-vous pour voir cette page.";

pub const RATE_LIMITED_MESSAGE: &str = "Trop de tentatives en peu de temps. Pour protéger les comptes, attendez un quart d'heure avant de réessayer.";
