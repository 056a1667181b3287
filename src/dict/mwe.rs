//! WordNet multi-word expressions (`oval office`, `think tank`), lowercase.
//!
//! A set of fixed phrases: a word pair that is one synonym away from an
//! expression listed here is a candidate spinner substitution
//! (`Oval Workplace` vs `oval office`). Membership alone proves nothing
//! (WordNet lists many rare phrases), so rules combine it with bigram counts.

use std::sync::OnceLock;

use rustc_hash::FxHashSet;

use crate::dict::data_lines;

const SOURCE: &str = include_str!("../../dictionaries/mwe.txt");

/// The set of multi-word expressions, keyed by their lowercase text with
/// single spaces.
#[derive(Debug, Default)]
pub struct Mwes {
    set: FxHashSet<&'static str>,
}

impl Mwes {
    /// Parses one expression per line (a `'static` source, so nothing is copied).
    #[must_use]
    pub fn parse(src: &'static str) -> Self {
        let set = data_lines(src).map(|(_, l)| l).collect();
        Self { set }
    }

    /// Whether `phrase` (lowercase, single spaces) is a listed expression.
    #[must_use]
    pub fn contains(&self, phrase: &str) -> bool {
        self.set.contains(phrase)
    }

    /// Whether the two folded words `w1 w2` form a listed expression.
    #[must_use]
    pub fn contains_pair(&self, w1: &str, w2: &str) -> bool {
        let mut key = [0u8; 96];
        let len = w1.len() + 1 + w2.len();
        if len > key.len() {
            return self.set.contains(format!("{w1} {w2}").as_str());
        }
        key[..w1.len()].copy_from_slice(w1.as_bytes());
        key[w1.len()] = b' ';
        key[w1.len() + 1..len].copy_from_slice(w2.as_bytes());
        std::str::from_utf8(&key[..len]).is_ok_and(|k| self.set.contains(k))
    }

    /// Every expression (unordered).
    pub fn iter(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.set.iter().copied()
    }

    /// Number of expressions.
    #[must_use]
    pub fn len(&self) -> usize {
        self.set.len()
    }

    /// Whether the set is empty.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.set.is_empty()
    }
}

/// The embedded expressions, parsed on first use.
pub fn mwes() -> &'static Mwes {
    static MWES: OnceLock<Mwes> = OnceLock::new();
    MWES.get_or_init(|| Mwes::parse(SOURCE))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_fixed_phrases() {
        let m = mwes();
        assert!(m.contains("oval office"));
        assert!(m.contains_pair("think", "tank"));
        assert!(!m.contains_pair("oval", "workplace"));
    }
}
