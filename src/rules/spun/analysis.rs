//! One pass over a document that finds every spin candidate for the `S`
//! rules and decides whether the document as a whole looks spun.
//!
//! The three `S` rules share this analysis because their evidence is joint:
//! weak hits (normal English that spinners also produce, `in keeping with`;
//! mild collocation oddities) are only reported once strong hits (phrases
//! people never write, strong collocation contrasts, leaked spintax) show the
//! document is spun. The analysis is kept in the document's
//! [`crate::rules::CheckContext`], so running S001, S002 and S003 over one
//! document analyses it once.

use crate::diagnostic::Applicability;
use crate::dict::phrases::{word_hash, PhraseContext, PhraseEntry, PhraseMatch, PhraseWords};
use crate::dict::spun_words::SpunWord;
use crate::dict::table::{packed_intersection, packed_strs};
use crate::dict::{bigrams, mwes, phrasebook, spun_words, synonyms, words};
use crate::rules::typo::{DocWords, Lexical};
use crate::text::case::{casing, match_case, with_folded_key, Casing};
use crate::text::span::Span;
use crate::text::tokenize::TokenKind;
use crate::text::Document;

/// Which `S` rule a hit belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum HitKind {
    /// S001: a phrasebook entry.
    Phrase,
    /// S002: an unlikely collocation one synonym away from a common one.
    Collocation,
    /// S003: leaked spintax.
    Spintax,
}

/// One spin candidate, ready to become a finding.
#[derive(Clone, Debug)]
pub(crate) struct Hit {
    pub kind: HitKind,
    /// The flagged bytes.
    pub span: Span,
    /// The text to restore (whole span), if any.
    pub replacement: Option<String>,
    /// The original phrase for the message (lowercase or as listed).
    pub original: String,
    /// Strong hits make a document spun; weak ones only count in one.
    pub strong: bool,
    /// Evidence points toward the document verdict.
    pub points: f64,
    pub applicability: Applicability,
    pub reason: String,
    /// A message of its own, when the rule's usual wording does not fit
    /// (a single spun word rather than a word pair).
    pub message: Option<String>,
}

/// Everything the `S` rules need from one document.
#[derive(Debug, Default)]
pub(crate) struct Analysis {
    pub hits: Vec<Hit>,
}

/// A word of the folded sequence.
#[derive(Clone, Copy, Debug)]
struct SeqWord {
    /// Token index in the document.
    token: usize,
    /// Byte range of the word in the document.
    start: usize,
    end: usize,
    /// The [`word_hash`] of the word's folded key.
    hash: u64,
    /// Separated from the previous word by spaces only (a phrase may span the gap).
    joined: bool,
    /// A number: part of phrases, but no context for a word's bigrams.
    number: bool,
}

/// Where a word's folded key is, and what its letters are like.
#[derive(Clone, Copy, Debug)]
struct KeyAt {
    /// Byte range of the key: in the document when the word is written in
    /// lowercase ASCII (`lower`), else in the folded buffer.
    start: usize,
    end: usize,
    /// Written in ASCII lowercase: its key is the text itself, and there
    /// is no casing to check.
    lower: bool,
}

/// The folded keys of every word of a sequence (see [`WordSeq::keys`]).
#[derive(Debug, Default)]
struct Keys {
    folded: String,
    at: Vec<KeyAt>,
}

/// The document's words with their hashes, and their folded keys once a
/// pass needs them.
///
/// The hashes come from the word rules' per-document lookup ([`DocWords`]):
/// a word is hashed once for every rule, and the phrasebook matches on
/// hashes alone, so a document without spinner phrases never has its words
/// folded. The keys are made on first use ([`WordSeq::key`]): a word written
/// in ASCII lowercase (most of running text) is its own key and is read from
/// the document in place; only the others are folded, into one buffer.
struct WordSeq<'t> {
    text: &'t str,
    words: Vec<SeqWord>,
    keys: std::cell::OnceCell<Keys>,
}

impl<'t> WordSeq<'t> {
    #[inline(never)]
    fn new(doc: &'t Document<'_>, doc_words: &DocWords) -> Self {
        let tokens = doc.tokens();
        let text = doc.text();
        let mut words = Vec::with_capacity(tokens.len() / 2);
        let mut joined = false;
        for (i, t) in tokens.iter().enumerate() {
            match t.kind {
                // Numbers are words of the sequence too: spinners rewrite
                // around them (`a 12 months in the past` for `a year ago`).
                TokenKind::Number => {
                    words.push(SeqWord {
                        token: i,
                        start: t.span.start,
                        end: t.span.end,
                        hash: with_folded_key(doc.slice(t.span), word_hash),
                        joined,
                        number: true,
                    });
                    joined = true;
                }
                TokenKind::Word => {
                    // The word rules hash an ASCII word with every byte
                    // OR-ed with 0x20, which is the hash of its folded key
                    // for the bytes a word token holds (letters and `'`),
                    // and any other word by its folded key.
                    let hash = doc_words.hash(i);
                    debug_assert_eq!(
                        hash,
                        with_folded_key(doc.slice(t.span), word_hash),
                        "{}",
                        doc.slice(t.span)
                    );
                    words.push(SeqWord {
                        token: i,
                        start: t.span.start,
                        end: t.span.end,
                        hash,
                        joined,
                        number: false,
                    });
                    joined = true;
                }
                TokenKind::Space => {}
                _ => joined = false,
            }
        }
        Self {
            text,
            words,
            keys: std::cell::OnceCell::new(),
        }
    }

    /// The written text of word `w`.
    #[inline]
    fn written(&self, w: usize) -> &'t str {
        let w = &self.words[w];
        &self.text[w.start..w.end]
    }

    /// The folded keys of every word, made on first use.
    fn keys(&self) -> &Keys {
        self.keys.get_or_init(|| {
            let mut keys = Keys {
                folded: String::new(),
                at: Vec::with_capacity(self.words.len()),
            };
            for w in &self.words {
                let written = &self.text[w.start..w.end];
                if is_ascii_lower(written.as_bytes()) {
                    // Most words: their own key, read in place.
                    keys.at.push(KeyAt {
                        start: w.start,
                        end: w.end,
                        lower: true,
                    });
                    continue;
                }
                let start = keys.folded.len();
                if written.is_ascii() {
                    keys.folded.push_str(written);
                    keys.folded[start..].make_ascii_lowercase();
                } else {
                    with_folded_key(written, |k| keys.folded.push_str(k));
                }
                keys.at.push(KeyAt {
                    start,
                    end: keys.folded.len(),
                    lower: false,
                });
            }
            keys
        })
    }

    /// The folded key of word `w` (the keys are made on first use).
    #[inline]
    fn key(&self, w: usize) -> &str {
        let keys = self.keys();
        let at = &keys.at[w];
        if at.lower {
            &self.text[at.start..at.end]
        } else {
            &keys.folded[at.start..at.end]
        }
    }

    /// Calls `f` with the folded key of word `w`, folding it on the stack
    /// when the keys are not made yet (the phrase pass reads only the few
    /// words the phrasebook's filter lets through).
    #[inline]
    fn with_key<R>(&self, w: usize, f: impl FnOnce(&str) -> R) -> R {
        if self.keys.get().is_some() {
            return f(self.key(w));
        }
        let written = self.written(w);
        if is_ascii_lower(written.as_bytes()) {
            f(written)
        } else {
            with_folded_key(written, f)
        }
    }

    /// Whether word `w` is written in ASCII lowercase (its own key).
    fn is_lower(&self, w: usize) -> bool {
        match self.keys.get() {
            Some(keys) => keys.at[w].lower,
            None => is_ascii_lower(self.written(w).as_bytes()),
        }
    }
}

/// Whether `bytes` are ASCII letters only, tested eight at a time (a word
/// of running text is one or two such steps).
fn is_ascii_letters(bytes: &[u8]) -> bool {
    let letters = |v: u64| {
        const ONES: u64 = 0x0101_0101_0101_0101;
        const HIGH: u64 = 0x8080_8080_8080_8080;
        // Folded to lowercase, every byte must lie in `a..=z`: adding
        // 0x80 - b'a' sets the high bit from `a` up, adding 0x80 - b'z' - 1
        // from `{` up. ASCII bytes (high bit clear) never carry over.
        let x = v | (0x20 * ONES);
        v & HIGH == 0
            && (x + (0x80 - u64::from(b'a')) * ONES) & HIGH == HIGH
            && (x + (0x80 - u64::from(b'z') - 1) * ONES) & HIGH == 0
    };
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let v = u64::from_le_bytes(c.try_into().expect("chunks of eight"));
        if !letters(v) {
            return false;
        }
    }
    // The tail, padded with `a`.
    let mut tail = [b'a'; 8];
    let rest = chunks.remainder();
    tail[..rest.len()].copy_from_slice(rest);
    letters(u64::from_le_bytes(tail))
}

