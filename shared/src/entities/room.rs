use crate::domain::{RoomId, SiteId};
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "rooms")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: RoomId,
    pub site_id: SiteId,
    pub name: String,
    pub capacity: i32,
    #[sea_orm(belongs_to, from = "site_id", to = "id")]
    pub site: BelongsTo<super::site::Entity>,
}

impl ActiveModelBehavior for ActiveModel {}
