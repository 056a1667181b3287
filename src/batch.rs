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

use crate::dict::{misspellings, words};
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

/// Appends to `out` the folded keys of the words of `text` that could be
/// names: capitalised (`Title` or `McMixed`, not all caps), not at the start
/// of a sentence, free of digits, unknown to the lexicon and not a known
/// misspelling. A possessive `'s` is dropped. `out` ends sorted and unique.
///
/// The scan is lighter than the tokenizer (it runs once more over every
/// document): whitespace-separated pieces holding `://`, `@` or starting with
/// `www.` are skipped whole, and a sentence starts at the beginning, after a
/// line break and after `.`, `!`, `?` or `…`.
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
    let mut sentence_start = true;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' | b'\r' => {
                sentence_start = true;
                i += 1;
                continue;
            }
            b' ' | b'\t' => {
                i += 1;
                continue;
            }
            _ => {}
        }
        let end = bytes[i..]
            .iter()
            .position(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
            .map_or(bytes.len(), |p| i + p);
        let piece = &text[i..end];
        if piece.contains("://") || piece.contains('@') || piece.starts_with("www.") {
            sentence_start = piece.ends_with(['.', '!', '?']);
        } else {
            scan_piece(piece, &mut sentence_start, out);
        }
        i = end;
    }
    out.sort_unstable();
    out.dedup();
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c)
}

fn scan_piece(piece: &str, sentence_start: &mut bool, out: &mut Vec<Box<str>>) {
    let mut chars = piece.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if is_word_char(c) {
            let mut end = start + c.len_utf8();
            let mut has_digit = c.is_numeric();
            while let Some(&(j, d)) = chars.peek() {
                if is_word_char(d) {
                    has_digit |= d.is_numeric();
                    end = j + d.len_utf8();
                    chars.next();
                } else if matches!(d, '\'' | '\u{2019}')
                    && piece[j + d.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(is_word_char)
                {
                    end = j + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            if !*sentence_start && !has_digit {
                consider(&piece[start..end], out);
            }
            *sentence_start = false;
            continue;
        }
        match c {
            '.' | '!' | '?' | '…' => *sentence_start = true,
            '"' | '\'' | '“' | '”' | '‘' | '’' | '«' | '»' | '(' | ')' | '[' | ']' => {}
            c if c.is_whitespace() => {}
            _ => *sentence_start = false,
        }
    }
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
    let unknown = with_folded_key(base, |key| {
        words().get(key).is_none() && misspellings().get(key).is_none()
    });
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
        // Known misspellings are typos, never names.
        assert!(scan("the Goverment and the Febuary issue").is_empty());
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
