//! How hard guessing is made: who counts as one client, and how long someone who keeps failing
//! must wait. Pure: `services::check_rate_limit` stores the attempts and applies these rules.
//!
//! # The design
//!
//! - **One client = one network.** An IPv4 address, or the /64 prefix of an IPv6 address (one
//!   household, phone or server gets a whole /64, so counting per IPv6 address would give an
//!   attacker billions of buckets). See [`NetworkAddress`].
//! - **Hard limits, counted before any work** ([`RateLimit`]): every sign-in, link or reset
//!   request from one network (100 per 15 minutes: a whole workshop room signs in from one
//!   Mission Locale's wifi), and link or reset requests for one account (5 per 15 minutes:
//!   enough for a lost mail, too few to flood a mailbox).
//! - **Wrong passwords slow their sender down, not the owner** ([`Throttle`]). A hard lock per
//!   account that counts before the password is checked lets anyone lock a coordinator out
//!   with five bogus tries. Instead, wrong passwords are counted per account *and network*:
//!   5 are free within an hour, then each further try from that network must wait 30 s, 1 min,
//!   2 min… (doubling, at most 15 minutes) after the last failure — tries that come too soon are
//!   refused without checking the password, so they give nothing away. The owner, from another
//!   network, is not slowed by an attacker's failures. Against an attacker spread over many
//!   networks, wrong passwords are also counted per account from anywhere: past 30 within an
//!   hour, every network waits the same doubling delay; the owner can still sign in at once
//!   through « Mot de passe oublié ? » (the emailed link proves who they are). A right password
//!   clears its network's failures.
//! - **Check-in codes** ([`Throttle::CHECK_IN_CODE`]): 5 wrong codes within 10 minutes lock
//!   that youth's self check-in for 10 minutes after the last one; the room's code changes every
//!   30 seconds, so a real youth who mistyped asks the facilitator to tick them in.
//! - A try is counted as failed **before** it is checked, in one transaction that holds the
//!   account's (or youth's) lock, and forgotten when it succeeds: a burst of parallel tries
//!   cannot all read "no failure yet".
//! - A refusal is a 429 with a French message (`ServiceError::RateLimited`, or `Throttled` saying
//!   when to come back), `AppError::TooManyRequests` across the wire (`app/src/error.rs`).

use std::fmt;
use std::net::IpAddr;

use chrono::{DateTime, Duration, Utc};

/// At most `max` attempts per `window`, refused beyond (a hard limit).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RateLimit {
    pub max: u64,
    pub window: Duration,
}

impl RateLimit {
    /// Link and reset requests for one email address.
    pub const PER_ACCOUNT: RateLimit = RateLimit {
        max: 5,
        window: Duration::minutes(15),
    };
    /// Everything from one network. Generous: a whole workshop room signs in from one Mission
    /// Locale's wifi, behind one address.
    pub const PER_NETWORK_ADDRESS: RateLimit = RateLimit {
        max: 100,
        window: Duration::minutes(15),
    };
    /// Check-in codes typed from one network: a room of 30 on one wifi, a few typos each, and
    /// the other rooms of the building.
    pub const CHECK_IN_PER_NETWORK: RateLimit = RateLimit {
        max: 300,
        window: Duration::minutes(15),
    };
}

/// The hard limits of sign-in link and password reset requests, and of password sign-ins per
/// network: a value the server holds ([`Default`]: the constants above) and hands to each
/// request, so that the browser tests, whose every request comes from 127.0.0.1, can raise
/// them (`ATELIERS_TEST_RATE_LIMITS`, accepted in demo mode only).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RateLimits {
    /// Link and reset requests for one email address.
    pub per_account: RateLimit,
    /// Link, reset and password sign-in requests from one network.
    pub per_network: RateLimit,
}

impl Default for RateLimits {
    fn default() -> Self {
        Self {
            per_account: RateLimit::PER_ACCOUNT,
            per_network: RateLimit::PER_NETWORK_ADDRESS,
        }
    }
}

impl RateLimits {
    /// The same windows with other maxima: `per_account` requests for one address,
    /// `per_network` from one network.
    pub fn with_maxima(per_account: u64, per_network: u64) -> Self {
        let default = Self::default();
        Self {
            per_account: RateLimit {
                max: per_account,
                ..default.per_account
            },
            per_network: RateLimit {
                max: per_network,
                ..default.per_network
            },
        }
    }
}

