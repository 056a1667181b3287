//! Compiles `dictionaries/*.tsv` into compact binary tables in `OUT_DIR`,
//! embedded by `src/dict/` with `include_bytes!`, so copyedit never parses
//! or indexes a dictionary at run time (a 1 KB file is checked in a few
//! milliseconds including start-up).
//!
//! Formats (all integers little-endian) are documented in `src/dict/table.rs`
//! (hash tables) and `src/dict/index.rs` (symmetric-delete suggestion index). The key hash and
//! the phonetic key are shared with the runtime through `include!`.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

include!("src/dict/keyhash.rs");
include!("src/dict/phonetic.rs");
include!("src/dict/deletes.rs");
include!("src/dict/phrase_index.rs");

/// Phonetic buckets keep at most this many words, most frequent first.
const PHONETIC_BUCKET: usize = 48;

fn main() {
    let dict = Path::new("dictionaries");
    for f in [
        "words.tsv",
        "misspellings.tsv",
        "bigrams.tsv",
        "names.txt",
        "variants.tsv",
        "synonyms.tsv",
        "mwe.txt",
        "spun_phrases.tsv",
    ] {
        println!("cargo:rerun-if-changed=dictionaries/{f}");
    }
    println!("cargo:rerun-if-changed=src/dict/keyhash.rs");
    println!("cargo:rerun-if-changed=src/dict/phonetic.rs");
    println!("cargo:rerun-if-changed=src/dict/deletes.rs");
    println!("cargo:rerun-if-changed=src/dict/phrase_index.rs");
    println!("cargo:rerun-if-changed=build.rs");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));

    let misspellings_src = read(dict, "misspellings.tsv");
    let listed: std::collections::HashSet<String> = data_lines(&misspellings_src)
        .filter_map(|line| line.split('\t').next())
        .map(fold)
        .collect();
    let words = build_words(&read(dict, "words.tsv"), &listed);
    write(&out, "words.bin", &words.table);
    write(&out, "common.bin", &build_common(&words.common));
    write(&out, "deletes.bin", &build_deletes(&words.suggestable));
    write(&out, "phonetic.bin", &build_phonetic(&words.suggestable));

    let mut miss = TableBuilder::default();
    for line in data_lines(&misspellings_src) {
        let mut fields = line.split('\t');
        let Some(typo) = fields.next() else { continue };
        let mut value = Vec::new();
        for c in fields {
            if c.len() < 256 {
                value.push(c.len() as u8);
                value.extend_from_slice(c.as_bytes());
            }
        }
        if !value.is_empty() {
            miss.insert(&fold(typo), value);
        }
    }
    write(&out, "misspellings.bin", &miss.finish().0);

    let sums = sums_of(dict);
    write(&out, "bigrams.bin", &build_counts(&sums));

    let mut names = TableBuilder::default();
    let mut seen = std::collections::HashSet::new();
    for line in data_lines(&read(dict, "names.txt")) {
        let key = fold(line);
        if seen.insert(key.clone()) {
            names.insert(&key, line.as_bytes().to_vec());
        }
    }
    write(&out, "names.bin", &names.finish().0);

    let mut us_to_gb = TableBuilder::default();
    let mut gb_to_us = TableBuilder::default();
    let (mut seen_us, mut seen_gb) = (
        std::collections::HashSet::new(),
        std::collections::HashSet::new(),
    );
    for line in data_lines(&read(dict, "variants.tsv")) {
        if let Some((us, gb)) = line.split_once('\t') {
            if seen_us.insert(us.to_string()) {
                us_to_gb.insert(us, gb.as_bytes().to_vec());
            }
            if seen_gb.insert(gb.to_string()) {
                gb_to_us.insert(gb, us.as_bytes().to_vec());
            }
        }
    }
    write(&out, "variants_us.bin", &us_to_gb.finish().0);
    write(&out, "variants_gb.bin", &gb_to_us.finish().0);

    let zipf = zipf_of(&read(dict, "words.tsv"));
    write(
        &out,
        "synonyms.bin",
        &build_synonyms(&read(dict, "synonyms.tsv"), &zipf),
    );
    let mwe_src = read(dict, "mwe.txt");
    let mut mwe = TableBuilder::default();
    let mut seen_mwe = std::collections::HashSet::new();
    for line in data_lines(&mwe_src) {
        if line.len() < 256 && seen_mwe.insert(line) {
            mwe.insert(line, Vec::new());
        }
    }
    write(&out, "mwe.bin", &mwe.finish().0);
    write(&out, "strong.bin", &build_strong(&mwe_src, &sums));
    write(&out, "partners.bin", &build_partners(&sums));

    let mut phrases = TableBuilder::default();
    let index = build_phrase_index(&read(dict, "spun_phrases.tsv"), fold);
    write(
        &out,
        "phrase_filter.bin",
        &build_pair_filter(index.keys().map(String::as_str), key_hash),
    );
    for (first, value) in index {
        phrases.insert(&first, value);
    }
    write(&out, "phrases.bin", &phrases.finish().0);
}

