//! The pages' table: one entry per route, a URL to fetch and who may see it.

use super::*;

/// Every route of the app: its pattern, a URL to fetch, what it promises.
pub(super) fn page_table(cast: &Cast) -> Vec<(&'static str, String, Access)> {
    vec![
        ("/ateliers", "/ateliers".into(), Access::Public),
        ("/courriels", "/courriels".into(), Access::DemoOnly),
        (
            "/courriels/:id",
            format!("/courriels/{LOCAL_MAIL}"),
            Access::DemoOnly,
        ),
        ("/connexion", "/connexion".into(), Access::Public),
        ("/verifier", "/verifier".into(), Access::Public),
        (
            "/confidentialite",
            "/confidentialite".into(),
            Access::Public,
        ),
        (
            "/verifier/:code",
            format!("/verifier/{}", cast.seal_code),
            Access::Public,
        ),
        ("/lien-envoye", "/lien-envoye".into(), Access::Public),
        (
            "/code-sms",
            "/code-sms?tel=0612345678".into(),
            Access::Public,
        ),
        ("/connexion/:token", "/connexion/abc".into(), Access::Public),
        (
            "/mot-de-passe-oublie",
            "/mot-de-passe-oublie".into(),
            Access::Public,
        ),
        (
            "/mot-de-passe/:token",
            "/mot-de-passe/abc".into(),
            Access::Public,
        ),
        ("/accueil", "/accueil".into(), Access::Only(SIGNED_IN)),
        ("/jeunes", "/jeunes".into(), Access::Only(STAFF)),
        (
            "/jeunes/nouveau",
            "/jeunes/nouveau".into(),
            Access::Only(STAFF),
        ),
        (
            "/jeunes/:id",
            format!("/jeunes/{}", cast.youth),
            Access::Only(YOUTH_READERS),
        ),
        ("/intervenants", "/intervenants".into(), Access::Only(STAFF)),
        (
            "/intervenants/nouveau",
            "/intervenants/nouveau".into(),
            Access::Only(STAFF),
        ),
        (
            "/intervenants/:id",
            format!("/intervenants/{}", cast.facilitator_to_edit),
            Access::Only(STAFF),
        ),
        ("/equipe", "/equipe".into(), Access::Only(STAFF)),
        (
            "/equipe/nouveau",
            "/equipe/nouveau".into(),
            Access::Only(COORDINATORS),
        ),
        (
            "/equipe/:id",
            format!("/equipe/{}", cast.referent),
            Access::Only(COORDINATORS),
        ),
        ("/lieux", "/lieux".into(), Access::Only(STAFF)),
        ("/agenda", "/agenda".into(), Access::Only(STAFF)),
        (
            "/seances/nouvelle",
            "/seances/nouvelle".into(),
            Access::Only(STAFF),
        ),
        (
            "/seances/:id",
            format!("/seances/{}", cast.session_to_edit),
            Access::Only(STAFF),
        ),
        (
            "/ateliers/:id",
            format!("/ateliers/{}", cast.session_to_edit),
            Access::Public,
        ),
        (
            "/mes-seances",
            "/mes-seances".into(),
            Access::Only(FACILITATORS),
        ),
        (
            "/ateliers/:id/annuler",
            format!("/ateliers/{}/annuler", cast.open_session),
            Access::Only(YOUTHS),
        ),
        (
            "/mes-inscriptions",
            "/mes-inscriptions".into(),
            Access::Only(YOUTHS),
        ),
        ("/mon-agenda", "/mon-agenda".into(), Access::Only(SIGNED_IN)),
        (
            "/mes-notifications",
            "/mes-notifications".into(),
            Access::Only(YOUTHS),
        ),
        (
            "/courriels-en-echec",
            "/courriels-en-echec".into(),
            Access::Only(STAFF),
        ),
        (
            "/etat-du-service",
            "/etat-du-service".into(),
            Access::Only(COORDINATORS),
        ),
        (
            "/conservation",
            "/conservation".into(),
            Access::Only(COORDINATORS),
        ),
        (
            "/seances/:id/emargement",
            format!("/seances/{}/emargement", cast.session_under_way),
            Access::Only(ATTENDANCE_TAKERS),
        ),
        (
            "/seances/:id/emargement/signer/:youth",
            format!(
                "/seances/{}/emargement/signer/{}",
                cast.session_under_way, cast.youth
            ),
            // The youth may open their own line's signature page too.
            Access::Only(&[
                Coordinator,
                CounsellorSameMl,
                Specialist,
                Facilitator,
                Youth,
            ]),
        ),
        (
            "/seances/:id/pointage",
            format!("/seances/{}/pointage", cast.session_under_way),
            Access::Only(ATTENDANCE_TAKERS),
        ),
        ("/pointer", "/pointer".into(), Access::Public),
        (
            "/emargements",
            "/emargements".into(),
            Access::Only(&[
                Coordinator,
                CounsellorSameMl,
                CounsellorOtherMl,
                Specialist,
                Facilitator,
            ]),
        ),
        (
            "/ateliers/:id/signer",
            format!("/ateliers/{}/signer", cast.session_under_way),
            Access::Only(YOUTHS),
        ),
        ("/catalogue", "/catalogue".into(), Access::Only(STAFF)),
        ("/chiffres", "/chiffres".into(), Access::Only(STAFF)),
        (
            "/mes-donnees.zip",
            "/mes-donnees.zip".into(),
            Access::Only(&[Youth, AnotherYouth]),
        ),
        (
            "/jeunes/:id/donnees.zip",
            format!("/jeunes/{}/donnees.zip", cast.youth),
            Access::Only(&[Coordinator, Youth]),
        ),
        (
            "/catalogue/nouveau",
            "/catalogue/nouveau".into(),
            Access::Only(STAFF),
        ),
        (
            "/catalogue/:id",
            format!("/catalogue/{}", cast.workshop_type.0),
            Access::Only(STAFF),
        ),
    ]
}
