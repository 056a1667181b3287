//! Where a text came from: a file, standard input or a JSONL record.

use std::path::PathBuf;

use crate::text::Format;

/// The origin of a text, for reports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A file on disk.
    File(PathBuf),
    /// Standard input.
    Stdin,
    /// One record of a JSON Lines dump.
    Record {
        /// The dump's path (`-` for stdin).
        path: PathBuf,
        /// 1-based line number in the dump.
        line: usize,
        /// The record's id, when it has one.
        id: Option<String>,
    },
}

impl Origin {
    /// The path as shown in reports (`-` for stdin).
    #[must_use]
    pub fn display_path(&self) -> String {
        match self {
            Origin::File(p) | Origin::Record { path: p, .. } => p.display().to_string(),
            Origin::Stdin => "-".to_string(),
        }
    }

    /// The format the text should be read as.
    #[must_use]
    pub fn format(&self) -> Format {
        match self {
            Origin::File(p) => Format::from_path(p),
            _ => Format::Plain,
        }
    }
}

/// A text to check and where it came from.
#[derive(Clone, Debug)]
pub struct Source {
    /// Where it came from.
    pub origin: Origin,
    /// The text, exactly as read.
    pub text: String,
}