/// Bigram count from which a pair is indexed by either word in
/// `partners.bin` (the lowest bar of `rules/spun/analysis.rs`, `WEAK_BAR`).
const PARTNER_MIN_COUNT: u64 = 200_000;

/// Frequent bigrams by either word: key `>a` → every `b` with a frequent
/// `a b`, key `<b` → every such `a`, packed in byte order. The collocation
/// rule intersects these with a word's thesaurus neighbours instead of
/// looking up one bigram per neighbour.
fn build_partners(sums: &BTreeMap<String, u64>) -> Vec<u8> {
    let mut right: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    let mut left: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (pair, &n) in sums {
        if n < PARTNER_MIN_COUNT {
            continue;
        }
        let Some((a, b)) = pair.split_once(' ') else {
            continue;
        };
        if b.contains(' ') {
            continue;
        }
        right.entry(a).or_default().push(b);
        left.entry(b).or_default().push(a);
    }
    let mut table = TableBuilder::default();
    for (prefix, map) in [(">", right), ("<", left)] {
        for (k, mut v) in map {
            v.sort_unstable();
            v.dedup();
            let key = format!("{prefix}{k}");
            let packed = pack(&v);
            if key.len() < 256 && packed.len() < 65536 {
                table.insert(&key, packed);
            }
        }
    }
    table.finish().0
}

/// Most thesaurus neighbours kept per word (the most frequent ones); the
/// same constant is `dict::synonyms::MAX_NEIGHBOURS`.
const MAX_NEIGHBOURS: usize = 48;

/// Neighbours rarer than this (zipf100) are left out: every rule needs a
/// candidate original of at least zipf 3.
const MIN_NEIGHBOUR_ZIPF: u16 = 300;

/// Bigram count from which a two-word WordNet expression is a strong
/// collocation (`STRONG_BAR.min_count` in `rules/spun/analysis.rs`).
const STRONG_MIN_COUNT: u64 = 1_000_000;

/// Folded word → zipf100 (the highest of its forms).
fn zipf_of(src: &str) -> std::collections::HashMap<String, u16> {
    let mut map = std::collections::HashMap::new();
    for line in data_lines(src) {
        let mut f = line.split('\t');
        let (Some(word), Some(z)) = (f.next(), f.next()) else {
            continue;
        };
        let z: u16 = z.parse().unwrap_or(0);
        let e = map.entry(fold(word)).or_insert(0u16);
        *e = (*e).max(z);
    }
    map
}

