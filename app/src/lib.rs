//! The web front of Ateliers. Pages render on the server; the few interactive parts are Leptos
//! islands, the only code shipped to the browser as wasm (see docs/decisions/0001).

pub mod components;
pub mod error;
pub mod islands;
pub mod pages;
pub mod server_fns;
#[cfg(feature = "ssr")]
pub mod session;
#[cfg(feature = "ssr")]
pub mod state;

mod root;

pub use root::{App, shell};

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
