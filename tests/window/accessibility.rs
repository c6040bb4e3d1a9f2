//! What a screen reader gets from the window, read from the AccessKit tree that egui
//! hands to the platform (AT-SPI, UI Automation): headings, the window's name, required
//! and invalid states, descriptions, live regions, ids that stay put, and where the
//! focus goes.

use crate::support::kittest;

use cssm_assistant::app::{AssistantApp, Autosave, Dialogs};
use cssm_assistant::assistant::{Assistant, View};
use cssm_assistant::i18n::{I18n, Lang};
use egui::accesskit::{Invalid, Live, Role};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable, by};
use kittest::*;

type H = Harness<'static, AssistantApp>;

/// A text that lives as long as the test (kittest's nodes borrow the label they were
/// looked up by).
fn keep(text: String) -> &'static str {
    Box::leak(text.into_boxed_str())
}

/// The text box of a field (named by its label).
fn input<'h>(h: &'h H, lang: Lang, field: &str) -> egui_kittest::Node<'h> {
    h.get_by_role_and_label(Role::TextInput, keep(field_label(lang, field)))
}

fn heading_level(h: &H, label: &str) -> Option<usize> {
    h.query_by_role_and_label(Role::Heading, label)
        .and_then(|n| n.accesskit_node().level())
}

fn to_outcome(h: &mut H, lang: Lang) {
    fill_required(h, lang);
    choose(h, lang, "has_smart_account_access", "no");
    click(h, lang, "ui.see_result");
    assert_eq!(h.state().assistant.view(), View::Outcome);
}

#[test]
fn the_procedure_the_step_and_the_outcome_are_headings() {
    for lang in Lang::ALL {
        let p = procedure();
        let mut h = harness(lang, Dialogs::scripted([]));
        assert_eq!(heading_level(&h, &t(lang, &p.title)), Some(1), "{lang:?}");
        assert_eq!(
            heading_level(&h, &t(lang, &p.steps[0].title)),
            Some(2),
            "{lang:?}"
        );
        to_outcome(&mut h, lang);
        let outcome = p.outcome("obtain_access").expect("outcome");
        let headline = t(lang, &outcome.headline);
        assert_eq!(heading_level(&h, &headline), Some(2), "{lang:?}");
        for section in ["ui.next_actions", "ui.why", "ui.recap"] {
            assert_eq!(heading_level(&h, &t(lang, section)), Some(3), "{section}");
        }
        // Arriving on the outcome puts the focus on its headline, which a screen reader
        // then reads, rather than on the unnamed window.
        let node = h.get_by_role_and_label(Role::Heading, &headline);
        assert!(node.is_focused(), "{lang:?}: the headline has the focus");
    }
}

#[test]
fn the_window_is_named_after_the_page_and_the_program() {
    let p = procedure();
    let mut h = harness(Lang::En, Dialogs::scripted([]));
    let name = |h: &H| h.root().accesskit_node().label().unwrap_or_default();
    assert_eq!(
        name(&h),
        format!(
            "{} – {}",
            t(Lang::En, &p.steps[0].title),
            t(Lang::En, "app.name")
        )
    );
    to_outcome(&mut h, Lang::En);
    let headline = t(Lang::En, &p.outcome("obtain_access").expect("o").headline);
    assert_eq!(
        name(&h),
        format!("{headline} – {}", t(Lang::En, "app.name"))
    );
    h.get_by_label("Français").click();
    h.run();
    let headline = t(Lang::Fr, &p.outcome("obtain_access").expect("o").headline);
    assert_eq!(
        name(&h),
        format!("{headline} – {}", t(Lang::Fr, "app.name"))
    );
}

