//! Inputs: expanding paths into files (walking directories), reading text
//! safely, and writing fixed text back atomically.

pub mod jsonl;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::error::{Error, ErrorKind, Result};

/// File extensions checked when walking a directory. Files named explicitly
/// are always checked, whatever their extension.
pub const PROSE_EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "markdown", "mdown", "mkd", "mdx", "html", "htm", "xhtml", "rst", "adoc",
];

/// One thing to read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    /// A file; `explicit` when it was named on the command line (then a
    /// binary file is an error rather than silently skipped).
    File {
        /// The path.
        path: PathBuf,
        /// Named on the command line rather than found by walking.
        explicit: bool,
    },
    /// Standard input.
    Stdin,
}

/// Expands command-line paths, in order: `-` is stdin, a directory is walked
/// (`.gitignore` and `.ignore` honoured, hidden files skipped, only
/// [`PROSE_EXTENSIONS`], sorted by name), anything else is a file. Walk
/// errors (a missing path, a symlink loop, an unreadable directory) are
/// returned in place.
#[must_use]
pub fn expand(paths: &[PathBuf]) -> Vec<Result<Input>> {
    let mut out = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            out.push(Ok(Input::Stdin));
            continue;
        }
        match fs::metadata(path) {
            Ok(m) if m.is_dir() => walk(path, &mut out),
            Ok(_) => out.push(Ok(Input::File {
                path: path.clone(),
                explicit: true,
            })),
            Err(e) => out.push(Err(Error::from(e).at(path))),
        }
    }
    out
}

fn walk(root: &Path, out: &mut Vec<Result<Input>>) {
    let walker = ignore::WalkBuilder::new(root)
        .hidden(true)
        .git_ignore(true)
        .git_exclude(true)
        .ignore(true)
        .parents(true)
        .require_git(false)
        .follow_links(true)
        .sort_by_file_name(std::cmp::Ord::cmp)
        .build();
    for entry in walker {
        match entry {
            Ok(e) => {
                if !e.file_type().is_some_and(|t| t.is_file()) {
                    continue;
                }
                let has_prose_ext = e
                    .path()
                    .extension()
                    .and_then(|x| x.to_str())
                    .is_some_and(|x| PROSE_EXTENSIONS.iter().any(|p| p.eq_ignore_ascii_case(x)));
                if has_prose_ext {
                    // `./a.txt` reads better (and diffs apply better) as `a.txt`.
                    let path = match e.path().strip_prefix(".") {
                        Ok(rel) if root == Path::new(".") => rel.to_path_buf(),
                        _ => e.into_path(),
                    };
                    out.push(Ok(Input::File {
                        path,
                        explicit: false,
                    }));
                }
            }
            Err(err) => out.push(Err(walk_error(root, &err))),
        }
    }
}

fn walk_error(root: &Path, err: &ignore::Error) -> Error {
    let mut path = None;
    let mut reason = err.to_string();
    let mut cur = err;
    loop {
        match cur {
            ignore::Error::WithPath { path: p, err } => {
                path = Some(p.clone());
                cur = err;
            }
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                cur = err;
            }
            ignore::Error::Loop { child, .. } => {
                path = Some(child.clone());
                reason = "symbolic link loop".to_string();
                break;
            }
            ignore::Error::Io(e) => {
                return Error::from(std::io::Error::new(e.kind(), e.to_string()))
                    .at(path.unwrap_or_else(|| root.to_path_buf()));
            }
            _ => break,
        }
    }
    Error::usage(reason).at(path.unwrap_or_else(|| root.to_path_buf()))
}

/// What was true of a file when it was read, to detect a change before
/// overwriting it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileStamp {
    len: u64,
    modified: Option<SystemTime>,
    #[cfg(unix)]
    inode: u64,
    readonly: bool,
}

impl FileStamp {
    fn of(meta: &fs::Metadata) -> Self {
        #[cfg(unix)]
        use std::os::unix::fs::MetadataExt;
        Self {
            len: meta.len(),
            modified: meta.modified().ok(),
            #[cfg(unix)]
            inode: meta.ino(),
            readonly: meta.permissions().readonly(),
        }
    }
}

/// A file's text and its stamp.
#[derive(Debug)]
pub struct FileText {
    /// The text, exactly as read (BOM and line endings kept).
    pub text: String,
    /// The file's state when read.
    pub stamp: FileStamp,
}

