//! The command line: arguments (clap derive) and their conversion to settings.

pub mod dump;
pub mod report;
pub mod run;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::config::{DashStyle, Dialect, QuoteStyle, Settings};
use crate::diagnostic::Applicability;

/// Finds and repairs damaged English prose: typos, typography and Unicode,
/// synonym-spun text.
#[derive(Debug, Parser)]
#[command(
    name = "copyedit",
    version,
    about,
    after_help = "Examples:\n  copyedit check samples/\n  copyedit check --format json notes.md\n  copyedit fix docs/\n  cat draft.txt | copyedit fix - > clean.txt\n  copyedit diff --unsafe-fixes article.txt | patch -p1\n  copyedit explain T001\n\nExit codes: 0 nothing found, 1 findings (or changes for `diff`), 2 an error."
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Report problems without changing anything.
    #[command(
        after_help = "Examples:\n  copyedit check samples/\n  copyedit check --format json --select T,Q notes.md\n  echo 'teh end' | copyedit check -"
    )]
    Check(CheckArgs),
    /// Apply fixes in place (safe ones; add --unsafe-fixes for more). With `-`, read stdin and
    /// write the fixed text to stdout.
    #[command(
        after_help = "Examples:\n  copyedit fix docs/\n  copyedit fix --unsafe-fixes --select S article.txt\n  copyedit fix - < in.txt > out.txt"
    )]
    Fix(FixArgs),
    /// Print the unified diff that `fix` would apply, changing nothing.
    #[command(
        after_help = "Examples:\n  copyedit diff docs/ > fixes.patch && patch -p1 < fixes.patch\n  copyedit diff --unsafe-fixes article.txt"
    )]
    Diff(FixArgs),
    /// Write a self-contained HTML page to review a run's proposed changes as diffs, with
    /// charts and accept/reject controls that export a decisions file for `copyedit apply`.
    #[command(
        after_help = "Examples:\n  copyedit report samples/ -o report.html\n  copyedit report --top 50 --unsafe-fixes articles/ -o review.html"
    )]
    Report(ReportArgs),
    /// Apply the changes accepted in a decisions file exported from a report (atomically;
    /// a file changed since the report is refused).
    #[command(after_help = "Examples:\n  copyedit apply copyedit-decisions.json")]
    Apply(ApplyArgs),
    /// Check and repair the text fields of a JSON Lines dump, streaming: every record is written
    /// back in order with the field(s) fixed and a `copyedit` member added.
    #[command(
        after_help = "Examples:\n  copyedit dump articles.jsonl.zst -o clean.jsonl.zst\n  copyedit dump --field title --field body --annotate - < in.jsonl > out.jsonl\n  copyedit dump crawl.jsonl.gz --spun-to spun.jsonl --rejects bad.jsonl -o clean.jsonl.gz\n\nExit codes: 0 every line processed (findings are reported in the records), 2 a malformed\nline, a record that could not be fixed, or a read/write error.",
        mut_arg("paths", |a| a
            .value_name("INPUT")
            .num_args(0..=1)
            .action(clap::ArgAction::Set)
            .help("The dump: a .jsonl file (.gz and .zst are decompressed) or `-` for stdin (the default)")),
        mut_arg("color", |a| a.hide(true)),
        mut_arg("exit_zero", |a| a.hide(true)),
    )]
    Dump(dump::DumpArgs),
    /// List every rule: code, name, family, default state and fix safety.
    Rules,
    /// Print the documentation of a rule.
    #[command(
        after_help = "Examples:\n  copyedit explain T001\n  copyedit explain known-misspelling"
    )]
    Explain {
        /// A rule code (`T001`) or name (`known-misspelling`).
        rule: String,
    },
}

