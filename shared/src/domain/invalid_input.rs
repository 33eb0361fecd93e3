use serde::{Deserialize, Serialize};

/// A value a person typed that breaks a rule: which field, and what to do about it, in French.
/// The same check runs in the browser (instant feedback) and on the server (the one that counts).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{message}")]
pub struct InvalidInput {
    /// The form field, as named in the form (`email`, `phone`...).
    pub field: String,
    pub message: String,
}

impl InvalidInput {
    pub fn new(field: &str, message: impl Into<String>) -> Self {
        Self {
            field: field.to_owned(),
            message: message.into(),
        }
    }
}

impl From<InvalidInput> for crate::ServiceError {
    fn from(invalid: InvalidInput) -> Self {
        crate::ServiceError::Invalid(invalid.message)
    }
}
