//! Dumps: checking and repairing the text fields of a JSON Lines dump, one
//! [`Chunk`] of lines at a time.
//!
//! [`Processor::process_chunk`] maps a chunk of input lines to the bytes to
//! write, in input order, in two parallel passes over the chunk's lines:
//!
//! 1. parse every line ([`parse_record`]) and list the words that could be
//!    names ([`scan_candidates`]); then, on one thread and in line order, add
//!    those to the batch vocabulary ([`BatchNames`]);
//! 2. check and fix every record with the vocabulary as it now stands, and
//!    write it back with the repaired field(s) and a `copyedit` member.
//!
//! The vocabulary changes only between the two passes, in line order, and
//! chunk boundaries depend only on the input, so the output is the same with
//! 1 or N threads. A record's own chunk counts towards the vocabulary it is
//! checked with, so even the first chunk (or a small dump) benefits; a word
//! that becomes a name only in a later chunk is still flagged in earlier
//! records — the price of one pass over a stream that may be a pipe.
//!
//! # The `copyedit` member
//!
//! Added to (or replacing an existing `copyedit` member of) every record that
//! was processed; malformed lines are copied unchanged.
//!
//! ```text
//! "copyedit":{"counts":{"T":2,"Q":1,"U":0,"S":0},"fixed":2,"spin_score":0.0,"spun":false,
//!   "spans":[{"field":"text","rule":"T001","start":4,"end":7,"replacement":"the","applicability":"safe"}]}
//! ```
//!
//! - `counts`: findings per rule family in the original text (before fixes).
//! - `fixed`: fixes applied to the record (0 with `--fix none`).
//! - `spin_score` in `[0, 1]` and the verdict `spun`; `reason` says why when
//!   `spun` is true. With several fields, the score is the word-weighted mean
//!   of the fields' scores.
//! - `error`: present when the record could not be fixed (its text is then
//!   left as it was).
//! - `spans` (only with `--annotate`): stand-off annotations of the findings,
//!   like dolma's attribute files. `start`/`end` are UTF-8 byte offsets into
//!   the field's **original** text; `replacement` is what the best suggestion
//!   puts in place of those bytes (`null` when there is none) and
//!   `applicability` how sure it is. When a suggestion edits bytes outside the
//!   flagged span, `start`/`end` widen to cover them.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use rayon::prelude::*;
use serde::Serialize;

use crate::batch::{scan_candidates, BatchNames};
use crate::diagnostic::{Applicability, Finding};
use crate::engine::Engine;
use crate::fix::fix_until_stable;
use crate::input::jsonl::{self, parse_record, Chunk, FieldPath, Record, RecordEdit, RecordError};
use crate::rules::spun::{document_spin, SpinVerdict, SPUN_THRESHOLD};
use crate::rules::Family;
use crate::text::{Document, Format};

/// What happens to records judged spun.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpunRoute {
    /// Written to the output like any other record (`spun: true`).
    Keep,
    /// Left out of the output.
    Drop,
    /// Written to a separate output ([`ChunkOutput::spun`]) instead.
    Separate,
}

/// How to process a dump.
#[derive(Clone, Debug)]
pub struct DumpOptions {
    /// The string fields to check and repair.
    pub fields: Vec<FieldPath>,
    /// The field holding a record's id, for reports.
    pub id_field: Option<FieldPath>,
    /// Apply fixes at least this safe; `None` checks only.
    pub fix: Option<Applicability>,
    /// Add the findings as stand-off spans.
    pub annotate: bool,
    /// Where spun records go.
    pub spun: SpunRoute,
    /// Whether malformed lines go to [`ChunkOutput::rejects`] rather than
    /// to the output.
    pub separate_rejects: bool,
    /// Learn names from the dump ([`BatchNames`]). Off, every record is
    /// processed on its own, whatever came before it.
    pub batch_names: bool,
}

/// Something wrong with one line, for the report on stderr.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line number in the input.
    pub line: usize,
    /// The record's id, when known.
    pub id: Option<String>,
    /// What went wrong.
    pub message: String,
}

/// Totals over lines.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Input bytes, line breaks included.
    pub bytes: u64,
    /// Lines that were records (processed).
    pub records: u64,
    /// Blank lines (copied unchanged, not reported).
    pub blank: u64,
    /// Malformed lines (copied unchanged or rejected).
    pub malformed: u64,
    /// Records whose fixes did not converge (left unfixed).
    pub failed: u64,
    /// Records whose text changed.
    pub changed: u64,
    /// Fixes applied.
    pub fixes: u64,
    /// Records judged spun.
    pub spun: u64,
    /// Findings per rule code, in the original texts.
    pub findings_by_rule: BTreeMap<&'static str, u64>,
}

