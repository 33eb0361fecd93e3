//! The SMPP client: one transceiver session with the operator's SMSC, kept bound.
//!
//! A task owns the TCP connection. It binds, answers the SMSC's `enquire_link` and sends its
//! own when idle, matches each `submit_sm_resp` to its segment by sequence number, and hands
//! every `deliver_sm` (receipts, replies) to the caller, answering it only once the caller has
//! recorded it, so that an SMSC redelivers what a crash lost. When the link drops, it binds
//! again after a growing pause (0.5 s doubling to 30 s); segments in flight are answered
//! "connection lost" and retried by the outbox.
//!
//! Senders ([`SmppGateway::send`]) stay apart from the task: each segment waits for a place in
//! the window and for its turn under the rate, and a segment refused as throttled
//! (`ESME_RTHROTTLED`, `ESME_RMSGQFUL`) waits and goes again, a few times, before the SMS is
//! given back to the outbox as "try later".

use std::collections::HashMap;
use std::str::FromStr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};
use std::time::Duration;

use futures::{SinkExt, StreamExt};
use rusmpp::extra::concatenation::SubmitSmMultipartExt;
use rusmpp::extra::encoding::EncodedSubmitSmExt;
use rusmpp::pdus::{BindTransceiver, SubmitSm};
use rusmpp::tokio_codec::CommandCodec;
use rusmpp::types::{COctetString, OctetString};
use rusmpp::values::{DataCoding, InterfaceVersion, Npi, RegisteredDelivery, Ton};
use rusmpp::{Command, CommandId, CommandStatus, Pdu};
use tokio::net::TcpStream;
use tokio::sync::{Mutex, Semaphore, mpsc, oneshot, watch};
use tokio::time::Instant;
use tokio_util::codec::Framed;

use super::SmppSettings;
use super::inbound::read_deliver_sm;
use crate::domain::sms::{SmsEncoding, measure};
use crate::services::{SmsInbound, SmsRefusal, SmsSender};

/// Bytes of one segment alone, and of a segment of a split message with its 6-byte header:
/// GSM texts go unpacked (one septet a byte, the SMSC packs them), so 160 and 153 + 6;
/// UCS-2 texts 140 bytes, 134 + 6 (see `utf16_segments`).
const GSM_SINGLE_BYTES: usize = 160;
const GSM_PART_BYTES: usize = 159;
const UCS2_BYTES: usize = 140;
/// A throttled segment goes again after 0.2, 0.4, 0.8, 1.6 and 3.2 s, then the SMS is retried
/// later by the outbox.
const THROTTLED_RETRIES: u32 = 5;
const FIRST_THROTTLE_PAUSE: Duration = Duration::from_millis(200);
const FIRST_REBIND_PAUSE: Duration = Duration::from_millis(500);
const LONGEST_REBIND_PAUSE: Duration = Duration::from_secs(30);

/// Something the SMSC sent on its own, to be recorded then acknowledged.
#[derive(Debug)]
pub struct InboundSms {
    pub message: SmsInbound,
    acknowledge: Option<(u32, mpsc::UnboundedSender<u32>)>,
}

impl InboundSms {
    /// Tells the SMSC it was received (`deliver_sm_resp`). Not acknowledged, the SMSC sends it
    /// again later: call this once it is recorded.
    pub fn acknowledge(mut self) {
        if let Some((sequence, acks)) = self.acknowledge.take() {
            let _ = acks.send(sequence);
        }
    }
}

/// How the SMSC answered one segment.
#[derive(Debug)]
enum SegmentAnswer {
    Accepted(String),
    Refused(CommandStatus),
    /// Not bound: nothing was sent.
    NotBound,
    /// Sent, and the link dropped before the answer: it may or may not have gone.
    Lost,
}

struct Segment {
    pdu: SubmitSm,
    answer: oneshot::Sender<SegmentAnswer>,
}

/// The operator's gateway, as the SMS dispatcher sees it. Dropping it unbinds.
pub struct SmppGateway {
    segments: mpsc::Sender<Segment>,
    bound: watch::Receiver<bool>,
    window: Arc<Semaphore>,
    pace: Pace,
    sender: String,
    answer_within: Duration,
    reference: AtomicU8,
}

