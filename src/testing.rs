//! Shared helpers for rule unit tests.

use crate::config::Settings;
use crate::engine::Engine;
use crate::text::{Document, Format};

fn engine_for(code: &str) -> Engine {
    Engine::new(Settings {
        select: vec![code.to_string()],
        ..Settings::default()
    })
    .expect("test selects a known rule")
}

/// The texts flagged by rule `code` in `text`.
pub fn flagged(code: &str, text: &str) -> Vec<String> {
    let doc = Document::new(text, Format::Plain);
    engine_for(code)
        .check(&doc)
        .iter()
        .map(|f| doc.slice(f.span).to_string())
        .collect()
}

/// Asserts that rule `code` flags exactly `expected` (the flagged texts, in order).
#[track_caller]
pub fn assert_fires(code: &str, text: &str, expected: &[&str]) {
    assert_eq!(flagged(code, text), expected, "{code} on {text:?}");
}

/// Asserts that rule `code` flags nothing in `text`.
#[track_caller]
pub fn assert_silent(code: &str, text: &str) {
    let got = flagged(code, text);
    assert!(got.is_empty(), "{code} flagged {got:?} in {text:?}");
}

/// Asserts that fixing `text` with rule `code` (unsafe fixes included) gives `expected`.
#[track_caller]
pub fn assert_fixes_to(code: &str, text: &str, expected: &str) {
    let engine = Engine::new(Settings {
        select: vec![code.to_string()],
        fix_level: crate::diagnostic::Applicability::Unsafe,
        ..Settings::default()
    })
    .expect("test selects a known rule");
    let out = engine.fix(text, Format::Plain).expect("fixes converge");
    assert_eq!(out.text, expected, "{code} fixing {text:?}");
}

/// A xorshift64 generator seeded with `seed` (non-zero): reproducible
/// random inputs for tests that compare a fast routine with a reference.
pub fn xorshift(mut seed: u64) -> impl FnMut() -> u64 {
    move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    }
}
