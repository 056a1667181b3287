//! `S001 spun-phrase`: a phrase from the spinner phrasebook.

use crate::diagnostic::Finding;
use crate::rules::spun::analysis::HitKind;
use crate::rules::spun::emit;
use crate::rules::{CheckContext, Family, FixSafety, Rule, RuleMeta};
use crate::text::Document;

/// Flags phrases that article spinners produce (`Oval Workplace`, `as a
/// substitute of`, `chief of workers`) and restores the original.
#[derive(Debug)]
pub struct SpunPhrase;

static META: RuleMeta = RuleMeta {
    code: "S001",
    name: "spun-phrase",
    family: Family::Spin,
    summary: "A phrase that an article spinner produced from a common one",
    explanation: r#"## What it flags
Phrases from copyedit's spinner phrasebook: the word-for-word "synonyms" that
article spinners substitute for common phrases and names (`Oval Workplace`
for `Oval Office`, `as a substitute of` for `instead of`, `chief of workers`
for `chief of staff`). Each entry has a weight: phrases people never write
are always flagged; phrases that are also normal English (`in keeping with`,
`the primary`) are flagged only when the rest of the document already looks
spun, and context conditions keep real uses (`the primary school`) and names
written that way on purpose (a title in quotation marks) alone.

## Why it matters
Spun text is stolen text disguised by a machine; it reads wrongly and often
changes the meaning (`navy` for `military`). Finding it tells an editor the
source is not trustworthy; restoring it makes the text readable again.

## Example
```text
a shouting match in the Oval Workplace   ->   a shouting match in the Oval Office
```

## Fix safety
Unsafe: the original is the phrasebook's reconstruction, very probably right
but not certain, so it is applied only with `--unsafe-fixes`
(`fix --unsafe-fixes --select S` unspins a document). The case of the match
carries over (`As a substitute of` → `Instead of`).
"#,
    default_enabled: true,
    fix_safety: FixSafety::Unsafe,
};

impl Rule for SpunPhrase {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, doc: &Document<'_>, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        emit(
            doc,
            ctx,
            HitKind::Phrase,
            &META,
            |flagged, original| {
                format!("`{flagged}` looks like a spinner's rewrite of `{original}`")
            },
            out,
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{assert_fires, assert_fixes_to, assert_silent};

    #[test]
    fn fires_on_strong_phrases() {
        assert_fires(
            "S001",
            "Trump met him in the Oval Workplace on Friday.",
            &["Oval Workplace"],
        );
        assert_fires(
            "S001",
            "As a substitute of waiting, they left.",
            &["As a substitute of"],
        );
    }

    #[test]
    fn restores_the_original_with_case() {
        assert_fixes_to(
            "S001",
            "As a substitute of waiting, his chief of workers left.",
            "Instead of waiting, his chief of staff left.",
        );
    }

    /// Regression: numbers were not part of the word sequence, so every
    /// phrase around one (`a 12 months in the past`) could never match.
    #[test]
    fn phrases_run_over_numbers() {
        assert_fixes_to(
            "S001",
            "He left a 12 months in the past.",
            "He left a year ago.",
        );
    }

    #[test]
    fn the_restoration_keeps_the_written_apostrophe() {
        assert_fixes_to(
            "S001",
            "Then you definitely\u{2019}re out.",
            "Then you\u{2019}re out.",
        );
    }

    #[test]
    fn weak_phrases_need_a_spun_document() {
        // Normal English on its own: silent.
        assert_silent(
            "S001",
            "In keeping with tradition, the primary school opened.",
        );
        assert_silent("S001", "It fell together with the price range of options.");
    }

    #[test]
    fn exact_case_and_quoted_names_are_respected() {
        assert_silent("S001", "an oval workplace table");
        assert_silent("S001", "the film \"the Individuals\" premiered");
        assert_silent("S001", "Could we go?");
        // `Might` for `May` (the month), but not the game title.
        assert_fires("S001", "The vote came in Might.", &["in Might"]);
        assert_silent("S001", "He played Heroes of Might and Magic.");
    }
}
