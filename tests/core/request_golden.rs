//! Golden requests (issue 18, point 2): the "Request for SWIT" (or "for Meraki
//! Support") section of the summary, for every source of `claimed_bound` (stated by the
//! partner, confirmed by Meraki Support, a Dashboard check that lists the subscription,
//! one that does not list it, one whose listing could not be read in full) crossed with
//! the Dashboard's disagreements (none, one, several), in both summary languages, plus
//! the missing IDs, the escalated fiche and the request for Meraki Support. Each golden
//! is compared byte for byte with `tests/golden/requests/<name>.<lang>.md`.
//!
//! After a deliberate change, regenerate them with
//! `UPDATE_GOLDEN=1 cargo test --test core request_golden`, then read the diff as the
//! Meraki engineer who forwards the request, and as SWIT who receives it.

use crate::support::fixtures::{GENERATED, procedure, t};

use std::path::PathBuf;

use cssm_assistant::case::{AnswerSource, Case, Strictness};
use cssm_assistant::evidence::{Evidence, SubscriptionFacts};
use cssm_assistant::i18n::Lang;
use cssm_assistant::summary::render;

/// The answers up to the Meraki step, and every detail the request can name.
fn case(claimed: &str, extra: &str) -> Case {
    let text = format!(
        r#"(
    procedure: "cssm-subscription-visibility",
    answers: {{ "has_smart_account_access": "yes", "sa_assigned": "yes", "sa_status": "active",
               "subscription_visible": "no", "claimed_bound": "{claimed}" }},
    fields: {{ "smart_account_name": "Acme Corp", "smart_account_domain": "acme.example",
              "meraki_org_id": "549236", "subscription_id": "Sub-wanted",
              "order_number": "87654321", "virtual_account": "Default",
              "previous_case_number": "01234567" }},
    {extra}
)"#
    );
    Case::from_bytes(text.as_bytes(), &procedure(), Strictness::Strict)
        .expect("the case loads")
        .case
}

/// A check that lists the subscription with three networks, as the answers expect.
fn listed() -> Evidence {
    Evidence {
        checked_at: t("2026-11-24T09:06:00Z"),
        base_url: "https://api.meraki.com/api/v1".into(),
        request_ids: vec!["req-a1".into(), "req-b2".into()],
        organization_id: "549236".into(),
        organization_name: Some("Acme Org".into()),
        licensing_model: Some("subscription".into()),
        subscription_id: Some("Sub-wanted".into()),
        subscriptions_listed: 1,
        subscription: Some(SubscriptionFacts {
            subscription_id: "Sub-wanted".into(),
            name: Some("Acme EA".into()),
            status: Some("active".into()),
            kind: Some("termed".into()),
            smart_account_status: Some("active".into()),
            smart_account_name: Some("Acme Corp".into()),
            smart_account_domain: Some("acme.example".into()),
            networks: Some(3),
            organizations: Some(1),
            ..SubscriptionFacts::default()
        }),
        unreadable_items: 0,
        listing_incomplete: false,
    }
}

/// A check whose listing, read in full, does not hold the subscription.
fn not_listed() -> Evidence {
    Evidence {
        subscription: None,
        subscriptions_listed: 0,
        ..listed()
    }
}

/// How many disagreements the evidence holds.
#[derive(Clone, Copy)]
enum Disagree {
    None,
    One,
    Several,
}

/// `evidence` with `d` disagreements: another Smart Account; then also a Smart Account
/// pending, an expired subscription and a co-term organization. A subscription not
/// listed can only disagree by its organization's licensing model.
fn disagreeing(mut evidence: Evidence, d: Disagree) -> Evidence {
    let several = matches!(d, Disagree::Several);
    match (&mut evidence.subscription, d) {
        (_, Disagree::None) => {}
        (None, _) => evidence.licensing_model = Some("co-term".into()),
        (Some(s), _) => {
            s.smart_account_name = Some("Globex".into());
            s.smart_account_domain = Some("globex.example".into());
            if several {
                s.smart_account_status = Some("pending".into());
                s.status = Some("expired".into());
                evidence.licensing_model = Some("co-term".into());
            }
        }
    }
    evidence
}

