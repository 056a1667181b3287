//! Configuration files: `copyedit.toml`, or a `[tool.copyedit]` table in
//! `pyproject.toml`, found by walking up from each checked file.
//!
//! A file's settings are layered: built-in defaults, then the nearest
//! configuration file, then the `[[overrides]]` of that file whose `paths`
//! match, then the command line. Unknown keys are errors that name the key
//! and the file, so a typo in a configuration never silently does nothing.
//!
//! ```toml
//! select = ["T", "Q"]          # rules to run (default: the default rules)
//! ignore = ["Q003"]            # rules never to run
//! fix-level = "safe"           # or "unsafe"
//! dialect = "en-us"            # "any", "en-us", "en-gb"
//! quotes = "curly"             # "auto", "curly", "straight", "keep"
//! dash = "en-dash"             # "en-dash", "em-dash"
//! exclude = ["vendor/", "CHANGELOG.md", "docs/**/generated-*.md"]
//!
//! [words]
//! allow = ["zorblax"]
//! files = ["project-words.txt"]   # one word a line, `#` comments; relative to this file
//!
//! [[overrides]]
//! paths = ["legal/**"]
//! ignore = ["S"]
//! ```
//!
//! Globs (in `exclude` and `overrides.paths`) are matched against the path
//! relative to the configuration file's directory. A glob without `/`
//! matches any single path component (`*.txt`, `drafts`); one with `/`
//! matches from the configuration's directory (`docs/*.md`, `vendor/`); a
//! matching directory covers everything below it.

use std::collections::HashMap;
use std::fs;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use serde::Deserialize;

use crate::config::{DashStyle, Dialect, QuoteStyle, Settings};
use crate::diagnostic::Applicability;
use crate::error::{Error, Result};
use crate::rules;

/// The name of copyedit's own configuration file.
pub const CONFIG_FILE: &str = "copyedit.toml";
/// The Python project file whose `[tool.copyedit]` table is read.
pub const PYPROJECT_FILE: &str = "pyproject.toml";

/// `fix-level` values.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum FixLevelName {
    /// Only safe fixes.
    Safe,
    /// Safe and unsafe fixes.
    Unsafe,
}

/// `dialect` values.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum DialectName {
    /// Both.
    Any,
    /// American.
    EnUs,
    /// British.
    EnGb,
}

/// `quotes` values.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum QuotesName {
    /// Majority.
    Auto,
    /// Curly.
    Curly,
    /// Straight.
    Straight,
    /// Keep.
    Keep,
}

/// `dash` values.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum DashName {
    /// Spaced en dash.
    EnDash,
    /// Closed em dash.
    EmDash,
}

impl From<DialectName> for Dialect {
    fn from(d: DialectName) -> Self {
        match d {
            DialectName::Any => Dialect::Any,
            DialectName::EnUs => Dialect::EnUs,
            DialectName::EnGb => Dialect::EnGb,
        }
    }
}

impl From<QuotesName> for QuoteStyle {
    fn from(q: QuotesName) -> Self {
        match q {
            QuotesName::Auto => QuoteStyle::Auto,
            QuotesName::Curly => QuoteStyle::Curly,
            QuotesName::Straight => QuoteStyle::Straight,
            QuotesName::Keep => QuoteStyle::Keep,
        }
    }
}

impl From<DashName> for DashStyle {
    fn from(d: DashName) -> Self {
        match d {
            DashName::EnDash => DashStyle::SpacedEnDash,
            DashName::EmDash => DashStyle::EmDash,
        }
    }
}

/// The `[words]` table.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct WordsOptions {
    /// Words never flagged.
    #[serde(default)]
    pub allow: Vec<String>,
    /// Word files (one word a line, `#` comments), relative to the config file.
    #[serde(default)]
    pub files: Vec<PathBuf>,
}

