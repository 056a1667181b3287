//! `U003 invisible-character`: zero-width characters, soft hyphens, word
//! joiners, direction marks in left-to-right text, a byte order mark inside
//! the text, and stray control characters.

use crate::config::LeadingBom;
use crate::diagnostic::{Applicability, Edit, Finding, Fix, Suggestion};
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
zero-width (non-)joiner, a direction mark or an invisible math operator
(U+2061..2064) between Latin letters, and C0
or C1 control characters other than tab and line breaks. Joiners and
direction marks in scripts that need them (Arabic, Persian, Indic, emoji)
are not flagged.

A byte order mark at the very start depends on where the text came from. In
a file it is the file's encoding signature and is left alone. On standard
input it is reported: the stream has no file of its own, but it may be a
redirected file whose reader wants the mark. In a string field of a JSON
record (`copyedit dump`) it is junk: a JSON string never carries an
encoding signature.

## Why it matters
They break search (`confi` + U+200B + `dent` does not match `confident`), spelling checks
and word counts, and they survive copy and paste invisibly.

## Example
```text
equally confi\u200bdent   ->   equally confident
```

## Fix safety
Removing them is safe. A control character standing alone between spaces
may be intentional: it is reported without a fix. Removing a byte order mark
at the start of standard input is unsafe (the output may be written to a
file that should keep it); at the start of a JSON field it is safe.
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

/// Bytes that can start an invisible character: C0 controls (but tab, line
/// feed, form feed, carriage return), DEL, and the lead bytes of U+0080..9F
/// and U+00AD (C2), U+2000.. (E2) and U+FEFF (EF).
static CANDIDATE_BYTE: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = !matches!(b, 0x09 | 0x0A | 0x0C | 0x0D);
        b += 1;
    }
    t[0x7F] = true;
    t[0xC2] = true;
    t[0xE2] = true;
    t[0xEF] = true;
    t
};

impl Rule for InvisibleCharacter {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, doc: &Document<'_>, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = doc.text();
        let mut group: Option<Group> = None;
        for flagged in scan(doc, ctx.settings.leading_bom) {
            let edit_span = removal_span(text, flagged.span);
            if flagged.fix == Applicability::DisplayOnly {
                out.push(Group::display_only(text, flagged, edit_span));
                continue;
            }
            // Removals whose edits touch become one fix (`a\u{200B}\u{200B}b`,
            // a word split many times): separate fixes would conflict, and
            // each pass of `fix` would apply only every other one.
            if let Some(g) = group
                .as_mut()
                .filter(|g| edit_span.start <= g.edit.end && g.chars[0].fix == flagged.fix)
            {
                g.edit.end = g.edit.end.max(edit_span.end);
                g.chars.push(flagged);
                continue;
            }
            if let Some(g) = group.replace(Group {
                edit: edit_span,
                chars: vec![flagged],
            }) {
                out.push(g.finding(text));
            }
        }
        if let Some(g) = group {
            out.push(g.finding(text));
        }
    }
}

/// An invisible character to report.
#[derive(Clone, Copy, Debug)]
struct Flagged {
    span: Span,
    c: char,
    /// How safe removing it is.
    fix: Applicability,
}

