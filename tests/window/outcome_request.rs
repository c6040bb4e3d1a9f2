//! The request on the result page (issue 18, point 2): the line for Meraki Support
//! when the answer comes from the partner's Dashboard check, the disagreements of the
//! check above the request, the note the copied request carries, the IDs to add next
//! to Copy, the request an escalated fiche keeps, and the request for Meraki Support.

use crate::support::kittest;

use cssm_assistant::app::{AssistantApp, Dialogs};
use cssm_assistant::assistant::{Assistant, View};
use cssm_assistant::case::{Case, Strictness};
use cssm_assistant::i18n::Lang;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use kittest::*;

/// Claimed, accepted from a Dashboard check whose subscription belongs to another
/// Smart Account (the words review's case files A and B together).
const FROM_CHECK: &str = r#"(
    procedure: "cssm-subscription-visibility",
    answers: { "has_smart_account_access": "yes", "sa_assigned": "yes", "sa_status": "active",
               "subscription_visible": "no", "claimed_bound": "yes" },
    answer_sources: { "claimed_bound": "dashboard_api" },
    fields: { "smart_account_name": "Acme Corp", "smart_account_domain": "acme.example",
              "meraki_org_id": "549236", "subscription_id": "Sub-wanted" },
    evidence: (checked_at: "2026-11-24T09:06:00Z", base_url: "https://api.meraki.com/api/v1",
        request_ids: ["req-a1"], organization_id: "549236", organization_name: "Acme Org",
        licensing_model: "subscription", subscription_id: "Sub-wanted", subscriptions_listed: 1,
        subscription: (subscription_id: "Sub-wanted", status: "active", kind: "termed",
           smart_account_status: "active", smart_account_name: "Globex",
           smart_account_domain: "globex.example", networks: 3)),
)"#;

/// Escalated after the claimed path (case file D).
const ESCALATED: &str = r#"(
    procedure: "cssm-subscription-visibility",
    answers: { "has_smart_account_access": "yes", "sa_assigned": "yes", "sa_status": "active",
               "subscription_visible": "no", "claimed_bound": "yes" },
    fields: { "smart_account_name": "Acme Corp", "smart_account_domain": "acme.example",
              "meraki_org_id": "2930418", "subscription_id": "Sub1" },
    escalated: true,
)"#;

/// "Not controlled", without the IDs (case file E), escalated: the window asks for the
/// IDs on the Meraki step, so only the escape hatch reaches a request without them.
const WITHOUT_IDS: &str = r#"(
    procedure: "cssm-subscription-visibility",
    answers: { "has_smart_account_access": "yes", "sa_assigned": "yes", "sa_status": "active",
               "subscription_visible": "no", "claimed_bound": "no" },
    fields: { "smart_account_name": "Acme Corp", "smart_account_domain": "acme.example" },
    escalated: true,
)"#;

/// Not checked with Meraki Support yet.
const ASK: &str = r#"(
    procedure: "cssm-subscription-visibility",
    answers: { "has_smart_account_access": "yes", "sa_assigned": "yes", "sa_status": "active",
               "subscription_visible": "no", "claimed_bound": "not_yet" },
    fields: { "smart_account_name": "Acme Corp", "smart_account_domain": "acme.example",
              "meraki_org_id": "2930418", "subscription_id": "SR1234567" },
)"#;

fn open(text: &str, lang: Lang) -> Harness<'static, AssistantApp> {
    let p = procedure();
    let case = Case::from_bytes(text.as_bytes(), &p, Strictness::Strict)
        .expect("loads")
        .case;
    let h = harness_on(AssistantApp::new(
        Assistant::with_case(p, case, lang),
        Dialogs::scripted([]),
    ));
    assert_eq!(h.state().assistant.view(), View::Outcome, "{lang:?}");
    h
}

/// The request shown on the page, as the core words it.
fn request_shown(h: &Harness<'static, AssistantApp>) -> String {
    let assistant = &h.state().assistant;
    let case = assistant.case();
    cssm_assistant::summary::request::outcome_request(
        assistant.procedure(),
        case,
        assistant.evaluation(),
        &case.validated_fields(assistant.procedure()),
    )
    .expect("a request")
    .text
}

/// The top of the node labelled `label`.
fn top(h: &Harness<'static, AssistantApp>, label: &str) -> f32 {
    h.get_by_label(label).rect().top()
}

/// Clicks Copy the request and returns what was put on the clipboard.
fn copy_request(h: &mut Harness<'static, AssistantApp>, lang: Lang) -> String {
    h.get_by_role_and_label(Role::Button, &t(lang, "ui.copy_request"))
        .click();
    let mut copied = None;
    // The frame that handles the click emits the copy command.
    for _ in 0..4 {
        h.step();
        for command in &h.output().platform_output.commands {
            if let egui::OutputCommand::CopyText(text) = command {
                copied = Some(text.clone());
            }
        }
    }
    copied.expect("the request was copied")
}

