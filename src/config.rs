//! Settings: which rules run, how far fixes go, dialect and quote style.

use crate::diagnostic::Applicability;
use crate::error::{Error, Result};
use crate::rules::{self, Rule, REGISTRY};

/// English spelling variety to enforce.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Dialect {
    /// Accept American and British spellings alike.
    #[default]
    Any,
    /// American spelling (`color`, `organize`).
    EnUs,
    /// British spelling (`colour`, `organise`).
    EnGb,
}

/// Which quote characters a document should use.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum QuoteStyle {
    /// The document's majority style.
    #[default]
    Auto,
    /// Typographic quotes: “ ” ‘ ’.
    Curly,
    /// Typewriter quotes: " '.
    Straight,
    /// Leave the mix alone.
    Keep,
}

/// Dash to use where a hyphen stands for a dash and the document has no style yet.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DashStyle {
    /// Spaced en dash: `a – b`.
    #[default]
    SpacedEnDash,
    /// Closed em dash: `a—b`.
    EmDash,
}

/// What a byte order mark (U+FEFF) at the very start of a text is, which
/// depends on where the text came from (issue 4).
///
/// In a file, a leading BOM is the file's encoding signature: it belongs to
/// the file, not to the prose, and rewriting a file must not drop it (some
/// Windows programs rely on it to read the file as UTF-8). A string handed
/// over in memory, standard input and a JSON string field carry no signature
/// of their own: there a leading U+FEFF is a stray character, usually left
/// by joining files or reading one without decoding its signature.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum LeadingBom {
    /// A file's signature: left alone (files, and the library's default).
    #[default]
    Signature,
    /// Standard input: a stray character, reported; removing it is an
    /// unsafe fix, because the stream may be a redirected file whose reader
    /// wants the signature kept (`copyedit fix - <a.csv >b.csv`).
    Stream,
    /// A string field of a JSON record: a JSON string never carries an
    /// encoding signature (RFC 8259 forbids one even for the whole text),
    /// so removing it is a safe fix.
    Field,
}

/// Effective settings for a run.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Rule selectors that enable rules (`T`, `Q001`, a name); empty = defaults.
    pub select: Vec<String>,
    /// Rule selectors that disable rules.
    pub ignore: Vec<String>,
    /// Fixes applied by `fix` are at least this safe.
    pub fix_level: Applicability,
    /// Spelling variety.
    pub dialect: Dialect,
    /// Quote style.
    pub quotes: QuoteStyle,
    /// Dash style when the document shows none.
    pub dash: DashStyle,
    /// Words never flagged (compared case-insensitively).
    pub allow_words: Vec<String>,
    /// What a byte order mark at offset 0 is (set from the input's kind).
    pub leading_bom: LeadingBom,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            select: Vec::new(),
            ignore: Vec::new(),
            fix_level: Applicability::Safe,
            dialect: Dialect::Any,
            quotes: QuoteStyle::Auto,
            dash: DashStyle::SpacedEnDash,
            allow_words: Vec::new(),
            leading_bom: LeadingBom::Signature,
        }
    }
}

impl Settings {
    /// Checks that every selector names at least one rule.
    ///
    /// # Errors
    /// A usage error naming the first unknown selector.
    pub fn validate(&self) -> Result<()> {
        for sel in self.select.iter().chain(&self.ignore) {
            if !rules::is_known_selector(sel) {
                return Err(Error::usage(format!(
                    "unknown rule selector `{sel}` (see `copyedit rules`)"
                )));
            }
        }
        Ok(())
    }

    /// The rules this run uses, in registry order: the selected ones (or the
    /// default-enabled ones when nothing is selected) minus the ignored ones.
    #[must_use]
    pub fn enabled_rules(&self) -> Vec<&'static dyn Rule> {
        REGISTRY
            .iter()
            .copied()
            .filter(|r| {
                let m = r.meta();
                let selected = if self.select.is_empty() {
                    m.default_enabled
                } else {
                    self.select.iter().any(|s| rules::selector_matches(s, m))
                };
                selected && !self.ignore.iter().any(|s| rules::selector_matches(s, m))
            })
            .collect()
    }

    /// Whether `word` is on the allow-list.
    #[must_use]
    pub fn is_allowed_word(&self, word: &str) -> bool {
        self.allow_words
            .iter()
            .any(|w| w.eq_ignore_ascii_case(word))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_selector_is_an_error() {
        let s = Settings {
            select: vec!["Z9".into()],
            ..Settings::default()
        };
        assert!(s.validate().unwrap_err().to_string().contains("`Z9`"));
    }

    #[test]
    fn ignore_wins_over_select() {
        let s = Settings {
            select: vec!["T".into()],
            ignore: vec!["T001".into()],
            ..Settings::default()
        };
        assert!(s.enabled_rules().iter().all(|r| r.meta().code != "T001"));
    }
}
