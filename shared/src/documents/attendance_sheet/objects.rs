//! The PDF file: catalogue, page tree, document information, the three standard fonts and one
//! content stream a page.

use pdf_writer::{Content, Name, Pdf, Rect, Ref, TextStr};

use crate::domain::AttendanceSheetDocument;

use super::edition_suffix;
use super::fonts::Font;
use super::layout::{PAGE_HEIGHT, PAGE_WIDTH};

pub(super) fn write_pdf(document: &AttendanceSheetDocument, pages: Vec<Content>) -> Vec<u8> {
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
