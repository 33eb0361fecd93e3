//! The demo's SMS: written to a folder as `NNNN.txt` instead of leaving by SMPP, so that
//! `make run` shows them (at /courriels) without an operator contract. Never outside the demo
//! (the server refuses it, as it refuses the mail folder). The SMSC sink keeps what it receives
//! in the same file form, so one reader serves both.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::{DateTime, Utc};

use crate::domain::sms::{SmsEncoding, SmsLength, measure};
use crate::local_mail::LocalSms;
use crate::services::{SmsRefusal, SmsSender};

const TO: &str = "À : ";
const FROM: &str = "De : ";
const CODING: &str = "Codage : ";

pub struct LocalSmsFolder {
    folder: PathBuf,
    sender: String,
    written: AtomicUsize,
}

impl LocalSmsFolder {
    /// Creates the folder if needed; numbering goes on after the files already there.
    pub fn new(folder: impl Into<PathBuf>, sender: &str) -> std::io::Result<Self> {
        let folder = folder.into();
        std::fs::create_dir_all(&folder)?;
        let written = std::fs::read_dir(&folder)?.count();
        Ok(Self {
            folder,
            sender: sender.to_owned(),
            written: AtomicUsize::new(written),
        })
    }

    pub fn path(&self) -> &Path {
        &self.folder
    }
}

impl SmsSender for LocalSmsFolder {
    async fn send(&self, to: &str, text: &str) -> Result<Vec<String>, SmsRefusal> {
        let number = self.written.fetch_add(1, Ordering::SeqCst) + 1;
        let file = self.folder.join(format!("{number:04}.txt"));
        tokio::fs::write(&file, sms_file(to, &self.sender, measure(text), text))
            .await
            .map_err(|error| SmsRefusal::Temporary(format!("dossier des SMS : {error}")))?;
        Ok(vec![format!("local-{number:04}")])
    }
}

/// An SMS as a file a person reads: who to, who from, how it went on the air, then the text.
pub fn sms_file(to: &str, from: &str, length: SmsLength, text: &str) -> String {
    format!(
        "{TO}{to}\n{FROM}{from}\n{CODING}{} · {} segment(s)\n\n{text}\n",
        length.encoding.label(),
        length.segments
    )
}

/// The SMS of `folder` (`NNNN.txt`, written by [`LocalSmsFolder`] or the SMSC sink), newest
/// first; files of another form are skipped.
pub fn list_local_sms(folder: &Path) -> std::io::Result<Vec<LocalSms>> {
    let mut messages = Vec::new();
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(messages),
        Err(error) => return Err(error),
    };
    for entry in entries {
        let entry = entry?;
        let path = entry.path();
        let Some(id) = path
            .file_name()
            .and_then(|name| name.to_str())
            .and_then(|name| name.strip_suffix(".txt"))
            .filter(|id| !id.is_empty() && id.chars().all(|c| c.is_ascii_digit()))
        else {
            continue;
        };
        let written_at = entry.metadata()?.modified().ok().map(DateTime::<Utc>::from);
        if let Some(sms) = read_sms_file(id, written_at, &std::fs::read_to_string(&path)?) {
            messages.push(sms);
        }
    }
    messages.sort_by(|a, b| b.id.cmp(&a.id));
    Ok(messages)
}

fn read_sms_file(id: &str, written_at: Option<DateTime<Utc>>, file: &str) -> Option<LocalSms> {
    let (head, text) = file.split_once("\n\n")?;
    let mut to = None;
    let mut coding = None;
    for line in head.lines() {
        if let Some(number) = line.strip_prefix(TO) {
            to = Some(number.to_owned());
        } else if let Some(value) = line.strip_prefix(CODING) {
            coding = Some(value);
        }
    }
    let (encoding, segments) = coding?.split_once(" · ")?;
    let segments = segments.strip_suffix(" segment(s)")?.parse().ok()?;
    [SmsEncoding::Gsm7, SmsEncoding::Ucs2]
        .into_iter()
        .find(|known| known.label() == encoding)?;
    Some(LocalSms {
        id: id.to_owned(),
        written_at,
        to: to?,
        encoding: encoding.to_owned(),
        segments,
        text: text.strip_suffix('\n').unwrap_or(text).to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_sms_reads_back_with_its_cost() {
        let text = "Atelier CV mardi 14h, Bondy. Place confirmée : https://a.fr/s/K3";
        let file = sms_file("+33612345678", "ATELIERS93", measure(text), text);
        let sms = read_sms_file("0003", None, &file).unwrap();
        assert_eq!(sms.to, "+33612345678");
        assert_eq!(sms.encoding, "GSM 03.38");
        assert_eq!(sms.segments, 1);
        assert_eq!(sms.text, text);
        let emoji = sms_file(
            "+33612345678",
            "ATELIERS93",
            measure("Bravo 🎉"),
            "Bravo 🎉",
        );
        assert_eq!(
            read_sms_file("0004", None, &emoji).unwrap().encoding,
            "UCS-2"
        );
    }

    #[test]
    fn files_of_another_form_are_skipped() {
        assert_eq!(read_sms_file("0001", None, "bonjour"), None);
        assert_eq!(
            read_sms_file(
                "0001",
                None,
                "À : +336\nCodage : Morse · 1 segment(s)\n\nx\n"
            ),
            None
        );
    }
}
