//! `Q007 doubled-punctuation`: a punctuation mark typed twice (`picture..`,
//! `much,,`), not an ellipsis and not `?!`.

use crate::diagnostic::{Applicability, Finding, Suggestion};
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
        let mut i = 1;
        while i + 1 < tokens.len() {
            let (a, b) = (tokens[i], tokens[i + 1]);
            if a.kind != TokenKind::Punct || b.kind != TokenKind::Punct {
                i += 1;
                continue;
            }
            let m = doc.slice(a.span);
            if !matches!(m, "," | "." | ";" | ":") || doc.slice(b.span) != m {
                i += 1;
                continue;
            }
            let prev = tokens[i - 1];
            let third_same = tokens
                .get(i + 2)
                .is_some_and(|t| t.kind == TokenKind::Punct && doc.slice(t.span) == m);
            if third_same
                || !matches!(
                    prev.kind,
                    TokenKind::Word | TokenKind::Number | TokenKind::CloseQuote
                )
                || (i >= 2 && tokens[i - 1].kind == TokenKind::Punct)
            {
                i += 2;
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
            i += 2;
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
    }

    #[test]
    fn leaves_ellipses_and_emphasis() {
        assert_silent("Q007", "Wait... what?! No!! Really?? ../path and .. alone");
    }
}
