//! The summary of a checked case: the evidence section in both language blocks, each
//! answer's source, the conflicts, and the check in the request to SWIT.

use cssm_assistant::case::{Case, Strictness};
use cssm_assistant::evidence::{Evidence, SubscriptionFacts};
use cssm_assistant::i18n::Lang;
use cssm_assistant::procedure::Procedure;
use cssm_assistant::summary::{render, swit_request};
use jiff::Timestamp;

fn p() -> Procedure {
    Procedure::builtin().expect("procedure")
}

const CASE: &str = r#"(
    procedure: "cssm-subscription-visibility",
    answers: { "has_smart_account_access": "yes", "sa_assigned": "yes", "sa_status": "active",
               "subscription_visible": "no", "claimed_bound": "yes" },
    fields: { "smart_account_name": "Acme Corp", "smart_account_domain": "acme.example",
              "meraki_org_id": "549236", "subscription_id": "Sub-wanted" },
)"#;

fn t(s: &str) -> Timestamp {
    s.parse().expect("time")
}

fn checked(org_name: &str) -> Case {
    let mut case = Case::from_bytes(CASE.as_bytes(), &p(), Strictness::Strict)
        .expect("loads")
        .case;
    case.set_evidence(
        Evidence {
            checked_at: t("2026-11-24T09:06:00Z"),
            base_url: "https://api.meraki.com/api/v1".into(),
            request_ids: vec!["req-a1".into(), "req-b2".into()],
            organization_id: "549236".into(),
            organization_name: Some(org_name.into()),
            licensing_model: Some("subscription".into()),
            subscription_id: Some("Sub-wanted".into()),
            subscriptions_listed: 2001,
            subscription: Some(SubscriptionFacts {
                subscription_id: "Sub-wanted".into(),
                status: Some("active".into()),
                kind: Some("enterpriseAgreement".into()),
                networks: Some(3),
                smart_account_status: Some("pending".into()),
                smart_account_name: Some("Globex".into()),
                smart_account_domain: Some("globex.example".into()),
                ..SubscriptionFacts::default()
            }),
            unreadable_items: 0,
            listing_incomplete: false,
        },
        t("2026-11-24T09:06:01Z"),
    );
    case.accept_from_dashboard("claimed_bound", "yes", t("2026-11-24T09:06:02Z"));
    case
}

#[test]
fn both_language_blocks_carry_the_evidence_sources_and_conflicts() {
    let text = render(
        &p(),
        &checked("Acme Org"),
        Lang::Fr,
        t("2026-11-24T10:00:00Z"),
    );
    let (fr, en) = text.split_once("\n---\n").expect("an English block");
    for (block, title, sources, conflict, source) in [
        (
            fr,
            "## Éléments issus du Dashboard Meraki",
            "| N° | Question | Réponse | Source |",
            "Le compte Smart de l'abonnement est Globex (globex.example), pas celui saisi.",
            "| Vérifié par le partenaire dans le Dashboard Meraki |",
        ),
        (
            en,
            "### Evidence from the Meraki Dashboard",
            "| # | Question | Answer | Source |",
            "The subscription's Smart Account is Globex (globex.example), not the one entered.",
            "| Checked by the partner in the Meraki Dashboard |",
        ),
    ] {
        assert!(block.contains(title), "{block}");
        assert!(block.contains(sources), "{block}");
        assert!(block.contains(&format!("- **{conflict}**")), "{block}");
        assert!(block.contains(source), "{block}");
        assert!(block.contains("req-a1, req-b2"), "{block}");
        // Escaped, so that it cannot be made a link.
        assert!(block.contains("https\\://api.meraki.com/api/v1"), "{block}");
    }
    assert!(
        en.contains("Pending, but the answer given is Active"),
        "{en}"
    );
    assert!(
        en.contains(
            "when CSSM controls it, it shows in CSSM only; when the Meraki Dashboard \
             controls it, it shows in both."
        ),
        "{en}"
    );
    assert!(en.contains("| Stated by the partner |"), "{en}");
}

#[test]
fn the_request_to_swit_says_what_the_check_found() {
    let case = checked("Acme Org");
    // Accepted from the check: the request starts from it (words H1), and ends with
    // what the check says against the answers (words H2).
    let request = swit_request(&p(), &case, "swit_request.claimed");
    assert_eq!(
        request,
        "A Meraki Dashboard API check on 2026-11-24 09:06:00 UTC (request id req-b2) shows \
         Cisco Networking Subscription Sub-wanted claimed in Meraki organization 549236 with 3 \
         networks bound, assigned to Smart Account \"Globex\" (globex.example). Its \
         consumption does not appear in Smart Account \"Acme Corp\" (acme.example) in CSSM. \
         Please check why.\nNote: the Meraki Dashboard check disagrees: the Smart Account's \
         status is pending, not active as answered; the subscription's Smart Account is \
         \"Globex\" (globex.example), not \"Acme Corp\" (acme.example)."
    );
    assert!(
        !request.contains("Meraki Support has confirmed"),
        "{request}"
    );
    let summary = render(&p(), &case, Lang::En, t("2026-11-24T10:00:00Z"));
    assert!(summary.contains(&request), "{summary}");
    // The same check under an answer Meraki Support confirmed: today's wording, and
    // the check after it.
    let mut confirmed = case.clone();
    confirmed.answer_sources.clear();
    let request = swit_request(&p(), &confirmed, "swit_request.claimed");
    assert!(
        request.starts_with("Meraki Support has confirmed that"),
        "{request}"
    );
    assert!(
        request.contains(
            "\nChecked through the Meraki Dashboard API on 2026-11-24 09:06:00 UTC: status active, \
             networks bound 3, Smart Account \"Globex\" (globex.example) (request id req-b2).\n"
        ),
        "{request}"
    );
}

#[test]
fn a_case_never_checked_has_no_evidence_section() {
    let case = Case::from_bytes(CASE.as_bytes(), &p(), Strictness::Strict)
        .expect("loads")
        .case;
    let text = render(&p(), &case, Lang::En, t("2026-11-24T10:00:00Z"));
    assert!(!text.contains("Evidence from the Meraki Dashboard"));
    assert!(!swit_request(&p(), &case, "swit_request.claimed").contains("Dashboard API"));
}

#[test]
fn dashboard_text_is_escaped_in_the_summary() {
    let text = render(
        &p(),
        &checked("<img src=x onerror=alert(1)> **bold** [link](https://evil.example)"),
        Lang::En,
        t("2026-11-24T10:00:00Z"),
    );
    assert!(text.contains("\\<img src=x onerror=alert(1)\\>"), "{text}");
    assert!(!text.contains(" <img"), "{text}");
    assert!(!text.contains("[link](https://evil.example)"), "{text}");
}

#[test]
fn a_claim_key_in_the_dashboards_texts_is_redacted_in_the_summary() {
    const CLAIM: &str = "S2345-6789A-BCDEF-GHJKM";
    let mut case = checked(&format!("Org {CLAIM}"));
    if let Some(e) = &mut case.evidence
        && let Some(s) = &mut e.subscription
    {
        s.smart_account_name = Some(format!("Globex {CLAIM}"));
        s.name = Some(format!("Sub {CLAIM}"));
    }
    for lang in Lang::ALL {
        let text = render(&p(), &case, lang, t("2026-11-24T10:00:00Z"));
        assert!(text.contains("Org "), "{text}");
        assert!(!text.contains(CLAIM), "{text}");
        assert!(!text.contains("S2345-6789A"), "{text}");
    }
}
