//! The health of the service as the « État du service » page and `/metrics` show it: the mail
//! outbox (waiting, the oldest waiting, set aside, sent) and the activity it carries (places
//! taken and given up, reminders). Read from the database, so every instance shows the same
//! federation-wide numbers. `MailFlow` calls mail late once the oldest message waiting has
//! waited over 15 minutes.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::EnrolmentEventKind;

/// Past this wait the oldest message waiting means mail is not flowing: the dispatcher passes
/// every few seconds and retries a failed message after 30 s, then longer.
pub const MAIL_LATE_AFTER: Duration = Duration::minutes(15);

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ServiceHealth {
    pub at: DateTime<Utc>,
    /// Messages not sent yet and not set aside.
    pub mail_waiting: u64,
    /// When the oldest of them was queued.
    pub oldest_waiting_since: Option<DateTime<Utc>>,
    /// Messages set aside after a refusal or too many tries, waiting for a person.
    pub mail_set_aside: u64,
    pub mail_sent_total: u64,
    pub mail_sent_last_day: u64,
    pub last_mail_sent_at: Option<DateTime<Utc>>,
    /// One line per kind of change of places, every kind present.
    pub enrolment_events: Vec<ActivityCount>,
    pub reminders_total: u64,
    pub reminders_last_week: u64,
    /// SMS not sent yet and not set aside (they wait for the gateway).
    pub sms_waiting: u64,
    /// SMS set aside (refused, too many tries, STOP), sign-in codes apart.
    pub sms_set_aside: u64,
    /// Segments sent since the first of this month (Paris): what the operator will bill.
    pub sms_segments_this_month: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityCount {
    pub kind: EnrolmentEventKind,
    pub total: u64,
    pub last_week: u64,
}

/// Whether mail leaves: what the page says first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MailFlow {
    /// Nothing waits longer than [`MAIL_LATE_AFTER`].
    Flowing,
    /// The oldest message has waited this long.
    Late(Duration),
}

impl ServiceHealth {
    /// How long the oldest waiting message has waited.
    pub fn oldest_waiting_age(&self) -> Option<Duration> {
        self.oldest_waiting_since
            .map(|since| (self.at - since).max(Duration::zero()))
    }

    pub fn mail_flow(&self) -> MailFlow {
        match self.oldest_waiting_age() {
            Some(age) if age > MAIL_LATE_AFTER => MailFlow::Late(age),
            _ => MailFlow::Flowing,
        }
    }

    pub fn enrolment_count(&self, kind: EnrolmentEventKind) -> ActivityCount {
        self.enrolment_events
            .iter()
            .copied()
            .find(|count| count.kind == kind)
            .unwrap_or(ActivityCount {
                kind,
                total: 0,
                last_week: 0,
            })
    }
}

/// « 3 h 05 », « 12 min », « 40 s »: a wait, for the page.
pub fn format_wait(wait: Duration) -> String {
    let seconds = wait.num_seconds().max(0);
    match seconds {
        0..60 => format!("{seconds} s"),
        60..3600 => format!("{} min", seconds / 60),
        3600..86_400 => format!("{} h {:02}", seconds / 3600, seconds % 3600 / 60),
        _ => {
            let days = seconds / 86_400;
            format!("{days} jour{}", if days > 1 { "s" } else { "" })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn health(oldest_waiting: Option<Duration>) -> ServiceHealth {
        let at = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        ServiceHealth {
            at,
            mail_waiting: u64::from(oldest_waiting.is_some()),
            oldest_waiting_since: oldest_waiting.map(|age| at - age),
            mail_set_aside: 0,
            mail_sent_total: 0,
            mail_sent_last_day: 0,
            last_mail_sent_at: None,
            enrolment_events: vec![],
            reminders_total: 0,
            reminders_last_week: 0,
            sms_waiting: 0,
            sms_set_aside: 0,
            sms_segments_this_month: 0,
        }
    }

    #[test]
    fn mail_is_late_once_a_message_waits_over_a_quarter_of_an_hour() {
        assert_eq!(health(None).mail_flow(), MailFlow::Flowing);
        assert_eq!(
            health(Some(Duration::minutes(15))).mail_flow(),
            MailFlow::Flowing
        );
        assert_eq!(
            health(Some(Duration::minutes(16))).mail_flow(),
            MailFlow::Late(Duration::minutes(16))
        );
    }

    #[test]
    fn a_message_queued_after_the_reading_has_not_waited() {
        assert_eq!(
            health(Some(Duration::seconds(-5))).oldest_waiting_age(),
            Some(Duration::zero())
        );
    }

    #[test]
    fn waits_read_as_a_person_says_them() {
        assert_eq!(format_wait(Duration::seconds(40)), "40 s");
        assert_eq!(format_wait(Duration::seconds(12 * 60 + 59)), "12 min");
        assert_eq!(format_wait(Duration::minutes(185)), "3 h 05");
        assert_eq!(format_wait(Duration::days(2)), "2 jours");
        assert_eq!(format_wait(Duration::hours(30)), "1 jour");
    }

    #[test]
    fn a_kind_nobody_did_counts_zero() {
        let count = health(None).enrolment_count(EnrolmentEventKind::Promoted);
        assert_eq!((count.total, count.last_week), (0, 0));
    }
}
