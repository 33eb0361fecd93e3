//! What tests take from the demo federation.

use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use shared::domain::{SessionId, SessionStatus};
use shared::entities::{enrolment, enrolment_event, workshop_session};

/// The first published demo session more than three days ahead, emptied: nobody holds a place
/// or waits there (the demo fills some sessions and keeps a waiting list). With `capacity`, it
/// has that many places.
pub async fn empty_session_ahead(db: &DatabaseConnection, capacity: Option<i32>) -> SessionId {
    let session = workshop_session::Entity::find()
        .filter(workshop_session::Column::Status.eq(SessionStatus::Published))
        .filter(workshop_session::Column::StartsAt.gt(super::now() + chrono::Duration::days(3)))
        .order_by_asc(workshop_session::Column::StartsAt)
        .one(db)
        .await
        .unwrap()
        .expect("a demo session ahead");
    if let Some(capacity) = capacity {
        workshop_session::Entity::update_many()
            .col_expr(workshop_session::Column::Capacity, Expr::value(capacity))
            .filter(workshop_session::Column::Id.eq(session.id))
            .exec(db)
            .await
            .unwrap();
    }
    enrolment_event::Entity::delete_many()
        .filter(enrolment_event::Column::SessionId.eq(session.id))
        .exec(db)
        .await
        .unwrap();
    enrolment::Entity::delete_many()
        .filter(enrolment::Column::SessionId.eq(session.id))
        .exec(db)
        .await
        .unwrap();
    session.id
}
