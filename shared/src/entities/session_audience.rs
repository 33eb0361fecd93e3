use crate::domain::{PersonId, SessionId};
use sea_orm::entity::prelude::*;

/// The counsellors whose youths may join a session reserved to them.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "session_audience")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub session_id: SessionId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub person_id: PersonId,
}

impl ActiveModelBehavior for ActiveModel {}
