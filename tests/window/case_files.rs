//! The list of case files: the start with several unfinished drafts opens on it; rows
//! sorted by last change and filtered as you type; open (the case on screen kept),
//! duplicate, show in the file manager, remove and undo; remembered exported files,
//! moved and damaged ones listed as such; a draft open in another window shown so and
//! not opened twice; rows a screen reader reads as customer, outcome, date.

use crate::support::kittest;

use std::path::{Path, PathBuf};

use cssm_assistant::app::{AssistantApp, Autosave, Dialogs, SettingsFile};
use cssm_assistant::assistant::{Action, Assistant, EntryKind, EntryState, Holder};
use cssm_assistant::case::{Case, Strictness};
use cssm_assistant::i18n::{I18n, Lang};
use cssm_assistant::ui::ThemeChoice;
use egui::Key;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use kittest::*;

const EN: Lang = Lang::En;

/// A window autosaving into `drafts`, remembering files in `settings`.
fn app(drafts: &Path, settings: &Path, dialogs: Dialogs) -> AssistantApp {
    let (file, s) = SettingsFile::open(Some(settings.to_owned()), &I18n::new(EN));
    AssistantApp::with_autosave(
        Assistant::new(procedure(), EN),
        dialogs,
        Autosave::new(Some(drafts.to_owned())),
    )
    .with_settings(file, s, ThemeChoice::System)
}

/// A case named `name`, last changed `minutes_ago` minutes ago.
fn case(name: &str, domain: &str, minutes_ago: i64) -> Case {
    let at = jiff::Timestamp::now() - jiff::SignedDuration::from_mins(minutes_ago);
    let mut case = Case::new(&procedure(), EN, at);
    case.set_field("smart_account_name", name, at);
    case.set_field("smart_account_domain", domain, at);
    case.set_field("meraki_org_id", &format!("29304{minutes_ago:02}"), at);
    case.updated = Some(at);
    case
}

/// Leaves a draft as a closed window would.
fn draft(dir: &Path, name: &str, domain: &str, minutes_ago: i64) -> PathBuf {
    std::fs::create_dir_all(dir).expect("dir");
    let path = dir.join(format!(
        "draft-20261201T0000{minutes_ago:02}-9{minutes_ago}.ron"
    ));
    std::fs::write(&path, case(name, domain, minutes_ago).to_ron()).expect("write");
    path
}

fn three_drafts(dir: &Path) -> [PathBuf; 3] {
    [
        draft(dir, "Alpha Corp", "alpha.example", 30),
        draft(dir, "Beta SA", "beta.example", 10),
        draft(dir, "Gamma GmbH", "gamma.example", 20),
    ]
}

/// The labels of the list's rows, as a screen reader gets them.
fn row_labels(h: &Harness<'static, AssistantApp>) -> Vec<String> {
    h.query_all_by_role(Role::ListItem)
        .filter_map(|n| n.accesskit_node().label())
        .collect()
}

fn click_named(h: &mut Harness<'static, AssistantApp>, key: &str, name: &str) {
    let label = I18n::new(EN).trv(key, &[("name", name)]);
    h.get_by_role_and_label(Role::Button, &label).click();
    h.run();
}

fn type_filter(h: &mut Harness<'static, AssistantApp>, text: &str) {
    let label = t(EN, "files.filter");
    h.get_by_label(&label).focus();
    h.run();
    h.get_by_label(&label).type_text(text);
    h.run();
}

#[test]
fn three_unfinished_drafts_open_on_the_list_newest_first_and_nothing_is_deleted() {
    let tmp = tempfile::tempdir().expect("tmp");
    let drafts = tmp.path().join("drafts");
    let paths = three_drafts(&drafts);
    let mut h = harness_on(app(
        &drafts,
        &tmp.path().join("s.ron"),
        Dialogs::scripted([]),
    ));
    // No "1 of 3" offer: the list, with a note of how many wait.
    assert!(h.state().assistant.resume_offer.is_none());
    assert!(h.state().assistant.case_files.shown);
    wait_for_scan(&mut h);
    assert!(shows(&h, &I18n::new(EN).trn("files.start_note", 3, &[])));
    assert_eq!(listed_names(&h), ["Beta SA", "Gamma GmbH", "Alpha Corp"]);
    // Rows read as customer, outcome (here the step reached), date.
    let labels = row_labels(&h);
    assert_eq!(labels.len(), 3, "{labels:?}");
    assert!(labels[0].starts_with("Beta SA, "), "{labels:?}");
    let step = I18n::new(EN).trv(
        "files.step",
        &[("step", &t(EN, &procedure().steps[0].title))],
    );
    assert!(labels[0].contains(&step), "{labels:?}");
    // Starting a new case instead deletes nothing.
    click(&mut h, EN, "files.start_new");
    assert!(!h.state().assistant.case_files.shown);
    for p in &paths {
        assert!(p.exists(), "{p:?} deleted");
    }
}

