//! Read-only hash tables compiled by `build.rs` and embedded in the binary.
//!
//! Layout (little-endian): `u32` slot count (a power of two), `u32` entry
//! count, the slots (`u64` each: high 32 bits = high 32 bits of
//! [`key_hash`] of the key, low 32 bits = record offset + 1, 0 = empty;
//! linear probing), then the records: `u8` key length, key bytes, `u16`
//! value length, value bytes. A lookup hashes the key once, probes a few
//! slots and compares bytes in place: no parsing, no allocation, no start-up.

use crate::dict::keyhash::key_hash;

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
        let mut key = [0u8; 255];
        let mut len = 0;
        for part in parts {
            key.get_mut(len..len + part.len())?.copy_from_slice(part);
            len += part.len();
        }
        self.find_bytes(&key[..len]).map(|at| self.record_at(at))
    }

    /// The value bytes of the key that is the concatenation of `parts`
    /// (see [`Table::get_joined`]), looked up without allocating or
    /// checking UTF-8.
    #[must_use]
    pub fn value_joined(&self, parts: &[&[u8]]) -> Option<&'static [u8]> {
        let mut key = [0u8; 255];
        let mut len = 0;
        for part in parts {
            key.get_mut(len..len + part.len())?.copy_from_slice(part);
            len += part.len();
        }
        let at = self.find_bytes(&key[..len])?;
        Some(self.value_at(at))
    }

    /// The value bytes of `key`, if any (the key is not re-read).
    #[must_use]
    #[inline]
    pub fn value(&self, key: &str) -> Option<&'static [u8]> {
        let at = self.find(key)?;
        Some(self.value_at(at))
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
        let h = key_hash(key);
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
                if self.bytes.get(at + 1..at + 1 + len) == Some(key) {
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
