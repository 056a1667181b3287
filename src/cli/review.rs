//! `copyedit review`: interactive review of proposed fixes.

use crate::cli::run::ExitStatus;
use crate::cli::ReviewArgs;

/// Runs `review`.
#[must_use]
pub fn run(_args: &ReviewArgs) -> ExitStatus {
    ExitStatus::Error
}
