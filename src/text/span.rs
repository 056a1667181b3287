//! Byte spans and the line index.
//!
//! Every offset in copyedit is a UTF-8 byte offset into the text exactly as it
//! was read (BOM and CRLF included). Line and column numbers are derived from
//! offsets only when something is rendered, through a [`LineIndex`] built once
//! per document.

use serde::Serialize;

/// A half-open byte range `start..end` into a document's text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    /// First byte of the range.
    pub start: usize,
    /// One past the last byte of the range.
    pub end: usize,
}

impl Span {
    /// Creates a span.
    ///
    /// # Panics
    /// Panics if `start > end`: a span never runs backwards.
    #[must_use]
    pub fn new(start: usize, end: usize) -> Self {
        assert!(start <= end, "span start {start} is after its end {end}");
        Self { start, end }
    }

    /// An empty span at `offset` (an insertion point).
    #[must_use]
    pub fn empty(offset: usize) -> Self {
        Self::new(offset, offset)
    }

    /// Number of bytes covered.
    #[must_use]
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no byte.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// Whether the two spans share at least one byte, or an empty span sits
    /// strictly inside the other.
    #[must_use]
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// Whether `other` lies entirely within `self`.
    #[must_use]
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The text this span covers.
    ///
    /// # Panics
    /// Panics if the span is out of bounds or not on char boundaries.
    #[must_use]
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

impl From<std::ops::Range<usize>> for Span {
    fn from(r: std::ops::Range<usize>) -> Self {
        Span::new(r.start, r.end)
    }
}

/// A 1-based line and a 1-based column counted in Unicode scalar values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineCol {
    /// Line number, from 1.
    pub line: usize,
    /// Column in chars (Unicode scalar values), from 1.
    pub column: usize,
}

/// Byte offsets of the start of every line, for offset → line/column lookups.
#[derive(Clone, Debug, Default)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    /// Char counts from the start of the text at every [`CHECKPOINT`]
    /// bytes (rounded to a char boundary), built on the first column lookup
    /// in a long line, so columns in a megabyte-long line cost no more than
    /// in a short one.
    checkpoints: std::sync::OnceLock<Vec<(usize, usize)>>,
}

/// Bytes between two char-count checkpoints of a [`LineIndex`].
const CHECKPOINT: usize = 4096;

/// Chars in `s`, counted as the bytes that do not continue a UTF-8 sequence.
fn count_chars(s: &str) -> usize {
    s.bytes().filter(|&b| (b as i8) >= -0x40).count()
}

impl LineIndex {
    /// Indexes the line starts of `text`. A line ends after `\n`; a `\r\n`
    /// pair therefore belongs to the line it ends.
    #[must_use]
    pub fn new(text: &str) -> Self {
        let mut line_starts = Vec::with_capacity(text.len() / 64 + 1);
        line_starts.push(0);
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        Self {
            line_starts,
            checkpoints: std::sync::OnceLock::new(),
        }
    }

    /// Chars of `text` before `offset`, using the checkpoints.
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let points = self.checkpoints.get_or_init(|| {
            let mut points = vec![(0, 0)];
            let (mut at, mut chars) = (0, 0);
            while at + CHECKPOINT < text.len() {
                let mut next = at + CHECKPOINT;
                while !text.is_char_boundary(next) {
                    next -= 1;
                }
                chars += count_chars(&text[at..next]);
                at = next;
                points.push((at, chars));
            }
            points
        });
        let i = match points.binary_search_by_key(&offset, |p| p.0) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let (at, chars) = points[i];
        chars + count_chars(&text[at..offset])
    }

    /// Number of lines (a text without newline has one line).
    #[must_use]
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The 0-based line that contains `byte_offset`.
    #[must_use]
    pub fn line_of(&self, byte_offset: usize) -> usize {
        match self.line_starts.binary_search(&byte_offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// The byte span of 0-based line `line`, without its line terminator.
    #[must_use]
    pub fn line_span(&self, text: &str, line: usize) -> Span {
        let start = self.line_starts[line];
        let mut end = self
            .line_starts
            .get(line + 1)
            .map_or(text.len(), |next| next - 1);
        // A `\r` before the line's `\n` (or ending the text) is part of the terminator.
        if end > start && text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        Span::new(start, end.max(start))
    }

    /// Line and column of `byte_offset` (which must be on a char boundary).
    #[must_use]
    pub fn line_col(&self, text: &str, byte_offset: usize) -> LineCol {
        let line = self.line_of(byte_offset);
        let start = self.line_starts[line];
        let column = if byte_offset - start <= CHECKPOINT {
            count_chars(&text[start..byte_offset]) + 1
        } else {
            self.chars_before(text, byte_offset) - self.chars_before(text, start) + 1
        };
        LineCol {
            line: line + 1,
            column,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_chars_not_bytes() {
        let text = "ab\nçé x\r\nlast";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 3);
        assert_eq!(idx.line_col(text, 0), LineCol { line: 1, column: 1 });
        let x = text.find('x').unwrap();
        assert_eq!(idx.line_col(text, x), LineCol { line: 2, column: 4 });
        let last = text.find("last").unwrap();
        assert_eq!(idx.line_col(text, last), LineCol { line: 3, column: 1 });
    }

    #[test]
    fn line_col_in_a_very_long_line_matches_a_plain_count() {
        // Regression: columns were counted from the line start for every
        // lookup, quadratic over the findings of a 10 MB one-line file.
        let text = "é€ a😀b ".repeat(5000) + "\nnext " + &"x€".repeat(3000);
        let idx = LineIndex::new(&text);
        let mut offsets: Vec<usize> = text.char_indices().map(|(i, _)| i).step_by(997).collect();
        offsets.push(text.len());
        for off in offsets {
            let line = idx.line_of(off);
            let start = idx.line_starts[line];
            let want = text[start..off].chars().count() + 1;
            assert_eq!(idx.line_col(&text, off).column, want, "offset {off}");
        }
    }

    #[test]
    fn line_span_excludes_terminators() {
        let text = "one\r\ntwo\nthree";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_span(text, 0).slice(text), "one");
        assert_eq!(idx.line_span(text, 1).slice(text), "two");
        assert_eq!(idx.line_span(text, 2).slice(text), "three");
    }

    #[test]
    #[should_panic(expected = "is after its end")]
    fn backwards_span_panics() {
        let _ = Span::new(3, 2);
    }

    #[test]
    fn overlap_and_containment() {
        let a = Span::new(2, 5);
        assert!(a.overlaps(Span::new(4, 9)));
        assert!(!a.overlaps(Span::new(5, 9)));
        assert!(a.contains(Span::new(3, 5)));
        assert!(!a.contains(Span::new(1, 3)));
    }
}
