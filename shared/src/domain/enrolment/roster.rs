//! The roster of one session: its places, the changes it returns, and the rules of seats and
//! waiting list (property-tested).

use crate::domain::{EnrolmentEventKind, EnrolmentRefusal, PersonId, Standing};

/// A place held at a session: registered, or waiting with its ticket.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Place {
    pub youth_id: PersonId,
    pub registered: bool,
    /// First come, first served: a lower ticket came first.
    pub ticket: i64,
}

/// One youth's change, to be written back and announced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RosterChange {
    pub youth_id: PersonId,
    pub kind: EnrolmentEventKind,
    pub ticket: i64,
}

/// Why a youth leaves a session.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Departure {
    /// By themself.
    Cancelled,
    /// By a counsellor.
    Removed,
}

/// The places of one session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Roster {
    capacity: u32,
    /// Active places only (registered or waiting).
    places: Vec<Place>,
    next_ticket: i64,
}

impl Roster {
    /// `places` are the active places; `next_ticket` is above every ticket ever given at this
    /// session (cancelled ones included), so that order never repeats.
    pub fn new(capacity: u32, places: impl IntoIterator<Item = Place>, next_ticket: i64) -> Self {
        let mut places: Vec<Place> = places.into_iter().collect();
        places.sort_by_key(|place| place.ticket);
        let next_ticket = places
            .iter()
            .map(|place| place.ticket + 1)
            .max()
            .unwrap_or(1)
            .max(next_ticket);
        Self {
            capacity,
            places,
            next_ticket,
        }
    }

    pub fn capacity(&self) -> u32 {
        self.capacity
    }

    pub fn registered_count(&self) -> u32 {
        self.places.iter().filter(|place| place.registered).count() as u32
    }

    pub fn seats_left(&self) -> u32 {
        self.capacity.saturating_sub(self.registered_count())
    }

    /// The waiting list, first in line first.
    pub fn waiting(&self) -> impl Iterator<Item = &Place> {
        self.places.iter().filter(|place| !place.registered)
    }

    pub fn places(&self) -> &[Place] {
        &self.places
    }

    pub fn standing(&self, youth_id: PersonId) -> Option<Standing> {
        let place = self
            .places
            .iter()
            .find(|place| place.youth_id == youth_id)?;
        if place.registered {
            return Some(Standing::Registered);
        }
        let ahead = self
            .waiting()
            .filter(|other| other.ticket < place.ticket)
            .count() as u32;
        Some(Standing::Waiting {
            position: ahead + 1,
        })
    }

    /// Takes a place for `youth_id`: a seat if one is free and nobody is waiting for it,
    /// otherwise the end of the waiting list. Enrolling again changes nothing and gives the
    /// same answer (a double tap, a retried request).
    pub fn enrol(&mut self, youth_id: PersonId) -> (Standing, Vec<RosterChange>) {
        if let Some(standing) = self.standing(youth_id) {
            return (standing, Vec::new());
        }
        let registered = self.seats_left() > 0 && self.waiting().next().is_none();
        let ticket = self.next_ticket;
        self.next_ticket += 1;
        self.places.push(Place {
            youth_id,
            registered,
            ticket,
        });
        let kind = if registered {
            EnrolmentEventKind::Registered
        } else {
            EnrolmentEventKind::Waitlisted
        };
        let standing = self.standing(youth_id).unwrap_or(Standing::Registered);
        (
            standing,
            vec![RosterChange {
                youth_id,
                kind,
                ticket,
            }],
        )
    }

    /// The youth leaves (their seat or the waiting list). When `promote` is set (outside the
    /// last hours before the session), the first in line takes a freed seat. `None` when the
    /// youth holds no place.
    pub fn leave(
        &mut self,
        youth_id: PersonId,
        departure: Departure,
        promote: bool,
    ) -> Option<Vec<RosterChange>> {
        let index = self
            .places
            .iter()
            .position(|place| place.youth_id == youth_id)?;
        let place = self.places.remove(index);
        let kind = match (departure, place.registered) {
            (Departure::Removed, _) => EnrolmentEventKind::Removed,
            (Departure::Cancelled, true) => EnrolmentEventKind::Cancelled,
            (Departure::Cancelled, false) => EnrolmentEventKind::LeftWaitingList,
        };
        let mut changes = vec![RosterChange {
            youth_id,
            kind,
            ticket: place.ticket,
        }];
        if promote {
            changes.extend(self.fill_free_seats());
        }
        Some(changes)
    }

