//! `copyedit dump` on the built binary: the fixture dumps (snapshots), and a
//! generated dump with malformed lines mixed in, whose records must come back
//! identical except the repaired field and the added `copyedit` member, in the
//! same order, whatever the thread count or compression.

use copyedit::text::Format;
use copyedit::{Engine, Settings};
use serde_json::Value;
use std::fmt::Write as _;
use std::fs;
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};

const MIXED: &str = "tests/fixtures/jsonl/mixed.jsonl";

/// What a run of the binary produced; stdout as bytes (a dump may hold
/// lines that are not UTF-8, copied as they were).
struct Run {
    code: i32,
    stdout: Vec<u8>,
    stderr: String,
}

impl Run {
    fn out(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }

    fn transcript(&self) -> String {
        format!(
            "exit: {}\n--- stdout\n{}--- stderr\n{}",
            self.code,
            self.out(),
            self.stderr
        )
    }
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn run_in(dir: &Path, args: &[&str], stdin: &[u8]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_copyedit"))
        .args(args)
        .current_dir(dir)
        .env("RAYON_NUM_THREADS", "2")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the copyedit binary starts");
    let mut input = child.stdin.take().expect("stdin is piped");
    let stdin = stdin.to_vec();
    // Feed stdin from another thread: the binary writes while it reads.
    let feeder = std::thread::spawn(move || {
        let _ = input.write_all(&stdin);
    });
    let out = child.wait_with_output().expect("the copyedit binary ends");
    feeder.join().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: out.stdout,
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

fn run(args: &[&str], stdin: &[u8]) -> Run {
    run_in(root(), args, stdin)
}

macro_rules! snapshot {
    ($name:expr, $value:expr) => {
        insta::with_settings!({
            snapshot_path => "../snapshots/dump",
            prepend_module_to_snapshot => false,
            omit_expression => true,
            filters => vec![
                (r"/tmp/\.tmp[A-Za-z0-9]+", "[TMP]"),
                (r"Time: .*", "Time: [TIME]"),
            ],
        }, {
            insta::assert_snapshot!($name, $value);
        });
    };
}

#[test]
fn mixed_fixture_annotated() {
    let r = run(&["dump", "--annotate", MIXED], b"");
    assert_eq!(r.code, 2, "malformed lines make the exit code 2");
    for line in r.out().lines() {
        if let Ok(v) = serde_json::from_str::<Value>(line) {
            if let Some(c) = v.get("copyedit") {
                assert!(c["spans"].is_array(), "{line}");
            }
        }
    }
    snapshot!("mixed_annotated", r.transcript());
}

#[test]
fn mixed_fixture_nested_fields_checked_only() {
    let r = run(
        &[
            "dump",
            "--fix",
            "none",
            "--field",
            "meta.title",
            "--field",
            "text",
            MIXED,
        ],
        b"",
    );
    assert_eq!(r.code, 2);
    snapshot!("mixed_nested_fix_none", r.transcript());
}

#[test]
fn a_clean_dump_exits_zero_and_quiet_prints_nothing() {
    let input = b"{\"id\":1,\"text\":\"The cat sat on teh mat.\"}\n{\"id\":2,\"text\":\"Fine.\"}\n";
    let r = run(&["dump", "--quiet", "-"], input);
    assert_eq!(r.code, 0, "findings alone never fail a dump");
    assert_eq!(r.stderr, "");
    assert_eq!(
        r.out(),
        "{\"id\":1,\"text\":\"The cat sat on the mat.\",\"copyedit\":{\"counts\":{\"T\":1,\"Q\":0,\"U\":0,\"S\":0},\"fixed\":1,\"spin_score\":0.0,\"spun\":false}}\n\
         {\"id\":2,\"text\":\"Fine.\",\"copyedit\":{\"counts\":{\"T\":0,\"Q\":0,\"U\":0,\"S\":0},\"fixed\":0,\"spin_score\":0.0,\"spun\":false}}\n"
    );
}

#[test]
fn rejects_go_to_their_own_file() {
    let dir = tempfile::tempdir().unwrap();
    let input = fs::read(root().join(MIXED)).unwrap();
    let r = run_in(
        dir.path(),
        &["dump", "--quiet", "--rejects", "bad.jsonl", "-"],
        &input,
    );
    assert_eq!(r.code, 2);
    let rejects = fs::read(dir.path().join("bad.jsonl")).unwrap();
    let expected: Vec<&[u8]> = input
        .split(|&b| b == b'\n')
        .filter(|l| {
            !l.is_empty()
                && (serde_json::from_slice::<Value>(l)
                    .map_or(true, |v| !v.get("text").is_some_and(Value::is_string)))
        })
        .collect();
    let mut want = expected.join(&b'\n');
    want.push(b'\n');
    assert_eq!(
        String::from_utf8_lossy(&rejects),
        String::from_utf8_lossy(&want)
    );
    assert_eq!(r.stderr.lines().count(), expected.len(), "{}", r.stderr);
    for line in r.out().lines().filter(|l| !l.is_empty()) {
        let v: Value = serde_json::from_str(line).unwrap();
        assert!(v["copyedit"].is_object(), "{line}");
    }
}

#[test]
fn an_output_that_is_the_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("d.jsonl"), "{\"text\":\"teh\"}\n").unwrap();
    let r = run_in(dir.path(), &["dump", "d.jsonl", "-o", "./d.jsonl"], b"");
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("also the input"), "{}", r.stderr);
    assert_eq!(
        fs::read_to_string(dir.path().join("d.jsonl")).unwrap(),
        "{\"text\":\"teh\"}\n"
    );
}

