//! Inline ignores: comments in the checked text that silence findings.
//!
//! - `copyedit: ignore` silences every finding on its line;
//!   `copyedit: ignore T001, Q` only those rules (codes, prefixes or names).
//! - `copyedit: ignore-next-line [RULES]` does the same for the next line,
//!   for a comment on a line of its own.
//! - `copyedit: off [RULES]` … `copyedit: on` silences a block of lines
//!   (both directive lines included); an `off` with no `on` runs to the end.
//!
//! In Markdown and HTML write them as comments (`<!-- copyedit: ignore -->`),
//! which are markup and so are never flagged themselves. Directives are
//! matched on lines after the rules ran: [`Suppressions::retain`] drops the
//! silenced findings, and the engine applies it to every check, so `fix`,
//! `diff` and `review` honour inline ignores as `check` does.

use memchr::memmem;

use crate::diagnostic::Finding;
use crate::rules;
use crate::text::Document;

const MARKER: &str = "copyedit:";

/// Which rules a directive silences.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Scope {
    /// Every rule.
    All,
    /// Rules matching these selectors.
    Rules(Vec<String>),
}

impl Scope {
    fn covers(&self, finding: &Finding) -> bool {
        match self {
            Scope::All => true,
            Scope::Rules(sels) => sels
                .iter()
                .any(|s| rules::selector_matches(s, finding.rule)),
        }
    }
}

/// The inline ignores of one document, by 0-based line.
#[derive(Debug, Default)]
pub struct Suppressions {
    /// `(first line, last line inclusive, scope)`.
    ranges: Vec<(usize, usize, Scope)>,
}

impl Suppressions {
    /// Finds the directives in `doc`. Cheap when there are none (one
    /// substring search).
    #[must_use]
    pub fn scan(doc: &Document<'_>) -> Self {
        let text = doc.text();
        let mut out = Self::default();
        let mut open: Vec<(usize, Scope)> = Vec::new();
        for at in memmem::find_iter(text.as_bytes(), MARKER) {
            let line = doc.lines().line_of(at);
            let rest = &text[at + MARKER.len()..];
            let rest = &rest[..rest.find(['\n', '\r']).unwrap_or(rest.len())];
            let rest = rest.split("-->").next().unwrap_or(rest);
            let mut words = rest.split(|c: char| c.is_whitespace() || c == ',');
            let mut words = words.by_ref().filter(|w| !w.is_empty());
            let Some(verb) = words.next() else { continue };
            let sels: Vec<String> = words
                .take_while(|w| looks_like_selector(w))
                .map(str::to_string)
                .collect();
            let scope = if sels.is_empty() {
                Scope::All
            } else {
                Scope::Rules(sels)
            };
            match verb {
                "ignore" => out.ranges.push((line, line, scope)),
                "ignore-next-line" => out.ranges.push((line + 1, line + 1, scope)),
                "off" => open.push((line, scope)),
                "on" => {
                    for (start, scope) in open.drain(..) {
                        out.ranges.push((start, line, scope));
                    }
                }
                _ => {}
            }
        }
        for (start, scope) in open {
            out.ranges.push((start, usize::MAX, scope));
        }
        out
    }

    /// Whether there is no directive.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }

    /// Whether `finding` (in `doc`) is silenced.
    #[must_use]
    pub fn silences(&self, doc: &Document<'_>, finding: &Finding) -> bool {
        let line = doc.lines().line_of(finding.span.start);
        self.ranges
            .iter()
            .any(|(a, b, scope)| *a <= line && line <= *b && scope.covers(finding))
    }

    /// Drops the silenced findings.
    pub fn retain(&self, doc: &Document<'_>, findings: &mut Vec<Finding>) {
        if !self.is_empty() {
            findings.retain(|f| !self.silences(doc, f));
        }
    }
}

/// A known selector, or a word shaped like a code (`S`, `Q0`, `U003`), so
/// that naming a rule another build has does not widen the ignore to all.
fn looks_like_selector(word: &str) -> bool {
    let mut chars = word.chars();
    rules::is_known_selector(word)
        || (chars.next().is_some_and(|c| c.is_ascii_uppercase())
            && word.len() <= 4
            && chars.all(|c| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use crate::config::Settings;
    use crate::engine::Engine;
    use crate::text::{Document, Format};

    fn flagged(text: &str, format: Format) -> Vec<String> {
        let engine = Engine::new(Settings {
            select: vec!["T001".into()],
            ..Settings::default()
        })
        .unwrap();
        let doc = Document::new(text, format);
        engine
            .check(&doc)
            .iter()
            .map(|f| doc.slice(f.span).to_string())
            .collect()
    }

    #[test]
    fn ignore_on_the_line() {
        let text = "teh one <!-- copyedit: ignore -->\nteh two\n";
        assert_eq!(flagged(text, Format::Markdown), ["teh"]);
        let text = "teh one copyedit: ignore T001\nteh two\n";
        assert_eq!(flagged(text, Format::Plain), ["teh"]);
        // Another rule named: T001 still fires.
        let text = "teh one <!-- copyedit: ignore S -->\n";
        assert_eq!(flagged(text, Format::Markdown), ["teh"]);
        let text = "teh one <!-- copyedit: ignore known-misspelling, S -->\n";
        assert!(flagged(text, Format::Markdown).is_empty());
    }

    #[test]
    fn ignore_next_line() {
        let text = "<!-- copyedit: ignore-next-line -->\nteh one\nteh two\n";
        assert_eq!(flagged(text, Format::Markdown), ["teh"]);
    }

    #[test]
    fn off_on_blocks() {
        let text = "teh\n<!-- copyedit: off -->\nteh\nwiht\n<!-- copyedit: on -->\nwiht\n";
        assert_eq!(flagged(text, Format::Markdown), ["teh", "wiht"]);
        let text = "teh\n<!-- copyedit: off T001 -->\nteh wiht\n";
        assert_eq!(flagged(text, Format::Markdown), ["teh"]);
    }

    #[test]
    fn fix_honours_ignores() {
        let engine = Engine::new(Settings {
            select: vec!["T001".into()],
            ..Settings::default()
        })
        .unwrap();
        let text = "teh one <!-- copyedit: ignore -->\nteh two\n";
        let out = engine.fix(text, Format::Markdown).unwrap();
        assert_eq!(out.text, "teh one <!-- copyedit: ignore -->\nthe two\n");
    }
}
