use crate::domain::PersonId;
use sea_orm::entity::prelude::*;

/// A young person in the 12-month programme. The two sensitive flags are read only through the
/// access policy.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "youths")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub person_id: PersonId,
    pub referent_id: PersonId,
    pub date_of_birth: Date,
    /// A `domain::Gender` code.
    pub gender: String,
    pub programme_entry_date: Date,
    pub programme_exit_date: Option<Date>,
    pub exit_outcome: Option<String>,
    pub disability_recognised: bool,
    pub judicial_supervision: bool,
    /// Raised by every save of the file: a form filled from an older version is refused.
    pub version: i32,
    #[sea_orm(belongs_to, from = "person_id", to = "id")]
    pub person: BelongsTo<super::person::Entity>,
}

impl ActiveModelBehavior for ActiveModel {}
