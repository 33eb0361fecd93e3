//! What `ateliers` refuses at start, before anything is served or sent: mail that anyone could
//! read (the folder backend outside the demo), mail that goes nowhere (no SMTP_URL), test rate
//! limits outside the demo, and the demo, whose accounts have a published password, anywhere near production. Each refusal says
//! why and what to do, in French and in English (operators read either).

use anyhow::bail;
use sea_orm::ConnectionTrait;
use shared::services::{DatabaseContents, classify_database};

use crate::config::{MailBackend, Settings};

/// The mail backend the settings ask for is allowed: the folder (listed at /courriels, to
/// anyone) only in the demo; SMTP only with a server to send to.
pub fn check_mail_backend(settings: &Settings) -> anyhow::Result<()> {
    match settings.mail_backend {
        MailBackend::Folder if !settings.demo => bail!(
            "MAIL_BACKEND=folder n'est permis qu'avec la démonstration (ATELIERS_DEMO=true) : les \
             courriels écrits dans un dossier se lisent sans connexion à /courriels, liens de mot \
             de passe compris. Hors démonstration, envoyez-les par SMTP (MAIL_BACKEND=smtp et \
             SMTP_URL).\n\
             MAIL_BACKEND=folder is only allowed in demo mode (ATELIERS_DEMO=true): mail written \
             to a folder can be read at /courriels without signing in, password links included. \
             Outside the demo, send it over SMTP (MAIL_BACKEND=smtp and SMTP_URL)."
        ),
        MailBackend::Smtp if settings.smtp_url.as_deref().is_none_or(str::is_empty) => bail!(
            "SMTP_URL manque : indiquez le serveur qui envoie les courriels, dans .env ou \
             l'environnement (par exemple smtp://utilisateur:mot-de-passe@smtp.exemple.fr:587?tls=required).\n\
             SMTP_URL is missing: set the server that sends mail, in .env or the environment \
             (e.g. smtp://user:password@smtp.example.org:587?tls=required)."
        ),
        _ => Ok(()),
    }
}

/// Limits other than the defaults only in the demo: they exist for the browser tests, and
/// relaxed limits in production would let anyone guess passwords or flood mailboxes faster.
pub fn check_rate_limits(settings: &Settings) -> anyhow::Result<()> {
    if settings.test_rate_limits.is_some() && !settings.demo {
        bail!(
            "ATELIERS_TEST_RATE_LIMITS n'est permis qu'avec la démonstration (ATELIERS_DEMO=true) : \
             ce réglage des tests du navigateur change les limites de connexion et de demandes de \
             lien, qui protègent les mots de passe et les boîtes aux lettres. Retirez-le.\n\
             ATELIERS_TEST_RATE_LIMITS is only allowed in demo mode (ATELIERS_DEMO=true): this \
             browser-test setting changes the limits of sign-ins and link requests, which protect \
             passwords and mailboxes. Remove it."
        );
    }
    Ok(())
}

/// The demo only where it cannot reach production: never behind an https address, never into
/// a database holding other data; and a database holding the demo serves only as the demo.
/// Call it before the demo is loaded. `public_url` is ATELIERS_PUBLIC_URL.
pub async fn check_demo_mode(settings: &Settings, db: &impl ConnectionTrait) -> anyhow::Result<()> {
    let https = settings
        .public_url
        .as_deref()
        .is_some_and(|url| url.trim().to_ascii_lowercase().starts_with("https://"));
    if settings.demo && https {
        bail!(
            "ATELIERS_DEMO=true est refusé quand ATELIERS_PUBLIC_URL est en https : la \
             démonstration crée des comptes dont le mot de passe est publié, elle ne doit jamais \
             servir en production. Retirez ATELIERS_DEMO (ou mettez-le à false).\n\
             ATELIERS_DEMO=true is refused when ATELIERS_PUBLIC_URL is https: the demo creates \
             accounts whose password is published, it must never run in production. Remove \
             ATELIERS_DEMO (or set it to false)."
        );
    }
    match (settings.demo, classify_database(db).await?) {
        (true, DatabaseContents::Other) => bail!(
            "ATELIERS_DEMO=true est refusé : cette base de données contient déjà des données qui \
             ne viennent pas de la démonstration. La démonstration (des comptes au mot de passe \
             publié) ne se charge que dans une base neuve. Retirez ATELIERS_DEMO, ou indiquez une \
             autre base dans DATABASE_URL.\n\
             ATELIERS_DEMO=true is refused: this database already holds data that does not come \
             from the demo. The demo (accounts with a published password) only loads into a fresh \
             database. Remove ATELIERS_DEMO, or point DATABASE_URL at another database."
        ),
        (false, DatabaseContents::Demo) => bail!("{}", DEMO_DATABASE),
        _ => Ok(()),
    }
}

/// Why a database holding the demo serves nothing else (nor gets a real coordinator).
pub const DEMO_DATABASE: &str = "Cette base de données contient la démonstration, dont les \
     comptes ont un mot de passe publié : elle ne sert qu'avec ATELIERS_DEMO=true. Pour la \
     production, indiquez une base neuve dans DATABASE_URL, puis créez le premier compte avec \
     `ateliers create-coordinator`.\n\
     This database holds the demo, whose accounts have a published password: it only serves with \
     ATELIERS_DEMO=true. For production, point DATABASE_URL at a fresh database, then create the \
     first account with `ateliers create-coordinator`.";
