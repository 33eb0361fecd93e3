//! What goes by SMS, decided without a gateway: which youths get notices by SMS
//! ([`channels`]), how a text is written to fit the GSM 03.38 alphabet and how many segments it
//! costs ([`gsm_text`]), and the French texts themselves, each at most two segments
//! ([`notices`]). The SMPP client (`crate::sms`, server only) sends what these produce.

mod channels;
mod gsm_text;
mod notices;
mod short_link;

pub use channels::{NoticeChannel, NoticeChannels, NoticeSettings, is_stop_request};
pub use gsm_text::{SmsEncoding, SmsLength, decode_gsm_septets, fold_to_gsm, measure};
pub use notices::{
    FailedSms, MAX_SEGMENTS, SessionNotice, SmsKind, SmsSession, sign_in_code_text, welcome_text,
};
pub use short_link::{session_of_short_code, session_short_code, session_short_path};