#[test]
fn required_fields_have_the_required_state_and_no_star_in_their_name() {
    let lang = Lang::En;
    let h = harness(lang, Dialogs::scripted([]));
    for field in ["smart_account_name", "smart_account_domain"] {
        let node = input(&h, lang, field);
        let label = node.accesskit_node().label().unwrap_or_default();
        assert!(!label.contains('*'), "{field}: {label}");
        assert!(node.accesskit_node().is_required(), "{field} is required");
    }
    for field in ["previous_case_number", "contact_email", "order_number"] {
        assert!(
            !input(&h, lang, field).accesskit_node().is_required(),
            "{field} is optional"
        );
    }
}

#[test]
fn a_field_in_error_is_invalid_and_described_by_its_error() {
    for lang in Lang::ALL {
        let mut h = harness(lang, Dialogs::scripted([]));
        let node = input(&h, lang, "smart_account_domain");
        assert_eq!(node.accesskit_node().data().invalid(), None);
        type_into(&mut h, lang, "smart_account_domain", "not a domain!");
        let node = input(&h, lang, "smart_account_domain");
        assert_eq!(node.accesskit_node().data().invalid(), Some(Invalid::True));
        let description = node.accesskit_node().description().unwrap_or_default();
        // No AccessKit adapter maps `invalid` (AT-SPI gets no INVALID_ENTRY state):
        // the description, which every adapter maps, says it first.
        let prefix = I18n::new(lang).trv("a11y.invalid_entry", &[("reason", "")]);
        let reason = description
            .strip_prefix(prefix.as_str())
            .unwrap_or_else(|| panic!("{lang:?}: not said invalid: {description}"));
        assert!(!reason.is_empty(), "{lang:?}: the error is the description");
        // The same words are shown under the field.
        assert!(shows(&h, reason), "{lang:?}: {reason}");

        // Corrected: neither invalid nor described by an error any more.
        let edit = input(&h, lang, "smart_account_domain");
        edit.focus();
        h.run();
        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
        h.run();
        input(&h, lang, "smart_account_domain").type_text("acme.example");
        h.run();
        let node = input(&h, lang, "smart_account_domain");
        assert_eq!(node.value().as_deref(), Some("acme.example"));
        assert_eq!(node.accesskit_node().data().invalid(), None);
        assert_eq!(node.accesskit_node().description(), None);
    }
}

#[test]
fn next_when_disabled_is_described_by_why() {
    let lang = Lang::En;
    let p = procedure();
    let mut h = harness(lang, Dialogs::scripted([]));
    let next = |h: &H| {
        let n = h.get_by_role_and_label(Role::Button, keep(t(lang, "ui.next")));
        (
            n.accesskit_node().is_disabled(),
            n.accesskit_node().description(),
        )
    };
    let fill = I18n::new(lang).trv(
        "ui.blocked.fill",
        &[(
            "field",
            &t(lang, &p.field("smart_account_name").expect("f").label),
        )],
    );
    assert_eq!(next(&h), (true, Some(fill)));
    fill_required(&mut h, lang);
    let answer = I18n::new(lang).trv(
        "ui.blocked.answer",
        &[(
            "question",
            &question_label(lang, "has_smart_account_access"),
        )],
    );
    assert_eq!(next(&h), (true, Some(answer)));
    choose(&mut h, lang, "has_smart_account_access", "yes");
    assert_eq!(next(&h), (false, None));
}

#[test]
fn banners_are_live_regions() {
    let lang = Lang::En;
    let mut h = harness(lang, Dialogs::scripted([]));
    assert!(h.query_by_label(&t(lang, "banner.copied")).is_none());
    click(&mut h, lang, "ui.copy_summary");
    let banner = h.get_by_label(keep(t(lang, "banner.copied")));
    assert_eq!(banner.accesskit_node().live(), Live::Polite);
    // The buttons beside it are not read out as it appears.
    let dismiss = h.get_by_role_and_label(Role::Button, keep(t(lang, "ui.dismiss")));
    assert_eq!(dismiss.accesskit_node().live(), Live::Off);

    // A failure interrupts.
    let missing = std::env::temp_dir().join("cssm-a11y-no-such-case.ron");
    let _ = h.state_mut().assistant.open_path(&missing);
    h.run();
    let text = h
        .state()
        .assistant
        .banner
        .as_ref()
        .expect("banner")
        .text(&I18n::new(lang));
    let banner = h.get_by_label(keep(text));
    assert_eq!(banner.accesskit_node().live(), Live::Assertive);
}