/// The bigram counts as a table keyed by hash alone (read by
/// `dict::table::HashCounts`): `u32` slot count (a power of two), `u32`
/// entry count, then the slots, `u64` each: high 32 bits = high 32 bits of
/// the pair's [`key_hash`], low 32 bits = the count (0 = empty; linear
/// probing from the slot the low hash bits pick). No keys are stored, so a
/// hit reads one cache line instead of a slot and a record; an unlisted pair
/// reads a listed count only if 32 more hash bits agree (about 2^-32 per
/// probed slot), far below what counts are used for. Two listed pairs whose
/// tags meet in one probe chain would be told apart by nothing, so the build
/// refuses them.
fn build_counts(sums: &BTreeMap<String, u64>) -> Vec<u8> {
    let slots = (sums.len() * 3 / 2 + 1).next_power_of_two().max(2);
    let mask = slots - 1;
    let mut table = vec![0u64; slots];
    for (pair, &n) in sums {
        let h = key_hash(pair.as_bytes());
        // Counts of the web corpus stay under 2^32 (`of the` is 2.8·10^9);
        // a larger one would saturate, which keeps its order among counts.
        let count = u32::try_from(n).unwrap_or(u32::MAX).max(1);
        let tag = h & 0xFFFF_FFFF_0000_0000;
        let mut i = (h as usize) & mask;
        while table[i] != 0 {
            assert_ne!(
                table[i] & 0xFFFF_FFFF_0000_0000,
                tag,
                "bigram hash tags collide at {pair}"
            );
            i = (i + 1) & mask;
        }
        table[i] = tag | u64::from(count);
    }
    let mut out = Vec::with_capacity(8 + slots * 8);
    out.extend_from_slice(&(slots as u32).to_le_bytes());
    out.extend_from_slice(&(sums.len() as u32).to_le_bytes());
    for s in table {
        out.extend_from_slice(&s.to_le_bytes());
    }
    out
}

/// Summed bigram counts keyed by the folded pair.
fn sums_of(dict: &Path) -> BTreeMap<String, u64> {
    let mut sums: BTreeMap<String, u64> = BTreeMap::new();
    for line in data_lines(&read(dict, "bigrams.tsv")) {
        if let Some((pair, count)) = line.split_once('\t') {
            if let Ok(n) = count.parse::<u64>() {
                *sums.entry(fold(pair)).or_default() += n;
            }
        }
    }
    sums
}

/// Packs strings as `u8` length + bytes (read by `table::packed_strs`).
fn pack(list: &[&str]) -> Vec<u8> {
    let mut v = Vec::new();
    for s in list {
        if s.len() < 256 {
            v.push(s.len() as u8);
            v.extend_from_slice(s.as_bytes());
        }
    }
    v
}

/// The thesaurus made symmetric, single words only: word → its
/// [`MAX_NEIGHBOURS`] most frequent neighbours, packed in byte order.
fn build_synonyms(src: &str, zipf: &std::collections::HashMap<String, u16>) -> Vec<u8> {
    let mut map: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for line in data_lines(src) {
        let Some((head, list)) = line.split_once('\t') else {
            continue;
        };
        if head.contains(' ') {
            continue;
        }
        for syn in list.split(',') {
            if syn.is_empty() || syn.contains(' ') || syn == head {
                continue;
            }
            map.entry(head).or_default().push(syn);
            map.entry(syn).or_default().push(head);
        }
    }
    let mut table = TableBuilder::default();
    let z = |w: &str| zipf.get(&fold(w)).copied().unwrap_or(0);
    for (head, mut list) in map {
        list.sort_unstable();
        list.dedup();
        if list.len() > MAX_NEIGHBOURS {
            // Stable: equally frequent neighbours stay in byte order.
            list.sort_by_key(|w| std::cmp::Reverse(z(w)));
            list.truncate(MAX_NEIGHBOURS);
            list.sort_unstable();
        }
        // No rule considers a rare neighbour as the original of a spun word
        // (spinners replace common words): dropping them here spares
        // lookups on the hot path.
        list.retain(|w| z(w) >= MIN_NEIGHBOUR_ZIPF);
        if head.len() < 256 {
            table.insert(head, pack(&list));
        }
    }
    table.finish().0
}

