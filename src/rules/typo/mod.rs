//! `T` rules: typos and words, and the evidence they share (which words a
//! document treats as names, how a clitic attaches to its stem).

pub mod inconsistent_name_case;
pub mod known_misspelling;
pub mod lowercase_proper_noun;
pub mod other_dialect_spelling;
pub mod repeated_word;
pub mod unknown_word;

use rustc_hash::FxHashMap;

use crate::dict::table::{ascii_lowercase8, key_hash_or_visiting, load_tail, WordKey};
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

/// The letter case and marks of one word token, read once from its bytes
/// (see [`DocWords::shape`]) so that no rule loops over a word's bytes
/// again to ask the same questions.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Shape(u8);

impl Shape {
    const CAPITAL: u8 = 1;
    const INNER_CAPITAL: u8 = 1 << 1;
    const APOSTROPHE: u8 = 1 << 2;
    const ASCII: u8 = 1 << 3;
    const ASCII_LOWER_START: u8 = 1 << 4;
    /// Two bits of [`Casing`] from here.
    const CASING_SHIFT: u8 = 5;

    /// The shape of a word and, for an ASCII word, the hash of its key
    /// ([`WordKey::ascii_word`]), from one read of its bytes.
    pub(crate) fn of_hashed(word: &str) -> (Self, u64) {
        let bytes = word.as_bytes();
        let Some(&first) = bytes.first() else {
            return (
                Self::from_parts(Casing::Lower, Self::ASCII),
                key_hash_or_visiting(bytes, 0x20, |_| {}),
            );
        };
        let mut flags = 0;
        if first.is_ascii_lowercase() {
            flags |= Self::ASCII_LOWER_START;
        }
        if !first.is_ascii_alphabetic() {
            return (
                Self::of_any(word, flags),
                key_hash_or_visiting(bytes, 0x20, |_| {}),
            );
        }
        // Eight bytes at a time (one step for most words), every question
        // at once, as masks (no counting), as the hash reads them: which
        // bytes are capitals, letters, apostrophes, non-ASCII. The first
        // byte is a letter.
        let (mut upper_after_first, mut all_letters_upper) = (false, true);
        let (mut apostrophe, mut high) = (false, 0u64);
        let mut first_chunk = true;
        let hash = key_hash_or_visiting(bytes, 0x20, |x| {
            let classes = ByteClasses::of(x);
            let after_first = if first_chunk {
                classes.upper & !0x80
            } else {
                classes.upper
            };
            first_chunk = false;
            upper_after_first |= after_first != 0;
            all_letters_upper &= classes.upper == classes.letter;
            apostrophe |= classes.apostrophe != 0;
            high |= x & ByteClasses::HIGH;
        });
        if high != 0 {
            return (Self::of_any(word, flags), hash);
        }
        let first_upper = first.is_ascii_uppercase();
        flags |= Self::ASCII;
        if first_upper {
            flags |= Self::CAPITAL;
        }
        if upper_after_first {
            flags |= Self::INNER_CAPITAL;
        }
        if apostrophe {
            flags |= Self::APOSTROPHE;
        }
        // `casing` of an ASCII word that starts with a letter.
        let casing = match (first_upper, upper_after_first) {
            (false, false) => Casing::Lower,
            (true, false) => Casing::Title,
            (true, true) if all_letters_upper => Casing::Upper,
            _ => Casing::Mixed,
        };
        (Self::from_parts(casing, flags), hash)
    }

    /// [`Shape::of_hashed`] by the general functions: non-ASCII words and words
    /// that do not start with a letter (`flags` holds what is known).
    fn of_any(word: &str, mut flags: u8) -> Self {
        if word.is_ascii() {
            flags |= Self::ASCII;
        }
        if starts_with_capital(word) {
            flags |= Self::CAPITAL;
        }
        if word.chars().skip(1).any(char::is_uppercase) {
            flags |= Self::INNER_CAPITAL;
        }
        if has_apostrophe(word) {
            flags |= Self::APOSTROPHE;
        }
        Self::from_parts(casing(word), flags)
    }

