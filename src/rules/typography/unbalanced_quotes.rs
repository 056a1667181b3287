//! `Q002 unbalanced-quotes`: a quotation opened and never closed in its
//! paragraph, or closed without being opened.

use crate::diagnostic::Finding;
use crate::rules::typography::{double_quotes, paragraph_of, Dir};
use crate::rules::{CheckContext, Family, FixSafety, Rule, RuleMeta};
use crate::text::{Document, TokenKind};

/// Reports curly double quotes without a partner.
#[derive(Debug)]
pub struct UnbalancedQuotes;

static META: RuleMeta = RuleMeta {
    code: "Q002",
    name: "unbalanced-quotes",
    family: Family::Quote,
    summary: "A quotation opened but not closed, or closed but not opened",
    explanation: r#"## What it flags
Within a paragraph: an opening `“` followed by another `“` or by the end
of the paragraph with no `”` between, and a `”` with no `“` before it.
Quote direction is read as `reversed-quote` (Q001) reads it. A quotation
that runs on into a next paragraph starting with `“` (the book
convention) is not flagged. Apostrophes are never counted.

## Why it matters
A missing quote mark hides where speech ends, so the reader attributes
words to the wrong speaker.

## Example
```text
“Only go and call on Mrs. Allen! he repeated. “What a picture
```

## Fix safety
No fix: the missing mark could belong in several places.
"#,
    default_enabled: true,
    fix_safety: FixSafety::None,
};

impl Rule for UnbalancedQuotes {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, doc: &Document<'_>, _ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        if !doc.text().contains(['\u{201C}', '\u{201D}']) {
            return;
        }
        let quotes = double_quotes(doc);
        if quotes.is_empty() {
            return;
        }
        let para = paragraph_of(doc);
        let tokens = doc.tokens();
        let first_text_of_para = |p: usize| -> Option<usize> {
            (0..tokens.len()).find(|&i| {
                para[i] == p && !matches!(tokens[i].kind, TokenKind::Space | TokenKind::Newline)
            })
        };
        let mut open: Option<usize> = None;
        let mut current = usize::MAX;
        let report = |i: usize, message: &str, out: &mut Vec<Finding>| {
            out.push(Finding::new(&META, tokens[i].span, message));
        };
        let close_paragraph = |open: &mut Option<usize>, p: usize, out: &mut Vec<Finding>| {
            if let Some(o) = open.take() {
                // The book convention: a quotation continued in the next
                // paragraph reopens it without closing this one.
                let continues = first_text_of_para(p + 1)
                    .is_some_and(|i| doc.slice(tokens[i].span) == "\u{201C}");
                if !continues {
                    report(
                        o,
                        "Quotation opened here is not closed in its paragraph",
                        out,
                    );
                }
            }
        };
        for (i, dir, _) in quotes {
            if para[i] != current {
                if current != usize::MAX {
                    close_paragraph(&mut open, current, out);
                }
                current = para[i];
            }
            match dir {
                Dir::Open => {
                    if let Some(o) = open.replace(i) {
                        report(
                            o,
                            "Quotation opened here is not closed before the next one opens",
                            out,
                        );
                    }
                }
                Dir::Close => {
                    if open.take().is_none() {
                        report(
                            i,
                            "Closing quote has no opening quote in its paragraph",
                            out,
                        );
                    }
                }
            }
        }
        if current != usize::MAX {
            close_paragraph(&mut open, current, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{assert_fires, assert_silent};

    #[test]
    fn reports_missing_partners() {
        assert_fires("Q002", "“Only go! he said. “What a picture.”", &["“"]);
        assert_fires("Q002", "I was wrong,” he continued.", &["”"]);
        assert_fires(
            "Q002",
            "He vowed to continue “self-reliant policies.",
            &["“"],
        );
    }

    #[test]
    fn balanced_and_continued_quotes_are_silent() {
        assert_silent("Q002", "“Well,” said she, “have it.”\n\nNext.");
        assert_silent("Q002", "“A long speech.\n\n“Goes on here.”");
        assert_silent("Q002", "It’s the ’80s and rock ’n’ roll, friends’ cars.");
    }
}
