//! `Q003 wrong-apostrophe`: an apostrophe written with another mark —
//! an opening quote, a prime, a backtick or an acute accent (`don‘t`,
//! `world′s`, `Mozambique`s`).

use crate::diagnostic::{Applicability, Finding, Suggestion};
use crate::rules::{CheckContext, Family, FixSafety, Rule, RuleMeta};
use crate::text::{Document, TokenKind};

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
`father‘s`, `world′s`. In a document that uses straight quotes the
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
        for (i, t) in tokens.iter().enumerate() {
            if !matches!(t.kind, TokenKind::OpenQuote | TokenKind::Punct) {
                continue;
            }
            let mark = doc.slice(t.span);
            if !matches!(mark, "\u{2018}" | "\u{2032}" | "`" | "\u{B4}") {
                continue;
            }
            let (Some(prev), Some(next)) = (tokens.get(i.wrapping_sub(1)), tokens.get(i + 1))
            else {
                continue;
            };
            if !(prev.kind == TokenKind::Word && next.kind == TokenKind::Word) {
                continue;
            }
            // Only a letter-to-letter join: `rock ‘n’` has a space before.
            if prev.span.end != t.span.start || next.span.start != t.span.end {
                continue;
            }
            let straight = *straight_doc.get_or_insert_with(|| {
                let curly = text.matches(['\u{2019}', '\u{201C}', '\u{201D}']).count();
                let plain = text.matches(['\'', '"']).count();
                plain > curly
            });
            let replacement = if straight { "'" } else { "\u{2019}" };
            out.push(
                Finding::new(&META, t.span, format!("`{mark}` stands for an apostrophe")).suggest(
                    Suggestion::replace(t.span, replacement, Applicability::Safe)
                        .because("between two letters only an apostrophe fits"),
                ),
            );
        }
    }
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
    }

    #[test]
    fn quotes_and_primes_elsewhere_are_silent() {
        assert_silent("Q003", "rock ‘n’ roll, ‘quoted’, 5′ tall, `code`");
    }
}
