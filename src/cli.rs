//! The command line: arguments, and the commands that run without a window.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::case::{Case, Strictness};
use crate::cli_safety::{
    EXIT_CASE_FILE, EXIT_PROCEDURE, report, report_notices, write_output, write_stdout,
};
use crate::i18n::{I18n, Lang};
use crate::procedure::Procedure;
use crate::summary;

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
    /// The case file (.ron) to summarize.
    pub case: PathBuf,
    /// Output format: the Markdown summary or the case file itself.
    #[arg(long, value_enum, default_value_t = Format::Md)]
    pub format: Format,
    /// Write to this file (atomically) instead of standard output. A symbolic link is
    /// followed (the file it points to is replaced, the link stays); a device or a pipe
    /// is written as a stream; the case file itself is refused.
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
  2  the case file could not be read, parsed or validated
  3  the program's built-in procedure does not load (a broken build)";

/// Runs `summary`: reads and checks the case file, then prints its summary (or the
/// checked case file with `--format ron`) or writes it atomically to `--output`.
/// Messages go to standard error in `lang`, one line each, naming the file.
/// Exit status: 0 on success, 2 when the case file cannot be read, parsed or
/// validated, 1 when the output cannot be written, 3 when the built-in procedure does
/// not load.
pub fn summary_command(args: &SummaryArgs, lang: Lang) -> ExitCode {
    ExitCode::from(summary_with(args, lang, Procedure::builtin()))
}

/// [`summary_command`] with the procedure given; returns the exit status.
fn summary_with<E: std::fmt::Display>(
    args: &SummaryArgs,
    lang: Lang,
    procedure: Result<Procedure, E>,
) -> u8 {
    let i18n = I18n::new(lang);
    let procedure = match procedure {
        Ok(p) => p,
        Err(e) => {
            let reason = e.to_string();
            report(
                None,
                &i18n.trv("cli.procedure_error", &[("reason", &reason)]),
            );
            return EXIT_PROCEDURE;
        }
    };
    let loaded = match Case::from_path(&args.case, &procedure, Strictness::Strict) {
        Ok(loaded) => loaded,
        Err(e) => {
            report(Some(&args.case), &e.message(&i18n));
            return EXIT_CASE_FILE;
        }
    };
    report_notices(&args.case, &loaded.notices, |n| n.message(&i18n), &i18n);

    let mut text = match args.format {
        Format::Md => summary::render(&procedure, &loaded.case, lang, jiff::Timestamp::now()),
        Format::Ron => loaded.case.for_export(&procedure).to_ron(),
    };
    if !text.ends_with('\n') {
        text.push('\n');
    }

    match &args.output {
        Some(path) => write_output(path, &args.case, &text, &i18n),
        None => write_stdout(&text, &i18n),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli_safety::EXIT_OUTPUT;

    #[test]
    fn a_procedure_that_does_not_load_exits_3() {
        let args = SummaryArgs {
            case: PathBuf::from("case.ron"),
            format: Format::Md,
            output: None,
        };
        let status = summary_with(&args, Lang::En, Err::<Procedure, _>("broken build"));
        assert_eq!(status, EXIT_PROCEDURE);
        assert_ne!(EXIT_PROCEDURE, EXIT_OUTPUT);
        assert_ne!(EXIT_PROCEDURE, EXIT_CASE_FILE);
        // `summary --help` lists the code in the built-in text and in both languages.
        let listed = format!("\n  {EXIT_PROCEDURE}  ");
        assert!(SUMMARY_AFTER_HELP.contains(&listed));
        for lang in [Lang::En, Lang::Fr] {
            let help = I18n::new(lang).tr("cli.help.summary_after");
            assert!(help.contains(&listed), "{lang:?} help lacks code 3: {help}");
        }
    }
}