/// Whether `bytes` are ASCII without capitals: a key as written.
fn is_ascii_lower(bytes: &[u8]) -> bool {
    bytes
        .iter()
        .all(|&b| b.is_ascii() && !b.is_ascii_uppercase())
}

impl PhraseWords for WordSeq<'_> {
    fn len(&self) -> usize {
        self.words.len()
    }

    fn hash(&self, i: usize) -> u64 {
        self.words[i].hash
    }

    fn joined(&self, i: usize) -> bool {
        self.words[i].joined
    }

    fn with_key<R>(&self, i: usize, f: impl FnOnce(&str) -> R) -> R {
        WordSeq::with_key(self, i, f)
    }

    fn key_is(&self, i: usize, folded: &[u8]) -> bool {
        let written = self.written(i);
        if written.is_ascii() {
            // The folded key of an ASCII word is its lowercase, and the
            // phrasebook's words are folded: compare without folding.
            written.as_bytes().eq_ignore_ascii_case(folded)
        } else {
            self.with_key(i, |k| k.as_bytes() == folded)
        }
    }
}

/// Evidence (points) a document needs before weak hits are reported, and the
/// density (points per 1000 words) it must reach too, so that one or two
/// coincidences in a long clean article never tip it.
const SPUN_MIN_POINTS: f64 = 6.0;
const SPUN_MIN_DENSITY: f64 = 6.0;

/// Whether strong evidence of `points` over `words` words makes a document spun.
pub(crate) fn looks_spun(points: f64, words: usize) -> bool {
    let density = points * 1000.0 / words.max(1) as f64;
    points >= SPUN_MIN_POINTS && density >= SPUN_MIN_DENSITY
}

/// Whether strong evidence of `points` over `words` words is worth the
/// collocation pass: half of what [`looks_spun`] asks, in count and density.
fn worth_collocations(points: f64, words: usize) -> bool {
    let density = points * 1000.0 / words.max(1) as f64;
    points >= SPUN_MIN_POINTS / 2.0 && density >= SPUN_MIN_DENSITY / 2.0
}

/// The spin analysis of `doc`, whose words the word rules looked up in
/// `doc_words` (see [`crate::rules::CheckContext::spin_analysis`], which
/// computes it once per document).
pub(crate) fn compute(doc: &Document<'_>, doc_words: &DocWords) -> Analysis {
    let seq = WordSeq::new(doc, doc_words);
    let mut strong: Vec<Hit> = Vec::new();
    let mut weak: Vec<Hit> = Vec::new();
    phrase_hits(doc, &seq, &mut strong, &mut weak);
    spintax_hits(doc, &mut strong);
    // The collocation pass needs the thesaurus (loaded on first use, ~1 s),
    // costs about as much as everything else together, and finds little on
    // its own in clean text: run it only where the phrasebook or a leaked
    // template already found at least half the evidence a spun verdict
    // needs. One coincidental phrase in a long clean article (`the
    // primary`) no longer buys a search of every word pair.
    // The pairs worth judging (content words the bigram list and WordNet
    // do not know together) are found once and serve both passes.
    let points: f64 = strong.iter().map(|h| h.points).sum();
    let pairs = if worth_collocations(points, seq.words.len()) {
        odd_pairs(&seq, doc_words.lexical())
    } else {
        Vec::new()
    };
    if !pairs.is_empty() {
        collocation_hits(doc, &seq, &pairs, None, &mut strong);
    }
    let points: f64 = strong.iter().map(|h| h.points).sum();
    let mut hits = strong;
    if looks_spun(points, seq.words.len()) {
        // Weak evidence is only worth its cost in a spun document. Each
        // word is looked up in the spinner table once.
        let table: Vec<Option<TableWord>> = (0..seq.words.len())
            .map(|i| lookup_table_word(seq.key(i), seq.words[i].hash))
            .collect();
        word_hits(doc, &seq, &table, &mut weak);
        let pairs = pairs_near_hits(doc, &seq, &pairs, hits.iter().chain(&weak));
        collocation_hits(doc, &seq, &pairs, Some(&table), &mut weak);
        hits.extend(weak);
    }
    // Longest, strongest first at each start; then drop overlaps.
    hits.sort_by(|a, b| {
        (a.span.start, std::cmp::Reverse(a.span.end), !a.strong).cmp(&(
            b.span.start,
            std::cmp::Reverse(b.span.end),
            !b.strong,
        ))
    });
    let mut kept: Vec<Hit> = Vec::with_capacity(hits.len());
    for h in hits {
        if kept.last().is_some_and(|k| k.span.end > h.span.start) {
            continue;
        }
        kept.push(h);
    }
    Analysis { hits: kept }
}

/// The pairs of `pairs` (see [`odd_pairs`]) worth the weak collocation
/// pass: next to a hit already found (a spinner swaps runs of words, and
/// its output clusters), but inside none (it would only be dropped as an
/// overlap).
#[inline(never)]
fn pairs_near_hits<'h>(
    doc: &Document<'_>,
    seq: &WordSeq<'_>,
    pairs: &[usize],
    hits: impl Iterator<Item = &'h Hit>,
) -> Vec<usize> {
    let tokens = doc.tokens();
    let mut covered = vec![false; seq.words.len()];
    for h in hits {
        let first = seq
            .words
            .partition_point(|w| tokens[w.token].span.end <= h.span.start);
        for (w, c) in seq.words[first..].iter().zip(&mut covered[first..]) {
            if tokens[w.token].span.start >= h.span.end {
                break;
            }
            *c = true;
        }
    }
    let near = |w: Option<usize>| w.is_some_and(|w| covered.get(w).copied().unwrap_or(false));
    pairs
        .iter()
        .copied()
        .filter(|&i| {
            !covered[i] && !covered[i + 1] && (near(i.checked_sub(1)) || near(Some(i + 2)))
        })
        .collect()
}

// ---------------------------------------------------------------- S001 --

fn entry_applies(
    doc: &Document<'_>,
    seq: &WordSeq<'_>,
    entry: &PhraseEntry,
    first: usize,
    last: usize,
) -> Option<bool> {
    // Returns Some(needs_spun_doc) when the entry may fire here.
    if entry.exact_case {
        let mut parts = entry.spun.split(' ');
        for w in first..=last {
            let written = doc.token_text(seq.words[w].token);
            let listed = parts.next()?;
            let same = written == listed
                || (written.contains('\u{2019}') && written.replace('\u{2019}', "'") == listed);
            if !same {
                return None;
            }
        }
    }
    let mut needs_spun = entry.weight == 1;
    for c in entry.contexts.iter() {
        match c {
            PhraseContext::NotBefore(list) => {
                if last + 1 < seq.words.len()
                    && seq.words[last + 1].joined
                    && seq.with_key(last + 1, |next| list.iter().any(|w| &**w == next))
                {
                    return None;
                }
            }
            PhraseContext::NotAfter(list) => {
                if first > 0
                    && seq.words[first].joined
                    && seq.with_key(first - 1, |prev| list.iter().any(|w| &**w == prev))
                {
                    return None;
                }
            }
            PhraseContext::Capitalised => {
                let tok = seq.words[first].token;
                let c = casing(doc.token_text(tok));
                if !matches!(c, Casing::Title | Casing::Upper) || doc.starts_sentence(tok) {
                    return None;
                }
            }
            PhraseContext::SpunDoc => needs_spun = true,
        }
    }
    if entry.exact_case && is_quoted_title(doc, seq, first, last) {
        // `a film titled "The Individuals"`: a name written that way on purpose.
        return None;
    }
    Some(needs_spun)
}

