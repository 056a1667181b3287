//! `copyedit config --show [PATH]`: the settings in effect for a path, as
//! TOML, with the configuration file they came from.

use std::fmt::Write as _;
use std::path::Path;

use crate::cli::run::ExitStatus;
use crate::cli::{config_source, ConfigArgs};
use crate::config::{DashStyle, Dialect, QuoteStyle, Settings};
use crate::config_file::{CliSettings, Resolver};
use crate::diagnostic::Applicability;
use crate::error::Result;

/// Runs `config`.
#[must_use]
pub fn run(args: &ConfigArgs) -> ExitStatus {
    if !args.show {
        eprintln!("error: nothing to do; try `copyedit config --show [PATH]`");
        return ExitStatus::Error;
    }
    match show(args) {
        Ok(s) => {
            print!("{s}");
            ExitStatus::Clean
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitStatus::Error
        }
    }
}

fn quoted(s: &str) -> String {
    serde_json::to_string(s).expect("strings serialise")
}

fn list<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    let items: Vec<String> = items.into_iter().map(quoted).collect();
    format!("[{}]", items.join(", "))
}

fn show(args: &ConfigArgs) -> Result<String> {
    let resolver = Resolver::new(config_source(args.config.as_ref(), args.no_config))?;
    // For a directory, show what applies to a file directly inside it.
    let target = match &args.path {
        Some(p) if p.is_dir() => p.join("copyedit-example.md"),
        Some(p) => p.clone(),
        None => Path::new("copyedit-example.md").to_path_buf(),
    };
    let resolved = resolver.resolve(Some(&target))?;
    let settings = resolved.settings(&CliSettings::default());
    settings.validate()?;
    let mut s = String::new();
    match &resolved.config {
        Some(c) => {
            let _ = writeln!(s, "# configuration: {}", c.path.display());
            if !resolved.overrides.is_empty() {
                let n: Vec<String> = resolved
                    .overrides
                    .iter()
                    .map(|i| (i + 1).to_string())
                    .collect();
                let _ = writeln!(s, "# overrides applied: [[overrides]] #{}", n.join(", #"));
            }
        }
        None => s.push_str("# configuration: none (built-in defaults)\n"),
    }
    if let Some(p) = &args.path {
        let _ = writeln!(s, "# for: {}", p.display());
    }
    if resolved.excluded {
        s.push_str("excluded = true\n");
    }
    write_settings(&mut s, &settings);
    if let Some(c) = &resolved.config {
        if let Some(ex) = &c.options.exclude {
            let _ = writeln!(s, "exclude = {}", list(ex.iter().map(String::as_str)));
        }
    }
    Ok(s)
}

fn write_settings(s: &mut String, st: &Settings) {
    let rules = st.enabled_rules();
    let _ = writeln!(s, "select = {}", list(st.select.iter().map(String::as_str)));
    let _ = writeln!(s, "ignore = {}", list(st.ignore.iter().map(String::as_str)));
    let _ = writeln!(
        s,
        "rules = {}  # enabled",
        list(rules.iter().map(|r| r.meta().code))
    );
    let _ = writeln!(
        s,
        "fix-level = {}",
        quoted(match st.fix_level {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
            Applicability::DisplayOnly => "display-only",
        })
    );
    let _ = writeln!(
        s,
        "dialect = {}",
        quoted(match st.dialect {
            Dialect::Any => "any",
            Dialect::EnUs => "en-us",
            Dialect::EnGb => "en-gb",
        })
    );
    let _ = writeln!(
        s,
        "quotes = {}",
        quoted(match st.quotes {
            QuoteStyle::Auto => "auto",
            QuoteStyle::Curly => "curly",
            QuoteStyle::Straight => "straight",
            QuoteStyle::Keep => "keep",
        })
    );
    let _ = writeln!(
        s,
        "dash = {}",
        quoted(match st.dash {
            DashStyle::SpacedEnDash => "en-dash",
            DashStyle::EmDash => "em-dash",
        })
    );
    let _ = writeln!(
        s,
        "\n[words]\nallow = {}",
        list(st.allow_words.iter().map(String::as_str))
    );
}
