//! The Dashboard check in the window (kittest): typed key, check off the UI thread
//! against a fake Dashboard on 127.0.0.1, facts, Accept, the outcome and its sources,
//! conflicts in plain words.

use crate::support::fake_dashboard;
use crate::support::kittest;

use std::time::{Duration, Instant};

use cssm_assistant::app::{AssistantApp, Dialogs};
use cssm_assistant::assistant::{Action, View};
use cssm_assistant::case::AnswerSource;
use cssm_assistant::i18n::Lang;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{By, Queryable};
use fake_dashboard::{FakeDashboard, organization, paged, subscription};
use kittest::*;

const KEY: &str = "beefcafe0123456789abcdef0123456789abcdef";

/// A harness on the Meraki step, with the IDs set and the fake as the Dashboard.
fn on_meraki_step(
    lang: Lang,
    server: &FakeDashboard,
    claimed: Option<&str>,
) -> Harness<'static, AssistantApp> {
    let mut h = harness(lang, Dialogs::scripted([]));
    fill_required(&mut h, lang);
    choose(&mut h, lang, "has_smart_account_access", "yes");
    click(&mut h, lang, "ui.next");
    choose(&mut h, lang, "sa_assigned", "yes");
    choose(&mut h, lang, "sa_status", "active");
    choose(&mut h, lang, "subscription_visible", "no");
    click(&mut h, lang, "ui.next");
    {
        let a = &mut h.state_mut().assistant;
        a.apply(Action::SetField {
            id: "meraki_org_id".into(),
            value: "549236".into(),
        });
        a.apply(Action::SetField {
            id: "subscription_id".into(),
            value: "Sub-wanted".into(),
        });
        a.dashboard.base_url = Some(server.base_url());
    }
    h.run();
    if let Some(option) = claimed {
        choose(&mut h, lang, "claimed_bound", option);
    }
    h
}

/// Types the key into the masked field and runs the check to its end.
fn check(h: &mut Harness<'static, AssistantApp>, lang: Lang) {
    h.get_by_label(&t(lang, "dashboard.ui.key")).focus();
    h.run();
    h.get_by_label(&t(lang, "dashboard.ui.key")).type_text(KEY);
    h.run();
    // The spinner animates while the check runs: step frames, not run to rest.
    h.get_by_role_and_label(Role::Button, &t(lang, "dashboard.ui.check"))
        .click();
    h.step();
    let deadline = Instant::now() + Duration::from_secs(20);
    while h.state().assistant.dashboard.running() {
        assert!(Instant::now() < deadline, "the check did not end");
        h.step();
        std::thread::sleep(Duration::from_millis(10));
    }
    h.run();
}

fn shows_containing(h: &Harness<'static, AssistantApp>, text: &str) -> bool {
    h.query_all(By::new().label_contains(text)).next().is_some()
}

#[test]
fn check_then_accept_changes_the_outcome() {
    let lang = Lang::En;
    let server = paged(
        organization("549236", "Acme Org", "subscription"),
        vec![vec![subscription("Sub-other", 1, "acme.example", "active")]],
    );
    let mut h = on_meraki_step(lang, &server, Some("yes"));
    assert_eq!(
        h.state().assistant.progress().outcome.as_deref(),
        Some("swit_case_claimed")
    );
    check(&mut h, lang);

    // The facts, the proposal and the conflict with the answer given, in plain words.
    assert!(shows_containing(&h, "Organization 549236: Acme Org"));
    assert!(shows_containing(&h, "Subscription Sub-wanted: not listed"));
    assert!(shows_containing(
        &h,
        "Conflict: The Dashboard shows the subscription as NOT claimed/bound, but the answer given is claimed and bound."
    ));
    assert!(
        server
            .received()
            .iter()
            .all(|r| r.header("authorization") == Some(&format!("Bearer {KEY}")))
    );

    let accept = format!(
        "{} — {}",
        t(lang, "dashboard.ui.accept"),
        t(lang, "dashboard.proposal.claimed_bound.no")
    );
    h.get_by_role_and_label(Role::Button, &accept).click();
    h.run();
    let a = &h.state().assistant;
    assert_eq!(answer_of(&h, "claimed_bound"), Some("no"));
    assert_eq!(
        a.case().answer_source("claimed_bound"),
        AnswerSource::DashboardApi
    );
    assert_eq!(
        a.progress().outcome.as_deref(),
        Some("swit_case_not_controlled")
    );
    assert!(
        !shows_containing(&h, "Conflict:"),
        "the conflict is resolved"
    );

    // The outcome page's "why" says where the answer comes from.
    click(&mut h, lang, "ui.see_result");
    assert_eq!(h.state().assistant.view(), View::Outcome);
    assert!(shows(
        &h,
        "(checked by the partner in the Meraki Dashboard)"
    ));
    assert!(shows(&h, "(stated by the partner)"));
    assert!(shows_containing(&h, "Checked on "));
    // The request starts from the check, says "not listed", never that Meraki does not
    // control it, and Meraki Support is told to confirm it first (issue 18, words H1).
    assert!(shows(&h, &t(lang, "request.confirm.dashboard")));
    assert!(shows_containing(
        &h,
        "does not list Cisco Networking Subscription Sub-wanted in Meraki organization 549236."
    ));
    assert!(!shows_containing(&h, "Meraki does NOT control"));

    // Undo puts the answer and its source back.
    h.state_mut().assistant.apply(Action::Undo);
    h.run();
    assert_eq!(answer_of(&h, "claimed_bound"), Some("yes"));
    assert_eq!(
        h.state().assistant.case().answer_source("claimed_bound"),
        AnswerSource::MerakiSupport
    );
}

