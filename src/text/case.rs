//! Letter case: classify a word's casing, fold lookup keys, and re-apply the
//! original casing to a replacement ("Fold the key, keep the case").

/// How a word is capitalised.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Casing {
    /// `word`
    Lower,
    /// `Word`
    Title,
    /// `WORD` (two letters or more)
    Upper,
    /// `iPhone`, `McDonald`, `wOrD`
    Mixed,
}

/// The casing of `word` (non-letters are ignored).
#[must_use]
pub fn casing(word: &str) -> Casing {
    if word.is_ascii() {
        return ascii_casing(word.as_bytes());
    }
    let mut letters = word.chars().filter(|c| c.is_alphabetic());
    let Some(first) = letters.next() else {
        return Casing::Lower;
    };
    let (mut upper, mut lower, mut count) = (0usize, 0usize, 0usize);
    for c in letters {
        count += 1;
        if c.is_uppercase() {
            upper += 1;
        } else if c.is_lowercase() {
            lower += 1;
        }
    }
    match (first.is_uppercase(), upper, lower) {
        (false, 0, _) => Casing::Lower,
        (true, 0, _) => Casing::Title,
        (true, u, 0) if u == count => Casing::Upper,
        _ => Casing::Mixed,
    }
}

/// Whether `word` starts with an uppercase letter (ASCII without decoding).
#[must_use]
#[inline]
pub fn starts_with_capital(word: &str) -> bool {
    match word.as_bytes().first() {
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        Some(_) => word.chars().next().is_some_and(char::is_uppercase),
        None => false,
    }
}

/// [`casing`] of an ASCII word, without decoding chars.
fn ascii_casing(word: &[u8]) -> Casing {
    let mut letters = word.iter().filter(|b| b.is_ascii_alphabetic());
    let Some(first) = letters.next() else {
        return Casing::Lower;
    };
    let (mut upper, mut count) = (0usize, 0usize);
    for b in letters {
        count += 1;
        upper += usize::from(b.is_ascii_uppercase());
    }
    match (first.is_ascii_uppercase(), upper) {
        (false, 0) => Casing::Lower,
        (true, 0) => Casing::Title,
        (true, u) if u == count => Casing::Upper,
        _ => Casing::Mixed,
    }
}

/// Re-applies the casing of `original` to `replacement`:
/// `("Teh", "the") -> "The"`, `("TEH", "the") -> "THE"`. A replacement with
/// its own capitals (`Belgium`) keeps them unless the original is all caps.
#[must_use]
pub fn match_case(original: &str, replacement: &str) -> String {
    match casing(original) {
        Casing::Upper if original.chars().filter(|c| c.is_alphabetic()).count() > 1 => {
            replacement.to_uppercase()
        }
        Casing::Title | Casing::Upper => capitalize_first(replacement),
        _ => replacement.to_string(),
    }
}

/// `word` with its first letter upper-cased.
#[must_use]
pub fn capitalize_first(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Calls `f` with the lookup key of `word`: lowercased, with `’` and `ʼ`
/// folded to `'`. ASCII words of up to 64 bytes are folded on the stack, so
/// the common case allocates nothing.
pub fn with_folded_key<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    let bytes = word.as_bytes();
    if bytes.len() <= 64 && bytes.is_ascii() {
        let mut buf = [0u8; 64];
        for (dst, src) in buf.iter_mut().zip(bytes) {
            *dst = src.to_ascii_lowercase();
        }
        let key = std::str::from_utf8(&buf[..bytes.len()]).expect("ASCII stays UTF-8");
        return f(key);
    }
    f(&fold_key(word))
}

/// The lookup key of `word` as an owned string (see [`with_folded_key`]).
#[must_use]
pub fn fold_key(word: &str) -> String {
    word.chars()
        .flat_map(|c| match c {
            '\u{2019}' | '\u{02BC}' => '\''.to_lowercase(),
            c => c.to_lowercase(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn casing_classes() {
        assert_eq!(casing("teh"), Casing::Lower);
        assert_eq!(casing("Teh"), Casing::Title);
        assert_eq!(casing("TEH"), Casing::Upper);
        assert_eq!(casing("iPhone"), Casing::Mixed);
        assert_eq!(casing("I"), Casing::Title);
        assert_eq!(casing("Putin’s"), Casing::Title);
        assert_eq!(casing("Putin's"), Casing::Title);
        assert_eq!(casing("NATO's"), Casing::Mixed);
        assert_eq!(casing("Élysée"), Casing::Title);
        assert_eq!(casing("ÉLYSÉE"), Casing::Upper);
        assert_eq!(casing("x"), Casing::Lower);
        assert_eq!(casing("'"), Casing::Lower);
    }

    #[test]
    fn match_case_keeps_the_original_casing() {
        assert_eq!(match_case("teh", "the"), "the");
        assert_eq!(match_case("Teh", "the"), "The");
        assert_eq!(match_case("TEH", "the"), "THE");
        assert_eq!(match_case("beligum", "Belgium"), "Belgium");
        assert_eq!(match_case("Recieve", "receive"), "Receive");
    }

    #[test]
    fn folded_keys() {
        assert_eq!(with_folded_key("Didn’t", str::to_string), "didn't");
        assert_eq!(with_folded_key("TEH", str::to_string), "teh");
        assert_eq!(with_folded_key("Erdoğan", str::to_string), "erdoğan");
    }
}