/// One golden: its name and its case.
struct Golden {
    name: String,
    case: Case,
}

fn with(mut case: Case, evidence: Option<Evidence>, source: Option<AnswerSource>) -> Case {
    case.evidence = evidence;
    if let Some(source) = source {
        case.answer_sources
            .insert("claimed_bound".to_owned(), source);
    }
    case
}

fn goldens() -> Vec<Golden> {
    let mut all = Vec::new();
    let levels = [
        ("none", Disagree::None),
        ("one", Disagree::One),
        ("several", Disagree::Several),
    ];
    for (source_name, source) in [
        ("stated", AnswerSource::Stated),
        ("meraki_support", AnswerSource::MerakiSupport),
    ] {
        all.push(Golden {
            name: format!("{source_name}.not_checked"),
            case: with(case("yes", ""), None, Some(source)),
        });
        for (level, d) in levels {
            all.push(Golden {
                name: format!("{source_name}.{level}"),
                case: with(
                    case("yes", ""),
                    Some(disagreeing(listed(), d)),
                    Some(source),
                ),
            });
        }
    }
    for (level, d) in levels {
        all.push(Golden {
            name: format!("dashboard_listed.{level}"),
            case: with(
                case("yes", ""),
                Some(disagreeing(listed(), d)),
                Some(AnswerSource::DashboardApi),
            ),
        });
    }
    // Not listed: only the licensing model can disagree ("several" is "one").
    for (level, d) in &levels[..2] {
        all.push(Golden {
            name: format!("dashboard_not_listed.{level}"),
            case: with(
                case("no", ""),
                Some(disagreeing(not_listed(), *d)),
                Some(AnswerSource::DashboardApi),
            ),
        });
        let mut unknown = disagreeing(not_listed(), *d);
        unknown.unreadable_items = 2;
        all.push(Golden {
            name: format!("dashboard_unknown_listing.{level}"),
            case: with(
                case("no", ""),
                Some(unknown),
                Some(AnswerSource::DashboardApi),
            ),
        });
    }
    // The escape hatch taken after the answers led to SWIT (words M8).
    all.push(Golden {
        name: "escalated_after_claimed".into(),
        case: case("yes", "escalated: true,"),
    });
    // Neither ID: Meraki Support must add them before sending (words M2).
    let mut no_ids = case("no", "");
    no_ids.fields.remove("meraki_org_id");
    no_ids.fields.remove("subscription_id");
    all.push(Golden {
        name: "not_controlled_without_ids".into(),
        case: no_ids,
    });
    // Not checked with Meraki Support yet: the request for Meraki Support (words L30).
    all.push(Golden {
        name: "ask_meraki_support".into(),
        case: case("not_yet", ""),
    });
    all
}

