//! The review report: what a run would change, gathered for the HTML page
//! (`copyedit report`) and the decisions file that `copyedit apply` reads.
//!
//! Aggregates (findings per rule, family and tier, spin scores, frequent
//! corrections) cover every source; per-source details are kept only for the
//! worst `top` sources, so a run over 100,000 documents yields a page of
//! bounded size.

pub mod decisions;

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};

use crate::diagnostic::{Applicability, Finding};
use crate::engine::Engine;
use crate::rules::spun::SPUN_THRESHOLD;
use crate::source::Origin;
use crate::text::Document;

/// Characters of context kept on each side of a change.
const CONTEXT_CHARS: usize = 60;

/// Most changes listed per source in the page.
pub const MAX_CHANGES_PER_SOURCE: usize = 400;

/// One alternative of a change: the edits it makes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Alternative {
    /// Imperative title (`Replace with `the``).
    pub title: String,
    /// How safe it is.
    pub applicability: Applicability,
    /// Why it was chosen.
    pub reason: String,
    /// Byte edits into the source text: (start, end, replacement).
    pub edits: Vec<(usize, usize, String)>,
}

/// One proposed change: a finding with its alternatives and context.
#[derive(Clone, Debug)]
pub struct Change {
    /// Stable id within the report: `<source index>-<change index>`.
    pub id: String,
    /// Rule code.
    pub rule: &'static str,
    /// Rule name.
    pub name: &'static str,
    /// Family letter.
    pub family: char,
    /// The message.
    pub message: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column in chars.
    pub column: usize,
    /// Byte span of the finding.
    pub span: (usize, usize),
    /// The flagged text.
    pub text: String,
    /// Up to [`CONTEXT_CHARS`] chars before, on the same line.
    pub before: String,
    /// Up to [`CONTEXT_CHARS`] chars after, on the same line.
    pub after: String,
    /// Alternatives, best first (may be empty: report only).
    pub alternatives: Vec<Alternative>,
}

impl Change {
    /// The tier of the best alternative, or `None` when there is nothing to apply.
    #[must_use]
    pub fn tier(&self) -> Option<Applicability> {
        self.alternatives.first().map(|a| a.applicability)
    }
}

/// One checked source.
#[derive(Clone, Debug)]
pub struct SourceEntry {
    /// Path as shown (`-` for stdin).
    pub path: String,
    /// JSONL record line and id, for dumps.
    pub record: Option<(usize, Option<String>)>,
    /// SHA-256 of the text as read, hex: `apply` refuses a changed source.
    pub sha256: String,
    /// Number of findings (all of them, even when `changes` is cut).
    pub findings: usize,
    /// Spin score.
    pub spin_score: f64,
    /// Spin verdict.
    pub spun: bool,
    /// The changes (at most [`MAX_CHANGES_PER_SOURCE`]).
    pub changes: Vec<Change>,
}

/// Everything the page shows.
#[derive(Clone, Debug, Default)]
pub struct RunReport {
    /// Sources checked.
    pub sources_checked: usize,
    /// Sources with at least one finding.
    pub sources_with_findings: usize,
    /// Findings in all.
    pub findings: usize,
    /// Findings per rule code, with the rule name.
    pub by_rule: BTreeMap<&'static str, (&'static str, usize)>,
    /// Findings per family letter.
    pub by_family: BTreeMap<char, usize>,
    /// Findings per tier of their best fix (`safe`, `unsafe`, `display-only`, `none`).
    pub by_tier: BTreeMap<&'static str, usize>,
    /// Spin score of every source (for the histogram).
    pub spin_scores: Vec<f64>,
    /// Documents judged spun.
    pub spun: usize,
    /// Most frequent corrections: (from, to) → count.
    pub corrections: BTreeMap<(String, String), usize>,
    /// Inputs that could not be read: (path, reason).
    pub errors: Vec<(String, String)>,
    /// The worst sources, detailed; at most `top`.
    pub details: Vec<SourceEntry>,
    /// How many sources are detailed at most.
    pub top: usize,
    /// The verdict threshold for the spin histogram.
    pub spin_threshold: f64,
}

impl RunReport {
    /// An empty report that will detail at most `top` sources.
    #[must_use]
    pub fn new(top: usize) -> Self {
        Self {
            top,
            spin_threshold: SPUN_THRESHOLD,
            ..Self::default()
        }
    }

    /// Adds an unreadable input.
    pub fn add_error(&mut self, path: String, reason: String) {
        self.errors.push((path, reason));
    }

    /// Adds one checked source, keeping only the worst `top` in detail.
    pub fn add(&mut self, entry: SourceEntry, findings: &[Finding]) {
        self.sources_checked += 1;
        self.findings += findings.len();
        if !findings.is_empty() {
            self.sources_with_findings += 1;
        }
        for f in findings {
            let slot = self.by_rule.entry(f.rule.code).or_insert((f.rule.name, 0));
            slot.1 += 1;
            *self.by_family.entry(f.rule.family.letter()).or_default() += 1;
            let tier = f
                .suggestions
                .first()
                .map_or("none", |s| s.fix.applicability().as_str());
            *self.by_tier.entry(tier).or_default() += 1;
        }
        for c in &entry.changes {
            if let Some(best) = c.alternatives.first() {
                // Frequent corrections: what `fix --unsafe-fixes` would apply.
                if best.applicability >= Applicability::Unsafe && best.edits.len() == 1 {
                    let to = best.edits[0].2.clone();
                    *self.corrections.entry((c.text.clone(), to)).or_default() += 1;
                }
            }
        }
        self.spin_scores.push(entry.spin_score);
        self.spun += usize::from(entry.spun);
        if self.top == 0 || entry.findings == 0 && !entry.spun {
            return;
        }
        self.details.push(entry);
        if self.details.len() > self.top * 2 {
            self.trim();
        }
    }