/// Whether words `first..=last` are exactly the content of a quotation.
fn is_quoted_title(doc: &Document<'_>, seq: &WordSeq<'_>, first: usize, last: usize) -> bool {
    let tokens = doc.tokens();
    let before = seq.words[first].token.checked_sub(1).map(|i| tokens[i]);
    let after = tokens.get(seq.words[last].token + 1);
    before.is_some_and(|t| t.is_quote()) && after.is_some_and(|t| t.is_quote())
}

/// `restored` with the written text's apostrophe: the lists spell `'`, a
/// document that writes `gained’t` gets `won’t` back.
fn match_apostrophe(written: &str, restored: String) -> String {
    if written.contains('\u{2019}') && restored.contains('\'') {
        restored.replace('\'', "\u{2019}")
    } else {
        restored
    }
}

/// The original phrase with the spun match's casing: word by word when the
/// word counts agree, else from the first word (all caps kept).
fn restore_case(written: &[&str], original: &str, exact: bool) -> String {
    if exact {
        return original.to_string();
    }
    let orig: Vec<&str> = original.split(' ').collect();
    if orig.len() == written.len() {
        let parts: Vec<String> = written
            .iter()
            .zip(&orig)
            .map(|(w, o)| match casing(w) {
                Casing::Lower => (*o).to_string(),
                _ => match_case(w, o),
            })
            .collect();
        return parts.join(" ");
    }
    let all_upper = written.iter().all(|w| casing(w) == Casing::Upper) && written.len() > 1;
    if all_upper {
        return original.to_uppercase();
    }
    match written.first() {
        Some(w) => match_case(w, original),
        None => original.to_string(),
    }
}

#[inline(never)]
fn phrase_hits(doc: &Document<'_>, seq: &WordSeq<'_>, strong: &mut Vec<Hit>, weak: &mut Vec<Hit>) {
    let book = phrasebook();
    let mut matches: Vec<PhraseMatch> = Vec::new();
    book.find_words(seq, &mut matches);
    for m in &matches {
        let (first, last) = (m.first, m.last);
        let mut best: Option<(&PhraseEntry, bool)> = None;
        for entry in book.entries_of(m) {
            if let Some(needs_spun) = entry_applies(doc, seq, entry, first, last) {
                let better = match &best {
                    None => true,
                    Some((b, _)) => entry.weight > b.weight,
                };
                if better {
                    best = Some((entry, needs_spun));
                }
            }
        }
        let Some((entry, needs_spun)) = best else {
            continue;
        };
        let span = Span::new(
            doc.tokens()[seq.words[first].token].span.start,
            doc.tokens()[seq.words[last].token].span.end,
        );
        let written: Vec<&str> = (first..=last)
            .map(|w| doc.token_text(seq.words[w].token))
            .collect();
        let replacement = restore_case(&written, &entry.original, entry.exact_case);
        let replacement = match_apostrophe(doc.slice(span), replacement);
        let hit = Hit {
            kind: HitKind::Phrase,
            span,
            replacement: Some(replacement),
            original: entry.original.to_string(),
            strong: !needs_spun,
            points: f64::from(entry.weight),
            applicability: Applicability::Unsafe,
            reason: format!("spinner phrasebook (weight {})", entry.weight),
            message: None,
        };
        if needs_spun {
            weak.push(hit);
        } else {
            strong.push(hit);
        }
    }
}

// ---------------------------------------------------------------- S003 --

/// Leaked spintax: `{a|b|c}` or `{that a}` in prose. Template tags (`{{ }}`,
/// `{% %}`) are Skip tokens already; code-like braces (`{"a": 1}`, `{x}`
/// inside code) are refused by requiring the content to be lowercase words,
/// spaces, apostrophes and `|` only, on one line, with prose around.
#[inline(never)]
fn spintax_hits(doc: &Document<'_>, strong: &mut Vec<Hit>) {
    let tokens = doc.tokens();
    let text = doc.text();
    // Only the tokens at a `{` can open a template: find the braces with
    // `memchr` (most documents have none) and their tokens by offset.
    for at in memchr::memchr_iter(b'{', text.as_bytes()) {
        let i = tokens.partition_point(|t| t.span.start < at);
        let Some(t) = tokens.get(i) else {
            break;
        };
        if t.span.start != at || t.kind != TokenKind::Punct || doc.slice(t.span) != "{" {
            continue;
        }
        let mut j = i + 1;
        let mut words = 0usize;
        let mut bars = 0usize;
        let mut ok = false;
        while j < tokens.len() && j < i + 40 {
            let u = tokens[j];
            match u.kind {
                TokenKind::Word => {
                    if doc.slice(u.span).chars().any(char::is_uppercase) && words == 0 && bars == 0
                    {
                        // `{Name}` placeholders are templates written on
                        // purpose; spinners keep lowercase running text.
                        break;
                    }
                    words += 1;
                }
                TokenKind::Space => {}
                TokenKind::Punct if doc.slice(u.span) == "|" => bars += 1,
                TokenKind::Punct if doc.slice(u.span) == "}" => {
                    ok = words > 0;
                    break;
                }
                TokenKind::CloseQuote | TokenKind::AmbiguousQuote
                    if j > i + 1 && tokens[j - 1].is_word() =>
                {
                    // an apostrophe-like quote at a word end (`Hamas’`)
                }
                _ => break,
            }
            j += 1;
        }
        if !ok {
            continue;
        }
        // Prose around: not glued to letters or `$`, not in a code-like line.
        let start = t.span.start;
        let end = tokens[j].span.end;
        let before = text[..start].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || matches!(c, '$' | '%' | '#' | '{')) {
            continue;
        }
        if text[end..]
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric() || c == '}')
        {
            continue;
        }
        let inner = &text[t.span.end..tokens[j].span.start];
        let first_alt = inner.split('|').next().unwrap_or("").trim();
        if first_alt.is_empty() {
            continue;
        }
        // A single identifier-like word with no bars (`{name}`, `{id}`) is a
        // placeholder unless it is a real word of some length.
        if bars == 0 && words == 1 {
            let known = with_folded_key(first_alt, |k| {
                words_known(k) && k.len() >= 4 && PLACEHOLDERS.binary_search(&k).is_err()
            });
            if !known {
                continue;
            }
        }
        strong.push(Hit {
            kind: HitKind::Spintax,
            span: Span::new(start, end),
            replacement: Some(first_alt.to_string()),
            original: first_alt.to_string(),
            strong: true,
            points: 3.0,
            applicability: Applicability::Unsafe,
            reason: if bars > 0 {
                "spintax alternatives: keep the first".into()
            } else {
                "spintax braces around running text".into()
            },
            message: None,
        });
    }
}

/// Single words that name template placeholders (`{name}`, `{date}`), not
/// spun text.
const PLACEHOLDERS: &[&str] = &[
    "amount", "author", "body", "city", "code", "company", "content", "count", "country", "data",
    "date", "email", "field", "file", "first", "index", "item", "key", "label", "last", "link",
    "message", "month", "name", "number", "page", "path", "price", "query", "slug", "text", "time",
    "title", "total", "type", "user", "username", "value", "year",
];

fn words_known(folded: &str) -> bool {
    words().get(folded).is_some()
}

// ---------------------------------------------------------------- S002 --

/// Words too common or too grammatical to judge by collocation (sorted).
const FUNCTION_WORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be",
    "been", "before", "being", "but", "by", "can", "could", "did", "do", "does", "for", "from",
    "had", "has", "have", "he", "her", "here", "him", "his", "how", "i", "if", "in", "into", "is",
    "it", "its", "me", "more", "most", "my", "no", "not", "of", "on", "one", "or", "our", "out",
    "over", "she", "so", "some", "than", "that", "the", "their", "them", "then", "there", "these",
    "they", "this", "those", "to", "up", "us", "was", "we", "were", "what", "when", "where",
    "which", "who", "why", "will", "with", "would", "you", "your",
];

/// Slots of the function-word table: a power of two, about three times the
/// list, so a probe rarely goes past its first slot.
const FUNCTION_SLOTS: usize = 256;

