//! Closed sets stored as text codes: a session's status, a workshop's theme, an enrolment's
//! status and method, an enrolment event's kind, an attendance status, a sheet's state. Each enum
//! names its codes once (`code`, `parse`). With the `server` feature the entities' columns hold
//! the enum itself (`sea_orm::DeriveValueType`, through `stored` and `from_stored` below), so a
//! service compares and writes variants, never strings; a code that names no variant fails the
//! read with `UnknownCode` instead of passing as a default.

use std::fmt;

/// A stored code that names no variant: something no migration and no service wrote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownCode {
    pub set: &'static str,
    pub code: String,
}

impl fmt::Display for UnknownCode {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "« {} » is no {} code", self.code, self.set)
    }
}

impl std::error::Error for UnknownCode {}

/// `stored` and `from_stored` for enums that have `code(self)` and `parse(&str) -> Option<Self>`:
/// the shapes sea-orm's `to_str` and `from_str` take.
macro_rules! stored_as_code {
    ($($set:ident),+ $(,)?) => {$(
        impl $set {
            /// The column's text.
            pub fn stored(&self) -> &'static str {
                self.code()
            }

            /// Reads the column's text.
            pub fn from_stored(code: &str) -> Result<Self, $crate::domain::UnknownCode> {
                Self::parse(code).ok_or_else(|| $crate::domain::UnknownCode {
                    set: stringify!($set),
                    code: code.to_owned(),
                })
            }
        }
    )+};
}

pub(crate) use stored_as_code;

#[cfg(test)]
mod tests {
    use crate::domain::{
        AttendanceStatus, EnrolmentEventKind, EnrolmentMethod, EnrolmentStatus, SessionStatus,
        SheetState, Theme,
    };

    #[test]
    fn every_variant_reads_back_from_its_stored_code_and_strangers_are_refused() {
        for status in [
            SessionStatus::Draft,
            SessionStatus::Published,
            SessionStatus::Cancelled,
        ] {
            assert_eq!(SessionStatus::from_stored(status.stored()), Ok(status));
        }
        for theme in Theme::ALL {
            assert_eq!(Theme::from_stored(theme.stored()), Ok(theme));
        }
        for kind in EnrolmentEventKind::ALL {
            assert_eq!(EnrolmentEventKind::from_stored(kind.stored()), Ok(kind));
            let status = kind.status_after();
            assert_eq!(EnrolmentStatus::from_stored(status.stored()), Ok(status));
        }
        for method in [
            EnrolmentMethod::ByYouth,
            EnrolmentMethod::ByStaff,
            EnrolmentMethod::Automatic,
        ] {
            assert_eq!(EnrolmentMethod::from_stored(method.stored()), Ok(method));
        }
        for status in AttendanceStatus::ALL {
            assert_eq!(AttendanceStatus::from_stored(status.stored()), Ok(status));
        }
        for state in [SheetState::Open, SheetState::Closed, SheetState::Paper] {
            assert_eq!(SheetState::from_stored(state.stored()), Ok(state));
        }
        let refused = SessionStatus::from_stored("archived");
        assert_eq!(
            refused.map_err(|unknown| unknown.to_string()),
            Err("« archived » is no SessionStatus code".to_owned())
        );
    }
}
