//! Texts written to fit the GSM 03.38 alphabet, and their cost in segments.
//!
//! Every SMS is paid per segment. A text in the GSM 03.38 alphabet takes 160 characters in one
//! segment (153 per segment once split); a single character outside it (`ê`, `œ`, `’`) turns the
//! whole message into UCS-2: 70 characters, 67 per segment. French has many such characters,
//! so Ateliers folds them to their nearest GSM form before sending (`ê` → `e`, `œ` → `oe`,
//! `’` → `'`, `«` → `"`): a notice costs at most two segments instead of four or five, and
//! reads as French SMS usually do. `é`, `è`, `à`, `ù` are in the alphabet and stay.

use serde::{Deserialize, Serialize};

/// The basic GSM 03.38 alphabet (one septet each), in table order, without the escape (0x1B)
/// that sits between `Ξ` and `Æ`.
const GSM_BASIC: &str = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?\
¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

/// The extension table: each costs two septets (an escape, then the character).
const GSM_EXTENSION: &str = "^{}\\[~]|€\u{c}";

/// Septets in one segment, alone or in a concatenated message (the rest holds the header).
const GSM_SINGLE: usize = 160;
const GSM_PART: usize = 153;
/// UTF-16 units in one segment, alone or concatenated.
const UCS2_SINGLE: usize = 70;
const UCS2_PART: usize = 67;

super::super::stored_as_code! {
    /// How a text is encoded on the air.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
    pub enum SmsEncoding {
        Gsm7,
        Ucs2,
    }
}

impl SmsEncoding {
    pub fn code(self) -> &'static str {
        match self {
            Self::Gsm7 => "gsm7",
            Self::Ucs2 => "ucs2",
        }
    }

    /// As people who read SMS specifications name it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Gsm7 => "GSM 03.38",
            Self::Ucs2 => "UCS-2",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        [Self::Gsm7, Self::Ucs2]
            .into_iter()
            .find(|encoding| encoding.code() == code)
    }
}

/// What a text costs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SmsLength {
    pub encoding: SmsEncoding,
    pub segments: usize,
}

/// The nearest GSM 03.38 form of a text: letters outside the alphabet lose their accent,
/// ligatures are spelled out, typographic quotes, dashes and spaces become plain ones.
/// Characters with no such form (emoji, other scripts) stay, and make the text UCS-2.
pub fn fold_to_gsm(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for character in text.chars() {
        if is_gsm(character) {
            folded.push(character);
            continue;
        }
        let replacement = match character {
            'á' | 'â' | 'ã' | 'å' => "a",
            'À' | 'Á' | 'Â' | 'Ã' => "A",
            'ç' => "c",
            'ê' | 'ë' => "e",
            'È' | 'Ê' | 'Ë' => "E",
            'í' | 'î' | 'ï' => "i",
            'Ì' | 'Í' | 'Î' | 'Ï' => "I",
            'ó' | 'ô' | 'õ' => "o",
            'Ò' | 'Ó' | 'Ô' | 'Õ' => "O",
            'ú' | 'û' => "u",
            'Ù' | 'Ú' | 'Û' => "U",
            'ÿ' | 'ý' => "y",
            'Ÿ' | 'Ý' => "Y",
            'œ' => "oe",
            'Œ' => "OE",
            '’' | '‘' | '‛' | '′' | '`' | '´' => "'",
            '«' | '»' | '“' | '”' | '„' | '″' => "\"",
            '–' | '—' | '‐' | '‑' | '−' => "-",
            '…' => "...",
            '·' | '•' => ".",
            '\u{a0}' | '\u{202f}' | '\u{2009}' | '\t' => " ",
            other => {
                folded.push(other);
                continue;
            }
        };
        folded.push_str(replacement);
    }
    folded
}

/// The encoding and the number of segments a phone would use for this text, as sent.
pub fn measure(text: &str) -> SmsLength {
    match gsm_septets(text) {
        Some(septets) => SmsLength {
            encoding: SmsEncoding::Gsm7,
            segments: segments(&septets, GSM_SINGLE, GSM_PART),
        },
        None => {
            let units: Vec<usize> = text.chars().map(char::len_utf16).collect();
            SmsLength {
                encoding: SmsEncoding::Ucs2,
                segments: segments(&units, UCS2_SINGLE, UCS2_PART),
            }
        }
    }
}

/// Reads a GSM 03.38 text sent unpacked (one septet per byte, as SMPP carries it with the
/// default data coding): an escape (0x1B) reads the next septet from the extension table.
/// Septets with no character read as `?`.
pub fn decode_gsm_septets(septets: &[u8]) -> String {
    let before_escape = usize::from(GSM_ESCAPE);
    let basic: Vec<char> = GSM_BASIC
        .chars()
        .take(before_escape)
        .chain(['?'])
        .chain(GSM_BASIC.chars().skip(before_escape))
        .collect();
    let mut text = String::with_capacity(septets.len());
    let mut escaped = false;
    for &septet in septets {
        if escaped {
            escaped = false;
            let extended = GSM_EXTENSION_CODES
                .iter()
                .find(|(code, _)| *code == septet)
                .map_or('?', |(_, character)| *character);
            text.push(extended);
        } else if septet == GSM_ESCAPE {
            escaped = true;
        } else {
            text.push(basic.get(usize::from(septet)).copied().unwrap_or('?'));
        }
    }
    text
}

