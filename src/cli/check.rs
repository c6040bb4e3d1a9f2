//! `cssm-assistant check`: the Meraki Dashboard check without a window. Prints the
//! evidence, proposals and conflicts, or adds the evidence to a case file.
//!
//! Exit status: 0 done; 1 the output could not be written; 2 bad arguments, bad case
//! file or no key; 3 the Dashboard refused or could not be reached, or the built-in
//! procedure does not load (the same code as `summary`'s).

use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use crate::case::{Case, Strictness};
use crate::cli::args::{CheckArgs, RegionArg};
use crate::cli::output::{EXIT_PROCEDURE, report, report_notices, write_output, write_stdout};
use crate::dashboard::{self, Client, Settings};
use crate::evidence::{self, ApiKey, CheckProgress, DashboardError, Region, Target};
use crate::i18n::{I18n, Lang};
use crate::procedure::Procedure;

const EXIT_INPUT: u8 = 2;
const EXIT_DASHBOARD: u8 = 3;

/// Runs `check` (see the module's documentation for the exit status).
pub fn check_command(args: &CheckArgs, lang: Lang) -> ExitCode {
    ExitCode::from(check_with(args, lang, Procedure::builtin()))
}

/// [`check_command`] with the procedure given; returns the exit status.
fn check_with<E: std::fmt::Display>(
    args: &CheckArgs,
    lang: Lang,
    procedure: Result<Procedure, E>,
) -> u8 {
    let i18n = I18n::new(lang);
    match run(args, &i18n, procedure) {
        Ok(()) => 0,
        Err(code) => code,
    }
}

fn run<E: std::fmt::Display>(
    args: &CheckArgs,
    i18n: &I18n,
    procedure: Result<Procedure, E>,
) -> Result<(), u8> {
    let procedure = procedure.map_err(|e| {
        let reason = e.to_string();
        report(
            None,
            &i18n.trv("cli.procedure_error", &[("reason", &reason)]),
        );
        EXIT_PROCEDURE
    })?;
    if args.output.is_some() && args.case.is_none() {
        report(None, i18n.tr("dashboard.cli.needs_case"));
        return Err(EXIT_INPUT);
    }
    let mut case = match &args.case {
        Some(path) => {
            let loaded = Case::from_path(path, &procedure, Strictness::Strict).map_err(|e| {
                report(Some(path), &e.message(i18n));
                EXIT_INPUT
            })?;
            report_notices(path, &loaded.notices, |n| n.message(i18n), i18n);
            Some(loaded.case)
        }
        None => None,
    };
    let from_case = |id: &str| case.as_ref().map(|c| c.field(id).to_owned());
    let org = args
        .org
        .clone()
        .or_else(|| from_case("meraki_org_id"))
        .unwrap_or_default();
    let sub = args
        .subscription
        .clone()
        .or_else(|| from_case("subscription_id"));
    if super::list::wanted(args, &org, sub.as_deref()) {
        return super::list::run(args, &org, i18n);
    }
    let fail = |e: DashboardError| {
        report(None, &e.message(i18n));
        if e.is_input_error() {
            EXIT_INPUT
        } else {
            EXIT_DASHBOARD
        }
    };
    let target = Target::new(&org, sub.as_deref()).map_err(fail)?;
    let key = ApiKey::from_env()
        .ok_or(DashboardError::NoKey)
        .map_err(fail)?;
    let base_url = match (&args.base_url, args.region) {
        (Some(url), _) => url.clone(),
        (None, region) => Region::from(region.unwrap_or(RegionArg::Com))
            .base_url()
            .to_owned(),
    };
    let settings = Settings {
        base_url,
        ..Settings::default()
    };
    let client = Client::new(settings, key).map_err(fail)?;
    report(
        None,
        &i18n.trv(
            "dashboard.cli.checking",
            &[
                ("org", &target.organization_id),
                ("base_url", client.base_url()),
            ],
        ),
    );
    let mut progress = |p: CheckProgress| {
        if let CheckProgress::Waiting { seconds, attempt } = p {
            report(
                None,
                &i18n.trv(
                    "dashboard.cli.waiting",
                    &[
                        ("seconds", &seconds.to_string()),
                        ("attempt", &attempt.to_string()),
                    ],
                ),
            );
        }
    };
    let evidence =
        dashboard::check(&client, &target, &mut progress, &AtomicBool::new(false)).map_err(fail)?;

    let empty = Case::new(&procedure, i18n.lang(), jiff::Timestamp::now());
    let analysis = {
        let c = case.as_ref().unwrap_or(&empty);
        evidence::analyse(&evidence, &c.answers, &c.fields)
    };

    let (Some(out), Some(case)) = (&args.output, case.as_mut()) else {
        return print(&evidence::report_text(&evidence, &analysis, i18n), i18n);
    };
    let now = jiff::Timestamp::now();
    case.set_evidence(evidence, now);
    if args.accept {
        for (id, value) in [
            ("meraki_org_id", &args.org),
            ("subscription_id", &args.subscription),
        ] {
            if let Some(v) = value {
                case.set_field(id, v.trim(), now);
            }
        }
        for p in &analysis.proposals {
            case.accept_from_dashboard(&p.question, &p.option, now);
            report(
                None,
                &i18n.trv(
                    "dashboard.cli.accepted",
                    &[("question", &p.question), ("option", &p.option)],
                ),
            );
        }
    }
    let mut text = case.for_export(&procedure).to_ron();
    if !text.ends_with('\n') {
        text.push('\n');
    }
    let input = args.case.as_deref().unwrap_or(out);
    match write_output(out, input, &text, i18n) {
        0 => {}
        code => return Err(code),
    }
    let shown = out.display().to_string();
    report(
        None,
        &i18n.trv("dashboard.cli.written", &[("path", &shown)]),
    );
    Ok(())
}

fn print(text: &str, i18n: &I18n) -> Result<(), u8> {
    match write_stdout(text, i18n) {
        0 => Ok(()),
        code => Err(code),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::args::CHECK_AFTER_HELP;
    use crate::cli::output::{EXIT_CASE_FILE, EXIT_OUTPUT};

    #[test]
    fn a_procedure_that_does_not_load_exits_3_as_in_summary() {
        let args = CheckArgs {
            case: None,
            org: Some("549236".to_owned()),
            subscription: None,
            region: None,
            base_url: None,
            accept: false,
            output: None,
            format: crate::cli::args::ListFormat::Text,
        };
        let status = check_with(&args, Lang::En, Err::<Procedure, _>("broken build"));
        assert_eq!(status, EXIT_PROCEDURE);
        assert_ne!(status, EXIT_OUTPUT);
        assert_ne!(status, EXIT_CASE_FILE);
        // `check --help` lists the broken build under code 3, built in and in both
        // languages.
        let listed = format!("\n  {EXIT_PROCEDURE}  ");
        for help in [
            CHECK_AFTER_HELP,
            I18n::new(Lang::En).tr("cli.help.check_after"),
            I18n::new(Lang::Fr).tr("cli.help.check_after"),
        ] {
            let code3 = &help[help.find(&listed).expect("code 3 listed")..];
            assert!(
                code3.contains("built-in procedure") || code3.contains("ou la procédure"),
                "{help}"
            );
        }
    }
}
