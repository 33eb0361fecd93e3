//! Ateliers, the library: collective workshops for the Missions Locales of Seine-Saint-Denis.
//!
//! - [`domain`]: types and rules, pure (no I/O), shared by the server and the browser.
//! - [`services`] (feature `server`): one module per use case, named `verb_noun`, that reads and
//!   writes the database through sea-orm.
//! - [`mail`] (feature `server`): how mail leaves the building (SMTP or a folder of `.eml` files).
//! - [`sms`] (feature `server`): the SMPP client that sends SMS and hears receipts and STOP.
//! - [`auth`] (feature `server`): password hashes and the secret tokens of links and sessions.
//! - [`clock`] (feature `server`): the time the server and its workers read.

pub mod domain;
pub mod error;
pub mod local_mail;

#[cfg(feature = "server")]
pub mod auth;
#[cfg(feature = "server")]
pub mod clock;
#[cfg(feature = "server")]
pub mod documents;
#[cfg(feature = "server")]
pub mod entities;
#[cfg(feature = "server")]
pub mod mail;
#[cfg(feature = "server")]
pub mod services;
#[cfg(feature = "server")]
pub mod sms;

pub use error::ServiceError;