#[test]
fn a_request_from_the_dashboard_says_so_and_shows_the_disagreement_above_it() {
    for lang in Lang::ALL {
        let mut h = open(FROM_CHECK, lang);
        let request = request_shown(&h);
        assert!(
            request.starts_with("A Meraki Dashboard API check on 2026-11-24 09:06:00 UTC"),
            "{request}"
        );
        assert!(shows(&h, &request), "{lang:?}: the request on the page");
        let confirm = t(lang, "request.confirm.dashboard");
        let lead = t(lang, "request.disagree.lead");
        let finding = format!(
            "• {}",
            cssm_assistant::i18n::I18n::new(lang).trv(
                "dashboard.finding.other_smart_account",
                &[("name", "Globex"), ("domain", "globex.example")],
            )
        );
        for line in [&confirm, &lead, &finding] {
            assert!(shows(&h, line), "{lang:?}: {line}");
            assert!(
                top(&h, line) < top(&h, &request),
                "{lang:?}: {line} above the request"
            );
        }
        assert!(shows(&h, &t(lang, "request.disagree.resolve")), "{lang:?}");
        // The copied request carries the note, with the values found.
        let copied = copy_request(&mut h, lang);
        assert_eq!(copied, request);
        assert!(
            copied.ends_with(
                "\nNote: the Meraki Dashboard check disagrees: the subscription's Smart Account \
                 is \"Globex\" (globex.example), not \"Acme Corp\" (acme.example)."
            ),
            "{copied}"
        );
        assert!(!copied.contains("Meraki Support has confirmed"), "{copied}");
    }
}

#[test]
fn the_options_of_claimed_bound_state_the_fact_and_the_source_says_who() {
    for lang in Lang::ALL {
        let h = open(FROM_CHECK, lang);
        let (yes, source) = match lang {
            Lang::En => (
                "Yes: claimed/bound",
                "(checked by the partner in the Meraki Dashboard)",
            ),
            Lang::Fr => (
                "Oui\u{a0}: ajouté et associé (claimed/bound)",
                "(vérifié par le partenaire dans le Dashboard Meraki)",
            ),
        };
        assert!(shows(&h, yes), "{lang:?}");
        assert!(shows(&h, source), "{lang:?}");
    }
}

#[test]
fn the_ids_to_add_are_said_next_to_copy() {
    for lang in Lang::ALL {
        let h = open(WITHOUT_IDS, lang);
        let line = t(lang, "request.lead.missing_both");
        assert!(shows(&h, &line), "{lang:?}: {line}");
        let copy = h
            .get_by_role_and_label(Role::Button, &t(lang, "ui.copy_request"))
            .rect();
        let warning = h.get_by_label(&line).rect();
        // On the Copy button's line (its row may wrap below it, never far away).
        assert!(
            (warning.top() - copy.top()).abs() < copy.height() * 3.0,
            "{lang:?}: {warning:?} next to {copy:?}"
        );
    }
}

#[test]
fn an_escalated_fiche_keeps_its_request_for_swit() {
    for lang in Lang::ALL {
        let mut h = open(ESCALATED, lang);
        assert_eq!(
            h.state().assistant.evaluation().outcome.as_deref(),
            Some("escalate_meraki_case")
        );
        assert!(shows(&h, &t(lang, "ui.swit_request")), "{lang:?}");
        let request = request_shown(&h);
        assert!(
            request.starts_with(
                "Meraki Support has confirmed that Cisco Networking Subscription Sub1"
            ),
            "{request}"
        );
        assert!(shows(&h, &request), "{lang:?}");
        assert_eq!(copy_request(&mut h, lang), request);
    }
}

#[test]
fn ask_meraki_support_has_a_request_for_meraki_support() {
    for lang in Lang::ALL {
        let mut h = open(ASK, lang);
        assert!(shows(&h, &t(lang, "ui.meraki_request")), "{lang:?}");
        assert!(!shows(&h, &t(lang, "ui.swit_request")), "{lang:?}");
        let request = request_shown(&h);
        assert_eq!(
            request,
            "Please confirm whether Cisco Networking Subscription SR1234567 is claimed into \
             Meraki organization 2930418 and bound to its networks, for Smart Account \
             \"Acme Corp\" (acme.example)."
        );
        assert!(shows(&h, &request), "{lang:?}");
        assert_eq!(copy_request(&mut h, lang), request);
    }
}

#[test]
fn a_french_partner_can_unfold_the_request_in_french_and_still_copies_the_english_one() {
    // Words review L27: the request is sent in English; the partner may read it in
    // their language, folded under a title that says not to send it.
    let mut h = open(ESCALATED, Lang::Fr);
    let english = request_shown(&h);
    let fold = t(Lang::Fr, "ui.request_translation");
    assert!(shows(&h, &fold), "the fold is offered in French");
    h.get_by_label(&fold).click();
    h.run();
    let french = {
        let assistant = &h.state().assistant;
        let case = assistant.case();
        cssm_assistant::summary::request::outcome_request_translated(
            assistant.procedure(),
            case,
            assistant.evaluation(),
            &case.validated_fields(assistant.procedure()),
            Lang::Fr,
        )
        .expect("a request")
        .text
    };
    assert!(
        french.starts_with("L'assistance Meraki a confirmé que"),
        "{french}"
    );
    assert!(shows(&h, &french), "the French request, unfolded");
    assert!(french.contains("Sub1"), "{french}");
    assert!(french.contains("l'organisation Meraki 2930418"), "{french}");
    assert!(
        top(&h, &english) < top(&h, &french),
        "the English request first, the translation under it"
    );
    // Copy still gives the English request, never the translation.
    assert_eq!(copy_request(&mut h, Lang::Fr), english);

    // In English there is nothing to translate.
    let h = open(ESCALATED, Lang::En);
    assert!(!shows(&h, &t(Lang::En, "ui.request_translation")));
}
