//! `Q004 space-inside-quotes`: a space between a quote and the text it
//! encloses (`disrupters. ”`, `“ It is`).

use crate::diagnostic::{Applicability, Finding, Suggestion};
use crate::rules::typography::{closes_before, double_quotes, is_text, opens_after, Dir};
use crate::rules::{CheckContext, Family, FixSafety, Rule, RuleMeta};
use crate::text::{Document, Span, TokenKind};

/// Flags spaces just inside curly double quotes.
#[derive(Debug)]
pub struct SpaceInsideQuotes;

static META: RuleMeta = RuleMeta {
    code: "Q004",
    name: "space-inside-quotes",
    family: Family::Quote,
    summary: "A space between a quote mark and the quoted text",
    explanation: r#"## What it flags
A space after an opening `“` before the quoted words, or before a closing
`”` after them: `potential “disrupters. ”`, `“ It is a sort of thing,”`.
The quote's role comes from its shape and its pairing in the paragraph.

## Why it matters
The stray space detaches the mark from its text; a line may even break
between them, leaving a lone quote at a line start.

## Example
```text
other potential “disrupters. ” One   ->   other potential “disrupters.” One
```

## Fix safety
Safe when the quote pairs with a partner in the same paragraph; unsafe
when it has none.
"#,
    default_enabled: true,
    fix_safety: FixSafety::Sometimes,
};

impl Rule for SpaceInsideQuotes {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, doc: &Document<'_>, _ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        if !doc.text().contains(['\u{201C}', '\u{201D}']) {
            return;
        }
        let text = doc.text();
        let tokens = doc.tokens();
        let quotes = double_quotes(doc);
        let mut depth = 0usize;
        let mut last_line = usize::MAX;
        for (n, &(i, dir, _)) in quotes.iter().enumerate() {
            let t = tokens[i];
            let line = doc.line_col(t.span.start).line;
            if line != last_line {
                depth = 0;
                last_line = line;
            }
            match dir {
                Dir::Open => {
                    depth = 1;
                    // `“ word`: opening quote, one space, then text.
                    let (Some(sp), Some(next)) = (tokens.get(i + 1), tokens.get(i + 2)) else {
                        continue;
                    };
                    if sp.kind != TokenKind::Space
                        || !is_text(next.kind)
                        || !opens_after(text[..t.span.start].chars().next_back())
                        || !doc.slice(sp.span).bytes().all(|b| b == b' ')
                    {
                        continue;
                    }
                    let partnered = quotes[n + 1..]
                        .first()
                        .is_some_and(|&(_, d, _)| d == Dir::Close);
                    push(out, sp.span, "Space after an opening quote", partnered);
                }
                Dir::Close => {
                    let partnered = depth == 1;
                    depth = 0;
                    if i < 2 {
                        continue;
                    }
                    let (sp, prev) = (tokens[i - 1], tokens[i - 2]);
                    if sp.kind != TokenKind::Space
                        || !is_text(prev.kind)
                        || prev.kind == TokenKind::OpenQuote
                        || !closes_before(text[t.span.end..].chars().next())
                        || !doc.slice(sp.span).bytes().all(|b| b == b' ')
                    {
                        continue;
                    }
                    push(out, sp.span, "Space before a closing quote", partnered);
                }
            }
        }
    }
}

fn push(out: &mut Vec<Finding>, span: Span, message: &str, partnered: bool) {
    let applicability = if partnered {
        Applicability::Safe
    } else {
        Applicability::Unsafe
    };
    out.push(
        Finding::new(&META, span, message).suggest(
            Suggestion::replace(span, "", applicability)
                .because("a quote mark touches the text it encloses"),
        ),
    );
}

#[cfg(test)]
mod tests {
    use crate::testing::{assert_fires, assert_fixes_to, assert_silent};

    #[test]
    fn removes_spaces_inside_quotes() {
        assert_fixes_to(
            "Q004",
            "potential “disrupters. ” One",
            "potential “disrupters.” One",
        );
        assert_fixes_to("Q004", "“ It is,” cried she.", "“It is,” cried she.");
        assert_fixes_to(
            "Q004",
            "“I assure you, ” said she",
            "“I assure you,” said she",
        );
        assert_fires("Q004", "in vain. ”", &[" "]);
    }

    #[test]
    fn spaces_outside_quotes_are_silent() {
        assert_silent("Q004", "He said “yes” and “no.” Then “maybe.”");
    }
}