    fn from_parts(casing: Casing, flags: u8) -> Self {
        let code = match casing {
            Casing::Lower => 0,
            Casing::Title => 1,
            Casing::Upper => 2,
            Casing::Mixed => 3,
        };
        Self(flags | (code << Self::CASING_SHIFT))
    }

    /// [`casing`] of the word.
    pub(crate) fn casing(self) -> Casing {
        match self.0 >> Self::CASING_SHIFT {
            0 => Casing::Lower,
            1 => Casing::Title,
            2 => Casing::Upper,
            _ => Casing::Mixed,
        }
    }

    /// [`starts_with_capital`] of the word.
    pub(crate) fn is_capitalised(self) -> bool {
        self.0 & Self::CAPITAL != 0
    }

    /// Whether an uppercase letter follows the first character (`NATO`,
    /// `YouTube`).
    pub(crate) fn has_inner_capital(self) -> bool {
        self.0 & Self::INNER_CAPITAL != 0
    }

    /// [`has_apostrophe`] of the word.
    pub(crate) fn has_apostrophe(self) -> bool {
        self.0 & Self::APOSTROPHE != 0
    }

    /// Whether the word is ASCII.
    pub(crate) fn is_ascii(self) -> bool {
        self.0 & Self::ASCII != 0
    }

    /// Whether the first byte is an ASCII lowercase letter.
    pub(crate) fn starts_ascii_lowercase(self) -> bool {
        self.0 & Self::ASCII_LOWER_START != 0
    }
}

/// Per byte of eight (in the high bit of each byte of a mask): which are
/// ASCII capitals, ASCII letters and `'`. Zero padding is none of them.
struct ByteClasses {
    upper: u64,
    letter: u64,
    apostrophe: u64,
}

impl ByteClasses {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;

    #[inline]
    fn of(x: u64) -> Self {
        let not_apostrophe = x ^ (Self::ONES * u64::from(b'\''));
        // A byte is zero when neither its low seven bits plus 0x7F nor the
        // byte itself reach the high bit (exact: no carry crosses bytes).
        let low = Self::ONES * 0x7F;
        let nonzero = ((not_apostrophe & low) + low) | not_apostrophe;
        Self {
            upper: Self::in_range(x, b'A', b'Z'),
            letter: Self::in_range(x | (Self::ONES * 0x20), b'a', b'z'),
            apostrophe: !nonzero & Self::HIGH,
        }
    }

    /// The ASCII bytes of `x` within `lo..=hi` (`lo` ≥ 1, `hi` < 0x7F).
    #[inline]
    fn in_range(x: u64, lo: u8, hi: u8) -> u64 {
        let low7 = x & !Self::HIGH;
        let from_lo = low7 + Self::ONES * u64::from(0x80 - lo);
        let past_hi = low7 + Self::ONES * u64::from(0x80 - hi - 1);
        from_lo & !past_hi & !x & Self::HIGH
    }
}

/// The lookup key, lexicon class and shape of every word of a document,
/// computed once (see [`crate::rules::CheckContext::words`]) for every rule
/// that asks: one pass over each word's bytes, one hash per word, no folded
/// copy of ASCII words.
#[derive(Debug, Default)]
pub(crate) struct DocWords {
    /// Per token: its class ([`Lexical::NotAWord`] for other tokens).
    lexical: Vec<Lexical>,
    /// Per token: the hash of the folded key (0 for other tokens).
    hashes: Vec<u64>,
    /// Per token: the word's shape (default for other tokens).
    shapes: Vec<Shape>,
    /// The token indices of the words, ascending.
    indices: Vec<u32>,
    /// Where each line after the first starts in `indices`: the number of
    /// words before each line break.
    line_breaks: Vec<u32>,
    /// The folded keys of the non-ASCII words, by token index (ascending).
    folded: Vec<(usize, Box<str>)>,
}

