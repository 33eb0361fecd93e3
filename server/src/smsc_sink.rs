//! A real SMPP server (an SMSC) that keeps what it receives: tests start it on a loopback port,
//! point `SMS_URL` at it and read each SMS back with its text, encoding and segment count, so
//! SMS are tested over TCP end to end, as mail is with the SMTP sink.
//!
//! It speaks what an ESME needs of SMPP 3.4: binds (checking the system id and password),
//! `submit_sm` (split messages joined back by their UDH), `enquire_link`, `unbind`, and sends
//! `deliver_sm`: a delivery receipt for each segment, and replies from phones when a test asks
//! ([`SmscSink::reply_from`]). Tests can also make it refuse, throttle, hold an answer or go
//! down, as real SMSCs do.

use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use futures::{SinkExt, StreamExt};
use rusmpp::pdus::{BindTransceiverResp, DeliverSm, SubmitSm, SubmitSmResp};
use rusmpp::tokio_codec::CommandCodec;
use rusmpp::types::{COctetString, OctetString};
use rusmpp::values::{
    DataCoding, EsmClass, GsmFeatures, MessageType, Npi, RegisteredDelivery, Ton,
};
use rusmpp::{Command, CommandId, CommandStatus, Pdu};
use shared::domain::sms::{SmsEncoding, SmsLength, decode_gsm_septets};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Notify, mpsc};
use tokio::task::JoinHandle;
use tokio_util::codec::Framed;

/// The credentials the sink accepts, as in [`SmscSink::url`].
pub const SINK_SYSTEM_ID: &str = "ateliers";
pub const SINK_PASSWORD: &str = "secret";

/// One SMS as a phone would show it, its segments joined.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReceivedSms {
    pub from: String,
    /// The number, in E.164 (`+33612345678`).
    pub to: String,
    pub text: String,
    pub encoding: SmsEncoding,
    pub segments: usize,
}

/// The parts of one split message received so far, in order (`None`: not yet).
type PartsSoFar = Vec<Option<Vec<u8>>>;

#[derive(Default)]
struct Smsc {
    messages: Mutex<Vec<ReceivedSms>>,
    arrived: Notify,
    /// Segments received, answered or not.
    segments: AtomicUsize,
    /// Parts of split messages, by recipient and reference, until all have come.
    partial: Mutex<HashMap<(String, u16), PartsSoFar>>,
    /// The next segments are answered with these statuses (a throttled or failing SMSC).
    answers: Mutex<VecDeque<CommandStatus>>,
    /// Numbers whose segments are refused, with the status to give.
    refused_numbers: Mutex<HashMap<String, CommandStatus>>,
    /// The segment (1 for the first) whose answer is never sent.
    hold_answer_to: Mutex<Option<usize>>,
    held: Arc<Notify>,
    /// Bound sessions, to send replies from phones to.
    sessions: Mutex<Vec<mpsc::UnboundedSender<Command>>>,
    receipts_acknowledged: AtomicUsize,
    acknowledged: Notify,
    next_message_id: AtomicU64,
    first_file_number: usize,
}

pub struct SmscSink {
    address: SocketAddr,
    smsc: Arc<Smsc>,
    task: JoinHandle<()>,
    stop: tokio::sync::watch::Sender<bool>,
    keep_in: Option<PathBuf>,
}

impl SmscSink {
    /// Listens on a free loopback port. With `keep_in`, each SMS is also written there as
    /// `NNNN.txt`, for a person (or a browser test) to read.
    pub async fn start(keep_in: Option<PathBuf>) -> std::io::Result<Self> {
        Self::start_on(0, keep_in).await
    }

    /// Listens on `port` of the loopback (0 for any): a test restarts a sink where the app
    /// expects it, to simulate an outage and its end.
    pub async fn start_on(port: u16, keep_in: Option<PathBuf>) -> std::io::Result<Self> {
        let listener = TcpListener::bind(("127.0.0.1", port)).await?;
        let first_file_number = match &keep_in {
            Some(folder) => {
                std::fs::create_dir_all(folder)?;
                std::fs::read_dir(folder)?.count()
            }
            None => 0,
        };
        let smsc = Arc::new(Smsc {
            first_file_number,
            ..Smsc::default()
        });
        let address = listener.local_addr()?;
        let (stop, stopped) = tokio::sync::watch::channel(false);
        let task = tokio::spawn({
            let smsc = smsc.clone();
            let keep_in = keep_in.clone();
            async move {
                while let Ok((stream, _)) = listener.accept().await {
                    let smsc = smsc.clone();
                    let keep_in = keep_in.clone();
                    let mut stopped = stopped.clone();
                    tokio::spawn(async move {
                        tokio::select! {
                            () = serve_session(stream, &smsc, keep_in.as_deref()) => {}
                            _ = stopped.wait_for(|stop| *stop) => {}
                        }
                    });
                }
            }
        });
        Ok(Self {
            address,
            smsc,
            task,
            stop,
            keep_in,
        })
    }