impl Stats {
    /// Adds `other` to these totals.
    pub fn merge(&mut self, other: &Stats) {
        self.bytes += other.bytes;
        self.records += other.records;
        self.blank += other.blank;
        self.malformed += other.malformed;
        self.failed += other.failed;
        self.changed += other.changed;
        self.fixes += other.fixes;
        self.spun += other.spun;
        for (code, n) in &other.findings_by_rule {
            *self.findings_by_rule.entry(code).or_default() += n;
        }
    }

    /// All findings.
    #[must_use]
    pub fn findings(&self) -> u64 {
        self.findings_by_rule.values().sum()
    }
}

/// What one chunk produced, in input order.
#[derive(Debug, Default)]
pub struct ChunkOutput {
    /// Lines for the main output.
    pub out: Vec<u8>,
    /// Lines for the spun output ([`SpunRoute::Separate`]).
    pub spun: Vec<u8>,
    /// Malformed lines, when they are kept apart.
    pub rejects: Vec<u8>,
    /// Malformed lines and records that could not be fixed, in line order.
    pub problems: Vec<Problem>,
    /// Totals for the chunk.
    pub stats: Stats,
}

/// Processes the chunks of one dump, in order, carrying the batch vocabulary
/// from chunk to chunk.
#[derive(Debug)]
pub struct Processor<'e> {
    engine: &'e Engine,
    options: DumpOptions,
    names: BatchNames,
}

enum Parsed {
    Blank,
    Malformed(RecordError),
    Record(Record, Vec<Box<str>>),
}

/// Where a line goes.
enum Destination {
    Out,
    Spun,
    Rejects,
    Nowhere,
}

struct LineResult {
    /// The line to write, line break included.
    bytes: Vec<u8>,
    destination: Destination,
    problem: Option<Problem>,
    stats: LineStats,
}

#[derive(Default)]
struct LineStats {
    kind: LineKind,
    changed: bool,
    fixes: u64,
    spun: bool,
    failed: bool,
    rules: Vec<&'static str>,
}

#[derive(Clone, Copy, Default, PartialEq, Eq)]
enum LineKind {
    #[default]
    Record,
    Blank,
    Malformed,
}

#[derive(Serialize)]
struct Counts {
    #[serde(rename = "T")]
    typo: usize,
    #[serde(rename = "Q")]
    quote: usize,
    #[serde(rename = "U")]
    unicode: usize,
    #[serde(rename = "S")]
    spin: usize,
}

#[derive(Serialize)]
struct SpanJson<'a> {
    field: &'a str,
    rule: &'static str,
    start: usize,
    end: usize,
    replacement: Option<String>,
    applicability: Option<&'static str>,
}

#[derive(Serialize)]
struct Annotation<'a> {
    counts: Counts,
    fixed: usize,
    spin_score: f64,
    spun: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    spans: Option<Vec<SpanJson<'a>>>,
}

impl<'e> Processor<'e> {
    /// A processor running `engine` with `options`.
    #[must_use]
    pub fn new(engine: &'e Engine, options: DumpOptions) -> Self {
        Self {
            engine,
            options,
            names: BatchNames::new(),
        }
    }

    /// The batch vocabulary learnt so far.
    #[must_use]
    pub fn names(&self) -> &BatchNames {
        &self.names
    }

