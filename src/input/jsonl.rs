//! JSON Lines records: find the string fields to check in one line, and write
//! the line back with repaired text spliced in.
//!
//! A record is never re-serialised. [`parse_record`] validates the whole line
//! with `serde_json` and notes, through `RawValue`, the exact bytes of each
//! requested field's string literal; [`RecordEdit::apply`] copies the line and
//! replaces only those literals (and adds or replaces the top-level
//! `copyedit` member). Every other byte of the line, key order, spacing,
//! number formatting and escapes included, stays as it was.
//!
//! Reading the input as chunks of lines ([`ChunkReader`]) and opening
//! compressed files by extension or magic bytes ([`open_input`],
//! [`open_output`]) also live here.

use std::borrow::Cow;
use std::fmt::{self, Write as _};
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::ops::Range;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use serde_json::value::RawValue;

/// A field path: `text`, or `meta.body` for a member of a nested object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldPath {
    parts: Vec<String>,
    dotted: String,
}

impl FieldPath {
    /// Parses `a.b.c` into its parts. An empty path or an empty part (`a..b`)
    /// is refused.
    ///
    /// # Errors
    /// A message naming the bad path.
    pub fn parse(dotted: &str) -> Result<Self, String> {
        let parts: Vec<String> = dotted.split('.').map(str::to_string).collect();
        if parts.iter().any(String::is_empty) {
            return Err(format!("invalid field path `{dotted}`"));
        }
        Ok(Self {
            parts,
            dotted: dotted.to_string(),
        })
    }

    /// The path as written (`a.b`).
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.dotted
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.dotted)
    }
}

/// Why a line could not be used as a record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RecordError {
    /// The line is not UTF-8; `offset` is the first invalid byte in the line.
    NotUtf8 {
        /// Byte offset in the line.
        offset: usize,
    },
    /// The line is not a JSON object.
    BadJson(String),
    /// A requested field is absent.
    MissingField(String),
    /// A requested field is present but is not a string.
    NotString {
        /// The field path.
        field: String,
        /// What it is instead (`number`, `object`, …).
        found: &'static str,
    },
    /// A requested field appears twice in the same object.
    DuplicateField(String),
}

impl fmt::Display for RecordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RecordError::NotUtf8 { offset } => {
                write!(f, "not UTF-8 (invalid byte at offset {offset})")
            }
            RecordError::BadJson(m) => write!(f, "invalid JSON: {m}"),
            RecordError::MissingField(p) => write!(f, "missing field `{p}`"),
            RecordError::NotString { field, found } => {
                write!(f, "field `{field}` is {found}, not a string")
            }
            RecordError::DuplicateField(p) => write!(f, "field `{p}` appears twice"),
        }
    }
}

/// One string field found in a record.
#[derive(Clone, Debug)]
pub struct FieldText {
    /// Index of the field in the list of requested fields.
    pub field: usize,
    /// Byte range of the JSON string literal (quotes included) in the line.
    pub literal: Range<usize>,
    /// The decoded text.
    pub text: String,
    /// The literal escapes every non-ASCII character (`\u00e9`), as Python's
    /// `json.dumps` does by default; a repaired text is written the same way.
    pub ascii_only: bool,
}

/// What [`parse_record`] found in a line.
#[derive(Clone, Debug)]
pub struct Record {
    /// The requested fields, in the order requested.
    pub fields: Vec<FieldText>,
    /// The id, as text (a string decoded, any other JSON value as written).
    pub id: Option<String>,
    /// Byte range of an existing top-level `copyedit` member's value.
    pub existing_annotation: Option<Range<usize>>,
    /// Byte offset of the top-level object's closing `}`.
    pub close_brace: usize,
    /// Whether the top-level object has no member at all.
    pub empty_object: bool,
}

/// A key that borrows from the line when it has no escapes.
struct Key<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string key")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Key(Cow::Owned(v.to_string())))
            }
        }
        d.deserialize_str(KeyVisitor)
    }
}

/// The members of a JSON object, each value as its raw text.
struct Members<'a>(Vec<(Key<'a>, &'a RawValue)>);

