//! The suggestion index: candidate corrections for an unknown word without
//! scanning the word list.
//!
//! Two embedded structures, compiled by `build.rs` from the suggestable part
//! of the lexicon (SCOWL words made of ASCII letters with internal `'`/`-`,
//! no possessives, not the soft web tier):
//! * a symmetric-delete index (`deletes.bin`, layout in `build.rs`): every
//!   string made by deleting up to two letters from the first seven letters
//!   of a word, hashed into buckets of word ids. A query enumerates its own
//!   deletes (up to its edit budget), reads their buckets, keeps the words
//!   whose length and delete count can match, and verifies each with a
//!   bounded optimal-string-alignment distance. A lookup costs a few dozen
//!   bucket reads and a few hundred short comparisons, not a walk over the
//!   dictionary. It finds every word within two edits whose edits leave the
//!   first seven letters within two deletes of each other, which is every
//!   word within two edits; of the words three edits away (asked for long
//!   queries) it finds those with at most two edits in the first seven
//!   letters;
//! * a hash table from a phonetic key (see [`phonetic_key`]) to the words
//!   that share it, most frequent first, for misspellings that sound right
//!   but are far in letters (`imedietly` → `immediately`).

use crate::dict::phonetic::phonetic_key;
use crate::dict::table::{read_u32, Table};
use crate::dict::words::{words, WordEntry};

#[allow(missing_docs, dead_code)]
mod deletes {
    include!("deletes.rs");
}
use deletes::{for_each_delete, DELETE_PREFIX, DELETE_TAG_MASK, INDEX_DELETES};

static DELETES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/deletes.bin"));
static PHONETIC: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/phonetic.bin"));

/// Longest query the index accepts (bytes).
pub const MAX_QUERY: usize = 40;

/// A candidate correction.
#[derive(Clone, Copy, Debug)]
pub struct Candidate {
    /// The lexicon entry.
    pub entry: WordEntry,
    /// Optimal-string-alignment distance to the query.
    pub distance: u8,
    /// Whether the candidate sounds like the query (same phonetic key).
    pub sounds_alike: bool,
}

fn phonetic_table() -> &'static Table {
    static T: std::sync::OnceLock<Table> = std::sync::OnceLock::new();
    T.get_or_init(|| Table::new(PHONETIC))
}

/// A view of `deletes.bin` (layout in `build.rs`).
struct DeleteIndex {
    shift: u32,
    words: usize,
    keys_at: usize,
    blob_at: usize,
    starts_at: usize,
    entries_at: usize,
}

/// An index entry: a word that may match one delete string.
#[derive(Clone, Copy)]
struct Entry(u32);

impl Entry {
    fn id(self) -> u32 {
        self.0 & 0xF_FFFF
    }
    fn len(self) -> usize {
        ((self.0 >> 20) & 63) as usize
    }
    fn deletes(self) -> u8 {
        ((self.0 >> 26) & 3) as u8
    }
    fn frequent(self) -> bool {
        self.0 >> 28 & 1 == 1
    }
    fn tag(self) -> u32 {
        self.0 >> 29
    }
}

impl DeleteIndex {
    fn get() -> &'static DeleteIndex {
        static I: std::sync::OnceLock<DeleteIndex> = std::sync::OnceLock::new();
        I.get_or_init(|| {
            let bits = read_u32(DELETES, 0);
            let words = read_u32(DELETES, 4) as usize;
            let keys_at = 12 + words * 8;
            let blob_at = keys_at + (words + 1) * 4;
            let starts_at = blob_at + read_u32(DELETES, keys_at + words * 4) as usize;
            let entries_at = starts_at + ((1usize << bits) + 1) * 4;
            let entries = read_u32(DELETES, 8) as usize;
            assert_eq!(
                entries_at + entries * 4,
                DELETES.len(),
                "deletes.bin layout"
            );
            DeleteIndex {
                shift: 64 - bits,
                words,
                keys_at,
                blob_at,
                starts_at,
                entries_at,
            }
        })
    }

    /// Offset in `words.bin` of word `id`.
    fn word_offset(&self, id: u32) -> usize {
        read_u32(DELETES, 12 + id as usize * 4) as usize
    }

    /// The low 32 bits of the hash of word `id`'s phonetic key.
    fn phonetic_hash(&self, id: u32) -> u32 {
        read_u32(DELETES, 12 + (self.words + id as usize) * 4)
    }

    /// The key of word `id`.
    fn key(&self, id: u32) -> &'static [u8] {
        let at = self.keys_at + id as usize * 4;
        let from = read_u32(DELETES, at) as usize;
        let to = read_u32(DELETES, at + 4) as usize;
        &DELETES[self.blob_at + from..self.blob_at + to]
    }

    /// The entries of the bucket of `hash`.
    fn bucket(&self, hash: u64) -> impl Iterator<Item = Entry> {
        let b = (hash >> self.shift) as usize;
        let from = read_u32(DELETES, self.starts_at + b * 4) as usize;
        let to = read_u32(DELETES, self.starts_at + b * 4 + 4) as usize;
        DELETES[self.entries_at + from * 4..self.entries_at + to * 4]
            .chunks_exact(4)
            .map(|e| Entry(u32::from_le_bytes([e[0], e[1], e[2], e[3]])))
    }
}

