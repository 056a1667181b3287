//! The bad-input battery: every odd or hostile input gets a clear error
//! (path + reason) or is handled exactly, and nothing is ever lost: a file is
//! either left byte-for-byte as it was or replaced whole by its fixed text.
//!
//! Most cases run the built binary; the races (a file deleted or replaced
//! between read and write) and the injected write errors go through the
//! library's `input::read_file` / `input::write_atomic`.

mod common;

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use copyedit::input::{read_file, write_atomic};
use copyedit::ErrorKind;

use common::run_in;

/// Files in `dir` whose name starts with `.copyedit-` (temporary files).
fn temp_files(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for e in walk(dir) {
        let name = e.file_name().unwrap().to_string_lossy().to_string();
        if name.starts_with(".copyedit-") {
            out.push(e.display().to_string());
        }
    }
    out
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let Ok(rd) = fs::read_dir(dir) else {
        return out;
    };
    for e in rd.flatten() {
        let p = e.path();
        if e.file_type().is_ok_and(|t| t.is_dir()) {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn invalid_utf8_is_reported_with_its_offset_and_never_written() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let bytes: &[u8] = b"teh start \xff\xfe then wiht more\n";
    fs::write(d.join("bad.txt"), bytes).unwrap();
    fs::write(d.join("good.txt"), "teh good\n").unwrap();
    for cmd in ["check", "fix", "diff"] {
        let r = run_in(d, &[cmd, "--color", "never", "bad.txt"], b"");
        assert_eq!(r.code, 2, "{cmd}: {}", r.transcript());
        assert!(
            r.stderr
                .contains("bad.txt: not UTF-8 text (invalid byte at offset 10)"),
            "{cmd}: {}",
            r.stderr
        );
        assert_eq!(fs::read(d.join("bad.txt")).unwrap(), bytes, "{cmd}");
    }
    // Walking: the bad file is an error, the good one is still fixed.
    let r = run_in(d, &["fix", "."], b"");
    assert_eq!(r.code, 2, "{}", r.transcript());
    assert!(r.stderr.contains("bad.txt: not UTF-8"), "{}", r.stderr);
    assert_eq!(fs::read(d.join("bad.txt")).unwrap(), bytes);
    assert_eq!(
        fs::read_to_string(d.join("good.txt")).unwrap(),
        "the good\n"
    );
    // Standard input: an error, and nothing on stdout for a filter to
    // mistake for the fixed text.
    let r = run_in(d, &["fix", "-"], bytes);
    assert_eq!(r.code, 2);
    assert_eq!(r.stdout, "");
    assert!(r.stderr.contains("-: not UTF-8 text"), "{}", r.stderr);
    assert!(temp_files(d).is_empty());
}

#[test]
fn latin1_file_is_refused_not_guessed() {
    // "Café teh naïve" in ISO-8859-1: valid bytes in Latin-1, invalid UTF-8.
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let bytes: &[u8] = b"Caf\xe9 teh na\xefve\n";
    fs::write(d.join("latin1.txt"), bytes).unwrap();
    let r = run_in(d, &["fix", "latin1.txt"], b"");
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("latin1.txt: not UTF-8 text (invalid byte at offset 3)"),
        "{}",
        r.stderr
    );
    assert_eq!(fs::read(d.join("latin1.txt")).unwrap(), bytes);
}

#[test]
fn binary_file_is_an_error_when_named_and_skipped_when_walked() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut bytes = b"teh \x89PNG\r\n\x1a\n".to_vec();
    bytes.extend([0u8, 0, 0, 13, 0xff, 0xd8, 0xff, 0xe0]);
    bytes.extend(std::iter::repeat_n(0xaa, 4000));
    fs::write(d.join("image.txt"), &bytes).unwrap();
    fs::write(d.join("ok.txt"), "teh ok\n").unwrap();
    let r = run_in(d, &["fix", "image.txt"], b"");
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("image.txt: binary file (NUL byte at offset 12)"),
        "{}",
        r.stderr
    );
    let r = run_in(d, &["fix", "--select", "T001", "."], b"");
    assert_eq!(r.code, 0, "{}", r.transcript());
    assert_eq!(fs::read(d.join("image.txt")).unwrap(), bytes);
    assert_eq!(fs::read_to_string(d.join("ok.txt")).unwrap(), "the ok\n");
}

