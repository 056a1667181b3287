//! copyedit finds and repairs damaged English prose: typos, typography and
//! Unicode problems, and synonym-spun phrases.
//!
//! Text goes through [`text::Document`] (tokens with byte spans, markup
//! skipped), the [`Engine`] runs the enabled [`rules`] and returns
//! [`diagnostic::Finding`]s with ranked suggestions, and [`fix`] applies the
//! fixes that are safe enough until the text is stable.
//!
//! # Example
//! ```
//! use copyedit::{Engine, Settings, text::Format};
//!
//! let engine = Engine::new(Settings::default()).unwrap();
//! let report = engine.report_text("Teh cat sat wiht me.", Format::Plain);
//! assert_eq!(report.findings[0].rule.code, "T001");
//! let fixed = engine.fix("Teh cat sat wiht me.", Format::Plain).unwrap();
//! assert_eq!(fixed.text, "The cat sat with me.");
//! ```

#![warn(missing_docs)]
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod baseline;
pub mod batch;
#[allow(clippy::print_stdout, clippy::print_stderr)]
pub mod cli;
pub mod config;
pub mod config_file;
pub mod diagnostic;
pub mod dict;
pub mod dump;
pub mod engine;
pub mod error;
pub mod fix;
pub mod input;
pub mod render;
pub mod report;
pub mod rules;
pub mod source;
pub mod suppress;
pub mod text;

#[cfg(test)]
pub(crate) mod testing;

pub use config::Settings;
pub use engine::{Engine, Report};
pub use error::{Error, ErrorKind, Result};
