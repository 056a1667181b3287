//! Decisions files: what a person accepted in the HTML report, and
//! `copyedit apply`, which applies exactly those changes.
//!
//! ```json
//! {"copyedit_decisions": 1,
//!  "sources": [{"path": "notes/a.txt", "sha256": "…",
//!               "changes": [{"id": "0-3", "rule": "T001", "decision": "accept",
//!                            "edits": [{"start": 7, "end": 10, "replacement": "the"}]},
//!                           {"id": "0-4", "rule": "Q003", "decision": "reject", "edits": []}]}]}
//! ```
//! Only `accept` changes are applied, with the edits they carry (the page
//! writes the edits of the alternative the person picked). A source whose
//! SHA-256 differs from the recorded one changed since the report and is
//! refused; nothing else in it is touched.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind, Result};
use crate::input;
use crate::report::sha256_hex;

/// Version written in `copyedit_decisions`.
pub const FORMAT_VERSION: u32 = 1;

/// A decisions file.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decisions {
    /// Format version.
    pub copyedit_decisions: u32,
    /// Per source.
    pub sources: Vec<SourceDecisions>,
}

/// The decisions about one source.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceDecisions {
    /// Path of the file, as the report showed it.
    pub path: String,
    /// SHA-256 of the text the report was made from.
    pub sha256: String,
    /// One entry per change decided.
    pub changes: Vec<ChangeDecision>,
}

/// A decision about one change.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangeDecision {
    /// The change's id in the report.
    pub id: String,
    /// The rule code (for people reading the file).
    #[serde(default)]
    pub rule: String,
    /// `accept` or `reject`.
    pub decision: String,
    /// The edits to make when accepted.
    #[serde(default)]
    pub edits: Vec<EditDecision>,
}

/// One byte edit.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct EditDecision {
    /// Start byte.
    pub start: usize,
    /// End byte.
    pub end: usize,
    /// New text.
    pub replacement: String,
}

/// What applying one source's decisions did.
#[derive(Debug)]
pub struct Applied {
    /// The file.
    pub path: PathBuf,
    /// Changes applied.
    pub applied: usize,
    /// Accepted changes skipped because they overlap an earlier accepted one.
    pub skipped: usize,
}

/// Parses a decisions file.
///
/// # Errors
/// Invalid JSON, unknown fields or an unsupported version.
pub fn parse(json: &str) -> Result<Decisions> {
    let d: Decisions = serde_json::from_str(json)
        .map_err(|e| Error::new(ErrorKind::Json(format!("invalid decisions file: {e}"))))?;
    if d.copyedit_decisions != FORMAT_VERSION {
        return Err(Error::new(ErrorKind::Json(format!(
            "unsupported decisions version {} (expected {FORMAT_VERSION})",
            d.copyedit_decisions
        ))));
    }
    Ok(d)
}

/// Applies the accepted changes of one source to `text`: edits sorted by
/// position, an edit overlapping an earlier one skipped. Returns the new
/// text and the counts.
///
/// # Errors
/// An edit out of bounds or off a char boundary.
pub fn apply_to_text(text: &str, source: &SourceDecisions) -> Result<(String, usize, usize)> {
    let mut accepted: Vec<&ChangeDecision> = source
        .changes
        .iter()
        .filter(|c| c.decision == "accept" && !c.edits.is_empty())
        .collect();
    accepted.sort_by_key(|c| (c.edits[0].start, c.edits[0].end));
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    let (mut applied, mut skipped) = (0, 0);
    for change in accepted {
        let mut edits = change.edits.clone();
        edits.sort_by_key(|e| (e.start, e.end));
        let valid = edits.iter().all(|e| {
            e.start <= e.end
                && e.end <= text.len()
                && text.is_char_boundary(e.start)
                && text.is_char_boundary(e.end)
        });
        if !valid {
            return Err(Error::new(ErrorKind::Json(format!(
                "change {} has an edit outside the text",
                change.id
            ))));
        }
        let disjoint = edits.windows(2).all(|w| w[0].end <= w[1].start);
        if !disjoint || edits[0].start < pos {
            skipped += 1;
            continue;
        }
        for e in &edits {
            out.push_str(&text[pos..e.start]);
            out.push_str(&e.replacement);
            pos = e.end;
        }
        applied += 1;
    }
    out.push_str(&text[pos..]);
    Ok((out, applied, skipped))
}

/// Applies one source's decisions to its file (relative paths resolve
/// against `base`), atomically; refuses when the file changed since the
/// report.
///
/// # Errors
/// Unreadable file, changed since the report, invalid edits, or a write error;
/// the error names the file.
pub fn apply_to_file(base: &Path, source: &SourceDecisions) -> Result<Applied> {
    let path = base.join(&source.path);
    let read = input::read_file(&path, true)?
        .ok_or_else(|| Error::new(ErrorKind::Binary { offset: 0 }).at(&path))?;
    if sha256_hex(&read.text) != source.sha256 {
        return Err(Error::new(ErrorKind::Usage(
            "file changed since the report was made; nothing applied".to_string(),
        ))
        .at(&path));
    }
    let (text, applied, skipped) = apply_to_text(&read.text, source).map_err(|e| e.at(&path))?;
    if text != read.text {
        input::write_atomic(&path, &text, &read.stamp)?;
    }
    Ok(Applied {
        path,
        applied,
        skipped,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(id: &str, decision: &str, start: usize, end: usize, r: &str) -> ChangeDecision {
        ChangeDecision {
            id: id.into(),
            rule: "T001".into(),
            decision: decision.into(),
            edits: vec![EditDecision {
                start,
                end,
                replacement: r.into(),
            }],
        }
    }

    #[test]
    fn applies_accepted_changes_only() {
        let text = "teh cat wiht teh hat";
        let src = SourceDecisions {
            path: "a.txt".into(),
            sha256: sha256_hex(text),
            changes: vec![
                change("0-0", "accept", 0, 3, "the"),
                change("0-1", "reject", 8, 12, "with"),
                change("0-2", "accept", 13, 16, "the"),
            ],
        };
        let (out, applied, skipped) = apply_to_text(text, &src).unwrap();
        assert_eq!(out, "the cat wiht the hat");
        assert_eq!((applied, skipped), (2, 0));
    }

    #[test]
    fn overlapping_accepted_changes_keep_the_first() {
        let text = "abcdef";
        let src = SourceDecisions {
            path: "a.txt".into(),
            sha256: sha256_hex(text),
            changes: vec![
                change("0-0", "accept", 0, 3, "X"),
                change("0-1", "accept", 2, 4, "Y"),
            ],
        };
        let (out, applied, skipped) = apply_to_text(text, &src).unwrap();
        assert_eq!((out.as_str(), applied, skipped), ("Xdef", 1, 1));
    }

    #[test]
    fn edits_off_char_boundaries_are_refused() {
        let text = "é";
        let src = SourceDecisions {
            path: "a.txt".into(),
            sha256: sha256_hex(text),
            changes: vec![change("0-0", "accept", 1, 2, "x")],
        };
        assert!(apply_to_text(text, &src).is_err());
    }

    #[test]
    fn unknown_version_and_fields_are_errors() {
        assert!(parse(r#"{"copyedit_decisions":2,"sources":[]}"#).is_err());
        assert!(parse(r#"{"copyedit_decisions":1,"sources":[],"x":1}"#).is_err());
        assert!(parse(r#"{"copyedit_decisions":1,"sources":[]}"#).is_ok());
    }
}
