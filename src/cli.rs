//! The command line: arguments, and the commands that run without a window.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::i18n::Lang;

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
    /// Language of the window and messages (default: from the system locale).
    #[arg(long, value_enum, global = true)]
    pub lang: Option<LangArg>,
    /// A command to run without opening a window.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The commands that run without a window.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print a case's summary, or write it to a file.
    Summary(SummaryArgs),
}

/// Arguments of `summary`.
#[derive(Debug, clap::Args)]
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

/// An output format of `summary`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// The Markdown summary.
    Md,
    /// The case file (RON).
    Ron,
}

impl Cli {
    /// The language to use: `--lang`, else the system locale.
    pub fn language(&self) -> Lang {
        self.lang.map(Lang::from).unwrap_or_else(Lang::from_env)
    }
}

/// Runs `summary` (being written: see issue 4).
pub fn summary_command(args: &SummaryArgs, lang: Lang) -> std::process::ExitCode {
    let _ = (args, lang);
    eprintln!("cssm-assistant summary: not available yet");
    std::process::ExitCode::from(1)
}
