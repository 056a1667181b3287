//! Word-bigram counts (`w1 w2` → count), lowercase, from web text.
//!
//! Only frequent pairs are listed, so a missing pair is weak evidence: use
//! the counts contrastively (is `oval office` common where `oval workplace`
//! is absent?), never as proof that a pair is wrong.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use crate::dict::data_lines;

const SOURCE: &str = include_str!("../../dictionaries/bigrams.tsv");

/// Bigram counts keyed by `w1 w2` (lowercase, one space).
#[derive(Debug, Default)]
pub struct Bigrams {
    map: FxHashMap<Box<str>, u64>,
}

impl Bigrams {
    /// Parses `w1 w2<TAB>count` lines.
    #[must_use]
    pub fn parse(src: &str) -> Self {
        let mut map = FxHashMap::default();
        for (_, line) in data_lines(src) {
            if let Some((pair, count)) = line.split_once('\t') {
                if let Ok(n) = count.parse::<u64>() {
                    map.insert(Box::from(pair), n);
                }
            }
        }
        Self { map }
    }

    /// The count of the pair (`w1`, `w2`), both folded; 0 when not listed.
    #[must_use]
    pub fn count(&self, w1: &str, w2: &str) -> u64 {
        let mut key = [0u8; 96];
        let len = w1.len() + 1 + w2.len();
        if len <= key.len() {
            key[..w1.len()].copy_from_slice(w1.as_bytes());
            key[w1.len()] = b' ';
            key[w1.len() + 1..len].copy_from_slice(w2.as_bytes());
            let key = std::str::from_utf8(&key[..len]).expect("joined UTF-8 stays UTF-8");
            return self.map.get(key).copied().unwrap_or(0);
        }
        self.map
            .get(format!("{w1} {w2}").as_str())
            .copied()
            .unwrap_or(0)
    }

    /// Number of pairs.
    #[must_use]
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether there is no pair.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

/// The embedded bigram counts, parsed on first use.
pub fn bigrams() -> &'static Bigrams {
    static BIGRAMS: OnceLock<Bigrams> = OnceLock::new();
    BIGRAMS.get_or_init(|| Bigrams::parse(SOURCE))
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
    }
}
