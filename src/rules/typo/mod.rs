//! `T` rules: typos and words, and the evidence they share (which words a
//! document treats as names, how a clitic attaches to its stem).

pub mod inconsistent_name_case;
pub mod known_misspelling;
pub mod lowercase_proper_noun;
pub mod other_dialect_spelling;
pub mod repeated_word;
pub mod unknown_word;

use rustc_hash::FxHashMap;

use crate::dict::table::WordKey;
use crate::dict::words::Words;
use crate::text::case::{casing, fold_key, starts_with_capital, with_folded_key, Casing};
use crate::text::{Document, TokenKind};

/// Splits a folded word into a stem and a clitic that may attach to any
/// word: `putin's` → (`putin`, `'s`), `students'` → (`students`, `'`),
/// `it'll` → (`it`, `'ll`). `n't` is not included: it attaches only to
/// auxiliaries, which the lexicon lists whole (`didn't`), so `gained't` has
/// no valid split.
pub(crate) fn clitic_split(folded: &str) -> Option<(&str, &str)> {
    let at = folded.rfind('\'')?;
    let (stem, clitic) = folded.split_at(at);
    if stem.is_empty() {
        return None;
    }
    match clitic {
        "'s" | "'" | "'ll" | "'re" | "'ve" | "'d" | "'m" => Some((stem, clitic)),
        _ => None,
    }
}

/// What the lexicon says of one token, looked up once per document for
/// every rule that asks (see [`crate::rules::CheckContext::lexical`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Lexical {
    /// Not a word token.
    NotAWord,
    /// One of the most frequent lowercase words (`the`, `said`).
    Common,
    /// A known word; whether some form is written all in lowercase, and
    /// whether the word is also a listed misspelling.
    Known { lowercase: bool, listed: bool },
    /// In no dictionary (clitics are not stripped here).
    Unknown,
}

impl Lexical {
    /// Whether the lexicon knows the word.
    pub(crate) fn is_known(self) -> bool {
        matches!(self, Lexical::Common | Lexical::Known { .. })
    }

    /// Whether the lexicon writes the word in lowercase.
    pub(crate) fn has_lowercase_form(self) -> bool {
        matches!(
            self,
            Lexical::Common
                | Lexical::Known {
                    lowercase: true,
                    ..
                }
        )
    }

    /// Whether the word may be a listed misspelling: unknown words and the
    /// few known ones the build marked, so other words skip that table.
    pub(crate) fn may_be_listed(self) -> bool {
        matches!(self, Lexical::Unknown | Lexical::Known { listed: true, .. })
    }

    fn of_key(lexicon: &Words, key: &WordKey<'_>) -> Self {
        if lexicon.is_common_lowercase_key(key) {
            Lexical::Common
        } else {
            match lexicon.flags_uncommon_key(key) {
                Some((lowercase, listed)) => Lexical::Known { lowercase, listed },
                None => Lexical::Unknown,
            }
        }
    }
}

/// The lookup key and lexicon class of every word of a document, computed
/// once (see [`crate::rules::CheckContext::words`]) for every rule that asks:
/// one hash per word, no folded copy of ASCII words.
#[derive(Debug, Default)]
pub(crate) struct DocWords {
    /// Per token: its class ([`Lexical::NotAWord`] for other tokens).
    lexical: Vec<Lexical>,
    /// Per token: the hash of the folded key (0 for other tokens).
    hashes: Vec<u64>,
    /// The folded keys of the non-ASCII words, by token index (ascending).
    folded: Vec<(usize, Box<str>)>,
}

impl DocWords {
    /// Classifies every token of `doc`.
    pub(crate) fn build(doc: &Document<'_>) -> Self {
        let lexicon = crate::dict::words();
        let tokens = doc.tokens();
        let mut words = Self {
            lexical: Vec::with_capacity(tokens.len()),
            hashes: Vec::with_capacity(tokens.len()),
            folded: Vec::new(),
        };
        for (i, t) in tokens.iter().enumerate() {
            if t.kind != TokenKind::Word {
                words.lexical.push(Lexical::NotAWord);
                words.hashes.push(0);
                continue;
            }
            let word = doc.slice(t.span);
            let (lexical, hash) = match WordKey::ascii_word(word) {
                Some(key) => (Lexical::of_key(lexicon, &key), key.hash()),
                None => {
                    let folded = fold_key(word);
                    let key = WordKey::folded(&folded);
                    let found = (Lexical::of_key(lexicon, &key), key.hash());
                    words.folded.push((i, folded.into_boxed_str()));
                    found
                }
            };
            words.lexical.push(lexical);
            words.hashes.push(hash);
        }
        words
    }

    /// The class of every token.
    pub(crate) fn lexical(&self) -> &[Lexical] {
        &self.lexical
    }

    /// The lookup key of word token `index` (any table keyed by folded words).
    pub(crate) fn key<'a>(&'a self, doc: &Document<'a>, index: usize) -> WordKey<'a> {
        let word = doc.token_text(index);
        if word.is_ascii() {
            return WordKey::ascii_word_hashed(word, self.hashes[index]);
        }
        match self.folded.binary_search_by_key(&index, |(i, _)| *i) {
            Ok(at) => WordKey::folded(&self.folded[at].1),
            Err(_) => WordKey::folded(""), // not a word: an empty key finds nothing
        }
    }

