//! The prose tokenizer.
//!
//! Splits a text into tokens with byte spans. Everything that is not prose
//! and must never be touched (URLs, e-mail addresses, @handles, template tags,
//! domain and file names, tokens mixing digits and letters such as `Su-57`,
//! and the non-prose regions a markup pre-pass found) becomes a single
//! [`TokenKind::Skip`] token, so rules never see inside it.
//!
//! The tokenizer allocates nothing per token: it pushes into one caller-owned
//! vector and only looks at bytes and chars in place.

use crate::text::span::Span;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Letters, possibly with internal apostrophes (`didn’t`, `Putin’s`).
    Word,
    /// Digits, possibly with internal `.`, `,` or `:` (`3.5`, `1,000`, `10:30`).
    Number,
    /// One punctuation or symbol character.
    Punct,
    /// `“` `‘` `„`: a quote that opens.
    OpenQuote,
    /// `”` `’`: a quote that closes (or an apostrophe).
    CloseQuote,
    /// `"` `'`: a straight quote whose direction is unknown.
    AmbiguousQuote,
    /// A run of horizontal whitespace.
    Space,
    /// One line break (`\n` or `\r\n`).
    Newline,
    /// Text that is not prose and must not be touched.
    Skip,
}

/// A token: its kind and the bytes it covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// What the token is.
    pub kind: TokenKind,
    /// The bytes it covers in the document text.
    pub span: Span,
}

impl Token {
    /// Whether this is a word token.
    #[must_use]
    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }

    /// Whether this token is any kind of quote character.
    #[must_use]
    pub fn is_quote(&self) -> bool {
        matches!(
            self.kind,
            TokenKind::OpenQuote | TokenKind::CloseQuote | TokenKind::AmbiguousQuote
        )
    }
}

/// Top-level domains and file extensions that make `a.b` a name, not prose.
const NAME_SUFFIXES: &[&str] = &[
    "ai", "au", "biz", "c", "ca", "cc", "cfg", "co", "com", "conf", "cpp", "css", "csv", "de",
    "doc", "docx", "edu", "eu", "exe", "fr", "gif", "go", "gov", "gz", "h", "html", "htm", "info",
    "ini", "io", "java", "jpeg", "jpg", "js", "json", "jsonl", "log", "md", "mil", "mp3", "mp4",
    "net", "news", "org", "pdf", "php", "png", "ppt", "py", "rb", "rs", "ru", "sh", "sql", "svg",
    "tar", "toml", "ts", "tsv", "tv", "txt", "ua", "uk", "us", "wav", "xls", "xlsx", "xml", "yaml",
    "yml", "zip", "zst",
];

