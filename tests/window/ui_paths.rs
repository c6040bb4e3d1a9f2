//! The window, driven by label as a user would: every outcome in both languages, the
//! escape hatch, the language switch, editing with undo, and the keyboard alone.

use crate::support::kittest;
use crate::support::spec_paths;

use cssm_assistant::app::Dialogs;
use cssm_assistant::assistant::View;
use cssm_assistant::i18n::Lang;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use kittest::*;

use spec_paths::EXPECTED as PATHS;

/// Answers a path through the window: each answer by clicking its option, Next (or
/// "See the result") whenever the step is complete.
fn walk(
    h: &mut egui_kittest::Harness<'static, cssm_assistant::app::AssistantApp>,
    lang: Lang,
    answers: &[(&str, &str)],
) {
    fill_required(h, lang);
    for (i, (q, o)) in answers.iter().enumerate() {
        if *q == "claimed_bound" {
            // The Meraki step asks for the identifiers first.
            fill_meraki_ids(h, lang);
        }
        choose(h, lang, q, o);
        let next_on_screen = answers.get(i + 1).is_some_and(|(nq, _)| {
            h.query_by_role_and_label(Role::RadioGroup, &question_label(lang, nq))
                .is_some()
        });
        if !next_on_screen {
            let key = if h
                .query_by_role_and_label(Role::Button, &t(lang, "ui.next"))
                .is_some()
            {
                "ui.next"
            } else {
                "ui.see_result"
            };
            click(h, lang, key);
        }
    }
}

#[test]
fn every_outcome_is_reached_through_the_window_in_both_languages() {
    let p = procedure();
    for lang in Lang::ALL {
        for (answers, outcome) in PATHS {
            let mut h = harness(lang, Dialogs::scripted([]));
            walk(&mut h, lang, answers);
            let o = p.outcome(outcome).expect("outcome");
            assert_eq!(
                h.state().assistant.view(),
                View::Outcome,
                "{lang:?} {outcome}"
            );
            assert!(
                shows(&h, &t(lang, &o.headline)),
                "{lang:?}: headline of {outcome}"
            );
            assert!(
                shows(&h, &t(lang, o.actor.key())),
                "{lang:?}: actor of {outcome}"
            );
            // Each next action is one label, its number included.
            for (n, action) in o.actions.iter().enumerate() {
                let line = format!("{}. {}", n + 1, t(lang, action));
                assert!(shows(&h, &line), "{lang:?}: action {action}");
            }
            for link in &o.links {
                assert!(
                    shows(&h, &t(lang, &link.label)),
                    "{lang:?}: link {}",
                    link.url
                );
            }
            let reference =
                cssm_assistant::i18n::I18n::new(lang).trv("ui.reference", &[("code", outcome)]);
            assert!(
                shows(&h, &reference),
                "{lang:?}: reference code of {outcome}"
            );
        }
    }
}

#[test]
fn the_escape_hatch_is_reachable_from_every_step_and_keeps_the_answers() {
    let p = procedure();
    let o = p.outcome("escalate_meraki_case").expect("outcome");
    for lang in Lang::ALL {
        // From the first step, before anything is typed.
        let mut h = harness(lang, Dialogs::scripted([]));
        click(&mut h, lang, "ui.escalate");
        assert!(shows(&h, &t(lang, &o.headline)), "{lang:?}");

        // From the second step, with answers given.
        let mut h = harness(lang, Dialogs::scripted([]));
        walk(
            &mut h,
            lang,
            &[("has_smart_account_access", "yes"), ("sa_assigned", "yes")],
        );
        click(&mut h, lang, "ui.escalate");
        assert!(shows(&h, &t(lang, &o.headline)));
        let case = h.state().assistant.case().clone();
        assert_eq!(
            case.answers.get("sa_assigned").map(String::as_str),
            Some("yes")
        );
        assert_eq!(case.field("smart_account_name"), "Acme Corp");
        // Both answers are listed under "Why this result".
        assert!(
            shows(&h, &option_label(lang, "sa_assigned", "yes"))
                || h.query_all_by_label(&option_label(lang, "sa_assigned", "yes"))
                    .count()
                    > 0
        );

        // Resume goes back to where the procedure stood.
        click(&mut h, lang, "ui.resume");
        assert_eq!(h.state().assistant.view(), View::Step(1));
        assert!(
            h.query_by_role_and_label(Role::RadioGroup, &question_label(lang, "sa_status"))
                .is_some()
        );
    }
}

