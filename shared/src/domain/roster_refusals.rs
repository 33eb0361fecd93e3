//! Why enrolment as staff handle it: rosters, walk-ins, removals and capacity refuse a request: one variant per rule, worded in French for the person who
//! asked. Services return these (`Err(Refusal::X.into())`), never a sentence of their own.

use super::EnrolmentRefusal;
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RosterRefusal {
    /// More youths in one request than a counsellor may enrol at once.
    TooManyAtOnce { max: usize },
    /// The request names no youth to enrol.
    NoYouthChosen,
    /// One youth of a group enrolment may not be enrolled: the whole request is refused, naming them.
    YouthRefused {
        youth: String,
        refusal: EnrolmentRefusal,
    },
    /// The number of places is not a whole number from 1 to 200.
    CapacityOutOfRange,
    /// More places than the session's room holds.
    RoomTooSmall { room: String, capacity: i32 },
}

impl RosterRefusal {
    /// What the person reads.
    pub fn message(&self) -> String {
        match self {
            RosterRefusal::TooManyAtOnce { max } => format!(
                "Vous pouvez inscrire {max} jeunes au plus à la fois. Rien n'a été enregistré."
            ),
            RosterRefusal::NoYouthChosen => "Cochez au moins un ou une jeune à inscrire.".into(),
            RosterRefusal::YouthRefused { youth, refusal } => format!(
                "{} Rien n'a été enregistré.",
                refusal.staff_message(Some(youth))
            ),
            RosterRefusal::CapacityOutOfRange => "Le nombre de places va de 1 à 200.".into(),
            RosterRefusal::RoomTooSmall { room, capacity } => format!(
                "La salle {room} compte {capacity} places : choisissez une salle plus grande pour accueillir plus de monde."
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refused_group_enrolment_names_the_youth_and_says_nothing_was_recorded() {
        let message = RosterRefusal::YouthRefused {
            youth: "Inès Martin".into(),
            refusal: EnrolmentRefusal::Age { age: 27 },
        }
        .message();
        assert!(message.starts_with("Inès Martin aura 27 ans"), "{message}");
        assert!(message.ends_with(" Rien n'a été enregistré."), "{message}");
        let room = RosterRefusal::RoomTooSmall {
            room: "Salle Verte".into(),
            capacity: 12,
        }
        .message();
        assert!(
            room.contains("La salle Salle Verte compte 12 places"),
            "{room}"
        );
    }
}
