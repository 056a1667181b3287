//! `T` rules: typos and words.

pub mod known_misspelling;
