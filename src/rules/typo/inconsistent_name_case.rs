//! `T006 inconsistent-name-case`: a name written in one casing through the
//! document and once in another (`Serbia` … `SERBIA`, `NATO` … `Nato`).
//!
//! The document is its own style sheet: how it writes a name most often is
//! how it means to write it. Lowercase deviants (`serbia`) belong to `T003`,
//! which also knows the names the dictionaries only write capitalised; this
//! rule takes the capitalised deviants that no dictionary can judge.

use rustc_hash::FxHashMap;

use crate::diagnostic::{Applicability, Finding, Suggestion};
use crate::dict::table::WordKey;
use crate::dict::{name_form, words};
use crate::rules::typo::{clitic_split, is_compound_part, is_sentence_initial};
use crate::rules::{CheckContext, Family, FixSafety, Rule, RuleMeta};
use crate::text::case::{casing, with_folded_key, Casing};
use crate::text::{Document, TokenKind};

/// Flags a name written in a casing the document otherwise does not use.
#[derive(Debug)]
pub struct InconsistentNameCase;

static META: RuleMeta = RuleMeta {
    code: "T006",
    name: "inconsistent-name-case",
    family: Family::Typo,
    summary: "A name cased differently from the rest of the document",
    explanation: r#"## What it flags
A name the document writes one way and, once, another way: in capitals
where it is otherwise written `Serbia` (`State Union of SERBIA`), or in
title case where it is otherwise written `NATO` or `YouTube`. The casing the
document uses most often wins; a tie goes to the casing the dictionaries
list, then to title case. Words that are also ordinary lowercase words
(`THAT`, `Us`) are left alone, because capitals are also used for emphasis
and in titles, and so are runs of capitals (headings, shouting) and an
acronym introduced in brackets (`(HAMAS)`) or capitals opening a line (a
dateline: `ANTALYA, Turkey —`), and so are capitals the lexicon lists
(`AIDS` beside `Aids`) or of three letters or fewer, which have the shape of
an acronym (`MAC address` beside `Mac`). A name in lowercase is `T003`'s.

## Why it matters
A name spelled two ways in one text looks careless, and a reader may take
the two spellings for two things.

## Example
```text
Montenegro and Serbia created … a State Union of SERBIA and Montenegro
->  … a State Union of Serbia and Montenegro
```

## Fix safety
Unsafe: the odd casing is usually a slip, but it may be deliberate emphasis.
"#,
    default_enabled: true,
    fix_safety: FixSafety::Unsafe,
};

/// One written casing of a name and how often the document uses it where
/// the casing is chosen (not forced by a sentence start).
struct FormCount<'s> {
    form: &'s str,
    chosen: u32,
}

