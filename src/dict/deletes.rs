// Shared with `build.rs` through `include!`, so this file has no inner
// attributes or `//!` docs and uses nothing outside `core`.
//
// The symmetric-delete scheme: two words are within `d` edits (optimal
// string alignment) only if deleting at most `d` letters from each gives
// the same string. The dictionary side is precomputed; the query side is
// enumerated per lookup. Deletes are taken from a prefix of
// `DELETE_PREFIX` bytes only (edits past it are found when candidates are
// verified), which keeps the index a few entries per word.

/// How many leading bytes of a word the deletes are taken from.
pub const DELETE_PREFIX: usize = 7;

/// Most letters deleted from a dictionary word in the index.
pub const INDEX_DELETES: u8 = 2;

/// Bits of a delete string's hash kept in each index entry (its low
/// three), so most entries of other strings that share the bucket are
/// skipped without verifying them.
pub const DELETE_TAG_MASK: u32 = 0b111;

/// Words at least this frequent (Zipf × 100; 2.0 is about one use in 10
/// million words) are offered at any distance; rarer ones only within one
/// edit. A correction two edits away is a guess, and a guess of a rare word
/// is nearly always wrong, while the rare words two edits from a short
/// query are many: leaving them out keeps lookups and the index small.
pub const FAR_MIN_ZIPF100: u16 = 200;

/// Calls `f(string, deletes)` once for every distinct string obtained by
/// deleting at most `max` bytes from `prefix` (`prefix.len()` ≤
/// [`DELETE_PREFIX`]), the prefix itself (0 deletes) included.
pub fn for_each_delete(prefix: &[u8], max: u8, mut f: impl FnMut(&[u8], u8)) {
    let n = prefix.len();
    debug_assert!(n <= DELETE_PREFIX);
    // Distinct strings per delete count; deleting either letter of a double
    // gives the same string, which is reported once.
    let mut seen: [([u8; DELETE_PREFIX], u8); 64] = [([0; DELETE_PREFIX], 0); 64];
    let mut seen_len = 0usize;
    let mut emit = |buf: &[u8], deletes: u8, seen: &mut [([u8; DELETE_PREFIX], u8); 64]| {
        let mut key = [0u8; DELETE_PREFIX];
        key[..buf.len()].copy_from_slice(buf);
        let len = buf.len() as u8;
        if seen[..seen_len].iter().any(|&(k, l)| l == len && k == key) {
            return;
        }
        if seen_len < seen.len() {
            seen[seen_len] = (key, len);
            seen_len += 1;
        }
        f(buf, deletes);
    };
    emit(prefix, 0, &mut seen);
    let mut buf = [0u8; DELETE_PREFIX];
    if max >= 1 {
        for i in 0..n {
            let m = delete_at(prefix, &[i], &mut buf);
            emit(&buf[..m], 1, &mut seen);
        }
    }
    if max >= 2 {
        for i in 0..n {
            for j in i + 1..n {
                let m = delete_at(prefix, &[i, j], &mut buf);
                emit(&buf[..m], 2, &mut seen);
            }
        }
    }
    if max >= 3 {
        for i in 0..n {
            for j in i + 1..n {
                for k in j + 1..n {
                    let m = delete_at(prefix, &[i, j, k], &mut buf);
                    emit(&buf[..m], 3, &mut seen);
                }
            }
        }
    }
}

/// Copies `prefix` without the bytes at the sorted positions `skip` into
/// `buf`; returns the length written.
fn delete_at(prefix: &[u8], skip: &[usize], buf: &mut [u8; DELETE_PREFIX]) -> usize {
    let mut m = 0;
    let mut s = 0;
    for (i, &b) in prefix.iter().enumerate() {
        if s < skip.len() && skip[s] == i {
            s += 1;
            continue;
        }
        buf[m] = b;
        m += 1;
    }
    m
}
