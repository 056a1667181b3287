//! `U001 mojibake`: UTF-8 text that was decoded with a single-byte code page
//! (`Burundiâ€™s`, `rÃ©gime`, `Ã¢â‚¬â„¢`), and C1 control characters that
//! stand for Windows-1252 punctuation.
//!
//! The method: for each supported code page, map every non-ASCII character
//! back to its byte and look for runs that form a valid UTF-8 sequence (a
//! lead byte followed by continuation bytes). Runs that touch form a
//! cluster; a cluster is re-decoded (repeatedly, for text that was mangled
//! twice) and repaired only when
//! - the source looks wrong where it stands (a symbol in the middle of a
//!   word, a capital letter after a lower-case one, a control character, a
//!   three-byte sequence with punctuation in it), and
//! - every decoded character is plausible text (no control, IPA, combining
//!   or rare-script character; a letter sits next to a letter), and
//! - the document supports it: a cluster made only of two-byte sequences
//!   needs a three-byte cluster elsewhere, or a document where (nearly) all
//!   non-ASCII text decodes the same way. This keeps real words such as
//!   `DrÃ¥ber` beside a correct `–`, `NICIODATĂ™` or `Ã’s` intact. In a
//!   document that does not decode as a whole, two-byte clusters inside
//!   words are repaired when corroborated (two of them, or the letter also
//!   written correctly) and only shown otherwise.
//!
//! The code page that explains the most bytes wins.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use super::codepages;
use crate::diagnostic::{Applicability, Finding, Suggestion};
use crate::rules::{CheckContext, Family, FixSafety, Rule, RuleMeta};
use crate::text::{Document, Span};

/// Flags mojibake and repairs it when the re-decoding is certain.
#[derive(Debug)]
pub struct Mojibake;

static META: RuleMeta = RuleMeta {
    code: "U001",
    name: "mojibake",
    family: Family::Unicode,
    summary: "UTF-8 text decoded as Windows-1252, Latin-1 or another single-byte code page",
    explanation: r#"## What it flags
Characters that are the bytes of UTF-8 text read with the wrong code page:
`â€™` for `’`, `Ã©` for `é`, `â€œ` for `“`, text mangled twice
(`Ã¢â‚¬â„¢`), and stray C1 control characters that stand for
Windows-1252 punctuation (`\x93` for `“`). The code pages tried are
Windows-1252 (and Latin-1), Windows-1251, Windows-1250, ISO-8859-2,
Mac Roman, CP437 and KOI8-R.

## Why it matters
Mojibake makes names and punctuation unreadable and breaks search and
spelling tools. It comes from pasting or scraping text through a tool that
guessed the wrong encoding.

## Example
```text
Burundiâ€™s two major ethnic groups   ->   Burundi’s two major ethnic groups
la rÃ©gion                          ->   la région
```

## Fix safety
Only clusters that look wrong where they stand and decode to plausible
text are repaired; real words with `Ã` or `â` are left alone. A repair
backed by a three-byte sequence, a C1 control or a double mangling is safe;
one that rests on two-byte sequences only (`Ã©`) is unsafe. In a document
whose other non-ASCII text is correct, a mangled word is repaired (unsafe)
only when a second one or the same letter written correctly backs it; a
lone one (`DrÃ¥ber` beside a correct `–`) is shown, never applied.
"#,
    default_enabled: true,
    fix_safety: FixSafety::Sometimes,
};

/// A code page and its display name.
struct Codepage {
    name: &'static str,
    high: &'static [char; 128],
}

const CODEPAGES: [Codepage; 7] = [
    Codepage {
        name: "Windows-1252",
        high: &codepages::CP1252,
    },
    Codepage {
        name: "Windows-1251",
        high: &codepages::CP1251,
    },
    Codepage {
        name: "Windows-1250",
        high: &codepages::CP1250,
    },
    Codepage {
        name: "ISO-8859-2",
        high: &codepages::ISO_8859_2,
    },
    Codepage {
        name: "Mac Roman",
        high: &codepages::MAC_ROMAN,
    },
    Codepage {
        name: "CP437",
        high: &codepages::CP437,
    },
    Codepage {
        name: "KOI8-R",
        high: &codepages::KOI8_R,
    },
];

