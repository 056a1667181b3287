//! Spun-prose rules on fixture files: human output of `check --select S`
//! and the text `fix --unsafe-fixes --select S` produces ("unspun"), plus
//! the phrasebook matcher on a fixture phrasebook.

mod common;

use std::fs;

use common::root;
use copyedit::diagnostic::Applicability;
use copyedit::dict::phrases::Phrasebook;
use copyedit::text::{Document, Format};
use copyedit::{Engine, Settings};

macro_rules! snapshot {
    ($name:expr, $value:expr) => {
        insta::with_settings!({
            snapshot_path => "../snapshots/spun",
            prepend_module_to_snapshot => false,
            omit_expression => true,
        }, {
            insta::assert_snapshot!($name, $value);
        });
    };
}

fn fixtures() -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(root().join("tests/fixtures/spun"))
        .expect("fixture directory exists")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt") || n.ends_with(".md"))
        .collect();
    names.sort();
    names
}

fn engine(level: Applicability) -> Engine {
    Engine::new(Settings {
        select: vec!["S".to_string()],
        fix_level: level,
        ..Settings::default()
    })
    .expect("S selects the spin rules")
}

fn format_of(name: &str) -> Format {
    if name.ends_with(".md") {
        Format::Markdown
    } else {
        Format::Plain
    }
}

/// Findings (position, code, severity, flagged text, first suggestion), the
/// verdict, and the unspun text.
fn transcript(name: &str, text: &str) -> String {
    let format = format_of(name);
    let doc = Document::new(text, format);
    let report = engine(Applicability::Unsafe).report(&doc);
    let mut out = format!(
        "spin score {:.3}, spun: {}\n--- findings\n",
        report.spin.score, report.spin.spun
    );
    for f in &report.findings {
        let lc = doc.line_col(f.span.start);
        let sug = f
            .suggestions
            .first()
            .map_or(String::new(), |s| format!(" -> {} ({})", s.title, s.reason));
        out.push_str(&format!(
            "{}:{} {} {} {}{}\n",
            lc.line,
            lc.column,
            f.rule.code,
            f.severity.as_str(),
            f.message,
            sug
        ));
    }
    let fixed = engine(Applicability::Unsafe)
        .fix(text, format)
        .expect("fixes converge");
    let again = engine(Applicability::Unsafe)
        .fix(&fixed.text, format)
        .expect("fixes converge");
    assert_eq!(again.text, fixed.text, "{name}: fixing twice changes more");
    out.push_str("--- unspun\n");
    out.push_str(&fixed.text);
    out
}

#[test]
fn check_and_unspin_fixtures() {
    for name in fixtures() {
        let text = fs::read_to_string(root().join("tests/fixtures/spun").join(&name)).unwrap();
        snapshot!(format!("spun@{name}"), transcript(&name, &text));
    }
}

#[test]
fn clean_fixture_is_not_spun_and_spun_fixture_is() {
    let report = |name: &str| {
        let text = fs::read_to_string(root().join("tests/fixtures/spun").join(name)).unwrap();
        engine(Applicability::Safe).report_text(&text, format_of(name))
    };
    let clean = report("clean_news.txt");
    assert!(clean.findings.is_empty(), "{:?}", clean.findings);
    assert!(!clean.spin.spun);
    let spun = report("spun_article.txt");
    assert!(spun.spin.spun && spun.spin.score >= 0.9, "{:?}", spun.spin);
}

#[test]
fn fixture_phrasebook_parses_and_matches() {
    let src = fs::read_to_string(root().join("tests/fixtures/spun/phrasebook.tsv")).unwrap();
    assert!(Phrasebook::check(&src).is_empty());
    let book = Phrasebook::parse(&src);
    assert_eq!(book.len(), 5);
    let mut out = Vec::new();
    book.find_in(
        "met in the oval workplace\nas a substitute of the primary",
        &mut out,
    );
    let found: Vec<String> = out
        .iter()
        .flat_map(|m| book.entries_of(m))
        .map(|e| e.original.to_string())
        .collect();
    assert_eq!(found, ["Oval Office", "instead of", "the first"]);
}
