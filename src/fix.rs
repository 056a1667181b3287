//! Applying fixes: non-overlapping edits in one pass, then re-check and
//! repeat until nothing applicable is left.
//!
//! Competing edits are never merged: the first fix (by position) wins, the
//! ones it overlaps are dropped for this pass and picked up by the next pass
//! if they still apply to the new text.

use std::collections::BTreeMap;

use crate::diagnostic::{Applicability, Finding};
use crate::error::{Error, ErrorKind, Result};

/// Most passes `fix` makes before it gives up with [`ErrorKind::NotConverged`].
pub const MAX_PASSES: usize = 8;

/// The outcome of one pass of [`apply_fixes`].
#[derive(Debug)]
pub struct Applied {
    /// The text with the fixes applied.
    pub text: String,
    /// Codes of the rules whose fixes were applied, one entry per fix.
    pub rules: Vec<&'static str>,
}

/// Applies, in one pass, the first suggestion of every finding whose fix is
/// at least as safe as `level`, skipping fixes that overlap one already
/// applied (an edit identical to an applied one is simply dropped).
///
/// # Example
/// ```
/// use copyedit::diagnostic::Applicability;
/// use copyedit::fix::apply_fixes;
/// use copyedit::{Engine, Settings, text::{Document, Format}};
/// let engine = Engine::new(Settings::default()).unwrap();
/// let doc = Document::new("Teh end", Format::Plain);
/// let findings = engine.check(&doc);
/// assert_eq!(apply_fixes(doc.text(), &findings, Applicability::Safe).text, "The end");
/// ```
#[must_use]
pub fn apply_fixes(text: &str, findings: &[Finding], level: Applicability) -> Applied {
    let mut fixes: Vec<(&Finding, &crate::diagnostic::Fix)> = findings
        .iter()
        .filter_map(|f| f.fix_at(level).map(|fix| (f, fix)))
        .collect();
    fixes.sort_by_key(|(f, fix)| (fix.span().start, fix.span().end, f.rule.code));
    let mut out = String::with_capacity(text.len());
    let mut rules = Vec::new();
    let mut copied_to = 0;
    let mut last_end: Option<usize> = None;
    let mut applied_edits: Vec<&crate::diagnostic::Edit> = Vec::new();
    for (finding, fix) in fixes {
        let new_edits: Vec<_> = fix
            .edits()
            .iter()
            .filter(|e| !applied_edits.contains(e))
            .collect();
        if new_edits.is_empty() {
            continue;
        }
        if last_end.is_some_and(|end| new_edits[0].span.start <= end) {
            continue;
        }
        for edit in new_edits {
            out.push_str(&text[copied_to..edit.span.start]);
            out.push_str(&edit.replacement);
            copied_to = edit.span.end;
            last_end = Some(edit.span.end);
            applied_edits.push(edit);
        }
        rules.push(finding.rule.code);
    }
    out.push_str(&text[copied_to..]);
    Applied { text: out, rules }
}

/// The outcome of fixing a text until it is stable.
#[derive(Debug)]
pub struct FixOutcome {
    /// The fixed text.
    pub text: String,
    /// Number of fixes applied, over all passes.
    pub applied: usize,
    /// Fixes applied per rule code.
    pub by_rule: BTreeMap<&'static str, usize>,
    /// Passes that changed the text.
    pub passes: usize,
    /// What is still reported on the fixed text.
    pub remaining: Vec<Finding>,
}

