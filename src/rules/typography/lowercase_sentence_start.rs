//! `Q011 lowercase-sentence-start`: a sentence that starts with a
//! lower-case letter (`…Kyiv and Washington. the question remains`).

use crate::diagnostic::{Applicability, Finding, Suggestion};
use crate::rules::typography::{is_ambiguous_abbreviation, is_non_final_abbreviation};
use crate::rules::typography::{mark_offsets, token_starting_at};
use crate::rules::{CheckContext, Family, FixSafety, Rule, RuleMeta};
use crate::text::{Document, Token, TokenKind};

/// Flags lower-case sentence starts.
#[derive(Debug)]
pub struct LowercaseSentenceStart;

static META: RuleMeta = RuleMeta {
    code: "Q011",
    name: "lowercase-sentence-start",
    family: Family::Quote,
    summary: "A sentence that starts with a lower-case letter",
    explanation: r#"## What it flags
A lower-case word that starts a sentence: after a period and a space
(optionally with an opening quote between), at the start of the text, or
at the start of a line that follows a finished sentence, a blank line or a
heading. Not flagged: words after `!` or `?` (`“Oh! my dear` is period
style), after an ellipsis, after abbreviations that do not end sentences
(`e.g.`, `Mr.`, `approx.`) or initials (`U.S.`, `p.m.`), words with a
capital inside (`iPhone`, `eBay`), numbered list items, and lines that look
like code.

## Why it matters
A sentence that starts in lower case reads as a typo, or as a missing
sentence boundary.

## Example
```text
Kyiv and Washington. the question remains   ->   Kyiv and Washington. The question remains
```

## Fix safety
Safe after a period that follows an ordinary word or number. Unsafe at a
line start and after `etc.`, `Inc.` and other abbreviations that may or
may not end a sentence.
"#,
    default_enabled: true,
    fix_safety: FixSafety::Sometimes,
};

enum Start {
    /// After `.` that ends a sentence.
    Period(Applicability),
    /// At a line or text start.
    Line,
    /// Not a sentence start, or unsure.
    No,
}

fn punct_is(doc: &Document<'_>, t: Option<&Token>, s: &str) -> bool {
    t.is_some_and(|t| t.kind == TokenKind::Punct && doc.slice(t.span) == s)
}

/// Classifies the position before the word at `index`.
fn sentence_start(doc: &Document<'_>, index: usize) -> Start {
    let tokens = doc.tokens();
    let mut i = index;
    let mut saw_space = false;
    let mut saw_quote = false;
    while i > 0 {
        i -= 1;
        let t = tokens[i];
        match t.kind {
            TokenKind::Space => saw_space = true,
            TokenKind::OpenQuote | TokenKind::AmbiguousQuote if !saw_space && !saw_quote => {
                saw_quote = true;
            }
            TokenKind::Newline => return line_start(doc, i),
            TokenKind::Punct if doc.slice(t.span) == "." => {
                if !saw_space {
                    return Start::No;
                }
                // Ellipsis `...` or a chain such as `U.S.` or `p.m.`.
                if punct_is(doc, tokens.get(i.wrapping_sub(1)), ".") {
                    return Start::No;
                }
                let Some(prev) = i.checked_sub(1).map(|j| tokens[j]) else {
                    return Start::No;
                };
                return match prev.kind {
                    TokenKind::Word => {
                        // The ASCII tail of the word: `‚ÄúMr.` (a quote still in
                        // mojibake) is the abbreviation `Mr.`.
                        let w = ascii_tail(doc.slice(prev.span));
                        let dotted = punct_is(doc, tokens.get(i.wrapping_sub(2)), ".");
                        if w.chars().count() < 2 || dotted || is_non_final_abbreviation(w) {
                            Start::No
                        } else if is_ambiguous_abbreviation(w) {
                            Start::Period(Applicability::DisplayOnly)
                        } else {
                            Start::Period(Applicability::Safe)
                        }
                    }
                    TokenKind::Number => {
                        // `1. item`: a numbered list.
                        let line_start = i < 2
                            || matches!(tokens[i - 2].kind, TokenKind::Newline)
                            || (tokens[i - 2].kind == TokenKind::Space
                                && (i < 3 || tokens[i - 3].kind == TokenKind::Newline));
                        if line_start {
                            Start::No
                        } else {
                            Start::Period(Applicability::Safe)
                        }
                    }
                    TokenKind::CloseQuote | TokenKind::Punct
                        if matches!(doc.slice(prev.span), "”" | "’" | ")") =>
                    {
                        Start::Period(Applicability::Unsafe)
                    }
                    _ => Start::No,
                };
            }
            _ => return Start::No,
        }
    }
    Start::Line
}

