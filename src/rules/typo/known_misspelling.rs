//! `T001 known-misspelling`: a word on the list of known misspellings.

use crate::config::Dialect;
use crate::diagnostic::{Applicability, Finding, Suggestion};
use crate::dict::{american_of, british_of, is_variant_spelling, misspellings, words};
use crate::rules::typo::unknown_word::{is_nce_spelling, listed_order, rank};
use crate::rules::typo::{adjacent_word, DocNames};
use crate::rules::{CheckContext, Family, FixSafety, Rule, RuleMeta};
use crate::text::case::{casing, match_case, with_folded_key, Casing};
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
Safe when the misspelling has exactly one correction, is never a valid
word, and the neighbouring words do not prefer another word: `teh` can only
be `the`. When the ranker of `T002` finds another word more likely in this
context, the fix is unsafe; when it finds another word clearly better, that
word is suggested first. A correction that American and British English
spell apart is given in the dialect set by `--dialect`, else in its more
frequent spelling. The correction keeps the word's case (`Teh` → `The`,
`TEH` → `THE`).
When there are several candidates (`fiel` → `feel`, `field`, `file`) they
are ranked as `T002` ranks corrections of unknown words (edit cost, sound,
frequency, the neighbouring words), listed corrections only, best first;
when the best wins by a clear margin (`I fiel tired` → `feel`) it is an
unsafe fix, otherwise nothing is applied. The standard spelling of a
variant that some variety or period accepts is only shown too
(`surprize`, `connexion`, `quitted` in Austen;
`dictionaries/variant_spellings.txt`), and so is the `-nse` of a longer
word that older print wrote `-nce` (`expence`, `dispence`), as British
English still writes `defence`. A misspelling
of an ordinary word that the document uses as a name (written more than
once, and capitalised on its own in mid-sentence at least once: `power,
Siad called`) is not flagged.
"#,
    default_enabled: true,
    fix_safety: FixSafety::Sometimes,
};

