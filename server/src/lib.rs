//! The Ateliers server: configuration, HTTP router, background work and the CLI's commands.
//! Integration tests drive it through [`startup::Application`], exactly as `ateliers serve` does.

pub mod backup;
pub mod client_address;
pub mod config;
pub mod create_coordinator;
pub mod form_errors;
pub mod metrics;
pub mod middleware;
pub mod precompress;
pub mod refusals;
pub mod routes;
pub mod security_headers;
pub mod smsc_sink;
pub mod smtp_sink;
pub mod start_checks;
pub mod startup;
pub mod telemetry;
pub mod workers;

/// Every binary built on this crate (the server, its tests and benchmarks) allocates with
/// mimalloc: under load glibc's malloc took a fifth of a page's CPU (docs/benchmarks.md §2).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
