//! The crate's error type: one [`Error`] with a non-exhaustive [`ErrorKind`].

use std::fmt;
use std::path::PathBuf;

/// What went wrong.
#[derive(Debug)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Reading or writing failed.
    Io(std::io::Error),
    /// The bytes are not UTF-8; `offset` is the first invalid byte.
    NotUtf8 {
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// The file looks binary (a NUL byte at `offset`).
    Binary {
        /// Byte offset of the NUL byte.
        offset: usize,
    },
    /// Applying fixes did not settle within the pass limit.
    NotConverged {
        /// Passes run.
        passes: usize,
        /// Codes of the rules whose fixes were still changing the text.
        rules: Vec<&'static str>,
    },
    /// The file changed on disk between reading and writing it.
    ChangedOnDisk,
    /// The file is read-only, so `fix` will not replace it.
    ReadOnly,
    /// A command-line or configuration value is invalid.
    Usage(String),
    /// A JSON line could not be used.
    Json(String),
}

/// An error, with the file or record it concerns when there is one.
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
    path: Option<PathBuf>,
}

/// Shorthand for results with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// An error of `kind` with no path.
    #[must_use]
    pub fn new(kind: ErrorKind) -> Self {
        Self { kind, path: None }
    }

    /// The same error, about `path`.
    #[must_use]
    pub fn at(mut self, path: impl Into<PathBuf>) -> Self {
        self.path = Some(path.into());
        self
    }

    /// A usage error with a message.
    #[must_use]
    pub fn usage(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Usage(message.into()))
    }

    /// What went wrong.
    #[must_use]
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// The file concerned, if any.
    #[must_use]
    pub fn path(&self) -> Option<&std::path::Path> {
        self.path.as_deref()
    }

    /// The message without the path.
    #[must_use]
    pub fn reason(&self) -> String {
        match &self.kind {
            ErrorKind::Io(e) => io_reason(e),
            ErrorKind::NotUtf8 { offset } => {
                format!("not UTF-8 text (invalid byte at offset {offset})")
            }
            ErrorKind::Binary { offset } => format!("binary file (NUL byte at offset {offset})"),
            ErrorKind::NotConverged { passes, rules } => format!(
                "fixes did not converge after {passes} passes (rules still changing: {})",
                rules.join(", ")
            ),
            ErrorKind::ChangedOnDisk => {
                "file changed on disk since it was read; not overwritten".to_string()
            }
            ErrorKind::ReadOnly => "file is read-only; not overwritten".to_string(),
            ErrorKind::Usage(m) | ErrorKind::Json(m) => m.clone(),
        }
    }
}

fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "no such file or directory".to_string(),
        K::PermissionDenied => "permission denied".to_string(),
        _ => {
            // std's Display appends "(os error N)"; keep the words, lowercase.
            let s = e.to_string();
            let s = s.split(" (os error").next().unwrap_or(&s).to_string();
            let mut chars = s.chars();
            match chars.next() {
                Some(first) => first.to_lowercase().chain(chars).collect(),
                None => s,
            }
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.path {
            Some(p) => write!(f, "{}: {}", p.display(), self.reason()),
            None => f.write_str(&self.reason()),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            ErrorKind::Io(e) => Some(e),
            _ => None,
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Self::new(ErrorKind::Io(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_the_path_and_reason() {
        let e = Error::new(ErrorKind::NotUtf8 { offset: 17 }).at("x.bin");
        assert_eq!(
            e.to_string(),
            "x.bin: not UTF-8 text (invalid byte at offset 17)"
        );
        let e = Error::from(std::io::Error::from(std::io::ErrorKind::NotFound)).at("gone.txt");
        assert_eq!(e.to_string(), "gone.txt: no such file or directory");
    }
}
