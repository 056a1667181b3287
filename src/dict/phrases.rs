//! The spinner phrasebook: spun phrase → original phrase, with a weight, a
//! case mode and the context that makes a match safe to flag; matched over a
//! document's folded words.
//!
//! File format (`dictionaries/spun_phrases.tsv`), one entry per line:
//! `spun<TAB>original<TAB>weight<TAB>case<TAB>context`
//!
//! * `weight`: 3 = never written by people (`Oval Workplace`), 2 = rare in
//!   normal prose (`as a substitute of`), 1 = normal English that spinners
//!   also produce (`in keeping with`): weight-1 entries count toward the
//!   document score and are flagged only in a document that already looks spun.
//! * `case`: `exact` (the spun words must be written exactly so: spun names)
//!   or `fold` (any case; the original takes the match's case pattern).
//! * `context`: `-`, `not-before:W1|W2` (the next word is none of these),
//!   `not-after:W1|W2` (the previous word is none of these), `capitalised`
//!   (first word capitalised mid-sentence: a name) or `spun-doc` (only in a
//!   document with other strong hits). Several may be joined with `,`.
//!
//! `build.rs` indexes the phrases by their first folded word (lowercase,
//! `’` → `'`) into an embedded hash table (see [`build_phrase_index`]), so
//! start-up costs nothing: the matcher looks up each word of the document
//! once, compares the rest of a candidate phrase word by word with the
//! words that follow, and parses an entry's line only when it matches.

use std::borrow::Cow;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use crate::dict::data_lines;
use crate::dict::keyhash::key_hash;
use crate::dict::table::Table;
use crate::text::case::fold_key;

include!("phrase_index.rs");

const SOURCE: &str = include_str!("../../dictionaries/spun_phrases.tsv");
static INDEX: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/phrases.bin"));
static FILTER: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/phrase_filter.bin"));

/// Where a phrasebook entry may fire.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PhraseContext {
    /// The next word (folded) must not be one of these.
    NotBefore(Box<[Box<str>]>),
    /// The previous word (folded) must not be one of these.
    NotAfter(Box<[Box<str>]>),
    /// The first word must be capitalised and not start a sentence.
    Capitalised,
    /// Only in a document that already looks spun.
    SpunDoc,
}

/// One phrasebook entry.
#[derive(Clone, Debug)]
pub struct PhraseEntry {
    /// The spun phrase as written in the phrasebook.
    pub spun: Box<str>,
    /// The original phrase it replaced.
    pub original: Box<str>,
    /// 1 (normal English) to 3 (never written by people).
    pub weight: u8,
    /// Whether the spun words must match the phrasebook's capitalisation.
    pub exact_case: bool,
    /// Conditions that must all hold.
    pub contexts: Box<[PhraseContext]>,
}

/// A sequence of folded words to match the phrasebook against (see
/// [`Phrasebook::find_words`]).
pub trait PhraseWords {
    /// Number of words.
    fn len(&self) -> usize;
    /// Whether there is no word.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// The [`word_hash`] of word `i`'s folded key.
    fn hash(&self, i: usize) -> u64;
    /// Whether word `i` follows word `i - 1` with only spaces between (a
    /// phrase never runs over punctuation, a quote or a line break).
    fn joined(&self, i: usize) -> bool;
    /// Calls `f` with the folded key of word `i`.
    fn with_key<R>(&self, i: usize, f: impl FnOnce(&str) -> R) -> R;
    /// Whether the folded key of word `i` is `folded`.
    fn key_is(&self, i: usize, folded: &[u8]) -> bool {
        self.with_key(i, |k| k.as_bytes() == folded)
    }
}

/// A match of a phrasebook phrase in a word sequence: the first and last
/// word (indices into the sequence) and the entries of the phrase (byte
/// offset and number of their lines in the phrasebook source).
#[derive(Clone, Copy, Debug)]
pub struct PhraseMatch {
    /// Index of the first matched word.
    pub first: usize,
    /// Index of the last matched word.
    pub last: usize,
    lines: [(u32, u32); MAX_ENTRIES_PER_PATTERN],
    count: u8,
}

/// The phrases indexed by their first folded word (see
/// [`build_phrase_index`] for the value layout).
#[derive(Debug)]
enum Index {
    /// Compiled by `build.rs` and embedded: nothing is built at start-up.
    Compiled(Table),
    /// Built at run time from another source (tests, tools).
    Parsed(FxHashMap<String, Vec<u8>>),
}