#[test]
fn the_filter_finds_a_case_by_name_domain_or_id_as_you_type() {
    let tmp = tempfile::tempdir().expect("tmp");
    let drafts = tmp.path().join("drafts");
    three_drafts(&drafts);
    let mut h = harness_on(app(
        &drafts,
        &tmp.path().join("s.ron"),
        Dialogs::scripted([]),
    ));
    wait_for_scan(&mut h);
    type_filter(&mut h, "gamma");
    assert_eq!(row_labels(&h).len(), 1);
    assert!(row_labels(&h)[0].starts_with("Gamma GmbH"));
    // By the organization ID (Alpha's ends in 30).
    h.get_by_label(&t(EN, "files.filter")).focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::A);
    h.run();
    h.get_by_label(&t(EN, "files.filter")).type_text("2930430");
    h.run();
    let labels = row_labels(&h);
    assert_eq!(labels.len(), 1, "{labels:?}");
    assert!(labels[0].starts_with("Alpha Corp"), "{labels:?}");
}

#[test]
fn opening_a_row_keeps_the_case_on_screen_and_takes_the_draft_over() {
    let tmp = tempfile::tempdir().expect("tmp");
    let drafts = tmp.path().join("drafts");
    let [alpha, _, _] = three_drafts(&drafts);
    let mut h = harness_on(app(
        &drafts,
        &tmp.path().join("s.ron"),
        Dialogs::scripted([]),
    ));
    wait_for_scan(&mut h);
    click(&mut h, EN, "files.start_new");
    type_into(&mut h, EN, "smart_account_name", "Typed Here");
    // Ctrl+L opens the list from the keyboard.
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::L);
    h.run();
    assert!(h.state().assistant.case_files.shown);
    wait_for_scan(&mut h);
    // The case on screen is listed as open in this window.
    let own = h
        .state()
        .assistant
        .case_files
        .entries
        .iter()
        .find(|e| e.summary().is_some_and(|s| s.name == "Typed Here"))
        .expect("own draft listed");
    assert_eq!(own.holder, Holder::ThisWindow);
    click_named(&mut h, "files.open.named", "Alpha Corp");
    assert!(!h.state().assistant.case_files.shown);
    assert_eq!(
        h.state().assistant.case().field("smart_account_name"),
        "Alpha Corp"
    );
    // The replaced case is still on disk; Alpha's old file goes once it is saved anew.
    let names: Vec<String> = std::fs::read_dir(&drafts)
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .map(|p| {
            Case::from_path(&p, &procedure(), Strictness::Draft)
                .expect("opens")
                .case
                .field("smart_account_name")
                .to_owned()
        })
        .collect();
    assert!(names.contains(&"Typed Here".to_owned()), "{names:?}");
    assert_eq!(
        names.iter().filter(|n| *n == "Alpha Corp").count(),
        1,
        "{names:?}"
    );
    assert!(!alpha.exists() || names.len() == 4);
    // Undo brings the typed case back.
    click(&mut h, EN, "ui.undo");
    assert_eq!(
        h.state().assistant.case().field("smart_account_name"),
        "Typed Here"
    );
}

#[test]
fn duplicate_makes_a_new_case_and_leaves_the_original() {
    let tmp = tempfile::tempdir().expect("tmp");
    let drafts = tmp.path().join("drafts");
    let [_, beta, _] = three_drafts(&drafts);
    let before = std::fs::read(&beta).expect("read");
    let mut h = harness_on(app(
        &drafts,
        &tmp.path().join("s.ron"),
        Dialogs::scripted([]),
    ));
    wait_for_scan(&mut h);
    click_named(&mut h, "files.duplicate.named", "Beta SA");
    let case = h.state().assistant.case();
    assert_eq!(case.field("smart_account_name"), "Beta SA");
    assert_eq!(case.field("smart_account_domain"), "beta.example");
    assert_eq!(
        std::fs::read(&beta).expect("read"),
        before,
        "original unchanged"
    );
    assert!(beta.exists());
}

#[test]
fn remove_keeps_a_draft_aside_and_undo_puts_it_back() {
    let tmp = tempfile::tempdir().expect("tmp");
    let drafts = tmp.path().join("drafts");
    let [_, _, gamma] = three_drafts(&drafts);
    let mut h = harness_on(app(
        &drafts,
        &tmp.path().join("s.ron"),
        Dialogs::scripted([]),
    ));
    wait_for_scan(&mut h);
    click_named(&mut h, "files.remove.named", "Gamma GmbH");
    assert!(!gamma.exists());
    let kept = drafts
        .join(cssm_assistant::app::REMOVED)
        .join(gamma.file_name().expect("name"));
    assert!(kept.exists(), "kept aside, not deleted");
    assert_eq!(listed_names(&h), ["Beta SA", "Alpha Corp"]);
    click(&mut h, EN, "ui.undo");
    wait_for_scan(&mut h);
    assert!(gamma.exists(), "undo put it back");
    assert_eq!(listed_names(&h), ["Beta SA", "Gamma GmbH", "Alpha Corp"]);
}

