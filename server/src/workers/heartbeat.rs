//! Whether this instance's mail dispatcher is running, for `/readyz`: an instance whose
//! dispatcher stopped (it ended, or panicked) still serves pages but no longer sends mail, and
//! a load balancer or an operator should hear of it.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};

use chrono::{DateTime, Utc};

#[derive(Clone, Debug, Default)]
pub struct DispatcherHeartbeat(Arc<Beat>);

#[derive(Debug, Default)]
struct Beat {
    running: AtomicBool,
    /// When the last pass ended, in milliseconds since the epoch (0: none yet).
    last_pass_ms: AtomicI64,
}

/// Held by the running dispatcher (taken before its task is spawned, so the instance is never
/// seen without it); dropping it (the loop ends, or a panic unwinds) says it stopped.
pub struct Running(DispatcherHeartbeat);

impl Running {
    /// A pass has just ended.
    pub fn beat(&self, now: DateTime<Utc>) {
        self.0
            .0
            .last_pass_ms
            .store(now.timestamp_millis(), Ordering::SeqCst);
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.0.0.running.store(false, Ordering::SeqCst);
    }
}

impl DispatcherHeartbeat {
    pub fn start(&self) -> Running {
        self.0.running.store(true, Ordering::SeqCst);
        Running(self.clone())
    }

    pub fn is_running(&self) -> bool {
        self.0.running.load(Ordering::SeqCst)
    }

    pub fn last_pass(&self) -> Option<DateTime<Utc>> {
        match self.0.last_pass_ms.load(Ordering::SeqCst) {
            0 => None,
            millis => DateTime::from_timestamp_millis(millis),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dispatcher_that_ends_or_panics_is_no_longer_running() {
        let heartbeat = DispatcherHeartbeat::default();
        assert!(!heartbeat.is_running());
        let running = heartbeat.start();
        assert!(heartbeat.is_running());
        drop(running);
        assert!(!heartbeat.is_running());

        let watched = heartbeat.clone();
        let panicked = std::thread::spawn(move || {
            let _running = watched.start();
            panic!("a bug in a pass");
        })
        .join();
        assert!(panicked.is_err());
        assert!(!heartbeat.is_running());
    }
}
