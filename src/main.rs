//! The `cssm-assistant` binary: parses the command line, then opens the window or runs
//! a command without one.

use std::process::ExitCode;

use clap::Parser;
use cssm_assistant::cli::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = cli.language();
    match cli.command {
        Some(Command::Summary(args)) => cssm_assistant::cli::summary_command(&args, lang),
        Some(Command::Check(args)) => cssm_assistant::check_command::check_command(&args, lang),
        None => cssm_assistant::app::run(lang, cli.case),
    }
}
