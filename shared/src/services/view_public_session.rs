use sea_orm::{ConnectionTrait, EntityTrait};

use crate::ServiceError;
use crate::domain::{PublicSession, SessionStatus, Theme};
use crate::entities::{mission_locale, workshop_type};
use crate::services::session_records::{load_bundle, place_view};

/// The shareable page of a session, for anyone with the link: what, when, where, for whom; no
/// personal data (no names of counsellors, facilitators or youths). Drafts do not exist here.
pub async fn view_public_session(
    db: &impl ConnectionTrait,
    session_id: i32,
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
    Ok(PublicSession {
        id: session.id,
        title: workshop.title,
        theme: Theme::parse(&workshop.theme).unwrap_or(Theme::Other),
        description: workshop.description,
        what_to_bring: workshop.what_to_bring,
        suits: workshop.suits,
        status,
        starts_at: session.starts_at,
        ends_at: session.ends_at,
        place: place_view(db, session).await?,
        capacity: session.capacity.max(0) as u32,
        audience: bundle.audience.label(&organiser),
        note_for_youths: session.note_for_youths.clone(),
        cancellation_reason: session.cancellation_reason.clone(),
        mission_locale: organiser,
    })
}