/// The phrasebook: its source text, the index of its phrases and the
/// Bloom filter over the index keys (see [`pair_filter_bits`]).
#[derive(Debug)]
pub struct Phrasebook {
    source: Cow<'static, str>,
    index: Index,
    filter: Cow<'static, [u8]>,
    /// The entries parsed so far, by line (see [`ParsedLines`]).
    parsed: OnceLock<ParsedLines>,
}

/// The phrasebook's lines, each parsed the first time a match needs it:
/// a document pays for the entries it matches, and a batch parses each
/// entry once however often it matches (parsing a line costs as much as
/// matching a page of text).
#[derive(Debug)]
struct ParsedLines {
    /// The entry of each line (by its 0-based number), once parsed
    /// (`None`: malformed).
    entries: Box<[OnceLock<Option<PhraseEntry>>]>,
}

impl ParsedLines {
    fn new(source: &str) -> Self {
        let lines = source.bytes().filter(|&b| b == b'\n').count() + 1;
        Self {
            entries: (0..lines).map(|_| OnceLock::new()).collect(),
        }
    }

    /// The entry of line `number`, which starts at byte `at` of `source`.
    fn entry(&self, source: &str, at: u32, number: u32) -> Option<&PhraseEntry> {
        self.entries
            .get(number as usize)?
            .get_or_init(|| {
                let rest = source.get(at as usize..)?;
                let line = rest.split('\n').next()?.trim_end_matches('\r');
                parse_line(line).ok()
            })
            .as_ref()
    }
}

/// Why a phrasebook line was rejected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhraseLineError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub reason: String,
}

fn parse_context(field: &str) -> Result<Vec<PhraseContext>, String> {
    let mut out = Vec::new();
    for part in field.split(',').map(str::trim) {
        let words = |list: &str| -> Box<[Box<str>]> {
            list.split('|')
                .filter(|w| !w.is_empty())
                .map(|w| fold_key(w).into_boxed_str())
                .collect()
        };
        match part {
            "" | "-" => {}
            "capitalised" | "capitalized" => out.push(PhraseContext::Capitalised),
            "spun-doc" => out.push(PhraseContext::SpunDoc),
            _ => {
                if let Some(list) = part.strip_prefix("not-before:") {
                    out.push(PhraseContext::NotBefore(words(list)));
                } else if let Some(list) = part.strip_prefix("not-after:") {
                    out.push(PhraseContext::NotAfter(words(list)));
                } else {
                    return Err(format!("unknown context `{part}`"));
                }
            }
        }
    }
    Ok(out)
}

/// Parses one data line.
///
/// # Errors
/// A reason when the line is malformed.
pub fn parse_line(line: &str) -> Result<PhraseEntry, String> {
    let f: Vec<&str> = line.split('\t').collect();
    if f.len() < 3 {
        return Err("needs spun<TAB>original<TAB>weight<TAB>case<TAB>context".into());
    }
    let spun = f[0].trim();
    let original = f[1].trim();
    if spun.is_empty() || original.is_empty() {
        return Err("empty phrase".into());
    }
    if spun.split_whitespace().nth(1).is_none() {
        return Err("a spun phrase has at least two words (single words belong to S002)".into());
    }
    let weight: u8 = f[2]
        .trim()
        .parse()
        .ok()
        .filter(|w| (1..=3).contains(w))
        .ok_or_else(|| format!("weight `{}` is not 1, 2 or 3", f[2]))?;
    let exact_case = match f.get(3).map_or("fold", |s| s.trim()) {
        "exact" => true,
        "fold" | "" | "-" => false,
        other => return Err(format!("case `{other}` is not `exact` or `fold`")),
    };
    let contexts = parse_context(f.get(4).copied().unwrap_or("-"))?;
    Ok(PhraseEntry {
        spun: spun.split_whitespace().collect::<Vec<_>>().join(" ").into(),
        original: original.into(),
        weight,
        exact_case,
        contexts: contexts.into_boxed_slice(),
    })
}

impl Phrasebook {
    /// Indexes a phrasebook at run time (the embedded one is compiled by
    /// `build.rs`, see [`phrasebook`]). Malformed lines never match (see
    /// [`Phrasebook::check`] to list them).
    #[must_use]
    pub fn parse(src: &str) -> Self {
        let index = build_phrase_index(src, fold_key);
        let filter = build_pair_filter(index.keys().map(String::as_str), key_hash);
        Self {
            source: Cow::Owned(src.to_string()),
            index: Index::Parsed(index.into_iter().collect()),
            filter: Cow::Owned(filter),
            parsed: OnceLock::new(),
        }
    }

