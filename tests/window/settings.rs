//! The theme and the language chosen in the window are remembered in a settings file;
//! the command line wins for one start; a bad settings file never stops the program.

use crate::support::kittest;

use cssm_assistant::app::{AssistantApp, Dialogs, Settings, SettingsFile, Start};
use cssm_assistant::assistant::Assistant;
use cssm_assistant::i18n::{I18n, Lang};
use cssm_assistant::ui::ThemeChoice;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use kittest::*;

fn open(path: &std::path::Path) -> (SettingsFile, Settings) {
    SettingsFile::open(Some(path.to_owned()), &I18n::new(Lang::En))
}

fn window(lang: Lang, path: &std::path::Path, theme: ThemeChoice) -> AssistantApp {
    let (file, settings) = open(path);
    AssistantApp::new(Assistant::new(procedure(), lang), Dialogs::scripted([]))
        .with_settings(file, settings, theme)
}

fn read(path: &std::path::Path) -> Settings {
    let text = std::fs::read_to_string(path).expect("settings written");
    Settings::from_ron(&text).expect("settings parse")
}

#[test]
fn the_theme_and_language_chosen_in_the_window_are_remembered() {
    let tmp = tempfile::tempdir().expect("tmp");
    // In a folder that does not exist yet, as on a first start.
    let path = tmp.path().join("config").join("settings.ron");
    let (_, settings) = open(&path);
    assert_eq!(settings, Settings::default());

    let mut h = harness_on(window(Lang::En, &path, ThemeChoice::System));
    assert!(!path.exists(), "nothing chosen, nothing written");
    h.get_by_role_and_label(Role::Button, &t(Lang::En, "theme.light"))
        .click();
    h.run();
    assert_eq!(h.ctx.theme(), egui::Theme::Light);
    assert_eq!(read(&path).theme, Some(ThemeChoice::Light));
    h.get_by_label("Français").click();
    h.run();
    h.get_by_role_and_label(Role::Button, &t(Lang::Fr, "theme.dark"))
        .click();
    h.run();
    assert_eq!(h.ctx.theme(), egui::Theme::Dark);
    let saved = read(&path);
    assert_eq!(saved.theme, Some(ThemeChoice::Dark));
    assert_eq!(saved.lang, Some(Lang::Fr));

    // The next start, without flags, comes back in them.
    let (_, settings) = open(&path);
    let start = Start {
        lang: Lang::En,
        lang_given: false,
        theme: None,
    };
    assert_eq!(start.resolve(&settings), (Lang::Fr, ThemeChoice::Dark));
}

#[test]
fn the_command_line_wins_for_that_start_and_is_not_written() {
    let tmp = tempfile::tempdir().expect("tmp");
    let path = tmp.path().join("settings.ron");
    let remembered = Settings {
        theme: Some(ThemeChoice::Light),
        lang: Some(Lang::Fr),
        ..Settings::default()
    };
    std::fs::write(&path, remembered.to_ron()).expect("write");
    let start = Start {
        lang: Lang::En,
        lang_given: true,
        theme: Some(ThemeChoice::Dark),
    };
    let (lang, theme) = start.resolve(&remembered);
    assert_eq!((lang, theme), (Lang::En, ThemeChoice::Dark));

    let mut h = harness_on(window(lang, &path, theme));
    h.run();
    assert_eq!(h.ctx.theme(), egui::Theme::Dark);
    assert_eq!(read(&path), remembered, "flags are for this start only");
    // A choice made in the window is remembered, the rest stays as it was.
    h.get_by_role_and_label(Role::Button, &t(Lang::En, "theme.system"))
        .click();
    h.run();
    assert_eq!(
        read(&path),
        Settings {
            theme: Some(ThemeChoice::System),
            lang: Some(Lang::Fr),
            ..Settings::default()
        }
    );
}

#[test]
fn a_bad_settings_file_gives_the_defaults_and_never_stops_the_window() {
    let tmp = tempfile::tempdir().expect("tmp");
    // Garbage.
    let garbled = tmp.path().join("garbled.ron");
    std::fs::write(&garbled, "(theme: purple, \u{0}").expect("write");
    assert_eq!(open(&garbled).1, Settings::default());
    // A folder where the file should be: unreadable and unwritable.
    let folder = tmp.path().join("folder.ron");
    std::fs::create_dir(&folder).expect("dir");
    assert_eq!(open(&folder).1, Settings::default());
    let mut h = harness_on(window(Lang::En, &folder, ThemeChoice::System));
    h.get_by_role_and_label(Role::Button, &t(Lang::En, "theme.dark"))
        .click();
    h.run();
    assert_eq!(
        h.ctx.theme(),
        egui::Theme::Dark,
        "the choice applies anyway"
    );
    // Below a regular file: the folder cannot be made.
    let below_file = garbled.join("settings.ron");
    let mut h = harness_on(window(Lang::En, &below_file, ThemeChoice::System));
    h.get_by_role_and_label(Role::Button, &t(Lang::En, "theme.light"))
        .click();
    h.run();
    assert_eq!(h.ctx.theme(), egui::Theme::Light);
    fill_required(&mut h, Lang::En);
    assert_eq!(
        h.state().assistant.case().field("smart_account_name"),
        "Acme Corp"
    );
}

#[test]
fn settings_are_small_readable_ron() {
    let s = Settings {
        theme: Some(ThemeChoice::Dark),
        lang: Some(Lang::Fr),
        ..Settings::default()
    };
    let text = s.to_ron();
    assert!(text.contains("theme: Some(dark)"), "{text}");
    assert!(text.contains("lang: Some(fr)"), "{text}");
    assert_eq!(Settings::from_ron(&text).as_ref(), Some(&s));
    // A file written by hand with one choice only.
    assert_eq!(
        Settings::from_ron("(theme: Some(light))"),
        Some(Settings {
            theme: Some(ThemeChoice::Light),
            lang: None,
            ..Settings::default()
        })
    );
}