impl Rule for KnownMisspelling {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, doc: &Document<'_>, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let list = misspellings();
        let doc_words = ctx.words(doc);
        let lexical = doc_words.lexical();
        for i in doc_words.indices() {
            // Only unknown words and the known words the build marked can
            // be listed misspellings (never a common word).
            if !lexical[i].may_be_listed() {
                continue;
            }
            let token = &doc.tokens()[i];
            let word = doc.slice(token.span);
            let Some(corrections) = list.get_key(&doc_words.key(doc, i)) else {
                continue;
            };
            if with_folded_key(word, |key| ctx.is_batch_name(key)) {
                continue;
            }
            let is_word = lexical[i].is_known();
            if ctx.settings.is_allowed_word(word) {
                continue;
            }
            let listed = corrections.first();
            if casing(listed) == Casing::Lower
                && is_document_name(doc, word, listed, ctx.doc_names(doc))
            {
                continue;
            }
            // Safe needs one correction and a key that is never a valid word
            // (in any case); the list is built that way, the check keeps it so.
            // A variant spelling that some variety or period accepts
            // (`surprize`, `connexion` in Austen) is shown, never applied.
            // So is a spelling that a regular variant process makes of its
            // correction (`expence` as older print wrote `expense`).
            let variant = with_folded_key(word, |key| {
                is_variant_spelling(key)
                    || (corrections.len() == 1
                        && is_nce_spelling(key.as_bytes(), listed.to_ascii_lowercase().as_bytes()))
            });
            let applicability = if corrections.len() == 1 && !is_word && !variant {
                Applicability::Safe
            } else {
                Applicability::DisplayOnly
            };
            let mut replacements: Vec<String> = Vec::new();
            for c in corrections.iter() {
                let r = match_case(word, preferred_spelling(c, ctx.settings.dialect));
                if !replacements.contains(&r) {
                    replacements.push(r);
                }
            }
            let mut applicability = applicability;
            let mut reason = if variant {
                "a variant spelling some varieties accept; the standard spelling is shown"
            } else {
                "known misspelling (dictionary)"
            };
            // Several corrections: ranked by the neighbouring words as
            // `T002` ranks unknown words; a clear winner is an unsafe fix.
            let mut ranked_reasons: Vec<String> = Vec::new();
            if corrections.len() > 1 && !is_word && !variant {
                if let Some(order) = listed_order(doc, ctx, i, word, corrections) {
                    let mut reordered: Vec<String> = Vec::with_capacity(replacements.len());
                    for (text, why) in &order.ranked {
                        let Some(c) = corrections.iter().find(|c| c.eq_ignore_ascii_case(text))
                        else {
                            continue;
                        };
                        let r = match_case(word, preferred_spelling(c, ctx.settings.dialect));
                        if !reordered.contains(&r) {
                            reordered.push(r);
                            ranked_reasons.push(why.clone());
                        }
                    }
                    for r in replacements.drain(..) {
                        if !reordered.contains(&r) {
                            reordered.push(r);
                        }
                    }
                    replacements = reordered;
                    if order.clear {
                        applicability = Applicability::Unsafe;
                    }
                }
            }
            if applicability == Applicability::Safe {
                match second_opinion(doc, i, word, &replacements[0]) {
                    SecondOpinion::Agrees => {}
                    SecondOpinion::Doubts => {
                        applicability = Applicability::Unsafe;
                        reason = "known misspelling (dictionary); the context suggests others";
                    }
                    SecondOpinion::Prefers(other) => {
                        applicability = Applicability::Unsafe;
                        replacements.insert(0, match_case(word, &other));
                        reason = "fits the neighbouring words better than the listed correction";
                    }
                }
            }
            let rival_reason: String;
            if applicability == Applicability::Safe {
                if let Some(rival) = close_rival(word, &replacements[0]) {
                    applicability = Applicability::Unsafe;
                    rival_reason = format!(
                        "known misspelling (dictionary); `{rival}` is as close and nearly as frequent"
                    );
                    reason = &rival_reason;
                }
            }
            let message = if variant {
                format!("`{word}` is a variant spelling of `{}`", replacements[0])
            } else if applicability == Applicability::Unsafe && !ranked_reasons.is_empty() {
                format!(
                    "`{word}` is a misspelling; the neighbouring words point to `{}`",
                    replacements[0]
                )
            } else if replacements.len() == 1 {
                format!("`{word}` is a misspelling of `{}`", replacements[0])
            } else {
                let listed: Vec<String> = replacements.iter().map(|r| format!("`{r}`")).collect();
                format!("`{word}` is a misspelling of one of {}", listed.join(", "))
            };
            let mut finding = Finding::new(&META, token.span, message);
            for (n, r) in replacements.iter().enumerate() {
                let level = if n == 0 {
                    applicability
                } else {
                    Applicability::DisplayOnly
                };
                let why = ranked_reasons.get(n).map_or(reason, String::as_str);
                finding = finding.suggest(Suggestion::replace(token.span, r, level).because(why));
            }
            out.push(finding);
        }
    }
}

