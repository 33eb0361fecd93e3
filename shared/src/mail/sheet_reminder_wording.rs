//! What the reminder to a counsellor says when sessions they run ended some time ago with their
//! attendance sheet still open (see `services/notifications/send_sheet_reminders.rs`): which
//! sessions, what is left on each, why it matters (the funder counts only signed sheets), and the
//! way to the roll-call. One mail per counsellor and pass: about the session when there is one,
//! else a list.

use super::compose::MailText;
use crate::domain::SheetToClose;

/// At most this many sessions are listed in one reminder; the others are counted (« et N
/// autres ») with a link to the counsellor's sheets to close.
pub const SHEET_REMINDER_LIST_MAX: usize = 50;

/// A session the reminder is about: the line of « Émargements à clôturer » and its roll-call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SheetDue {
    pub sheet: SheetToClose,
    /// The session's roll-call page, where the sheet is signed and closed or its scan uploaded.
    pub roll_call_url: String,
}

/// The text of the reminder to the counsellor `first_name` about `sheets` (at least one, oldest
/// first), sessions ended `delay_hours` or more ago. One session: its details and a button to its
/// roll-call. Several: a line each with a link to its roll-call, at most
/// [`SHEET_REMINDER_LIST_MAX`], then « Et N autres » and a button to `list_url`.
pub fn sheet_reminder_text(
    first_name: &str,
    sheets: &[SheetDue],
    delay_hours: u32,
    list_url: &str,
    footer: &str,
) -> MailText {
    let greeting = format!("Bonjour {first_name},");
    let delay = delay_label(delay_hours);
    let why = "Le Fonds social européen ne retient que les présences prouvées par une feuille \
               d'émargement signée. Faites l'appel, faites signer les jeunes présents, puis \
               signez et clôturez la feuille ; si l'émargement s'est fait sur papier, déposez le \
               scan de la feuille signée sur la même page."
        .to_owned();
    match sheets {
        [due] => MailText {
            subject: format!("Feuille d'émargement à clôturer : {}", due.sheet.title),
            greeting,
            paragraphs: vec![
                format!(
                    "La séance « {} » que vous animez est terminée depuis plus de {delay} et sa \
                     feuille d'émargement n'est pas close.",
                    due.sheet.title
                ),
                why,
                "Ce rappel n'est envoyé qu'une fois ; la séance reste dans « Émargements à \
                 clôturer » jusqu'à la clôture de sa feuille."
                    .to_owned(),
            ],
            details: vec![
                ("Séance".to_owned(), due.sheet.title.clone()),
                ("Quand".to_owned(), due.sheet.when.clone()),
                (
                    "Mission Locale".to_owned(),
                    due.sheet.mission_locale.clone(),
                ),
                ("Reste à faire".to_owned(), due.sheet.what_is_left.clone()),
            ],
            link: Some(("Ouvrir l'émargement".to_owned(), due.roll_call_url.clone())),
            footer: footer.to_owned(),
        },
        _ => {
            let count = sheets.len();
            let mut paragraphs = vec![
                format!(
                    "{count} séances que vous animez sont terminées depuis plus de {delay} et \
                     leur feuille d'émargement n'est pas close."
                ),
                why,
                "Ce rappel n'est envoyé qu'une fois par séance ; elles restent dans « \
                 Émargements à clôturer » jusqu'à la clôture de leur feuille."
                    .to_owned(),
            ];
            let mut details: Vec<(String, String)> = sheets
                .iter()
                .take(SHEET_REMINDER_LIST_MAX)
                .map(|due| {
                    (
                        due.sheet.title.clone(),
                        format!(
                            "{} ({}) — {}\n{}",
                            due.sheet.when,
                            due.sheet.mission_locale,
                            due.sheet.what_is_left,
                            due.roll_call_url
                        ),
                    )
                })
                .collect();
            let others = count.saturating_sub(SHEET_REMINDER_LIST_MAX);
            if others > 0 {
                paragraphs.push(format!(
                    "La liste ci-dessous montre les {SHEET_REMINDER_LIST_MAX} plus anciennes ; \
                     vous trouverez les autres dans « Émargements à clôturer »."
                ));
                let label = match others {
                    1 => "Et 1 autre".to_owned(),
                    others => format!("Et {others} autres"),
                };
                details.push((label, list_url.to_owned()));
            }
            MailText {
                subject: format!("{count} feuilles d'émargement à clôturer"),
                greeting,
                paragraphs,
                details,
                link: Some((
                    "Voir les émargements à clôturer".to_owned(),
                    list_url.to_owned(),
                )),
                footer: footer.to_owned(),
            }
        }
    }
}

