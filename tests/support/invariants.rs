//! The invariants `check` and `fix` must keep on any text, shared by the
//! property tests (`tests/properties.rs`) and the fuzz target
//! (`fuzz/fuzz_targets/check_fix.rs`, which includes this file by path).
//!
//! [`verify`] runs the engine on a text and returns a description of the
//! first broken invariant, or the statistics of a clean run:
//! - every finding's span, and every edit of every suggestion, lies inside
//!   the text on char boundaries;
//! - a fix applicable at the level changes the text (no no-op fixes, which
//!   would make `fix` report work it did not do);
//! - each pass of `apply_fixes` changes bytes only inside the edits it
//!   reports, those edits are disjoint, and they are the union of whole
//!   fixes (a fix is applied all or nothing);
//! - `Engine::fix` converges, agrees with the pass-by-pass replay, and is
//!   idempotent (fixing its output again applies nothing);
//! - `check` on the fixed text reports nothing fixable at the level;
//! - rendering every finding (human, JSON) and the diff does not panic.

#![allow(dead_code)]

use std::collections::HashSet;
use std::path::PathBuf;

use copyedit::diagnostic::{Applicability, Edit, Finding, Fix};
use copyedit::fix::{apply_fixes, MAX_PASSES};
use copyedit::render::{diff, human, json};
use copyedit::source::Origin;
use copyedit::text::{Document, Format, Span};
use copyedit::{Engine, Settings};

/// Every format a document can be read as.
pub const FORMATS: [Format; 3] = [Format::Plain, Format::Markdown, Format::Html];

/// An engine with every rule selected, fixing at `level`.
#[must_use]
pub fn engine(level: Applicability) -> Engine {
    Engine::new(Settings {
        select: vec!["ALL".into()],
        fix_level: level,
        ..Settings::default()
    })
    .expect("ALL is a valid selector")
}

/// What a clean run did, for reporting coverage.
#[derive(Clone, Copy, Debug, Default)]
pub struct Stats {
    /// Findings on the original text.
    pub findings: usize,
    /// Edits applied over all passes.
    pub edits: usize,
    /// Passes that changed the text.
    pub passes: usize,
    /// Bytes of the input text kept outside applied edits, over all passes.
    pub bytes_kept: usize,
}

fn span_ok(text: &str, span: Span) -> bool {
    span.start <= span.end
        && span.end <= text.len()
        && text.is_char_boundary(span.start)
        && text.is_char_boundary(span.end)
}

fn apply_one(text: &str, fix: &Fix) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for e in fix.edits() {
        out.push_str(&text[at..e.span.start]);
        out.push_str(&e.replacement);
        at = e.span.end;
    }
    out.push_str(&text[at..]);
    out
}

/// Checks spans and suggestions of `findings` against `text`.
///
/// # Errors
/// A description of the first bad finding.
pub fn check_findings(
    text: &str,
    findings: &[Finding],
    level: Applicability,
) -> Result<(), String> {
    for f in findings {
        let code = f.rule.code;
        if !span_ok(text, f.span) {
            return Err(format!(
                "{code}: finding span {:?} is outside the text (len {}) or off a char boundary",
                f.span,
                text.len()
            ));
        }
        for s in &f.suggestions {
            let edits = s.fix.edits();
            if edits.is_empty() {
                return Err(format!("{code}: a suggestion has no edit"));
            }
            for pair in edits.windows(2) {
                if pair[0].span.end > pair[1].span.start {
                    return Err(format!("{code}: edits of one fix overlap: {pair:?}"));
                }
            }
            for e in edits {
                if !span_ok(text, e.span) {
                    return Err(format!(
                        "{code}: edit span {:?} is outside the text (len {}) or off a char boundary",
                        e.span,
                        text.len()
                    ));
                }
            }
        }
        if let Some(fix) = f.fix_at(level) {
            if apply_one(text, fix) == text {
                return Err(format!(
                    "{code}: fix `{}` at {:?} changes nothing",
                    f.suggestions[0].title, f.span
                ));
            }
        }
    }
    Ok(())
}