    /// Processes one chunk (in parallel on the current rayon pool) and
    /// returns what to write, in input order.
    pub fn process_chunk(&mut self, chunk: &Chunk) -> ChunkOutput {
        let options = &self.options;
        let parsed: Vec<Parsed> = (0..chunk.lines.len())
            .into_par_iter()
            .map(|i| {
                let line = chunk.line(i);
                if line.iter().all(u8::is_ascii_whitespace) {
                    return Parsed::Blank;
                }
                match parse_record(line, &options.fields, options.id_field.as_ref()) {
                    Ok(record) => {
                        let mut candidates = Vec::new();
                        if options.batch_names {
                            for f in &record.fields {
                                scan_candidates(&f.text, &mut candidates);
                            }
                            if record.fields.len() > 1 {
                                candidates.sort_unstable();
                                candidates.dedup();
                            }
                        }
                        Parsed::Record(record, candidates)
                    }
                    Err(e) => Parsed::Malformed(e),
                }
            })
            .collect();
        if options.batch_names {
            for p in &parsed {
                if let Parsed::Record(_, candidates) = p {
                    self.names.observe(candidates);
                }
            }
        }
        let names = options.batch_names.then(|| self.names.names());
        let engine = self.engine;
        let results: Vec<LineResult> = parsed
            .into_par_iter()
            .enumerate()
            .map(|(i, p)| {
                let line = chunk.line(i);
                let number = chunk.first_line + i;
                match p {
                    Parsed::Blank => raw_line(line, Destination::Out, None, LineKind::Blank),
                    Parsed::Malformed(e) => {
                        let destination = if options.separate_rejects {
                            Destination::Rejects
                        } else {
                            Destination::Out
                        };
                        let problem = Problem {
                            line: number,
                            id: options
                                .id_field
                                .as_ref()
                                .and_then(|f| jsonl::record_id(line, f)),
                            message: e.to_string(),
                        };
                        raw_line(line, destination, Some(problem), LineKind::Malformed)
                    }
                    Parsed::Record(record, _) => {
                        let line = std::str::from_utf8(line).expect("parsed records are UTF-8");
                        process_record(engine, options, names, line, number, &record)
                    }
                }
            })
            .collect();
        let mut output = ChunkOutput {
            stats: Stats {
                bytes: chunk.data.len() as u64,
                ..Stats::default()
            },
            ..ChunkOutput::default()
        };
        for r in results {
            let target = match r.destination {
                Destination::Out => Some(&mut output.out),
                Destination::Spun => Some(&mut output.spun),
                Destination::Rejects => Some(&mut output.rejects),
                Destination::Nowhere => None,
            };
            if let Some(target) = target {
                target.extend_from_slice(&r.bytes);
            }
            if let Some(p) = r.problem {
                output.problems.push(p);
            }
            let s = &mut output.stats;
            match r.stats.kind {
                LineKind::Blank => s.blank += 1,
                LineKind::Malformed => s.malformed += 1,
                LineKind::Record => {
                    s.records += 1;
                    s.changed += u64::from(r.stats.changed);
                    s.fixes += r.stats.fixes;
                    s.spun += u64::from(r.stats.spun);
                    s.failed += u64::from(r.stats.failed);
                    for code in r.stats.rules {
                        *s.findings_by_rule.entry(code).or_default() += 1;
                    }
                }
            }
        }
        output
    }
}

/// A line copied as it was.
fn raw_line(
    line: &[u8],
    destination: Destination,
    problem: Option<Problem>,
    kind: LineKind,
) -> LineResult {
    let mut bytes = Vec::with_capacity(line.len() + 1);
    bytes.extend_from_slice(line);
    bytes.push(b'\n');
    LineResult {
        bytes,
        destination,
        problem,
        stats: LineStats {
            kind,
            ..LineStats::default()
        },
    }
}

