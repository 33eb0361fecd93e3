//! The attendance sheet (*feuille d'émargement*) as a PDF for the European Social Fund's
//! auditors: who came and when, their finger signatures drawn as vector strokes, who closed
//! the sheet, every correction made since, and the fingerprint tying the paper to the data.
//!
//! Only standard fonts, which every reader has (nothing embedded): Helvetica in
//! WinAnsiEncoding covers French, and Symbol gives the corrections their arrow. A4, paginated;
//! the EU mention and the fingerprint on every page; text that `pdftotext` reads back (the tests
//! do). The same layout, empty, is the blank sheet printed for signing on paper. Written with
//! the `pdf-writer` crate.

use std::mem;

use pdf_writer::types::{LineCapStyle, LineJoinStyle};
use pdf_writer::{Content, Name, Pdf, Rect, Ref, Str, TextStr};

use crate::domain::{
    AttendanceSheetDocument, SIGNATURE_HEIGHT, SIGNATURE_WIDTH, SheetCorrection, SheetEdition,
    SheetLine, SignatureStrokes,
};

const PAGE_WIDTH: f32 = 595.0;
const PAGE_HEIGHT: f32 = 842.0;
const MARGIN_X: f32 = 36.0;
const CONTENT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN_X;
const BODY_TOP: f32 = PAGE_HEIGHT - 30.0;
/// Baseline of the footer's last line.
const FOOTER_BASELINE: f32 = 22.0;

/// 40 pt rather than a roomier 44: thirty youths and the closing signature fit on two pages.
const ROW_HEIGHT: f32 = 40.0;
const TABLE_HEADER_HEIGHT: f32 = 18.0;
const CELL_PADDING: f32 = 5.0;
/// Column titles and widths, left to right: they add up to `CONTENT_WIDTH`.
const COLUMNS: [(&str, f32); 5] = [
    ("Nom", 178.0),
    ("Statut", 66.0),
    ("Pointage", 56.0),
    ("Signé à", 56.0),
    ("Signature", 167.0),
];
const SIGNATURE_COLUMN: usize = 4;
/// Room for a signature (width, height); the drawing keeps the pad's 1000:400 aspect.
const ROW_SIGNATURE_BOX: (f32, f32) = (150.0, 36.0);
const CLOSING_SIGNATURE_BOX: (f32, f32) = (150.0, 45.0);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Font {
    Regular,
    Bold,
    /// Only for `→`, which WinAnsiEncoding lacks.
    Symbol,
}

impl Font {
    const ALL: [Font; 3] = [Font::Regular, Font::Bold, Font::Symbol];

    /// The name pages use for it, and its PostScript name.
    fn names(self) -> (Name<'static>, Name<'static>) {
        match self {
            Font::Regular => (Name(b"F1"), Name(b"Helvetica")),
            Font::Bold => (Name(b"F2"), Name(b"Helvetica-Bold")),
            Font::Symbol => (Name(b"F3"), Name(b"Symbol")),
        }
    }
}

struct Style {
    font: Font,
    size: f32,
    /// Distance from one baseline to the next.
    leading: f32,
    /// 0 is black; secondary text is grey.
    gray: f32,
}

impl Style {
    const fn new(font: Font, size: f32, leading: f32, gray: f32) -> Style {
        Style {
            font,
            size,
            leading,
            gray,
        }
    }
}

// Font, size, leading, grey.
const TITLE: Style = Style::new(Font::Bold, 15.0, 21.0, 0.0);
const WORKSHOP: Style = Style::new(Font::Bold, 11.5, 15.0, 0.0);
const HEADING: Style = Style::new(Font::Bold, 11.0, 16.0, 0.0);
const RUNNING_TITLE: Style = Style::new(Font::Bold, 9.0, 18.0, 0.3);
const FIELD_LABEL: Style = Style::new(Font::Bold, 9.5, 13.0, 0.0);
const FIELD: Style = Style::new(Font::Regular, 9.5, 13.0, 0.0);
const COLUMN_TITLE: Style = Style::new(Font::Bold, 8.5, 11.0, 0.0);
const CELL: Style = Style::new(Font::Regular, 9.0, 12.0, 0.0);
const NOTE: Style = Style::new(Font::Regular, 7.5, 10.0, 0.4);
const FOOTER: Style = Style::new(Font::Regular, 7.0, 8.5, 0.25);
const FOOTER_STRONG: Style = Style::new(Font::Bold, 7.5, 8.5, 0.0);