/// A word at the start of a line (after the Newline token at `nl`) starts a
/// sentence when the text before ends one, is a blank line, or is a heading.
fn line_start(doc: &Document<'_>, nl: usize) -> Start {
    let tokens = doc.tokens();
    let mut i = nl;
    let mut newlines = 1;
    while i > 0 {
        i -= 1;
        match tokens[i].kind {
            TokenKind::Newline => newlines += 1,
            TokenKind::Space => {}
            _ => break,
        }
    }
    if newlines >= 2 || (i == 0 && matches!(tokens[0].kind, TokenKind::Newline | TokenKind::Space))
    {
        return Start::Line;
    }
    let last = doc.slice(tokens[i].span);
    if matches!(last, "." | "!" | "?" | "”" | ":") {
        if last == "." && punct_is(doc, tokens.get(i.wrapping_sub(1)), ".") {
            return Start::No;
        }
        return Start::Line;
    }
    // A heading: a short line without final punctuation, words capitalised.
    let line_begin = (0..i)
        .rev()
        .find(|&j| tokens[j].kind == TokenKind::Newline)
        .map_or(0, |j| j + 1);
    let words: Vec<&str> = tokens[line_begin..=i]
        .iter()
        .filter(|t| t.kind == TokenKind::Word)
        .map(|t| doc.slice(t.span))
        .collect();
    let capitalised = words
        .iter()
        .filter(|w| w.starts_with(|c: char| c.is_uppercase()))
        .count();
    if !words.is_empty() && words.len() <= 12 && capitalised * 2 > words.len() {
        return Start::Line;
    }
    Start::No
}

/// Whether a line of prose ends by leading into what follows (`he said,—`,
/// `he said,`): at least six words, ending in a comma or a dash. A colon
/// ends labels too (`see the notes below:`).
fn leads_into_quotation(line: &str) -> bool {
    let end = line
        .trim_end()
        .trim_end_matches(['”', '’', '"', '\'', '—', '–']);
    let words = line.split_whitespace().count();
    let last = line.trim_end().chars().next_back();
    let dashed = matches!(last, Some('—' | '–'))
        || line
            .trim_end()
            .trim_end_matches(['”', '’', '"', '\''])
            .ends_with(['—', '–']);
    words >= 6 && (dashed || end.trim_end().ends_with(','))
}

/// The word's trailing run of ASCII letters, or the word if it ends in a
/// non-ASCII letter.
fn ascii_tail(word: &str) -> &str {
    let tail = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let start = tail.len();
    if start == word.len() || start == 0 {
        word
    } else {
        &word[start..]
    }
}

/// Whether `line` has `.`, `!` or `?` (possibly with a closing quote) then a
/// space and a capitalised word: a finished sentence with more after it.
fn ends_sentence_inside(line: &str) -> bool {
    let bytes = line.as_bytes();
    memchr::memchr3_iter(b'.', b'!', b'?', bytes).any(|at| {
        // `Mr. Darcy`, `U.S. Army`: no sentence end.
        let word: &str = line[..at]
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        if bytes[at] == b'.' && (word.chars().count() < 2 || is_non_final_abbreviation(word)) {
            return false;
        }
        let after = line[at + 1..].trim_start_matches(['”', '’', '"', '\'']);
        after
            .strip_prefix(' ')
            .map(|a| a.trim_start_matches(['“', '‘', '"', '\'']))
            .is_some_and(|a| a.starts_with(|c: char| c.is_uppercase()))
    })
}

