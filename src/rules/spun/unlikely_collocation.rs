//! `S002 unlikely-collocation`: a word pair one synonym away from a common
//! collocation, the trace of a spinner's word-for-word substitution.

use crate::diagnostic::Finding;
use crate::rules::spun::analysis::HitKind;
use crate::rules::spun::emit;
use crate::rules::{CheckContext, Family, FixSafety, Rule, RuleMeta};
use crate::text::Document;

/// Flags word pairs such as `legislation enforcement` or `Oval Workplace`
/// where one word is a thesaurus neighbour of a word that would make a common
/// collocation (`law enforcement`, `Oval Office`).
#[derive(Debug)]
pub struct UnlikelyCollocation;

static META: RuleMeta = RuleMeta {
    code: "S002",
    name: "unlikely-collocation",
    family: Family::Spin,
    summary: "A rare word pair that a synonym swap would turn into a common collocation",
    explanation: r#"## What it flags
Two adjacent words that never occur together in web text, where replacing
one of them by a thesaurus neighbour gives a strong, common collocation or a
fixed expression: `legislation enforcement` (`law enforcement`), `earnings
tax` (`income tax`), `Turning Level USA` (`Turning Point`). This finds
spinner substitutions that no phrasebook lists. A thesaurus link alone never
fires: the original pair must be frequent, strongly associated (pointwise
mutual information) and, outside names, a WordNet expression, and the word
on the far side must not speak against it. In a document that already looks
spun, weaker contrasts are reported too, as information, and so are single
words from the spinner's table read backwards (`dictionaries/spun_words.tsv`:
`mentioned` for `said`, `invoice` for `bill`, `workforce` for `team`) where
the original fits the neighbouring words better by web bigram counts
(`the invoice was` → `the bill was`).

## Why it matters
Spinners replace words one by one with "synonyms" that do not fit the
phrase; the broken collocation is what gives the text away, and restoring it
recovers the meaning.

## Example
```text
two legislation enforcement sources   ->   two law enforcement sources
```

## Fix safety
Unsafe: the best-ranked original is very probably right, but it is a
statistical guess, so it is applied only with `--unsafe-fixes`.
"#,
    default_enabled: true,
    fix_safety: FixSafety::Unsafe,
};

impl Rule for UnlikelyCollocation {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, doc: &Document<'_>, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        emit(
            doc,
            ctx,
            HitKind::Collocation,
            &META,
            |flagged, original| {
                format!("`{flagged}` is an unlikely word pair; `{original}` is the usual phrase")
            },
            out,
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{assert_fires, assert_fixes_to, assert_silent};

    #[test]
    fn fires_on_broken_collocations() {
        // The pass runs where the phrasebook already found strong spinner output.
        let text = "They met in the Oval Workplace. The new earnings tax rate applies.";
        assert_fires("S002", text, &["earnings tax"]);
        assert_fixes_to(
            "S002",
            text,
            "They met in the Oval Workplace. The new income tax rate applies.",
        );
    }

    #[test]
    fn restores_single_spun_words_in_a_spun_document() {
        // Strong phrasebook hits make the document spun; then single words
        // from the reversed spinner table are judged by their bigram context.
        let text = "The Oval Workplace and the Home of Commons, as a substitute of the \
                    White Home, Jones mentioned the invoice.";
        assert_fires("S002", text, &["mentioned", "invoice"]);
    }

    /// The strong evidence that makes the documents below spun.
    const SPUN: &str = "The Oval Workplace and the Home of Commons, as a substitute of the \
                        White Home, met. ";

    #[test]
    fn inflected_forms_are_found_through_their_stem() {
        // `accentuate` -> `intensify` is listed; `accentuated` is not, and
        // is restored as `intensified`, inflected like the written word.
        let text = format!("{SPUN}The storm accentuated the losses.");
        assert_fires("S002", &text, &["accentuated"]);
        assert_fixes_to(
            "S002",
            &text,
            &format!("{SPUN}The storm intensified the losses."),
        );
    }

    #[test]
    fn the_article_follows_the_restored_word() {
        // `an unbelievable` -> `an incredible` keeps `an`; `an assembly`
        // (spun from `a meeting`) takes `a` back with the word.
        let text = format!("{SPUN}It was an unbelievable season.");
        assert_fixes_to(
            "S002",
            &text,
            &format!("{SPUN}It was an incredible season."),
        );
        let text = format!("{SPUN}They held an assembly on Monday.");
        assert_fixes_to(
            "S002",
            &text,
            &format!("{SPUN}They held a meeting on Monday."),
        );
    }

    #[test]
    fn candidates_are_ranked_by_the_bigram_model() {
        // `throughout` is written for `during` and for `across`: the word
        // that predicts its neighbours wins, not the more frequent one
        // (`during the` is the commoner pair, `across the state` the phrase).
        let text = format!("{SPUN}Storms moved throughout the state on Monday.");
        assert_fixes_to(
            "S002",
            &text,
            &format!("{SPUN}Storms moved across the state on Monday."),
        );
        let text = format!("{SPUN}Throughout the meeting he spoke.");
        assert_fixes_to(
            "S002",
            &text,
            &format!("{SPUN}During the meeting he spoke."),
        );
    }

    #[test]
    fn a_word_restored_elsewhere_in_the_document_is_suspect_everywhere() {
        // Alone, `the following steps` fits as well as `the next steps`:
        // kept. Where the same document restores `following` clearly
        // (`the following week`), the spinner's fixed table wrote it for
        // `next` there too.
        let alone = format!("{SPUN}Officers discuss the following steps.");
        assert_fixes_to("S002", &alone, &alone);
        let text = format!("{SPUN}Officers discuss the following steps in the following week.");
        assert_fixes_to(
            "S002",
            &text,
            &format!("{SPUN}Officers discuss the next steps in the next week."),
        );
    }

    /// Regression: a word restored one way (`house` for `home`) while its
    /// original is restored the other way (`home` for `house`) made both
    /// words suspect all through the document, and literary prose judged
    /// spun lost `the house` and `the home` wherever the context was even.
    /// Spinners swap within synonym sets both ways: such words keep the bar
    /// of a common word.
    #[test]
    fn words_restored_both_ways_are_not_suspect_everywhere() {
        let text = format!(
            "{SPUN}He went house early. They sold the home to a buyer. \
             She walked into the house and sat."
        );
        assert_fires("S002", &text, &["house", "house"]);
    }

    #[test]
    fn the_restoration_keeps_the_written_apostrophe() {
        let text = format!("{SPUN}They gained\u{2019}t stop.");
        assert_fixes_to("S002", &text, &format!("{SPUN}They won\u{2019}t stop."));
    }

    #[test]
    fn single_words_need_a_spun_document() {
        assert_silent("S002", "He mentioned the invoice in a statement.");
    }

    #[test]
    fn silent_without_other_spinner_evidence() {
        assert_silent("S002", "The new earnings tax rate applies.");
    }

    #[test]
    fn silent_on_ordinary_prose() {
        assert_silent(
            "S002",
            "The romance between the two began last year, and the law enforcement officers left.",
        );
        assert_silent(
            "S002",
            "The Disaster Zone exhibit opened in New Hope on Friday.",
        );
    }
}
