//! `Q001 reversed-quote`: a closing curly quote used to open a quotation
//! (`”a lasting peace,”`) or an opening one used to close it.

use crate::diagnostic::{Applicability, Finding, Suggestion};
use crate::rules::typography::{double_quotes, has_curly_double, Dir};
use crate::rules::{CheckContext, Family, FixSafety, Rule, RuleMeta};
use crate::text::Document;

/// Flags curly double quotes that face the wrong way.
#[derive(Debug)]
pub struct ReversedQuote;

static META: RuleMeta = RuleMeta {
    code: "Q001",
    name: "reversed-quote",
    family: Family::Quote,
    summary: "A curly quote that faces the wrong way",
    explanation: r#"## What it flags
A closing double quote `”` that stands where a quotation opens (after a
space or at the start of a line, before a word), and an opening quote `“`
that stands where one closes (after a word or punctuation, before a space
or the end of the line).

## Why it matters
Quote direction tells the reader where speech starts and ends; a reversed
quote is a typesetting slip that smart-quote tools make when a quote
follows a line break or a dash.

## Example
```text
describing it as ”a lasting and stable peace,”   ->   “a lasting and stable peace,”
```

## Fix safety
Unsafe: the direction comes from the quote's neighbours, which is nearly
always right, but a person should glance at it.
"#,
    default_enabled: true,
    fix_safety: FixSafety::Unsafe,
};

impl Rule for ReversedQuote {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, doc: &Document<'_>, _ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        if !has_curly_double(doc.text()) {
            return;
        }
        for (i, dir, reversed) in double_quotes(doc) {
            if !reversed {
                continue;
            }
            let span = doc.tokens()[i].span;
            let (message, replacement) = match dir {
                Dir::Open => ("Closing quote `”` opens a quotation", "\u{201C}"),
                Dir::Close => ("Opening quote `“` closes a quotation", "\u{201D}"),
            };
            out.push(
                Finding::new(&META, span, message).suggest(
                    Suggestion::replace(span, replacement, Applicability::Unsafe)
                        .because("the quote's neighbours show its direction"),
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{assert_fires, assert_fixes_to, assert_silent};

    #[test]
    fn turns_reversed_quotes() {
        assert_fixes_to(
            "Q001",
            "as ”a lasting and stable peace,” he said",
            "as “a lasting and stable peace,” he said",
        );
        assert_fixes_to("Q001", "“you always were!“", "“you always were!”");
        assert_fires("Q001", "”Yes,” said Anne.", &["”"]);
        // Nothing opens at a paragraph's end, nor while a quotation is open
        // and the position says nothing.
        assert_fixes_to(
            "Q001",
            "“In any circle—young ladies—married women—“\n\n“She said—“ and stopped.",
            "“In any circle—young ladies—married women—”\n\n“She said—” and stopped.",
        );
        // A paragraph never starts with a closing quote, even before `’Tis`.
        assert_fixes_to(
            "Q001",
            "”’Tis so,” said he.\n\n”’Twas not,” said she.",
            "“’Tis so,” said he.\n\n“’Twas not,” said she.",
        );
    }

    #[test]
    fn well_formed_quotes_are_silent() {
        assert_silent("Q001", "“Well,” said she, “have it.” And—“Go!”");
        assert_silent("Q001", "The word ” stands alone, and a”b too.");
    }
}
