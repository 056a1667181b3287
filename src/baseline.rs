//! Baselines: the findings a project accepted on the day it adopted
//! copyedit, so that from then on only new findings are reported.
//!
//! A finding is keyed by its path, rule, flagged text and a hash of the
//! words next to it on its line (up to two on each side, case and
//! punctuation ignored), never by byte
//! offsets or line numbers, so edits elsewhere in the file (even elsewhere in
//! the same line) do not bring old findings back. Identical keys are
//! counted: a file recorded with two `teh`s in the same context reports a
//! third one added in that context, and nothing for the first two.
//!
//! The file is JSON, sorted, one entry per line so that it diffs well:
//! ```json
//! {
//!   "version": 1,
//!   "findings": [
//!     {"path": "docs/a.md", "rule": "T001", "text": "teh", "context": "5b0c1f2e9d6a4c21", "count": 1}
//!   ]
//! }
//! ```

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostic::Finding;
use crate::error::{Error, Result};
use crate::text::Document;

/// Words of context hashed on each side of a finding.
const CONTEXT_WORDS: usize = 2;

/// What identifies a finding across edits.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Key {
    /// The path as reported (`/` separators).
    pub path: String,
    /// The rule code.
    pub rule: String,
    /// The flagged text.
    pub text: String,
    /// FNV-1a hash (hex) of the neighbouring words on the finding's line.
    pub context: String,
}

#[derive(Serialize, Deserialize)]
struct Entry {
    path: String,
    rule: String,
    text: String,
    context: String,
    count: usize,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileFormat {
    version: u32,
    findings: Vec<Entry>,
}

/// A set of recorded findings with their counts.
#[derive(Debug, Default)]
pub struct Baseline {
    entries: BTreeMap<Key, usize>,
}

impl Baseline {
    /// Reads a baseline file.
    ///
    /// # Errors
    /// Unreadable file, or not a copyedit baseline; the error names the path.
    pub fn load(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::from(e).at(path))?;
        let file: FileFormat = serde_json::from_str(&text)
            .map_err(|e| Error::usage(format!("not a copyedit baseline: {e}")).at(path))?;
        if file.version != 1 {
            return Err(Error::usage(format!(
                "baseline version {} is not supported (expected 1)",
                file.version
            ))
            .at(path));
        }
        let mut entries = BTreeMap::new();
        for e in file.findings {
            let key = Key {
                path: e.path,
                rule: e.rule,
                text: e.text,
                context: e.context,
            };
            *entries.entry(key).or_default() += e.count;
        }
        Ok(Self { entries })
    }

    /// Writes the baseline (sorted; a new file replaces the old atomically).
    ///
    /// # Errors
    /// Any I/O error; the error names the path.
    pub fn save(&self, path: &Path) -> Result<()> {
        let mut out = String::from("{\n  \"version\": 1,\n  \"findings\": [");
        for (i, (k, count)) in self.entries.iter().enumerate() {
            let entry = Entry {
                path: k.path.clone(),
                rule: k.rule.clone(),
                text: k.text.clone(),
                context: k.context.clone(),
                count: *count,
            };
            let json = serde_json::to_string(&entry).expect("baseline entries serialise");
            let _ = write!(out, "{}\n    {json}", if i == 0 { "" } else { "," });
        }
        out.push_str(if self.entries.is_empty() {
            "]\n}\n"
        } else {
            "\n  ]\n}\n"
        });
        let dir = path
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let at = |e: std::io::Error| Error::from(e).at(path);
        let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(at)?;
        std::io::Write::write_all(&mut tmp, out.as_bytes()).map_err(at)?;
        tmp.persist(path).map_err(|e| at(e.error))?;
        Ok(())
    }

    /// Adds keys (one per finding).
    pub fn extend(&mut self, keys: impl IntoIterator<Item = Key>) {
        for k in keys {
            *self.entries.entry(k).or_default() += 1;
        }
    }

