//! The command line: arguments (clap derive) and their conversion to settings.

pub mod config_cmd;
pub mod dump;
pub mod engines;
pub mod report;
pub mod review;
pub mod run;
pub mod scope;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::config::{DashStyle, Dialect, QuoteStyle, Settings};
use crate::config_file::{CliSettings, ConfigSource};
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
    /// Review proposed fixes one by one on a terminal: accept, reject, pick an
    /// alternative or type your own; accepted fixes are written at the end of each file.
    #[command(
        after_help = "Keys: y accept · n reject · 1-9 pick a suggestion · e edit · s skip the rest of the file · q quit (keeping decisions so far) · ? help\n\nExamples:\n  copyedit review docs/\n  copyedit review --select T notes.md"
    )]
    Review(ReviewArgs),
    /// Show configuration: `config --show [PATH]` prints the settings in effect for PATH.
    #[command(
        after_help = "Examples:\n  copyedit config --show\n  copyedit config --show docs/legal/terms.md"
    )]
    Config(ConfigArgs),
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
    #[arg(long, value_enum)]
    pub dialect: Option<DialectArg>,
    /// Quote style: the document's majority (auto), or force curly or straight quotes, or keep
    /// mixed quotes as they are. [default: auto]
    #[arg(long, value_enum)]
    pub quotes: Option<QuotesArg>,
    /// Dash to use for a hyphen standing in for a dash when the document has no dash yet.
    /// [default: en-dash]
    #[arg(long, value_enum)]
    pub dash: Option<DashArg>,
    /// Use this configuration file for every input instead of finding `copyedit.toml` /
    /// `pyproject.toml` ([tool.copyedit]) by walking up from each file.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Ignore configuration files.
    #[arg(long)]
    pub no_config: bool,
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
    /// Output format: `human` snippets, `json` (JSON Lines; schema in the README), `sarif`
    /// (SARIF 2.1.0 with fixes), `github` (workflow annotations) or `diff` (the unified diff
    /// `fix` would apply).
    #[arg(long, value_enum, default_value_t = FormatArg::Human)]
    pub format: FormatArg,
    /// Count unsafe fixes as applicable when marking `[*]` and counting fixable findings.
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print how many findings each rule has instead of the findings (human), or as
    /// `statistics` lines before the summary (json).
    #[arg(long)]
    pub statistics: bool,
    /// Report only findings not recorded in FILE; when FILE does not exist, record today's
    /// findings in it and report none.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Report only findings on lines changed since the git revision REV (untracked files
    /// count as changed everywhere).
    #[arg(long, value_name = "REV")]
    pub changed_since: Option<String>,
}

/// Arguments of `review`.
#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// Shared options.
    #[command(flatten)]
    pub common: CommonArgs,
}

/// Arguments of `config`.
#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Print the effective settings (the configuration file found, rules, words…).
    #[arg(long)]
    pub show: bool,
    /// The file or directory whose settings to show (default: the current directory).
    pub path: Option<PathBuf>,
    /// Use this configuration file instead of finding one.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Ignore configuration files.
    #[arg(long)]
    pub no_config: bool,
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
    /// SARIF 2.1.0 (one JSON document), fixes included.
    Sarif,
    /// GitHub Actions workflow annotations.
    Github,
    /// The unified diff `fix` would apply.
    Diff,
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
    /// The settings these options describe, without any configuration file.
    #[must_use]
    pub fn settings(&self, unsafe_fixes: bool) -> Settings {
        let mut s = Settings::default();
        let cli = self.cli_settings(unsafe_fixes);
        s.select = cli.select;
        s.ignore = cli.ignore;
        if cli.unsafe_fixes {
            s.fix_level = Applicability::Unsafe;
        }
        s.dialect = cli.dialect.unwrap_or(s.dialect);
        s.quotes = cli.quotes.unwrap_or(s.quotes);
        s.dash = cli.dash.unwrap_or(s.dash);
        s.allow_words = cli.allow_words;
        s
    }

    /// The options given on the command line, layered over configuration files.
    #[must_use]
    pub fn cli_settings(&self, unsafe_fixes: bool) -> CliSettings {
        CliSettings {
            select: self.select.clone(),
            ignore: self.ignore.clone(),
            unsafe_fixes,
            dialect: self.dialect.map(|d| match d {
                DialectArg::Any => Dialect::Any,
                DialectArg::EnUs => Dialect::EnUs,
                DialectArg::EnGb => Dialect::EnGb,
            }),
            quotes: self.quotes.map(|q| match q {
                QuotesArg::Auto => QuoteStyle::Auto,
                QuotesArg::Curly => QuoteStyle::Curly,
                QuotesArg::Straight => QuoteStyle::Straight,
                QuotesArg::Keep => QuoteStyle::Keep,
            }),
            dash: self.dash.map(|d| match d {
                DashArg::EnDash => DashStyle::SpacedEnDash,
                DashArg::EmDash => DashStyle::EmDash,
            }),
            allow_words: self.allow_words.clone(),
        }
    }

    /// Where configuration comes from.
    #[must_use]
    pub fn config_source(&self) -> ConfigSource {
        config_source(self.config.as_ref(), self.no_config)
    }
}

/// `--config` / `--no-config` as a [`ConfigSource`].
#[must_use]
pub fn config_source(config: Option<&PathBuf>, no_config: bool) -> ConfigSource {
    match (config, no_config) {
        (_, true) => ConfigSource::None,
        (Some(p), false) => ConfigSource::File(p.clone()),
        (None, false) => ConfigSource::Discover,
    }
}
