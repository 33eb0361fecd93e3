//! What Ateliers tells the old address when staff change a person's email address (see
//! `services/people/retire_old_address.rs`): that the account now uses another address (never
//! which: the old mailbox may be a stranger's, after a typo), that the links sent there no longer
//! work and the sessions are closed, and whom to ask when the change was not expected.

use super::compose::MailText;

/// The notice to `first_name`'s old address.
pub fn address_change_notice_text(first_name: &str, footer: &str) -> MailText {
    MailText {
        subject: "Votre adresse e-mail a été remplacée sur Ateliers".to_owned(),
        greeting: format!("Bonjour {first_name},"),
        paragraphs: vec![
            "L'équipe de la Mission Locale vient de remplacer l'adresse e-mail de votre compte \
             Ateliers par une autre. Les messages d'Ateliers n'arriveront plus à cette adresse-ci."
                .to_owned(),
            "Les liens de connexion envoyés à cette adresse ne fonctionnent plus, et les \
             connexions ouvertes avec ce compte ont été fermées."
                .to_owned(),
            "Si ce compte n'est pas le vôtre (une erreur de frappe), ignorez ce message. S'il \
             l'est et que vous n'attendiez pas ce changement, appelez votre Mission Locale."
                .to_owned(),
        ],
        details: Vec::new(),
        link: None,
        footer: footer.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_notice_says_what_stopped_working_without_the_new_address() {
        let text = address_change_notice_text("Inès", "Cofinancé par l'UE").plain();
        assert!(text.starts_with("Bonjour Inès,"), "{text}");
        assert!(text.contains("ne fonctionnent plus"));
        assert!(text.contains("Cofinancé par l'UE"));
        assert!(!text.contains('@'), "no address: {text}");
    }
}
