//! The suggestion index: candidate corrections for an unknown word without
//! scanning the word list.
//!
//! Two embedded structures, compiled by `build.rs` from the suggestable part
//! of the lexicon (SCOWL words made of ASCII letters with internal `'`/`-`,
//! no possessives, not the soft web tier):
//! * a trie (`trie.bin`: `u32` node count, then 10-byte nodes in
//!   breadth-first order: `u8` label, `u8` child count, `u32` first child,
//!   `u32` word record offset + 1 or 0), walked depth-first while a
//!   Damerau–Levenshtein (optimal string alignment) row is kept per depth;
//!   a branch is abandoned as soon as every cell of its row exceeds the
//!   budget, so the walk visits only the prefixes that can still match;
//! * a hash table from a phonetic key (see [`phonetic_key`]) to the words
//!   that share it, most frequent first, for misspellings that sound right
//!   but are far in letters (`imedietly` → `immediately`).

use crate::dict::phonetic::phonetic_key;
use crate::dict::table::{read_u32, Table};
use crate::dict::words::{words, WordEntry};

static TRIE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/trie.bin"));
static PHONETIC: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/phonetic.bin"));

/// Longest query the trie walk accepts (bytes).
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

struct Walk<'q> {
    query: &'q [u8],
    max: u8,
    /// Row per depth, `query.len() + 1` cells each.
    rows: Vec<u8>,
    labels: Vec<u8>,
    found: Vec<(u32, u8)>,
}

impl Walk<'_> {
    fn visit(&mut self, node: usize, depth: usize) {
        let at = 4 + node * 10;
        let count = TRIE[at + 1] as usize;
        let first = read_u32(TRIE, at + 2) as usize;
        let width = self.query.len() + 1;
        for child in first..first + count {
            let cat = 4 + child * 10;
            let label = TRIE[cat];
            let d = depth + 1;
            if self.rows.len() < (d + 1) * width {
                self.rows.resize((d + 1) * width, 0);
            }
            if self.labels.len() <= d {
                self.labels.resize(d + 1, 0);
            }
            self.labels[d] = label;
            let (before, cur) = self.rows.split_at_mut(d * width);
            let cur = &mut cur[..width];
            let prev = &before[(d - 1) * width..d * width];
            cur[0] = d.min(255) as u8;
            let mut row_min = cur[0];
            for j in 1..width {
                let q = self.query[j - 1];
                let mut v = (prev[j] + 1)
                    .min(cur[j - 1] + 1)
                    .min(prev[j - 1] + u8::from(q != label));
                if d > 1 && j > 1 && q == self.labels[d - 1] && self.query[j - 2] == label {
                    let pp = before[(d - 2) * width + j - 2];
                    v = v.min(pp + 1);
                }
                cur[j] = v;
                row_min = row_min.min(v);
            }
            let last = cur[width - 1];
            let word = read_u32(TRIE, cat + 6);
            if word != 0 && last <= self.max {
                self.found.push((word - 1, last));
            }
            if row_min <= self.max {
                self.visit(child, d);
            }
        }
    }
}

/// Appends to `out` the suggestable words within `max_distance` edits of
/// `query` (a folded, lowercase ASCII word), plus words with the same
/// phonetic key within `max_phonetic` edits. Each word appears once.
pub fn candidates(query: &str, max_distance: u8, max_phonetic: u8, out: &mut Vec<Candidate>) {
    // The walk depends only on the word, not on its context, and the same
    // misspelling tends to recur in a document or a batch: remember recent
    // walks per thread (bounded, so memory stays flat).
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
    walk_candidates(query, max_distance, max_phonetic, out);
    MEMO.with(|m| {
        let mut m = m.borrow_mut();
        if m.len() >= MEMO_CAPACITY {
            m.clear();
        }
        m.insert(key, out[start..].to_vec());
    });
}

fn walk_candidates(query: &str, max_distance: u8, max_phonetic: u8, out: &mut Vec<Candidate>) {
    let q = query.as_bytes();
    if q.is_empty() || q.len() > MAX_QUERY {
        return;
    }
    let width = q.len() + 1;
    let mut walk = Walk {
        query: q,
        max: max_distance,
        rows: (0..width).map(|j| j as u8).collect(),
        labels: vec![0],
        found: Vec::new(),
    };
    walk.visit(0, 0);
    let lexicon = words();
    let start = out.len();
    for (offset, distance) in walk.found {
        out.push(Candidate {
            entry: lexicon.entry_at(offset as usize),
            distance,
            sounds_alike: false,
        });
    }
    let mut key = Vec::new();
    phonetic_key(query, &mut key);
    let Ok(key) = std::str::from_utf8(&key) else {
        return;
    };
    let Some(bucket) = phonetic_table().get(key) else {
        return;
    };
    for chunk in bucket.value.chunks_exact(4) {
        let offset = u32::from_le_bytes(chunk.try_into().expect("four bytes")) as usize;
        let entry = lexicon.entry_at(offset);
        if let Some(c) = out[start..].iter_mut().find(|c| c.entry.key == entry.key) {
            c.sounds_alike = true;
            continue;
        }
        let distance = strsim::osa_distance(query, entry.key);
        if distance <= usize::from(max_phonetic) {
            out.push(Candidate {
                entry,
                distance: distance as u8,
                sounds_alike: true,
            });
        }
    }
    // Words found by the trie may also sound alike.
    let mut other = Vec::new();
    for c in &mut out[start..] {
        if !c.sounds_alike {
            phonetic_key(c.entry.key, &mut other);
            c.sounds_alike = other == key.as_bytes();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
