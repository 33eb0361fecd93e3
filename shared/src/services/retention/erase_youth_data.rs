use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, TransactionTrait};

use crate::ServiceError;
use crate::domain::{
    Actor, AuditAction, ErasureOutcome, KEPT_AS_EVIDENCE, PersonId, RetentionSettings,
};
use crate::services::access_guard::require;
use crate::services::record_audit_event::record_audit_event;
use crate::services::retention::minimise_personal_data::{Minimised, When, minimise_youth};

/// A youth asked for their data to be erased (GDPR art. 17): a coordinator acts on it. What is
/// not evidence goes at once, as the daily job would do it later (`minimise_youth`); evidence
/// stays, and the outcome says in French what, why and until when. Refused while a hold stands
/// (a control or a dispute needs the data). The request is audited on the youth, even when there
/// was nothing left to erase.
pub async fn erase_youth_data(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    settings: &RetentionSettings,
    youth_id: PersonId,
    confirmed: bool,
    now: DateTime<Utc>,
) -> Result<ErasureOutcome, ServiceError> {
    require(actor, actor.may_manage_retention())?;
    if !confirmed {
        return Err(ServiceError::Invalid(
            "Cochez la case pour confirmer : l'effacement ne peut pas être annulé.".into(),
        ));
    }
    let erased = match minimise_youth(db, settings, youth_id, When::Asked, now).await? {
        Minimised::NoSuchYouth => return Err(ServiceError::NotFound),
        Minimised::OnHold => {
            return Err(ServiceError::Invalid(
                "La minimisation de ce jeune est suspendue (contrôle ou litige) : levez la \
                 suspension à la page « Conservation des données » avant d'effacer."
                    .into(),
            ));
        }
        Minimised::Now => true,
        Minimised::Already | Minimised::NotDue => false,
    };
    record_audit_event(
        db,
        actor.person_id(),
        AuditAction::YouthDataErased,
        Some(youth_id.get()),
        format!("preuves conservées {}", settings.evidence_label()),
        None,
        now,
    )
    .await?;
    Ok(ErasureOutcome {
        erased,
        kept: KEPT_AS_EVIDENCE
            .iter()
            .map(|line| (*line).to_owned())
            .collect(),
        why: "Le Fonds social européen contrôle ces preuves de participation : la loi impose de \
              les garder (RGPD, article 17, 3, b)."
            .to_owned(),
        until: settings.evidence_label(),
    })
}
