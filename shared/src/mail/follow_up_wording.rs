//! What the alert to a referent says when one of their youths has had no contact for weeks (see
//! `services/send_no_contact_alerts.rs`): plain French, the facts first, then what Ateliers does
//! not know (interviews are not recorded yet), then the link to the youth's file.

use chrono::NaiveDate;

use super::compose::MailText;
use crate::domain::format_day;

/// The gap the alert is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoContactGap {
    /// "Yanis Benali".
    pub youth_name: String,
    pub entry: NaiveDate,
    /// The last session attended in the programme, and its title; none since the entry.
    pub last_contact: Option<(NaiveDate, String)>,
    /// Whole weeks since the last contact (or the entry) on the day the alert goes.
    pub weeks: u32,
}

/// The text of the alert to the referent `referent_first_name`, linking to `file_url`.
pub fn no_contact_alert_text(
    referent_first_name: &str,
    gap: &NoContactGap,
    file_url: &str,
    footer: &str,
) -> MailText {
    let youth = &gap.youth_name;
    let weeks = match gap.weeks {
        1 => "1 semaine".to_owned(),
        weeks => format!("{weeks} semaines"),
    };
    let (opening, last_contact) = match &gap.last_contact {
        Some((day, title)) => (
            format!(
                "{youth} n'a participé à aucun atelier depuis le {} ({weeks}).",
                format_day(*day)
            ),
            format!("{}, atelier « {title} »", format_day(*day)),
        ),
        None => (
            format!(
                "{youth} n'a participé à aucun atelier depuis son entrée dans le programme, le {} \
                 ({weeks}).",
                format_day(gap.entry)
            ),
            "Aucun depuis l'entrée dans le programme".to_owned(),
        ),
    };
    MailText {
        subject: format!("Sans nouvelles de {youth} depuis {weeks}"),
        greeting: format!("Bonjour {referent_first_name},"),
        paragraphs: vec![
            opening,
            "Le programme prévoit un à deux contacts par mois. Vous recevez ce message parce que \
             vous êtes son ou sa conseiller·ère référent·e ; il ne sera pas répété tant que le \
             jeune ne participe pas à un nouvel atelier."
                .to_owned(),
            "Ateliers ne connaît que les ateliers collectifs : si vous l'avez vu·e en entretien \
             individuel, vous pouvez ignorer ce message."
                .to_owned(),
        ],
        details: vec![
            ("Dernier atelier suivi".to_owned(), last_contact),
            ("Entrée dans le programme".to_owned(), format_day(gap.entry)),
        ],
        link: Some((
            "Voir la fiche et le parcours".to_owned(),
            file_url.to_owned(),
        )),
        footer: footer.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gap(last_contact: Option<(NaiveDate, String)>, weeks: u32) -> NoContactGap {
        NoContactGap {
            youth_name: "Yanis Benali".into(),
            entry: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
            last_contact,
            weeks,
        }
    }

    #[test]
    fn the_alert_names_the_youth_the_gap_and_the_file() {
        let text = no_contact_alert_text(
            "Ingrid",
            &gap(
                Some((
                    NaiveDate::from_ymd_opt(2026, 4, 7).unwrap(),
                    "Atelier CV".into(),
                )),
                5,
            ),
            "https://ateliers.example/jeunes/12",
            "Programme cofinancé par l'Union européenne.",
        );
        assert_eq!(
            text.subject,
            "Sans nouvelles de Yanis Benali depuis 5 semaines"
        );
        let plain = text.plain();
        assert!(plain.starts_with("Bonjour Ingrid,"));
        assert!(
            plain.contains("Yanis Benali n'a participé à aucun atelier depuis le 7 avril 2026")
        );
        assert!(plain.contains("Dernier atelier suivi : 7 avril 2026, atelier « Atelier CV »"));
        assert!(
            plain.contains("Voir la fiche et le parcours : https://ateliers.example/jeunes/12")
        );
        assert!(plain.ends_with("Programme cofinancé par l'Union européenne.\n"));
    }

    #[test]
    fn without_contact_the_gap_starts_at_the_entry() {
        let text = no_contact_alert_text("Ingrid", &gap(None, 1), "https://x/jeunes/1", "");
        assert_eq!(
            text.subject,
            "Sans nouvelles de Yanis Benali depuis 1 semaine"
        );
        assert!(
            text.plain()
                .contains("depuis son entrée dans le programme, le 2 mars 2026")
        );
    }
}
