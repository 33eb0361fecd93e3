//! What each mail about a session says, in plain and friendly French: who did what first
//! ("Ingrid Martin (Mission Locale de Bondy) vous a inscrit·e"), never "at your request" when
//! the youth did nothing, then when, where and what to bring.

use chrono::{DateTime, Utc};

use super::compose::MailText;
use crate::domain::{format_session_date, format_session_hours};

/// A session as its mails describe it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionSummary {
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// "Mission Locale de Bondy — Salle Louise Michel"
    pub place_name: String,
    pub address: String,
    pub access_notes: Vec<String>,
    pub what_to_bring: String,
    pub note_for_youths: String,
    /// The organising Mission Locale.
    pub organiser: String,
}

impl SessionSummary {
    /// "mardi 15 juillet 2026, 14 h 00 – 16 h 00"
    pub fn when(&self) -> String {
        format!(
            "{}, {}",
            format_session_date(self.starts_at),
            format_session_hours(self.starts_at, self.ends_at)
        )
    }

    pub fn location(&self) -> String {
        if self.address.is_empty() {
            self.place_name.clone()
        } else {
            format!("{}, {}", self.place_name, self.address)
        }
    }
}

/// Someone who acted: "Ingrid Martin (Mission Locale de Bondy)".
pub type ActorName<'a> = Option<&'a str>;

/// How a person is on the session (the domain's, named for the wording).
pub use crate::domain::SessionRole as Role;

