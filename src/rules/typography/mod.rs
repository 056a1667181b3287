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
        // Nothing closes at the start of a paragraph (`”’Tis so`), nothing
        // opens at its end (`married women—“`).
        _ if before.is_none_or(|c| c == '\n') && after.is_some_and(|c| !c.is_whitespace()) => {
            QuoteContext::Opening
        }
        _ if before.is_some_and(|c| !c.is_whitespace()) && ends_paragraph(&text[span.end..]) => {
            QuoteContext::Closing
        }
        (true, false) => QuoteContext::Opening,
        (false, true) => QuoteContext::Closing,
        _ => QuoteContext::Ambiguous,
    }
}

/// Whether `rest` (the text after a mark) is empty up to a blank line or
/// the end of the text.
fn ends_paragraph(rest: &str) -> bool {
    let mut lines = rest.split('\n');
    let first_blank = lines.next().is_none_or(|l| l.trim().is_empty());
    first_blank && lines.next().is_none_or(|l| l.trim().is_empty())
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
    // German quotes open with `„` and close with `“`.
    let german = text.match_indices('\u{201E}').any(|(at, q)| {
        opens_after(text[..at].chars().next_back())
            && text[at + q.len()..].starts_with(char::is_alphanumeric)
    });
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let tokens = doc.tokens();
    // Whether a quotation is open in the current paragraph, and where that
    // paragraph ends: double quotes do not nest, so an opening quote whose
    // position says nothing closes the open one (`she said—“ and`).
    let mut open = false;
    let mut paragraph_end: Option<usize> = None;
    // `“ ” „` are E2 80 9C..9E: find them by byte, then their token.
    for at in memchr::memchr_iter(0xE2, bytes) {
        if bytes.get(at + 1) != Some(&0x80) || !matches!(bytes.get(at + 2), Some(0x9C..=0x9E)) {
            continue;
        }
        let i = tokens.partition_point(|t| t.span.start < at);
        let Some(t) = tokens.get(i).filter(|t| t.span.start == at) else {
            continue;
        };
        if !matches!(t.kind, TokenKind::OpenQuote | TokenKind::CloseQuote) {
            continue;
        }
        let written = match doc.slice(t.span) {
            "\u{201E}" => Dir::Open,
            "\u{201C}" if german => Dir::Close,
            "\u{201C}" => Dir::Open,
            "\u{201D}" => Dir::Close,
            _ => continue,
        };
        if paragraph_end.is_none_or(|e| at >= e) {
            if paragraph_end.is_some() {
                open = false;
            }
            paragraph_end = Some(next_paragraph_start(text, at).unwrap_or(usize::MAX));
        }
        let effective = match (written, quote_context(text, t.span)) {
            _ if german => written,
            (Dir::Close, QuoteContext::Opening) => Dir::Open,
            (Dir::Open, QuoteContext::Closing) => Dir::Close,
            (Dir::Open, QuoteContext::Ambiguous) if open => Dir::Close,
            _ => written,
        };
        open = effective == Dir::Open;
        out.push((i, effective, effective != written));
    }
    out
}

/// Index of the token that starts at byte `offset`, if one does.
pub(crate) fn token_starting_at(doc: &Document<'_>, offset: usize) -> Option<usize> {
    let tokens = doc.tokens();
    let i = tokens.partition_point(|t| t.span.start < offset);
    (i < tokens.len() && tokens[i].span.start == offset).then_some(i)
}

/// Offsets of the ASCII punctuation bytes `marks` in the text, in order
/// (a SIMD byte search: the rules look only there, not at every token).
pub(crate) fn mark_offsets(text: &str, marks: &[u8]) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut out: Vec<usize> = match marks {
        [a] => memchr::memchr_iter(*a, bytes).collect(),
        [a, b] => memchr::memchr2_iter(*a, *b, bytes).collect(),
        [a, b, c] => memchr::memchr3_iter(*a, *b, *c, bytes).collect(),
        _ => {
            let mut v = Vec::new();
            for chunk in marks.chunks(3) {
                v.extend(mark_offsets(text, chunk));
            }
            v.sort_unstable();
            v
        }
    };
    out.dedup();
    out
}

/// Whether the text has a curly double quote (`“ ” „`: E2 80 9C..9E).
pub(crate) fn has_curly_double(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(0xE2, bytes).any(|at| {
        bytes.get(at + 1) == Some(&0x80) && matches!(bytes.get(at + 2), Some(0x9C..=0x9E))
    })
}

/// Where the paragraph after the one containing byte `from` starts: the
/// first non-blank char after the next blank line (a line of only spaces).
pub(crate) fn next_paragraph_start(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut saw_blank = false;
    for nl in memchr::memchr_iter(b'\n', &bytes[from..]) {
        let line_start = from + nl + 1;
        let line_end =
            memchr::memchr(b'\n', &bytes[line_start..]).map_or(bytes.len(), |e| line_start + e);
        let line = &bytes[line_start..line_end];
        if line.iter().all(|b| b.is_ascii_whitespace()) {
            saw_blank = true;
        } else if saw_blank {
            return Some(line_start + line.iter().take_while(|b| b.is_ascii_whitespace()).count());
        }
    }
    None
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
        "co", "etc", "inc", "jr", "ltd", "sr", "bros", "plc", "ca", "min", "max", "esq",
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
