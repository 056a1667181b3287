//! `T003 lowercase-proper-noun`: a name written in lowercase (`ukraine`,
//! `putin`, `trump’s`).

use crate::diagnostic::{Applicability, Finding, Suggestion};
use crate::dict::table::WordKey;
use crate::dict::{misspellings, name_form, words};
use crate::rules::typo::known_misspelling::is_document_name;
use crate::rules::typo::{
    adjacent_word, clitic_split, is_compound_part, is_name_out_of_place, DocNames, DocWords,
};
use crate::rules::{CheckContext, Family, FixSafety, Rule, RuleMeta};
use crate::text::case::{capitalize_first, casing, with_folded_key, Casing};
use crate::text::Document;

/// Flags names written in lowercase.
#[derive(Debug)]
pub struct LowercaseProperNoun;

static META: RuleMeta = RuleMeta {
    code: "T003",
    name: "lowercase-proper-noun",
    family: Family::Typo,
    summary: "A name written in lowercase",
    explanation: r#"## What it flags
A lowercase word that is a name: the dictionaries only ever write it
capitalised (`ukraine`, `putin`, `january`), or the document writes it
capitalised in mid-sentence elsewhere and never in lowercase twice:
standing alone (`Deby`), in a longer name (`Serdar Berdimuhamedov`), or, for
a word that is also an ordinary word, three times on its own (`trump’s` in an
article about Trump) or right where a name goes (`marry fanny Price` beside
`Fanny looked`; `Miss woodhouse`; `the pacific Remote Islands` beside `US
Pacific Island`). Possessives and other clitics follow their stem. A known
misspelling is left to `T001` unless the document uses it as a name. A
rare dictionary name one edit from a frequent word, which the document never
capitalises, is left to `T002` as a likely slip (`a calm maner`).

## Why it matters
A lowercase name reads as a slip and can change the meaning (`turkey`,
`trump`).

## Example
```text
warm interactions with putin   ->   warm interactions with Putin
```

## Fix safety
Safe when the word exists only capitalised in the dictionaries and is
common, or when the lexicon does not know it in lowercase and the document
writes it capitalised on its own or twice. Unsafe for a rare dictionary name
the document also capitalises (`firefox` may be a package name), for a
name known from a single use inside a longer name, and for a common word in
the possessive or in a name's place. A common word with nothing but the
document's say-so is display-only, and so is a dictionary name right after
`a` or `an` that the document never writes capitalised (`a hugh rock`):
there it is more likely a slip of another word (`huge`).
"#,
    default_enabled: true,
    fix_safety: FixSafety::Sometimes,
};

/// Standalone mid-sentence capitalised uses that make a common word a name
/// in the document.
const MIN_DOC_USES: u32 = 3;

/// Zipf × 100 from which a dictionary name written in lowercase is a safe
/// fix (`putin` 413, `ukraine` 432; `firefox` 341 stays display-only).
const SAFE_NAME_ZIPF100: u16 = 350;

