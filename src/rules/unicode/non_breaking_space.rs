//! `U004 non-breaking-space`: no-break spaces in prose (off by default).

use crate::diagnostic::{Applicability, Finding, Suggestion};
use crate::rules::unicode::char_name;
use crate::rules::{CheckContext, Family, FixSafety, Rule, RuleMeta};
use crate::text::{Document, TokenKind};

/// Reports no-break spaces; enable it with `--select U004`.
#[derive(Debug)]
pub struct NonBreakingSpace;

static META: RuleMeta = RuleMeta {
    code: "U004",
    name: "non-breaking-space",
    family: Family::Unicode,
    summary: "A no-break space in prose (off by default)",
    explanation: r#"## What it flags
No-break spaces (U+00A0), narrow no-break spaces (U+202F) and figure
spaces (U+2007) standing between words. Off by default: they are often
deliberate (`10 km`, `Mr. Smith`, French punctuation). Select it with
`--select U004` to find the ones pasted in from web pages.

## Why it matters
They look like spaces but stop line breaks, defeat search for phrases and
confuse tools that split on ASCII spaces.

## Example
```text
the talks as\u00a0very productive   ->   the talks as very productive
```

## Fix safety
Unsafe: only the author knows whether the space was meant to hold words
together.
"#,
    default_enabled: false,
    fix_safety: FixSafety::Unsafe,
};

impl Rule for NonBreakingSpace {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, doc: &Document<'_>, _ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        for t in doc.tokens() {
            if t.kind != TokenKind::Space || doc.text().as_bytes()[t.span.start] < 0x80 {
                continue;
            }
            let c = doc.slice(t.span).chars().next().expect("non-empty token");
            if !matches!(c, '\u{A0}' | '\u{202F}' | '\u{2007}') {
                continue;
            }
            let name = char_name(c);
            out.push(
                Finding::new(
                    &META,
                    t.span,
                    format!("A {name} (U+{:04X}) between words", c as u32),
                )
                .suggest(
                    Suggestion::replace(t.span, " ", Applicability::Unsafe)
                        .because("plain spaces let lines break"),
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{assert_fires, assert_fixes_to};

    #[test]
    fn reports_no_break_spaces() {
        assert_fires("U004", "as\u{A0}very", &["\u{A0}"]);
        assert_fixes_to("U004", "10\u{202F}km", "10 km");
    }
}
