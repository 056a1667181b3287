//! `Q` rules: quotes, punctuation and spacing.
//!
//! Shared here: the context tests that decide whether a quote opens or
//! closes, used by the quote rules alike so they never disagree.

pub mod doubled_punctuation;
pub mod hyphen_as_dash;
pub mod lowercase_sentence_start;
pub mod missing_space_after_punctuation;
pub mod mixed_quote_style;
pub mod multiple_spaces;
pub mod reversed_quote;
pub mod space_before_punctuation;
pub mod space_inside_quotes;
pub mod unbalanced_quotes;
pub mod wrong_apostrophe;

use crate::text::{Document, Span, TokenKind};

/// Where a quote stands, judged from its neighbours.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum QuoteContext {
    /// Space (or an opening bracket or dash) before, text after: it opens.
    Opening,
    /// Text before, space (or closing punctuation) after: it closes.
    Closing,
    /// Both sides alike: the position does not say.
    Ambiguous,
}

/// Whether `c` (the char before a quote) lets a quote open after it.
pub(crate) fn opens_after(c: Option<char>) -> bool {
    c.is_none_or(|c| {
        c.is_whitespace()
            || matches!(
                c,
                '(' | '['
                    | '{'
                    | '\u{2014}'
                    | '\u{2013}'
                    | '\u{201C}'
                    | '\u{2018}'
                    | '/'
                    | '\u{FEFF}'
            )
    })
}

/// Whether `c` (the char after a quote) lets a quote close before it.
pub(crate) fn closes_before(c: Option<char>) -> bool {
    c.is_none_or(|c| {
        c.is_whitespace()
            || matches!(
                c,
                ')' | ']'
                    | '}'
                    | ','
                    | '.'
                    | ';'
                    | ':'
                    | '!'
                    | '?'
                    | '\u{2014}'
                    | '\u{2013}'
                    | '\u{201D}'
                    | '\u{2019}'
                    | '\u{2026}'
                    | '-'
            )
    })
}

/// The context of the quote at `span`.
pub(crate) fn quote_context(text: &str, span: Span) -> QuoteContext {
    let before = text[..span.start].chars().next_back();
    let after = text[span.end..].chars().next();
    match (opens_after(before), closes_before(after)) {
        (true, false) => QuoteContext::Opening,
        (false, true) => QuoteContext::Closing,
        _ => QuoteContext::Ambiguous,
    }
}

/// A double quote's direction as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Dir {
    /// `“`
    Open,
    /// `”`
    Close,
}

/// The curly double quotes of the document with the direction each one
/// should have: as written, unless its position says the opposite.
pub(crate) fn double_quotes(doc: &Document<'_>) -> Vec<(usize, Dir, bool)> {
    let text = doc.text();
    let mut out = Vec::new();
    for (i, t) in doc.tokens().iter().enumerate() {
        if !matches!(t.kind, TokenKind::OpenQuote | TokenKind::CloseQuote) {
            continue;
        }
        let written = match doc.slice(t.span) {
            "\u{201C}" => Dir::Open,
            "\u{201D}" => Dir::Close,
            _ => continue,
        };
        let effective = match (written, quote_context(text, t.span)) {
            (Dir::Close, QuoteContext::Opening) => Dir::Open,
            (Dir::Open, QuoteContext::Closing) => Dir::Close,
            _ => written,
        };
        out.push((i, effective, effective != written));
    }
    out
}

/// Index of the paragraph each token belongs to (paragraphs are separated by
/// blank lines).
pub(crate) fn paragraph_of(doc: &Document<'_>) -> Vec<usize> {
    let mut out = vec![0; doc.tokens().len()];
    for (n, range) in doc.paragraphs().into_iter().enumerate() {
        for slot in &mut out[range.clone()] {
            *slot = n;
        }
        // Tokens after the paragraph (blank lines) keep the next number.
        if range.end < out.len() {
            for slot in &mut out[range.end..] {
                *slot = n + 1;
            }
        }
    }
    out
}

/// Whether the word is an abbreviation that is normally followed by more of
/// the same sentence (`Mr.`, `e.g.`, `approx.`).
pub(crate) fn is_non_final_abbreviation(word: &str) -> bool {
    const LIST: &[&str] = &[
        "adm", "al", "approx", "apr", "aug", "ave", "blvd", "capt", "cf", "cmdr", "col", "corp",
        "cpl", "dec", "dept", "dr", "e", "eg", "esp", "est", "feb", "fig", "figs", "fr", "ft",
        "gen", "gov", "hon", "i", "ie", "incl", "jan", "jul", "jun", "lt", "maj", "mar", "messrs",
        "mme", "mlle", "mr", "mrs", "ms", "mt", "no", "nos", "nov", "oct", "op", "p", "pp", "prof",
        "pt", "rep", "repr", "rev", "sen", "sep", "sept", "sgt", "st", "vol", "vols", "vs", "viz",
    ];
    word.len() <= 8 && LIST.iter().any(|a| a.eq_ignore_ascii_case(word))
}

/// Abbreviations that often end a sentence as well (`etc.`, `Inc.`).
pub(crate) fn is_ambiguous_abbreviation(word: &str) -> bool {
    const LIST: &[&str] = &[
        "co", "etc", "inc", "jr", "ltd", "sr", "bros", "plc", "ca", "min", "max",
    ];
    word.len() <= 4 && LIST.iter().any(|a| a.eq_ignore_ascii_case(word))
}

/// Whether a token kind carries visible text (not space, line break or skip).
pub(crate) fn is_text(kind: TokenKind) -> bool {
    !matches!(
        kind,
        TokenKind::Space | TokenKind::Newline | TokenKind::Skip
    )
}
