//! Configuration files, inline ignores, baselines, `--changed-since` and the
//! pre-commit oriented outputs (`github`, `diff`, `--statistics`), through the
//! built binary in throwaway directories.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::run_in;

macro_rules! snapshot {
    ($name:expr, $value:expr) => {
        insta::with_settings!({
            snapshot_path => "../snapshots/config",
            prepend_module_to_snapshot => false,
            omit_expression => true,
            filters => vec![
                (r"/tmp/\.tmp[A-Za-z0-9]+", "[TMP]"),
                // The default rule list grows with every new rule.
                (r"rules = \[[^\]]*\]", "rules = […]"),
            ],
        }, {
            insta::assert_snapshot!($name, $value);
        });
    };
}

fn write(dir: &Path, name: &str, text: &str) {
    let p = dir.join(name);
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(p, text).unwrap();
}

const TYPOS: &str = "We saw teh cat.\nIt came wiht zorblax.\n";

#[test]
fn config_file_allows_words_excludes_paths_and_overrides_rules() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "copyedit.toml",
        "select = [\"T001\"]\nexclude = [\"vendor/\"]\n[words]\nallow = [\"teh\"]\nfiles = [\"words.txt\"]\n\n[[overrides]]\npaths = [\"legal/**\"]\nignore = [\"T001\"]\n",
    );
    write(d, "words.txt", "# project words\nwiht\n");
    write(d, "a.md", "teh wiht recieve\n");
    write(d, "vendor/b.md", TYPOS);
    write(d, "legal/c.md", TYPOS);
    let r = run_in(d, &["check", "--color", "never", "."], b"");
    assert_eq!(r.code, 1, "{}", r.transcript());
    snapshot!("config_applies", r.transcript());
    // Explicit files are excluded too (pre-commit passes them one by one).
    let r = run_in(d, &["check", "vendor/b.md", "legal/c.md"], b"");
    assert_eq!(r.code, 0, "{}", r.transcript());
    // The command line wins: --select brings nothing back for legal/ (ignore
    // adds up), but --no-config does.
    let r = run_in(
        d,
        &["check", "--no-config", "--format", "json", "legal/c.md"],
        b"",
    );
    assert_eq!(r.code, 1);
}

#[test]
fn pyproject_table_and_nearest_file_win() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "pyproject.toml",
        "[project]\nname = \"x\"\n\n[tool.copyedit.words]\nallow = [\"teh\"]\n",
    );
    write(d, "sub/copyedit.toml", "[words]\nallow = [\"wiht\"]\n");
    write(d, "a.md", TYPOS);
    write(d, "sub/b.md", TYPOS);
    let r = run_in(
        d,
        &[
            "check", "--select", "T001", "--format", "github", "a.md", "sub/b.md",
        ],
        b"",
    );
    snapshot!("nearest_config", r.transcript());
}

#[test]
fn unknown_keys_are_errors_naming_key_and_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "copyedit.toml",
        "select = [\"T\"]\n\n[words]\nalow = [\"x\"]\n",
    );
    write(d, "a.md", TYPOS);
    let r = run_in(d, &["check", "a.md"], b"");
    assert_eq!(r.code, 2);
    snapshot!("unknown_key", r.transcript());
    write(d, "copyedit.toml", "dialect = \"en-au\"\n");
    let r = run_in(d, &["check", "a.md"], b"");
    assert_eq!(r.code, 2);
    snapshot!("bad_value", r.transcript());
    write(d, "copyedit.toml", "select = [\"Z9\"]\n");
    let r = run_in(d, &["check", "a.md"], b"");
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("copyedit.toml") && r.stderr.contains("`Z9`"),
        "{}",
        r.stderr
    );
}

#[test]
fn config_show_prints_effective_settings() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "copyedit.toml",
        "dialect = \"en-gb\"\nfix-level = \"unsafe\"\n[words]\nallow = [\"zorblax\"]\n[[overrides]]\npaths = [\"legal/*.md\"]\nignore = [\"T001\"]\nquotes = \"curly\"\n",
    );
    let r = run_in(d, &["config", "--show"], b"");
    assert_eq!(r.code, 0, "{}", r.stderr);
    snapshot!("show_root", r.transcript());
    let r = run_in(d, &["config", "--show", "legal/terms.md"], b"");
    snapshot!("show_override", r.transcript());
    let r = run_in(d, &["config", "--show", "--no-config"], b"");
    snapshot!("show_defaults", r.transcript());
}

