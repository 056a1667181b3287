//! Word-bigram counts (`w1 w2` → count), lowercase, from web text.
//!
//! Only frequent pairs are listed, so a missing pair is weak evidence: use
//! the counts contrastively (is `oval office` common where `oval workplace`
//! is absent?), never as proof that a pair is wrong. Compiled by `build.rs`
//! into an embedded hash table keyed by `w1 w2` with a `u64` count.

use crate::dict::table::{read_u64, Table};

static BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/bigrams.bin"));

/// Bigram counts keyed by `w1 w2` (lowercase, one space).
#[derive(Clone, Copy, Debug)]
pub struct Bigrams {
    table: Table,
}

impl Bigrams {
    /// The count of the pair (`w1`, `w2`), both folded; 0 when not listed.
    #[must_use]
    pub fn count(&self, w1: &str, w2: &str) -> u64 {
        let mut key = [0u8; 96];
        let len = w1.len() + 1 + w2.len();
        if len > key.len() {
            return 0; // no listed pair is that long
        }
        key[..w1.len()].copy_from_slice(w1.as_bytes());
        key[w1.len()] = b' ';
        key[w1.len() + 1..len].copy_from_slice(w2.as_bytes());
        let key = std::str::from_utf8(&key[..len]).expect("joined UTF-8 stays UTF-8");
        self.table.get(key).map_or(0, |r| read_u64(r.value, 0))
    }

    /// Number of pairs.
    #[must_use]
    pub fn len(&self) -> usize {
        self.table.len()
    }

    /// Whether there is no pair.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.table.is_empty()
    }
}

/// The embedded bigram counts.
pub fn bigrams() -> &'static Bigrams {
    static BIGRAMS: std::sync::OnceLock<Bigrams> = std::sync::OnceLock::new();
    BIGRAMS.get_or_init(|| Bigrams {
        table: Table::new(BYTES),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_pairs_are_counted() {
        let b = bigrams();
        assert!(b.count("white", "house") > 0);
        assert!(b.count("peace", "process") > 0);
        assert_eq!(b.count("oval", "workplace"), 0);
        assert!(b.len() > 200_000);
    }
}
