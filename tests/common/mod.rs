//! Helpers shared by the integration tests: run the built binary, normalise
//! temporary paths. Snapshot assertions stay in each test file (insta
//! resolves snapshot paths relative to the file that invokes the macro).

#![allow(dead_code)]

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

/// What a run of the binary produced.
pub struct Run {
    /// Exit code.
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

impl Run {
    /// Exit code, stdout and stderr in one block, for snapshots.
    pub fn transcript(&self) -> String {
        format!(
            "exit: {}\n--- stdout\n{}--- stderr\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

/// Runs `copyedit ARGS` in `dir` with `stdin` as input.
pub fn run_in(dir: &Path, args: &[&str], stdin: &[u8]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_copyedit"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env("RAYON_NUM_THREADS", "2")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the copyedit binary starts");
    {
        let mut input = child.stdin.take().expect("stdin is piped");
        // The binary may exit before reading stdin; a broken pipe is fine here.
        let _ = input.write_all(stdin);
    }
    let out = child.wait_with_output().expect("the copyedit binary ends");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

/// Runs `copyedit ARGS` from the repository root.
pub fn run(args: &[&str], stdin: &[u8]) -> Run {
    run_in(Path::new(env!("CARGO_MANIFEST_DIR")), args, stdin)
}

/// The repository root.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}
