//! Typed ids: a session's id cannot be passed where a person's is expected.
//!
//! Each id wraps the database key (`i32`) and crosses the wire as that bare number
//! (`#[serde(transparent)]`), so URLs, forms and server-function payloads are unchanged. The
//! entities' key and foreign-key columns are these types too (`DeriveValueType`, with the
//! `server` feature), so a row hands out typed ids and a query takes them as they are.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

macro_rules! typed_id {
    ($($(#[$doc:meta])* $name:ident;)+) => {$(
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "server", derive(sea_orm::DeriveValueType))]
        #[serde(transparent)]
        pub struct $name(i32);

        impl $name {
            /// The id of the row with this key (fixtures and tests; rows hand out their ids).
            pub const fn new(key: i32) -> Self {
                Self(key)
            }

            /// The database key.
            pub const fn get(self) -> i32 {
                self.0
            }
        }

        impl From<i32> for $name {
            fn from(key: i32) -> Self {
                Self(key)
            }
        }

        impl From<$name> for i32 {
            fn from(id: $name) -> i32 {
                id.0
            }
        }

        /// Written as the bare number, as in URLs (`/seances/12`).
        impl fmt::Display for $name {
            fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(formatter)
            }
        }

        impl FromStr for $name {
            type Err = std::num::ParseIntError;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                text.trim().parse().map(Self)
            }
        }
    )+};
}

typed_id! {
    /// A dated session (`workshop_sessions.id`).
    SessionId;
    /// Anyone with a file: youth, counsellor, coordinator or guest facilitator (`people.id`).
    PersonId;
    /// One of the federation's Missions Locales (`missions_locales.id`).
    MissionLocaleId;
    /// A venue (`sites.id`).
    SiteId;
    /// A room of a venue (`rooms.id`).
    RoomId;
    /// A kind of workshop in the catalogue (`workshop_types.id`).
    WorkshopTypeId;
    /// A recurring series of sessions (`workshop_series.id`).
    SeriesId;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_crosses_the_wire_as_its_bare_number() {
        let id = SessionId::from(12);
        assert_eq!(serde_json::to_string(&id).ok().as_deref(), Some("12"));
        assert_eq!(serde_json::from_str::<SessionId>("12").ok(), Some(id));
        assert_eq!(id.to_string(), "12");
        assert_eq!(" 12".parse::<SessionId>().ok(), Some(id));
        assert!("douze".parse::<SessionId>().is_err());
    }
}
