//! What a rule reports: [`Finding`]s with ranked [`Suggestion`]s, each
//! carrying a [`Fix`] of byte [`Edit`]s and its [`Applicability`].

use crate::rules::RuleMeta;
use crate::text::span::Span;

/// How sure copyedit is that a fix is what the author meant.
///
/// Ordered: `DisplayOnly < Unsafe < Safe`, so `fix.applicability >= level`
/// means "at least as safe as the level asks".
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Applicability {
    /// Shown to a person, never applied (candidates too close to call).
    DisplayOnly,
    /// Probably intended; applied only with `--unsafe-fixes`.
    Unsafe,
    /// Certainly intended and meaning-preserving; applied by `fix`.
    Safe,
}

impl Applicability {
    /// The lowercase name used in JSON and human output.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::DisplayOnly => "display-only",
            Applicability::Unsafe => "unsafe",
            Applicability::Safe => "safe",
        }
    }
}

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Worth a look; may be intended.
    Info,
    /// Very likely damage.
    Warning,
}

impl Severity {
    /// The lowercase name used in JSON output.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
        }
    }
}

/// Replace the bytes of `span` with `replacement`. An empty span inserts; an
/// empty replacement deletes.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Edit {
    /// The bytes to replace.
    pub span: Span,
    /// The new text.
    pub replacement: String,
}

impl Edit {
    /// An edit that replaces `span` with `replacement`.
    #[must_use]
    pub fn replace(span: Span, replacement: impl Into<String>) -> Self {
        Self {
            span,
            replacement: replacement.into(),
        }
    }

    /// An edit that deletes `span`.
    #[must_use]
    pub fn delete(span: Span) -> Self {
        Self::replace(span, String::new())
    }

    /// An edit that inserts `text` at `offset`.
    #[must_use]
    pub fn insert(offset: usize, text: impl Into<String>) -> Self {
        Self::replace(Span::empty(offset), text)
    }
}

/// A set of edits applied together, or not at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    edits: Vec<Edit>,
    applicability: Applicability,
}

impl Fix {
    /// A fix from edits, which are sorted here.
    ///
    /// # Panics
    /// Panics if there is no edit or two edits overlap: a fix is a set of
    /// disjoint changes.
    #[must_use]
    pub fn new(mut edits: Vec<Edit>, applicability: Applicability) -> Self {
        assert!(!edits.is_empty(), "a fix has at least one edit");
        edits.sort_by_key(|e| (e.span.start, e.span.end));
        for pair in edits.windows(2) {
            assert!(
                pair[0].span.end <= pair[1].span.start,
                "edits of one fix overlap: {:?} and {:?}",
                pair[0].span,
                pair[1].span
            );
        }
        Self {
            edits,
            applicability,
        }
    }

    /// A fix of one edit.
    #[must_use]
    pub fn single(edit: Edit, applicability: Applicability) -> Self {
        Self::new(vec![edit], applicability)
    }

    /// The edits, sorted by position.
    #[must_use]
    pub fn edits(&self) -> &[Edit] {
        &self.edits
    }

    /// How sure the fix is.
    #[must_use]
    pub fn applicability(&self) -> Applicability {
        self.applicability
    }

    /// Whether this fix is applied at `level` (it is at least as safe).
    #[must_use]
    pub fn applies(&self, level: Applicability) -> bool {
        self.applicability >= level
    }

    /// The bytes from the first edit's start to the last edit's end.
    #[must_use]
    pub fn span(&self) -> Span {
        Span::new(
            self.edits[0].span.start,
            self.edits[self.edits.len() - 1].span.end,
        )
    }
}

/// One proposed repair: an imperative title, the fix, and why it was chosen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    /// Imperative, e.g. "Replace with `receive`".
    pub title: String,
    /// The edits.
    pub fix: Fix,
    /// Why this suggestion was chosen (dictionary, distance, context…), for
    /// people reviewing it. Empty when the rule has nothing to add.
    pub reason: String,
}

impl Suggestion {
    /// A suggestion replacing `span` by `replacement`, titled "Replace with …".
    #[must_use]
    pub fn replace(span: Span, replacement: &str, applicability: Applicability) -> Self {
        let title = if replacement.is_empty() {
            "Remove it".to_string()
        } else {
            format!("Replace with `{}`", replacement.escape_debug())
        };
        Self {
            title,
            fix: Fix::single(Edit::replace(span, replacement), applicability),
            reason: String::new(),
        }
    }

    /// The same suggestion with a reason attached.
    #[must_use]
    pub fn because(mut self, reason: impl Into<String>) -> Self {
        self.reason = reason.into();
        self
    }
}

/// A problem a rule found in a document.
#[derive(Clone, Debug)]
pub struct Finding {
    /// The rule that found it.
    pub rule: &'static RuleMeta,
    /// The offending bytes.
    pub span: Span,
    /// How serious it is.
    pub severity: Severity,
    /// States the problem; no final period; text in backticks.
    pub message: String,
    /// Ranked repairs, best first; may be empty.
    pub suggestions: Vec<Suggestion>,
}

impl Finding {
    /// A finding with no suggestion yet.
    #[must_use]
    pub fn new(rule: &'static RuleMeta, span: Span, message: impl Into<String>) -> Self {
        Self {
            rule,
            span,
            severity: Severity::Warning,
            message: message.into(),
            suggestions: Vec::new(),
        }
    }

    /// Adds a suggestion (call best first).
    #[must_use]
    pub fn suggest(mut self, suggestion: Suggestion) -> Self {
        self.suggestions.push(suggestion);
        self
    }

    /// Sets the severity.
    #[must_use]
    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// The fix that would be applied at `level`: the first suggestion's, if
    /// it is safe enough.
    #[must_use]
    pub fn fix_at(&self, level: Applicability) -> Option<&Fix> {
        self.suggestions
            .first()
            .map(|s| &s.fix)
            .filter(|f| f.applies(level))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applicability_is_ordered_by_safety() {
        assert!(Applicability::DisplayOnly < Applicability::Unsafe);
        assert!(Applicability::Unsafe < Applicability::Safe);
        let fix = Fix::single(Edit::insert(0, "x"), Applicability::Unsafe);
        assert!(fix.applies(Applicability::Unsafe));
        assert!(fix.applies(Applicability::DisplayOnly));
        assert!(!fix.applies(Applicability::Safe));
    }

    #[test]
    fn fix_sorts_edits() {
        let fix = Fix::new(
            vec![Edit::delete(Span::new(5, 6)), Edit::insert(1, "a")],
            Applicability::Safe,
        );
        assert_eq!(fix.edits()[0].span.start, 1);
        assert_eq!(fix.span(), Span::new(1, 6));
    }

    #[test]
    #[should_panic(expected = "overlap")]
    fn overlapping_edits_in_one_fix_panic() {
        let _ = Fix::new(
            vec![Edit::delete(Span::new(1, 4)), Edit::delete(Span::new(3, 5))],
            Applicability::Safe,
        );
    }
}