/// Calls `f` once per word the index holds for query `q` within `max`
/// edits (a superset: candidates are verified afterwards), with the word's
/// own budget (`max`, or one edit for a rare word).
fn delete_matches(q: &[u8], max: u8, mut f: impl FnMut(Entry, u8)) {
    // Words reached through several delete strings are reported once: a
    // per-thread stamp per word id, bumped per lookup.
    thread_local! {
        static SEEN: std::cell::RefCell<(u32, Vec<u32>)> = const { std::cell::RefCell::new((0, Vec::new())) };
    }
    let index = DeleteIndex::get();
    let prefix = &q[..q.len().min(DELETE_PREFIX)];
    SEEN.with(|seen| {
        let mut seen = seen.borrow_mut();
        let (stamp, marks) = &mut *seen;
        if marks.len() != index.words || *stamp == u32::MAX {
            marks.clear();
            marks.resize(index.words, 0);
            *stamp = 0;
        }
        *stamp += 1;
        let stamp = *stamp;
        for_each_delete(prefix, max, |s, query_deletes| {
            let h = crate::dict::keyhash::key_hash(s);
            let tag = h as u32 & DELETE_TAG_MASK;
            for e in index.bucket(h) {
                if e.tag() != tag {
                    continue; // another string's entry (a hash collision)
                }
                // The entry's string has the same length as `s` when it is
                // the same string; a word more than one edit away must be
                // frequent. A word within `budget` edits shares a string
                // with the query that both reach with at most `budget`
                // deletes (each edit, and the letter it shifts into the
                // prefix, costs one delete on a side), so a pairing that
                // needs more on either side is not worth verifying.
                let len = e.len();
                let budget = if e.frequent() { max } else { 1 };
                if query_deletes <= budget
                    && e.deletes() <= budget.min(INDEX_DELETES)
                    && len.abs_diff(q.len()) <= usize::from(budget)
                    && len.min(DELETE_PREFIX) - usize::from(e.deletes()) == s.len()
                {
                    let mark = &mut marks[e.id() as usize];
                    if *mark != stamp {
                        *mark = stamp;
                        f(e, budget);
                    }
                }
            }
        });
    });
}

/// A query prepared for bit-parallel optimal-string-alignment distances
/// (Hyyrö's bit-vector algorithm, with the transposition term): one bit per
/// query byte, one pass of a few word operations per byte of the other
/// string, no table.
///
/// No operation moves information from a higher bit to a lower one (shifts
/// go left, carries go up), so the bits above the query's length may hold
/// garbage: they never reach the last bit, the only one read. That spares
/// masking every step.
struct OsaPattern {
    /// Per byte value, the positions where the query has it.
    peq: [u64; 256],
    len: usize,
}

impl OsaPattern {
    fn new(query: &[u8]) -> Self {
        debug_assert!(query.len() <= 64);
        let mut peq = [0u64; 256];
        for (i, &c) in query.iter().enumerate() {
            peq[usize::from(c)] |= 1 << i;
        }
        Self {
            peq,
            len: query.len(),
        }
    }

