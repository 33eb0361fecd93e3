//! One French message, written once as [`MailText`] and sent as plain text and HTML, with the
//! calendar inline (`text/calendar; method=…`) when it carries an invitation, plus the same
//! calendar as an `invitation.ics` attachment for mail clients that only show attachments.
//! Every message ends with the funder's co-funding mention (`MAIL_FOOTER`).

use lettre::Message;
use lettre::message::header::{ContentDisposition, ContentType};
use lettre::message::{Mailbox, MultiPart, SinglePart};

use super::calendar::CalendarMethod;

/// What a message says, in French, before it becomes text and HTML.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MailText {
    pub subject: String,
    /// "Bonjour Yanis,"
    pub greeting: String,
    /// What happened and who did it, first.
    pub paragraphs: Vec<String>,
    /// "Quand", "Où", "À apporter"…
    pub details: Vec<(String, String)>,
    /// A button in HTML, a plain line in text.
    pub link: Option<(String, String)>,
    /// The programme's co-funding mention (configurable).
    pub footer: String,
}

impl MailText {
    pub fn plain(&self) -> String {
        let mut text = format!("{}\n\n", self.greeting);
        for paragraph in &self.paragraphs {
            text.push_str(paragraph);
            text.push_str("\n\n");
        }
        for (label, value) in &self.details {
            text.push_str(&format!("{label} : {value}\n"));
        }
        if !self.details.is_empty() {
            text.push('\n');
        }
        if let Some((label, url)) = &self.link {
            text.push_str(&format!("{label} : {url}\n\n"));
        }
        text.push_str("-- \nAteliers — Missions Locales de Seine-Saint-Denis\n");
        text.push_str(&self.footer);
        text.push('\n');
        text
    }

    pub fn html(&self) -> String {
        let mut html = String::from(
            "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width\"></head>\
             <body style=\"font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;\
             color:#1a1a1a;max-width:36em;margin:0 auto;padding:16px\">",
        );
        html.push_str(&format!("<p>{}</p>", escape(&self.greeting)));
        for paragraph in &self.paragraphs {
            html.push_str(&format!(
                "<p>{}</p>",
                escape(paragraph).replace('\n', "<br>")
            ));
        }
        if !self.details.is_empty() {
            html.push_str("<table role=\"presentation\" style=\"border-collapse:collapse\">");
            for (label, value) in &self.details {
                html.push_str(&format!(
                    "<tr><th scope=\"row\" style=\"text-align:left;vertical-align:top;\
                     padding:4px 12px 4px 0\">{}</th><td style=\"padding:4px 0\">{}</td></tr>",
                    escape(label),
                    escape(value).replace('\n', "<br>")
                ));
            }
            html.push_str("</table>");
        }
        if let Some((label, url)) = &self.link {
            html.push_str(&format!(
                "<p style=\"margin:24px 0\"><a href=\"{}\" style=\"background:#0b5394;color:#fff;\
                 padding:12px 20px;border-radius:6px;text-decoration:none;display:inline-block\">\
                 {}</a></p>",
                escape(url),
                escape(label)
            ));
        }
        html.push_str(&format!(
            "<hr style=\"border:0;border-top:1px solid #ccc\"><p style=\"font-size:13px;\
             color:#555\">Ateliers — Missions Locales de Seine-Saint-Denis<br>{}</p></body></html>",
            escape(&self.footer)
        ));
        html
    }
}

/// The headers of one message: one recipient per message.
pub struct Envelope<'a> {
    pub from: &'a Mailbox,
    pub reply_to: Option<Mailbox>,
    pub to: Mailbox,
}

/// Builds the message, with a fresh Message-ID that the outbox then keeps for every retry.
pub fn compose(
    envelope: Envelope<'_>,
    text: &MailText,
    calendar: Option<(CalendarMethod, &str)>,
) -> Result<Message, lettre::error::Error> {
    let mut builder = Message::builder()
        .from(envelope.from.clone())
        .to(envelope.to)
        .subject(&text.subject)
        .message_id(None)
        .date_now();
    if let Some(reply_to) = envelope.reply_to {
        builder = builder.reply_to(reply_to);
    }
    let alternative = MultiPart::alternative()
        .singlepart(SinglePart::plain(text.plain()))
        .singlepart(SinglePart::html(text.html()));
    match calendar {
        None => builder.multipart(alternative),
        Some((method, calendar)) => {
            let inline = SinglePart::builder()
                .header(content_type(&format!(
                    "text/calendar; method={}; charset=UTF-8",
                    method.code()
                )))
                .body(calendar.to_owned());
            let attachment = SinglePart::builder()
                .header(content_type("application/ics; name=\"invitation.ics\""))
                .header(ContentDisposition::attachment("invitation.ics"))
                .body(calendar.to_owned());
            builder.multipart(
                MultiPart::mixed()
                    .multipart(alternative.singlepart(inline))
                    .singlepart(attachment),
            )
        }
    }
}

#[expect(
    clippy::expect_used,
    reason = "called with constant content types only"
)]
fn content_type(value: &str) -> ContentType {
    ContentType::parse(value).expect("a constant, valid content type")
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text() -> MailText {
        MailText {
            subject: "Inscription confirmée : Atelier CV".into(),
            greeting: "Bonjour Yanis,".into(),
            paragraphs: vec!["Votre inscription est confirmée <bravo>.".into()],
            details: vec![(
                "Quand".into(),
                "mardi 15 juillet 2026, 14 h 00 – 16 h 00".into(),
            )],
            link: Some((
                "Voir l'atelier".into(),
                "https://ateliers.example/ateliers/7".into(),
            )),
            footer: "Programme cofinancé par l'Union européenne.".into(),
        }
    }

    #[test]
    fn html_is_escaped_and_text_reads_alone() {
        let text = text();
        assert!(text.html().contains("&lt;bravo&gt;"));
        let plain = text.plain();
        assert!(plain.contains("Quand : mardi 15 juillet 2026"));
        assert!(plain.contains("Voir l'atelier : https://ateliers.example/ateliers/7"));
        assert!(plain.ends_with("Programme cofinancé par l'Union européenne.\n"));
    }

    #[test]
    fn the_calendar_is_inline_next_to_text_and_html_and_attached_once() {
        let from: Mailbox = "Ateliers <ne-pas-repondre@ateliers.example>"
            .parse()
            .unwrap();
        let message = compose(
            Envelope {
                from: &from,
                reply_to: None,
                to: "Yanis <yanis@example.org>".parse().unwrap(),
            },
            &text(),
            Some((
                CalendarMethod::Request,
                "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
            )),
        )
        .unwrap();
        let raw = String::from_utf8(message.formatted()).unwrap();
        assert!(raw.contains("Message-ID: <"));
        assert_eq!(
            raw.to_ascii_lowercase()
                .matches("content-type: text/calendar; method=request; charset=utf-8")
                .count(),
            1
        );
        assert!(raw.contains("multipart/alternative"));
        assert!(raw.contains("Content-Disposition: attachment; filename=\"invitation.ics\""));
    }
}
