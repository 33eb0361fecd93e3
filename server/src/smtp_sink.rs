//! A real SMTP server that keeps what it receives: tests start it on a loopback port, point the
//! mailer at it and read the messages back, so mail is tested over TCP end to end. It speaks the
//! subset of RFC 5321 that mail clients and lettre use (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP,
//! QUIT) and accepts every message, except for recipients `unknown-mailbox@…`, refused with a
//! permanent 550 as an unknown mailbox would be.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Notify;
use tokio::task::JoinHandle;

/// One message as the sink received it.
#[derive(Clone, Debug)]
pub struct ReceivedMail {
    pub envelope_from: String,
    pub envelope_to: Vec<String>,
    /// The message as sent (headers and body), dot-unstuffed, CRLF line ends.
    pub raw: String,
}

#[derive(Default)]
struct Inbox {
    messages: Mutex<Vec<ReceivedMail>>,
    arrived: Notify,
    /// Number the `.eml` files after those already in the folder (a restarted sink).
    first_number: usize,
    /// A test holds the answer to this message (1 for the first) until released.
    hold_reply_to: Mutex<Option<usize>>,
    held: Arc<Notify>,
    released: Notify,
}

pub struct SmtpSink {
    address: SocketAddr,
    inbox: Arc<Inbox>,
    task: JoinHandle<()>,
    stop: tokio::sync::watch::Sender<bool>,
    keep_in: Option<PathBuf>,
}

impl SmtpSink {
    /// Listens on a free loopback port. When `keep_in` is given, each message is also written
    /// there as `NNNN.eml`, so that a person can open it in a mail client.
    pub async fn start(keep_in: Option<PathBuf>) -> std::io::Result<Self> {
        Self::start_on(0, keep_in).await
    }

    /// Listens on `port` of the loopback (0 for any): a test restarts a sink where the app
    /// expects it, to simulate an SMTP outage and its end.
    pub async fn start_on(port: u16, keep_in: Option<PathBuf>) -> std::io::Result<Self> {
        let listener = TcpListener::bind(("127.0.0.1", port)).await?;
        if let Some(folder) = &keep_in {
            std::fs::create_dir_all(folder)?;
        }
        let address = listener.local_addr()?;
        let first_number = match &keep_in {
            Some(folder) => std::fs::read_dir(folder)?.count(),
            None => 0,
        };
        let inbox = Arc::new(Inbox {
            first_number,
            ..Inbox::default()
        });
        let (stop, stopped) = tokio::sync::watch::channel(false);
        let task = tokio::spawn({
            let inbox = inbox.clone();
            let keep_in = keep_in.clone();
            async move {
                while let Ok((stream, _)) = listener.accept().await {
                    let inbox = inbox.clone();
                    let keep_in = keep_in.clone();
                    let mut stopped = stopped.clone();
                    tokio::spawn(async move {
                        tokio::select! {
                            _ = serve_connection(stream, &inbox, keep_in.as_deref()) => {}
                            _ = stopped.wait_for(|stop| *stop) => {}
                        }
                    });
                }
            }
        });
        Ok(Self {
            address,
            inbox,
            task,
            stop,
            keep_in,
        })
    }

    /// Stops listening and drops every open connection, as a server that goes down.
    pub fn stop(&self) {
        let _ = self.stop.send(true);
        self.task.abort();
    }

    /// Where the `.eml` files go, if anywhere.
    pub fn folder(&self) -> Option<&std::path::Path> {
        self.keep_in.as_deref()
    }

    /// Holds the final answer to the `number`th message (1 for the first): the returned
    /// notification fires once the message is in, and the sink waits for
    /// [`release_held_reply`](Self::release_held_reply). If the client has gone by then, the
    /// message is discarded, as a real server does with a transaction it never confirmed.
    pub fn hold_reply_to(&self, number: usize) -> Arc<Notify> {
        if let Ok(mut hold) = self.inbox.hold_reply_to.lock() {
            *hold = Some(number);
        }
        self.inbox.held.clone()
    }

    pub fn release_held_reply(&self) {
        self.inbox.released.notify_one();
    }

    pub fn port(&self) -> u16 {
        self.address.port()
    }

    /// Every message received so far, in order of arrival.
    pub fn messages(&self) -> Vec<ReceivedMail> {
        self.inbox
            .messages
            .lock()
            .map(|messages| messages.clone())
            .unwrap_or_default()
    }

