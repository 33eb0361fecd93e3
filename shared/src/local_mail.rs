//! What the local mail page shows of a message written to the mail folder (`make run`).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalMailSummary {
    /// The file name without `.eml`: letters, digits and dashes only.
    pub id: String,
    pub date: Option<DateTime<Utc>>,
    pub from: String,
    pub to: String,
    pub subject: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalMailMessage {
    pub summary: LocalMailSummary,
    pub text_body: String,
    /// MIME types of every part, in order (e.g. `text/calendar`), to see an invitation at a glance.
    pub parts: Vec<String>,
    /// The calendar invitation inline in the message (`text/calendar`), as sent.
    pub calendar: Option<String>,
}

/// An SMS written to the demo's SMS folder (`make run` without an SMPP gateway), as the local
/// mail page lists it beside the mail.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalSms {
    /// The file name without `.txt` (`0007`).
    pub id: String,
    pub written_at: Option<DateTime<Utc>>,
    /// The number as sent, in E.164.
    pub to: String,
    /// « GSM 03.38 » or « UCS-2 ».
    pub encoding: String,
    pub segments: u32,
    pub text: String,
}

/// Accepts only ids the mail folder can contain, so a crafted id cannot leave the folder.
pub fn parse_local_mail_id(id: &str) -> Option<&str> {
    let valid = !id.is_empty()
        && id.len() <= 64
        && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    valid.then_some(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_that_could_leave_the_folder_are_refused() {
        assert_eq!(parse_local_mail_id("2b1c-44aa"), Some("2b1c-44aa"));
        for bad in ["", "../secret", "a/b", "a.eml", "..", "a b"] {
            assert_eq!(parse_local_mail_id(bad), None, "{bad}");
        }
    }
}
