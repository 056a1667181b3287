//! Rules: the [`Rule`] trait, rule metadata and the registry.
//!
//! [`REGISTRY`] is the only list of rules, sorted by code. Adding a rule is a
//! new file, one line here, a fixture and a snapshot. Codes are stable and
//! never reused: family letter + three digits (`T` typos and words, `Q`
//! quotes, punctuation and spacing, `U` Unicode and encoding, `S` spun prose).

pub mod spun;
pub mod typo;
pub mod typography;
pub mod unicode;

use crate::config::Settings;
use crate::diagnostic::Finding;
use crate::text::Document;

/// The family a rule belongs to; the first letter of its code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Family {
    /// `T`: typos and words.
    Typo,
    /// `Q`: quotes, punctuation and spacing.
    Quote,
    /// `U`: Unicode and encoding.
    Unicode,
    /// `S`: synonym-spun prose.
    Spin,
}

impl Family {
    /// Every family, in code order.
    pub const ALL: [Family; 4] = [Family::Typo, Family::Quote, Family::Unicode, Family::Spin];

    /// The code letter.
    #[must_use]
    pub fn letter(self) -> char {
        match self {
            Family::Typo => 'T',
            Family::Quote => 'Q',
            Family::Unicode => 'U',
            Family::Spin => 'S',
        }
    }

    /// A lowercase name for reports.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Family::Typo => "typos",
            Family::Quote => "quotes",
            Family::Unicode => "unicode",
            Family::Spin => "spin",
        }
    }
}

/// What kind of fix a rule can offer, for `copyedit rules`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FixSafety {
    /// Its fixes are always safe.
    Safe,
    /// Safe in some cases, unsafe or display-only in others.
    Sometimes,
    /// Its fixes need a person to opt in.
    Unsafe,
    /// It only reports.
    None,
}

impl FixSafety {
    /// A short label.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            FixSafety::Safe => "safe",
            FixSafety::Sometimes => "sometimes",
            FixSafety::Unsafe => "unsafe",
            FixSafety::None => "none",
        }
    }

    /// Whether a rule of this kind can offer a fix that applies at `level`
    /// ([`crate::diagnostic::Finding::fix_at`]): an `Unsafe` rule never
    /// offers a safe fix, a `None` rule only display-only ones. The engine
    /// checks, in debug builds, that every rule keeps to its declaration, so
    /// that [`crate::Engine::check_fixable_with_names`] may skip the rules
    /// that cannot change the text at a fix level.
    #[must_use]
    pub fn can_apply_at(self, level: crate::diagnostic::Applicability) -> bool {
        use crate::diagnostic::Applicability;
        match self {
            FixSafety::Safe | FixSafety::Sometimes => true,
            FixSafety::Unsafe => level <= Applicability::Unsafe,
            FixSafety::None => level == Applicability::DisplayOnly,
        }
    }
}

/// Static description of a rule.
#[derive(Debug)]
pub struct RuleMeta {
    /// Stable code, e.g. `T001`.
    pub code: &'static str,
    /// Kebab-case name of the problem, e.g. `known-misspelling`.
    pub name: &'static str,
    /// The family (matches the code's letter).
    pub family: Family,
    /// One line for `copyedit rules`.
    pub summary: &'static str,
    /// Markdown documentation printed by `copyedit explain`, with the headings
    /// `## What it flags`, `## Why it matters`, `## Example`, `## Fix safety`.
    pub explanation: &'static str,
    /// Whether the rule runs without being selected.
    pub default_enabled: bool,
    /// What its fixes are like.
    pub fix_safety: FixSafety,
}

/// Per-run information a rule may use besides the document.
#[derive(Debug)]
pub struct CheckContext<'a> {
    /// The effective settings.
    pub settings: &'a Settings,
    /// Words seen capitalised across many documents of the same batch (a
    /// directory or a dump): names, not typos. Folded keys. `None` outside
    /// batch runs.
    pub batch_names: Option<&'a rustc_hash::FxHashSet<Box<str>>>,
    /// The document's own names, collected once for every rule that needs
    /// them (see [`CheckContext::doc_names`]).
    doc_names: std::cell::OnceCell<crate::rules::typo::DocNames>,
    /// The lexicon's verdict per token (see [`CheckContext::lexical`]).
    words: std::cell::OnceCell<crate::rules::typo::DocWords>,
    /// The spin analysis the `S` rules share (see [`CheckContext::spin_analysis`]).
    spin: std::cell::OnceCell<crate::rules::spun::analysis::Analysis>,
}

impl<'a> CheckContext<'a> {
    /// A context for checking one document.
    #[must_use]
    pub fn new(
        settings: &'a Settings,
        batch_names: Option<&'a rustc_hash::FxHashSet<Box<str>>>,
    ) -> Self {
        Self {
            settings,
            batch_names,
            doc_names: std::cell::OnceCell::new(),
            words: std::cell::OnceCell::new(),
            spin: std::cell::OnceCell::new(),
        }
    }

