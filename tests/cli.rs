//! CLI tests on the built binary: output formats on the seed articles, fix as
//! a filter, diff, exit codes, directory walks and per-file errors.

mod common;

use std::fs;

use common::{root, run, run_in};

const SEED_001: &str = "samples/001_e7fa3d57873a640b.txt";

macro_rules! snapshot {
    ($name:expr, $value:expr) => {
        insta::with_settings!({
            snapshot_path => "../snapshots/cli",
            prepend_module_to_snapshot => false,
            omit_expression => true,
            filters => vec![(r"/tmp/\.tmp[A-Za-z0-9]+", "[TMP]")],
        }, {
            insta::assert_snapshot!($name, $value);
        });
    };
}

#[test]
fn check_human_on_the_seeds() {
    let r = run(&["check", "--color", "never", "samples/"], b"");
    assert_eq!(r.code, 1);
    snapshot!("check_human_seeds", r.transcript());
}

#[test]
fn check_json_on_the_seeds() {
    let r = run(&["check", "--format", "json", "samples/"], b"");
    assert_eq!(r.code, 1);
    for line in r.stdout.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("every line is JSON");
        assert!(v["type"].is_string(), "{line}");
    }
    snapshot!("check_json_seeds", r.transcript());
}

#[test]
fn json_spans_point_at_the_flagged_bytes() {
    let text = fs::read_to_string(root().join(SEED_001)).unwrap();
    let r = run(&["check", "--format", "json", SEED_001], b"");
    let mut seen = Vec::new();
    for line in r.stdout.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        if v["type"] == "finding" && v["rule"] == "T001" {
            let (s, e) = (
                v["span"]["start"].as_u64().unwrap() as usize,
                v["span"]["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(&text[s..e], v["text"].as_str().unwrap());
            let sug = &v["suggestions"][0];
            assert_eq!(sug["applicability"], "safe");
            seen.push((
                text[s..e].to_string(),
                sug["edits"][0]["replacement"].as_str().unwrap().to_string(),
            ));
        }
    }
    assert_eq!(
        seen,
        [
            ("teh".to_string(), "the".to_string()),
            ("wiht".to_string(), "with".to_string())
        ]
    );
}

#[test]
fn fix_stdin_is_a_filter_that_changes_exactly_the_typos() {
    let text = fs::read_to_string(root().join(SEED_001)).unwrap();
    let r = run(&["fix", "--select", "T001", "-"], text.as_bytes());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let expected = text.replacen("teh", "the", 1).replacen("wiht", "with", 1);
    assert_eq!(r.stdout, expected);
    snapshot!("fix_stdin_stderr", r.stderr);
}

#[test]
fn diff_is_a_patch_that_patch_accepts() {
    let r = run(&["diff", "--select", "T001", SEED_001], b"");
    assert_eq!(r.code, 1);
    snapshot!("diff_seed_001", r.transcript());
    // `patch -p1 --dry-run` accepts it, run from the repository root.
    if std::process::Command::new("patch")
        .arg("--version")
        .output()
        .is_ok()
    {
        let mut child = std::process::Command::new("patch")
            .args(["-p1", "--dry-run"])
            .current_dir(root())
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(r.stdout.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
}

#[test]
fn exit_codes() {
    assert_eq!(run(&["check", "-"], b"All good here.\n").code, 0);
    assert_eq!(run(&["check", "-"], b"Teh end.\n").code, 1);
    assert_eq!(run(&["check", "--exit-zero", "-"], b"Teh end.\n").code, 0);
    assert_eq!(run(&["check", "no/such/file.txt"], b"").code, 2);
    assert_eq!(run(&["check", "--select", "Z9", "-"], b"x").code, 2);
    assert_eq!(run(&["diff", "-"], b"Fine.\n").code, 0);
    assert_eq!(run(&["fix", "-"], b"Teh end.\n").code, 0);
    assert_eq!(run(&["explain", "nope"], b"").code, 2);
}

#[test]
fn walk_skips_binary_hidden_and_ignored_files_and_reports_bad_ones() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join(".gitignore"), "ignored.txt\n").unwrap();
    fs::write(d.join("a.txt"), "teh first\n").unwrap();
    fs::write(d.join("ignored.txt"), "teh ignored\n").unwrap();
    fs::write(d.join(".hidden.txt"), "teh hidden\n").unwrap();
    fs::write(d.join("image.txt"), b"teh\0\x01\x02binary").unwrap();
    fs::write(d.join("code.rs"), "// teh not prose\n").unwrap();
    fs::write(d.join("latin1.txt"), b"caf\xe9 teh\n").unwrap();
    fs::create_dir(d.join("sub")).unwrap();
    fs::write(d.join("sub/b.md"), "teh second `teh`\n").unwrap();
    let r = run_in(d, &["check", "--format", "json", "."], b"");
    assert_eq!(r.code, 2, "an unreadable file makes the exit code 2");
    snapshot!("walk_json", r.transcript());
}

#[test]
fn unreadable_file_is_reported_and_the_rest_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("bad.txt"), b"\xff\xfe bad").unwrap();
    fs::write(d.join("good.txt"), "wiht you\n").unwrap();
    let r = run_in(
        d,
        &[
            "check",
            "--color",
            "never",
            "bad.txt",
            "missing.txt",
            "good.txt",
        ],
        b"",
    );
    assert_eq!(r.code, 2);
    snapshot!("unreadable_human", r.transcript());
}