/// Failures that cost nothing, then a delay after the last failure that doubles with each
/// further failure, up to a cap. Failures older than `window` are forgotten.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Throttle {
    pub free_failures: u32,
    pub window: Duration,
    pub first_delay: Duration,
    pub max_delay: Duration,
}

impl Throttle {
    /// Wrong passwords for one account from one network.
    pub const PASSWORD_FROM_ONE_NETWORK: Throttle = Throttle {
        free_failures: 5,
        window: Duration::hours(1),
        first_delay: Duration::seconds(30),
        max_delay: Duration::minutes(15),
    };
    /// Wrong passwords for one account from anywhere (an attacker spread over many networks).
    pub const PASSWORD_FROM_ANYWHERE: Throttle = Throttle {
        free_failures: 30,
        window: Duration::hours(1),
        first_delay: Duration::seconds(30),
        max_delay: Duration::minutes(15),
    };
    /// Wrong check-in codes typed by one youth: a lock of 10 minutes after the fifth.
    pub const CHECK_IN_CODE: Throttle = Throttle {
        free_failures: 5,
        window: Duration::minutes(10),
        first_delay: Duration::minutes(10),
        max_delay: Duration::minutes(10),
    };

    /// The delay imposed after `failures` failures within the window: none while they are free.
    pub fn delay_after(&self, failures: u64) -> Option<Duration> {
        let beyond = failures.checked_sub(u64::from(self.free_failures))?;
        // 2^beyond, saturating long before it could overflow: the cap is reached in a few steps.
        let factor = 1_i32.checked_shl(u32::try_from(beyond).unwrap_or(u32::MAX).min(20));
        let delay = factor.map_or(self.max_delay, |factor| self.first_delay * factor);
        Some(delay.min(self.max_delay))
    }

    /// When the next try may come, given the failures within the window (`count`, the latest at
    /// `last`); `None` when it may come now.
    pub fn wait_until(
        &self,
        count: u64,
        last: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> Option<DateTime<Utc>> {
        let delay = self.delay_after(count)?;
        let next = last? + delay;
        (now < next).then_some(next)
    }
}

/// The network a client belongs to, for counting: an IPv4 address, or the /64 of an IPv6 one
/// (an IPv4 address written as IPv6, `::ffff:a.b.c.d`, is the IPv4 address).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct NetworkAddress(IpAddr);

impl NetworkAddress {
    pub fn of(address: IpAddr) -> Self {
        match address.to_canonical() {
            IpAddr::V4(v4) => Self(IpAddr::V4(v4)),
            IpAddr::V6(v6) => {
                let prefix = u128::from(v6) & !((1_u128 << 64) - 1);
                Self(IpAddr::V6(prefix.into()))
            }
        }
    }
}

impl fmt::Display for NetworkAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            IpAddr::V4(v4) => write!(f, "{v4}"),
            IpAddr::V6(v6) => write!(f, "{v6}/64"),
        }
    }
}

