//! Why the catalogue of workshops refuse a request: one variant per rule, worded in French for the person who
//! asked. Services return these (`Err(Refusal::X.into())`), never a sentence of their own.

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CatalogueRefusal {
    /// Another workshop type already has this title, whatever its capitals.
    TitleTaken,
}

impl CatalogueRefusal {
    /// What the person reads.
    pub fn message(&self) -> String {
        match self {
            CatalogueRefusal::TitleTaken => "Un atelier porte déjà ce titre.".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ServiceError;

    #[test]
    fn a_taken_title_is_refused_as_invalid_input_about_the_title() {
        match ServiceError::from(CatalogueRefusal::TitleTaken) {
            ServiceError::Invalid(message) => assert!(message.contains("titre")),
            other => panic!("expected an invalid-input refusal, got {other:?}"),
        }
    }
}
