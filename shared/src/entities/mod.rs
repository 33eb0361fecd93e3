//! sea-orm entities: the shape of the tables the migrations create. Services turn them into
//! domain types; they never reach a page or a form directly.

pub mod attendance_correction;
pub mod attendance_document;
pub mod attendance_line;
pub mod attendance_sheet;
pub mod audit_event;
pub mod calendar_feed;
pub mod calendar_invitation;
pub mod demo_marker;
pub mod enrolment;
pub mod enrolment_event;
pub mod facilitator;
pub mod login_session;
pub mod mail_outbox;
pub mod mission_locale;
pub mod no_contact_alert;
pub mod person;
pub mod rate_limit_event;
pub mod room;
pub mod server_key;
pub mod session_audience;
pub mod session_counsellor;
pub mod session_event;
pub mod session_facilitator;
pub mod session_reminder;
pub mod sheet_reminder;
pub mod sign_in_link;
pub mod site;
pub mod site_closure;
pub mod staff_member;
pub mod workshop_series;
pub mod workshop_session;
pub mod workshop_type;
pub mod youth;
