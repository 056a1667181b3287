//! One engine per distinct configuration: files under different
//! `copyedit.toml`s (or matched by different `[[overrides]]`) need different
//! settings, and building an engine per file would waste the work, so
//! engines are cached by (configuration file, overrides that apply).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::config::LeadingBom;
use crate::config_file::{CliSettings, ConfigSource, Resolver};
use crate::engine::Engine;
use crate::error::Result;
use crate::source::Origin;

type Key = (Option<PathBuf>, Vec<usize>, LeadingBom);

/// Engines for the inputs of one run, shared by the workers.
#[derive(Debug)]
pub struct Engines {
    resolver: Resolver,
    cli: CliSettings,
    cache: Mutex<HashMap<Key, Arc<Engine>>>,
}

impl Engines {
    /// Engines layering `cli` over the configuration from `source`.
    ///
    /// # Errors
    /// An explicit configuration file that cannot be loaded, or command-line
    /// settings that are invalid on their own.
    pub fn new(source: ConfigSource, cli: CliSettings) -> Result<Self> {
        let resolver = Resolver::new(source)?;
        let engines = Self {
            resolver,
            cli,
            cache: Mutex::new(HashMap::new()),
        };
        // Fail early on a bad --select, before any input is read.
        engines.for_path(None)?;
        Ok(engines)
    }

    /// The engine for a file (`None`: stdin), or `None` when the file is
    /// excluded by its configuration.
    ///
    /// # Errors
    /// A configuration file that cannot be loaded, or settings whose rule
    /// selection is invalid.
    pub fn for_path(&self, path: Option<&Path>) -> Result<Option<Arc<Engine>>> {
        self.for_input(path, LeadingBom::Signature)
    }

    /// [`Engines::for_path`] for an input whose leading byte order mark is
    /// `leading_bom` (a file's signature, or a stray character of a stream).
    fn for_input(
        &self,
        path: Option<&Path>,
        leading_bom: LeadingBom,
    ) -> Result<Option<Arc<Engine>>> {
        let resolved = self.resolver.resolve(path)?;
        if resolved.excluded {
            return Ok(None);
        }
        let key = (
            resolved.config.as_ref().map(|c| c.path.clone()),
            resolved.overrides.clone(),
            leading_bom,
        );
        if let Some(e) = self.lock().get(&key) {
            return Ok(Some(Arc::clone(e)));
        }
        let mut settings = resolved.settings(&self.cli);
        settings.leading_bom = leading_bom;
        let engine = Arc::new(Engine::new(settings).map_err(|e| match &resolved.config {
            Some(c) => e.at(&c.path),
            None => e,
        })?);
        self.lock().insert(key, Arc::clone(&engine));
        Ok(Some(engine))
    }

    /// The engine for an input's origin.
    ///
    /// # Errors
    /// As [`Engines::for_path`].
    pub fn for_origin(&self, origin: &Origin) -> Result<Option<Arc<Engine>>> {
        match origin {
            Origin::File(p) => self.for_path(Some(p)),
            Origin::Record { path, .. } if path.as_os_str() != "-" => {
                self.for_input(Some(path), LeadingBom::Field)
            }
            Origin::Record { .. } => self.for_input(None, LeadingBom::Field),
            Origin::Stdin => self.for_input(None, LeadingBom::Stream),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Key, Arc<Engine>>> {
        self.cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}
