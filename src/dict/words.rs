//! Known words: every valid word form with its frequency, SCOWL size and
//! dialect, looked up by folded key (lowercase, `'` apostrophes).
//!
//! One folded key can stand for several written forms (`may` and `May`);
//! [`WordEntry::forms`] keeps them, so a rule can tell a word that is only
//! ever capitalised (`Putin`) from one that is also a common word (`Trump`).

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use crate::dict::data_lines;

const SOURCE: &str = include_str!("../../dictionaries/words.tsv");

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
#[derive(Clone, Debug)]
pub struct WordForm {
    /// The form as written in the lexicon (`Putin`, `the`, `NATO`).
    pub text: Box<str>,
    /// SCOWL size where it first appears (10 = most common … 80 = rare);
    /// 90 marks corpus-frequent words outside SCOWL.
    pub level: u8,
    /// Varieties that accept it.
    pub dialect: DialectMark,
}

/// Everything known about one folded key.
#[derive(Clone, Debug)]
pub struct WordEntry {
    /// Zipf frequency × 100 of the lowercase form (0 when unknown).
    pub zipf100: u16,
    /// The written forms.
    pub forms: Box<[WordForm]>,
}

impl WordEntry {
    /// Whether some form is written all in lowercase.
    #[must_use]
    pub fn has_lowercase_form(&self) -> bool {
        self.forms
            .iter()
            .any(|f| !f.text.chars().any(char::is_uppercase))
    }

    /// The lowest SCOWL level among the forms.
    #[must_use]
    pub fn level(&self) -> u8 {
        self.forms.iter().map(|f| f.level).min().unwrap_or(u8::MAX)
    }
}

/// The lexicon.
#[derive(Debug, Default)]
pub struct Words {
    map: FxHashMap<Box<str>, WordEntry>,
}

impl Words {
    /// Parses `word<TAB>zipf100<TAB>level<TAB>dialect` lines.
    #[must_use]
    pub fn parse(src: &str) -> Self {
        let mut map: FxHashMap<Box<str>, WordEntry> = FxHashMap::default();
        for (_, line) in data_lines(src) {
            let mut f = line.split('\t');
            let (Some(word), Some(zipf), Some(level), Some(dialect)) =
                (f.next(), f.next(), f.next(), f.next())
            else {
                continue;
            };
            let form = WordForm {
                text: Box::from(word),
                level: level.parse().unwrap_or(80),
                dialect: match dialect {
                    "us" => DialectMark::Us,
                    "gb" => DialectMark::Gb,
                    _ => DialectMark::Both,
                },
            };
            let zipf100: u16 = zipf.parse().unwrap_or(0);
            let key = crate::text::case::fold_key(word);
            match map.get_mut(key.as_str()) {
                Some(entry) => {
                    entry.zipf100 = entry.zipf100.max(zipf100);
                    let mut forms = std::mem::take(&mut entry.forms).into_vec();
                    forms.push(form);
                    entry.forms = forms.into_boxed_slice();
                }
                None => {
                    map.insert(
                        key.into_boxed_str(),
                        WordEntry {
                            zipf100,
                            forms: Box::new([form]),
                        },
                    );
                }
            }
        }
        Self { map }
    }

    /// The entry of a folded key.
    #[must_use]
    pub fn get(&self, folded: &str) -> Option<&WordEntry> {
        self.map.get(folded)
    }

    /// Zipf frequency × 100 of a folded key, if it is a known word.
    #[must_use]
    pub fn zipf100(&self, folded: &str) -> Option<u16> {
        self.map.get(folded).map(|e| e.zipf100)
    }

    /// Number of folded keys.
    #[must_use]
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether the lexicon is empty.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// All folded keys with their entries (unordered).
    pub fn iter(&self) -> impl Iterator<Item = (&str, &WordEntry)> {
        self.map.iter().map(|(k, v)| (&**k, v))
    }
}

/// The embedded lexicon, parsed on first use.
pub fn words() -> &'static Words {
    static WORDS: OnceLock<Words> = OnceLock::new();
    WORDS.get_or_init(|| Words::parse(SOURCE))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_knows_words_and_names_but_not_typos() {
        let w = words();
        assert!(w.get("the").is_some_and(WordEntry::has_lowercase_form));
        let putin = w.get("putin").expect("Putin is a known name");
        assert!(!putin.has_lowercase_form());
        assert!(w.get("teh").is_none());
        assert!(w.get("wiht").is_none());
    }
}
