//! SMTP to a relay in plain text, on one kept connection with TCP_NODELAY.
//!
//! lettre 0.11.23 writes a message's body and its closing `\r\n.\r\n` in two writes on a socket
//! with Nagle's algorithm on: the second waits for the relay to acknowledge the first, which a
//! Linux peer delays by 40 ms. Every message cost ~43 ms, so the outbox sent ~23 a second, one
//! connection at a time (docs/benchmarks.md). lettre has since set TCP_NODELAY upstream (PR
//! #1159), not yet released; until then this connection does it, for the relays reached in
//! plain text (`smtp://host:port`, no TLS, no credentials). TLS and authenticated relays keep
//! lettre's pooled transport.
//!
//! One message at a time, as the outbox sends them: the crash window stays one message. An idle
//! connection is tested (NOOP) before it is used again; any error drops it, and the next message
//! connects afresh.

use std::time::Duration;

use lettre::address::Envelope;
use lettre::transport::smtp::client::AsyncSmtpConnection;
use lettre::transport::smtp::extension::ClientId;
use tokio::net::TcpStream;
use tokio::sync::Mutex;

use super::MailError;

/// How long connecting, or sending one message, may take before the attempt fails.
const TIMEOUT: Duration = Duration::from_secs(60);
/// How long a kept connection may take to answer NOOP before it is replaced.
const NOOP_TIMEOUT: Duration = Duration::from_secs(10);

pub struct PlainRelay {
    /// `host:port`.
    address: String,
    connection: Mutex<Option<AsyncSmtpConnection>>,
    noop_timeout: Duration,
}

impl PlainRelay {
    /// The relay of `url` when it is reached in plain text without credentials; `None` for
    /// anything else (TLS, STARTTLS, credentials), which lettre's transport handles.
    pub fn from_url(url: &str) -> Option<PlainRelay> {
        let url = url::Url::parse(url).ok()?;
        if url.scheme() != "smtp"
            || !url.username().is_empty()
            || url.password().is_some()
            || url.query_pairs().any(|(name, _)| name == "tls")
        {
            return None;
        }
        let host = url.host_str()?;
        Some(PlainRelay {
            address: format!("{host}:{}", url.port().unwrap_or(25)),
            connection: Mutex::new(None),
            noop_timeout: NOOP_TIMEOUT,
        })
    }

    /// Sends one message; on any error the connection is dropped (the outbox tries again later).
    pub async fn send(&self, envelope: &Envelope, content: &[u8]) -> Result<(), MailError> {
        let mut kept = self.connection.lock().await;
        let reusable = match kept.take() {
            Some(mut connection) if !connection.has_broken() => {
                // A relay gone without closing (a dropped link) must not hold the outbox.
                tokio::time::timeout(self.noop_timeout, connection.test_connected())
                    .await
                    .unwrap_or(false)
                    .then_some(connection)
            }
            _ => None,
        };
        let mut connection = match reusable {
            Some(connection) => connection,
            None => self.connect().await?,
        };
        match tokio::time::timeout(TIMEOUT, connection.send(envelope, content)).await {
            Ok(Ok(_)) => {
                *kept = Some(connection);
                Ok(())
            }
            Ok(Err(error)) => Err(error.into()),
            Err(_) => Err(timed_out()),
        }
    }

    async fn connect(&self) -> Result<AsyncSmtpConnection, MailError> {
        let stream = tokio::time::timeout(TIMEOUT, TcpStream::connect(&self.address))
            .await
            .map_err(|_| timed_out())?
            .map_err(MailError::Connection)?;
        stream.set_nodelay(true).map_err(MailError::Connection)?;
        let hello = ClientId::default();
        let greeting = AsyncSmtpConnection::connect_with_transport(Box::new(stream), &hello);
        Ok(tokio::time::timeout(TIMEOUT, greeting)
            .await
            .map_err(|_| timed_out())??)
    }
}

fn timed_out() -> MailError {
    MailError::Connection(std::io::Error::from(std::io::ErrorKind::TimedOut))
}

#[cfg(test)]
mod tests {
    use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
    use tokio::net::TcpListener;

    use super::*;

    #[test]
    fn only_plain_relays_without_credentials_are_taken() {
        let relay = PlainRelay::from_url("smtp://127.0.0.1:2525").expect("a plain relay");
        assert_eq!(relay.address, "127.0.0.1:2525");
        assert_eq!(
            PlainRelay::from_url("smtp://mail.example").map(|relay| relay.address),
            Some("mail.example:25".to_owned())
        );
        for lettres in [
            "smtps://mail.example:465",
            "smtp://mail.example:587?tls=required",
            "smtp://user:secret@mail.example:587",
            "not a url",
        ] {
            assert!(PlainRelay::from_url(lettres).is_none(), "{lettres}");
        }
    }

    /// A relay that takes one message per connection, then never answers NOOP: a link dropped
    /// without a FIN looks like this. Returns the address and, per connection, the messages
    /// it took.
    async fn relay_that_goes_silent() -> (String, tokio::sync::mpsc::UnboundedReceiver<usize>) {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let address = listener.local_addr().expect("address").to_string();
        let (taken, received) = tokio::sync::mpsc::unbounded_channel();
        tokio::spawn(async move {
            for connection in 0.. {
                let (stream, _) = listener.accept().await.expect("accept");
                let taken = taken.clone();
                tokio::spawn(async move {
                    let (read, mut write) = stream.into_split();
                    let mut lines = BufReader::new(read).lines();
                    write.write_all(b"220 silent ESMTP\r\n").await.ok();
                    let mut in_data = false;
                    while let Ok(Some(line)) = lines.next_line().await {
                        let reply: &[u8] = if in_data {
                            if line != "." {
                                continue;
                            }
                            in_data = false;
                            taken.send(connection).ok();
                            b"250 queued\r\n"
                        } else if line.starts_with("EHLO") {
                            b"250 silent\r\n"
                        } else if line == "DATA" {
                            in_data = true;
                            b"354 go on\r\n"
                        } else if line == "NOOP" {
                            // Silence, the connection left open.
                            std::future::pending::<()>().await;
                            unreachable!()
                        } else {
                            b"250 ok\r\n"
                        };
                        write.write_all(reply).await.ok();
                    }
                });
            }
        });
        (address, received)
    }

    #[tokio::test]
    async fn a_kept_connection_that_does_not_answer_noop_is_replaced() {
        let (address, mut taken) = relay_that_goes_silent().await;
        let relay = PlainRelay {
            address,
            connection: Mutex::new(None),
            noop_timeout: Duration::from_millis(200),
        };
        let envelope = Envelope::new(
            Some("ateliers@example.org".parse().expect("from")),
            vec!["ines@example.org".parse().expect("to")],
        )
        .expect("envelope");
        let content = b"Subject: test\r\n\r\nBonjour\r\n";

        // Without the NOOP timeout the second send waits forever; the guard turns that into
        // a failure instead of a hung test.
        let guard = Duration::from_secs(30);
        for _ in 0..2 {
            tokio::time::timeout(guard, relay.send(&envelope, content))
                .await
                .expect("the send does not hang on a silent relay")
                .expect("the message is sent");
        }
        assert_eq!(
            taken.recv().await,
            Some(0),
            "the first message, first connection"
        );
        assert_eq!(
            taken.recv().await,
            Some(1),
            "the second, on a new connection"
        );
    }
}
