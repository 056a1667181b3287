//! Known misspellings: folded typo → its corrections, most likely first.
//!
//! Compiled by `build.rs` from `dictionaries/misspellings.tsv` into an
//! embedded hash table; a record's value is the corrections as
//! length-prefixed strings.

use crate::dict::table::{packed_strs, Table, WordKey};

static BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/misspellings.bin"));

/// A map from a folded misspelling to its corrections.
#[derive(Clone, Copy, Debug)]
pub struct Misspellings {
    table: Table,
}

/// The corrections of one misspelling, most likely first.
#[derive(Clone, Copy, Debug)]
pub struct Corrections {
    value: &'static [u8],
}

impl Corrections {
    /// The corrections in order.
    pub fn iter(&self) -> impl Iterator<Item = &'static str> {
        packed_strs(self.value)
    }

    /// The most likely correction.
    #[must_use]
    pub fn first(&self) -> &'static str {
        self.iter()
            .next()
            .expect("a listed misspelling has a correction")
    }

    /// Number of corrections (at least one).
    #[must_use]
    pub fn len(&self) -> usize {
        self.iter().count()
    }

    /// Always false: a listed misspelling has a correction.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.value.is_empty()
    }
}

impl Misspellings {
    /// The corrections of a folded key (lowercase, `'` apostrophes).
    #[must_use]
    #[inline]
    pub fn get(&self, folded: &str) -> Option<Corrections> {
        self.table
            .get(folded)
            .map(|r| Corrections { value: r.value })
    }

    /// The corrections of a word's key.
    #[must_use]
    #[inline]
    pub fn get_key(&self, key: &WordKey<'_>) -> Option<Corrections> {
        self.table
            .value_of_key(key)
            .map(|value| Corrections { value })
    }

    /// Number of entries.
    #[must_use]
    pub fn len(&self) -> usize {
        self.table.len()
    }

    /// Whether there is no entry.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.table.is_empty()
    }
}

/// The embedded misspelling list.
pub fn misspellings() -> &'static Misspellings {
    static LIST: std::sync::OnceLock<Misspellings> = std::sync::OnceLock::new();
    LIST.get_or_init(|| Misspellings {
        table: Table::new(BYTES),
    })
}

/// Whether a folded misspelling key is a variant spelling some English
/// variety or period accepts (`surprize`, `connexion`, `quitted`,
/// `combatting`; `dictionaries/variant_spellings.txt`): not certainly
/// wrong, so its correction is shown, never applied.
#[must_use]
pub fn is_variant_spelling(folded: &str) -> bool {
    static SET: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::OnceLock::new();
    SET.get_or_init(|| {
        crate::dict::data_lines(include_str!("../../dictionaries/variant_spellings.txt"))
            .map(|(_, l)| l)
            .collect()
    })
    .contains(folded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_list_has_the_classics() {
        let m = misspellings();
        assert_eq!(m.get("teh").map(|c| c.first()), Some("the"));
        assert_eq!(m.get("wiht").map(|c| c.first()), Some("with"));
        assert!(m.get("fiel").is_some_and(|c| c.len() > 1));
        assert!(m.get("the").is_none());
    }

    #[test]
    fn variant_spellings_are_misspelling_keys() {
        for key in ["surprize", "connexion", "quitted", "combatting"] {
            assert!(is_variant_spelling(key), "{key}");
            assert!(misspellings().get(key).is_some(), "{key}");
        }
        assert!(!is_variant_spelling("teh"));
    }
}
