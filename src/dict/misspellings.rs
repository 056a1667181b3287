//! Known misspellings: folded typo → its corrections, most likely first.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use crate::dict::data_lines;

/// The embedded `dictionaries/misspellings.tsv`.
const SOURCE: &str = include_str!("../../dictionaries/misspellings.tsv");

/// A map from a folded misspelling to its corrections.
#[derive(Debug, Default)]
pub struct Misspellings {
    map: FxHashMap<Box<str>, Box<[Box<str>]>>,
}

impl Misspellings {
    /// Parses `typo<TAB>correction[<TAB>correction…]` lines.
    #[must_use]
    pub fn parse(src: &str) -> Self {
        let mut map = FxHashMap::default();
        for (_, line) in data_lines(src) {
            let mut fields = line.split('\t');
            let Some(typo) = fields.next() else { continue };
            let corrections: Box<[Box<str>]> = fields.map(Box::from).collect();
            if !corrections.is_empty() {
                map.insert(Box::from(typo), corrections);
            }
        }
        Self { map }
    }

    /// The corrections of a folded key (lowercase, `'` apostrophes).
    #[must_use]
    pub fn get(&self, folded: &str) -> Option<&[Box<str>]> {
        self.map.get(folded).map(|c| &**c)
    }

    /// Number of entries.
    #[must_use]
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether there is no entry.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

/// The embedded misspelling list, parsed on first use.
pub fn misspellings() -> &'static Misspellings {
    static LIST: OnceLock<Misspellings> = OnceLock::new();
    LIST.get_or_init(|| Misspellings::parse(SOURCE))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_list_has_the_classics() {
        let m = misspellings();
        assert_eq!(m.get("teh").map(|c| &*c[0]), Some("the"));
        assert_eq!(m.get("wiht").map(|c| &*c[0]), Some("with"));
        assert!(m.get("the").is_none());
    }
}