/// Char -> byte maps, one per code page, built once.
fn reverse_maps() -> &'static Vec<FxHashMap<char, u8>> {
    static MAPS: OnceLock<Vec<FxHashMap<char, u8>>> = OnceLock::new();
    MAPS.get_or_init(|| {
        CODEPAGES
            .iter()
            .enumerate()
            .map(|(n, cp)| {
                let mut map = FxHashMap::default();
                for (i, &c) in cp.high.iter().enumerate() {
                    map.insert(c, 0x80 + i as u8);
                }
                if n == 0 {
                    // Windows-1252 doubles as Latin-1: C1 controls are their bytes.
                    for b in 0x80u8..=0x9F {
                        map.entry(char::from(b)).or_insert(b);
                    }
                }
                map
            })
            .collect()
    })
}

fn encode(maps: &[FxHashMap<char, u8>], cp: usize, c: char) -> Option<u8> {
    if c.is_ascii() {
        Some(c as u8)
    } else {
        maps[cp].get(&c).copied()
    }
}

/// Symbols that naturally end a word (`word…`, `word™`, `word—`).
const NATURAL_END: &[char] = &[
    '\u{2019}', '\u{201D}', '\u{2122}', '\u{2026}', '\u{2014}', '\u{2013}', '\u{00AE}', '\u{00B0}',
    '\'', '"', '\u{203A}', '\u{00BB}', '\u{2020}', '\u{2021}', '\u{00B4}', '\u{00A8}',
];

/// Letters of Windows-1252's upper half that never follow an accented capital.
const ODD_LETTERS: &[char] = &[
    '\u{0160}', '\u{0161}', '\u{0152}', '\u{0153}', '\u{017D}', '\u{017E}', '\u{0178}', '\u{0192}',
    '\u{00AA}', '\u{00BA}', '\u{00B5}',
];

/// One UTF-8 sequence found in the text.
#[derive(Clone, Copy, Debug)]
struct Seq {
    start: usize,
    end: usize,
    decoded: char,
    /// The source looks wrong where it stands.
    evidence: bool,
    /// A three- or four-byte sequence with a non-letter in it.
    strong: bool,
    /// A continuation byte was lost to `?`.
    qmark: bool,
    /// The continuation byte was a no-break space that became a space.
    lost_space: bool,
    /// With `lost_space`: keep a space after the decoded char (`Ã perturber`).
    keep_space: bool,
}

/// A repair of one cluster.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Repair {
    pub span: Span,
    pub replacement: String,
    pub applicability: Applicability,
    pub codepage: &'static str,
}

fn is_c1(c: char) -> bool {
    ('\u{80}'..='\u{9F}').contains(&c)
}

/// Whether `c` may stand in repaired text.
fn is_plausible(c: char) -> bool {
    let u = c as u32;
    match u {
        0x20..=0x7E | 0xA0..=0x17F => true,
        0x180..=0x24F => matches!(u, 0x1A0 | 0x1A1 | 0x1AF | 0x1B0 | 0x1CD..=0x1DC | 0x218..=0x21B),
        0x370..=0x3FF => c.is_alphabetic() || u == 0x37E,
        0x400..=0x4FF => true,
        0x5D0..=0x5F4 => true,
        0x60C | 0x61B | 0x61F | 0x620..=0x64A | 0x660..=0x669 | 0x66E..=0x6D3 => true,
        0x900..=0xE7F => true,
        0x1E00..=0x1EFF => true,
        0x2010..=0x2027 | 0x2030..=0x205E => true,
        0x20A0..=0x20BF | 0x2100..=0x27BF => true,
        0x2E80..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF => true,
        0xFB00..=0xFB4F | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0xFFFD => true,
        0x1F300..=0x1FAFF | 0x20000..=0x2FFFF => true,
        _ => false,
    }
}

/// A coarse script class for letters: Latin, Greek, Cyrillic, other.
fn script(c: char) -> u8 {
    match c as u32 {
        0..=0x24F | 0x1E00..=0x1EFF => 1,
        0x370..=0x3FF => 2,
        0x400..=0x52F => 3,
        _ => 0,
    }
}

/// Whether two letters belong to different known scripts.
fn script_clash(a: char, b: char) -> bool {
    let (x, y) = (script(a), script(b));
    x != 0 && y != 0 && x != y && b.is_alphabetic()
}

fn utf8_tail_len(lead: u8) -> usize {
    match lead {
        0xC2..=0xDF => 1,
        0xE0..=0xEF => 2,
        0xF0..=0xF4 => 3,
        _ => 0,
    }
}

