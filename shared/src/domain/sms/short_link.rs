//! The short link an SMS carries to a session's page: `/s/1a3` stands for `/ateliers/1659`.
//! Every character of an SMS costs; the code is the session's id in base 36 and holds no
//! secret (the page it opens is public, and asks to sign in for anything personal).

use crate::domain::SessionId;

const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";

/// `1a3` for session 1659.
pub fn session_short_code(id: SessionId) -> String {
    let mut value = u32::try_from(id.get()).unwrap_or_default();
    let mut code = Vec::new();
    loop {
        code.push(DIGITS[(value % 36) as usize]);
        value /= 36;
        if value == 0 {
            break;
        }
    }
    code.reverse();
    String::from_utf8(code).unwrap_or_default()
}

/// The session a short code stands for; `None` for anything that is not one (upper case is
/// accepted: some phones capitalise links).
pub fn session_of_short_code(code: &str) -> Option<SessionId> {
    if code.is_empty() || code.len() > 6 {
        return None;
    }
    let value = u32::from_str_radix(code, 36).ok()?;
    i32::try_from(value)
        .ok()
        .filter(|id| *id > 0)
        .map(SessionId::new)
}

/// The path of a session's short link.
pub fn session_short_path(id: SessionId) -> String {
    format!("/s/{}", session_short_code(id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_code_reads_back_as_its_session() {
        assert_eq!(session_short_code(SessionId::new(1659)), "1a3");
        assert_eq!(session_short_path(SessionId::new(7)), "/s/7");
        for id in [1, 35, 36, 1659, 99_999, i32::MAX] {
            let code = session_short_code(SessionId::new(id));
            assert_eq!(
                session_of_short_code(&code),
                Some(SessionId::new(id)),
                "{code}"
            );
        }
        assert_eq!(session_of_short_code("1A3"), Some(SessionId::new(1659)));
    }

    #[test]
    fn anything_else_is_no_session() {
        for bad in ["", "0", "-1", "1a3/", "zzzzzzz", "é"] {
            assert_eq!(session_of_short_code(bad), None, "{bad}");
        }
    }
}
