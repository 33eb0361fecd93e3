//! Where the SMPP gateway is and how hard to push it, read from `SMS_URL` and `SMS_SENDER`.

use std::time::Duration;

/// How to reach the operator's SMSC and how hard to push it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SmppSettings {
    /// `host:port` of the SMSC.
    pub address: String,
    pub system_id: String,
    pub password: String,
    /// The sender the phone shows: up to 11 letters and digits (`ATELIERS93`), or a number.
    pub sender: String,
    /// Segments sent and not yet answered, at most (SMPP's window).
    pub window: usize,
    /// Segments sent per second, at most (what the contract with the operator allows).
    pub per_second: u32,
    /// How often an idle link is checked (`enquire_link`); a check left unanswered until the
    /// next one drops the link and binds again.
    pub enquire_every: Duration,
    /// How long a segment waits for the SMSC's answer before it is retried later.
    pub answer_within: Duration,
}

/// Why `SMS_URL` or `SMS_SENDER` cannot be used; said at start, before anything is sent.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SmppSettingsError {
    #[error("SMS_URL must look like smpp://SYSTEM_ID:PASSWORD@HOST:PORT (got {0})")]
    NotSmpp(String),
    #[error("SMS_URL has an unknown setting {0}; known: window, rate, enquire_seconds")]
    UnknownSetting(String),
    #[error("SMS_URL's {0} must be a whole number above 0")]
    NotANumber(&'static str),
    #[error(
        "SMS_SENDER must be 1 to 11 letters or digits, or a number of up to 15 digits (got {0:?})"
    )]
    Sender(String),
    #[error(
        "SMS_URL's system id is at most 15 characters and its password at most 8, as SMPP allows"
    )]
    TooLong,
}

impl SmppSettings {
    /// Reads `smpp://SYSTEM_ID:PASSWORD@HOST:PORT?window=10&rate=50&enquire_seconds=30`
    /// (the query is optional) and the sender the phones will show.
    pub fn from_url(url: &str, sender: &str) -> Result<Self, SmppSettingsError> {
        let redacted = || redact(url);
        let parsed = url::Url::parse(url).map_err(|_| SmppSettingsError::NotSmpp(redacted()))?;
        let (Some(host), Some(port)) = (parsed.host_str(), parsed.port()) else {
            return Err(SmppSettingsError::NotSmpp(redacted()));
        };
        if parsed.scheme() != "smpp" || parsed.username().is_empty() {
            return Err(SmppSettingsError::NotSmpp(redacted()));
        }
        let decode = |part: &str| {
            percent_encoding::percent_decode_str(part)
                .decode_utf8_lossy()
                .into_owned()
        };
        let mut settings = Self {
            address: format!("{host}:{port}"),
            system_id: decode(parsed.username()),
            password: decode(parsed.password().unwrap_or_default()),
            sender: parse_sender(sender)?,
            window: 10,
            per_second: 50,
            enquire_every: Duration::from_secs(30),
            answer_within: Duration::from_secs(20),
        };
        if settings.system_id.len() > 15 || settings.password.len() > 8 {
            return Err(SmppSettingsError::TooLong);
        }
        for (name, value) in parsed.query_pairs() {
            match name.as_ref() {
                "window" => settings.window = positive(&value, "window")?,
                "rate" => settings.per_second = positive(&value, "rate")?,
                "enquire_seconds" => {
                    settings.enquire_every =
                        Duration::from_secs(positive(&value, "enquire_seconds")?);
                }
                other => return Err(SmppSettingsError::UnknownSetting(other.to_owned())),
            }
        }
        Ok(settings)
    }
}

fn positive<T: std::str::FromStr + PartialOrd + Default>(
    value: &str,
    name: &'static str,
) -> Result<T, SmppSettingsError> {
    value
        .parse::<T>()
        .ok()
        .filter(|number| *number > T::default())
        .ok_or(SmppSettingsError::NotANumber(name))
}

fn parse_sender(sender: &str) -> Result<String, SmppSettingsError> {
    let sender = sender.trim();
    let alphanumeric = (1..=11).contains(&sender.len())
        && sender.chars().all(|c| c.is_ascii_alphanumeric())
        && sender.chars().any(|c| c.is_ascii_alphabetic());
    let number = (1..=15).contains(&sender.len()) && sender.chars().all(|c| c.is_ascii_digit());
    if alphanumeric || number {
        Ok(sender.to_owned())
    } else {
        Err(SmppSettingsError::Sender(sender.to_owned()))
    }
}

/// The URL as it may be logged: without its password.
fn redact(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) if parsed.password().is_some() => {
            let _ = parsed.set_password(Some("***"));
            parsed.to_string()
        }
        Ok(parsed) => parsed.to_string(),
        Err(_) => "(not a URL)".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_url_gives_the_gateway_and_its_limits() {
        let settings = SmppSettings::from_url(
            "smpp://ateliers:s%40cret@smsc.example.org:2775?window=4&rate=20",
            "ATELIERS93",
        )
        .expect("valid");
        assert_eq!(settings.address, "smsc.example.org:2775");
        assert_eq!(settings.system_id, "ateliers");
        assert_eq!(settings.password, "s@cret");
        assert_eq!((settings.window, settings.per_second), (4, 20));
        assert_eq!(settings.sender, "ATELIERS93");
    }

    #[test]
    fn a_wrong_url_is_refused_without_showing_its_password() {
        let refused =
            SmppSettings::from_url("smtp://id:hunter2@host:25", "ATELIERS").expect_err("not smpp");
        assert!(!refused.to_string().contains("hunter2"), "{refused}");
        assert_eq!(
            SmppSettings::from_url("smpp://id:pw@host:2775?window=0", "ATELIERS"),
            Err(SmppSettingsError::NotANumber("window"))
        );
        assert_eq!(
            SmppSettings::from_url("smpp://id:pw@host:2775?speed=3", "ATELIERS"),
            Err(SmppSettingsError::UnknownSetting("speed".to_owned()))
        );
    }

    #[test]
    fn the_sender_is_what_operators_accept() {
        for refused in ["", "ATELIERS 93", "MISSIONLOCALE93", "Crèche"] {
            assert!(parse_sender(refused).is_err(), "{refused:?}");
        }
        for accepted in ["ATELIERS93", "38100", "33612345678"] {
            assert!(parse_sender(accepted).is_ok(), "{accepted:?}");
        }
    }
}
