//! Server-rendered building blocks shared by pages. They ship no wasm.

mod error_notice;
mod islands_scripts;
mod session_card;

pub use error_notice::ErrorNotice;
pub use islands_scripts::IslandsScripts;
pub use session_card::SessionCardView;