/// One `[[overrides]]` entry: settings for the paths its globs match.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct OverrideOptions {
    /// Globs of the paths this override applies to.
    pub paths: Vec<String>,
    /// Replaces `select`.
    pub select: Option<Vec<String>>,
    /// Added to `select` (or to the default rules).
    pub extend_select: Option<Vec<String>>,
    /// Added to `ignore`.
    pub ignore: Option<Vec<String>>,
    /// Replaces `fix-level`.
    pub fix_level: Option<FixLevelName>,
    /// Replaces `dialect`.
    pub dialect: Option<DialectName>,
    /// Replaces `quotes`.
    pub quotes: Option<QuotesName>,
    /// Replaces `dash`.
    pub dash: Option<DashName>,
    /// More allowed words for these paths.
    pub words: Option<WordsOptions>,
}

/// The options of one configuration file, as written.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FileOptions {
    /// Rules to run (codes, prefixes, names, `ALL`).
    pub select: Option<Vec<String>>,
    /// Rules added to the selection (or to the default rules).
    pub extend_select: Option<Vec<String>>,
    /// Rules never to run.
    pub ignore: Option<Vec<String>>,
    /// How far `fix` goes.
    pub fix_level: Option<FixLevelName>,
    /// Spelling variety.
    pub dialect: Option<DialectName>,
    /// Quote style.
    pub quotes: Option<QuotesName>,
    /// Dash style.
    pub dash: Option<DashName>,
    /// Paths never checked.
    pub exclude: Option<Vec<String>>,
    /// Allowed words.
    pub words: Option<WordsOptions>,
    /// Per-path settings.
    pub overrides: Option<Vec<OverrideOptions>>,
}

/// A loaded configuration file, ready to resolve settings for paths.
#[derive(Debug)]
pub struct Config {
    /// The file it was read from.
    pub path: PathBuf,
    /// The directory globs are relative to.
    pub root: PathBuf,
    /// The options as written.
    pub options: FileOptions,
    /// Allowed words from `[words]` (inline and files).
    allow_words: Vec<String>,
    exclude: GlobSet,
    overrides: Vec<(GlobSet, OverrideOptions, Vec<String>)>,
}

impl Config {
    /// Reads and checks a configuration file (`copyedit.toml`, or
    /// `pyproject.toml` whose `[tool.copyedit]` table is used).
    /// `Ok(None)` for a `pyproject.toml` without that table.
    ///
    /// # Errors
    /// Unreadable file, invalid TOML, an unknown key or value (named with
    /// its line), an unknown rule selector, a bad glob or an unreadable word
    /// file; the error names the configuration file.
    pub fn load(path: &Path) -> Result<Option<Self>> {
        let text = fs::read_to_string(path).map_err(|e| Error::from(e).at(path))?;
        let is_pyproject = path.file_name().is_some_and(|n| n == PYPROJECT_FILE);
        let options = if is_pyproject {
            let table: toml::Table =
                toml::from_str(&text).map_err(|e| toml_error(path, &text, &e))?;
            let Some(tool) = table.get("tool").and_then(|t| t.get("copyedit")).cloned() else {
                return Ok(None);
            };
            FileOptions::deserialize(tool).map_err(|e| {
                Error::usage(format!(
                    "invalid [tool.copyedit]: {}",
                    e.message().trim_end()
                ))
                .at(path)
            })?
        } else {
            toml::from_str::<FileOptions>(&text).map_err(|e| toml_error(path, &text, &e))?
        };
        let root = path
            .parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        Self::from_options(path, root, options).map(Some)
    }