#[test]
fn a_field_keeps_its_node_when_a_banner_appears_and_across_pages() {
    let lang = Lang::En;
    let mut h = harness(lang, Dialogs::scripted([]));
    fill_required(&mut h, lang);
    let id = |h: &H| input(h, lang, "smart_account_domain").accesskit_node().id();
    // The label the text box is named by (egui gives a label's text as its value).
    let label_id = |h: &H| {
        let label = keep(field_label(lang, "smart_account_domain"));
        h.get(by().role(Role::Label).value(label))
            .accesskit_node()
            .id()
    };
    let before = (id(&h), label_id(&h));
    let radio_before = h
        .get_by_role_and_label(
            Role::RadioGroup,
            &question_label(lang, "has_smart_account_access"),
        )
        .accesskit_node()
        .id();

    click(&mut h, lang, "ui.copy_summary");
    assert!(shows(&h, &t(lang, "banner.copied")));
    assert_eq!(
        (id(&h), label_id(&h)),
        before,
        "a banner above changes nothing"
    );
    let radio_after = h
        .get_by_role_and_label(
            Role::RadioGroup,
            &question_label(lang, "has_smart_account_access"),
        )
        .accesskit_node()
        .id();
    assert_eq!(radio_after, radio_before);

    click(&mut h, lang, "ui.dismiss");
    assert_eq!((id(&h), label_id(&h)), before, "nor does it going away");

    choose(&mut h, lang, "has_smart_account_access", "yes");
    click(&mut h, lang, "ui.next");
    assert_eq!(h.state().assistant.view(), View::Step(1));
    click(&mut h, lang, "ui.back");
    assert_eq!(h.state().assistant.view(), View::Step(0));
    assert_eq!(
        (id(&h), label_id(&h)),
        before,
        "back on its step, the same node"
    );
    assert_eq!(
        input(&h, lang, "smart_account_domain").value().as_deref(),
        Some("acme.example")
    );
}

#[test]
fn the_outcome_pages_buttons_keep_their_nodes_when_a_banner_appears() {
    let lang = Lang::En;
    let mut h = harness(lang, Dialogs::scripted([]));
    to_outcome(&mut h, lang);
    let what = field_label(lang, "smart_account_name");
    let edit = keep(I18n::new(lang).trv("ui.edit.named", &[("what", &what)]));
    let id = |h: &H| {
        h.get_by_role_and_label(Role::Button, edit)
            .accesskit_node()
            .id()
    };
    let before = id(&h);
    assert!(h.state().assistant.banner.is_none());
    click(&mut h, lang, "ui.copy_summary_clipboard");
    assert!(shows(&h, &t(lang, "banner.copied")));
    assert_eq!(id(&h), before);
}

#[test]
fn the_stepper_says_a_steps_state_once() {
    let lang = Lang::En;
    let p = procedure();
    let mut h = harness(lang, Dialogs::scripted([]));
    fill_required(&mut h, lang);
    choose(&mut h, lang, "has_smart_account_access", "yes");
    click(&mut h, lang, "ui.next");
    let done = format!(
        "{} ({})",
        t(lang, &p.steps[0].title),
        t(lang, "ui.step_state.done")
    );
    let node = h.get_by_role_and_label(Role::Button, &done);
    assert_eq!(node.accesskit_node().description(), None);
}