/// Slots of the cache of lexicon verdicts ([`VerdictCache`]).
const VERDICT_CACHE_SLOTS: usize = 1024;

/// The lexicon's verdicts on recent short ASCII words, per thread and kept
/// across documents: most words of a text are repeats of a few hundred
/// (`the`, `said`, `government`), and a repeat then costs a compare of two
/// machine words instead of a probe of the lexicon. Direct-mapped by the
/// word's hash. Exact: an entry holds the whole folded key (up to 16 bytes),
/// and the lexicon never changes, so a hit is the verdict a probe would give
/// (whichever documents the thread saw before).
struct VerdictCache {
    slots: Vec<CachedVerdict>,
}

/// One remembered verdict: a folded key, lowercase and zero-padded, its
/// length (0: an empty slot) and the lexicon's class of it.
#[derive(Clone, Copy)]
struct CachedVerdict {
    key: [u64; 2],
    len: u8,
    lexical: Lexical,
}

impl VerdictCache {
    fn new() -> Self {
        let empty = CachedVerdict {
            key: [0; 2],
            len: 0,
            lexical: Lexical::NotAWord,
        };
        Self {
            slots: vec![empty; VERDICT_CACHE_SLOTS],
        }
    }

    /// The lexicon's class of the ASCII word `key`, from the cache or
    /// probed and remembered.
    #[inline]
    fn lexical(&mut self, lexicon: &Words, key: &WordKey<'_>, word: &[u8]) -> Lexical {
        let Some(folded) = folded_key16(word) else {
            return Lexical::of_key(lexicon, key);
        };
        let slot = &mut self.slots[(key.hash() as usize) % VERDICT_CACHE_SLOTS];
        if usize::from(slot.len) == word.len() && slot.key == folded {
            return slot.lexical;
        }
        let lexical = Lexical::of_key(lexicon, key);
        *slot = CachedVerdict {
            key: folded,
            len: word.len() as u8,
            lexical,
        };
        lexical
    }
}

/// The ASCII lowercase of a word of 1 to 16 bytes, zero-padded, as two
/// machine words; `None` for a longer word.
#[inline]
fn folded_key16(word: &[u8]) -> Option<[u64; 2]> {
    match word.len() {
        1..=8 => Some([ascii_lowercase8(load_tail(word)), 0]),
        9..=16 => {
            let (head, tail) = word.split_at(8);
            let head = u64::from_le_bytes([
                head[0], head[1], head[2], head[3], head[4], head[5], head[6], head[7],
            ]);
            Some([ascii_lowercase8(head), ascii_lowercase8(load_tail(tail))])
        }
        _ => None,
    }
}

thread_local! {
    static VERDICTS: std::cell::RefCell<VerdictCache> = std::cell::RefCell::new(VerdictCache::new());
}

impl DocWords {
    /// Classifies every token of `doc`.
    pub(crate) fn build(doc: &Document<'_>) -> Self {
        let lexicon = crate::dict::words();
        let tokens = doc.tokens();
        let text = doc.text();
        let n = tokens.len();
        let mut words = Self {
            lexical: vec![Lexical::NotAWord; n],
            hashes: vec![0; n],
            shapes: vec![Shape::default(); n],
            indices: Vec::with_capacity(n / 2 + 1),
            line_breaks: Vec::new(),
            folded: Vec::new(),
        };
        VERDICTS.with(|cache| {
            let mut cache = cache.borrow_mut();
            for (i, t) in tokens.iter().enumerate() {
                match t.kind {
                    TokenKind::Word => {}
                    TokenKind::Newline => {
                        words.line_breaks.push(words.indices.len() as u32);
                        continue;
                    }
                    _ => continue,
                }
                words.indices.push(i as u32);
                let word = &text[t.span.start..t.span.end];
                let (shape, ascii_hash) = Shape::of_hashed(word);
                words.shapes[i] = shape;
                let (lexical, hash) = if shape.is_ascii() {
                    let key = WordKey::ascii_word_hashed(word, ascii_hash);
                    (cache.lexical(lexicon, &key, word.as_bytes()), ascii_hash)
                } else {
                    let folded = fold_key(word);
                    let key = WordKey::folded(&folded);
                    let found = (Lexical::of_key(lexicon, &key), key.hash());
                    words.folded.push((i, folded.into_boxed_str()));
                    found
                };
                words.lexical[i] = lexical;
                words.hashes[i] = hash;
            }
        });
        words
    }

