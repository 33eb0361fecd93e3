//! Which way a youth hears about their sessions: by email, by SMS, or both.
//!
//! The youth chooses on their page. Until they do, they hear by whatever they have (both when
//! both). A choice that cannot be honoured (SMS without a mobile, email without an address)
//! falls back to what can, so that nobody misses a session because of a setting. A youth who
//! answered STOP gets no SMS at all, whatever else is set. Staff never get SMS.

use serde::{Deserialize, Serialize};

super::super::stored_as_code! {
    /// The youth's choice, stored on their file.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum NoticeChannel {
        Email,
        Sms,
        Both,
    }
}

impl NoticeChannel {
    pub const ALL: [Self; 3] = [Self::Email, Self::Sms, Self::Both];

    pub fn code(self) -> &'static str {
        match self {
            Self::Email => "email",
            Self::Sms => "sms",
            Self::Both => "both",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|channel| channel.code() == code)
    }

    /// The choice as the youth's page offers it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Email => "Par e-mail",
            Self::Sms => "Par SMS",
            Self::Both => "Par e-mail et par SMS",
        }
    }
}

/// Where a youth's next notice goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeChannels {
    pub email: bool,
    pub sms: bool,
}

impl NoticeChannels {
    /// `chosen`: the youth's choice, if any; `has_email`: an address on file; `has_mobile`: a
    /// mobile number on file; `stopped`: they answered STOP.
    pub fn for_youth(
        chosen: Option<NoticeChannel>,
        has_email: bool,
        has_mobile: bool,
        stopped: bool,
    ) -> Self {
        let can_sms = has_mobile && !stopped;
        let (wants_email, wants_sms) = match chosen {
            None | Some(NoticeChannel::Both) => (true, true),
            Some(NoticeChannel::Email) => (true, false),
            Some(NoticeChannel::Sms) => (false, true),
        };
        let email = has_email && (wants_email || !can_sms);
        let sms = can_sms && (wants_sms || !has_email);
        Self { email, sms }
    }

    /// Staff and facilitators: mail only.
    pub fn mail_only(has_email: bool) -> Self {
        Self {
            email: has_email,
            sms: false,
        }
    }
}

/// What a youth's page shows of how they hear from us.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeSettings {
    pub chosen: Option<NoticeChannel>,
    pub email: Option<String>,
    /// Their mobile, the French way; none when they have only a landline or no number.
    pub mobile: Option<String>,
    /// They answered STOP.
    pub stopped: bool,
    /// Where the next notice goes.
    pub channels: NoticeChannels,
}

/// Whether an answer to one of our SMS asks us to stop: `STOP`, `Stop SMS`, `ARRET`, `arrêt`
/// (the words French operators recognise), whatever the case and spacing.
pub fn is_stop_request(answer: &str) -> bool {
    let first_word: String = answer
        .trim()
        .split(|c: char| c.is_whitespace() || c.is_ascii_punctuation())
        .next()
        .unwrap_or_default()
        .to_uppercase();
    matches!(first_word.as_str(), "STOP" | "ARRET" | "ARRÊT" | "STOPSMS")
}

#[cfg(test)]
mod tests {
    use super::*;

    const EMAIL: NoticeChannels = NoticeChannels {
        email: true,
        sms: false,
    };
    const SMS: NoticeChannels = NoticeChannels {
        email: false,
        sms: true,
    };
    const BOTH: NoticeChannels = NoticeChannels {
        email: true,
        sms: true,
    };
    const NONE: NoticeChannels = NoticeChannels {
        email: false,
        sms: false,
    };

    #[test]
    fn without_a_choice_youths_hear_by_whatever_they_have() {
        assert_eq!(NoticeChannels::for_youth(None, true, true, false), BOTH);
        assert_eq!(NoticeChannels::for_youth(None, true, false, false), EMAIL);
        assert_eq!(NoticeChannels::for_youth(None, false, true, false), SMS);
        assert_eq!(NoticeChannels::for_youth(None, false, false, false), NONE);
    }

    #[test]
    fn a_choice_is_honoured_when_it_can_be() {
        let email = Some(NoticeChannel::Email);
        let sms = Some(NoticeChannel::Sms);
        assert_eq!(NoticeChannels::for_youth(email, true, true, false), EMAIL);
        assert_eq!(NoticeChannels::for_youth(sms, true, true, false), SMS);
        let both = Some(NoticeChannel::Both);
        assert_eq!(NoticeChannels::for_youth(both, true, true, false), BOTH);
    }

    #[test]
    fn a_choice_that_cannot_be_honoured_falls_back_rather_than_silence() {
        let sms = Some(NoticeChannel::Sms);
        assert_eq!(NoticeChannels::for_youth(sms, true, false, false), EMAIL);
        let email = Some(NoticeChannel::Email);
        assert_eq!(NoticeChannels::for_youth(email, false, true, false), SMS);
    }

    #[test]
    fn stop_ends_every_sms() {
        for chosen in [None, Some(NoticeChannel::Sms), Some(NoticeChannel::Both)] {
            assert_eq!(NoticeChannels::for_youth(chosen, true, true, true), EMAIL);
            assert_eq!(NoticeChannels::for_youth(chosen, false, true, true), NONE);
        }
    }

    #[test]
    fn stop_is_heard_however_it_is_typed() {
        for stop in [
            "STOP", "stop", " Stop ", "STOP SMS", "Stop.", "arrêt", "ARRET",
        ] {
            assert!(is_stop_request(stop), "{stop}");
        }
        for not_stop in ["Merci !", "Je ne peux pas venir", "stopper", "OK", ""] {
            assert!(!is_stop_request(not_stop), "{not_stop}");
        }
    }

    #[test]
    fn codes_read_back() {
        for channel in NoticeChannel::ALL {
            assert_eq!(NoticeChannel::parse(channel.code()), Some(channel));
        }
        assert_eq!(NoticeChannel::parse("fax"), None);
    }
}
