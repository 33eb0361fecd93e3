use sea_orm::{ConnectionTrait, EntityTrait, QueryOrder};

use crate::ServiceError;
use crate::domain::{Actor, ClosureView, RoomView, SiteForm, SiteView};
use crate::entities::{mission_locale, room, site, site_closure};
use crate::services::access_guard::require;

/// Every site of the federation with its rooms and closing days, for staff; each says whether the reader may
/// edit it.
pub async fn list_places(
    db: &impl ConnectionTrait,
    actor: &Actor,
) -> Result<Vec<SiteView>, ServiceError> {
    require(actor, actor.may_manage_people())?;
    let missions_locales = mission_locale::Entity::find().all(db).await?;
    let rooms = room::Entity::find()
        .order_by_asc(room::Column::Name)
        .all(db)
        .await?;
    let closures = site_closure::Entity::find()
        .order_by_asc(site_closure::Column::FirstDay)
        .all(db)
        .await?;
    let mut sites: Vec<SiteView> = site::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|site| SiteView {
            id: site.id,
            mission_locale: missions_locales
                .iter()
                .find(|ml| ml.id == site.mission_locale_id)
                .map(|ml| ml.name.clone())
                .unwrap_or_default(),
            editable: actor.may_edit_site(site.mission_locale_id),
            rooms: rooms
                .iter()
                .filter(|room| room.site_id == site.id)
                .map(|room| RoomView {
                    id: room.id,
                    name: room.name.clone(),
                    capacity: u32::try_from(room.capacity).unwrap_or(0),
                })
                .collect(),
            closures: closures
                .iter()
                .filter(|closure| closure.site_id == site.id)
                .map(|closure| ClosureView {
                    id: closure.id,
                    first_day: closure.first_day,
                    last_day: closure.last_day,
                    reason: closure.reason.clone(),
                })
                .collect(),
            form: SiteForm {
                opening_hours: site.opening_hours,
                step_free_access: site.step_free_access.then(|| "on".to_owned()),
                lift: site.lift.then(|| "on".to_owned()),
                hearing_loop: site.hearing_loop.then(|| "on".to_owned()),
                accessibility_notes: site.accessibility_notes,
            },
            name: site.name,
            address: site.address,
        })
        .collect();
    // The reader's own sites first, then by Mission Locale.
    sites.sort_by(|a, b| (!a.editable, &a.mission_locale).cmp(&(!b.editable, &b.mission_locale)));
    Ok(sites)
}
