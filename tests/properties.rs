//! Property tests: `check` and `fix` keep their invariants (see
//! `tests/support/invariants.rs`) on generated prose-like text, on arbitrary
//! Unicode, and on randomly mutated seed texts, with every rule selected, at
//! both fix levels and in every format.
//!
//! Case counts follow `PROPTEST_CASES` (default 64 per property here, to keep
//! CI fast). With `COPYEDIT_EVAL_DIR` set to the shared benchmark folder,
//! `benchmark_texts_keep_invariants` also runs every benchmark text once.

#[path = "support/invariants.rs"]
mod invariants;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use copyedit::diagnostic::Applicability;
use copyedit::text::Format;
use copyedit::Engine;
use proptest::prelude::*;

use invariants::{verify, FORMATS};

fn engines() -> &'static [Engine; 2] {
    static E: OnceLock<[Engine; 2]> = OnceLock::new();
    E.get_or_init(|| {
        [
            invariants::engine(Applicability::Safe),
            invariants::engine(Applicability::Unsafe),
        ]
    })
}

fn seeds() -> &'static [String] {
    static S: OnceLock<Vec<String>> = OnceLock::new();
    S.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
        let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
            .expect("samples/ exists")
            .map(|e| e.expect("readable entry").path())
            .collect();
        paths.sort();
        paths
            .iter()
            .map(|p| std::fs::read_to_string(p).expect("seed texts are UTF-8"))
            .collect()
    })
}

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64);
    ProptestConfig {
        cases,
        // Shrinking a text through the whole engine is slow; a failure
        // prints the input, which is shrunk enough to read.
        max_shrink_iters: 256,
        ..ProptestConfig::default()
    }
}

/// Pieces of damaged and undamaged prose, weighted toward what the rules
/// look at.
const WORDS: &[&str] = &[
    "the",
    "The",
    "a",
    "an",
    "and",
    "of",
    "to",
    "in",
    "is",
    "it",
    "its",
    "it's",
    "I",
    "i",
    "you",
    "he",
    "she",
    "they",
    "their",
    "there",
    "they're",
    "was",
    "were",
    "be",
    "said",
    "would",
    "could",
    "people",
    "because",
    "however",
    "Putin",
    "Trump",
    "Ukraine",
    "U.S.",
    "Mr.",
    "Dr.",
    "e.g.",
    "i.e.",
    "etc.",
    "color",
    "colour",
    "organize",
    "organise",
    "teh",
    "Teh",
    "TEH",
    "recieve",
    "Recieve",
    "wiht",
    "definately",
    "occured",
    "seperate",
    "alot",
    "dont",
    "cant",
    "wont",
    "thier",
    "beleive",
    "accomodate",
    "untill",
    "neccessary",
    "acheive",
    "goverment",
    "enviroment",
    "the the",
    "a a",
    "big data",
    "artificial intelligence",
    "colossal information",
    "counterfeit consciousness",
    "profound learning",
    "irregular woodland",
    "bosom disease",
    "haphazard forest",
    "rock-and-roll",
    "well-known",
    "o'clock",
    "rock 'n' roll",
    "ma'am",
    "Ca\u{301}fe\u{301}",
    "naïve",
    "café",
    "Zoë",
    "ﬁnd",
    "Ｆｕｌｌ",
];