    /// The malformed lines of `src`.
    #[must_use]
    pub fn check(src: &str) -> Vec<PhraseLineError> {
        data_lines(src)
            .filter_map(|(n, l)| {
                parse_line(l)
                    .err()
                    .map(|reason| PhraseLineError { line: n, reason })
            })
            .collect()
    }

    /// Every well-formed entry, in file order (parsed on each call: for
    /// tools and tests, not the matcher).
    #[must_use]
    pub fn entries(&self) -> Vec<PhraseEntry> {
        data_lines(&self.source)
            .filter_map(|(_, l)| parse_line(l).ok())
            .collect()
    }

    /// The well-formed entries of a match, in file order, parsed from their
    /// lines (only matched lines are ever parsed, each once).
    pub fn entries_of(&self, m: &PhraseMatch) -> impl Iterator<Item = &PhraseEntry> + '_ {
        let (lines, count) = (m.lines, usize::from(m.count));
        let parsed = self.parsed.get_or_init(|| ParsedLines::new(&self.source));
        (0..count).filter_map(move |i| parsed.entry(&self.source, lines[i].0, lines[i].1))
    }

    /// The index value of phrases starting with the folded words `w1 w2`.
    fn phrases_starting(&self, w1: &str, w2: &str) -> Option<&[u8]> {
        match &self.index {
            Index::Compiled(t) => t.value_joined(&[w1.as_bytes(), b" ", w2.as_bytes()]),
            Index::Parsed(m) => m.get(&format!("{w1} {w2}")).map(Vec::as_slice),
        }
    }

    /// Every match in a sequence of folded words (see [`PhraseWords`]).
    /// Overlapping matches are all reported, by first word, longest first.
    /// The words come hashed (the word rules hash every word of a document
    /// once); a pair of joined words is looked up only when the pair filter
    /// lets it through, and only then are its words' keys read.
    pub fn find_words(&self, words: &impl PhraseWords, out: &mut Vec<PhraseMatch>) {
        out.clear();
        let len = words.len();
        let filter = &*self.filter;
        let bit = |i: usize| filter.get(i >> 3).is_some_and(|b| b & (1 << (i & 7)) != 0);
        let mut h2 = if len > 0 { words.hash(0) } else { 0 };
        for first in 0..len.saturating_sub(1) {
            let h1 = h2;
            h2 = words.hash(first + 1);
            if !words.joined(first + 1) {
                continue;
            }
            let (a, b) = pair_filter_bits(h1, h2);
            if !(bit(a) && bit(b)) {
                continue;
            }
            let value = words.with_key(first, |w1| {
                words.with_key(first + 1, |w2| self.phrases_starting(w1, w2))
            });
            let Some(mut value) = value else {
                continue;
            };
            while let Some((&n, rest)) = value.split_first() {
                let n = usize::from(n);
                value = rest;
                let mut fits = first + n <= len;
                for w in first + 2..first + n {
                    let (&l, rest) = value.split_first().expect("index holds word lengths");
                    let (word, rest) = rest.split_at(usize::from(l));
                    value = rest;
                    fits = fits && words.joined(w) && words.key_is(w, word);
                }
                let (&count, rest) = value.split_first().expect("index holds entry counts");
                let (entries, rest) = rest.split_at(usize::from(count) * 8);
                value = rest;
                if !fits {
                    continue;
                }
                let mut lines = [(0u32, 0u32); MAX_ENTRIES_PER_PATTERN];
                for (slot, b) in lines.iter_mut().zip(entries.chunks_exact(8)) {
                    *slot = (
                        u32::from_le_bytes([b[0], b[1], b[2], b[3]]),
                        u32::from_le_bytes([b[4], b[5], b[6], b[7]]),
                    );
                }
                out.push(PhraseMatch {
                    first,
                    last: first + n - 1,
                    lines,
                    count,
                });
            }
        }
    }

    /// All matches in `folded`, folded words separated by one space (or by
    /// `\n` where a phrase must not run on); word indices count the words
    /// of `folded`. A convenience over [`Phrasebook::find_words`].
    pub fn find_in(&self, folded: &str, out: &mut Vec<PhraseMatch>) {
        /// Folded words with whether each follows the previous one.
        struct Split<'a>(Vec<(&'a str, bool)>);
        impl PhraseWords for Split<'_> {
            fn len(&self) -> usize {
                self.0.len()
            }
            fn hash(&self, i: usize) -> u64 {
                word_hash(self.0[i].0)
            }
            fn joined(&self, i: usize) -> bool {
                self.0[i].1
            }
            fn with_key<R>(&self, i: usize, f: impl FnOnce(&str) -> R) -> R {
                f(self.0[i].0)
            }
        }
        let mut words: Vec<(&str, bool)> = Vec::new();
        let mut joined = false;
        for part in folded.split_inclusive(['\n', ' ']) {
            let word = part.trim_end_matches(['\n', ' ']);
            if !word.is_empty() {
                words.push((word, joined));
            }
            joined = part.ends_with(' ');
        }
        self.find_words(&Split(words), out);
    }

    /// Number of well-formed entries.
    #[must_use]
    pub fn len(&self) -> usize {
        data_lines(&self.source)
            .filter(|(_, l)| parse_line(l).is_ok())
            .count()
    }

    /// Whether there is no entry.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The hash of a folded word that [`Phrasebook::find_words`] expects (and