/// Tokenizes `text` into `out` (cleared first).
///
/// `non_prose` lists byte ranges (sorted, disjoint, on char boundaries) that a
/// markup pre-pass found to be code, HTML or metadata; each becomes one Skip
/// token.
pub fn tokenize(text: &str, non_prose: &[Span], out: &mut Vec<Token>) {
    out.clear();
    // News prose has about 0.38 tokens per byte: reserve that once
    // rather than grow (and copy) the vector midway.
    out.reserve(text.len() * 2 / 5 + 16);
    let bytes = text.as_bytes();
    let mut regions = non_prose.iter().peekable();
    let mut i = 0;
    while i < bytes.len() {
        while regions.peek().is_some_and(|r| r.end <= i) {
            regions.next();
        }
        if let Some(r) = regions.peek() {
            if r.start <= i {
                push(out, TokenKind::Skip, i, r.end);
                i = r.end;
                continue;
            }
        }
        let b = bytes[i];
        // ASCII fast paths first: they are nearly all of news prose.
        match b {
            b' ' | b'\t' | 0x0B | 0x0C => {
                let end = scan_space(text, i);
                push(out, TokenKind::Space, i, end);
                i = end;
                continue;
            }
            b'\n' => {
                push(out, TokenKind::Newline, i, i + 1);
                i += 1;
                continue;
            }
            b'\r' => {
                let end = if bytes.get(i + 1) == Some(&b'\n') {
                    i + 2
                } else {
                    i + 1
                };
                push(out, TokenKind::Newline, i, end);
                i = end;
                continue;
            }
            _ => {}
        }
        if b.is_ascii_alphabetic() && !may_start_url(bytes, i) {
            // The common word: ASCII letters ended by a byte that joins
            // nothing (a space, or punctuation not followed by an
            // alphanumeric). Anything else takes the general path.
            let end = ascii_letters_end(bytes, i + 1);
            if ends_plain_word(bytes, end) {
                push(out, TokenKind::Word, i, end);
                i = end;
                continue;
            }
            i = scan_alnum_run(text, i, out);
            continue;
        }
        if b.is_ascii_alphanumeric() {
            // A word or number, unless a URL starts here.
            if let Some(end) = scan_url(text, i) {
                push(out, TokenKind::Skip, i, end);
                i = end;
            } else {
                i = scan_alnum_run(text, i, out);
            }
            continue;
        }
        if b < 0x80 && !matches!(b, b'{' | b'@' | b'"' | b'\'') {
            // ASCII punctuation (whitespace, letters and digits are
            // handled above): one token; no URL, template or handle
            // starts with it.
            push(out, TokenKind::Punct, i, i + 1);
            i += 1;
            continue;
        }
        if let Some(end) = scan_url(text, i).or_else(|| scan_template(text, i)) {
            push(out, TokenKind::Skip, i, end);
            i = end;
            continue;
        }
        if b == b'@' && (i == 0 || !is_alnum_before(text, i)) {
            let end = scan_handle(bytes, i);
            if end > i + 1 {
                push(out, TokenKind::Skip, i, end);
                i = end;
                continue;
            }
        }
        let c = char_at(text, i);
        if is_alnum(c) {
            i = scan_alnum_run(text, i, out);
            continue;
        }
        let end = i + c.len_utf8();
        let kind = match c {
            '"' | '\'' => TokenKind::AmbiguousQuote,
            '\u{201C}' | '\u{2018}' | '\u{201E}' | '\u{201A}' => TokenKind::OpenQuote,
            '\u{201D}' | '\u{2019}' => TokenKind::CloseQuote,
            '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => {
                TokenKind::Space
            }
            '\u{2028}' | '\u{2029}' | '\u{0085}' => TokenKind::Newline,
            _ => TokenKind::Punct,
        };
        push(out, kind, i, end);
        i = end;
    }
}

/// Whether a URL may start at the ASCII letter at `i`: the first two
/// letters of `http`, `ftp`, `www.` or `mailto:` (see [`scan_url`]).
fn may_start_url(bytes: &[u8], i: usize) -> bool {
    let second = bytes.get(i + 1).map_or(0, |b| b | 0x20);
    matches!(
        (bytes[i] | 0x20, second),
        (b'h' | b'f', b't') | (b'w', b'w') | (b'm', b'a')
    )
}

/// The end of the run of ASCII letters from `i`.
fn ascii_letters_end(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
        i += 1;
    }
    i
}

/// Whether an ASCII-letter run ending at `end` is a whole word by itself:
/// the text ends, or the next byte is ASCII that is no alphanumeric and
/// either no connector or a connector followed by ASCII that is no
/// alphanumeric either (`said. The`, `yes, and`). [`scan_alnum_run`]
/// would end the run there too and push one word.
fn ends_plain_word(bytes: &[u8], end: usize) -> bool {
    let plain = |b: u8| b < 0x80 && !b.is_ascii_alphanumeric();
    match bytes.get(end) {
        None => true,
        Some(&b) if !plain(b) => false,
        Some(b'\'' | b'-' | b'_' | b'@' | b'.' | b',' | b':') => {
            bytes.get(end + 1).is_none_or(|&n| plain(n))
        }
        Some(_) => true,
    }
}

