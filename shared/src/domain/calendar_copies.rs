//! Who should hold a session in their calendar, and what each person's copy needs after a change
//! (decision 5). The invitations are reconciled, not replayed: whatever happened, each person
//! gets the one message that brings their calendar to the session as it now stands.
//!
//! - A published session is held by its registered youths, its facilitators and the counsellors
//!   who lead it; a draft or cancelled session by nobody. Someone who is both facilitator and
//!   youth gets the facilitator's copy; a counsellor who is also a facilitator, the facilitator's.
//! - A holder without a live copy (none yet, or one that was cancelled) is invited; a holder
//!   whose live copy is older than the session (`SEQUENCE`) gets an update; an up-to-date copy
//!   gets nothing, so retrying a change sends nothing twice.
//! - A live copy held by someone who no longer holds the session is cancelled.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::PersonId;

/// How a person is on the session; their invitation and its wording follow from it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SessionRole {
    Youth,
    Facilitator,
    Counsellor,
}

impl SessionRole {
    /// The code kept with each calendar copy.
    pub fn code(self) -> &'static str {
        match self {
            SessionRole::Youth => "youth",
            SessionRole::Facilitator => "facilitator",
            SessionRole::Counsellor => "counsellor",
        }
    }

    /// Copies kept before roles were recorded were all youths'.
    pub fn parse(code: &str) -> SessionRole {
        match code {
            "facilitator" => SessionRole::Facilitator,
            "counsellor" => SessionRole::Counsellor,
            _ => SessionRole::Youth,
        }
    }
}

/// The people who should hold the session in their calendar now.
pub fn calendar_holders(
    published: bool,
    registered_youths: impl IntoIterator<Item = PersonId>,
    facilitators: &BTreeSet<PersonId>,
    counsellors: &BTreeSet<PersonId>,
) -> BTreeMap<PersonId, SessionRole> {
    let mut holders = BTreeMap::new();
    if !published {
        return holders;
    }
    for youth in registered_youths {
        holders.insert(youth, SessionRole::Youth);
    }
    for &facilitator in facilitators {
        holders.insert(facilitator, SessionRole::Facilitator);
    }
    for &counsellor in counsellors {
        holders.entry(counsellor).or_insert(SessionRole::Counsellor);
    }
    holders
}

/// A calendar copy someone was sent, as far as reconciling goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HeldCopy {
    pub person_id: PersonId,
    pub role: SessionRole,
    pub cancelled: bool,
    /// The session's `SEQUENCE` when the copy was sent.
    pub session_sequence: i32,
}

/// What one person's copy needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CopyAction {
    /// A holder without a live copy: a new invitation (`METHOD:REQUEST`).
    Invite {
        person_id: PersonId,
        role: SessionRole,
    },
    /// A holder whose copy is older than the session: the same event, updated.
    Update {
        person_id: PersonId,
        role: SessionRole,
    },
    /// A live copy held by someone who no longer holds the session (`METHOD:CANCEL`).
    Withdraw {
        person_id: PersonId,
        role: SessionRole,
    },
}

/// The messages that bring every copy to the session at `sequence`: holders first (by id), then
/// withdrawals (by id).
pub fn reconcile_copies(
    holders: &BTreeMap<PersonId, SessionRole>,
    copies: &BTreeMap<PersonId, HeldCopy>,
    sequence: i32,
) -> Vec<CopyAction> {
    let mut actions = Vec::new();
    for (&person_id, &role) in holders {
        match copies.get(&person_id) {
            Some(copy) if !copy.cancelled && copy.session_sequence >= sequence => {}
            Some(copy) if !copy.cancelled => actions.push(CopyAction::Update { person_id, role }),
            _ => actions.push(CopyAction::Invite { person_id, role }),
        }
    }
    for copy in copies.values() {
        if !copy.cancelled && !holders.contains_key(&copy.person_id) {
            actions.push(CopyAction::Withdraw {
                person_id: copy.person_id,
                role: copy.role,
            });
        }
    }
    actions
}

#[cfg(test)]
mod tests {
    use super::*;

    const YOUTH: PersonId = PersonId::new(1);
    const OTHER_YOUTH: PersonId = PersonId::new(2);
    const FACILITATOR: PersonId = PersonId::new(10);
    const COUNSELLOR: PersonId = PersonId::new(20);

