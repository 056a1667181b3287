//! Embedded dictionaries, compiled at build time and shared read-only.
//!
//! `build.rs` turns the files in `dictionaries/` into compact binary tables
//! (open-addressing hash tables, a symmetric-delete suggestion index) that are embedded with
//! `include_bytes!`: copyedit needs no data files at run time, and a lookup
//! reads the tables in place, so nothing is parsed or indexed at start-up.

pub mod bigrams;
pub mod index;
#[allow(missing_docs)]
mod keyhash;
pub mod misspellings;
pub mod mwe;
pub mod names;
/// The phonetic key shared by the build script and the suggestion index.
pub mod phonetic;
pub mod phrases;
pub mod spun_words;
pub mod synonyms;
pub mod table;
pub mod words;

pub use bigrams::{bigrams, Bigrams};
pub use misspellings::{is_variant_spelling, misspellings, Corrections, Misspellings};
pub use mwe::{mwes, Mwes};
pub use names::{american_of, british_of, name_form};
pub use phrases::{phrasebook, Phrasebook};
pub use spun_words::{spun_words, SpunWords};
pub use synonyms::{synonyms, Synonyms};
pub use words::{words, WordEntry, WordForm, Words};

/// Iterates the data lines of a dictionary file: no blank lines, no `#` comments.
pub fn data_lines(src: &str) -> impl Iterator<Item = (usize, &str)> {
    src.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r')))
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
}
