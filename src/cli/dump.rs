//! `copyedit dump`: stream a JSON Lines dump through the engine.
//!
//! Three threads share the work so that neither reading nor writing stalls
//! the rule workers: a reader thread cuts the (possibly decompressed) input
//! into chunks of whole lines, the calling thread hands each chunk to
//! [`Processor::process_chunk`] (rayon workers inside) and reports problems
//! in line order, and a writer thread writes (and compresses) the results.
//! Both hand-overs are bounded channels of [`QUEUE_CHUNKS`] chunks, so memory
//! stays flat whatever the size of the dump.
//!
//! Exit codes: 0 when every line was processed, 2 when a line was malformed
//! (bad JSON, missing field, field not a string, invalid UTF-8), a record
//! could not be fixed, or reading or writing failed. Findings never make the
//! exit code 1 here: in a dump they are the normal case, and they are
//! reported in each record's `copyedit` member and in the summary. (A
//! non-zero exit would also fail every Spark or Hadoop task that pipes
//! records through `copyedit dump`.)

use std::fmt::Write as _;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{mpsc, Arc};
use std::thread;
use std::time::{Duration, Instant};

use clap::{Args, ValueEnum};

use crate::cli::run::ExitStatus;
use crate::cli::CommonArgs;
use crate::diagnostic::Applicability;
use crate::dump::{ChunkOutput, DumpOptions, Processor, SpunRoute, Stats};
use crate::engine::Engine;
use crate::error::{Error, Result};
use crate::input::jsonl::{open_input, open_output, ChunkReader, FieldPath, Output};

/// Target size of a chunk of input lines.
pub const CHUNK_BYTES: usize = 4 << 20;

/// Most lines in a chunk (many tiny records would otherwise make a chunk of
/// hundreds of thousands).
pub const CHUNK_LINES: usize = 20_000;

/// Chunks waiting between the reader, the workers and the writer.
pub const QUEUE_CHUNKS: usize = 2;

/// Arguments of `dump`.
#[derive(Debug, Args)]
pub struct DumpArgs {
    /// Shared options (the one path is the input dump).
    #[command(flatten)]
    pub common: CommonArgs,
    /// The string field to check and repair (repeatable; `a.b` for a member of a nested object).
    #[arg(long = "field", value_name = "FIELD", default_value = "text")]
    pub fields: Vec<String>,
    /// The field holding each record's id, shown in reports.
    #[arg(long, value_name = "FIELD", default_value = "id")]
    pub id_field: String,
    /// Where to write the records (`-` = stdout, the default); `.gz` and `.zst` are compressed.
    #[arg(short, long, value_name = "OUTPUT")]
    pub output: Option<PathBuf>,
    /// Fixes to apply to the fields: none (check only), safe, or unsafe (safe and unsafe).
    #[arg(long, value_enum, default_value_t = FixArg::Safe)]
    pub fix: FixArg,
    /// Add every finding to the `copyedit` member as a stand-off span (rule, byte span into the
    /// field's original text, suggested replacement).
    #[arg(long)]
    pub annotate: bool,
    /// Leave records judged spun out of the output.
    #[arg(long, conflicts_with = "spun_to")]
    pub drop_spun: bool,
    /// Write records judged spun to FILE instead of the output (with the reason).
    #[arg(long, value_name = "FILE")]
    pub spun_to: Option<PathBuf>,
    /// Write malformed lines to FILE instead of copying them to the output.
    #[arg(long, value_name = "FILE")]
    pub rejects: Option<PathBuf>,
    /// Do not learn names from the dump: each record's result then depends on that record alone,
    /// whatever the order or partitioning of the input.
    #[arg(long)]
    pub no_batch_names: bool,
    /// No progress bar and no summary (problems with lines are still reported).
    #[arg(short, long)]
    pub quiet: bool,
    /// Target size of a chunk of lines, in bytes (for tests and tuning).
    #[arg(long, hide = true, default_value_t = CHUNK_BYTES)]
    pub chunk_bytes: usize,
}

/// `--fix`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FixArg {
    /// Check only.
    None,
    /// Safe fixes.
    Safe,
    /// Safe and unsafe fixes.
    Unsafe,
}

