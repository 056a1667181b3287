//! Concurrency: output does not depend on the number of threads, and two
//! `fix` runs on the same tree at once leave every file either old or
//! fixed, never mixed or half-written.

mod common;

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};

use common::{root, run_in};

/// A tree of mutated seed texts in three formats, with damage for every
/// rule family sprinkled in.
fn seed_tree(dir: &Path, copies: usize) -> Vec<String> {
    let mut seeds: Vec<_> = fs::read_dir(root().join("samples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    seeds.sort();
    let damage = [
        " teh ",
        " wiht ",
        " it's ",
        " \"quoted\" ",
        " don't ",
        " -- ",
        " ... ",
        "  ",
        " â€™ ",
        " &amp; ",
        "\u{200b}",
        " colossal information ",
        "\r\n",
    ];
    let mut names = Vec::new();
    for c in 0..copies {
        for (i, seed) in seeds.iter().enumerate() {
            let text = fs::read_to_string(seed).unwrap();
            let mut out = String::new();
            for (j, word) in text.split(' ').enumerate() {
                if j > 0 {
                    out.push(' ');
                }
                out.push_str(word);
                if (j + c * 7 + i) % 23 == 0 {
                    out.push_str(damage[(j + c + i) % damage.len()]);
                }
            }
            let ext = ["txt", "md", "html"][(c + i) % 3];
            let name = format!("d{}/s{c:03}_{i}.{ext}", c % 4);
            fs::create_dir_all(dir.join(format!("d{}", c % 4))).unwrap();
            fs::write(dir.join(&name), out).unwrap();
            names.push(name);
        }
    }
    names
}

fn run_threads(dir: &Path, args: &[&str], threads: &str) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_copyedit"))
        .args(args)
        .args(["--threads", threads])
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn one_and_many_threads_give_identical_output() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    seed_tree(d, 6);
    fs::write(d.join("d0/bad.txt"), b"caf\xe9").unwrap();
    let commands: [&[&str]; 4] = [
        &["check", "--select", "ALL", "--format", "json", "."],
        &["check", "--select", "ALL", "--color", "never", "."],
        &["diff", "--select", "ALL", "--unsafe-fixes", "."],
        &["diff", "--select", "ALL", "."],
    ];
    for args in commands {
        let one = run_threads(d, args, "1");
        let many = run_threads(d, args, "4");
        assert_eq!(one.0, many.0, "{args:?}: exit codes differ");
        assert!(one.1 == many.1, "{args:?}: stdout differs");
        assert_eq!(one.2, many.2, "{args:?}: stderr differs");
    }
    // `fix` writes the same bytes with one thread as with four.
    let copy = tempfile::tempdir().unwrap();
    let names = seed_tree(copy.path(), 6);
    let a = run_threads(d, &["fix", "--select", "ALL", "--unsafe-fixes", "."], "1");
    let b = run_threads(
        copy.path(),
        &["fix", "--select", "ALL", "--unsafe-fixes", "."],
        "4",
    );
    assert_eq!(a.2.lines().last(), b.2.lines().last());
    for name in names {
        assert_eq!(
            fs::read(d.join(&name)).unwrap(),
            fs::read(copy.path().join(&name)).unwrap(),
            "{name}"
        );
    }
}

#[test]
fn two_fix_runs_at_once_leave_every_file_old_or_fixed() {
    // The expected fixed text of every file, from a run on a private copy.
    let expected_dir = tempfile::tempdir().unwrap();
    let names = seed_tree(expected_dir.path(), 20);
    let args = ["fix", "--select", "ALL", "--unsafe-fixes", "."];
    let r = run_in(expected_dir.path(), &args, b"");
    assert_ne!(r.code, 2, "{}", r.transcript());

    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    seed_tree(d, 20);
    let originals: Vec<Vec<u8>> = names.iter().map(|n| fs::read(d.join(n)).unwrap()).collect();
    let spawn = || {
        Command::new(env!("CARGO_BIN_EXE_copyedit"))
            .args(args)
            .args(["--threads", "2"])
            .current_dir(d)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn(), spawn());
    let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
    for out in [&a, &b] {
        let stderr = String::from_utf8_lossy(&out.stderr);
        // The only acceptable error: the other run got there first.
        for line in stderr.lines().filter(|l| l.starts_with("error:")) {
            assert!(line.contains("changed on disk"), "{line}");
        }
    }
    let mut fixed = 0;
    for (name, original) in names.iter().zip(&originals) {
        let got = fs::read(d.join(name)).unwrap();
        let want = fs::read(expected_dir.path().join(name)).unwrap();
        assert!(
            got == *original || got == want,
            "{name} is neither old nor fixed"
        );
        fixed += usize::from(got == want && got != *original);
    }
    assert!(fixed > 0);
    // A file one run refused is fixed by running again.
    let r = run_in(d, &args, b"");
    assert_ne!(r.code, 2, "{}", r.transcript());
    for name in &names {
        assert_eq!(
            fs::read(d.join(name)).unwrap(),
            fs::read(expected_dir.path().join(name)).unwrap(),
            "{name}"
        );
    }
    let leftovers: Vec<_> = fs::read_dir(d)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".copyedit-"))
        .collect();
    assert!(leftovers.is_empty());
}
