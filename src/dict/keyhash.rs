// Shared with `build.rs` through `include!`, so this file has no inner
// attributes or `//!` docs and uses nothing outside `core`.

/// The hash of a lookup key, identical at build time and at run time.
///
/// Mixes eight bytes at a time (multiply-rotate, as FxHash does) and ends
/// with a finaliser so the high 32 bits, stored in the table slots as a tag,
/// are as well mixed as the low bits that pick the slot.
#[must_use]
pub fn key_hash(bytes: &[u8]) -> u64 {
    key_hash_or(bytes, 0)
}

/// [`key_hash`] of `bytes` with every byte OR-ed with `mask` first. With
/// `0x20` this lowercases an ASCII word (letters and `'`, which already has
/// the bit) on the fly: the key of a word is hashed without folding a copy.
#[must_use]
#[inline]
pub fn key_hash_or(bytes: &[u8], mask: u8) -> u64 {
    key_hash_or_visiting(bytes, mask, |_| {})
}

/// [`key_hash_or`], handing each eight bytes of `bytes` as read (the last
/// ones zero-padded, before the mask) to `visit`: a caller that also
/// classifies the bytes of a word reads them once.
#[must_use]
#[inline]
pub fn key_hash_or_visiting(bytes: &[u8], mask: u8, mut visit: impl FnMut(u64)) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let wide = u64::from_ne_bytes([mask; 8]);
    let mut h: u64 = bytes.len() as u64 ^ 0x243F_6A88_85A3_08D3;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        visit(v);
        h = (h.rotate_left(23) ^ (v | wide)).wrapping_mul(K);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        // The mask reaches only the tail's own bytes, as in a padded copy.
        let tail_mask = wide & (u64::MAX >> (64 - 8 * rest.len()));
        let v = load_tail(rest);
        visit(v);
        h = (h.rotate_left(23) ^ (v | tail_mask)).wrapping_mul(K);
    }
    h ^= h >> 31;
    h = h.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    h ^ (h >> 29)
}

/// The bytes of `rest` (one to eight) as a little-endian `u64` zero-padded
/// to eight bytes, read with two overlapping loads rather than a byte loop:
/// most words are shorter than eight bytes, so this is the usual path.
#[must_use]
#[inline]
pub fn load_tail(rest: &[u8]) -> u64 {
    let n = rest.len();
    debug_assert!((1..=8).contains(&n), "a tail has one to eight bytes");
    if n >= 4 {
        let lo = u64::from(u32::from_le_bytes([rest[0], rest[1], rest[2], rest[3]]));
        let hi = u64::from(u32::from_le_bytes([
            rest[n - 4],
            rest[n - 3],
            rest[n - 2],
            rest[n - 1],
        ]));
        // The loads overlap on equal bytes at equal places: OR is exact.
        lo | (hi << (8 * (n - 4)))
    } else {
        u64::from(rest[0])
            | (u64::from(rest[n / 2]) << (8 * (n / 2)))
            | (u64::from(rest[n - 1]) << (8 * (n - 1)))
    }
}