/// Every invisible character to report, in text order.
fn scan<'d>(doc: &'d Document<'_>, leading_bom: LeadingBom) -> impl Iterator<Item = Flagged> + 'd {
    let text = doc.text();
    let bytes = text.as_bytes();
    // Mojibake repairs (U001) own the characters inside them: a soft
    // hyphen there is the byte 0xAD of a mangled sequence (`æ\u{AD}£`).
    // Sorted by start, searched by position (a text with many repairs and
    // many candidates stays linear).
    let mut mojibake: Option<Vec<Span>> = None;
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            // Skip plain bytes fast; only these bytes can start a candidate.
            match bytes[i..].iter().position(|&b| CANDIDATE_BYTE[b as usize]) {
                Some(skip) => i += skip,
                None => break,
            }
            let b = bytes[i];
            let candidate = match b {
                b'\t' | b'\n' | b'\r' | 0x0C => false,
                0x00..=0x1F | 0x7F => true,
                0xC2 => matches!(bytes.get(i + 1), Some(0x80..=0x9F | 0xAD)),
                // U+200B..200F, U+202A..202E, U+2060..2064, U+2066..2069 only
                // (not `’ “ ”`).
                0xE2 => matches!(
                    (bytes.get(i + 1), bytes.get(i + 2)),
                    (Some(0x80), Some(0x8B..=0x8F | 0xAA..=0xAE))
                        | (Some(0x81), Some(0xA0..=0xA4 | 0xA6..=0xA9))
                ),
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
            let safe = match c {
                '\u{AD}' | '\u{200B}' | '\u{2060}' => true,
                '\u{FEFF}' if span.start == 0 => match leading_bom {
                    LeadingBom::Signature => continue,
                    LeadingBom::Stream => {
                        return Some(Flagged {
                            span,
                            c,
                            fix: Applicability::Unsafe,
                        })
                    }
                    LeadingBom::Field => true,
                },
                '\u{FEFF}' => true,
                '\u{200C}'
                | '\u{200D}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2061}'..='\u{2064}'
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
            if (c as u32) >= 0x80 && !before.is_none_or(|p| p.is_ascii()) {
                let spans = mojibake.get_or_insert_with(|| {
                    let mut spans: Vec<Span> = super::mojibake::repairs(text)
                        .into_iter()
                        .map(|r| r.span)
                        .collect();
                    spans.sort_unstable_by_key(|s| (s.start, s.end));
                    spans
                });
                // Repairs are disjoint: only the last one starting at or
                // before the char can contain it.
                let at = spans.partition_point(|s| s.start <= span.start);
                if at > 0 && span.end <= spans[at - 1].end {
                    continue;
                }
            }
            let fix = if safe {
                Applicability::Safe
            } else {
                Applicability::DisplayOnly
            };
            return Some(Flagged { span, c, fix });
        }
        None
    })
}

/// The span a removal rewrites: inside a word, the whole word and the char
/// before it, so that fixes, applied first-by-position, let no other rule
/// edit one half of the split word (`separat|ist` -> `separate`) in the
/// same pass.
fn removal_span(text: &str, span: Span) -> Span {
    let word_start = text[..span.start]
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric())
        .last()
        .map_or(span.start, |(at, _)| at);
    let word_start = text[..word_start]
        .char_indices()
        .next_back()
        .map_or(word_start, |(at, _)| at);
    let word_end = span.end
        + text[span.end..]
            .char_indices()
            .take_while(|(_, c)| c.is_alphanumeric())
            .last()
            .map_or(0, |(at, c)| at + c.len_utf8());
    Span::new(word_start, word_end)
}

/// Neighbouring removals of the same safety, reported and fixed as one.
struct Group {
    edit: Span,
    chars: Vec<Flagged>,
}

impl Group {
    fn finding(&self, text: &str) -> Finding {
        let first = self.chars[0];
        let last = self.chars[self.chars.len() - 1];
        let name = char_name(first.c);
        let message = if self.chars.len() == 1 {
            format!("Invisible {name} (U+{:04X}) in text", first.c as u32)
        } else {
            format!(
                "{} invisible characters in text, the first a {name} (U+{:04X})",
                self.chars.len(),
                first.c as u32
            )
        };
        let mut replacement = String::with_capacity(self.edit.end - self.edit.start);
        let mut at = self.edit.start;
        for f in &self.chars {
            replacement.push_str(&text[at..f.span.start]);
            at = f.span.end;
        }
        replacement.push_str(&text[at..self.edit.end]);
        let title = if self.chars.len() == 1 {
            format!("Remove the {name}")
        } else {
            "Remove the invisible characters".to_string()
        };
        Finding::new(&META, Span::new(first.span.start, last.span.end), message).suggest(
            Suggestion {
                title,
                fix: Fix::single(Edit::replace(self.edit, replacement), first.fix),
                reason: if first.span.start == 0 && first.c == '\u{FEFF}' {
                    "a byte order mark is an encoding signature, and only a file has one"
                        .to_string()
                } else {
                    format!("{name} shows nothing")
                },
            },
        )
    }

