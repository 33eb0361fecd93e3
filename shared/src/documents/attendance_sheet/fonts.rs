//! The fonts, the text styles, and text written as the bytes of Windows-1252.

use pdf_writer::{Content, Name, Str};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Font {
    Regular,
    Bold,
    /// Only for `→`, which WinAnsiEncoding lacks.
    Symbol,
}

impl Font {
    pub(super) const ALL: [Font; 3] = [Font::Regular, Font::Bold, Font::Symbol];

    /// The name pages use for it, and its PostScript name.
    pub(super) fn names(self) -> (Name<'static>, Name<'static>) {
        match self {
            Font::Regular => (Name(b"F1"), Name(b"Helvetica")),
            Font::Bold => (Name(b"F2"), Name(b"Helvetica-Bold")),
            Font::Symbol => (Name(b"F3"), Name(b"Symbol")),
        }
    }
}

pub(super) struct Style {
    pub(super) font: Font,
    pub(super) size: f32,
    /// Distance from one baseline to the next.
    pub(super) leading: f32,
    /// 0 is black; secondary text is grey.
    pub(super) gray: f32,
}

impl Style {
    pub(super) const fn new(font: Font, size: f32, leading: f32, gray: f32) -> Style {
        Style {
            font,
            size,
            leading,
            gray,
        }
    }
}

// Font, size, leading, grey.
pub(super) const TITLE: Style = Style::new(Font::Bold, 15.0, 21.0, 0.0);
pub(super) const WORKSHOP: Style = Style::new(Font::Bold, 11.5, 15.0, 0.0);
pub(super) const HEADING: Style = Style::new(Font::Bold, 11.0, 16.0, 0.0);
pub(super) const RUNNING_TITLE: Style = Style::new(Font::Bold, 9.0, 18.0, 0.3);
pub(super) const FIELD_LABEL: Style = Style::new(Font::Bold, 9.5, 13.0, 0.0);
pub(super) const FIELD: Style = Style::new(Font::Regular, 9.5, 13.0, 0.0);
pub(super) const COLUMN_TITLE: Style = Style::new(Font::Bold, 8.5, 11.0, 0.0);
pub(super) const CELL: Style = Style::new(Font::Regular, 9.0, 12.0, 0.0);
pub(super) const NOTE: Style = Style::new(Font::Regular, 7.5, 10.0, 0.4);
pub(super) const FOOTER: Style = Style::new(Font::Regular, 7.0, 8.5, 0.25);
pub(super) const FOOTER_STRONG: Style = Style::new(Font::Bold, 7.5, 8.5, 0.0);
pub(super) fn show(content: &mut Content, style: &Style, x: f32, baseline: f32, text: &str) {
    content
        .begin_text()
        .set_fill_gray(style.gray)
        .next_line(x, baseline);
    for (font, bytes) in encode_runs(text, style.font) {
        content
            .set_font(font.names().0, style.size)
            .show(Str(&bytes));
    }
    content.end_text();
}

/// The text as runs of font bytes: WinAnsi in `font`, and Symbol for arrows.
pub(super) fn encode_runs(text: &str, font: Font) -> Vec<(Font, Vec<u8>)> {
    let mut runs: Vec<(Font, Vec<u8>)> = Vec::new();
    for character in text.chars() {
        let (run_font, byte) = match character {
            '→' => (Font::Symbol, 0xAE),
            _ => (font, win_ansi_byte(character)),
        };
        match runs.last_mut() {
            Some((last_font, bytes)) if *last_font == run_font => bytes.push(byte),
            _ => runs.push((run_font, vec![byte])),
        }
    }
    runs
}

/// Windows-1252's bytes 0x80 to 0x9F, in order (« ? » where it has none).
pub(super) const WINDOWS_1252_EXTRAS: &str = "€?‚ƒ„…†‡ˆ‰Š‹Œ?Ž??‘’“”•–—˜™š›œ?žŸ";

/// Windows-1252: Latin-1 maps to itself, the typographic extras have their bytes, the rest is
/// « ? ».
pub(super) fn win_ansi_byte(character: char) -> u8 {
    match character {
        '\t' | '\n' | '\r' => b' ',
        // In range, so the conversion cannot fail.
        ' '..='~' | '\u{A0}'..='ÿ' => u8::try_from(u32::from(character)).unwrap_or(b'?'),
        // French typography's narrow no-break space, as a no-break space.
        '\u{202F}' => 0xA0,
        _ => (0x80..=0x9F)
            .zip(WINDOWS_1252_EXTRAS.chars())
            .find(|(_, extra)| *extra == character)
            .map_or(b'?', |(byte, _)| byte),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_written_in_windows_1252() {
        let runs = encode_runs("Présent·e’s œuvre – 5 € → ok", Font::Regular);
        let [
            (Font::Regular, before),
            (Font::Symbol, arrow),
            (Font::Regular, after),
        ] = &runs[..]
        else {
            panic!("unexpected runs {runs:?}");
        };
        assert_eq!(before, b"Pr\xE9sent\xB7e\x92s \x9Cuvre \x96 5 \x80 ");
        assert_eq!(arrow, &[0xAE]);
        assert_eq!(after, b" ok");
        assert_eq!(win_ansi_byte('\u{202F}'), 0xA0);
        assert_eq!(win_ansi_byte('漢'), b'?');
    }
}
