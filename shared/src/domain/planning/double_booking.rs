//! `double_booking`: a room, a counsellor or a facilitator cannot be in two sessions at once.
//! The service loads the sessions overlapping the claim; this decides which one, if any, the
//! refusal names: the room first, then each person in id order, the earliest clash each time.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Utc};

use crate::domain::{Booking, PersonId, PlanningRefusal, RoomId, first_clash};

/// What a planned or edited session will hold.
#[derive(Clone, Copy, Debug)]
pub struct Claim<'a> {
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// The room, with its name for the refusal; `None` for an external venue.
    pub room: Option<(RoomId, &'a str)>,
    pub people: &'a BTreeSet<PersonId>,
}

/// Another session, not cancelled, with what it holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BookedSession {
    pub booking: Booking,
    pub room_id: Option<RoomId>,
    /// Its counsellors and facilitators.
    pub people: BTreeSet<PersonId>,
}

/// Refuses the claim when `held` takes its room or one of its people at the same time.
/// `names`: "Prénom Nom" of the claim's people, for the refusal.
pub fn double_booking(
    claim: &Claim<'_>,
    held: &[BookedSession],
    names: &HashMap<PersonId, String>,
) -> Result<(), PlanningRefusal> {
    let clash = |holds: &dyn Fn(&BookedSession) -> bool| {
        let bookings: Vec<Booking> = held
            .iter()
            .filter(|session| holds(session))
            .map(|session| session.booking.clone())
            .collect();
        first_clash(claim.starts_at, claim.ends_at, None, &bookings).cloned()
    };
    if let Some((room_id, room_name)) = claim.room
        && let Some(other) = clash(&|session| session.room_id == Some(room_id))
    {
        return Err(PlanningRefusal::RoomTaken {
            room_name: room_name.to_owned(),
            other,
        });
    }
    for person_id in claim.people {
        if let Some(other) = clash(&|session| session.people.contains(person_id)) {
            return Err(PlanningRefusal::PersonTaken {
                name: names.get(person_id).cloned().unwrap_or_default(),
                other,
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, TimeZone};

    use super::*;
    use crate::domain::SessionId;

    fn at(hour: u32, minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2027, 3, 9, hour, minute, 0).unwrap()
    }

    fn held(id: i32, starts_at: DateTime<Utc>, room: Option<i32>, people: &[i32]) -> BookedSession {
        BookedSession {
            booking: Booking {
                session_id: SessionId::new(id),
                title: format!("Atelier {id}"),
                starts_at,
                ends_at: starts_at + Duration::hours(2),
            },
            room_id: room.map(RoomId::new),
            people: people.iter().copied().map(PersonId::new).collect(),
        }
    }

    #[test]
    fn the_room_is_named_before_the_people_and_the_earliest_clash_wins() {
        let people = BTreeSet::from([PersonId::new(10)]);
        let names = HashMap::from([(PersonId::new(10), "Awa Diallo".to_owned())]);
        let claim = Claim {
            starts_at: at(9, 0),
            ends_at: at(12, 0),
            room: Some((RoomId::new(1), "Salle Louise Michel")),
            people: &people,
        };
        let sessions = [
            held(3, at(10, 30), Some(1), &[]),
            held(2, at(8, 0), None, &[10]),
            held(1, at(9, 30), Some(1), &[]),
        ];
        match double_booking(&claim, &sessions, &names) {
            Err(PlanningRefusal::RoomTaken { room_name, other }) => {
                assert_eq!(room_name, "Salle Louise Michel");
                assert_eq!(other.session_id, SessionId::new(1));
            }
            other => panic!("expected the room, got {other:?}"),
        }
        // In another room, the counsellor's own session is the clash.
        let elsewhere = Claim {
            room: Some((RoomId::new(2), "Salle Nelson Mandela")),
            ..claim
        };
        assert_eq!(
            double_booking(&elsewhere, &sessions, &names),
            Err(PlanningRefusal::PersonTaken {
                name: "Awa Diallo".into(),
                other: sessions[1].booking.clone(),
            })
        );
    }

    #[test]
    fn back_to_back_or_unrelated_sessions_are_no_clash() {
        let people = BTreeSet::from([PersonId::new(10)]);
        let claim = Claim {
            starts_at: at(12, 0),
            ends_at: at(14, 0),
            room: None,
            people: &people,
        };
        let sessions = [
            // Ends at 12:00 when the claim starts: half-open times.
            held(1, at(10, 0), Some(1), &[10]),
            // Same time, other people, and the claim has no room.
            held(2, at(12, 0), Some(1), &[11]),
        ];
        assert_eq!(double_booking(&claim, &sessions, &HashMap::new()), Ok(()));
    }
}