    /// Stops listening and drops every session, as an SMSC that goes down.
    pub fn stop(&self) {
        let _ = self.stop.send(true);
        self.task.abort();
    }

    pub fn port(&self) -> u16 {
        self.address.port()
    }

    /// The `SMS_URL` that reaches this sink.
    pub fn url(&self) -> String {
        format!(
            "smpp://{SINK_SYSTEM_ID}:{SINK_PASSWORD}@127.0.0.1:{}",
            self.port()
        )
    }

    pub fn folder(&self) -> Option<&Path> {
        self.keep_in.as_deref()
    }

    /// Answers the next segments with these statuses, in order, instead of accepting them.
    pub fn answer_next_with(&self, statuses: impl IntoIterator<Item = CommandStatus>) {
        if let Ok(mut answers) = self.smsc.answers.lock() {
            answers.extend(statuses);
        }
    }

    /// Refuses every segment to `number` (E.164) with `status`, as for a number that does
    /// not exist.
    pub fn refuse_number(&self, number: &str, status: CommandStatus) {
        if let Ok(mut refused) = self.smsc.refused_numbers.lock() {
            refused.insert(number.to_owned(), status);
        }
    }

    /// Takes the `number`th segment (1 for the first) and never answers it: the returned
    /// notification fires once it is in. The SMS counts as received, as an SMSC that took it
    /// and then lost the link would have passed it on.
    pub fn hold_answer_to(&self, number: usize) -> Arc<Notify> {
        if let Ok(mut hold) = self.smsc.hold_answer_to.lock() {
            *hold = Some(number);
        }
        self.smsc.held.clone()
    }

    /// Sends `text` from the phone `from` (E.164) to every bound client, as an answer.
    pub fn reply_from(&self, from: &str, text: &str) {
        let deliver = DeliverSm::builder()
            .source_addr_ton(Ton::International)
            .source_addr_npi(Npi::Isdn)
            .source_addr(address(from))
            .destination_addr(address("ATELIERS"))
            .data_coding(DataCoding::Ucs2)
            .short_message(ucs2(text))
            .build();
        self.push_to_sessions(deliver);
    }

    /// How many `deliver_sm` the clients have answered.
    pub fn deliveries_acknowledged(&self) -> usize {
        self.smsc.receipts_acknowledged.load(Ordering::SeqCst)
    }

    /// Waits until the clients have answered `count` deliveries, or `timeout`.
    pub async fn wait_for_acknowledged(&self, count: usize, timeout: std::time::Duration) -> usize {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let acknowledged = self.smsc.acknowledged.notified();
            let now = self.deliveries_acknowledged();
            if now >= count
                || tokio::time::timeout_at(deadline, acknowledged)
                    .await
                    .is_err()
            {
                return self.deliveries_acknowledged();
            }
        }
    }

    fn push_to_sessions(&self, deliver: DeliverSm) {
        if let Ok(mut sessions) = self.smsc.sessions.lock() {
            sessions.retain(|session| {
                session
                    .send(Command::new(CommandStatus::EsmeRok, 0, deliver.clone()))
                    .is_ok()
            });
        }
    }

    /// Segments received so far, answered or not.
    pub fn segments_received(&self) -> usize {
        self.smsc.segments.load(Ordering::SeqCst)
    }

    /// Every whole SMS received so far, in order of arrival.
    pub fn messages(&self) -> Vec<ReceivedSms> {
        self.smsc
            .messages
            .lock()
            .map(|messages| messages.clone())
            .unwrap_or_default()
    }

    /// Waits until at least `count` SMS have arrived, or `timeout` passes.
    pub async fn wait_for(&self, count: usize, timeout: std::time::Duration) -> Vec<ReceivedSms> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let arrived = self.smsc.arrived.notified();
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