    /// Number of findings recorded.
    #[must_use]
    pub fn len(&self) -> usize {
        self.entries.values().sum()
    }

    /// Whether nothing is recorded.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Drops the findings the baseline records, keeping the new ones.
    pub fn retain_new(&self, path: &str, doc: &Document<'_>, findings: &mut Vec<Finding>) {
        let mut used: BTreeMap<Key, usize> = BTreeMap::new();
        findings.retain(|f| {
            let key = key(path, doc, f);
            let recorded = self.entries.get(&key).copied().unwrap_or(0);
            let n = used.entry(key).or_default();
            *n += 1;
            *n > recorded
        });
    }
}

/// The key of `finding` in `doc`, reported under `path`.
#[must_use]
pub fn key(path: &str, doc: &Document<'_>, finding: &Finding) -> Key {
    let text = doc.text();
    let lines = doc.lines();
    let line = lines.line_span(text, lines.line_of(finding.span.start));
    let end = finding
        .span
        .end
        .clamp(finding.span.start, line.end.max(finding.span.start));
    let before = &text[line.start..finding.span.start];
    let after = &text[end.min(text.len())..line.end.max(end).min(text.len())];
    let mut hash = Fnv::new();
    let words = |s: &'_ str| {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
    };
    for w in words(before)
        .into_iter()
        .rev()
        .take(CONTEXT_WORDS)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
    {
        hash.write(w.as_bytes());
        hash.write(b" ");
    }
    hash.write(b"\x00");
    for w in words(after).into_iter().take(CONTEXT_WORDS) {
        hash.write(w.as_bytes());
        hash.write(b" ");
    }
    Key {
        path: path.replace('\\', "/"),
        rule: finding.rule.code.to_string(),
        text: doc.slice(finding.span).to_string(),
        context: format!("{:016x}", hash.0),
    }
}

/// 64-bit FNV-1a: stable across builds and platforms, unlike std's hasher.
struct Fnv(u64);

impl Fnv {
    fn new() -> Self {
        Self(0xcbf2_9ce4_8422_2325)
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Settings;
    use crate::engine::Engine;
    use crate::text::Format;

    fn findings(text: &str) -> (Vec<Key>, usize) {
        let engine = Engine::new(Settings {
            select: vec!["T001".into()],
            ..Settings::default()
        })
        .unwrap();
        let doc = Document::new(text, Format::Plain);
        let f = engine.check(&doc);
        (f.iter().map(|f| key("a.txt", &doc, f)).collect(), f.len())
    }

    fn new_after(old: &str, new: &str) -> Vec<String> {
        let mut b = Baseline::default();
        b.extend(findings(old).0);
        let engine = Engine::new(Settings {
            select: vec!["T001".into()],
            ..Settings::default()
        })
        .unwrap();
        let doc = Document::new(new, Format::Plain);
        let mut f = engine.check(&doc);
        b.retain_new("a.txt", &doc, &mut f);
        f.iter().map(|f| doc.slice(f.span).to_string()).collect()
    }

    #[test]
    fn edits_elsewhere_do_not_resurrect() {
        let old = "First line here.\nWe saw teh cat today.\nEnd.\n";
        let new = "A new opening paragraph.\n\nFirst line changed here.\nYesterday we saw teh cat today, and more.\nEnd.\n";
        assert!(new_after(old, new).is_empty());
    }

    #[test]
    fn new_findings_are_reported() {
        let old = "We saw teh cat today.\n";
        let new = "We saw teh cat today.\nThen wiht the dog.\nWe saw teh cat today.\n";
        assert_eq!(new_after(old, new), ["wiht", "teh"]);
    }

    #[test]
    fn save_and_load_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("baseline.json");
        let mut b = Baseline::default();
        b.extend(findings("teh and teh\n").0);
        b.save(&path).unwrap();
        let again = Baseline::load(&path).unwrap();
        assert_eq!(again.len(), 2);
        assert_eq!(again.entries, b.entries);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("{\n  \"version\": 1,"), "{text}");
    }
}