impl Rule for InconsistentNameCase {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, doc: &Document<'_>, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        // Byte-level prefilter: only a word with a capital after its first
        // letter (`SERBIA`, `NATO`, `YouTube`) can start an inconsistency.
        // Keys are folded stems, by the hash of the stem's key (which for a
        // word without a clitic is the hash the lexicon lookup computed), so
        // the pass over every capitalised word below folds nothing.
        let doc_words = ctx.words(doc);
        let mut keys: FxHashMap<u64, String> = FxHashMap::default();
        for i in doc_words.indices() {
            let shape = doc_words.shape(i);
            if !shape.has_inner_capital() {
                continue;
            }
            if matches!(shape.casing(), Casing::Upper | Casing::Mixed) {
                with_folded_key(doc.token_text(i), |k| {
                    let stem = clitic_split(k).map_or(k, |(s, _)| s);
                    keys.entry(WordKey::folded(stem).hash())
                        .or_insert_with(|| stem.to_string());
                });
            }
        }
        if keys.is_empty() {
            return;
        }
        // Every capitalised use of those keys: (token index, typed stem).
        let mut uses: Vec<(usize, &str, Casing)> = Vec::new();
        let mut forms: FxHashMap<&str, Vec<FormCount<'_>>> = FxHashMap::default();
        for i in doc_words.indices() {
            if !doc_words.shape(i).is_capitalised() {
                continue;
            }
            let word = doc.token_text(i);
            let Some(key) = keys.get(&doc_words.stem_hash(i, word)).map(String::as_str) else {
                continue;
            };
            let stem = &word[..stem_len(word, key)];
            let case = casing(stem);
            uses.push((i, stem, case));
            // A sentence start forces title case, except on a word that is
            // only ever a name (`Nigeria achieved …`).
            let forced = case == Casing::Title
                && is_sentence_initial(doc, i)
                && name_form(key) != Some(stem);
            let chosen = !forced && !in_capitals_run(doc, i);
            let list = forms.entry(key).or_default();
            match list.iter_mut().find(|f| f.form == stem) {
                Some(f) => f.chosen += u32::from(chosen),
                None => list.push(FormCount {
                    form: stem,
                    chosen: u32::from(chosen),
                }),
            }
        }
        let lexicon = words();
        for (i, stem, case) in uses {
            let key = keys
                .get(&with_folded_key(stem, |k| WordKey::folded(k).hash()))
                .map(String::as_str);
            let Some(list) = key.and_then(|k| forms.get(k)) else {
                continue;
            };
            if list.len() < 2 {
                continue;
            }
            let Some((dominant, support)) = dominant_form(list, lexicon) else {
                continue;
            };
            // Title case is how names are written by default: overriding it
            // takes more than one deliberate use of another casing.
            if case == Casing::Title && support < 2 {
                continue;
            }
            if dominant == stem || casing(dominant) == Casing::Lower {
                continue;
            }
            let word = doc.slice(doc.tokens()[i].span);
            if ctx.settings.is_allowed_word(word) || is_exempt(doc, i, case) {
                continue;
            }
            let listed = |form: &str| {
                with_folded_key(form, |k| lexicon.get(k))
                    .is_some_and(|e| e.forms().any(|f| f.text == form))
            };
            // Capitals the lexicon lists are another word (`AIDS` beside
            // `Aids`, `NASA` beside `Nasa`), not another casing.
            if (case == Casing::Upper && listed(stem)) || (listed(stem) && !listed(dominant)) {
                continue;
            }
            // A word of up to three capitals has the shape of an acronym,
            // which is another word beside a name (`MAC address` beside
            // `Mac`, `PET scan` beside `Pet`), not another casing of it.
            if case == Casing::Upper && stem.chars().count() <= ACRONYM_MAX_LETTERS {
                continue;
            }
            // A word that is also an ordinary word (`THAT`, `Us`) is in
            // capitals for emphasis, in title case for a title; only capitals
            // against a name the document writes in mid-sentence count
            // (`the FRENCH` beside `the French eventually`).
            let common = with_folded_key(stem, |k| lexicon.has_lowercase_form(k) == Some(true));
            if common
                && (case != Casing::Upper
                    || casing(dominant) != Casing::Title
                    || with_folded_key(stem, |k| ctx.doc_names(doc).count(k)) == 0)
            {
                continue;
            }
            let rest = &word[stem.len()..];
            let rest = if case == Casing::Upper && casing(dominant) != Casing::Upper {
                rest.to_lowercase()
            } else {
                rest.to_string()
            };
            let span = doc.tokens()[i].span;
            let fixed = format!("{dominant}{rest}");
            out.push(
                Finding::new(
                    &META,
                    span,
                    format!("`{word}` is written `{dominant}` elsewhere in the document"),
                )
                .suggest(
                    Suggestion::replace(span, &fixed, Applicability::Unsafe)
                        .because("the document's usual casing of this name"),
                ),
            );
        }
    }
}

/// Longest all-capitals word taken for an acronym whatever the lexicon
/// says (`MAC`, `PET`); longer ones (`GAZA`, `SERBIA`) may be a name set in
/// capitals.
const ACRONYM_MAX_LETTERS: usize = 3;

/// The casing the document uses most often where it had a choice; a tie
/// goes to a form the lexicon lists, then to title case. `None` when the
/// tie stands; otherwise the form and its number of deliberate uses.
fn dominant_form<'s>(
    list: &[FormCount<'s>],
    lexicon: &crate::dict::Words,
) -> Option<(&'s str, u32)> {
    let best = list.iter().map(|f| f.chosen).max()?;
    if best == 0 {
        return None;
    }
    let top: Vec<&FormCount<'s>> = list.iter().filter(|f| f.chosen == best).collect();
    if top.len() == 1 {
        return Some((top[0].form, best));
    }
    let listed: Vec<&&FormCount<'s>> = top
        .iter()
        .filter(|f| {
            with_folded_key(f.form, |k| lexicon.get(k))
                .is_some_and(|e| e.forms().any(|w| w.text == f.form))
        })
        .collect();
    if listed.len() == 1 {
        return Some((listed[0].form, best));
    }
    let titles: Vec<&&FormCount<'s>> = top
        .iter()
        .filter(|f| casing(f.form) == Casing::Title)
        .collect();
    (titles.len() == 1).then(|| (titles[0].form, best))
}

