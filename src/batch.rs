//! Batch vocabulary: words that a batch of documents (a dump, a directory)
//! shows to be names, so that typo rules leave them alone.
//!
//! A capitalised word that the lexicon does not know, seen in the middle of a
//! sentence in several documents of the same batch (`Zelenskyy`, `Nvidia`),
//! is far more likely a name than a typo: a typo is a one-off slip, a name
//! recurs. [`BatchNames`] counts, per unknown capitalised word, the documents
//! that show it, and promotes it to a name once enough documents do.
//!
//! The count is in documents, not occurrences, so one article repeating a
//! misspelt name forty times proves nothing. A word one edit away from a known
//! word (`Elizabteh` beside `Elizabeth`) is held to a stricter standard: a
//! frequent word misspelt the same way by chance recurs across a large batch,
//! so such a word must also appear in a share of all documents seen
//! ([`CLOSE_WORD_SHARE`]) before it counts as a name.
//!
//! Memory is bounded: the counts keep at most [`MAX_CANDIDATES`] words; when
//! full, the words seen in the fewest documents are forgotten (deterministically,
//! so results do not depend on thread count). Callers feed documents in input
//! order and read the set only between batches of documents.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::dict::words;
use crate::text::case::{fold_key, with_folded_key};

/// Documents that must show a word capitalised mid-sentence before it is a name.
pub const MIN_DOCUMENTS: u32 = 3;

/// For a word one edit away from a known word: the share of all documents
/// seen so far that must show it.
pub const CLOSE_WORD_SHARE: f64 = 0.02;

/// Most candidate words counted at once.
pub const MAX_CANDIDATES: usize = 500_000;

/// Most names kept.
pub const MAX_NAMES: usize = 250_000;

#[derive(Clone, Copy, Debug)]
struct Count {
    documents: u32,
    /// Whether the lexicon has a word one edit away (computed once, lazily).
    close: Option<bool>,
}

/// Names learnt from a batch of documents. See the module docs.
#[derive(Debug, Default)]
pub struct BatchNames {
    counts: FxHashMap<Box<str>, Count>,
    names: FxHashSet<Box<str>>,
    documents: u64,
}

impl BatchNames {
    /// An empty vocabulary.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Builds the vocabulary of a whole batch of texts at once (for `check`
    /// over many files): the texts are scanned in order.
    #[must_use]
    pub fn from_texts<'a>(texts: impl IntoIterator<Item = &'a str>) -> Self {
        let mut names = Self::new();
        let mut candidates = Vec::new();
        for text in texts {
            candidates.clear();
            scan_candidates(text, &mut candidates);
            names.observe(&candidates);
        }
        names
    }

    /// Builds the vocabulary of a set of files (for `check` and `fix` over
    /// many files): the files are read and scanned in parallel, and counted
    /// in the given order. Unreadable or non-UTF-8 files are skipped here
    /// (the run that follows reports them).
    #[must_use]
    pub fn from_files(paths: &[&std::path::Path]) -> Self {
        use rayon::prelude::*;
        let scanned: Vec<Vec<Box<str>>> = paths
            .par_iter()
            .map(|path| {
                let mut candidates = Vec::new();
                if let Ok(bytes) = std::fs::read(path) {
                    if let Ok(text) = std::str::from_utf8(&bytes) {
                        scan_candidates(text, &mut candidates);
                    }
                }
                candidates
            })
            .collect();
        let mut names = Self::new();
        for candidates in &scanned {
            names.observe(candidates);
        }
        names
    }

    /// The words judged names so far: folded keys, without a possessive `'s`.
    #[must_use]
    pub fn names(&self) -> &FxHashSet<Box<str>> {
        &self.names
    }

    /// Documents observed.
    #[must_use]
    pub fn documents(&self) -> u64 {
        self.documents
    }

    /// Counts one document, given its candidates from [`scan_candidates`]
    /// (sorted and unique).
    pub fn observe(&mut self, candidates: &[Box<str>]) {
        self.documents += 1;
        for word in candidates {
            if self.names.contains(word) {
                continue;
            }
            let count = match self.counts.get_mut(word) {
                Some(c) => {
                    c.documents += 1;
                    c
                }
                None => {
                    self.counts.insert(
                        word.clone(),
                        Count {
                            documents: 1,
                            close: None,
                        },
                    );
                    self.counts.get_mut(word).expect("just inserted")
                }
            };
            if count.documents < MIN_DOCUMENTS || self.names.len() >= MAX_NAMES {
                continue;
            }
            let close = *count
                .close
                .get_or_insert_with(|| has_close_known_word(word));
            #[allow(clippy::cast_precision_loss)]
            let share_needed = (self.documents as f64 * CLOSE_WORD_SHARE).ceil();
            if !close || f64::from(count.documents) >= share_needed {
                self.counts.remove(word);
                self.names.insert(word.clone());
            }
        }
        if self.counts.len() > MAX_CANDIDATES {
            self.prune();
        }
    }

    /// Forgets the words seen in the fewest documents until the counts are
    /// at most half full.
    fn prune(&mut self) {
        let mut floor = 1;
        while self.counts.len() > MAX_CANDIDATES / 2 {
            self.counts.retain(|_, c| c.documents > floor);
            floor += 1;
        }
    }
}