    fn from_options(path: &Path, root: PathBuf, options: FileOptions) -> Result<Self> {
        let bad = |m: String| Error::usage(m).at(path);
        let selectors = options
            .select
            .iter()
            .chain(&options.extend_select)
            .chain(&options.ignore)
            .flatten()
            .chain(
                options
                    .overrides
                    .iter()
                    .flatten()
                    .flat_map(|o| o.select.iter().chain(&o.extend_select).chain(&o.ignore))
                    .flatten(),
            );
        for sel in selectors {
            if !rules::is_known_selector(sel) {
                return Err(bad(format!(
                    "unknown rule selector `{sel}` (see `copyedit rules`)"
                )));
            }
        }
        let exclude = globs(options.exclude.as_deref().unwrap_or_default()).map_err(bad)?;
        let allow_words = words_of(&root, options.words.as_ref()).map_err(|e| e.at(path))?;
        let mut overrides = Vec::new();
        for o in options.overrides.iter().flatten() {
            if o.paths.is_empty() {
                return Err(bad("an `[[overrides]]` entry needs `paths`".to_string()));
            }
            let set = globs(&o.paths).map_err(bad)?;
            let words = words_of(&root, o.words.as_ref()).map_err(|e| e.at(path))?;
            overrides.push((set, o.clone(), words));
        }
        Ok(Self {
            path: path.to_path_buf(),
            root,
            options,
            allow_words,
            exclude,
            overrides,
        })
    }

    /// `path` relative to this configuration's directory, when it is below it.
    fn relative<'p>(&self, path: &'p Path) -> Option<&'p Path> {
        path.strip_prefix(&self.root).ok()
    }

    /// Whether `path` (absolute and normalised, as the root is) matches an
    /// `exclude` glob.
    #[must_use]
    pub fn is_excluded(&self, path: &Path) -> bool {
        self.relative(path)
            .is_some_and(|rel| matches_path(&self.exclude, rel))
    }

    /// Indices of the overrides that apply to `path`.
    #[must_use]
    pub fn overrides_for(&self, path: &Path) -> Vec<usize> {
        let Some(rel) = self.relative(path) else {
            return Vec::new();
        };
        self.overrides
            .iter()
            .enumerate()
            .filter(|(_, (set, _, _))| matches_path(set, rel))
            .map(|(i, _)| i)
            .collect()
    }

    /// Layers this file's options, then the given overrides, onto `settings`.
    pub fn apply(&self, settings: &mut Settings, overrides: &[usize]) {
        let o = &self.options;
        apply_layer(
            settings,
            &Layer {
                select: o.select.as_ref(),
                extend_select: o.extend_select.as_ref(),
                ignore: o.ignore.as_ref(),
                fix_level: o.fix_level,
                dialect: o.dialect,
                quotes: o.quotes,
                dash: o.dash,
            },
        );
        settings
            .allow_words
            .extend(self.allow_words.iter().cloned());
        for &i in overrides {
            let (_, o, words) = &self.overrides[i];
            apply_layer(
                settings,
                &Layer {
                    select: o.select.as_ref(),
                    extend_select: o.extend_select.as_ref(),
                    ignore: o.ignore.as_ref(),
                    fix_level: o.fix_level,
                    dialect: o.dialect,
                    quotes: o.quotes,
                    dash: o.dash,
                },
            );
            settings.allow_words.extend(words.iter().cloned());
        }
    }
}

struct Layer<'a> {
    select: Option<&'a Vec<String>>,
    extend_select: Option<&'a Vec<String>>,
    ignore: Option<&'a Vec<String>>,
    fix_level: Option<FixLevelName>,
    dialect: Option<DialectName>,
    quotes: Option<QuotesName>,
    dash: Option<DashName>,
}

fn apply_layer(s: &mut Settings, l: &Layer<'_>) {
    if let Some(sel) = l.select {
        s.select.clone_from(sel);
    }
    if let Some(ext) = l.extend_select {
        if s.select.is_empty() {
            // Extending the defaults: spell the defaults out first.
            s.select = rules::REGISTRY
                .iter()
                .filter(|r| r.meta().default_enabled)
                .map(|r| r.meta().code.to_string())
                .collect();
        }
        s.select.extend(ext.iter().cloned());
    }
    if let Some(ign) = l.ignore {
        s.ignore.extend(ign.iter().cloned());
    }
    if let Some(f) = l.fix_level {
        s.fix_level = match f {
            FixLevelName::Safe => Applicability::Safe,
            FixLevelName::Unsafe => Applicability::Unsafe,
        };
    }
    if let Some(d) = l.dialect {
        s.dialect = d.into();
    }
    if let Some(q) = l.quotes {
        s.quotes = q.into();
    }
    if let Some(d) = l.dash {
        s.dash = d.into();
    }
}

