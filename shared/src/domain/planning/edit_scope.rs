//! Which sessions of a series an edit or a cancellation applies to (`EditScope`), and the
//! reason given for a cancellation.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::{InvalidInput, one_line};

/// Which sessions of a series an edit or a cancellation applies to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EditScope {
    ThisSession,
    ThisAndFollowing,
    WholeSeries,
}

impl EditScope {
    pub fn parse(code: &str) -> EditScope {
        match code {
            "this_and_following" => EditScope::ThisAndFollowing,
            "whole_series" => EditScope::WholeSeries,
            _ => EditScope::ThisSession,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            EditScope::ThisSession => "this_session",
            EditScope::ThisAndFollowing => "this_and_following",
            EditScope::WholeSeries => "whole_series",
        }
    }

    /// For a session of a series, the earliest start of the sessions the edit touches, those
    /// not cancelled from then on; `None` when it touches the edited session alone. Never
    /// before `now`: a session that has started is evidence and stays as it was.
    pub fn series_from(
        self,
        edited_starts_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Option<DateTime<Utc>> {
        match self {
            EditScope::ThisSession => None,
            EditScope::ThisAndFollowing => Some(edited_starts_at.max(now)),
            EditScope::WholeSeries => Some(now),
        }
    }
}

/// Why a session is cancelled, as the counsellor typed it: the youths read it.
pub fn parse_cancellation_reason(text: &str) -> Result<String, InvalidInput> {
    let reason = one_line(text);
    if reason.chars().count() < 5 || reason.chars().count() > 500 {
        return Err(InvalidInput::new(
            "reason",
            "Expliquez en quelques mots pourquoi la séance est annulée (les jeunes inscrits le liront).",
        ));
    }
    Ok(reason)
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, TimeZone};

    use super::*;

    #[test]
    fn the_scope_says_from_when_the_series_is_touched() {
        let now = Utc.with_ymd_and_hms(2027, 3, 1, 8, 0, 0).unwrap();
        let edited = now + Duration::weeks(2);
        assert_eq!(EditScope::ThisSession.series_from(edited, now), None);
        assert_eq!(
            EditScope::ThisAndFollowing.series_from(edited, now),
            Some(edited)
        );
        // The whole series means the sessions still to come, not the past ones.
        assert_eq!(EditScope::WholeSeries.series_from(edited, now), Some(now));
        for scope in [
            EditScope::ThisSession,
            EditScope::ThisAndFollowing,
            EditScope::WholeSeries,
        ] {
            assert_eq!(EditScope::parse(scope.code()), scope);
        }
        assert_eq!(EditScope::parse("anything"), EditScope::ThisSession);
    }
}