    /// A counsellor gives a waiting youth a free seat, whatever their position (in the last
    /// hours, promotion is theirs to decide).
    pub fn promote(&mut self, youth_id: PersonId) -> Result<Vec<RosterChange>, EnrolmentRefusal> {
        let Some(index) = self
            .places
            .iter()
            .position(|place| place.youth_id == youth_id && !place.registered)
        else {
            return Err(EnrolmentRefusal::NotWaiting);
        };
        if self.seats_left() == 0 {
            return Err(EnrolmentRefusal::SessionFull);
        }
        self.places[index].registered = true;
        Ok(vec![RosterChange {
            youth_id,
            kind: EnrolmentEventKind::Promoted,
            ticket: self.places[index].ticket,
        }])
    }

    /// Raises or lowers the number of places. Never below the youths already registered;
    /// raised seats go to the waiting list first when `promote` is set.
    pub fn set_capacity(
        &mut self,
        capacity: u32,
        promote: bool,
    ) -> Result<Vec<RosterChange>, EnrolmentRefusal> {
        let registered = self.registered_count();
        if capacity < registered {
            return Err(EnrolmentRefusal::CapacityBelowRegistered { registered });
        }
        self.capacity = capacity;
        Ok(if promote {
            self.fill_free_seats()
        } else {
            Vec::new()
        })
    }

    fn fill_free_seats(&mut self) -> Vec<RosterChange> {
        let mut changes = Vec::new();
        while self.seats_left() > 0 {
            // Places are kept sorted by ticket: the first waiting one is first in line.
            let Some(place) = self.places.iter_mut().find(|place| !place.registered) else {
                break;
            };
            place.registered = true;
            changes.push(RosterChange {
                youth_id: place.youth_id,
                kind: EnrolmentEventKind::Promoted,
                ticket: place.ticket,
            });
        }
        changes
    }

    /// The invariants, for tests and for the services' last check before writing.
    pub fn check(&self) -> Result<(), String> {
        if self.registered_count() > self.capacity {
            return Err(format!(
                "{} registered for {} seats",
                self.registered_count(),
                self.capacity
            ));
        }
        let mut youths: Vec<PersonId> = self.places.iter().map(|place| place.youth_id).collect();
        youths.sort_unstable();
        if youths.windows(2).any(|pair| pair[0] == pair[1]) {
            return Err("a youth holds two places".into());
        }
        if self
            .places
            .windows(2)
            .any(|pair| pair[0].ticket >= pair[1].ticket)
        {
            return Err("tickets are not unique and ordered".into());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn roster(capacity: u32) -> Roster {
        Roster::new(capacity, [], 1)
    }

    #[test]
    fn the_first_come_take_the_seats_and_the_rest_wait_in_order() {
        let mut roster = roster(2);
        assert_eq!(roster.enrol(PersonId::new(1)).0, Standing::Registered);
        assert_eq!(roster.enrol(PersonId::new(2)).0, Standing::Registered);
        assert_eq!(
            roster.enrol(PersonId::new(3)).0,
            Standing::Waiting { position: 1 }
        );
        assert_eq!(
            roster.enrol(PersonId::new(4)).0,
            Standing::Waiting { position: 2 }
        );
        assert_eq!(roster.registered_count(), 2);
    }

    #[test]
    fn enrolling_twice_gives_the_same_answer_and_changes_nothing() {
        let mut roster = roster(1);
        roster.enrol(PersonId::new(1));
        let (first, changes) = roster.enrol(PersonId::new(2));
        assert_eq!(changes.len(), 1);
        let before = roster.clone();
        let (again, changes) = roster.enrol(PersonId::new(2));
        assert_eq!(again, first);
        assert!(changes.is_empty());
        assert_eq!(roster, before);
    }

    #[test]
    fn a_cancellation_promotes_the_first_in_line() {
        let mut roster = roster(1);
        roster.enrol(PersonId::new(1));
        roster.enrol(PersonId::new(2));
        roster.enrol(PersonId::new(3));
        let changes = roster
            .leave(PersonId::new(1), Departure::Cancelled, true)
            .unwrap();
        assert_eq!(
            changes
                .iter()
                .map(|c| (c.youth_id.get(), c.kind))
                .collect::<Vec<_>>(),
            vec![
                (1, EnrolmentEventKind::Cancelled),
                (2, EnrolmentEventKind::Promoted)
            ]
        );
        assert_eq!(
            roster.standing(PersonId::new(3)),
            Some(Standing::Waiting { position: 1 })
        );
    }

    #[test]
    fn in_the_last_hours_a_freed_seat_waits_for_the_counsellor() {
        let mut roster = roster(1);
        roster.enrol(PersonId::new(1));
        roster.enrol(PersonId::new(2));
        let changes = roster
            .leave(PersonId::new(1), Departure::Removed, false)
            .unwrap();
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].kind, EnrolmentEventKind::Removed);
        assert_eq!(roster.seats_left(), 1);
        // A newcomer does not jump the queue.
        assert_eq!(
            roster.enrol(PersonId::new(3)).0,
            Standing::Waiting { position: 2 }
        );
        // The counsellor may pick anyone in line.
        assert_eq!(
            roster.promote(PersonId::new(3)).unwrap()[0].kind,
            EnrolmentEventKind::Promoted
        );
        assert_eq!(
            roster.promote(PersonId::new(2)),
            Err(EnrolmentRefusal::SessionFull)
        );
    }

