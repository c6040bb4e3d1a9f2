//! Case file version 2: the evidence of a Dashboard check and where each answer comes
//! from; version 1 files load unchanged; hostile values in the new keys are refused or
//! cleaned, never trusted.

use cssm_assistant::case::{AnswerSource, Case, CaseError, Strictness};
use cssm_assistant::evidence::{Evidence, SubscriptionFacts};
use cssm_assistant::i18n::{I18n, Lang};
use cssm_assistant::procedure::Procedure;
use jiff::Timestamp;

fn p() -> Procedure {
    Procedure::builtin().expect("procedure")
}

fn load(text: &str) -> Result<Case, CaseError> {
    Case::from_bytes(text.as_bytes(), &p(), Strictness::Strict).map(|l| l.case)
}

fn t(s: &str) -> Timestamp {
    s.parse().expect("timestamp")
}

const V1: &str = r#"(
    schema_version: 1,
    procedure: "cssm-subscription-visibility",
    answers: { "has_smart_account_access": "yes", "sa_assigned": "yes", "sa_status": "active",
               "subscription_visible": "no", "claimed_bound": "yes" },
    fields: { "smart_account_name": "Acme Corp", "smart_account_domain": "acme.example" },
)"#;

fn evidence() -> Evidence {
    Evidence {
        checked_at: t("2026-11-24T09:06:00Z"),
        base_url: "https://api.meraki.com/api/v1".into(),
        request_ids: vec!["7f3a9c21b5".into()],
        organization_id: "549236".into(),
        organization_name: Some("Acme Org".into()),
        licensing_model: Some("subscription".into()),
        subscription_id: Some("Sub-wanted".into()),
        subscriptions_listed: 3000,
        subscription: Some(SubscriptionFacts {
            subscription_id: "Sub-wanted".into(),
            status: Some("active".into()),
            networks: Some(0),
            smart_account_domain: Some("acme.example".into()),
            ..SubscriptionFacts::default()
        }),
        unreadable_items: 0,
        listing_incomplete: false,
    }
}

#[test]
fn a_version_1_file_loads_unchanged() {
    let case = load(V1).expect("loads");
    assert_eq!(
        case.answers.get("claimed_bound").map(String::as_str),
        Some("yes")
    );
    assert_eq!(case.evidence, None);
    assert!(case.answer_sources.is_empty());
    assert_eq!(case.outcome.as_deref(), Some("swit_case_claimed"));
    // Its claim answer was confirmed by Meraki Support, by the option's own words.
    assert_eq!(
        case.answer_source("claimed_bound"),
        AnswerSource::MerakiSupport
    );
    assert_eq!(case.answer_source("sa_status"), AnswerSource::Stated);
}

#[test]
fn evidence_and_sources_survive_the_case_file() {
    let mut case = load(V1).expect("loads");
    case.set_evidence(evidence(), t("2026-11-24T09:06:01Z"));
    assert!(case.accept_from_dashboard("claimed_bound", "no", t("2026-11-24T09:06:02Z")));
    assert_eq!(
        case.answer_source("claimed_bound"),
        AnswerSource::DashboardApi
    );
    let text = case.for_export(&p()).to_ron();
    assert!(text.contains("schema_version: 2"), "{text}");
    assert!(
        text.contains("\"claimed_bound\": \"dashboard_api\""),
        "{text}"
    );
    assert!(
        text.contains("checked_at: \"2026-11-24T09:06:00Z\""),
        "{text}"
    );
    assert!(text.contains("\"7f3a9c21b5\""), "{text}");
    let again = load(&text).expect("reopens");
    assert_eq!(again, case.for_export(&p()));
    assert_eq!(
        again.answer_source("claimed_bound"),
        AnswerSource::DashboardApi
    );
    assert_eq!(again.outcome.as_deref(), Some("swit_case_not_controlled"));
    // Answering by hand again makes the answer the user's.
    let mut again = again;
    again.set_answer("claimed_bound", Some("yes"), t("2026-11-24T09:07:00Z"));
    assert_eq!(
        again.answer_source("claimed_bound"),
        AnswerSource::MerakiSupport
    );
}