#[test]
fn line_endings_bom_final_newline_and_empty_files_are_kept_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let cases: &[(&str, &[u8], &[u8])] = &[
        (
            "crlf.txt",
            b"teh one\r\nwiht two\r\n\r\nend\r\n",
            b"the one\r\nwith two\r\n\r\nend\r\n",
        ),
        ("cr.txt", b"teh one\rwiht two\r", b"the one\rwith two\r"),
        (
            "mixed.md",
            b"teh one\r\nwiht two\nthree\r",
            b"the one\r\nwith two\nthree\r",
        ),
        (
            "bom.txt",
            "\u{feff}teh start\n".as_bytes(),
            "\u{feff}the start\n".as_bytes(),
        ),
        (
            "bom-crlf.md",
            "\u{feff}teh\r\n".as_bytes(),
            "\u{feff}the\r\n".as_bytes(),
        ),
        ("no-newline.txt", b"ends wiht teh", b"ends with the"),
        ("empty.txt", b"", b""),
        ("only-newlines.txt", b"\n\r\n\n", b"\n\r\n\n"),
        ("only-bom.txt", "\u{feff}".as_bytes(), "\u{feff}".as_bytes()),
    ];
    for (name, before, _) in cases {
        fs::write(d.join(name), before).unwrap();
    }
    let r = run_in(d, &["check", "--format", "json", "."], b"");
    assert_ne!(r.code, 2, "{}", r.transcript());
    let r = run_in(d, &["fix", "--select", "T001", "."], b"");
    assert_eq!(r.code, 0, "{}", r.transcript());
    for (name, _, after) in cases {
        assert_eq!(
            fs::read(d.join(name)).unwrap(),
            *after,
            "{name}: {}",
            String::from_utf8_lossy(&fs::read(d.join(name)).unwrap())
        );
    }
    // With every rule: still nothing but in-place edits, same line endings.
    let r = run_in(d, &["fix", "--select", "ALL", "--unsafe-fixes", "."], b"");
    assert_ne!(r.code, 2, "{}", r.transcript());
    for (name, _, after) in cases {
        // U006 removes trailing blank lines by design: a file of nothing
        // but line breaks is all trailing blank lines.
        if *name == "only-newlines.txt" {
            continue;
        }
        let now = fs::read(d.join(name)).unwrap();
        let count = |b: &[u8], pat: &[u8]| b.windows(pat.len()).filter(|w| *w == pat).count();
        assert_eq!(count(&now, b"\r\n"), count(after, b"\r\n"), "{name}");
        assert_eq!(count(&now, b"\n"), count(after, b"\n"), "{name}");
        assert_eq!(
            now.starts_with("\u{feff}".as_bytes()),
            after.starts_with("\u{feff}".as_bytes()),
            "{name}"
        );
        assert_eq!(now.last(), after.last(), "{name}: final byte");
    }
    assert!(temp_files(d).is_empty());
}

#[test]
fn ten_megabyte_single_line_is_fixed_exactly() {
    // About 400,000 fixes in one line: `fix` must stay linear (applying
    // fixes once compared each edit with every edit applied before it).
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let unit = "a teh word and more words wiht no line break at all, ";
    let mut text = String::with_capacity(10 << 20);
    while text.len() < 10 << 20 {
        text.push_str(unit);
    }
    fs::write(d.join("long.txt"), &text).unwrap();
    let r = run_in(d, &["fix", "--select", "T001", "long.txt"], b"");
    assert_eq!(r.code, 0, "{}", r.transcript());
    let expected = text.replace(" teh ", " the ").replace(" wiht ", " with ");
    let got = fs::read_to_string(d.join("long.txt")).unwrap();
    assert_eq!(got.len(), expected.len());
    assert!(got == expected, "the 10 MB line was not fixed exactly");
    assert!(temp_files(d).is_empty());
}

