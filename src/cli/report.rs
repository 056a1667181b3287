//! `copyedit report` (the HTML review page) and `copyedit apply` (apply the
//! decisions exported from it).

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::cli::run::{configure_threads, gather, load, ExitStatus};
use crate::cli::{ApplyArgs, ReportArgs};
use crate::engine::Engine;
use crate::error::Error;
use crate::render::html;
use crate::report::{self, decisions, RunReport};

/// Inputs examined per parallel batch: bounds memory on large runs, since
/// only the worst sources of each batch are kept in detail.
const BATCH: usize = 512;

/// Runs `copyedit report`.
#[must_use]
pub fn report(args: &ReportArgs) -> ExitStatus {
    let common = &args.common;
    if let Err(e) = configure_threads(common) {
        eprintln!("error: {e}");
        return ExitStatus::Error;
    }
    let engine = match Engine::new(common.settings(args.unsafe_fixes)) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitStatus::Error;
        }
    };
    let mut run = RunReport::new(args.top);
    let pending = gather(&common.paths);
    let mut index = 0usize;
    let mut pending = pending.into_iter().peekable();
    while pending.peek().is_some() {
        let batch: Vec<_> = pending.by_ref().take(BATCH).collect();
        let first = index;
        index += batch.len();
        let results: Vec<_> = batch
            .into_par_iter()
            .enumerate()
            .map(|(i, p)| match load(p) {
                Ok(Some(l)) => Ok(Some(report::examine(
                    &engine,
                    &l.origin,
                    &l.text,
                    first + i,
                ))),
                Ok(None) => Ok(None),
                Err(e) => Err(e),
            })
            .collect();
        for r in results {
            match r {
                Ok(Some((entry, findings))) => run.add(entry, &findings),
                Ok(None) => {}
                Err(e) => {
                    eprintln!("error: {e}");
                    run.add_error(
                        e.path()
                            .map(|p| p.display().to_string())
                            .unwrap_or_default(),
                        e.reason(),
                    );
                }
            }
        }
    }
    run.trim();
    let page = html::render(&run);
    if let Err(e) = write_output(&args.output, &page) {
        eprintln!("error: {e}");
        return ExitStatus::Error;
    }
    eprintln!(
        "Wrote {} ({} sources, {} findings, {} spun, {} KiB).",
        args.output.display(),
        run.sources_checked,
        run.findings,
        run.spun,
        page.len().div_ceil(1024)
    );
    if !run.errors.is_empty() {
        ExitStatus::Error
    } else if run.findings > 0 && !common.exit_zero {
        ExitStatus::Findings
    } else {
        ExitStatus::Clean
    }
}

fn write_output(path: &Path, page: &str) -> Result<(), Error> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".copyedit-report-")
        .tempfile_in(dir)
        .map_err(|e| Error::from(e).at(path))?;
    std::io::Write::write_all(&mut tmp, page.as_bytes()).map_err(|e| Error::from(e).at(path))?;
    // A new page is an ordinary readable file, not a private temporary one.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))
            .map_err(|e| Error::from(e).at(path))?;
    }
    tmp.persist(path)
        .map_err(|e| Error::from(e.error).at(path))?;
    Ok(())
}

/// Runs `copyedit apply`.
#[must_use]
pub fn apply(args: &ApplyArgs) -> ExitStatus {
    let text = match std::fs::read_to_string(&args.decisions) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: {}", Error::from(e).at(&args.decisions));
            return ExitStatus::Error;
        }
    };
    let parsed = match decisions::parse(&text) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: {}", e.at(&args.decisions));
            return ExitStatus::Error;
        }
    };
    let base: PathBuf = args.base.clone().unwrap_or_else(|| PathBuf::from("."));
    let mut errors = 0;
    let (mut applied, mut skipped) = (0, 0);
    for source in &parsed.sources {
        match decisions::apply_to_file(&base, source) {
            Ok(a) => {
                applied += a.applied;
                skipped += a.skipped;
                if a.skipped > 0 {
                    eprintln!(
                        "warning: {}: {} accepted changes overlap earlier ones and were skipped",
                        a.path.display(),
                        a.skipped
                    );
                }
            }
            Err(e) => {
                errors += 1;
                eprintln!("error: {e}");
            }
        }
    }
    eprintln!(
        "Applied {applied} accepted changes in {} sources ({skipped} skipped, {errors} refused).",
        parsed.sources.len() - errors
    );
    if errors > 0 {
        ExitStatus::Error
    } else {
        ExitStatus::Clean
    }
}