    fn display_only(text: &str, flagged: Flagged, edit: Span) -> Finding {
        let name = char_name(flagged.c);
        let message = format!("Invisible {name} (U+{:04X}) in text", flagged.c as u32);
        let replacement = format!(
            "{}{}",
            &text[edit.start..flagged.span.start],
            &text[flagged.span.end..edit.end]
        );
        Finding::new(&META, flagged.span, message).suggest(Suggestion {
            title: format!("Remove the {name}"),
            fix: Fix::single(Edit::replace(edit, replacement), Applicability::DisplayOnly),
            reason: format!("{name} shows nothing"),
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{assert_fires, assert_fixes_to, assert_silent};

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
        assert_fixes_to(
            "U003",
            "the \u{2062}nation, inde\u{2063}pendent",
            "the nation, independent",
        );
    }

    #[test]
    fn leaves_needed_and_leading_marks() {
        assert_silent("U003", "\u{FEFF}Text with its BOM");
        assert_silent("U003", "می\u{200C}خواهم");
        assert_silent("U003", "👨\u{200D}👩\u{200D}👧");
        assert_silent("U003", "tab\tand\nlines\r\n");
        assert_silent("U003", "æ\u{AD}£é«”ä¸\u{AD}æ–‡");
        assert_fixes_to("U003", "a \u{1A} b", "a \u{1A} b");
    }

    /// A leading BOM is a file's signature, but a stray character in a
    /// stream (unsafe to remove) or a JSON field (safe to remove).
    #[test]
    fn a_leading_bom_depends_on_the_kind_of_input() {
        use crate::config::LeadingBom;
        use crate::diagnostic::Applicability;
        use crate::text::{Document, Format};
        use crate::{Engine, Settings};
        let text = "\u{FEFF}\u{FEFF}In 2022, a deal.";
        let fixed_at = |leading_bom, fix_level| {
            let engine = Engine::new(Settings {
                select: vec!["U003".into()],
                fix_level,
                leading_bom,
                ..Settings::default()
            })
            .expect("U003 exists");
            let findings = engine.check(&Document::new(text, Format::Plain));
            let first = findings
                .first()
                .map(|f| (f.span, f.suggestions[0].fix.applicability()));
            (
                first,
                engine.fix(text, Format::Plain).expect("converges").text,
            )
        };
        // A file keeps its signature; the BOM after it is still junk.
        let (first, out) = fixed_at(LeadingBom::Signature, Applicability::Unsafe);
        assert_eq!(first.map(|f| f.0.start), Some(3));
        assert_eq!(out, "\u{FEFF}In 2022, a deal.");
        // Standard input: both go with unsafe fixes, the first stays with safe ones.
        let (first, out) = fixed_at(LeadingBom::Stream, Applicability::Unsafe);
        assert_eq!(
            first,
            Some((crate::text::Span::new(0, 3), Applicability::Unsafe))
        );
        assert_eq!(out, "In 2022, a deal.");
        let (_, out) = fixed_at(LeadingBom::Stream, Applicability::Safe);
        assert_eq!(out, "\u{FEFF}In 2022, a deal.");
        // A JSON field: removing it is safe.
        let (first, out) = fixed_at(LeadingBom::Field, Applicability::Safe);
        assert_eq!(first.map(|f| f.1), Some(Applicability::Safe));
        assert_eq!(out, "In 2022, a deal.");
    }

    /// Regression (fuzz): one fix per character made neighbouring removals
    /// conflict, so each pass of `fix` removed only every other one and a
    /// run of a few hundred never converged.
    #[test]
    fn a_run_of_invisible_characters_is_one_fix() {
        use crate::diagnostic::Applicability;
        use crate::text::Format;
        use crate::{Engine, Settings};
        let engine = Engine::new(Settings {
            select: vec!["U003".into()],
            fix_level: Applicability::Safe,
            ..Settings::default()
        })
        .expect("U003 exists");
        let cases = [
            ("\u{FEFF}".repeat(400), "\u{FEFF}".to_string()),
            (format!("a{}b", "\u{200B}".repeat(400)), "ab".to_string()),
            ("a\u{200B}".repeat(400), "a".repeat(400)),
            (format!("{}a", "a\u{5}".repeat(400)), "a".repeat(401)),
            ("x\u{AD} ".repeat(400), "x ".repeat(400)),
        ];
        for (text, expected) in cases {
            let out = engine.fix(&text, Format::Plain).expect("converges");
            assert_eq!(out.text, expected);
            assert_eq!(out.passes, 1, "one pass fixes {:?}", &text[..12]);
        }
        assert_fires(
            "U003",
            "con\u{200B}\u{200B}fi\u{AD}dent",
            &["\u{200B}\u{200B}fi\u{AD}"],
        );
    }
}