    fn copy(person_id: PersonId, role: SessionRole, session_sequence: i32) -> HeldCopy {
        HeldCopy {
            person_id,
            role,
            cancelled: false,
            session_sequence,
        }
    }

    fn held(copies: &[HeldCopy]) -> BTreeMap<PersonId, HeldCopy> {
        copies.iter().map(|copy| (copy.person_id, *copy)).collect()
    }

    #[test]
    fn only_a_published_session_is_held_and_facilitators_take_precedence() {
        let facilitators = BTreeSet::from([FACILITATOR, COUNSELLOR]);
        let counsellors = BTreeSet::from([COUNSELLOR]);
        assert!(calendar_holders(false, [YOUTH], &facilitators, &counsellors).is_empty());
        let holders = calendar_holders(true, [YOUTH, FACILITATOR], &facilitators, &counsellors);
        assert_eq!(
            holders.into_iter().collect::<Vec<_>>(),
            vec![
                (YOUTH, SessionRole::Youth),
                (FACILITATOR, SessionRole::Facilitator),
                (COUNSELLOR, SessionRole::Facilitator),
            ]
        );
    }

    #[test]
    fn new_holders_are_invited_outdated_copies_updated_and_current_ones_left_alone() {
        let holders = BTreeMap::from([
            (YOUTH, SessionRole::Youth),
            (OTHER_YOUTH, SessionRole::Youth),
            (FACILITATOR, SessionRole::Facilitator),
        ]);
        let copies = held(&[
            copy(YOUTH, SessionRole::Youth, 3),
            copy(FACILITATOR, SessionRole::Facilitator, 2),
        ]);
        assert_eq!(
            reconcile_copies(&holders, &copies, 3),
            vec![
                CopyAction::Invite {
                    person_id: OTHER_YOUTH,
                    role: SessionRole::Youth
                },
                CopyAction::Update {
                    person_id: FACILITATOR,
                    role: SessionRole::Facilitator
                },
            ]
        );
        // Sending it all again changes nothing once every copy is current.
        let current = held(&[
            copy(YOUTH, SessionRole::Youth, 3),
            copy(OTHER_YOUTH, SessionRole::Youth, 3),
            copy(FACILITATOR, SessionRole::Facilitator, 3),
        ]);
        assert_eq!(reconcile_copies(&holders, &current, 3), vec![]);
    }

    #[test]
    fn a_cancelled_copy_is_invited_again_and_a_former_holder_is_withdrawn_once() {
        let holders = BTreeMap::from([(YOUTH, SessionRole::Youth)]);
        let copies = held(&[
            HeldCopy {
                cancelled: true,
                ..copy(YOUTH, SessionRole::Youth, 1)
            },
            copy(COUNSELLOR, SessionRole::Counsellor, 1),
            HeldCopy {
                cancelled: true,
                ..copy(OTHER_YOUTH, SessionRole::Youth, 1)
            },
        ]);
        assert_eq!(
            reconcile_copies(&holders, &copies, 1),
            vec![
                CopyAction::Invite {
                    person_id: YOUTH,
                    role: SessionRole::Youth
                },
                CopyAction::Withdraw {
                    person_id: COUNSELLOR,
                    role: SessionRole::Counsellor
                },
            ]
        );
    }

    #[test]
    fn cancelling_the_session_withdraws_every_live_copy() {
        let holders = calendar_holders(false, [YOUTH], &BTreeSet::new(), &BTreeSet::new());
        let copies = held(&[
            copy(YOUTH, SessionRole::Youth, 4),
            copy(FACILITATOR, SessionRole::Facilitator, 4),
        ]);
        assert_eq!(
            reconcile_copies(&holders, &copies, 5),
            vec![
                CopyAction::Withdraw {
                    person_id: YOUTH,
                    role: SessionRole::Youth
                },
                CopyAction::Withdraw {
                    person_id: FACILITATOR,
                    role: SessionRole::Facilitator
                },
            ]
        );
    }

    #[test]
    fn roles_read_back_from_their_codes() {
        for role in [
            SessionRole::Youth,
            SessionRole::Facilitator,
            SessionRole::Counsellor,
        ] {
            assert_eq!(SessionRole::parse(role.code()), role);
        }
    }
}
