//! Double bookings: a room, a counsellor or a facilitator cannot be in two sessions at once.
//! Times are half-open (`[start, end)`): a session ending at 12:00 and the next starting at
//! 12:00 do not clash. The refusal names the other session (`clash_message`). The services
//! compare with every session not cancelled (`planning::session_records::check_no_double_booking`).
//! Property-tested.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{SessionId, format_session_date, format_session_hours};

/// A session already holding a room or a person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Booking {
    pub session_id: SessionId,
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
}

/// Whether `[a_start, a_end)` and `[b_start, b_end)` share an instant.
pub fn overlaps(
    a_start: DateTime<Utc>,
    a_end: DateTime<Utc>,
    b_start: DateTime<Utc>,
    b_end: DateTime<Utc>,
) -> bool {
    a_start < b_end && b_start < a_end
}

/// The first booking (by start) that clashes with `[starts_at, ends_at)`, other than the
/// session being edited (`except`).
pub fn first_clash(
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    except: Option<SessionId>,
    bookings: &[Booking],
) -> Option<&Booking> {
    bookings
        .iter()
        .filter(|booking| Some(booking.session_id) != except)
        .filter(|booking| overlaps(starts_at, ends_at, booking.starts_at, booking.ends_at))
        .min_by_key(|booking| (booking.starts_at, booking.session_id))
}

/// "La salle Louise Michel est déjà prise par « Réussir son CV » le mardi 15 décembre 2026,
/// 9 h 30 – 12 h 00." `who_or_what` names the room or the person, capitalised.
pub fn clash_message(who_or_what: &str, verb: &str, other: &Booking) -> String {
    format!(
        "{who_or_what} {verb} par « {} » le {}, {}.",
        other.title,
        format_session_date(other.starts_at),
        format_session_hours(other.starts_at, other.ends_at)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};
    use proptest::prelude::*;

    fn at(hour: u32, minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 15, hour, minute, 0).unwrap()
    }

    fn booking(id: i32, start: DateTime<Utc>, end: DateTime<Utc>) -> Booking {
        Booking {
            session_id: SessionId::new(id),
            title: "Réussir son CV".into(),
            starts_at: start,
            ends_at: end,
        }
    }

    #[test]
    fn back_to_back_sessions_do_not_clash_overlapping_ones_do() {
        let morning = [booking(1, at(8, 30), at(11, 0))];
        assert_eq!(first_clash(at(11, 0), at(13, 0), None, &morning), None);
        assert_eq!(first_clash(at(7, 0), at(8, 30), None, &morning), None);
        assert_eq!(
            first_clash(at(10, 59), at(13, 0), None, &morning).map(|b| b.session_id),
            Some(SessionId::new(1))
        );
        assert_eq!(
            first_clash(at(9, 0), at(10, 0), Some(SessionId::new(1)), &morning),
            None,
            "a session does not clash with itself when edited"
        );
    }

    #[test]
    fn the_message_names_the_other_session_in_french() {
        let other = booking(7, at(8, 30), at(11, 0));
        assert_eq!(
            clash_message("La salle Louise Michel", "est déjà prise", &other),
            "La salle Louise Michel est déjà prise par « Réussir son CV » le mardi 15 décembre 2026, 9 h 30 – 12 h 00."
        );
    }

    proptest! {
        #[test]
        fn overlap_is_symmetric_and_touching_is_not_overlapping(
            a in 0i64..1000, a_len in 1i64..300, b in 0i64..1000, b_len in 1i64..300,
        ) {
            let start = at(0, 0);
            let (a_start, b_start) = (start + Duration::minutes(a), start + Duration::minutes(b));
            let (a_end, b_end) = (a_start + Duration::minutes(a_len), b_start + Duration::minutes(b_len));
            prop_assert_eq!(
                overlaps(a_start, a_end, b_start, b_end),
                overlaps(b_start, b_end, a_start, a_end)
            );
            prop_assert!(!overlaps(a_start, a_end, a_end, a_end + Duration::minutes(b_len)));
            prop_assert!(overlaps(a_start, a_end, a_start, a_start + Duration::minutes(b_len)));
        }
    }
}
