//! What the alert to a referent says when youths they follow have had no contact for weeks (see
//! `services/notifications/send_no_contact_alerts.rs`): plain French, the facts first, then how to
//! stop it (record the contact on the file), then the link to the youth's file. One
//! mail per referent and pass: about the youth when there is one, else a list with a link to each
//! file.

use chrono::NaiveDate;

use super::compose::MailText;
use crate::domain::format_day;

/// At most this many youths are listed in one alert; the others are counted (« et N autres »)
/// with a link to the referent's list of youths.
pub const NO_CONTACT_LIST_MAX: usize = 50;

/// A gap the alert is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoContactGap {
    /// "Yanis Benali".
    pub youth_name: String,
    pub entry: NaiveDate,
    /// The last contact in the programme and what it was (« atelier « Atelier CV » »,
    /// « appel téléphonique »); none since the entry.
    pub last_contact: Option<(NaiveDate, String)>,
    /// Whole weeks since the last contact (or the entry) on the day the alert goes.
    pub weeks: u32,
    /// The youth's file.
    pub file_url: String,
}

/// The text of the alert to the referent `referent_first_name` about `gaps` (at least one, listed
/// in the order given), youths without contact for `threshold` weeks or more. One gap: the mail
/// is about that youth and links to their file. Several: one line per youth (weeks, last
/// contact, link to the file), at most [`NO_CONTACT_LIST_MAX`], then « Et N autres » and a link
/// to `list_url`, the referent's list of youths.
pub fn no_contact_alert_text(
    referent_first_name: &str,
    gaps: &[NoContactGap],
    threshold: u32,
    list_url: &str,
    footer: &str,
) -> MailText {
    let greeting = format!("Bonjour {referent_first_name},");
    match gaps {
        [gap] => one_gap_text(greeting, gap, footer),
        _ => several_gaps_text(greeting, gaps, threshold, list_url, footer),
    }
}

fn one_gap_text(greeting: String, gap: &NoContactGap, footer: &str) -> MailText {
    let youth = &gap.youth_name;
    let weeks = weeks_label(gap.weeks);
    let (opening, last_contact) = match &gap.last_contact {
        Some((day, what)) => (
            format!(
                "{youth} n'a eu aucun contact, ni atelier ni entretien, depuis le {} ({weeks}).",
                format_day(*day)
            ),
            format!("{}, {what}", format_day(*day)),
        ),
        None => (
            format!(
                "{youth} n'a eu aucun contact, ni atelier ni entretien, depuis son entrée dans le \
                 programme, le {} ({weeks}).",
                format_day(gap.entry)
            ),
            "Aucun depuis l'entrée dans le programme".to_owned(),
        ),
    };
    MailText {
        subject: format!("Sans nouvelles de {youth} depuis {weeks}"),
        greeting,
        paragraphs: vec![
            opening,
            "Le programme prévoit un à deux contacts par mois. Vous recevez ce message parce que \
             vous êtes son ou sa conseiller·ère référent·e ; il ne sera pas répété tant que le \
             jeune n'a pas de nouveau contact."
                .to_owned(),
            "Si vous l'avez vu·e, appelé·e ou lui avez écrit sans l'enregistrer, ajoutez ce \
             contact sur sa fiche : il comptera dans son parcours."
                .to_owned(),
        ],
        details: vec![
            ("Dernier contact".to_owned(), last_contact),
            ("Entrée dans le programme".to_owned(), format_day(gap.entry)),
        ],
        link: Some((
            "Voir la fiche et le parcours".to_owned(),
            gap.file_url.clone(),
        )),
        footer: footer.to_owned(),
    }
}

fn several_gaps_text(
    greeting: String,
    gaps: &[NoContactGap],
    threshold: u32,
    list_url: &str,
    footer: &str,
) -> MailText {
    let count = gaps.len();
    let threshold = weeks_label(threshold);
    let mut paragraphs = vec![
        format!(
            "{count} jeunes dont vous êtes le ou la conseiller·ère référent·e n'ont eu aucun \
             contact, ni atelier ni entretien, depuis {threshold} ou plus."
        ),
        "Le programme prévoit un à deux contacts par mois. Ce message ne sera pas répété pour un \
         jeune tant qu'il n'a pas de nouveau contact."
            .to_owned(),
        "Si vous avez vu, appelé ou écrit à l'un d'eux sans l'enregistrer, ajoutez ce contact \
         sur sa fiche : il comptera dans son parcours."
            .to_owned(),
    ];
    let mut details: Vec<(String, String)> = gaps
        .iter()
        .take(NO_CONTACT_LIST_MAX)
        .map(|gap| {
            let last_contact = match &gap.last_contact {
                Some((day, what)) => format!("dernier contact le {} ({what})", format_day(*day)),
                None => format!("aucun contact depuis l'entrée le {}", format_day(gap.entry)),
            };
            (
                gap.youth_name.clone(),
                format!(
                    "{} sans contact ; {last_contact}\n{}",
                    weeks_label(gap.weeks),
                    gap.file_url
                ),
            )
        })
        .collect();
    let others = count.saturating_sub(NO_CONTACT_LIST_MAX);
    if others > 0 {
        paragraphs.push(format!(
            "La liste ci-dessous en montre {NO_CONTACT_LIST_MAX} ; vous trouverez les autres dans \
             la liste de vos jeunes."
        ));
        let label = match others {
            1 => "Et 1 autre".to_owned(),
            others => format!("Et {others} autres"),
        };
        details.push((label, list_url.to_owned()));
    }
    MailText {
        subject: format!("{count} jeunes sans nouvelles depuis {threshold} ou plus"),
        greeting,
        paragraphs,
        details,
        link: Some((
            "Voir la liste de mes jeunes".to_owned(),
            list_url.to_owned(),
        )),
        footer: footer.to_owned(),
    }
}