impl Rule for LowercaseProperNoun {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, doc: &Document<'_>, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let lexicon = words();
        let doc_words = ctx.words(doc);
        let lexical = doc_words.lexical();
        // Built once here (it is the same whenever it is first asked for):
        // the loop then holds a plain reference.
        let names = ctx.doc_names(doc);
        let mut lower_uses: Option<rustc_hash::FxHashMap<u64, u32>> = None;
        for i in doc_words.indices() {
            let shape = doc_words.shape(i);
            if !shape.starts_ascii_lowercase() {
                continue;
            }
            // Hot path: a word the lexicon writes in lowercase and the
            // document never capitalises mid-sentence is no name (see
            // `in_name`); its key is hashed already, so this costs a bit
            // test (and seldom a map probe), and no folding.
            let lexical = lexical[i];
            if lexical.has_lowercase_form()
                && !shape.has_apostrophe()
                && !names.capitalises_mid_sentence(doc_words.hash(i))
            {
                continue;
            }
            let token = &doc.tokens()[i];
            let word = doc.slice(token.span);
            let verdict = with_folded_key(word, |k| {
                let stem = clitic_split(k).map_or(k, |(s, _)| s);
                let common = if stem.len() == k.len() {
                    lexical.has_lowercase_form()
                } else {
                    lexicon.has_lowercase_form(stem) == Some(true)
                };
                if common && names.standalone(stem) < MIN_DOC_USES && !in_name(doc, i, stem, names)
                {
                    return None;
                }
                Some((stem.to_string(), common))
            });
            let Some((stem, common)) = verdict else {
                continue;
            };
            if shape.casing() != Casing::Lower {
                continue;
            }
            if ctx.settings.is_allowed_word(word) || stem.len() < 2 {
                continue;
            }
            let typed_stem = &word[..stem_len(word, &stem)];
            let rest = &word[typed_stem.len()..];
            // 1. Dictionary names.
            if !common {
                let entry = lexicon.get(&stem);
                if let Some(form) = dictionary_name_form(&stem) {
                    if is_compound_part(doc, i) {
                        continue; // `debian-installer`, `al-Assad`: package names, particles
                    }
                    if reads_as_slip(&stem, ctx.doc_names(doc)) {
                        continue; // `maner` for `manner`: T002 ranks it
                    }
                    // Rare names are also package names, brands used as
                    // commands, and foreign particles (`firefox`, `in toto`),
                    // unless the document itself writes the name capitalised.
                    let zipf = entry.map_or(0, |e| e.zipf100);
                    let doc_capitalises = names.anywhere(&stem) > 0;
                    let applicability =
                        if stem.len() < 3 || is_name_out_of_place(doc, names, i, &stem) {
                            Applicability::DisplayOnly
                        } else if zipf >= SAFE_NAME_ZIPF100 {
                            Applicability::Safe
                        } else if doc_capitalises {
                            Applicability::Unsafe
                        } else {
                            Applicability::DisplayOnly
                        };
                    push(
                        out,
                        token.span,
                        word,
                        &format!("{form}{rest}"),
                        applicability,
                        if doc_capitalises {
                            "the dictionaries only write it capitalised, and so does the document"
                        } else {
                            "the dictionaries only write it capitalised"
                        },
                    );
                    continue;
                }
            }
            // 2. The document's own names.
            let (mid, standalone) = (names.count(&stem), names.standalone(&stem));
            if mid == 0 {
                continue;
            }
            let lower = lower_uses.get_or_insert_with(|| count_lowercase(doc, doc_words));
            let stem_hash = WordKey::folded(&stem).hash();
            if lower.get(&stem_hash).copied().unwrap_or(0) > 1 {
                continue; // written lowercase elsewhere too: a common word
            }
            // A known misspelling is `T001`'s unless it is one of the
            // document's names (`siad` beside `power, Siad called`).
            if let Some(c) = misspellings().get(&stem) {
                if !is_document_name(doc, typed_stem, c.first(), names) {
                    continue;
                }
            }
            let applicability = if !common {
                // A word the lexicon does not know in lowercase, capitalised
                // mid-sentence elsewhere: a name (`Deby … after deby was`).
                // One use after `the` is too little (`The Presedent was`).
                if stem.len() >= 3 && (standalone >= 1 || mid >= 2) {
                    Applicability::Safe
                } else if names.in_run(&stem) >= 1 && !near_common_word(&stem) {
                    // One use inside a longer name (`Serdar Berdimuhamedov`);
                    // a slip of a common word there is a typo in a name
                    // (`Free Software Foundition`), not evidence.
                    Applicability::Unsafe
                } else {
                    continue;
                }
            } else if standalone >= MIN_DOC_USES && !follows_determiner(doc, i) {
                // A common word needs more than the document's say-so, except
                // in the possessive (`trump’s plan`), which common nouns
                // rarely take.
                if rest.is_empty() {
                    Applicability::DisplayOnly
                } else {
                    Applicability::Unsafe
                }
            } else if in_name(doc, i, &stem, names) {
                // Inside a name the document writes capitalised elsewhere
                // (`marry fanny Price` beside `Fanny looked`).
                Applicability::Unsafe
            } else {
                continue; // `the west`, `a bill`: the common word
            };
            let fixed = format!("{}{rest}", capitalize_first(typed_stem));
            push(
                out,
                token.span,
                word,
                &fixed,
                applicability,
                "the document writes it capitalised elsewhere",
            );
        }
    }
}

