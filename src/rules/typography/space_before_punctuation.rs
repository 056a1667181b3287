//! `Q005 space-before-punctuation`: a space before `, . ; : ! ?`
//! (`independence , the`).

use crate::diagnostic::{Applicability, Finding, Suggestion};
use crate::rules::{CheckContext, Family, FixSafety, Rule, RuleMeta};
use crate::text::{Document, TokenKind};

/// Flags spaces before sentence punctuation.
#[derive(Debug)]
pub struct SpaceBeforePunctuation;

static META: RuleMeta = RuleMeta {
    code: "Q005",
    name: "space-before-punctuation",
    family: Family::Quote,
    summary: "A space before a comma, period, semicolon, colon, exclamation or question mark",
    explanation: r#"## What it flags
One or more spaces between a word (or number, or closing quote) and the
`,` `.` `;` `:` `!` or `?` that follows it, when the mark is followed by a
space, a quote, a bracket or the end of the line. A leading `.5`, a spaced
ellipsis `. . .`, emoticons and no-break spaces (French typography) are not
flagged.

## Why it matters
English sets these marks against the preceding word; a space before them
looks like a typing slip and lets a line break put the mark at the start of
the next line.

## Example
```text
Within a year of independence , the government   ->   independence, the government
```

## Fix safety
Safe.
"#,
    default_enabled: true,
    fix_safety: FixSafety::Safe,
};

impl Rule for SpaceBeforePunctuation {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, doc: &Document<'_>, _ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = doc.text();
        let tokens = doc.tokens();
        for i in 1..tokens.len().saturating_sub(1) {
            let sp = tokens[i];
            let mark = tokens[i + 1];
            if sp.kind != TokenKind::Space || mark.kind != TokenKind::Punct {
                continue;
            }
            let m = doc.slice(mark.span);
            if !matches!(m, "," | "." | ";" | ":" | "!" | "?") {
                continue;
            }
            let prev = tokens[i - 1];
            if !matches!(
                prev.kind,
                TokenKind::Word | TokenKind::Number | TokenKind::CloseQuote
            ) {
                continue;
            }
            if !doc.slice(sp.span).bytes().all(|b| b == b' ') {
                continue;
            }
            // What follows the mark: a space, a quote, a bracket or the end.
            let after = text[mark.span.end..].chars().next();
            let ok_after =
                after.is_none_or(|c| c.is_whitespace() || matches!(c, '”' | '’' | '"' | '\''));
            if !ok_after {
                continue;
            }
            // `. . .`: a spaced ellipsis.
            if m == "." && text[mark.span.end..].starts_with(" .") {
                continue;
            }
            out.push(
                Finding::new(&META, sp.span, format!("Space before `{m}`")).suggest(
                    Suggestion::replace(sp.span, "", Applicability::Safe)
                        .because("the mark sits against the word before it"),
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{assert_fixes_to, assert_silent};

    #[test]
    fn removes_space_before_marks() {
        assert_fixes_to(
            "Q005",
            "Within a year of independence , the government ; then Mr. Weston . Agreed",
            "Within a year of independence, the government; then Mr. Weston. Agreed",
        );
        assert_fixes_to("Q005", "a winter storm .", "a winter storm.");
    }

    #[test]
    fn leaves_decimals_ellipses_and_emoticons() {
        assert_silent("Q005", "a .5 rate, wait . . . now :) and ;-)");
        assert_silent("Q005", "  , leading");
    }
}