const PIECES: &[&str] = &[
    // Spaces and line breaks.
    " ",
    " ",
    " ",
    "  ",
    "   ",
    "\t",
    "\u{a0}",
    "\u{2009}",
    "\u{202f}",
    "\u{3000}",
    "\n",
    "\n",
    "\r\n",
    "\n\n",
    "\r\n\r\n",
    "\r",
    " \n",
    "\u{2028}",
    "\u{85}",
    // Quotes and apostrophes.
    "\"",
    "\"",
    "'",
    "'",
    "“",
    "”",
    "‘",
    "’",
    "«",
    "»",
    "„",
    "‚",
    "``",
    "''",
    "′",
    "″",
    "`",
    // Dashes.
    "-",
    "--",
    "---",
    "–",
    "—",
    " - ",
    " -- ",
    " — ",
    "‐",
    "−",
    // Punctuation runs.
    ".",
    ".",
    ",",
    ",",
    "...",
    "…",
    ". . .",
    "!!",
    "?!",
    "!?",
    ";",
    ":",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",,",
    " ,",
    " .",
    "..",
    "?",
    "!",
    "/",
    "&",
    "%",
    "$",
    "#",
    "@",
    "*",
    "_",
    "~",
    // Mojibake-like sequences.
    "â€™",
    "â€œ",
    "â€\u{9d}",
    "â€˜",
    "â€”",
    "â€“",
    "â€¦",
    "Ã©",
    "Ã¨",
    "Ã¼",
    "Ã",
    "Â",
    "Â ",
    "Ã¢â‚¬â„¢",
    "ï»¿",
    "Ã‚Â",
    "�",
    "\u{fffd}\u{fffd}",
    // HTML entities.
    "&amp;",
    "&#8217;",
    "&rsquo;",
    "&ldquo;",
    "&nbsp;",
    "&quot;",
    "&#x2019;",
    "&lt;",
    "&gt;",
    "&#39;",
    "&mdash;",
    "&#0;",
    "&#xD800;",
    "&#99999999;",
    "&;",
    "&amp;amp;",
    // Invisible and formatting characters, combining marks.
    "\u{200b}",
    "\u{200c}",
    "\u{200d}",
    "\u{feff}",
    "\u{ad}",
    "\u{2060}",
    "\u{202e}",
    "\u{202a}",
    "\u{e000}",
    "\u{301}",
    "\u{308}\u{308}",
    "\u{345}",
    "e\u{301}",
    "\u{1f44d}\u{1f3fd}",
    "\u{1f468}\u{200d}\u{1f469}",
    "\u{fe0f}",
    "\u{0}",
    "\u{7}",
    "\u{1b}[31m",
    // Markup and things the tokenizer skips.
    "`code`",
    "```\n",
    "~~~\n",
    "    ",
    "# ",
    "## ",
    "* ",
    "- ",
    "1. ",
    "> ",
    "[x](http://a.b)",
    "![i](p.png)",
    "<b>",
    "</b>",
    "<p>",
    "</p>",
    "<br/>",
    "<!--",
    "-->",
    "<script>",
    "</script>",
    "<style>",
    "<a href=\"x\">",
    "<pre>",
    "</pre>",
    "---\n",
    "+++\n",
    "| a | b |\n",
    "|---|\n",
    "[^1]",
    "[^1]: ",
    "http://example.com/it's",
    "https://x.org/a?b=c&d",
    "www.a.com",
    "me@example.org",
    "<",
    ">",
    "\\",
    "<!DOCTYPE html>",
    "<![CDATA[",
    "]]>",
    "$x$",
    // Numbers.
    "1",
    "42",
    "1,000",
    "3.14",
    "1990s",
    "'90s",
    "5'10\"",
    "2-3",
    "10:30",
    "1st",
    "½",
    "2×3",
];

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => proptest::sample::select(WORDS).prop_map(String::from),
        8 => proptest::sample::select(PIECES).prop_map(String::from),
        1 => any::<char>().prop_map(String::from),
        1 => "\\PC{1,6}",
    ]
}

/// Prose-like text: a run of fragments.
fn prose() -> impl Strategy<Value = String> {
    proptest::collection::vec(fragment(), 0..80).prop_map(|v| v.concat())
}

/// One edit to a text, positions as fractions of its length.
#[derive(Clone, Debug)]
enum Mutation {
    Insert(f64, String),
    Delete(f64, usize),
    Duplicate(f64, usize),
    Replace(f64, usize, String),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        4 => (0.0..1.0, fragment()).prop_map(|(p, s)| Mutation::Insert(p, s)),
        2 => (0.0..1.0, 1usize..40).prop_map(|(p, n)| Mutation::Delete(p, n)),
        1 => (0.0..1.0, 1usize..200).prop_map(|(p, n)| Mutation::Duplicate(p, n)),
        3 => (0.0..1.0, 1usize..4, fragment()).prop_map(|(p, n, s)| Mutation::Replace(p, n, s)),
    ]
}

