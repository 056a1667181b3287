//! Read-only hash tables compiled by `build.rs` and embedded in the binary.
//!
//! Layout (little-endian): `u32` slot count (a power of two), `u32` entry
//! count, the slots (`u64` each: high 32 bits = high 32 bits of
//! [`key_hash`] of the key, low 32 bits = record offset + 1, 0 = empty;
//! linear probing), then the records: `u8` key length, key bytes, `u16`
//! value length, value bytes. A lookup hashes the key once, probes a few
//! slots and compares bytes in place: no parsing, no allocation, no start-up.

use crate::dict::keyhash::{key_hash, key_hash_or};
pub(crate) use crate::dict::keyhash::{key_hash_or_visiting, load_tail};

/// The lookup key of a word, hashed once and then probed in any table keyed
/// by folded words (lexicon, misspellings, names). An ASCII word is not
/// folded at all: its hash lowercases on the fly and the probe compares
/// ignoring ASCII case, which equals comparing the folded key because table
/// keys are lowercase.
#[derive(Clone, Copy, Debug)]
pub struct WordKey<'a> {
    hash: u64,
    bytes: &'a [u8],
    ascii_word: bool,
}

impl<'a> WordKey<'a> {
    /// The key of a word as typed, when it is ASCII (letters and `'`);
    /// `None` otherwise (fold it and use [`WordKey::folded`]).
    #[must_use]
    #[inline]
    pub fn ascii_word(word: &'a str) -> Option<Self> {
        let bytes = word.as_bytes();
        bytes.is_ascii().then(|| Self {
            hash: key_hash_or(bytes, 0x20),
            bytes,
            ascii_word: true,
        })
    }

    /// [`WordKey::ascii_word`] with its hash already known (from an
    /// earlier key of the same word).
    #[must_use]
    #[inline]
    pub(crate) fn ascii_word_hashed(word: &'a str, hash: u64) -> Self {
        debug_assert!(word.is_ascii() && hash == key_hash_or(word.as_bytes(), 0x20));
        Self {
            hash,
            bytes: word.as_bytes(),
            ascii_word: true,
        }
    }

    /// The key of an already folded word.
    #[must_use]
    pub fn folded(folded: &'a str) -> Self {
        Self {
            hash: key_hash(folded.as_bytes()),
            bytes: folded.as_bytes(),
            ascii_word: false,
        }
    }

    /// The hash of the folded key (equal to hashing the folded text).
    #[must_use]
    #[inline]
    pub fn hash(&self) -> u64 {
        self.hash
    }

    #[inline]
    fn matches(&self, record_key: &[u8]) -> bool {
        if self.ascii_word {
            eq_ignore_ascii_case_wide(record_key, self.bytes)
        } else {
            record_key == self.bytes
        }
    }
}

/// `a.eq_ignore_ascii_case(b)`, eight bytes at a time: the key compare of
/// every probe, where the byte loop of the standard library (two case
/// conversions per byte) cost more than the rest of the probe.
#[inline]
pub(crate) fn eq_ignore_ascii_case_wide(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut a_chunks = a.chunks_exact(8);
    let mut b_chunks = b.chunks_exact(8);
    for (x, y) in (&mut a_chunks).zip(&mut b_chunks) {
        let x = u64::from_le_bytes([x[0], x[1], x[2], x[3], x[4], x[5], x[6], x[7]]);
        let y = u64::from_le_bytes([y[0], y[1], y[2], y[3], y[4], y[5], y[6], y[7]]);
        if x != y && ascii_lowercase8(x) != ascii_lowercase8(y) {
            return false;
        }
    }
    let (x, y) = (a_chunks.remainder(), b_chunks.remainder());
    if x.is_empty() {
        return true;
    }
    let (x, y) = (load_tail(x), load_tail(y));
    x == y || ascii_lowercase8(x) == ascii_lowercase8(y)
}

/// Eight bytes with each ASCII capital lowercased (every other byte, UTF-8
/// bytes included, unchanged): `u8::to_ascii_lowercase` on each byte.
#[inline]
pub(crate) fn ascii_lowercase8(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Per byte, on its low seven bits (no carry crosses bytes): the high bit
    // says `>= b'A'`, then `> b'Z'`.
    let low7 = x & !HIGH;
    let from_a = low7 + ONES * u64::from(0x80 - b'A');
    let past_z = low7 + ONES * u64::from(0x80 - b'Z' - 1);
    let capital = from_a & !past_z & !x & HIGH;
    x | (capital >> 2)
}

