use crate::domain::MissionLocaleId;
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "missions_locales")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: MissionLocaleId,
    #[sea_orm(unique)]
    pub name: String,
    pub city: String,
    #[sea_orm(has_many)]
    pub sessions: HasMany<super::workshop_session::Entity>,
}

impl ActiveModelBehavior for ActiveModel {}
