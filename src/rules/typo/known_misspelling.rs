//! `T001 known-misspelling`: a word on the list of known misspellings.

use crate::diagnostic::{Applicability, Finding, Suggestion};
use crate::dict::{misspellings, words};
use crate::rules::{CheckContext, Family, FixSafety, Rule, RuleMeta};
use crate::text::case::{match_case, with_folded_key};
use crate::text::Document;

/// Flags words that are known misspellings (`teh`, `recieve`).
#[derive(Debug)]
pub struct KnownMisspelling;

static META: RuleMeta = RuleMeta {
    code: "T001",
    name: "known-misspelling",
    family: Family::Typo,
    summary: "A word that is a known misspelling of another word",
    explanation: r#"## What it flags
A word found in copyedit's list of known misspellings (`teh`, `wiht`,
`recieve`), whatever its case. The list is built from curated
misspelling→correction lists, minus every key that is itself a valid word or
a name.

## Why it matters
These are typing or spelling slips that a reader notices at once; they are
also the cheapest errors to repair with certainty.

## Example
```text
assessing teh prospects   ->   assessing the prospects
```

## Fix safety
Safe when the misspelling has exactly one correction and is never a valid
word: `teh` can only be
`the`. The correction keeps the word's case (`Teh` → `The`, `TEH` → `THE`).
When there are several candidates (`fiel` → `feel`, `field`, `file`) they
are listed, best first, and nothing is applied.
"#,
    default_enabled: true,
    fix_safety: FixSafety::Safe,
};

impl Rule for KnownMisspelling {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, doc: &Document<'_>, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let list = misspellings();
        for (_, token) in doc.words() {
            let word = doc.slice(token.span);
            let Some((corrections, is_word)) = with_folded_key(word, |key| {
                let c = list.get(key)?;
                if ctx.is_batch_name(key) {
                    return None;
                }
                Some((c, words().contains(key)))
            }) else {
                continue;
            };
            if ctx.settings.is_allowed_word(word) {
                continue;
            }
            // Safe needs one correction and a key that is never a valid word
            // (in any case); the list is built that way, the check keeps it so.
            let applicability = if corrections.len() == 1 && !is_word {
                Applicability::Safe
            } else {
                Applicability::DisplayOnly
            };
            let replacements: Vec<String> =
                corrections.iter().map(|c| match_case(word, c)).collect();
            let message = if replacements.len() == 1 {
                format!("`{word}` is a misspelling of `{}`", replacements[0])
            } else {
                let listed: Vec<String> = replacements.iter().map(|r| format!("`{r}`")).collect();
                format!("`{word}` is a misspelling of one of {}", listed.join(", "))
            };
            let mut finding = Finding::new(&META, token.span, message);
            for r in &replacements {
                finding = finding.suggest(
                    Suggestion::replace(token.span, r, applicability)
                        .because("known misspelling (dictionary)"),
                );
            }
            out.push(finding);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{assert_fires, assert_fixes_to, assert_silent};

    #[test]
    fn fires_on_known_misspellings_keeping_case() {
        assert_fires("T001", "assessing teh prospects", &["teh"]);
        assert_fixes_to("T001", "Teh cat wiht TEH hat", "The cat with THE hat");
    }

    #[test]
    fn silent_on_words_and_skipped_text() {
        assert_silent("T001", "the cat with the hat");
        assert_silent("T001", "see https://example.com/teh and @teh");
    }

    #[test]
    fn several_candidates_are_display_only() {
        assert_fixes_to("T001", "a fiel of corn", "a fiel of corn");
        assert_fires("T001", "a fiel of corn", &["fiel"]);
    }
}
