//! The command line in the user's language. clap has no translations, so the help
//! texts and headings are set from the catalogs at run time, and clap's errors are told
//! through the program's own messages; the exit statuses stay clap's (0 for `--help`
//! and `--version`, 2 for a usage mistake).
//!
//! The language is known before the arguments are parsed: `--lang en|fr` when given
//! (anywhere before `--`), else the system's (see [`Lang::from_env`]).

use std::ffi::OsString;
use std::io::Write;
use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, CommandFactory, FromArgMatches};

use crate::cli::Cli;
use crate::i18n::{I18n, Lang};

/// The name the program gives itself in messages.
const PROGRAM: &str = "cssm-assistant";

/// What parsing the command line gave: the arguments to run with, or what to print
/// (help, version, an error) and the exit status to end with.
#[derive(Debug)]
pub enum Parsed {
    /// Run with these arguments.
    Run(Cli),
    /// Print this on standard output (help, version) and exit with this status.
    Stdout(String, u8),
    /// Print this on standard error (a usage mistake) and exit with this status.
    Stderr(String, u8),
}

/// Parses the command line (`args` with the program's name first), in the language of
/// `--lang` or else `system`'s.
pub fn parse_in(args: Vec<OsString>, system: impl FnOnce() -> Lang) -> Parsed {
    let lang = lang_argument(&args).unwrap_or_else(system);
    let i18n = I18n::new(lang);
    let command = localized_command(&i18n);
    let error = match command.try_get_matches_from(args) {
        Ok(matches) => match Cli::from_arg_matches(&matches) {
            Ok(cli) => return Parsed::Run(cli),
            Err(e) => e,
        },
        Err(e) => e,
    };
    let code = u8::try_from(error.exit_code()).unwrap_or(2);
    match error.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            Parsed::Stdout(error.render().to_string(), code)
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            Parsed::Stderr(error.render().to_string(), code)
        }
        _ => Parsed::Stderr(error_message(&error, &i18n), code),
    }
}

/// Parses this process's command line; on help, version or a usage mistake, prints
/// it and gives the exit status to end with.
pub fn parse() -> Result<Cli, ExitCode> {
    match parse_in(std::env::args_os().collect(), Lang::from_env) {
        Parsed::Run(cli) => Ok(cli),
        Parsed::Stdout(text, code) => {
            // A closed standard output (`| head`) is not worth a panic.
            let _ = std::io::stdout().lock().write_all(text.as_bytes());
            Err(ExitCode::from(code))
        }
        Parsed::Stderr(text, code) => {
            let _ = std::io::stderr().lock().write_all(text.as_bytes());
            Err(ExitCode::from(code))
        }
    }
}

/// The language `--lang` asks for, if it names one (`--lang fr`, `--lang=fr`).
fn lang_argument(args: &[OsString]) -> Option<Lang> {
    let mut args = args.iter().skip(1).map(|a| a.to_str());
    while let Some(arg) = args.next() {
        match arg {
            Some("--") => return None,
            Some("--lang") => return args.next().flatten().and_then(lang_value),
            Some(a) => {
                if let Some(value) = a.strip_prefix("--lang=") {
                    return lang_value(value);
                }
            }
            None => {}
        }
    }
    None
}

fn lang_value(value: &str) -> Option<Lang> {
    match value {
        "en" => Some(Lang::En),
        "fr" => Some(Lang::Fr),
        _ => None,
    }
}

/// The command line's definition with every text in the language of `i18n`.
pub fn localized_command(i18n: &I18n) -> clap::Command {
    let tr = |key: &'static str| i18n.tr(key);
    let root = Cli::command()
        // The same name in usage lines whatever the file is called
        // (`cssm-assistant.exe` on Windows).
        .bin_name(PROGRAM)
        .about(tr("cli.help.about"))
        .long_about(None::<&str>)
        .subcommand_help_heading(heading(i18n, "cli.help.commands"))
        .disable_version_flag(true)
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version),
        );
    let mut root = localize(
        root,
        i18n,
        &[
            ("case", "cli.help.case"),
            ("lang", "cli.help.lang"),
            ("version", "cli.help.version"),
        ],
    )
    .mut_subcommand("summary", |summary| {
        let summary = summary
            .about(tr("cli.help.summary"))
            .long_about(None::<&str>)
            .after_help(tr("cli.help.summary_after"));
        localize(
            summary,
            i18n,
            &[
                ("case", "cli.help.summary_case"),
                (
                    "format",
                    if cfg!(feature = "pdf") {
                        "cli.help.format_pdf"
                    } else {
                        "cli.help.format"
                    },
                ),
                ("output", "cli.help.output"),
            ],
        )
    })
    .mut_subcommand("check", |check| {
        let check = check
            .about(tr("cli.help.check"))
            .long_about(None::<&str>)
            .after_help(tr("cli.help.check_after"));
        localize(
            check,
            i18n,
            &[
                ("case", "cli.help.check_case"),
                ("org", "cli.help.org"),
                ("subscription", "cli.help.subscription"),
                ("region", "cli.help.region"),
                ("base_url", "cli.help.base_url"),
                ("accept", "cli.help.accept"),
                ("output", "cli.help.check_output"),
            ],
        )
    });
    // The `help` command exists once the command is built.
    root.build();
    root.mut_subcommand("help", |help| help.about(tr("cli.help.help_command")))
}