impl SmppGateway {
    /// Starts binding to the SMSC in the background; what it sends on its own (receipts,
    /// replies) arrives on the returned receiver.
    pub fn start(settings: SmppSettings) -> (Self, mpsc::Receiver<InboundSms>) {
        let (segments, segments_in) = mpsc::channel(settings.window.max(1) * 2);
        let (inbound, inbound_out) = mpsc::channel(256);
        let (bound_in, bound) = watch::channel(false);
        let gateway = Self {
            segments,
            bound,
            window: Arc::new(Semaphore::new(settings.window.max(1))),
            pace: Pace::new(settings.per_second),
            sender: settings.sender.clone(),
            answer_within: settings.answer_within,
            reference: AtomicU8::new(0),
        };
        tokio::spawn(keep_bound(settings, segments_in, inbound, bound_in));
        (gateway, inbound_out)
    }

    /// Bound to the SMSC right now: sending can succeed.
    pub fn is_bound(&self) -> bool {
        *self.bound.borrow()
    }

    /// Waits until bound, or `timeout`; says whether it is bound.
    pub async fn wait_bound(&self, timeout: Duration) -> bool {
        let mut bound = self.bound.clone();
        tokio::time::timeout(timeout, bound.wait_for(|bound| *bound))
            .await
            .is_ok_and(|waited| waited.is_ok())
    }

    /// The `submit_sm` of each segment of `text` to `to` (E.164).
    fn segments_of(&self, to: &str, text: &str) -> Result<Vec<SubmitSm>, SmsRefusal> {
        let unusable = |what: &dyn std::fmt::Display| {
            SmsRefusal::Permanent(format!("SMS impossible à écrire en SMPP : {what}"))
        };
        let digits = to.trim_start_matches('+');
        let sender_is_number = self.sender.chars().all(|c| c.is_ascii_digit());
        let template = SubmitSm::builder()
            .source_addr_ton(if sender_is_number {
                Ton::International
            } else {
                Ton::Alphanumeric
            })
            .source_addr_npi(if sender_is_number {
                Npi::Isdn
            } else {
                Npi::Unknown
            })
            .source_addr(COctetString::from_str(&self.sender).map_err(|e| unusable(&e))?)
            .dest_addr_ton(Ton::International)
            .dest_addr_npi(Npi::Isdn)
            .destination_addr(COctetString::from_str(digits).map_err(|e| unusable(&e))?)
            .registered_delivery(RegisteredDelivery::request_all())
            .short_message(OctetString::empty())
            .build();
        let length = measure(text);
        let reference = self.reference.fetch_add(1, Ordering::Relaxed);
        match (length.encoding, length.segments) {
            (SmsEncoding::Gsm7, 1) if text.chars().count() <= GSM_SINGLE_BYTES => {
                let single = template.encode(text).build().map_err(|e| unusable(&e))?;
                Ok(vec![single])
            }
            (SmsEncoding::Gsm7, _) => template
                .multipart(text)
                .max_short_message_size(GSM_PART_BYTES)
                .reference_u8(reference)
                .build()
                .map_err(|e| unusable(&e)),
            (SmsEncoding::Ucs2, _) => utf16_segments(text, reference)
                .into_iter()
                .map(|(bytes, split)| {
                    let short_message = OctetString::from_vec(bytes).map_err(|e| unusable(&e))?;
                    let segment = template
                        .clone()
                        .with_short_message(short_message)
                        .with_data_coding(DataCoding::Ucs2);
                    Ok(if split {
                        segment.with_udhi_indicator()
                    } else {
                        segment
                    })
                })
                .collect(),
        }
    }