impl<'de> Deserialize<'de> for Members<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct MembersVisitor;
        impl<'de> Visitor<'de> for MembersVisitor {
            type Value = Members<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some(key) = map.next_key::<Key<'de>>()? {
                    let value: &'de RawValue = map.next_value()?;
                    out.push((key, value));
                }
                Ok(Members(out))
            }
        }
        d.deserialize_map(MembersVisitor)
    }
}

fn json_error(e: &serde_json::Error) -> RecordError {
    // serde_json appends " at line L column C"; a record is one line, so the
    // column is the useful half.
    let msg = e.to_string();
    let msg = msg.split(" at line ").next().unwrap_or(&msg);
    if e.column() == 0 {
        RecordError::BadJson(msg.to_string())
    } else {
        RecordError::BadJson(format!("{msg} at column {}", e.column()))
    }
}

fn kind_of(raw: &str) -> &'static str {
    match raw.as_bytes().first() {
        Some(b'{') => "an object",
        Some(b'[') => "an array",
        Some(b'"') => "a string",
        Some(b't' | b'f') => "a boolean",
        Some(b'n') => "null",
        _ => "a number",
    }
}

/// Byte offset of `inner` (a sub-slice of `outer`) in `outer`.
fn offset_in(outer: &str, inner: &str) -> usize {
    let offset = inner.as_ptr() as usize - outer.as_ptr() as usize;
    debug_assert!(offset + inner.len() <= outer.len(), "inner lies in outer");
    offset
}

/// Finds the raw value at `path` in the object `members`.
fn lookup<'a>(
    members: &Members<'a>,
    path: &FieldPath,
    depth: usize,
) -> Result<Option<&'a RawValue>, RecordError> {
    let name = &path.parts[depth];
    let mut found = None;
    for (key, value) in &members.0 {
        if key.0 == name.as_str() {
            if found.is_some() {
                return Err(RecordError::DuplicateField(path.dotted.clone()));
            }
            found = Some(*value);
        }
    }
    let Some(value) = found else {
        return Ok(None);
    };
    if depth + 1 == path.parts.len() {
        return Ok(Some(value));
    }
    let raw = value.get();
    if !raw.starts_with('{') {
        return Ok(None);
    }
    let inner: Members<'a> = serde_json::from_str(raw).map_err(|e| json_error(&e))?;
    lookup(&inner, path, depth + 1)
}

/// Decodes a JSON string literal.
fn decode_string(raw: &str) -> Result<String, serde_json::Error> {
    let body = &raw[1..raw.len() - 1];
    if memchr::memchr(b'\\', body.as_bytes()).is_none() {
        return Ok(body.to_string());
    }
    serde_json::from_str::<String>(raw)
}

/// Parses one line (without its line break) as a record and locates the
/// requested string fields and the id.
///
/// # Errors
/// A [`RecordError`] saying why the line is not a usable record.
///
/// # Example
/// ```
/// use copyedit::input::jsonl::{parse_record, FieldPath};
/// let line = br#"{"id": 7, "text": "teh \u00e9"}"#;
/// let rec = parse_record(line, &[FieldPath::parse("text").unwrap()], None).unwrap();
/// assert_eq!(rec.fields[0].text, "teh é");
/// assert_eq!(&line[rec.fields[0].literal.clone()], br#""teh \u00e9""#);
/// assert!(rec.fields[0].ascii_only);
/// ```
pub fn parse_record(
    line: &[u8],
    fields: &[FieldPath],
    id_field: Option<&FieldPath>,
) -> Result<Record, RecordError> {
    let line = std::str::from_utf8(line).map_err(|e| RecordError::NotUtf8 {
        offset: e.valid_up_to(),
    })?;
    let members: Members<'_> = serde_json::from_str(line).map_err(|e| json_error(&e))?;
    let close_brace = line
        .trim_end()
        .len()
        .checked_sub(1)
        .expect("a parsed object ends with `}`");
    let mut out = Vec::with_capacity(fields.len());
    for (index, path) in fields.iter().enumerate() {
        let Some(raw) = lookup(&members, path, 0)? else {
            return Err(RecordError::MissingField(path.dotted.clone()));
        };
        let literal_text = raw.get();
        if !literal_text.starts_with('"') {
            return Err(RecordError::NotString {
                field: path.dotted.clone(),
                found: kind_of(literal_text),
            });
        }
        let start = offset_in(line, literal_text);
        let text = decode_string(literal_text).map_err(|e| json_error(&e))?;
        let ascii_only = literal_text.is_ascii() && !text.is_ascii();
        out.push(FieldText {
            field: index,
            literal: start..start + literal_text.len(),
            text,
            ascii_only,
        });
    }
    let id = match id_field {
        Some(path) => lookup(&members, path, 0).ok().flatten().and_then(|raw| {
            let s = raw.get();
            if s.starts_with('"') {
                decode_string(s).ok()
            } else if s == "null" {
                None
            } else {
                Some(s.to_string())
            }
        }),
        None => None,
    };
    let existing_annotation =
        members
            .0
            .iter()
            .find(|(k, _)| k.0 == ANNOTATION_KEY)
            .map(|(_, v)| {
                let start = offset_in(line, v.get());
                start..start + v.get().len()
            });
    Ok(Record {
        fields: out,
        id,
        existing_annotation,
        close_brace,
        empty_object: members.0.is_empty(),
    })
}

