//! WordNet multi-word expressions (`oval office`, `think tank`), lowercase.
//!
//! A set of fixed phrases: a word pair that is one synonym away from an
//! expression listed here is a candidate spinner substitution
//! (`Oval Workplace` vs `oval office`). Membership alone proves nothing
//! (WordNet lists many rare phrases), so rules combine it with bigram counts.
//! Compiled by `build.rs` into an embedded table (`mwe.bin`), together with
//! the strong two-word collocations indexed by either word (`strong.bin`).

use crate::dict::table::{packed_strs, Table};

static BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/mwe.bin"));
static STRONG: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/strong.bin"));

/// The set of multi-word expressions, keyed by their lowercase text with
/// single spaces, and the strong two-word ones by either word.
#[derive(Clone, Copy, Debug)]
pub struct Mwes {
    table: Table,
    strong: Table,
}

impl Mwes {
    /// Whether `phrase` (lowercase, single spaces) is a listed expression.
    #[must_use]
    pub fn contains(&self, phrase: &str) -> bool {
        self.table.contains(phrase)
    }

    /// Whether the two folded words `w1 w2` form a listed expression.
    #[must_use]
    pub fn contains_pair(&self, w1: &str, w2: &str) -> bool {
        self.table
            .get_joined(&[w1.as_bytes(), b" ", w2.as_bytes()])
            .is_some()
    }

    /// Every `b` such that `a b` is an expression that is also a frequent
    /// web bigram (at least a million), in byte order.
    pub fn strong_right_of(&self, a: &str) -> impl Iterator<Item = &'static str> {
        packed_strs(prefixed(&self.strong, b'>', a).unwrap_or(&[]))
    }

    /// Every `a` such that `a b` is a strong expression, in byte order.
    pub fn strong_left_of(&self, b: &str) -> impl Iterator<Item = &'static str> {
        packed_strs(prefixed(&self.strong, b'<', b).unwrap_or(&[]))
    }

    /// [`Mwes::strong_right_of`] as a packed list (see `table::packed_strs`).
    #[must_use]
    pub fn packed_strong_right_of(&self, a: &str) -> &'static [u8] {
        prefixed(&self.strong, b'>', a).unwrap_or(&[])
    }

    /// [`Mwes::strong_left_of`] as a packed list.
    #[must_use]
    pub fn packed_strong_left_of(&self, b: &str) -> &'static [u8] {
        prefixed(&self.strong, b'<', b).unwrap_or(&[])
    }

    /// Every `b` of a two-word expression `a b`, as a packed list in byte
    /// order (see `table::packed_strs`).
    #[must_use]
    pub fn packed_pair_right_of(&self, a: &str) -> &'static [u8] {
        prefixed(&self.strong, b'}', a).unwrap_or(&[])
    }

    /// Every `a` of a two-word expression `a b`, as a packed list.
    #[must_use]
    pub fn packed_pair_left_of(&self, b: &str) -> &'static [u8] {
        prefixed(&self.strong, b'{', b).unwrap_or(&[])
    }

    /// Every expression, in table order.
    pub fn iter(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.table.iter().map(|r| r.key)
    }

    /// Number of expressions.
    #[must_use]
    pub fn len(&self) -> usize {
        self.table.len()
    }

    /// Whether the set is empty.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.table.is_empty()
    }
}

/// The value of key `prefix` + `word` in `table`, without allocating.
fn prefixed(table: &Table, prefix: u8, word: &str) -> Option<&'static [u8]> {
    table
        .get_joined(&[&[prefix], word.as_bytes()])
        .map(|r| r.value)
}

/// The embedded expressions.
pub fn mwes() -> &'static Mwes {
    static MWES: std::sync::OnceLock<Mwes> = std::sync::OnceLock::new();
    MWES.get_or_init(|| Mwes {
        table: Table::new(BYTES),
        strong: Table::new(STRONG),
    })
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
        assert!(m.strong_right_of("real").any(|b| b == "estate"));
        assert!(m.strong_left_of("school").any(|a| a == "high"));
        let any = crate::dict::table::packed_strs(m.packed_pair_right_of("oval"));
        assert!(any.clone().any(|b| b == "office"));
        let any = crate::dict::table::packed_strs(m.packed_pair_left_of("office"));
        assert!(any.clone().any(|a| a == "oval"));
        assert!(
            !m.strong_right_of("white").any(|b| b == "house"),
            "a bigram under a million"
        );
    }
}
