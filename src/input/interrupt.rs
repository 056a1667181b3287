//! Ctrl-C during `fix`: stop cleanly instead of dying mid-write.
//!
//! [`install`] catches SIGINT and SIGTERM (Unix). The first signal only sets
//! a flag: no new file is started, a write in progress either completes
//! (the rename is atomic) or is abandoned before the rename with its
//! temporary file removed, and the run ends with a message and exit code
//! 130. A second signal ends the process at once (`_exit`): every file is
//! still either its old or its fixed text, since writes go through a
//! temporary file and a rename, though a temporary `.copyedit-*.tmp` file
//! may then be left beside one of them.

use std::sync::atomic::{AtomicBool, Ordering};

static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Whether an interrupt was received since [`install`].
#[must_use]
pub fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
}

/// Behaves as if an interrupt had arrived (for tests and embedders that
/// want to stop a run).
pub fn request_stop() {
    INTERRUPTED.store(true, Ordering::SeqCst);
}

/// Catches SIGINT and SIGTERM for the rest of the process. Does nothing on
/// platforms without Unix signals.
pub fn install() {
    #[cfg(unix)]
    unix::install();
}

#[cfg(unix)]
mod unix {
    use super::{Ordering, INTERRUPTED};

    extern "C" fn on_signal(_: libc::c_int) {
        // Only async-signal-safe work here: an atomic swap and `_exit`.
        if INTERRUPTED.swap(true, Ordering::SeqCst) {
            // SAFETY: `_exit` is async-signal-safe and takes no pointers.
            unsafe { libc::_exit(130) };
        }
    }

    pub(super) fn install() {
        let handler = on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t;
        for sig in [libc::SIGINT, libc::SIGTERM] {
            // SAFETY: `sigaction` is given a zeroed, then filled, struct that
            // lives for the call; the handler only touches an atomic.
            unsafe {
                let mut action: libc::sigaction = std::mem::zeroed();
                action.sa_sigaction = handler;
                action.sa_flags = libc::SA_RESTART;
                libc::sigemptyset(&raw mut action.sa_mask);
                libc::sigaction(sig, &raw const action, std::ptr::null_mut());
            }
        }
    }
}