    /// The distance to `text` if it is at most `max`.
    #[inline]
    fn within(&self, text: &[u8], max: u8) -> Option<u8> {
        let m = self.len;
        let n = text.len();
        let max = usize::from(max);
        if m.abs_diff(n) > max {
            return None;
        }
        if m == 0 {
            return u8::try_from(n).ok();
        }
        let top = m - 1;
        let (mut vp, mut vn, mut d0, mut pm_prev) = (u64::MAX, 0u64, 0u64, 0u64);
        // The distance of the query to the text read so far.
        let mut score = m;
        for (j, &c) in text.iter().enumerate() {
            let pm = self.peq[usize::from(c)];
            let tr = ((!d0 & pm) << 1) & pm_prev;
            d0 = (((pm & vp).wrapping_add(vp)) ^ vp) | pm | vn | tr;
            let hp = vn | !(d0 | vp);
            let hn = d0 & vp;
            // At most one of the two last bits is set.
            score = score + ((hp >> top) & 1) as usize - ((hn >> top) & 1) as usize;
            // Each byte left changes the distance by one at most.
            if score > max + (n - 1 - j) {
                return None;
            }
            let x = (hp << 1) | 1;
            vn = x & d0;
            vp = (hn << 1) | !(x | d0);
            pm_prev = pm;
        }
        u8::try_from(score).ok().filter(|&d| usize::from(d) <= max)
    }
}

/// Appends to `out` the suggestable words within `max_distance` edits of
/// `query` (a folded, lowercase ASCII word), plus words with the same
/// phonetic key within `max_phonetic` edits. Each word appears once.
pub fn candidates(query: &str, max_distance: u8, max_phonetic: u8, out: &mut Vec<Candidate>) {
    // The lookup depends only on the word, not on its context, and the same
    // misspelling tends to recur in a document or a batch: remember recent
    // lookups per thread (bounded, so memory stays flat).
    type Memo = rustc_hash::FxHashMap<(Box<str>, u8, u8), Vec<Candidate>>;
    thread_local! {
        static MEMO: std::cell::RefCell<Memo> = std::cell::RefCell::new(Memo::default());
    }
    const MEMO_CAPACITY: usize = 4096;
    let key = (Box::<str>::from(query), max_distance, max_phonetic);
    let hit = MEMO.with(|m| {
        m.borrow()
            .get(&key)
            .map(|c| out.extend_from_slice(c))
            .is_some()
    });
    if hit {
        return;
    }
    let start = out.len();
    lookup_candidates(query, max_distance, max_phonetic, out);
    MEMO.with(|m| {
        let mut m = m.borrow_mut();
        if m.len() >= MEMO_CAPACITY {
            m.clear();
        }
        m.insert(key, out[start..].to_vec());
    });
}

/// [`candidates`] without its memo: for callers that remember a result of
/// their own built from the candidates (the unknown-word ranker keeps its
/// context-free ranking per word), so the list is not stored twice.
pub fn search(query: &str, max_distance: u8, max_phonetic: u8, out: &mut Vec<Candidate>) {
    lookup_candidates(query, max_distance, max_phonetic, out);
}

