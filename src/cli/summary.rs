//! `cssm-assistant summary`: a case file's summary (or the checked case file itself)
//! without a window.

use std::process::ExitCode;

use crate::case::{Case, Strictness};
use crate::cli::args::{Format, SummaryArgs};
use crate::cli::output::{
    EXIT_CASE_FILE, EXIT_PROCEDURE, report, report_notices, write_output, write_stdout,
};
use crate::i18n::{I18n, Lang};
use crate::procedure::Procedure;
use crate::summary;

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
        #[cfg(feature = "pdf")]
        Format::Pdf => return pdf_summary(args, &procedure, &loaded.case, &i18n),
    };
    if !text.ends_with('\n') {
        text.push('\n');
    }

    match &args.output {
        Some(path) => write_output(path, &args.case, &text, &i18n),
        None => write_stdout(&text, &i18n),
    }
}

/// Writes the PDF summary to `-o`, or to standard output when it is not a terminal
/// (a PDF printed on a terminal is garbage: refused, with a message saying to use
/// `-o`); returns the exit status.
#[cfg(feature = "pdf")]
fn pdf_summary(args: &SummaryArgs, procedure: &Procedure, case: &Case, i18n: &I18n) -> u8 {
    use crate::cli::output::EXIT_OUTPUT;
    use std::io::IsTerminal as _;
    if args.output.is_none() && std::io::stdout().is_terminal() {
        report(None, i18n.tr("cli.pdf_to_terminal"));
        return EXIT_OUTPUT;
    }
    let pdf = match summary::pdf::render(procedure, case, i18n.lang(), jiff::Timestamp::now()) {
        Ok(pdf) => pdf,
        Err(e) => {
            report(
                None,
                &i18n.trv("cli.pdf_error", &[("reason", &e.to_string())]),
            );
            return EXIT_OUTPUT;
        }
    };
    match &args.output {
        Some(path) => write_output(path, &args.case, &pdf, i18n),
        None => write_stdout(&pdf, i18n),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::args::SUMMARY_AFTER_HELP;
    use crate::cli::output::EXIT_OUTPUT;
    use std::path::PathBuf;

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
