//! `cssm-assistant check`: the Meraki Dashboard check without a window. Prints the
//! evidence, proposals and conflicts, or adds the evidence to a case file.
//!
//! Exit status: 0 done; 1 the output could not be written; 2 bad arguments, bad case
//! file or no key; 3 the Dashboard refused or could not be reached, or the built-in
//! procedure does not load (the same code as `summary`'s).

use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use crate::assistant::dashboard::CheckStatus;
use crate::assistant::{Action, Assistant, Request};
use crate::case::{Case, ORG_FIELD, SUBSCRIPTION_FIELD, Strictness};
use crate::cli::args::CheckArgs;
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
    // The window's state machine, on the case file or on a new case: the IDs, the
    // check, the evidence guard, the proposals and their acceptance are its rules.
    let mut assistant = match &args.case {
        Some(path) => {
            let loaded = Case::from_path(path, &procedure, Strictness::Strict).map_err(|e| {
                report(Some(path), &e.message(i18n));
                EXIT_INPUT
            })?;
            report_notices(path, &loaded.notices, |n| n.message(i18n), i18n);
            let lang = loaded.case.language.unwrap_or(i18n.lang());
            Assistant::with_case(procedure, loaded.case, lang)
        }
        None => Assistant::new(procedure, i18n.lang()),
    };
    let flags = [
        (ORG_FIELD, "--org", &args.org),
        (SUBSCRIPTION_FIELD, "--subscription", &args.subscription),
    ];
    if args.case.is_some() && !args.accept {
        // Evidence for other IDs than the case's would be stale at once.
        for (id, name, flag) in flags {
            let case_value = assistant.case().field(id).trim();
            if let Some(flag) = flag
                && flag.trim() != case_value
            {
                let shown = match case_value {
                    "" => i18n.tr("dashboard.cli.ids_differ.none"),
                    value => value,
                };
                report(
                    None,
                    &i18n.trv(
                        "dashboard.cli.ids_differ",
                        &[("flag", name), ("value", flag.trim()), ("case", shown)],
                    ),
                );
                return Err(EXIT_INPUT);
            }
        }
    }
    for (id, _, flag) in flags {
        if let Some(value) = flag {
            assistant.apply(Action::SetField {
                id: id.to_owned(),
                value: value.trim().to_owned(),
            });
        }
    }
    if let Some(region) = args.region {
        assistant.apply(Action::SetDashboardRegion(Region::from(region)));
    }
    assistant.apply(Action::SetDashboardBaseUrl(args.base_url.clone()));
    assistant.apply(Action::SetDashboardKeyFromEnv(ApiKey::from_env()));

    let fail = |e: &DashboardError| {
        report(None, &e.message(i18n));
        if e.is_input_error() {
            EXIT_INPUT
        } else {
            EXIT_DASHBOARD
        }
    };
    assistant.apply(Action::CheckDashboard);
    let Some((base_url, key, target)) = take_check(&mut assistant) else {
        return Err(match &assistant.dashboard.status {
            CheckStatus::Failed(e) => fail(e),
            _ => EXIT_DASHBOARD,
        });
    };
    let settings = Settings {
        base_url,
        ..Settings::default()
    };
    let client = Client::new(settings, key).map_err(|e| fail(&e))?;
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
    let result = dashboard::check(&client, &target, &mut progress, &AtomicBool::new(false));
    assistant.apply(Action::DashboardChecked(Box::new(result)));
    if let CheckStatus::Failed(e) = &assistant.dashboard.status {
        return Err(fail(e));
    }
    let (Some(evidence), Some(analysis)) = (
        assistant.case().current_evidence(),
        assistant.dashboard_analysis(),
    ) else {
        // The guard dropped evidence for other IDs: cannot happen for a check of the
        // case's own IDs, and nothing is written then.
        return Err(EXIT_DASHBOARD);
    };

    let (Some(out), Some(input)) = (&args.output, &args.case) else {
        return print(&evidence::report_text(evidence, &analysis, i18n), i18n);
    };
    if args.accept {
        for p in &analysis.proposals {
            assistant.apply(Action::AcceptProposal {
                question: p.question.clone(),
                option: p.option.clone(),
            });
            report(
                None,
                &i18n.trv(
                    "dashboard.cli.accepted",
                    &[("question", &p.question), ("option", &p.option)],
                ),
            );
        }
    }
    let mut text = assistant.case().for_export(assistant.procedure()).to_ron();
    if !text.ends_with('\n') {
        text.push('\n');
    }
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

/// The check the assistant asked for, taken from its requests.
fn take_check(assistant: &mut Assistant) -> Option<(String, ApiKey, Target)> {
    std::mem::take(&mut assistant.requests)
        .into_iter()
        .find_map(|r| match r {
            Request::CheckDashboard {
                base_url,
                key,
                target,
            } => Some((base_url, key, target)),
            _ => None,
        })
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