/// A view of one embedded table.
#[derive(Clone, Copy, Debug)]
pub struct Table {
    bytes: &'static [u8],
    mask: usize,
    len: usize,
    records_at: usize,
}

/// One record of a [`Table`]: its key and value bytes.
#[derive(Clone, Copy, Debug)]
pub struct Record {
    /// The key (a folded word, a word pair, a phonetic key).
    pub key: &'static str,
    /// The value bytes; their format depends on the table.
    pub value: &'static [u8],
}

impl Table {
    /// Wraps the bytes written by `build.rs`.
    ///
    /// # Panics
    /// When the header does not match the length (a build-script bug).
    #[must_use]
    pub fn new(bytes: &'static [u8]) -> Self {
        let slots = read_u32(bytes, 0) as usize;
        let len = read_u32(bytes, 4) as usize;
        assert!(
            slots.is_power_of_two(),
            "table slot count is a power of two"
        );
        let records_at = 8 + slots * 8;
        assert!(bytes.len() >= records_at, "table holds its slots");
        Self {
            bytes,
            mask: slots - 1,
            len,
            records_at,
        }
    }

    /// The record of `key`, if any.
    #[must_use]
    #[inline]
    pub fn get(&self, key: &str) -> Option<Record> {
        self.find(key).map(|at| self.record_at(at))
    }

    /// The record whose key is the concatenation of `parts` (`w1`, `" "`,
    /// `w2`; or a one-byte prefix and a word), looked up without allocating.
    /// Keys are at most 255 bytes, so a longer join has no record.
    #[must_use]
    pub fn get_joined(&self, parts: &[&[u8]]) -> Option<Record> {
        self.find_joined(parts).map(|at| self.record_at(at))
    }

    /// The value bytes of the key that is the concatenation of `parts`
    /// (see [`Table::get_joined`]), looked up without allocating or
    /// checking UTF-8.
    #[must_use]
    pub fn value_joined(&self, parts: &[&[u8]]) -> Option<&'static [u8]> {
        self.find_joined(parts).map(|at| self.value_at(at))
    }

    /// The byte offset of the record whose key is the concatenation of
    /// `parts`, joined on the stack.
    fn find_joined(&self, parts: &[&[u8]]) -> Option<usize> {
        with_joined(parts, |key| self.find_bytes(key))
    }

    /// The value bytes of a word's key, if any.
    #[must_use]
    #[inline]
    pub fn value_of_key(&self, key: &WordKey<'_>) -> Option<&'static [u8]> {
        self.find_key(key).map(|at| self.value_at(at))
    }

    /// Whether a word's key has a record.
    #[must_use]
    #[inline]
    pub fn contains_key(&self, key: &WordKey<'_>) -> bool {
        self.find_key(key).is_some()
    }

    /// The value bytes of `key`, if any (the key is not re-read).
    #[must_use]
    #[inline]
    pub fn value(&self, key: &str) -> Option<&'static [u8]> {
        self.find(key).map(|at| self.value_at(at))
    }

    /// The value bytes of the key bytes `key`, if any (no UTF-8 check).
    #[must_use]
    #[inline]
    pub(crate) fn value_of_bytes(&self, key: &[u8]) -> Option<&'static [u8]> {
        self.find_bytes(key).map(|at| self.value_at(at))
    }

    /// The value bytes of the record at byte offset `at`.
    #[inline]
    fn value_at(&self, at: usize) -> &'static [u8] {
        let b = self.bytes;
        let start = at + 1 + b[at] as usize;
        let len = read_u16(b, start) as usize;
        &b[start + 2..start + 2 + len]
    }

    /// Whether `key` has a record (no record is built).
    #[must_use]
    #[inline]
    pub fn contains(&self, key: &str) -> bool {
        self.find(key).is_some()
    }

    /// The byte offset of the record of `key`, if any.
    #[inline]
    fn find(&self, key: &str) -> Option<usize> {
        self.find_bytes(key.as_bytes())
    }

    /// The byte offset of the record of the key bytes `key`, if any.
    #[inline]
    fn find_bytes(&self, key: &[u8]) -> Option<usize> {
        self.probe(key_hash(key), |k| k == key)
    }

    /// The byte offset of the record of a word's key, if any.
    #[inline]
    fn find_key(&self, key: &WordKey<'_>) -> Option<usize> {
        self.probe(key.hash, |k| key.matches(k))
    }

    /// Probes the slots of hash `h` for a record whose key satisfies `is_key`.
    /// Always inlined: a call cost a third of a probe of the small common
    /// table, asked once per word.
    #[inline(always)]
    fn probe(&self, h: u64, is_key: impl Fn(&[u8]) -> bool) -> Option<usize> {
        let tag = h >> 32;
        let mut i = (h as usize) & self.mask;
        loop {
            let slot = read_u64(self.bytes, 8 + i * 8);
            if slot == 0 {
                return None;
            }
            if slot >> 32 == tag {
                let at = self.records_at + (slot & 0xFFFF_FFFF) as usize - 1;
                let len = self.bytes[at] as usize;
                if self.bytes.get(at + 1..at + 1 + len).is_some_and(&is_key) {
                    return Some(at);
                }
            }
            i = (i + 1) & self.mask;
        }
    }

    /// The record starting at byte `offset` of the table.
    #[must_use]
    pub fn record_at(&self, offset: usize) -> Record {
        let b = self.bytes;
        let key_len = b[offset] as usize;
        let key_start = offset + 1;
        let value_len = read_u16(b, key_start + key_len) as usize;
        let value_start = key_start + key_len + 2;
        Record {
            key: std::str::from_utf8(&b[key_start..key_start + key_len])
                .expect("table keys are UTF-8"),
            value: &b[value_start..value_start + value_len],
        }
    }

    /// Number of records.
    #[must_use]
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the table has no record.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Every record, in key order.
    pub fn iter(&self) -> impl Iterator<Item = Record> + '_ {
        let mut at = self.records_at;
        std::iter::from_fn(move || {
            if at >= self.bytes.len() {
                return None;
            }
            let r = self.record_at(at);
            at += 1 + r.key.len() + 2 + r.value.len();
            Some(r)
        })
    }
}

