//! Procedure version 2 in the window: the Meraki step asks for the organization and
//! subscription IDs and will not show the result without them, saying why; no other
//! path asks for them; a version 1 case file without them opens on that step, and the
//! escape hatch still works, listing what is missing.

use crate::support::kittest;

use cssm_assistant::app::{AssistantApp, Dialogs};
use cssm_assistant::assistant::{Assistant, View};
use cssm_assistant::case::{Case, Strictness};
use cssm_assistant::i18n::{I18n, Lang};
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use kittest::*;

fn to_meraki_step(h: &mut egui_kittest::Harness<'static, AssistantApp>, lang: Lang) {
    fill_required(h, lang);
    choose(h, lang, "has_smart_account_access", "yes");
    click(h, lang, "ui.next");
    choose(h, lang, "sa_assigned", "yes");
    choose(h, lang, "sa_status", "active");
    choose(h, lang, "subscription_visible", "no");
    click(h, lang, "ui.next");
}

fn blocked(lang: Lang, field: &str) -> String {
    let p = procedure();
    let label = t(lang, &p.field(field).expect("field").label);
    I18n::new(lang).trv("ui.blocked.fill", &[("field", &label)])
}

#[test]
fn the_result_waits_for_both_ids_and_says_which_is_missing() {
    for lang in Lang::ALL {
        let mut h = harness(lang, Dialogs::scripted([]));
        to_meraki_step(&mut h, lang);
        assert_eq!(h.state().assistant.view(), View::Step(2));
        choose(&mut h, lang, "claimed_bound", "yes");
        // Meraki Support's answer is given, but the IDs are not: no result yet.
        assert!(!h.state().assistant.can_go_next(), "{lang:?}");
        assert!(shows(&h, &blocked(lang, "meraki_org_id")), "{lang:?}");
        click(&mut h, lang, "ui.see_result");
        assert_eq!(h.state().assistant.view(), View::Step(2));

        type_into(&mut h, lang, "meraki_org_id", "2930418");
        assert!(shows(&h, &blocked(lang, "subscription_id")), "{lang:?}");
        type_into(&mut h, lang, "subscription_id", "SR1234567");
        click(&mut h, lang, "ui.see_result");
        assert_eq!(h.state().assistant.view(), View::Outcome, "{lang:?}");
        let request = cssm_assistant::summary::swit_request(
            &procedure(),
            h.state().assistant.case(),
            "swit_request.claimed",
        );
        assert!(request.contains("SR1234567") && request.contains("2930418"));
        assert!(shows(&h, &request), "the request on the result page");
    }
}

#[test]
fn no_other_path_asks_for_the_ids() {
    let lang = Lang::En;
    let id_label = field_label(lang, "meraki_org_id");
    let mut h = harness(lang, Dialogs::scripted([]));
    assert!(!shows(&h, &id_label), "not on the first step");
    fill_required(&mut h, lang);
    choose(&mut h, lang, "has_smart_account_access", "yes");
    click(&mut h, lang, "ui.next");
    choose(&mut h, lang, "sa_assigned", "yes");
    choose(&mut h, lang, "sa_status", "active");
    choose(&mut h, lang, "subscription_visible", "yes");
    assert!(!shows(&h, &id_label), "not on the second step");
    click(&mut h, lang, "ui.see_result");
    assert_eq!(h.state().assistant.view(), View::Outcome);
    assert_eq!(
        h.state().assistant.evaluation().outcome.as_deref(),
        Some("already_visible")
    );
    // The Meraki step is not on this path at all.
    let not_needed = format!(
        "{} ({})",
        t(lang, "step.meraki_check.title"),
        t(lang, "ui.step_state.not_needed")
    );
    assert!(shows(&h, &not_needed));
}

#[test]
fn a_version_1_file_without_ids_opens_on_the_meraki_step_and_can_still_escalate() {
    let text = r#"(
    procedure: "cssm-subscription-visibility",
    procedure_version: 1,
    answers: { "has_smart_account_access": "yes", "sa_assigned": "yes", "sa_status": "active",
               "subscription_visible": "no", "claimed_bound": "yes" },
    fields: { "smart_account_name": "Acme Corp", "smart_account_domain": "acme.example" },
)"#;
    for lang in Lang::ALL {
        let p = procedure();
        let case = Case::from_bytes(text.as_bytes(), &p, Strictness::Strict)
            .expect("loads")
            .case;
        assert_eq!(
            case.evaluate(&p).outcome.as_deref(),
            Some("swit_case_claimed"),
            "the outcome version 1 gave"
        );
        let mut h = harness_on(AssistantApp::new(
            Assistant::with_case(p, case, lang),
            Dialogs::scripted([]),
        ));
        assert_eq!(h.state().assistant.view(), View::Step(2), "{lang:?}");
        assert!(shows(&h, &blocked(lang, "meraki_org_id")), "{lang:?}");

        click(&mut h, lang, "ui.escalate");
        assert_eq!(h.state().assistant.view(), View::Outcome);
        let names = [
            t(lang, "field.meraki_org_id.label"),
            t(lang, "field.subscription_id.label"),
        ]
        .join(", ");
        let missing = I18n::new(lang).trv("ui.missing_ids", &[("fields", &names)]);
        assert!(shows(&h, &missing), "{lang:?}: {missing}");
        assert!(
            // The first numbered action, read as one label.
            shows(
                &h,
                &format!("1. {}", t(lang, "outcome.meraki_support.unblock"))
            ),
            "{lang:?}: Block Meraki Support"
        );
        assert!(
            h.query_by_role_and_label(Role::Button, &t(lang, "ui.resume"))
                .is_some()
        );
    }
}