impl Rule for LowercaseSentenceStart {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, doc: &Document<'_>, _ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = doc.text();
        let tokens = doc.tokens();
        // Sentence starts follow the text start, a period or a line break:
        // find those by byte and look at the word after each.
        let mut starts: Vec<usize> = vec![0];
        for at in mark_offsets(text, b".\n") {
            let found = token_starting_at(doc, at).or_else(|| {
                (at > 0 && text.as_bytes()[at - 1] == b'\r')
                    .then(|| token_starting_at(doc, at - 1))
                    .flatten()
            });
            if let Some(i) = found {
                starts.push(i + 1);
            }
        }
        starts.sort_unstable();
        starts.dedup();
        for start in starts {
            let mut index = start;
            let mut quotes = 0;
            while let Some(t) = tokens.get(index) {
                match t.kind {
                    TokenKind::Space => index += 1,
                    TokenKind::OpenQuote | TokenKind::AmbiguousQuote if quotes == 0 => {
                        quotes += 1;
                        index += 1;
                    }
                    _ => break,
                }
            }
            let Some(&token) = tokens.get(index) else {
                continue;
            };
            if token.kind != TokenKind::Word {
                continue;
            }
            let word = doc.slice(token.span);
            let Some(first) = word.chars().next() else {
                continue;
            };
            if !first.is_ascii_lowercase() || word.chars().any(char::is_uppercase) {
                continue;
            }
            let applicability = match sentence_start(doc, index) {
                Start::Period(a) => a,
                Start::Line => {
                    // Code-like lines keep their case.
                    let line_end = text[token.span.end..]
                        .find('\n')
                        .map_or(text.len(), |e| token.span.end + e);
                    let rest = &text[token.span.end..line_end];
                    // A bracket glued to a word is a call (`f(x)`); one
                    // after a space or a dash is prose (`—(shaking his head)`).
                    let call = rest.match_indices('(').any(|(at, _)| {
                        at == 0
                            || rest[..at]
                                .chars()
                                .next_back()
                                .is_some_and(char::is_alphanumeric)
                    });
                    if call
                        || rest.contains(['=', '{', '}', '<', '>', '$', '#', '_'])
                        || rest.trim().is_empty()
                    {
                        continue;
                    }
                    // A fragment (a label, a title, a list entry) has no final
                    // sentence punctuation; only a finished sentence is judged:
                    // the line ends one, or its first sentence ends inside it
                    // (a paragraph that ends `he said:` before a quotation).
                    let finished = rest
                        .trim_end()
                        .trim_end_matches(['”', '’', '"', '\'', ')', ']'])
                        .ends_with(['.', '!', '?'])
                        || ends_sentence_inside(rest)
                        || leads_into_quotation(rest);
                    if !finished {
                        continue;
                    }
                    Applicability::Unsafe
                }
                Start::No => continue,
            };
            let mut fixed = String::with_capacity(word.len());
            fixed.push(first.to_ascii_uppercase());
            fixed.push_str(&word[1..]);
            out.push(
                Finding::new(
                    &META,
                    token.span,
                    format!("Sentence starts with lower-case `{word}`"),
                )
                .suggest(
                    Suggestion::replace(token.span, &fixed, applicability)
                        .because("a sentence starts with a capital"),
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{assert_fires, assert_fixes_to, assert_silent};

    #[test]
    fn capitalises_sentence_starts() {
        assert_fixes_to(
            "Q011",
            "Kyiv and Washington. the question remains. “upon my word, he said",
            "Kyiv and Washington. The question remains. “Upon my word, he said",
        );
        assert_fixes_to(
            "Q011",
            "Potential Role Ahead\ntrump’s role is big.",
            "Potential Role Ahead\nTrump’s role is big.",
        );
        assert_fires("Q011", "In 1886. the islands", &["the"]);
        // A paragraph that ends by introducing a quotation, and prose brackets.
        assert_fixes_to(
            "Q011",
            "she waited for a reply. None came, and at last she said:",
            "She waited for a reply. None came, and at last she said:",
        );
        assert_fixes_to(
            "Q011",
            "“ah!—(shaking his head)—the roads are bad.”",
            "“Ah!—(shaking his head)—the roads are bad.”",
        );
    }

    #[test]
    fn leaves_unfinished_lines_and_calls() {
        assert_silent("Q011", "see the notes for Mr. Smith and:");
        assert_silent("Q011", "print(x) prints the value.");
        assert_silent("Q011", "see also");
        // A quotation that ends the line ends no sentence by itself.
        assert_silent("Q011", "tiene demora y está “próximo a resolverse”");
        // A quote still in mojibake before a title.
        assert_silent(
            "Q011",
            "he said, \u{201A}\u{c4}\u{fa}Mr. and Miss Crawford came",
        );
        assert_fixes_to(
            "Q011",
            "“you appear to feel a great deal for them, than”—",
            "“You appear to feel a great deal for them, than”—",
        );
    }

    #[test]
    fn leaves_abbreviations_exclamations_and_lists() {
        assert_silent(
            "Q011",
            "It is, e.g. the best. Mr. smith came at 3 p.m. on Monday. “Oh! my dear” and... well. See iPhone.",
        );
        assert_silent("Q011", "Items:\n1. apples\n2. pears");
        assert_silent("Q011", "a radius of 10 km\n\n“mismatched quotes…”");
        assert_silent(
            "Q011",
            "A long line of wrapped prose that does not end\nhere but goes on",
        );
    }
}
