//! The spinner phrasebook: spun phrase → original phrase, with a weight, a
//! case mode and the context that makes a match safe to flag; matched with
//! one Aho-Corasick automaton over a document's folded word sequence.
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
//! The automaton is built over folded patterns (lowercase, `’` → `'`, single
//! spaces) and run over the document's folded words, not over raw bytes, so
//! one scan serves every entry and word boundaries are exact.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use rustc_hash::FxHashMap;

use crate::dict::data_lines;
use crate::text::case::fold_key;

const SOURCE: &str = include_str!("../../dictionaries/spun_phrases.tsv");

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

/// A match of a pattern in a folded word sequence: byte range in that
/// sequence and the entries whose folded spun phrase it is.
#[derive(Clone, Copy, Debug)]
pub struct PhraseMatch {
    /// Start byte in the folded sequence.
    pub start: usize,
    /// End byte in the folded sequence.
    pub end: usize,
    /// Index of the pattern (see [`Phrasebook::entries_of`]).
    pub pattern: usize,
}

/// The parsed phrasebook and its automaton.
#[derive(Debug)]
pub struct Phrasebook {
    entries: Vec<PhraseEntry>,
    /// Entry indices per pattern.
    by_pattern: Vec<Vec<u32>>,
    automaton: Option<AhoCorasick>,
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
    /// Parses a phrasebook, skipping malformed lines (see [`Phrasebook::check`]
    /// to list them).
    #[must_use]
    pub fn parse(src: &str) -> Self {
        let entries: Vec<PhraseEntry> = data_lines(src)
            .filter_map(|(_, l)| parse_line(l).ok())
            .collect();
        let mut patterns: Vec<String> = Vec::new();
        let mut index: FxHashMap<String, usize> = FxHashMap::default();
        let mut by_pattern: Vec<Vec<u32>> = Vec::new();
        for (i, e) in entries.iter().enumerate() {
            let key = fold_key(&e.spun);
            let id = *index.entry(key.clone()).or_insert_with(|| {
                patterns.push(key);
                by_pattern.push(Vec::new());
                patterns.len() - 1
            });
            by_pattern[id].push(u32::try_from(i).expect("fewer than 4 billion entries"));
        }
        let automaton = (!patterns.is_empty()).then(|| {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::Standard)
                .build(&patterns)
                .expect("phrasebook patterns build an automaton")
        });
        Self {
            entries,
            by_pattern,
            automaton,
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

    /// Every entry.
    #[must_use]
    pub fn entries(&self) -> &[PhraseEntry] {
        &self.entries
    }

    /// The entries of a matched pattern.
    pub fn entries_of(&self, pattern: usize) -> impl Iterator<Item = &PhraseEntry> + '_ {
        self.by_pattern[pattern]
            .iter()
            .map(|&i| &self.entries[i as usize])
    }

    /// All matches in `folded`, a sequence of folded words separated by one
    /// space (or by `\n` where a phrase must not run on), that start and end
    /// on word boundaries; overlapping matches included, in start order.
    pub fn find_in(&self, folded: &str, out: &mut Vec<PhraseMatch>) {
        out.clear();
        let Some(ac) = &self.automaton else {
            return;
        };
        let bytes = folded.as_bytes();
        let is_sep = |b: u8| b == b' ' || b == b'\n';
        for m in ac.find_overlapping_iter(folded) {
            let (s, e) = (m.start(), m.end());
            if (s == 0 || is_sep(bytes[s - 1])) && (e == bytes.len() || is_sep(bytes[e])) {
                out.push(PhraseMatch {
                    start: s,
                    end: e,
                    pattern: m.pattern().as_usize(),
                });
            }
        }
        out.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    }

    /// Number of entries.
    #[must_use]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there is no entry.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// The embedded phrasebook, parsed and compiled on first use.
pub fn phrasebook() -> &'static Phrasebook {
    static BOOK: OnceLock<Phrasebook> = OnceLock::new();
    BOOK.get_or_init(|| Phrasebook::parse(SOURCE))
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
    }

    #[test]
    fn embedded_phrasebook_is_well_formed() {
        assert_eq!(Phrasebook::check(phrasebook_source()), Vec::new());
        assert!(!phrasebook().is_empty());
    }
}