/// A TOML error as `path:line:col: message`.
fn toml_error(path: &Path, text: &str, e: &toml::de::Error) -> Error {
    let msg = e.message().trim_end().replace('\n', " ");
    match e.span() {
        Some(span) => {
            let before = &text[..span.start.min(text.len())];
            let line = before.matches('\n').count() + 1;
            let col = before
                .rfind('\n')
                .map_or(before, |i| &before[i + 1..])
                .chars()
                .count()
                + 1;
            let key = &text[span.clone()];
            let key = if key.contains('\n') || key.len() > 60 {
                String::new()
            } else {
                format!(" (at `{}`)", key.trim())
            };
            Error::usage(format!("line {line} column {col}: {msg}{key}")).at(path)
        }
        None => Error::usage(msg).at(path),
    }
}

fn globs(patterns: &[String]) -> std::result::Result<GlobSet, String> {
    let mut b = GlobSetBuilder::new();
    for p in patterns {
        let trimmed = p.trim_start_matches("./").trim_end_matches('/');
        let anchored = trimmed.contains('/');
        let pat = trimmed.trim_start_matches('/');
        let pat = if anchored {
            pat.to_string()
        } else {
            // A bare name matches any component: `**/name`.
            format!("**/{pat}")
        };
        let glob = GlobBuilder::new(&pat)
            .literal_separator(true)
            .build()
            .map_err(|e| format!("invalid glob `{p}`: {}", e.kind()))?;
        b.add(glob);
    }
    b.build().map_err(|e| format!("invalid globs: {e}"))
}

/// Whether `rel` or one of its ancestor directories matches the set.
fn matches_path(set: &GlobSet, rel: &Path) -> bool {
    if set.is_empty() {
        return false;
    }
    let mut prefix = PathBuf::new();
    for c in rel.components() {
        if let Component::Normal(part) = c {
            prefix.push(part);
            if set.is_match(&prefix) {
                return true;
            }
        }
    }
    false
}

fn words_of(root: &Path, words: Option<&WordsOptions>) -> Result<Vec<String>> {
    let Some(w) = words else {
        return Ok(Vec::new());
    };
    let mut out = w.allow.clone();
    for file in &w.files {
        let path = root.join(file);
        let text = fs::read_to_string(&path).map_err(|e| {
            Error::usage(format!(
                "cannot read word file `{}`: {}",
                file.display(),
                Error::from(e).reason()
            ))
        })?;
        out.extend(
            text.lines()
                .map(|l| l.split('#').next().unwrap_or("").trim())
                .filter(|l| !l.is_empty())
                .map(str::to_string),
        );
    }
    Ok(out)
}

/// Settings given on the command line, which win over configuration files.
#[derive(Clone, Debug, Default)]
pub struct CliSettings {
    /// `--select`, replacing the configuration's selection when non-empty.
    pub select: Vec<String>,
    /// `--ignore`, added to the configuration's.
    pub ignore: Vec<String>,
    /// `--unsafe-fixes`.
    pub unsafe_fixes: bool,
    /// `--dialect`.
    pub dialect: Option<Dialect>,
    /// `--quotes`.
    pub quotes: Option<QuoteStyle>,
    /// `--dash`.
    pub dash: Option<DashStyle>,
    /// `--allow-word`.
    pub allow_words: Vec<String>,
}