    /// The class of every token.
    pub(crate) fn lexical(&self) -> &[Lexical] {
        &self.lexical
    }

    /// The token indices of the words, in order.
    pub(crate) fn indices(&self) -> impl Iterator<Item = usize> + '_ {
        self.indices.iter().map(|&i| i as usize)
    }

    /// The token indices of the words, line by line (lines without words
    /// are skipped).
    pub(crate) fn lines(&self) -> impl Iterator<Item = &[u32]> + '_ {
        let mut start = 0usize;
        let mut breaks = self
            .line_breaks
            .iter()
            .map(|&b| b as usize)
            .chain(std::iter::once(self.indices.len()));
        std::iter::from_fn(move || loop {
            let end = breaks.next()?;
            let line = &self.indices[start..end];
            start = end;
            if !line.is_empty() {
                return Some(line);
            }
        })
    }

    /// The shape of word token `index` (default for other tokens).
    pub(crate) fn shape(&self, index: usize) -> Shape {
        self.shapes[index]
    }

    /// The lookup key of word token `index` (any table keyed by folded words).
    pub(crate) fn key<'a>(&'a self, doc: &Document<'a>, index: usize) -> WordKey<'a> {
        let word = doc.token_text(index);
        if self.shapes[index].is_ascii() {
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

    /// The hash of the folded key of word token `index` without its clitic
    /// (`putin’s` → `putin`), as [`DocNames`] keys words; `word` is its text.
    pub(crate) fn stem_hash(&self, index: usize, word: &str) -> u64 {
        if self.shapes[index].has_apostrophe() {
            with_folded_key(word, |key| {
                let stem = clitic_split(key).map_or(key, |(stem, _)| stem);
                WordKey::folded(stem).hash()
            })
        } else {
            self.hashes[index]
        }
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
    /// A Bloom filter (one bit per stem) of the stems written capitalised
    /// mid-sentence, so that [`DocNames::capitalises_mid_sentence`], asked of
    /// nearly every lowercase word, rarely reaches the map.
    mid_filter: MidFilter,
}

/// Bits of [`DocNames::mid_filter`], as `u64` words: 4096 bits keep false
/// positives near 5 % for a few hundred names.
const MID_FILTER_WORDS: usize = 64;

#[derive(Debug)]
struct MidFilter([u64; MID_FILTER_WORDS]);

impl Default for MidFilter {
    fn default() -> Self {
        Self([0; MID_FILTER_WORDS])
    }
}

impl MidFilter {
    /// The word and bit of a hash (its top bits: the map uses the low ones).
    fn slot(hash: u64) -> (usize, u64) {
        let bit = (hash >> 52) as usize; // 12 bits: 0..4096
        (bit / 64, 1 << (bit % 64))
    }

    fn insert(&mut self, hash: u64) {
        let (word, bit) = Self::slot(hash);
        self.0[word] |= bit;
    }

    fn may_contain(&self, hash: u64) -> bool {
        let (word, bit) = Self::slot(hash);
        self.0[word] & bit != 0
    }
}

impl DocNames {
    /// Collects the mid-sentence capitalised words of `doc`. A word right
    /// after a colon, an opening quote or a line start counts as sentence
    /// start, and title-case lines (headlines, where most words are
    /// capitalised) are left out, so neither makes names.
    pub(crate) fn collect(doc: &Document<'_>, keys: &DocWords) -> Self {
        let mut counts: FxHashMap<u64, NameCounts> = FxHashMap::default();
        for line in keys.lines() {
            let words = line.len();
            let capitalised = line
                .iter()
                .filter(|&&i| keys.shape(i as usize).is_capitalised())
                .count();
            if words >= 3 && capitalised * 5 >= words * 3 {
                continue; // a headline
            }
            for &i in line {
                let i = i as usize;
                let shape = keys.shape(i);
                if !shape.is_capitalised() || shape.casing() != Casing::Title {
                    continue;
                }
                let stem_hash = keys.stem_hash(i, doc.token_text(i));
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
        let mut mid_filter = MidFilter::default();
        for (&hash, n) in &counts {
            if n.mid > 0 {
                mid_filter.insert(hash);
            }
        }
        Self { counts, mid_filter }
    }

    fn of(&self, stem: &str) -> Option<&NameCounts> {
        self.counts.get(&WordKey::folded(stem).hash())
    }

    /// Whether the document capitalises mid-sentence the word whose folded
    /// key (no clitic) has hash `hash` ([`DocNames::count`] above zero), for
    /// hot loops that know the hash already.
    pub(crate) fn capitalises_mid_sentence(&self, hash: u64) -> bool {
        self.mid_filter.may_contain(hash) && self.counts.get(&hash).is_some_and(|n| n.mid > 0)
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
    fn shapes_answer_what_the_byte_loops_answer() {
        for word in [
            "the",
            "The",
            "THE",
            "iPhone",
            "McDonald",
            "I",
            "a",
            "Putin’s",
            "putin's",
            "O'Neill",
            "NATO's",
            "YouTube",
            "x",
            "'tis",
            "Erdoğan",
            "ERDOĞAN",
            "erdoğan",
            "Élysée",
            "éLYSÉE",
            "naïve",
            "didn’t",
            "DIDN'T",
            "Ab'C",
            "",
        ] {
            let (shape, hash) = Shape::of_hashed(word);
            if let Some(key) = WordKey::ascii_word(word) {
                assert_eq!(hash, key.hash(), "{word}");
            }
            assert_eq!(shape.casing(), casing(word), "{word}");
            assert_eq!(shape.is_capitalised(), starts_with_capital(word), "{word}");
            assert_eq!(
                shape.has_inner_capital(),
                word.chars().skip(1).any(char::is_uppercase),
                "{word}"
            );
            assert_eq!(shape.has_apostrophe(), has_apostrophe(word), "{word}");
            assert_eq!(shape.is_ascii(), word.is_ascii(), "{word}");
            assert_eq!(
                shape.starts_ascii_lowercase(),
                word.as_bytes().first().is_some_and(u8::is_ascii_lowercase),
                "{word}"
            );
        }
    }

    #[test]
    fn doc_words_key_and_hash_every_word_once() {
        let doc = Document::new(
            "Witkoff met Putin’s envoy.\n\nThe teh NATO talks\nend",
            Format::Plain,
        );
        let words = DocWords::build(&doc);
        let indices: Vec<usize> = words.indices().collect();
        let expected: Vec<usize> = doc.words().map(|(i, _)| i).collect();
        assert_eq!(indices, expected);
        let lines: Vec<Vec<&str>> = words
            .lines()
            .map(|l| l.iter().map(|&i| doc.token_text(i as usize)).collect())
            .collect();
        assert_eq!(
            lines,
            [
                vec!["Witkoff", "met", "Putin’s", "envoy"],
                vec!["The", "teh", "NATO", "talks"],
                vec!["end"]
            ]
        );
        for i in indices {
            let word = doc.token_text(i);
            let folded = fold_key(word);
            assert_eq!(words.hash(i), WordKey::folded(&folded).hash(), "{word}");
            assert_eq!(words.key(&doc, i).hash(), words.hash(i), "{word}");
            let stem = clitic_split(&folded).map_or(folded.as_str(), |(s, _)| s);
            assert_eq!(
                words.stem_hash(i, word),
                WordKey::folded(stem).hash(),
                "{word}"
            );
            assert_eq!(words.shape(i), Shape::of_hashed(word).0);
        }
        assert_eq!(words.lexical()[indices_of(&doc, "teh")], Lexical::Unknown);
        assert_eq!(words.lexical()[indices_of(&doc, "The")], Lexical::Common);
    }

    #[test]
    fn cached_verdicts_are_the_lexicon_verdicts() {
        // Repeats in every case, and more distinct words than the cache has
        // slots, so that slots are shared and overwritten.
        let mut text = String::from("The the THE tHe teh Teh wont Wont won't NATO Nato nato.\n");
        for n in 0..3000 {
            let word = ["government", "said", "Putin", "recieve", "x", "qz"][n % 6];
            text.push_str(&format!("{word} {word}{} ", "s".repeat(n % 5)));
            text.push_str(["fish ", "Fish ", "FISH "][n % 3]);
        }
        text.push_str("internationalisation INTERNATIONALISATIONS Internationalization's");
        // The cache outlives a document: a second one meets the first's
        // verdicts (in other cases too).
        let second = text.to_uppercase() + " " + &text.to_lowercase();
        let lexicon = crate::dict::words();
        for text in [&text, &second] {
            let doc = Document::new(text, Format::Plain);
            let words = DocWords::build(&doc);
            for i in words.indices() {
                let folded = fold_key(doc.token_text(i));
                let direct = Lexical::of_key(lexicon, &WordKey::folded(&folded));
                assert_eq!(words.lexical()[i], direct, "{}", doc.token_text(i));
            }
        }
        assert_eq!(folded_key16(b"The"), folded_key16(b"tHE"));
        assert_ne!(folded_key16(b"the"), folded_key16(b"thee"));
        assert_ne!(
            folded_key16(b"governmentalized"),
            folded_key16(b"governmentalizes")
        );
        assert_eq!(folded_key16(b"governmentalizedx"), None);
    }

    #[test]
    fn byte_classes_match_the_byte_tests() {
        for byte in 0..=255u8 {
            let classes = ByteClasses::of(u64::from_le_bytes([byte; 8]));
            let all = |set: bool| if set { ByteClasses::HIGH } else { 0 };
            assert_eq!(classes.upper, all(byte.is_ascii_uppercase()), "{byte}");
            assert_eq!(classes.letter, all(byte.is_ascii_alphabetic()), "{byte}");
            assert_eq!(classes.apostrophe, all(byte == b'\''), "{byte}");
        }
        // Bytes do not disturb their neighbours.
        let mixed = ByteClasses::of(u64::from_le_bytes(*b"a'Z\x00\xff@[z"));
        assert_eq!(mixed.upper, 0x80 << 16);
        assert_eq!(mixed.letter, 0x80 | (0x80 << 16) | (0x80 << 56));
        assert_eq!(mixed.apostrophe, 0x80 << 8);
    }

    fn indices_of(doc: &Document<'_>, word: &str) -> usize {
        doc.words()
            .find(|(_, t)| doc.slice(t.span) == word)
            .map(|(i, _)| i)
            .expect("word in document")
    }

    #[test]
    fn the_mid_sentence_filter_never_hides_a_name() {
        let text = "Some said Witkoff and Putin met Trump, Zelenskyy and Erdoğan here.";
        let doc = Document::new(text, Format::Plain);
        let words = DocWords::build(&doc);
        let names = DocNames::collect(&doc, &words);
        for i in words.indices() {
            let stem = words.stem_hash(i, doc.token_text(i));
            let expected = names.counts.get(&stem).is_some_and(|n| n.mid > 0);
            assert_eq!(names.capitalises_mid_sentence(stem), expected);
        }
        assert!(names.capitalises_mid_sentence(WordKey::folded("erdoğan").hash()));
        assert!(!names.capitalises_mid_sentence(WordKey::folded("some").hash()));
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
