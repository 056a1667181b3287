//! Word-bigram counts (`w1 w2` → count), lowercase, from web text.
//!
//! Only frequent pairs are listed, so a missing pair is weak evidence: use
//! the counts contrastively (is `oval office` common where `oval workplace`
//! is absent?), never as proof that a pair is wrong. Compiled by `build.rs`
//! into an embedded table of counts keyed by the hash of `w1 w2` (see
//! [`HashCounts`]): one cache line per lookup, on the hot path of the word
//! ranker and the spin analysis.

use crate::dict::table::{HashCounts, Table};

static BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/bigrams.bin"));
static PARTNERS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/partners.bin"));

/// Count from which a pair is listed by [`Bigrams::right_partners`] and
/// [`Bigrams::left_partners`] (`PARTNER_MIN_COUNT` in `build.rs`).
pub const PARTNER_MIN_COUNT: u64 = 200_000;

/// Bigram counts keyed by `w1 w2` (lowercase, one space).
#[derive(Clone, Copy, Debug)]
pub struct Bigrams {
    table: HashCounts,
    partners: Table,
}

impl Bigrams {
    /// The count of the pair (`w1`, `w2`), both folded; 0 when not listed.
    #[must_use]
    pub fn count(&self, w1: &str, w2: &str) -> u64 {
        u64::from(
            self.table
                .count_joined(&[w1.as_bytes(), b" ", w2.as_bytes()]),
        )
    }

    /// The packed list (see `table::packed_strs`) of every `b` with a pair
    /// `a b` counted at least [`PARTNER_MIN_COUNT`], in byte order.
    #[must_use]
    pub fn right_partners(&self, a: &str) -> &'static [u8] {
        self.partners_of(b'>', a)
    }

    /// The packed list of every `a` with a pair `a b` counted at least
    /// [`PARTNER_MIN_COUNT`], in byte order.
    #[must_use]
    pub fn left_partners(&self, b: &str) -> &'static [u8] {
        self.partners_of(b'<', b)
    }

    fn partners_of(&self, prefix: u8, word: &str) -> &'static [u8] {
        self.partners
            .get_joined(&[&[prefix], word.as_bytes()])
            .map_or(&[], |r| r.value)
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
        table: HashCounts::new(BYTES),
        partners: Table::new(PARTNERS),
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
        let right = crate::dict::table::packed_strs(b.right_partners("peace"));
        assert!(right.clone().any(|w| w == "process"));
        let left = crate::dict::table::packed_strs(b.left_partners("process"));
        assert!(left.clone().any(|w| w == "peace"));
    }

    #[test]
    fn counts_equal_the_summed_source_counts() {
        // The table stores no keys: every listed pair must read back its
        // exact summed count, and pairs that are not listed must read 0.
        let src = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/dictionaries/bigrams.tsv"
        ))
        .expect("bigrams.tsv is in the repository");
        let mut sums: std::collections::HashMap<String, u64> = std::collections::HashMap::new();
        for line in src.lines().filter(|l| !l.starts_with('#')) {
            if let Some((pair, n)) = line.split_once('\t') {
                *sums.entry(crate::text::case::fold_key(pair)).or_default() +=
                    n.parse::<u64>().unwrap_or(0);
            }
        }
        let b = bigrams();
        assert_eq!(b.len(), sums.len());
        let mut unlisted = 0;
        for (pair, &n) in sums.iter().step_by(13) {
            let (w1, w2) = pair.split_once(' ').expect("a pair");
            assert_eq!(b.count(w1, w2), n, "{pair}");
            let reversed = format!("{w2} {w1}");
            if !sums.contains_key(&reversed) {
                assert_eq!(b.count(w2, w1), 0, "{reversed}");
                unlisted += 1;
            }
        }
        assert!(unlisted > 1000);
    }
}
