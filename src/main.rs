//! The `cssm-assistant` binary: parses the command line, then opens the window or runs
//! a command without one.

// No console window beside the assistant when started from Explorer; commands attach
// to the terminal they were started from (src/windows_console.rs says why).
#![cfg_attr(windows, windows_subsystem = "windows")]

use std::process::ExitCode;

use cssm_assistant::cli::Command;
use cssm_assistant::cli::args::ThemeArg;
use cssm_assistant::ui::theme::ThemeChoice;

fn main() -> ExitCode {
    cssm_assistant::platform::windows_console::attach_to_parent_console();
    // Help, version and usage mistakes in the user's language (see `cli_i18n`).
    let cli = match cssm_assistant::cli::localized::parse() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    let lang = cli.language();
    match cli.command {
        Some(Command::Summary(args)) => cssm_assistant::cli::summary::summary_command(&args, lang),
        Some(Command::Check(args)) => cssm_assistant::cli::check::check_command(&args, lang),
        None => cssm_assistant::app::run(
            cssm_assistant::app::Start {
                lang,
                lang_given: cli.lang.is_some(),
                theme: cli.theme.map(theme_choice),
            },
            cli.case,
        ),
    }
}

/// The window's theme for the one given on the command line.
fn theme_choice(arg: ThemeArg) -> ThemeChoice {
    match arg {
        ThemeArg::System => ThemeChoice::System,
        ThemeArg::Light => ThemeChoice::Light,
        ThemeArg::Dark => ThemeChoice::Dark,
    }
}