#[test]
fn ten_megabyte_single_line_is_checked_with_exact_columns() {
    // Findings far into one long line: each column must not cost a count
    // from the line start, nor each snippet a copy of the line.
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let clean = "Plain words, café and naïve, in one long line — ".repeat(40);
    let mut text = String::with_capacity(11 << 20);
    let mut typos = Vec::new();
    while text.len() < 10 << 20 {
        text.push_str(&clean);
        typos.push(text.len() + 1);
        text.push_str(" teh ");
    }
    fs::write(d.join("long.txt"), &text).unwrap();
    let r = run_in(
        d,
        &["check", "--select", "T001", "--format", "json", "long.txt"],
        b"",
    );
    assert_eq!(r.code, 1);
    let findings: Vec<serde_json::Value> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|v| v["type"] == "finding")
        .collect();
    assert_eq!(findings.len(), typos.len());
    let last = findings.last().unwrap();
    let start = *typos.last().unwrap();
    assert_eq!(last["span"]["start"], start);
    assert_eq!(last["line"], 1);
    assert_eq!(last["column"], text[..start].chars().count() + 1);
    let r = run_in(
        d,
        &["check", "--select", "T001", "--color", "never", "long.txt"],
        b"",
    );
    assert_eq!(r.code, 1);
    assert_eq!(r.stdout.matches("T001 [*]").count(), typos.len());
    assert_eq!(fs::read_to_string(d.join("long.txt")).unwrap(), text);
}

#[test]
fn read_only_files_are_refused_and_left_intact_while_others_are_fixed() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::create_dir(d.join("sub")).unwrap();
    for i in 0..6 {
        fs::write(d.join(format!("sub/f{i}.txt")), format!("teh {i}\n")).unwrap();
    }
    for i in [1, 4] {
        let p = d.join(format!("sub/f{i}.txt"));
        let mut perm = fs::metadata(&p).unwrap().permissions();
        perm.set_readonly(true);
        fs::set_permissions(&p, perm).unwrap();
    }
    let r = run_in(d, &["fix", "sub"], b"");
    assert_eq!(r.code, 2, "{}", r.transcript());
    for i in 0..6 {
        let p = d.join(format!("sub/f{i}.txt"));
        let got = fs::read_to_string(&p).unwrap();
        if i == 1 || i == 4 {
            assert_eq!(got, format!("teh {i}\n"));
            assert!(
                r.stderr
                    .contains(&format!("f{i}.txt: file is read-only; not overwritten")),
                "{}",
                r.stderr
            );
        } else {
            assert_eq!(got, format!("the {i}\n"));
        }
    }
    assert!(temp_files(d).is_empty());
}

#[test]
fn file_deleted_between_read_and_write_is_not_recreated() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a.txt");
    fs::write(&p, "teh\n").unwrap();
    let read = read_file(&p, true).unwrap().unwrap();
    fs::remove_file(&p).unwrap();
    let err = write_atomic(&p, "the\n", &read.stamp).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::ChangedOnDisk), "{err}");
    assert!(
        err.to_string().contains("a.txt: file changed on disk"),
        "{err}"
    );
    assert!(!p.exists(), "a deleted file must stay deleted");
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn file_replaced_between_read_and_write_is_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a.txt");
    fs::write(&p, "teh\n").unwrap();
    let read = read_file(&p, true).unwrap().unwrap();
    // An editor saves by writing a new file and renaming it over the old one.
    let other = dir.path().join("new.tmp");
    fs::write(&other, "teh, newer\n").unwrap();
    fs::rename(&other, &p).unwrap();
    let err = write_atomic(&p, "the\n", &read.stamp).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::ChangedOnDisk), "{err}");
    assert_eq!(fs::read_to_string(&p).unwrap(), "teh, newer\n");
    assert!(temp_files(dir.path()).is_empty());
}

#[test]
fn file_rewritten_in_place_with_same_size_and_time_is_not_overwritten() {
    // The hardest change to see: same inode, same length, and the
    // modification time put back as it was.
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a.txt");
    fs::write(&p, "teh cat\n").unwrap();
    let mtime = fs::metadata(&p).unwrap().modified().unwrap();
    let read = read_file(&p, true).unwrap().unwrap();
    fs::write(&p, "teh dog\n").unwrap();
    fs::File::options()
        .write(true)
        .open(&p)
        .unwrap()
        .set_modified(mtime)
        .unwrap();
    let err = write_atomic(&p, "the cat\n", &read.stamp).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::ChangedOnDisk), "{err}");
    assert_eq!(fs::read_to_string(&p).unwrap(), "teh dog\n");
}