/// A harness with autosave in `dir`, which offers the newest draft found there.
fn with_drafts(dir: &std::path::Path, lang: Lang) -> H {
    let app = AssistantApp::with_autosave(
        Assistant::new(procedure(), lang),
        Dialogs::scripted([]),
        Autosave::new(Some(dir.to_owned())),
    );
    harness_on(app)
}

#[test]
fn the_resume_offer_takes_the_focus_and_typed_input_is_not_lost() {
    let lang = Lang::En;
    let tmp = tempfile::tempdir().expect("tmp");
    {
        let mut h = with_drafts(tmp.path(), lang);
        type_into(&mut h, lang, "smart_account_name", "Draft Corp");
    }
    let mut h = with_drafts(tmp.path(), lang);
    let resume = h.get_by_role_and_label(Role::Button, keep(t(lang, "resume.resume")));
    assert!(
        resume.is_focused(),
        "the offer, not the form, has the focus"
    );
    let description = resume.accesskit_node().description().unwrap_or_default();
    assert!(
        description.contains(&t(lang, "resume.title")),
        "the button says what it offers: {description}"
    );
    assert!(!input(&h, lang, "smart_account_name").is_focused());

    // Something typed before resuming: asked first, and kept when the user says so.
    type_into(&mut h, lang, "smart_account_name", "Typed Corp");
    click(&mut h, lang, "resume.resume");
    assert!(shows(&h, &t(lang, "resume.confirm")));
    assert_eq!(
        h.state().assistant.case().field("smart_account_name"),
        "Typed Corp"
    );
    assert!(
        h.get_by_role_and_label(Role::Button, keep(t(lang, "resume.confirm_replace")))
            .is_focused(),
        "the question has the focus"
    );
    click(&mut h, lang, "resume.confirm_keep");
    assert!(
        h.get_by_role_and_label(Role::Button, keep(t(lang, "resume.resume")))
            .is_focused(),
        "back on the offer"
    );
    assert_eq!(
        h.state().assistant.case().field("smart_account_name"),
        "Typed Corp"
    );
    assert!(shows(&h, &t(lang, "resume.title")), "the offer stays");

    // Asked again and confirmed: the draft replaces it.
    click(&mut h, lang, "resume.resume");
    click(&mut h, lang, "resume.confirm_replace");
    assert_eq!(
        h.state().assistant.case().field("smart_account_name"),
        "Draft Corp"
    );
    assert!(!shows(&h, &t(lang, "resume.title")));
}

#[test]
fn resuming_over_an_untouched_form_does_not_ask() {
    let lang = Lang::Fr;
    let tmp = tempfile::tempdir().expect("tmp");
    {
        let mut h = with_drafts(tmp.path(), lang);
        type_into(&mut h, lang, "smart_account_name", "Draft Corp");
    }
    let mut h = with_drafts(tmp.path(), lang);
    click(&mut h, lang, "resume.resume");
    assert_eq!(
        h.state().assistant.case().field("smart_account_name"),
        "Draft Corp"
    );
}

#[test]
fn dropping_the_offer_gives_the_focus_to_the_form() {
    let lang = Lang::En;
    let tmp = tempfile::tempdir().expect("tmp");
    {
        let mut h = with_drafts(tmp.path(), lang);
        type_into(&mut h, lang, "smart_account_name", "Draft Corp");
    }
    let mut h = with_drafts(tmp.path(), lang);
    click(&mut h, lang, "resume.discard");
    assert!(input(&h, lang, "smart_account_name").is_focused());
}

/// Every node of the tree: its id, role and name (label, else value).
fn nodes(h: &H) -> Vec<(String, Role, String)> {
    h.query_all(by())
        .map(|n| {
            let a = n.accesskit_node();
            let name = a.label().or_else(|| a.value()).unwrap_or_default();
            (format!("{:?}", a.id()), a.role(), name)
        })
        .collect()
}

