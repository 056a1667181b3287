//! `copyedit review` driven through a pseudo-terminal, as a person would use
//! it: keys are read one at a time, decisions are written atomically at the
//! end of each file, and nothing else in the file changes.

#![cfg(unix)]

use std::fs;
use std::process::Command;
use std::time::Duration;

use expectrl::{Eof, Expect, Session};

fn session(dir: &std::path::Path, args: &[&str]) -> expectrl::session::OsSession {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_copyedit"));
    cmd.arg("review").args(args).current_dir(dir);
    let mut s = Session::spawn(cmd).expect("the review session starts in a pty");
    s.set_expect_timeout(Some(Duration::from_secs(60)));
    s
}

const PROMPT: &str = "[q]uit [?] > ";

#[test]
fn accepts_two_rejects_one_and_keeps_every_other_byte() {
    let dir = tempfile::tempdir().unwrap();
    // CRLF, a BOM, non-ASCII text and no final newline: all must survive.
    let original =
        "\u{feff}We saw teh cat — “quietly”.\r\nIt came wiht a hat.\r\nCafé staff recieve mail.";
    fs::write(dir.path().join("a.md"), original).unwrap();
    let mut s = session(dir.path(), &["--color", "always", "a.md"]);
    s.expect("[1/3]").unwrap();
    let shown = s.expect(PROMPT).unwrap();
    let shown = String::from_utf8_lossy(shown.before()).to_string();
    // The coloured diff: old text in red, new text in green, plus the reason.
    assert!(shown.contains("\x1b[1;31mteh\x1b[0m"), "{shown:?}");
    assert!(shown.contains("\x1b[1;32mthe\x1b[0m"), "{shown:?}");
    assert!(shown.contains("known misspelling"), "{shown:?}");
    s.send("y").unwrap();
    s.expect("accepted").unwrap();
    s.expect("[2/3]").unwrap();
    s.expect(PROMPT).unwrap();
    s.send("n").unwrap();
    s.expect("rejected").unwrap();
    s.expect("[3/3]").unwrap();
    s.expect(PROMPT).unwrap();
    s.send("1").unwrap();
    s.expect("Wrote 2 fixes to a.md.").unwrap();
    s.expect(Eof).unwrap();
    let after = fs::read(dir.path().join("a.md")).unwrap();
    let expected = original
        .replacen("teh", "the", 1)
        .replacen("recieve", "receive", 1);
    assert_eq!(after, expected.as_bytes());
}

#[test]
fn edit_skip_and_quit() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.md"), "teh one\nteh two\n").unwrap();
    fs::write(dir.path().join("b.md"), "wiht one\nwiht two\n").unwrap();
    fs::write(dir.path().join("c.md"), "adress\n").unwrap();
    let mut s = session(dir.path(), &["--color", "never", "a.md", "b.md", "c.md"]);
    // a.md: type a replacement for the first, skip the rest of the file.
    s.expect(PROMPT).unwrap();
    s.send("e").unwrap();
    s.expect("with (empty line cancels): ").unwrap();
    s.send_line("THE").unwrap();
    s.expect("accepted").unwrap();
    s.expect(PROMPT).unwrap();
    s.send("s").unwrap();
    s.expect("Wrote 1 fix to a.md.").unwrap();
    // b.md: an unknown key shows help, then quit; c.md is never reached.
    s.expect(PROMPT).unwrap();
    s.send("z").unwrap();
    s.expect("unknown key").unwrap();
    s.send("q").unwrap();
    s.expect(Eof).unwrap();
    assert_eq!(
        fs::read_to_string(dir.path().join("a.md")).unwrap(),
        "THE one\nteh two\n"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("b.md")).unwrap(),
        "wiht one\nwiht two\n"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("c.md")).unwrap(),
        "adress\n"
    );
}

/// Every fix explains itself: `explain` documents every rule, and every
/// suggestion a reviewer is shown carries a reason.
#[test]
fn every_rule_explains_itself() {
    for rule in copyedit::rules::REGISTRY {
        let code = rule.meta().code;
        let out = Command::new(env!("CARGO_BIN_EXE_copyedit"))
            .args(["explain", code])
            .output()
            .unwrap();
        assert!(out.status.success(), "explain {code}");
        let text = String::from_utf8(out.stdout).unwrap();
        for heading in [
            "## What it flags",
            "## Why it matters",
            "## Example",
            "## Fix safety",
        ] {
            assert!(text.contains(heading), "explain {code} lacks {heading}");
        }
    }
}
