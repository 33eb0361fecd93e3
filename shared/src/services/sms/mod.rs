//! SMS, the channel of youths who have a phone and no email they read: queued in the
//! transaction that causes them (`queue_sms`, as mail is), sent by the SMS dispatcher through
//! the operator's SMPP gateway (`crate::sms`), their cost counted in segments.
//!
//! Rules:
//! - Only mobiles receive SMS (`PhoneNumber::is_mobile`), only youths and guest facilitators
//!   (never staff), and never someone who answered STOP.
//! - A text is folded to the GSM alphabet and counted when queued; a notice is at most two
//!   segments (`domain::sms`).
//! - A sign-in code is in the outbox's copy only until the gateway took it, then masked.

pub(crate) mod deliver_queued_sms;
pub(crate) mod failed_sms;
pub(crate) mod notice_settings;
pub(crate) mod queue_sms;
pub(crate) mod record_sms_inbound;
pub(crate) mod youth_channels;
pub(crate) mod youth_mission_locale;

pub use deliver_queued_sms::{
    MAX_SMS_ATTEMPTS, SmsDeliveryReport, SmsRefusal, SmsSender, deliver_queued_sms,
};
pub use failed_sms::{list_failed_sms, resend_failed_sms};
pub use notice_settings::{choose_notice_channel, view_notice_settings};
pub(crate) use queue_sms::{SmsToQueue, queue_sms};
pub use record_sms_inbound::{InboundOutcome, SmsInbound, record_sms_inbound};
pub(crate) use youth_channels::youth_channels;
