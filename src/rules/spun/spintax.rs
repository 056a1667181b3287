//! `S003 spintax`: spinner templates (`{a|b}`, `{that a}`) leaked into prose.

use crate::diagnostic::Finding;
use crate::rules::spun::analysis::HitKind;
use crate::rules::spun::emit;
use crate::rules::{CheckContext, Family, FixSafety, Rule, RuleMeta};
use crate::text::Document;

/// Flags spintax left in a published text: `{quick|fast}`, `{that a}`.
#[derive(Debug)]
pub struct LeakedSpintax;

static META: RuleMeta = RuleMeta {
    code: "S003",
    name: "spintax",
    family: Family::Spin,
    summary: "Spinner template syntax left in the text",
    explanation: r#"## What it flags
Curly braces around running words in prose, with or without `|`-separated
alternatives: `{quick|fast}`, `{that a}`, `{dollars}`. Spinners write their
templates this way and sometimes publish them unexpanded. Template tags
(`{{ name }}`, `{% if %}`), code and placeholders such as `{Name}` or `{id}`
are not flagged.

## Why it matters
It is a sure sign of machine-spun text, and it reads as garbage.

## Example
```text
a galaxy {that a} telescope saw   ->   a galaxy that a telescope saw
```

## Fix safety
Unsafe: the braces are removed and the first alternative kept, which is what
the spinner would have printed, but a person should confirm it.
"#,
    default_enabled: true,
    fix_safety: FixSafety::Unsafe,
};

impl Rule for LeakedSpintax {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, doc: &Document<'_>, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        emit(
            doc,
            ctx,
            HitKind::Spintax,
            &META,
            |flagged, _| format!("`{flagged}` is leaked spintax"),
            out,
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{assert_fires, assert_fixes_to, assert_silent};

    #[test]
    fn fires_on_spintax() {
        assert_fires("S003", "It was {quick|fast} work.", &["{quick|fast}"]);
        assert_fires("S003", "a galaxy {that a} telescope saw", &["{that a}"]);
        assert_fixes_to(
            "S003",
            "It cost {dollars} and {quick|fast} work.",
            "It cost dollars and quick work.",
        );
    }

    #[test]
    fn silent_on_templates_code_and_placeholders() {
        assert_silent("S003", "Hello {{ user.name }} and {% if x %}.");
        assert_silent("S003", "Use {name} or {id} or {Name} here.");
        assert_silent("S003", r#"The JSON {"a": 1} and f{x} and ${HOME}."#);
    }
}