    /// The hash of the folded key of word token `index` (0 for other tokens).
    pub(crate) fn hash(&self, index: usize) -> u64 {
        self.hashes[index]
    }
}

/// How often a document writes one word in title case.
#[derive(Debug, Default)]
struct NameCounts {
    /// Mid-sentence uses.
    mid: u32,
    /// Mid-sentence uses with no capitalised word or `the` right before or
    /// after, as in `said Trump was` but not `President Trump`, `the West`.
    standalone: u32,
    /// Mid-sentence uses right before another capitalised word, heading a
    /// longer name (`Pacific Island`).
    leading: u32,
    /// Mid-sentence uses beside another capitalised word other than `The`,
    /// inside a longer name (`Serdar Berdimuhamedov`).
    in_run: u32,
    /// Uses anywhere outside headlines, sentence starts included.
    anywhere: u32,
}

/// Words a document writes capitalised in mid-sentence, by folded key
/// (clitics removed): the document's own names (`Witkoff`, `Trump`).
#[derive(Debug, Default)]
pub(crate) struct DocNames {
    /// Hash of the folded stem ([`WordKey::hash`]) → how the document
    /// capitalises it. Keyed by the 64-bit hash the lexicon lookup already
    /// computed, so neither collecting nor asking hashes or copies a string
    /// (two stems of one document colliding in 64 bits is not a concern).
    counts: FxHashMap<u64, NameCounts>,
}

impl DocNames {
    /// Collects the mid-sentence capitalised words of `doc`. A word right
    /// after a colon, an opening quote or a line start counts as sentence
    /// start, and title-case lines (headlines, where most words are
    /// capitalised) are left out, so neither makes names.
    pub(crate) fn collect(doc: &Document<'_>, keys: &DocWords) -> Self {
        let mut counts: FxHashMap<u64, NameCounts> = FxHashMap::default();
        let tokens = doc.tokens();
        let mut line_start = 0;
        while line_start < tokens.len() {
            let line_end = tokens[line_start..]
                .iter()
                .position(|t| t.kind == TokenKind::Newline)
                .map_or(tokens.len(), |p| line_start + p + 1);
            let (mut words, mut capitalised) = (0usize, 0usize);
            for t in &tokens[line_start..line_end] {
                if t.kind == TokenKind::Word {
                    words += 1;
                    capitalised += usize::from(starts_with_capital(doc.slice(t.span)));
                }
            }
            let headline = words >= 3 && capitalised * 5 >= words * 3;
            if !headline {
                for (i, t) in tokens.iter().enumerate().take(line_end).skip(line_start) {
                    if t.kind != TokenKind::Word {
                        continue;
                    }
                    let word = doc.slice(t.span);
                    if !starts_with_capital(word) || casing(word) != Casing::Title {
                        continue;
                    }
                    let stem_hash = if has_apostrophe(word) {
                        with_folded_key(word, |key| {
                            let stem = clitic_split(key).map_or(key, |(stem, _)| stem);
                            WordKey::folded(stem).hash()
                        })
                    } else {
                        keys.hash(i)
                    };
                    let mut bump = |f: &dyn Fn(&mut NameCounts)| {
                        f(counts.entry(stem_hash).or_default());
                    };
                    if is_sentence_initial(doc, i) {
                        bump(&|n| n.anywhere += 1);
                        continue;
                    }
                    let capital_or_the = |w: Option<&str>| {
                        w.is_some_and(|w| starts_with_capital(w) || w.eq_ignore_ascii_case("the"))
                    };
                    let standalone = !capital_or_the(adjacent_word(doc, i, true))
                        && !capital_or_the(adjacent_word(doc, i, false));
                    let capital = |w: Option<&str>| w.is_some_and(starts_with_capital);
                    let leading = capital(adjacent_word(doc, i, false));
                    let in_run = leading
                        || adjacent_word(doc, i, true)
                            .is_some_and(|w| capital(Some(w)) && !w.eq_ignore_ascii_case("the"));
                    bump(&|n| {
                        n.mid += 1;
                        n.standalone += u32::from(standalone);
                        n.leading += u32::from(leading);
                        n.in_run += u32::from(in_run);
                        n.anywhere += 1;
                    });
                }
            }
            line_start = line_end;
        }
        Self { counts }
    }

    fn of(&self, stem: &str) -> Option<&NameCounts> {
        self.counts.get(&WordKey::folded(stem).hash())
    }

    /// Whether the document capitalises mid-sentence the word whose folded
    /// key (no clitic) has hash `hash` ([`DocNames::count`] above zero), for
    /// hot loops that know the hash already.
    pub(crate) fn capitalises_mid_sentence(&self, hash: u64) -> bool {
        self.counts.get(&hash).is_some_and(|n| n.mid > 0)
    }