impl FixArg {
    fn level(self) -> Option<Applicability> {
        match self {
            FixArg::None => None,
            FixArg::Safe => Some(Applicability::Safe),
            FixArg::Unsafe => Some(Applicability::Unsafe),
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            FixArg::None => "none",
            FixArg::Safe => "safe",
            FixArg::Unsafe => "unsafe",
        }
    }
}

/// Runs `copyedit dump`.
#[must_use]
pub fn run(args: &DumpArgs) -> ExitStatus {
    match run_inner(args) {
        Ok(status) => status,
        Err(e) => {
            eprintln!("error: {e}");
            ExitStatus::Error
        }
    }
}

struct Plan {
    input: PathBuf,
    options: DumpOptions,
}

fn plan(args: &DumpArgs) -> Result<Plan> {
    let input = match args.common.paths.as_slice() {
        [one] => one.clone(),
        [] => PathBuf::from("-"),
        _ => return Err(Error::usage("`dump` reads one input (a file or `-`)")),
    };
    let mut fields = Vec::new();
    for f in &args.fields {
        let path = FieldPath::parse(f).map_err(Error::usage)?;
        if !fields.contains(&path) {
            fields.push(path);
        }
    }
    let id_field = FieldPath::parse(&args.id_field).map_err(Error::usage)?;
    let outputs = [
        args.output.as_deref(),
        args.spun_to.as_deref(),
        args.rejects.as_deref(),
    ];
    for (i, out) in outputs.iter().enumerate() {
        let Some(out) = out else { continue };
        if out.as_os_str() != "-" && same_file(out, &input) {
            return Err(Error::usage("an output file is also the input").at(out));
        }
        for other in outputs.iter().skip(i + 1).flatten() {
            if out.as_os_str() != "-" && same_file(out, other) {
                return Err(Error::usage("two outputs name the same file").at(out));
            }
        }
    }
    let spun = if args.drop_spun {
        SpunRoute::Drop
    } else if args.spun_to.is_some() {
        SpunRoute::Separate
    } else {
        SpunRoute::Keep
    };
    Ok(Plan {
        input,
        options: DumpOptions {
            fields,
            id_field: Some(id_field),
            fix: args.fix.level(),
            annotate: args.annotate,
            spun,
            separate_rejects: args.rejects.is_some(),
            batch_names: !args.no_batch_names,
        },
    })
}

fn same_file(a: &Path, b: &Path) -> bool {
    if a == b {
        return true;
    }
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

fn configure_threads(threads: Option<usize>) -> Result<()> {
    if let Some(n) = threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global()
            .map_err(|e| Error::usage(format!("cannot start {n} threads: {e}")))?;
    }
    Ok(())
}

/// What the writer thread owns.
struct Sinks {
    out: Output,
    spun: Option<(PathBuf, Output)>,
    rejects: Option<(PathBuf, Output)>,
    out_path: PathBuf,
}

impl Sinks {
    fn write(&mut self, chunk: &ChunkOutput) -> Result<()> {
        let at = |p: &Path, e: std::io::Error| Error::from(e).at(p);
        if !chunk.out.is_empty() {
            self.out
                .write_all(&chunk.out)
                .map_err(|e| at(&self.out_path, e))?;
        }
        if let Some((path, w)) = &mut self.spun {
            if !chunk.spun.is_empty() {
                w.write_all(&chunk.spun).map_err(|e| at(path, e))?;
            }
        }
        if let Some((path, w)) = &mut self.rejects {
            if !chunk.rejects.is_empty() {
                w.write_all(&chunk.rejects).map_err(|e| at(path, e))?;
            }
        }
        Ok(())
    }

    fn finish(self) -> Result<()> {
        let out_path = self.out_path;
        self.out
            .finish()
            .map_err(|e| Error::from(e).at(&out_path))?;
        for (path, w) in [self.spun, self.rejects].into_iter().flatten() {
            w.finish().map_err(|e| Error::from(e).at(&path))?;
        }
        Ok(())
    }
}