fn process_record(
    engine: &Engine,
    options: &DumpOptions,
    names: Option<&rustc_hash::FxHashSet<Box<str>>>,
    line: &str,
    number: usize,
    record: &Record,
) -> LineResult {
    let mut counts = Counts {
        typo: 0,
        quote: 0,
        unicode: 0,
        spin: 0,
    };
    let mut stats = LineStats::default();
    let mut edit = RecordEdit::default();
    let mut spans = options.annotate.then(Vec::new);
    let mut error = None;
    let mut fixed = 0;
    let mut spin_parts: Vec<(SpinVerdict, usize, usize)> = Vec::new();
    for field in &record.fields {
        let doc = Document::new(&field.text, Format::Plain);
        let findings = engine.check_with_names(&doc, names);
        let spin = document_spin(&doc, &findings);
        let spin_hits = findings
            .iter()
            .filter(|f| f.rule.family == Family::Spin)
            .count();
        spin_parts.push((spin, doc.word_count(), spin_hits));
        for f in &findings {
            match f.rule.family {
                Family::Typo => counts.typo += 1,
                Family::Quote => counts.quote += 1,
                Family::Unicode => counts.unicode += 1,
                Family::Spin => counts.spin += 1,
            }
            stats.rules.push(f.rule.code);
        }
        let field_name = options.fields[field.field].as_str();
        if let Some(spans) = spans.as_mut() {
            spans.extend(
                findings
                    .iter()
                    .map(|f| span_json(field_name, &field.text, f)),
            );
        }
        let Some(level) = options.fix else { continue };
        if !findings.iter().any(|f| f.fix_at(level).is_some()) {
            continue;
        }
        drop(doc);
        // The first pass reuses the findings above; later passes only need
        // the rules that can offer a fix at `level` (the counts and spans
        // come from the original text, and `remaining` is not reported), so
        // the text comes out exactly as a full re-check would leave it.
        let mut first = Some(findings);
        let outcome = fix_until_stable(&field.text, level, |t| match first.take() {
            Some(f) => f,
            None => engine.check_fixable_with_names(&Document::new(t, Format::Plain), names, level),
        });
        match outcome {
            Ok(o) => {
                if o.text != field.text {
                    fixed += o.applied;
                    edit.fields
                        .push((field.literal.clone(), o.text, field.ascii_only));
                }
            }
            Err(e) => {
                stats.failed = true;
                error = Some(format!("field `{field_name}`: {}", e.reason()));
            }
        }
    }
    let (spin_score, spun) = combine_spin(&spin_parts);
    let reason = spun.then(|| {
        let words: usize = spin_parts.iter().map(|p| p.1).sum();
        let hits: usize = spin_parts.iter().map(|p| p.2).sum();
        format!(
            "spin score {spin_score} ≥ {SPUN_THRESHOLD}: {hits} spun-phrase finding{} in {words} words",
            if hits == 1 { "" } else { "s" }
        )
    });
    stats.changed = !edit.fields.is_empty();
    stats.fixes = fixed as u64;
    stats.spun = spun;
    let problem = error.as_ref().map(|message| Problem {
        line: number,
        id: record.id.clone(),
        message: message.clone(),
    });
    let annotation = Annotation {
        counts,
        fixed,
        spin_score,
        spun,
        reason,
        error,
        spans,
    };
    edit.annotation =
        Some(serde_json::to_string(&annotation).expect("annotations always serialize"));
    let mut bytes = String::new();
    edit.apply(line, record, &mut bytes);
    let destination = match (spun, options.spun) {
        (true, SpunRoute::Drop) => Destination::Nowhere,
        (true, SpunRoute::Separate) => Destination::Spun,
        _ => Destination::Out,
    };
    LineResult {
        bytes: bytes.into_bytes(),
        destination,
        problem,
        stats,
    }
}

/// One verdict for several fields: a single field's own, or the
/// word-weighted mean score of several.
fn combine_spin(parts: &[(SpinVerdict, usize, usize)]) -> (f64, bool) {
    if let [(verdict, _, _)] = parts {
        return (verdict.score, verdict.spun);
    }
    let words: usize = parts.iter().map(|p| p.1).sum();
    if words == 0 {
        return (0.0, false);
    }
    #[allow(clippy::cast_precision_loss)]
    let score = parts
        .iter()
        .map(|(v, w, _)| v.score * *w as f64)
        .sum::<f64>()
        / words as f64;
    let score = (score * 1000.0).round() / 1000.0;
    (score, score >= SPUN_THRESHOLD)
}

fn span_json<'a>(field: &'a str, text: &str, f: &Finding) -> SpanJson<'a> {
    let Some(suggestion) = f.suggestions.first() else {
        return SpanJson {
            field,
            rule: f.rule.code,
            start: f.span.start,
            end: f.span.end,
            replacement: None,
            applicability: None,
        };
    };
    let fix_span = suggestion.fix.span();
    let start = f.span.start.min(fix_span.start);
    let end = f.span.end.max(fix_span.end);
    let mut replacement = String::new();
    let mut copied = start;
    for e in suggestion.fix.edits() {
        replacement.push_str(&text[copied..e.span.start]);
        replacement.push_str(&e.replacement);
        copied = e.span.end;
    }
    replacement.push_str(&text[copied..end]);
    SpanJson {
        field,
        rule: f.rule.code,
        start,
        end,
        replacement: Some(replacement),
        applicability: Some(suggestion.fix.applicability().as_str()),
    }
}

impl Problem {
    /// `PATH:LINE (id ID): MESSAGE`, as reported on stderr.
    #[must_use]
    pub fn display(&self, path: &str) -> String {
        let mut s = format!("{path}:{}", self.line);
        if let Some(id) = &self.id {
            let _ = write!(s, " (id {id})");
        }
        let _ = write!(s, ": {}", self.message);
        s
    }
}
