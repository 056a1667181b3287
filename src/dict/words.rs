//! Known words: every valid word form with its frequency, SCOWL size and
//! dialect, looked up by folded key (lowercase, `'` apostrophes).
//!
//! One folded key can stand for several written forms (`may` and `May`);
//! [`WordEntry::forms`] yields them, so a rule can tell a word that is only
//! ever capitalised (`Putin`) from one that is also a common word (`Trump`).
//! The lexicon is a hash table compiled by `build.rs` from
//! `dictionaries/words.tsv` and embedded in the binary: a lookup costs a hash
//! and a byte comparison, and nothing is parsed at start-up.

use crate::dict::table::{read_u16, Record, Table, WordKey};

static BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/words.bin"));
static COMMON: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/common.bin"));

/// Which spelling varieties accept a form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DialectMark {
    /// American and British.
    Both,
    /// American only.
    Us,
    /// British only.
    Gb,
}

/// One written form of a word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WordForm {
    /// The form as written in the lexicon (`Putin`, `the`, `NATO`).
    pub text: &'static str,
    /// SCOWL size where it first appears (10 = most common … 80 = rare);
    /// 90 marks corpus-frequent words outside SCOWL.
    pub level: u8,
    /// Varieties that accept it.
    pub dialect: DialectMark,
}

/// Everything known about one folded key (a view into the embedded table).
#[derive(Clone, Copy, Debug)]
pub struct WordEntry {
    /// The folded key.
    pub key: &'static str,
    /// Zipf frequency × 100 of the lowercase form (0 when unknown).
    pub zipf100: u16,
    flags: u8,
    forms: &'static [u8],
}

impl WordEntry {
    fn from_record(r: Record) -> Self {
        Self {
            key: r.key,
            zipf100: read_u16(r.value, 0),
            flags: r.value[2],
            forms: &r.value[3..],
        }
    }

    /// The written forms, in lexicon order.
    pub fn forms(&self) -> impl Iterator<Item = WordForm> {
        let mut rest = self.forms;
        std::iter::from_fn(move || {
            if rest.len() < 3 {
                return None;
            }
            let (level, dialect, len) = (rest[0], rest[1], rest[2] as usize);
            let text = std::str::from_utf8(&rest[3..3 + len]).expect("forms are UTF-8");
            rest = &rest[3 + len..];
            Some(WordForm {
                text,
                level,
                dialect: match dialect {
                    1 => DialectMark::Us,
                    2 => DialectMark::Gb,
                    _ => DialectMark::Both,
                },
            })
        })
    }

    /// Whether some form is written all in lowercase.
    #[must_use]
    pub fn has_lowercase_form(&self) -> bool {
        self.flags & 1 != 0
    }

    /// The lowercase form, if any (`the` for key `the`).
    #[must_use]
    pub fn lowercase_form(&self) -> Option<WordForm> {
        self.forms()
            .find(|f| !f.text.chars().any(char::is_uppercase))
    }

    /// The lowest SCOWL level among the forms.
    #[must_use]
    pub fn level(&self) -> u8 {
        self.forms().map(|f| f.level).min().unwrap_or(u8::MAX)
    }
}

/// The lexicon.
#[derive(Clone, Copy, Debug)]
pub struct Words {
    table: Table,
    common: Table,
}

impl Words {
    /// The entry of a folded key.
    #[must_use]
    #[inline]
    pub fn get(&self, folded: &str) -> Option<WordEntry> {
        self.table.get(folded).map(WordEntry::from_record)
    }

    /// Whether a folded key is a known word.
    #[must_use]
    #[inline]
    pub fn contains(&self, folded: &str) -> bool {
        self.is_common_lowercase(folded) || self.table.contains(folded)
    }

    /// Whether a folded key is one of the few thousand most frequent words
    /// with a lowercase form (`the`, `said`, `government`). Answered from a
    /// small table that stays in the CPU cache, so rules check it first:
    /// such a word is valid, has a lowercase form and is no misspelling.
    #[must_use]
    #[inline]
    pub fn is_common_lowercase(&self, folded: &str) -> bool {
        self.common.contains(folded)
    }

    /// Whether a known folded key has a form written all in lowercase;
    /// `None` for an unknown key. Cheaper than [`Words::get`].
    #[must_use]
    #[inline]
    pub fn has_lowercase_form(&self, folded: &str) -> Option<bool> {
        if self.is_common_lowercase(folded) {
            return Some(true);
        }
        self.table.value(folded).map(|v| v[2] & 1 != 0)
    }

    /// [`Words::is_common_lowercase`] for a word's key (no folding).
    #[must_use]
    #[inline]
    pub fn is_common_lowercase_key(&self, key: &WordKey<'_>) -> bool {
        self.common.contains_key(key)
    }

