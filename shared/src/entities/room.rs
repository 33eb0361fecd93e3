use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "rooms")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub site_id: i32,
    pub name: String,
    pub capacity: i32,
    #[sea_orm(belongs_to, from = "site_id", to = "id")]
    pub site: BelongsTo<super::site::Entity>,
}

impl ActiveModelBehavior for ActiveModel {}
