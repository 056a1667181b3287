//! `S` rules: synonym-spun prose, and the document spin score.

use crate::diagnostic::Finding;
use crate::rules::Family;
use crate::text::Document;

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

/// Scores a document from its `S` findings: their density per 1000 words,
/// saturating so that a handful of coincidental hits in a long clean text
/// stays near zero.
#[must_use]
pub fn document_spin(doc: &Document<'_>, findings: &[Finding]) -> SpinVerdict {
    let hits = findings
        .iter()
        .filter(|f| f.rule.family == Family::Spin)
        .count();
    if hits == 0 {
        return SpinVerdict::default();
    }
    let words = doc.word_count().max(1) as f64;
    let per_thousand = hits as f64 * 1000.0 / words;
    // Logistic in the density: 5 hits per 1000 words is the midpoint.
    let score = 1.0 / (1.0 + (-(per_thousand - 5.0) / 1.5).exp());
    let score = (score * 1000.0).round() / 1000.0;
    SpinVerdict {
        score,
        spun: score >= SPUN_THRESHOLD,
    }
}
