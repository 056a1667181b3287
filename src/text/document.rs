//! The [`Document`]: a text that is never modified, its tokens and line index.

use crate::text::markup::{self, Format};
use crate::text::span::{LineCol, LineIndex, Span};
use crate::text::tokenize::{tokenize, Token, TokenKind};

/// A text prepared for checking: tokens and a line index over the original
/// bytes. Rules read it; nothing writes to it.
#[derive(Debug)]
pub struct Document<'s> {
    text: &'s str,
    format: Format,
    lines: LineIndex,
    tokens: Vec<Token>,
}

impl<'s> Document<'s> {
    /// Tokenizes `text` as `format`.
    ///
    /// # Example
    /// ```
    /// use copyedit::text::{Document, Format, TokenKind};
    /// let doc = Document::new("See `teh` here.", Format::Markdown);
    /// let words: Vec<&str> = doc.words().map(|(_, t)| doc.slice(t.span)).collect();
    /// assert_eq!(words, ["See", "here"]);
    /// ```
    #[must_use]
    pub fn new(text: &'s str, format: Format) -> Self {
        let regions = markup::non_prose_regions(text, format);
        let mut tokens = Vec::new();
        tokenize(text, &regions, &mut tokens);
        Self {
            text,
            format,
            lines: LineIndex::new(text),
            tokens,
        }
    }

    /// The text, exactly as read.
    #[must_use]
    pub fn text(&self) -> &'s str {
        self.text
    }

    /// The format the text was tokenized as.
    #[must_use]
    pub fn format(&self) -> Format {
        self.format
    }

    /// All tokens in order; their spans tile the text.
    #[must_use]
    pub fn tokens(&self) -> &[Token] {
        &self.tokens
    }

    /// The line index.
    #[must_use]
    pub fn lines(&self) -> &LineIndex {
        &self.lines
    }

    /// The text of a span.
    #[must_use]
    pub fn slice(&self, span: Span) -> &'s str {
        &self.text[span.start..span.end]
    }

    /// The text of the token at `index`.
    #[must_use]
    pub fn token_text(&self, index: usize) -> &'s str {
        self.slice(self.tokens[index].span)
    }

    /// Line and column of a byte offset.
    #[must_use]
    pub fn line_col(&self, byte_offset: usize) -> LineCol {
        self.lines.line_col(self.text, byte_offset)
    }

    /// Word tokens with their index in [`Document::tokens`].
    pub fn words(&self) -> impl Iterator<Item = (usize, &Token)> + '_ {
        self.tokens.iter().enumerate().filter(|(_, t)| t.is_word())
    }

    /// Number of word tokens.
    #[must_use]
    pub fn word_count(&self) -> usize {
        self.tokens.iter().filter(|t| t.is_word()).count()
    }

    /// Index of the nearest token before `index` that is not a space.
    #[must_use]
    pub fn prev_non_space(&self, index: usize) -> Option<usize> {
        (0..index)
            .rev()
            .find(|&i| self.tokens[i].kind != TokenKind::Space)
    }

    /// Index of the nearest token after `index` that is not a space.
    #[must_use]
    pub fn next_non_space(&self, index: usize) -> Option<usize> {
        (index + 1..self.tokens.len()).find(|&i| self.tokens[i].kind != TokenKind::Space)
    }

    /// Index of the previous word token, stopping at a line break.
    #[must_use]
    pub fn prev_word_in_line(&self, index: usize) -> Option<usize> {
        for i in (0..index).rev() {
            match self.tokens[i].kind {
                TokenKind::Word => return Some(i),
                TokenKind::Newline | TokenKind::Skip => return None,
                _ => {}
            }
        }
        None
    }

    /// Index of the next word token, stopping at a line break.
    #[must_use]
    pub fn next_word_in_line(&self, index: usize) -> Option<usize> {
        for i in index + 1..self.tokens.len() {
            match self.tokens[i].kind {
                TokenKind::Word => return Some(i),
                TokenKind::Newline | TokenKind::Skip => return None,
                _ => {}
            }
        }
        None
    }

    /// Index ranges of paragraphs: runs of tokens between blank lines
    /// (two or more line breaks with only spaces between them).
    #[must_use]
    pub fn paragraphs(&self) -> Vec<std::ops::Range<usize>> {
        let mut out = Vec::new();
        let mut start = 0;
        let mut newlines = 0;
        let mut last_content = None;
        for (i, t) in self.tokens.iter().enumerate() {
            match t.kind {
                TokenKind::Newline => newlines += 1,
                TokenKind::Space => {}
                _ => {
                    if newlines >= 2 {
                        if let Some(end) = last_content {
                            out.push(start..end + 1);
                        }
                        start = i;
                    }
                    newlines = 0;
                    last_content = Some(i);
                }
            }
        }
        if let Some(end) = last_content {
            if start <= end {
                out.push(start..end + 1);
            }
        }
        out
    }

    /// Whether the token at `index` starts a sentence: it is the first
    /// non-space token of the text or of a line after a blank line or a
    /// heading-like line, or it follows `.`, `!` or `?` (possibly with a
    /// closing quote or bracket between).
    #[must_use]
    pub fn starts_sentence(&self, index: usize) -> bool {
        let mut i = index;
        let mut saw_space = false;
        while i > 0 {
            i -= 1;
            let t = self.tokens[i];
            match t.kind {
                TokenKind::Space => saw_space = true,
                TokenKind::Newline => return true,
                TokenKind::CloseQuote | TokenKind::AmbiguousQuote => {}
                TokenKind::OpenQuote => {}
                TokenKind::Punct => {
                    let s = self.slice(t.span);
                    match s {
                        ")" | "]" => {}
                        "." | "!" | "?" | "…" => return saw_space,
                        _ => return false,
                    }
                }
                _ => return false,
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_split_on_blank_lines() {
        let doc = Document::new("One two.\nThree.\n\n  Four.\r\n\r\nFive", Format::Plain);
        let paras: Vec<String> = doc
            .paragraphs()
            .into_iter()
            .map(|r| {
                let s = doc.tokens()[r.start].span.start;
                let e = doc.tokens()[r.end - 1].span.end;
                doc.text()[s..e].to_string()
            })
            .collect();
        assert_eq!(paras, ["One two.\nThree.", "Four.", "Five"]);
    }

    #[test]
    fn sentence_starts() {
        let doc = Document::new("the cat. the dog” he said.\nnew", Format::Plain);
        let starts: Vec<&str> = doc
            .words()
            .filter(|(i, _)| doc.starts_sentence(*i))
            .map(|(_, t)| doc.slice(t.span))
            .collect();
        assert_eq!(starts, ["the", "the", "new"]);
    }
}