fn push(out: &mut Vec<Token>, kind: TokenKind, start: usize, end: usize) {
    out.push(Token {
        kind,
        span: Span { start, end },
    });
}

/// The char starting at byte `i` (which is on a char boundary).
pub(crate) fn char_at(text: &str, i: usize) -> char {
    text[i..].chars().next().expect("offset is inside the text")
}

/// The char ending at byte `i`, if any.
pub(crate) fn char_before(text: &str, i: usize) -> Option<char> {
    text[..i].chars().next_back()
}

fn is_alnum_before(text: &str, i: usize) -> bool {
    char_before(text, i).is_some_and(is_alnum)
}

/// Letters, digits and combining marks (so `é` written as `e` + U+0301 stays one word).
pub(crate) fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c)
    }
}

fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        c.is_alphabetic() || unicode_normalization::char::is_combining_mark(c)
    }
}

fn scan_space(text: &str, mut i: usize) -> usize {
    let bytes = text.as_bytes();
    while i < bytes.len() && matches!(bytes[i], b' ' | b'\t' | 0x0B | 0x0C) {
        i += 1;
    }
    i
}

fn starts_with_ci(hay: &[u8], needle: &[u8]) -> bool {
    hay.len() >= needle.len() && hay[..needle.len()].eq_ignore_ascii_case(needle)
}

/// A URL starting at `i`: `scheme://…`, `www.…` or `mailto:…`, up to whitespace,
/// without trailing sentence punctuation or an unmatched closing bracket.
fn scan_url(text: &str, i: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let rest = &bytes[i..];
    let first = rest[0].to_ascii_lowercase();
    if !matches!(first, b'h' | b'f' | b'w' | b'm') {
        return None;
    }
    let prefix_len = if starts_with_ci(rest, b"https://") {
        8
    } else if starts_with_ci(rest, b"http://") {
        7
    } else if starts_with_ci(rest, b"ftp://") {
        6
    } else if starts_with_ci(rest, b"www.") {
        4
    } else if starts_with_ci(rest, b"mailto:") {
        7
    } else {
        return None;
    };
    if is_alnum_before(text, i) {
        return None;
    }
    let mut end = i + prefix_len;
    while end < bytes.len() {
        let b = bytes[end];
        if b.is_ascii_whitespace() || matches!(b, b'<' | b'>' | b'"' | b'`') {
            break;
        }
        if b >= 0x80 {
            let c = char_at(text, end);
            if c.is_whitespace() || matches!(c, '\u{201C}' | '\u{201D}' | '\u{2018}' | '\u{2019}') {
                break;
            }
            end += c.len_utf8();
        } else {
            end += 1;
        }
    }
    // Trailing punctuation belongs to the sentence, not the URL; a closing
    // bracket stays only when the URL opened one.
    while end > i + prefix_len {
        let last = bytes[end - 1];
        let url = &bytes[i..end];
        let unmatched_close = |open: u8, close: u8| {
            last == close
                && url.iter().filter(|&&b| b == open).count()
                    < url.iter().filter(|&&b| b == close).count()
        };
        if matches!(
            last,
            b'.' | b',' | b';' | b':' | b'!' | b'?' | b'\'' | b'*' | b'_'
        ) || unmatched_close(b'(', b')')
            || unmatched_close(b'[', b']')
            || unmatched_close(b'{', b'}')
        {
            end -= 1;
        } else {
            break;
        }
    }
    (end > i + prefix_len).then_some(end)
}

/// A template tag `{{ … }}` or `{% … %}` starting at `i`, on one line or several.
fn scan_template(text: &str, i: usize) -> Option<usize> {
    let rest = &text.as_bytes()[i..];
    let close: &[u8] = if rest.starts_with(b"{{") {
        b"}}"
    } else if rest.starts_with(b"{%") {
        b"%}"
    } else {
        return None;
    };
    memchr::memmem::find(&rest[2..], close).map(|at| i + 2 + at + 2)
}