    /// What the lexicon says of each token of `doc` (the document this
    /// context was made for), looked up on first use: the word rules share
    /// one lookup per word instead of one each.
    pub(crate) fn lexical(&self, doc: &Document<'_>) -> &[crate::rules::typo::Lexical] {
        self.words(doc).lexical()
    }

    /// The lookup keys and lexicon classes of the words of `doc` (the
    /// document this context was made for), computed on first use.
    pub(crate) fn words(&self, doc: &Document<'_>) -> &crate::rules::typo::DocWords {
        self.words
            .get_or_init(|| crate::rules::typo::DocWords::build(doc))
    }

    /// The spin analysis of `doc` (the document this context was made for),
    /// computed on first use: S001, S002 and S003 report parts of one
    /// analysis, so the first of them to run pays for all three.
    pub(crate) fn spin_analysis(
        &self,
        doc: &Document<'_>,
    ) -> &crate::rules::spun::analysis::Analysis {
        self.spin
            .get_or_init(|| crate::rules::spun::analysis::compute(doc, self.words(doc)))
    }

    /// The capitalised words of `doc` (the document this context was made
    /// for), collected on first use.
    pub(crate) fn doc_names(&self, doc: &Document<'_>) -> &crate::rules::typo::DocNames {
        self.doc_names
            .get_or_init(|| crate::rules::typo::DocNames::collect(doc, self.words(doc)))
    }
}

impl CheckContext<'_> {
    /// Whether the batch shows `folded` (a folded word key, possibly with a
    /// possessive `'s`) to be a name.
    #[must_use]
    pub fn is_batch_name(&self, folded: &str) -> bool {
        self.batch_names.is_some_and(|set| {
            set.contains(folded) || set.contains(crate::batch::strip_possessive(folded))
        })
    }
}

/// A check over a document. Rules are immutable and shared by all workers.
pub trait Rule: Send + Sync {
    /// The rule's metadata.
    fn meta(&self) -> &'static RuleMeta;
    /// Appends what the rule finds in `doc` to `out`.
    fn check(&self, doc: &Document<'_>, ctx: &CheckContext<'_>, out: &mut Vec<Finding>);
}

/// Every rule, sorted by code. The only list of rules.
pub static REGISTRY: &[&dyn Rule] = &[
    &typography::reversed_quote::ReversedQuote,
    &typography::unbalanced_quotes::UnbalancedQuotes,
    &typography::wrong_apostrophe::WrongApostrophe,
    &typography::space_inside_quotes::SpaceInsideQuotes,
    &typography::space_before_punctuation::SpaceBeforePunctuation,
    &typography::missing_space_after_punctuation::MissingSpaceAfterPunctuation,
    &typography::doubled_punctuation::DoubledPunctuation,
    &typography::multiple_spaces::MultipleSpaces,
    &typography::hyphen_as_dash::HyphenAsDash,
    &typography::mixed_quote_style::MixedQuoteStyle,
    &typography::lowercase_sentence_start::LowercaseSentenceStart,
    &spun::spun_phrase::SpunPhrase,
    &spun::unlikely_collocation::UnlikelyCollocation,
    &spun::spintax::LeakedSpintax,
    &typo::known_misspelling::KnownMisspelling,
    &typo::unknown_word::UnknownWord,
    &typo::lowercase_proper_noun::LowercaseProperNoun,
    &typo::repeated_word::RepeatedWord,
    &typo::other_dialect_spelling::OtherDialectSpelling,
    &typo::inconsistent_name_case::InconsistentNameCase,
    &unicode::mojibake::Mojibake,
    &unicode::html_entity::HtmlEntity,
    &unicode::invisible_character::InvisibleCharacter,
    &unicode::non_breaking_space::NonBreakingSpace,
    &unicode::non_nfc::NonNfc,
    &unicode::trailing_whitespace::TrailingWhitespace,
];

/// Finds a rule by code or name.
#[must_use]
pub fn find(code_or_name: &str) -> Option<&'static dyn Rule> {
    REGISTRY
        .iter()
        .copied()
        .find(|r| r.meta().code.eq_ignore_ascii_case(code_or_name) || r.meta().name == code_or_name)
}

/// Whether selector `sel` (a code, a code prefix such as `T` or `S0`, a
/// name, or `ALL`) matches the rule.
#[must_use]
pub fn selector_matches(sel: &str, meta: &RuleMeta) -> bool {
    sel.eq_ignore_ascii_case("all")
        || meta.name == sel
        || (!sel.is_empty()
            && sel.len() <= meta.code.len()
            && meta.code[..sel.len()].eq_ignore_ascii_case(sel))
}

/// Whether `sel` matches at least one rule.
#[must_use]
pub fn is_known_selector(sel: &str) -> bool {
    REGISTRY.iter().any(|r| selector_matches(sel, r.meta()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selectors_match_codes_prefixes_and_names() {
        let meta = typo::known_misspelling::KnownMisspelling.meta();
        for sel in ["T001", "t001", "T", "T0", "known-misspelling", "ALL"] {
            assert!(selector_matches(sel, meta), "{sel}");
        }
        for sel in ["T002", "Q", "S0", "known", ""] {
            assert!(!selector_matches(sel, meta), "{sel}");
        }
    }
}
