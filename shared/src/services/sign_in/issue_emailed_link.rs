use chrono::{DateTime, Duration, Utc};
use lettre::Message;
use lettre::message::Mailbox;
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};

use crate::ServiceError;
use crate::auth::SecretToken;
use crate::domain::{LinkPurpose, SignInRefusal};
use crate::entities::{person, sign_in_link};
use crate::services::notifications::queue_mail::{MailAbout, queue_mail_about};

/// Where links point and who mail comes from.
#[derive(Clone, Debug)]
pub struct MailSettings {
    /// The public address of Ateliers, e.g. `https://ateliers.convergence93.fr`.
    pub site_url: String,
    pub from: Mailbox,
    /// The programme's co-funding mention, at the foot of every mail (`MAIL_FOOTER`).
    pub footer: String,
}

/// The funder's mention when none is configured.
pub const DEFAULT_MAIL_FOOTER: &str =
    "Programme cofinancé par l'Union européenne (Fonds social européen+).";

/// The mails that carry a single-use link.
#[derive(Clone, Debug)]
pub enum LinkMail {
    /// Asked for on the sign-in page.
    SignIn,
    /// Sent when a counsellor creates a youth's file: `counsellor` is who did it.
    WelcomeYouth { counsellor: String },
    /// Sent when a counsellor adds a guest facilitator.
    WelcomeFacilitator { counsellor: String },
    /// Asked for by a staff member who forgot their password.
    PasswordReset,
    /// Sent when a coordinator opens a staff account: the link sets the first password.
    WelcomeStaff { coordinator: String },
}

/// How long an emailed sign-in link works when the person asked for it.
pub const SIGN_IN_LINK_LIFETIME: Duration = Duration::minutes(30);
/// A welcome link may be read a few days later; a new one can be asked for at any time.
pub const WELCOME_LINK_LIFETIME: Duration = Duration::days(3);

impl LinkMail {
    fn purpose(&self) -> LinkPurpose {
        match self {
            LinkMail::PasswordReset | LinkMail::WelcomeStaff { .. } => LinkPurpose::PasswordReset,
            _ => LinkPurpose::SignIn,
        }
    }

    fn lifetime(&self) -> Duration {
        match self {
            LinkMail::WelcomeYouth { .. }
            | LinkMail::WelcomeFacilitator { .. }
            | LinkMail::WelcomeStaff { .. } => WELCOME_LINK_LIFETIME,
            LinkMail::SignIn | LinkMail::PasswordReset => SIGN_IN_LINK_LIFETIME,
        }
    }

    fn path(&self) -> &'static str {
        match self {
            LinkMail::PasswordReset | LinkMail::WelcomeStaff { .. } => "mot-de-passe",
            _ => "connexion",
        }
    }

    fn subject(&self) -> &'static str {
        match self {
            LinkMail::SignIn => "Votre lien de connexion à Ateliers",
            LinkMail::WelcomeYouth { .. } => "Bienvenue dans les ateliers de la Mission Locale",
            LinkMail::WelcomeFacilitator { .. } => "Votre espace intervenant sur Ateliers",
            LinkMail::PasswordReset => "Choisir un nouveau mot de passe Ateliers",
            LinkMail::WelcomeStaff { .. } => "Votre compte Ateliers est ouvert",
        }
    }

    fn body(&self, first_name: &str, link: &str, footer: &str) -> String {
        let intro = match self {
            LinkMail::SignIn => "Pour vous connecter à Ateliers, ouvrez ce lien :".to_owned(),
            LinkMail::WelcomeYouth { counsellor } => format!(
                "{counsellor}, votre conseiller ou conseillère à la Mission Locale, vous a inscrit·e \
                 sur Ateliers : vous y trouverez les ateliers collectifs du programme (CV, entretiens, \
                 confiance en soi, médias...) et pourrez vous y inscrire depuis votre téléphone.\n\n\
                 Pour ouvrir votre espace, ouvrez ce lien :"
            ),
            LinkMail::WelcomeFacilitator { counsellor } => format!(
                "{counsellor} vous a ajouté·e comme intervenant·e sur Ateliers, l'outil des ateliers \
                 collectifs des Missions Locales de Seine-Saint-Denis. Vous y verrez les séances que \
                 vous animez, avec l'adresse et la personne à contacter.\n\n\
                 Pour ouvrir votre espace, ouvrez ce lien :"
            ),
            LinkMail::PasswordReset => {
                "Pour choisir un nouveau mot de passe Ateliers, ouvrez ce lien :".to_owned()
            }
            LinkMail::WelcomeStaff { coordinator } => format!(
                "{coordinator} vous a ouvert un compte sur Ateliers, l'outil des ateliers collectifs \
                 des Missions Locales de Seine-Saint-Denis.\n\n\
                 Pour choisir votre mot de passe, ouvrez ce lien :"
            ),
        };
        let validity = match self {
            LinkMail::WelcomeYouth { .. }
            | LinkMail::WelcomeFacilitator { .. }
            | LinkMail::WelcomeStaff { .. } => {
                "Il fonctionne une seule fois, pendant 3 jours. Ensuite, demandez un nouveau lien \
                 sur la page de connexion en tapant votre adresse e-mail."
            }
            LinkMail::SignIn | LinkMail::PasswordReset => {
                "Il fonctionne une seule fois, pendant 30 minutes. Si vous n'avez rien demandé, \
                 ignorez ce message : personne ne peut se connecter sans ce lien."
            }
        };
        format!(
            "Bonjour {first_name},\n\n{intro}\n\n{link}\n\n{validity}\n\n\
             -- \nAteliers — Missions Locales de Seine-Saint-Denis\n{footer}\n"
        )
    }
}

/// Creates a single-use link for `person` and queues the mail that carries it, on `db` (the
/// caller's transaction, so that the link and its mail are saved together or not at all).
pub(crate) async fn issue_emailed_link(
    db: &impl ConnectionTrait,
    person: &person::Model,
    kind: LinkMail,
    mail: &MailSettings,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let Some(email) = person.email.as_deref() else {
        return Ok(()); // reachable by phone only: the counsellor passes the news on
    };
    let secret = SecretToken::generate();
    let link = format!(
        "{}/{}/{}",
        mail.site_url.trim_end_matches('/'),
        kind.path(),
        secret.token
    );
    let to = email
        .parse()
        .map_err(|_| ServiceError::from(SignInRefusal::UnusableAddress))?;
    let message = Message::builder()
        .from(mail.from.clone())
        .to(Mailbox::new(
            Some(format!("{} {}", person.first_name, person.last_name)),
            to,
        ))
        .subject(kind.subject())
        .message_id(None)
        .body(kind.body(&person.first_name, &link, &mail.footer))
        .map_err(|error| {
            ServiceError::Database(sea_orm::DbErr::Custom(format!("composing mail: {error}")))
        })?;
    sign_in_link::ActiveModel {
        token_hash: Set(secret.hash),
        person_id: Set(person.id),
        created_at: Set(now),
        expires_at: Set(now + kind.lifetime()),
        used_at: Set(None),
        purpose: Set(kind.purpose().code().to_owned()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    queue_mail_about(
        db,
        &message,
        MailAbout {
            person_id: Some(person.id),
            session_id: None,
        },
        now,
    )
    .await?;
    Ok(())
}