fn scan_handle(bytes: &[u8], i: usize) -> usize {
    let mut end = i + 1;
    while end < bytes.len() && (bytes[end].is_ascii_alphanumeric() || bytes[end] == b'_') {
        end += 1;
    }
    end
}

/// Scans the alphanumeric run starting at `start` and pushes its tokens.
/// Returns the end of the run.
///
/// The run extends over connectors that sit between alphanumerics: `'`/`’`
/// between letters, `-` `_` `@`, `.` before a lowercase letter or digit
/// (domain and file names: `weapons.substack.com`, `README.md`), and `.` `,`
/// `:` between digits. A run that is an e-mail address, a domain or file name,
/// or mixes letters and digits (`Su-57`, `17th`) is one Skip token; otherwise
/// it is split into words, numbers and the connecting punctuation.
fn scan_alnum_run(text: &str, start: usize, out: &mut Vec<Token>) -> usize {
    let bytes = text.as_bytes();
    let mut i = start;
    let mut has_letter = false;
    let mut has_digit = false;
    let mut has_at = false;
    let mut has_dot = false;
    let mut has_underscore = false;
    let mut joined = false;
    loop {
        // Consume alphanumerics: runs of ASCII letters without decoding
        // (nearly all of the text), then digits and other scripts.
        loop {
            let letters_from = i;
            while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                i += 1;
            }
            has_letter |= i > letters_from;
            let Some(&b) = bytes.get(i) else { break };
            if b.is_ascii_digit() {
                has_digit = true;
                i += 1;
            } else if b >= 0x80 {
                let c = char_at(text, i);
                if !is_alnum(c) {
                    break;
                }
                if c.is_numeric() {
                    has_digit = true;
                } else {
                    has_letter = true;
                }
                i += c.len_utf8();
            } else {
                break;
            }
        }
        if i >= bytes.len() {
            break;
        }
        // Most runs end at a space or punctuation that joins nothing.
        if bytes[i] < 0x80 && !matches!(bytes[i], b'\'' | b'-' | b'_' | b'@' | b'.' | b',' | b':') {
            break;
        }
        let c = char_at(text, i);
        let after = i + c.len_utf8();
        let Some(next) = text[after..].chars().next() else {
            break;
        };
        if !is_alnum(next) {
            break;
        }
        let prev = char_before(text, i).unwrap_or('\0');
        let joins = match c {
            '\'' | '\u{2019}' | '\u{02BC}' => is_letter(prev) && is_letter(next),
            '-' | '\u{2010}' | '\u{2011}' => true,
            '_' => {
                has_underscore = true;
                true
            }
            '@' => {
                has_at = true;
                true
            }
            '.' => {
                let join = next.is_lowercase() || next.is_ascii_digit();
                has_dot |= join && !(prev.is_ascii_digit() && next.is_ascii_digit());
                join
            }
            ',' | ':' => prev.is_ascii_digit() && next.is_ascii_digit(),
            _ => false,
        };
        if !joins {
            break;
        }
        joined = true;
        i = after;
    }
    let end = i;
    if !joined {
        // One plain word or number (nearly every run): nothing to split.
        let kind = match (has_letter, has_digit) {
            (true, true) => TokenKind::Skip,
            (false, true) => TokenKind::Number,
            _ => TokenKind::Word,
        };
        push(out, kind, start, end);
        return end;
    }
    let run = &text[start..end];
    let is_name = has_at && has_dot
        || has_underscore
        || (has_dot && !has_digit && looks_like_domain_or_file(run));
    if is_name || (has_letter && has_digit) {
        push(out, TokenKind::Skip, start, end);
        return end;
    }
    split_run(text, start, end, out);
    end
}

