//! The JSON Lines wire format of `copyedit check --format json`.
//!
//! This format is a public contract. Every line is one JSON object with a
//! `"type"` field. Offsets are UTF-8 byte offsets into the text as read
//! (for a JSONL record: into that record's text); `column` counts Unicode
//! scalar values from 1; `line` counts from 1. `path` is `-` for stdin.
//! `record` is `null` for files and `{"line": N, "id": "…"|null}` for records
//! of a JSONL dump.
//!
//! ```text
//! {"type":"finding","path":"notes/a.txt","record":null,"rule":"T001","name":"known-misspelling",
//!  "severity":"warning","message":"`teh` is a misspelling of `the`","span":{"start":120,"end":123},
//!  "line":3,"column":18,"text":"teh",
//!  "suggestions":[{"title":"Replace with `the`","applicability":"safe","reason":"…",
//!                  "edits":[{"start":120,"end":123,"replacement":"the"}]}]}
//! {"type":"source","path":"notes/a.txt","record":null,"findings":2,"fixable":1,"spin_score":0.0,"spun":false}
//! {"type":"error","path":"x.bin","record":null,"message":"not UTF-8 text (invalid byte at offset 17)"}
//! {"type":"summary","sources":5,"findings":12,"errors":1}
//! ```
//!
//! - `finding`: one per finding, in document order. `suggestions` are ranked,
//!   best first; `applicability` is `safe`, `unsafe` or `display-only`;
//!   `reason` says why the suggestion was chosen (may be empty).
//! - `source`: one per input after its findings; `fixable` counts findings
//!   whose first suggestion `fix` would apply at the run's fix level;
//!   `spin_score` is in `[0, 1]`, `spun` is copyedit's verdict.
//! - `error`: an input that could not be checked, with the reason.
//! - `summary`: the last line of a run.

use serde::Serialize;

use crate::diagnostic::{Applicability, Finding};
use crate::source::Origin;
use crate::text::Document;

/// The `record` field.
#[derive(Serialize)]
pub struct RecordRef<'a> {
    /// 1-based line of the record in the dump.
    pub line: usize,
    /// The record's id, if any.
    pub id: Option<&'a str>,
}

fn record_of(origin: &Origin) -> Option<RecordRef<'_>> {
    match origin {
        Origin::Record { line, id, .. } => Some(RecordRef {
            line: *line,
            id: id.as_deref(),
        }),
        _ => None,
    }
}

#[derive(Serialize)]
struct SpanJson {
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct EditJson<'a> {
    start: usize,
    end: usize,
    replacement: &'a str,
}

#[derive(Serialize)]
struct SuggestionJson<'a> {
    title: &'a str,
    applicability: &'static str,
    reason: &'a str,
    edits: Vec<EditJson<'a>>,
}

#[derive(Serialize)]
struct FindingJson<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    path: &'a str,
    record: Option<RecordRef<'a>>,
    rule: &'static str,
    name: &'static str,
    severity: &'static str,
    message: &'a str,
    span: SpanJson,
    line: usize,
    column: usize,
    text: &'a str,
    suggestions: Vec<SuggestionJson<'a>>,
}

#[derive(Serialize)]
struct SourceJson<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    path: &'a str,
    record: Option<RecordRef<'a>>,
    findings: usize,
    fixable: usize,
    spin_score: f64,
    spun: bool,
}

#[derive(Serialize)]
struct ErrorJson<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    path: &'a str,
    record: Option<RecordRef<'a>>,
    message: &'a str,
}

#[derive(Serialize)]
struct SummaryJson {
    #[serde(rename = "type")]
    kind: &'static str,
    sources: usize,
    findings: usize,
    errors: usize,
}

fn line<T: Serialize>(value: &T) -> String {
    let mut s = serde_json::to_string(value).expect("report types always serialize");
    s.push('\n');
    s
}

/// The `finding` line of one finding.
#[must_use]
pub fn finding_line(origin: &Origin, doc: &Document<'_>, f: &Finding) -> String {
    let path = origin.display_path();
    let lc = doc.line_col(f.span.start);
    let suggestions = f
        .suggestions
        .iter()
        .map(|s| SuggestionJson {
            title: &s.title,
            applicability: s.fix.applicability().as_str(),
            reason: &s.reason,
            edits: s
                .fix
                .edits()
                .iter()
                .map(|e| EditJson {
                    start: e.span.start,
                    end: e.span.end,
                    replacement: &e.replacement,
                })
                .collect(),
        })
        .collect();
    line(&FindingJson {
        kind: "finding",
        path: &path,
        record: record_of(origin),
        rule: f.rule.code,
        name: f.rule.name,
        severity: f.severity.as_str(),
        message: &f.message,
        span: SpanJson {
            start: f.span.start,
            end: f.span.end,
        },
        line: lc.line,
        column: lc.column,
        text: doc.slice(f.span),
        suggestions,
    })
}

/// The `source` line closing one input.
#[must_use]
pub fn source_line(
    origin: &Origin,
    findings: &[Finding],
    level: Applicability,
    spin_score: f64,
    spun: bool,
) -> String {
    let path = origin.display_path();
    line(&SourceJson {
        kind: "source",
        path: &path,
        record: record_of(origin),
        findings: findings.len(),
        fixable: findings
            .iter()
            .filter(|f| f.fix_at(level).is_some())
            .count(),
        spin_score,
        spun,
    })
}

/// The `error` line of an input that could not be checked.
#[must_use]
pub fn error_line(origin: &Origin, message: &str) -> String {
    let path = origin.display_path();
    line(&ErrorJson {
        kind: "error",
        path: &path,
        record: record_of(origin),
        message,
    })
}

/// The closing `summary` line.
#[must_use]
pub fn summary_line(sources: usize, findings: usize, errors: usize) -> String {
    line(&SummaryJson {
        kind: "summary",
        sources,
        findings,
        errors,
    })
}