impl CliSettings {
    fn apply(&self, s: &mut Settings) {
        if !self.select.is_empty() {
            s.select.clone_from(&self.select);
        }
        s.ignore.extend(self.ignore.iter().cloned());
        if self.unsafe_fixes {
            s.fix_level = Applicability::Unsafe;
        }
        if let Some(d) = self.dialect {
            s.dialect = d;
        }
        if let Some(q) = self.quotes {
            s.quotes = q;
        }
        if let Some(d) = self.dash {
            s.dash = d;
        }
        s.allow_words.extend(self.allow_words.iter().cloned());
    }
}

/// Where configuration comes from.
#[derive(Clone, Debug)]
pub enum ConfigSource {
    /// Discover `copyedit.toml` / `pyproject.toml` by walking up from each file.
    Discover,
    /// Use this file for every input.
    File(PathBuf),
    /// Use no configuration file.
    None,
}

/// What applies to one path: whether it is excluded, and its settings.
#[derive(Clone, Debug)]
pub struct Resolved {
    /// The configuration file used, if any.
    pub config: Option<Arc<Config>>,
    /// The overrides of that file that apply.
    pub overrides: Vec<usize>,
    /// Whether `exclude` matches the path.
    pub excluded: bool,
}

impl Resolved {
    /// The effective settings: defaults, configuration, overrides, command line.
    #[must_use]
    pub fn settings(&self, cli: &CliSettings) -> Settings {
        let mut s = Settings::default();
        if let Some(c) = &self.config {
            c.apply(&mut s, &self.overrides);
        }
        cli.apply(&mut s);
        s
    }
}

/// Finds and caches configuration files per directory; shared by workers.
#[derive(Debug)]
pub struct Resolver {
    source: ConfigSource,
    cwd: PathBuf,
    explicit: Option<Arc<Config>>,
    by_dir: Mutex<HashMap<PathBuf, Option<Arc<Config>>>>,
}

impl Resolver {
    /// A resolver for `source`.
    ///
    /// # Errors
    /// An explicit configuration file that cannot be loaded.
    pub fn new(source: ConfigSource) -> Result<Self> {
        let cwd = std::env::current_dir().map_err(Error::from)?;
        let explicit = match &source {
            ConfigSource::File(p) => {
                let abs = normalize(&cwd.join(p));
                match Config::load(&abs).map_err(|e| e.at(p))? {
                    Some(c) => Some(Arc::new(c)),
                    None => return Err(Error::usage("no [tool.copyedit] table in this file").at(p)),
                }
            }
            _ => None,
        };
        Ok(Self {
            source,
            cwd,
            explicit,
            by_dir: Mutex::new(HashMap::new()),
        })
    }

    /// What applies to `path` (a file; `None` for stdin, which uses the
    /// configuration found from the working directory).
    ///
    /// # Errors
    /// A configuration file on the way up that cannot be loaded.
    pub fn resolve(&self, path: Option<&Path>) -> Result<Resolved> {
        let abs = path.map(|p| normalize(&self.cwd.join(p)));
        let config = match &self.source {
            ConfigSource::None => None,
            ConfigSource::File(_) => self.explicit.clone(),
            ConfigSource::Discover => {
                let dir = abs
                    .as_ref()
                    .and_then(|a| a.parent().map(Path::to_path_buf))
                    .unwrap_or_else(|| self.cwd.clone());
                self.discover(&dir)?
            }
        };
        let (excluded, overrides) = match (&config, &abs) {
            (Some(c), Some(a)) => (c.is_excluded(a), c.overrides_for(a)),
            _ => (false, Vec::new()),
        };
        Ok(Resolved {
            config,
            overrides,
            excluded,
        })
    }