/// "1 heure", "24 heures", "48 heures", "3 jours": whole days beyond two.
fn delay_label(hours: u32) -> String {
    match hours {
        1 => "1 heure".to_owned(),
        hours if hours > 48 && hours % 24 == 0 => format!("{} jours", hours / 24),
        hours => format!("{hours} heures"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::SessionId;

    fn due(id: i32, title: &str, what_is_left: &str) -> SheetDue {
        SheetDue {
            sheet: SheetToClose {
                session_id: SessionId::new(id),
                title: title.into(),
                when: "mardi 1er décembre 2026, 9 h 30 – 12 h 00".into(),
                mission_locale: "Mission Locale de Bondy".into(),
                under_way: false,
                what_is_left: what_is_left.into(),
            },
            roll_call_url: format!("https://ateliers.example/seances/{id}/emargement"),
        }
    }

    const LIST: &str = "https://ateliers.example/emargements";

    #[test]
    fn one_session_is_described_with_a_button_to_its_roll_call() {
        let text = sheet_reminder_text(
            "Ingrid",
            &[due(7, "Atelier CV", "Appel à faire")],
            24,
            LIST,
            "Programme cofinancé par l'Union européenne.",
        );
        assert_eq!(text.subject, "Feuille d'émargement à clôturer : Atelier CV");
        let plain = text.plain();
        assert!(plain.starts_with("Bonjour Ingrid,"));
        assert!(plain.contains("est terminée depuis plus de 24 heures"));
        assert!(plain.contains("Quand : mardi 1er décembre 2026, 9 h 30 – 12 h 00"));
        assert!(plain.contains("Reste à faire : Appel à faire"));
        assert!(
            plain.contains("Ouvrir l'émargement : https://ateliers.example/seances/7/emargement")
        );
        assert!(plain.ends_with("Programme cofinancé par l'Union européenne.\n"));
    }

    #[test]
    fn several_sessions_are_listed_each_with_its_roll_call() {
        let text = sheet_reminder_text(
            "Ingrid",
            &[
                due(7, "Atelier CV", "Appel à faire"),
                due(9, "Simulation d'entretien", "À signer et clôturer"),
            ],
            36,
            LIST,
            "",
        );
        assert_eq!(text.subject, "2 feuilles d'émargement à clôturer");
        let plain = text.plain();
        assert!(
            plain.contains("2 séances que vous animez sont terminées depuis plus de 36 heures")
        );
        assert!(plain.contains(
            "Simulation d'entretien : mardi 1er décembre 2026, 9 h 30 – 12 h 00 (Mission Locale de \
             Bondy) — À signer et clôturer\nhttps://ateliers.example/seances/9/emargement\n"
        ));
        assert!(plain.contains(&format!("Voir les émargements à clôturer : {LIST}")));
        assert!(!plain.contains("autre"));
    }

    #[test]
    fn a_long_list_keeps_the_oldest_and_counts_the_others() {
        let sheets: Vec<SheetDue> = (0..SHEET_REMINDER_LIST_MAX as i32 + 2)
            .map(|id| due(id, &format!("Séance {id}"), "Appel à faire"))
            .collect();
        let text = sheet_reminder_text("Ingrid", &sheets, 48, LIST, "");
        assert!(text.plain().contains("depuis plus de 48 heures"));
        assert_eq!(text.details.len(), SHEET_REMINDER_LIST_MAX + 1);
        assert!(text.plain().contains(&format!("Et 2 autres : {LIST}")));
        assert!(
            !text
                .plain()
                .contains(&format!("Séance {} :", SHEET_REMINDER_LIST_MAX))
        );
    }

    #[test]
    fn the_delay_reads_in_hours_or_whole_days() {
        assert_eq!(delay_label(1), "1 heure");
        assert_eq!(delay_label(12), "12 heures");
        assert_eq!(delay_label(24), "24 heures");
        assert_eq!(delay_label(48), "48 heures");
        assert_eq!(delay_label(72), "3 jours");
        assert_eq!(delay_label(30), "30 heures");
    }
}