/// A view of an embedded table of counts keyed by hash alone (layout and
/// the trade-off in `build_counts` of `build.rs`): for statistics such as
/// bigram counts, where a lookup must be one cache line and a false hit once
/// in about four billion probes is noise.
#[derive(Clone, Copy, Debug)]
pub struct HashCounts {
    bytes: &'static [u8],
    mask: usize,
    len: usize,
}

impl HashCounts {
    /// Wraps the bytes written by `build.rs`.
    ///
    /// # Panics
    /// When the header does not match the length (a build-script bug).
    #[must_use]
    pub fn new(bytes: &'static [u8]) -> Self {
        let slots = read_u32(bytes, 0) as usize;
        assert!(
            slots.is_power_of_two(),
            "count table slot count is a power of two"
        );
        assert_eq!(bytes.len(), 8 + slots * 8, "count table holds its slots");
        Self {
            bytes,
            mask: slots - 1,
            len: read_u32(bytes, 4) as usize,
        }
    }

    /// The count of the key that is the concatenation of `parts` (joined on
    /// the stack; keys longer than 255 bytes are not listed), 0 if unlisted.
    #[must_use]
    pub fn count_joined(&self, parts: &[&[u8]]) -> u32 {
        with_joined(parts, |key| Some(self.count_of_hash(key_hash(key)))).unwrap_or(0)
    }

    /// The count stored under hash `h`, 0 if none.
    #[inline]
    fn count_of_hash(&self, h: u64) -> u32 {
        let tag = h >> 32;
        let mut i = (h as usize) & self.mask;
        loop {
            let slot = read_u64(self.bytes, 8 + i * 8);
            if slot == 0 {
                return 0;
            }
            if slot >> 32 == tag {
                return slot as u32;
            }
            i = (i + 1) & self.mask;
        }
    }

    /// Number of keys.
    #[must_use]
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the table has no key.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// Calls `f` with the concatenation of `parts`, joined on the stack
/// without allocating; `None` when it is longer than a key can be (255
/// bytes).
#[inline]
fn with_joined<R>(parts: &[&[u8]], f: impl FnOnce(&[u8]) -> Option<R>) -> Option<R> {
    let mut key = [0u8; 255];
    let mut len = 0;
    for part in parts {
        key.get_mut(len..len + part.len())?.copy_from_slice(part);
        len += part.len();
    }
    f(&key[..len])
}

#[inline]
pub(crate) fn read_u16(b: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([b[at], b[at + 1]])
}

#[inline]
pub(crate) fn read_u32(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(b[at..at + 4].try_into().expect("four bytes"))
}

#[inline]
pub(crate) fn read_u64(b: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(b[at..at + 8].try_into().expect("eight bytes"))
}

/// Iterates length-prefixed strings (`u8` length, bytes) packed in a value,
/// as raw bytes (no UTF-8 check: for comparisons on the hot path).
pub(crate) fn packed_bytes(
    mut value: &'static [u8],
) -> impl Iterator<Item = &'static [u8]> + Clone {
    std::iter::from_fn(move || {
        let (&len, rest) = value.split_first()?;
        let (s, rest) = rest.split_at(len as usize);
        value = rest;
        Some(s)
    })
}

