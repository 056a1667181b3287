//! `U` rules: Unicode and encoding damage — mojibake, HTML entities left in
//! plain text, invisible characters, non-breaking spaces, text not in NFC,
//! trailing whitespace.

pub(crate) mod codepages;
pub mod html_entity;
pub mod invisible_character;
pub mod mojibake;
pub mod non_breaking_space;
pub mod non_nfc;
pub mod trailing_whitespace;

use crate::text::{Document, TokenKind};

/// Whether byte `offset` lies inside a Skip token (URL, code, markup).
pub(crate) fn in_skip(doc: &Document<'_>, offset: usize) -> bool {
    let tokens = doc.tokens();
    let i = tokens.partition_point(|t| t.span.end <= offset);
    tokens
        .get(i)
        .is_some_and(|t| t.kind == TokenKind::Skip && t.span.start <= offset)
}

/// The name of an invisible or special character, for messages.
pub(crate) fn char_name(c: char) -> &'static str {
    match c {
        '\u{00A0}' => "no-break space",
        '\u{00AD}' => "soft hyphen",
        '\u{2007}' => "figure space",
        '\u{200B}' => "zero-width space",
        '\u{200C}' => "zero-width non-joiner",
        '\u{200D}' => "zero-width joiner",
        '\u{200E}' => "left-to-right mark",
        '\u{200F}' => "right-to-left mark",
        '\u{202A}'..='\u{202E}' => "bidirectional embedding control",
        '\u{202F}' => "narrow no-break space",
        '\u{2060}' => "word joiner",
        '\u{2061}'..='\u{2064}' => "invisible math operator",
        '\u{2066}'..='\u{2069}' => "bidirectional isolate control",
        '\u{FEFF}' => "byte order mark",
        '\u{7F}' | '\u{80}'..='\u{9F}' | '\0'..='\u{1F}' => "control character",
        _ => "invisible character",
    }
}
