//! `Q008 multiple-spaces`: two or more spaces between words.

use crate::diagnostic::{Applicability, Finding, Suggestion};
use crate::rules::typography::is_text;
use crate::rules::{CheckContext, Family, FixSafety, Rule, RuleMeta};
use crate::text::{Document, Span, TokenKind};

/// Flags runs of spaces inside a line.
#[derive(Debug)]
pub struct MultipleSpaces;

static META: RuleMeta = RuleMeta {
    code: "Q008",
    name: "multiple-spaces",
    family: Family::Quote,
    summary: "Two or more spaces between words",
    explanation: r#"## What it flags
A run of two or more spaces (a no-break space next to a space counts)
between two pieces of text on one line. Indentation at a line start,
whitespace at a line end (see `trailing-whitespace`) and runs containing a
tab (column alignment) are not flagged.

## Why it matters
Doubled spaces are invisible in most editors but show as gaps in print and
on the web, and they break phrase search.

## Example
```text
the talks as  very productive   ->   the talks as very productive
```

## Fix safety
Safe.
"#,
    default_enabled: true,
    fix_safety: FixSafety::Safe,
};

impl Rule for MultipleSpaces {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, doc: &Document<'_>, _ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let tokens = doc.tokens();
        let mut i = 1;
        while i < tokens.len() {
            if tokens[i].kind != TokenKind::Space {
                i += 1;
                continue;
            }
            let mut j = i;
            while j < tokens.len() && tokens[j].kind == TokenKind::Space {
                j += 1;
            }
            let (start, end) = (tokens[i].span.start, tokens[j - 1].span.end);
            let run = &doc.text()[start..end];
            let chars = run.chars().count();
            let prev_ok = is_text(tokens[i - 1].kind);
            let next_ok = tokens.get(j).is_some_and(|t| is_text(t.kind));
            if chars >= 2 && prev_ok && next_ok && !run.contains('\t') && run.contains(' ') {
                let span = Span::new(start, end);
                out.push(
                    Finding::new(&META, span, format!("{chars} spaces between words")).suggest(
                        Suggestion::replace(span, " ", Applicability::Safe)
                            .because("one space separates words"),
                    ),
                );
            }
            i = j;
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{assert_fixes_to, assert_silent};

    #[test]
    fn collapses_runs() {
        assert_fixes_to("Q008", "as  very and\u{A0} so", "as very and so");
    }

    #[test]
    fn leaves_indentation_alignment_and_line_ends() {
        assert_silent("Q008", "  indented\na\t\tb\nend  \n");
    }
}