/// How the dictionaries write the name whose folded key is `stem`
/// (`ukraine` → `Ukraine`), if they know it only as a name.
pub(crate) fn dictionary_name_form(stem: &str) -> Option<&'static str> {
    name_form(stem).or_else(|| {
        words().get(stem).and_then(|e| {
            e.forms()
                .find(|f| casing(f.text) == Casing::Title && f.level <= 80)
                .map(|f| f.text)
        })
    })
}

/// Zipf × 100 under which a dictionary name typed in lowercase one edit
/// from a frequent lowercase word reads as a slip of that word rather than
/// as the name (`maner` → `manner`, `lise` → `lies`, `trani` → `train`).
/// Names people do write in lowercase are frequent (`putin` 413, `firefox`
/// 341, `toto` 315).
const RARE_NAME_ZIPF100: u16 = 300;

/// Whether the folded `stem`, typed in lowercase and written only
/// capitalised in the dictionaries, is more likely a slip of a frequent
/// word than a lowercased name: the name is rare, the document never
/// writes it capitalised, and one edit turns it into a frequent lowercase
/// word. `T003` leaves such words to `T002`, which ranks the corrections.
pub(crate) fn reads_as_slip(stem: &str, names: &DocNames) -> bool {
    stem.len() >= 3
        && words().zipf100(stem).unwrap_or(0) < RARE_NAME_ZIPF100
        && names.anywhere(stem) == 0
        && near_common_word(stem)
}

/// Whether one edit (insertion, deletion, substitution or transposition of
/// ASCII letters) turns the folded `word` into a frequent lowercase word
/// (`foundition` → `foundation`, `bron` → `born`). Runs only on rare
/// words: names typed in lowercase, or known from one use inside a name.
fn near_common_word(word: &str) -> bool {
    if !word.is_ascii() {
        return false;
    }
    let lexicon = words();
    let b = word.as_bytes();
    let mut buf: Vec<u8> = Vec::with_capacity(b.len() + 1);
    let check =
        |buf: &Vec<u8>| std::str::from_utf8(buf).is_ok_and(|w| lexicon.is_common_lowercase(w));
    for i in 0..=b.len() {
        for c in b'a'..=b'z' {
            buf.clear();
            buf.extend_from_slice(&b[..i]);
            buf.push(c);
            buf.extend_from_slice(&b[i..]);
            if check(&buf) {
                return true;
            }
            if i < b.len() {
                buf.clear();
                buf.extend_from_slice(b);
                buf[i] = c;
                if check(&buf) {
                    return true;
                }
            }
        }
        if i < b.len() {
            buf.clear();
            buf.extend_from_slice(&b[..i]);
            buf.extend_from_slice(&b[i + 1..]);
            if check(&buf) {
                return true;
            }
        }
        if i + 1 < b.len() {
            buf.clear();
            buf.extend_from_slice(b);
            buf.swap(i, i + 1);
            if check(&buf) {
                return true;
            }
        }
    }
    false
}

/// Titles that introduce a name (`Miss woodhouse`).
const HONORIFICS: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "sir",
    "lady",
    "lord",
    "dame",
    "madam",
    "captain",
    "colonel",
    "general",
    "president",
    "king",
    "queen",
    "prince",
    "princess",
    "saint",
    "st",
];

/// Whether the lowercase word at `index` (folded `stem`) sits inside a name
/// the document writes capitalised elsewhere: right after an honorific
/// (`Miss woodhouse`), or right before a capitalised word when the document
/// uses the word as a name of its own (`Fanny looked` … `marry fanny Price`)
/// or to head a longer name (`US Pacific Island` … `the pacific Remote
/// Islands`) and the lexicon knows it capitalised. `trade union Solidarity`
/// beside `the Soviet Union in` is neither.
fn in_name(doc: &Document<'_>, index: usize, stem: &str, names: &DocNames) -> bool {
    if names.count(stem) == 0 {
        return false;
    }
    if adjacent_word(doc, index, true).is_some_and(|w| {
        casing(w) == Casing::Title && HONORIFICS.iter().any(|h| w.eq_ignore_ascii_case(h))
    }) {
        return true;
    }
    let capitalised_next = adjacent_word(doc, index, false)
        .is_some_and(|w| w.len() >= 2 && casing(w) == Casing::Title);
    capitalised_next
        && (names.standalone(stem) > 0 || names.leading(stem) > 0)
        && words()
            .get(stem)
            .is_some_and(|e| e.forms().any(|f| casing(f.text) == Casing::Title))
}

