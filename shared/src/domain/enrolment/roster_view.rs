//! A session's places as staff read them on its roster: who is registered and who waits (in
//! ticket order, numbered), how each came, where a youth stands, and the history's sentences.
//! The service loads the rows and asks the access policy which youths the actor may see; what
//! is decided from there is here. Youths the actor may not see are counted, never listed.

use chrono::{DateTime, Utc};

use super::{EnrolmentEventKind, EnrolmentMethod, EnrolmentStatus, Standing};
use crate::domain::{PersonId, RosterLine};

/// One live place (registered or waiting), as stored, in ticket order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlaceRecord {
    pub youth_id: PersonId,
    pub status: EnrolmentStatus,
    pub method: EnrolmentMethod,
    /// Who enrolled them, by name, when staff did.
    pub enrolled_by: Option<String>,
    pub requested_at: DateTime<Utc>,
    pub registered_at: Option<DateTime<Utc>>,
}

/// What the actor may see of a youth on the roster.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SeenYouth {
    pub name: String,
    pub may_remove: bool,
}

/// The roster's two lists and the counts, hidden youths included.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RosterLines {
    pub registered: Vec<RosterLine>,
    pub waiting: Vec<RosterLine>,
    pub registered_count: u32,
    pub waiting_count: u32,
}

/// Splits `places` (in ticket order) into the registered and the waiting lines, numbering the
/// waiting list from 1. `seen` tells what the actor may see of a youth; the others are counted
/// but not listed.
pub fn roster_lines(
    places: &[PlaceRecord],
    seen: impl Fn(PersonId) -> Option<SeenYouth>,
) -> RosterLines {
    let mut lines = RosterLines::default();
    for place in places {
        let standing = if place.status == EnrolmentStatus::Registered {
            lines.registered_count += 1;
            Standing::Registered
        } else {
            lines.waiting_count += 1;
            Standing::Waiting {
                position: lines.waiting_count,
            }
        };
        let Some(youth) = seen(place.youth_id) else {
            continue;
        };
        let line = RosterLine {
            youth_id: place.youth_id,
            name: youth.name,
            standing,
            how: how_they_came(place, standing),
            since: place.registered_at.unwrap_or(place.requested_at),
            may_remove: youth.may_remove,
        };
        match standing {
            Standing::Registered => lines.registered.push(line),
            Standing::Waiting { .. } => lines.waiting.push(line),
        }
    }
    lines
}

/// Where `youth` stands among `places` (in ticket order), if they hold one.
pub fn standing_in(places: &[PlaceRecord], youth: PersonId) -> Option<Standing> {
    let index = places.iter().position(|place| place.youth_id == youth)?;
    Some(if places[index].status == EnrolmentStatus::Registered {
        Standing::Registered
    } else {
        let position = places[..=index]
            .iter()
            .filter(|place| place.status == EnrolmentStatus::Waiting)
            .count();
        Standing::Waiting {
            position: u32::try_from(position).unwrap_or(u32::MAX),
        }
    })
}

/// "depuis la liste d'attente", "par Ingrid Martin", "par le ou la jeune".
fn how_they_came(place: &PlaceRecord, standing: Standing) -> String {
    let promoted =
        standing == Standing::Registered && place.registered_at != Some(place.requested_at);
    if promoted {
        return "depuis la liste d'attente".to_owned();
    }
    match place.method {
        EnrolmentMethod::ByStaff => format!(
            "par {}",
            place.enrolled_by.as_deref().unwrap_or("un conseiller")
        ),
        _ => "par le ou la jeune".to_owned(),
    }
}

