//! How SMS leave the building: an SMPP client bound to the operator's SMSC
//! ([`SmppGateway`]), which the SMS dispatcher sends the outbox through
//! (`services::deliver_queued_sms`) and which hands back receipts and STOP answers
//! (`services::record_sms_inbound`). Reasons for SMPP and what "sent once" means here:
//! `docs/decisions/0015-sms-over-smpp.md`.

mod gateway;
mod inbound;
mod local_folder;
mod settings;

pub use gateway::{InboundSms, SmppGateway};
pub use local_folder::{LocalSmsFolder, list_local_sms, sms_file};
pub use settings::{SmppSettings, SmppSettingsError};