impl Drop for SmscSink {
    fn drop(&mut self) {
        self.stop();
    }
}

async fn serve_session(stream: TcpStream, smsc: &Smsc, keep_in: Option<&Path>) {
    let _ = stream.set_nodelay(true);
    let (mut to_client, mut from_client) = Framed::new(stream, CommandCodec::new()).split();
    let (pushes, mut pushed) = mpsc::unbounded_channel::<Command>();
    let mut sequence: u32 = 0;
    let mut bound = false;
    loop {
        let outgoing = tokio::select! {
            Some(push) = pushed.recv() => {
                sequence += 1;
                let Some(pdu) = push.pdu().cloned() else { continue };
                Command::new(CommandStatus::EsmeRok, sequence, pdu)
            }
            received = from_client.next() => {
                let Some(Ok(command)) = received else { return };
                let answer = |status, pdu: Pdu| Command::new(status, command.sequence_number(), pdu);
                match (command.id(), command.pdu()) {
                    (CommandId::BindTransceiver, Some(Pdu::BindTransceiver(bind))) => {
                        let known = bind.system_id.as_str() == SINK_SYSTEM_ID
                            && bind.password.as_str() == SINK_PASSWORD;
                        let status = if known { CommandStatus::EsmeRok } else { CommandStatus::EsmeRinvpaswd };
                        if known {
                            bound = true;
                            if let Ok(mut sessions) = smsc.sessions.lock() {
                                sessions.push(pushes.clone());
                            }
                        }
                        answer(status, Pdu::BindTransceiverResp(
                            BindTransceiverResp::builder().system_id(address("ateliers-smsc-sink")).build(),
                        ))
                    }
                    (CommandId::SubmitSm, Some(Pdu::SubmitSm(submit))) if bound => {
                        let number = smsc.segments.fetch_add(1, Ordering::SeqCst) + 1;
                        let Some((status, message_id)) = take_segment(smsc, submit, number, keep_in) else {
                            continue; // held: never answered
                        };
                        if status == CommandStatus::EsmeRok && submit.registered_delivery != RegisteredDelivery::default() {
                            let _ = pushes.send(Command::new(CommandStatus::EsmeRok, 0, receipt(submit, &message_id)));
                        }
                        let accepted = SubmitSmResp::builder().message_id(address(&message_id)).build();
                        answer(status, Pdu::SubmitSmResp(accepted))
                    }
                    (CommandId::SubmitSm, _) => answer(CommandStatus::EsmeRinvbndsts, Pdu::GenericNack),
                    (CommandId::DeliverSmResp, _) => {
                        smsc.receipts_acknowledged.fetch_add(1, Ordering::SeqCst);
                        smsc.acknowledged.notify_waiters();
                        continue;
                    }
                    (CommandId::EnquireLink, _) => answer(CommandStatus::EsmeRok, Pdu::EnquireLinkResp),
                    (CommandId::Unbind, _) => {
                        let _ = to_client.send(answer(CommandStatus::EsmeRok, Pdu::UnbindResp)).await;
                        return;
                    }
                    _ => continue,
                }
            }
        };
        if to_client.send(outgoing).await.is_err() {
            return;
        }
    }
}

/// Takes one segment: its answer's status and message id, or `None` when it is held.
fn take_segment(
    smsc: &Smsc,
    submit: &SubmitSm,
    number: usize,
    keep_in: Option<&Path>,
) -> Option<(CommandStatus, String)> {
    let to = format!("+{}", submit.destination_addr.as_str());
    let planned = smsc
        .answers
        .lock()
        .ok()
        .and_then(|mut next| next.pop_front());
    let refused = smsc
        .refused_numbers
        .lock()
        .ok()
        .and_then(|refused| refused.get(&to).copied());
    if let Some(status) = planned.or(refused) {
        return Some((status, String::new()));
    }
    let message_id = format!(
        "{:08X}",
        smsc.next_message_id.fetch_add(1, Ordering::SeqCst) + 1
    );
    if let Some(whole) = join_segment(smsc, submit, &to) {
        let received = ReceivedSms {
            from: submit.source_addr.as_str().to_owned(),
            to,
            text: decode(submit.data_coding, &whole.bytes),
            encoding: if submit.data_coding == DataCoding::Ucs2 {
                SmsEncoding::Ucs2
            } else {
                SmsEncoding::Gsm7
            },
            segments: whole.segments,
        };
        if let Ok(mut messages) = smsc.messages.lock() {
            messages.push(received.clone());
            if let Some(folder) = keep_in {
                let file = folder.join(format!(
                    "{:04}.txt",
                    smsc.first_file_number + messages.len()
                ));
                let _ = std::fs::write(
                    file,
                    shared::sms::sms_file(
                        &received.to,
                        &received.from,
                        SmsLength {
                            encoding: received.encoding,
                            segments: received.segments,
                        },
                        &received.text,
                    ),
                );
            }
        }
        smsc.arrived.notify_waiters();
    }
    let held = smsc
        .hold_answer_to
        .lock()
        .is_ok_and(|hold| *hold == Some(number));
    if held {
        smsc.held.notify_one();
        return None;
    }
    Some((CommandStatus::EsmeRok, message_id))
}

