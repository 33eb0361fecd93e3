use crate::domain::PersonId;
use crate::domain::sms::NoticeChannel;
use sea_orm::entity::prelude::*;

/// Anyone Ateliers knows: one identity, one email. What they are in the programme is in
/// `staff_member`, `youth` or `facilitator`.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "people")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: PersonId,
    pub first_name: String,
    pub last_name: String,
    #[sea_orm(unique)]
    pub email: Option<String>,
    pub phone: Option<String>,
    pub created_at: DateTimeUtc,
    pub archived_at: Option<DateTimeUtc>,
    /// How a youth wants to hear about their sessions; none: whatever they have.
    pub notice_channel: Option<NoticeChannel>,
    /// They answered STOP to an SMS: no SMS any more.
    pub sms_stopped_at: Option<DateTimeUtc>,
}

impl ActiveModelBehavior for ActiveModel {}