/// [`FUNCTION_WORDS`] by [`word_hash`]: open addressing, each slot the
/// word's index + 1 (0 = empty). A document word is tested with the hash
/// the word rules already computed, no string comparison unless the hash
/// matches.
fn function_word_slots() -> &'static [u8; FUNCTION_SLOTS] {
    static SLOTS: std::sync::OnceLock<[u8; FUNCTION_SLOTS]> = std::sync::OnceLock::new();
    SLOTS.get_or_init(|| {
        let mut slots = [0u8; FUNCTION_SLOTS];
        for (n, w) in FUNCTION_WORDS.iter().enumerate() {
            let mut i = function_slot(word_hash(w));
            while slots[i] != 0 {
                i = (i + 1) % FUNCTION_SLOTS;
            }
            slots[i] = u8::try_from(n + 1).expect("fewer than 255 function words");
        }
        slots
    })
}

fn function_slot(hash: u64) -> usize {
    (hash >> 56) as usize % FUNCTION_SLOTS
}

/// Whether the folded word `w`, whose [`word_hash`] is `hash`, is a
/// function word.
fn is_function_key(w: &str, hash: u64) -> bool {
    function_word_with(hash, |f| f == w)
}

/// Whether the word written `text` in ASCII, whose folded key has the
/// [`word_hash`] `hash`, is a function word (in any case: `The`).
fn is_function_ascii(text: &str, hash: u64) -> bool {
    function_word_with(hash, |f| f.eq_ignore_ascii_case(text))
}

/// Whether a function word in the slots of `hash` satisfies `is_it`.
fn function_word_with(hash: u64, is_it: impl Fn(&str) -> bool) -> bool {
    let slots = function_word_slots();
    let mut i = function_slot(hash);
    loop {
        match slots[i] {
            0 => return false,
            n if is_it(FUNCTION_WORDS[usize::from(n) - 1]) => return true,
            _ => i = (i + 1) % FUNCTION_SLOTS,
        }
    }
}

/// Whether the folded word `w` is a function word.
fn is_function_word(w: &str) -> bool {
    is_function_key(w, word_hash(w))
}

/// Pointwise mutual information (log10) of a bigram from its web count and
/// the two words' Zipf frequencies: `log10(count) + 6 - zipf(a) - zipf(b)`
/// (Web 1T has ≈ 10^12 tokens; Zipf is log10 of frequency per 10^9 words).
fn pmi(count: u64, zipf_a: u16, zipf_b: u16) -> f64 {
    (count as f64).log10() + 6.0 - f64::from(zipf_a) / 100.0 - f64::from(zipf_b) / 100.0
}

/// Thresholds of a collocation contrast.
struct Bar {
    min_count: u64,
    min_pmi: f64,
    need_mwe: bool,
}

const STRONG_BAR: Bar = Bar {
    min_count: 1_000_000,
    min_pmi: 2.0,
    need_mwe: true,
};
const WEAK_BAR: Bar = Bar {
    min_count: 200_000,
    min_pmi: 1.0,
    need_mwe: false,
};

/// The best original for the spun word at `side` (0 = first, 1 = second) of
/// the pair `a b`: a neighbour `x` that makes a strong collocation with the
/// other word, and fits the word on the far side at least as well.
fn best_swap(
    a: &str,
    b: &str,
    side: usize,
    far: Option<&str>,
    bar: &Bar,
) -> Option<(&'static str, f64)> {
    let (w, spun) = if side == 0 { (b, a) } else { (a, b) };
    let lex = words();
    let zw = lex.zipf100(w).filter(|&z| z > 0)?;
    let big = bigrams();
    let mut best: Option<(&'static str, f64)> = None;
    // Only neighbours that make a frequent pair with `w` can pass the bar:
    // merge the two sorted lists instead of one lookup per neighbour.
    let partners = if side == 0 {
        big.left_partners(w)
    } else {
        big.right_partners(w)
    };
    let neighbours = synonyms().packed_neighbours(spun);
    if neighbours.is_empty() || partners.is_empty() {
        return None;
    }
    let mut judge = |x: &'static str| {
        let n = if side == 0 {
            big.count(x, w)
        } else {
            big.count(w, x)
        };
        if n < bar.min_count {
            return;
        }
        let Some(zx) = lex.zipf100(x).filter(|&z| z >= 300) else {
            return;
        };
        let p = if side == 0 {
            pmi(n, zx, zw)
        } else {
            pmi(n, zw, zx)
        };
        if p < bar.min_pmi {
            return;
        }
        if bar.need_mwe
            && !(if side == 0 {
                mwes().contains_pair(x, w)
            } else {
                mwes().contains_pair(w, x)
            })
        {
            return;
        }
        // Spinners swap a common word for a rarer "synonym"; a rarer
        // candidate (`press` → `furniture`) is a coincidence.
        if bar.need_mwe && lex.zipf100(spun).is_some_and(|zs| zx + 20 < zs) {
            return;
        }
        if let Some(f) = far {
            // `... navy invasion` → `military`: the far neighbour must not
            // favour the spun word over the candidate.
            let (cs, cx) = if side == 0 {
                (big.count(f, spun), big.count(f, x))
            } else {
                (big.count(spun, f), big.count(x, f))
            };
            if cs > 0 && cx == 0 {
                return;
            }
        }
        if best.is_none_or(|(_, bp)| p > bp) {
            best = Some((x, p));
        }
    };
    // Merging the two sorted lists costs their joint length; a frequent
    // word's partners run to thousands, so a short neighbour list is
    // better probed word by word (the count lookup above does the test).
    if partners.len() > 8 * neighbours.len() {
        packed_strs(neighbours).for_each(&mut judge);
    } else {
        packed_intersection(neighbours, partners).for_each(&mut judge);
    }
    best
}

/// Capitalised names one synonym away from a WordNet expression
/// (`White Home` → `White House`). Always weak evidence: real names such as
/// `Police Deputy` or `Foreign Secretary` look the same to the data, so a
/// name swap is reported only in a document that already looks spun.
fn name_swap(a: &str, b: &str) -> Option<(usize, &'static str, bool)> {
    let lex = words();
    let big = bigrams();
    let m = mwes();
    let mut found: Option<(usize, &'static str, bool)> = None;
    for side in 0..2 {
        let (fixed, spun) = if side == 0 { (b, a) } else { (a, b) };
        if is_function_word(fixed) || is_function_word(spun) {
            return None;
        }
        let (Some(zf), Some(zs)) = (lex.zipf100(fixed), lex.zipf100(spun)) else {
            return None;
        };
        if zs < 400 || zf > 560 {
            continue;
        }
        // Only neighbours that form an expression with the fixed word can
        // count: merge the two sorted lists instead of a lookup per neighbour.
        let partners = if side == 0 {
            m.packed_pair_left_of(fixed)
        } else {
            m.packed_pair_right_of(fixed)
        };
        for x in packed_intersection(synonyms().packed_neighbours(spun), partners) {
            if lex.zipf100(x).is_none_or(|z| z < 400) || is_function_word(x) {
                continue;
            }
            let n = if side == 0 {
                big.count(x, fixed)
            } else {
                big.count(fixed, x)
            };
            // Attested as a frequent pair, or the fixed word is rare enough
            // that its expressions are few and specific (`oval`).
            if n >= 150_000 || zf < 420 {
                if found.is_some() {
                    return None; // two readings: too close to call
                }
                found = Some((side, x, false));
            }
        }
    }
    found
}

/// Whether the strong pass has any candidate for the pair `a b`: a strong
/// two-word expression (a WordNet expression that is also a frequent web
/// bigram, precomputed by `build.rs` with [`STRONG_BAR`]'s count) sharing a
/// word with the pair, whose other word is a thesaurus neighbour. One
/// lookup per word instead of one per neighbour.
///
/// Only the spun word's own neighbour list counts, as in [`best_swap`].
fn has_strong_candidate(a: &str, b: &str) -> bool {
    let m = mwes();
    let syn = synonyms();
    // Each side needs a non-empty list on both words: the cheaper lookup
    // (the strong lists are short and mostly empty) goes first.
    let right = m.packed_strong_right_of(a);
    if !right.is_empty() && packed_meet(syn.packed_neighbours(b), right) {
        return true;
    }
    let left = m.packed_strong_left_of(b);
    !left.is_empty() && packed_meet(syn.packed_neighbours(a), left)
}

/// Whether two packed lists sorted in byte order (see
/// `table::packed_bytes`) share a string: a linear merge that compares the
/// first bytes before whole strings (most steps differ there) and stops at
/// the first common string.
fn packed_meet(a: &[u8], b: &[u8]) -> bool {
    fn next<'l>(list: &mut &'l [u8]) -> Option<&'l [u8]> {
        let (&len, rest) = list.split_first()?;
        let (s, rest) = rest.split_at_checked(usize::from(len))?;
        *list = rest;
        Some(s)
    }
    let (mut a, mut b) = (a, b);
    let (Some(mut x), Some(mut y)) = (next(&mut a), next(&mut b)) else {
        return false;
    };
    loop {
        let order = match (x.first(), y.first()) {
            (Some(p), Some(q)) if p != q => p.cmp(q),
            _ => x.cmp(y),
        };
        match order {
            std::cmp::Ordering::Less => match next(&mut a) {
                Some(s) => x = s,
                None => return false,
            },
            std::cmp::Ordering::Greater => match next(&mut b) {
                Some(s) => y = s,
                None => return false,
            },
            std::cmp::Ordering::Equal => return true,
        }
    }
}

