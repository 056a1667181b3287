//! `Q003 wrong-apostrophe`: an apostrophe written with another mark —
//! an opening quote, a prime, a backtick or an acute accent (`don‘t`,
//! `world′s`, `Mozambique`s`).

use crate::diagnostic::{Applicability, Finding, Suggestion};
use crate::rules::typography::{closes_before, opens_after, token_starting_at};
use crate::rules::{CheckContext, Family, FixSafety, Rule, RuleMeta};
use crate::text::{Document, Span, TokenKind};

/// Flags marks standing for an apostrophe inside a word.
#[derive(Debug)]
pub struct WrongApostrophe;

static META: RuleMeta = RuleMeta {
    code: "Q003",
    name: "wrong-apostrophe",
    family: Family::Quote,
    summary: "An apostrophe written with a quote, prime, backtick or accent",
    explanation: r#"## What it flags
A left single quote `‘`, a prime `′`, a backtick `` ` `` or an acute accent
`´` between two letters, where only an apostrophe makes sense: `don‘t`,
`father‘s`, `world′s`; and a left single quote or backtick opening a
clipped word (`‘tis`, `‘twas`, `‘em`, `‘80s`). In a document that uses straight quotes the
replacement is `'`, otherwise `’`.

## Why it matters
The wrong mark looks like a typo, breaks search for the word and is read
aloud oddly by screen readers.

## Example
```text
her father‘s account   ->   her father’s account
```

## Fix safety
Safe: between two letters the mark can only be an apostrophe.
"#,
    default_enabled: true,
    fix_safety: FixSafety::Safe,
};

impl Rule for WrongApostrophe {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, doc: &Document<'_>, _ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = doc.text();
        let tokens = doc.tokens();
        let mut straight_doc: Option<bool> = None;
        let bytes = text.as_bytes();
        // `‘` (E2 80 98), `′` (E2 80 B2), backtick, `´` (C2 B4), by byte.
        for at in memchr::memchr3_iter(0xE2, b'`', 0xC2, bytes) {
            let hit = match bytes[at] {
                0xE2 => {
                    bytes.get(at + 1) == Some(&0x80)
                        && matches!(bytes.get(at + 2), Some(0x98 | 0xB2))
                }
                0xC2 => bytes.get(at + 1) == Some(&0xB4),
                _ => true,
            };
            let Some(i) = hit.then(|| token_starting_at(doc, at)).flatten() else {
                continue;
            };
            let t = tokens[i];
            if !matches!(t.kind, TokenKind::OpenQuote | TokenKind::Punct) {
                continue;
            }
            let mark = doc.slice(t.span);
            if !matches!(mark, "\u{2018}" | "\u{2032}" | "`" | "\u{B4}") {
                continue;
            }
            // The mark must touch a word before it: `rock ‘n’` has a space.
            // Before a word, only an elision (`‘tis`, `‘80s`) takes one.
            let prev = i.checked_sub(1).map(|j| tokens[j]);
            let elision = matches!(mark, "\u{2018}" | "`") && is_elision(doc, i);
            let touching =
                prev.is_some_and(|p| p.kind == TokenKind::Word && p.span.end == t.span.start);
            if !touching && !elision {
                continue;
            }
            // The document's apostrophe style is read once, at the first finding.
            let mut report = |reason: &str| {
                let straight = *straight_doc.get_or_insert_with(|| is_straight_doc(text));
                push(out, t.span, mark, straight, reason);
            };
            let Some(prev) = prev.filter(|_| !elision) else {
                report("before a clipped word only an apostrophe fits");
                continue;
            };
            let next = tokens.get(i + 1);
            let between_letters =
                next.is_some_and(|n| n.kind == TokenKind::Word && n.span.start == t.span.end);
            if !between_letters {
                // After a word and before a space or punctuation: a closing
                // single quote or a plural possessive (`Bahamas‘ close`), both `’`.
                if !closes_before(text[t.span.end..].chars().next()) {
                    continue;
                }
                let plural = doc.slice(prev.span).ends_with(['s', 'S']);
                if mark != "\u{2018}" && !plural {
                    continue;
                }
            }
            report("between two letters only an apostrophe fits");
        }
    }
}

/// Whether the document writes straight quotes more than curly ones.
fn is_straight_doc(text: &str) -> bool {
    let curly = text.matches(['\u{2019}', '\u{201C}', '\u{201D}']).count();
    let plain = text.matches(['\'', '"']).count();
    plain > curly
}

fn push(out: &mut Vec<Finding>, span: Span, mark: &str, straight: bool, reason: &str) {
    let replacement = if straight { "'" } else { "\u{2019}" };
    out.push(
        Finding::new(&META, span, format!("`{mark}` stands for an apostrophe"))
            .suggest(Suggestion::replace(span, replacement, Applicability::Safe).because(reason)),
    );
}

/// Whether the mark at token `i` opens a clipped word (`‘tis`, `‘twas`,
/// `‘em`, `‘80s`) after a space or at the start: the word is whole and no
/// quote closes right after it (`‘em’` quotes the word).
fn is_elision(doc: &Document<'_>, i: usize) -> bool {
    const CLIPPED: &[&str] = &[
        "em", "gainst", "neath", "tis", "twas", "tween", "twere", "twill", "twixt", "twould",
    ];
    let text = doc.text();
    let tokens = doc.tokens();
    let t = tokens[i];
    if !opens_after(text[..t.span.start].chars().next_back()) {
        return false;
    }
    let Some(next) = tokens.get(i + 1).filter(|n| n.span.start == t.span.end) else {
        return false;
    };
    let word = doc.slice(next.span);
    let clipped = (next.kind == TokenKind::Word && CLIPPED.contains(&word)) || is_decade(word);
    let after = text[next.span.end..].chars().next();
    clipped
        && after.is_none_or(|c| {
            c.is_whitespace() || matches!(c, ',' | '.' | ';' | ':' | '!' | '?' | '—' | '…')
        })
}

/// `80s`, `90s`: a decade with its century clipped.
fn is_decade(word: &str) -> bool {
    let b = word.as_bytes();
    b.len() == 3 && b[0].is_ascii_digit() && b[1] == b'0' && b[2] == b's'
}

#[cfg(test)]
mod tests {
    use crate::testing::{assert_fixes_to, assert_silent};

    #[test]
    fn replaces_marks_between_letters() {
        assert_fixes_to("Q003", "her father‘s account", "her father’s account");
        assert_fixes_to(
            "Q003",
            "the world′s and Mozambique`s",
            "the world’s and Mozambique’s",
        );
        assert_fixes_to("Q003", "don't and don‘t", "don't and don't");
        assert_fixes_to(
            "Q003",
            "The Bahamas‘ close, observers′ claims",
            "The Bahamas’ close, observers’ claims",
        );
    }

    #[test]
    fn replaces_marks_opening_clipped_words() {
        assert_fixes_to(
            "Q003",
            "next week; ‘tis a pity, and Lord help ‘em in the `80s.",
            "next week; ’tis a pity, and Lord help ’em in the ’80s.",
        );
    }

    #[test]
    fn quotes_and_primes_elsewhere_are_silent() {
        assert_silent("Q003", "she said ‘em’ and ‘tisane’, a ‘twas-like word ‘Tis");
        assert_silent(
            "Q003",
            "rock ‘n’ roll, ‘quoted’, 5′ tall, `code`, f′(x) and x′ here",
        );
    }
}