    /// Sorts the detailed sources worst first and keeps `top` of them.
    pub fn trim(&mut self) {
        self.details.sort_by(|a, b| {
            b.spin_score
                .partial_cmp(&a.spin_score)
                .unwrap_or(std::cmp::Ordering::Equal)
                .then(b.findings.cmp(&a.findings))
                .then(a.path.cmp(&b.path))
                .then(a.record.cmp(&b.record))
        });
        self.details.truncate(self.top);
    }

    /// The `n` most frequent corrections, most frequent first.
    #[must_use]
    pub fn top_corrections(&self, n: usize) -> Vec<(&(String, String), usize)> {
        let mut v: Vec<_> = self.corrections.iter().map(|(k, &c)| (k, c)).collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        v.truncate(n);
        v
    }
}

/// SHA-256 of a text, lowercase hex.
#[must_use]
pub fn sha256_hex(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Checks one source and turns its findings into a [`SourceEntry`]; returns
/// the findings too, for the aggregates.
#[must_use]
pub fn examine(
    engine: &Engine,
    origin: &Origin,
    text: &str,
    index: usize,
) -> (SourceEntry, Vec<Finding>) {
    let doc = Document::new(text, origin.format());
    let report = engine.report(&doc);
    let changes = report
        .findings
        .iter()
        .take(MAX_CHANGES_PER_SOURCE)
        .enumerate()
        .map(|(i, f)| change_of(&doc, f, format!("{index}-{i}")))
        .collect();
    let record = match origin {
        Origin::Record { line, id, .. } => Some((*line, id.clone())),
        _ => None,
    };
    let entry = SourceEntry {
        path: origin.display_path(),
        record,
        sha256: sha256_hex(text),
        findings: report.findings.len(),
        spin_score: report.spin.score,
        spun: report.spin.spun,
        changes,
    };
    (entry, report.findings)
}

fn change_of(doc: &Document<'_>, f: &Finding, id: String) -> Change {
    let text = doc.text();
    let line = doc.lines().line_of(f.span.start);
    let line_span = doc.lines().line_span(text, line);
    let before_all = &text[line_span.start..f.span.start];
    let after_all = &text[f.span.end..line_span.end.max(f.span.end)];
    let before: String = {
        let chars: Vec<char> = before_all.chars().collect();
        let from = chars.len().saturating_sub(CONTEXT_CHARS);
        let mut s: String = chars[from..].iter().collect();
        if from > 0 {
            s.insert(0, '…');
        }
        s
    };
    let after: String = {
        let mut s: String = after_all.chars().take(CONTEXT_CHARS).collect();
        if after_all.chars().count() > CONTEXT_CHARS {
            s.push('…');
        }
        s
    };
    let lc = doc.line_col(f.span.start);
    Change {
        id,
        rule: f.rule.code,
        name: f.rule.name,
        family: f.rule.family.letter(),
        message: f.message.clone(),
        line: lc.line,
        column: lc.column,
        span: (f.span.start, f.span.end),
        text: doc.slice(f.span).to_string(),
        before,
        after,
        alternatives: f
            .suggestions
            .iter()
            .map(|s| Alternative {
                title: s.title.clone(),
                applicability: s.fix.applicability(),
                reason: s.reason.clone(),
                edits: s
                    .fix
                    .edits()
                    .iter()
                    .map(|e| (e.span.start, e.span.end, e.replacement.clone()))
                    .collect(),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Settings;

    #[test]
    fn examine_collects_changes_with_context() {
        let engine = Engine::new(Settings::default()).unwrap();
        let origin = Origin::File("a.txt".into());
        let (entry, findings) = examine(&engine, &origin, "We saw teh cat.\n", 3);
        assert_eq!(findings.len(), entry.findings);
        let c = &entry.changes[0];
        assert_eq!(c.id, "3-0");
        assert_eq!(
            (c.before.as_str(), c.text.as_str(), c.after.as_str()),
            ("We saw ", "teh", " cat.")
        );
        assert_eq!(c.alternatives[0].edits, [(7, 10, "the".to_string())]);
        assert_eq!(entry.sha256.len(), 64);
    }

    #[test]
    fn only_the_worst_sources_are_detailed() {
        let engine = Engine::new(Settings {
            select: vec!["T001".into()],
            ..Settings::default()
        })
        .unwrap();
        let mut report = RunReport::new(2);
        for (i, text) in ["teh", "teh teh", "clean", "teh teh teh", "wiht"]
            .iter()
            .enumerate()
        {
            let origin = Origin::File(format!("{i}.txt").into());
            let (entry, findings) = examine(&engine, &origin, text, i);
            report.add(entry, &findings);
        }
        report.trim();
        assert_eq!(report.sources_checked, 5);
        assert_eq!(report.findings, 7);
        let paths: Vec<&str> = report.details.iter().map(|d| d.path.as_str()).collect();
        assert_eq!(paths, ["3.txt", "1.txt"]);
        assert_eq!(
            report.top_corrections(1)[0],
            (&("teh".to_string(), "the".to_string()), 6)
        );
    }
}