/// Indices `i` of the joined word pairs `i, i + 1` the collocation passes
/// judge: two lowercase ASCII content words, both in the lexicon, that the
/// bigram list and WordNet do not know as a pair. The cheap tests come
/// first: whether a word is a known content word is read from the word
/// rules' lookup, its letters and its hash, so only pairs of content words
/// cost a bigram lookup, and no key is folded (a content word is its own).
#[inline(never)]
fn odd_pairs(seq: &WordSeq<'_>, lexical: &[Lexical]) -> Vec<usize> {
    let big = bigrams();
    let m = mwes();
    // A content word: known to the lexicon (the word rules' verdict, looked
    // up once per word), a key of ASCII letters and not a function word.
    let content = |i: usize| -> bool {
        let w = &seq.words[i];
        if !lexical[w.token].is_known() {
            return false;
        }
        let text = seq.written(i);
        if is_ascii_letters(text.as_bytes()) {
            // The key is the text in lowercase: compared, not folded.
            !is_function_ascii(text, w.hash)
        } else {
            !text.is_ascii()
                && with_folded_key(text, |k| {
                    k.bytes().all(|b| b.is_ascii_lowercase()) && !is_function_key(k, w.hash)
                })
        }
    };
    let mut out = Vec::new();
    let mut prev = !seq.words.is_empty() && content(0);
    for i in 1..seq.words.len() {
        let this = content(i);
        let was = std::mem::replace(&mut prev, this);
        if !(was && this && seq.words[i].joined) {
            continue;
        }
        let unknown_pair = seq.with_key(i - 1, |a| {
            seq.with_key(i, |b| big.count(a, b) == 0 && !m.contains_pair(a, b))
        });
        if unknown_pair {
            out.push(i - 1);
        }
    }
    out
}

/// The collocation pass over `pairs` (see [`odd_pairs`]): the strong pass
/// when `table` is `None`, else the weak pass, which leaves pairs with a
/// spinner-table word (`table[i]`) to the table.
#[inline(never)]
fn collocation_hits(
    doc: &Document<'_>,
    seq: &WordSeq<'_>,
    pairs: &[usize],
    table: Option<&[Option<TableWord>]>,
    out: &mut Vec<Hit>,
) {
    for &i in pairs {
        let hit = seq.with_key(i, |a| {
            seq.with_key(i + 1, |b| judge_pair(doc, seq, i, a, b, table))
        });
        out.extend(hit);
    }
}

/// The collocation hit of the pair of words `i, i + 1`, whose folded keys
/// are `a` and `b` (see [`collocation_hits`]).
fn judge_pair(
    doc: &Document<'_>,
    seq: &WordSeq<'_>,
    i: usize,
    a: &str,
    b: &str,
    table: Option<&[Option<TableWord>]>,
) -> Option<Hit> {
    let weak_pass = table.is_some();
    let tokens = doc.tokens();
    // The best swap on `side` under `bar`, judged against the word on the
    // far side of the pair when there is one.
    let swap = |side: usize, bar: &Bar| {
        let far = if side == 0 {
            (i > 0 && seq.words[i].joined && !seq.words[i - 1].number).then(|| i - 1)
        } else {
            (i + 2 < seq.words.len() && seq.words[i + 2].joined && !seq.words[i + 2].number)
                .then_some(i + 2)
        };
        match far {
            Some(f) => seq.with_key(f, |f| best_swap(a, b, side, Some(f), bar)),
            None => best_swap(a, b, side, None, bar),
        }
    };
    // The side whose swap fits best over `bar`, with its original.
    let best_side = |bar: &Bar| {
        (0..2)
            .filter_map(|side| swap(side, bar).map(|(x, p)| (side, x, p)))
            .fold(None, |best: Option<(usize, &'static str, f64)>, c| {
                if best.is_none_or(|(_, _, bp)| c.2 > bp) {
                    Some(c)
                } else {
                    best
                }
            })
            .map(|(side, x, _)| (side, x))
    };
    let mut chosen: Option<(usize, &'static str, bool)> = None;
    if !(seq.is_lower(i) && seq.is_lower(i + 1)) {
        // Capitals: a name, half a name, or a sentence start.
        let ta = doc.token_text(seq.words[i].token);
        let tb = doc.token_text(seq.words[i + 1].token);
        let titled = |t: &str| matches!(casing(t), Casing::Title);
        let sentence_start = doc.starts_sentence(seq.words[i].token);
        if titled(ta) && titled(tb) {
            // A capitalised pair is a name: only a name one synonym away
            // from a fixed expression counts (`White Home`).
            if !sentence_start {
                chosen = name_swap(a, b);
            }
            chosen?;
        } else if (titled(tb) || casing(tb) == Casing::Upper)
            || (!sentence_start && casing(ta) != Casing::Lower)
        {
            // Half a name (`Trump held`, `Office press`): no collocation to judge.
            return None;
        }
    }
    if chosen.is_none() && !weak_pass && has_strong_candidate(a, b) {
        chosen = best_side(&STRONG_BAR).map(|(s, x)| (s, x, true));
    }
    // A weak contrast on a pair with a spinner-table word is left to the
    // table, which knows what the spinner writes for what: a thesaurus
    // swap of its neighbour would hide the table's restoration.
    if chosen.is_none() && table.is_some_and(|t| t[i].is_none() && t[i + 1].is_none()) {
        chosen = best_side(&WEAK_BAR).map(|(s, x)| (s, x, false));
    }
    let (side, x, is_strong) = chosen?;
    if is_strong == weak_pass {
        // Each pass reports its own kind only.
        return None;
    }
    let spun_tok = seq.words[i + side].token;
    let spun_text = doc.token_text(spun_tok);
    let restored = match_case(spun_text, x);
    let (fa, fb) = if side == 0 { (x, b) } else { (a, x) };
    let span = Span::new(
        tokens[seq.words[i].token].span.start,
        tokens[seq.words[i + 1].token].span.end,
    );
    let mut replacement = String::with_capacity(span.end - span.start + 8);
    let pair_text = doc.slice(span);
    let spun_span = tokens[spun_tok].span;
    replacement.push_str(&pair_text[..spun_span.start - span.start]);
    replacement.push_str(&restored);
    replacement.push_str(&pair_text[spun_span.end - span.start..]);
    let hit = Hit {
        kind: HitKind::Collocation,
        span,
        original: replacement.clone(),
        replacement: Some(replacement),
        strong: is_strong,
        points: 2.0,
        // A weak contrast's thesaurus swap is right too rarely to apply
        // (measured on spun news: about one in four): shown only.
        applicability: if is_strong {
            Applicability::Unsafe
        } else {
            Applicability::DisplayOnly
        },
        reason: format!("`{fa} {fb}` is a common collocation, `{a} {b}` is not"),
        message: None,
    };
    Some(hit)
}

/// The Zipf frequency of a folded word (0 when unknown).
fn zipf(w: &str) -> f64 {
    f64::from(words().zipf100(w).unwrap_or(0)) / 100.0
}

/// How well `x` fits between `prev` and `next`, as (listed, estimated)
/// support: the sum over the present sides of `ln(1 + count)`, where the
/// listed support counts a pair missing from the bigram list as 0 and the
/// estimated one gives it the count its words' frequencies predict, capped
/// below the list's floor (it keeps only pairs counted about 100,000 times
/// or more). Independence underrates collocations (`shouting match` is
/// estimated below `shouting game`), so only listed evidence overturns a
/// capitalised word that may be a name.
///
/// The neighbours come with their Zipf frequencies ([`zipf`]) and `zx` is
/// `x`'s: a table word's candidates share their neighbours, looked up once.
fn context_support(
    prev: Option<(&str, f64)>,
    x: &str,
    zx: f64,
    next: Option<(&str, f64)>,
) -> (f64, f64) {
    let big = bigrams();
    // Web 1T has about 10^12 tokens and zipf is log10 per 10^9 words, so
    // independent words pair about 10^(za + zb - 6) times.
    let pair = |a: &str, b: &str, za: f64, zb: f64| -> (f64, f64) {
        match big.count(a, b) {
            0 => (
                0.0,
                ((za + zb - 6.0).min(BIGRAM_FLOOR_LOG10) * std::f64::consts::LN_10).max(0.0),
            ),
            n => {
                let l = (1.0 + n as f64).ln();
                (l, l)
            }
        }
    };
    let (mut listed, mut estimated) = (0.0, 0.0);
    let mut sides = 0;
    if let Some((p, zp)) = prev {
        let (l, e) = pair(p, x, zp, zx);
        listed += l;
        estimated += e;
        sides += 1;
    }
    if let Some((n, zn)) = next {
        let (l, e) = pair(x, n, zx, zn);
        listed += l;
        estimated += e;
        sides += 1;
    }
    if sides == 0 {
        // No neighbour to judge by: the word's own frequency.
        estimated = zx * std::f64::consts::LN_10;
    }
    (listed, estimated)
}

/// `ln` of the web count of a word (Web 1T scale) from its Zipf frequency.
fn log_count(zipf: f64) -> f64 {
    (zipf + 3.0) * std::f64::consts::LN_10
}

/// `log10` of a count just under the bigram list's floor: the most an
/// unlisted pair is estimated at.
const BIGRAM_FLOOR_LOG10: f64 = 4.9;

/// A word of the spinner table found in the document: the table entry of
/// its stem and how to inflect a candidate original like the written word.
#[derive(Clone, Copy)]
struct TableWord {
    entry: &'static SpunWord,
    inflection: Inflection,
    /// Bytes of a possessive `'s` after the word (looked up through its
    /// stem: `navy's` -> `military's`), else 0.
    suffix_len: usize,
}

/// [`table_word`] of a folded document word, or of its stem when it is a
/// possessive the table does not list itself.
/// `hash` is the word's [`word_hash`].
fn lookup_table_word(folded: &str, hash: u64) -> Option<TableWord> {
    if let Some(t) = table_word(folded, Some(hash)) {
        return Some(t);
    }
    let stem = folded.strip_suffix("'s")?;
    table_word(stem, None).map(|t| TableWord {
        suffix_len: folded.len() - stem.len(),
        ..t
    })
}

/// The inflection that relates a written word to the table word it was
/// found through (`finishing` through `finish`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Inflection {
    /// The word itself is in the table.
    None,
    /// `-s` / `-es` / `-ies` (plural, third person).
    S,
    /// `-ed` / `-d` / `-ied` (past).
    Ed,
    /// `-ing`.
    Ing,
}