/// Uses whose casing is deliberate: capitals in a run of capitals (a
/// heading, shouting) or opening a line (a dateline), an acronym introduced
/// in brackets, a compound part.
fn is_exempt(doc: &Document<'_>, index: usize, case: Casing) -> bool {
    if is_compound_part(doc, index) {
        return true;
    }
    if case != Casing::Upper {
        return false;
    }
    let tokens = doc.tokens();
    // Capitals opening a line are a dateline or a label (`ANTALYA, Turkey —`).
    if in_capitals_run(doc, index)
        || doc
            .prev_non_space(index)
            .is_none_or(|p| tokens[p].kind == TokenKind::Newline)
    {
        return true;
    }
    let bracket = |i: Option<usize>, s: &str| {
        i.is_some_and(|i| tokens[i].kind == TokenKind::Punct && doc.slice(tokens[i].span) == s)
    };
    bracket(index.checked_sub(1), "(")
        && bracket(Some(index + 1).filter(|&i| i < tokens.len()), ")")
}

/// Whether the word at `index` has an all-capitals word of two letters or
/// more beside it, with only spaces between.
fn in_capitals_run(doc: &Document<'_>, index: usize) -> bool {
    let word = doc.slice(doc.tokens()[index].span);
    if casing(word) != Casing::Upper {
        return false;
    }
    [true, false].into_iter().any(|left| {
        crate::rules::typo::adjacent_word(doc, index, left)
            .is_some_and(|w| w.chars().count() >= 2 && casing(w) == Casing::Upper)
    })
}

/// Byte length in `word` of the folded `stem` (same number of chars).
fn stem_len(word: &str, stem: &str) -> usize {
    let n = stem.chars().count();
    word.char_indices().nth(n).map_or(word.len(), |(at, _)| at)
}

#[cfg(test)]
mod tests {
    use crate::testing::{assert_fires, assert_fixes_to, assert_silent};

    #[test]
    fn short_capitals_are_acronyms_not_another_casing() {
        assert_silent(
            "T006",
            "Run it on the Mac. Older Mac models differ. Set a random MAC address.",
        );
    }

    #[test]
    fn capitals_against_title_case() {
        let text =
            "Montenegro and Serbia split. Later a State Union of SERBIA and Montenegro formed.";
        assert_fires("T006", text, &["SERBIA"]);
        assert_fixes_to("T006", text, &text.replace("SERBIA", "Serbia"));
    }

    #[test]
    fn title_case_against_capitals() {
        let text = "Leaders of NATO met. NATO troops left, and Nato’s envoy stayed.";
        assert_fixes_to("T006", text, &text.replace("Nato’s", "NATO’s"));
    }

    #[test]
    fn names_that_are_also_words_and_names_at_sentence_starts() {
        let text = "The Dutch and the FRENCH divided it, with the French holding more.";
        assert_fixes_to("T006", text, &text.replace("FRENCH", "French"));
        let text = "The British formed a Protectorate of NIGERIA. Nigeria became independent.";
        assert_fixes_to("T006", text, &text.replace("NIGERIA", "Nigeria"));
    }

    #[test]
    fn the_usual_casing_wins() {
        let text = "In Tristan da Cunha the group of Tristan da CUNHA lies near Cunha Island.";
        assert_fixes_to("T006", text, &text.replace("CUNHA", "Cunha"));
    }

    #[test]
    fn silent_on_emphasis_headings_and_acronyms() {
        // An ordinary word in capitals is emphasis.
        assert_silent("T006", "That is what I said. Was THAT your opinion, then?");
        // A run of capitals is a heading; capitals opening a line a dateline.
        assert_silent("T006", "SOUTH AFRICA TODAY\nWe visited South Africa.");
        assert_silent("T006", "ANTALYA, Turkey — Talks in Antalya ended.");
        // An acronym introduced in brackets.
        assert_silent("T006", "The movement (HAMAS) rules. Hamas said so.");
        // A casing forced by a sentence start is no evidence.
        assert_silent("T006", "Zorbia is small. The ZORBIA strip.");
        // Capitals the lexicon lists are another word.
        assert_silent(
            "T006",
            "Workers said Aids spread, that Aids was deadly; AIDS kills.",
        );
        // Nothing else to compare with.
        assert_silent("T006", "The UN and the EU met in NEW YORK.");
    }
}