struct Whole {
    bytes: Vec<u8>,
    segments: usize,
}

/// The whole message once its last segment is in; a single segment is whole at once.
fn join_segment(smsc: &Smsc, submit: &SubmitSm, to: &str) -> Option<Whole> {
    let bytes = submit.short_message().as_ref();
    if submit.esm_class.gsm_features != GsmFeatures::UdhiIndicator {
        return Some(Whole {
            bytes: bytes.to_vec(),
            segments: 1,
        });
    }
    let (reference, total, part, content) = read_concatenation_header(bytes)?;
    let mut partial = smsc.partial.lock().ok()?;
    let key = (to.to_owned(), reference);
    let parts = partial
        .entry(key.clone())
        .or_insert_with(|| vec![None; usize::from(total)]);
    *parts.get_mut(usize::from(part).checked_sub(1)?)? = Some(content.to_vec());
    if parts.iter().any(Option::is_none) {
        return None;
    }
    let parts = partial.remove(&key)?;
    Some(Whole {
        segments: parts.len(),
        bytes: parts.into_iter().flatten().flatten().collect(),
    })
}

/// Reference, total, part number and content of a concatenated segment (IE 0x00 or 0x08).
fn read_concatenation_header(bytes: &[u8]) -> Option<(u16, u8, u8, &[u8])> {
    let header_length = usize::from(*bytes.first()?);
    let header = bytes.get(1..=header_length)?;
    let content = bytes.get(header_length + 1..)?;
    match header {
        [0x00, 0x03, reference, total, part, ..] => {
            Some((u16::from(*reference), *total, *part, content))
        }
        [0x08, 0x04, high, low, total, part, ..] => {
            Some((u16::from_be_bytes([*high, *low]), *total, *part, content))
        }
        _ => None,
    }
}

fn decode(coding: DataCoding, bytes: &[u8]) -> String {
    if coding == DataCoding::Ucs2 {
        let units: Vec<u16> = bytes
            .chunks_exact(2)
            .map(|pair| u16::from_be_bytes([pair[0], pair[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        decode_gsm_septets(bytes)
    }
}

/// A delivery receipt for a segment, in the usual text form.
fn receipt(submit: &SubmitSm, message_id: &str) -> DeliverSm {
    let text = format!(
        "id:{message_id} sub:001 dlvrd:001 submit date:0000000000 done date:0000000000 \
         stat:DELIVRD err:000 text:"
    );
    DeliverSm::builder()
        .source_addr_ton(Ton::International)
        .source_addr_npi(Npi::Isdn)
        .source_addr(address(submit.destination_addr.as_str()))
        .destination_addr(address(submit.source_addr.as_str()))
        .esm_class(EsmClass::new(
            Default::default(),
            MessageType::ShortMessageContainsMCDeliveryReceipt,
            Default::default(),
            Default::default(),
        ))
        .short_message(OctetString::from_str(&text).unwrap_or_else(|_| OctetString::empty()))
        .build()
}

/// An address field; what does not fit (too long) is cut to the field's size.
fn address<const MIN: usize, const MAX: usize>(text: &str) -> COctetString<MIN, MAX> {
    let text: String = text
        .trim_start_matches('+')
        .chars()
        .take(MAX.saturating_sub(1))
        .collect();
    COctetString::from_str(&text).unwrap_or_else(|_| COctetString::null())
}

fn ucs2(text: &str) -> OctetString<0, 255> {
    let bytes: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    OctetString::from_vec(bytes).unwrap_or_else(|_| OctetString::empty())
}