/// What every command gets: the usage heading, the help flag, the help texts `helps`
/// (argument id, catalog key) and the headings of its arguments and options, in the
/// language of `i18n`. The values of an argument are named in its help text, not
/// listed by clap in English.
fn localize(command: clap::Command, i18n: &I18n, helps: &[(&str, &'static str)]) -> clap::Command {
    let template = format!(
        "{{before-help}}{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
        i18n.tr("cli.help.usage")
    );
    let arguments = heading(i18n, "cli.help.arguments");
    let options = heading(i18n, "cli.help.options");
    let mut command = command.help_template(template).disable_help_flag(true).arg(
        Arg::new("help")
            .short('h')
            .long("help")
            .action(ArgAction::Help)
            .help(i18n.tr("cli.help.help")),
    );
    // `mut_arg` moves the argument to the end: go through the positional arguments
    // first, then the options, so the help lists them in that order.
    let mut ids: Vec<(String, bool, bool)> = command
        .get_arguments()
        .map(|a| {
            let id = a.get_id().to_string();
            (id, a.is_positional(), a.get_action().takes_values())
        })
        .collect();
    ids.sort_by_key(|(id, positional, _)| (!positional, id == "help" || id == "version"));
    for (id, positional, takes_values) in ids {
        let help = helps
            .iter()
            .find(|(name, _)| *name == id)
            .map(|(_, key)| i18n.tr(key));
        command = command.mut_arg(id, |mut a| {
            a = a.help_heading(if positional { arguments } else { options });
            if takes_values {
                a = a.hide_possible_values(true).hide_default_value(true);
            }
            match help {
                Some(help) => a.help(help),
                None => a,
            }
        });
    }
    command
}

/// A heading as clap writes it (it adds the colon): the catalog's text without its
/// colon, keeping the French non-breaking space before it.
fn heading(i18n: &I18n, key: &'static str) -> &'static str {
    i18n.tr(key).trim_end_matches(':')
}

/// A usage mistake as one line in the language of `i18n`, then how to get help.
fn error_message(error: &clap::Error, i18n: &I18n) -> String {
    let text = |kind: ContextKind| match error.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(list)) => list.join(", "),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let arg = text(ContextKind::InvalidArg);
    let message = match error.kind() {
        ErrorKind::UnknownArgument => i18n.trv("cli.error.unknown_argument", &[("arg", &arg)]),
        ErrorKind::InvalidValue if text(ContextKind::InvalidValue).is_empty() => {
            i18n.trv("cli.error.missing_value", &[("arg", &arg)])
        }
        ErrorKind::InvalidValue => i18n.trv(
            "cli.error.invalid_value",
            &[
                ("arg", &arg),
                ("value", &text(ContextKind::InvalidValue)),
                ("values", &text(ContextKind::ValidValue)),
            ],
        ),
        ErrorKind::MissingRequiredArgument => {
            i18n.trv("cli.error.missing_argument", &[("arg", &arg)])
        }
        ErrorKind::InvalidSubcommand => i18n.trv(
            "cli.error.unknown_command",
            &[("command", &text(ContextKind::InvalidSubcommand))],
        ),
        ErrorKind::ArgumentConflict => {
            // A command after the window's arguments is told as the command.
            let arg = match arg.is_empty() {
                true => text(ContextKind::InvalidSubcommand),
                false => arg,
            };
            i18n.trv(
                "cli.error.conflict",
                &[("arg", &arg), ("other", &text(ContextKind::PriorArg))],
            )
        }
        _ => i18n.tr("cli.error.other").to_owned(),
    };
    let hint = i18n.trv("cli.error.hint", &[("command", PROGRAM)]);
    format!("{PROGRAM}: {message}\n{hint}\n")
}