/// The sheet as a PDF: A4 portrait, as many pages as its lines need, each with the table's
/// header, the EU mention, the fingerprint and its page number.
pub fn render_attendance_sheet(document: &AttendanceSheetDocument) -> Vec<u8> {
    let footer = Footer::new(document);
    let mut sheet = SheetPages::new(footer.top() + 8.0, running_title(document));
    draw_header(&mut sheet, document);
    draw_table(&mut sheet, document);
    draw_closing(&mut sheet, document);
    draw_corrections(&mut sheet, &document.corrections);
    let mut pages = sheet.into_pages();
    let page_count = pages.len();
    for (index, page) in pages.iter_mut().enumerate() {
        footer.draw(page, index + 1, page_count);
    }
    write_pdf(document, pages)
}

fn edition_suffix(edition: SheetEdition) -> String {
    match edition {
        SheetEdition::Original => String::new(),
        SheetEdition::Corrected(number) => format!(" — version corrigée n° {number}"),
        SheetEdition::BlankForPaper => " — à signer sur papier".to_owned(),
    }
}

fn running_title(document: &AttendanceSheetDocument) -> String {
    format!(
        "Feuille d'émargement — {} — {} (suite)",
        document.workshop_title, document.day
    )
}

/// The pages laid out top to bottom; footers come last, once the page count is known.
struct SheetPages {
    finished: Vec<Content>,
    current: Content,
    /// Top of the room left on the current page.
    y: f32,
    body_bottom: f32,
    running_title: String,
}

impl SheetPages {
    fn new(body_bottom: f32, running_title: String) -> SheetPages {
        SheetPages {
            finished: Vec::new(),
            current: Content::new(),
            y: BODY_TOP,
            body_bottom,
            running_title,
        }
    }

    /// Starts a new page unless `height` still fits; says whether it did.
    fn ensure_room(&mut self, height: f32) -> bool {
        if self.y - height >= self.body_bottom {
            return false;
        }
        self.finished
            .push(mem::replace(&mut self.current, Content::new()));
        self.y = BODY_TOP;
        // A loose page still says which sheet it belongs to.
        let title = fit(&self.running_title, &RUNNING_TITLE, CONTENT_WIDTH);
        self.line(&RUNNING_TITLE, MARGIN_X, &title);
        true
    }

    /// Takes room for one line of `style`, on a new page if needed; returns its baseline.
    fn next_baseline(&mut self, style: &Style) -> f32 {
        self.ensure_room(style.leading);
        let baseline = self.y - style.size;
        self.y -= style.leading;
        baseline
    }

    fn line(&mut self, style: &Style, x: f32, text: &str) {
        let baseline = self.next_baseline(style);
        show(&mut self.current, style, x, baseline, text);
    }

    fn paragraph(&mut self, style: &Style, text: &str) {
        for line in wrap(text, style, CONTENT_WIDTH) {
            self.line(style, MARGIN_X, &line);
        }
    }

    /// « Label : value », the value wrapped under itself rather than under the label.
    fn labelled(&mut self, label: &str, value: &str) {
        let indent = text_width(label, &FIELD_LABEL);
        for (index, line) in wrap(value, &FIELD, CONTENT_WIDTH - indent)
            .iter()
            .enumerate()
        {
            let baseline = self.next_baseline(&FIELD);
            if index == 0 {
                show(&mut self.current, &FIELD_LABEL, MARGIN_X, baseline, label);
            }
            show(&mut self.current, &FIELD, MARGIN_X + indent, baseline, line);
        }
    }

    /// Short labelled values side by side on one line.
    fn labelled_row(&mut self, fields: &[(&str, &str)]) {
        let baseline = self.next_baseline(&FIELD);
        let mut x = MARGIN_X;
        for (label, value) in fields {
            show(&mut self.current, &FIELD_LABEL, x, baseline, label);
            x += text_width(label, &FIELD_LABEL);
            show(&mut self.current, &FIELD, x, baseline, value);
            x += text_width(value, &FIELD) + 28.0;
        }
    }

    fn into_pages(mut self) -> Vec<Content> {
        self.finished.push(self.current);
        self.finished
    }
}