/// A dump made from the seed articles: one record per paragraph, with
/// misspellings put in, fields of every JSON type around the text, escaped
/// and raw non-ASCII, and malformed lines every so often.
fn generated_dump(records: usize) -> Vec<u8> {
    let mut paragraphs = Vec::new();
    let mut seeds: Vec<_> = fs::read_dir(root().join("samples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    seeds.sort();
    for p in seeds {
        let text = fs::read_to_string(p).unwrap();
        paragraphs.extend(
            text.split("\n\n")
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(str::to_string),
        );
    }
    let damage = [
        (" the ", " teh "),
        (" with ", " wiht "),
        (" which ", " whcih "),
        ("’", "'"),
    ];
    let mut out = Vec::new();
    for i in 0..records {
        let mut text = paragraphs[i % paragraphs.len()].clone();
        let (from, to) = damage[i % damage.len()];
        text = text.replacen(from, to, 1 + i % 3);
        if i % 7 == 0 {
            text.push_str("\n\nRecieve the Zorblat report.");
        }
        if i % 13 == 3 {
            // A stray BOM: junk at the start of a JSON field.
            text.insert(0, '\u{feff}');
        }
        let line = match i % 50 {
            13 => format!("{{\"id\":\"r{i}\",\"text\":\"cut short"),
            29 => format!("{{\"id\":\"r{i}\",\"body\":\"no text\"}}"),
            41 => format!("{{\"id\":\"r{i}\",\"text\":[\"not\",\"a string\"]}}"),
            47 => "not json at all".to_string(),
            _ => {
                let mut s = String::new();
                let ascii_only = i % 3 == 0;
                let _ = write!(
                    s,
                    "{{\"id\": \"r{i}\", \"n\": {i}.50, \"ok\": true, \"x\": null,"
                );
                s.push_str(" \"text\": ");
                copyedit::input::jsonl::write_json_string(&mut s, &text, ascii_only);
                let _ = write!(
                    s,
                    ", \"meta\": {{\"src\": \"caf\\u00e9 \u{201c}{}\u{201d}\", \"list\": [1, 2.0, -3e2]}} }}",
                    i % 11
                );
                s
            }
        };
        out.extend_from_slice(line.as_bytes());
        if i % 97 == 5 {
            out.extend_from_slice(&[b' ', 0xff, 0xfe]);
        }
        out.push(b'\n');
    }
    out
}

/// What fixing to convergence with every rule re-checked on every pass
/// gives: the text and the number of fixes applied.
fn fixed_text(engine: &Engine, text: &str) -> (String, usize) {
    let out = engine.fix(text, Format::Plain).unwrap();
    (out.text, out.applied)
}

/// Passes after the first re-check only the rules that can offer a fix at
/// the level (`Engine::check_fixable_with_names`): on the seeds, whole and
/// damaged, the text and the number of fixes are those of re-checking with
/// every rule, at both fix levels.
#[test]
fn rechecking_only_fixable_rules_fixes_exactly_as_a_full_recheck() {
    use copyedit::diagnostic::Applicability;
    use copyedit::fix::fix_until_stable;
    use copyedit::text::Document;
    let dump = generated_dump(300);
    let mut texts: Vec<String> = String::from_utf8_lossy(&dump)
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter_map(|v| v.get("text").and_then(Value::as_str).map(str::to_string))
        .collect();
    for e in fs::read_dir(root().join("samples")).unwrap() {
        texts.push(fs::read_to_string(e.unwrap().path()).unwrap());
    }
    let mut changed = 0;
    for level in [Applicability::Safe, Applicability::Unsafe] {
        let engine = Engine::new(Settings {
            fix_level: level,
            ..Settings::default()
        })
        .unwrap();
        for text in &texts {
            let full = fix_until_stable(text, level, |t| {
                engine.check_with_names(&Document::new(t, Format::Plain), None)
            })
            .unwrap();
            let mut first = true;
            let fast = fix_until_stable(text, level, |t| {
                let doc = Document::new(t, Format::Plain);
                if std::mem::take(&mut first) {
                    engine.check_with_names(&doc, None)
                } else {
                    engine.check_fixable_with_names(&doc, None, level)
                }
            })
            .unwrap();
            assert_eq!(fast.text, full.text);
            assert_eq!((fast.applied, fast.passes), (full.applied, full.passes));
            changed += usize::from(full.text != *text);
        }
    }
    assert!(changed > 100, "{changed}");
}

#[test]
fn generated_dump_keeps_every_record_in_order() {
    let input = generated_dump(1200);
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("in.jsonl"), &input).unwrap();
    let r = run_in(
        dir.path(),
        &[
            "dump",
            "--quiet",
            "--no-batch-names",
            "--chunk-bytes",
            "30000",
            "in.jsonl",
        ],
        b"",
    );
    assert_eq!(r.code, 2, "the dump has malformed lines");
    let engine = Engine::new(Settings {
        leading_bom: copyedit::config::LeadingBom::Field,
        ..Settings::default()
    })
    .unwrap();
    let in_lines: Vec<&[u8]> = input.split(|&b| b == b'\n').collect();
    let out_lines: Vec<&[u8]> = r.stdout.split(|&b| b == b'\n').collect();
    assert_eq!(in_lines.len(), out_lines.len());
    let (mut records, mut malformed, mut changed) = (0, 0, 0);
    for (n, (i, o)) in in_lines.iter().zip(&out_lines).enumerate() {
        let parsed = serde_json::from_slice::<Value>(i)
            .ok()
            .filter(|v| v.get("text").is_some_and(Value::is_string));
        let Some(mut want) = parsed else {
            // Malformed lines (including invalid UTF-8) come back byte for byte.
            assert_eq!(i, o, "line {}", n + 1);
            malformed += usize::from(!i.is_empty());
            continue;
        };
        records += 1;
        let mut got: Value = serde_json::from_slice(o).unwrap();
        let annotation = got
            .as_object_mut()
            .unwrap()
            .remove("copyedit")
            .expect("a copyedit member");
        let original = want["text"].as_str().unwrap().to_string();
        let (expected, applied) = fixed_text(&engine, &original);
        if expected == original {
            // Untouched records are the input line plus the new member.
            assert!(o.starts_with(&i[..i.len() - 1]), "line {}", n + 1);
            assert_eq!(annotation["fixed"], 0);
        } else {
            changed += 1;
            assert_eq!(annotation["fixed"], applied, "line {}", n + 1);
        }
        want["text"] = Value::String(expected);
        assert_eq!(got, want, "line {}", n + 1);
    }
    assert_eq!(malformed, 1200 / 50 * 4 + 1200 / 97 + 1);
    assert!(records > 1000 && changed > 300, "{records} {changed}");
    assert_eq!(
        r.stderr.lines().count(),
        malformed,
        "one report per malformed line:\n{}",
        r.stderr
    );
    assert!(r.stderr.contains("in.jsonl:14 (id r13)") || r.stderr.contains("in.jsonl:14: "));
}

#[test]
fn threads_and_chunks_do_not_change_the_output() {
    let input = generated_dump(600);
    let one = run(
        &[
            "dump",
            "--quiet",
            "--threads",
            "1",
            "--chunk-bytes",
            "20000",
            "-",
        ],
        &input,
    );
    let two = run(
        &[
            "dump",
            "--quiet",
            "--threads",
            "2",
            "--chunk-bytes",
            "20000",
            "-",
        ],
        &input,
    );
    assert!(one.stdout == two.stdout, "1 and 2 threads differ");
    assert_eq!(one.stderr, two.stderr);
    // Without batch names a record depends on itself alone, so any chunking
    // (or any split of the input across machines) gives the same records.
    let small = run(
        &[
            "dump",
            "--quiet",
            "--no-batch-names",
            "--chunk-bytes",
            "1",
            "-",
        ],
        &input,
    );
    let big = run(&["dump", "--quiet", "--no-batch-names", "-"], &input);
    assert!(small.stdout == big.stdout, "chunk sizes differ");
    let half = input.len() / 2;
    let cut = half + input[half..].iter().position(|&b| b == b'\n').unwrap() + 1;
    let first = run(&["dump", "--quiet", "--no-batch-names", "-"], &input[..cut]);
    let second = run(&["dump", "--quiet", "--no-batch-names", "-"], &input[cut..]);
    assert!(
        [first.stdout, second.stdout].concat() == big.stdout,
        "split input differs"
    );
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

#[test]
fn compressed_input_and_output_by_extension() {
    let input = generated_dump(300);
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("in.jsonl"), &input).unwrap();
    fs::write(d.join("in.jsonl.gz"), gzip(&input)).unwrap();
    let plain = run_in(d, &["dump", "--quiet", "in.jsonl"], b"");
    let r = run_in(
        d,
        &["dump", "--quiet", "in.jsonl.gz", "-o", "out.jsonl.zst"],
        b"",
    );
    assert_eq!(r.code, plain.code);
    assert!(r.stdout.is_empty());
    let out = zstd::decode_all(fs::File::open(d.join("out.jsonl.zst")).unwrap()).unwrap();
    assert!(out == plain.stdout, "zstd output differs");
    // Compressed stdin is recognised by its magic bytes; .gz output by its name.
    let r = run_in(
        d,
        &["dump", "--quiet", "-", "-o", "out.jsonl.gz"],
        &gzip(&input),
    );
    assert_eq!(r.code, plain.code);
    let mut bytes = Vec::new();
    flate2::read::MultiGzDecoder::new(fs::File::open(d.join("out.jsonl.gz")).unwrap())
        .read_to_end(&mut bytes)
        .unwrap();
    assert!(bytes == plain.stdout, "gzip output differs");
}

#[test]
fn spun_records_are_routed_apart_with_their_reason() {
    let input = generated_dump(200);
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let kept = run_in(d, &["dump", "--quiet", "-"], &input);
    let routed = run_in(
        d,
        &["dump", "--quiet", "--spun-to", "spun.jsonl", "-"],
        &input,
    );
    let dropped = run_in(d, &["dump", "--quiet", "--drop-spun", "-"], &input);
    let spun_file = fs::read_to_string(d.join("spun.jsonl")).unwrap();
    let is_spun = |line: &str| {
        serde_json::from_str::<Value>(line)
            .ok()
            .is_some_and(|v| v["copyedit"]["spun"] == true)
    };
    let kept = kept.out();
    let (spun, not_spun): (Vec<&str>, Vec<&str>) = kept.lines().partition(|l| is_spun(l));
    assert_eq!(spun_file.lines().collect::<Vec<_>>(), spun);
    assert!(routed.out().lines().eq(not_spun.iter().copied()));
    assert_eq!(dropped.stdout, routed.stdout);
    for line in spun {
        let v: Value = serde_json::from_str(line).unwrap();
        assert!(v["copyedit"]["reason"]
            .as_str()
            .unwrap()
            .contains("spin score"));
    }
}

#[test]
fn summary_reports_records_findings_and_rejects() {
    let r = run(&["dump", "-"], &generated_dump(100));
    assert_eq!(r.code, 2);
    let summary: String = r
        .stderr
        .lines()
        .filter(|l| !l.starts_with("error: "))
        .map(|l| format!("{l}\n"))
        .collect();
    snapshot!("generated_summary", summary);
}

#[test]
fn a_missing_input_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let r = run_in(dir.path(), &["dump", "nope.jsonl"], b"");
    assert_eq!(r.code, 2);
    assert_eq!(r.stderr, "error: nope.jsonl: no such file or directory\n");
    assert!(!Path::new(&dir.path().join("nope.jsonl")).exists());
}