    /// For a word's key known not to be common (the caller asked
    /// [`Words::is_common_lowercase_key`] first): `None` when the lexicon
    /// lacks it, else whether some form is all lowercase and whether the
    /// key is also a listed misspelling (`suppled`, `wont`), in one probe.
    #[must_use]
    #[inline]
    pub(crate) fn flags_uncommon_key(&self, key: &WordKey<'_>) -> Option<(bool, bool)> {
        self.table
            .value_of_key(key)
            .map(|v| (v[2] & 1 != 0, v[2] & 2 != 0))
    }

    /// Zipf frequency × 100 of a folded key, if it is a known word.
    #[must_use]
    pub fn zipf100(&self, folded: &str) -> Option<u16> {
        // The value starts with the zipf: no record or entry is built.
        self.table.value(folded).map(|v| read_u16(v, 0))
    }

    /// [`Words::zipf100`] of a folded key given as bytes (a key built in a
    /// buffer need not be checked as UTF-8 first).
    #[must_use]
    pub(crate) fn zipf100_of_bytes(&self, folded: &[u8]) -> Option<u16> {
        self.table.value_of_bytes(folded).map(|v| read_u16(v, 0))
    }

    /// The entry whose record starts at byte `offset` of the table (offsets
    /// come from the suggestion index).
    #[must_use]
    pub(crate) fn entry_at(&self, offset: usize) -> WordEntry {
        WordEntry::from_record(self.table.record_at(offset))
    }

    /// Number of folded keys.
    #[must_use]
    pub fn len(&self) -> usize {
        self.table.len()
    }

    /// Whether the lexicon is empty.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.table.is_empty()
    }

    /// All folded keys with their entries, in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, WordEntry)> + '_ {
        self.table
            .iter()
            .map(|r| (r.key, WordEntry::from_record(r)))
    }
}

/// The embedded lexicon.
pub fn words() -> &'static Words {
    static WORDS: std::sync::OnceLock<Words> = std::sync::OnceLock::new();
    WORDS.get_or_init(|| Words {
        table: Table::new(BYTES),
        common: Table::new(COMMON),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_knows_words_and_names_but_not_typos() {
        let w = words();
        assert!(w.get("the").is_some_and(|e| e.has_lowercase_form()));
        let putin = w.get("putin").expect("Putin is a known name");
        assert!(!putin.has_lowercase_form());
        assert_eq!(putin.forms().next().map(|f| f.text), Some("Putin"));
        assert!(w.get("teh").is_none());
        assert!(w.get("wiht").is_none());
        assert!(w.zipf100("the").is_some_and(|z| z > 700));
        assert!(w.is_common_lowercase("the") && w.is_common_lowercase("government"));
        assert!(!w.is_common_lowercase("putin") && !w.is_common_lowercase("teh"));
        let may: Vec<&str> = w.get("may").expect("may").forms().map(|f| f.text).collect();
        assert!(may.contains(&"may") && may.contains(&"May"), "{may:?}");
    }

    #[test]
    fn word_keys_find_what_folded_keys_find() {
        let w = words();
        for typed in [
            "The",
            "GOVERNMENT",
            "putin",
            "Putin's",
            "teh",
            "NATO",
            "didn't",
            "x",
        ] {
            let folded = crate::text::case::fold_key(typed);
            let key = WordKey::ascii_word(typed).expect("ASCII");
            assert_eq!(key.hash(), WordKey::folded(&folded).hash(), "{typed}");
            assert_eq!(
                w.is_common_lowercase_key(&key),
                w.is_common_lowercase(&folded),
                "{typed}"
            );
            if !w.is_common_lowercase(&folded) {
                assert_eq!(
                    w.flags_uncommon_key(&key).map(|(lower, _)| lower),
                    w.has_lowercase_form(&folded),
                    "{typed}"
                );
            }
        }
        assert!(WordKey::ascii_word("Erdoğan").is_none());
        let folded = WordKey::folded("erdoğan");
        assert_eq!(
            w.flags_uncommon_key(&folded).map(|(lower, _)| lower),
            w.has_lowercase_form("erdoğan")
        );
    }

    #[test]
    fn iteration_matches_lookup() {
        let w = words();
        let mut n = 0;
        for (key, entry) in w.iter().step_by(997) {
            assert_eq!(w.get(key).map(|e| e.key), Some(entry.key));
            n += 1;
        }
        assert!(n > 100);
        assert!(w.len() > 300_000);
    }

    #[test]
    fn listed_misspellings_are_marked_in_the_lexicon() {
        let w = words();
        let list = crate::dict::misspellings();
        let mut marked = 0;
        for (key, _) in w.iter() {
            let listed = w
                .flags_uncommon_key(&WordKey::folded(key))
                .is_some_and(|(_, listed)| listed);
            assert_eq!(listed, list.get(key).is_some(), "{key}");
            marked += usize::from(listed);
        }
        assert!(marked > 0, "some valid words are also listed misspellings");
    }
}