fn draw_header(sheet: &mut SheetPages, document: &AttendanceSheetDocument) {
    let title = format!("Feuille d'émargement{}", edition_suffix(document.edition));
    sheet.line(&TITLE, MARGIN_X, &title);
    sheet.paragraph(
        &FIELD,
        &format!("{} — {}", document.mission_locale, document.programme),
    );
    sheet.y -= 3.0;
    for line in wrap(&document.workshop_title, &WORKSHOP, CONTENT_WIDTH) {
        sheet.line(&WORKSHOP, MARGIN_X, &line);
    }
    sheet.labelled("Thème : ", &document.theme);
    let hours = format!("{} – {}", document.starts, document.ends);
    sheet.labelled_row(&[("Date : ", &document.day), ("Horaires : ", &hours)]);
    sheet.labelled("Lieu : ", &document.place);
    sheet.labelled("Intervenant·e·s : ", &names_or_dash(&document.facilitators));
    sheet.labelled("Conseiller·ère·s : ", &names_or_dash(&document.counsellors));
    sheet.y -= 8.0;
}

fn names_or_dash(names: &[String]) -> String {
    if names.is_empty() {
        "—".to_owned()
    } else {
        names.join(", ")
    }
}

fn column_left(index: usize) -> f32 {
    MARGIN_X + COLUMNS[..index].iter().map(|(_, width)| width).sum::<f32>()
}

fn draw_table(sheet: &mut SheetPages, document: &AttendanceSheetDocument) {
    if document.lines.is_empty() {
        sheet.paragraph(&FIELD, "Aucun·e jeune sur cette feuille.");
        return;
    }
    let blank = document.edition == SheetEdition::BlankForPaper;
    // The header never sits alone at the foot of a page.
    sheet.ensure_room(TABLE_HEADER_HEIGHT + ROW_HEIGHT);
    draw_table_header(sheet);
    for line in &document.lines {
        if sheet.ensure_room(ROW_HEIGHT) {
            draw_table_header(sheet);
        }
        draw_row(&mut sheet.current, sheet.y, line, blank);
        sheet.y -= ROW_HEIGHT;
    }
}

fn draw_table_header(sheet: &mut SheetPages) {
    let top = sheet.y;
    draw_grid(&mut sheet.current, top, TABLE_HEADER_HEIGHT, Some(0.9));
    let baseline = top - TABLE_HEADER_HEIGHT / 2.0 - COLUMN_TITLE.size * 0.35;
    for (index, (title, _)) in COLUMNS.iter().enumerate() {
        let x = column_left(index) + CELL_PADDING;
        show(&mut sheet.current, &COLUMN_TITLE, x, baseline, title);
    }
    sheet.y -= TABLE_HEADER_HEIGHT;
}

/// A row's frame and column rules, filled with `fill` grey if given.
fn draw_grid(content: &mut Content, top: f32, height: f32, fill: Option<f32>) {
    content.save_state();
    content.set_line_width(0.5).set_stroke_gray(0.55);
    content.rect(MARGIN_X, top - height, CONTENT_WIDTH, height);
    match fill {
        Some(gray) => content.set_fill_gray(gray).fill_nonzero_and_stroke(),
        None => content.stroke(),
    };
    for index in 1..COLUMNS.len() {
        let x = column_left(index);
        content.move_to(x, top).line_to(x, top - height);
    }
    content.stroke();
    content.restore_state();
}

fn draw_row(content: &mut Content, top: f32, line: &SheetLine, blank: bool) {
    draw_grid(content, top, ROW_HEIGHT, None);
    let centred_baseline = top - ROW_HEIGHT / 2.0 - CELL.size * 0.35;
    let cell_text = |index: usize| column_left(index) + CELL_PADDING;
    let cell_width = |index: usize| COLUMNS[index].1 - 2.0 * CELL_PADDING;

    let name = fit(&line.name, &CELL, cell_width(0));
    if line.walk_in {
        show(content, &CELL, cell_text(0), top - 16.0, &name);
        show(
            content,
            &NOTE,
            cell_text(0),
            top - 28.0,
            "(sans inscription)",
        );
    } else {
        show(content, &CELL, cell_text(0), centred_baseline, &name);
    }

    // A sheet printed for paper leaves the status and signature to the pen.
    let status = match line.status {
        Some(status) if !blank => status.label(),
        _ => "",
    };
    let cells = [
        status,
        line.checked_in_at.as_deref().unwrap_or_default(),
        line.signed_at.as_deref().unwrap_or_default(),
    ];
    for (index, text) in (1..).zip(cells) {
        let text = fit(text, &CELL, cell_width(index));
        show(content, &CELL, cell_text(index), centred_baseline, &text);
    }

    let signature_left = cell_text(SIGNATURE_COLUMN);
    match (&line.signature, blank) {
        (_, true) => {}
        (Some(signature), false) => {
            let signature_top = top - (ROW_HEIGHT - ROW_SIGNATURE_BOX.1) / 2.0;
            draw_signature(
                content,
                signature,
                signature_left,
                signature_top,
                ROW_SIGNATURE_BOX,
            );
        }
        (None, false) => {
            show(
                content,
                &NOTE,
                signature_left,
                centred_baseline,
                "Pas de signature",
            );
        }
    }
}

