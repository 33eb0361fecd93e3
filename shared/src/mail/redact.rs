//! The secrets in the links of a delivered message are cut from the copy the outbox keeps: the
//! person holds the link in their inbox, and a leaked database must not sign anyone in. Only
//! delivered messages are cut (see `deliver_queued_mail`): a message waiting for a retry or a
//! resend keeps its working link.

use lettre::message::Body;
use lettre::message::header::ContentTransferEncoding;
use mail_parser::{Encoding, MessageParser, PartType};

/// The paths whose next segment is a secret token: sign-in and welcome links
/// (`issue_emailed_link`), password links, private calendar feeds (`open_calendar_feed`).
const SECRET_PATHS: [&str; 3] = ["connexion", "mot-de-passe", "calendrier"];

/// What stands in the link instead of the token (ASCII: it may land in a 7-bit part).
pub const REDACTED: &str = "[retire-apres-envoi]";

/// Tokens are 43 characters; a shorter segment after one of those paths is not a secret.
const MIN_TOKEN: usize = 20;

/// `text` with the token of every secret link replaced by [`REDACTED`] (`…/connexion/<token>`,
/// and URL-encoded, as inside a Google Calendar link, `%2Fcalendrier%2F<token>`). `None` when
/// there is none.
pub fn redact_secret_links_in_text(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut changed = false;
    while let Some((at, marker_len)) = next_marker(rest) {
        let after = &rest[at + marker_len..];
        let token_len = after
            .bytes()
            .take_while(|byte| byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_'))
            .count();
        out.push_str(&rest[..at + marker_len]);
        if token_len >= MIN_TOKEN {
            out.push_str(REDACTED);
            changed = true;
        } else {
            out.push_str(&after[..token_len]);
        }
        rest = &after[token_len..];
    }
    out.push_str(rest);
    changed.then_some(out)
}

/// The earliest `/path/` or `%2Fpath%2F` of [`SECRET_PATHS`] in `text`: its offset and length.
fn next_marker(text: &str) -> Option<(usize, usize)> {
    let lower = text.to_ascii_lowercase();
    SECRET_PATHS
        .iter()
        .flat_map(|path| [format!("/{path}/"), format!("%2f{path}%2f")])
        .filter_map(|marker| lower.find(&marker).map(|at| (at, marker.len())))
        .min()
}

/// The raw message with the secret links cut from every part, each part re-encoded as it was
/// (same headers, Message-ID included, same transfer encoding), so the copy still reads as the
/// message that was sent. `None` when there was nothing to cut. A part that cannot be read or
/// re-encoded is replaced by a short note rather than kept with its secret.
pub fn redact_secret_links(raw: &str) -> Option<String> {
    let message = MessageParser::default().parse(raw.as_bytes())?;
    let mut cuts: Vec<(usize, usize, String)> = Vec::new();
    for part in &message.parts {
        if matches!(part.body, PartType::Multipart(_) | PartType::Message(_)) {
            continue;
        }
        let (start, end) = (part.offset_body as usize, part.offset_end as usize);
        let Some(original) = raw.get(start..end) else {
            continue;
        };
        let decoded = String::from_utf8_lossy(part.contents());
        let redacted_text = redact_secret_links_in_text(&decoded);
        let raw_secret = redact_secret_links_in_text(&original.replace("=\r\n", "")).is_some();
        let Some(redacted) = redacted_text.or_else(|| raw_secret.then(|| decoded.into_owned()))
        else {
            continue;
        };
        let encoded = match encode_like(&redacted, part.encoding) {
            Some(encoded) if redact_secret_links_in_text(&encoded).is_none() => encoded,
            _ => "[contenu retire apres envoi]".to_owned(),
        };
        // Keep the line breaks that close the part in the original (before its boundary).
        let trailing = &original[original.trim_end_matches(['\r', '\n']).len()..];
        let body = format!("{}{trailing}", encoded.trim_end_matches(['\r', '\n']));
        cuts.push((start, end, body));
    }
    if cuts.is_empty() {
        return None;
    }
    cuts.sort_by_key(|(start, _, _)| *start);
    let mut out = String::with_capacity(raw.len());
    let mut from = 0;
    for (start, end, body) in cuts {
        if start < from {
            continue; // nested parts: the outer cut already covers them
        }
        out.push_str(&raw[from..start]);
        out.push_str(&body);
        from = end;
    }
    out.push_str(&raw[from..]);
    Some(out)
}

/// `text` in the part's transfer encoding, as lettre wrote it.
fn encode_like(text: &str, encoding: Encoding) -> Option<String> {
    let encoding = match encoding {
        Encoding::None => return Some(text.to_owned()),
        Encoding::QuotedPrintable => ContentTransferEncoding::QuotedPrintable,
        Encoding::Base64 => ContentTransferEncoding::Base64,
    };
    let body = Body::new_with_encoding(text.as_bytes().to_vec(), encoding).ok()?;
    String::from_utf8(body.into_vec()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use lettre::Message;
    use lettre::message::{Attachment, MultiPart, SinglePart, header::ContentType};

    const TOKEN: &str = "Qm9uam91ciBsZXMgamV1bmVzIGRlIEJvbmR5IDkzMTQw";

    fn texts_of(raw: &str) -> Vec<String> {
        let message = MessageParser::default().parse(raw.as_bytes()).unwrap();
        message
            .parts
            .iter()
            .map(|part| String::from_utf8_lossy(part.contents()).into_owned())
            .collect()
    }

    #[test]
    fn links_lose_their_token_and_nothing_else() {
        let text = format!(
            "Ouvrez https://ateliers.example/connexion/{TOKEN} ou \
             webcal://ateliers.example/calendrier/{TOKEN}.ics, \
             https://calendar.google.com/calendar/r?cid=webcal%3A%2F%2Fa.example%2Fcalendrier%2F{TOKEN}.ics \
             et /mot-de-passe/{TOKEN}. La séance : https://ateliers.example/ateliers/12, \
             /connexion/court."
        );
        let redacted = redact_secret_links_in_text(&text).unwrap();
        assert!(!redacted.contains(TOKEN));
        assert_eq!(redacted.matches(REDACTED).count(), 4);
        assert!(redacted.contains("/calendrier/[retire-apres-envoi].ics"));
        assert!(redacted.contains("https://ateliers.example/ateliers/12"));
        assert!(redacted.contains("/connexion/court."));
        assert_eq!(
            redact_secret_links_in_text("Rien à cacher /connexion/"),
            None
        );
    }

    #[test]
    fn a_message_keeps_its_headers_and_parts_without_the_secret() {
        // French text with a long line: lettre writes it quoted-printable, the token possibly
        // split by a soft line break; the attachment is base64.
        let body = format!(
            "Bonjour Awa,\n\nPour ouvrir votre espace sur Ateliers, l'outil des ateliers collectifs, ouvrez ce lien : https://ateliers.example/connexion/{TOKEN}\n\nÀ bientôt.\n"
        );
        let message = Message::builder()
            .from("Ateliers <ne-pas-repondre@ateliers.example>".parse().unwrap())
            .to("awa@example.org".parse().unwrap())
            .subject("Votre lien de connexion à Ateliers")
            .message_id(Some("<lien-1@ateliers.example>".into()))
            .multipart(
                MultiPart::mixed()
                    .multipart(
                        MultiPart::alternative()
                            .singlepart(SinglePart::plain(body.clone()))
                            .singlepart(SinglePart::html(format!(
                                "<p><a href=\"https://ateliers.example/connexion/{TOKEN}\">Ouvrir</a></p>"
                            ))),
                    )
                    .singlepart(
                        Attachment::new("agenda.txt".into()).body(
                            format!("URL:https://ateliers.example/calendrier/{TOKEN}.ics\r\n")
                                .into_bytes(),
                            ContentType::parse("application/octet-stream").unwrap(),
                        ),
                    ),
            )
            .unwrap();
        let raw = String::from_utf8(message.formatted()).unwrap();
        assert!(texts_of(&raw).iter().any(|text| text.contains(TOKEN)));

        let kept = redact_secret_links(&raw).unwrap();
        assert!(!kept.contains(TOKEN) && !kept.replace("=\r\n", "").contains(TOKEN));
        for text in texts_of(&kept) {
            assert!(!text.contains(TOKEN), "{text}");
        }
        let parsed = MessageParser::default().parse(kept.as_bytes()).unwrap();
        assert_eq!(parsed.message_id(), Some("lien-1@ateliers.example"));
        assert_eq!(parsed.subject(), Some("Votre lien de connexion à Ateliers"));
        let text = parsed.body_text(0).unwrap();
        assert!(text.starts_with("Bonjour Awa,"));
        assert!(text.contains("/connexion/[retire-apres-envoi]\r\n\r\nÀ bientôt."));
        assert!(
            parsed
                .body_html(0)
                .unwrap()
                .contains("connexion/[retire-apres-envoi]")
        );
        assert_eq!(parsed.attachments().count(), 1);
        assert_eq!(redact_secret_links(&kept), None, "nothing left to cut");
    }

    #[test]
    fn a_message_without_secret_is_left_alone() {
        let message = Message::builder()
            .from(
                "Ateliers <ne-pas-repondre@ateliers.example>"
                    .parse()
                    .unwrap(),
            )
            .to("awa@example.org".parse().unwrap())
            .subject("Rappel")
            .message_id(None)
            .body("La séance : https://ateliers.example/ateliers/12\n".to_owned())
            .unwrap();
        let raw = String::from_utf8(message.formatted()).unwrap();
        assert_eq!(redact_secret_links(&raw), None);
    }
}
