//! Why people: youths, facilitators and staff accounts refuse a request: one variant per rule, worded in French for the person who
//! asked. Services return these (`Err(Refusal::X.into())`), never a sentence of their own.

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PeopleRefusal {
    /// An email another person already has (found before saving, or by the unique index).
    EmailTaken,
    /// A youth's form names no referent, or one who is not a counsellor.
    ReferentNotChosen,
    /// The referent named is archived or outside the actor's Mission Locale.
    ReferentOutsideMissionLocale,
    /// Someone other than the referent or a coordinator names another referent.
    ReferentChangeNotAllowed,
    /// The youth's file changed since the form was filled: saving would silently undo the
    /// other person's changes.
    YouthChangedMeanwhile,
    YouthArchived,
    /// An archived facilitator is restored before their file is edited.
    FacilitatorArchived,
    /// A staff form names a Mission Locale that does not exist.
    UnknownMissionLocale,
    /// A coordinator may not make themself a counsellor.
    OwnCoordinationRole,
    /// A coordinator may not archive their own account.
    OwnAccountArchive,
    /// A counsellor still referent of youths in the programme is not archived.
    StillReferent {
        first_name: String,
        last_name: String,
        youths: u64,
    },
}

impl PeopleRefusal {
    /// What the person reads.
    pub fn message(&self) -> String {
        match self {
            PeopleRefusal::EmailTaken => "Cette adresse e-mail est déjà utilisée par une autre personne inscrite dans Ateliers. \
                 Vérifiez qu'il ne s'agit pas de la même personne."
                .into(),
            PeopleRefusal::ReferentNotChosen => {
                "Choisissez le conseiller ou la conseillère référent·e.".into()
            }
            PeopleRefusal::ReferentOutsideMissionLocale => {
                "Choisissez un conseiller ou une conseillère de votre Mission Locale.".into()
            }
            PeopleRefusal::ReferentChangeNotAllowed => "Seul le ou la référent·e du jeune, ou la coordination, peut le confier \
                 à un autre conseiller ou une autre conseillère. Rien n'a été enregistré : gardez le même référent \
                 pour enregistrer vos autres changements."
                .into(),
            PeopleRefusal::YouthChangedMeanwhile => "Quelqu'un d'autre a modifié entre-temps la fiche de ce jeune. \
                 Rien n'a été enregistré : rechargez la page pour voir la fiche à jour, puis refaites vos changements."
                .into(),
            PeopleRefusal::YouthArchived => {
                "Cette fiche est archivée : elle ne peut plus être modifiée.".into()
            }
            PeopleRefusal::FacilitatorArchived => {
                "Cet intervenant est archivé : rétablissez-le avant de modifier sa fiche.".into()
            }
            PeopleRefusal::UnknownMissionLocale => {
                "Choisissez la Mission Locale du conseiller ou de la conseillère.".into()
            }
            PeopleRefusal::OwnCoordinationRole => {
                "Vous ne pouvez pas retirer votre propre rôle de coordination.".into()
            }
            PeopleRefusal::OwnAccountArchive => "Vous ne pouvez pas archiver votre propre compte : demandez-le à une autre personne de la coordination.".into(),
            PeopleRefusal::StillReferent {
                first_name,
                last_name,
                youths,
            } => format!(
                "{first_name} {last_name} est encore référent·e de {youths} jeune(s) en parcours : confiez-les d'abord à un autre conseiller ou une autre conseillère."
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_counsellor_still_referent_is_named_with_the_number_of_youths() {
        let message = PeopleRefusal::StillReferent {
            first_name: "Awa".into(),
            last_name: "Diallo".into(),
            youths: 3,
        }
        .message();
        assert!(
            message.starts_with("Awa Diallo est encore référent·e de 3 jeune(s) en parcours"),
            "{message}"
        );
    }
}
