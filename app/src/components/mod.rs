//! Server-rendered building blocks shared by pages. They ship no wasm.

mod archive_confirmation;
mod checkbox;
mod enrolment_panel;
mod error_notice;
mod figure_card;
mod id_param;
mod islands_scripts;
mod loaded;
mod notice;
mod session_card;
mod signature_pad;
mod site_header;
mod youth_list;

pub use archive_confirmation::ArchiveConfirmation;
pub use checkbox::Checkbox;
pub use enrolment_panel::EnrolmentPanel;
pub use error_notice::{ErrorNotice, FormError};
pub use figure_card::FigureCard;
pub use id_param::id_param;
pub use islands_scripts::IslandsScripts;
pub use loaded::loaded;
pub use notice::{QueryNotice, SuccessNotice};
pub use session_card::SessionCardView;
pub use signature_pad::SignaturePad;
pub use site_header::SiteHeader;
pub use youth_list::YouthList;
