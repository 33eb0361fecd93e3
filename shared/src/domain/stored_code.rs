//! Closed sets stored as text codes: a session's status, a workshop's theme, an enrolment's
//! status and method, an enrolment event's kind, an attendance status, a sheet's state. Each enum
//! names its codes once (`code`, `parse`) and is declared through `stored_as_code!`: with the
//! `server` feature the entities' columns hold the enum itself (`sea_orm::DeriveValueType`,
//! through `stored` and `from_stored` below), so a
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

/// A closed set whose variants are stored as text codes.
#[cfg(feature = "server")]
pub trait StoredCode: Sized + Copy {
    fn code(self) -> &'static str;
    fn parse(code: &str) -> Option<Self>;
}

/// The column's text (sea-orm's `to_str` for every [`stored_as_code!`] enum).
#[cfg(feature = "server")]
pub fn stored<T: StoredCode>(value: &T) -> &'static str {
    value.code()
}

/// Reads the column's text (sea-orm's `from_str`).
#[cfg(feature = "server")]
pub fn from_stored<T: StoredCode>(code: &str) -> Result<T, UnknownCode> {
    T::parse(code).ok_or_else(|| UnknownCode {
        set: std::any::type_name::<T>()
            .rsplit("::")
            .next()
            .unwrap_or_default(),
        code: code.to_owned(),
    })
}

/// Declares an enum with inherent `code(self)` and `parse(&str) -> Option<Self>` methods (written
/// beside it) as a closed set stored as codes: with the `server` feature its entity columns hold
/// it directly.
macro_rules! stored_as_code {
    ($(#[$meta:meta])* $vis:vis enum $set:ident { $($variants:tt)* }) => {
        $(#[$meta])*
        #[cfg_attr(
            feature = "server",
            derive(sea_orm::DeriveValueType),
            sea_orm(
                value_type = "String",
                to_str = "crate::domain::stored_code::stored",
                from_str = "crate::domain::stored_code::from_stored"
            )
        )]
        $vis enum $set { $($variants)* }

        #[cfg(feature = "server")]
        impl $crate::domain::stored_code::StoredCode for $set {
            fn code(self) -> &'static str {
                <$set>::code(self)
            }

            fn parse(code: &str) -> Option<Self> {
                <$set>::parse(code)
            }
        }
    };
}

pub(crate) use stored_as_code;

#[cfg(all(test, feature = "server"))]
mod tests {
    use super::{from_stored, stored};
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
            assert_eq!(from_stored::<SessionStatus>(stored(&status)), Ok(status));
        }
        for theme in Theme::ALL {
            assert_eq!(from_stored::<Theme>(stored(&theme)), Ok(theme));
        }
        for kind in EnrolmentEventKind::ALL {
            assert_eq!(from_stored::<EnrolmentEventKind>(stored(&kind)), Ok(kind));
            let status = kind.status_after();
            assert_eq!(from_stored::<EnrolmentStatus>(stored(&status)), Ok(status));
        }
        for method in [
            EnrolmentMethod::ByYouth,
            EnrolmentMethod::ByStaff,
            EnrolmentMethod::Automatic,
        ] {
            assert_eq!(from_stored::<EnrolmentMethod>(stored(&method)), Ok(method));
        }
        for status in AttendanceStatus::ALL {
            assert_eq!(from_stored::<AttendanceStatus>(stored(&status)), Ok(status));
        }
        for state in [SheetState::Open, SheetState::Closed, SheetState::Paper] {
            assert_eq!(from_stored::<SheetState>(stored(&state)), Ok(state));
        }
        let refused = from_stored::<SessionStatus>("archived");
        assert_eq!(
            refused.map_err(|unknown| unknown.to_string()),
            Err("« archived » is no SessionStatus code".to_owned())
        );
    }
}