/// Non-ASCII chars of the text with their byte offsets.
fn non_ascii(text: &str) -> Vec<(usize, char)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] < 0x80 {
            i += 1;
            continue;
        }
        let c = text[i..].chars().next().expect("char boundary");
        out.push((i, c));
        i += c.len_utf8();
    }
    out
}

fn char_before(text: &str, at: usize) -> Option<char> {
    text[..at].chars().next_back()
}

fn char_after(text: &str, at: usize) -> Option<char> {
    text[at..].chars().next()
}

/// Finds the UTF-8 sequences of code page `cp` in the text; returns them
/// and the number of non-ASCII chars they leave out.
fn scan(text: &str, chars: &[(usize, char)], cp: usize) -> (Vec<Seq>, usize) {
    let maps = reverse_maps();
    let bytes = text.as_bytes();
    let mut seqs = Vec::new();
    let mut uncovered = 0;
    let mut i = 0;
    while i < chars.len() {
        let (start, lead) = chars[i];
        let Some(lead_byte) = encode(maps, cp, lead) else {
            uncovered += 1;
            i += 1;
            continue;
        };
        let tail = utf8_tail_len(lead_byte);
        if tail == 0 {
            uncovered += 1;
            i += 1;
            continue;
        }
        let mut buf = [lead_byte, 0, 0, 0];
        let mut end = start + lead.len_utf8();
        let mut wildcard = false;
        let mut qmark = false;
        let mut lost_space = false;
        let mut ok = true;
        let mut conts: [(char, usize); 3] = [('\0', 0); 3];
        let mut ci = i + 1;
        for k in 1..=tail {
            let next = chars.get(ci).filter(|(off, _)| *off == end);
            if next.is_some() {
                ci += 1;
            }
            match next {
                Some(&(off, c)) if c == '\u{FFFD}' => {
                    wildcard = true;
                    buf[k] = 0xBF;
                    conts[k - 1] = (c, off);
                    end = off + c.len_utf8();
                }
                Some(&(off, c)) => match encode(maps, cp, c) {
                    Some(b @ 0x80..=0xBF) => {
                        buf[k] = b;
                        conts[k - 1] = (c, off);
                        end = off + c.len_utf8();
                    }
                    _ => {
                        ok = false;
                        break;
                    }
                },
                None if bytes.get(end) == Some(&b'?') => {
                    // A byte lost to `?` on the way: `ItÃ?Â¢â?¬â?¢s`.
                    wildcard = true;
                    qmark = true;
                    buf[k] = 0xBF;
                    conts[k - 1] = ('?', end);
                    end += 1;
                }
                None if tail == 1 && bytes.get(end) == Some(&b' ') => {
                    // A no-break space that became a space: `Ã perturber`.
                    lost_space = true;
                    buf[1] = 0xA0;
                    conts[0] = (' ', end);
                    end += 1;
                }
                None => {
                    ok = false;
                    break;
                }
            }
        }
        if !ok {
            uncovered += 1;
            i += 1;
            continue;
        }
        let decoded = match std::str::from_utf8(&buf[..=tail]) {
            Ok(s) if wildcard => s.chars().next().map(|_| '\u{FFFD}'),
            Ok(s) => s.chars().next(),
            Err(_) if wildcard && tail == 1 => Some('\u{FFFD}'),
            Err(_) => None,
        };
        let Some(decoded) = decoded else {
            uncovered += 1;
            i += 1;
            continue;
        };
        let before = char_before(text, start);
        let mut seq = Seq {
            start,
            end,
            decoded,
            qmark,
            evidence: false,
            strong: false,
            lost_space,
            keep_space: false,
        };
        if lost_space {
            let word_start = !before.is_some_and(char::is_alphabetic);
            let after = char_after(text, end);
            if !decoded.is_alphabetic() || !(word_start || after.is_some_and(char::is_alphabetic)) {
                uncovered += 1;
                i += 1;
                continue;
            }
            seq.keep_space = word_start && matches!(decoded, 'à' | 'À');
            seqs.push(seq);
            i += 1;
            continue;
        } else {
            let after_seq = char_after(text, end);
            let mut evidence = lead.is_uppercase() && before.is_some_and(char::is_lowercase);
            // A symbol lead (Mac Roman's `√`, `≈`, `ƒ`; a box-drawing char)
            // glued to a word: `W√≥jcik`, `Zo√´`, `Gda≈Ñsk`, `Kovaƒçiƒá`.
            let symbol_lead = !lead.is_alphabetic() || ODD_LETTERS.contains(&lead);
            evidence |= symbol_lead
                && !lead.is_ascii()
                && (before.is_some_and(char::is_alphabetic)
                    || (conts[..tail].iter().all(|(c, _)| c.is_alphabetic())
                        && after_seq.is_some_and(char::is_alphabetic)));
            // Scripts mixed inside a word: `UkrsotsbankвЂ™s`, `вЂњB`.
            let last = conts[tail - 1].0;
            evidence |= before.is_some_and(|b| b.is_alphabetic() && script_clash(b, lead))
                || after_seq.is_some_and(|a| a.is_alphabetic() && script_clash(a, last));
            let mut any_non_letter = !lead.is_alphabetic();
            for (k, &(c, off)) in conts[..tail].iter().enumerate() {
                let follow = char_after(text, off + c.len_utf8());
                let prev = if k == 0 { lead } else { conts[k - 1].0 };
                if is_c1(c) || matches!(c, '\u{A0}' | '\u{AD}' | '\u{FFFD}') {
                    evidence = true;
                    any_non_letter = true;
                } else if !c.is_alphabetic() {
                    any_non_letter = true;
                    let mid = follow.is_some_and(|f| f.is_alphanumeric() || !f.is_ascii());
                    let apostrophe = matches!(c, '\u{2019}' | '\'')
                        && prev.is_alphabetic()
                        && follow.is_some_and(char::is_alphabetic);
                    if (mid && !apostrophe) || (!mid && !NATURAL_END.contains(&c)) {
                        evidence = true;
                    }
                } else if (cp == 0 && ODD_LETTERS.contains(&c))
                    || (c.is_uppercase() && prev.is_lowercase())
                    || (c.is_uppercase()
                        && k == tail - 1
                        && after_seq.is_some_and(char::is_lowercase))
                {
                    // `Ãœ`, or a capital inside a lower-case run (`вЂ`, `ĂĄm`).
                    evidence = true;
                }
            }
            seq.strong = tail >= 2 && any_non_letter;
            seq.evidence = evidence || seq.strong;
        }
        seqs.push(seq);
        i = ci;
    }
    (seqs, uncovered)
}