/// The spelling of the listed correction `c` to suggest. The lists give
/// one spelling of a word that American and British English spell apart
/// (`lisence` → `licence`, `behavour` → `behaviour`): with a dialect set,
/// its spelling; otherwise the more frequent of the two, both being
/// accepted.
fn preferred_spelling(c: &'static str, dialect: Dialect) -> &'static str {
    let lexicon = words();
    match dialect {
        Dialect::EnUs => american_of(c).unwrap_or(c),
        Dialect::EnGb => british_of(c).unwrap_or(c),
        Dialect::Any => match american_of(c).or_else(|| british_of(c)) {
            Some(other) if lexicon.zipf100(other) > lexicon.zipf100(c) => other,
            _ => c,
        },
    }
}

/// Whether the misspelling `word` of the ordinary lowercase word `listed`
/// is one of the document's names: written more than once, and capitalised
/// on its own in mid-sentence at least once (`General Mohamed siad Barre …
/// power, Siad called`). A one-off capitalised slip (`be Condamned`) and
/// misspelt names (`in Septmber`) stay misspellings.
pub(crate) fn is_document_name(
    doc: &Document<'_>,
    word: &str,
    listed: &str,
    names: &DocNames,
) -> bool {
    if casing(listed) != Casing::Lower {
        return false;
    }
    if with_folded_key(word, |key| names.standalone(key)) == 0 {
        return false;
    }
    doc.words()
        .filter(|(_, t)| {
            let w = doc.slice(t.span);
            w.get(..word.len())
                .is_some_and(|p| p.eq_ignore_ascii_case(word))
        })
        .nth(1)
        .is_some()
}

/// What the unknown-word ranker thinks of a listed single correction.
enum SecondOpinion {
    /// The listed correction is also the ranker's best (or nearly).
    Agrees,
    /// Another word fits somewhat better: not safe.
    Doubts,
    /// Another word fits clearly better: suggest it first.
    Prefers(String),
}

/// Ranks the corrections of the misspelling at token `index` as
/// `T002` would; lists carry one correction where a writer may have meant
/// another (`tham` is `than` or `them`), and the context can tell.
fn second_opinion(doc: &Document<'_>, index: usize, word: &str, listed: &str) -> SecondOpinion {
    if listed.contains([' ', '-', '\'']) || !word.is_ascii() {
        return SecondOpinion::Agrees;
    }
    let key = word.to_ascii_lowercase();
    let left = adjacent_word(doc, index, true);
    let right = adjacent_word(doc, index, false);
    let mut pool = Vec::new();
    let ranked = rank(&key, left, right, &mut pool);
    let listed_lower = listed.to_lowercase();
    let Some(best) = ranked.first() else {
        return SecondOpinion::Agrees;
    };
    if best.text.to_lowercase() == listed_lower {
        return SecondOpinion::Agrees;
    }
    let Some(listed_score) = ranked
        .iter()
        .find(|r| r.text.to_lowercase() == listed_lower)
        .map(|r| r.score)
    else {
        return SecondOpinion::Agrees; // the ranker cannot judge it
    };
    let lead = best.score - listed_score;
    if lead >= PREFER_LEAD && !best.text.contains(' ') {
        SecondOpinion::Prefers(best.text.to_string())
    } else if lead > DOUBT_LEAD {
        SecondOpinion::Doubts
    } else {
        SecondOpinion::Agrees
    }
}

/// Whether another word is as close to the misspelling as its listed
/// correction and nearly as frequent (less than [`RIVAL_ZIPF_GAP`] below
/// it): the writer may have meant that word (`ded` is `dead` or `did`,
/// `arond` is `around` or `round`), so the listed correction is probable,
/// not certain. `teh` has close words (`ten`, `tea`), all far rarer than
/// `the`.
fn close_rival(word: &str, listed: &str) -> Option<&'static str> {
    let typed = word.to_lowercase();
    let listed = listed.to_lowercase();
    let lexicon = words();
    let listed_zipf = lexicon.zipf100(&listed)?;
    let distance = u8::try_from(strsim::osa_distance(&typed, &listed)).ok()?;
    if distance == 0 || distance > 2 {
        return None;
    }
    let mut near = Vec::new();
    crate::dict::index::candidates(&typed, distance, 0, &mut near);
    near.iter()
        .find(|c| {
            c.entry.key != listed
                && c.distance <= distance
                && c.entry.has_lowercase_form()
                && u32::from(c.entry.zipf100) + RIVAL_ZIPF_GAP > u32::from(listed_zipf)
        })
        .map(|c| c.entry.key)
}

/// How much more frequent (Zipf × 100; 100 = ten times) a listed correction
/// must be than any word as close to the misspelling for the fix to be safe.
const RIVAL_ZIPF_GAP: u32 = 100;

/// Lead over the listed correction from which another word is preferred.
const PREFER_LEAD: f32 = 1.5;

/// Lead over the listed correction from which the fix is no longer safe.
const DOUBT_LEAD: f32 = 0.0;

#[cfg(test)]
mod tests {
    use crate::diagnostic::Applicability;
    use crate::testing::{assert_fires, assert_fixes_to, assert_silent};

    #[test]
    fn fires_on_known_misspellings_keeping_case() {
        assert_fires("T001", "assessing teh prospects", &["teh"]);
        assert_fixes_to("T001", "Teh cat wiht TEH hat", "The cat with THE hat");
    }

    #[test]
    fn a_close_frequent_rival_makes_the_fix_unsafe() {
        // `teh`: the close words (`ten`, `tea`) are far rarer than `the`.
        assert_eq!(super::close_rival("teh", "the"), None);
        // `ded` may be `dead` or `did`, which is more frequent still.
        assert!(super::close_rival("ded", "dead").is_some());
        let doc = crate::text::Document::new("He was ded.", crate::text::Format::Plain);
        let engine = crate::Engine::new(crate::Settings {
            select: vec!["T001".into()],
            ..crate::Settings::default()
        })
        .expect("valid settings");
        let findings = engine.check(&doc);
        assert_eq!(findings.len(), 1);
        assert!(findings[0].fix_at(Applicability::Safe).is_none());
        assert!(findings[0].fix_at(Applicability::Unsafe).is_some());
    }

