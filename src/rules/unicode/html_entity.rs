//! `U002 html-entity`: HTML character references left in plain text
//! (`&quot;`, `&#8217;`, `&amp;rsquo;`).

use crate::diagnostic::{Applicability, Finding, Suggestion};
use crate::rules::unicode::{codepages, in_skip};
use crate::rules::{CheckContext, Family, FixSafety, Rule, RuleMeta};
use crate::text::markup::entity_end;
use crate::text::{Document, Format, Span};

/// Flags HTML entities in plain text and decodes them.
#[derive(Debug)]
pub struct HtmlEntity;

static META: RuleMeta = RuleMeta {
    code: "U002",
    name: "html-entity",
    family: Family::Unicode,
    summary: "An HTML character reference left in plain text",
    explanation: r#"## What it flags
Named, decimal and hexadecimal HTML character references in a plain-text
document: `&quot;`, `&rsquo;`, `&#8217;`, `&#x2019;`, and references escaped
twice (`&amp;rsquo;`). Markdown and HTML files are left alone: there the
references are markup and render correctly.

## Why it matters
Text copied out of a web page's source or a badly exported feed keeps the
references; readers see `Qatar&#8217;s` instead of `Qatar’s`.

## Example
```text
Kibaki&rsquo;s reelection   ->   Kibaki’s reelection
```

## Fix safety
Safe: a well-formed reference has exactly one meaning. Unknown names are
not flagged. Numeric references 128–159 are read as Windows-1252, as
browsers do.
"#,
    default_enabled: true,
    fix_safety: FixSafety::Safe,
};