    /// Sends one segment, waiting out throttling; its message id, or why not.
    async fn submit(&self, pdu: SubmitSm) -> Result<String, SmsRefusal> {
        let mut pause = FIRST_THROTTLE_PAUSE;
        for attempt in 0..=THROTTLED_RETRIES {
            let permit = self.window.acquire().await;
            self.pace.wait_turn().await;
            let (answer, answered) = oneshot::channel();
            let segment = Segment {
                pdu: pdu.clone(),
                answer,
            };
            if self.segments.send(segment).await.is_err() {
                return Err(SmsRefusal::GatewayDown);
            }
            let answer = tokio::time::timeout(self.answer_within, answered).await;
            drop(permit);
            match answer {
                Err(_) => {
                    return Err(SmsRefusal::Temporary(
                        "la passerelle SMS n'a pas répondu à temps".to_owned(),
                    ));
                }
                Ok(Err(_) | Ok(SegmentAnswer::Lost)) => {
                    return Err(SmsRefusal::Temporary(
                        "liaison avec la passerelle SMS coupée pendant l'envoi".to_owned(),
                    ));
                }
                Ok(Ok(SegmentAnswer::NotBound)) => return Err(SmsRefusal::GatewayDown),
                Ok(Ok(SegmentAnswer::Accepted(id))) => return Ok(id),
                Ok(Ok(SegmentAnswer::Refused(status))) => match refusal_of(status) {
                    Refusal::Throttled if attempt < THROTTLED_RETRIES => {
                        tokio::time::sleep(pause).await;
                        pause *= 2;
                    }
                    Refusal::Permanent => {
                        return Err(SmsRefusal::Permanent(format!(
                            "refusé par l'opérateur ({status:?})"
                        )));
                    }
                    Refusal::Throttled | Refusal::Temporary => {
                        return Err(SmsRefusal::Temporary(format!(
                            "refusé pour l'instant par l'opérateur ({status:?})"
                        )));
                    }
                },
            }
        }
        unreachable!("the last throttled attempt returns")
    }
}

impl SmsSender for SmppGateway {
    fn ready(&self) -> bool {
        self.is_bound()
    }

    async fn send(&self, to: &str, text: &str) -> Result<Vec<String>, SmsRefusal> {
        let segments = self.segments_of(to, text)?;
        let mut message_ids = Vec::with_capacity(segments.len());
        for pdu in segments {
            message_ids.push(self.submit(pdu).await?);
        }
        Ok(message_ids)
    }
}

/// A UCS-2 text as SMPP carries it: UTF-16 big-endian (phones read it so, emoji included,
/// which rusmpp's strict UCS-2 encoder refuses), in one segment of 140 bytes or in parts of 134
/// after a concatenation header, never splitting a surrogate pair. Each segment's bytes, and
/// whether it is one part of several.
fn utf16_segments(text: &str, reference: u8) -> Vec<(Vec<u8>, bool)> {
    let units: Vec<u16> = text.encode_utf16().collect();
    if units.len() * 2 <= UCS2_BYTES {
        return vec![(
            units.iter().flat_map(|unit| unit.to_be_bytes()).collect(),
            false,
        )];
    }
    let per_part = (UCS2_BYTES - CONCATENATION_HEADER.len() - 3) / 2;
    let mut parts: Vec<&[u16]> = Vec::new();
    let mut rest = units.as_slice();
    while !rest.is_empty() {
        let mut end = per_part.min(rest.len());
        // A high surrogate stays with its low half.
        if end < rest.len() && (0xD800..0xDC00).contains(&rest[end - 1]) {
            end -= 1;
        }
        parts.push(&rest[..end]);
        rest = &rest[end..];
    }
    let total = u8::try_from(parts.len()).unwrap_or(u8::MAX);
    parts
        .into_iter()
        .enumerate()
        .map(|(index, part)| {
            let mut bytes = CONCATENATION_HEADER.to_vec();
            bytes.extend([reference, total, u8::try_from(index + 1).unwrap_or(u8::MAX)]);
            bytes.extend(part.iter().flat_map(|unit| unit.to_be_bytes()));
            (bytes, true)
        })
        .collect()
}

/// A user data header holding one concatenation element with an 8-bit reference (then the
/// reference, the number of parts and this part's number).
const CONCATENATION_HEADER: [u8; 3] = [0x05, 0x00, 0x03];

enum Refusal {
    Throttled,
    Temporary,
    Permanent,
}

/// Which refusals will never change for this SMS (a wrong number, a barred sender, a text
/// the operator cannot take), and which are the SMSC's passing state.
fn refusal_of(status: CommandStatus) -> Refusal {
    use CommandStatus as S;
    match status {
        S::EsmeRthrottled | S::EsmeRmsgqful => Refusal::Throttled,
        S::EsmeRinvdstadr
        | S::EsmeRinvdstton
        | S::EsmeRinvdstnpi
        | S::EsmeRinvsrcadr
        | S::EsmeRinvsrcton
        | S::EsmeRinvsrcnpi
        | S::EsmeRinvmsglen
        | S::EsmeRinvesmclass
        | S::EsmeRinvdcs
        | S::EsmeRxPAppn
        | S::EsmeRprohibited => Refusal::Permanent,
        _ => Refusal::Temporary,
    }
}

