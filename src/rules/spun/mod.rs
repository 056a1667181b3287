//! `S` rules: synonym-spun prose, and the document spin score.
//!
//! The rules share one analysis per document ([`analysis`]): strong hits
//! (phrases people never write, strong collocation contrasts, leaked
//! spintax) decide whether a document looks spun; only then are weak hits
//! (normal English that spinners also produce) reported. Strong findings are
//! `Warning`s, weak ones `Info`, and [`document_spin`] weighs them so.

pub(crate) mod analysis;
pub mod spintax;
pub mod spun_phrase;
pub mod unlikely_collocation;

use crate::diagnostic::{Finding, Severity, Suggestion};
use crate::rules::{Family, RuleMeta};
use crate::text::Document;

use crate::rules::CheckContext;
use analysis::HitKind;

/// A document's spin score in `[0, 1]` and the verdict drawn from it.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct SpinVerdict {
    /// How strongly the document looks machine-spun, from 0 to 1.
    pub score: f64,
    /// Whether copyedit judges the document spun.
    pub spun: bool,
}

/// Score at or above which a document is judged spun.
pub const SPUN_THRESHOLD: f64 = 0.5;

/// Evidence points of a finding: strong (`Warning`) findings weigh 2, weak
/// (`Info`) ones 0.5 (they are only reported in documents that already look
/// spun, so they sharpen the score rather than create it).
fn points(f: &Finding) -> f64 {
    match f.severity {
        Severity::Warning => 2.0,
        Severity::Info => 0.5,
    }
}

/// Scores a document from its `S` findings.
///
/// Evidence is the sum of finding points; the score is a logistic curve in
/// its density per 1000 words (midpoint 10, i.e. five strong findings per
/// 1000 words), damped by a factor that needs at least three strong findings
/// in absolute terms: a handful of coincidental hits in clean news (`in
/// keeping with`, a lone odd pair) stays far below the verdict threshold,
/// whatever the length of the text.
#[must_use]
pub fn document_spin(doc: &Document<'_>, findings: &[Finding]) -> SpinVerdict {
    let spin: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.rule.family == Family::Spin)
        .collect();
    if spin.is_empty() {
        return SpinVerdict::default();
    }
    let evidence: f64 = spin.iter().map(|f| points(f)).sum();
    let words = doc.word_count().max(1) as f64;
    let density = evidence * 1000.0 / words;
    let logistic = 1.0 / (1.0 + (-(density - 10.0) / 2.5).exp());
    let damping = (evidence / 6.0).min(1.0);
    let score = logistic * damping;
    let score = (score * 1000.0).round() / 1000.0;
    SpinVerdict {
        score,
        spun: score >= SPUN_THRESHOLD,
    }
}

/// Appends the analysis hits of `kind` as findings of `meta`, with
/// `message(flagged, original)` as message.
fn emit(
    doc: &Document<'_>,
    ctx: &CheckContext<'_>,
    kind: HitKind,
    meta: &'static RuleMeta,
    message: impl Fn(&str, &str) -> String,
    out: &mut Vec<Finding>,
) {
    let analysis = ctx.spin_analysis(doc);
    for h in analysis.hits.iter().filter(|h| h.kind == kind) {
        let flagged = doc.slice(h.span);
        let text = h
            .message
            .clone()
            .unwrap_or_else(|| message(flagged, &h.original));
        let mut f = Finding::new(meta, h.span, text).with_severity(if h.strong {
            Severity::Warning
        } else {
            Severity::Info
        });
        if let Some(r) = &h.replacement {
            f = f.suggest(Suggestion::replace(h.span, r, h.applicability).because(&h.reason));
        }
        out.push(f);
    }
}