/// Named references: the HTML 4 set (Latin-1, symbols, Greek, punctuation).
const NAMED: &[(&str, char)] = &[
    ("AElig", 'Æ'),
    ("Aacute", 'Á'),
    ("Acirc", 'Â'),
    ("Agrave", 'À'),
    ("Alpha", 'Α'),
    ("Aring", 'Å'),
    ("Atilde", 'Ã'),
    ("Auml", 'Ä'),
    ("Beta", 'Β'),
    ("Ccedil", 'Ç'),
    ("Chi", 'Χ'),
    ("Dagger", '‡'),
    ("Delta", 'Δ'),
    ("ETH", 'Ð'),
    ("Eacute", 'É'),
    ("Ecirc", 'Ê'),
    ("Egrave", 'È'),
    ("Epsilon", 'Ε'),
    ("Eta", 'Η'),
    ("Euml", 'Ë'),
    ("Gamma", 'Γ'),
    ("Iacute", 'Í'),
    ("Icirc", 'Î'),
    ("Igrave", 'Ì'),
    ("Iota", 'Ι'),
    ("Iuml", 'Ï'),
    ("Kappa", 'Κ'),
    ("Lambda", 'Λ'),
    ("Mu", 'Μ'),
    ("Ntilde", 'Ñ'),
    ("Nu", 'Ν'),
    ("OElig", 'Œ'),
    ("Oacute", 'Ó'),
    ("Ocirc", 'Ô'),
    ("Ograve", 'Ò'),
    ("Omega", 'Ω'),
    ("Omicron", 'Ο'),
    ("Oslash", 'Ø'),
    ("Otilde", 'Õ'),
    ("Ouml", 'Ö'),
    ("Phi", 'Φ'),
    ("Pi", 'Π'),
    ("Prime", '″'),
    ("Psi", 'Ψ'),
    ("Rho", 'Ρ'),
    ("Scaron", 'Š'),
    ("Sigma", 'Σ'),
    ("THORN", 'Þ'),
    ("Tau", 'Τ'),
    ("Theta", 'Θ'),
    ("Uacute", 'Ú'),
    ("Ucirc", 'Û'),
    ("Ugrave", 'Ù'),
    ("Upsilon", 'Υ'),
    ("Uuml", 'Ü'),
    ("Xi", 'Ξ'),
    ("Yacute", 'Ý'),
    ("Yuml", 'Ÿ'),
    ("Zeta", 'Ζ'),
    ("aacute", 'á'),
    ("acirc", 'â'),
    ("acute", '´'),
    ("aelig", 'æ'),
    ("agrave", 'à'),
    ("alpha", 'α'),
    ("amp", '&'),
    ("apos", '\''),
    ("aring", 'å'),
    ("asymp", '≈'),
    ("atilde", 'ã'),
    ("auml", 'ä'),
    ("bdquo", '„'),
    ("beta", 'β'),
    ("brvbar", '¦'),
    ("bull", '•'),
    ("ccedil", 'ç'),
    ("cedil", '¸'),
    ("cent", '¢'),
    ("chi", 'χ'),
    ("circ", 'ˆ'),
    ("copy", '©'),
    ("curren", '¤'),
    ("dagger", '†'),
    ("darr", '↓'),
    ("deg", '°'),
    ("delta", 'δ'),
    ("divide", '÷'),
    ("eacute", 'é'),
    ("ecirc", 'ê'),
    ("egrave", 'è'),
    ("emsp", '\u{2003}'),
    ("ensp", '\u{2002}'),
    ("epsilon", 'ε'),
    ("eta", 'η'),
    ("eth", 'ð'),
    ("euml", 'ë'),
    ("euro", '€'),
    ("fnof", 'ƒ'),
    ("frac12", '½'),
    ("frac14", '¼'),
    ("frac34", '¾'),
    ("frasl", '⁄'),
    ("gamma", 'γ'),
    ("ge", '≥'),
    ("gt", '>'),
    ("harr", '↔'),
    ("hellip", '…'),
    ("iacute", 'í'),
    ("icirc", 'î'),
    ("iexcl", '¡'),
    ("igrave", 'ì'),
    ("infin", '∞'),
    ("iota", 'ι'),
    ("iquest", '¿'),
    ("iuml", 'ï'),
    ("kappa", 'κ'),
    ("lambda", 'λ'),
    ("laquo", '«'),
    ("larr", '←'),
    ("ldquo", '“'),
    ("le", '≤'),
    ("lrm", '\u{200E}'),
    ("lsaquo", '‹'),
    ("lsquo", '‘'),
    ("lt", '<'),
    ("macr", '¯'),
    ("mdash", '—'),
    ("micro", 'µ'),
    ("middot", '·'),
    ("minus", '−'),
    ("mu", 'μ'),
    ("nbsp", '\u{A0}'),
    ("ndash", '–'),
    ("ne", '≠'),
    ("not", '¬'),
    ("ntilde", 'ñ'),
    ("nu", 'ν'),
    ("oacute", 'ó'),
    ("ocirc", 'ô'),
    ("oelig", 'œ'),
    ("ograve", 'ò'),
    ("omega", 'ω'),
    ("omicron", 'ο'),
    ("ordf", 'ª'),
    ("ordm", 'º'),
    ("oslash", 'ø'),
    ("otilde", 'õ'),
    ("ouml", 'ö'),
    ("para", '¶'),
    ("permil", '‰'),
    ("phi", 'φ'),
    ("pi", 'π'),
    ("plusmn", '±'),
    ("pound", '£'),
    ("prime", '′'),
    ("psi", 'ψ'),
    ("quot", '"'),
    ("raquo", '»'),
    ("rarr", '→'),
    ("rdquo", '”'),
    ("reg", '®'),
    ("rho", 'ρ'),
    ("rlm", '\u{200F}'),
    ("rsaquo", '›'),
    ("rsquo", '’'),
    ("sbquo", '‚'),
    ("scaron", 'š'),
    ("sect", '§'),
    ("shy", '\u{AD}'),
    ("sigma", 'σ'),
    ("sigmaf", 'ς'),
    ("sup1", '¹'),
    ("sup2", '²'),
    ("sup3", '³'),
    ("szlig", 'ß'),
    ("tau", 'τ'),
    ("theta", 'θ'),
    ("thinsp", '\u{2009}'),
    ("thorn", 'þ'),
    ("tilde", '˜'),
    ("times", '×'),
    ("trade", '™'),
    ("uacute", 'ú'),
    ("uarr", '↑'),
    ("ucirc", 'û'),
    ("ugrave", 'ù'),
    ("uml", '¨'),
    ("upsilon", 'υ'),
    ("uuml", 'ü'),
    ("xi", 'ξ'),
    ("yacute", 'ý'),
    ("yen", '¥'),
    ("yuml", 'ÿ'),
    ("zeta", 'ζ'),
    ("zwj", '\u{200D}'),
    ("zwnj", '\u{200C}'),
];