/// Strokes as vector lines in ink blue. The pad's whole box is scaled, not the strokes'
/// extent, so a signature keeps the size and place it was drawn at.
fn draw_signature(
    content: &mut Content,
    signature: &SignatureStrokes,
    left: f32,
    top: f32,
    (box_width, box_height): (f32, f32),
) {
    if signature.strokes().iter().all(Vec::is_empty) {
        return;
    }
    let scale =
        (box_width / f32::from(SIGNATURE_WIDTH)).min(box_height / f32::from(SIGNATURE_HEIGHT));
    let place = |&(x, y): &(u16, u16)| (left + f32::from(x) * scale, top - f32::from(y) * scale);
    content.save_state();
    content
        .set_line_width(0.8)
        .set_line_cap(LineCapStyle::RoundCap)
        .set_line_join(LineJoinStyle::RoundJoin)
        .set_stroke_rgb(0.05, 0.15, 0.45);
    for stroke in signature.strokes() {
        let mut points = stroke.iter().map(place);
        let Some((start_x, start_y)) = points.next() else {
            continue;
        };
        content.move_to(start_x, start_y);
        // A lone point is a dot: a zero-length segment shows it, thanks to the round cap.
        content.line_to(start_x, start_y);
        for (x, y) in points {
            content.line_to(x, y);
        }
    }
    content.stroke();
    content.restore_state();
}

fn draw_closing(sheet: &mut SheetPages, document: &AttendanceSheetDocument) {
    sheet.y -= 12.0;
    match (&document.closing, document.edition) {
        (Some(signer), _) => {
            let text = format!(
                "Clôturée par {} ({}) le {}",
                signer.name, signer.role, signer.signed_at
            );
            let lines = wrap(&text, &FIELD, CONTENT_WIDTH);
            // The words and the signature they announce stay on the same page.
            sheet.ensure_room(lines.len() as f32 * FIELD.leading + CLOSING_SIGNATURE_BOX.1 + 4.0);
            for line in &lines {
                sheet.line(&FIELD, MARGIN_X, line);
            }
            let top = sheet.y - 2.0;
            draw_signature(
                &mut sheet.current,
                &signer.signature,
                MARGIN_X,
                top,
                CLOSING_SIGNATURE_BOX,
            );
            sheet.y -= CLOSING_SIGNATURE_BOX.1 + 4.0;
        }
        (None, SheetEdition::BlankForPaper) => {
            let box_height = 50.0;
            let text = "Clôture : nom, fonction, date et signature de l'intervenant·e ou du/de la conseiller·ère";
            sheet.ensure_room(FIELD.leading + box_height + 4.0);
            sheet.line(&FIELD_LABEL, MARGIN_X, text);
            let top = sheet.y - 2.0;
            sheet.current.save_state();
            sheet.current.set_line_width(0.5).set_stroke_gray(0.55);
            sheet
                .current
                .rect(MARGIN_X, top - box_height, 260.0, box_height)
                .stroke();
            sheet.current.restore_state();
            sheet.y -= box_height + 4.0;
        }
        (None, _) => sheet.paragraph(
            &FIELD,
            "Feuille non clôturée : aucune signature de clôture.",
        ),
    }
}

fn correction_text(correction: &SheetCorrection) -> String {
    format!(
        "{} : {} → {} — raison : {} — par {}, le {}",
        correction.youth,
        correction.from.label(),
        correction.to.label(),
        correction.reason,
        correction.by,
        correction.at
    )
}