#[test]
fn write_error_leaves_the_original_intact() {
    // The directory vanishes between read and write: the temporary file
    // cannot be created, and the error names the path.
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("sub");
    fs::create_dir(&sub).unwrap();
    let p = sub.join("a.txt");
    fs::write(&p, "teh\n").unwrap();
    let read = read_file(&p, true).unwrap().unwrap();
    let moved = dir.path().join("moved");
    fs::rename(&sub, &moved).unwrap();
    let err = write_atomic(&p, "the\n", &read.stamp).unwrap_err();
    assert!(
        err.to_string().starts_with(&p.display().to_string()),
        "{err}"
    );
    assert_eq!(fs::read_to_string(moved.join("a.txt")).unwrap(), "teh\n");
    assert!(temp_files(dir.path()).is_empty());
}

#[cfg(unix)]
#[test]
fn full_disk_during_fix_leaves_every_original_intact() {
    // A file-size limit (`ulimit -f`) makes every write past 8 KiB fail with
    // EFBIG, as a full disk fails with ENOSPC: the temporary file cannot be
    // written, so the big file must stay as it was, with no temporary file
    // left, while the small one is fixed.
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let big = "teh line of text\n".repeat(4000);
    fs::write(d.join("big.txt"), &big).unwrap();
    fs::write(d.join("small.txt"), "teh small\n").unwrap();
    let out = Command::new("sh")
        .arg("-c")
        .arg("ulimit -f 16 && trap '' XFSZ && exec \"$0\" fix big.txt small.txt")
        .arg(env!("CARGO_BIN_EXE_copyedit"))
        .current_dir(d)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("big.txt: file too large"), "{stderr}");
    assert_eq!(fs::read_to_string(d.join("big.txt")).unwrap(), big);
    assert_eq!(
        fs::read_to_string(d.join("small.txt")).unwrap(),
        "the small\n"
    );
    assert!(temp_files(d).is_empty(), "{:?}", temp_files(d));
}

#[cfg(unix)]
#[test]
fn directory_symlink_loop_is_reported_and_the_rest_processed() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::create_dir_all(d.join("tree/a")).unwrap();
    std::os::unix::fs::symlink("..", d.join("tree/a/loop")).unwrap();
    fs::write(d.join("tree/a/f.txt"), "teh\n").unwrap();
    let r = run_in(d, &["fix", "tree"], b"");
    assert_eq!(r.code, 2, "{}", r.transcript());
    assert!(r.stderr.contains("symbolic link loop"), "{}", r.stderr);
    assert!(r.stderr.contains("tree/a/loop"), "{}", r.stderr);
    assert_eq!(fs::read_to_string(d.join("tree/a/f.txt")).unwrap(), "the\n");
}

#[cfg(unix)]
#[test]
fn fix_through_a_file_symlink_updates_the_target_and_keeps_the_link() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("target.txt"), "teh\n").unwrap();
    std::os::unix::fs::symlink("target.txt", d.join("link.txt")).unwrap();
    let r = run_in(d, &["fix", "link.txt"], b"");
    assert_eq!(r.code, 0, "{}", r.transcript());
    assert!(fs::symlink_metadata(d.join("link.txt"))
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(fs::read_to_string(d.join("target.txt")).unwrap(), "the\n");
}

#[test]
fn missing_path_is_reported_and_the_rest_processed() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("ok.txt"), "teh\n").unwrap();
    let r = run_in(d, &["fix", "nope.txt", "ok.txt", "no/such/dir"], b"");
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("nope.txt: no such file or directory"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("no/such/dir: no such file or directory"),
        "{}",
        r.stderr
    );
    assert_eq!(fs::read_to_string(d.join("ok.txt")).unwrap(), "the\n");
    let r = run_in(d, &["check", "--format", "json", "nope.txt"], b"");
    assert_eq!(r.code, 2);
    let v: serde_json::Value = serde_json::from_str(r.stdout.lines().next().unwrap()).unwrap();
    assert_eq!(v["type"], "error");
    assert_eq!(v["path"], "nope.txt");
}

/// Text of file `i` before and after `fix`.
fn many_file_text(i: usize) -> (String, String) {
    let body = format!("File {i}: teh quick fox wiht a tail. ").repeat(40);
    let fixed = format!("File {i}: the quick fox with a tail. ").repeat(40);
    (body, fixed)
}