/// The character a reference body (between `&` and `;`) stands for.
fn decode(body: &str) -> Option<char> {
    if let Some(num) = body.strip_prefix('#') {
        let value = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse::<u32>().ok()?,
        };
        if (0x80..=0x9F).contains(&value) {
            // Browsers read these as Windows-1252.
            let c = codepages::CP1252[value as usize - 0x80];
            return (!('\u{80}'..='\u{9F}').contains(&c)).then_some(c);
        }
        return char::from_u32(value).filter(|&c| c != '\0' && !c.is_control() || c == '\t');
    }
    NAMED
        .binary_search_by(|(name, _)| name.cmp(&body))
        .ok()
        .map(|i| NAMED[i].1)
}

/// The reference starting at `start` (`&…;`) and what it decodes to.
fn reference_at(text: &str, start: usize) -> Option<(Span, char)> {
    let end = entity_end(text.as_bytes(), start)?;
    let c = decode(&text[start + 1..end - 1])?;
    Some((Span::new(start, end), c))
}

impl Rule for HtmlEntity {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, doc: &Document<'_>, _ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        if doc.format() != Format::Plain {
            return;
        }
        let text = doc.text();
        let bytes = text.as_bytes();
        let mut from = 0;
        while let Some(at) = memchr::memchr(b'&', &bytes[from..]) {
            let start = from + at;
            from = start + 1;
            let Some((span, c)) = double_escaped(text, start).or_else(|| reference_at(text, start))
            else {
                continue;
            };
            if in_skip(doc, start) {
                continue;
            }
            from = span.end;
            let source = doc.slice(span);
            let replacement = c.to_string();
            out.push(
                Finding::new(
                    &META,
                    span,
                    format!(
                        "HTML entity `{source}` in plain text stands for `{}`",
                        replacement.escape_debug()
                    ),
                )
                .suggest(
                    Suggestion::replace(span, &replacement, Applicability::Safe)
                        .because("HTML character reference"),
                ),
            );
        }
    }
}

/// `&amp;name;`: an escaped `&` followed by the rest of a reference.
fn double_escaped(text: &str, start: usize) -> Option<(Span, char)> {
    let rest = text.get(start..)?;
    let tail = rest.strip_prefix("&amp;")?;
    let body_len = tail.bytes().take(32).position(|b| b == b';')?;
    let body = &tail[..body_len];
    if body.is_empty() || !body.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'#') {
        return None;
    }
    let c = decode(body)?;
    Some((Span::new(start, start + 5 + body_len + 1), c))
}

#[cfg(test)]
mod tests {
    use super::NAMED;
    use crate::testing::{assert_fires, assert_fixes_to, assert_silent};

    #[test]
    fn table_is_sorted_for_binary_search() {
        assert!(NAMED.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn decodes_named_numeric_and_double_escaped() {
        assert_fixes_to("U002", "Kibaki&rsquo;s win", "Kibaki’s win");
        assert_fixes_to("U002", "Qatar&#8217;s &#x201C;x&#x201D;", "Qatar’s “x”");
        assert_fixes_to(
            "U002",
            "AT&amp;T and &amp;ldquo;hi&amp;rdquo;",
            "AT&T and “hi”",
        );
        assert_fixes_to("U002", "&#146;", "’");
    }

    #[test]
    fn leaves_non_entities_and_urls() {
        assert_silent("U002", "S&P 500 & more &nosuch; &#xZZ;");
        assert_silent("U002", "see https://x.org/?a=1&amp;b=2 now");
        assert_fires("U002", "a &amp; b", &["&amp;"]);
    }
}
