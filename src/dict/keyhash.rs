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
pub fn key_hash_or(bytes: &[u8], mask: u8) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let wide = u64::from_ne_bytes([mask; 8]);
    let mut h: u64 = bytes.len() as u64 ^ 0x243F_6A88_85A3_08D3;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]) | wide;
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
