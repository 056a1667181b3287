//! The registry: codes and names unique and sorted, documentation complete.

use copyedit::rules::{Family, REGISTRY};

#[test]
fn codes_are_unique_sorted_and_match_their_family() {
    let codes: Vec<&str> = REGISTRY.iter().map(|r| r.meta().code).collect();
    let mut sorted = codes.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(
        codes, sorted,
        "registry must be sorted by code with no duplicates"
    );
    for r in REGISTRY {
        let m = r.meta();
        assert_eq!(m.code.len(), 4, "{}", m.code);
        assert!(
            m.code[1..].chars().all(|c| c.is_ascii_digit()),
            "{}",
            m.code
        );
        assert_eq!(m.code.chars().next(), Some(m.family.letter()), "{}", m.code);
        assert!(Family::ALL.contains(&m.family));
    }
}

#[test]
fn names_are_unique_kebab_case() {
    let mut names: Vec<&str> = REGISTRY.iter().map(|r| r.meta().name).collect();
    for n in &names {
        assert!(
            n.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
            "`{n}` is not kebab-case"
        );
    }
    names.sort_unstable();
    let before = names.len();
    names.dedup();
    assert_eq!(before, names.len(), "rule names clash");
}

#[test]
fn every_rule_is_documented() {
    for r in REGISTRY {
        let m = r.meta();
        for heading in [
            "## What it flags",
            "## Why it matters",
            "## Example",
            "## Fix safety",
        ] {
            assert!(
                m.explanation.contains(heading),
                "{} lacks `{heading}`",
                m.code
            );
        }
        assert!(!m.summary.is_empty(), "{} has no summary", m.code);
    }
}
