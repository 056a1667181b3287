//! `Q005 space-before-punctuation`: a space before `, . ; : ! ?`
//! (`independence , the`).

use crate::diagnostic::{Applicability, Finding, Suggestion};
use crate::rules::typography::{mark_offsets, token_starting_at};
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

/// Whether every `! ? ; :` of the text is spaced from its word (French
/// typography): two or more such marks, or one in text with non-English
/// letters.
fn is_french_spacing(text: &str) -> bool {
    let mut spaced = 0usize;
    let mut attached = 0usize;
    for (at, _) in text.match_indices(['!', '?', ';', ':']) {
        match text[..at].chars().next_back() {
            Some(' ' | '\u{A0}' | '\u{202F}') => spaced += 1,
            Some(c) if c.is_alphanumeric() => attached += 1,
            _ => {}
        }
    }
    let foreign = || !text.is_ascii() && text.chars().any(|c| !c.is_ascii() && c.is_alphabetic());
    attached == 0 && (spaced >= 2 || (spaced == 1 && foreign() && !looks_english(text)))
}

/// Whether the text has English function words: one spaced mark beside
/// accented names (`Côte d’Ivoire changed its name ;`) is no convention.
fn looks_english(text: &str) -> bool {
    const WORDS: &[&str] = &[
        " the ", " and ", " of ", " to ", " is ", " was ", " that ", " with ", " for ", " it ",
    ];
    WORDS.iter().filter(|w| text.contains(*w)).count() >= 2
}

impl Rule for SpaceBeforePunctuation {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, doc: &Document<'_>, _ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = doc.text();
        let tokens = doc.tokens();
        // French typography spaces `! ? ; :` from the word before: when every
        // such mark in the text is spaced, that is the convention, not a slip.
        // Worked out only when such a mark is found.
        let mut french: Option<bool> = None;
        let bytes = text.as_bytes();
        for at in mark_offsets(text, b",.;:!?") {
            if at == 0 || bytes[at - 1] != b' ' {
                continue;
            }
            let Some(m_index) = token_starting_at(doc, at) else {
                continue;
            };
            if m_index < 2 {
                continue;
            }
            let i = m_index - 1;
            let sp = tokens[i];
            let mark = tokens[i + 1];
            if sp.kind != TokenKind::Space || mark.kind != TokenKind::Punct {
                continue;
            }
            let m = doc.slice(mark.span);
            if !matches!(m, "," | "." | ";" | ":" | "!" | "?") {
                continue;
            }
            if !matches!(m, "," | ".") && *french.get_or_insert_with(|| is_french_spacing(text)) {
                continue;
            }
            let prev = tokens[i - 1];
            let prev_ok = match prev.kind {
                TokenKind::Word | TokenKind::Number | TokenKind::CloseQuote => true,
                // `1860s`, `Su-57`: not a URL or an address.
                TokenKind::Skip => {
                    let s = doc.slice(prev.span);
                    s.chars().all(|c| c.is_alphanumeric() || c == '-')
                }
                _ => false,
            };
            if !prev_ok {
                continue;
            }
            if !doc.slice(sp.span).bytes().all(|b| b == b' ') {
                continue;
            }
            // What follows the mark: a space, a quote, a dash (`proceed ;—and`)
            // or the end; not a bracket (`:)` is a smiley).
            let after = text[mark.span.end..].chars().next();
            // `e .g.`, `a .m.`: a space inside a dotted abbreviation.
            let in_chain = m == "."
                && prev.kind == TokenKind::Word
                && doc.slice(prev.span).chars().count() == 1
                && text[mark.span.end..]
                    .strip_prefix(|c: char| c.is_ascii_alphabetic())
                    .is_some_and(|r| r.starts_with('.'));
            let ok_after = in_chain
                || after
                    .is_none_or(|c| c.is_whitespace() || matches!(c, '”' | '’' | '"' | '\'' | '—'));
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
        assert_fixes_to(
            "Q005",
            "the coast, e .g. ports, at 10 a .m. daily",
            "the coast, e.g. ports, at 10 a.m. daily",
        );
        assert_fixes_to(
            "Q005",
            "she would not let him proceed ;—and began to move .—“He must go",
            "she would not let him proceed;—and began to move.—“He must go",
        );
        assert_fixes_to(
            "Q005",
            "in the 1860s , a request ; yes!",
            "in the 1860s, a request; yes!",
        );
        assert_silent("Q005", "Napíšte nám ! Merci ; au revoir ?");
        assert_silent("Q005", "Nous sommes là ; et vous, Zoë ?");
        assert_silent("Q005", "Napíšte nám !");
        assert_fixes_to(
            "Q005",
            "Côte d’Ivoire changed its name ; the rest of the world followed.",
            "Côte d’Ivoire changed its name; the rest of the world followed.",
        );
    }

    #[test]
    fn leaves_decimals_ellipses_and_emoticons() {
        assert_silent("Q005", "a .5 rate, wait . . . now :) and ;-)");
        assert_silent("Q005", "  , leading");
    }
}
