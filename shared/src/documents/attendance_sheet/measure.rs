//! Text measured in Helvetica's widths: how wide it is, cut to fit, wrapped into lines.

use std::mem;

use super::fonts::{Font, Style};

/// Helvetica's advance widths (thousandths of an em) for ' ' to '~'.
pub(super) const HELVETICA_WIDTHS: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, //
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, //
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, //
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, //
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, //
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];
pub(super) const HELVETICA_BOLD_WIDTHS: [u16; 95] = [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, //
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, //
    975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778, //
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556, //
    333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, //
    611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
];

/// Letters measured as their base letter (Helvetica's accents add no width), one for one.
pub(super) const ACCENTED: &str = "ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝŸàáâãäåçèéêëìíîïñòóôõöøùúûüýÿ";
pub(super) const BASE_LETTERS: &str = "AAAAAACEEEEIIIINOOOOOOUUUUYYaaaaaaceeeeiiiinoooooouuuuyy";

/// Approximate advance width: exact for ASCII, an accented letter as its base letter.
pub(super) fn char_width(character: char, font: Font) -> f32 {
    let table = match font {
        Font::Bold => &HELVETICA_BOLD_WIDTHS,
        Font::Regular | Font::Symbol => &HELVETICA_WIDTHS,
    };
    let base = match character {
        '\u{A0}' | '\u{202F}' => ' ',
        '’' | '‘' => '\'',
        '·' => '.',
        _ => ACCENTED
            .chars()
            .zip(BASE_LETTERS.chars())
            .find(|(accented, _)| *accented == character)
            .map_or(character, |(_, base)| base),
    };
    let thousandths = match base {
        ' '..='~' => table[base as usize - ' ' as usize],
        '—' | '…' | 'Œ' | 'Æ' => 1000,
        '→' => 987,
        'œ' => 944,
        'æ' => 889,
        _ => 556,
    };
    f32::from(thousandths) / 1000.0
}

pub(super) fn text_width(text: &str, style: &Style) -> f32 {
    text.chars()
        .map(|character| char_width(character, style.font))
        .sum::<f32>()
        * style.size
}

/// The text cut with « … » if it is wider than `max_width`.
pub(super) fn fit(text: &str, style: &Style, max_width: f32) -> String {
    if text_width(text, style) <= max_width {
        return text.to_owned();
    }
    let room = max_width - text_width("…", style);
    let mut kept = String::new();
    for character in text.chars() {
        if text_width(&kept, style) + char_width(character, style.font) * style.size > room {
            break;
        }
        kept.push(character);
    }
    format!("{}…", kept.trim_end())
}

/// Lines no wider than `max_width`, broken between words (no-break spaces hold); a word
/// wider than a line is cut.
pub(super) fn wrap(text: &str, style: &Style, max_width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in text
        .split(|c: char| c.is_ascii_whitespace())
        .filter(|w| !w.is_empty())
    {
        let candidate = if current.is_empty() {
            word.to_owned()
        } else {
            format!("{current} {word}")
        };
        if text_width(&candidate, style) <= max_width {
            current = candidate;
            continue;
        }
        if !current.is_empty() {
            lines.push(mem::take(&mut current));
        }
        for character in word.chars() {
            if !current.is_empty()
                && text_width(&current, style) + char_width(character, style.font) * style.size
                    > max_width
            {
                lines.push(mem::take(&mut current));
            }
            current.push(character);
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::documents::attendance_sheet::fonts::CELL;

    #[test]
    fn long_names_are_cut_to_their_column() {
        let long = "Marie-Antoinette Josèphe Jeanne de Habsbourg-Lorraine-Bourbon des Deux-Siciles";
        let cut = fit(long, &CELL, 168.0);
        assert!(cut.ends_with('…') && cut.starts_with("Marie-Antoinette"));
        assert!(text_width(&cut, &CELL) <= 168.0);
        assert_eq!(fit("Inès Benali", &CELL, 168.0), "Inès Benali");
    }

    #[test]
    fn every_accented_letter_has_its_base_letter() {
        assert_eq!(ACCENTED.chars().count(), BASE_LETTERS.chars().count());
    }
}