#[test]
fn conflicts_are_shown_on_the_step_and_the_outcome_in_french() {
    let lang = Lang::Fr;
    let server = paged(
        organization("549236", "Acme Org", "subscription"),
        vec![
            vec![subscription("Sub-other", 1, "acme.example", "active")],
            vec![subscription("Sub-wanted", 2, "globex.example", "pending")],
        ],
    );
    let mut h = on_meraki_step(lang, &server, None);
    check(&mut h, lang);
    let status = "Contradiction\u{a0}: Selon le Dashboard, le compte Smart est «\u{a0}En attente\u{a0}», alors que la réponse donnée est «\u{a0}Actif\u{a0}».";
    let domain = "Contradiction\u{a0}: Le compte Smart de l'abonnement est Acme Corp (globex.example), pas celui saisi.";
    assert!(shows(&h, status));
    assert!(shows(&h, domain));
    assert!(shows_containing(&h, "Réseaux associés (bound)\u{a0}: 2"));

    // Accepting the claim proposal reaches the outcome; the conflicts stay in view there.
    let accept = format!(
        "{} — {}",
        t(lang, "dashboard.ui.accept"),
        t(lang, "dashboard.proposal.claimed_bound.yes")
    );
    h.get_by_role_and_label(Role::Button, &accept).click();
    h.run();
    click(&mut h, lang, "ui.see_result");
    assert_eq!(
        h.state().assistant.progress().outcome.as_deref(),
        Some("swit_case_claimed")
    );
    assert!(shows(&h, status));
    assert!(shows(&h, domain));
}

#[test]
fn a_failed_check_says_why_and_keeps_the_answers() {
    let lang = Lang::En;
    let server = FakeDashboard::start(|_, _| fake_dashboard::Reply::error(403, "Forbidden"));
    let mut h = on_meraki_step(lang, &server, Some("not_yet"));
    check(&mut h, lang);
    assert!(shows_containing(
        &h,
        "The check failed: The key's administrator has no access to this organization (HTTP 403)"
    ));
    assert_eq!(answer_of(&h, "claimed_bound"), Some("not_yet"));
    assert!(h.state().assistant.case().evidence.is_none());
}

#[test]
fn without_a_key_the_check_asks_for_one() {
    let lang = Lang::En;
    let server = FakeDashboard::start(|_, _| fake_dashboard::Reply::error(500, "x"));
    let mut h = on_meraki_step(lang, &server, None);
    click(&mut h, lang, "dashboard.ui.check");
    assert!(shows_containing(&h, "No Dashboard API key"));
    assert!(server.received().is_empty());
}

#[test]
fn the_wait_asked_by_a_429_shows_and_cancel_stops_it() {
    let lang = Lang::En;
    let server = FakeDashboard::start(|_, _| {
        fake_dashboard::Reply::error(429, "API rate limit exceeded").header("Retry-After", "30")
    });
    let mut h = on_meraki_step(lang, &server, None);
    h.get_by_label(&t(lang, "dashboard.ui.key")).focus();
    h.run();
    h.get_by_label(&t(lang, "dashboard.ui.key")).type_text(KEY);
    h.run();
    h.get_by_role_and_label(Role::Button, &t(lang, "dashboard.ui.check"))
        .click();
    let deadline = Instant::now() + Duration::from_secs(20);
    let waiting = "The Dashboard asks to wait: retrying in 30 s…";
    while !shows(&h, waiting) {
        assert!(Instant::now() < deadline, "the wait was never shown");
        h.step();
        std::thread::sleep(Duration::from_millis(10));
    }
    h.get_by_role_and_label(Role::Button, &t(lang, "dashboard.ui.cancel"))
        .click();
    while h.state().assistant.dashboard.running() {
        assert!(Instant::now() < deadline, "Cancel did not stop the check");
        h.step();
        std::thread::sleep(Duration::from_millis(10));
    }
    h.run();
    assert!(shows(&h, "The check was canceled."));
    assert_eq!(server.received().len(), 1, "no retry after Cancel");
}

// ==== issue 18 (doubt, secrets) ====

#[test]
fn a_dashboard_source_without_evidence_is_shown_as_not_backed() {
    // A hand-edited file: "not claimed", from the Dashboard, with no evidence.
    let text = r#"(
    procedure: "cssm-subscription-visibility",
    answers: { "has_smart_account_access": "yes", "sa_assigned": "yes", "sa_status": "active",
               "subscription_visible": "no", "claimed_bound": "no" },
    fields: { "smart_account_name": "Acme Corp", "smart_account_domain": "acme.example",
              "meraki_org_id": "5550001", "subscription_id": "Sub777777" },
    answer_sources: { "claimed_bound": "dashboard_api" },
)"#;
    for lang in Lang::ALL {
        let p = procedure();
        let case = cssm_assistant::case::Case::from_bytes(
            text.as_bytes(),
            &p,
            cssm_assistant::case::Strictness::Strict,
        )
        .expect("loads")
        .case;
        let h = harness_on(AssistantApp::new(
            cssm_assistant::assistant::Assistant::with_case(p, case, lang),
            Dialogs::scripted([]),
        ));
        assert_eq!(h.state().assistant.view(), View::Outcome, "{lang:?}");
        let unbacked = format!("({})", t(lang, "dashboard.source.unbacked"));
        assert!(shows(&h, &unbacked), "{lang:?}: {unbacked}");
        assert!(
            !shows(
                &h,
                &format!("({})", t(lang, "dashboard.source.dashboard_api"))
            ),
            "{lang:?}"
        );
    }
}
