//! A youth's copy of everything Ateliers holds about them (GDPR art. 15 and 20, issue 21): one
//! archive with a readable page (`mes-donnees.html`) and the same as data (`mes-donnees.json`).
//! The youth downloads it from their home page; their referent or a coordinator can produce it
//! for them. Every archive produced is audited on the youth.
//!
//! What it holds: identity and contact, the programme (dates, outcome, referent, Mission Locale),
//! the sensitive flags (their own data), places and attendance, individual contacts, the mail
//! and SMS sent about them (when and what about), the history of their file and who read their
//! sensitive flags. Not other people's data: other youths of a session are never named.

use serde::{Deserialize, Serialize};

/// Everything held about one youth, ready to read or to reuse.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct YouthArchive {
    /// « 5 décembre 2026 à 15 h 10 ».
    pub produced_at: String,
    pub identity: ArchiveIdentity,
    pub programme: ArchiveProgramme,
    pub sensitive_flags: ArchiveFlags,
    pub places: Vec<ArchivePlace>,
    pub attendance: Vec<ArchiveAttendance>,
    pub individual_contacts: Vec<ArchiveContact>,
    pub messages: Vec<ArchiveMessage>,
    pub history: Vec<ArchiveEvent>,
    pub sensitive_reads: Vec<ArchiveEvent>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArchiveIdentity {
    pub first_name: String,
    pub last_name: String,
    /// `2006-04-09`.
    pub date_of_birth: String,
    pub gender: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// « Par e-mail », « Par SMS »…
    pub notices: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArchiveProgramme {
    pub entry: String,
    pub exit: Option<String>,
    pub exit_outcome: Option<String>,
    pub referent: String,
    pub mission_locale: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArchiveFlags {
    pub disability_recognised: bool,
    pub judicial_supervision: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArchivePlace {
    pub workshop: String,
    pub day: String,
    /// « Inscrit·e », « Liste d'attente », « Annulée »…
    pub status: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArchiveAttendance {
    pub workshop: String,
    pub day: String,
    /// « Présent·e », « Absent·e »…
    pub status: String,
    pub signed: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArchiveContact {
    pub day: String,
    pub kind: String,
    pub minutes: u32,
    pub subject: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArchiveMessage {
    pub at: String,
    /// « E-mail » or « SMS ».
    pub channel: String,
    /// The mail's subject, or the SMS's text.
    pub about: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArchiveEvent {
    pub at: String,
    pub who: String,
    pub what: String,
}

impl YouthArchive {
    /// The readable page: plain HTML, every value escaped, no script, no outside resource.
    pub fn html(&self) -> String {
        let mut page = String::from(
            "<!doctype html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n\
             <title>Mes données — Ateliers</title>\n\
             <style>body{font-family:sans-serif;max-width:48rem;margin:1rem auto;padding:0 1rem}\
             table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:.25rem;text-align:left}</style>\n\
             </head>\n<body>\n",
        );
        let identity = &self.identity;
        page += &format!(
            "<h1>Mes données dans Ateliers</h1>\n<p>Copie produite le {}.</p>\n",
            escape(&self.produced_at)
        );
        page += &definitions(
            "Identité et coordonnées",
            &[
                ("Prénom", identity.first_name.clone()),
                ("Nom", identity.last_name.clone()),
                ("Date de naissance", identity.date_of_birth.clone()),
                ("Genre", identity.gender.clone()),
                (
                    "E-mail",
                    identity.email.clone().unwrap_or_else(|| "—".into()),
                ),
                (
                    "Téléphone",
                    identity.phone.clone().unwrap_or_else(|| "—".into()),
                ),
                ("Être prévenu·e", identity.notices.clone()),
            ],
        );
        let programme = &self.programme;
        page += &definitions(
            "Programme",
            &[
                ("Entrée", programme.entry.clone()),
                (
                    "Sortie",
                    programme.exit.clone().unwrap_or_else(|| "—".into()),
                ),
                (
                    "Situation à la sortie",
                    programme.exit_outcome.clone().unwrap_or_else(|| "—".into()),
                ),
                ("Conseiller·e référent·e", programme.referent.clone()),
                ("Mission Locale", programme.mission_locale.clone()),
                (
                    "Reconnaissance de handicap",
                    yes_no(self.sensitive_flags.disability_recognised),
                ),
                (
                    "Suivi judiciaire",
                    yes_no(self.sensitive_flags.judicial_supervision),
                ),
            ],
        );
        page += &table(
            "Inscriptions",
            &["Atelier", "Date", "Statut"],
            self.places.iter().map(|place| {
                vec![
                    place.workshop.clone(),
                    place.day.clone(),
                    place.status.clone(),
                ]
            }),
        );
        page += &table(
            "Présences",
            &["Atelier", "Date", "Statut", "Signé"],
            self.attendance.iter().map(|line| {
                vec![
                    line.workshop.clone(),
                    line.day.clone(),
                    line.status.clone(),
                    yes_no(line.signed),
                ]
            }),
        );
        page += &table(
            "Entretiens et contacts individuels",
            &["Date", "Type", "Durée (min)", "Objet"],
            self.individual_contacts.iter().map(|contact| {
                vec![
                    contact.day.clone(),
                    contact.kind.clone(),
                    contact.minutes.to_string(),
                    contact.subject.clone(),
                ]
            }),
        );
        page += &table(
            "Messages envoyés",
            &["Date", "Canal", "Objet"],
            self.messages.iter().map(|message| {
                vec![
                    message.at.clone(),
                    message.channel.clone(),
                    message.about.clone(),
                ]
            }),
        );
        page += &table(
            "Historique de la fiche",
            &["Date", "Par", "Action"],
            self.history
                .iter()
                .map(|event| vec![event.at.clone(), event.who.clone(), event.what.clone()]),
        );
        page += &table(
            "Consultations des informations sensibles",
            &["Date", "Par", "Informations"],
            self.sensitive_reads
                .iter()
                .map(|event| vec![event.at.clone(), event.who.clone(), event.what.clone()]),
        );
        page += "<p>Pour corriger ces données ou demander leur effacement, adressez-vous à votre conseiller·e. \
                 Ce qui prouve votre participation au financeur est conservé jusqu'à la fin de sa durée légale \
                 (voir la page « Confidentialité » d'Ateliers).</p>\n</body>\n</html>\n";
        page
    }
}

fn yes_no(yes: bool) -> String {
    if yes { "oui" } else { "non" }.to_owned()
}

/// HTML-escapes text for an element's content or an attribute.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

fn definitions(title: &str, rows: &[(&str, String)]) -> String {
    let mut html = format!("<h2>{}</h2>\n<dl>\n", escape(title));
    for (term, value) in rows {
        html += &format!("<dt>{}</dt><dd>{}</dd>\n", escape(term), escape(value));
    }
    html + "</dl>\n"
}

fn table(title: &str, headers: &[&str], rows: impl Iterator<Item = Vec<String>>) -> String {
    let rows: Vec<Vec<String>> = rows.collect();
    let mut html = format!("<h2>{}</h2>\n", escape(title));
    if rows.is_empty() {
        return html + "<p>Aucun.</p>\n";
    }
    html += "<table>\n<tr>";
    for header in headers {
        html += &format!("<th scope=\"col\">{}</th>", escape(header));
    }
    html += "</tr>\n";
    for row in rows {
        html += "<tr>";
        for cell in row {
            html += &format!("<td>{}</td>", escape(&cell));
        }
        html += "</tr>\n";
    }
    html + "</table>\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn archive() -> YouthArchive {
        YouthArchive {
            produced_at: "5 décembre 2026 à 15 h 10".into(),
            identity: ArchiveIdentity {
                first_name: "Inès".into(),
                last_name: "<script>alert(1)</script>".into(),
                date_of_birth: "2006-04-09".into(),
                gender: "Femme".into(),
                email: Some("ines@exemple.fr".into()),
                phone: None,
                notices: "Par e-mail".into(),
            },
            programme: ArchiveProgramme {
                entry: "2 mars 2026".into(),
                exit: None,
                exit_outcome: None,
                referent: "Ingrid Martin".into(),
                mission_locale: "Mission Locale de Bondy".into(),
            },
            sensitive_flags: ArchiveFlags {
                disability_recognised: true,
                judicial_supervision: false,
            },
            places: Vec::new(),
            attendance: vec![ArchiveAttendance {
                workshop: "Atelier CV".into(),
                day: "12 mars 2026".into(),
                status: "Présent·e".into(),
                signed: true,
            }],
            individual_contacts: Vec::new(),
            messages: Vec::new(),
            history: Vec::new(),
            sensitive_reads: Vec::new(),
        }
    }

    #[test]
    fn the_page_reads_in_french_and_escapes_every_value() {
        let html = archive().html();
        assert!(html.contains("<h1>Mes données dans Ateliers</h1>"));
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(!html.contains("<script>"));
        assert!(html.contains("<dt>Reconnaissance de handicap</dt><dd>oui</dd>"));
        assert!(
            html.contains("<td>Atelier CV</td><td>12 mars 2026</td><td>Présent·e</td><td>oui</td>")
        );
        assert!(html.contains("<h2>Inscriptions</h2>\n<p>Aucun.</p>"));
    }
}
