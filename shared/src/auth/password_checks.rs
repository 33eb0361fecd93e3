use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tokio::sync::Semaphore;

use super::{hash_password, verify_password};

/// How long a sign-in waits for its turn before it is told to come back.
pub const PASSWORD_CHECK_WAIT: Duration = Duration::from_secs(10);

/// Said when too many passwords are being checked at once for a sign-in to wait its turn.
pub const BUSY_MESSAGE: &str = "Trop de connexions en même temps. Réessayez dans une minute.";

/// At most `N` argon2 computations (verifications and hashes) at once. Each takes about 19 MiB
/// and a core for tens of milliseconds: a burst of sign-ins waits its turn (at most
/// [`PASSWORD_CHECK_WAIT`]) instead of exhausting memory, and past the wait is refused. What
/// waits is a small future, not a hash in progress. Cloning shares the same permits.
#[derive(Clone, Debug)]
pub struct PasswordChecks {
    permits: Arc<Semaphore>,
    wait: Duration,
    in_flight: Arc<AtomicUsize>,
    peak: Arc<AtomicUsize>,
}

/// No permit came within the wait.
#[derive(Debug, PartialEq, Eq)]
pub struct TooBusy;

impl PasswordChecks {
    pub fn new(at_once: usize) -> Self {
        Self::with_wait(at_once, PASSWORD_CHECK_WAIT)
    }

    pub fn with_wait(at_once: usize, wait: Duration) -> Self {
        Self {
            permits: Arc::new(Semaphore::new(at_once.max(1))),
            wait,
            in_flight: Arc::new(AtomicUsize::new(0)),
            peak: Arc::new(AtomicUsize::new(0)),
        }
    }

    /// The most computations that ever ran at once (for tests and monitoring).
    pub fn peak(&self) -> usize {
        self.peak.load(Ordering::Relaxed)
    }

    /// Whether `password` matches `stored`; with no stored hash, a decoy is verified so that the
    /// answer takes as long.
    pub async fn verify(
        &self,
        password: String,
        stored: Option<String>,
        decoy: &'static str,
    ) -> Result<bool, TooBusy> {
        self.run(move || match stored {
            Some(hash) => verify_password(&password, &hash),
            None => {
                verify_password(&password, decoy);
                false
            }
        })
        .await
    }

    /// A new hash for `password`.
    pub async fn hash(&self, password: String) -> Result<String, TooBusy> {
        self.run(move || hash_password(&password)).await
    }

    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, TooBusy> {
        let permit = tokio::time::timeout(self.wait, self.permits.clone().acquire_owned())
            .await
            .map_err(|_| TooBusy)?
            .map_err(|_| TooBusy)?;
        let now = self.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        self.peak.fetch_max(now, Ordering::SeqCst);
        let in_flight = self.in_flight.clone();
        let result = tokio::task::spawn_blocking(move || {
            let result = work();
            // Counted out before the permit is released, so the count never exceeds the permits.
            in_flight.fetch_sub(1, Ordering::SeqCst);
            drop(permit);
            result
        })
        .await
        .map_err(|_| TooBusy)?;
        Ok(result)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn never_more_verifications_at_once_than_permits() {
        let checks = PasswordChecks::new(2);
        let hash = hash_password("le bon mot de passe");
        let results = futures_join(
            (0..12)
                .map(|i| {
                    let checks = checks.clone();
                    let hash = hash.clone();
                    tokio::spawn(async move {
                        let password = if i % 3 == 0 {
                            "le bon mot de passe"
                        } else {
                            "un autre"
                        };
                        checks
                            .verify(password.into(), Some(hash), "decoy")
                            .await
                            .expect("within the wait")
                    })
                })
                .collect(),
        )
        .await;
        assert_eq!(results.iter().filter(|matched| **matched).count(), 4);
        assert_eq!(checks.peak(), 2, "as many at once as permits, never more");
    }

    #[tokio::test]
    async fn a_check_that_cannot_get_a_turn_in_time_is_refused() {
        let checks = PasswordChecks::with_wait(1, Duration::from_millis(50));
        let held = checks
            .permits
            .clone()
            .acquire_owned()
            .await
            .expect("a permit");
        assert_eq!(checks.hash("x".into()).await, Err(TooBusy));
        drop(held);
        assert!(checks.hash("x".into()).await.is_ok());
    }

    async fn futures_join(handles: Vec<tokio::task::JoinHandle<bool>>) -> Vec<bool> {
        let mut results = Vec::new();
        for handle in handles {
            results.push(handle.await.expect("no panic"));
        }
        results
    }
}
