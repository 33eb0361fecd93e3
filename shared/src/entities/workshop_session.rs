use crate::domain::{MissionLocaleId, RoomId, SeriesId, SessionId, SessionStatus, WorkshopTypeId};
use sea_orm::entity::prelude::*;

/// One dated session of a workshop. Never deleted: a cancelled session keeps its row.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "workshop_sessions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: SessionId,
    pub workshop_type_id: WorkshopTypeId,
    /// The organising Mission Locale.
    pub mission_locale_id: MissionLocaleId,
    pub series_id: Option<SeriesId>,
    pub starts_at: DateTimeUtc,
    pub ends_at: DateTimeUtc,
    /// A room of a site; when absent, `venue_name` and `venue_address` name an external venue.
    pub room_id: Option<RoomId>,
    pub venue_name: String,
    pub venue_address: String,
    pub capacity: i32,
    /// A `domain::SessionStatus` code.
    pub status: SessionStatus,
    /// A `domain::AudienceKind` code.
    pub audience: String,
    /// Null: open as soon as the session is published.
    pub enrolment_opens_days_before: Option<i32>,
    pub enrolment_closes_minutes_before: i32,
    #[sea_orm(column_type = "Text")]
    pub note_for_youths: String,
    /// The iCalendar SEQUENCE of the session's invitations.
    pub sequence: i32,
    #[sea_orm(column_type = "Text", nullable)]
    pub cancellation_reason: Option<String>,
    /// Youths cancel online until this many minutes before the start.
    pub cancellation_closes_minutes_before: i32,
    /// Within this many minutes of the start, freed places wait for a counsellor.
    pub promotion_stops_minutes_before: i32,
    /// Bumped first by every change of places: the lock that serialises them.
    pub roster_version: i64,
    #[sea_orm(belongs_to, from = "workshop_type_id", to = "id")]
    pub workshop_type: BelongsTo<super::workshop_type::Entity>,
    #[sea_orm(belongs_to, from = "mission_locale_id", to = "id")]
    pub mission_locale: BelongsTo<super::mission_locale::Entity>,
}

impl ActiveModelBehavior for ActiveModel {}