/// The strings two packed lists sorted in byte order have in common, in
/// order: a linear merge, no lookups.
pub(crate) fn packed_intersection(
    a: &'static [u8],
    b: &'static [u8],
) -> impl Iterator<Item = &'static str> {
    let mut xs = packed_bytes(a).peekable();
    let mut ys = packed_bytes(b).peekable();
    std::iter::from_fn(move || loop {
        let (x, y) = (*xs.peek()?, *ys.peek()?);
        match x.cmp(y) {
            std::cmp::Ordering::Less => {
                xs.next();
            }
            std::cmp::Ordering::Greater => {
                ys.next();
            }
            std::cmp::Ordering::Equal => {
                xs.next();
                ys.next();
                return Some(std::str::from_utf8(x).expect("table strings are UTF-8"));
            }
        }
    })
}

/// Iterates length-prefixed strings (`u8` length, bytes) packed in a value.
pub(crate) fn packed_strs(mut value: &'static [u8]) -> impl Iterator<Item = &'static str> + Clone {
    std::iter::from_fn(move || {
        let (&len, rest) = value.split_first()?;
        let (s, rest) = rest.split_at(len as usize);
        value = rest;
        Some(std::str::from_utf8(s).expect("table strings are UTF-8"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hash as first written: the tail copied byte by byte into a
    /// zero-padded buffer. The overlapping loads must give the same value,
    /// or every embedded table would be probed in the wrong slots.
    fn reference_hash(bytes: &[u8], mask: u8) -> u64 {
        const K: u64 = 0x9E37_79B9_7F4A_7C15;
        let wide = u64::from_ne_bytes([mask; 8]);
        let mut h: u64 = bytes.len() as u64 ^ 0x243F_6A88_85A3_08D3;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let v = u64::from_le_bytes(c.try_into().expect("eight")) | wide;
            h = (h.rotate_left(23) ^ v).wrapping_mul(K);
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut buf = [0u8; 8];
            for (b, r) in buf.iter_mut().zip(rest) {
                *b = r | mask;
            }
            h = (h.rotate_left(23) ^ u64::from_le_bytes(buf)).wrapping_mul(K);
        }
        h ^= h >> 31;
        h = h.wrapping_mul(0xBF58_476D_1CE4_E5B9);
        h ^ (h >> 29)
    }

    fn samples() -> Vec<Vec<u8>> {
        let mut out: Vec<Vec<u8>> = Vec::new();
        let alphabet: &[u8] = b"aZ'q\x00\x7f\x80\xc4\xff@[`{";
        let mut seed: u32 = 7;
        for len in 0..=40 {
            for _ in 0..25 {
                let word = (0..len)
                    .map(|_| {
                        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                        alphabet[(seed >> 16) as usize % alphabet.len()]
                    })
                    .collect();
                out.push(word);
            }
        }
        out
    }

    #[test]
    fn key_hash_matches_the_byte_loop() {
        for word in samples() {
            for mask in [0, 0x20] {
                assert_eq!(
                    key_hash_or(&word, mask),
                    reference_hash(&word, mask),
                    "{word:?}"
                );
            }
        }
    }

    #[test]
    fn wide_compare_is_eq_ignore_ascii_case() {
        let words = samples();
        for a in &words {
            let upper = a.to_ascii_uppercase();
            let lower = a.to_ascii_lowercase();
            for b in [a, &upper, &lower] {
                assert_eq!(eq_ignore_ascii_case_wide(a, b), a.eq_ignore_ascii_case(b));
                let mut changed = b.clone();
                if let Some(last) = changed.last_mut() {
                    *last ^= 0x01;
                    assert_eq!(
                        eq_ignore_ascii_case_wide(a, &changed),
                        a.eq_ignore_ascii_case(&changed),
                        "{a:?} {changed:?}"
                    );
                }
            }
        }
        for byte in 0..=255u8 {
            let x = u64::from_le_bytes([byte; 8]);
            assert_eq!(
                ascii_lowercase8(x),
                u64::from_le_bytes([byte.to_ascii_lowercase(); 8])
            );
        }
    }
}
