//! What the command line accepts: the options, the commands and their arguments
//! (parsed with clap; `localized` puts its texts in the user's language). Nothing
//! outside `cli` knows the parser; `main.rs` reads the parsed [`Cli`].

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::evidence::Region;
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
    /// Print a case file's summary, or write it to a file.
    Summary(SummaryArgs),
    /// Check the organization and subscription in the Meraki Dashboard (read-only).
    Check(CheckArgs),
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
    /// The summary as a tagged PDF (PDF/UA-1), to attach; needs `-o` or a pipe.
    #[cfg(feature = "pdf")]
    Pdf,
}

impl Cli {
    /// The language to use: `--lang`, else the system locale.
    pub fn language(&self) -> Lang {
        self.lang.map(Lang::from).unwrap_or_else(Lang::from_env)
    }
}

/// Arguments of `check`.
#[derive(Debug, clap::Args)]
#[command(after_help = CHECK_AFTER_HELP)]
pub struct CheckArgs {
    /// The case file (.ron) whose IDs, answers and fields to check against.
    pub case: Option<PathBuf>,
    /// The Meraki organization ID (default: the case's `meraki_org_id`). Without one,
    /// the organizations the key can read are listed.
    #[arg(long = "org", value_name = "ID")]
    pub org: Option<String>,
    /// The subscription ID (default: the case's `subscription_id`). Without one, the
    /// organization's subscriptions are listed.
    #[arg(long = "subscription", value_name = "ID")]
    pub subscription: Option<String>,
    /// The Dashboard region.
    #[arg(long, value_enum, conflicts_with = "base_url")]
    pub region: Option<RegionArg>,
    /// Another API base URL (HTTPS; plain HTTP only to this machine).
    #[arg(long = "base-url", value_name = "URL")]
    pub base_url: Option<String>,
    /// Accept the proposals (source `dashboard_api`) and store the IDs given as flags
    /// in the case; needs `-o`.
    #[arg(long, requires = "output")]
    pub accept: bool,
    /// Write the case file (version 2) with the evidence added to this file.
    #[arg(short = 'o', long = "output", value_name = "OUT.ron")]
    pub output: Option<PathBuf>,
    /// Format of the lists printed when `--org` or `--subscription` is missing.
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
}

/// How `check` prints the organizations or subscriptions it lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// One line each, in the user's language.
    Text,
    /// Tab-separated values with an untranslated header line, for scripts.
    Tsv,
}

/// A region given on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RegionArg {
    /// api.meraki.com (default)
    Com,
    /// api.meraki.ca
    Ca,
    /// api.meraki.cn
    Cn,
    /// api.meraki.in
    In,
    /// api.gov-meraki.com
    Gov,
}

impl From<RegionArg> for Region {
    fn from(r: RegionArg) -> Region {
        match r {
            RegionArg::Com => Region::Com,
            RegionArg::Ca => Region::Ca,
            RegionArg::Cn => Region::Cn,
            RegionArg::In => Region::In,
            RegionArg::Gov => Region::Gov,
        }
    }
}

/// The end of `summary --help`: examples and exit status.
pub(crate) const SUMMARY_AFTER_HELP: &str = "\
Examples:
  cssm-assistant summary case.ron                  print the summary (Markdown)
  cssm-assistant summary case.ron --lang fr -o case.md
  cssm-assistant summary case.ron --format ron     print the checked case file

Exit status:
  0  the summary or case file was printed or written
  1  the output could not be written (nothing is left half-written)
  2  the case file could not be read, parsed or validated
  3  the program's built-in procedure does not load (a broken build)";

pub(crate) const CHECK_AFTER_HELP: &str = "\
The API key is read from the environment variable MERAKI_DASHBOARD_API_KEY only
(never a flag, never written to any file). Read-only GET calls; HTTPS_PROXY and
NO_PROXY are honoured.

Examples:
  cssm-assistant check --org 549236 --subscription Sub123456
  cssm-assistant check case.ron --region ca
  cssm-assistant check case.ron --accept -o case-checked.ron

Exit status:
  0  done
  1  the output could not be written (nothing is left half-written)
  2  bad arguments, bad case file, or no key
  3  the Dashboard refused or could not be reached (the message names the HTTP
     status or the network error, and the X-Request-Id when there is one), or the
     program's built-in procedure does not load (a broken build)";
