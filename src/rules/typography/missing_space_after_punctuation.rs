//! `Q006 missing-space-after-punctuation`: no space after a sentence end or
//! a comma (`exports.This`, `Ukraine,resulting`).

use crate::diagnostic::{Applicability, Finding, Suggestion};
use crate::rules::typography::is_non_final_abbreviation;
use crate::rules::{CheckContext, Family, FixSafety, Rule, RuleMeta};
use crate::text::{Document, TokenKind};

/// Flags punctuation glued to the next word.
#[derive(Debug)]
pub struct MissingSpaceAfterPunctuation;

static META: RuleMeta = RuleMeta {
    code: "Q006",
    name: "missing-space-after-punctuation",
    family: Family::Quote,
    summary: "No space after a period, comma, semicolon, colon, exclamation or question mark",
    explanation: r#"## What it flags
A word glued to the word before it by sentence punctuation:
`exports.This`, `drones.Russia`, `Ukraine,resulting`, `us;for`. After `.`,
`!` and `?` the next word must start with a capital (a new sentence).
Numbers (`3.5`, `1,000`, `10:30`), URLs, e-mail addresses and file or
domain names are separate tokens and never flagged; neither are
abbreviations (`U.S.`, `e.g.`, `Ph.D.`) or single letters.

## Why it matters
The missing space hides a sentence boundary from readers and from every
tool that splits sentences or words.

## Example
```text
oil exports.This aims   ->   oil exports. This aims
```

## Fix safety
Safe: a space is inserted, nothing is removed.
"#,
    default_enabled: true,
    fix_safety: FixSafety::Safe,
};

impl Rule for MissingSpaceAfterPunctuation {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, doc: &Document<'_>, _ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let tokens = doc.tokens();
        for i in 1..tokens.len().saturating_sub(1) {
            let mark = tokens[i];
            if mark.kind != TokenKind::Punct {
                continue;
            }
            let m = doc.slice(mark.span);
            if !matches!(m, "," | "." | ";" | ":" | "!" | "?") {
                continue;
            }
            let (prev, next) = (tokens[i - 1], tokens[i + 1]);
            if next.kind != TokenKind::Word
                || !matches!(prev.kind, TokenKind::Word | TokenKind::Number)
                || prev.span.end != mark.span.start
                || next.span.start != mark.span.end
            {
                continue;
            }
            let (p, n) = (doc.slice(prev.span), doc.slice(next.span));
            let Some(first) = n.chars().next() else {
                continue;
            };
            // Only ASCII-initial words: a non-ASCII start may be mojibake that
            // U001 repairs (`now,â€ť`).
            if !first.is_ascii_alphabetic() || n.len() < 2 {
                continue;
            }
            // Part of a longer dotted chain (`U.S.A`, `Ph.D.`) or an abbreviation.
            let chained = |j: usize| {
                tokens
                    .get(j)
                    .is_some_and(|t| t.kind == TokenKind::Punct && doc.slice(t.span) == ".")
            };
            let sentence_end = matches!(m, "." | "!" | "?");
            if sentence_end {
                let prev_letters = p.chars().count();
                if !first.is_ascii_uppercase()
                    || (prev.kind == TokenKind::Word && prev_letters < 2)
                    || is_non_final_abbreviation(p)
                    || chained(i + 2)
                    || (i >= 2 && chained(i - 2))
                    || n.chars().skip(1).any(|c| c.is_uppercase()) && n.len() <= 3
                {
                    continue;
                }
            } else if m == ":" && (p.len() < 2 || prev.kind == TokenKind::Number) {
                continue;
            }
            out.push(
                Finding::new(
                    &META,
                    mark.span,
                    format!("No space after `{m}` in `{p}{m}{n}`"),
                )
                .suggest(
                    Suggestion::replace(
                        crate::text::Span::new(mark.span.start, mark.span.end),
                        &format!("{m} "),
                        Applicability::Safe,
                    )
                    .because("a space follows sentence punctuation"),
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{assert_fixes_to, assert_silent};

    #[test]
    fn inserts_missing_spaces() {
        assert_fixes_to(
            "Q006",
            "oil exports.This aims at Ukraine,resulting in drones.Russia in 1897.Arbitration",
            "oil exports. This aims at Ukraine, resulting in drones. Russia in 1897. Arbitration",
        );
        assert_fixes_to("Q006", "any of us,for you", "any of us, for you");
    }

    #[test]
    fn leaves_numbers_abbreviations_and_names() {
        assert_silent(
            "Q006",
            "3.5 and 1,000 at 10:30, the U.S. and e.g. Ph.D. holders, see README.md or node.js, Mr.Smith",
        );
    }
}