#[test]
fn next_stays_disabled_and_says_why_until_the_step_is_valid() {
    let lang = Lang::En;
    let mut h = harness(lang, Dialogs::scripted([]));
    let why = cssm_assistant::i18n::I18n::new(lang).trv(
        "ui.blocked.fill",
        &[("field", &t(lang, "field.smart_account_name.label"))],
    );
    assert!(shows(&h, &why));
    type_into(&mut h, lang, "smart_account_name", "Acme");
    type_into(&mut h, lang, "smart_account_domain", "acme");
    // The domain's rule is shown as the user types.
    assert!(shows(&h, &t(lang, "validation.domain.single_label")));
    type_into(&mut h, lang, "smart_account_domain", ".fr");
    assert!(!shows(&h, &t(lang, "validation.domain.single_label")));
    choose(&mut h, lang, "has_smart_account_access", "yes");
    click(&mut h, lang, "ui.next");
    assert_eq!(h.state().assistant.view(), View::Step(1));
    assert_eq!(
        h.state().assistant.case().field("smart_account_domain"),
        "acme.fr"
    );
}

#[test]
fn switching_language_changes_every_text_and_keeps_every_answer() {
    let mut h = harness(Lang::Fr, Dialogs::scripted([]));
    fill_required(&mut h, Lang::Fr);
    choose(&mut h, Lang::Fr, "has_smart_account_access", "yes");
    assert!(shows(&h, &t(Lang::Fr, "step.prerequisites.title")));

    h.get_by_label("English").click();
    h.run();
    assert!(shows(&h, &t(Lang::En, "step.prerequisites.title")));
    assert!(!shows(&h, &t(Lang::Fr, "step.prerequisites.title")));
    assert!(shows(&h, &t(Lang::En, "procedure.title")));
    // The typed values are still in their boxes, and the answer still selected.
    let label = field_label(Lang::En, "smart_account_name");
    assert_eq!(h.get_by_label(&label).value().as_deref(), Some("Acme Corp"));
    let case = h.state().assistant.case();
    assert_eq!(
        case.answers
            .get("has_smart_account_access")
            .map(String::as_str),
        Some("yes")
    );
    assert_eq!(case.language, Some(Lang::En));

    h.get_by_label("Français").click();
    h.run();
    assert!(shows(&h, &t(Lang::Fr, "step.prerequisites.title")));
}

#[test]
fn editing_an_earlier_answer_updates_the_outcome_and_one_click_undoes_it() {
    let lang = Lang::Fr;
    let p = procedure();
    let mut h = harness(lang, Dialogs::scripted([]));
    walk(&mut h, lang, PATHS[4].0);
    assert!(shows(
        &h,
        &t(lang, &p.outcome("swit_case_claimed").expect("o").headline)
    ));

    // Edit the Smart Account status from the recap.
    let edit = cssm_assistant::i18n::I18n::new(lang).trv(
        "ui.edit.named",
        &[("what", &question_label(lang, "sa_status"))],
    );
    // The recap is below the request: scrolled into view, as a user would.
    h.get_by_label(&edit).scroll_to_me();
    h.run();
    h.get_by_label(&edit).click();
    h.run();
    assert_eq!(h.state().assistant.view(), View::Step(1));
    choose(&mut h, lang, "sa_status", "pending");

    // The later answers no longer apply, and the result is the new one at once.
    let eval = h.state().assistant.evaluation().clone();
    assert_eq!(eval.outcome.as_deref(), Some("contact_licensing_support"));
    assert_eq!(eval.not_applying.len(), 2);
    let struck = format!(
        "{} {} ({})",
        question_label(lang, "subscription_visible"),
        option_label(lang, "subscription_visible", "no"),
        t(lang, "ui.no_longer_applies")
    );
    assert!(
        shows(&h, &struck),
        "the no-longer-applying answer is shown as such"
    );
    assert!(
        shows(
            &h,
            &t(
                lang,
                &p.outcome("contact_licensing_support").expect("o").headline
            )
        ),
        "the stepper shows the new result"
    );

    // One click undoes the edit.
    click(&mut h, lang, "ui.undo");
    let eval = h.state().assistant.evaluation().clone();
    assert_eq!(eval.outcome.as_deref(), Some("swit_case_claimed"));
    assert!(eval.not_applying.is_empty());
    assert_eq!(answer_of(&h, "sa_status"), Some("active"));
}

#[test]
fn the_stepper_shows_progress_and_opens_done_steps() {
    let lang = Lang::En;
    let mut h = harness(lang, Dialogs::scripted([]));
    assert!(shows(&h, "Step 1 of 3"));
    walk(&mut h, lang, &[("has_smart_account_access", "yes")]);
    assert!(shows(&h, "Step 2 of 3"));
    // Back to the done first step through the stepper.
    let done = format!(
        "{} ({})",
        t(lang, "step.prerequisites.title"),
        t(lang, "ui.step_state.done")
    );
    h.get_by_label(&done).click();
    h.run();
    assert_eq!(h.state().assistant.view(), View::Step(0));
    // A step still to do cannot be opened.
    let todo = format!(
        "{} ({})",
        t(lang, "step.meraki_check.title"),
        t(lang, "ui.step_state.todo")
    );
    h.get_by_label(&todo).click();
    h.run();
    assert_eq!(h.state().assistant.view(), View::Step(0));

    // No access: the path is one step and the result.
    choose(&mut h, lang, "has_smart_account_access", "no");
    assert!(shows(&h, "Step 1 of 1"));
    let not_needed = format!(
        "{} ({})",
        t(lang, "step.meraki_check.title"),
        t(lang, "ui.step_state.not_needed")
    );
    assert!(shows(&h, &not_needed));
}