    /// How often the document writes `stem` (folded, no clitic) capitalised
    /// mid-sentence.
    pub(crate) fn count(&self, stem: &str) -> u32 {
        self.of(stem).map_or(0, |n| n.mid)
    }

    /// How often the document writes `stem` in title case anywhere outside
    /// headlines, sentence starts included.
    pub(crate) fn anywhere(&self, stem: &str) -> u32 {
        self.of(stem).map_or(0, |n| n.anywhere)
    }

    /// How often the document writes `stem` capitalised mid-sentence right
    /// before another capitalised word (`Pacific Island`).
    pub(crate) fn leading(&self, stem: &str) -> u32 {
        self.of(stem).map_or(0, |n| n.leading)
    }

    /// How often the document writes `stem` capitalised mid-sentence beside
    /// another capitalised word other than `The` (`Serdar Berdimuhamedov`).
    pub(crate) fn in_run(&self, stem: &str) -> u32 {
        self.of(stem).map_or(0, |n| n.in_run)
    }

    /// How often the document writes `stem` capitalised mid-sentence with no
    /// capitalised word or `the` beside it (a name standing alone).
    pub(crate) fn standalone(&self, stem: &str) -> u32 {
        self.of(stem).map_or(0, |n| n.standalone)
    }
}

/// Whether a word contains an apostrophe (`'`, `’` or `ʼ`), so its folded
/// key may carry a clitic.
pub(crate) fn has_apostrophe(word: &str) -> bool {
    word.bytes().any(|b| b == b'\'' || b >= 0x80) && word.contains(['\'', '\u{2019}', '\u{02BC}'])
}

/// Whether the word at token `index` opens a sentence, a line, a quotation
/// or follows a colon: places where any word may be capitalised.
pub(crate) fn is_sentence_initial(doc: &Document<'_>, index: usize) -> bool {
    if doc.starts_sentence(index) {
        return true;
    }
    match doc.prev_non_space(index) {
        None => true,
        Some(p) => {
            let t = doc.tokens()[p];
            match t.kind {
                TokenKind::OpenQuote | TokenKind::AmbiguousQuote | TokenKind::Newline => true,
                TokenKind::Punct => matches!(doc.slice(t.span), ":" | "(" | "[" | "—" | "–"),
                _ => false,
            }
        }
    }
}

/// The folded neighbouring word on the left or right of token `index`, when
/// only spaces separate them (punctuation breaks the context).
pub(crate) fn adjacent_word<'s>(doc: &Document<'s>, index: usize, left: bool) -> Option<&'s str> {
    let tokens = doc.tokens();
    let mut i = index;
    loop {
        i = if left {
            i.checked_sub(1)?
        } else {
            let n = i + 1;
            if n >= tokens.len() {
                return None;
            }
            n
        };
        match tokens[i].kind {
            TokenKind::Space => continue,
            TokenKind::Word => return Some(doc.slice(tokens[i].span)),
            _ => return None,
        }
    }
}

/// Whether the lowercase word at token `index`, whose folded stem `stem`
/// the dictionaries only write capitalised, stands where a name seldom
/// goes: right after `a` or `an` (`a hugh rock`), with the document never
/// writing it capitalised. There it is more likely a slip of another word
/// (`huge`) than a name in lowercase.
pub(crate) fn is_name_out_of_place(
    doc: &Document<'_>,
    names: &DocNames,
    index: usize,
    stem: &str,
) -> bool {
    adjacent_word(doc, index, true)
        .is_some_and(|w| w.eq_ignore_ascii_case("a") || w.eq_ignore_ascii_case("an"))
        && names.anywhere(stem) == 0
}

/// Whether the word at `index` is joined by a hyphen to another word
/// (`long-time`, `Trump-Putin`).
pub(crate) fn is_compound_part(doc: &Document<'_>, index: usize) -> bool {
    let tokens = doc.tokens();
    let hyphen = |i: usize| tokens[i].kind == TokenKind::Punct && doc.slice(tokens[i].span) == "-";
    let word = |i: usize| {
        matches!(
            tokens[i].kind,
            TokenKind::Word | TokenKind::Skip | TokenKind::Number
        )
    };
    (index >= 2 && hyphen(index - 1) && word(index - 2))
        || (index + 2 < tokens.len() && hyphen(index + 1) && word(index + 2))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Format;

    #[test]
    fn clitics() {
        assert_eq!(clitic_split("putin's"), Some(("putin", "'s")));
        assert_eq!(clitic_split("students'"), Some(("students", "'")));
        assert_eq!(clitic_split("gained't"), None);
        assert_eq!(clitic_split("'s"), None);
    }

    #[test]
    fn document_names_are_mid_sentence_capitals() {
        let doc = Document::new(
            "Witkoff met Putin. Then Witkoff’s envoy left. “Some said so.\nA Title Case Headline Here",
            Format::Plain,
        );
        let names = DocNames::collect(&doc, &DocWords::build(&doc));
        assert_eq!(names.count("putin"), 1);
        assert_eq!(names.count("witkoff"), 1);
        assert_eq!(names.count("then"), 0);
        assert_eq!(names.count("some"), 0);
        assert_eq!(names.count("headline"), 0);
    }
}