#[test]
fn a_source_for_an_unknown_question_is_refused_with_its_id() {
    let text = V1.replace(
        "fields:",
        "answer_sources: { \"favourite_colour\": \"stated\" },\n    fields:",
    );
    let err = load(&text).expect_err("refused");
    assert_eq!(err, CaseError::UnknownQuestion("favourite_colour".into()));
    assert!(
        err.message(&I18n::new(Lang::Fr))
            .contains("favourite_colour")
    );
}

#[test]
fn an_unknown_source_is_refused() {
    let text = V1.replace(
        "fields:",
        "answer_sources: { \"claimed_bound\": \"my_cousin\" },\n    fields:",
    );
    assert!(matches!(load(&text), Err(CaseError::Syntax { .. })));
}

#[test]
fn a_source_for_an_unanswered_question_is_dropped() {
    let text = V1.replace("\"claimed_bound\": \"yes\" ", "").replace(
        "fields:",
        "answer_sources: { \"claimed_bound\": \"dashboard_api\" },\n    fields:",
    );
    let case = load(&text).expect("loads");
    assert!(case.answer_sources.is_empty());
}

#[test]
fn hostile_evidence_is_cleaned_or_refused() {
    let long = "x".repeat(5000);
    let text = V1.replace(
        "fields:",
        &format!(
            "evidence: (checked_at: \"2026-11-24T09:06:00Z\", base_url: \"https://a.example/\\u{{1b}}[2J\", \
             organization_id: \"1\", organization_name: \"{long}\", request_ids: [{}]),\n    fields:",
            vec!["\"id\\n-injected\""; 100].join(",")
        ),
    );
    let case = load(&text).expect("loads");
    let e = case.evidence.expect("evidence");
    assert!(
        !e.base_url.chars().any(char::is_control),
        "{:?}",
        e.base_url
    );
    assert!(e.organization_name.expect("name").chars().count() <= 201);
    assert_eq!(e.request_ids.len(), 20);
    assert!(e.request_ids.iter().all(|id| !id.contains('\n')));

    let unknown_key = V1.replace(
        "fields:",
        "evidence: (checked_at: \"2026-11-24T09:06:00Z\", base_url: \"x\", organization_id: \"1\", api_key: \"secret\"),\n    fields:",
    );
    assert!(matches!(load(&unknown_key), Err(CaseError::Syntax { .. })));
    let bad_time = V1.replace(
        "fields:",
        "evidence: (checked_at: \"yesterday\", base_url: \"x\", organization_id: \"1\"),\n    fields:",
    );
    assert!(matches!(load(&bad_time), Err(CaseError::Syntax { .. })));
}

#[test]
fn no_case_file_key_can_hold_an_api_key() {
    // A key-like entry anywhere at the top level is refused, not kept and re-written.
    for key in ["api_key", "dashboard_api_key", "MERAKI_DASHBOARD_API_KEY"] {
        let text = V1.replace(
            "fields:",
            &format!("{key}: \"0123456789abcdef\",\n    fields:"),
        );
        assert!(
            matches!(load(&text), Err(CaseError::Syntax { .. })),
            "{key}"
        );
    }
}

#[test]
fn a_claim_key_in_the_evidence_is_never_written() {
    const CLAIM: &str = "S2345-6789A-BCDEF-GHJKM";
    let mut case = Case::new(&p(), Lang::En, t("2026-11-24T09:00:00Z"));
    let mut e = evidence();
    e.organization_name = Some(format!("Org {CLAIM}"));
    if let Some(s) = &mut e.subscription {
        s.smart_account_name = Some(format!("{} {CLAIM}", "x".repeat(180)));
    }
    case.set_evidence(e, t("2026-11-24T09:06:01Z"));
    let text = case.to_ron();
    assert!(!text.contains("S2345-6789A"), "{text}");
    let back = Case::from_bytes(text.as_bytes(), &p(), Strictness::Strict)
        .expect("loads")
        .case;
    let e = back.evidence.expect("evidence");
    assert!(
        e.organization_name
            .as_deref()
            .is_some_and(|n| n.starts_with("Org "))
    );
    let name = e
        .subscription
        .and_then(|s| s.smart_account_name)
        .expect("name");
    assert!(name.chars().count() <= 201, "{name}");
}
