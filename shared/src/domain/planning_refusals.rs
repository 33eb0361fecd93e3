//! Why planning: sessions, series and their changes refuse a request: one variant per rule, worded in French for the person who
//! asked. Services return these (`Err(Refusal::X.into())`), never a sentence of their own.

use chrono::{DateTime, Utc};

use super::{Booking, EnrolmentRefusal, clash_message, format_session_date};
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PlanningRefusal {
    /// The workshop chosen is unknown or archived.
    WorkshopNotInCatalogue,
    UnknownRoom,
    /// Neither a room nor a counsellor tells which Mission Locale organises the session.
    NoOrganiser,
    /// The room already holds another session at that time.
    RoomTaken {
        room_name: String,
        other: Booking,
    },
    /// A counsellor or facilitator already runs another session at that time.
    PersonTaken {
        name: String,
        other: Booking,
    },
    /// A chosen counsellor is unknown, archived or not a counsellor.
    UnknownCounsellors,
    /// A chosen facilitator is unknown or archived.
    UnknownFacilitators,
    AlreadyCancelled,
    /// Cancelling a session that has started.
    StartedCannotBeCancelled,
    /// Editing a cancelled session.
    CancelledCannotBeEdited,
    /// Editing a session that has started.
    StartedCannotBeEdited,
    /// Moving the session that starts at `starts_at` would put it in the past.
    WouldFallInPast {
        starts_at: DateTime<Utc>,
    },
    /// The new capacity is refused for the session that starts at `starts_at`.
    CapacityRefused {
        starts_at: DateTime<Utc>,
        refusal: EnrolmentRefusal,
    },
}

impl PlanningRefusal {
    /// What the person reads.
    pub fn message(&self) -> String {
        match self {
            PlanningRefusal::WorkshopNotInCatalogue => "Choisissez un atelier du catalogue.".into(),
            PlanningRefusal::UnknownRoom => "Cette salle n'existe pas.".into(),
            PlanningRefusal::NoOrganiser => "Choisissez une salle ou un conseiller.".into(),
            PlanningRefusal::RoomTaken { room_name, other } => clash_message(
                &format!("La salle choisie ({room_name})"),
                "est déjà prise",
                other,
            ),
            PlanningRefusal::PersonTaken { name, other } => {
                clash_message(name, "est déjà pris·e", other)
            }
            PlanningRefusal::UnknownCounsellors => {
                "Choisissez des conseillers dans la liste (un compte archivé ne peut pas animer)."
                    .into()
            }
            PlanningRefusal::UnknownFacilitators => {
                "Choisissez des intervenants dans la liste (un intervenant archivé ne peut pas animer)."
                    .into()
            }
            PlanningRefusal::AlreadyCancelled => "Cette séance est déjà annulée.".into(),
            PlanningRefusal::StartedCannotBeCancelled => {
                "Cette séance a déjà commencé : elle ne peut plus être annulée.".into()
            }
            PlanningRefusal::CancelledCannotBeEdited => {
                "Cette séance est annulée : elle ne peut plus être modifiée.".into()
            }
            PlanningRefusal::StartedCannotBeEdited => {
                "Cette séance a déjà commencé : elle ne peut plus être modifiée.".into()
            }
            PlanningRefusal::WouldFallInPast { starts_at } => format!(
                "La séance du {} tomberait dans le passé : choisissez une date à venir.",
                format_session_date(*starts_at)
            ),
            PlanningRefusal::CapacityRefused { starts_at, refusal } => format!(
                "Séance du {} : {}",
                format_session_date(*starts_at),
                refusal.staff_message(None)
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::SessionId;
    use chrono::TimeZone;

    #[test]
    fn a_room_clash_names_the_room_and_the_other_session() {
        let other = Booking {
            session_id: SessionId::new(7),
            title: "Réussir son CV".into(),
            starts_at: Utc.with_ymd_and_hms(2026, 12, 15, 8, 30, 0).unwrap(),
            ends_at: Utc.with_ymd_and_hms(2026, 12, 15, 11, 0, 0).unwrap(),
        };
        let message = PlanningRefusal::RoomTaken {
            room_name: "Louise Michel".into(),
            other,
        }
        .message();
        assert!(message.starts_with(
            "La salle choisie (Louise Michel) est déjà prise par « Réussir son CV » le "
        ));
    }

    #[test]
    fn cancelling_and_editing_a_started_session_read_differently() {
        assert_ne!(
            PlanningRefusal::StartedCannotBeCancelled.message(),
            PlanningRefusal::StartedCannotBeEdited.message()
        );
    }
}
