//! Which findings `check` reports: all, only those not in a baseline
//! (`--baseline`), only those on lines changed since a git revision
//! (`--changed-since`), or both.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::baseline::{self, Baseline, Key};
use crate::config_file::normalize;
use crate::diagnostic::Finding;
use crate::error::{Error, Result};
use crate::source::Origin;
use crate::text::Document;

/// The findings filter of a `check` run.
#[derive(Debug, Default)]
pub struct Scope {
    baseline: Option<Baseline>,
    /// Recording a new baseline: report nothing, return every key.
    recording: bool,
    changed: Option<ChangedLines>,
}

impl Scope {
    /// The scope for `--baseline FILE` and `--changed-since REV`.
    ///
    /// # Errors
    /// An unreadable baseline, or a git revision git does not know.
    pub fn new(baseline: Option<&Path>, changed_since: Option<&str>) -> Result<Self> {
        let (baseline, recording) = match baseline {
            Some(p) if p.exists() => (Some(Baseline::load(p)?), false),
            Some(_) => (None, true),
            None => (None, false),
        };
        let changed = changed_since.map(ChangedLines::since).transpose()?;
        Ok(Self {
            baseline,
            recording,
            changed,
        })
    }

    /// Whether this run records a new baseline.
    #[must_use]
    pub fn is_recording(&self) -> bool {
        self.recording
    }

    /// Whether a change filter is active.
    #[must_use]
    pub fn is_active(&self) -> bool {
        self.recording || self.baseline.is_some() || self.changed.is_some()
    }

    /// Drops the findings out of scope; when recording a baseline, drops
    /// them all and returns their keys.
    pub fn apply(
        &self,
        origin: &Origin,
        doc: &Document<'_>,
        findings: &mut Vec<Finding>,
    ) -> Vec<Key> {
        if let (Some(changed), Origin::File(path)) = (&self.changed, origin) {
            changed.retain(path, doc, findings);
        }
        let path = origin.display_path();
        if self.recording {
            let keys = findings
                .iter()
                .map(|f| baseline::key(&path, doc, f))
                .collect();
            findings.clear();
            return keys;
        }
        if let Some(b) = &self.baseline {
            b.retain_new(&path, doc, findings);
        }
        Vec::new()
    }
}

/// Lines changed since a revision, from `git diff -U0`.
#[derive(Debug, Default)]
pub struct ChangedLines {
    cwd: PathBuf,
    /// Absolute path → 1-based inclusive ranges of changed lines.
    files: HashMap<PathBuf, Vec<(usize, usize)>>,
    /// Untracked files: changed everywhere.
    untracked: HashSet<PathBuf>,
}

fn git(args: &[&str]) -> Result<String> {
    let out = Command::new("git")
        .args(["-c", "core.quotePath=false"])
        .args(args)
        .output()
        .map_err(|e| Error::usage(format!("cannot run git: {e}")))?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        let first = err.lines().next().unwrap_or("git failed").trim();
        return Err(Error::usage(format!("--changed-since: {first}")));
    }
    String::from_utf8(out.stdout)
        .map_err(|_| Error::usage("--changed-since: git printed a non-UTF-8 path"))
}

impl ChangedLines {
    /// Asks git which lines changed since `rev` (working tree included).
    ///
    /// # Errors
    /// Not a git repository, or an unknown revision.
    pub fn since(rev: &str) -> Result<Self> {
        let top = git(&["rev-parse", "--show-toplevel"])?;
        let top = PathBuf::from(top.trim_end_matches(['\n', '\r']));
        let top = top.canonicalize().unwrap_or(top);
        let diff = git(&[
            "diff",
            "-U0",
            "--no-color",
            "--no-ext-diff",
            "--no-renames",
            rev,
            "--",
        ])?;
        let mut this = Self {
            cwd: std::env::current_dir()
                .and_then(|d| d.canonicalize())
                .map_err(Error::from)?,
            ..Self::default()
        };
        this.parse_diff(&top, &diff);
        let others = git(&[
            "-C",
            &top.to_string_lossy(),
            "ls-files",
            "--others",
            "--exclude-standard",
            "--full-name",
        ])?;
        this.untracked = others.lines().map(|l| top.join(l)).collect();
        Ok(this)
    }

    fn parse_diff(&mut self, top: &Path, diff: &str) {
        let mut current: Option<PathBuf> = None;
        for line in diff.lines() {
            if let Some(rest) = line.strip_prefix("+++ ") {
                let rest = rest.trim_matches('"');
                current = rest.strip_prefix("b/").map(|p| top.join(p));
                if let Some(p) = &current {
                    self.files.entry(p.clone()).or_default();
                }
            } else if let Some(rest) = line.strip_prefix("@@ ") {
                let Some(file) = &current else { continue };
                // `@@ -a[,b] +c[,d] @@`
                let Some(plus) = rest.split(' ').find(|w| w.starts_with('+')) else {
                    continue;
                };
                let mut parts = plus[1..].split(',');
                let start: usize = parts.next().and_then(|n| n.parse().ok()).unwrap_or(0);
                let count: usize = parts.next().and_then(|n| n.parse().ok()).unwrap_or(1);
                if count > 0 {
                    self.files
                        .entry(file.clone())
                        .or_default()
                        .push((start, start + count - 1));
                }
            }
        }
    }

    fn retain(&self, path: &Path, doc: &Document<'_>, findings: &mut Vec<Finding>) {
        let abs = normalize(&self.cwd.join(path));
        if self.untracked.contains(&abs) {
            return;
        }
        let Some(ranges) = self.files.get(&abs) else {
            // Tracked and unchanged (or outside the repository): nothing new.
            findings.clear();
            return;
        };
        findings.retain(|f| {
            let line = doc.lines().line_of(f.span.start) + 1;
            ranges.iter().any(|&(a, b)| a <= line && line <= b)
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_zero_context_hunks() {
        let diff = "diff --git a/a.md b/a.md\n--- a/a.md\n+++ b/a.md\n@@ -3 +3 @@\n-x\n+y\n@@ -10,0 +11,2 @@\n+p\n+q\n@@ -20,2 +22,0 @@\n-r\n-s\ndiff --git a/gone.md b/gone.md\n--- a/gone.md\n+++ /dev/null\n@@ -1 +0,0 @@\n-z\n";
        let mut c = ChangedLines::default();
        c.parse_diff(Path::new("/repo"), diff);
        assert_eq!(c.files[Path::new("/repo/a.md")], [(3, 3), (11, 12)]);
        assert_eq!(c.files.len(), 1);
    }
}
