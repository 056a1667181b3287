//! Data hygiene of `dictionaries/`: format and semantics are tests.

use std::collections::HashSet;

fn data_lines(src: &str) -> impl Iterator<Item = (usize, &str)> {
    src.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
}

const MISSPELLINGS: &str = include_str!("../dictionaries/misspellings.tsv");

#[test]
fn misspellings_are_well_formed_sorted_and_unique() {
    let mut keys = HashSet::new();
    let mut prev: Option<&str> = None;
    for (n, line) in data_lines(MISSPELLINGS) {
        let fields: Vec<&str> = line.split('\t').collect();
        assert!(
            fields.len() >= 2,
            "misspellings.tsv:{n}: needs typo<TAB>correction: {line:?}"
        );
        let key = fields[0];
        assert_eq!(
            key,
            key.to_lowercase(),
            "misspellings.tsv:{n}: key must be lowercase"
        );
        assert!(
            keys.insert(key),
            "misspellings.tsv:{n}: duplicate key `{key}`"
        );
        if let Some(p) = prev {
            assert!(
                p < key,
                "misspellings.tsv:{n}: `{key}` is out of order after `{p}`; sort the file"
            );
        }
        prev = Some(key);
        for c in &fields[1..] {
            assert!(!c.is_empty(), "misspellings.tsv:{n}: empty correction");
        }
    }
}

#[test]
fn no_correction_is_itself_a_misspelling_key() {
    let keys: HashSet<&str> = data_lines(MISSPELLINGS)
        .map(|(_, l)| l.split('\t').next().unwrap())
        .collect();
    for (n, line) in data_lines(MISSPELLINGS) {
        for c in line.split('\t').skip(1) {
            assert!(
                !keys.contains(c.to_lowercase().as_str()),
                "misspellings.tsv:{n}: correction `{c}` is itself a typo key; fix or drop the entry"
            );
        }
    }
}

#[test]
fn variant_spellings_are_sorted_unique_misspelling_keys() {
    let keys: HashSet<&str> = data_lines(MISSPELLINGS)
        .map(|(_, l)| l.split('\t').next().unwrap())
        .collect();
    let mut prev: Option<&str> = None;
    for (n, key) in data_lines(include_str!("../dictionaries/variant_spellings.txt")) {
        assert!(
            keys.contains(key),
            "variant_spellings.txt:{n}: `{key}` is not a key of misspellings.tsv; rebuild with scripts/build-dictionaries"
        );
        if let Some(p) = prev {
            assert!(
                p < key,
                "variant_spellings.txt:{n}: `{key}` is out of order or duplicated after `{p}`; sort the file"
            );
        }
        prev = Some(key);
    }
}
