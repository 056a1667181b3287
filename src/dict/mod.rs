//! Embedded dictionaries, parsed once on first use and shared read-only.
//!
//! The files in `dictionaries/` are compiled into the binary, so copyedit
//! needs no data files at run time. Each list is parsed lazily the first time
//! a rule asks for it, so a run that does not need a list never pays for it.

pub mod bigrams;
pub mod misspellings;
pub mod mwe;
pub mod phrases;
pub mod synonyms;
pub mod words;

pub use bigrams::{bigrams, Bigrams};
pub use misspellings::{misspellings, Misspellings};
pub use mwe::{mwes, Mwes};
pub use phrases::{phrasebook, Phrasebook};
pub use synonyms::{synonyms, Synonyms};
pub use words::{words, Words};

/// Iterates the data lines of a dictionary file: no blank lines, no `#` comments.
pub(crate) fn data_lines(src: &str) -> impl Iterator<Item = (usize, &str)> {
    src.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r')))
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
}