/// Options shared by the commands that read text.
#[derive(Debug, Args)]
pub struct CommonArgs {
    /// Files, directories (walked; .gitignore honoured, hidden and binary files skipped) or `-`
    /// for stdin. Defaults to the current directory.
    pub paths: Vec<PathBuf>,
    /// Rules to enable, by code, code prefix or name (comma-separated or repeated): `T`,
    /// `Q001`, `S0`, `known-misspelling`, `ALL`. Without it, the default rules run.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Vec<String>,
    /// Rules to disable (same forms as --select); wins over --select.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Vec<String>,
    /// A word never to flag (repeatable, case-insensitive).
    #[arg(long = "allow-word", value_name = "WORD")]
    pub allow_words: Vec<String>,
    /// Spelling variety to enforce; by default both American and British spellings are accepted.
    #[arg(long, value_enum, default_value_t = DialectArg::Any)]
    pub dialect: DialectArg,
    /// Quote style: the document's majority (auto), or force curly or straight quotes, or keep
    /// mixed quotes as they are.
    #[arg(long, value_enum, default_value_t = QuotesArg::Auto)]
    pub quotes: QuotesArg,
    /// Dash to use for a hyphen standing in for a dash when the document has no dash yet.
    #[arg(long, value_enum, default_value_t = DashArg::EnDash)]
    pub dash: DashArg,
    /// Worker threads (default: all cores, or RAYON_NUM_THREADS when set).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// When to colour human output: auto (a terminal and NO_COLOR unset), always or never.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
    /// Exit 0 even when findings remain (errors still exit 2).
    #[arg(long)]
    pub exit_zero: bool,
}

/// Arguments of `check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Shared options.
    #[command(flatten)]
    pub common: CommonArgs,
    /// Output format: `human` snippets or `json` (JSON Lines; schema in the README).
    #[arg(long, value_enum, default_value_t = FormatArg::Human)]
    pub format: FormatArg,
    /// Count unsafe fixes as applicable when marking `[*]` and counting fixable findings.
    #[arg(long)]
    pub unsafe_fixes: bool,
}

/// Arguments of `fix` and `diff`.
#[derive(Debug, Args)]
pub struct FixArgs {
    /// Shared options.
    #[command(flatten)]
    pub common: CommonArgs,
    /// Also apply unsafe fixes (probable but not certain repairs: ranked spelling guesses,
    /// restored spun phrases, guessed quote directions).
    #[arg(long)]
    pub unsafe_fixes: bool,
}

/// Arguments of `report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Shared options.
    #[command(flatten)]
    pub common: CommonArgs,
    /// Where to write the HTML page.
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
    /// Detail at most this many sources (those with the highest spin score and most
    /// findings); the summary and charts always cover every source.
    #[arg(long, default_value_t = 200, value_name = "N")]
    pub top: usize,
    /// Count unsafe fixes among the proposed corrections.
    #[arg(long)]
    pub unsafe_fixes: bool,
}

/// Arguments of `apply`.
#[derive(Debug, Args)]
pub struct ApplyArgs {
    /// The decisions file exported from a report.
    pub decisions: PathBuf,
    /// Directory the report's relative paths are relative to (default: the current one).
    #[arg(long, value_name = "DIR")]
    pub base: Option<PathBuf>,
}

/// `--format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// rustc-style snippets.
    Human,
    /// JSON Lines.
    Json,
}

/// `--dialect`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DialectArg {
    /// Accept both.
    Any,
    /// American.
    EnUs,
    /// British.
    EnGb,
}

/// `--quotes`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum QuotesArg {
    /// Majority style.
    Auto,
    /// Curly.
    Curly,
    /// Straight.
    Straight,
    /// Keep.
    Keep,
}

/// `--dash`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DashArg {
    /// Spaced en dash.
    EnDash,
    /// Closed em dash.
    EmDash,
}

/// `--color`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    /// On a terminal without NO_COLOR.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

impl CommonArgs {
    /// The settings these options describe.
    #[must_use]
    pub fn settings(&self, unsafe_fixes: bool) -> Settings {
        Settings {
            select: self.select.clone(),
            ignore: self.ignore.clone(),
            fix_level: if unsafe_fixes {
                Applicability::Unsafe
            } else {
                Applicability::Safe
            },
            dialect: match self.dialect {
                DialectArg::Any => Dialect::Any,
                DialectArg::EnUs => Dialect::EnUs,
                DialectArg::EnGb => Dialect::EnGb,
            },
            quotes: match self.quotes {
                QuotesArg::Auto => QuoteStyle::Auto,
                QuotesArg::Curly => QuoteStyle::Curly,
                QuotesArg::Straight => QuoteStyle::Straight,
                QuotesArg::Keep => QuoteStyle::Keep,
            },
            dash: match self.dash {
                DashArg::EnDash => DashStyle::SpacedEnDash,
                DashArg::EmDash => DashStyle::EmDash,
            },
            allow_words: self.allow_words.clone(),
        }
    }
}