fn draw_corrections(sheet: &mut SheetPages, corrections: &[SheetCorrection]) {
    if corrections.is_empty() {
        return;
    }
    let indent = 10.0;
    let paragraphs: Vec<Vec<String>> = corrections
        .iter()
        .map(|correction| wrap(&correction_text(correction), &CELL, CONTENT_WIDTH - indent))
        .collect();
    sheet.y -= 10.0;
    // The heading stays with the first correction.
    let first_height = paragraphs.first().map_or(0, Vec::len) as f32 * CELL.leading;
    sheet.ensure_room(HEADING.leading + first_height);
    sheet.line(&HEADING, MARGIN_X, "Corrections après clôture");
    for lines in paragraphs {
        // Kept whole on one page (a reason is at most 500 characters: a few lines).
        sheet.ensure_room(lines.len() as f32 * CELL.leading);
        for (index, line) in lines.iter().enumerate() {
            let baseline = sheet.next_baseline(&CELL);
            if index == 0 {
                show(&mut sheet.current, &CELL, MARGIN_X, baseline, "•");
            }
            show(&mut sheet.current, &CELL, MARGIN_X + indent, baseline, line);
        }
        sheet.y -= 3.0;
    }
}

/// What every page ends with: the EU mention, the fingerprint, the date, the page number.
struct Footer {
    eu_mention: Vec<String>,
    fingerprint: String,
    made_at: String,
}

impl Footer {
    fn new(document: &AttendanceSheetDocument) -> Footer {
        Footer {
            eu_mention: wrap(&document.eu_mention, &FOOTER, CONTENT_WIDTH),
            fingerprint: format!("Empreinte SHA-256 : {}", document.fingerprint),
            made_at: format!("Document établi le {}", document.made_at),
        }
    }

    /// Where the rule above the footer runs; the body stops above it.
    fn top(&self) -> f32 {
        let lines_above_last = self.eu_mention.len() as f32 + 1.0;
        FOOTER_BASELINE + lines_above_last * FOOTER.leading + FOOTER.size + 4.0
    }

    fn draw(&self, content: &mut Content, page_number: usize, page_count: usize) {
        let top = self.top();
        content.save_state();
        content.set_line_width(0.5).set_stroke_gray(0.55);
        content
            .move_to(MARGIN_X, top)
            .line_to(PAGE_WIDTH - MARGIN_X, top)
            .stroke();
        content.restore_state();
        let mut baseline = top - 4.0 - FOOTER.size;
        for line in self.eu_mention.iter().chain([&self.fingerprint]) {
            show(content, &FOOTER, MARGIN_X, baseline, line);
            baseline -= FOOTER.leading;
        }
        show(content, &FOOTER, MARGIN_X, FOOTER_BASELINE, &self.made_at);
        let page = format!("Page {page_number} / {page_count}");
        let page_left = PAGE_WIDTH - MARGIN_X - text_width(&page, &FOOTER_STRONG);
        show(content, &FOOTER_STRONG, page_left, FOOTER_BASELINE, &page);
    }
}

fn write_pdf(document: &AttendanceSheetDocument, pages: Vec<Content>) -> Vec<u8> {
    let mut next_ref = Ref::new(1);
    let catalog_ref = next_ref.bump();
    let page_tree_ref = next_ref.bump();
    let info_ref = next_ref.bump();
    let font_refs = Font::ALL.map(|font| (font, next_ref.bump()));
    let page_refs: Vec<(Ref, Ref)> = pages
        .iter()
        .map(|_| (next_ref.bump(), next_ref.bump()))
        .collect();

    let mut pdf = Pdf::new();
    pdf.catalog(catalog_ref).pages(page_tree_ref);
    pdf.pages(page_tree_ref)
        .kids(page_refs.iter().map(|(page_ref, _)| *page_ref))
        // A page count beyond i32 would need more memory than exists.
        .count(page_refs.len() as i32);
    let title = format!(
        "Feuille d'émargement{} — {} — {}",
        edition_suffix(document.edition),
        document.workshop_title,
        document.day
    );
    pdf.document_info(info_ref)
        .title(TextStr(&title))
        .producer(TextStr("Ateliers"));
    for (font, font_ref) in font_refs {
        let mut writer = pdf.type1_font(font_ref);
        writer.base_font(font.names().1);
        if font != Font::Symbol {
            writer.encoding_predefined(Name(b"WinAnsiEncoding"));
        }
    }
    for ((page_ref, content_ref), content) in page_refs.into_iter().zip(pages) {
        {
            let mut page = pdf.page(page_ref);
            page.media_box(Rect::new(0.0, 0.0, PAGE_WIDTH, PAGE_HEIGHT))
                .parent(page_tree_ref)
                .contents(content_ref);
            let mut resources = page.resources();
            let mut fonts = resources.fonts();
            for (font, font_ref) in font_refs {
                fonts.pair(font.names().0, font_ref);
            }
        }
        pdf.stream(content_ref, &content.finish());
    }
    pdf.finish()
}

