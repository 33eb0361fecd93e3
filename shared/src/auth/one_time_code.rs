use rand_core::{OsRng, RngCore};

use super::hash_token;

/// A six-digit code sent by SMS to sign in. Six digits are typed easily on any phone; what
/// keeps them safe is their short life (10 minutes), single use, the few tries each allows and
/// the rate limits on asking for them, not their length.
pub struct OneTimeCode {
    /// What the SMS carries: `"048213"`.
    pub code: String,
}

impl OneTimeCode {
    pub fn generate() -> Self {
        // Uniform: draws above the last multiple of a million are thrown away.
        const SPAN: u32 = 1_000_000;
        const LIMIT: u32 = u32::MAX - u32::MAX % SPAN;
        let draw = loop {
            let candidate = OsRng.next_u32();
            if candidate < LIMIT {
                break candidate % SPAN;
            }
        };
        Self {
            code: format!("{draw:06}"),
        }
    }

    /// What the database keeps: the hash of the code bound to the number it was sent to, so a
    /// code works with that number only.
    pub fn hash(phone: &str, code: &str) -> String {
        hash_token(&format!("{phone}:{code}"))
    }
}

impl std::fmt::Debug for OneTimeCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print the code in logs.
        f.write_str("OneTimeCode(…)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_six_digits_and_vary() {
        let codes: Vec<String> = (0..50).map(|_| OneTimeCode::generate().code).collect();
        for code in &codes {
            assert_eq!(code.len(), 6, "{code}");
            assert!(code.bytes().all(|byte| byte.is_ascii_digit()), "{code}");
        }
        let mut distinct = codes.clone();
        distinct.sort();
        distinct.dedup();
        assert!(distinct.len() > 40, "{codes:?}");
        assert_eq!(format!("{:?}", OneTimeCode::generate()), "OneTimeCode(…)");
    }

    #[test]
    fn a_code_is_bound_to_its_number() {
        let hash = OneTimeCode::hash("+33612345678", "123456");
        assert_eq!(hash, OneTimeCode::hash("+33612345678", "123456"));
        assert_ne!(hash, OneTimeCode::hash("+33612345679", "123456"));
        assert_ne!(hash, OneTimeCode::hash("+33612345678", "123457"));
        assert!(!hash.contains("123456"));
    }
}