/// Looks a folded word up in the spinner table, directly or through the
/// stem of a regular inflection (`finishing` → `finish`, `assaulted` →
/// `assault`), so the table need not list every form a spinner writes.
///
/// `hash` is the [`word_hash`] of `folded` when the caller has it. Most
/// words of running text are ruled out by the table's shape filter (length,
/// first and last byte) before any hashing or copying.
fn table_word(folded: &str, hash: Option<u64>) -> Option<TableWord> {
    let table = spun_words();
    let direct = match hash {
        Some(h) => table.get_hashed(folded, h),
        None => table.get(folded),
    };
    if let Some(entry) = direct {
        return Some(TableWord {
            entry,
            inflection: Inflection::None,
            suffix_len: 0,
        });
    }
    let mut stem = [0u8; 64];
    let try_stem = |base: &str, extra: &str, stem: &mut [u8; 64]| -> Option<&'static SpunWord> {
        if base.len() < 2 || !table.may_contain_joined(base.as_bytes(), extra.as_bytes()) {
            return None;
        }
        if extra.is_empty() {
            return table.get(base);
        }
        let len = base.len() + extra.len();
        let bytes = stem.get_mut(..len)?;
        bytes[..base.len()].copy_from_slice(base.as_bytes());
        bytes[base.len()..].copy_from_slice(extra.as_bytes());
        table.get(std::str::from_utf8(bytes).ok()?)
    };
    // Only a word ending like an inflection is worth its stems: dispatch
    // on the last byte (most words of running text end otherwise).
    let forms: &[(&str, &str, Inflection)] = match folded.as_bytes().last() {
        Some(b's') => &[
            ("ies", "y", Inflection::S),
            ("es", "", Inflection::S),
            ("s", "", Inflection::S),
        ],
        Some(b'd') => &[
            ("ied", "y", Inflection::Ed),
            ("ed", "", Inflection::Ed),
            ("ed", "e", Inflection::Ed),
            ("ed", "-", Inflection::Ed),
        ],
        Some(b'g') => &[
            ("ing", "", Inflection::Ing),
            ("ing", "e", Inflection::Ing),
            ("ing", "-", Inflection::Ing),
        ],
        _ => return None,
    };
    for &(suffix, extra, inflection) in forms {
        let Some(base) = folded.strip_suffix(suffix) else {
            continue;
        };
        let found = if extra == "-" {
            // A doubled final consonant (`stopped` → `stop`).
            let b = base.as_bytes();
            (b.len() >= 3 && b[b.len() - 1] == b[b.len() - 2])
                .then(|| try_stem(&base[..base.len() - 1], "", &mut stem))
                .flatten()
        } else {
            try_stem(base, extra, &mut stem)
        };
        if let Some(entry) = found {
            return Some(TableWord {
                entry,
                inflection,
                suffix_len: 0,
            });
        }
    }
    None
}

/// `original` inflected like the written word (`end` + `-ing` → `ending`),
/// when the form is a known lowercase word; regular spelling rules only.
fn inflect(original: &str, inflection: Inflection) -> Option<String> {
    let lex = words();
    let suffix = match inflection {
        Inflection::None => return Some(original.to_string()),
        Inflection::S => "s",
        Inflection::Ed => "ed",
        Inflection::Ing => "ing",
    };
    let last = original.chars().next_back()?;
    // The candidate forms, in order of preference, as (stem, ending).
    let y_stem = original.strip_suffix('y');
    let e_stem = original.strip_suffix('e');
    let mut doubled = [0u8; 4];
    let doubled: &str = last.encode_utf8(&mut doubled);
    let forms: [Option<(&str, &str, &str)>; 4] = match inflection {
        Inflection::S => [
            y_stem.map(|stem| (stem, "", "ies")),
            Some((original, "", "es")),
            Some((original, "", "s")),
            None,
        ],
        _ => [
            e_stem.map(|stem| (stem, "", suffix)),
            y_stem
                .filter(|_| inflection == Inflection::Ed)
                .map(|stem| (stem, "", "ied")),
            Some((original, "", suffix)),
            Some((original, doubled, suffix)),
        ],
    };
    // One buffer for every form tried; the lexicon is asked about each.
    let mut form = String::with_capacity(original.len() + 4);
    for (stem, extra, ending) in forms.into_iter().flatten() {
        form.clear();
        form.push_str(stem);
        form.push_str(extra);
        form.push_str(ending);
        if lex.has_lowercase_form(&form) == Some(true) {
            return Some(form);
        }
    }
    None
}

/// The support a spun document's prior gives to restoring a table word of
/// weight 2 (rarely written outside spinner output): its original is kept
/// unless the written word fits the context this much better (`ln` units
/// of bigram support, about five times the web count).
const CLEAR_MARGIN: f64 = 1.6;

/// How much better the original must fit than a common word (weight 1)
/// before the word is taken for spinner output. In a document already
/// judged spun, a word the spinner writes for another is at even odds: the
/// original is restored when it fits its neighbours at least as well
/// (measured on spun news: a positive margin kept about one spun word in
/// ten that fitted equally well, and a negative one restored originals
/// that had not been spun). The price: where one neighbour cannot tell two
/// readings apart, the commoner wins (`landed in the evening` becomes `in
/// the night` in a spun document; an unsafe fix, shown for review).
const COMMON_WORD_MARGIN: f64 = 0.0;