/// Why a person gets a mail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Why<'a> {
    /// The youth took the place themself.
    RegisteredThemself,
    /// A counsellor gave them a place.
    RegisteredBy(&'a str),
    /// A seat freed up and went to them, first in line.
    PromotedAutomatically,
    /// A counsellor gave them a seat from the waiting list.
    PromotedBy(&'a str),
    /// Their place stands (no news of how): e.g. their address was added later.
    Registered,
    /// A facilitator or counsellor is on the session.
    Leading { added_by: ActorName<'a> },
    /// The session changed: time, place or facilitators.
    Updated {
        by: ActorName<'a>,
        what: &'a [String],
    },
    /// The youth cancelled their place.
    CancelledThemself,
    /// A counsellor took them off the session.
    RemovedBy { by: &'a str, reason: &'a str },
    /// A facilitator or counsellor is no longer on the session.
    NoLongerLeading { by: ActorName<'a> },
    /// The whole session is cancelled.
    SessionCancelled { by: ActorName<'a>, reason: &'a str },
    /// No seat left: on the waiting list.
    Waitlisted { position: u32 },
    /// The youth left the waiting list.
    LeftWaitingList,
    /// A counsellor took them off the waiting list.
    RemovedFromWaitingListBy { by: &'a str, reason: &'a str },
    /// The session they were waiting for is cancelled.
    WaitedSessionCancelled { reason: &'a str },
    /// Before the session.
    Reminder,
}

impl Why<'_> {
    /// The person's calendar copy is withdrawn (iTIP CANCEL).
    pub fn is_cancellation(&self) -> bool {
        matches!(
            self,
            Why::CancelledThemself
                | Why::RemovedBy { .. }
                | Why::NoLongerLeading { .. }
                | Why::SessionCancelled { .. }
        )
    }
}

/// The text of one mail.
pub fn session_mail_text(
    first_name: &str,
    role: Role,
    why: &Why<'_>,
    session: &SessionSummary,
    page_url: &str,
    footer: &str,
) -> MailText {
    let title = &session.title;
    let when = session.when();
    let short = format!("{title}, {}", format_session_date(session.starts_at));
    let (subject, opening) = match why {
        Why::RegisteredThemself => (
            format!("Inscription confirmée : {short}"),
            vec![format!(
                "Votre inscription à l'atelier « {title} » est confirmée. Une place vous attend."
            )],
        ),
        Why::RegisteredBy(by) => (
            format!("Vous êtes inscrit·e : {short}"),
            vec![format!(
                "{by} vous a inscrit·e à l'atelier « {title} ». Une place vous attend."
            )],
        ),
        Why::PromotedAutomatically => (
            format!("Une place pour vous : {short}"),
            vec![format!(
                "Bonne nouvelle : une place s'est libérée à l'atelier « {title} ». Vous étiez le \
                 premier ou la première sur la liste d'attente : vous êtes maintenant inscrit·e."
            )],
        ),
        Why::PromotedBy(by) => (
            format!("Une place pour vous : {short}"),
            vec![format!(
                "Bonne nouvelle : {by} vous a donné une place à l'atelier « {title} ». Vous \
                 n'êtes plus sur la liste d'attente : vous êtes inscrit·e."
            )],
        ),
        Why::Registered => (
            format!("Vous êtes inscrit·e : {short}"),
            vec![format!("Vous êtes inscrit·e à l'atelier « {title} ».")],
        ),
        Why::Leading { added_by } => {
            let what = match role {
                Role::Facilitator => "intervenant·e",
                _ => "conseiller·ère",
            };
            (
                format!("Séance à animer : {short}"),
                vec![match added_by {
                    Some(by) => {
                        format!("{by} vous a ajouté·e comme {what} à la séance « {title} ».")
                    }
                    None => format!("Vous êtes {what} de la séance « {title} »."),
                }],
            )
        }
        Why::Updated { by, what } => {
            let mut lines = vec![match by {
                Some(by) => format!("{by} a modifié la séance « {title} » :"),
                None => format!("La séance « {title} » a été modifiée :"),
            }];
            lines.push(
                what.iter()
                    .map(|line| format!("• {line}"))
                    .collect::<Vec<_>>()
                    .join("\n"),
            );
            lines.push("Votre agenda est mis à jour avec ce message.".to_owned());
            (format!("Modifié : {short}"), lines)
        }
        Why::CancelledThemself => (
            format!("Inscription annulée : {short}"),
            vec![format!(
                "Vous avez annulé votre inscription à l'atelier « {title} ». Votre place va à \
                 quelqu'un d'autre. Vous pouvez vous réinscrire tant qu'il reste des places."
            )],
        ),
        Why::RemovedBy { by, reason } => (
            format!("Inscription retirée : {short}"),
            vec![
                format!("{by} a retiré votre inscription à l'atelier « {title} »."),
                format!("Raison : {reason}"),
                "Pour en parler, contactez votre conseiller ou votre conseillère.".to_owned(),
            ],
        ),
        Why::NoLongerLeading { by } => (
            format!("Vous n'êtes plus sur la séance : {short}"),
            vec![match by {
                Some(by) => format!("{by} vous a retiré·e de la séance « {title} »."),
                None => format!("Vous n'êtes plus sur la séance « {title} »."),
            }],
        ),
        Why::SessionCancelled { by, reason } => (
            format!("Annulé : {short}"),
            vec![
                match by {
                    Some(by) => format!("{by} a annulé la séance « {title} »."),
                    None => format!(
                        "La séance « {title} » est annulée par la {}.",
                        session.organiser
                    ),
                },
                format!("Raison : {reason}"),
                "Votre agenda est mis à jour avec ce message. D'autres ateliers vous attendent \
                 sur Ateliers."
                    .to_owned(),
            ],
        ),
        Why::Waitlisted { position } => (
            format!("Liste d'attente (n° {position}) : {short}"),
            vec![
                format!(
                    "L'atelier « {title} » est complet : vous êtes n° {position} sur la liste \
                     d'attente."
                ),
                "Si une place se libère, elle est à vous et vous recevez une invitation pour \
                 votre agenda. Sans nouvelles de notre part, vous n'êtes pas inscrit·e."
                    .to_owned(),
            ],
        ),
        Why::LeftWaitingList => (
            format!("Vous avez quitté la liste d'attente : {short}"),
            vec![format!(
                "Vous n'êtes plus sur la liste d'attente de l'atelier « {title} »."
            )],
        ),
        Why::RemovedFromWaitingListBy { by, reason } => (
            format!("Liste d'attente : {short}"),
            vec![
                format!("{by} vous a retiré·e de la liste d'attente de l'atelier « {title} »."),
                format!("Raison : {reason}"),
            ],
        ),
        Why::WaitedSessionCancelled { reason } => (
            format!("Annulé : {short}"),
            vec![
                format!(
                    "La séance « {title} », pour laquelle vous étiez sur la liste d'attente, est \
                     annulée par la {}.",
                    session.organiser
                ),
                format!("Raison : {reason}"),
            ],
        ),
        Why::Reminder => (
            format!("Rappel : {title}, {when}"),
            vec![format!(
                "Petit rappel : vous êtes inscrit·e à l'atelier « {title} »."
            )],
        ),
    };

    let mut details = vec![
        ("Quand".to_owned(), when),
        ("Où".to_owned(), session.location()),
    ];
    let attending = role == Role::Youth
        && !why.is_cancellation()
        && !matches!(
            why,
            Why::Waitlisted { .. }
                | Why::LeftWaitingList
                | Why::RemovedFromWaitingListBy { .. }
                | Why::WaitedSessionCancelled { .. }
        );
    if !why.is_cancellation() {
        for note in &session.access_notes {
            details.push(("Sur place".to_owned(), note.clone()));
        }
    }
    if attending {
        if !session.what_to_bring.is_empty() {
            details.push(("À apporter".to_owned(), session.what_to_bring.clone()));
        }
        if !session.note_for_youths.is_empty() {
            details.push((
                "Le mot de la Mission Locale".to_owned(),
                session.note_for_youths.clone(),
            ));
        }
    }
    let mut paragraphs = opening;
    if attending {
        paragraphs.push(
            "Un empêchement ? Annulez depuis la page de l'atelier : votre place ira à quelqu'un \
             sur la liste d'attente."
                .to_owned(),
        );
    }
    let link_label = match role {
        Role::Youth => "Voir l'atelier",
        Role::Facilitator | Role::Counsellor => "Voir la séance",
    };
    MailText {
        subject,
        greeting: format!("Bonjour {first_name},"),
        paragraphs,
        details,
        link: Some((link_label.to_owned(), page_url.to_owned())),
        footer: footer.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn session() -> SessionSummary {
        SessionSummary {
            title: "Atelier CV".into(),
            starts_at: Utc.with_ymd_and_hms(2026, 7, 15, 12, 0, 0).unwrap(),
            ends_at: Utc.with_ymd_and_hms(2026, 7, 15, 14, 0, 0).unwrap(),
            place_name: "Mission Locale de Bondy — Salle Louise Michel".into(),
            address: "12 rue de la République, 93140 Bondy".into(),
            access_notes: vec!["Accessibilité : ascenseur.".into()],
            what_to_bring: "Une clé USB".into(),
            note_for_youths: String::new(),
            organiser: "Mission Locale de Bondy".into(),
        }
    }

    fn text(why: Why<'_>) -> MailText {
        session_mail_text(
            "Yanis",
            Role::Youth,
            &why,
            &session(),
            "https://ateliers.example/ateliers/7",
            "Cofinancé par l'UE.",
        )
    }

    #[test]
    fn says_who_did_it() {
        let by_counsellor = text(Why::RegisteredBy("Ingrid Martin (Mission Locale de Bondy)"));
        assert!(
            by_counsellor.paragraphs[0]
                .starts_with("Ingrid Martin (Mission Locale de Bondy) vous a inscrit·e")
        );
        let removed = text(Why::RemovedBy {
            by: "Ingrid Martin",
            reason: "Vous avez trouvé un emploi",
        });
        assert!(
            removed
                .plain()
                .contains("Raison : Vous avez trouvé un emploi")
        );
        assert!(!removed.plain().contains("votre demande"));
        let cancelled = text(Why::SessionCancelled {
            by: None,
            reason: "Intervenante malade",
        });
        assert!(cancelled.paragraphs[0].contains("annulée par la Mission Locale de Bondy"));
        let by_counsellor = text(Why::SessionCancelled {
            by: Some("Ingrid Martin (Mission Locale de Bondy)"),
            reason: "Intervenante malade",
        });
        assert!(
            by_counsellor.paragraphs[0]
                .starts_with("Ingrid Martin (Mission Locale de Bondy) a annulé la séance")
        );
    }

    #[test]
    fn youths_attending_read_when_where_and_what_to_bring() {
        let plain = text(Why::RegisteredThemself).plain();
        assert!(plain.contains("Quand : mercredi 15 juillet 2026, 14 h 00 – 16 h 00"));
        assert!(plain.contains("Où : Mission Locale de Bondy — Salle Louise Michel, 12 rue"));
        assert!(plain.contains("À apporter : Une clé USB"));
        let waiting = text(Why::Waitlisted { position: 3 });
        assert_eq!(
            waiting.subject,
            "Liste d'attente (n° 3) : Atelier CV, mercredi 15 juillet 2026"
        );
        assert!(!waiting.plain().contains("À apporter"));
    }
}