    #[test]
    fn silent_on_words_and_skipped_text() {
        assert_silent("T001", "the cat with the hat");
        assert_silent("T001", "see https://example.com/teh and @teh");
    }

    #[test]
    fn context_overrules_a_doubtful_single_correction() {
        // The list says `tham` → `than`; after `told` the context wants `them`.
        let doc = crate::text::Document::new("I told tham twice.", crate::text::Format::Plain);
        let engine = crate::Engine::new(crate::Settings {
            select: vec!["T001".into()],
            ..crate::Settings::default()
        })
        .expect("known rule");
        let f = &engine.check(&doc)[0];
        assert_ne!(
            f.suggestions[0].fix.applicability(),
            crate::diagnostic::Applicability::Safe
        );
    }

    #[test]
    fn variant_spellings_are_display_only() {
        let text = "She was surprized by the connexion.";
        assert_fires("T001", text, &["surprized", "connexion"]);
        assert_fixes_to("T001", text, text);
    }

    #[test]
    fn names_of_the_document_are_not_misspellings() {
        assert_silent(
            "T001",
            "General Mohamed siad Barre took control. To centralize power, Siad banned clans.",
        );
        // A one-off capitalised slip is still a misspelling.
        assert_fires("T001", "We would be Condamned to wait.", &["Condamned"]);
    }

    #[test]
    fn a_correction_spelt_apart_follows_the_dialect() {
        use super::preferred_spelling;
        use crate::config::Dialect;
        assert_eq!(preferred_spelling("behaviour", Dialect::EnUs), "behavior");
        assert_eq!(preferred_spelling("behavior", Dialect::EnGb), "behaviour");
        // Without a dialect, the more frequent spelling of the two.
        let any = preferred_spelling("behaviour", Dialect::Any);
        assert_eq!(preferred_spelling("behavior", Dialect::Any), any);
        // A word spelt alike everywhere is left as listed.
        assert_eq!(preferred_spelling("receive", Dialect::EnUs), "receive");
    }

    #[test]
    fn valid_verb_inflections_are_not_misspellings() {
        // `suppled` is listed as a slip for `supplied`, but it is the past
        // of the verb `supple`: a valid word is never a misspelling.
        assert_silent("T001", "She suppled the leather with oil.");
        assert_silent("T001", "He was suppling the reins.");
        // An undoubled or regularised form of a common verb stays a slip.
        assert_fires("T001", "The bus stoped here.", &["stoped"]);
    }

    #[test]
    fn several_corrections_are_ranked_by_the_context() {
        // `fiel` is listed as `feel`, `field`, `file`, `phial`; after `I`
        // and before `tired`, `feel` is the clear pick: one finding, an
        // unsafe fix, the other corrections shown after it.
        let doc = crate::text::Document::new("I fiel tired today.", crate::text::Format::Plain);
        let engine = crate::Engine::new(crate::Settings::default()).expect("default settings");
        let findings = engine.check(&doc);
        assert_eq!(findings.len(), 1, "{findings:?}");
        let f = &findings[0];
        assert_eq!(f.rule.code, "T001");
        assert_eq!(f.suggestions[0].fix.edits()[0].replacement, "feel");
        assert_eq!(f.suggestions[0].fix.applicability(), Applicability::Unsafe);
        assert!(f.suggestions.len() > 1);
        assert!(f.suggestions[1..]
            .iter()
            .all(|s| s.fix.applicability() == Applicability::DisplayOnly));
    }

    #[test]
    fn older_nce_spellings_are_shown_not_fixed() {
        // `-nce` for `-nse` is how older print spelt Latinate words
        // (`expence`), as British English still spells `defence`.
        let text = "It was done at the expence of others.";
        assert_fires("T001", text, &["expence"]);
        assert_fixes_to("T001", text, text);
        // A short word so spelt is a slip.
        assert_fixes_to("T001", "It made no sence.", "It made no sense.");
    }

    #[test]
    fn several_candidates_are_display_only() {
        // `admis` may be `admits`, `admins`, `admix`: no clear pick.
        assert_fixes_to("T001", "We saw admis there.", "We saw admis there.");
        assert_fires("T001", "We saw admis there.", &["admis"]);
    }
}