/// the spin analysis uses for its other word tables).
#[must_use]
#[inline]
pub fn word_hash(folded: &str) -> u64 {
    key_hash(folded.as_bytes())
}

/// The embedded phrasebook, indexed by `build.rs`: nothing is parsed or
/// built at start-up, a match parses only its own lines.
pub fn phrasebook() -> &'static Phrasebook {
    static BOOK: OnceLock<Phrasebook> = OnceLock::new();
    BOOK.get_or_init(|| Phrasebook {
        source: Cow::Borrowed(SOURCE),
        index: Index::Compiled(Table::new(INDEX)),
        filter: Cow::Borrowed(FILTER),
        parsed: OnceLock::new(),
    })
}

/// The embedded phrasebook's source text (for data checks).
#[must_use]
pub fn phrasebook_source() -> &'static str {
    SOURCE
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOOK: &str = "# test\nOval Workplace\tOval Office\t3\texact\t-\n\
as a substitute of\tinstead of\t2\tfold\t-\n\
the primary\tthe first\t1\tfold\tnot-before:school|reason\n";

    #[test]
    fn parses_fields_and_contexts() {
        let b = Phrasebook::parse(BOOK);
        assert_eq!(b.len(), 3);
        assert!(b.entries()[0].exact_case);
        assert_eq!(b.entries()[1].weight, 2);
        assert_eq!(
            b.entries()[2].contexts[0],
            PhraseContext::NotBefore(vec!["school".into(), "reason".into()].into())
        );
        assert!(Phrasebook::check(BOOK).is_empty());
        assert_eq!(Phrasebook::check("a b\tc\t7\tfold\t-\n")[0].line, 1);
    }

    #[test]
    fn matches_whole_words_only() {
        let b = Phrasebook::parse(BOOK);
        let mut out = Vec::new();
        b.find_in(
            "in the oval workplace as a substitute of\nthe primary",
            &mut out,
        );
        assert_eq!(out.len(), 3);
        b.find_in("the primaryschool xoval workplace", &mut out);
        assert!(out.is_empty());
        // A phrase never runs over punctuation or a line break.
        b.find_in("the oval\nworkplace as a\nsubstitute of", &mut out);
        assert!(out.is_empty());
        // Word indices and entries of a match.
        b.find_in("met as a substitute of", &mut out);
        assert_eq!((out[0].first, out[0].last), (1, 4));
        let originals: Vec<String> = b
            .entries_of(&out[0])
            .map(|e| e.original.to_string())
            .collect();
        assert_eq!(originals, ["instead of"]);
        // A second match of the same phrase reads the entry parsed the first time.
        let again = b.entries_of(&out[0]).next().expect("parsed once");
        assert!(std::ptr::eq(
            again,
            b.entries_of(&out[0]).next().expect("cached")
        ));
    }

    #[test]
    fn embedded_phrasebook_is_well_formed() {
        assert_eq!(Phrasebook::check(phrasebook_source()), Vec::new());
        assert!(!phrasebook().is_empty());
        // The compiled index finds what a run-time index of the same source finds.
        let text = "met in the oval workplace\nas a substitute of the primary";
        let (mut a, mut b) = (Vec::new(), Vec::new());
        phrasebook().find_in(text, &mut a);
        Phrasebook::parse(phrasebook_source()).find_in(text, &mut b);
        let spans = |v: &[PhraseMatch]| v.iter().map(|m| (m.first, m.last)).collect::<Vec<_>>();
        assert_eq!(spans(&a), spans(&b));
        assert!(!a.is_empty());
    }
}