/// Zipf frequency × 100 from which a neighbouring known word makes a
/// candidate suspect (3.0: once per million words). A misspelling that
/// recurs by chance across documents is a slip on a frequent word; rare
/// lexicon entries near a name prove nothing.
const CLOSE_WORD_MIN_ZIPF100: u16 = 300;

/// Whether the lexicon has a frequent word one edit (insertion, deletion,
/// substitution of an ASCII letter, or transposition) away from `folded`.
fn has_close_known_word(folded: &str) -> bool {
    if folded.is_ascii() {
        return has_close_known_ascii_word(folded.as_bytes());
    }
    let chars: Vec<char> = folded.chars().collect();
    if chars.len() < 4 {
        // Nearly every short word is one edit from some word: no signal.
        return false;
    }
    let lexicon = words();
    let mut buf = String::with_capacity(folded.len() + 4);
    let mut known = |candidate: &mut dyn FnMut(&mut String)| {
        buf.clear();
        candidate(&mut buf);
        buf.as_str() != folded
            && lexicon
                .zipf100(&buf)
                .is_some_and(|z| z >= CLOSE_WORD_MIN_ZIPF100)
    };
    for i in 0..chars.len() {
        // Deletion.
        if known(&mut |b| b.extend(chars[..i].iter().chain(&chars[i + 1..]))) {
            return true;
        }
        // Transposition.
        if i + 1 < chars.len()
            && known(&mut |b| {
                b.extend(&chars[..i]);
                b.push(chars[i + 1]);
                b.push(chars[i]);
                b.extend(&chars[i + 2..]);
            })
        {
            return true;
        }
    }
    for letter in 'a'..='z' {
        for i in 0..=chars.len() {
            // Insertion.
            if known(&mut |b| {
                b.extend(&chars[..i]);
                b.push(letter);
                b.extend(&chars[i..]);
            }) {
                return true;
            }
            // Substitution.
            if i < chars.len()
                && chars[i] != letter
                && known(&mut |b| {
                    b.extend(&chars[..i]);
                    b.push(letter);
                    b.extend(&chars[i + 1..]);
                })
            {
                return true;
            }
        }
    }
    false
}

/// [`has_close_known_word`] of an ASCII key, with the edits made in place in
/// one buffer (an insertion or a substitution changes one byte per letter
/// tried) and looked up as bytes: no string is built per edit.
fn has_close_known_ascii_word(folded: &[u8]) -> bool {
    let n = folded.len();
    if n < 4 {
        return false;
    }
    let lexicon = words();
    let known = |candidate: &[u8]| {
        candidate != folded
            && lexicon
                .zipf100_of_bytes(candidate)
                .is_some_and(|z| z >= CLOSE_WORD_MIN_ZIPF100)
    };
    let mut buf = folded.to_vec();
    // Transpositions.
    for i in 0..n - 1 {
        buf.swap(i, i + 1);
        if known(&buf) {
            return true;
        }
        buf.swap(i, i + 1);
    }
    // Substitutions.
    for i in 0..n {
        for letter in b'a'..=b'z' {
            if letter != folded[i] {
                buf[i] = letter;
                if known(&buf) {
                    return true;
                }
            }
        }
        buf[i] = folded[i];
    }
    // Deletions: `buf` holds the key without byte `i`.
    buf.truncate(n - 1);
    buf.copy_from_slice(&folded[1..]);
    for i in 0..n {
        if i > 0 {
            buf[i - 1] = folded[i - 1];
        }
        if known(&buf) {
            return true;
        }
    }
    // Insertions: `buf` holds the key with a gap at `i`.
    buf.clear();
    buf.push(0);
    buf.extend_from_slice(folded);
    for i in 0..=n {
        if i > 0 {
            buf[i - 1] = folded[i - 1];
        }
        for letter in b'a'..=b'z' {
            buf[i] = letter;
            if known(&buf) {
                return true;
            }
        }
    }
    false
}