    #[test]
    fn leaving_the_waiting_list_is_its_own_event() {
        let mut roster = roster(1);
        roster.enrol(PersonId::new(1));
        roster.enrol(PersonId::new(2));
        roster.enrol(PersonId::new(3));
        let changes = roster
            .leave(PersonId::new(2), Departure::Cancelled, true)
            .unwrap();
        assert_eq!(changes[0].kind, EnrolmentEventKind::LeftWaitingList);
        assert_eq!(changes.len(), 1);
        assert_eq!(
            roster.standing(PersonId::new(3)),
            Some(Standing::Waiting { position: 1 })
        );
        assert_eq!(
            roster.leave(PersonId::new(2), Departure::Cancelled, true),
            None
        );
    }

    #[test]
    fn capacity_never_goes_below_the_registered_and_raising_it_promotes() {
        let mut roster = roster(2);
        for youth in 1..=4 {
            roster.enrol(PersonId::new(youth));
        }
        assert_eq!(
            roster.set_capacity(1, true),
            Err(EnrolmentRefusal::CapacityBelowRegistered { registered: 2 })
        );
        let changes = roster.set_capacity(3, true).unwrap();
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].youth_id, PersonId::new(3));
        assert_eq!(
            roster.standing(PersonId::new(4)),
            Some(Standing::Waiting { position: 1 })
        );
    }

    #[test]
    fn tickets_keep_growing_after_cancellations() {
        let roster = Roster::new(
            3,
            [Place {
                youth_id: PersonId::new(1),
                registered: true,
                ticket: 4,
            }],
            9,
        );
        let mut roster = roster;
        let (_, changes) = roster.enrol(PersonId::new(2));
        assert_eq!(changes[0].ticket, 9);
    }

    #[derive(Clone, Debug)]
    enum Step {
        Enrol(i32),
        Leave(i32, bool, bool),
        Promote(i32),
        Capacity(u32, bool),
    }

    fn step() -> impl Strategy<Value = Step> {
        prop_oneof![
            (1..30i32).prop_map(Step::Enrol),
            (1..30i32, any::<bool>(), any::<bool>()).prop_map(|(y, r, p)| Step::Leave(y, r, p)),
            (1..30i32).prop_map(Step::Promote),
            (0..15u32, any::<bool>()).prop_map(|(c, p)| Step::Capacity(c, p)),
        ]
    }

    proptest! {
        /// Whatever happens, in whatever order: never more registered than seats, one place per
        /// youth, tickets unique; and while promotion is automatic, nobody waits for a free seat.
        #[test]
        fn the_invariants_hold_after_every_step(
            capacity in 0..12u32,
            steps in proptest::collection::vec(step(), 0..80),
        ) {
            let mut roster = roster(capacity);
            for step in steps {
                let automatic = match step {
                    Step::Enrol(youth) => { roster.enrol(PersonId::new(youth)); None }
                    Step::Leave(youth, removed, promote) => {
                        let departure = if removed { Departure::Removed } else { Departure::Cancelled };
                        roster.leave(PersonId::new(youth), departure, promote).map(|_| promote)
                    }
                    Step::Promote(youth) => { let _ = roster.promote(PersonId::new(youth)); None }
                    Step::Capacity(capacity, promote) => {
                        roster.set_capacity(capacity, promote).ok().map(|_| promote)
                    }
                };
                prop_assert_eq!(roster.check(), Ok(()));
                if automatic == Some(true) {
                    prop_assert!(roster.seats_left() == 0 || roster.waiting().next().is_none());
                }
                let positions: Vec<u32> = roster
                    .waiting()
                    .filter_map(|place| match roster.standing(place.youth_id) {
                        Some(Standing::Waiting { position }) => Some(position),
                        _ => None,
                    })
                    .collect();
                prop_assert_eq!(positions, (1..=roster.waiting().count() as u32).collect::<Vec<_>>());
            }
        }
    }
}