#[test]
fn a_whole_path_with_the_keyboard_alone() {
    use egui::{Event, Key, Modifiers};
    let lang = Lang::En;
    let mut h = harness(lang, Dialogs::scripted([]));
    let text = |h: &mut egui_kittest::Harness<'static, _>, s: &str| {
        h.event(Event::Text(s.to_owned()));
        h.run();
    };
    let key = |h: &mut egui_kittest::Harness<'static, _>, k: Key| {
        h.key_press(k);
        h.run();
    };
    // Focus starts in the first field.
    assert!(
        h.get_by_label(&field_label(lang, "smart_account_name"))
            .is_focused()
    );
    text(&mut h, "Acme Corp");
    key(&mut h, Key::Tab);
    text(&mut h, "acme.example");
    key(&mut h, Key::Tab);
    key(&mut h, Key::Space); // Yes, I have access.
    key(&mut h, Key::Enter); // Next.
    assert_eq!(h.state().assistant.view(), View::Step(1));

    // Focus starts on the first choice of the step.
    key(&mut h, Key::Space); // A Smart Account is assigned.
    key(&mut h, Key::Tab); // Status: the first option, Active.
    key(&mut h, Key::ArrowDown); // Pending…
    assert_eq!(answer_of(&h, "sa_status"), Some("pending"));
    key(&mut h, Key::ArrowUp); // …no, Active.
    assert_eq!(answer_of(&h, "sa_status"), Some("active"));
    key(&mut h, Key::Tab); // Visible? the first option, Yes.
    key(&mut h, Key::ArrowDown); // No.
    key(&mut h, Key::Enter);
    assert_eq!(h.state().assistant.view(), View::Step(2));

    // Focus starts in the organization ID; Enter cannot go on without the two IDs.
    assert!(
        h.get_by_label(&field_label(lang, "meraki_org_id"))
            .is_focused()
    );
    text(&mut h, "2930418");
    key(&mut h, Key::Tab);
    text(&mut h, "SR1234567");
    // Tab passes the Dashboard check's controls, then reaches the question.
    let first = option_label(lang, "claimed_bound", "yes");
    let mut tabs = 0;
    while !h
        .get_by_role_and_label(Role::RadioGroup, &question_label(lang, "claimed_bound"))
        .get_by_label(&first)
        .is_focused()
    {
        assert!(tabs < 10, "Tab never reached the claim/bind question");
        key(&mut h, Key::Tab);
        tabs += 1;
    }
    assert!(tabs > 1, "the Dashboard check's controls are on the way");
    key(&mut h, Key::ArrowDown); // Claimed: No
    key(&mut h, Key::ArrowDown); // Not checked yet
    key(&mut h, Key::Enter);
    assert_eq!(h.state().assistant.view(), View::Outcome);
    assert_eq!(
        h.state().assistant.evaluation().outcome.as_deref(),
        Some("ask_meraki_support")
    );

    // Ctrl+Z undoes the last answer.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        h.state().assistant.evaluation().outcome.as_deref(),
        Some("swit_case_not_controlled")
    );
}

#[test]
fn ctrl_plus_and_ctrl_minus_zoom() {
    use egui::{Key, Modifiers};
    let mut h = harness(Lang::En, Dialogs::scripted([]));
    let before = h.ctx.zoom_factor();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Plus);
    h.run();
    let zoomed = h.ctx.zoom_factor();
    assert!(zoomed > before, "{zoomed} > {before}");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Minus);
    h.run();
    assert!(h.ctx.zoom_factor() < zoomed);
}

#[test]
fn the_top_bar_holds_on_one_line_at_the_default_width_in_both_languages() {
    // 1100 points is the default window width: the commands, the language and the
    // theme switches all fit on the first line, in French too (the longest).
    for lang in Lang::ALL {
        let h = harness(lang, Dialogs::scripted([]));
        let first = h.get_by_label(&t(lang, "ui.new_case")).rect();
        let last = h.get_by_label(&t(lang, "theme.dark")).rect();
        assert!(
            (last.center().y - first.center().y).abs() < 1.0,
            "{lang:?}: \"{}\" wraps to another line ({first:?} vs {last:?})",
            t(lang, "theme.dark")
        );
    }
}
