//! The `cssm-assistant` binary: parses the command line, then opens the window or runs
//! a command without one.

// No console window beside the assistant when started from Explorer; commands attach
// to the terminal they were started from (src/windows_console.rs says why).
#![cfg_attr(windows, windows_subsystem = "windows")]

use std::process::ExitCode;

use clap::Parser;
use cssm_assistant::cli::{Cli, Command};

fn main() -> ExitCode {
    cssm_assistant::windows_console::attach_to_parent_console();
    let cli = Cli::parse();
    let lang = cli.language();
    match cli.command {
        Some(Command::Summary(args)) => cssm_assistant::cli::summary_command(&args, lang),
        None => cssm_assistant::app::run(lang, cli.case),
    }
}