/// Two-word WordNet expressions that are frequent web bigrams, by either
/// word: key `>a` → every `b` of a strong `a b`, key `<b` → every `a`;
/// keys `}a` and `{b` the same for every two-word expression.
fn build_strong(mwe: &str, sums: &BTreeMap<String, u64>) -> Vec<u8> {
    let mut any_right: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    let mut any_left: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    let mut right: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    let mut left: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for phrase in data_lines(mwe) {
        let Some((a, b)) = phrase.split_once(' ') else {
            continue;
        };
        if b.contains(' ') {
            continue;
        }
        any_right.entry(a).or_default().push(b);
        any_left.entry(b).or_default().push(a);
        if sums.get(&fold(phrase)).copied().unwrap_or(0) < STRONG_MIN_COUNT {
            continue;
        }
        right.entry(a).or_default().push(b);
        left.entry(b).or_default().push(a);
    }
    let mut table = TableBuilder::default();
    for (prefix, map) in [(">", right), ("<", left), ("}", any_right), ("{", any_left)] {
        for (k, mut v) in map {
            v.sort_unstable();
            v.dedup();
            table.insert(&format!("{prefix}{k}"), pack(&v));
        }
    }
    table.finish().0
}

fn read(dir: &Path, name: &str) -> String {
    fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("reading {name}: {e}"))
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    fs::write(dir.join(name), bytes).unwrap_or_else(|e| panic!("writing {name}: {e}"));
}

