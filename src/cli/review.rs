//! `copyedit review`: a person reviews every proposed fix on a terminal.
//!
//! Each finding is shown with its rule, message, a small coloured diff of its
//! line (old line `-`, new line `+`), and every suggestion with its
//! applicability and the reason it was chosen. One key decides:
//!
//! | key | does |
//! |---|---|
//! | `y`, Enter | accept the first suggestion |
//! | `1`–`9` | accept that suggestion |
//! | `n` | reject (leave the text) |
//! | `e` | type a replacement for the flagged text |
//! | `s` | skip the rest of this file (decisions so far are kept) |
//! | `q` | quit (this file's decisions so far are written first) |
//! | `?` | help |
//!
//! Accepted fixes of a file are applied together when the file is done and
//! written atomically ([`input::write_atomic`]), so an interrupted review
//! never leaves a half-written file. Findings that overlap a fix already
//! accepted are not asked about. On a terminal keys are read one at a time
//! (canonical mode and echo off); otherwise one line per decision is read
//! from stdin, its first character being the key.

use std::fmt::Write as _;
use std::io::{BufRead, IsTerminal, Read, Write};

use crate::cli::engines::Engines;
use crate::cli::run::{gather, load, ExitStatus};
use crate::cli::{ColorArg, ReviewArgs};
use crate::diagnostic::{Edit, Finding};
use crate::error::{Error, Result};
use crate::input;
use crate::source::Origin;
use crate::text::{Document, Span};

/// Characters of a long line shown on each side of the change.
const CONTEXT_CHARS: usize = 50;

const HELP: &str = "y/Enter accept · 1-9 pick a suggestion · n reject · e type a replacement · s skip the rest of this file · q quit (this file's accepted fixes are written) · ? help";