/// One event of the roster's history, as a sentence: "Inès Benali : inscrit·e (n° 2) par
/// Ingrid Martin — « absente deux fois »".
pub fn history_sentence(
    youth_name: &str,
    kind: EnrolmentEventKind,
    method: EnrolmentMethod,
    actor_name: Option<&str>,
    reason: Option<&str>,
    position: Option<i32>,
) -> String {
    let by = match (method, actor_name) {
        (EnrolmentMethod::Automatic, _) => " (automatique)".to_owned(),
        (EnrolmentMethod::ByStaff, Some(name)) => format!(" par {name}"),
        _ => String::new(),
    };
    let reason = reason
        .map(|reason| format!(" — « {reason} »"))
        .unwrap_or_default();
    let position = position
        .map(|position| format!(" (n° {position})"))
        .unwrap_or_default();
    format!("{youth_name} : {}{position}{by}{reason}", kind.label())
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, TimeZone};

    use super::*;

    fn at(minutes: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2027, 3, 1, 9, 0, 0).unwrap() + Duration::minutes(minutes)
    }

    fn place(youth: i32, status: EnrolmentStatus) -> PlaceRecord {
        PlaceRecord {
            youth_id: PersonId::new(youth),
            status,
            method: EnrolmentMethod::ByYouth,
            enrolled_by: None,
            requested_at: at(youth.into()),
            registered_at: (status == EnrolmentStatus::Registered).then(|| at(youth.into())),
        }
    }

    fn everyone(youth: PersonId) -> Option<SeenYouth> {
        Some(SeenYouth {
            name: format!("Jeune {youth}"),
            may_remove: true,
        })
    }

    use EnrolmentStatus::{Registered, Waiting};

    #[test]
    fn the_waiting_list_is_numbered_in_ticket_order() {
        let places = [
            place(1, Registered),
            place(2, Waiting),
            place(3, Registered),
            place(4, Waiting),
        ];
        let lines = roster_lines(&places, everyone);
        assert_eq!((lines.registered_count, lines.waiting_count), (2, 2));
        let waiting: Vec<_> = lines
            .waiting
            .iter()
            .map(|line| (line.youth_id.get(), line.standing))
            .collect();
        assert_eq!(
            waiting,
            [
                (2, Standing::Waiting { position: 1 }),
                (4, Standing::Waiting { position: 2 })
            ]
        );
        assert_eq!(lines.registered.len(), 2);
    }

    #[test]
    fn youths_the_actor_may_not_see_are_counted_not_named() {
        let places = [
            place(1, Registered),
            place(2, Registered),
            place(3, Waiting),
            place(4, Waiting),
        ];
        let only_even = |youth: PersonId| (youth.get() % 2 == 0).then(|| everyone(youth)).flatten();
        let lines = roster_lines(&places, only_even);
        assert_eq!((lines.registered_count, lines.waiting_count), (2, 2));
        assert_eq!(
            lines
                .registered
                .iter()
                .map(|l| l.youth_id.get())
                .collect::<Vec<_>>(),
            [2]
        );
        // Youth 4 is still second in line, though youth 3 is hidden.
        assert_eq!(lines.waiting[0].standing, Standing::Waiting { position: 2 });
    }

    #[test]
    fn each_line_says_how_the_youth_came() {
        let by_staff = PlaceRecord {
            method: EnrolmentMethod::ByStaff,
            enrolled_by: Some("Ingrid Martin".into()),
            ..place(1, Registered)
        };
        let by_unknown_staff = PlaceRecord {
            enrolled_by: None,
            ..by_staff.clone()
        };
        let promoted = PlaceRecord {
            registered_at: Some(at(90)),
            ..place(2, Registered)
        };
        let waiting_by_staff = PlaceRecord {
            method: EnrolmentMethod::ByStaff,
            enrolled_by: Some("Ingrid Martin".into()),
            ..place(4, Waiting)
        };
        let places = [
            by_staff,
            by_unknown_staff,
            promoted,
            place(3, Registered),
            waiting_by_staff,
        ];
        let lines = roster_lines(&places, everyone);
        let how: Vec<&str> = lines
            .registered
            .iter()
            .map(|line| line.how.as_str())
            .collect();
        assert_eq!(
            how,
            [
                "par Ingrid Martin",
                "par un conseiller",
                "depuis la liste d'attente",
                "par le ou la jeune"
            ]
        );
        assert_eq!(lines.waiting[0].how, "par Ingrid Martin");
        // Since: the place, or the request while waiting.
        assert_eq!(lines.registered[2].since, at(90));
        assert_eq!(lines.waiting[0].since, at(4));
    }

    #[test]
    fn a_youth_stands_where_their_ticket_puts_them() {
        let places = [place(1, Waiting), place(2, Registered), place(3, Waiting)];
        assert_eq!(
            standing_in(&places, PersonId::new(2)),
            Some(Standing::Registered)
        );
        assert_eq!(
            standing_in(&places, PersonId::new(3)),
            Some(Standing::Waiting { position: 2 })
        );
        assert_eq!(
            standing_in(&places, PersonId::new(1)),
            Some(Standing::Waiting { position: 1 })
        );
        assert_eq!(standing_in(&places, PersonId::new(9)), None);
    }

    #[test]
    fn history_sentences_name_who_and_why() {
        let registered = EnrolmentEventKind::Registered;
        let staff = history_sentence(
            "Inès Benali",
            registered,
            EnrolmentMethod::ByStaff,
            Some("Ingrid Martin"),
            Some("oubli"),
            Some(2),
        );
        assert_eq!(
            staff,
            format!(
                "Inès Benali : {} (n° 2) par Ingrid Martin — « oubli »",
                registered.label()
            )
        );
        let automatic = history_sentence(
            "Inès Benali",
            registered,
            EnrolmentMethod::Automatic,
            None,
            None,
            None,
        );
        assert_eq!(
            automatic,
            format!("Inès Benali : {} (automatique)", registered.label())
        );
        let own = history_sentence(
            "Inès Benali",
            registered,
            EnrolmentMethod::ByYouth,
            None,
            None,
            None,
        );
        assert_eq!(own, format!("Inès Benali : {}", registered.label()));
    }
}