    fn discover(&self, dir: &Path) -> Result<Option<Arc<Config>>> {
        if let Some(hit) = self.lock().get(dir) {
            return Ok(hit.clone());
        }
        let mut found = None;
        for name in [CONFIG_FILE, PYPROJECT_FILE] {
            let candidate = dir.join(name);
            if candidate.is_file() {
                if let Some(c) = Config::load(&candidate)? {
                    found = Some(Arc::new(c));
                    break;
                }
            }
        }
        let found = match found {
            Some(c) => Some(c),
            None => match dir.parent() {
                Some(parent) => self.discover(parent)?,
                None => None,
            },
        };
        self.lock().insert(dir.to_path_buf(), found.clone());
        Ok(found)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<PathBuf, Option<Arc<Config>>>> {
        // A panic while holding the lock leaves a valid map; keep using it.
        self.by_dir
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// Removes `.` and resolves `..` lexically, without touching the disk.
pub(crate) fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
        let p = dir.join(name);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(&p, text).unwrap();
        p
    }

    #[test]
    fn unknown_key_names_the_key_and_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(
            dir.path(),
            CONFIG_FILE,
            "select = [\"T\"]\nslect = [\"Q\"]\n",
        );
        let e = Config::load(&p).unwrap_err().to_string();
        assert!(e.contains("copyedit.toml"), "{e}");
        assert!(e.contains("slect"), "{e}");
        assert!(e.contains("line 2"), "{e}");
        let p = write(
            dir.path(),
            PYPROJECT_FILE,
            "[tool.copyedit.words]\nallowed = []\n",
        );
        let e = Config::load(&p).unwrap_err().to_string();
        assert!(e.contains("pyproject.toml") && e.contains("allowed"), "{e}");
    }

    #[test]
    fn pyproject_without_table_is_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(
            dir.path(),
            PYPROJECT_FILE,
            "[tool.black]\nline-length = 80\n",
        );
        assert!(Config::load(&p).unwrap().is_none());
    }

    #[test]
    fn globs_match_components_and_anchored_paths() {
        let set = globs(&["drafts".into(), "docs/*.md".into(), "vendor/".into()]).unwrap();
        assert!(matches_path(&set, Path::new("a/drafts/x.md")));
        assert!(matches_path(&set, Path::new("docs/a.md")));
        assert!(!matches_path(&set, Path::new("docs/sub/a.md")));
        assert!(matches_path(&set, Path::new("vendor/lib/a.md")));
        assert!(!matches_path(&set, Path::new("src/vendor.md")));
    }

    #[test]
    fn layers_apply_in_order() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "words.txt",
            "# project words\nfrobnitz\n\nquux # a comment\n",
        );
        let p = write(
            dir.path(),
            CONFIG_FILE,
            "ignore = [\"T001\"]\ndialect = \"en-gb\"\nfix-level = \"unsafe\"\n[words]\nallow = [\"zorblax\"]\nfiles = [\"words.txt\"]\n[[overrides]]\npaths = [\"legal/**\"]\ndialect = \"en-us\"\n",
        )
        ;
        let c = Config::load(&p).unwrap().unwrap();
        let legal = dir.path().join("legal/a.md");
        let ov = c.overrides_for(&legal);
        assert_eq!(ov, vec![0]);
        let mut s = Settings::default();
        c.apply(&mut s, &ov);
        assert_eq!(s.dialect, Dialect::EnUs);
        assert_eq!(s.fix_level, Applicability::Unsafe);
        assert_eq!(s.allow_words, ["zorblax", "frobnitz", "quux"]);
        let cli = CliSettings {
            dialect: Some(Dialect::EnGb),
            ..CliSettings::default()
        };
        cli.apply(&mut s);
        assert_eq!(s.dialect, Dialect::EnGb);
    }

    #[test]
    fn discovery_walks_up_and_caches() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), CONFIG_FILE, "exclude = [\"skip.md\"]\n");
        write(
            dir.path(),
            "a/b/pyproject.toml",
            "[project]\nname = \"x\"\n",
        );
        let r = Resolver::new(ConfigSource::Discover).unwrap();
        let found = r.resolve(Some(&dir.path().join("a/b/c.md"))).unwrap();
        assert_eq!(
            found.config.as_ref().unwrap().path,
            dir.path().join(CONFIG_FILE)
        );
        assert!(!found.excluded);
        assert!(
            r.resolve(Some(&dir.path().join("a/skip.md")))
                .unwrap()
                .excluded
        );
    }
}