/// Appends to `out` the folded keys of the words of `text` that could be
/// names: capitalised (`Title` or `McMixed`, not all caps), not at the start
/// of a sentence, free of digits and unknown to the lexicon. A possessive `'s` is dropped. `out` ends sorted and unique.
///
/// The scan is lighter than the tokenizer (it runs once more over every
/// document): it jumps from capital to capital, and only around a capital
/// that starts a word looks back for the start of a sentence (the start of
/// the text, a line break, `.`, `!`, `?` or `…`, past spaces, quotes and
/// brackets) and for a URL or e-mail address around it (a piece of
/// non-whitespace holding `://` or `@`, or starting with `www.`).
///
/// # Example
/// ```
/// use copyedit::batch::scan_candidates;
/// let mut out = Vec::new();
/// scan_candidates("Qwertyx met Zorblat and Zorblat’s aide at www.Zorb.com. Blorf left.", &mut out);
/// assert_eq!(out, [Box::from("zorblat")]);
/// ```
pub fn scan_candidates(text: &str, out: &mut Vec<Box<str>>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // Only a capital can start a candidate: jump from one to the next
        // (non-ASCII lead bytes are decoded to see if they are capitals),
        // eight bytes at a time.
        if !(b.is_ascii_uppercase() || b >= 0xC0) {
            i = next_capital_or_lead(bytes, i + 1);
            continue;
        }
        let c = text[i..].chars().next().expect("i is on a char boundary");
        if !c.is_uppercase() || continues_word(text, i) {
            i += c.len_utf8();
            continue;
        }
        let start = i;
        let mut has_digit = false;
        i = word_end(text, i, &mut has_digit);
        let rest = &bytes[i..];
        if rest.starts_with(b"://") || rest.first() == Some(&b'@') || in_url(&bytes[..start]) {
            continue;
        }
        if !has_digit && !starts_sentence(&text[..start]) {
            consider(&text[start..i], out);
        }
    }
    out.sort_unstable();
    out.dedup();
}

/// The first index from `i` whose byte is an ASCII capital or the lead
/// byte of a multi-byte char (`bytes.len()` if none): eight bytes per step,
/// since capitals are a few per cent of prose.
fn next_capital_or_lead(bytes: &[u8], mut i: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let x = u64::from_le_bytes([
            chunk[0], chunk[1], chunk[2], chunk[3], chunk[4], chunk[5], chunk[6], chunk[7],
        ]);
        // Per byte, in its high bit: an ASCII capital (the low seven bits
        // within `A..=Z`, no carry crosses bytes), or bits 7 and 6 set
        // (a lead byte, `>= 0xC0`).
        let low7 = x & !HIGH;
        let from_a = low7 + ONES * u64::from(0x80 - b'A');
        let past_z = low7 + ONES * u64::from(0x80 - b'Z' - 1);
        let capital = from_a & !past_z & !x & HIGH;
        let lead = x & (x << 1) & HIGH;
        let found = capital | lead;
        if found != 0 {
            return i + (found.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < bytes.len() && !(bytes[i].is_ascii_uppercase() || bytes[i] >= 0xC0) {
        i += 1;
    }
    i
}

/// Whether the char at `i` continues a word rather than starting one.
fn continues_word(text: &str, i: usize) -> bool {
    let mut before = text[..i].chars().rev();
    match before.next() {
        Some(c) if is_word_char(c) => true,
        Some('\'' | '\u{2019}') => before.next().is_some_and(is_word_char),
        _ => false,
    }
}

/// Whether the whitespace-separated piece that `before` ends in is a URL or
/// an e-mail address (holds `://` or `@`, or starts with `www.`).
/// A piece longer than [`MAX_PIECE`] bytes is not prose either (and the look
/// back stays bounded).
fn in_url(before: &[u8]) -> bool {
    let floor = before.len().saturating_sub(MAX_PIECE);
    let piece_start = match before[floor..].iter().rposition(u8::is_ascii_whitespace) {
        Some(p) => floor + p + 1,
        None if floor == 0 => 0,
        None => return true,
    };
    let piece = &before[piece_start..];
    piece.starts_with(b"www.") || piece.contains(&b'@') || piece.windows(3).any(|w| w == b"://")
}

/// Longest run of non-whitespace looked at around a capital.
const MAX_PIECE: usize = 256;

/// Whether a word after `before` starts a sentence: nothing but spaces,
/// quotes and brackets separate it from the start of the text, a line
/// break, or `.`, `!`, `?` or `…`.
fn starts_sentence(before: &str) -> bool {
    for c in before.chars().rev() {
        match c {
            '\n' | '\r' | '.' | '!' | '?' | '…' => return true,
            '"' | '\'' | '“' | '”' | '‘' | '’' | '«' | '»' | '(' | ')' | '[' | ']' => {}
            c if c.is_whitespace() => {}
            _ => return false,
        }
    }
    true
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c)
    }
}

