use sea_orm::entity::prelude::*;

/// The demo was loaded into this database (by `load_demo_data`, in its transaction): its
/// accounts have a published password, so it never serves as anything but the demo.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "demo_marker")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub loaded_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