fn open_sink(path: &Path) -> Result<Output> {
    open_output(path).map_err(|e| Error::from(e).at(path))
}

fn is_broken_pipe(e: &Error) -> bool {
    matches!(e.kind(), crate::error::ErrorKind::Io(io) if io.kind() == std::io::ErrorKind::BrokenPipe)
}

fn run_inner(args: &DumpArgs) -> Result<ExitStatus> {
    let started = Instant::now();
    let plan = plan(args)?;
    configure_threads(args.common.threads)?;
    let mut settings = args.common.settings(args.fix == FixArg::Unsafe);
    // A JSON string field has no encoding signature: a leading BOM is junk.
    settings.leading_bom = crate::config::LeadingBom::Field;
    let engine = Engine::new(settings)?;
    let display_input = plan.input.display().to_string();

    let read_bytes = Arc::new(AtomicU64::new(0));
    let reader = open_input(&plan.input, Arc::clone(&read_bytes))
        .map_err(|e| Error::from(e).at(&plan.input))?;
    let input_len = (plan.input.as_os_str() != "-")
        .then(|| std::fs::metadata(&plan.input).ok().map(|m| m.len()))
        .flatten();
    let out_path = args.output.clone().unwrap_or_else(|| PathBuf::from("-"));
    let sinks = Sinks {
        out: open_sink(&out_path)?,
        spun: match &args.spun_to {
            Some(p) => Some((p.clone(), open_sink(p)?)),
            None => None,
        },
        rejects: match &args.rejects {
            Some(p) => Some((p.clone(), open_sink(p)?)),
            None => None,
        },
        out_path,
    };

    let (chunk_tx, chunk_rx) = mpsc::sync_channel(QUEUE_CHUNKS);
    let input_for_errors = plan.input.clone();
    let chunk_bytes = args.chunk_bytes.max(1);
    // The reader is not joined: when the run stops early (a closed output)
    // it may be blocked reading stdin, and ends with the process.
    thread::Builder::new()
        .name("copyedit-read".into())
        .spawn(move || {
            let mut chunks = ChunkReader::new(reader, chunk_bytes, CHUNK_LINES);
            loop {
                let next = chunks
                    .next_chunk()
                    .map_err(|e| Error::from(e).at(&input_for_errors));
                let stop = !matches!(next, Ok(Some(_)));
                if chunk_tx.send(next).is_err() || stop {
                    break;
                }
            }
        })
        .map_err(Error::from)?;

    let (out_tx, out_rx) = mpsc::sync_channel::<ChunkOutput>(QUEUE_CHUNKS);
    let writer = thread::Builder::new()
        .name("copyedit-write".into())
        .spawn(move || -> Result<()> {
            let mut sinks = sinks;
            for chunk in out_rx {
                sinks.write(&chunk)?;
            }
            sinks.finish()
        })
        .map_err(Error::from)?;

    let progress =
        (!args.quiet && std::io::stderr().is_terminal()).then(|| progress_bar(input_len));
    let mut options = plan.options.clone();
    options.batch_names &= engine.uses_batch_names();
    let mut processor = Processor::new(&engine, options);
    let mut totals = Stats::default();
    let mut read_error = None;
    for next in chunk_rx {
        let chunk = match next {
            Ok(Some(chunk)) => chunk,
            Ok(None) => break,
            Err(e) => {
                read_error = Some(e);
                break;
            }
        };
        let output = processor.process_chunk(&chunk);
        drop(chunk);
        for p in &output.problems {
            let line = format!("error: {}", p.display(&display_input));
            match &progress {
                Some(pb) => pb.println(line),
                None => eprintln!("{line}"),
            }
        }
        totals.merge(&output.stats);
        if let Some(pb) = &progress {
            pb.set_position(read_bytes.load(Ordering::Relaxed));
            pb.set_message(records_message(totals.records, started.elapsed()));
        }
        if out_tx.send(output).is_err() {
            // The writer stopped on an error; it reports it below.
            break;
        }
    }
    drop(out_tx);
    if let Some(pb) = &progress {
        pb.finish_and_clear();
    }
    let written = writer.join().expect("the writer thread does not panic");
    if let Err(e) = written {
        if is_broken_pipe(&e) {
            // Like `head`: a closed stdout ends the run quietly.
            return Ok(ExitStatus::Clean);
        }
        eprintln!("error: {e}");
        return Ok(ExitStatus::Error);
    }
    if let Some(e) = &read_error {
        eprintln!("error: {e}");
    }
    if !args.quiet {
        eprint!(
            "{}",
            summary(args, &totals, started.elapsed(), read_error.is_some())
        );
    }
    let failed = read_error.is_some() || totals.malformed > 0 || totals.failed > 0;
    Ok(if failed {
        ExitStatus::Error
    } else {
        ExitStatus::Clean
    })
}