/// The top-level member copyedit adds to every record it processed.
pub const ANNOTATION_KEY: &str = "copyedit";

/// Writes `s` as a JSON string literal. With `ascii_only`, every non-ASCII
/// character is escaped as `\uXXXX` (surrogate pairs beyond the BMP), as
/// Python's `json.dumps` does by default.
pub fn write_json_string(out: &mut String, s: &str, ascii_only: bool) {
    out.reserve(s.len() + 2);
    out.push('"');
    let mut copied = 0;
    for (i, c) in s.char_indices() {
        let escape: Option<&str> = match c {
            '"' => Some("\\\""),
            '\\' => Some("\\\\"),
            '\n' => Some("\\n"),
            '\r' => Some("\\r"),
            '\t' => Some("\\t"),
            '\u{8}' => Some("\\b"),
            '\u{c}' => Some("\\f"),
            _ => None,
        };
        let needs_hex = c < ' ' || (ascii_only && !c.is_ascii());
        if escape.is_none() && !needs_hex {
            continue;
        }
        out.push_str(&s[copied..i]);
        copied = i + c.len_utf8();
        if let Some(e) = escape {
            out.push_str(e);
        } else {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                let _ = write!(out, "\\u{unit:04x}");
            }
        }
    }
    out.push_str(&s[copied..]);
    out.push('"');
}

/// The changes to make to one record's line.
#[derive(Debug, Default)]
pub struct RecordEdit {
    /// Replacements of field literals: (literal range, new text, ascii only).
    pub fields: Vec<(Range<usize>, String, bool)>,
    /// The JSON value of the `copyedit` member, if one is written.
    pub annotation: Option<String>,
}