/// Segments spaced to stay under the operator's rate, across every sender of this gateway.
struct Pace {
    gap: Duration,
    next: Mutex<Instant>,
}

impl Pace {
    fn new(per_second: u32) -> Self {
        Self {
            gap: Duration::from_secs(1) / per_second.max(1),
            next: Mutex::new(Instant::now()),
        }
    }

    async fn wait_turn(&self) {
        let turn = {
            let mut next = self.next.lock().await;
            let turn = (*next).max(Instant::now());
            *next = turn + self.gap;
            turn
        };
        tokio::time::sleep_until(turn).await;
    }
}

type Link = Framed<TcpStream, CommandCodec>;

/// Binds, serves the session until the link drops, binds again; ends when the gateway is
/// dropped.
async fn keep_bound(
    settings: SmppSettings,
    mut segments: mpsc::Receiver<Segment>,
    inbound: mpsc::Sender<InboundSms>,
    bound: watch::Sender<bool>,
) {
    let mut pause = FIRST_REBIND_PAUSE;
    loop {
        match bind(&settings).await {
            Ok(link) => {
                tracing::info!(address = %settings.address, "SMPP bound");
                pause = FIRST_REBIND_PAUSE;
                let _ = bound.send(true);
                let ended = serve(link, &settings, &mut segments, &inbound).await;
                let _ = bound.send(false);
                match ended {
                    Ended::GatewayDropped => return,
                    Ended::LinkLost(why) => tracing::warn!(why, "SMPP link lost"),
                }
            }
            Err(why) => tracing::warn!(address = %settings.address, why, "SMPP bind failed"),
        }
        // Unbound: whatever is asked until the next try is answered at once.
        let retry_at = Instant::now() + pause;
        loop {
            tokio::select! {
                () = tokio::time::sleep_until(retry_at) => break,
                segment = segments.recv() => match segment {
                    Some(segment) => { let _ = segment.answer.send(SegmentAnswer::NotBound); }
                    None => return,
                },
            }
        }
        pause = (pause * 2).min(LONGEST_REBIND_PAUSE);
    }
}

async fn bind(settings: &SmppSettings) -> Result<Link, String> {
    let connect = TcpStream::connect(&settings.address);
    let stream = tokio::time::timeout(settings.answer_within, connect)
        .await
        .map_err(|_| "connection timed out".to_owned())?
        .map_err(|error| error.to_string())?;
    let _ = stream.set_nodelay(true);
    let mut link = Framed::new(stream, CommandCodec::new());
    let bind = BindTransceiver::builder()
        .system_id(c_text(&settings.system_id)?)
        .password(c_text(&settings.password)?)
        .system_type(COctetString::empty())
        .interface_version(InterfaceVersion::Smpp3_4)
        .addr_ton(Ton::Unknown)
        .addr_npi(Npi::Unknown)
        .address_range(COctetString::empty())
        .build();
    link.send(Command::new(CommandStatus::EsmeRok, 1, bind))
        .await
        .map_err(|error| error.to_string())?;
    let answer = tokio::time::timeout(settings.answer_within, link.next())
        .await
        .map_err(|_| "no answer to bind".to_owned())?;
    match answer {
        Some(Ok(command)) if command.id() == CommandId::BindTransceiverResp => {
            match command.status() {
                CommandStatus::EsmeRok => Ok(link),
                status => Err(format!("bind refused: {status:?}")),
            }
        }
        Some(Ok(command)) => Err(format!("unexpected answer to bind: {:?}", command.id())),
        Some(Err(error)) => Err(error.to_string()),
        None => Err("closed during bind".to_owned()),
    }
}

enum Ended {
    GatewayDropped,
    LinkLost(String),
}