#[cfg(unix)]
#[test]
fn interrupt_during_fix_leaves_no_half_written_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let n = 3000;
    for i in 0..n {
        fs::write(d.join(format!("f{i:05}.txt")), many_file_text(i).0).unwrap();
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_copyedit"))
        .args(["fix", "--threads", "2", "--select", "T001", "."])
        .current_dir(d)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Interrupt once some files are written, well before the end.
    let start = Instant::now();
    let probe = d.join("f00020.txt");
    while start.elapsed() < Duration::from_secs(20) {
        if fs::read_to_string(&probe).is_ok_and(|t| t.starts_with("File 20: the")) {
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    let killed = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    let (mut old, mut new) = (0, 0);
    for i in 0..n {
        let (before, after) = many_file_text(i);
        let got = fs::read_to_string(d.join(format!("f{i:05}.txt"))).unwrap();
        if got == before {
            old += 1;
        } else if got == after {
            new += 1;
        } else {
            panic!("f{i:05}.txt is neither the old nor the fixed text: {got:?}");
        }
    }
    eprintln!("interrupted ({status:?}): {new} fixed, {old} untouched");
    assert!(new > 0, "no file was fixed before the interrupt");
    // Interrupted, the process removes its temporary files before it exits.
    assert!(temp_files(d).is_empty(), "{:?}", temp_files(d));
}

/// JSON Lines dumps through `copyedit dump`.
mod jsonl {
    use super::*;

    fn dump(dir: &Path, input: &[u8], extra: &[&str]) -> (i32, Vec<u8>, String) {
        fs::write(dir.join("in.jsonl"), input).unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_copyedit"))
            .arg("dump")
            .args(extra)
            .args(["-q", "in.jsonl"])
            .current_dir(dir)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        (
            out.status.code().unwrap_or(-1),
            out.stdout,
            String::from_utf8_lossy(&out.stderr).to_string(),
        )
    }

    fn text_of(line: &[u8]) -> String {
        let v: serde_json::Value = serde_json::from_slice(line).unwrap();
        v["text"].as_str().unwrap().to_string()
    }

    #[test]
    fn malformed_lines_are_reported_and_passed_through_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let bad: [&[u8]; 8] = [
            b"not json at all",
            b"{\"id\":3}",
            b"{\"id\":4,\"text\":42}",
            b"{\"id\":5,\"text\":{\"a\":\"teh\"}}",
            b"[\"teh\"]",
            b"{\"id\":7,\"text\":\"caf\xe9 teh\"}",
            b"{\"id\":8,\"text\":\"teh\",}",
            b"{\"id\":9,\"text\":null}",
        ];
        let mut input = b"{\"id\":1,\"text\":\"teh start\"}\n".to_vec();
        for b in bad {
            input.extend_from_slice(b);
            input.push(b'\n');
        }
        input
            .extend_from_slice(b"{\"id\":10,\"text\":\"wiht end\"}\n{\"id\":11,\"text\":\"teh cut");
        let (code, stdout, stderr) = dump(dir.path(), &input, &[]);
        assert_eq!(code, 2, "{stderr}");
        let lines: Vec<&[u8]> = stdout
            .split(|&b| b == b'\n')
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(
            lines.len(),
            11,
            "every line comes out: {}",
            String::from_utf8_lossy(&stdout)
        );
        assert_eq!(text_of(lines[0]), "the start");
        for (i, b) in bad.iter().enumerate() {
            assert_eq!(
                lines[i + 1],
                *b,
                "line {} must pass through unchanged",
                i + 2
            );
            assert!(
                stderr.contains(&format!("in.jsonl:{}", i + 2)),
                "line {}: {stderr}",
                i + 2
            );
        }
        assert_eq!(text_of(lines[9]), "with end");
        assert_eq!(lines[10], b"{\"id\":11,\"text\":\"teh cut");
    }

    #[test]
    fn surrogates_are_handled_and_lone_ones_refused() {
        let dir = tempfile::tempdir().unwrap();
        let input = concat!(
            "{\"id\":1,\"text\":\"\\ud83d\\ude00 teh\"}\n",
            "{\"id\":2,\"text\":\"\\ud800 teh\"}\n",
            "{\"id\":3,\"text\":\"teh \\udc00\"}\n",
            "{\"id\":4,\"text\":\"\\ude00\\ud83d teh\"}\n",
        );
        let (code, stdout, stderr) = dump(dir.path(), input.as_bytes(), &[]);
        assert_eq!(code, 2, "{stderr}");
        let lines: Vec<&str> = std::str::from_utf8(&stdout).unwrap().lines().collect();
        assert_eq!(lines.len(), 4);
        assert_eq!(text_of(lines[0].as_bytes()), "\u{1f600} the");
        for (i, line) in input.lines().enumerate().skip(1) {
            assert_eq!(lines[i], line, "a lone surrogate's line passes through");
            assert!(stderr.contains(&format!("in.jsonl:{}", i + 1)), "{stderr}");
        }
    }

    #[test]
    fn deeply_nested_json_is_an_error_not_a_crash() {
        let dir = tempfile::tempdir().unwrap();
        let depth = 100_000;
        let mut line = String::from("{\"id\":1,\"meta\":");
        line.push_str(&"[".repeat(depth));
        line.push_str(&"]".repeat(depth));
        line.push_str(",\"text\":\"teh\"}");
        let input = format!("{line}\n{{\"id\":2,\"text\":\"teh\"}}\n");
        let (code, stdout, stderr) = dump(dir.path(), input.as_bytes(), &[]);
        // Valid JSON, however deep: the record is fixed, every other byte of
        // the line (the nested member included) kept; no stack overflow.
        assert_eq!(code, 0, "{stderr}");
        let out = String::from_utf8(stdout).unwrap();
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 2);
        let fixed = line.replace("\"text\":\"teh\"", "\"text\":\"the\"");
        assert!(
            lines[0].starts_with(&fixed[..fixed.len() - 1]),
            "{}",
            &lines[0][lines[0].len() - 80..]
        );
        assert_eq!(text_of(lines[1].as_bytes()), "the");
        // Nested past serde_json's depth limit inside the checked field's
        // path: an error naming the line, which passes through unchanged.
        let mut deep = String::from("{\"text\":");
        deep.push_str(&"{\"a\":".repeat(depth / 10));
        deep.push_str("\"teh\"");
        deep.push_str(&"}".repeat(depth / 10 + 1));
        let input = format!("{deep}\n{{\"text\":\"teh\"}}\n");
        let (code, stdout, stderr) = dump(dir.path(), input.as_bytes(), &[]);
        assert_eq!(code, 2, "{stderr}");
        let out = String::from_utf8(stdout).unwrap();
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], deep);
        assert_eq!(text_of(lines[1].as_bytes()), "the");
        assert!(stderr.contains("in.jsonl:1"), "{stderr}");
    }

    #[cfg(unix)]
    #[test]
    fn hundred_megabyte_record_is_fixed_in_bounded_memory() {
        // One 100 MB line: a large member beside the text, and a text of
        // 2 MB. Memory must stay a small multiple of the record.
        let dir = tempfile::tempdir().unwrap();
        let mut line = String::with_capacity(104 << 20);
        line.push_str("{\"id\":1,\"blob\":\"");
        while line.len() < 98 << 20 {
            line.push_str("abcdefghij \\\"quoted\\\" \\u00e9 ");
        }
        line.push_str("\",\"text\":\"");
        let unit = "a teh word, ";
        let mut text = String::new();
        while text.len() < 2 << 20 {
            text.push_str(unit);
        }
        line.push_str(&text);
        line.push_str("\"}\n");
        let (code, stdout, stderr) = dump(dir.path(), line.as_bytes(), &["--select", "T001"]);
        assert_eq!(code, 0, "{stderr}");
        let out: serde_json::Value = serde_json::from_slice(&stdout).unwrap();
        assert_eq!(out["text"].as_str().unwrap(), text.replace("teh", "the"));
        let blob_in: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(out["blob"], blob_in["blob"]);
        // Peak memory of the children waited for so far (this test's dump is
        // by far the largest).
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        // SAFETY: `usage` is a valid, writable rusage.
        assert_eq!(
            unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &raw mut usage) },
            0
        );
        let peak_mb = usage.ru_maxrss / 1024;
        eprintln!("dump of a 100 MB record: peak RSS {peak_mb} MB");
        assert!(peak_mb < 1500, "peak RSS {peak_mb} MB");
    }
}
