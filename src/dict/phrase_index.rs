// Shared with `build.rs` through `include!`, so this file has no inner
// attributes or `//!` docs and uses nothing outside `std`.

/// Most entries one folded spun phrase may have (entries that differ only
/// in case, all `exact`); a [`PhraseMatch`](crate::dict::phrases::PhraseMatch)
/// carries them inline.
pub const MAX_ENTRIES_PER_PATTERN: usize = 4;

/// Indexes a phrasebook by the first two folded words of each spun phrase
/// (every phrase has at least two words; a line with one is malformed and
/// left out).
///
/// Returns `w1 w2` → value, where the value lists the phrases starting with
/// those words, longest first (ties in byte order of the rest), each as
/// `u8` word count, the words after the second (`u8` length + folded bytes each),
/// `u8` entry count and that many pairs of `u32` (little-endian): the byte
/// offset of the entry's line in `src` and its 0-based line number. A line is indexed when its first field holds at
/// least one word; whether it is well formed is decided when a match reads
/// it (malformed lines never match), and checked by the data tests.
///
/// # Panics
/// When a phrase has more than 255 words or [`MAX_ENTRIES_PER_PATTERN`]
/// entries, or a word is longer than 255 bytes (a data error).
pub fn build_phrase_index(
    src: &str,
    fold: impl Fn(&str) -> String,
) -> std::collections::BTreeMap<String, Vec<u8>> {
    // folded phrase (words) -> (line offset, line number), in file order
    let mut phrases: std::collections::BTreeMap<Vec<String>, Vec<(u32, u32)>> =
        std::collections::BTreeMap::new();
    let mut offset = 0usize;
    for (number, raw) in src.split_inclusive('\n').enumerate() {
        let at = offset;
        offset += raw.len();
        let line = raw.trim_end_matches('\n').trim_end_matches('\r');
        if line.is_empty() || line.starts_with('#') || !line.contains('\t') {
            continue;
        }
        let spun = line.split('\t').next().unwrap_or("");
        let words: Vec<String> = spun.split_whitespace().map(&fold).collect();
        if words.len() < 2 {
            continue;
        }
        let at = u32::try_from(at).expect("phrasebook under 4 GiB");
        let number = u32::try_from(number).expect("phrasebook under 4 GiB");
        phrases.entry(words).or_default().push((at, number));
    }
    // `w1 w2` -> (folded words, lines) of each phrase starting so
    type Phrases = Vec<(Vec<String>, Vec<(u32, u32)>)>;
    let mut by_first: std::collections::BTreeMap<String, Phrases> =
        std::collections::BTreeMap::new();
    for (words, lines) in phrases {
        by_first
            .entry(format!("{} {}", words[0], words[1]))
            .or_default()
            .push((words, lines));
    }
    let mut out = std::collections::BTreeMap::new();
    for (first, mut list) in by_first {
        list.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        let mut value = Vec::new();
        for (words, lines) in list {
            assert!(words.len() < 256, "phrase `{}` too long", words.join(" "));
            assert!(
                lines.len() <= MAX_ENTRIES_PER_PATTERN,
                "phrase `{}` has more than {MAX_ENTRIES_PER_PATTERN} entries",
                words.join(" ")
            );
            value.push(words.len() as u8);
            for w in &words[2..] {
                assert!(w.len() < 256, "word `{w}` too long");
                value.push(w.len() as u8);
                value.extend_from_slice(w.as_bytes());
            }
            value.push(lines.len() as u8);
            for (at, number) in lines {
                value.extend_from_slice(&at.to_le_bytes());
                value.extend_from_slice(&number.to_le_bytes());
            }
        }
        out.insert(first, value);
    }
    out
}

/// Bits of the phrase pair filter (see [`pair_filter_bits`]).
pub const PAIR_FILTER_BITS: u32 = 17;

/// The two bits of the phrase pair filter that the pair of words with key
/// hashes `h1` and `h2` sets: a Bloom filter over the index keys `w1 w2`,
/// so the matcher hashes each word once and rules out almost every pair of
/// a document without a table lookup.
#[must_use]
pub fn pair_filter_bits(h1: u64, h2: u64) -> (usize, usize) {
    let h = (h1.rotate_left(29) ^ h2).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let a = (h >> (64 - PAIR_FILTER_BITS)) as usize;
    let b = ((h >> 8) & ((1 << PAIR_FILTER_BITS) - 1)) as usize;
    (a, b)
}

/// The pair filter of an index built by [`build_phrase_index`]:
/// `2^PAIR_FILTER_BITS` bits, little-endian bytes. `hash` is the key hash
/// of a word (`key_hash`).
pub fn build_pair_filter<'k>(
    keys: impl Iterator<Item = &'k str>,
    hash: impl Fn(&[u8]) -> u64,
) -> Vec<u8> {
    let mut bits = vec![0u8; 1 << (PAIR_FILTER_BITS - 3)];
    for key in keys {
        let Some((w1, w2)) = key.split_once(' ') else {
            continue;
        };
        let (a, b) = pair_filter_bits(hash(w1.as_bytes()), hash(w2.as_bytes()));
        bits[a >> 3] |= 1 << (a & 7);
        bits[b >> 3] |= 1 << (b & 7);
    }
    bits
}