#[test]
fn explicit_config_flag() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "elsewhere/ce.toml",
        "[words]\nallow = [\"teh\", \"wiht\"]\n",
    );
    write(d, "a.md", TYPOS);
    let r = run_in(
        d,
        &[
            "check",
            "--select",
            "T001",
            "--config",
            "elsewhere/ce.toml",
            "a.md",
        ],
        b"",
    );
    assert_eq!(r.code, 0, "{}", r.transcript());
    let r = run_in(d, &["check", "--config", "missing.toml", "a.md"], b"");
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("missing.toml"), "{}", r.stderr);
}

#[test]
fn inline_ignores_hold_for_check_and_fix() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let text = "teh one <!-- copyedit: ignore -->\n<!-- copyedit: off T001 -->\nteh two\n<!-- copyedit: on -->\nteh three\n";
    write(d, "a.md", text);
    let r = run_in(d, &["check", "--format", "github", "a.md"], b"");
    snapshot!("inline_ignores", r.transcript());
    let r = run_in(d, &["fix", "a.md"], b"");
    assert_eq!(r.code, 0, "{}", r.transcript());
    assert_eq!(
        fs::read_to_string(d.join("a.md")).unwrap(),
        text.replace("teh three", "the three")
    );
}

#[test]
fn baseline_records_then_reports_only_new_findings() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "a.md", "Intro line.\n\nWe saw teh cat today.\n");
    let r = run_in(d, &["check", "--baseline", "baseline.json", "a.md"], b"");
    assert_eq!(r.code, 0, "{}", r.transcript());
    snapshot!("baseline_record", r.transcript());
    snapshot!(
        "baseline_file",
        fs::read_to_string(d.join("baseline.json")).unwrap()
    );
    // Unrelated edits, even on the same line, keep the old finding quiet.
    write(
        d,
        "a.md",
        "A new first paragraph.\n\nIntro line, longer.\n\nYesterday we saw teh cat today, again.\nAnd wiht a new typo.\n",
    );
    let r = run_in(
        d,
        &[
            "check",
            "--color",
            "never",
            "--baseline",
            "baseline.json",
            "a.md",
        ],
        b"",
    );
    assert_eq!(r.code, 1);
    snapshot!("baseline_new_only", r.transcript());
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.invalid")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.invalid")
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn changed_since_checks_only_changed_lines() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    git(d, &["init", "-q"]);
    write(d, "a.md", "Old teh line.\n\nAnother old wiht line.\n");
    write(d, "b.md", "Untouched teh file.\n");
    git(d, &["add", "."]);
    git(d, &["commit", "-q", "-m", "start"]);
    write(
        d,
        "a.md",
        "Old teh line.\n\nA new recieve line.\n\nAnother old wiht line.\n",
    );
    write(d, "c.md", "An untracked adress file.\n");
    let r = run_in(
        d,
        &[
            "check",
            "--format",
            "github",
            "--changed-since",
            "HEAD",
            "a.md",
            "b.md",
            "c.md",
        ],
        b"",
    );
    assert_eq!(r.code, 1);
    snapshot!("changed_since", r.transcript());
    let r = run_in(d, &["check", "--changed-since", "no-such-rev", "a.md"], b"");
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--changed-since"), "{}", r.stderr);
}

#[test]
fn statistics_and_diff_formats() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "a.md", "teh and teh, wiht\n");
    write(d, "b.txt", "recieve teh\n");
    let r = run_in(
        d,
        &["check", "--select", "T001", "--statistics", "a.md", "b.txt"],
        b"",
    );
    assert_eq!(r.code, 1);
    snapshot!("statistics", r.transcript());
    let r = run_in(
        d,
        &[
            "check", "--select", "T001", "--format", "diff", "a.md", "b.txt",
        ],
        b"",
    );
    assert_eq!(r.code, 1);
    snapshot!("check_diff", r.transcript());
    // Nothing was written.
    assert_eq!(
        fs::read_to_string(d.join("a.md")).unwrap(),
        "teh and teh, wiht\n"
    );
}
