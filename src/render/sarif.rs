//! SARIF 2.1.0 output of `copyedit check --format sarif`: one JSON document
//! with one run, the rules that have results as `tool.driver.rules` (in
//! registry order, with their documentation as `help`), and one `result` per
//! finding, whose `ruleIndex` points into that list.
//!
//! Regions carry both text coordinates (`startLine`/`startColumn`/`endLine`/
//! `endColumn`, columns counted in Unicode code points as the run's
//! `columnKind` says) and byte coordinates (`byteOffset`/`byteLength` into the
//! UTF-8 file), so consumers can use either. Every suggestion becomes a
//! `fix` whose `artifactChanges` hold the `replacements`; the suggestion's
//! applicability and reason travel in the fix's `properties`.

use serde_json::{json, Value};

use crate::diagnostic::{Finding, Severity};
use crate::rules::REGISTRY;
use crate::source::Origin;
use crate::text::{Document, Span};

/// The `$schema` URI written into the document.
pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The artifact URI of an origin: a relative reference with `/` separators,
/// percent-encoding the characters a URI cannot hold.
#[must_use]
pub fn artifact_uri(origin: &Origin) -> String {
    let path = match origin {
        Origin::Stdin => "stdin".to_string(),
        other => other.display_path().replace('\\', "/"),
    };
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn region(doc: &Document<'_>, span: Span) -> Value {
    let start = doc.line_col(span.start);
    let end = doc.line_col(span.end);
    json!({
        "startLine": start.line,
        "startColumn": start.column,
        "endLine": end.line,
        "endColumn": end.column,
        "byteOffset": span.start,
        "byteLength": span.len(),
    })
}

/// The `result` objects of one input's findings.
#[must_use]
pub fn results(origin: &Origin, doc: &Document<'_>, findings: &[Finding]) -> Vec<Value> {
    let uri = artifact_uri(origin);
    findings
        .iter()
        .map(|f| {
            let mut reg = region(doc, f.span);
            reg["snippet"] = json!({ "text": doc.slice(f.span) });
            let fixes: Vec<Value> = f
                .suggestions
                .iter()
                .map(|s| {
                    let replacements: Vec<Value> = s
                        .fix
                        .edits()
                        .iter()
                        .map(|e| {
                            json!({
                                "deletedRegion": region(doc, e.span),
                                "insertedContent": { "text": e.replacement },
                            })
                        })
                        .collect();
                    json!({
                        "description": { "text": s.title },
                        "artifactChanges": [{
                            "artifactLocation": { "uri": uri },
                            "replacements": replacements,
                        }],
                        "properties": {
                            "applicability": s.fix.applicability().as_str(),
                            "reason": s.reason,
                        },
                    })
                })
                .collect();
            let mut result = json!({
                "ruleId": f.rule.code,
                "level": match f.severity {
                    Severity::Warning => "warning",
                    Severity::Info => "note",
                },
                "message": { "text": f.message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri },
                        "region": reg,
                    }
                }],
            });
            if !fixes.is_empty() {
                result["fixes"] = Value::Array(fixes);
            }
            result
        })
        .collect()
}

/// The complete SARIF log for `results` (in input order), pretty-printed.
#[must_use]
pub fn document(mut results: Vec<Value>) -> String {
    let used: Vec<&'static str> = REGISTRY
        .iter()
        .map(|r| r.meta().code)
        .filter(|code| results.iter().any(|r| r["ruleId"] == *code))
        .collect();
    for r in &mut results {
        let index = used.iter().position(|c| r["ruleId"] == *c);
        r["ruleIndex"] = Value::from(index);
    }
    let rules: Vec<Value> = REGISTRY
        .iter()
        .filter(|r| used.contains(&r.meta().code))
        .map(|r| {
            let m = r.meta();
            json!({
                "id": m.code,
                "name": m.name,
                "shortDescription": { "text": m.summary },
                "fullDescription": { "text": m.summary },
                "help": { "text": m.explanation, "markdown": m.explanation },
                "defaultConfiguration": { "enabled": m.default_enabled, "level": "warning" },
                "properties": {
                    "family": m.family.name(),
                    "fixSafety": m.fix_safety.as_str(),
                },
            })
        })
        .collect();
    let log = json!({
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "copyedit",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": "https://crates.io/crates/copyedit",
                    "rules": rules,
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    let mut s = serde_json::to_string_pretty(&log).expect("SARIF values serialise");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn uris_are_percent_encoded_relative_references() {
        let o = Origin::File(PathBuf::from("docs/my notes/ä.md"));
        assert_eq!(artifact_uri(&o), "docs/my%20notes/%C3%A4.md");
    }
}