/// Runs `review`.
#[must_use]
pub fn run(args: &ReviewArgs) -> ExitStatus {
    let common = &args.common;
    let engines = match Engines::new(common.config_source(), common.cli_settings(true)) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitStatus::Error;
        }
    };
    let color = match common.color {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let mut keys = Keys::new();
    let mut ui = Ui { color };
    let mut errors = 0;
    let mut totals = (0usize, 0usize);
    for pending in gather(&common.paths) {
        let loaded = match load(pending) {
            Ok(Some(l)) => l,
            Ok(None) => continue,
            Err(e) => {
                eprintln!("error: {e}");
                errors += 1;
                continue;
            }
        };
        let Origin::File(path) = &loaded.origin else {
            eprintln!("error: -: review needs files (it writes accepted fixes back)");
            errors += 1;
            continue;
        };
        let engine = match engines.for_origin(&loaded.origin) {
            Ok(Some(e)) => e,
            Ok(None) => continue,
            Err(e) => {
                eprintln!("error: {e}");
                errors += 1;
                continue;
            }
        };
        let doc = Document::new(&loaded.text, loaded.origin.format());
        let findings = engine.check(&doc);
        let (accepted, quit) =
            match review_file(&mut ui, &mut keys, &loaded.origin, &doc, &findings) {
                Ok(x) => x,
                Err(e) => {
                    eprintln!("error: {e}");
                    errors += 1;
                    (Vec::new(), true)
                }
            };
        totals.1 += findings.len();
        if !accepted.is_empty() {
            let fixed = apply(&loaded.text, &accepted);
            let stamp = loaded.stamp.as_ref().expect("files are read with a stamp");
            match input::write_atomic(path, &fixed, stamp) {
                Ok(()) => {
                    totals.0 += accepted.len();
                    ui.say(&format!(
                        "Wrote {} to {}.\n",
                        plural(accepted.len(), "fix", "fixes"),
                        loaded.origin.display_path()
                    ));
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    errors += 1;
                }
            }
        }
        if quit {
            break;
        }
    }
    drop(keys);
    ui.say(&format!(
        "Reviewed {}; applied {}.\n",
        plural(totals.1, "finding", "findings"),
        plural(totals.0, "fix", "fixes")
    ));
    if errors > 0 {
        ExitStatus::Error
    } else {
        ExitStatus::Clean
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Applies disjoint edits (any order) to `text`.
fn apply(text: &str, edits: &[Edit]) -> String {
    let mut edits: Vec<&Edit> = edits.iter().collect();
    edits.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for e in edits {
        out.push_str(&text[at..e.span.start]);
        out.push_str(&e.replacement);
        at = e.span.end;
    }
    out.push_str(&text[at..]);
    out
}

fn overlaps_any(accepted: &[Edit], span: Span) -> bool {
    accepted
        .iter()
        .any(|e| e.span.overlaps(span) || e.span == span)
}

/// Reviews one file's findings; returns the accepted edits and whether the
/// person asked to quit.
fn review_file(
    ui: &mut Ui,
    keys: &mut Keys,
    origin: &Origin,
    doc: &Document<'_>,
    findings: &[Finding],
) -> Result<(Vec<Edit>, bool)> {
    let mut accepted: Vec<Edit> = Vec::new();
    let total = findings.len();
    for (i, f) in findings.iter().enumerate() {
        if overlaps_any(&accepted, f.span) {
            continue;
        }
        ui.show(origin, doc, f, i + 1, total);
        loop {
            ui.say(&ui.paint(
                "1",
                "[y]es [n]o [1-9] pick [e]dit [s]kip file [q]uit [?] > ",
            ));
            let key = keys.key()?;
            let chosen: Option<Vec<Edit>> = match key {
                'y' | '\n' | '\r' => match f.suggestions.first() {
                    Some(s) => Some(s.fix.edits().to_vec()),
                    None => {
                        ui.say("no suggestion to accept; press e to type one, or n\n");
                        continue;
                    }
                },
                '1'..='9' => {
                    let n = key as usize - '0' as usize;
                    match f.suggestions.get(n - 1) {
                        Some(s) => Some(s.fix.edits().to_vec()),
                        None => {
                            ui.say(&format!("no suggestion {n}\n"));
                            continue;
                        }
                    }
                }
                'e' => {
                    ui.say(&format!(
                        "\nreplace `{}` with (empty line cancels): ",
                        doc.slice(f.span)
                    ));
                    let line = keys.line()?;
                    if line.is_empty() {
                        ui.say("cancelled\n");
                        continue;
                    }
                    Some(vec![Edit::replace(f.span, line)])
                }
                'n' => {
                    ui.say("rejected\n\n");
                    None
                }
                's' => {
                    ui.say("skipping the rest of this file\n\n");
                    return Ok((accepted, false));
                }
                'q' | '\u{3}' | '\u{4}' => {
                    ui.say("quit\n\n");
                    return Ok((accepted, true));
                }
                '?' | 'h' => {
                    ui.say(&format!("\n{HELP}\n"));
                    continue;
                }
                _ => {
                    ui.say(&format!("unknown key; {HELP}\n"));
                    continue;
                }
            };
            if let Some(edits) = chosen {
                if edits.iter().any(|e| overlaps_any(&accepted, e.span)) {
                    ui.say("that fix overlaps one already accepted; choose another, or n\n");
                    continue;
                }
                ui.say(&format!("{}\n\n", ui.paint("32", "accepted")));
                accepted.extend(edits);
            }
            break;
        }
    }
    Ok((accepted, false))
}

struct Ui {
    color: bool,
}

impl Ui {
    fn paint(&self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }

    fn say(&self, s: &str) {
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(s.as_bytes()).and_then(|()| out.flush());
    }

    fn show(&self, origin: &Origin, doc: &Document<'_>, f: &Finding, n: usize, total: usize) {
        let lc = doc.line_col(f.span.start);
        let mut s = String::new();
        let _ = writeln!(
            s,
            "{} {}:{}:{}  {} {}",
            self.paint("2", &format!("[{n}/{total}]")),
            origin.display_path(),
            lc.line,
            lc.column,
            self.paint("1;31", f.rule.code),
            f.rule.name
        );
        let _ = writeln!(s, "{}", self.paint("1", &f.message));
        let edits: &[Edit] = f.suggestions.first().map_or(&[], |sug| sug.fix.edits());
        s.push_str(&self.diff(doc, f.span, edits));
        for (i, sug) in f.suggestions.iter().enumerate() {
            let _ = write!(
                s,
                "  {}. {} [{}]",
                i + 1,
                sug.title,
                sug.fix.applicability().as_str()
            );
            if !sug.reason.is_empty() {
                let _ = write!(s, " — {}", sug.reason);
            }
            s.push('\n');
        }
        if f.suggestions.is_empty() {
            s.push_str("  (no suggestion: press e to type a replacement, or n)\n");
        }
        self.say(&s);
    }

    /// The finding's line before and after `edits`, cut to a window.
    fn diff(&self, doc: &Document<'_>, span: Span, edits: &[Edit]) -> String {
        let text = doc.text();
        let lines = doc.lines();
        let first = lines.line_span(text, lines.line_of(span.start));
        let last_offset = edits.iter().map(|e| e.span.end).fold(span.end, usize::max);
        let last = lines.line_span(text, lines.line_of(last_offset));
        let line = Span::new(first.start, last.end.max(first.start));
        let lo = edits
            .iter()
            .map(|e| e.span.start)
            .fold(span.start, usize::min);
        let hi = last_offset;
        let win_start = back_chars(text, lo, CONTEXT_CHARS).max(line.start);
        let win_end = forward_chars(text, hi, CONTEXT_CHARS).min(line.end).max(hi);
        let lead = if win_start > line.start { "…" } else { "" };
        let trail = if win_end < line.end { "…" } else { "" };
        let mut old = String::from(lead);
        let mut new = String::from(lead);
        let mut at = win_start;
        let mut marks: Vec<(Span, Option<&str>)> = edits
            .iter()
            .filter(|e| e.span.start >= win_start && e.span.end <= win_end)
            .map(|e| (e.span, Some(e.replacement.as_str())))
            .collect();
        if marks.is_empty() {
            marks.push((span, None));
        }
        for (sp, repl) in marks {
            let sp = Span::new(sp.start.max(at), sp.end.max(sp.start.max(at)));
            old.push_str(&text[at..sp.start]);
            new.push_str(&text[at..sp.start]);
            old.push_str(&self.paint("1;31", &visible(&text[sp.start..sp.end])));
            match repl {
                Some(r) => new.push_str(&self.paint("1;32", &visible(r))),
                None => new.push_str(&text[sp.start..sp.end]),
            }
            at = sp.end;
        }
        old.push_str(&text[at..win_end]);
        new.push_str(&text[at..win_end]);
        old.push_str(trail);
        new.push_str(trail);
        let old = old.replace(['\n', '\r'], " ");
        let new = new.replace(['\n', '\r'], " ");
        format!(
            "  {} {old}\n  {} {new}\n",
            self.paint("31", "-"),
            self.paint("32", "+")
        )
    }
}

/// Shows invisible characters (and an empty replacement) in the diff.
fn visible(s: &str) -> String {
    if s.is_empty() {
        return String::new();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_control() && c != '\t'
            || matches!(
                c,
                '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
            )
        {
            let _ = write!(out, "<U+{:04X}>", c as u32);
        } else {
            out.push(c);
        }
    }
    out
}

fn back_chars(text: &str, from: usize, n: usize) -> usize {
    text[..from]
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i)
}

fn forward_chars(text: &str, from: usize, n: usize) -> usize {
    text[from..]
        .char_indices()
        .nth(n)
        .map_or(text.len(), |(i, _)| from + i)
}

/// Reads decisions: single keys on a terminal, lines otherwise.
struct Keys {
    #[cfg(unix)]
    saved: Option<libc::termios>,
    tty: bool,
}

impl Keys {
    fn new() -> Self {
        let tty = std::io::stdin().is_terminal();
        let mut keys = Self {
            #[cfg(unix)]
            saved: None,
            tty,
        };
        keys.raw(true);
        keys
    }

    /// Canonical mode and echo off (keys arrive one by one), or back on.
    #[cfg(unix)]
    fn raw(&mut self, on: bool) {
        if !self.tty {
            return;
        }
        // SAFETY: tcgetattr/tcsetattr on fd 0, which is a terminal here, with a
        // properly sized termios value owned by this function or `self`.
        unsafe {
            if on {
                let mut t: libc::termios = std::mem::zeroed();
                if libc::tcgetattr(0, &mut t) != 0 {
                    return;
                }
                self.saved = Some(t);
                t.c_lflag &= !(libc::ICANON | libc::ECHO | libc::ISIG);
                t.c_cc[libc::VMIN] = 1;
                t.c_cc[libc::VTIME] = 0;
                libc::tcsetattr(0, libc::TCSANOW, &t);
            } else if let Some(t) = self.saved.take() {
                libc::tcsetattr(0, libc::TCSANOW, &t);
            }
        }
    }

    #[cfg(not(unix))]
    fn raw(&mut self, _on: bool) {}

    /// The next key (lower-cased); end of input counts as `q`.
    fn key(&mut self) -> Result<char> {
        if self.tty {
            let mut buf = [0u8; 4];
            let mut stdin = std::io::stdin().lock();
            let n = stdin.read(&mut buf[..1]).map_err(Error::from)?;
            if n == 0 {
                return Ok('q');
            }
            // Complete a multi-byte character so it is not misread.
            let width = match buf[0] {
                0xC0..=0xDF => 2,
                0xE0..=0xEF => 3,
                0xF0..=0xF7 => 4,
                _ => 1,
            };
            if width > 1 {
                stdin.read_exact(&mut buf[1..width]).map_err(Error::from)?;
            }
            let c = std::str::from_utf8(&buf[..width])
                .ok()
                .and_then(|s| s.chars().next())
                .unwrap_or('?');
            if c != '\n' && c != '\r' && !c.is_control() {
                println!("{c}");
            } else {
                println!();
            }
            Ok(c.to_ascii_lowercase())
        } else {
            let mut line = String::new();
            let n = std::io::stdin()
                .lock()
                .read_line(&mut line)
                .map_err(Error::from)?;
            if n == 0 {
                return Ok('q');
            }
            println!();
            Ok(line
                .trim()
                .chars()
                .next()
                .map_or('\n', |c| c.to_ascii_lowercase()))
        }
    }

    /// A line of text typed by the person (echoed, editable).
    fn line(&mut self) -> Result<String> {
        self.raw(false);
        let mut line = String::new();
        let read = std::io::stdin().lock().read_line(&mut line);
        self.raw(true);
        read.map_err(Error::from)?;
        Ok(line.trim_end_matches(['\n', '\r']).to_string())
    }
}

impl Drop for Keys {
    fn drop(&mut self) {
        self.raw(false);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apply_sorts_disjoint_edits() {
        let edits = [
            Edit::replace(Span::new(8, 11), "C"),
            Edit::replace(Span::new(0, 3), "A"),
        ];
        assert_eq!(apply("aaa bbb ccc", &edits), "A bbb C");
    }

    #[test]
    fn diff_marks_old_and_new() {
        let doc = Document::new("one\nWe saw teh cat.\nthree", crate::text::Format::Plain);
        let ui = Ui { color: false };
        let d = ui.diff(
            &doc,
            Span::new(11, 14),
            &[Edit::replace(Span::new(11, 14), "the")],
        );
        assert_eq!(d, "  - We saw teh cat.\n  + We saw the cat.\n");
    }
}