#[test]
fn show_in_file_manager_names_the_file() {
    let tmp = tempfile::tempdir().expect("tmp");
    let drafts = tmp.path().join("drafts");
    let [alpha, _, _] = three_drafts(&drafts);
    let mut h = harness_on(app(
        &drafts,
        &tmp.path().join("s.ron"),
        Dialogs::scripted([]),
    ));
    wait_for_scan(&mut h);
    click_named(&mut h, "files.reveal.named", "Alpha Corp");
    assert_eq!(h.state().dialogs().revealed(), [alpha]);
}

#[test]
fn exported_opened_moved_and_damaged_files_are_listed_as_such() {
    let tmp = tempfile::tempdir().expect("tmp");
    let drafts = tmp.path().join("drafts");
    let settings = tmp.path().join("settings.ron");
    let export = tmp.path().join("acme.md");
    let damaged = tmp.path().join("damaged.ron");
    std::fs::write(
        &damaged,
        "(procedure: \"cssm-subscription-visibility\", answers: {}, fields: { \"smart_account_name\": \"Damaged\" }",
    )
    .expect("write");
    let moved = tmp.path().join("moved.ron");
    std::fs::write(&moved, case("Moved Co", "moved.example", 5).to_ron()).expect("write");
    {
        let mut h = harness_on(app(
            &drafts,
            &settings,
            Dialogs::scripted([
                Some(export.clone()),
                Some(moved.clone()),
                Some(damaged.clone()),
            ]),
        ));
        fill_required(&mut h, EN);
        click(&mut h, EN, "ui.export");
        assert!(tmp.path().join("acme.ron").exists());
        click(&mut h, EN, "ui.open_case");
        assert_eq!(
            h.state().assistant.case().field("smart_account_name"),
            "Moved Co"
        );
        // A damaged file does not open, and is not remembered.
        click(&mut h, EN, "ui.open_case");
    }
    std::fs::rename(&moved, tmp.path().join("elsewhere.ron")).expect("move");
    // Remembered by hand as a user would have: opened once, damaged since.
    {
        let (mut file, _) = SettingsFile::open(Some(settings.clone()), &I18n::new(EN));
        file.update_recent(
            |s| s.remember_file(&damaged, false, jiff::Timestamp::now()),
            &I18n::new(EN),
        );
    }
    let mut h = harness_on(app(&drafts, &settings, Dialogs::scripted([])));
    h.state_mut().assistant.apply(Action::ShowCaseFiles);
    wait_for_scan(&mut h);
    let entries = h.state().assistant.case_files.entries.clone();
    let of = |p: &Path| {
        entries
            .iter()
            .find(|e| e.path.file_name() == p.file_name())
            .unwrap_or_else(|| panic!("{p:?} not listed: {entries:?}"))
            .clone()
    };
    let exported = of(&tmp.path().join("acme.ron"));
    assert_eq!(exported.kind, EntryKind::File);
    assert!(exported.is_exported());
    assert_eq!(exported.summary().expect("readable").name, "Acme Corp");
    assert_eq!(of(&moved).state, EntryState::Missing);
    assert!(matches!(of(&damaged).state, EntryState::Unreadable(_)));
    // Each is said on screen.
    let i18n = I18n::new(EN);
    assert!(shows(
        &h,
        &i18n.trv("files.missing", &[("path", &moved.display().to_string())])
    ));
    let labels = row_labels(&h);
    assert!(
        labels.contains(&i18n.trv("files.row_missing", &[("name", "moved.ron")])),
        "{labels:?}"
    );
    assert!(
        labels.contains(&i18n.trv("files.row_unreadable", &[("name", "damaged.ron")])),
        "{labels:?}"
    );
    // Removing the moved file forgets it; Undo remembers it again.
    click_named(&mut h, "files.remove.named", "moved.ron");
    let (file, _) = SettingsFile::open(Some(settings.clone()), &i18n);
    assert!(!file.current().recent.iter().any(|r| r.path == moved));
    click(&mut h, EN, "ui.undo");
    assert!(file.current().recent.iter().any(|r| r.path == moved));
}

#[test]
fn a_draft_open_in_another_window_is_shown_so_and_not_opened_twice() {
    let tmp = tempfile::tempdir().expect("tmp");
    let drafts = tmp.path().join("drafts");
    let settings = tmp.path().join("s.ron");
    let mut a = harness_on(app(&drafts, &settings, Dialogs::scripted([])));
    type_into(&mut a, EN, "smart_account_name", "Held Elsewhere");
    let mut b = harness_on(app(&drafts, &settings, Dialogs::scripted([])));
    b.state_mut().assistant.apply(Action::ShowCaseFiles);
    wait_for_scan(&mut b);
    let entry = b
        .state()
        .assistant
        .case_files
        .entries
        .iter()
        .find(|e| e.summary().is_some_and(|s| s.name == "Held Elsewhere"))
        .expect("listed in the other window")
        .clone();
    assert_eq!(entry.holder, Holder::OtherWindow);
    assert!(shows(&b, &t(EN, "files.other_window")));
    // Its Open button is disabled; the action itself is refused too.
    b.state_mut()
        .assistant
        .apply(Action::OpenCaseFile(entry.path.clone()));
    b.run();
    assert_eq!(b.state().assistant.case().field("smart_account_name"), "");
    assert!(b.state().assistant.banner.is_some());
    drop(a);
}
