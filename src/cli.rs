//! The command line: arguments, and the commands that run without a window.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::case::{Case, Strictness};
use crate::i18n::{I18n, Lang};
use crate::procedure::Procedure;
use crate::{storage, summary};

/// Guided assistant for a Cisco Networking Subscription whose consumption does not
/// show in CSSM (Cisco Smart Software Manager).
#[derive(Debug, Parser)]
#[command(
    name = "cssm-assistant",
    version,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// A case file (.ron) to open in the window.
    pub case: Option<PathBuf>,
    /// Language of the window, the messages and the summary (default: from the system
    /// locale).
    #[arg(long, value_enum, global = true)]
    pub lang: Option<LangArg>,
    /// Theme of the window (default: the one last chosen in the window, else the
    /// system's).
    #[arg(long, value_enum)]
    pub theme: Option<ThemeArg>,
    /// A command to run without opening a window.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The commands that run without a window.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print a case's summary, or write it to a file.
    Summary(SummaryArgs),
    /// Check the organization and subscription in the Meraki Dashboard (read-only).
    Check(crate::check_command::CheckArgs),
}

/// Arguments of `summary`.
#[derive(Debug, clap::Args)]
#[command(after_help = SUMMARY_AFTER_HELP)]
pub struct SummaryArgs {
    /// The case file (.ron) to summarise.
    pub case: PathBuf,
    /// Output format: the Markdown summary or the case file itself.
    #[arg(long, value_enum, default_value_t = Format::Md)]
    pub format: Format,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short = 'o', long = "output")]
    pub output: Option<PathBuf>,
}

/// A language given on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// English.
    En,
    /// French.
    Fr,
}

impl From<LangArg> for Lang {
    fn from(value: LangArg) -> Lang {
        match value {
            LangArg::En => Lang::En,
            LangArg::Fr => Lang::Fr,
        }
    }
}

/// A theme given on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ThemeArg {
    /// Follow the system's light or dark setting.
    System,
    /// Light.
    Light,
    /// Dark.
    Dark,
}

/// An output format of `summary`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// The Markdown summary.
    Md,
    /// The checked case file (RON), as the window exports it.
    Ron,
}

impl Cli {
    /// The language to use: `--lang`, else the system locale.
    pub fn language(&self) -> Lang {
        self.lang.map(Lang::from).unwrap_or_else(Lang::from_env)
    }
}

/// The end of `summary --help`: examples and exit status.
const SUMMARY_AFTER_HELP: &str = "\
Examples:
  cssm-assistant summary case.ron                  print the summary (Markdown)
  cssm-assistant summary case.ron --lang fr -o case.md
  cssm-assistant summary case.ron --format ron     print the checked case file

Exit status:
  0  the summary or case file was printed or written
  1  the output could not be written (nothing is left half-written)
  2  the case file could not be read, parsed or validated";

/// The name the program gives itself in messages.
const PROGRAM: &str = "cssm-assistant";

/// Exit status when the output cannot be written.
const EXIT_OUTPUT: u8 = 1;

/// Exit status when the case file cannot be read, parsed or validated.
const EXIT_CASE_FILE: u8 = 2;

/// Runs `summary`: reads and checks the case file, then prints its summary (or the
/// checked case file with `--format ron`) or writes it atomically to `--output`.
/// Messages go to standard error in `lang`, one line each, naming the file.
/// Exit status: 0 on success, 2 when the case file cannot be read, parsed or
/// validated, 1 when the output cannot be written.
pub fn summary_command(args: &SummaryArgs, lang: Lang) -> ExitCode {
    let i18n = I18n::new(lang);
    let procedure = match Procedure::builtin() {
        Ok(p) => p,
        Err(e) => {
            let reason = e.to_string();
            report(
                None,
                &i18n.trv("cli.procedure_error", &[("reason", &reason)]),
            );
            return ExitCode::from(EXIT_OUTPUT);
        }
    };
    let loaded = match Case::from_path(&args.case, &procedure, Strictness::Strict) {
        Ok(loaded) => loaded,
        Err(e) => {
            report(Some(&args.case), &e.message(&i18n));
            return ExitCode::from(EXIT_CASE_FILE);
        }
    };
    for notice in &loaded.notices {
        let message = notice.message(&i18n);
        report(
            Some(&args.case),
            &i18n.trv("cli.note", &[("message", &message)]),
        );
    }

    let mut text = match args.format {
        Format::Md => summary::render(&procedure, &loaded.case, lang, jiff::Timestamp::now()),
        Format::Ron => loaded.case.for_export(&procedure).to_ron(),
    };
    if !text.ends_with('\n') {
        text.push('\n');
    }

    match &args.output {
        Some(path) => match storage::write_atomic(path, text.as_bytes()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                report(Some(path), &e.reason(&i18n));
                ExitCode::from(EXIT_OUTPUT)
            }
        },
        None => {
            let mut stdout = std::io::stdout().lock();
            match stdout
                .write_all(text.as_bytes())
                .and_then(|()| stdout.flush())
            {
                Ok(()) => ExitCode::SUCCESS,
                // The reader went away (`| head`): it has what it wanted.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                Err(e) => {
                    let reason = crate::os_error::OsProblem::from_io(&e).text(&i18n);
                    report(None, &i18n.trv("cli.stdout_error", &[("reason", &reason)]));
                    ExitCode::from(EXIT_OUTPUT)
                }
            }
        }
    }
}

/// Prints one message line on standard error: `cssm-assistant: <file>: <message>`.
/// A standard error that cannot be written to is ignored (the exit status still
/// tells), where `eprintln!` would panic.
fn report(file: Option<&Path>, message: &str) {
    let message = one_line(message);
    let line = match file {
        Some(file) => format!("{PROGRAM}: {}: {message}\n", file.display()),
        None => format!("{PROGRAM}: {message}\n"),
    };
    let _ = std::io::stderr().lock().write_all(line.as_bytes());
}

/// The message on one line, whatever the parser or the system put in it. French
/// typography's non-breaking spaces stay as they are.
fn one_line(message: &str) -> String {
    message
        .split(|c: char| c.is_whitespace() && c != '\u{A0}')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}
