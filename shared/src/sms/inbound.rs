//! What the SMSC sends on its own (`deliver_sm`): delivery receipts, and answers from phones.

use rusmpp::pdus::DeliverSm;
use rusmpp::values::{DataCoding, MessageType, Ton};

use crate::domain::sms::decode_gsm_septets;
use crate::services::SmsInbound;

/// Reads a `deliver_sm`: a receipt (its text in the usual `id:… stat:…` form) or a reply.
/// `None` for what cannot be read (an unknown coding); it is acknowledged all the same.
pub(crate) fn read_deliver_sm(deliver: &DeliverSm) -> Option<SmsInbound> {
    let text = decode_text(deliver.data_coding, deliver.short_message().as_ref())?;
    let is_receipt = matches!(
        deliver.esm_class.message_type,
        MessageType::ShortMessageContainsMCDeliveryReceipt
    );
    if is_receipt {
        let (gateway_message_id, state) = read_receipt(&text)?;
        return Some(SmsInbound::Receipt {
            gateway_message_id,
            delivered: state == "DELIVRD",
            state,
        });
    }
    // SMPP carries international numbers without their `+`: the type of number says so.
    let number = deliver.source_addr.as_str();
    let from = if deliver.source_addr_ton == Ton::International && !number.starts_with('+') {
        format!("+{number}")
    } else {
        number.to_owned()
    };
    Some(SmsInbound::Reply { from, text })
}

/// The text of a short message in the codings phones answer in.
pub(crate) fn decode_text(coding: DataCoding, bytes: &[u8]) -> Option<String> {
    match coding {
        DataCoding::McSpecific | DataCoding::Ia5 => Some(decode_gsm_septets(bytes)),
        DataCoding::Latin1 => Some(bytes.iter().map(|&byte| char::from(byte)).collect()),
        DataCoding::Ucs2 => {
            let units: Vec<u16> = bytes
                .chunks_exact(2)
                .map(|pair| u16::from_be_bytes([pair[0], pair[1]]))
                .collect();
            Some(String::from_utf16_lossy(&units))
        }
        _ => None,
    }
}

/// The message id and final state of a receipt's text: `id:0A1B2C sub:001 dlvrd:001 submit
/// date:2612051030 done date:2612051030 stat:DELIVRD err:000 text:…` (SMPP 3.4, appendix B).
fn read_receipt(text: &str) -> Option<(String, String)> {
    let field = |name: &str| {
        text.split_whitespace()
            .find_map(|word| word.strip_prefix(name))
            .map(str::to_owned)
    };
    Some((field("id:")?, field("stat:")?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_receipt_names_its_message_and_state() {
        assert_eq!(
            read_receipt(
                "id:7F3A sub:001 dlvrd:001 submit date:2612051030 done date:2612051031 \
                 stat:UNDELIV err:001 text:Ateliers"
            ),
            Some(("7F3A".to_owned(), "UNDELIV".to_owned()))
        );
        assert_eq!(read_receipt("STOP"), None);
    }

    #[test]
    fn replies_read_in_each_coding_phones_use() {
        assert_eq!(
            decode_text(
                DataCoding::Ucs2,
                &[0x00, 0x53, 0x00, 0x54, 0x00, 0x4F, 0x00, 0x50]
            ),
            Some("STOP".to_owned())
        );
        assert_eq!(
            decode_text(DataCoding::McSpecific, b"Stop"),
            Some("Stop".to_owned())
        );
        assert_eq!(decode_text(DataCoding::OctetUnspecified, b"\x01"), None);
    }
}
