use sea_orm::entity::prelude::*;

/// A workshop in the catalogue; a session is one dated occurrence of it.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "workshop_types")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub title: String,
    /// A `domain::Theme` code.
    pub theme: String,
    #[sea_orm(column_type = "Text")]
    pub description: String,
    #[sea_orm(has_many)]
    pub sessions: HasMany<super::workshop_session::Entity>,
}

impl ActiveModelBehavior for ActiveModel {}