/// Checks one pass: `applied_text` and `applied_edits` as returned by
/// `apply_fixes(text, findings, level)`. Returns the bytes kept.
///
/// # Errors
/// A description of the first broken invariant.
pub fn check_pass(
    text: &str,
    findings: &[Finding],
    level: Applicability,
    applied_text: &str,
    applied_edits: &[Edit],
) -> Result<usize, String> {
    let mut rebuilt = String::with_capacity(text.len());
    let mut at = 0;
    let mut kept = 0;
    for e in applied_edits {
        if !span_ok(text, e.span) {
            return Err(format!("applied edit {:?} is out of bounds", e.span));
        }
        if e.span.start < at {
            return Err(format!(
                "applied edits overlap or are out of order at {:?}",
                e.span
            ));
        }
        rebuilt.push_str(&text[at..e.span.start]);
        kept += e.span.start - at;
        rebuilt.push_str(&e.replacement);
        at = e.span.end;
    }
    rebuilt.push_str(&text[at..]);
    kept += text.len() - at;
    if rebuilt != applied_text {
        let common = rebuilt
            .bytes()
            .zip(applied_text.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        return Err(format!(
            "apply_fixes changed bytes outside its reported edits (first difference at output byte {common})"
        ));
    }
    // The applied edits are exactly a union of whole applicable fixes.
    // Sets, not list scans: a text with thousands of fixes stays linear.
    let applied: HashSet<&Edit> = applied_edits.iter().collect();
    let whole: HashSet<&Edit> = findings
        .iter()
        .filter_map(|f| f.fix_at(level))
        .filter(|fix| fix.edits().iter().all(|e| applied.contains(e)))
        .flat_map(|fix| fix.edits())
        .collect();
    for e in applied_edits {
        if !whole.contains(e) {
            return Err(format!(
                "applied edit {:?} -> {:?} does not belong to a fix applied whole",
                e.span, e.replacement
            ));
        }
    }
    Ok(kept)
}

/// Runs check and fix on `text` read as `format` and verifies every
/// invariant listed in the module docs.
///
/// # Errors
/// A description of the first broken invariant.
pub fn verify(engine: &Engine, text: &str, format: Format) -> Result<Stats, String> {
    let level = engine.settings().fix_level;
    let mut stats = Stats::default();
    let origin = Origin::File(PathBuf::from(match format {
        Format::Plain => "in.txt",
        Format::Markdown => "in.md",
        Format::Html => "in.html",
    }));

    // Check, render.
    let doc = Document::new(text, format);
    let report = engine.report(&doc);
    check_findings(text, &report.findings, level)?;
    stats.findings = report.findings.len();
    for f in &report.findings {
        let _ = human::render_finding(&origin, &doc, f, level, human::Style { color: true });
        let _ = json::finding_line(&origin, &doc, f);
    }
    let _ = json::source_line(
        &origin,
        &report.findings,
        level,
        report.spin.score,
        report.spin.spun,
    );
    if !report.spin.score.is_finite() {
        return Err(format!("spin score is {}", report.spin.score));
    }

    // Replay fix pass by pass.
    let mut current = text.to_string();
    let mut converged = false;
    for _ in 0..=MAX_PASSES {
        let findings = engine.check(&Document::new(&current, format));
        check_findings(&current, &findings, level)?;
        let applied = apply_fixes(&current, &findings, level);
        stats.bytes_kept += check_pass(&current, &findings, level, &applied.text, &applied.edits)?;
        if applied.rules.is_empty() || applied.text == current {
            converged = true;
            break;
        }
        stats.passes += 1;
        stats.edits += applied.edits.len();
        current = applied.text;
    }

    let fixed = match engine.fix(text, format) {
        Ok(out) => out,
        Err(e) => return Err(format!("fix failed: {e}")),
    };
    if !converged {
        return Err("the pass-by-pass replay did not converge but fix did".into());
    }
    if fixed.text != current {
        return Err("Engine::fix disagrees with the pass-by-pass replay".into());
    }
    let _ = diff::unified_diff("in", text, &fixed.text);

    // Idempotent; nothing fixable left.
    let again = engine
        .fix(&fixed.text, format)
        .map_err(|e| format!("fixing the fixed text failed: {e}"))?;
    if again.text != fixed.text || again.applied != 0 {
        return Err(format!(
            "fix is not idempotent: a second run applied {} fixes ({:?})",
            again.applied, again.by_rule
        ));
    }
    let after = engine.check(&Document::new(&fixed.text, format));
    if let Some(f) = after.iter().find(|f| f.fix_at(level).is_some()) {
        return Err(format!(
            "{} still reports a fix at {:?} after fix",
            f.rule.code, f.span
        ));
    }
    Ok(stats)
}
