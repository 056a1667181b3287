//! Running a command: inputs → engine (in parallel with rayon) → renderers →
//! exit status. Output is produced per input inside the workers and printed
//! in input order, so it is identical with 1 or N threads.

use std::fmt::Write as _;
use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;

use rayon::prelude::*;
use rustc_hash::FxHashSet;

use crate::batch::BatchNames;
use crate::cli::engines::Engines;
use crate::cli::scope::Scope;
use crate::cli::{CheckArgs, Cli, ColorArg, Command, CommonArgs, FixArgs, FormatArg};
use crate::diagnostic::{Applicability, Finding};
use crate::engine::Engine;
use crate::error::{Error, Result};
use crate::input::{self, FileStamp, Input};
use crate::render::{diff, github, human, json, sarif};
use crate::rules::{Family, REGISTRY};
use crate::source::Origin;
use crate::text::Document;

/// How a run ended, as a process exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExitStatus {
    /// Nothing found (or nothing left to fix; no change for `diff`).
    Clean = 0,
    /// Findings remain (or `diff` would change something).
    Findings = 1,
    /// At least one input could not be processed, or the command was invalid.
    Error = 2,
    /// `fix` was interrupted (Ctrl-C, SIGTERM): files already written are
    /// fixed, the rest untouched.
    Interrupted = 130,
}

/// Runs a parsed command line.
#[must_use]
pub fn run(cli: Cli) -> ExitStatus {
    match cli.command {
        Command::Check(args) => check(&args),
        Command::Fix(args) => fix_or_diff(&args, Mode::Fix),
        Command::Diff(args) => fix_or_diff(&args, Mode::Diff),
        Command::Review(args) => crate::cli::review::run(&args),
        Command::Config(args) => crate::cli::config_cmd::run(&args),
        Command::Report(args) => crate::cli::report::report(&args),
        Command::Apply(args) => crate::cli::report::apply(&args),
        Command::Dump(args) => crate::cli::dump::run(&args),
        Command::Rules => {
            emit(&rules_table());
            ExitStatus::Clean
        }
        Command::Explain { rule } => match crate::rules::find(&rule) {
            Some(r) => {
                let m = r.meta();
                emit(&format!(
                    "# {} {}\n\n{}\n\nFamily: {} · default: {} · fix: {}\n\n{}",
                    m.code,
                    m.name,
                    m.summary,
                    m.family.name(),
                    if m.default_enabled { "on" } else { "off" },
                    m.fix_safety.as_str(),
                    m.explanation
                ));
                ExitStatus::Clean
            }
            None => {
                eprintln!("error: unknown rule `{rule}` (see `copyedit rules`)");
                ExitStatus::Error
            }
        },
    }
}

/// Writes to stdout; a closed pipe ends the process quietly.
fn emit(s: &str) {
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(s.as_bytes()).and_then(|()| out.flush()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("error: cannot write to stdout: {e}");
        std::process::exit(ExitStatus::Error as i32);
    }
}

fn rules_table() -> String {
    let mut s = String::from("code  name                              family   default  fix\n");
    for r in REGISTRY {
        let m = r.meta();
        let _ = writeln!(
            s,
            "{:<5} {:<33} {:<8} {:<8} {}",
            m.code,
            m.name,
            m.family.name(),
            if m.default_enabled { "on" } else { "off" },
            m.fix_safety.as_str()
        );
    }
    s
}

/// Engines for a command's inputs: configuration files layered under the
/// command line.
fn engines(common: &CommonArgs, unsafe_fixes: bool) -> Result<Engines> {
    Engines::new(common.config_source(), common.cli_settings(unsafe_fixes))
}

pub(crate) fn configure_threads(common: &CommonArgs) -> Result<()> {
    if let Some(n) = common.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global()
            .map_err(|e| Error::usage(format!("cannot start {n} threads: {e}")))?;
    }
    Ok(())
}