fn follows_determiner(doc: &Document<'_>, index: usize) -> bool {
    adjacent_word(doc, index, true).is_some_and(|w| {
        [
            "the", "a", "an", "this", "that", "these", "those", "its", "their", "our",
        ]
        .iter()
        .any(|d| w.eq_ignore_ascii_case(d))
    })
}

fn push(
    out: &mut Vec<Finding>,
    span: crate::text::Span,
    word: &str,
    fixed: &str,
    applicability: Applicability,
    why: &str,
) {
    out.push(
        Finding::new(
            &META,
            span,
            format!("`{word}` is a name written in lowercase"),
        )
        .suggest(Suggestion::replace(span, fixed, applicability).because(why)),
    );
}

/// Byte length in `word` of the folded `stem` (same number of chars).
fn stem_len(word: &str, stem: &str) -> usize {
    let n = stem.chars().count();
    word.char_indices().nth(n).map_or(word.len(), |(at, _)| at)
}

/// Lowercase uses per folded stem, keyed by the hash of the stem's key (as
/// [`DocNames`] keys words): counting folds and copies nothing.
fn count_lowercase(doc: &Document<'_>, words: &DocWords) -> rustc_hash::FxHashMap<u64, u32> {
    let mut map = rustc_hash::FxHashMap::default();
    for i in words.indices() {
        if words.shape(i).casing() == Casing::Lower {
            *map.entry(words.stem_hash(i, doc.token_text(i)))
                .or_insert(0) += 1;
        }
    }
    map
}

#[cfg(test)]
mod tests {
    use crate::testing::{assert_fires, assert_fixes_to, assert_silent};

    #[test]
    fn a_name_after_an_indefinite_article_is_only_shown() {
        // `a hugh rock` is a slip of `huge` rather than the name `Hugh`.
        let text = "On the shore stood a hugh rock.";
        assert_fires("T003", text, &["hugh"]);
        assert_fixes_to("T003", text, text);
        // Unless the document writes the name capitalised.
        assert_fixes_to(
            "T003",
            "Picasso painted it. They bought a picasso for the hall.",
            "Picasso painted it. They bought a Picasso for the hall.",
        );
    }

    #[test]
    fn dictionary_names_are_capitalised() {
        assert_fires("T003", "talks with putin in ukraine", &["putin", "ukraine"]);
        assert_fixes_to(
            "T003",
            "talks with putin’s envoy in ukraine",
            "talks with Putin’s envoy in Ukraine",
        );
    }

    #[test]
    fn document_names_are_capitalised() {
        let text = "He said Trump was late. Aides say Trump is back. Today aides knew \
                    Trump had won. But trump’s plan stayed.";
        assert_fires("T003", text, &["trump’s"]);
        assert_fixes_to("T003", text, &text.replace("trump’s", "Trump’s"));
    }

    #[test]
    fn names_the_document_capitalises_once() {
        let text = "Later Serdar Berdimuhamedov took over from gurbanguly berdimuhamedov.";
        assert_fixes_to(
            "T003",
            text,
            "Later Serdar Berdimuhamedov took over from gurbanguly Berdimuhamedov.",
        );
        // A typo inside a name is no evidence for the typo elsewhere.
        assert_silent(
            "T003",
            "He led the Free Software Foundition, a foundition of hackers.",
        );
        // A single use after `the` is none either.
        assert_silent(
            "T003",
            "The new presedent came. We met the Presedent there.",
        );
    }

    #[test]
    fn silent_on_common_words_and_names_used_once() {
        assert_silent("T003", "the turkey and the bill of may");
        assert_silent("T003", "They met Bill. A bill passed. Another bill failed.");
        assert_silent("T003", "Putin’s envoy met Ukraine’s leader.");
    }
}
