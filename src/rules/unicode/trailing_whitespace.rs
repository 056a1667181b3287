//! `U006 trailing-whitespace`: spaces or tabs at the end of a line, and
//! blank lines at the end of the text.

use crate::diagnostic::{Applicability, Finding, Suggestion};
use crate::rules::{CheckContext, Family, FixSafety, Rule, RuleMeta};
use crate::text::{Document, Format, Span, TokenKind};

/// Flags trailing whitespace and trailing blank lines.
#[derive(Debug)]
pub struct TrailingWhitespace;

static META: RuleMeta = RuleMeta {
    code: "U006",
    name: "trailing-whitespace",
    family: Family::Unicode,
    summary: "Whitespace at the end of a line, or blank lines at the end of the text",
    explanation: r#"## What it flags
Spaces and tabs before a line break or at the end of the text, and blank
lines after the last line of text. In Markdown, two or more spaces at the
end of a line followed by more text are a hard line break and are left
alone.

## Why it matters
Trailing whitespace is invisible noise: it makes diffs noisy and can change
how Markdown renders.

## Example
```text
The end.␠␠␠⏎⏎⏎   ->   The end.⏎
```

## Fix safety
Safe: nothing visible changes.
"#,
    default_enabled: true,
    fix_safety: FixSafety::Safe,
};

impl Rule for TrailingWhitespace {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, doc: &Document<'_>, _ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = doc.text();
        let tokens = doc.tokens();
        let bytes = text.as_bytes();
        // Trailing blank lines: everything after the last content that is more
        // than one line break.
        let content_end = text.trim_end_matches([' ', '\t', '\r', '\n']).len();
        let tail = &text[content_end..];
        let first_break = tail.find('\n');
        let mut tail_handled_from = text.len();
        if let Some(nl) = first_break {
            let keep_end = content_end + nl + 1;
            let newline = if bytes.get(content_end + nl.saturating_sub(1)) == Some(&b'\r') && nl > 0
            {
                "\r\n"
            } else {
                "\n"
            };
            if keep_end < text.len() && tail[nl + 1..].contains('\n') {
                let span = Span::new(content_end, text.len());
                tail_handled_from = content_end;
                out.push(
                    Finding::new(&META, span, "Blank lines at the end of the text").suggest(
                        Suggestion::replace(span, newline, Applicability::Safe)
                            .because("one final line break is enough"),
                    ),
                );
            }
        }
        for (i, t) in tokens.iter().enumerate() {
            if t.kind != TokenKind::Space || t.span.start >= tail_handled_from {
                continue;
            }
            let s = doc.slice(t.span);
            if !s.bytes().all(|b| b == b' ' || b == b'\t') {
                continue;
            }
            let next = tokens.get(i + 1);
            let at_eol = next.is_none_or(|n| n.kind == TokenKind::Newline);
            if !at_eol {
                continue;
            }
            let line_has_text = i > 0 && tokens[i - 1].kind != TokenKind::Newline;
            if doc.format() == Format::Markdown
                && line_has_text
                && s.len() >= 2
                && !s.contains('\t')
            {
                // A hard line break, when more text follows on the next line.
                let next_line_text = tokens
                    .get(i + 2)
                    .is_some_and(|n| !matches!(n.kind, TokenKind::Newline));
                if next_line_text {
                    continue;
                }
            }
            out.push(
                Finding::new(&META, t.span, "Trailing whitespace").suggest(
                    Suggestion::replace(t.span, "", Applicability::Safe)
                        .because("whitespace before a line break shows nothing"),
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Settings;
    use crate::testing::{assert_fixes_to, assert_silent};
    use crate::text::Format;

    #[test]
    fn removes_trailing_spaces_and_blank_lines() {
        assert_fixes_to("U006", "one  \ntwo\t\nthree \n\n\n", "one\ntwo\nthree\n");
        assert_fixes_to("U006", "end \r\n\r\n", "end\r\n");
        assert_silent("U006", "clean\ntext\n");
        assert_silent("U006", "no final newline");
    }

    #[test]
    fn markdown_hard_breaks_stay() {
        let engine = crate::Engine::new(Settings {
            select: vec!["U006".into()],
            ..Settings::default()
        })
        .unwrap();
        let out = engine
            .fix("line one  \nline two \n", Format::Markdown)
            .unwrap();
        assert_eq!(out.text, "line one  \nline two\n");
    }
}