async fn serve(
    link: Link,
    settings: &SmppSettings,
    segments: &mut mpsc::Receiver<Segment>,
    inbound: &mpsc::Sender<InboundSms>,
) -> Ended {
    let (mut to_smsc, mut from_smsc) = link.split();
    let mut waiting: HashMap<u32, oneshot::Sender<SegmentAnswer>> = HashMap::new();
    let mut sequence: u32 = 1;
    let (acks, mut acknowledged) = mpsc::unbounded_channel::<u32>();
    let mut enquire = tokio::time::interval_at(
        Instant::now() + settings.enquire_every,
        settings.enquire_every,
    );
    let mut enquiry_unanswered = false;
    let ended = loop {
        let outgoing = tokio::select! {
            segment = segments.recv() => {
                let Some(Segment { pdu, answer }) = segment else {
                    sequence += 1;
                    let _ = to_smsc.send(Command::new(CommandStatus::EsmeRok, sequence, Pdu::Unbind)).await;
                    break Ended::GatewayDropped;
                };
                sequence += 1;
                waiting.insert(sequence, answer);
                Command::new(CommandStatus::EsmeRok, sequence, pdu)
            }
            Some(acknowledged) = acknowledged.recv() => {
                Command::new(CommandStatus::EsmeRok, acknowledged, deliver_sm_resp())
            }
            _ = enquire.tick() => {
                if enquiry_unanswered {
                    break Ended::LinkLost("enquire_link unanswered".to_owned());
                }
                waiting.retain(|_, answer| !answer.is_closed());
                enquiry_unanswered = true;
                sequence += 1;
                Command::new(CommandStatus::EsmeRok, sequence, Pdu::EnquireLink)
            }
            received = from_smsc.next() => {
                let command = match received {
                    Some(Ok(command)) => command,
                    Some(Err(error)) => break Ended::LinkLost(error.to_string()),
                    None => break Ended::LinkLost("closed by the SMSC".to_owned()),
                };
                enquire.reset();
                match command.id() {
                    CommandId::SubmitSmResp | CommandId::GenericNack => {
                        if let Some(answer) = waiting.remove(&command.sequence_number()) {
                            let _ = answer.send(answer_of(&command));
                        }
                        continue;
                    }
                    CommandId::EnquireLinkResp => {
                        enquiry_unanswered = false;
                        continue;
                    }
                    CommandId::EnquireLink => Command::new(
                        CommandStatus::EsmeRok,
                        command.sequence_number(),
                        Pdu::EnquireLinkResp,
                    ),
                    CommandId::Unbind => {
                        let _ = to_smsc
                            .send(Command::new(
                                CommandStatus::EsmeRok,
                                command.sequence_number(),
                                Pdu::UnbindResp,
                            ))
                            .await;
                        break Ended::LinkLost("unbound by the SMSC".to_owned());
                    }
                    CommandId::DeliverSm => {
                        let read = match command.pdu() {
                            Some(Pdu::DeliverSm(deliver)) => read_deliver_sm(deliver),
                            _ => None,
                        };
                        let Some(message) = read else {
                            // Nothing we can use: acknowledged so that it is not sent again.
                            let _ = acks.send(command.sequence_number());
                            continue;
                        };
                        let acknowledge = Some((command.sequence_number(), acks.clone()));
                        // The recorder is behind or nobody listens (a sender-only gateway):
                        // left unacknowledged, for the SMSC to offer again later. Never waited
                        // for: the answers to segments in flight come on this same link.
                        let _ = inbound.try_send(InboundSms { message, acknowledge });
                        continue;
                    }
                    _ => continue,
                }
            }
        };
        if let Err(error) = to_smsc.send(outgoing).await {
            break Ended::LinkLost(error.to_string());
        }
    };
    for (_, answer) in waiting.drain() {
        let _ = answer.send(SegmentAnswer::Lost);
    }
    ended
}

fn c_text<const MIN: usize, const MAX: usize>(
    value: &str,
) -> Result<COctetString<MIN, MAX>, String> {
    COctetString::from_str(value).map_err(|error| error.to_string())
}

fn answer_of(command: &Command) -> SegmentAnswer {
    if command.status() != CommandStatus::EsmeRok {
        return SegmentAnswer::Refused(command.status());
    }
    match command.pdu() {
        Some(Pdu::SubmitSmResp(accepted)) => {
            SegmentAnswer::Accepted(accepted.message_id().as_str().to_owned())
        }
        _ => SegmentAnswer::Refused(CommandStatus::EsmeRunknownerr),
    }
}

fn deliver_sm_resp() -> Pdu {
    Pdu::DeliverSmResp(
        rusmpp::pdus::DeliverSmResp::builder()
            .message_id(COctetString::empty())
            .build(),
    )
}