/// The end of the word starting at `i`: letters, digits and marks, with
/// apostrophes inside (`don’t`, `O'Neill`).
fn word_end(text: &str, mut i: usize, has_digit: &mut bool) -> usize {
    let bytes = text.as_bytes();
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_alphanumeric() {
            *has_digit |= b.is_ascii_digit();
            i += 1;
            continue;
        }
        let (c, len) = if b < 0x80 {
            (b as char, 1)
        } else {
            let c = text[i..].chars().next().expect("i is on a char boundary");
            (c, c.len_utf8())
        };
        if b >= 0x80 && is_word_char(c) {
            *has_digit |= c.is_numeric();
            i += len;
        } else if matches!(c, '\'' | '\u{2019}')
            && text[i + len..].chars().next().is_some_and(is_word_char)
        {
            i += len;
        } else {
            break;
        }
    }
    i
}

/// Adds `word` to `out` if it looks like a name the lexicon does not know.
fn consider(word: &str, out: &mut Vec<Box<str>>) {
    let mut chars = word.chars();
    let Some(first) = chars.next() else { return };
    if !first.is_uppercase() || !chars.any(char::is_lowercase) {
        return;
    }
    let base = strip_possessive(word);
    if base.chars().count() < 2 {
        return;
    }
    // Known misspellings stay candidates: a name may be spelt like a
    // listed slip, and one edit from a frequent word it needs a share of the
    // batch anyway (see `has_close_known_word`).
    let unknown = with_folded_key(base, |key| !words().contains(key));
    if unknown {
        out.push(fold_key(base).into_boxed_str());
    }
}