#[test]
fn fix_in_place_keeps_crlf_bom_final_newline_and_permissions() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let cases: [(&str, &[u8], &[u8]); 3] = [
        (
            "crlf.txt",
            b"teh one\r\nwiht two\r\n",
            b"the one\r\nwith two\r\n",
        ),
        (
            "bom.txt",
            "\u{feff}teh start".as_bytes(),
            "\u{feff}the start".as_bytes(),
        ),
        ("clean.md", b"nothing to do", b"nothing to do"),
    ];
    for (name, before, _) in &cases {
        fs::write(d.join(name), before).unwrap();
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(d.join("crlf.txt"), fs::Permissions::from_mode(0o600)).unwrap();
    }
    // Only T001: this test is about what fixing preserves, not about the rules.
    let r = run_in(d, &["fix", "--select", "T001", "."], b"");
    assert_eq!(r.code, 0, "{}", r.transcript());
    for (name, _, after) in &cases {
        assert_eq!(fs::read(d.join(name)).unwrap(), *after, "{name}");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(d.join("crlf.txt"))
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(mode, 0o600);
    }
    // Fixing again changes nothing.
    let again = run_in(d, &["fix", "--select", "T001", "."], b"");
    assert!(
        again.stderr.starts_with("Fixed 0 findings"),
        "{}",
        again.stderr
    );
}

/// A leading byte order mark is a file's signature, kept; on standard input
/// (no file of its own) it goes with unsafe fixes; in a JSON field of a dump
/// it goes with safe ones. A BOM anywhere else is junk in all three.
#[test]
fn a_leading_bom_is_kept_in_files_only() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let text = "\u{feff}One\u{feff} two.\n";
    fs::write(d.join("a.txt"), text).unwrap();
    let r = run_in(d, &["fix", "--unsafe-fixes", "--select", "U003", "."], b"");
    assert_eq!(r.code, 0, "{}", r.transcript());
    assert_eq!(
        fs::read_to_string(d.join("a.txt")).unwrap(),
        "\u{feff}One two.\n"
    );
    let args = ["fix", "--select", "U003", "-"];
    let safe = run_in(d, &args, text.as_bytes());
    assert_eq!(safe.stdout, "\u{feff}One two.\n");
    assert_eq!(
        safe.code,
        1,
        "the leading BOM remains: {}",
        safe.transcript()
    );
    let unsafe_ = run_in(
        d,
        &["fix", "--unsafe-fixes", "--select", "U003", "-"],
        text.as_bytes(),
    );
    assert_eq!(unsafe_.stdout, "One two.\n");
    let record = "{\"text\":\"\u{feff}One\u{feff} two.\"}\n";
    let dump = run_in(d, &["dump", "--select", "U003", "-"], record.as_bytes());
    assert!(
        dump.stdout.starts_with("{\"text\":\"One two.\""),
        "{}",
        dump.transcript()
    );
}

#[test]
fn read_only_file_is_refused_and_left_intact_while_others_are_fixed() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("ro.txt"), "teh locked\n").unwrap();
    fs::write(d.join("rw.txt"), "teh open\n").unwrap();
    let mut perm = fs::metadata(d.join("ro.txt")).unwrap().permissions();
    perm.set_readonly(true);
    fs::set_permissions(d.join("ro.txt"), perm).unwrap();
    let r = run_in(d, &["fix", "--select", "T001", "ro.txt", "rw.txt"], b"");
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("ro.txt: file is read-only"),
        "{}",
        r.stderr
    );
    assert_eq!(
        fs::read_to_string(d.join("ro.txt")).unwrap(),
        "teh locked\n"
    );
    assert_eq!(fs::read_to_string(d.join("rw.txt")).unwrap(), "the open\n");
}

#[test]
fn markdown_markup_is_never_flagged() {
    let md = "---\ntitle: teh\n---\n\nReal teh here, `teh` code, [link](https://x.org/teh) <span title=\"teh\">ok</span>.\n\n```\nteh\n```\n";
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("doc.md"), md).unwrap();
    let r = run_in(dir.path(), &["check", "--format", "json", "doc.md"], b"");
    let findings: Vec<_> = r
        .stdout
        .lines()
        .filter(|l| l.contains("\"finding\""))
        .collect();
    assert_eq!(findings.len(), 1, "{}", r.stdout);
    assert!(
        findings[0].contains("\"line\":5,\"column\":6"),
        "{}",
        findings[0]
    );
}

#[test]
fn output_is_identical_with_one_or_many_threads() {
    let one = run(
        &["check", "--threads", "1", "--format", "json", "samples/"],
        b"",
    );
    let many = run(
        &["check", "--threads", "4", "--format", "json", "samples/"],
        b"",
    );
    assert_eq!(one.stdout, many.stdout);
}

#[test]
fn rules_and_explain() {
    let r = run(&["rules"], b"");
    assert_eq!(r.code, 0);
    snapshot!("rules", r.stdout);
    let r = run(&["explain", "T001"], b"");
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("## Fix safety"));
}
