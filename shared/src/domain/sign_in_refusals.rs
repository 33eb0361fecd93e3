//! Why sign-in: links, passwords and sessions refuse a request: one variant per rule, worded in French for the person who
//! asked. Services return these (`Err(Refusal::X.into())`), never a sentence of their own.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignInRefusal {
    /// An unknown address, a wrong password and an archived account all read the same.
    WrongCredentials,
    /// An emailed sign-in link already used, expired, forged, or whose owner was archived.
    LinkNoLongerValid,
    /// A password-reset link already used, expired or forged.
    ResetLinkNoLongerValid,
    /// A stored address that mail cannot be sent to.
    UnusableAddress,
    /// An SMS code that is wrong, used, expired, tried too often, or for another number.
    CodeNoLongerValid,
    /// A number typed to receive a code that is not a mobile.
    NotAMobile,
}

impl SignInRefusal {
    /// What the person reads.
    pub fn message(&self) -> String {
        self.text().into()
    }

    /// The same, as a constant (no variant carries data), for callers that compare with it.
    pub const fn text(&self) -> &'static str {
        match self {
            SignInRefusal::WrongCredentials => "Adresse e-mail ou mot de passe incorrect.",
            SignInRefusal::LinkNoLongerValid => {
                "Ce lien de connexion n'est plus valable (il a déjà servi ou a expiré). \
                 Demandez-en un nouveau : il arrive en quelques minutes."
            }
            SignInRefusal::ResetLinkNoLongerValid => {
                "Ce lien pour changer de mot de passe n'est plus valable \
                 (il a déjà servi ou a expiré). Demandez-en un nouveau."
            }
            SignInRefusal::UnusableAddress => "Adresse e-mail invalide.",
            SignInRefusal::CodeNoLongerValid => {
                "Ce code n'est pas le bon ou n'est plus valable (il a déjà servi ou a expiré). \
                 Vérifiez-le, ou demandez-en un nouveau."
            }
            SignInRefusal::NotAMobile => {
                "Ce numéro ne peut pas recevoir de SMS : indiquez un numéro de portable \
                 (06 ou 07)."
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dead_reset_link_is_not_mistaken_for_a_dead_sign_in_link() {
        let reset = SignInRefusal::ResetLinkNoLongerValid.message();
        let sign_in = SignInRefusal::LinkNoLongerValid.message();
        assert_ne!(reset, sign_in);
        assert!(reset.contains("mot de passe"), "{reset}");
        assert!(sign_in.contains("connexion"), "{sign_in}");
    }
}
