//! Why places: sites, rooms and closing days refuse a request: one variant per rule, worded in French for the person who
//! asked. Services return these (`Err(Refusal::X.into())`), never a sentence of their own.

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PlacesRefusal {
    /// A new site needs an existing Mission Locale (none given, or an unknown one).
    MissionLocaleRequired,
}

impl PlacesRefusal {
    /// What the person reads.
    pub fn message(&self) -> String {
        match self {
            PlacesRefusal::MissionLocaleRequired => "Choisissez une Mission Locale.".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ServiceError;

    #[test]
    fn a_site_without_mission_locale_is_refused_as_invalid_input_asking_for_one() {
        match ServiceError::from(PlacesRefusal::MissionLocaleRequired) {
            ServiceError::Invalid(message) => assert!(message.contains("Mission Locale")),
            other => panic!("expected an invalid-input refusal, got {other:?}"),
        }
    }
}
