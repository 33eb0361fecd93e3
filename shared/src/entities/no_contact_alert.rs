use crate::domain::PersonId;
use sea_orm::entity::prelude::*;

/// A youth named in the alert mailed to their referent after weeks without contact: one per
/// youth and gap (unique on the youth and the day the gap started). A referent's youths alerted
/// in one pass share one mail.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "no_contact_alerts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub youth_id: PersonId,
    /// The last contact (Paris date), or the entry into the programme when there was none.
    pub last_contact_on: Date,
    /// The threshold in force when the alert went.
    pub weeks: i32,
    /// The mail to the referent that names this youth (and maybe others of theirs).
    pub mail_id: i32,
    pub queued_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
