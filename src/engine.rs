//! The [`Engine`]: runs the enabled rules over a document, orders their
//! findings, scores spin and fixes text until stable.

use rustc_hash::FxHashSet;

use crate::config::Settings;
use crate::diagnostic::{Applicability, Finding};
use crate::error::Result;
use crate::fix::{fix_until_stable, FixOutcome};
use crate::rules::spun::{document_spin, SpinVerdict};
use crate::rules::{CheckContext, Rule};
use crate::suppress::Suppressions;
use crate::text::{Document, Format};

/// What checking one document produced.
#[derive(Debug)]
pub struct Report {
    /// Findings sorted by position, then rule code.
    pub findings: Vec<Finding>,
    /// The document's spin score and verdict.
    pub spin: SpinVerdict,
}

/// Runs rules. Immutable once built; one engine serves every worker thread.
#[derive(Debug)]
pub struct Engine {
    settings: Settings,
    rules: Vec<&'static dyn Rule>,
}

impl std::fmt::Debug for dyn Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.meta().code)
    }
}

impl Engine {
    /// An engine for `settings`.
    ///
    /// # Errors
    /// A usage error when a rule selector matches no rule.
    pub fn new(settings: Settings) -> Result<Self> {
        settings.validate()?;
        let rules = settings.enabled_rules();
        Ok(Self { settings, rules })
    }

    /// The settings in force.
    #[must_use]
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The rules that run, in registry order.
    #[must_use]
    pub fn rules(&self) -> &[&'static dyn Rule] {
        &self.rules
    }

    /// Whether a rule that runs may consult batch names (the typo rules), so
    /// that learning them is worth its cost.
    #[must_use]
    pub fn uses_batch_names(&self) -> bool {
        self.rules
            .iter()
            .any(|r| r.meta().family == crate::rules::Family::Typo)
    }

    /// Runs every enabled rule; findings sorted by (start, end, code), exact
    /// duplicates dropped, inline ignores ([`crate::suppress`]) honoured.
    #[must_use]
    pub fn check(&self, doc: &Document<'_>) -> Vec<Finding> {
        self.check_with_names(doc, None)
    }

    /// [`Engine::check`] within a batch (a dump, a directory): `batch_names`
    /// holds the words the batch shows to be names (see
    /// [`crate::batch::BatchNames`]), which typo rules leave alone.
    #[must_use]
    pub fn check_with_names(
        &self,
        doc: &Document<'_>,
        batch_names: Option<&FxHashSet<Box<str>>>,
    ) -> Vec<Finding> {
        self.check_rules(doc, batch_names, &self.rules)
    }

    /// [`Engine::check_with_names`] with only the rules that can offer a fix
    /// applying at `level` ([`crate::rules::FixSafety::can_apply_at`]). What
    /// [`crate::fix::apply_fixes`] does at `level` with these findings is
    /// exactly what it does with all of them, at a fraction of the cost: the
    /// passes of fixing after the first need no more (issue 6).
    #[must_use]
    pub fn check_fixable_with_names(
        &self,
        doc: &Document<'_>,
        batch_names: Option<&FxHashSet<Box<str>>>,
        level: Applicability,
    ) -> Vec<Finding> {
        let rules: Vec<&'static dyn Rule> = self
            .rules
            .iter()
            .copied()
            .filter(|r| r.meta().fix_safety.can_apply_at(level))
            .collect();
        self.check_rules(doc, batch_names, &rules)
    }

    fn check_rules(
        &self,
        doc: &Document<'_>,
        batch_names: Option<&FxHashSet<Box<str>>>,
        rules: &[&'static dyn Rule],
    ) -> Vec<Finding> {
        let ctx = CheckContext::new(&self.settings, batch_names);
        let mut findings = Vec::new();
        for rule in rules {
            rule.check(doc, &ctx, &mut findings);
        }
        debug_assert!(
            findings.iter().all(|f| f
                .suggestions
                .iter()
                .all(|s| f.rule.fix_safety.can_apply_at(s.fix.applicability()))),
            "a rule offers a fix safer than its RuleMeta::fix_safety says"
        );
        findings.sort_by(|a, b| {
            (a.span.start, a.span.end, a.rule.code).cmp(&(b.span.start, b.span.end, b.rule.code))
        });
        findings.dedup_by(|a, b| {
            a.span == b.span && a.rule.code == b.rule.code && a.message == b.message
        });
        Suppressions::scan(doc).retain(doc, &mut findings);
        findings
    }

    /// Checks a document and scores its spin.
    #[must_use]
    pub fn report(&self, doc: &Document<'_>) -> Report {
        self.report_with_names(doc, None)
    }

    /// [`Engine::report`] within a batch (see [`Engine::check_with_names`]).
    #[must_use]
    pub fn report_with_names(
        &self,
        doc: &Document<'_>,
        batch_names: Option<&FxHashSet<Box<str>>>,
    ) -> Report {
        let findings = self.check_with_names(doc, batch_names);
        let spin = document_spin(doc, &findings);
        Report { findings, spin }
    }

    /// Checks `text` read as `format`.
    #[must_use]
    pub fn report_text(&self, text: &str, format: Format) -> Report {
        self.report(&Document::new(text, format))
    }

    /// Fixes `text` at the settings' fix level until no applicable fix is left.
    ///
    /// # Errors
    /// When fixes do not converge within the pass limit.
    pub fn fix(&self, text: &str, format: Format) -> Result<FixOutcome> {
        self.fix_with_names(text, format, None)
    }

    /// [`Engine::fix`] within a batch (see [`Engine::check_with_names`]).
    ///
    /// # Errors
    /// When fixes do not converge within the pass limit.
    pub fn fix_with_names(
        &self,
        text: &str,
        format: Format,
        batch_names: Option<&FxHashSet<Box<str>>>,
    ) -> Result<FixOutcome> {
        fix_until_stable(text, self.settings.fix_level, |t| {
            self.check_with_names(&Document::new(t, format), batch_names)
        })
    }
}
