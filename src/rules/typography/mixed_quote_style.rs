//! `Q010 mixed-quote-style`: straight and curly quotes mixed in one
//! document; converts the minority to the majority style (or to the style
//! `--quotes` forces).

use crate::config::QuoteStyle;
use crate::diagnostic::{Applicability, Finding, Suggestion};
use crate::rules::typography::{closes_before, opens_after, quote_context, QuoteContext};
use crate::rules::unicode::in_skip;
use crate::rules::{CheckContext, Family, FixSafety, Rule, RuleMeta};
use crate::text::{Document, Span};

/// Flags quotes that do not match the document's quote style.
#[derive(Debug)]
pub struct MixedQuoteStyle;

static META: RuleMeta = RuleMeta {
    code: "Q010",
    name: "mixed-quote-style",
    family: Family::Quote,
    summary: "Straight and curly quotes mixed in one document",
    explanation: r#"## What it flags
Quotes and apostrophes that do not match the document's style: straight
`"` and `'` in a document that mostly uses curly `“ ” ‘ ’`, or the reverse.
Apostrophes count as quotes. On a tie the curly style wins. `--quotes
curly` or `--quotes straight` forces a style for every document, `--quotes
keep` turns the rule off. Primes after digits (`5'10"`) are left alone.

## Why it matters
Mixed quotes show text pasted together from different sources and look
careless; some corpus filters expect one style.

## Example
```text
“Agreed,” she said. "It keeps him in good humour."
->  “Agreed,” she said. “It keeps him in good humour.”
```

## Fix safety
Curly to straight is safe. Straight to curly needs a direction: an
apostrophe between letters is safe; a direction read from the quote's
neighbours or guessed from pairing is unsafe.
"#,
    default_enabled: true,
    fix_safety: FixSafety::Sometimes,
};

/// Words that begin with an apostrophe for a dropped letter.
const ELISIONS: &[&str] = &[
    "til", "tis", "twas", "em", "n", "cause", "round", "bout", "cos", "nuff",
];

fn straight_to_curly(
    text: &str,
    at: usize,
    c: char,
    doubles_seen: usize,
) -> Option<(&'static str, Applicability)> {
    let prev = text[..at].chars().next_back();
    let next = text[at + 1..].chars().next();
    if prev.is_some_and(|p| p.is_ascii_digit()) && !next.is_some_and(char::is_alphabetic) {
        return None; // a prime or double prime: 5'10"
    }
    if c == '\'' {
        if prev.is_some_and(char::is_alphabetic) && next.is_some_and(char::is_alphabetic) {
            return Some(("\u{2019}", Applicability::Safe));
        }
        if opens_after(prev) && next.is_some_and(char::is_alphanumeric) {
            let word: String = text[at + 1..]
                .chars()
                .take_while(|c| c.is_alphanumeric())
                .collect();
            let elided = word.starts_with(|c: char| c.is_ascii_digit())
                || ELISIONS.iter().any(|e| e.eq_ignore_ascii_case(&word));
            return Some((
                if elided { "\u{2019}" } else { "\u{2018}" },
                Applicability::Unsafe,
            ));
        }
        if closes_before(next) && prev.is_some_and(|p| !p.is_whitespace()) {
            return Some(("\u{2019}", Applicability::Unsafe));
        }
        return None;
    }
    let span = Span::new(at, at + 1);
    Some(match quote_context(text, span) {
        QuoteContext::Opening => ("\u{201C}", Applicability::Unsafe),
        QuoteContext::Closing => ("\u{201D}", Applicability::Unsafe),
        QuoteContext::Ambiguous if doubles_seen % 2 == 0 => ("\u{201C}", Applicability::Unsafe),
        QuoteContext::Ambiguous => ("\u{201D}", Applicability::Unsafe),
    })
}

impl Rule for MixedQuoteStyle {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, doc: &Document<'_>, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let style = ctx.settings.quotes;
        if style == QuoteStyle::Keep {
            return;
        }
        let text = doc.text();
        let bytes = text.as_bytes();
        let straight: Vec<usize> = memchr::memchr2_iter(b'"', b'\'', bytes)
            .filter(|&at| !in_skip(doc, at))
            .collect();
        let curly_count = text
            .matches(['\u{201C}', '\u{201D}', '\u{2018}', '\u{2019}'])
            .count();
        let to_curly = match style {
            QuoteStyle::Curly => true,
            QuoteStyle::Straight => false,
            _ => {
                if straight.is_empty() || curly_count == 0 {
                    return;
                }
                straight.len() <= curly_count
            }
        };
        if to_curly {
            let mut doubles_seen = 0;
            let mut line_start = 0;
            for at in straight {
                if let Some(nl) = text[line_start..at].rfind('\n') {
                    line_start += nl + 1;
                    doubles_seen = 0;
                }
                let c = char::from(bytes[at]);
                let Some((replacement, applicability)) =
                    straight_to_curly(text, at, c, doubles_seen)
                else {
                    continue;
                };
                if c == '"' {
                    doubles_seen += 1;
                }
                let span = Span::new(at, at + 1);
                out.push(
                    Finding::new(
                        &META,
                        span,
                        format!("Straight quote `{c}` in a document that uses curly quotes"),
                    )
                    .suggest(
                        Suggestion::replace(span, replacement, applicability)
                            .because("the document's quote style is curly"),
                    ),
                );
            }
        } else {
            for (at, q) in text.match_indices(['\u{201C}', '\u{201D}', '\u{2018}', '\u{2019}']) {
                if in_skip(doc, at) {
                    continue;
                }
                let span = Span::new(at, at + q.len());
                let replacement = if matches!(q, "\u{201C}" | "\u{201D}") {
                    "\""
                } else {
                    "'"
                };
                out.push(
                    Finding::new(
                        &META,
                        span,
                        format!("Curly quote `{q}` in a document that uses straight quotes"),
                    )
                    .suggest(
                        Suggestion::replace(span, replacement, Applicability::Safe)
                            .because("the document's quote style is straight"),
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::config::{QuoteStyle, Settings};
    use crate::diagnostic::Applicability;
    use crate::testing::{assert_fixes_to, assert_silent};
    use crate::text::Format;

    #[test]
    fn converts_the_minority_to_curly() {
        assert_fixes_to(
            "Q010",
            "“Agreed,” it’s said. \"It keeps him in good humour,\" said she; Uzbekistan's.",
            "“Agreed,” it’s said. “It keeps him in good humour,” said she; Uzbekistan’s.",
        );
        assert_fixes_to(
            "Q010",
            "Henry’s, it’s ’cause the '80s and 'quoted'",
            "Henry’s, it’s ’cause the ’80s and ‘quoted’",
        );
    }

    #[test]
    fn consistent_documents_are_silent() {
        assert_silent("Q010", "\"All straight,\" it's said.");
        assert_silent("Q010", "“All curly,” it’s said, 5'10\" tall.");
    }

    #[test]
    fn forced_straight_style() {
        let engine = crate::Engine::new(Settings {
            select: vec!["Q010".into()],
            quotes: QuoteStyle::Straight,
            fix_level: Applicability::Safe,
            ..Settings::default()
        })
        .unwrap();
        let out = engine.fix("“Curly,” it’s", Format::Plain).unwrap();
        assert_eq!(out.text, "\"Curly,\" it's");
    }
}
