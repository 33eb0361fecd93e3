//! Reads back the `.eml` files of the folder mailer, for the local mail page.

use std::path::Path;

use chrono::{DateTime, Utc};
use mail_parser::{Address, MessageParser, MimeHeaders};

use crate::local_mail::{LocalMailMessage, LocalMailSummary, parse_local_mail_id};

/// Messages in `folder`, newest first.
pub fn list_local_mail(folder: &Path) -> std::io::Result<Vec<LocalMailSummary>> {
    let mut summaries = Vec::new();
    for entry in std::fs::read_dir(folder)? {
        let path = entry?.path();
        let Some(id) = path
            .file_name()
            .and_then(|name| name.to_str())
            .and_then(|name| name.strip_suffix(".eml"))
            .and_then(parse_local_mail_id)
        else {
            continue;
        };
        let raw = std::fs::read(&path)?;
        if let Some(message) = read(id, &raw) {
            summaries.push(message.summary);
        }
    }
    summaries.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| b.id.cmp(&a.id)));
    Ok(summaries)
}

/// One message, or `None` when there is no such file.
pub fn read_local_mail(folder: &Path, id: &str) -> std::io::Result<Option<LocalMailMessage>> {
    Ok(read_local_mail_file(folder, id)?.and_then(|raw| read(id, &raw)))
}

/// The raw bytes of one message, to download it into a mail client.
pub fn read_local_mail_file(folder: &Path, id: &str) -> std::io::Result<Option<Vec<u8>>> {
    let Some(id) = parse_local_mail_id(id) else {
        return Ok(None);
    };
    match std::fs::read(folder.join(format!("{id}.eml"))) {
        Ok(raw) => Ok(Some(raw)),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(error),
    }
}

fn read(id: &str, raw: &[u8]) -> Option<LocalMailMessage> {
    // lettre's file transport writes a JSON envelope file beside each .eml: skip anything that
    // does not parse as a message.
    let message = MessageParser::default().parse(raw)?;
    let date = message
        .date()
        .and_then(|date| DateTime::from_timestamp(date.to_timestamp(), 0))
        .map(|date: DateTime<Utc>| date);
    let summary = LocalMailSummary {
        id: id.to_owned(),
        date,
        from: addresses(message.from()),
        to: addresses(message.to()),
        subject: message.subject().unwrap_or("(sans objet)").to_owned(),
    };
    let parts = message
        .parts
        .iter()
        .filter_map(|part| part.content_type())
        .map(|content_type| {
            let kind = match content_type.subtype() {
                Some(subtype) => format!("{}/{subtype}", content_type.ctype()),
                None => content_type.ctype().to_owned(),
            };
            match content_type.attribute("method") {
                Some(method) => format!("{kind} ({method})"),
                None => kind,
            }
        })
        .collect();
    let calendar = message
        .parts
        .iter()
        .find(|part| {
            part.content_type().is_some_and(|content_type| {
                content_type.ctype().eq_ignore_ascii_case("text")
                    && content_type
                        .subtype()
                        .is_some_and(|subtype| subtype.eq_ignore_ascii_case("calendar"))
            })
        })
        .and_then(|part| part.text_contents().map(str::to_owned));
    Some(LocalMailMessage {
        summary,
        text_body: message
            .body_text(0)
            .map(|body| body.into_owned())
            .unwrap_or_default(),
        parts,
        calendar,
    })
}

fn addresses(address: Option<&Address>) -> String {
    address
        .map(|address| {
            address
                .iter()
                .map(|one| match (one.name(), one.address()) {
                    (Some(name), Some(email)) => format!("{name} <{email}>"),
                    (None, Some(email)) => email.to_owned(),
                    (Some(name), None) => name.to_owned(),
                    (None, None) => String::new(),
                })
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_default()
}