/// Re-decodes a repaired string that is itself mojibake (text mangled twice
/// or three times), as long as the whole string decodes under code page
/// `cp`, the one that mangled it the first time. Any code page would turn
/// some correct pairs into a letter (`—Å` is `с` in Mac Roman bytes).
fn redecode_fully(s: String, cp: usize) -> String {
    let maps = reverse_maps();
    let mut cur = s;
    for _ in 0..3 {
        if cur.is_ascii() {
            break;
        }
        let bytes: Option<Vec<u8>> = cur.chars().map(|c| encode(maps, cp, c)).collect();
        match bytes.map(String::from_utf8) {
            Some(Ok(d))
                if d.chars().count() < cur.chars().count() && d.chars().all(is_plausible) =>
            {
                cur = d;
            }
            _ => break,
        }
    }
    cur
}

/// A candidate cluster under one code page.
struct Cluster {
    span: Span,
    replacement: String,
    evidence: bool,
    strong: bool,
    lost_space_only: bool,
    plausible: bool,
    /// Decodes to letters only and touches a letter: part of a word.
    in_word: bool,
}

fn clusters(text: &str, seqs: &[Seq], cp: usize) -> Vec<Cluster> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < seqs.len() {
        let mut j = i + 1;
        while j < seqs.len() && seqs[j].start == seqs[j - 1].end && !seqs[j - 1].lost_space {
            j += 1;
        }
        let group = &seqs[i..j];
        let mut decoded = String::new();
        for s in group {
            decoded.push(s.decoded);
            if s.keep_space {
                decoded.push(' ');
            }
        }
        let first_pass = decoded.chars().count();
        let replacement = redecode_fully(decoded, cp);
        // Text that decodes twice over (`ÃƒÂ¶` -> `Ã¶` -> `ö`) was mangled
        // twice: no correct text forms such a chain.
        let twice = replacement.chars().count() < first_pass;
        let span = Span::new(group[0].start, group[group.len() - 1].end);
        let before = char_before(text, span.start);
        let after = char_after(text, span.end);
        let mut plausible = replacement.chars().all(is_plausible);
        let letters: Vec<char> = replacement.chars().filter(|c| !c.is_whitespace()).collect();
        if plausible && letters.len() == 1 && letters[0].is_alphabetic() {
            let c = letters[0];
            let attached = before.is_some_and(char::is_alphanumeric)
                || (after.is_some_and(char::is_alphanumeric) && !replacement.ends_with(' '));
            plausible = attached || matches!(c, 'à' | 'À');
        }
        let in_word = !replacement.is_empty()
            && replacement.chars().all(char::is_alphabetic)
            && (before.is_some_and(char::is_alphabetic) || after.is_some_and(char::is_alphabetic));
        out.push(Cluster {
            in_word,
            span,
            replacement,
            evidence: group.iter().any(|s| s.evidence),
            strong: twice || group.iter().any(|s| s.strong),
            lost_space_only: group.iter().all(|s| s.lost_space),
            // A `?` stands for a lost byte only inside a run of real mojibake.
            plausible: plausible
                && (!group.iter().any(|s| s.qmark)
                    || (group.len() >= 2 && group.iter().any(|s| !s.qmark && s.evidence))),
        });
        i = j;
    }
    out
}