/// Decodes bytes as UTF-8 text, refusing binary data.
///
/// # Errors
/// [`ErrorKind::Binary`] when a NUL byte appears in the first 8 KiB,
/// [`ErrorKind::NotUtf8`] with the offset of the first invalid byte.
pub fn decode(bytes: Vec<u8>) -> Result<String> {
    let head = &bytes[..bytes.len().min(8192)];
    if let Some(offset) = memchr::memchr(0, head) {
        return Err(Error::new(ErrorKind::Binary { offset }));
    }
    String::from_utf8(bytes).map_err(|e| {
        Error::new(ErrorKind::NotUtf8 {
            offset: e.utf8_error().valid_up_to(),
        })
    })
}

/// Reads a file as text. Returns `Ok(None)` for a binary file found by
/// walking (skipped silently); a binary file named explicitly is an error.
///
/// # Errors
/// The file cannot be read, is binary (when explicit) or is not UTF-8; the
/// error names the path.
pub fn read_file(path: &Path, explicit: bool) -> Result<Option<FileText>> {
    let bytes = fs::read(path).map_err(|e| Error::from(e).at(path))?;
    let meta = fs::metadata(path).map_err(|e| Error::from(e).at(path))?;
    match decode(bytes) {
        Ok(text) => Ok(Some(FileText {
            text,
            stamp: FileStamp::of(&meta),
        })),
        Err(e) if !explicit && matches!(e.kind(), ErrorKind::Binary { .. }) => Ok(None),
        Err(e) => Err(e.at(path)),
    }
}

/// Replaces the file at `path` with `text`, atomically: the text goes to a
/// temporary file in the same directory, which takes the original's
/// permissions and is renamed over it. A symlink is followed, so its target
/// is updated and the link kept. Refuses when the file is read-only or has
/// changed since `stamp` was taken; the original is untouched on any error.
///
/// # Errors
/// Read-only, changed on disk, or any I/O error; the error names the path.
pub fn write_atomic(path: &Path, text: &str, stamp: &FileStamp) -> Result<()> {
    let at = |e: Error| e.at(path);
    if stamp.readonly {
        return Err(at(Error::new(ErrorKind::ReadOnly)));
    }
    let target = fs::canonicalize(path).map_err(|_| at(Error::new(ErrorKind::ChangedOnDisk)))?;
    let dir = target.parent().unwrap_or(Path::new("."));
    let meta = fs::metadata(&target).map_err(|_| at(Error::new(ErrorKind::ChangedOnDisk)))?;
    if FileStamp::of(&meta) != *stamp {
        return Err(at(Error::new(ErrorKind::ChangedOnDisk)));
    }
    let mut tmp = tempfile::Builder::new()
        .prefix(".copyedit-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| at(e.into()))?;
    tmp.write_all(text.as_bytes()).map_err(|e| at(e.into()))?;
    tmp.as_file()
        .set_permissions(meta.permissions())
        .map_err(|e| at(e.into()))?;
    tmp.as_file().sync_all().map_err(|e| at(e.into()))?;
    // Last look before the rename: another writer may have been quicker.
    let again = fs::metadata(&target).map_err(|_| at(Error::new(ErrorKind::ChangedOnDisk)))?;
    if FileStamp::of(&again) != *stamp {
        return Err(at(Error::new(ErrorKind::ChangedOnDisk)));
    }
    tmp.persist(&target).map_err(|e| at(e.error.into()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_reports_binary_and_invalid_utf8() {
        let e = decode(b"ab\0cd".to_vec()).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::Binary { offset: 2 }));
        let e = decode(b"caf\xe9 ok".to_vec()).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::NotUtf8 { offset: 3 }));
        assert_eq!(
            decode("\u{feff}ok\r\n".as_bytes().to_vec()).unwrap(),
            "\u{feff}ok\r\n"
        );
    }

    #[test]
    fn atomic_write_keeps_permissions_and_refuses_changed_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        fs::write(&path, "old").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        }
        let read = read_file(&path, true).unwrap().unwrap();
        write_atomic(&path, "new", &read.stamp).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o640);
        }
        // The stamp is now stale: the file changed since `read`.
        let err = write_atomic(&path, "newer", &read.stamp).unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::ChangedOnDisk));
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        // No temporary file is left behind.
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
