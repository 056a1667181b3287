//! Thesaurus neighbours (Moby + WordNet), single words only, made symmetric.
//!
//! A spinner replaces a word `X` by one of its thesaurus neighbours `Y`. To
//! find `X` from a spun `Y` we need every `X` whose neighbour list contains
//! `Y` (the reverse index) as well as `Y`'s own list: the file's lists are cut
//! at 40 entries, so the relation is not symmetric on disk. A link alone is
//! weak evidence (Moby links ≈ 2.6 % of unrelated pairs); rules must combine it
//! with collocation counts.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use crate::dict::data_lines;

const SOURCE: &str = include_str!("../../dictionaries/synonyms.tsv");

/// Most neighbours kept per word (the most frequent ones).
pub const MAX_NEIGHBOURS: usize = 48;

/// Single-word neighbours of single words, both directions.
#[derive(Debug, Default)]
pub struct Synonyms {
    map: FxHashMap<&'static str, Vec<&'static str>>,
}

impl Synonyms {
    /// Parses `word<TAB>syn1,syn2,...` lines; phrases are left out.
    #[must_use]
    pub fn parse(src: &'static str) -> Self {
        let mut map: FxHashMap<&'static str, Vec<&'static str>> = FxHashMap::default();
        map.reserve(60_000);
        for (_, line) in data_lines(src) {
            let Some((head, list)) = line.split_once('\t') else {
                continue;
            };
            if head.contains(' ') {
                continue;
            }
            for syn in list.split(',') {
                if syn.is_empty() || syn.contains(' ') || syn == head {
                    continue;
                }
                map.entry(head).or_default().push(syn);
                map.entry(syn).or_default().push(head);
            }
        }
        // Keep the most frequent neighbours: spinners swap common words, and
        // common words are listed by hundreds of rarer ones (the reverse
        // index of `good` is huge), which would make every lookup slow.
        let lex = crate::dict::words();
        for list in map.values_mut() {
            list.sort_unstable();
            list.dedup();
            if list.len() > MAX_NEIGHBOURS {
                list.sort_by_cached_key(|w| std::cmp::Reverse(lex.zipf100(w).unwrap_or(0)));
                list.truncate(MAX_NEIGHBOURS);
                list.sort_unstable();
            }
            list.shrink_to_fit();
        }
        Self { map }
    }

    /// The neighbours of a folded word (sorted, unique), empty when unknown.
    #[must_use]
    pub fn neighbours(&self, folded: &str) -> &[&'static str] {
        self.map.get(folded).map_or(&[], Vec::as_slice)
    }

    /// Whether `a` and `b` are neighbours.
    #[must_use]
    pub fn are_neighbours(&self, a: &str, b: &str) -> bool {
        self.neighbours(a).binary_search(&b).is_ok()
    }

    /// Number of words with neighbours.
    #[must_use]
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether the table is empty.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

/// The embedded thesaurus, parsed on first use.
pub fn synonyms() -> &'static Synonyms {
    static SYNONYMS: OnceLock<Synonyms> = OnceLock::new();
    SYNONYMS.get_or_init(|| Synonyms::parse(SOURCE))
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
        assert!(s.neighbours("zzzz").is_empty());
    }
}
