//! One state machine for the window and the command line: the same case checked
//! against the same Dashboard answers and its proposals accepted, once by
//! `cssm-assistant check --accept -o` and once in the window (the real check thread
//! and HTTP client), gives the same fiche.

use std::time::{Duration, Instant};

use crate::support::binary::{command, finish};
use crate::support::fake_dashboard::{FakeDashboard, organization, paged, subscription};
use crate::support::kittest::harness;
use cssm_assistant::app::Dialogs;
use cssm_assistant::assistant::Action;
use cssm_assistant::case::{Case, Strictness};
use cssm_assistant::evidence::ApiKey;
use cssm_assistant::i18n::Lang;
use cssm_assistant::procedure::Procedure;

const KEY: &str = "ab12cafe0123456789abcdef0123456789abcdef";

/// A case file on the Meraki step, not yet checked with Meraki Support.
const CASE: &str = crate::support::fixtures::NOT_YET_CASE;

fn dashboard() -> FakeDashboard {
    paged(
        organization("549236", "Acme Org", "subscription"),
        vec![
            vec![subscription("Sub-other", 1, "acme.example", "active")],
            vec![subscription("Sub-wanted", 4, "acme.example", "active")],
        ],
    )
}

/// What must be the same: everything but the times (of the check and of each event).
fn comparable(mut case: Case) -> Case {
    let at = "2026-01-01T00:00:00Z".parse().expect("time");
    if let Some(e) = case.evidence.as_mut() {
        e.checked_at = at;
    }
    for event in &mut case.events {
        event.at = at;
        if event.item == "dashboard_check" {
            // "BASE_URL CHECKED_AT": the time of the check goes.
            event.to = event
                .to
                .as_deref()
                .and_then(|to| to.split(' ').next())
                .map(str::to_owned);
        }
    }
    case.created = case.created.map(|_| at);
    case.updated = case.updated.map(|_| at);
    case
}

#[test]
fn check_and_the_window_give_the_same_fiche() {
    let p = Procedure::builtin().expect("procedure");
    let dir = tempfile::tempdir().expect("dir");
    let case_path = dir.path().join("case.ron");
    std::fs::write(&case_path, CASE).expect("write");

    // The command line.
    let server = dashboard();
    let out = dir.path().join("checked.ron");
    let run = finish(
        command()
            .env("MERAKI_DASHBOARD_API_KEY", KEY)
            .args(["check", "--accept", "--base-url", &server.base_url(), "-o"])
            .arg(&out)
            .arg(&case_path),
    );
    assert_eq!(run.code, Some(0), "{run:?}");
    let by_cli = Case::from_path(&out, &p, Strictness::Strict)
        .expect("loads")
        .case;

    // The window, on the same file and the same Dashboard.
    let mut h = harness(Lang::En, Dialogs::scripted([]));
    {
        let a = &mut h.state_mut().assistant;
        a.open_path(&case_path).expect("opens");
        a.apply(Action::SetDashboardBaseUrl(Some(server.base_url())));
        a.apply(Action::SetDashboardKey(Some(
            ApiKey::new(KEY).expect("key"),
        )));
        a.apply(Action::CheckDashboard);
    }
    let deadline = Instant::now() + Duration::from_secs(20);
    h.step();
    while h.state().assistant.dashboard.running() {
        assert!(Instant::now() < deadline, "the check did not end");
        h.step();
        std::thread::sleep(Duration::from_millis(10));
    }
    h.run();
    let proposals = h
        .state()
        .assistant
        .dashboard_analysis()
        .expect("evidence")
        .proposals;
    assert!(!proposals.is_empty(), "the check proposes an answer");
    for proposal in proposals {
        h.state_mut().assistant.apply(Action::AcceptProposal {
            question: proposal.question,
            option: proposal.option,
        });
    }
    let a = &h.state().assistant;
    let by_window = a.case().for_export(a.procedure());

    assert_eq!(
        by_cli.answers.get("claimed_bound").map(String::as_str),
        Some("yes")
    );
    assert_eq!(comparable(by_window), comparable(by_cli));
}
