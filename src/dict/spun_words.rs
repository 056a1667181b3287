//! The spinner's single-word table read backwards: spun word → the common
//! words a spinner replaces with it (`mentioned` → `said`, `invoice` →
//! `bill`), with a weight (see `dictionaries/spun_words.README.md`).
//!
//! Every spun word is also normal English, so the table never flags on its
//! own: S002 consults it only in documents that already look spun, and
//! restores a word only where a candidate fits the bigram context better.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use crate::dict::data_lines;
use crate::dict::keyhash::key_hash;

const SOURCE: &str = include_str!("../../dictionaries/spun_words.tsv");

/// One entry: the candidate originals, most likely first, and the weight.
#[derive(Clone, Debug)]
pub struct SpunWord {
    /// Candidate originals (lowercase), most likely first.
    pub originals: Box<[&'static str]>,
    /// 2: rare outside spinner output; 1: a common word in its own right.
    pub weight: u8,
}

/// The table, keyed by the folded spun word.
#[derive(Debug, Default)]
pub struct SpunWords {
    /// The entries, in file order.
    entries: Vec<(&'static str, SpunWord)>,
    /// Entry index by the hash of the key (the phrasebook's
    /// [`word_hash`](crate::dict::phrases::word_hash)): a document word is
    /// looked up with the hash the word rules already computed.
    by_hash: FxHashMap<u64, usize>,
    /// One bit per (length, first byte, last byte) of a key (see
    /// [`SpunWords::may_contain`]).
    shapes: Vec<u64>,
}

/// The bit of a key's shape: its length (up to 63), first and last byte
/// (folded to 5 bits), or `None` for an empty or longer key.
fn shape_bit(key: &[u8]) -> Option<usize> {
    let (&first, &last) = (key.first()?, key.last()?);
    (key.len() < 64)
        .then(|| (key.len() << 10) | (usize::from(first & 31) << 5) | usize::from(last & 31))
}

/// Parses one data line into (spun word, entry).
///
/// # Errors
/// A reason when the line is malformed.
pub fn parse_line(line: &'static str) -> Result<(&'static str, SpunWord), String> {
    let mut f = line.split('\t');
    let (Some(spun), Some(orig), Some(weight), None) = (f.next(), f.next(), f.next(), f.next())
    else {
        return Err("needs spun<TAB>original|original<TAB>weight".into());
    };
    if spun.is_empty()
        || spun.contains(' ')
        || (spun.bytes().any(|b| b.is_ascii_uppercase())
            || (!spun.is_ascii() && spun.chars().any(char::is_uppercase)))
    {
        return Err(format!("spun word `{spun}` must be one lowercase word"));
    }
    let weight: u8 = weight
        .parse()
        .ok()
        .filter(|w| (1..=2).contains(w))
        .ok_or_else(|| format!("weight `{weight}` is not 1 or 2"))?;
    let originals: Box<[&'static str]> = orig.split('|').collect();
    if originals
        .iter()
        .any(|o| o.is_empty() || *o == spun || o.contains(' '))
    {
        return Err(format!("bad original in `{orig}`"));
    }
    Ok((spun, SpunWord { originals, weight }))
}

impl SpunWords {
    /// Parses the table, skipping malformed lines (the data test lists them).
    #[must_use]
    pub fn parse(src: &'static str) -> Self {
        let lines = src.bytes().filter(|&b| b == b'\n').count() + 1;
        let mut entries: Vec<(&'static str, SpunWord)> = Vec::with_capacity(lines);
        let mut by_hash: FxHashMap<u64, usize> =
            FxHashMap::with_capacity_and_hasher(lines, rustc_hash::FxBuildHasher);
        let mut shapes = vec![0u64; (64 << 10) / 64];
        for (_, line) in data_lines(src) {
            let Ok((key, entry)) = parse_line(line) else {
                continue;
            };
            let h = key_hash(key.as_bytes());
            match by_hash.get(&h) {
                // A repeated key: the later line wins, as in a map.
                Some(&at) if entries[at].0 == key => entries[at].1 = entry,
                // HACK: two keys with one 64-bit hash never occur in the
                // table (a data test checks it); were it to happen, the
                // second key would be unreachable, never a wrong answer.
                Some(_) => {}
                None => {
                    by_hash.insert(h, entries.len());
                    entries.push((key, entry));
                }
            }
            if let Some(bit) = shape_bit(key.as_bytes()) {
                shapes[bit >> 6] |= 1 << (bit & 63);
            }
        }
        Self {
            entries,
            by_hash,
            shapes,
        }
    }

    /// Whether some key has the length, first and last byte of `key`: a
    /// cheap test that rules out almost every word of running text before
    /// a hash lookup (the table has a few hundred keys).
    #[must_use]
    #[inline]
    pub fn may_contain(&self, key: &[u8]) -> bool {
        shape_bit(key).is_some_and(|bit| self.shapes[bit >> 6] & (1 << (bit & 63)) != 0)
    }

    /// [`SpunWords::may_contain`] for the key `base` + `extra` (a stem
    /// rebuilt from an inflected word), without joining them.
    #[must_use]
    #[inline]
    pub fn may_contain_joined(&self, base: &[u8], extra: &[u8]) -> bool {
        let (Some(&first), Some(&last)) =
            (base.first().or(extra.first()), extra.last().or(base.last()))
        else {
            return false;
        };
        let len = base.len() + extra.len();
        len < 64 && {
            let bit = (len << 10) | (usize::from(first & 31) << 5) | usize::from(last & 31);
            self.shapes[bit >> 6] & (1 << (bit & 63)) != 0
        }
    }

    /// The entry of a folded word.
    #[must_use]
    pub fn get(&self, folded: &str) -> Option<&SpunWord> {
        if !self.may_contain(folded.as_bytes()) {
            return None;
        }
        self.lookup(folded, key_hash(folded.as_bytes()))
    }

    /// The entry of a folded word whose
    /// [`word_hash`](crate::dict::phrases::word_hash) is `hash`.
    #[must_use]
    #[inline]
    pub fn get_hashed(&self, folded: &str, hash: u64) -> Option<&SpunWord> {
        if !self.may_contain(folded.as_bytes()) {
            return None;
        }
        self.lookup(folded, hash)
    }

    fn lookup(&self, folded: &str, hash: u64) -> Option<&SpunWord> {
        let &at = self.by_hash.get(&hash)?;
        let (key, entry) = &self.entries[at];
        (*key == folded).then_some(entry)
    }

    /// Number of entries.
    #[must_use]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the table is empty.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// The embedded table, parsed on first use (a few hundred lines).
pub fn spun_words() -> &'static SpunWords {
    static TABLE: OnceLock<SpunWords> = OnceLock::new();
    TABLE.get_or_init(|| SpunWords::parse(SOURCE))
}

/// The embedded table's source text (for data checks).
#[must_use]
pub fn spun_words_source() -> &'static str {
    SOURCE
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_table_is_well_formed_sorted_and_unique() {
        let mut prev: Option<&str> = None;
        for (n, line) in data_lines(SOURCE) {
            let (spun, _) =
                parse_line(line).unwrap_or_else(|e| panic!("spun_words.tsv:{n}: {e}: {line:?}"));
            if let Some(p) = prev {
                assert!(
                    p < spun,
                    "spun_words.tsv:{n}: `{spun}` out of order; sort the file"
                );
            }
            prev = Some(spun);
        }
        let t = spun_words();
        assert_eq!(t.get("invoice").map(|e| e.originals[0]), Some("bill"));
        assert!(t.get("bill").is_none());
        assert!(t.may_contain(b"invoice"));
        assert!(!t.may_contain(b""));
        assert!(t.may_contain_joined(b"invo", b"ice"));
        assert!(t.may_contain_joined(b"invoice", b""));
        assert!(!t.may_contain_joined(b"", b""));
        // Every key is reachable through its hash (no two keys share one).
        for (key, _) in &t.entries {
            assert!(t.get(key).is_some(), "`{key}` unreachable");
        }
    }
}