/// The escape septet, and where each extension character sits after it.
const GSM_ESCAPE: u8 = 0x1B;
const GSM_EXTENSION_CODES: [(u8, char); 10] = [
    (0x0A, '\u{c}'),
    (0x14, '^'),
    (0x28, '{'),
    (0x29, '}'),
    (0x2F, '\\'),
    (0x3C, '['),
    (0x3D, '~'),
    (0x3E, ']'),
    (0x40, '|'),
    (0x65, '€'),
];

fn is_gsm(character: char) -> bool {
    GSM_BASIC.contains(character) || GSM_EXTENSION.contains(character)
}

/// The septets of each character, or `None` if one is outside the alphabet.
fn gsm_septets(text: &str) -> Option<Vec<usize>> {
    text.chars()
        .map(|character| {
            if GSM_BASIC.contains(character) {
                Some(1)
            } else if GSM_EXTENSION.contains(character) {
                Some(2)
            } else {
                None
            }
        })
        .collect()
}

/// Segments for characters of the given widths: one if all fit in a single segment, else as
/// many parts as needed, a character never split between two (an escape and its character,
/// a surrogate pair).
fn segments(widths: &[usize], single: usize, part: usize) -> usize {
    if widths.iter().sum::<usize>() <= single {
        return 1;
    }
    let (mut parts, mut used) = (1, 0);
    for width in widths {
        if used + width > part {
            parts += 1;
            used = 0;
        }
        used += width;
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn septets_read_back_as_the_text_they_encode() {
        // "Café [ok] 5€" as a GSM encoder writes it, unpacked: é is 0x05, € an escape then 0x65.
        let septets = [
            0x43, 0x61, 0x66, 0x05, 0x20, 0x1B, 0x3C, 0x6F, 0x6B, 0x1B, 0x3E, 0x20, 0x35, 0x1B,
            0x65,
        ];
        assert_eq!(decode_gsm_septets(&septets), "Café [ok] 5€");
        assert_eq!(
            decode_gsm_septets(&[0x00, 0x0A, 0x1C, 0x40, 0x7F]),
            "@\nÆ¡à"
        );
    }

    fn gsm(segments: usize) -> SmsLength {
        SmsLength {
            encoding: SmsEncoding::Gsm7,
            segments,
        }
    }

    fn ucs2(segments: usize) -> SmsLength {
        SmsLength {
            encoding: SmsEncoding::Ucs2,
            segments,
        }
    }

    #[test]
    fn the_alphabet_has_its_128_characters() {
        assert_eq!(GSM_BASIC.chars().count(), 127, "128 minus the escape");
        assert_eq!(GSM_EXTENSION.chars().count(), 10);
    }

    #[test]
    fn gsm_text_takes_160_characters_then_153_a_segment() {
        assert_eq!(measure("Bonjour"), gsm(1));
        assert_eq!(measure(&"a".repeat(160)), gsm(1));
        assert_eq!(measure(&"a".repeat(161)), gsm(2));
        assert_eq!(measure(&"a".repeat(306)), gsm(2));
        assert_eq!(measure(&"a".repeat(307)), gsm(3));
    }

    #[test]
    fn extension_characters_count_twice_and_are_never_split() {
        assert_eq!(measure(&"€".repeat(80)), gsm(1));
        assert_eq!(measure(&"€".repeat(81)), gsm(2));
        // 152 septets, then an escape pair that would straddle the boundary: it moves on.
        let straddling = format!("{}€{}", "a".repeat(152), "a".repeat(152));
        assert_eq!(measure(&straddling), gsm(3));
        let fitting = format!("{}€{}", "a".repeat(151), "a".repeat(151));
        assert_eq!(measure(&fitting), gsm(2));
    }

    #[test]
    fn one_character_outside_the_alphabet_makes_it_ucs2() {
        assert_eq!(measure("Votre séance est confirmée"), gsm(1));
        assert_eq!(measure("Rendez-vous à l’accueil"), ucs2(1));
        assert_eq!(measure(&format!("œ{}", "a".repeat(69))), ucs2(1));
        assert_eq!(measure(&format!("œ{}", "a".repeat(70))), ucs2(2));
        assert_eq!(measure(&format!("ê{}", "a".repeat(133))), ucs2(2));
        assert_eq!(measure(&format!("ê{}", "a".repeat(134))), ucs2(3));
    }

    #[test]
    fn french_is_folded_into_the_alphabet() {
        let folded = fold_to_gsm("« Être prêt·e », c’est l’œuvre d’un garçon — à 9 h 30…");
        assert_eq!(
            folded,
            "\" Etre pret.e \", c'est l'oeuvre d'un garcon - à 9 h 30..."
        );
        assert_eq!(measure(&folded).encoding, SmsEncoding::Gsm7);
        // What the alphabet has, stays.
        assert_eq!(
            fold_to_gsm("é è à ù É Ç ä ö ü ñ ß 10 €"),
            "é è à ù É Ç ä ö ü ñ ß 10 €"
        );
    }

    #[test]
    fn what_has_no_gsm_form_stays_and_is_sent_as_ucs2() {
        let folded = fold_to_gsm("Bravo 🎉");
        assert_eq!(folded, "Bravo 🎉");
        // The emoji is two UTF-16 units.
        assert_eq!(measure(&folded), ucs2(1));
        assert_eq!(measure(&format!("🎉{}", "a".repeat(68))), ucs2(1));
        assert_eq!(measure(&format!("🎉{}", "a".repeat(69))), ucs2(2));
    }
}
