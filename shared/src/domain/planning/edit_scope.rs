//! Which sessions of a series an edit or a cancellation applies to (`EditScope`), and the
//! reason given for a cancellation.

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
