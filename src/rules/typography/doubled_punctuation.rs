//! `Q007 doubled-punctuation`: a punctuation mark typed twice (`picture..`,
//! `much,,`), not an ellipsis and not `?!`.

use crate::diagnostic::{Applicability, Finding, Suggestion};
use crate::rules::typography::{mark_offsets, token_starting_at};
use crate::rules::{CheckContext, Family, FixSafety, Rule, RuleMeta};
use crate::text::{Document, Span, TokenKind};

/// Flags doubled commas, periods, semicolons and colons.
#[derive(Debug)]
pub struct DoubledPunctuation;

static META: RuleMeta = RuleMeta {
    code: "Q007",
    name: "doubled-punctuation",
    family: Family::Quote,
    summary: "A comma, period, semicolon or colon typed twice",
    explanation: r#"## What it flags
Two identical marks in a row after a word: `,,` `..` `;;` `::`. Three or
more periods are an ellipsis and are left alone, as are `!!`, `??` and `?!`
(emphasis) and anything that does not follow a word (`../path`).

## Why it matters
A doubled mark is a typing slip that readers notice at once.

## Example
```text
Russia’s Ministry of Defense picture..   ->   Russia’s Ministry of Defense picture.
```

## Fix safety
Safe for `,,` `;;` `::`. Unsafe for `..`, which may be a clipped ellipsis.
"#,
    default_enabled: true,
    fix_safety: FixSafety::Sometimes,
};

impl Rule for DoubledPunctuation {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, doc: &Document<'_>, _ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let tokens = doc.tokens();
        let bytes = doc.text().as_bytes();
        let mut skip_to = 0;
        for at in mark_offsets(doc.text(), b",.;:") {
            if at < skip_to || bytes.get(at + 1) != Some(&bytes[at]) {
                continue;
            }
            skip_to = at + 2;
            let Some(i) = token_starting_at(doc, at) else {
                continue;
            };
            if i == 0 || i + 1 >= tokens.len() {
                continue;
            }
            let (a, b) = (tokens[i], tokens[i + 1]);
            if a.kind != TokenKind::Punct || b.kind != TokenKind::Punct {
                continue;
            }
            let m = doc.slice(a.span);
            let prev = tokens[i - 1];
            let third_same = tokens
                .get(i + 2)
                .is_some_and(|t| t.kind == TokenKind::Punct && doc.slice(t.span) == m);
            let prev_ok = match prev.kind {
                TokenKind::Word | TokenKind::Number | TokenKind::CloseQuote => true,
                // `6%..`, `(UML),,`, `’90s,,`.
                TokenKind::Punct => matches!(doc.slice(prev.span), "%" | ")" | "]"),
                TokenKind::Skip => doc
                    .slice(prev.span)
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '-'),
                _ => false,
            };
            if third_same || !prev_ok {
                // An ellipsis or longer run: skip all of it.
                skip_to = at + 3;
                while bytes.get(skip_to) == Some(&bytes[at]) {
                    skip_to += 1;
                }
                continue;
            }
            let applicability = if m == "." {
                Applicability::Unsafe
            } else {
                Applicability::Safe
            };
            let span = Span::new(a.span.start, b.span.end);
            out.push(
                Finding::new(&META, span, format!("`{m}` typed twice")).suggest(
                    Suggestion::replace(span, m, applicability).because("one mark is enough"),
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{assert_fixes_to, assert_silent};

    #[test]
    fn collapses_doubled_marks() {
        assert_fixes_to(
            "Q007",
            "Defense picture.. alter so much,, that; then;; end",
            "Defense picture. alter so much, that; then; end",
        );
        assert_fixes_to(
            "Q007",
            "fell to 2.1%,, the (UML),, in the ’90s,, about 6%.",
            "fell to 2.1%, the (UML), in the ’90s, about 6%.",
        );
    }

    #[test]
    fn leaves_ellipses_and_emphasis() {
        assert_silent("Q007", "Wait... what?! No!! Really?? ../path and .. alone");
    }
}