/// `word` without a final possessive `'s` / `’s`.
#[must_use]
pub fn strip_possessive(word: &str) -> &str {
    for suffix in ["'s", "\u{2019}s", "'S", "\u{2019}S"] {
        if let Some(base) = word.strip_suffix(suffix) {
            if !base.is_empty() {
                return base;
            }
        }
    }
    word
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        scan_candidates(text, &mut out);
        out.into_iter().map(String::from).collect()
    }

    /// The edits of [`has_close_known_word`] spelt out one by one, as
    /// strings: what the in-place ASCII version must agree with.
    fn close_by_strings(folded: &str) -> bool {
        let chars: Vec<char> = folded.chars().collect();
        if chars.len() < 4 {
            return false;
        }
        let mut variants: Vec<String> = Vec::new();
        for i in 0..chars.len() {
            let mut v = chars.clone();
            v.remove(i);
            variants.push(v.into_iter().collect());
            if i + 1 < chars.len() {
                let mut v = chars.clone();
                v.swap(i, i + 1);
                variants.push(v.into_iter().collect());
            }
        }
        for letter in 'a'..='z' {
            for i in 0..=chars.len() {
                let mut v = chars.clone();
                v.insert(i, letter);
                variants.push(v.into_iter().collect());
                if i < chars.len() {
                    let mut v = chars.clone();
                    v[i] = letter;
                    variants.push(v.into_iter().collect());
                }
            }
        }
        variants.iter().any(|v| {
            v != folded
                && words()
                    .zipf100(v)
                    .is_some_and(|z| z >= CLOSE_WORD_MIN_ZIPF100)
        })
    }

    #[test]
    fn close_words_in_place_agree_with_close_words_spelt_out() {
        for word in [
            "elizabteh",
            "goverment",
            "zelenskyy",
            "witkoff",
            "qzxv",
            "abc",
            "teh",
            "recieve",
            "thier",
            "antalya",
            "podolyak",
            "nvidia",
            "housee",
            "ouse",
            "aaaa",
            "trump's",
        ] {
            assert_eq!(
                has_close_known_ascii_word(word.as_bytes()),
                close_by_strings(word),
                "{word}"
            );
        }
        assert!(has_close_known_word("elizabteh"));
        assert!(!has_close_known_word("zelenskyy"));
    }

    #[test]
    fn the_capital_jump_stops_where_the_byte_loop_stops() {
        let text = "abc def ghi jkl Mno pqr stu vwx yz É z@[`{ ü Ÿ end Z";
        let bytes = text.as_bytes();
        for from in 0..=bytes.len() {
            let expected = (from..bytes.len())
                .find(|&i| bytes[i].is_ascii_uppercase() || bytes[i] >= 0xC0)
                .unwrap_or(bytes.len());
            assert_eq!(next_capital_or_lead(bytes, from), expected, "from {from}");
        }
    }

    #[test]
    fn candidates_are_unknown_capitalised_mid_sentence_words() {
        assert_eq!(
            scan("Zorblat said. Then Quexo met Quexo’s friend Vrinda and the Quexo team."),
            ["quexo", "vrinda"]
        );
        // Sentence starts, all caps, digits, URLs, e-mails and known words are not candidates.
        assert!(scan("Zorblat left.\nQuexo came! Vrinda? “Blorf” ZORBLAT Su57x").is_empty());
        assert!(
            scan("see https://Zorblat.org/Quexo or me@Zorblat.org and the Paris office").is_empty()
        );
        // Known misspellings are candidates too, but one edit from a frequent
        // word they need a share of the batch to become names.
        assert_eq!(scan("the Goverment issue"), ["goverment"]);
        assert!(has_close_known_word("goverment"));
        // Parentheses and quotes do not start a sentence.
        assert_eq!(
            scan("a friend (Vrinda) and “Quexo” too"),
            ["quexo", "vrinda"]
        );
    }

    #[test]
    fn a_word_becomes_a_name_in_enough_documents() {
        let mut names = BatchNames::new();
        for i in 0..MIN_DOCUMENTS {
            assert!(!names.names().contains("vrinda"), "after {i} documents");
            names.observe(&[Box::from("vrinda")]);
        }
        assert!(names.names().contains("vrinda"));
        assert_eq!(names.documents(), u64::from(MIN_DOCUMENTS));
    }

    #[test]
    fn a_near_miss_of_a_known_word_needs_a_share_of_the_batch() {
        assert!(has_close_known_word("elizabteh"));
        assert!(!has_close_known_word("vrinda"));
        let mut names = BatchNames::new();
        // 3 of 400 documents: not enough for a word one edit from `elizabeth`.
        for i in 0..400 {
            let doc: &[Box<str>] = if i % 100 == 0 {
                &[Box::from("elizabteh")]
            } else {
                &[]
            };
            names.observe(doc);
        }
        assert!(!names.names().contains("elizabteh"));
        let mut names = BatchNames::new();
        for _ in 0..MIN_DOCUMENTS {
            names.observe(&[Box::from("elizabteh")]);
        }
        assert!(
            names.names().contains("elizabteh"),
            "small batch, every document"
        );
    }

    #[test]
    fn from_texts_counts_documents_not_occurrences() {
        let texts = [
            "the Vrinda, Vrinda, Vrinda".to_string(),
            "and Vrinda".to_string(),
        ];
        let names = BatchNames::from_texts(texts.iter().map(String::as_str));
        assert!(names.names().is_empty());
        let texts = ["a Vrinda", "b Vrinda", "c Vrinda"];
        assert!(BatchNames::from_texts(texts).names().contains("vrinda"));
    }

    #[test]
    fn pruning_forgets_rare_words_first() {
        let mut names = BatchNames::new();
        names.counts.insert(
            Box::from("kept"),
            Count {
                documents: 2,
                close: None,
            },
        );
        for i in 0..MAX_CANDIDATES {
            names.counts.insert(
                format!("w{i}").into_boxed_str(),
                Count {
                    documents: 1,
                    close: None,
                },
            );
        }
        names.observe(&[]);
        assert!(names.counts.len() <= MAX_CANDIDATES / 2);
        assert!(names.counts.contains_key("kept"));
    }
}
