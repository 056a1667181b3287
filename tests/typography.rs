//! Typography and Unicode rules (Q, U) on the fixtures in
//! `tests/fixtures/typography/`: a snapshot of what `check` reports and of
//! what `fix --unsafe-fixes` makes of each file. Also asserts that fixes
//! converge and that fixing twice changes nothing.

use copyedit::diagnostic::Applicability;
use copyedit::render::human::{render_finding, Style};
use copyedit::source::Origin;
use copyedit::text::{Document, Format};
use copyedit::{Engine, Settings};

fn engine(level: Applicability) -> Engine {
    Engine::new(Settings {
        select: vec!["Q".into(), "U".into()],
        fix_level: level,
        ..Settings::default()
    })
    .expect("Q and U are known selectors")
}

fn name_of(path: &std::path::Path) -> String {
    format!(
        "fixtures/typography/{}",
        path.file_name().unwrap().to_string_lossy()
    )
}

#[test]
fn typography_findings() {
    insta::with_settings!({
        snapshot_path => "../snapshots/typography",
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        insta::glob!("fixtures/typography/*", |path| {
            let text = std::fs::read_to_string(path).unwrap();
            let format = Format::from_path(path);
            let doc = Document::new(&text, format);
            let origin = Origin::File(name_of(path).into());
            let findings = engine(Applicability::Unsafe).check(&doc);
            let mut out = String::new();
            for f in &findings {
                out.push_str(&render_finding(
                    &origin,
                    &doc,
                    f,
                    Applicability::Unsafe,
                    Style { color: false },
                ));
                out.push('\n');
            }
            insta::assert_snapshot!(out);
        });
    });
}

#[test]
fn typography_fixes() {
    insta::with_settings!({
        snapshot_path => "../snapshots/typography",
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        insta::glob!("fixtures/typography/*", |path| {
            let text = std::fs::read_to_string(path).unwrap();
            let format = Format::from_path(path);
            let engine = engine(Applicability::Unsafe);
            let fixed = engine.fix(&text, format).expect("fixes converge");
            let again = engine.fix(&fixed.text, format).expect("fixes converge");
            assert_eq!(again.text, fixed.text, "fixing twice changes nothing");
            assert_eq!(again.applied, 0);
            insta::assert_snapshot!(fixed.text);
        });
    });
}