/// Whether a cluster is `Â` followed by a Latin-1 sign (`°`, `±`, `½`,
/// `£`, `©`), the two bytes of that sign read as Windows-1252.
fn is_latin1_symbol_repair(source: &str, c: &Cluster) -> bool {
    let mut repl = c.replacement.chars();
    let (Some(r), None) = (repl.next(), repl.next()) else {
        return false;
    };
    source.starts_with('Â') && ('\u{A1}'..='\u{BF}').contains(&r) && !r.is_alphabetic()
}

/// The repairs for `text`: mojibake clusters under the code page that
/// explains most of the text, then stray C1 controls.
pub(crate) fn repairs(text: &str) -> Vec<Repair> {
    if text.is_ascii() {
        return Vec::new();
    }
    let chars = non_ascii(text);
    // Every repair needs two touching non-ASCII chars or a C1 control.
    let touching = chars
        .windows(2)
        .any(|w| w[0].0 + w[0].1.len_utf8() == w[1].0);
    if !touching && !chars.iter().any(|&(_, c)| is_c1(c)) {
        return Vec::new();
    }
    let mut best: Vec<Repair> = Vec::new();
    for (cp, page) in CODEPAGES.iter().enumerate() {
        let (seqs, uncovered) = scan(text, &chars, cp);
        if seqs.is_empty() {
            continue;
        }
        let cands = clusters(text, &seqs, cp);
        let strong_clusters = cands
            .iter()
            .filter(|c| c.strong && c.plausible && c.evidence)
            .count();
        let n = seqs.iter().filter(|s| !s.lost_space).count();
        let supported =
            strong_clusters >= 1 || (n >= 1 && uncovered == 0) || (n >= 2 && n >= 3 * uncovered);
        let mut accepted: Vec<Repair> = Vec::new();
        let mut evidence_clusters = 0;
        // Two-byte clusters glued to a word in a document that does not
        // decode as a whole (`CÃ©line` beside correct `’`): held back until
        // something corroborates them.
        let mut held_back: Vec<&Cluster> = Vec::new();
        for c in &cands {
            if !(c.plausible && c.evidence) {
                continue;
            }
            if c.strong || supported {
                evidence_clusters += 1;
                accepted.push(Repair {
                    span: c.span,
                    replacement: c.replacement.clone(),
                    applicability: if c.strong {
                        Applicability::Safe
                    } else {
                        Applicability::Unsafe
                    },
                    codepage: page.name,
                });
            } else if c.in_word {
                held_back.push(c);
            } else if cp == 0 && is_latin1_symbol_repair(&text[c.span.start..c.span.end], c) {
                // `Â°C`, `Â½`, `Â±2`: `Â` before a Latin-1 sign is the lead
                // byte of that sign; no word writes `Â` there.
                accepted.push(Repair {
                    span: c.span,
                    replacement: c.replacement.clone(),
                    applicability: Applicability::Unsafe,
                    codepage: page.name,
                });
            }
        }
        if evidence_clusters > 0 && supported {
            for c in &cands {
                if c.lost_space_only && c.plausible {
                    accepted.push(Repair {
                        span: c.span,
                        replacement: c.replacement.clone(),
                        applicability: Applicability::Unsafe,
                        codepage: page.name,
                    });
                }
            }
        }
        // Every non-ASCII char of the document is part of a sequence of this
        // code page and several clusters look wrong: the clusters that look
        // fine where they stand (`Å’dipe`, an `Œ` read as `Å` plus an
        // apostrophe) are mojibake too.
        if uncovered == 0 && evidence_clusters >= 2 {
            for c in &cands {
                if c.plausible && !c.evidence && !c.lost_space_only {
                    accepted.push(Repair {
                        span: c.span,
                        replacement: c.replacement.clone(),
                        applicability: Applicability::Unsafe,
                        codepage: page.name,
                    });
                }
            }
        }
        if !held_back.is_empty() {
            // Two mangled words, or a mangled letter the document also
            // writes correctly (`Größe` beside `GroÃŸmann`), make a repair
            // probable; a lone one (`DrÃ¥ber` beside a correct `–`) may be
            // a name spelled that way and is only shown.
            let corroborated = held_back.len() >= 2
                || held_back.iter().any(|c| {
                    text.contains(c.replacement.as_str())
                        || text.contains(c.replacement.to_lowercase().as_str())
                        || text.contains(c.replacement.to_uppercase().as_str())
                });
            for c in held_back {
                accepted.push(Repair {
                    span: c.span,
                    replacement: c.replacement.clone(),
                    applicability: if corroborated {
                        Applicability::Unsafe
                    } else {
                        Applicability::DisplayOnly
                    },
                    codepage: page.name,
                });
            }
        }
        // The code page that explains the most text wins (not the one with
        // the most repairs: a wrong page splits one long cluster into
        // several short ones).
        let covered = |rs: &[Repair]| -> usize {
            rs.iter()
                .filter(|r| r.applicability > Applicability::DisplayOnly)
                .map(|r| r.span.end - r.span.start)
                .sum()
        };
        let (new_cov, best_cov) = (covered(&accepted), covered(&best));
        if new_cov > best_cov || (new_cov == best_cov && accepted.len() > best.len()) {
            accepted.sort_by_key(|r| r.span.start);
            best = accepted;
        }
    }
    // Stray C1 controls stand for Windows-1252 punctuation (`\x93` -> `“`).
    for &(off, c) in &chars {
        if !is_c1(c) || best.iter().any(|r| r.span.start <= off && off < r.span.end) {
            continue;
        }
        let mapped = codepages::CP1252[c as usize - 0x80];
        if !is_c1(mapped) {
            best.push(Repair {
                span: Span::new(off, off + c.len_utf8()),
                replacement: mapped.to_string(),
                applicability: Applicability::Safe,
                codepage: "Windows-1252",
            });
        }
    }
    best.sort_by_key(|r| r.span.start);
    best
}