/// The sections of a summary that carry a request (their heading to the next one).
fn request_sections(summary: &str) -> String {
    let titles = [
        "Request for SWIT",
        "Demande pour SWIT",
        "Request for Meraki Support",
        "Demande pour l'assistance Meraki",
    ];
    let mut out = String::new();
    let mut inside = false;
    for line in summary.lines() {
        if line.starts_with('#') && !line.starts_with("#### ") {
            inside = titles.contains(&line.trim_start_matches('#').trim());
        }
        if inside {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

fn golden_path(name: &str, lang: Lang) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden/requests")
        .join(format!("{name}.{}.md", lang.code()))
}

#[test]
fn every_request_matches_its_golden() {
    let p = procedure();
    let update = std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1");
    let mut failures = Vec::new();
    for golden in goldens() {
        for lang in Lang::ALL {
            let text = request_sections(&render(&p, &golden.case, lang, t(GENERATED)));
            assert!(!text.is_empty(), "{} has a request", golden.name);
            let path = golden_path(&golden.name, lang);
            if update {
                std::fs::create_dir_all(path.parent().expect("a folder")).expect("mkdir");
                std::fs::write(&path, &text).expect("write the golden");
                continue;
            }
            match std::fs::read_to_string(&path) {
                Ok(expected) if expected == text => {}
                Ok(_) => failures.push(format!("{} differs:\n{text}", path.display())),
                Err(e) => failures.push(format!("{}: {e}", path.display())),
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{}\n(after a deliberate change: UPDATE_GOLDEN=1 cargo test --test core request_golden)",
        failures.join("\n")
    );
}

/// The request block (the English one, last) of a summary.
fn request_of(summary: &str) -> &str {
    let (_, rest) = summary.rsplit_once("```text\n").expect("a request");
    rest.split_once("\n```").expect("a closed request").0
}

#[test]
fn each_request_names_its_source_and_every_disagreement() {
    let p = procedure();
    for golden in goldens() {
        let en = render(&p, &golden.case, Lang::En, t(GENERATED));
        let request = request_of(&en);
        let name = golden.name.as_str();
        let from_check = name.starts_with("dashboard_listed") || name.starts_with("dashboard_not");
        // Only Meraki Support's own answer is said to be confirmed by Meraki Support.
        assert_eq!(
            request.starts_with("A Meraki Dashboard API check on 2026-11-24 09:06:00 UTC"),
            from_check,
            "{name}: {request}"
        );
        assert!(!from_check || !request.contains("Meraki Support"), "{name}");
        // Doubt never becomes "not listed".
        if name.starts_with("dashboard_unknown_listing") {
            assert!(!request.contains("does not list"), "{name}: {request}");
            assert!(!request.contains("not listed"), "{name}: {request}");
        }
        // Whoever is not Meraki Support: Meraki Support confirms before sending.
        let confirm = if from_check {
            Some("Meraki Support: this answer comes from the partner's Dashboard check")
        } else if name.starts_with("stated") || name.starts_with("dashboard_unknown") {
            Some("Meraki Support: this answer is the partner's statement")
        } else {
            None
        };
        let (above, _) = en.split_once(request).expect("the request");
        match confirm {
            Some(line) => assert!(above.contains(line), "{name}: {en}"),
            None => assert!(!above.contains("Confirm it before you send"), "{name}"),
        }
        // Disagreements above the request and in its note, with the values found.
        let disagrees = name.ends_with(".one") || name.ends_with(".several");
        assert_eq!(
            above.contains("The Dashboard check contradicts this request:"),
            disagrees,
            "{name}"
        );
        assert_eq!(
            request.contains("\nNote: the Meraki Dashboard check disagrees: "),
            disagrees,
            "{name}: {request}"
        );
        if disagrees && request.contains("Globex") {
            assert!(
                request.contains(
                    "the subscription's Smart Account is \"Globex\" (globex.example), not \
                     \"Acme Corp\" (acme.example)"
                ),
                "{name}: {request}"
            );
        }
        if name.ends_with(".several") {
            assert!(
                request.contains("the subscription's status is expired")
                    && request.contains("the Smart Account's status is pending")
                    && request.contains("licensing model is co-term"),
                "{name}: {request}"
            );
        }
        // The Virtual Account and the earlier case, when given (words L29).
        if golden.case.fields.contains_key("subscription_id") {
            assert!(request.contains("(Virtual Account \"Default\")"), "{name}");
            assert!(request.contains("Earlier case: 01234567."), "{name}");
        }
        // Never the Meraki claim of control from the partner's own check.
        assert!(!request.contains("Meraki does NOT control") || !from_check);
    }
}

#[test]
fn an_escalated_fiche_keeps_the_request_its_answers_led_to() {
    let p = procedure();
    let golden = goldens()
        .into_iter()
        .find(|g| g.name == "escalated_after_claimed")
        .expect("the escalated golden");
    let eval = golden.case.evaluate(&p);
    assert_eq!(eval.outcome.as_deref(), Some("escalate_meraki_case"));
    for lang in Lang::ALL {
        let text = render(&p, &golden.case, lang, t(GENERATED));
        assert!(
            request_of(&text).starts_with(
                "Meraki Support has confirmed that Cisco Networking Subscription Sub-wanted"
            ),
            "{text}"
        );
    }
}
