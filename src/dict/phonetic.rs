// Shared with `build.rs` through `include!`, so this file has no inner
// attributes or `//!` docs and uses only `std` collections.

/// Writes the phonetic key of `word` into `out` (cleared first).
///
/// A Metaphone-like code written for copyedit: letters are mapped to the
/// consonant sounds they usually make in English (`ph` → `F`, `ci`/`ce` →
/// `S`, `tio`/`sh` → `X`, `th` → `0`, `dge` → `J`, silent `kn`/`wr`/`gh`/`mb`),
/// vowels vanish except a leading one (`A`), and repeated codes collapse.
/// Spellings that sound alike get the same key: `sootable` and `suitable`
/// are both `STBL`, `imedietly` and `immediately` both `AMTL`. Non-ASCII
/// letters and other characters are ignored.
pub fn phonetic_key(word: &str, out: &mut Vec<u8>) {
    out.clear();
    let w: Vec<u8> = word
        .bytes()
        .filter(u8::is_ascii_alphabetic)
        .map(|b| b.to_ascii_lowercase())
        .collect();
    let n = w.len();
    if n == 0 {
        return;
    }
    let at = |i: usize| -> u8 { w.get(i).copied().unwrap_or(0) };
    let is_vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u');
    let mut i = 0;
    match (w[0], at(1)) {
        (b'k' | b'g' | b'p', b'n') | (b'w', b'r') => i = 1,
        (b'x', _) => {
            out.push(b'S');
            i = 1;
        }
        (b'w', b'h') => {
            out.push(b'W');
            i = 2;
        }
        (c, _) if is_vowel(c) => {
            out.push(b'A');
            i = 1;
        }
        _ => {}
    }
    while i < n {
        let c = w[i];
        let prev = if i > 0 { w[i - 1] } else { 0 };
        let next = at(i + 1);
        let next2 = at(i + 2);
        if c == prev && c != b'c' {
            i += 1;
            continue;
        }
        let soft = |x: u8| matches!(x, b'e' | b'i' | b'y');
        let code: &[u8] = match c {
            b'a' | b'e' | b'i' | b'o' | b'u' => b"",
            b'b' => {
                if prev == b'm' && i + 1 == n {
                    b""
                } else {
                    b"B"
                }
            }
            b'c' => {
                if next == b'h' {
                    if prev == b's' {
                        b"K"
                    } else {
                        b"X"
                    }
                } else if next == b'i' && next2 == b'a' {
                    b"X"
                } else if soft(next) {
                    if prev == b's' {
                        b""
                    } else {
                        b"S"
                    }
                } else {
                    b"K"
                }
            }
            b'd' => {
                if next == b'g' && soft(next2) {
                    b"J"
                } else {
                    b"T"
                }
            }
            b'g' => {
                let silent_gh = next == b'h' && !(i + 2 >= n || is_vowel(next2));
                let silent_gn = next == b'n'
                    && (i + 2 == n || (next2 == b'e' && at(i + 3) == b'd' && i + 4 == n));
                let after_dge = prev == b'd' && soft(next);
                if silent_gh || silent_gn || after_dge {
                    b""
                } else if soft(next) {
                    b"J"
                } else {
                    b"K"
                }
            }
            b'h' => {
                if is_vowel(next) && !matches!(prev, b'c' | b's' | b'p' | b't' | b'g' | b'w') {
                    b"H"
                } else {
                    b""
                }
            }
            b'k' => {
                if prev == b'c' {
                    b""
                } else {
                    b"K"
                }
            }
            b'p' => {
                if next == b'h' {
                    b"F"
                } else {
                    b"P"
                }
            }
            b'q' => b"K",
            b's' => {
                if next == b'h' || (next == b'i' && matches!(next2, b'o' | b'a')) {
                    b"X"
                } else {
                    b"S"
                }
            }
            b't' => {
                if next == b'i' && matches!(next2, b'o' | b'a') {
                    b"X"
                } else if next == b'h' {
                    b"0"
                } else if next == b'c' && next2 == b'h' {
                    b""
                } else {
                    b"T"
                }
            }
            b'v' => b"F",
            b'w' => {
                if is_vowel(next) {
                    b"W"
                } else {
                    b""
                }
            }
            b'y' => {
                if is_vowel(next) {
                    b"Y"
                } else {
                    b""
                }
            }
            b'x' => b"KS",
            b'z' => b"S",
            b'f' => b"F",
            b'j' => b"J",
            b'l' => b"L",
            b'm' => b"M",
            b'n' => b"N",
            b'r' => b"R",
            _ => b"",
        };
        for &k in code {
            if out.last() != Some(&k) {
                out.push(k);
            }
        }
        i += 1;
    }
}
