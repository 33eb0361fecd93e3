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
    #[cfg(feature = "server")]
    #[error("database error")]
    Database(#[from] sea_orm::DbErr),
}

impl ServiceError {
    /// What the person in front of the screen reads, in French.
    pub fn user_message(&self) -> String {
        match self {
            ServiceError::NotFound => "Cette page n'existe pas ou n'est plus disponible.".into(),
            ServiceError::Invalid(message) => message.clone(),
            #[cfg(feature = "server")]
            ServiceError::Database(_) => UNAVAILABLE_MESSAGE.into(),
        }
    }
}

/// Shown when the cause is ours (database down, bug): nothing the person did, nothing saved.
pub const UNAVAILABLE_MESSAGE: &str = "Le service est momentanément indisponible. Rien n'a été enregistré : réessayez dans quelques minutes.";