/// The outcome page of the claimed fixture, with or without the Dashboard's facts
/// and the banner above it.
fn claimed_outcome(lang: Lang, evidence: bool) -> H {
    let mut case = crate::support::fixtures::build(
        crate::support::fixtures::fixture("swit_case_claimed"),
        lang,
    );
    if evidence {
        case.evidence = Some(cssm_assistant::evidence::Evidence {
            checked_at: "2026-11-24T09:30:00Z".parse().expect("time"),
            base_url: "https://api.meraki.com/api/v1".to_owned(),
            request_ids: vec!["req-1".to_owned()],
            organization_id: "2930418".to_owned(),
            organization_name: Some("Acme Corp HQ".to_owned()),
            licensing_model: Some("subscription".to_owned()),
            subscription_id: None,
            subscriptions_listed: 2,
            subscription: None,
            unreadable_items: 0,
            listing_incomplete: false,
        });
    }
    let assistant = Assistant::with_case(procedure(), case, lang);
    let mut h = harness_on(AssistantApp::new(assistant, Dialogs::scripted([])));
    assert_eq!(h.state().assistant.view(), View::Outcome);
    h.run();
    h
}

#[test]
fn the_outcome_pages_lists_keep_their_objects_when_content_appears_above() {
    let lang = Lang::Fr;
    let plain = nodes(&claimed_outcome(lang, false));
    let with_facts = nodes(&claimed_outcome(lang, true));
    // No object changes role (a screen reader saw an Edit button turn into the
    // label « (déclaré) » when the Dashboard's facts appeared above).
    let changed: Vec<String> = plain
        .iter()
        .filter_map(|(id, role, name)| {
            let (_, r, n) = with_facts.iter().find(|(i, _, _)| i == id)?;
            (r != role).then(|| format!("{role:?} {name:?} -> {r:?} {n:?}"))
        })
        .collect();
    assert!(
        changed.is_empty(),
        "{} changed:\n{}",
        changed.len(),
        changed.join("\n")
    );
    // Every line of "why" and "everything you entered", and every Edit button, is the
    // same object in both.
    let edits: Vec<_> = plain
        .iter()
        .filter(|(_, role, name)| *role == Role::Button && name.starts_with("Modifier"))
        .collect();
    assert!(edits.len() >= 5, "{edits:?}");
    for (id, _, name) in edits {
        assert!(
            with_facts
                .iter()
                .any(|(i, r, n)| i == id && *r == Role::Button && n == name),
            "{name} is another object once the facts are shown"
        );
    }
}

#[test]
fn case_file_rows_read_as_customer_outcome_and_date() {
    let lang = Lang::Fr;
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().to_owned();
    let mut case = crate::support::fixtures::build(
        crate::support::fixtures::fixture("swit_case_claimed"),
        lang,
    );
    case.updated = Some("2026-11-24T09:30:00Z".parse().expect("time"));
    std::fs::write(dir.join("draft-20261124T093000-1.ron"), case.to_ron()).expect("write");
    let mut app = AssistantApp::with_autosave(
        Assistant::new(procedure(), lang),
        Dialogs::scripted([]),
        Autosave::new(Some(dir)),
    );
    app.assistant.time_zone = jiff::tz::TimeZone::UTC;
    let mut h = harness_on(app);
    h.state_mut()
        .assistant
        .apply(cssm_assistant::assistant::Action::ShowCaseFiles);
    wait_for_scan(&mut h);
    h.get_by_role_and_label(Role::List, keep(t(lang, "files.title")));
    let headline = t(
        lang,
        &procedure()
            .outcome("swit_case_claimed")
            .expect("o")
            .headline,
    );
    let expected = I18n::new(lang).trv(
        "files.row",
        &[
            ("name", "Acme Corp"),
            ("outcome", &headline),
            (
                "when",
                &I18n::new(lang).trv("resume.when", &[("date", "24/11/2026"), ("time", "09:30")]),
            ),
        ],
    );
    h.get_by_role_and_label(Role::ListItem, keep(expected));
}
