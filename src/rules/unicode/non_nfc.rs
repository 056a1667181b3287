//! `U005 non-nfc`: text not in Unicode Normalization Form C (decomposed
//! accents such as `e` + U+0301), reported per word.

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use crate::diagnostic::{Applicability, Finding, Suggestion};
use crate::rules::{CheckContext, Family, FixSafety, Rule, RuleMeta};
use crate::text::{Document, TokenKind};

/// Flags words not in NFC and composes them.
#[derive(Debug)]
pub struct NonNfc;

static META: RuleMeta = RuleMeta {
    code: "U005",
    name: "non-nfc",
    family: Family::Unicode,
    summary: "A word not in Unicode Normalization Form C (decomposed accents)",
    explanation: r#"## What it flags
Words whose characters are not in Normalization Form C: an accent written
as a separate combining mark (`e` + U+0301 instead of `é`), or a character
NFC replaces (the Ångström sign by `Å`). Text from macOS file names and
some PDF extractors arrives this way.

## Why it matters
The word looks right but does not match its composed spelling in search,
sorting, spelling checks or comparisons.

## Example
```text
Ce\u0301cile   ->   Cécile
```

## Fix safety
Safe: NFC is canonically equivalent, so the text reads the same. Words with
CJK compatibility ideographs are left alone (NFC would change their glyph).
"#,
    default_enabled: true,
    fix_safety: FixSafety::Safe,
};

impl Rule for NonNfc {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, doc: &Document<'_>, _ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        if doc.text().is_ascii() {
            return;
        }
        for t in doc.tokens() {
            if matches!(
                t.kind,
                TokenKind::Skip | TokenKind::Space | TokenKind::Newline
            ) {
                continue;
            }
            let s = doc.slice(t.span);
            if s.is_ascii() || is_nfc_quick(s.chars()) == IsNormalized::Yes {
                continue;
            }
            if s.chars()
                .any(|c| matches!(c, '\u{F900}'..='\u{FAFF}' | '\u{2F800}'..='\u{2FA1F}'))
            {
                continue;
            }
            let nfc: String = s.nfc().collect();
            if nfc == s {
                continue;
            }
            out.push(
                Finding::new(&META, t.span, format!("`{s}` is not in NFC form")).suggest(
                    Suggestion::replace(t.span, &nfc, Applicability::Safe)
                        .because("canonically equivalent composed form"),
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{assert_fires, assert_fixes_to, assert_silent};

    #[test]
    fn composes_decomposed_words() {
        assert_fixes_to("U005", "Ce\u{301}cile and Nun\u{303}ez", "Cécile and Nuñez");
        assert_fires("U005", "Ce\u{301}cile", &["Ce\u{301}cile"]);
    }

    #[test]
    fn composed_text_is_silent() {
        assert_silent("U005", "Cécile Zoë naïve 正體");
    }
}