fn use_color(arg: ColorArg) -> bool {
    match arg {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

/// A text to process and where it came from.
pub(crate) struct Loaded {
    pub(crate) origin: Origin,
    pub(crate) text: String,
    pub(crate) stamp: Option<FileStamp>,
}

/// One input's place in the run: loaded lazily inside a worker.
pub(crate) enum Pending {
    File { path: PathBuf, explicit: bool },
    Stdin(Result<String>),
    Failed(Error),
}

pub(crate) fn gather(paths: &[PathBuf]) -> Vec<Pending> {
    let default = [PathBuf::from(".")];
    let paths = if paths.is_empty() {
        &default[..]
    } else {
        paths
    };
    let mut stdin_read = false;
    input::expand(paths)
        .into_iter()
        .map(|item| match item {
            Ok(Input::File { path, explicit }) => Pending::File { path, explicit },
            Ok(Input::Stdin) => {
                if stdin_read {
                    return Pending::Failed(Error::usage("`-` given more than once").at("-"));
                }
                stdin_read = true;
                let mut bytes = Vec::new();
                let text = std::io::stdin()
                    .read_to_end(&mut bytes)
                    .map_err(Error::from)
                    .and_then(|_| input::decode(bytes));
                Pending::Stdin(text.map_err(|e| e.at("-")))
            }
            Err(e) => Pending::Failed(e),
        })
        .collect()
}

/// Loads a pending input: `Ok(None)` when it is skipped (binary, found by walking).
pub(crate) fn load(p: Pending) -> Result<Option<Loaded>> {
    match p {
        Pending::File { path, explicit } => {
            Ok(input::read_file(&path, explicit)?.map(|f| Loaded {
                origin: Origin::File(path),
                text: f.text,
                stamp: Some(f.stamp),
            }))
        }
        Pending::Stdin(text) => Ok(Some(Loaded {
            origin: Origin::Stdin,
            text: text?,
            stamp: None,
        })),
        Pending::Failed(e) => Err(e),
    }
}

/// What processing one input produced, ready to print.
#[derive(Default)]
struct Outcome {
    /// Printed to stdout, in input order.
    stdout: String,
    /// Printed to stderr, in input order.
    stderr: String,
    sources: usize,
    findings: usize,
    fixable: usize,
    fixed: usize,
    changed: bool,
    errors: usize,
    /// SARIF results (`--format sarif`).
    sarif: Vec<serde_json::Value>,
    /// Per rule code: (findings, fixable), for `--statistics`.
    by_rule: std::collections::BTreeMap<&'static str, (usize, usize)>,
    /// Keys recorded into a new baseline.
    baseline_keys: Vec<crate::baseline::Key>,
}

fn error_outcome(e: &Error, format: FormatArg) -> Outcome {
    let mut o = Outcome {
        errors: 1,
        ..Outcome::default()
    };
    if format == FormatArg::Json {
        let origin = Origin::File(e.path().map(PathBuf::from).unwrap_or_default());
        o.stdout = json::error_line(&origin, &e.reason());
    } else {
        o.stderr = format!("error: {e}\n");
    }
    o
}

fn check(args: &CheckArgs) -> ExitStatus {
    let common = &args.common;
    let setup = configure_threads(common)
        .and_then(|()| engines(common, args.unsafe_fixes))
        .and_then(|e| {
            Scope::new(args.baseline.as_deref(), args.changed_since.as_deref()).map(|s| (e, s))
        });
    let (engines, scope) = match setup {
        Ok(x) => x,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitStatus::Error;
        }
    };
    let style = human::Style {
        color: args.format == FormatArg::Human && use_color(common.color),
    };
    let level = engines
        .for_path(None)
        .ok()
        .flatten()
        .map_or(Applicability::Safe, |e| e.settings().fix_level);
    let pending = gather(&common.paths);
    let names = batch_names(&engines, &pending);
    let names = names.as_ref().map(BatchNames::names);
    let mut total = Outcome::default();
    let work = |p: Pending| match load(p).and_then(|l| {
        l.map(|l| engines.for_origin(&l.origin).map(|e| (l, e)))
            .transpose()
    }) {
        Ok(Some((loaded, Some(engine)))) => check_one(&engine, &loaded, args, &scope, style, names),
        Ok(_) => Outcome::default(),
        Err(e) => error_outcome(&e, args.format),
    };
    in_input_order(pending, work, |o| {
        print_outcome(&o);
        total.sources += o.sources;
        total.findings += o.findings;
        total.fixable += o.fixable;
        total.errors += o.errors;
        total.sarif.extend(o.sarif);
        total.baseline_keys.extend(o.baseline_keys);
        for (code, (n, fixable)) in o.by_rule {
            let e = total.by_rule.entry(code).or_default();
            e.0 += n;
            e.1 += fixable;
        }
    });
    if scope.is_recording() {
        let path = args
            .baseline
            .as_deref()
            .expect("recording needs --baseline");
        let mut b = crate::baseline::Baseline::default();
        b.extend(std::mem::take(&mut total.baseline_keys));
        if let Err(e) = b.save(path) {
            eprintln!("error: {e}");
            total.errors += 1;
        } else {
            eprintln!(
                "Recorded {} in baseline {}.",
                plural(b.len(), "finding", "findings"),
                path.display()
            );
        }
    }
    match args.format {
        FormatArg::Json => {
            if args.statistics {
                emit(&json_statistics(&total));
            }
            emit(&json::summary_line(
                total.sources,
                total.findings,
                total.errors,
            ));
        }
        FormatArg::Human => {
            if args.statistics {
                emit(&statistics_table(&total));
            }
            emit(&human_summary(&total, level));
        }
        FormatArg::Sarif => {
            emit(&sarif::document(std::mem::take(&mut total.sarif)));
            if args.statistics {
                eprint!("{}", statistics_table(&total));
            }
        }
        FormatArg::Github | FormatArg::Diff => {
            if args.statistics {
                eprint!("{}", statistics_table(&total));
            }
            eprint!("{}", human_summary(&total, level));
        }
    }
    exit_status(&total, total.findings > 0, common.exit_zero)
}

/// `--statistics`: findings per rule, most frequent first.
/// Runs `work` over `pending` on the thread pool and hands every outcome to
/// `sink` in input order, one chunk of inputs at a time: output starts
/// early, and memory holds one chunk's outcomes rather than the whole run's
/// (the JSON of 20,000 articles is hundreds of megabytes).
fn in_input_order(
    pending: Vec<Pending>,
    work: impl Fn(Pending) -> Outcome + Sync + Send,
    mut sink: impl FnMut(Outcome),
) {
    // Enough inputs per chunk that uneven file sizes even out across
    // threads; few enough that a chunk's output stays small.
    let chunk = rayon::current_num_threads().max(1) * 32;
    let mut pending = pending.into_iter();
    loop {
        let batch: Vec<Pending> = pending.by_ref().take(chunk).collect();
        if batch.is_empty() {
            break;
        }
        let outcomes: Vec<Outcome> = batch.into_par_iter().map(&work).collect();
        outcomes.into_iter().for_each(&mut sink);
    }
}

fn statistics_table(total: &Outcome) -> String {
    let mut rows: Vec<(&&'static str, &(usize, usize))> = total.by_rule.iter().collect();
    rows.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(b.0)));
    let width = rows
        .iter()
        .map(|(_, (n, _))| n.to_string().len())
        .max()
        .unwrap_or(1);
    let mut s = String::new();
    for (code, (n, fixable)) in rows {
        let name = crate::rules::find(code).map_or("", |r| r.meta().name);
        let mark = if *fixable > 0 { "[*]" } else { "   " };
        let _ = writeln!(s, "{n:>width$}  {code:<5} {mark} {name}");
    }
    s
}