/// How much support (`ln` units) a table candidate gives up per place
/// after the first: the table lists a spun word's originals most typical
/// first (`modification` → `amendment` before `change`).
const RANK_PENALTY: f64 = 0.7;

/// A capitalised table word mid-sentence may be a real name (`Navy`,
/// `Chief`): its original must fit clearly better.
const NAME_MARGIN: f64 = 0.7;

/// One table word's decision: the token, the restored text and the
/// original (folded) used as context for its neighbours.
struct WordChoice {
    token: usize,
    word: usize,
    original: String,
    restored: String,
    key: String,
}

/// Single-word spinner substitutions (`mentioned` for `said`, `invoice` for
/// `bill`) from the reversed spinner table, in a document that already
/// looks spun: a word is reported when one of the words a spinner replaces
/// with it fits its neighbours well enough; the best-fitting one is
/// restored, inflected like the written word.
///
/// Neighbours that are table words themselves are read as their chosen
/// originals on a second pass (`conflict cupboard` is scored as `war
/// cabinet`), since a spinner swaps runs of words. The second pass also
/// holds a common word restored anywhere on the first pass to the lower
/// bar of a rare one: the spinner's table is the same all through the
/// document (unless the first pass also restored the word's original the
/// other way, which shows a synonym set swapped both ways, not a table). An `a`/`an` before the
/// word is corrected with it when the original starts with the other kind
/// of sound (`an enormous` → `a massive`).
#[inline(never)]
fn word_hits(
    doc: &Document<'_>,
    seq: &WordSeq<'_>,
    table: &[Option<TableWord>],
    out: &mut Vec<Hit>,
) {
    let tokens = doc.tokens();
    // First pass: each word on its written neighbours; second pass: with
    // the first pass's choices as neighbours, only where a neighbour was
    // restored or the word's spun form was restored elsewhere (every other
    // word would decide as before).
    let mut chosen: Vec<Option<String>> = vec![None; seq.words.len()];
    let mut restored_keys: rustc_hash::FxHashSet<&str> = rustc_hash::FxHashSet::default();
    let mut first_pass: Vec<WordChoice> = Vec::new();
    for (i, found) in table.iter().enumerate() {
        let Some(found) = found else {
            continue;
        };
        if let Some(c) = choose_word(doc, seq, i, found, false, &|w| Some(seq.key(w))) {
            first_pass.push(c);
        }
    }
    for c in &first_pass {
        chosen[c.word] = Some(c.key.clone());
        restored_keys.insert(seq.key(c.word));
    }
    // A word restored one way and its original the other way (`home` for
    // `house` here, `house` for `home` there) is no proof of a fixed
    // table: spinners swap within synonym sets in both directions. Such
    // words keep the bar of a common word everywhere.
    if !first_pass.is_empty() {
        let swaps: rustc_hash::FxHashSet<(&str, &str)> = first_pass
            .iter()
            .map(|c| (seq.key(c.word), c.key.as_str()))
            .collect();
        let contested: rustc_hash::FxHashSet<&str> = swaps
            .iter()
            .filter(|(spun, original)| swaps.contains(&(*original, *spun)))
            .map(|(spun, _)| *spun)
            .collect();
        restored_keys.retain(|k| !contested.contains(k));
    }
    let context = |w: usize| -> Option<&str> { chosen[w].as_deref().or(Some(seq.key(w))) };
    let mut firsts = first_pass.into_iter().peekable();
    let mut choices: Vec<WordChoice> = Vec::new();
    for (i, found) in table.iter().enumerate() {
        let Some(found) = found else {
            continue;
        };
        let prior = firsts.next_if(|c| c.word == i);
        let seen = restored_keys.contains(seq.key(i));
        let neighbour_restored =
            (i > 0 && chosen[i - 1].is_some()) || chosen.get(i + 1).is_some_and(Option::is_some);
        if !neighbour_restored && (prior.is_some() || !seen) {
            choices.extend(prior);
            continue;
        }
        if let Some(c) = choose_word(doc, seq, i, found, seen, &context) {
            choices.push(c);
        }
    }
    for c in choices {
        let tok = c.token;
        let mut span = tokens[tok].span;
        let mut restored = c.restored;
        let full = doc.token_text(tok);
        let message = format!("`{full}` looks like a spinner's substitute for `{restored}`");
        if let Some(article) = article_fix(doc, seq, c.word, &restored) {
            let (a_span, a_text) = article;
            restored = format!("{a_text}{}{restored}", &doc.text()[a_span.end..span.start]);
            span = Span::new(a_span.start, span.end);
        }
        out.push(Hit {
            kind: HitKind::Collocation,
            span,
            reason: format!(
                "spinners write `{}` for `{}`, which fits the context",
                seq.key(c.word),
                c.original
            ),
            original: c.original,
            message: Some(message),
            replacement: Some(restored),
            strong: false,
            points: 0.5,
            applicability: Applicability::Unsafe,
        });
    }
}

/// Whether a word starts with a vowel sound, for `a`/`an` (letters only:
/// the exceptions that matter for restored originals are listed).
fn starts_with_vowel_sound(word: &str) -> bool {
    let w = word.as_bytes();
    let starts = |p: &&str| w.len() >= p.len() && w[..p.len()].eq_ignore_ascii_case(p.as_bytes());
    if ["hour", "honest", "honour", "honor", "heir"]
        .iter()
        .any(starts)
    {
        return true;
    }
    if ["uni", "use", "usu", "uti", "euro", "one", "once", "ufo"]
        .iter()
        .any(starts)
    {
        return false;
    }
    w.first()
        .is_some_and(|c| matches!(c.to_ascii_lowercase(), b'a' | b'e' | b'i' | b'o' | b'u'))
}

/// The article before word `w` and its corrected text, when `restored`
/// needs the other article than the one written (`an` → `a`).
fn article_fix(
    doc: &Document<'_>,
    seq: &WordSeq<'_>,
    w: usize,
    restored: &str,
) -> Option<(Span, String)> {
    if w == 0 || !seq.words[w].joined {
        return None;
    }
    let prev = seq.key(w - 1);
    let want_an = starts_with_vowel_sound(restored);
    let fixed = match (prev, want_an) {
        ("a", true) => "an",
        ("an", false) => "a",
        _ => return None,
    };
    let tok = seq.words[w - 1].token;
    let written = doc.token_text(tok);
    let text = match_case(written, fixed);
    Some((doc.tokens()[tok].span, text))
}