fn looks_like_domain_or_file(run: &str) -> bool {
    let mut parts = run.rsplit('.');
    let suffix = parts.next().unwrap_or("");
    // The part before the suffix must be a real name: `e.g` and `a.m` are
    // abbreviations, `main.c` and `example.com` are names.
    let stem = parts.next().unwrap_or("");
    stem.chars().count() >= 2 && NAME_SUFFIXES.contains(&suffix)
}

/// Splits a plain run (letters or digits with connectors) into words,
/// numbers and one-char punctuation tokens.
fn split_run(text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    let mut i = start;
    while i < end {
        let c = char_at(text, i);
        if is_alnum(c) {
            let numeric = c.is_ascii_digit() || (!c.is_ascii() && c.is_numeric());
            let mut j = i;
            while j < end {
                let d = char_at(text, j);
                let dl = d.len_utf8();
                if is_alnum(d) {
                    j += dl;
                    continue;
                }
                let next = text[j + dl..end].chars().next();
                let keep = match d {
                    '\'' | '\u{2019}' | '\u{02BC}' => !numeric && next.is_some_and(is_letter),
                    '.' | ',' | ':' => numeric && next.is_some_and(|n| n.is_ascii_digit()),
                    _ => false,
                };
                if !keep {
                    break;
                }
                j += dl;
            }
            let kind = if numeric {
                TokenKind::Number
            } else {
                TokenKind::Word
            };
            push(out, kind, i, j);
            i = j;
        } else {
            let e = i + c.len_utf8();
            push(out, TokenKind::Punct, i, e);
            i = e;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<(TokenKind, &str)> {
        let mut out = Vec::new();
        tokenize(text, &[], &mut out);
        out.iter().map(|t| (t.kind, t.span.slice(text))).collect()
    }

    fn words(text: &str) -> Vec<&str> {
        toks(text)
            .into_iter()
            .filter(|(k, _)| *k == TokenKind::Word)
            .map(|(_, s)| s)
            .collect()
    }

    fn skips(text: &str) -> Vec<&str> {
        toks(text)
            .into_iter()
            .filter(|(k, _)| *k == TokenKind::Skip)
            .map(|(_, s)| s)
            .collect()
    }

    /// The fast paths for plain words and ASCII punctuation end where
    /// the general scan would: at a connector only when no alphanumeric
    /// follows, and never inside a URL.
    #[test]
    fn fast_paths_end_where_the_general_scan_does() {
        use TokenKind::{Punct, Skip, Space, Word};
        assert_eq!(
            toks("said.The end."),
            [
                (Word, "said"),
                (Punct, "."),
                (Word, "The"),
                (Space, " "),
                (Word, "end"),
                (Punct, ".")
            ]
        );
        assert_eq!(
            toks("yes,and no, then"),
            [
                (Word, "yes"),
                (Punct, ","),
                (Word, "and"),
                (Space, " "),
                (Word, "no"),
                (Punct, ","),
                (Space, " "),
                (Word, "then")
            ]
        );
        assert_eq!(
            toks("HTTP://a.b/c. www.x.org with maybe"),
            [
                (Skip, "HTTP://a.b/c"),
                (Punct, "."),
                (Space, " "),
                (Skip, "www.x.org"),
                (Space, " "),
                (Word, "with"),
                (Space, " "),
                (Word, "maybe")
            ]
        );
        assert_eq!(skips("mailto:x@y.z ok x_y"), ["mailto:x@y.z", "x_y"]);
        assert_eq!(
            words("Ha’s well-known e.g"),
            ["Ha’s", "well", "known", "e", "g"]
        );
    }

    #[test]
    fn spans_cover_the_text_exactly() {
        let text = "Putin’s “peace,” he said — at 10:30 on 1,000 drones.Russia";
        let mut out = Vec::new();
        tokenize(text, &[], &mut out);
        let mut pos = 0;
        for t in &out {
            assert_eq!(t.span.start, pos);
            pos = t.span.end;
        }
        assert_eq!(pos, text.len());
    }

    #[test]
    fn apostrophes_straight_and_curly_stay_inside_words() {
        assert_eq!(
            words("Putin’s didn't rock 'n' roll friends’ gained’t"),
            [
                "Putin’s",
                "didn't",
                "rock",
                "n",
                "roll",
                "friends",
                "gained’t"
            ]
        );
    }

    #[test]
    fn urls_emails_handles_and_templates_are_skipped() {
        let cases = [
            (
                "see https://www.youtube.com/watch?v=GNSS9NUZXh8&x=1. Next",
                "https://www.youtube.com/watch?v=GNSS9NUZXh8&x=1",
            ),
            ("(www.example.com/a_(b)) ok", "www.example.com/a_(b)"),
            ("mail jane.doe@example.org today", "jane.doe@example.org"),
            ("ping @copy_edit now", "@copy_edit"),
            ("Hello {{ user.name }} there", "{{ user.name }}"),
            ("{% if x %}yes", "{% if x %}"),
            ("open config.toml and README.md", "config.toml"),
            ("on weapons.substack.com today", "weapons.substack.com"),
        ];
        for (text, skipped) in cases {
            assert!(skips(text).contains(&skipped), "{text:?}: {:?}", toks(text));
        }
    }

    #[test]
    fn letters_mixed_with_digits_are_skipped() {
        assert_eq!(
            skips("the Su-57 and F-35, the 17th package, COVID-19"),
            ["Su-57", "F-35", "17th", "COVID-19"]
        );
    }

    #[test]
    fn numbers_keep_their_separators() {
        let t = toks("3.5 and 1,000 at 10:30.");
        assert!(t.contains(&(TokenKind::Number, "3.5")));
        assert!(t.contains(&(TokenKind::Number, "1,000")));
        assert!(t.contains(&(TokenKind::Number, "10:30")));
        assert_eq!(t.last(), Some(&(TokenKind::Punct, ".")));
    }

    #[test]
    fn missing_space_after_sentence_is_not_joined() {
        assert_eq!(
            words("exports.This Ukraine,resulting"),
            ["exports", "This", "Ukraine", "resulting"]
        );
    }

    #[test]
    fn abbreviations_split_into_letters() {
        assert_eq!(
            words("the U.S. and e.g. this"),
            ["the", "U", "S", "and", "e", "g", "this"]
        );
    }

    #[test]
    fn hyphens_split_compounds() {
        assert_eq!(
            toks("long-time"),
            [
                (TokenKind::Word, "long"),
                (TokenKind::Punct, "-"),
                (TokenKind::Word, "time")
            ]
        );
    }

    #[test]
    fn accents_and_combining_marks_stay_in_words() {
        assert_eq!(
            words("Erdoğan café cafe\u{301} naïve"),
            ["Erdoğan", "café", "cafe\u{301}", "naïve"]
        );
    }

    #[test]
    fn quotes_are_classified() {
        let t = toks("“a” ‘b’ \"c\"");
        assert_eq!(t[0].0, TokenKind::OpenQuote);
        assert_eq!(t[2].0, TokenKind::CloseQuote);
        assert_eq!(t[4].0, TokenKind::OpenQuote);
        assert_eq!(t[6].0, TokenKind::CloseQuote);
        assert_eq!(t[8].0, TokenKind::AmbiguousQuote);
    }

    #[test]
    fn crlf_is_one_newline() {
        assert_eq!(toks("a\r\nb")[1], (TokenKind::Newline, "\r\n"));
    }

    #[test]
    fn non_prose_regions_become_one_skip() {
        let text = "see `teh code` here";
        let mut out = Vec::new();
        tokenize(text, &[Span::new(4, 14)], &mut out);
        let kinds: Vec<_> = out.iter().map(|t| (t.kind, t.span.slice(text))).collect();
        assert!(kinds.contains(&(TokenKind::Skip, "`teh code`")));
        assert!(!kinds.contains(&(TokenKind::Word, "teh")));
    }
}