fn lookup_candidates(query: &str, max_distance: u8, max_phonetic: u8, out: &mut Vec<Candidate>) {
    let q = query.as_bytes();
    if q.is_empty() || q.len() > MAX_QUERY {
        return;
    }
    let mut key = Vec::new();
    phonetic_key(query, &mut key);
    // A key of one sound (`teh`, `tea`: `T`) says nothing: like the
    // phonetic table, sounding alike needs two.
    let key_hash = (key.len() >= 2).then(|| crate::dict::keyhash::key_hash(&key) as u32);
    let lexicon = words();
    let index = DeleteIndex::get();
    let start = out.len();
    let pattern = OsaPattern::new(q);
    delete_matches(q, max_distance, |e, budget| {
        if let Some(distance) = pattern.within(index.key(e.id()), budget) {
            out.push(Candidate {
                entry: lexicon.entry_at(index.word_offset(e.id())),
                distance,
                sounds_alike: key_hash == Some(index.phonetic_hash(e.id())),
            });
        }
    });
    let Ok(key) = std::str::from_utf8(&key) else {
        return;
    };
    let Some(bucket) = phonetic_table().get(key) else {
        return;
    };
    let found = out.len();
    // A word of the bucket has the query's phonetic key, so if the delete
    // index found it, it was marked as sounding alike (same key, same
    // hash): only those marked need comparing, usually a handful.
    let mut alike = [0usize; 16];
    let mut alike_len = 0;
    for (at, c) in out.iter().enumerate().take(found).skip(start) {
        if c.sounds_alike {
            if alike_len == alike.len() {
                alike_len = usize::MAX; // too many: compare them all
                break;
            }
            alike[alike_len] = at;
            alike_len += 1;
        }
    }
    for chunk in bucket.value.chunks_exact(4) {
        let offset = u32::from_le_bytes(chunk.try_into().expect("four bytes")) as usize;
        let entry = lexicon.entry_at(offset);
        // Found by the delete index already (same record, same key slice)?
        let same = |c: &Candidate| std::ptr::eq(c.entry.key, entry.key);
        let known = if alike_len == usize::MAX {
            out[start..found].iter().any(same)
        } else {
            alike[..alike_len].iter().any(|&at| same(&out[at]))
        };
        if known {
            debug_assert!(out[start..found].iter().any(|c| same(c) && c.sounds_alike));
            continue;
        }
        if let Some(distance) = pattern.within(entry.key.as_bytes(), max_phonetic) {
            out.push(Candidate {
                entry,
                distance,
                sounds_alike: true,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::deletes::FAR_MIN_ZIPF100;
    use super::*;

    /// The optimal-string-alignment distance of `a` and `b` if it is at most
    /// `max`, computed in three rolling rows with an early exit.
    fn osa_within(a: &[u8], b: &[u8], max: u8) -> Option<u8> {
        const W: usize = MAX_QUERY + 8;
        let (n, m) = (a.len(), b.len());
        if n.abs_diff(m) > usize::from(max) || n >= W || m >= W {
            return None;
        }
        let mut two = [0u8; W];
        let mut one = [0u8; W];
        let mut cur = [0u8; W];
        for (j, c) in one.iter_mut().enumerate().take(m + 1) {
            *c = j as u8;
        }
        for i in 1..=n {
            cur[0] = i as u8;
            let mut row_min = cur[0];
            for j in 1..=m {
                let cost = u8::from(a[i - 1] != b[j - 1]);
                let mut v = (one[j] + 1).min(cur[j - 1] + 1).min(one[j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    v = v.min(two[j - 2] + 1);
                }
                cur[j] = v;
                row_min = row_min.min(v);
            }
            if row_min > max {
                return None;
            }
            std::mem::swap(&mut two, &mut one);
            std::mem::swap(&mut one, &mut cur);
        }
        let d = one[m];
        (d <= max).then_some(d)
    }

    fn keys(q: &str, d: u8, p: u8) -> Vec<(String, u8, bool)> {
        let mut out = Vec::new();
        candidates(q, d, p, &mut out);
        out.iter()
            .map(|c| (c.entry.key.to_string(), c.distance, c.sounds_alike))
            .collect()
    }

    #[test]
    fn finds_words_within_the_distance() {
        let k = keys("recieve", 2, 3);
        assert!(k.iter().any(|(w, d, _)| w == "receive" && *d == 1), "{k:?}");
        let k = keys("wiht", 1, 1);
        assert!(k.iter().any(|(w, d, _)| w == "with" && *d == 1), "{k:?}");
        assert!(k.iter().all(|(_, d, _)| *d <= 1));
    }

    /// Every suggestable word within `d` edits of `q`, by scanning them all.
    fn brute_force(q: &str, d: u8) -> Vec<String> {
        let index = DeleteIndex::get();
        let mut all: Vec<String> = (0..index.words as u32)
            .map(|id| words().entry_at(index.word_offset(id)))
            .filter(|e| {
                let budget = if e.zipf100 >= FAR_MIN_ZIPF100 { d } else { 1 };
                osa_within(q.as_bytes(), e.key.as_bytes(), budget).is_some()
            })
            .map(|e| e.key.to_string())
            .collect();
        all.sort();
        all
    }

    fn indexed(q: &str, d: u8) -> Vec<String> {
        let mut out = Vec::new();
        lookup_candidates(q, d, 0, &mut out);
        let mut k: Vec<String> = out
            .iter()
            .filter(|c| !c.sounds_alike || c.distance <= d)
            .map(|c| c.entry.key.to_string())
            .collect();
        k.sort();
        k.dedup();
        k
    }

    #[test]
    fn the_index_finds_every_word_within_two_edits() {
        // (Rare words within one.)
        // Short and long queries, edits inside and past the indexed prefix,
        // transpositions, doubled letters.
        for q in [
            "teh",
            "wiht",
            "becuase",
            "recieve",
            "plessant",
            "accomodation",
            "goverment",
            "definately",
            "tommorrow",
            "ab",
            "xq",
            "seperately",
            "bookeeper",
        ] {
            for d in 1..=2 {
                assert_eq!(indexed(q, d), brute_force(q, d), "{q} within {d}");
            }
        }
    }

    #[test]
    fn three_edit_lookups_find_words_with_late_edits() {
        // Long queries get a budget of three edits: every word found is
        // within it, and those with at most two edits in the indexed
        // prefix are found.
        let found = indexed("acommadation", 3);
        let all = brute_force("acommadation", 3);
        assert!(found.iter().all(|w| all.contains(w)));
        assert!(found.iter().any(|w| w == "accommodation"), "{found:?}");
    }

    #[test]
    fn bit_parallel_distance_agrees_with_the_table() {
        let words = [
            "",
            "a",
            "ab",
            "ba",
            "abc",
            "acb",
            "teh",
            "the",
            "kitten",
            "sitting",
            "recieve",
            "receive",
            "ca",
            "abc",
            "becuase",
            "because",
            "accomodation",
            "accommodation",
            "aabbcc",
            "abcabc",
            "pleasant",
            "plessant",
            "tommorrow",
            "tomorrow",
        ];
        for a in words {
            let p = OsaPattern::new(a.as_bytes());
            for b in words {
                for max in 0..=4 {
                    assert_eq!(
                        p.within(b.as_bytes(), max),
                        osa_within(a.as_bytes(), b.as_bytes(), max),
                        "{a:?} {b:?} {max}"
                    );
                }
            }
        }
    }

    #[test]
    fn bit_parallel_distance_agrees_on_random_strings() {
        // Strings over three letters: many repeats and swaps; lengths up to
        // 12, every bound.
        let mut next = crate::testing::xorshift(0x2545_f491_4f6c_dd1du64);
        let word = |next: &mut dyn FnMut() -> u64| -> Vec<u8> {
            let len = (next() % 13) as usize;
            (0..len).map(|_| b"abc"[(next() % 3) as usize]).collect()
        };
        for _ in 0..3000 {
            let a = word(&mut next);
            let b = word(&mut next);
            let p = OsaPattern::new(&a);
            for max in 0..=5 {
                assert_eq!(
                    p.within(&b, max),
                    osa_within(&a, &b, max),
                    "{a:?} {b:?} {max}"
                );
            }
        }
    }

    #[test]
    fn bounded_osa_distance() {
        assert_eq!(osa_within(b"teh", b"the", 2), Some(1));
        assert_eq!(osa_within(b"kitten", b"sitting", 3), Some(3));
        assert_eq!(osa_within(b"kitten", b"sitting", 2), None);
        assert_eq!(osa_within(b"", b"ab", 2), Some(2));
        assert_eq!(osa_within(b"abc", b"abc", 0), Some(0));
    }

    #[test]
    fn finds_words_that_sound_alike() {
        let k = keys("imedietly", 2, 4);
        assert!(k.iter().any(|(w, _, s)| w == "immediately" && *s), "{k:?}");
        let k = keys("sootable", 2, 3);
        assert!(k.iter().any(|(w, _, s)| w == "suitable" && *s), "{k:?}");
    }

    #[test]
    fn phonetic_keys() {
        let key = |w: &str| {
            let mut k = Vec::new();
            phonetic_key(w, &mut k);
            String::from_utf8(k).unwrap()
        };
        assert_eq!(key("sootable"), key("suitable"));
        assert_eq!(key("plessant"), key("pleasant"));
        assert_eq!(key("imedietly"), key("immediately"));
        assert_eq!(key("phone"), key("fone"));
        assert_ne!(key("cat"), key("dog"));
    }
}