/// The restoration of word `i` if it is a table word whose best original
/// fits its context (`context(w)` gives the folded text of word `w` to
/// score against).
fn choose_word<'c, 't>(
    doc: &Document<'_>,
    seq: &WordSeq<'t>,
    i: usize,
    found: &TableWord,
    seen: bool,
    context: &impl Fn(usize) -> Option<&'c str>,
) -> Option<WordChoice>
where
    WordSeq<'t>: 'c,
{
    let folded = seq.key(i);
    let suffix_len = found.suffix_len;
    let key = &folded[..folded.len() - suffix_len];
    let tok = seq.words[i].token;
    let full = doc.token_text(tok);
    let split = full.len().checked_sub(
        // The written suffix may use `’` (3 bytes) for the folded `'`.
        if suffix_len == 0 {
            0
        } else if full.ends_with("\u{2019}s") {
            4
        } else {
            2
        },
    )?;
    let (written, suffix) = full.split_at(split);
    let case = casing(written);
    let name_like = match case {
        Casing::Lower => false,
        Casing::Title => !doc.starts_sentence(tok),
        _ => return None,
    };
    let prev = (i > 0 && seq.words[i].joined && !seq.words[i - 1].number)
        .then(|| context(i - 1))
        .flatten();
    let next = (suffix_len == 0
        && i + 1 < seq.words.len()
        && seq.words[i + 1].joined
        && !seq.words[i + 1].number)
        .then(|| context(i + 1))
        .flatten();
    // An article before the word is scored as the one each candidate
    // takes (`an assembly` against `a meeting`): spinners leave the
    // article of the original, and the restoration corrects it. The
    // neighbours' frequencies are looked up once for all candidates.
    let next_z = next.map(|n| (n, zipf(n)));
    let prev_z = match prev {
        Some("a" | "an") => None,
        p => p.map(|p| (p, zipf(p))),
    };
    let article_z =
        matches!(prev, Some("a" | "an")).then(|| [("a", zipf("a")), ("an", zipf("an"))]);
    let article = |w: &str| -> Option<(&str, f64)> {
        match article_z {
            Some(z) => Some(z[usize::from(starts_with_vowel_sound(w))]),
            None => prev_z,
        }
    };
    let (own_listed, own) = context_support(article(key), key, zipf(key), next_z);
    // Candidates are ranked by their estimated support, less a penalty per
    // place in the table's list (most typical swap first): the context must
    // clearly prefer a later candidate to overturn the spinner's habit.
    let mut best: Option<(String, f64, f64, f64)> = None;
    for (rank, &x) in found.entry.originals.iter().enumerate() {
        let Some(form) = inflect(x, found.inflection) else {
            continue;
        };
        let zx = zipf(&form);
        let (l, e) = context_support(article(&form), &form, zx, next_z);
        let mut score = e - RANK_PENALTY * rank as f64;
        if prev.is_some() && next.is_some() {
            // With a neighbour on each side, the support counts the
            // candidate's own frequency twice (`ln c(p x) + ln c(x n)`); the
            // bigram model `P(x | p) P(n | x)` divides it out once, so a
            // frequent word does not win on frequency alone (`during the`
            // against `across the`).
            score -= log_count(zx);
        }
        if best.as_ref().is_none_or(|(_, _, _, bs)| score > *bs) {
            best = Some((form, l, e, score));
        }
    }
    let (x, listed, support, _) = best?;
    // A possible name is only overturned by listed evidence. A table word
    // in a spun document is judged on the estimate too: spinners put rarer
    // synonyms for common words, so where the list is silent the more
    // frequent candidate is the likelier original.
    let wins = if name_like {
        listed > 0.0 && listed >= own_listed + NAME_MARGIN
    } else if found.entry.weight >= 2 || seen {
        // A spinner's table is fixed: a common word it demonstrably wrote
        // for an original elsewhere in this document is as suspect here
        // as a word rarely written outside spinner output.
        own < support + CLEAR_MARGIN
    } else {
        support >= own + COMMON_WORD_MARGIN
    };
    if !wins {
        return None;
    }
    let mut restored = match_apostrophe(written, match_case(written, &x));
    restored.push_str(suffix);
    Some(WordChoice {
        token: tok,
        word: i,
        key: x.clone(),
        original: x,
        restored,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_sorted() {
        let mut sorted = PLACEHOLDERS.to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, PLACEHOLDERS);
    }

    #[test]
    fn function_words_are_sorted_and_matched() {
        let mut sorted = FUNCTION_WORDS.to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, FUNCTION_WORDS);
        assert!(FUNCTION_WORDS.iter().all(|w| is_function_word(w)));
        assert!(!is_function_word("office"));
    }

    #[test]
    fn ascii_letters_are_told_eight_at_a_time() {
        for w in [
            "",
            "a",
            "Oval",
            "workplace",
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
        ] {
            assert!(is_ascii_letters(w.as_bytes()), "{w}");
        }
        for w in [
            "don't",
            "café",
            "x1",
            "a-b",
            "abcdefgh@",
            "[",
            "`",
            "{",
            "@",
            "abcdefghijklmno_",
        ] {
            assert!(!is_ascii_letters(w.as_bytes()), "{w}");
        }
        for b in 0..=255u8 {
            let w = [b'a', b, b'z'];
            assert_eq!(is_ascii_letters(&w), b.is_ascii_alphabetic(), "{b}");
        }
    }

    #[test]
    fn packed_lists_meet_where_they_share_a_string() {
        let pack = |words: &[&str]| -> Vec<u8> {
            words
                .iter()
                .flat_map(|w| std::iter::once(w.len() as u8).chain(w.bytes()))
                .collect()
        };
        let a = pack(&["ant", "bee", "cat"]);
        assert!(packed_meet(&a, &pack(&["bat", "cat"])));
        assert!(packed_meet(&a, &pack(&["ant"])));
        assert!(!packed_meet(&a, &pack(&["an", "be", "bees", "dog"])));
        assert!(!packed_meet(&a, &[]));
        assert!(!packed_meet(&[], &a));
    }

    #[test]
    fn restores_case_word_by_word() {
        assert_eq!(
            restore_case(&["As", "a", "substitute", "of"], "instead of", false),
            "Instead of"
        );
        assert_eq!(
            restore_case(&["Chief", "of", "Workers"], "chief of staff", false),
            "Chief of Staff"
        );
        assert_eq!(
            restore_case(&["the", "primary"], "the first", false),
            "the first"
        );
    }

    #[test]
    fn looks_spun_needs_count_and_density() {
        assert!(!looks_spun(3.0, 100));
        assert!(!looks_spun(8.0, 5000));
        assert!(looks_spun(8.0, 500));
    }

    /// The S rules run together with one context, as the engine runs them.
    fn findings_shared(doc: &Document<'_>) -> Vec<String> {
        let settings = crate::config::Settings::default();
        let ctx = crate::rules::CheckContext::new(&settings, None);
        let mut out = Vec::new();
        for rule in s_rules() {
            rule.check(doc, &ctx, &mut out);
        }
        out.iter().map(|f| format!("{f:?}")).collect()
    }

    /// Each S rule with a context of its own: its own analysis.
    fn findings_apart(doc: &Document<'_>) -> Vec<String> {
        let settings = crate::config::Settings::default();
        let mut out = Vec::new();
        for rule in s_rules() {
            let ctx = crate::rules::CheckContext::new(&settings, None);
            rule.check(doc, &ctx, &mut out);
        }
        out.iter().map(|f| format!("{f:?}")).collect()
    }

    fn s_rules() -> Vec<&'static dyn crate::rules::Rule> {
        crate::rules::REGISTRY
            .iter()
            .copied()
            .filter(|r| r.meta().code.starts_with('S'))
            .collect()
    }

    /// The analysis kept in the context (computed once, read by three
    /// rules) gives exactly what an analysis per rule gives.
    #[test]
    fn the_shared_analysis_equals_one_per_rule() {
        let text = "The Oval Workplace and the Home of Commons, as a substitute of the \
                    White Home, met. Jones mentioned the invoice {quick|fast} and the \
                    new earnings tax. `{a|b}` stays in code.";
        for format in [crate::text::Format::Plain, crate::text::Format::Markdown] {
            let doc = Document::new(text, format);
            let shared = findings_shared(&doc);
            assert!(shared.len() >= 6, "{shared:?}");
            assert_eq!(shared, findings_apart(&doc));
        }
    }

    /// Regression (fuzz crash ce4714c4): one text read as plain text and as
    /// Markdown analyses differently (spintax in a code span is code).
    #[test]
    fn the_format_decides_what_is_prose() {
        let text = "Fires: the report was {quick|fast|rapid} and clear. Code `{a|b}` stays.";
        let spintax = |format| {
            let doc = Document::new(text, format);
            let words = DocWords::build(&doc);
            compute(&doc, &words)
                .hits
                .iter()
                .filter(|h| h.kind == HitKind::Spintax)
                .count()
        };
        assert_eq!(spintax(crate::text::Format::Plain), 2);
        assert_eq!(spintax(crate::text::Format::Markdown), 1);
    }

    /// The sequence's hashes are the phrasebook's hashes of its keys, for
    /// lowercase, capitalised, non-ASCII words and numbers alike.
    #[test]
    fn sequence_hashes_are_key_hashes() {
        let text = "The Oval Workplace’s 12 CAFÉS, naïve x_y café and Didn’t.";
        let doc = Document::new(text, crate::text::Format::Plain);
        let words = DocWords::build(&doc);
        let seq = WordSeq::new(&doc, &words);
        assert!(seq.words.len() >= 9);
        for i in 0..seq.words.len() {
            assert_eq!(seq.words[i].hash, word_hash(seq.key(i)), "{}", seq.key(i));
        }
        let keys: Vec<&str> = (0..seq.words.len()).map(|i| seq.key(i)).collect();
        assert!(keys.contains(&"workplace's"), "{keys:?}");
        assert!(keys.contains(&"cafés"), "{keys:?}");
        assert!(keys.contains(&"didn't"), "{keys:?}");
    }
}
