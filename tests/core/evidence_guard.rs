//! Evidence is tied to the IDs it was checked for (one rule of the core,
//! `Evidence::is_for` through `Case::current_evidence`): once the case names another
//! organization or subscription, by an edit or in the file it was loaded from, nothing
//! is proposed, accepted, reasoned or requested from it, and the summary says it was
//! checked for other IDs.

use cssm_assistant::assistant::{Action, Assistant};
use cssm_assistant::case::{Case, Strictness};
use cssm_assistant::evidence::{ApiKey, Evidence};
use cssm_assistant::i18n::{I18n, Lang};
use cssm_assistant::procedure::Procedure;
use cssm_assistant::summary;

const KEY: &str = "0123456789abcdef0123456789abcdef01234567";

fn set(a: &mut Assistant, id: &str, value: &str) {
    a.apply(Action::SetField {
        id: id.into(),
        value: value.into(),
    });
}

fn answer(a: &mut Assistant, question: &str, option: &str) {
    a.apply(Action::Answer {
        question: question.into(),
        option: option.into(),
    });
}

/// Not listed in the organization: the evidence proposes "not claimed".
fn not_listed(org: &str, sub: &str) -> Evidence {
    Evidence {
        checked_at: "2026-11-24T09:06:00Z".parse().expect("time"),
        base_url: "https://api.meraki.com/api/v1".into(),
        request_ids: vec!["req-1".into()],
        organization_id: org.into(),
        organization_name: Some("Acme Org".into()),
        licensing_model: Some("subscription".into()),
        subscription_id: Some(sub.into()),
        subscriptions_listed: 3,
        subscription: None,
        unreadable_items: 0,
        listing_incomplete: false,
    }
}

/// A case on the Meraki step, organization 549236 and subscription Sub-1, checked.
fn checked_case() -> Assistant {
    let mut a = Assistant::new(Procedure::builtin().expect("procedure"), Lang::En);
    set(&mut a, "smart_account_name", "Acme Corp");
    set(&mut a, "smart_account_domain", "acme.example");
    answer(&mut a, "has_smart_account_access", "yes");
    answer(&mut a, "sa_assigned", "yes");
    answer(&mut a, "sa_status", "active");
    answer(&mut a, "subscription_visible", "no");
    set(&mut a, "meraki_org_id", "549236");
    set(&mut a, "subscription_id", "Sub-1");
    a.apply(Action::SetDashboardKey(Some(
        ApiKey::new(KEY).expect("key"),
    )));
    a.apply(Action::CheckDashboard);
    a.requests.clear();
    a.apply(Action::DashboardChecked(Box::new(Ok(not_listed(
        "549236", "Sub-1",
    )))));
    assert!(a.case().current_evidence().is_some());
    a
}

fn accept_not_claimed(a: &mut Assistant) {
    a.apply(Action::AcceptProposal {
        question: "claimed_bound".into(),
        option: "no".into(),
    });
}

fn summary_of(a: &Assistant, lang: Lang) -> String {
    summary::render(
        a.procedure(),
        a.case(),
        lang,
        "2026-11-25T10:00:00Z".parse().expect("time"),
    )
}

#[test]
fn evidence_for_the_case_ids_is_proposed_and_can_be_accepted() {
    let mut a = checked_case();
    let analysis = a.dashboard_analysis().expect("current evidence");
    assert_eq!(analysis.proposals.len(), 1);
    accept_not_claimed(&mut a);
    assert_eq!(
        a.case().answers.get("claimed_bound").map(String::as_str),
        Some("no")
    );
}

#[test]
fn an_edited_subscription_makes_the_evidence_stale_everywhere() {
    let mut a = checked_case();
    set(&mut a, "subscription_id", "Sub-2");

    assert!(a.case().current_evidence().is_none());
    assert!(a.case().stale_evidence().is_some());
    assert_eq!(a.dashboard_analysis(), None, "nothing proposed");
    accept_not_claimed(&mut a);
    assert_eq!(
        a.case().answers.get("claimed_bound"),
        None,
        "nothing accepted from stale evidence"
    );

    // The summary says what the evidence was checked for, in both languages, and shows
    // none of its facts.
    for (lang, said) in [
        (Lang::En, "not this case file's IDs"),
        (Lang::Fr, "pas sur les ID de cette fiche"),
    ] {
        let text = summary_of(&a, lang);
        assert!(text.contains(said), "{lang:?}:\n{text}");
        assert!(
            text.contains("Sub-1"),
            "{lang:?}: which subscription was checked"
        );
        // Neither the fact nor the finding of the stale check.
        let fact = I18n::new(lang).trv("dashboard.fact.not_listed", &[("subscription", "Sub-1")]);
        assert!(
            !text.contains(&fact),
            "{lang:?}: a stale fact is shown:\n{text}"
        );
        assert!(!text.contains("not listed in this organization"), "{text}");
    }
    // Back to the IDs it was checked for: current again.
    set(&mut a, "subscription_id", " Sub-1 ");
    assert!(a.dashboard_analysis().is_some());
}

#[test]
fn an_edited_organization_makes_the_evidence_stale() {
    let mut a = checked_case();
    set(&mut a, "meraki_org_id", "549237");
    assert_eq!(a.dashboard_analysis(), None);
    accept_not_claimed(&mut a);
    assert_eq!(a.case().answers.get("claimed_bound"), None);
}

#[test]
fn the_request_never_cites_a_check_of_other_ids() {
    let mut a = checked_case();
    answer(&mut a, "claimed_bound", "yes");
    let request = |a: &Assistant| summary_of(a, Lang::En);
    let cited = "Checked through the Meraki Dashboard API";
    assert!(
        request(&a).contains(cited),
        "the request cites the check of the case's own IDs"
    );
    set(&mut a, "subscription_id", "Sub-2");
    let text = request(&a);
    assert!(!text.contains(cited), "{text}");
}

#[test]
fn a_case_file_with_evidence_for_other_ids_loads_stale() {
    let p = Procedure::builtin().expect("procedure");
    let mut case = Case::new(&p, Lang::En, "2026-11-24T09:00:00Z".parse().expect("time"));
    case.set_field(
        "meraki_org_id",
        "549236",
        "2026-11-24T09:00:00Z".parse().expect("time"),
    );
    case.set_field(
        "subscription_id",
        "Sub-typed",
        "2026-11-24T09:00:00Z".parse().expect("time"),
    );
    case.evidence = Some(not_listed("549236", "Sub-checked"));
    let text = case.for_export(&p).to_ron();
    let loaded = Case::from_bytes(text.as_bytes(), &p, Strictness::Strict)
        .expect("loads")
        .case;
    assert!(loaded.current_evidence().is_none());
    assert_eq!(
        loaded
            .stale_evidence()
            .and_then(|e| e.subscription_id.as_deref()),
        Some("Sub-checked")
    );
    let a = Assistant::with_case(p, loaded, Lang::Fr);
    assert_eq!(a.dashboard_analysis(), None);
    let text = summary_of(&a, Lang::Fr);
    assert!(text.contains("pas sur les ID de cette fiche"), "{text}");
}