fn json_statistics(total: &Outcome) -> String {
    let mut s = String::new();
    for (code, (n, fixable)) in &total.by_rule {
        let name = crate::rules::find(code).map_or("", |r| r.meta().name);
        let v = serde_json::json!({
            "type": "statistics", "rule": code, "name": name, "findings": n, "fixable": fixable,
        });
        let _ = writeln!(s, "{v}");
    }
    s
}

fn print_outcome(o: &Outcome) {
    if !o.stdout.is_empty() {
        emit(&o.stdout);
    }
    if !o.stderr.is_empty() {
        eprint!("{}", o.stderr);
    }
}

fn exit_status(total: &Outcome, found: bool, exit_zero: bool) -> ExitStatus {
    if total.errors > 0 {
        ExitStatus::Error
    } else if found && !exit_zero {
        ExitStatus::Findings
    } else {
        ExitStatus::Clean
    }
}

fn human_summary(total: &Outcome, level: Applicability) -> String {
    let sources = plural(total.sources, "source", "sources");
    let mut s = if total.findings == 0 {
        format!("No findings in {sources}.")
    } else {
        let mut s = format!(
            "Found {} in {sources}",
            plural(total.findings, "finding", "findings")
        );
        if total.fixable > 0 {
            let how = if level == Applicability::Safe {
                "`copyedit fix`"
            } else {
                "`copyedit fix --unsafe-fixes`"
            };
            let _ = write!(s, " ({} fixable with {how})", total.fixable);
        }
        s.push('.');
        s
    };
    if total.errors > 0 {
        let _ = write!(
            s,
            " {} could not be read.",
            plural(total.errors, "input", "inputs")
        );
    }
    s.push('\n');
    s
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The batch vocabulary of a run over several files (see [`BatchNames`]):
/// a cheap pre-scan of the files, so that a name recurring across them is
/// not taken for a typo. `None` when there are too few files for any word to
/// recur in enough of them, or when no rule that runs consults names.
fn batch_names(engines: &Engines, pending: &[Pending]) -> Option<BatchNames> {
    // The command line's engine decides: batch names only help typo rules.
    let uses = engines
        .for_path(None)
        .ok()
        .flatten()
        .is_some_and(|e| e.uses_batch_names());
    if !uses {
        return None;
    }
    let files: Vec<&std::path::Path> = pending
        .iter()
        .filter_map(|p| match p {
            Pending::File { path, .. } => Some(path.as_path()),
            _ => None,
        })
        .collect();
    (files.len() >= crate::batch::MIN_DOCUMENTS as usize).then(|| BatchNames::from_files(&files))
}

fn check_one(
    engine: &Engine,
    loaded: &Loaded,
    args: &CheckArgs,
    scope: &Scope,
    style: human::Style,
    names: Option<&FxHashSet<Box<str>>>,
) -> Outcome {
    let level = engine.settings().fix_level;
    let doc = Document::new(&loaded.text, loaded.origin.format());
    let mut report = engine.report_with_names(&doc, names);
    let baseline_keys = scope.apply(&loaded.origin, &doc, &mut report.findings);
    let mut o = Outcome {
        sources: 1,
        findings: report.findings.len(),
        baseline_keys,
        ..Outcome::default()
    };
    for f in &report.findings {
        let fixable = f.fix_at(level).is_some();
        o.fixable += usize::from(fixable);
        let e = o.by_rule.entry(f.rule.code).or_default();
        e.0 += 1;
        e.1 += usize::from(fixable);
    }
    match args.format {
        FormatArg::Json => {
            if !args.statistics {
                for f in &report.findings {
                    o.stdout
                        .push_str(&json::finding_line(&loaded.origin, &doc, f));
                }
            }
            o.stdout.push_str(&json::source_line(
                &loaded.origin,
                &report.findings,
                level,
                report.spin.score,
                report.spin.spun,
            ));
        }
        FormatArg::Sarif => o.sarif = sarif::results(&loaded.origin, &doc, &report.findings),
        FormatArg::Github => {
            o.stdout = github::annotations(&loaded.origin, &doc, &report.findings);
        }
        FormatArg::Diff => {
            let format = loaded.origin.format();
            let fixed = crate::fix::fix_until_stable(&loaded.text, level, |t| {
                let d = Document::new(t, format);
                let mut f: Vec<Finding> = engine.check_with_names(&d, names);
                scope.apply(&loaded.origin, &d, &mut f);
                f
            });
            match fixed {
                Ok(out) => {
                    o.stdout =
                        diff::unified_diff(&loaded.origin.display_path(), &loaded.text, &out.text);
                }
                Err(e) => {
                    o.errors += 1;
                    o.stderr = format!("error: {}\n", e.at(loaded.origin.display_path()));
                }
            }
        }
        FormatArg::Human if args.statistics => {}
        FormatArg::Human => {
            for f in &report.findings {
                o.stdout.push_str(&human::render_finding(
                    &loaded.origin,
                    &doc,
                    f,
                    level,
                    style,
                ));
                o.stdout.push('\n');
            }
            let spin_rules_on = engine
                .rules()
                .iter()
                .any(|r| r.meta().family == Family::Spin);
            if spin_rules_on && report.spin.score > 0.0 {
                let _ = writeln!(
                    o.stdout,
                    "{}: spin score {:.2}{}\n",
                    loaded.origin.display_path(),
                    report.spin.score,
                    if report.spin.spun {
                        " — looks machine-spun"
                    } else {
                        ""
                    }
                );
            }
        }
    }
    o
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Fix,
    Diff,
}

fn fix_or_diff(args: &FixArgs, mode: Mode) -> ExitStatus {
    let common = &args.common;
    if let Err(e) = configure_threads(common) {
        eprintln!("error: {e}");
        return ExitStatus::Error;
    }
    let engines = match engines(common, args.unsafe_fixes) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitStatus::Error;
        }
    };
    if mode == Mode::Fix {
        input::interrupt::install();
    }
    let pending = gather(&common.paths);
    let names = batch_names(&engines, &pending);
    let names = names.as_ref().map(BatchNames::names);
    let mut total = Outcome::default();
    let mut changed_sources = 0;
    let work = |p: Pending| {
        // Once interrupted, start no new input.
        if mode == Mode::Fix && input::interrupt::interrupted() {
            return Outcome::default();
        }
        let one = |l: Loaded| match engines.for_origin(&l.origin)? {
            Some(engine) => fix_one(&engine, l, mode, names).map(Some),
            None => Ok(None),
        };
        match load(p).and_then(|l| l.map(one).transpose()) {
            Ok(Some(Some(o))) => o,
            Ok(_) => Outcome::default(),
            Err(e) => error_outcome(&e, FormatArg::Human),
        }
    };
    in_input_order(pending, work, |o| {
        print_outcome(&o);
        total.sources += o.sources;
        total.findings += o.findings;
        total.fixed += o.fixed;
        total.errors += o.errors;
        changed_sources += usize::from(o.changed);
    });
    let verb = if mode == Mode::Fix {
        "Fixed"
    } else {
        "Would fix"
    };
    let mut summary = format!(
        "{verb} {} in {}",
        plural(total.fixed, "finding", "findings"),
        plural(changed_sources, "source", "sources")
    );
    if total.findings > 0 {
        let _ = write!(summary, "; {} remaining", total.findings);
    }
    eprintln!("{summary}.");
    if mode == Mode::Fix && input::interrupt::interrupted() {
        eprintln!(
            "Interrupted: files written before the interrupt are fixed, every other file is untouched."
        );
        return ExitStatus::Interrupted;
    }
    let found = match mode {
        Mode::Fix => total.findings > 0,
        Mode::Diff => changed_sources > 0,
    };
    exit_status(&total, found, common.exit_zero)
}

fn fix_one(
    engine: &Engine,
    loaded: Loaded,
    mode: Mode,
    names: Option<&FxHashSet<Box<str>>>,
) -> Result<Outcome> {
    let format = loaded.origin.format();
    let outcome = engine
        .fix_with_names(&loaded.text, format, names)
        .map_err(|e| e.at(loaded.origin.display_path()))?;
    let changed = outcome.text != loaded.text;
    let mut o = Outcome {
        sources: 1,
        findings: outcome.remaining.len(),
        fixed: outcome.applied,
        changed,
        ..Outcome::default()
    };
    match (mode, &loaded.origin) {
        (Mode::Diff, origin) => {
            o.stdout = diff::unified_diff(&origin.display_path(), &loaded.text, &outcome.text);
        }
        (Mode::Fix, Origin::Stdin) => o.stdout = outcome.text,
        (Mode::Fix, Origin::File(path)) => {
            if changed {
                let stamp = loaded.stamp.as_ref().expect("files are read with a stamp");
                input::write_atomic(path, &outcome.text, stamp)?;
            }
        }
        (Mode::Fix, Origin::Record { .. }) => {}
    }
    Ok(o)
}
