//! Typo rules on fixtures: what `check --select T` reports (human output)
//! and what `fix --unsafe-fixes --select T` makes of each fixture.

mod common;

use common::run;

macro_rules! snapshot {
    ($name:expr, $value:expr) => {
        insta::with_settings!({
            snapshot_path => "../snapshots/typo",
            prepend_module_to_snapshot => false,
            omit_expression => true,
        }, {
            insta::assert_snapshot!($name, $value);
        })
    };
}

#[test]
fn typo_fixtures() {
    insta::glob!("fixtures/typo/*.md", |path| {
        let text = std::fs::read(path).expect("fixture is readable");
        let checked = run(&["check", "--select", "T", "-"], &text);
        let fixed = run(&["fix", "--unsafe-fixes", "--select", "T", "-"], &text);
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("fixture name is UTF-8");
        snapshot!(
            format!("typo_{name}"),
            format!(
                "{}\n=== fix --unsafe-fixes\n{}",
                checked.transcript(),
                fixed.stdout
            )
        );
    });
}

#[test]
fn dialect_spellings_follow_the_chosen_variety() {
    let text = b"The colour of the organised labour.\n";
    let us = run(
        &["fix", "--dialect", "en-us", "--select", "T005", "-"],
        text,
    );
    assert_eq!(us.stdout, "The color of the organized labor.\n");
    let gb = run(
        &["fix", "--dialect", "en-gb", "--select", "T005", "-"],
        b"The color of the organized labor.\n",
    );
    assert_eq!(gb.stdout, "The colour of the organized labour.\n");
    let any = run(&["fix", "--select", "T005", "-"], text);
    assert_eq!(any.stdout, String::from_utf8_lossy(text));
}
