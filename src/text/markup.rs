//! Markup awareness: which parts of a Markdown or HTML file are not prose.
//!
//! In Markdown, code blocks, inline code, HTML, link targets, reference
//! definitions, escapes, entities and front matter are markup. In HTML, tags,
//! comments, entities and the contents of `script`, `style`, `pre`, `code`
//! and `textarea` are. This module finds those byte ranges once per document;
//! the tokenizer turns each into a Skip token so no rule ever flags them.

use std::path::Path;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::text::span::Span;

/// The kind of file a text came from, which decides what counts as prose.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    /// Everything is prose (URLs and such are still skipped by the tokenizer).
    #[default]
    Plain,
    /// CommonMark with front matter, tables and footnotes.
    Markdown,
    /// HTML: text between tags is prose.
    Html,
}

impl Format {
    /// Guesses the format from a file name's extension.
    #[must_use]
    pub fn from_path(path: &Path) -> Self {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("md" | "markdown" | "mdown" | "mkd" | "mdx") => Format::Markdown,
            Some("html" | "htm" | "xhtml") => Format::Html,
            _ => Format::Plain,
        }
    }
}

/// The sorted, disjoint byte ranges of `text` that are markup, not prose.
#[must_use]
pub fn non_prose_regions(text: &str, format: Format) -> Vec<Span> {
    match format {
        Format::Plain => Vec::new(),
        Format::Markdown => markdown_regions(text),
        Format::Html => html_regions(text),
    }
}

fn markdown_regions(text: &str) -> Vec<Span> {
    let options = Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
        | Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH;
    // Collect the prose ranges: text events outside code, HTML and metadata
    // whose source bytes are the text itself (not an escape or an entity).
    let mut prose: Vec<Span> = Vec::new();
    let mut opaque_depth = 0usize;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_) | Tag::MetadataBlock(_) | Tag::HtmlBlock) => {
                opaque_depth += 1;
            }
            Event::End(TagEnd::CodeBlock | TagEnd::MetadataBlock(_) | TagEnd::HtmlBlock) => {
                opaque_depth = opaque_depth.saturating_sub(1);
            }
            Event::Text(t) if opaque_depth == 0 && text.get(range.clone()) == Some(&*t) => {
                prose.push(Span::new(range.start, range.end));
            }
            Event::SoftBreak | Event::HardBreak if opaque_depth == 0 => {
                prose.push(Span::new(range.start, range.end));
            }
            _ => {}
        }
    }
    prose.sort_unstable();
    // Everything else is markup, except whitespace: line breaks and spaces
    // stay visible to the tokenizer so paragraph structure is kept.
    let mut regions = Vec::new();
    let mut pos = 0;
    for p in prose {
        if p.start > pos {
            push_non_blank_runs(text, pos, p.start, &mut regions);
        }
        pos = pos.max(p.end);
    }
    if pos < text.len() {
        push_non_blank_runs(text, pos, text.len(), &mut regions);
    }
    regions
}

fn push_non_blank_runs(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let mut run_start: Option<usize> = None;
    for (off, c) in text[start..end].char_indices() {
        let at = start + off;
        if c.is_whitespace() {
            if let Some(s) = run_start.take() {
                out.push(Span::new(s, at));
            }
        } else if run_start.is_none() {
            run_start = Some(at);
        }
    }
    if let Some(s) = run_start {
        out.push(Span::new(s, end));
    }
}

/// Elements whose content is never prose.
const OPAQUE_ELEMENTS: &[&str] = &["script", "style", "pre", "code", "textarea", "kbd", "samp"];