fn data_lines(src: &str) -> impl Iterator<Item = &str> {
    src.lines()
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// The same folding as `text::case::fold_key`.
fn fold(word: &str) -> String {
    word.chars()
        .flat_map(|c| match c {
            '\u{2019}' | '\u{02BC}' => '\''.to_lowercase(),
            c => c.to_lowercase(),
        })
        .collect()
}

/// An open-addressing hash table of byte keys and byte values.
///
/// Layout: `u32` slot count (a power of two), `u32` entry count, the slots
/// (`u64` each: high 32 bits = high 32 bits of the key hash, low 32 bits =
/// record offset + 1, 0 = empty; linear probing), then the records, each
/// `u8` key length, key bytes, `u16` value length, value bytes.
#[derive(Default)]
struct TableBuilder {
    records: Vec<u8>,
    index: Vec<(u64, u32)>,
}

impl TableBuilder {
    /// Adds a record; returns its offset in the record area.
    fn insert(&mut self, key: &str, value: Vec<u8>) -> u32 {
        assert!(key.len() < 256, "key too long: {key}");
        assert!(value.len() < 65536, "value too long for {key}");
        let offset = self.records.len() as u32;
        self.records.push(key.len() as u8);
        self.records.extend_from_slice(key.as_bytes());
        self.records
            .extend_from_slice(&(value.len() as u16).to_le_bytes());
        self.records.extend_from_slice(&value);
        self.index.push((key_hash(key.as_bytes()), offset));
        offset
    }

    /// The serialised table and the byte offset of the record area in it.
    fn finish(self) -> (Vec<u8>, usize) {
        let slots = (self.index.len() * 3 / 2 + 1).next_power_of_two().max(2);
        let mask = slots - 1;
        let mut table = vec![0u64; slots];
        for &(h, offset) in &self.index {
            let mut i = (h as usize) & mask;
            while table[i] != 0 {
                i = (i + 1) & mask;
            }
            table[i] = (h & 0xFFFF_FFFF_0000_0000) | u64::from(offset + 1);
        }
        let mut out = Vec::with_capacity(8 + slots * 8 + self.records.len());
        out.extend_from_slice(&(slots as u32).to_le_bytes());
        out.extend_from_slice(&(self.index.len() as u32).to_le_bytes());
        for s in table {
            out.extend_from_slice(&s.to_le_bytes());
        }
        let records_at = out.len();
        out.extend_from_slice(&self.records);
        (out, records_at)
    }
}

/// How many of the most frequent lowercase words go into the small table
/// that answers most lookups of running text from the CPU cache.
const COMMON_WORDS: usize = 6000;

struct BuiltWords {
    table: Vec<u8>,
    /// Folded keys with a lowercase form, with their zipf100.
    common: Vec<(String, u16)>,
    /// Words offered as corrections: (folded key, record offset, zipf100).
    suggestable: Vec<(String, u32, u16)>,
}

struct Form {
    text: String,
    level: u8,
    dialect: u8,
}

/// The lexicon: folded key → `u16` zipf100, `u8` flags (bit 0: some form
/// is all lowercase; bit 1: the key is also a listed misspelling, so the
/// word rules probe the misspellings table only for unknown words and
/// these), then per form `u8` level, `u8` dialect (0 both, 1 us, 2 gb),
/// `u8` length, text.
fn build_words(src: &str, listed: &std::collections::HashSet<String>) -> BuiltWords {
    let mut entries: BTreeMap<String, (u16, Vec<Form>)> = BTreeMap::new();
    for line in data_lines(src) {
        let mut f = line.split('\t');
        let (Some(word), Some(zipf), Some(level), Some(dialect)) =
            (f.next(), f.next(), f.next(), f.next())
        else {
            continue;
        };
        let zipf: u16 = zipf.parse().unwrap_or(0);
        let form = Form {
            text: word.to_string(),
            level: level.parse().unwrap_or(80),
            dialect: match dialect {
                "us" => 1,
                "gb" => 2,
                _ => 0,
            },
        };
        let e = entries.entry(fold(word)).or_insert((0, Vec::new()));
        e.0 = e.0.max(zipf);
        e.1.push(form);
    }
    let mut table = TableBuilder::default();
    let mut suggestable = Vec::new();
    let mut common = Vec::new();
    for (key, (zipf, forms)) in &entries {
        if forms
            .iter()
            .any(|f| !f.text.chars().any(char::is_uppercase))
        {
            common.push((key.clone(), *zipf));
        }
        let mut value = zipf.to_le_bytes().to_vec();
        let has_lower = forms
            .iter()
            .any(|f| !f.text.chars().any(char::is_uppercase));
        value.push(u8::from(has_lower) | u8::from(listed.contains(key)) << 1);
        for f in forms {
            value.push(f.level);
            value.push(f.dialect);
            value.push(f.text.len() as u8);
            value.extend_from_slice(f.text.as_bytes());
        }
        let offset = table.insert(key, value);
        if is_suggestable(key, forms) {
            suggestable.push((key.clone(), offset, *zipf));
        }
    }
    let (bytes, records_at) = table.finish();
    // Offsets handed to the index point into the whole table file.
    for s in &mut suggestable {
        s.1 += records_at as u32;
    }
    common.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    common.truncate(COMMON_WORDS);
    BuiltWords {
        table: bytes,
        common,
        suggestable,
    }
}

/// Whether a word may be offered as a correction: a SCOWL word (not the
/// soft-valid web tier), letters with internal `'` or `-`, not a possessive
/// (possessives are corrected through their stem).
fn is_suggestable(key: &str, forms: &[Form]) -> bool {
    let b = key.as_bytes();
    b.len() >= 2
        && b.iter()
            .all(|&c| c.is_ascii_lowercase() || c == b'\'' || c == b'-')
        && b[0].is_ascii_lowercase()
        && b[b.len() - 1].is_ascii_lowercase()
        && !key.ends_with("'s")
        && forms.iter().any(|f| f.level <= 80)
}

/// The symmetric-delete index over the suggestable keys (see
/// `src/dict/deletes.rs`): for every string made by deleting up to
/// [`INDEX_DELETES`] bytes from the first [`DELETE_PREFIX`] bytes of a word,
/// an entry in the bucket of the string's hash.
///
/// Frequent words get entries for up to [`INDEX_DELETES`] deletes, rare ones
/// (see [`FAR_MIN_ZIPF100`]) for one.
///
/// Layout (little-endian `u32`s unless said): bucket bits `B`, word count
/// `W`, entry count `E`; `W` word offsets into `words.bin`; `W` hashes of
/// the words' phonetic keys (low 32 bits of `key_hash`); `W + 1` offsets
/// into the key blob, then the blob (the keys' bytes, packed); `2^B + 1`
/// bucket starts; `E` entries, each `word id | key length << 20 |
/// deletes << 26 | frequent << 28 | tag << 29`, where the tag is the low
/// three bits of the delete string's hash (the bucket comes from the high
/// bits). Entries of one bucket may come from different strings: a lookup
/// skips those whose tag or length cannot match and verifies every other
/// candidate, so hash collisions cost time, never correctness.
fn build_deletes(words: &[(String, u32, u16)]) -> Vec<u8> {
    let usable: Vec<&(String, u32, u16)> = words.iter().filter(|w| w.0.len() < 64).collect();
    assert!(usable.len() < 1 << 20, "word ids fit in 20 bits");
    let mut pairs: Vec<u64> = Vec::with_capacity(usable.len() * 16);
    for (id, (key, _, zipf)) in usable.iter().enumerate() {
        let b = key.as_bytes();
        let prefix = &b[..b.len().min(DELETE_PREFIX)];
        let frequent = *zipf >= FAR_MIN_ZIPF100;
        let entry = id as u32 | (b.len() as u32) << 20 | u32::from(frequent) << 28;
        let deletes = if frequent { INDEX_DELETES } else { 1 };
        for_each_delete(prefix, deletes, |s, n| {
            let h = key_hash(s);
            let tag = (h as u32 & DELETE_TAG_MASK) << 29;
            pairs.push(h >> 32 << 32 | u64::from(entry | u32::from(n) << 26 | tag));
        });
    }
    // About four entries a bucket: a small directory, short scans.
    let bits = (pairs.len() / 4)
        .next_power_of_two()
        .trailing_zeros()
        .max(4);
    for p in &mut pairs {
        *p = (*p >> 32 >> (32 - bits)) << 32 | (*p & 0xFFFF_FFFF);
    }
    pairs.sort_unstable();
    let buckets = 1usize << bits;
    let mut out = Vec::new();
    for v in [bits, usable.len() as u32, pairs.len() as u32] {
        out.extend_from_slice(&v.to_le_bytes());
    }
    for (_, offset, _) in &usable {
        out.extend_from_slice(&offset.to_le_bytes());
    }
    // The phonetic key's hash per word, so a lookup tells whether a
    // candidate sounds like the query without computing its key.
    let mut phonetic = Vec::new();
    for (key, _, _) in &usable {
        phonetic_key(key, &mut phonetic);
        out.extend_from_slice(&(key_hash(&phonetic) as u32).to_le_bytes());
    }
    // The keys again, packed, so verifying a candidate reads a small blob
    // rather than the whole lexicon.
    let mut at = 0u32;
    for (key, _, _) in &usable {
        out.extend_from_slice(&at.to_le_bytes());
        at += key.len() as u32;
    }
    out.extend_from_slice(&at.to_le_bytes());
    for (key, _, _) in &usable {
        out.extend_from_slice(key.as_bytes());
    }
    let mut at = 0usize;
    for bucket in 0..=buckets as u64 {
        while at < pairs.len() && pairs[at] >> 32 < bucket {
            at += 1;
        }
        out.extend_from_slice(&(at as u32).to_le_bytes());
    }
    for p in &pairs {
        out.extend_from_slice(&(*p as u32).to_le_bytes());
    }
    out
}

/// Phonetic key → the words that share it: `u32` offsets into `words.bin`,
/// most frequent first, at most [`PHONETIC_BUCKET`].
fn build_phonetic(words: &[(String, u32, u16)]) -> Vec<u8> {
    let mut buckets: BTreeMap<Vec<u8>, Vec<(u16, u32)>> = BTreeMap::new();
    let mut key = Vec::new();
    for (word, offset, zipf) in words {
        if word.contains('-') {
            continue;
        }
        phonetic_key(word, &mut key);
        if key.len() >= 2 {
            buckets
                .entry(key.clone())
                .or_default()
                .push((*zipf, *offset));
        }
    }
    let mut table = TableBuilder::default();
    for (k, mut list) in buckets {
        list.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        list.truncate(PHONETIC_BUCKET);
        let mut value = Vec::with_capacity(list.len() * 4);
        for (_, off) in list {
            value.extend_from_slice(&off.to_le_bytes());
        }
        table.insert(std::str::from_utf8(&k).expect("ASCII key"), value);
    }
    table.finish().0
}

/// The most frequent words that have a lowercase form, as a small table
/// with empty values: a hit means "a valid, common lowercase word".
fn build_common(common: &[(String, u16)]) -> Vec<u8> {
    let mut table = TableBuilder::default();
    for (key, _) in common {
        table.insert(key, Vec::new());
    }
    table.finish().0
}
