//! Domain types: parsed once at the edge, trusted everywhere after.

mod access;
mod attendance;
mod attendance_refusals;
mod audit;
mod calendar_copies;
mod catalogue;
mod catalogue_refusals;
mod conflicts;
mod contact;
mod document_seal;
mod enrolment;
mod enrolment_views;
mod figures;
mod half_days;
mod home;
mod ids;
mod individual_contact;
mod invalid_input;
mod mail_views;
mod paris_time;
mod people_records;
mod people_refusals;
mod people_views;
mod person;
mod places;
mod places_refusals;
mod planning;
mod planning_refusals;
mod planning_views;
mod rate_limits;
mod recurrence;
mod retention;
mod roster_refusals;
mod service_health;
mod session;
mod sign_in_refusals;
pub mod sms;
mod stored_code;
mod text;
mod theme;
mod youth_archive;
mod youth_path;

pub use access::{
    Actor, FacilitatorFile, MailSubject, SensitiveFlagsVisibility, YouthFile, YouthScope,
};
pub use attendance::{
    AttendanceDocumentView, AttendanceLineView, AttendanceSheetDocument, AttendanceStatus,
    AttendanceView, CHECK_IN_CODE_DIGITS, CHECK_IN_CODE_PERIOD_SECONDS, CHECKED_IN_ELSEWHERE,
    CheckInScreen, EU_MENTION, HalfDayTab, PAPER_SCAN_MAX_BYTES, PROGRAMME_NAME, PaperScan,
    SIGNATURE_HEIGHT, SIGNATURE_WIDTH, ScanType, SheetCorrection, SheetEdition, SheetHalfDay,
    SheetLine, SheetMark, SheetSigner, SheetState, SheetToClose, SignatureRequest,
    SignatureStrokes, accepted_check_in_windows, check_in_open, check_in_window,
    paper_scan_too_large, parse_check_in_code, parse_correction_reason, parse_reopening_reason,
    roll_call_open, status_on_arrival, strokes_text,
};
pub use attendance_refusals::AttendanceRefusal;
pub use audit::{
    AuditAction, CHANGES_SEPARATOR, DISABILITY_FLAG_CHANGED, EMAIL_CHANGED, JUSTICE_FLAG_CHANGED,
    LinkPurpose, history_details_for,
};
pub use calendar_copies::{CopyAction, HeldCopy, SessionRole, calendar_holders, reconcile_copies};
pub use catalogue::{
    WorkshopTypeDetails, WorkshopTypeForm, WorkshopTypeRecord, WorkshopTypeSummary, format_duration,
};
pub use catalogue_refusals::CatalogueRefusal;
pub use conflicts::{Booking, clash_message, first_clash, overlaps};
pub use contact::{EmailAddress, PhoneNumber};
pub use document_seal::{
    DocumentVerdict, NOT_ISSUED, SEAL_CODE_LENGTH, SealKeyView, SealedDocument, SealedKind,
    parse_seal_code, parse_sha256_hex, seal_code_from,
};
pub use enrolment::{
    Departure, EnrolmentEventKind, EnrolmentMethod, EnrolmentRefusal, EnrolmentStatus,
    EnrolmentWarning, Place, PlaceRecord, PlaceRules, Roster, RosterChange, RosterLines, SeenYouth,
    SessionFacts, Standing, YouthFacts, check_self_cancellation, check_self_enrolment,
    check_staff_enrolment, check_staff_roster_change, history_sentence, parse_removal_reason,
    roster_lines, standing_in,
};
pub use enrolment_views::{
    EnrolmentCandidate, EnrolmentHistoryLine, EnrolmentOutcome, MyEnrolment, RosterLine,
    RosterView, YouthPlaceView,
};
pub use figures::{
    AttendanceCount, AttendanceGroup, CONTACTABILITY_THRESHOLD_PERCENT,
    CONTACTABILITY_WARNING_PERCENT, ContactFact, ContactRow, Contactability, Dashboard,
    DashboardCounts, DashboardFigures, ExitRow, ExitTarget, ExportFormat, FigureRow, FiguresFacts,
    FiguresForm, FiguresQuery, GenderRow, LineFact, Month, POSITIVE_EXIT_TARGET_PERCENT,
    ParticipantCounts, ParticipantFact, ParticipantFigures, ParticipantGroup, PlaceFact,
    SessionCount, SessionFact, SmsCostRow, SmsFact, YouthsAttending, arrange_dashboard,
    compute_dashboard, contacts_by_kind, count_facts, count_participants, exits_by_mission_locale,
    format_hours, format_percent, french_decimal, month_of, sms_costs,
};
pub use half_days::{
    HALF_DAY_MAX_MINUTES, HalfDay, HalfDayNumber, half_day_at, half_day_minutes, half_day_name,
    half_days_of,
};
pub use home::{Home, MissionLocaleFigures, SignedInPerson};
pub use ids::{MissionLocaleId, PersonId, RoomId, SeriesId, SessionId, SiteId, WorkshopTypeId};
pub use individual_contact::{
    CONTACT_MAX_AGE_DAYS, CONTACT_MAX_MINUTES, CONTACT_SUBJECT_MAX_CHARS, ContactForm, ContactKind,
    IndividualContact, NewContact, OwnContact, PathContact, own_contacts,
};
pub use invalid_input::InvalidInput;
pub use mail_views::{CalendarFeedLink, FailedMail, MyCalendarFeed};
pub use paris_time::{
    PARIS, format_day, format_instant, format_month, format_session_date, format_session_hours,
    format_wall_clock_hours, format_weekday_and_day, format_weekday_day_and_month,
};
pub use people_records::{
    ExitOutcome, FacilitatorForm, FacilitatorRecord, NewPassword, StaffForm, StaffRecord,
    YouthForm, YouthRecord,
};
pub use people_refusals::PeopleRefusal;
pub use people_views::{
    AuditLine, CounsellorOption, FacilitatorDetails, FacilitatorSummary, MissionLocaleOption,
    SensitiveRead, StaffSummary, YouthDetails, YouthSummary,
};
pub use person::{
    Gender, PROGRAMME_MAX_AGE, PROGRAMME_MIN_AGE, PersonName, age_on, check_programme_age,
};
pub use places::{
    ClosureForm, ClosureRecord, ClosureView, NewSiteForm, NewSiteRecord, RoomForm, RoomRecord,
    RoomView, SiteForm, SiteRecord, SiteView,
};
pub use places_refusals::PlacesRefusal;
pub use planning::*;
pub use planning_refusals::PlanningRefusal;
pub use planning_views::{
    Agenda, AgendaEntry, AgendaQuery, ContactView, FacilitatorAgenda, FacilitatorSession,
    PersonOption, PlaceView, PlanningOptions, PublicSession, RoomOption, SeriesPosition,
    SeriesSibling, SessionDetails, SessionHistoryLine, WorkshopTypeOption,
};
pub use rate_limits::{NetworkAddress, RateLimit, RateLimits, Throttle, retry_message};
pub use recurrence::{Occurrence, Series, french_public_holidays, paris_instant, public_holiday};
pub use retention::{
    DEFAULT_EVIDENCE_YEARS, DEFAULT_MESSAGE_BODY_DAYS, DEFAULT_PERSONAL_DATA_MONTHS,
    ErasureOutcome, EvidenceErasurePreview, HoldView, KEPT_AS_EVIDENCE, MIN_PERSONAL_DATA_MONTHS,
    MINIMISED_DATA, MinimisationLine, PREVIEW_DAYS, PrivacyNotice, RetentionOverview,
    RetentionSettings, initials, parse_hold_reason, pseudonym, within_preview,
};
pub use roster_refusals::RosterRefusal;
pub use service_health::{ActivityCount, MAIL_LATE_AFTER, MailFlow, ServiceHealth, format_wait};
pub use session::{SessionCard, SessionStatus};
pub use sign_in_refusals::SignInRefusal;
pub use stored_code::UnknownCode;
pub(crate) use stored_code::stored_as_code;
pub(crate) use text::{multi_line, one_line};
pub use theme::Theme;
pub use youth_archive::{
    ArchiveAttendance, ArchiveContact, ArchiveEvent, ArchiveFlags, ArchiveIdentity, ArchiveMessage,
    ArchivePlace, ArchiveProgramme, YouthArchive,
};
pub use youth_path::{
    AttendedSession, CONTACTS_TARGET_MAX, CONTACTS_TARGET_MIN, ContactTarget, PathMonth,
    PathSession, YouthPath, last_contact_day, no_contact_alert_due, no_contact_since,
    programme_last_day, whole_weeks, youth_path,
};