/// What the refusal of a throttled try says, with the time to come back (Paris time).
pub fn retry_message(what: &str, retry_at: DateTime<Utc>, now: DateTime<Utc>) -> String {
    // Rounded up: « 30 secondes » while 29.6 remain, never a moment too early.
    let seconds = ((retry_at - now).num_milliseconds() + 999)
        .div_euclid(1000)
        .max(1);
    let wait = if seconds < 60 {
        format!("{seconds} secondes")
    } else {
        let minutes = (seconds + 59) / 60;
        if minutes == 1 {
            "1 minute".to_owned()
        } else {
            format!("{minutes} minutes")
        }
    };
    format!("{what} Réessayez dans {wait}.")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000 + seconds, 0).expect("a time")
    }

    #[test]
    fn the_default_limits_are_the_constants_and_only_the_maxima_change() {
        let default = RateLimits::default();
        assert_eq!(default.per_account, RateLimit::PER_ACCOUNT);
        assert_eq!(default.per_network, RateLimit::PER_NETWORK_ADDRESS);
        let raised = RateLimits::with_maxima(50, 1000);
        assert_eq!(raised.per_account.max, 50);
        assert_eq!(raised.per_network.max, 1000);
        assert_eq!(raised.per_account.window, RateLimit::PER_ACCOUNT.window);
        assert_eq!(
            raised.per_network.window,
            RateLimit::PER_NETWORK_ADDRESS.window
        );
    }

    #[test]
    fn five_wrong_passwords_are_free_then_the_delay_doubles_up_to_a_cap() {
        let throttle = Throttle::PASSWORD_FROM_ONE_NETWORK;
        for failures in 0..5 {
            assert_eq!(throttle.delay_after(failures), None);
        }
        let delays: Vec<i64> = (5..13)
            .map(|failures| {
                throttle
                    .delay_after(failures)
                    .expect("a delay")
                    .num_seconds()
            })
            .collect();
        assert_eq!(delays, [30, 60, 120, 240, 480, 900, 900, 900]);
        assert_eq!(
            throttle.delay_after(u64::MAX),
            Some(Duration::minutes(15)),
            "no overflow"
        );
    }

    #[test]
    fn a_try_waits_from_the_last_failure_only_once_the_free_ones_are_spent() {
        let throttle = Throttle::PASSWORD_FROM_ONE_NETWORK;
        assert_eq!(throttle.wait_until(4, Some(at(0)), at(1)), None);
        assert_eq!(throttle.wait_until(5, Some(at(0)), at(1)), Some(at(30)));
        assert_eq!(throttle.wait_until(5, Some(at(0)), at(29)), Some(at(30)));
        assert_eq!(throttle.wait_until(5, Some(at(0)), at(30)), None);
        assert_eq!(
            throttle.wait_until(7, Some(at(100)), at(200)),
            Some(at(220))
        );
        assert_eq!(throttle.wait_until(7, None, at(200)), None);
    }

    #[test]
    fn an_attacker_on_one_network_gets_about_a_dozen_guesses_an_hour() {
        // Guessing as fast as allowed, failures older than the window forgotten.
        let throttle = Throttle::PASSWORD_FROM_ONE_NETWORK;
        let mut failures: Vec<DateTime<Utc>> = Vec::new();
        let mut now = at(0);
        while now < at(3600) {
            let recent: Vec<_> = failures
                .iter()
                .copied()
                .filter(|failure| *failure > now - throttle.window)
                .collect();
            match throttle.wait_until(recent.len() as u64, recent.last().copied(), now) {
                None => failures.push(now),
                Some(next) => now = next,
            }
        }
        assert!(
            (10..=13).contains(&failures.len()),
            "{} guesses in an hour",
            failures.len()
        );
    }

    #[test]
    fn a_check_in_is_locked_ten_minutes_after_the_fifth_wrong_code() {
        let throttle = Throttle::CHECK_IN_CODE;
        assert_eq!(throttle.wait_until(4, Some(at(0)), at(1)), None);
        assert_eq!(throttle.wait_until(5, Some(at(0)), at(1)), Some(at(600)));
        assert_eq!(throttle.wait_until(5, Some(at(0)), at(600)), None);
    }

    #[test]
    fn ipv6_clients_are_counted_per_64_and_ipv4_per_address() {
        let network = |text: &str| NetworkAddress::of(text.parse().expect("an address"));
        assert_eq!(
            network("2001:db8:1:2:aaaa::1"),
            network("2001:db8:1:2:ffff:ffff:ffff:ffff")
        );
        assert_ne!(network("2001:db8:1:2::1"), network("2001:db8:1:3::1"));
        assert_eq!(
            network("2001:db8:1:2:aaaa::1").to_string(),
            "2001:db8:1:2::/64"
        );
        assert_ne!(network("203.0.113.7"), network("203.0.113.8"));
        assert_eq!(network("::ffff:203.0.113.7"), network("203.0.113.7"));
        assert_eq!(network("203.0.113.7").to_string(), "203.0.113.7");
    }

    #[test]
    fn the_refusal_says_when_to_come_back() {
        assert_eq!(
            retry_message("Trop d'essais.", at(30), at(0)),
            "Trop d'essais. Réessayez dans 30 secondes."
        );
        assert_eq!(
            retry_message("Trop d'essais.", at(600), at(1)),
            "Trop d'essais. Réessayez dans 10 minutes."
        );
    }
}