fn progress_bar(len: Option<u64>) -> indicatif::ProgressBar {
    use indicatif::{ProgressBar, ProgressStyle};
    let pb = match len {
        Some(len) => ProgressBar::new(len).with_style(
            ProgressStyle::with_template(
                "{spinner} {elapsed_precise} [{bar:30}] {binary_bytes}/{binary_total_bytes} \
                 {binary_bytes_per_sec} ETA {eta} · {msg}",
            )
            .expect("the template is valid")
            .progress_chars("=> "),
        ),
        None => ProgressBar::new_spinner().with_style(
            ProgressStyle::with_template(
                "{spinner} {elapsed_precise} {binary_bytes} {binary_bytes_per_sec} · {msg}",
            )
            .expect("the template is valid"),
        ),
    };
    pb.enable_steady_tick(Duration::from_millis(200));
    pb
}

fn records_message(records: u64, elapsed: Duration) -> String {
    let secs = elapsed.as_secs_f64().max(1e-3);
    #[allow(clippy::cast_precision_loss)]
    let rate = records as f64 / secs;
    format!("{records} records, {rate:.0} records/s")
}

#[allow(clippy::cast_precision_loss)]
fn megabytes(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}

fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn summary(args: &DumpArgs, t: &Stats, elapsed: Duration, read_failed: bool) -> String {
    let mut s = format!(
        "Processed {} ({:.1} MB{})",
        plural(t.records, "record", "records"),
        megabytes(t.bytes),
        if read_failed { ", input cut short" } else { "" }
    );
    if t.blank > 0 {
        let _ = write!(s, ", {}", plural(t.blank, "blank line", "blank lines"));
    }
    s.push_str(".\n");
    let findings = t.findings();
    let _ = write!(s, "Findings: {findings}");
    if findings > 0 {
        let by_rule: Vec<String> = t
            .findings_by_rule
            .iter()
            .map(|(code, n)| format!("{code} {n}"))
            .collect();
        let _ = write!(s, " ({})", by_rule.join(", "));
    }
    s.push('\n');
    match args.fix {
        FixArg::None => s.push_str("Fixed: nothing (--fix none)\n"),
        level => {
            let _ = writeln!(
                s,
                "Fixed ({}): {} in {}",
                level.as_str(),
                t.fixes,
                plural(t.changed, "record", "records")
            );
        }
    }
    let route = if args.drop_spun {
        "dropped".to_string()
    } else if let Some(p) = &args.spun_to {
        format!("written to {}", p.display())
    } else {
        "kept".to_string()
    };
    let _ = writeln!(s, "Spun: {} ({route})", plural(t.spun, "record", "records"));
    let rejects = match &args.rejects {
        Some(p) => format!("written to {}", p.display()),
        None => "copied unchanged".to_string(),
    };
    let _ = writeln!(s, "Malformed lines: {} ({rejects})", t.malformed);
    if t.failed > 0 {
        let _ = writeln!(
            s,
            "Records left unfixed (fixes did not converge): {}",
            t.failed
        );
    }
    let secs = elapsed.as_secs_f64().max(1e-3);
    #[allow(clippy::cast_precision_loss)]
    let _ = writeln!(
        s,
        "Time: {secs:.2} s ({:.1} MB/s, {:.0} records/s)",
        megabytes(t.bytes) / secs,
        t.records as f64 / secs
    );
    s
}
