//! `T005 other-dialect-spelling`: with `--dialect en-us` or `en-gb`, a
//! spelling of the other variety (`colour` in en-US, `color` in en-GB).

use crate::config::Dialect;
use crate::diagnostic::{Applicability, Finding, Suggestion};
use crate::dict::words::DialectMark;
use crate::dict::{american_of, british_of, words};
use crate::rules::{CheckContext, Family, FixSafety, Rule, RuleMeta};
use crate::text::case::{match_case, with_folded_key};
use crate::text::Document;

/// Flags spellings of the other English variety when a dialect is set.
#[derive(Debug)]
pub struct OtherDialectSpelling;

static META: RuleMeta = RuleMeta {
    code: "T005",
    name: "other-dialect-spelling",
    family: Family::Typo,
    summary: "A spelling of the other English variety than the one chosen",
    explanation: r#"## What it flags
With `--dialect en-us`, British spellings (`colour`, `organise`,
`travelled`); with `--dialect en-gb`, American ones (`color`, `traveled`).
Pairs come from VarCon. Oxford spelling is British too, so `organize` is
accepted in en-GB. Without `--dialect` (the default) both are accepted and
the rule is silent.

## Why it matters
A text should keep to one variety; mixing them looks careless.

## Example
```text
the colour of money   ->   the color of money   (--dialect en-us)
```

## Fix safety
Safe: each pair has exactly one partner and the same meaning.
"#,
    default_enabled: true,
    fix_safety: FixSafety::Safe,
};

impl Rule for OtherDialectSpelling {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, doc: &Document<'_>, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let dialect = ctx.settings.dialect;
        if dialect == Dialect::Any {
            return;
        }
        let lexicon = words();
        for (_, token) in doc.words() {
            let word = doc.slice(token.span);
            let partner = with_folded_key(word, |k| {
                let (partner, only) = match dialect {
                    Dialect::EnUs => (american_of(k)?, DialectMark::Gb),
                    Dialect::EnGb => (british_of(k)?, DialectMark::Us),
                    Dialect::Any => return None,
                };
                // Only a form the other variety alone accepts is wrong.
                let entry = lexicon.get(k)?;
                entry
                    .forms()
                    .filter(|f| f.text.chars().all(|c| !c.is_uppercase()))
                    .all(|f| f.dialect == only)
                    .then_some(partner)
            });
            let Some(partner) = partner else { continue };
            if ctx.settings.is_allowed_word(word) {
                continue;
            }
            let fixed = match_case(word, partner);
            let variety = match dialect {
                Dialect::EnUs => "American",
                _ => "British",
            };
            out.push(
                Finding::new(
                    &META,
                    token.span,
                    format!("`{word}` is not the {variety} spelling"),
                )
                .suggest(
                    Suggestion::replace(token.span, &fixed, Applicability::Safe)
                        .because(format!("{variety} spelling (VarCon)")),
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::config::{Dialect, Settings};
    use crate::engine::Engine;
    use crate::text::Format;

    fn fix(dialect: Dialect, text: &str) -> String {
        let engine = Engine::new(Settings {
            select: vec!["T005".into()],
            dialect,
            ..Settings::default()
        })
        .expect("known rule");
        engine.fix(text, Format::Plain).expect("converges").text
    }

    #[test]
    fn converts_to_the_chosen_variety() {
        assert_eq!(
            fix(Dialect::EnUs, "The colour of Colours"),
            "The color of Colors"
        );
        assert_eq!(
            fix(Dialect::EnGb, "The color we traveled"),
            "The colour we travelled"
        );
    }

    #[test]
    fn silent_without_a_dialect_and_on_oxford_spelling() {
        assert_eq!(
            fix(Dialect::Any, "The colour and color"),
            "The colour and color"
        );
        assert_eq!(fix(Dialect::EnGb, "organize it"), "organize it");
    }
}
