use crate::domain::{PersonId, SessionId, SheetState};
use sea_orm::entity::prelude::*;

/// A session's attendance sheet: open while the roll-call runs, then closed (signed
/// electronically) or paper (a signed scan uploaded).
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "attendance_sheets")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub session_id: SessionId,
    /// open, closed or paper.
    pub state: SheetState,
    pub check_in_secret: String,
    pub opened_at: DateTimeUtc,
    pub closed_at: Option<DateTimeUtc>,
    pub closed_by: Option<PersonId>,
    pub closing_signature: Option<String>,
    /// SHA-256 of the network (IPv4 address, IPv6 /64) the check-in code was last shown from.
    pub screen_network: Option<String>,
}

impl ActiveModelBehavior for ActiveModel {}
