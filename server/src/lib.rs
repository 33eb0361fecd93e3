//! The Ateliers server: configuration, HTTP router, background work and the CLI's commands.
//! Integration tests drive it through [`startup::Application`], exactly as `ateliers serve` does.

pub mod client_address;
pub mod config;
pub mod middleware;
pub mod precompress;
pub mod routes;
pub mod smtp_sink;
pub mod startup;
pub mod telemetry;
pub mod workers;