impl Rule for Mojibake {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, doc: &Document<'_>, _ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        for r in repairs(doc.text()) {
            let source = doc.slice(r.span);
            let applicability = r.applicability;
            let message = format!(
                "`{}` is mojibake for `{}`",
                source.escape_debug(),
                r.replacement.escape_debug()
            );
            out.push(
                Finding::new(&META, r.span, message).suggest(
                    Suggestion::replace(r.span, &r.replacement, applicability)
                        .because(format!("UTF-8 bytes read as {}", r.codepage)),
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{assert_fixes_to, assert_silent};

    #[test]
    fn repairs_windows_1252_mojibake() {
        assert_fixes_to("U001", "Burundiâ€™s groups", "Burundi’s groups");
        assert_fixes_to("U001", "la rÃ©gion et lâ€™Ã©tÃ©", "la région et l’été");
        assert_fixes_to("U001", "the worldÃ¢â‚¬â„¢s highest", "the world’s highest");
        assert_fixes_to("U001", "RUF MICH ZURÃœCK", "RUF MICH ZURÜCK");
        assert_fixes_to("U001", "Nepalâ\u{80}\u{99}s new", "Nepal’s new");
    }

    #[test]
    fn repairs_other_code_pages() {
        assert_fixes_to("U001", "Le Vigne di Zam√≤", "Le Vigne di Zamò");
        assert_fixes_to("U001", "UkrsotsbankвЂ™s rating", "Ukrsotsbank’s rating");
        assert_fixes_to("U001", "Tiß║┐ng Viß╗çt", "Tiếng Việt");
        assert_fixes_to(
            "U001",
            "Ã perturber la rÃ©flexion jusqu'Ã nos jours",
            "à perturber la réflexion jusqu'à nos jours",
        );
        assert_fixes_to(
            "U001",
            "ItÃ?Â¢â?¬â?¢s classic",
            "It\u{FFFD}¢\u{FFFD}\u{FFFD}s classic",
        );
    }

    #[test]
    fn repairs_mac_roman_letters_glued_to_words() {
        assert_fixes_to(
            "U001",
            "W√≥jcik met Zo√´ and √ëusta in Gda≈Ñsk",
            "Wójcik met Zoë and Ñusta in Gdańsk",
        );
        assert_fixes_to("U001", "Kovaƒçiƒá said ‚Äúno‚Äù", "Kovačić said “no”");
    }

    #[test]
    fn prefers_the_code_page_that_explains_the_most_text() {
        // An em dash and an opening quote, each mangled twice, side by side.
        assert_fixes_to(
            "U001",
            "it was\u{c3}\u{a2}\u{e2}\u{201a}\u{ac}\u{e2}\u{20ac}\u{9d}\u{c3}\u{a2}\u{e2}\u{201a}\u{ac}\u{c5}\u{201c}very true",
            "it was—“very true",
        );
    }

    #[test]
    fn decodes_twice_mangled_text_with_its_own_code_page() {
        // `—Å` mangled twice; `—Å` itself must not be read once more (as
        // Mac Roman bytes it is `с`).
        assert_fixes_to(
            "U001",
            "himself.\u{c3}\u{a2}\u{e2}\u{201a}\u{ac}\u{e2}\u{20ac}\u{9d}\u{c3}\u{192}\u{e2}\u{20ac}\u{a6}ngstr\u{c3}\u{192}\u{c2}\u{b6}m came",
            "himself.—Ångström came",
        );
    }

    #[test]
    fn repairs_look_alike_clusters_in_a_document_that_decodes_whole() {
        assert_fixes_to(
            "U001",
            "Å’dipe PÃ©rez met JÃ¼rgen in ZÃ¼rich",
            "Œdipe Pérez met Jürgen in Zürich",
        );
    }

    #[test]
    fn repairs_mangled_words_beside_correct_text_when_corroborated() {
        // Two mangled words beside correct punctuation.
        assert_fixes_to(
            "U001",
            "“Yes,” said CÃ©line to BjÃ¸rn’s aunt.",
            "“Yes,” said Céline to Bjørn’s aunt.",
        );
        // The same letter written correctly elsewhere.
        assert_fixes_to(
            "U001",
            "Die Größe, sagte Herr GroÃŸmann – nie.",
            "Die Größe, sagte Herr Großmann – nie.",
        );
        // The letter written correctly in the other case (`Đ` beside `đ`).
        assert_fixes_to("U001", "“Yes,” said ĐorÄ‘e.", "“Yes,” said Đorđe.");
        // `Â` before a Latin-1 sign beside correct text.
        assert_fixes_to(
            "U001",
            "In Zürich it was Â±2 Â°C, “cold”.",
            "In Zürich it was ±2 °C, “cold”.",
        );
        // A lone one is only shown.
        assert_fixes_to("U001", "“Yes,” said CÃ©line.", "“Yes,” said CÃ©line.");
    }

    #[test]
    fn maps_stray_c1_controls() {
        assert_fixes_to(
            "U001",
            "\u{84}Handwerk\u{93}: parlé\u{85} Tu",
            "„Handwerk“: parlé… Tu",
        );
    }

    #[test]
    fn leaves_real_text_alone() {
        // Shown as a probable repair, never applied: a lone mangled-looking
        // word beside correct non-ASCII text.
        assert_fixes_to("U001", "Bremer/Mccoy – DrÃ¥ber", "Bremer/Mccoy – DrÃ¥ber");
        for text in [
            "There are a lot of Ã’s in mojibake text",
            "NICIODATĂ™",
            "RETWEET SE VOCÊ…",
            "4288×…",
            "a radius of 10 Å—",
            "(-1/2)! = √π",
            "( o¬ô )",
            "São Paulo, NÃO, Vĩnh, “quoted”—dash… naïve café",
            "These control characters are apparently intentional \u{81}",
            "NÃ? Tudo bem?",
        ] {
            assert_silent("U001", text);
        }
    }
}