    /// Waits until at least `count` messages have arrived, or `timeout` passes.
    pub async fn wait_for(&self, count: usize, timeout: std::time::Duration) -> Vec<ReceivedMail> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let arrived = self.inbox.arrived.notified();
            let messages = self.messages();
            if messages.len() >= count {
                return messages;
            }
            if tokio::time::timeout_at(deadline, arrived).await.is_err() {
                return self.messages();
            }
        }
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        self.stop();
    }
}

async fn serve_connection(
    stream: TcpStream,
    inbox: &Inbox,
    keep_in: Option<&std::path::Path>,
) -> std::io::Result<()> {
    let (reader, mut writer) = stream.into_split();
    let mut lines = BufReader::new(reader);
    writer
        .write_all(b"220 ateliers-smtp-sink ESMTP ready\r\n")
        .await?;
    let mut from = String::new();
    let mut to = Vec::new();
    let mut line = String::new();
    loop {
        line.clear();
        if lines.read_line(&mut line).await? == 0 {
            return Ok(());
        }
        let command = line.trim_end().to_owned();
        let verb = command
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_ascii_uppercase();
        match verb.as_str() {
            "EHLO" => writer
                .write_all(
                    b"250-ateliers-smtp-sink\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250 PIPELINING\r\n",
                )
                .await?,
            "HELO" => writer.write_all(b"250 ateliers-smtp-sink\r\n").await?,
            "MAIL" => {
                from = address_in(&command);
                to.clear();
                writer.write_all(b"250 OK\r\n").await?;
            }
            "RCPT" => {
                let recipient = address_in(&command);
                // A way for tests to see a permanent refusal, as for an unknown mailbox.
                if recipient.starts_with("unknown-mailbox@") {
                    writer.write_all(b"550 5.1.1 No such user here\r\n").await?;
                } else {
                    to.push(recipient);
                    writer.write_all(b"250 OK\r\n").await?;
                }
            }
            "DATA" => {
                writer
                    .write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                    .await?;
                let mut raw = String::new();
                loop {
                    line.clear();
                    if lines.read_line(&mut line).await? == 0 {
                        return Ok(());
                    }
                    let content = line.trim_end_matches(['\r', '\n']);
                    if content == "." {
                        break;
                    }
                    // RFC 5321 §4.5.2: a leading dot was doubled by the sender.
                    raw.push_str(content.strip_prefix('.').unwrap_or(content));
                    raw.push_str("\r\n");
                }
                let mail = ReceivedMail {
                    envelope_from: from.clone(),
                    envelope_to: to.clone(),
                    raw,
                };
                let received = inbox
                    .messages
                    .lock()
                    .map(|messages| messages.len())
                    .unwrap_or(0);
                let hold = inbox
                    .hold_reply_to
                    .lock()
                    .map(|mut hold| match *hold {
                        Some(number) if number == received + 1 => hold.take().is_some(),
                        _ => false,
                    })
                    .unwrap_or(false);
                if hold {
                    inbox.held.notify_one();
                    inbox.released.notified().await;
                    // The client gave up (or died) before the answer: not accepted.
                    if let Ok(Ok(buffer)) = tokio::time::timeout(
                        std::time::Duration::from_millis(100),
                        lines.fill_buf(),
                    )
                    .await
                        && buffer.is_empty()
                    {
                        return Ok(());
                    }
                }
                if let Some(folder) = keep_in {
                    let number = inbox.first_number + received + 1;
                    std::fs::write(folder.join(format!("{number:04}.eml")), &mail.raw)?;
                }
                if let Ok(mut messages) = inbox.messages.lock() {
                    messages.push(mail);
                }
                inbox.arrived.notify_waiters();
                writer.write_all(b"250 OK: queued\r\n").await?;
            }
            "RSET" => {
                from.clear();
                to.clear();
                writer.write_all(b"250 OK\r\n").await?;
            }
            "NOOP" => writer.write_all(b"250 OK\r\n").await?,
            "QUIT" => {
                writer.write_all(b"221 Bye\r\n").await?;
                return Ok(());
            }
            _ => writer.write_all(b"502 Command not implemented\r\n").await?,
        }
    }
}

/// The address between angle brackets in `MAIL FROM:<a@b> SIZE=12`.
fn address_in(command: &str) -> String {
    command
        .split_once('<')
        .and_then(|(_, rest)| rest.split_once('>'))
        .map(|(address, _)| address.to_owned())
        .unwrap_or_default()
}
