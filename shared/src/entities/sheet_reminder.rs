use crate::domain::{PersonId, SessionId};
use sea_orm::entity::prelude::*;

/// A session named in the reminder mailed to a counsellor who runs it, when its attendance sheet
/// was still open some time after it ended: one per session and counsellor. A counsellor's
/// sessions reminded in one pass share one mail.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sheet_reminders")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub session_id: SessionId,
    pub counsellor_id: PersonId,
    /// The delay in force when the reminder went, in hours after the session's end.
    pub delay_hours: i32,
    /// The mail to the counsellor that names this session (and maybe others of theirs).
    pub mail_id: i32,
    pub queued_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