impl RecordEdit {
    /// Writes `line` (no line break) with the edits into `out`, then `\n`.
    pub fn apply(&self, line: &str, record: &Record, out: &mut String) {
        out.reserve(line.len() + 256);
        let mut pieces: Vec<(Range<usize>, Piece<'_>)> = self
            .fields
            .iter()
            .map(|(range, text, ascii)| (range.clone(), Piece::Text(text, *ascii)))
            .collect();
        if let Some(annotation) = &self.annotation {
            match &record.existing_annotation {
                Some(range) => pieces.push((range.clone(), Piece::Raw(annotation))),
                None => {
                    let at = record.close_brace;
                    pieces.push((at..at, Piece::NewMember(annotation, record.empty_object)));
                }
            }
        }
        pieces.sort_by_key(|(r, _)| (r.start, r.end));
        let mut copied = 0;
        for (range, piece) in pieces {
            out.push_str(&line[copied..range.start]);
            match piece {
                Piece::Text(text, ascii) => write_json_string(out, text, ascii),
                Piece::Raw(raw) => out.push_str(raw),
                Piece::NewMember(raw, empty) => {
                    if !empty {
                        out.push(',');
                    }
                    out.push('"');
                    out.push_str(ANNOTATION_KEY);
                    out.push_str("\":");
                    out.push_str(raw);
                }
            }
            copied = range.end;
        }
        out.push_str(&line[copied..]);
        out.push('\n');
    }
}

enum Piece<'a> {
    Text(&'a str, bool),
    Raw(&'a str),
    NewMember(&'a str, bool),
}

/// A run of consecutive lines read from the input.
#[derive(Debug, Default)]
pub struct Chunk {
    /// 1-based number of the chunk's first line in the input.
    pub first_line: usize,
    /// The lines' bytes, back to back, line breaks included.
    pub data: Vec<u8>,
    /// Each line's range in `data`, without its `\n` (a `\r` before it stays).
    pub lines: Vec<Range<usize>>,
}

impl Chunk {
    /// The bytes of line `i` of the chunk, without its `\n`.
    #[must_use]
    pub fn line(&self, i: usize) -> &[u8] {
        &self.data[self.lines[i].clone()]
    }
}

/// Reads an input as [`Chunk`]s of whole lines of about `target_bytes`
/// (a chunk holds at least one line, so one huge line makes one huge chunk).
pub struct ChunkReader<R> {
    reader: R,
    target_bytes: usize,
    max_lines: usize,
    next_line: usize,
    done: bool,
}

impl<R: BufRead> ChunkReader<R> {
    /// A reader of chunks of about `target_bytes` and at most `max_lines` lines.
    pub fn new(reader: R, target_bytes: usize, max_lines: usize) -> Self {
        Self {
            reader,
            target_bytes,
            max_lines: max_lines.max(1),
            next_line: 1,
            done: false,
        }
    }

    /// The next chunk, or `None` at the end of the input.
    ///
    /// # Errors
    /// A read error (including a corrupt compressed stream).
    pub fn next_chunk(&mut self) -> io::Result<Option<Chunk>> {
        if self.done {
            return Ok(None);
        }
        let mut chunk = Chunk {
            first_line: self.next_line,
            data: Vec::with_capacity(self.target_bytes + self.target_bytes / 8),
            lines: Vec::new(),
        };
        while chunk.data.len() < self.target_bytes && chunk.lines.len() < self.max_lines {
            let start = chunk.data.len();
            let n = self.reader.read_until(b'\n', &mut chunk.data)?;
            if n == 0 {
                self.done = true;
                break;
            }
            let end = if chunk.data.last() == Some(&b'\n') {
                chunk.data.len() - 1
            } else {
                chunk.data.len()
            };
            chunk.lines.push(start..end);
        }
        self.next_line += chunk.lines.len();
        if chunk.lines.is_empty() {
            return Ok(None);
        }
        Ok(Some(chunk))
    }
}

/// Counts the bytes read through it, for a progress bar.
pub struct CountingReader<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R> CountingReader<R> {
    /// Wraps `inner`; `count` grows by every byte read.
    pub fn new(inner: R, count: Arc<AtomicU64>) -> Self {
        Self { inner, count }
    }
}

impl<R: Read> Read for CountingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Compression of a stream.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compression {
    /// Plain bytes.
    None,
    /// gzip (`.gz`).
    Gzip,
    /// Zstandard (`.zst`).
    Zstd,
}

impl Compression {
    /// The compression a file name's extension asks for.
    #[must_use]
    pub fn from_path(path: &Path) -> Self {
        match path.extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("gz") => Compression::Gzip,
            Some(e) if e.eq_ignore_ascii_case("zst") => Compression::Zstd,
            _ => Compression::None,
        }
    }

    /// The compression the first bytes of a stream show (gzip and zstd
    /// magic numbers).
    #[must_use]
    pub fn sniff(head: &[u8]) -> Self {
        if head.starts_with(&[0x1f, 0x8b]) {
            Compression::Gzip
        } else if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
            Compression::Zstd
        } else {
            Compression::None
        }
    }
}

const READ_BUFFER: usize = 1 << 20;

/// Opens an input for reading lines: a file or stdin (`-`), decompressed
/// when its first bytes are a gzip or zstd header (so `.gz`/`.zst` files and
/// compressed stdin both work). `count` grows by the raw bytes read, for
/// progress.
///
/// # Errors
/// The file cannot be opened, or the compressed stream header is invalid.
pub fn open_input(path: &Path, count: Arc<AtomicU64>) -> io::Result<Box<dyn BufRead + Send>> {
    let raw: Box<dyn Read + Send> = if path.as_os_str() == "-" {
        Box::new(io::stdin())
    } else {
        Box::new(File::open(path)?)
    };
    let mut buffered = BufReader::with_capacity(READ_BUFFER, CountingReader::new(raw, count));
    let compression = Compression::sniff(buffered.fill_buf()?);
    Ok(match compression {
        Compression::None => Box::new(buffered),
        Compression::Gzip => Box::new(BufReader::with_capacity(
            READ_BUFFER,
            flate2::bufread::MultiGzDecoder::new(buffered),
        )),
        Compression::Zstd => Box::new(BufReader::with_capacity(
            READ_BUFFER,
            zstd::stream::read::Decoder::with_buffer(buffered)?,
        )),
    })
}

/// A line-oriented output, compressed or not; [`Output::finish`] must be
/// called to write the compressed stream's trailer.
pub enum Output {
    /// Plain bytes.
    Plain(io::BufWriter<Box<dyn Write + Send>>),
    /// gzip.
    Gzip(flate2::write::GzEncoder<io::BufWriter<Box<dyn Write + Send>>>),
    /// Zstandard.
    Zstd(zstd::stream::write::Encoder<'static, io::BufWriter<Box<dyn Write + Send>>>),
}

impl Output {
    /// Flushes and ends the stream (the compression trailer included).
    ///
    /// # Errors
    /// Any write error.
    pub fn finish(self) -> io::Result<()> {
        match self {
            Output::Plain(mut w) => w.flush(),
            Output::Gzip(w) => w.finish()?.flush(),
            Output::Zstd(w) => w.finish()?.flush(),
        }
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Output::Plain(w) => w.write(buf),
            Output::Gzip(w) => w.write(buf),
            Output::Zstd(w) => w.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match self {
            Output::Plain(w) => w.write_all(buf),
            Output::Gzip(w) => w.write_all(buf),
            Output::Zstd(w) => w.write_all(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Output::Plain(w) => w.flush(),
            Output::Gzip(w) => w.flush(),
            Output::Zstd(w) => w.flush(),
        }
    }
}

/// Opens an output: stdout for `-`, else a new file, compressed by its
/// extension (`.gz`, `.zst`).
///
/// # Errors
/// The file cannot be created.
pub fn open_output(path: &Path) -> io::Result<Output> {
    let (raw, compression): (Box<dyn Write + Send>, _) = if path.as_os_str() == "-" {
        (Box::new(io::stdout()), Compression::None)
    } else {
        (Box::new(File::create(path)?), Compression::from_path(path))
    };
    let buffered = io::BufWriter::with_capacity(READ_BUFFER, raw);
    Ok(match compression {
        Compression::None => Output::Plain(buffered),
        Compression::Gzip => Output::Gzip(flate2::write::GzEncoder::new(
            buffered,
            flate2::Compression::default(),
        )),
        Compression::Zstd => Output::Zstd(zstd::stream::write::Encoder::new(buffered, 3)?),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(p: &str) -> FieldPath {
        FieldPath::parse(p).unwrap()
    }

    #[test]
    fn field_paths() {
        assert_eq!(path("a.b").parts, ["a", "b"]);
        assert!(FieldPath::parse("").is_err());
        assert!(FieldPath::parse("a..b").is_err());
    }

    #[test]
    fn locates_top_level_and_nested_fields() {
        let line = r#"{"id":"x1", "meta": {"n": 1, "body": "Teh \"end\""}, "text": "caf\u00e9"}"#;
        let rec = parse_record(
            line.as_bytes(),
            &[path("text"), path("meta.body")],
            Some(&path("id")),
        )
        .unwrap();
        assert_eq!(rec.id.as_deref(), Some("x1"));
        assert_eq!(rec.fields[0].text, "café");
        assert!(rec.fields[0].ascii_only);
        assert_eq!(&line[rec.fields[0].literal.clone()], r#""caf\u00e9""#);
        assert_eq!(rec.fields[1].text, "Teh \"end\"");
        assert!(!rec.fields[1].ascii_only);
        assert_eq!(&line[rec.fields[1].literal.clone()], r#""Teh \"end\"""#);
        assert_eq!(rec.close_brace, line.len() - 1);
        assert!(rec.existing_annotation.is_none());
    }

    #[test]
    fn numeric_ids_are_kept_as_written() {
        let rec = parse_record(
            br#"{"id": 12.50, "text": ""}"#,
            &[path("text")],
            Some(&path("id")),
        )
        .unwrap();
        assert_eq!(rec.id.as_deref(), Some("12.50"));
    }

    #[test]
    fn malformed_lines_say_why() {
        let f = [path("text")];
        let cases: [(&[u8], &str); 7] = [
            (
                b"{\"text\": \"a\"",
                "invalid JSON: EOF while parsing an object at column 12",
            ),
            (
                b"[1, 2]",
                "invalid JSON: invalid type: sequence, expected a JSON object",
            ),
            (b"{\"title\": \"a\"}", "missing field `text`"),
            (b"{\"text\": 3}", "field `text` is a number, not a string"),
            (b"{\"text\": null}", "field `text` is null, not a string"),
            (
                b"{\"text\": \"a\", \"text\": \"b\"}",
                "field `text` appears twice",
            ),
            (
                b"{\"text\": \"caf\xe9\"}",
                "not UTF-8 (invalid byte at offset 13)",
            ),
        ];
        for (line, want) in cases {
            let err = parse_record(line, &f, None).unwrap_err();
            assert_eq!(err.to_string(), want, "{}", String::from_utf8_lossy(line));
        }
        let err = parse_record(br#"{"text": "\ud800"}"#, &f, None).unwrap_err();
        assert!(matches!(err, RecordError::BadJson(_)), "{err}");
    }

    #[test]
    fn json_strings_round_trip() {
        for (s, ascii) in [
            ("plain", false),
            ("quote \" back \\ nl \n tab \t ctl \u{1}", false),
            ("curly “é” and 😀", false),
            ("curly “é” and 😀", true),
        ] {
            let mut out = String::new();
            write_json_string(&mut out, s, ascii);
            assert_eq!(serde_json::from_str::<String>(&out).unwrap(), s);
            assert_eq!(out.is_ascii(), ascii || s.is_ascii(), "{out}");
        }
        let mut out = String::new();
        write_json_string(&mut out, "é😀", true);
        assert_eq!(out, r#""\u00e9\ud83d\ude00""#);
    }

    #[test]
    fn edits_keep_every_other_byte() {
        let line = r#"{ "id" : 1 ,"text":"teh cat",  "n": 1.50e3 }"#;
        let rec = parse_record(line.as_bytes(), &[path("text")], None).unwrap();
        let edit = RecordEdit {
            fields: vec![(rec.fields[0].literal.clone(), "the cat".into(), false)],
            annotation: Some(r#"{"fixed":1}"#.into()),
        };
        let mut out = String::new();
        edit.apply(line, &rec, &mut out);
        assert_eq!(
            out,
            "{ \"id\" : 1 ,\"text\":\"the cat\",  \"n\": 1.50e3 ,\"copyedit\":{\"fixed\":1}}\n"
        );
        // Running again replaces the annotation rather than adding a second one.
        let again = out.trim_end();
        let rec = parse_record(again.as_bytes(), &[path("text")], None).unwrap();
        let edit = RecordEdit {
            fields: Vec::new(),
            annotation: Some(r#"{"fixed":0}"#.into()),
        };
        let mut out2 = String::new();
        edit.apply(again, &rec, &mut out2);
        assert_eq!(out2, out.replace("\"fixed\":1", "\"fixed\":0"));
    }

    #[test]
    fn chunks_keep_line_numbers_and_final_line_without_newline() {
        let input = "a\r\nbb\n\nccc";
        let mut r = ChunkReader::new(input.as_bytes(), 4, 100);
        let c1 = r.next_chunk().unwrap().unwrap();
        assert_eq!((c1.first_line, c1.lines.len()), (1, 2));
        assert_eq!(c1.line(0), b"a\r");
        assert_eq!(c1.line(1), b"bb");
        let c2 = r.next_chunk().unwrap().unwrap();
        assert_eq!(c2.first_line, 3);
        assert_eq!(c2.line(0), b"");
        assert_eq!(c2.line(1), b"ccc");
        assert!(r.next_chunk().unwrap().is_none());
    }

    #[test]
    fn compression_is_sniffed() {
        assert_eq!(Compression::sniff(&[0x1f, 0x8b, 8]), Compression::Gzip);
        assert_eq!(
            Compression::sniff(&[0x28, 0xb5, 0x2f, 0xfd]),
            Compression::Zstd
        );
        assert_eq!(Compression::sniff(b"{\"a\""), Compression::None);
        assert_eq!(
            Compression::from_path(Path::new("x.JSONL.GZ")),
            Compression::Gzip
        );
    }
}
