//! A case file that claims an answer was "checked in the Meraki Dashboard"
//! (`dashboard_api`) without evidence backing it is shown as "source not backed by
//! evidence" in the summary; its answer stays, as the user's (issue 18, point 3; the
//! review's L4).

use cssm_assistant::case::{AnswerSource, Case, Strictness};
use cssm_assistant::evidence::{Evidence, SubscriptionFacts};
use cssm_assistant::i18n::{I18n, Lang};
use cssm_assistant::procedure::Procedure;
use cssm_assistant::summary::render;
use jiff::Timestamp;

fn p() -> Procedure {
    Procedure::builtin().expect("procedure")
}

fn t(s: &str) -> Timestamp {
    s.parse().expect("time")
}

/// The review's hand-edited file: "not claimed", from the Dashboard, with no evidence.
const FAKE: &str = r#"(
    procedure: "cssm-subscription-visibility",
    answers: { "has_smart_account_access": "yes", "sa_assigned": "yes", "sa_status": "active",
               "subscription_visible": "no", "claimed_bound": "no" },
    fields: { "smart_account_name": "Acme Corp", "smart_account_domain": "acme.example",
              "meraki_org_id": "5550001", "subscription_id": "Sub777777" },
    answer_sources: { "claimed_bound": "dashboard_api" },
)"#;

fn load(text: &str) -> Case {
    Case::from_bytes(text.as_bytes(), &p(), Strictness::Strict)
        .expect("loads")
        .case
}

fn evidence(org: &str, sub: &str, listed: bool) -> Evidence {
    Evidence {
        checked_at: t("2026-12-05T07:13:29Z"),
        base_url: "https://api.meraki.com/api/v1".into(),
        request_ids: vec!["req-1".into()],
        organization_id: org.into(),
        organization_name: Some("Acme Corp HQ".into()),
        licensing_model: Some("subscription".into()),
        subscription_id: Some(sub.into()),
        subscriptions_listed: u64::from(listed),
        subscription: listed.then(|| SubscriptionFacts {
            subscription_id: sub.into(),
            status: Some("active".into()),
            networks: Some(1),
            ..SubscriptionFacts::default()
        }),
        unreadable_items: 0,
        listing_incomplete: false,
    }
}

const EN: &str = "source not backed by evidence";

#[test]
fn a_dashboard_source_without_evidence_is_flagged_in_both_languages() {
    let case = load(FAKE);
    assert_eq!(
        case.answer_source("claimed_bound"),
        AnswerSource::DashboardApi
    );
    assert!(case.source_unbacked("claimed_bound"));
    assert!(!case.source_unbacked("sa_status"));
    assert_eq!(case.source_label("claimed_bound", &I18n::new(Lang::En)), EN);
    let text = render(&p(), &case, Lang::Fr, t("2026-12-05T08:00:00Z"));
    let (fr, en) = text.split_once("\n---\n").expect("an English block");
    // The answers table's source column, capitalized.
    assert!(
        fr.contains("| Source non étayée par une vérification du Dashboard |"),
        "{fr}"
    );
    assert!(en.contains("| Source not backed by evidence |"), "{en}");
    assert!(
        !en.contains("| Checked by the partner in the Meraki Dashboard |"),
        "{en}"
    );
    // Its value stays.
    assert_eq!(
        case.answers.get("claimed_bound").map(String::as_str),
        Some("no")
    );
}

#[test]
fn evidence_for_other_ids_or_another_answer_does_not_back_it() {
    let at = t("2026-12-05T07:13:30Z");
    // Evidence for other IDs, though it would support "no".
    let mut case = load(FAKE);
    case.evidence = Some(evidence("2930418", "Sub100001", false));
    assert!(case.source_unbacked("claimed_bound"));
    // Evidence for these IDs that shows it listed with a network: supports "yes", not "no".
    let mut case = load(FAKE);
    case.evidence = Some(evidence("5550001", "Sub777777", true));
    assert!(case.source_unbacked("claimed_bound"));
    // Evidence for these IDs that backs the answer.
    let mut case = load(FAKE);
    case.evidence = Some(evidence("5550001", "Sub777777", false));
    assert!(!case.source_unbacked("claimed_bound"));
    let en = render(&p(), &case, Lang::En, at);
    assert!(!en.contains("Source not backed by evidence"), "{en}");
    assert!(
        en.contains("| Checked by the partner in the Meraki Dashboard |"),
        "{en}"
    );
    // Listing not read in full: "not listed" is not backed.
    let mut unknown = evidence("5550001", "Sub777777", false);
    unknown.unreadable_items = 1;
    case.evidence = Some(unknown);
    assert!(case.source_unbacked("claimed_bound"));
}

#[test]
fn an_unknown_listing_is_never_told_to_swit_as_not_listed() {
    let mut case = load(FAKE);
    let mut unknown = evidence("5550001", "Sub777777", false);
    unknown.listing_incomplete = true;
    case.evidence = Some(unknown);
    let en = render(&p(), &case, Lang::En, t("2026-12-05T08:00:00Z"));
    assert!(!en.contains("is not listed in organization"), "{en}");
    assert!(!en.contains("not listed in organization 5550001 ("), "{en}");
    assert!(en.contains("may be incomplete"), "{en}");
}
