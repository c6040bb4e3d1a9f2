//! The binary, run as a user runs it: a known environment (English, no proxy, no
//! Dashboard key), what it printed and its exit status.

use std::process::{Command, Stdio};

/// What a run gave.
#[derive(Debug)]
pub struct Run {
    /// The exit status (`None` when killed by a signal).
    pub code: Option<i32>,
    /// Standard output, as UTF-8.
    pub stdout: String,
    /// Standard error, as UTF-8.
    pub stderr: String,
}

/// The variables of the proxies, which the tests' environment must not leak in.
pub const PROXY_VARS: [&str; 8] = [
    "ALL_PROXY",
    "all_proxy",
    "HTTPS_PROXY",
    "https_proxy",
    "HTTP_PROXY",
    "http_proxy",
    "NO_PROXY",
    "no_proxy",
];

/// The binary with a known environment: English unless `--lang` or `LANG` says
/// otherwise, no proxy, no Dashboard key, nothing on standard input.
pub fn command() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_cssm-assistant"));
    c.env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C")
        .env_remove("MERAKI_DASHBOARD_API_KEY")
        .stdin(Stdio::null());
    for v in PROXY_VARS {
        c.env_remove(v);
    }
    c
}

/// Runs `c` to its end.
pub fn finish(c: &mut Command) -> Run {
    let out = c.output().expect("the binary runs");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8(out.stdout).expect("UTF-8 output"),
        stderr: String::from_utf8(out.stderr).expect("UTF-8 messages"),
    }
}