/// "1 semaine", "5 semaines".
fn weeks_label(weeks: u32) -> String {
    match weeks {
        1 => "1 semaine".to_owned(),
        weeks => format!("{weeks} semaines"),
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
            file_url: "https://ateliers.example/jeunes/12".into(),
        }
    }

    const LIST: &str = "https://ateliers.example/jeunes?miens=on";

    #[test]
    fn the_alert_names_the_youth_the_gap_and_the_file() {
        let text = no_contact_alert_text(
            "Ingrid",
            &[gap(
                Some((
                    NaiveDate::from_ymd_opt(2026, 4, 7).unwrap(),
                    "atelier « Atelier CV »".into(),
                )),
                5,
            )],
            4,
            LIST,
            "Programme cofinancé par l'Union européenne.",
        );
        assert_eq!(
            text.subject,
            "Sans nouvelles de Yanis Benali depuis 5 semaines"
        );
        let plain = text.plain();
        assert!(plain.starts_with("Bonjour Ingrid,"));
        assert!(plain.contains(
            "Yanis Benali n'a eu aucun contact, ni atelier ni entretien, depuis le 7 avril 2026"
        ));
        assert!(plain.contains("Dernier contact : 7 avril 2026, atelier « Atelier CV »"));
        assert!(plain.contains("ajoutez ce contact sur sa fiche"));
        assert!(
            plain.contains("Voir la fiche et le parcours : https://ateliers.example/jeunes/12")
        );
        assert!(plain.ends_with("Programme cofinancé par l'Union européenne.\n"));
    }

    #[test]
    fn without_contact_the_gap_starts_at_the_entry() {
        let text = no_contact_alert_text("Ingrid", &[gap(None, 1)], 1, LIST, "");
        assert_eq!(
            text.subject,
            "Sans nouvelles de Yanis Benali depuis 1 semaine"
        );
        assert!(
            text.plain()
                .contains("depuis son entrée dans le programme, le 2 mars 2026")
        );
    }

    #[test]
    fn several_youths_are_listed_in_one_mail_with_a_link_to_each_file() {
        let lina = NoContactGap {
            youth_name: "Lina Silent".into(),
            file_url: "https://ateliers.example/jeunes/13".into(),
            ..gap(None, 10)
        };
        let yanis = gap(
            Some((
                NaiveDate::from_ymd_opt(2026, 4, 7).unwrap(),
                "appel téléphonique".into(),
            )),
            5,
        );
        let text = no_contact_alert_text("Ingrid", &[lina, yanis], 4, LIST, "");
        assert_eq!(
            text.subject,
            "2 jeunes sans nouvelles depuis 4 semaines ou plus"
        );
        let plain = text.plain();
        assert!(plain.starts_with("Bonjour Ingrid,"));
        assert!(plain.contains(
            "Lina Silent : 10 semaines sans contact ; aucun contact depuis l'entrée le 2 mars \
             2026\nhttps://ateliers.example/jeunes/13\n"
        ));
        assert!(plain.contains(
            "Yanis Benali : 5 semaines sans contact ; dernier contact le 7 avril 2026 (appel \
             téléphonique)\nhttps://ateliers.example/jeunes/12\n"
        ));
        assert!(plain.contains(&format!("Voir la liste de mes jeunes : {LIST}")));
        assert!(!plain.contains("autre"));
        assert!(text.html().contains("https://ateliers.example/jeunes/13"));
    }

    #[test]
    fn a_long_list_is_cut_and_the_others_counted() {
        let gaps: Vec<NoContactGap> = (0..NO_CONTACT_LIST_MAX + 3)
            .map(|index| NoContactGap {
                youth_name: format!("Jeune {index}"),
                file_url: format!("https://ateliers.example/jeunes/{index}"),
                ..gap(None, 6)
            })
            .collect();
        let text = no_contact_alert_text("Ingrid", &gaps, 4, LIST, "");
        assert_eq!(
            text.subject,
            format!(
                "{} jeunes sans nouvelles depuis 4 semaines ou plus",
                NO_CONTACT_LIST_MAX + 3
            )
        );
        assert_eq!(text.details.len(), NO_CONTACT_LIST_MAX + 1);
        let plain = text.plain();
        assert!(plain.contains(&format!("Jeune {} :", NO_CONTACT_LIST_MAX - 1)));
        assert!(!plain.contains(&format!("Jeune {} :", NO_CONTACT_LIST_MAX)));
        assert!(plain.contains(&format!("Et 3 autres : {LIST}")));
    }
}
