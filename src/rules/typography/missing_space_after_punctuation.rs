//! `Q006 missing-space-after-punctuation`: no space after a sentence end or
//! a comma (`exports.This`, `Ukraine,resulting`).

use crate::diagnostic::{Applicability, Finding, Suggestion};
use crate::rules::typography::is_non_final_abbreviation;
use crate::rules::typography::{mark_offsets, token_starting_at};
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

/// `do.Mr. Knightley`: a title abbreviation (`Mr.`, `Dr.`) glued to the end
/// of an ordinary word starts the next sentence; it is no dotted chain such
/// as `U.S.A.` or `Ph.D.`.
fn is_title_after_word(prev: &str, next: &str) -> bool {
    next.len() >= 2
        && next.starts_with(|c: char| c.is_ascii_uppercase())
        && is_non_final_abbreviation(next)
        && prev.chars().count() >= 2
        && (prev.chars().all(char::is_alphabetic) || prev.chars().all(|c| c.is_ascii_digit()))
        && !is_non_final_abbreviation(prev)
}

/// Closing quotes glued to the next word: `place.”He` or `said,”and`.
fn check_after_closing_quotes(doc: &Document<'_>, out: &mut Vec<Finding>) {
    let text = doc.text();
    let tokens = doc.tokens();
    for (at, q) in text.match_indices('\u{201D}') {
        let Some(i) = token_starting_at(doc, at) else {
            continue;
        };
        if i < 2 || tokens[i].kind != TokenKind::CloseQuote {
            continue;
        }
        let (mark, before) = (tokens[i - 1], tokens[i - 2]);
        let Some(next) = tokens.get(i + 1) else {
            continue;
        };
        if mark.kind != TokenKind::Punct
            || matches!(
                before.kind,
                TokenKind::Space | TokenKind::Newline | TokenKind::Skip
            )
            || next.kind != TokenKind::Word
            || next.span.start != at + q.len()
        {
            continue;
        }
        let m = doc.slice(mark.span);
        let n = doc.slice(next.span);
        let Some(first) = n.chars().next() else {
            continue;
        };
        let glued = match m {
            "." | "!" | "?" => first.is_ascii_uppercase(),
            "," => first.is_ascii_lowercase(),
            _ => false,
        };
        if !glued || (m == "." && is_non_final_abbreviation(doc.slice(before.span))) {
            continue;
        }
        let span = tokens[i].span;
        out.push(
            Finding::new(&META, span, format!("No space after `{m}”` in `{m}”{n}`")).suggest(
                Suggestion::replace(span, "\u{201D} ", Applicability::Safe)
                    .because("a space separates a closing quote from the next word"),
            ),
        );
    }
}

impl Rule for MissingSpaceAfterPunctuation {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, doc: &Document<'_>, _ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        if crate::rules::typography::has_curly_double(doc.text()) {
            check_after_closing_quotes(doc, out);
        }
        let tokens = doc.tokens();
        let bytes = doc.text().as_bytes();
        for at in mark_offsets(doc.text(), b",.;:!?") {
            if !bytes
                .get(at + 1)
                .is_some_and(|&b| b.is_ascii_alphabetic() || b == 0xE2)
            {
                continue;
            }
            let Some(i) = token_starting_at(doc, at) else {
                continue;
            };
            if i == 0 || i + 1 >= tokens.len() {
                continue;
            }
            let mark = tokens[i];
            if mark.kind != TokenKind::Punct {
                continue;
            }
            let m = doc.slice(mark.span);
            if !matches!(m, "," | "." | ";" | ":" | "!" | "?") {
                continue;
            }
            let (prev, mut next) = (tokens[i - 1], tokens[i + 1]);
            // `voice.“Do not`: a quotation opens the next sentence.
            let quote_next = next.kind == TokenKind::OpenQuote
                && doc.slice(next.span) == "\u{201C}"
                && matches!(m, "." | "!" | "?" | ",")
                && tokens
                    .get(i + 2)
                    .is_some_and(|w| w.kind == TokenKind::Word && w.span.start == next.span.end);
            if quote_next {
                next = tokens[i + 2];
            }
            // `’90s,droughts`: a word with digits is a Skip token.
            let prev_word = match prev.kind {
                TokenKind::Word | TokenKind::Number => true,
                TokenKind::Skip => {
                    let s = doc.slice(prev.span);
                    s.chars().all(char::is_alphanumeric) && s.chars().any(char::is_alphabetic)
                }
                _ => false,
            };
            if next.kind != TokenKind::Word
                || !prev_word
                || prev.span.end != mark.span.start
                || (next.span.start != mark.span.end && !quote_next)
            {
                continue;
            }
            // `&#8212;a`, `&amp;b`: an HTML entity's `;` (U002 decodes it).
            if m == ";" {
                let before = &doc.text()[..mark.span.start];
                let name_start = before
                    .trim_end_matches(|c: char| c.is_ascii_alphanumeric() || c == '#')
                    .len();
                let head = &before[..name_start];
                if head.ends_with('&') || head.ends_with("&amp;") {
                    continue;
                }
            }
            let (p, n) = (doc.slice(prev.span), doc.slice(next.span));
            let Some(first) = n.chars().next() else {
                continue;
            };
            // Only ASCII-initial words: a non-ASCII start may be mojibake that
            // U001 repairs (`now,â€ť`).
            if !first.is_ascii_alphabetic() {
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
                    || (!quote_next
                        && chained(i + 2)
                        && n.chars().count() <= 2
                        && !is_title_after_word(p, n))
                    || (i >= 2 && chained(i - 2))
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
        assert_fixes_to(
            "Q006",
            "the ’90s,droughts came, elections in 1992.St. Lucia",
            "the ’90s, droughts came, elections in 1992. St. Lucia",
        );
        assert_fixes_to(
            "Q006",
            "as it was in his power.Mr. Weston came, and Dr. Perry said so.Dr. Grant",
            "as it was in his power. Mr. Weston came, and Dr. Perry said so. Dr. Grant",
        );
        assert_fixes_to(
            "Q006",
            "“Go home.”She went. “Yes,”said he, “now!”Then",
            "“Go home.” She went. “Yes,” said he, “now!” Then",
        );
        assert_fixes_to(
            "Q006",
            "“You will not allow yourself—.”Her arm",
            "“You will not allow yourself—.” Her arm",
        );
        // The next word ends the text with its own period.
        assert_fixes_to("Q006", "Stop!Now. Wait.Then.", "Stop! Now. Wait. Then.");
        assert_fixes_to(
            "Q006",
            "finally Russians.A Latvian state, relations.US aid, a low voice.“Do not",
            "finally Russians. A Latvian state, relations. US aid, a low voice. “Do not",
        );
    }

    #[test]
    fn leaves_numbers_abbreviations_and_names() {
        assert_silent(
            "Q006",
            "3.5 and 1,000 at 10:30, the U.S. and e.g. Ph.D. holders, see README.md or node.js, Mr.Smith, EU&#8212;a &amp;b &amp;ldquo;x, St.Mr., “Mr.”Smith, “It’s,”She",
        );
    }
}
