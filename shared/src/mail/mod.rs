//! How mail leaves Ateliers: SMTP in production (and to the tests' SMTP sink), or a folder of
//! `.eml` files, the zero-set-up default of `make run`. Chosen by configuration; callers only
//! see [`Mailer::send`].
//!
//! `MAIL_BACKEND` is `smtp` by default, and then `SMTP_URL` is required. The folder is allowed
//! only in demo mode (`ateliers serve` refuses it otherwise): anyone reads it at `/courriels`,
//! which exists only in demo mode (`AppState::local_mail_folder`), password links included.
//! Nothing is sent from a request: the outbox sends (`services::deliver_queued_mail`).

pub mod address_change_wording;
pub mod calendar;
pub mod compose;
pub mod follow_up_wording;
mod local_folder;
pub mod redact;
pub mod session_wording;
pub mod sheet_reminder_wording;

pub use local_folder::{list_local_mail, read_local_mail, read_local_mail_file};

mod plain_relay;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use plain_relay::PlainRelay;

use lettre::address::Envelope;
use lettre::{
    Address, AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
};

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("invalid SMTP URL: {0}")]
    InvalidUrl(#[source] lettre::transport::smtp::Error),
    #[error("SMTP delivery failed: {0}")]
    Smtp(#[from] lettre::transport::smtp::Error),
    #[error("writing the mail file failed: {0}")]
    File(#[from] lettre::transport::file::Error),
    #[error("invalid envelope: {0}")]
    Envelope(String),
    #[error("SMTP connection failed: {0}")]
    Connection(#[source] std::io::Error),
}

impl MailError {
    /// Retrying will not help (the server refused the recipient, the envelope is wrong).
    pub fn is_permanent(&self) -> bool {
        match self {
            MailError::Smtp(error) => error.is_permanent(),
            MailError::Envelope(_) => true,
            MailError::InvalidUrl(_) | MailError::File(_) | MailError::Connection(_) => false,
        }
    }
}

#[derive(Clone)]
pub enum Mailer {
    /// A pooled SMTP connection; the URL carries host, port, TLS mode and credentials:
    /// `smtp://user:pass@host:587?tls=required` (STARTTLS), `smtps://host:465`.
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    /// A relay in plain text, without credentials (`smtp://host:25`: a relay on the host or the
    /// private network, the tests' sink), over one kept connection with TCP_NODELAY.
    PlainRelay(Arc<PlainRelay>),
    /// One `<id>.eml` file per message in a folder.
    Folder {
        transport: AsyncFileTransport<Tokio1Executor>,
        folder: PathBuf,
    },
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Mailer::Smtp(_) => f.write_str("Mailer::Smtp"),
            Mailer::PlainRelay(_) => f.write_str("Mailer::PlainRelay"),
            Mailer::Folder { folder, .. } => write!(f, "Mailer::Folder({})", folder.display()),
        }
    }
}

impl Mailer {
    /// Must be called inside a Tokio runtime (the pool spawns its connection reaper there).
    pub fn smtp(url: &str) -> Result<Self, MailError> {
        if let Some(relay) = PlainRelay::from_url(url) {
            return Ok(Mailer::PlainRelay(Arc::new(relay)));
        }
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(MailError::InvalidUrl)?
            .build();
        Ok(Mailer::Smtp(transport))
    }

    /// Creates the folder if needed.
    pub fn folder(folder: impl AsRef<Path>) -> std::io::Result<Self> {
        let folder = folder.as_ref().to_path_buf();
        std::fs::create_dir_all(&folder)?;
        Ok(Mailer::Folder {
            transport: AsyncFileTransport::new(&folder),
            folder,
        })
    }

    /// The folder the messages are written to, when this mailer writes files.
    pub fn local_folder(&self) -> Option<&Path> {
        match self {
            Mailer::Smtp(_) | Mailer::PlainRelay(_) => None,
            Mailer::Folder { folder, .. } => Some(folder),
        }
    }

    /// Sends an already formatted message (what the outbox stores) to `to`.
    pub async fn send_raw(&self, from: &str, to: &[&str], content: &[u8]) -> Result<(), MailError> {
        let parse = |address: &str| {
            address
                .trim()
                .parse::<Address>()
                .map_err(|error| MailError::Envelope(format!("{address}: {error}")))
        };
        let recipients = to
            .iter()
            .map(|address| parse(address))
            .collect::<Result<Vec<_>, _>>()?;
        let envelope = Envelope::new(Some(parse(from)?), recipients)
            .map_err(|error| MailError::Envelope(error.to_string()))?;
        match self {
            Mailer::Smtp(transport) => {
                transport.send_raw(&envelope, content).await?;
            }
            Mailer::PlainRelay(relay) => relay.send(&envelope, content).await?,
            Mailer::Folder { transport, .. } => {
                transport.send_raw(&envelope, content).await?;
            }
        }
        Ok(())
    }

    pub async fn send(&self, message: &Message) -> Result<(), MailError> {
        match self {
            Mailer::Smtp(transport) => {
                transport.send(message.clone()).await?;
            }
            Mailer::PlainRelay(relay) => {
                relay.send(message.envelope(), &message.formatted()).await?;
            }
            Mailer::Folder { transport, .. } => {
                transport.send(message.clone()).await?;
            }
        }
        Ok(())
    }
}

/// `text` with every word that holds an `@` (an email address, however bracketed) masked: for
/// the logs, where an SMTP server's answer (« 550 <ines@exemple.fr>: unknown user ») must not
/// bring an address.
pub fn without_email_addresses(text: &str) -> String {
    text.split_inclusive(char::is_whitespace)
        .map(|word| {
            if word.contains('@') {
                let trailing: String = word.chars().filter(|c| c.is_whitespace()).collect();
                format!("<adresse masquée>{trailing}")
            } else {
                word.to_owned()
            }
        })
        .collect()
}

#[cfg(test)]
mod redaction_tests {
    use super::without_email_addresses;

    #[test]
    fn addresses_are_masked_and_the_rest_kept() {
        assert_eq!(
            without_email_addresses("permanent error (550): 5.1.1 <ines@exemple.fr>: unknown user"),
            "permanent error (550): 5.1.1 <adresse masquée> unknown user"
        );
        assert_eq!(
            without_email_addresses("connection refused"),
            "connection refused"
        );
    }
}
