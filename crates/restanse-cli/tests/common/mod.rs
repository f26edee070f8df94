//! What the CLI's integration tests share: running the `restanse` binary, and a scratch folder per test binary.
#![allow(dead_code)] // each test binary uses some of these

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

/// Runs the binary with `args`, writing `stdin` to it when given (else it reads an empty input). A process that
/// exits before it has read all of its input (a refused argument) is not a failure here: its output says why.
pub fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    spawn(
        Command::new(env!("CARGO_BIN_EXE_restanse")).args(args),
        stdin,
    )
}

/// [`run`] from the workspace root, where the shared test data (`tests/data/`) is.
pub fn run_at_root(args: &[&str]) -> Output {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    spawn(
        Command::new(env!("CARGO_BIN_EXE_restanse"))
            .current_dir(root)
            .args(args),
        None,
    )
}

fn spawn(command: &mut Command, stdin: Option<&[u8]>) -> Output {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run restanse");
    if let (Some(input), Some(mut pipe)) = (stdin, child.stdin.take()) {
        let _ = pipe.write_all(input);
    }
    drop(child.stdin.take());
    child.wait_with_output().expect("wait for restanse")
}

/// A path named `name` in this test binary's own scratch folder (made if need be).
pub fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "restanse-{}-{}",
        env!("CARGO_CRATE_NAME"),
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).expect("make the scratch folder");
    dir.join(name)
}