fn show(content: &mut Content, style: &Style, x: f32, baseline: f32, text: &str) {
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
fn encode_runs(text: &str, font: Font) -> Vec<(Font, Vec<u8>)> {
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
const WINDOWS_1252_EXTRAS: &str = "€?‚ƒ„…†‡ˆ‰Š‹Œ?Ž??‘’“”•–—˜™š›œ?žŸ";

/// Windows-1252: Latin-1 maps to itself, the typographic extras have their bytes, the rest is
/// « ? ».
fn win_ansi_byte(character: char) -> u8 {
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

/// Helvetica's advance widths (thousandths of an em) for ' ' to '~'.
const HELVETICA_WIDTHS: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, //
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, //
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, //
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, //
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, //
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];
const HELVETICA_BOLD_WIDTHS: [u16; 95] = [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, //
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, //
    975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778, //
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556, //
    333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, //
    611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
];

/// Letters measured as their base letter (Helvetica's accents add no width), one for one.
const ACCENTED: &str = "ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝŸàáâãäåçèéêëìíîïñòóôõöøùúûüýÿ";
const BASE_LETTERS: &str = "AAAAAACEEEEIIIINOOOOOOUUUUYYaaaaaaceeeeiiiinoooooouuuuyy";

/// Approximate advance width: exact for ASCII, an accented letter as its base letter.
fn char_width(character: char, font: Font) -> f32 {
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

fn text_width(text: &str, style: &Style) -> f32 {
    text.chars()
        .map(|character| char_width(character, style.font))
        .sum::<f32>()
        * style.size
}

/// The text cut with « … » if it is wider than `max_width`.
fn fit(text: &str, style: &Style, max_width: f32) -> String {
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
fn wrap(text: &str, style: &Style, max_width: f32) -> Vec<String> {
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
    use std::io::Write;
    use std::process::Command;

    use super::*;
    use crate::domain::{AttendanceStatus, SheetCorrection, SheetSigner};

    const FINGERPRINT: &str = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    const EU_MENTION: &str = "Cette action est cofinancée par l'Union européenne dans le cadre du programme national FSE+ « Emploi et inclusion » 2021-2027.";

    /// A zig-zag across the pad, different for each youth.
    fn signature(seed: u16) -> SignatureStrokes {
        let first: Vec<String> = (0..12)
            .map(|step| format!("{},{}", 60 + step * 70, 120 + (step * 37 + seed * 13) % 200))
            .collect();
        let text = format!("{};700,300 760,260 820,330 900,280", first.join(" "));
        SignatureStrokes::parse(&text).expect("the test signature is valid")
    }

    fn line(name: &str, status: AttendanceStatus, seed: u16) -> SheetLine {
        SheetLine {
            name: name.to_owned(),
            status: Some(status),
            walk_in: false,
            checked_in_at: status.attended().then(|| "18 h 04".to_owned()),
            signed_at: status.attended().then(|| "18 h 10".to_owned()),
            signature: status.attended().then(|| signature(seed)),
        }
    }

    fn sheet(lines: Vec<SheetLine>) -> AttendanceSheetDocument {
        AttendanceSheetDocument {
            edition: SheetEdition::Original,
            mission_locale: "Mission Locale de Saint-Denis".to_owned(),
            programme: "Contrat d'engagement jeune".to_owned(),
            workshop_title: "Préparer son entretien d'embauche".to_owned(),
            theme: "Emploi".to_owned(),
            day: "mardi 15 décembre 2026".to_owned(),
            starts: "18 h 00".to_owned(),
            ends: "20 h 00".to_owned(),
            place: "Maison de l'emploi, salle Angela-Davis, 12 rue Gabriel-Péri, 93200 Saint-Denis"
                .to_owned(),
            facilitators: vec!["Chloé Martin".to_owned()],
            counsellors: vec!["Yacine Haddad".to_owned(), "Zoé Lefèvre".to_owned()],
            lines,
            closing: Some(SheetSigner {
                name: "Chloé Martin".to_owned(),
                role: "Intervenant·e".to_owned(),
                signed_at: "15/12/2026 à 20 h 02".to_owned(),
                signature: signature(99),
            }),
            corrections: Vec::new(),
            eu_mention: EU_MENTION.to_owned(),
            fingerprint: FINGERPRINT.to_owned(),
            made_at: "15/12/2026 à 20 h 02 (heure de Paris)".to_owned(),
        }
    }

    fn four_youths() -> Vec<SheetLine> {
        let mut walk_in = line("Noémie Ouédraogo", AttendanceStatus::Late, 2);
        walk_in.walk_in = true;
        walk_in.checked_in_at = None;
        walk_in.signed_at = Some("18 h 25".to_owned());
        vec![
            line("Inès Benali", AttendanceStatus::Present, 1),
            walk_in,
            line("Kévin Nguyễn", AttendanceStatus::Excused, 3),
            line("Maëlle Dubois-Sanchez", AttendanceStatus::Absent, 4),
        ]
    }

    fn thirty_youths() -> Vec<SheetLine> {
        (1..=30)
            .map(|number| {
                let status = AttendanceStatus::ALL[number % 4];
                line(
                    &format!("Jeune n° {number:02} Élodie"),
                    status,
                    number as u16,
                )
            })
            .collect()
    }

    /// What a reader (and an auditor's tools) get out of the PDF, through poppler.
    fn extract_text(pdf: &[u8]) -> String {
        let mut file = tempfile::NamedTempFile::new().expect("a temp file");
        file.write_all(pdf).expect("the PDF is written");
        let output = Command::new("pdftotext")
            .arg("-layout")
            .arg(file.path())
            .arg("-")
            .output()
            .expect("pdftotext runs (Debian's poppler-utils, see .ci/install-tools test)");
        assert!(
            output.status.success(),
            "pdftotext refused the PDF: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).expect("pdftotext writes UTF-8")
    }

    /// The text with every run of spaces and line breaks made one space: wrapped lines rejoined.
    fn flowing(text: &str) -> String {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn a_closed_sheet_shows_who_came_how_when_and_where() {
        let pdf = render_attendance_sheet(&sheet(four_youths()));
        assert!(pdf.starts_with(b"%PDF-"));
        let text = extract_text(&pdf);
        for expected in [
            "Feuille d'émargement",
            "Mission Locale de Saint-Denis — Contrat d'engagement jeune",
            "Préparer son entretien d'embauche",
            "Thème : Emploi",
            "Date : mardi 15 décembre 2026",
            "Horaires : 18 h 00 – 20 h 00",
            "Intervenant·e·s : Chloé Martin",
            "Conseiller·ère·s : Yacine Haddad, Zoé Lefèvre",
            "Inès Benali",
            "Noémie Ouédraogo",
            "(sans inscription)",
            "Maëlle Dubois-Sanchez",
            "Présent·e",
            "En retard",
            "Excusé·e",
            "Absent·e",
            "18 h 04",
            "18 h 25",
            "Pas de signature",
            "Clôturée par Chloé Martin (Intervenant·e) le 15/12/2026 à 20 h 02",
            "Empreinte SHA-256 : ",
            FINGERPRINT,
            "Document établi le 15/12/2026 à 20 h 02 (heure de Paris)",
            "Page 1 / 1",
        ] {
            assert!(
                text.contains(expected),
                "missing « {expected} » in:\n{text}"
            );
        }
        let flowing = flowing(&text);
        assert!(
            flowing.contains("Lieu : Maison de l'emploi, salle Angela-Davis, 12 rue Gabriel-Péri")
        );
        assert!(
            flowing.contains(EU_MENTION),
            "missing the EU mention in:\n{text}"
        );
        // Outside Windows-1252, a character becomes « ? » rather than garbage.
        assert!(text.contains("Kévin Nguy?n"));
        assert!(!text.contains("Corrections après clôture"));
    }

    #[test]
    fn thirty_youths_take_two_pages_each_with_the_table_header() {
        let text = extract_text(&render_attendance_sheet(&sheet(thirty_youths())));
        assert!(text.contains("Page 1 / 2"), "{text}");
        assert!(text.contains("Page 2 / 2"), "{text}");
        assert!(!text.contains("Page 3"));
        assert_eq!(text.matches("Signé à").count(), 2);
        assert_eq!(text.matches(FINGERPRINT).count(), 2);
        assert!(text.contains("Feuille d'émargement — Préparer son entretien d'embauche — mardi 15 décembre 2026 (suite)"));
        for number in 1..=30 {
            assert!(
                text.contains(&format!("Jeune n° {number:02} Élodie")),
                "youth {number}"
            );
        }
        assert!(text.contains("Clôturée par Chloé Martin"));
    }

    #[test]
    fn a_corrected_sheet_lists_each_correction_with_its_reason() {
        let reason = "Arrivée notée absente par erreur : la jeune était dans la salle d'à côté avec \
                      sa conseillère pour finir son dossier, elle a rejoint l'atelier à 18 h 20 et \
                      a participé jusqu'à la fin, ce que confirme l'intervenante.";
        let mut document = sheet(four_youths());
        document.edition = SheetEdition::Corrected(2);
        document.corrections = vec![
            SheetCorrection {
                youth: "Maëlle Dubois-Sanchez".to_owned(),
                from: AttendanceStatus::Absent,
                to: AttendanceStatus::Late,
                reason: reason.to_owned(),
                by: "Yacine Haddad".to_owned(),
                at: "16/12/2026 à 09 h 15".to_owned(),
            },
            SheetCorrection {
                youth: "Inès Benali".to_owned(),
                from: AttendanceStatus::Present,
                to: AttendanceStatus::Excused,
                reason: "Partie au bout de dix minutes, malade.".to_owned(),
                by: "Zoé Lefèvre".to_owned(),
                at: "17/12/2026 à 14 h 00".to_owned(),
            },
        ];
        let text = extract_text(&render_attendance_sheet(&document));
        assert!(
            text.contains("Feuille d'émargement — version corrigée n° 2"),
            "{text}"
        );
        assert!(text.contains("Corrections après clôture"));
        let flowing = flowing(&text);
        assert!(
            flowing.contains(&format!(
                "Maëlle Dubois-Sanchez : Absent·e → En retard — raison : {} — par Yacine Haddad, le 16/12/2026 à 09 h 15",
                reason
            )),
            "{text}"
        );
        assert!(flowing.contains(
            "Inès Benali : Présent·e → Excusé·e — raison : Partie au bout de dix minutes, malade. — par Zoé Lefèvre, le 17/12/2026 à 14 h 00"
        ));
    }

    #[test]
    fn a_blank_sheet_for_paper_has_the_names_and_leaves_the_rest_to_the_pen() {
        let mut document = sheet(four_youths());
        document.edition = SheetEdition::BlankForPaper;
        document.closing = None;
        for line in &mut document.lines {
            line.checked_in_at = None;
            line.signed_at = None;
            line.signature = None;
        }
        let text = extract_text(&render_attendance_sheet(&document));
        assert!(text.contains("Feuille d'émargement — à signer sur papier"));
        assert!(text.contains("Inès Benali") && text.contains("Maëlle Dubois-Sanchez"));
        for status in AttendanceStatus::ALL {
            assert!(
                !text.contains(status.label()),
                "{} on a blank sheet",
                status.label()
            );
        }
        assert!(!text.contains("Pas de signature"));
        assert!(text.contains("Clôture : nom, fonction, date et signature"));
    }

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
        assert_eq!(ACCENTED.chars().count(), BASE_LETTERS.chars().count());
    }

    #[test]
    fn long_names_are_cut_to_their_column() {
        let long = "Marie-Antoinette Josèphe Jeanne de Habsbourg-Lorraine-Bourbon des Deux-Siciles";
        let cut = fit(long, &CELL, 168.0);
        assert!(cut.ends_with('…') && cut.starts_with("Marie-Antoinette"));
        assert!(text_width(&cut, &CELL) <= 168.0);
        assert_eq!(fit("Inès Benali", &CELL, 168.0), "Inès Benali");
    }
}
