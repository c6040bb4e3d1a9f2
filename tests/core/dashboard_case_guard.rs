//! A Dashboard check's evidence lands only on the case it was made for: replacing the
//! case stops the check, and a result for other IDs than the case's is dropped.

use cssm_assistant::assistant::dashboard::CheckStatus;
use cssm_assistant::assistant::{Action, Assistant, Request};
use cssm_assistant::evidence::{ApiKey, DashboardError, Evidence};
use cssm_assistant::i18n::Lang;
use cssm_assistant::procedure::Procedure;

const KEY: &str = "0123456789abcdef0123456789abcdef01234567";

fn set(a: &mut Assistant, id: &str, value: &str) {
    a.apply(Action::SetField {
        id: id.into(),
        value: value.into(),
    });
}

/// An assistant whose case names organization 549236 and subscription Sub-1, with a
/// check running.
fn checking() -> Assistant {
    let mut a = Assistant::new(Procedure::builtin().expect("procedure"), Lang::En);
    set(&mut a, "meraki_org_id", "549236");
    set(&mut a, "subscription_id", "Sub-1");
    a.apply(Action::SetDashboardKey(Some(
        ApiKey::new(KEY).expect("key"),
    )));
    a.apply(Action::CheckDashboard);
    assert!(a.dashboard.running());
    a.requests.clear();
    a
}

fn evidence(org: &str, sub: &str) -> Evidence {
    Evidence {
        checked_at: "2026-11-24T09:06:00Z".parse().expect("time"),
        base_url: "https://api.meraki.com/api/v1".into(),
        request_ids: Vec::new(),
        organization_id: org.into(),
        organization_name: Some("Acme Org".into()),
        licensing_model: Some("subscription".into()),
        subscription_id: Some(sub.into()),
        subscriptions_listed: 0,
        subscription: None,
        unreadable_items: 0,
        listing_incomplete: false,
    }
}

fn checked(a: &mut Assistant, result: Result<Evidence, DashboardError>) {
    a.apply(Action::DashboardChecked(Box::new(result)));
}

#[test]
fn the_result_for_the_case_on_screen_is_kept() {
    let mut a = checking();
    checked(&mut a, Ok(evidence("549236", "Sub-1")));
    assert_eq!(a.case().evidence, Some(evidence("549236", "Sub-1")));
    assert_eq!(a.dashboard.status, CheckStatus::Idle);
}

#[test]
fn a_new_case_stops_the_check_and_gets_none_of_its_evidence() {
    let mut a = checking();
    a.apply(Action::NewCase);
    assert!(a.requests.contains(&Request::CancelDashboardCheck));
    assert_eq!(a.dashboard.status, CheckStatus::Idle);
    // The new case names the same IDs: the old check's result is still not its own.
    set(&mut a, "meraki_org_id", "549236");
    set(&mut a, "subscription_id", "Sub-1");
    checked(&mut a, Err(DashboardError::Cancelled));
    assert_eq!(a.dashboard.status, CheckStatus::Idle);
    assert_eq!(a.case().evidence, None);
}

#[test]
fn undoing_a_new_case_stops_the_check_started_on_it() {
    let mut a = Assistant::new(Procedure::builtin().expect("procedure"), Lang::En);
    a.apply(Action::NewCase);
    set(&mut a, "meraki_org_id", "777");
    set(&mut a, "subscription_id", "Sub-9");
    a.apply(Action::SetDashboardKey(Some(
        ApiKey::new(KEY).expect("key"),
    )));
    a.apply(Action::CheckDashboard);
    assert!(a.dashboard.running());
    a.requests.clear();
    // Field edits are no undo step: Undo brings the earlier case back.
    a.apply(Action::Undo);
    assert_eq!(a.case().field("meraki_org_id"), "");
    assert!(a.requests.contains(&Request::CancelDashboardCheck));
    assert_eq!(a.dashboard.status, CheckStatus::Idle);
    checked(&mut a, Ok(evidence("777", "Sub-9")));
    assert_eq!(a.case().evidence, None);
}

#[test]
fn a_result_for_ids_edited_since_the_check_is_dropped() {
    let mut a = checking();
    set(&mut a, "meraki_org_id", "111222");
    checked(&mut a, Ok(evidence("549236", "Sub-1")));
    assert_eq!(a.case().evidence, None);
    assert_eq!(a.dashboard.status, CheckStatus::Idle);

    let mut a = checking();
    set(&mut a, "subscription_id", "Sub-2");
    checked(&mut a, Ok(evidence("549236", "Sub-1")));
    assert_eq!(a.case().evidence, None);
}
