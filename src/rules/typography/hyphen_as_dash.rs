//! `Q009 hyphen-as-dash`: a hyphen or a double hyphen standing for a dash
//! (`rhetoric - as`, `happy--quite`).

use crate::config::DashStyle;
use crate::diagnostic::{Applicability, Finding, Suggestion};
use crate::rules::{CheckContext, Family, FixSafety, Rule, RuleMeta};
use crate::text::{Document, Span, Token, TokenKind};

/// Flags hyphens used as dashes and replaces them with the document's dash.
#[derive(Debug)]
pub struct HyphenAsDash;

static META: RuleMeta = RuleMeta {
    code: "Q009",
    name: "hyphen-as-dash",
    family: Family::Quote,
    summary: "A hyphen or double hyphen used as a dash",
    explanation: r#"## What it flags
A hyphen with a space on each side between two words (`rhetoric - as`), and
a double hyphen between words, spaced or not (`happy--quite`,
`minister -- which`). List bullets at a line start, number ranges and
arithmetic (`5 - 3`) and command-line options (`--quotes`) are left alone.

## Why it matters
A hyphen joins words; a dash separates clauses. Typewriter substitutes
read as typos in typeset text.

## Example
```text
his patriotic rhetoric - as evidence   ->   his patriotic rhetoric – as evidence
```

## Fix safety
The dash follows the document's own style: em dashes (closed or spaced, as
the document writes them) if it has any, else spaced en dashes if it has
any, else the `--dash` setting. Safe for a spaced hyphen or double hyphen;
unsafe for a closed `--`.
"#,
    default_enabled: true,
    fix_safety: FixSafety::Sometimes,
};

/// The dash (with its spacing) the document already uses.
fn document_dash(text: &str, default: DashStyle) -> &'static str {
    let (mut em_closed, mut em_spaced, mut en_spaced) = (0usize, 0usize, 0usize);
    for (at, c) in text.match_indices(['\u{2014}', '\u{2013}']) {
        let spaced = text[..at].ends_with(' ') && text[at + c.len()..].starts_with(' ');
        match (c, spaced) {
            ("\u{2014}", true) => em_spaced += 1,
            ("\u{2014}", false) => em_closed += 1,
            (_, true) => en_spaced += 1,
            _ => {}
        }
    }
    if em_closed + em_spaced > 0 {
        if em_closed >= em_spaced {
            "\u{2014}"
        } else {
            " \u{2014} "
        }
    } else if en_spaced > 0 {
        " \u{2013} "
    } else {
        match default {
            DashStyle::SpacedEnDash => " \u{2013} ",
            DashStyle::EmDash => "\u{2014}",
        }
    }
}

fn is_hyphen(doc: &Document<'_>, t: Option<&Token>) -> bool {
    t.is_some_and(|t| t.kind == TokenKind::Punct && doc.slice(t.span) == "-")
}

fn is_plain_space(doc: &Document<'_>, t: Option<&Token>) -> bool {
    t.is_some_and(|t| t.kind == TokenKind::Space && doc.slice(t.span).bytes().all(|b| b == b' '))
}

/// Whether the token can end the text before a dash.
fn ends_clause(doc: &Document<'_>, t: &Token) -> bool {
    match t.kind {
        TokenKind::Word | TokenKind::Number | TokenKind::CloseQuote => true,
        TokenKind::Punct => matches!(doc.slice(t.span), "," | ";" | ":" | "." | "!" | "?" | ")"),
        _ => false,
    }
}

/// Whether the token can start the text after a dash.
fn starts_clause(doc: &Document<'_>, t: &Token) -> bool {
    match t.kind {
        TokenKind::Word | TokenKind::Number | TokenKind::OpenQuote | TokenKind::AmbiguousQuote => {
            true
        }
        TokenKind::Punct => doc.slice(t.span) == "(",
        _ => false,
    }
}

impl Rule for HyphenAsDash {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, doc: &Document<'_>, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = doc.text();
        if !text.contains(" - ") && !text.contains("--") {
            return;
        }
        let tokens = doc.tokens();
        let dash = document_dash(text, ctx.settings.dash);
        let mut i = 0;
        while i < tokens.len() {
            if !is_hyphen(doc, tokens.get(i)) {
                i += 1;
                continue;
            }
            let h = i;
            let double = is_hyphen(doc, tokens.get(h + 1));
            let last = if double { h + 1 } else { h };
            if is_hyphen(doc, tokens.get(last + 1)) || (h > 0 && is_hyphen(doc, tokens.get(h - 1)))
            {
                // Three or more hyphens: a rule or a separator line.
                i = last + 2;
                continue;
            }
            let spaced_left = h > 0 && is_plain_space(doc, tokens.get(h - 1));
            let spaced_right = is_plain_space(doc, tokens.get(last + 1));
            i = last + 1;
            if spaced_left != spaced_right || (!double && !spaced_left) {
                continue;
            }
            let (before, after) = if spaced_left {
                (h.checked_sub(2), last + 2)
            } else {
                (h.checked_sub(1), last + 1)
            };
            let Some(before) = before else { continue };
            let (Some(b), Some(a)) = (tokens.get(before), tokens.get(after)) else {
                continue;
            };
            if !ends_clause(doc, b) || !starts_clause(doc, a) {
                continue;
            }
            if !double && b.kind == TokenKind::Number && a.kind == TokenKind::Number {
                continue;
            }
            let span = Span::new(tokens[before].span.end, tokens[after].span.start);
            let written = doc.slice(span);
            let applicability = if spaced_left {
                Applicability::Safe
            } else {
                Applicability::Unsafe
            };
            let shown = dash.trim();
            out.push(
                Finding::new(&META, span, format!("`{}` used as a dash", written.trim())).suggest(
                    Suggestion::replace(span, dash, applicability)
                        .because(format!("`{shown}` is the document's dash")),
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{assert_fixes_to, assert_silent};

    #[test]
    fn replaces_hyphens_with_the_document_dash() {
        assert_fixes_to(
            "Q009",
            "sent to Turkey – led by him - as evidence",
            "sent to Turkey – led by him – as evidence",
        );
        assert_fixes_to(
            "Q009",
            "quite happy--quite satisfied—yes",
            "quite happy—quite satisfied—yes",
        );
        assert_fixes_to("Q009", "the minister -- which", "the minister – which");
        assert_fixes_to("Q009", "the Palmers;--and how", "the Palmers; – and how");
    }

    #[test]
    fn leaves_bullets_ranges_and_options() {
        assert_silent(
            "Q009",
            "- item\n5 - 3 is 2\nuse --quotes curly\n---\nwell-known",
        );
    }
}
