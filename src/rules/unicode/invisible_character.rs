//! `U003 invisible-character`: zero-width characters, soft hyphens, word
//! joiners, direction marks in left-to-right text, a byte order mark inside
//! the text, and stray control characters.

use crate::diagnostic::{Applicability, Finding, Suggestion};
use crate::rules::unicode::{char_name, in_skip};
use crate::rules::{CheckContext, Family, FixSafety, Rule, RuleMeta};
use crate::text::{Document, Span};

/// Flags invisible characters that split or hide text.
#[derive(Debug)]
pub struct InvisibleCharacter;

static META: RuleMeta = RuleMeta {
    code: "U003",
    name: "invisible-character",
    family: Family::Unicode,
    summary: "An invisible character (zero-width, soft hyphen, stray BOM or control) in text",
    explanation: r#"## What it flags
Characters that show nothing but change how text behaves: zero-width space,
word joiner, soft hyphen, a byte order mark after the start of the text, a
zero-width (non-)joiner or a direction mark between Latin letters, and C0
or C1 control characters other than tab and line breaks. A byte order mark
at the very start is the file's own and is left alone; joiners and direction
marks in scripts that need them (Arabic, Persian, Indic, emoji) are not
flagged.

## Why it matters
They break search (`confi<U+200B>dent` (with a zero-width space) does not match `confident`), spelling checks
and word counts, and they survive copy and paste invisibly.

## Example
```text
equally confi\u200bdent   ->   equally confident
```

## Fix safety
Removing them is safe. A control character standing alone between spaces
may be intentional: it is reported without a fix.
"#,
    default_enabled: true,
    fix_safety: FixSafety::Sometimes,
};

/// Whether `c` belongs to a script that never needs joiners or direction
/// marks (Latin, digits, ASCII punctuation) or is absent.
fn is_plain_neighbour(c: Option<char>) -> bool {
    c.is_none_or(|c| {
        (c as u32) < 0x250 || c.is_whitespace() || matches!(c, '\u{2010}'..='\u{206F}')
    })
}

impl Rule for InvisibleCharacter {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, doc: &Document<'_>, _ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = doc.text();
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            let candidate = match b {
                b'\t' | b'\n' | b'\r' | 0x0C => false,
                0x00..=0x1F | 0x7F => true,
                0xC2 => matches!(bytes.get(i + 1), Some(0x80..=0x9F | 0xAD)),
                0xE2 => matches!(bytes.get(i + 1), Some(0x80 | 0x81)),
                0xEF => bytes.get(i + 1) == Some(&0xBB) && bytes.get(i + 2) == Some(&0xBF),
                _ => false,
            };
            if !candidate {
                i += 1;
                continue;
            }
            let c = text[i..].chars().next().expect("char boundary");
            let span = Span::new(i, i + c.len_utf8());
            i = span.end;
            let before = text[..span.start].chars().next_back();
            let after = text[span.end..].chars().next();
            let remove_safe = match c {
                '\u{AD}' | '\u{200B}' | '\u{2060}' => true,
                '\u{FEFF}' if span.start == 0 => continue,
                '\u{FEFF}' => true,
                '\u{200C}'
                | '\u{200D}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}' => {
                    if !(is_plain_neighbour(before) && is_plain_neighbour(after)) {
                        continue;
                    }
                    true
                }
                '\u{80}'..='\u{9F}' => {
                    // Mojibake (U001) owns C1 controls that sit in non-ASCII text
                    // or stand for Windows-1252 punctuation.
                    let mapped = super::codepages::CP1252[c as usize - 0x80];
                    if mapped != c || !before.is_none_or(|p| p.is_ascii()) {
                        continue;
                    }
                    false
                }
                '\0'..='\u{1F}' | '\u{7F}' => {
                    before.is_some_and(char::is_alphanumeric)
                        && after.is_some_and(char::is_alphanumeric)
                }
                _ => continue,
            };
            if (c as u32) >= 0x80 && in_skip(doc, span.start) {
                continue;
            }
            let name = char_name(c);
            let message = format!("Invisible {name} (U+{:04X}) in text", c as u32);
            let mut finding = Finding::new(&META, span, message);
            let applicability = if remove_safe {
                Applicability::Safe
            } else {
                Applicability::DisplayOnly
            };
            finding = finding.suggest(
                Suggestion::replace(span, "", applicability)
                    .because(format!("{name} shows nothing")),
            );
            out.push(finding);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{assert_fixes_to, assert_silent};

    #[test]
    fn removes_invisible_characters() {
        assert_fixes_to("U003", "confi\u{200B}dent", "confident");
        assert_fixes_to(
            "U003",
            "nai\u{AD}vete and sub\u{2060}sequently",
            "naivete and subsequently",
        );
        assert_fixes_to("U003", "long enough\u{FEFF} to", "long enough to");
        assert_fixes_to(
            "U003",
            "never \u{200E}see, recoll\u{200C}ect",
            "never see, recollect",
        );
        assert_fixes_to("U003", "con\u{1}trol", "control");
    }

    #[test]
    fn leaves_needed_and_leading_marks() {
        assert_silent("U003", "\u{FEFF}Text with its BOM");
        assert_silent("U003", "می\u{200C}خواهم");
        assert_silent("U003", "👨\u{200D}👩\u{200D}👧");
        assert_silent("U003", "tab\tand\nlines\r\n");
        assert_fixes_to("U003", "a \u{1A} b", "a \u{1A} b");
    }
}
