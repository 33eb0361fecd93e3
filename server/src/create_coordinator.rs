//! `ateliers create-coordinator`: the first account of a federation, without the demo. The
//! account has no password; the coordinator chooses one from the mailed link. The command sends
//! the mail itself (one dispatcher pass), so that the operator knows at once whether it left.
//! What it prints is for the operator: never the link (its token opens the account).

use anyhow::{Context, bail};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use shared::domain::{EmailAddress, InvalidInput, PersonId, PersonName};
use shared::entities::mail_outbox;
use shared::services::{FirstCoordinator, FirstCoordinatorOutcome, create_first_coordinator};

use crate::config::Settings;
use crate::start_checks::DEMO_DATABASE;
use crate::startup::build_mailer;

/// Who to create, as typed on the command line.
#[derive(clap::Args, Clone, Debug)]
pub struct CoordinatorArgs {
    /// Their email address: the link to choose a password is sent there.
    #[arg(long)]
    pub email: String,
    #[arg(long)]
    pub first_name: String,
    #[arg(long)]
    pub last_name: String,
}

pub async fn create_coordinator(settings: &Settings, args: &CoordinatorArgs) -> anyhow::Result<()> {
    let coordinator = parse(args)?;
    // The link must reach the coordinator wherever they are: the listening address would not.
    let Some(site_url) = settings.public_url.clone() else {
        bail!(
            "ATELIERS_PUBLIC_URL manque : le lien envoyé doit pointer vers l'adresse publique \
             d'Ateliers (par exemple https://ateliers.exemple.fr). Indiquez-la dans .env ou \
             l'environnement ; rien n'a été créé.\n\
             ATELIERS_PUBLIC_URL is missing: the mailed link must point at the public address of \
             Ateliers (e.g. https://ateliers.example.org). Set it in .env or the environment; \
             nothing was created."
        );
    };
    let mailer = build_mailer(settings)?;
    let clock = settings.clock()?;
    let db = shared::services::connect_database(&settings.database_url)
        .await
        .context("cannot open the database")?;
    migrations::migrate(&db)
        .await
        .context("cannot apply the migrations")?;
    let mail = settings.mail_settings(&site_url)?;
    let outcome = create_first_coordinator(&db, &coordinator, &mail, clock.now())
        .await
        .context("cannot create the coordinator")?;
    match outcome {
        FirstCoordinatorOutcome::Created { person_id } => {
            tracing::info!(
                person_id = person_id.get(),
                "coordinator created from the command line"
            );
            println!(
                "Compte de coordination créé (n° {person_id}), sans mot de passe : le lien pour le \
                 choisir part par courriel, valable 3 jours.\n\
                 Coordinator account created (no. {person_id}), without a password: the link to \
                 choose it is mailed, valid for 3 days."
            );
            deliver_now(&db, &mailer, person_id, clock.now()).await
        }
        FirstCoordinatorOutcome::AlreadyThere { person_id } => {
            println!(
                "Rien n'a été créé : cette adresse est déjà celle d'un compte de coordination \
                 (n° {person_id}). Pour recevoir un nouveau lien : « Mot de passe oublié » sur \
                 {site_url}/connexion.\n\
                 Nothing was created: this address already belongs to a coordinator account \
                 (no. {person_id}). For a new link: « Mot de passe oublié » (forgotten password) at \
                 {site_url}/connexion."
            );
            Ok(())
        }
        FirstCoordinatorOutcome::AddressTaken => bail!(
            "Refusé : cette adresse est déjà celle d'une autre personne (jeune, intervenant·e, \
             membre de l'équipe ou compte archivé). Rien n'a été créé ; choisissez une autre \
             adresse.\n\
             Refused: this address already belongs to another person (youth, facilitator, staff \
             member or archived account). Nothing was created; choose another address."
        ),
        FirstCoordinatorOutcome::DemoDatabase => bail!("{DEMO_DATABASE}"),
    }
}

/// The domain's parsers, each message naming the option to correct.
fn parse(args: &CoordinatorArgs) -> anyhow::Result<FirstCoordinator> {
    let parsed = (|| -> Result<FirstCoordinator, InvalidInput> {
        Ok(FirstCoordinator {
            email: EmailAddress::parse(&args.email)?,
            first_name: PersonName::parse("first-name", &args.first_name)?,
            last_name: PersonName::parse("last-name", &args.last_name)?,
        })
    })();
    parsed.map_err(|invalid| {
        anyhow::anyhow!(
            "--{} : {}\nInvalid --{}: nothing was created.",
            invalid.field,
            invalid.message,
            invalid.field
        )
    })
}

/// One dispatcher pass, then what became of the coordinator's mail.
async fn deliver_now(
    db: &DatabaseConnection,
    mailer: &shared::mail::Mailer,
    person_id: PersonId,
    now: chrono::DateTime<chrono::Utc>,
) -> anyhow::Result<()> {
    shared::services::deliver_queued_mail(db, mailer, now, 50)
        .await
        .context("cannot deliver the queued mail")?;
    let sent = mail_outbox::Entity::find()
        .filter(mail_outbox::Column::PersonId.eq(person_id))
        .order_by_desc(mail_outbox::Column::Id)
        .one(db)
        .await?;
    match sent {
        Some(message) if message.sent_at.is_some() => println!(
            "Le courriel est parti : le serveur SMTP l'a accepté.\n\
             The mail was sent: the SMTP server accepted it."
        ),
        Some(message) => {
            let (pourquoi, why) = match message.last_error.as_deref() {
                Some(error) => (error, error),
                // Claimed by the dispatcher of a running `serve` or `worker`.
                None => (
                    "une autre instance est en train de l'envoyer",
                    "another instance is sending it",
                ),
            };
            eprintln!(
                "Le courriel n'est pas encore parti ({pourquoi}). Il reste dans la file d'envoi \
                 (table mail_outbox) : `ateliers serve` ou `ateliers worker` le réessaieront, et \
                 leurs journaux diront pourquoi il échoue. Vérifiez SMTP_URL et MAIL_FROM.\n\
                 The mail has not left yet ({why}). It stays queued (table mail_outbox): \
                 `ateliers serve` or `ateliers worker` will retry it, and their logs will say why \
                 it fails. Check SMTP_URL and MAIL_FROM."
            );
        }
        None => bail!("the coordinator's mail is not in the outbox"),
    }
    Ok(())
}
