use sea_orm::{ConnectionTrait, EntityTrait};

use crate::ServiceError;
use crate::domain::{Actor, PublicSession, SessionId, SessionStatus};
use crate::entities::{mission_locale, workshop_type};
use crate::services::enrolment::enrolment_records::seat_counts;
use crate::services::planning::session_records::{load_bundle, names_of, place_view};

/// The shareable page of a session, for anyone with the link: what, when, where, for whom, how
/// many seats are left; no personal data (the facilitators' names only for signed-in people,
/// never the youths'). Drafts do not exist here.
pub async fn view_public_session(
    db: &impl ConnectionTrait,
    actor: &Actor,
    session_id: SessionId,
) -> Result<PublicSession, ServiceError> {
    let bundle = load_bundle(db, session_id).await?;
    let status = bundle.status();
    if status == SessionStatus::Draft {
        return Err(ServiceError::NotFound);
    }
    let session = &bundle.session;
    let workshop = workshop_type::Entity::find_by_id(session.workshop_type_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let organiser = mission_locale::Entity::find_by_id(session.mission_locale_id)
        .one(db)
        .await?
        .map(|ml| ml.name)
        .unwrap_or_default();
    let capacity = session.capacity.max(0) as u32;
    let (registered, waiting) = seat_counts(db, vec![session.id])
        .await?
        .remove(&session.id)
        .unwrap_or_default();
    let facilitators = if matches!(actor, Actor::Anonymous) {
        Vec::new()
    } else {
        let names = names_of(db, bundle.facilitator_ids.iter().copied().collect()).await?;
        bundle
            .facilitator_ids
            .iter()
            .filter_map(|id| names.get(id).cloned())
            .collect()
    };
    Ok(PublicSession {
        id: session.id,
        title: workshop.title,
        theme: workshop.theme,
        description: workshop.description,
        what_to_bring: workshop.what_to_bring,
        suits: workshop.suits,
        status,
        starts_at: session.starts_at,
        ends_at: session.ends_at,
        place: place_view(db, session).await?,
        capacity,
        seats_left: capacity.saturating_sub(registered),
        waiting,
        audience: bundle.audience.label(&organiser),
        note_for_youths: session.note_for_youths.clone(),
        cancellation_reason: session.cancellation_reason.clone(),
        mission_locale: organiser,
        facilitators,
    })
}
