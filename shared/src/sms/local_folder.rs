//! The demo's SMS: written to a folder as `NNNN.txt` instead of leaving by SMPP, so that
//! `make run` shows them without an operator contract. Never outside the demo (the server
//! refuses it, as it refuses the mail folder).

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::services::{SmsRefusal, SmsSender};

pub struct LocalSmsFolder {
    folder: PathBuf,
    written: AtomicUsize,
}

impl LocalSmsFolder {
    /// Creates the folder if needed; numbering goes on after the files already there.
    pub fn new(folder: impl Into<PathBuf>) -> std::io::Result<Self> {
        let folder = folder.into();
        std::fs::create_dir_all(&folder)?;
        let written = std::fs::read_dir(&folder)?.count();
        Ok(Self {
            folder,
            written: AtomicUsize::new(written),
        })
    }
}

impl SmsSender for LocalSmsFolder {
    async fn send(&self, to: &str, text: &str) -> Result<Vec<String>, SmsRefusal> {
        let number = self.written.fetch_add(1, Ordering::SeqCst) + 1;
        let file = self.folder.join(format!("{number:04}.txt"));
        tokio::fs::write(&file, format!("À : {to}\n\n{text}\n"))
            .await
            .map_err(|error| SmsRefusal::Temporary(format!("dossier des SMS : {error}")))?;
        Ok(vec![format!("local-{number:04}")])
    }
}