/// The char boundary nearest below `frac` of the text.
fn boundary(text: &str, frac: f64) -> usize {
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    let mut i = ((text.len() as f64) * frac) as usize;
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The char boundary `chars` chars after `from` (or the end).
fn forward(text: &str, from: usize, chars: usize) -> usize {
    text[from..]
        .char_indices()
        .nth(chars)
        .map_or(text.len(), |(i, _)| from + i)
}

fn mutate(text: &str, mutations: &[Mutation]) -> String {
    let mut t = text.to_string();
    for m in mutations {
        match m {
            Mutation::Insert(p, s) => {
                let at = boundary(&t, *p);
                t.insert_str(at, s);
            }
            Mutation::Delete(p, n) => {
                let at = boundary(&t, *p);
                let end = forward(&t, at, *n);
                t.replace_range(at..end, "");
            }
            Mutation::Duplicate(p, n) => {
                let at = boundary(&t, *p);
                let end = forward(&t, at, *n);
                let copy = t[at..end].to_string();
                t.insert_str(end, &copy);
            }
            Mutation::Replace(p, n, s) => {
                let at = boundary(&t, *p);
                let end = forward(&t, at, *n);
                t.replace_range(at..end, s);
            }
        }
    }
    t
}

fn assert_invariants(text: &str) -> Result<(), TestCaseError> {
    for engine in engines() {
        for format in FORMATS {
            if let Err(why) = verify(engine, text, format) {
                return Err(TestCaseError::fail(format!(
                    "{why}\n  level: {:?}, format: {format:?}\n  text: {text:?}",
                    engine.settings().fix_level
                )));
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn prose_like_text_keeps_invariants(text in prose()) {
        assert_invariants(&text)?;
    }

    #[test]
    fn arbitrary_unicode_keeps_invariants(text in "\\PC{0,200}|.{0,200}") {
        assert_invariants(&text)?;
    }

    #[test]
    fn mutated_seed_texts_keep_invariants(
        seed in any::<prop::sample::Index>(),
        mutations in proptest::collection::vec(mutation(), 1..24),
        window in (0.0f64..1.0, 200usize..3000),
    ) {
        let seeds = seeds();
        let seed = &seeds[seed.index(seeds.len())];
        // A window of the seed keeps each case fast; mutations go inside it.
        let start = boundary(seed, window.0 * 0.9);
        let end = forward(seed, start, window.1);
        let text = mutate(&seed[start..end], &mutations);
        assert_invariants(&text)?;
    }
}

#[test]
fn whole_seed_texts_keep_invariants() {
    for (i, seed) in seeds().iter().enumerate() {
        for engine in engines() {
            for format in FORMATS {
                if let Err(why) = verify(engine, seed, format) {
                    panic!(
                        "seed {i}: {why} (level {:?}, {format:?})",
                        engine.settings().fix_level
                    );
                }
            }
        }
    }
}

#[test]
fn mutation_helpers_stay_on_char_boundaries() {
    let t = "añb€c";
    for f in [0.0, 0.2, 0.4, 0.5, 0.7, 0.99, 1.0] {
        assert!(t.is_char_boundary(boundary(t, f)));
    }
    assert_eq!(forward(t, 1, 1), 3);
    assert_eq!(forward(t, 1, 99), t.len());
    let m = mutate(
        t,
        &[
            Mutation::Insert(0.5, "’".into()),
            Mutation::Delete(0.1, 2),
            Mutation::Duplicate(0.0, 3),
            Mutation::Replace(0.9, 1, "—".into()),
        ],
    );
    assert!(!m.is_empty());
}

/// Every text of the shared benchmarks, once, when `COPYEDIT_EVAL_DIR` names
/// the folder (never in CI: the texts are not part of the repository).
#[test]
fn benchmark_texts_keep_invariants() {
    let Some(dir) = std::env::var_os("COPYEDIT_EVAL_DIR") else {
        return;
    };
    let mut texts = Vec::new();
    collect_benchmark_texts(Path::new(&dir), &mut texts);
    assert!(!texts.is_empty(), "no benchmark text under {dir:?}");
    let mut failures = Vec::new();
    for (i, text) in texts.iter().enumerate() {
        for engine in engines() {
            for format in [Format::Plain, Format::Markdown] {
                if let Err(why) = verify(engine, text, format) {
                    failures.push(format!(
                        "text {i}: {why} ({:?}, {format:?}): {:?}",
                        engine.settings().fix_level,
                        text.chars().take(200).collect::<String>()
                    ));
                }
            }
        }
    }
    eprintln!(
        "{} benchmark texts checked, {} failures",
        texts.len(),
        failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Lines of `*.txt` files and string fields named `input`/`text` of
/// `*.jsonl` files, recursively.
fn collect_benchmark_texts(dir: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            collect_benchmark_texts(&p, out);
            continue;
        }
        let Ok(body) = std::fs::read_to_string(&p) else {
            continue;
        };
        match p.extension().and_then(|e| e.to_str()) {
            Some("txt") if p.file_name().is_some_and(|n| n == "input.txt") => {
                out.extend(body.lines().map(String::from));
            }
            Some("jsonl") => {
                for line in body.lines() {
                    let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
                        continue;
                    };
                    for key in ["input", "text", "damaged", "original"] {
                        if let Some(s) = v.get(key).and_then(|s| s.as_str()) {
                            out.push(s.to_string());
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

/// Findings of one document do not depend on what the same thread checked
/// before. Regression (fuzz crash ce4714c4): the spin analysis was cached
/// per thread by text alone, so a text checked as plain text and then as
/// Markdown got the plain-text spin findings, inside a code span too.
#[test]
fn findings_do_not_depend_on_the_previous_document() {
    let text = "# Spintax\n\nFires: the report was {quick|fast|rapid} and clear.\n\
                Silent: code `{a|b}` stays.\n";
    let engine = &engines()[1];
    let findings = |before: Option<Format>, format: Format| {
        std::thread::scope(|s| {
            s.spawn(|| {
                if let Some(b) = before {
                    let _ = engine.check(&copyedit::text::Document::new(text, b));
                }
                let doc = copyedit::text::Document::new(text, format);
                engine
                    .check(&doc)
                    .iter()
                    .map(|f| format!("{} {:?} {}", f.rule.code, f.span, f.message))
                    .collect::<Vec<_>>()
            })
            .join()
            .expect("check does not panic")
        })
    };
    for format in FORMATS {
        let fresh = findings(None, format);
        for before in FORMATS {
            assert_eq!(
                findings(Some(before), format),
                fresh,
                "{format:?} after {before:?}"
            );
        }
    }
}
