//! `copyedit report` and `copyedit apply`: the page's embedded data drives a
//! decisions file, and apply changes exactly the accepted spans.

mod common;

use std::fs;

use common::run_in;

macro_rules! snapshot {
    ($name:expr, $value:expr) => {
        insta::with_settings!({
            snapshot_path => "../snapshots/report",
            prepend_module_to_snapshot => false,
            omit_expression => true,
        }, {
            insta::assert_snapshot!($name, $value);
        });
    };
}

/// The JSON embedded in the page for the export button.
fn embedded_data(html: &str) -> serde_json::Value {
    let start =
        html.find("id=\"report-data\">").expect("data element") + "id=\"report-data\">".len();
    let end = start
        + html[start..]
            .find("</script>")
            .expect("closed data element");
    serde_json::from_str(&html[start..end]).expect("embedded data is JSON")
}

#[test]
fn decisions_accepting_two_and_rejecting_one_change_exactly_two_spans() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let original = "First teh line.\nSecond wiht words.\nThird teh end.\n";
    fs::write(d.join("a.txt"), original).unwrap();
    let r = run_in(d, &["report", "a.txt", "-o", "report.html"], b"");
    assert_eq!(r.code, 1, "{}", r.stderr);
    let html = fs::read_to_string(d.join("report.html")).unwrap();
    let data = embedded_data(&html);
    let src = &data["sources"][0];
    let changes = src["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 3);
    let decide = |c: &serde_json::Value, accept: bool| {
        serde_json::json!({
            "id": c["id"], "rule": c["rule"],
            "decision": if accept { "accept" } else { "reject" },
            "edits": if accept { c["alternatives"][0].clone() } else { serde_json::json!([]) },
        })
    };
    let decisions = serde_json::json!({
        "copyedit_decisions": 1,
        "sources": [{
            "path": src["path"], "sha256": src["sha256"],
            "changes": [decide(&changes[0], true), decide(&changes[1], false), decide(&changes[2], true)],
        }],
    });
    fs::write(d.join("decisions.json"), decisions.to_string()).unwrap();
    let r = run_in(d, &["apply", "decisions.json"], b"");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        fs::read_to_string(d.join("a.txt")).unwrap(),
        "First the line.\nSecond wiht words.\nThird the end.\n"
    );
    // Applying again is refused: the file changed since the report.
    let again = run_in(d, &["apply", "decisions.json"], b"");
    assert_eq!(again.code, 2);
    assert!(
        again.stderr.contains("changed since the report"),
        "{}",
        again.stderr
    );
}

#[test]
fn page_of_a_small_run() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("clean.txt"), "Nothing wrong here.\n").unwrap();
    fs::write(d.join("typo.txt"), "We saw teh <b>cat</b>.\n").unwrap();
    let r = run_in(d, &["report", ".", "-o", "out.html", "--top", "5"], b"");
    assert_eq!(r.code, 1);
    let html = fs::read_to_string(d.join("out.html")).unwrap();
    let main = &html[html.find("<main>").unwrap()..html.find("</main>").unwrap() + 7];
    snapshot!("small_run_main", main.replace("><", ">\n<"));
}

#[test]
fn bad_decisions_files_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("bad.json"), "{not json").unwrap();
    let r = run_in(d, &["apply", "bad.json"], b"");
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("bad.json: invalid decisions file"),
        "{}",
        r.stderr
    );
}