fn html_regions(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut regions = Vec::new();
    let mut i = 0;
    while let Some(at) = memchr::memchr2(b'<', b'&', &bytes[i..]) {
        let start = i + at;
        if bytes[start] == b'&' {
            i = match entity_end(bytes, start) {
                Some(end) => {
                    regions.push(Span::new(start, end));
                    end
                }
                None => start + 1,
            };
            continue;
        }
        let Some(end) = tag_end(bytes, start) else {
            i = start + 1;
            continue;
        };
        let mut region_end = end;
        if let Some(name) = opening_tag_name(&text[start..end]) {
            if OPAQUE_ELEMENTS.iter().any(|e| e.eq_ignore_ascii_case(name)) {
                // Skip to the matching close tag (or the end of the text).
                let close = format!("</{}", name.to_ascii_lowercase());
                let lower_rest = text[end..].to_ascii_lowercase();
                region_end = lower_rest
                    .find(&close)
                    .and_then(|c| tag_end(bytes, end + c))
                    .unwrap_or(text.len());
            }
        }
        regions.push(Span::new(start, region_end));
        i = region_end;
    }
    regions
}

/// End of a tag or comment starting at `<`, if it is one.
fn tag_end(bytes: &[u8], start: usize) -> Option<usize> {
    let rest = &bytes[start..];
    if rest.starts_with(b"<!--") {
        return Some(memchr::memmem::find(rest, b"-->").map_or(bytes.len(), |e| start + e + 3));
    }
    let next = *rest.get(1)?;
    if !(next.is_ascii_alphabetic() || next == b'/' || next == b'!' || next == b'?') {
        return None;
    }
    memchr::memchr(b'>', rest).map(|e| start + e + 1)
}

fn opening_tag_name(tag: &str) -> Option<&str> {
    let inner = tag.strip_prefix('<')?;
    if inner.starts_with('/') || inner.ends_with("/>") {
        return None;
    }
    let end = inner
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(inner.len());
    (end > 0).then(|| &inner[..end])
}

/// End of an entity such as `&amp;`, `&#8217;` or `&#x2019;` starting at `&`.
pub(crate) fn entity_end(bytes: &[u8], start: usize) -> Option<usize> {
    let rest = &bytes[start + 1..];
    let body_len = rest.iter().take(32).position(|&b| b == b';')?;
    let body = &rest[..body_len];
    let ok = match body {
        [b'#', b'x' | b'X', hex @ ..] => !hex.is_empty() && hex.iter().all(u8::is_ascii_hexdigit),
        [b'#', dec @ ..] => !dec.is_empty() && dec.iter().all(u8::is_ascii_digit),
        name => !name.is_empty() && name.iter().all(u8::is_ascii_alphanumeric),
    };
    ok.then_some(start + 1 + body_len + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn markup(text: &str, format: Format) -> Vec<&str> {
        non_prose_regions(text, format)
            .into_iter()
            .map(|s| s.slice(text))
            .collect()
    }

    #[test]
    fn markdown_code_links_html_and_front_matter_are_markup() {
        let text = "---\ntitle: teh\n---\n\nSee `teh` and [teh link](http://x.org/teh) <b>teh</b>.\n\n```\nteh code\n```\n";
        let regions = markup(text, Format::Markdown);
        assert!(regions.contains(&"title:"), "{regions:?}");
        assert!(regions.contains(&"`teh`"), "{regions:?}");
        assert!(
            regions.iter().any(|r| r.contains("http://x.org/teh")),
            "{regions:?}"
        );
        assert!(regions.contains(&"<b>"), "{regions:?}");
        assert!(regions.contains(&"code"), "{regions:?}");
        // The link text is prose.
        assert!(!regions.iter().any(|r| r.contains("teh link")));
    }

    #[test]
    fn markdown_entities_are_markup() {
        let regions = markup("Tom &amp; Jerry", Format::Markdown);
        assert_eq!(regions, ["&amp;"]);
    }

    #[test]
    fn html_tags_entities_and_code_are_markup() {
        let text = "<p class=\"teh\">Words &amp; more</p><pre>teh</pre><script>x<y</script> end";
        let regions = markup(text, Format::Html);
        assert_eq!(
            regions,
            [
                "<p class=\"teh\">",
                "&amp;",
                "</p>",
                "<pre>teh</pre>",
                "<script>x<y</script>"
            ]
        );
    }

    #[test]
    fn format_from_extension() {
        assert_eq!(Format::from_path(Path::new("a/b.MD")), Format::Markdown);
        assert_eq!(Format::from_path(Path::new("x.html")), Format::Html);
        assert_eq!(Format::from_path(Path::new("x.txt")), Format::Plain);
    }
}
