//! Thesaurus neighbours (Moby + WordNet), single words only, made symmetric.
//!
//! A spinner replaces a word `X` by one of its thesaurus neighbours `Y`. To
//! find `X` from a spun `Y` we need every `X` whose neighbour list contains
//! `Y` (the reverse index) as well as `Y`'s own list: the file's lists are cut
//! at 40 entries, so the relation is not symmetric on disk. A link alone is
//! weak evidence (Moby links ≈ 2.6 % of unrelated pairs); rules must combine it
//! with collocation counts.
//!
//! `build.rs` makes the relation symmetric, keeps each word's
//! [`MAX_NEIGHBOURS`] most frequent neighbours and compiles the result into
//! an embedded table (`synonyms.bin`), so nothing is parsed at run time.

use crate::dict::table::{packed_bytes, packed_strs, Table};

static BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/synonyms.bin"));

/// Most neighbours kept per word (the most frequent ones): spinners swap
/// common words, and common words are listed by hundreds of rarer ones (the
/// reverse index of `good` is huge), which would make every lookup slow.
pub const MAX_NEIGHBOURS: usize = 48;

/// Single-word neighbours of single words, both directions.
#[derive(Clone, Copy, Debug)]
pub struct Synonyms {
    table: Table,
}

impl Synonyms {
    /// The neighbours of a folded word, in byte order; none when unknown.
    pub fn neighbours(&self, folded: &str) -> impl Iterator<Item = &'static str> {
        packed_strs(self.packed_neighbours(folded))
    }

    /// The neighbours of a folded word as a packed list in byte order (see
    /// `table::packed_strs`), for merging with other sorted lists.
    #[must_use]
    pub fn packed_neighbours(&self, folded: &str) -> &'static [u8] {
        self.table.value(folded).unwrap_or(&[])
    }

    /// Whether `a` and `b` are neighbours.
    #[must_use]
    pub fn are_neighbours(&self, a: &str, b: &str) -> bool {
        packed_bytes(self.packed_neighbours(a)).any(|x| x == b.as_bytes())
    }

    /// Number of words with neighbours.
    #[must_use]
    pub fn len(&self) -> usize {
        self.table.len()
    }

    /// Whether the table is empty.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.table.is_empty()
    }
}

/// The embedded thesaurus.
pub fn synonyms() -> &'static Synonyms {
    static SYNONYMS: std::sync::OnceLock<Synonyms> = std::sync::OnceLock::new();
    SYNONYMS.get_or_init(|| Synonyms {
        table: Table::new(BYTES),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neighbours_are_symmetric() {
        let s = synonyms();
        assert!(s.are_neighbours("navy", "military"));
        assert!(s.are_neighbours("military", "navy"));
        assert!(s.are_neighbours("workplace", "office"));
        assert!(s.neighbours("zzzz").next().is_none());
        assert!(s.neighbours("good").count() <= MAX_NEIGHBOURS);
    }
}
