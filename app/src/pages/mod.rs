//! One module per page, named after what the person does there.

mod agenda;
mod attendance;
mod catalogue;
mod facilitators;
mod failed_mail;
mod figures;
mod home;
mod local_mail;
mod my_calendar;
mod my_enrolments;
mod my_notices;
mod not_found;
mod password_reset;
mod places;
mod public_session;
mod retention;
mod service_health;
mod sessions;
mod sign_in;
mod staff;
mod upcoming_sessions;
mod verify_document;
mod youths;

pub use agenda::AgendaPage;
pub use attendance::{
    AttendancePage, CheckInPage, CheckInScreenPage, CollectSignaturePage, SheetsToClosePage,
    YouthSignaturePage,
};
pub use catalogue::{CataloguePage, NewWorkshopTypePage, WorkshopTypePage};
pub use facilitators::{FacilitatorPage, FacilitatorsPage, NewFacilitatorPage};
pub use failed_mail::FailedMailPage;
pub use figures::FiguresPage;
pub use home::HomePage;
pub use local_mail::{LocalMailMessagePage, LocalMailPage};
pub use my_calendar::MyCalendarPage;
pub use my_enrolments::MyEnrolmentsPage;
pub use my_notices::MyNoticesPage;
pub use not_found::NotFoundPage;
pub use password_reset::{ForgotPasswordPage, ResetPasswordPage};
pub use places::PlacesPage;
pub use public_session::{CancelEnrolmentPage, FacilitatorSessionsPage, PublicSessionPage};
pub use retention::{PrivacyPage, RetentionPage};
pub use service_health::ServiceHealthPage;
pub use sessions::{NewSessionPage, SessionPage};
pub use sign_in::{CodeSentPage, LinkSentPage, RedeemLinkPage, SignInPage};
pub use staff::{NewStaffMemberPage, StaffMemberPage, StaffPage};
pub use upcoming_sessions::UpcomingSessionsPage;
pub use verify_document::{DocumentSealPage, VerifyDocumentPage};
pub use youths::{NewYouthPage, YouthPage, YouthsPage};