/// Repeats `check` + [`apply_fixes`] until a pass applies nothing.
///
/// # Errors
/// [`ErrorKind::NotConverged`] when the text still changes after
/// [`MAX_PASSES`] passes, naming the rules involved.
pub fn fix_until_stable(
    text: &str,
    level: Applicability,
    mut check: impl FnMut(&str) -> Vec<Finding>,
) -> Result<FixOutcome> {
    let mut current = text.to_string();
    let mut outcome = FixOutcome {
        text: String::new(),
        applied: 0,
        by_rule: BTreeMap::new(),
        passes: 0,
        remaining: Vec::new(),
    };
    for _ in 0..MAX_PASSES {
        let findings = check(&current);
        let applied = apply_fixes(&current, &findings, level);
        if applied.rules.is_empty() || applied.text == current {
            outcome.text = current;
            outcome.remaining = findings;
            return Ok(outcome);
        }
        outcome.passes += 1;
        outcome.applied += applied.rules.len();
        for code in applied.rules {
            *outcome.by_rule.entry(code).or_default() += 1;
        }
        current = applied.text;
    }
    let findings = check(&current);
    let still = apply_fixes(&current, &findings, level);
    if still.rules.is_empty() || still.text == current {
        outcome.text = current;
        outcome.remaining = findings;
        return Ok(outcome);
    }
    let mut rules = still.rules;
    rules.sort_unstable();
    rules.dedup();
    Err(Error::new(ErrorKind::NotConverged {
        passes: MAX_PASSES,
        rules,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Edit, Fix, Suggestion};
    use crate::text::Span;

    fn finding(start: usize, end: usize, replacement: &str, level: Applicability) -> Finding {
        Finding::new(
            crate::rules::find("T001")
                .expect("T001 is registered")
                .meta(),
            Span::new(start, end),
            "test",
        )
        .suggest(Suggestion::replace(
            Span::new(start, end),
            replacement,
            level,
        ))
    }

    #[test]
    fn applies_disjoint_edits_and_copies_the_rest() {
        let text = "aaa bbb ccc";
        let f = [
            finding(8, 11, "CCC", Applicability::Safe),
            finding(0, 3, "A", Applicability::Safe),
        ];
        assert_eq!(apply_fixes(text, &f, Applicability::Safe).text, "A bbb CCC");
    }

    #[test]
    fn overlapping_fixes_skip_the_later_one() {
        let text = "abcdef";
        let f = [
            finding(0, 3, "X", Applicability::Safe),
            finding(2, 5, "Y", Applicability::Safe),
        ];
        let applied = apply_fixes(text, &f, Applicability::Safe);
        assert_eq!(applied.text, "Xdef");
        assert_eq!(applied.rules.len(), 1);
    }

    #[test]
    fn identical_edits_are_applied_once() {
        let text = "abc";
        let f = [
            finding(1, 2, "X", Applicability::Safe),
            finding(1, 2, "X", Applicability::Safe),
        ];
        assert_eq!(apply_fixes(text, &f, Applicability::Safe).text, "aXc");
    }

    #[test]
    fn level_filters_fixes() {
        let text = "abc";
        let f = [finding(0, 1, "X", Applicability::Unsafe)];
        assert_eq!(apply_fixes(text, &f, Applicability::Safe).text, "abc");
        assert_eq!(apply_fixes(text, &f, Applicability::Unsafe).text, "Xbc");
    }

    #[test]
    fn multi_edit_fix_is_all_or_nothing() {
        let text = "a b c";
        let mut f = Finding::new(
            crate::rules::find("T001")
                .expect("T001 is registered")
                .meta(),
            Span::new(0, 5),
            "test",
        );
        f.suggestions.push(Suggestion {
            title: "t".into(),
            fix: Fix::new(
                vec![
                    Edit::replace(Span::new(0, 1), "A"),
                    Edit::replace(Span::new(4, 5), "C"),
                ],
                Applicability::Safe,
            ),
            reason: String::new(),
        });
        let blocker = finding(0, 1, "Z", Applicability::Safe);
        assert_eq!(
            apply_fixes(text, &[f.clone()], Applicability::Safe).text,
            "A b C"
        );
        // Sorted by start then rule: the blocker and the multi-edit fix tie on
        // start; whichever goes first, the other is skipped whole.
        let out = apply_fixes(text, &[blocker, f], Applicability::Safe).text;
        assert!(out == "A b C" || out == "Z b c", "{out}");
    }

    #[test]
    fn converges_and_is_idempotent() {
        // A checker that lowercases one `X` per pass needs several passes.
        let check = |t: &str| -> Vec<Finding> {
            t.find('X')
                .map(|i| vec![finding(i, i + 1, "x", Applicability::Safe)])
                .unwrap_or_default()
        };
        let out = fix_until_stable("XXX", Applicability::Safe, check).unwrap();
        assert_eq!(out.text, "xxx");
        assert_eq!(out.passes, 3);
        let again = fix_until_stable(&out.text, Applicability::Safe, check).unwrap();
        assert_eq!(again.text, out.text);
        assert_eq!(again.applied, 0);
    }

    #[test]
    fn oscillating_fixes_report_non_convergence() {
        let check = |t: &str| -> Vec<Finding> {
            let to = if t == "a" { "b" } else { "a" };
            vec![finding(0, 1, to, Applicability::Safe)]
        };
        let err = fix_until_stable("a", Applicability::Safe, check).unwrap_err();
        assert!(err.to_string().contains("did not converge"), "{err}");
        assert!(err.to_string().contains("T001"), "{err}");
    }
}
