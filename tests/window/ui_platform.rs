//! The window as a Windows user meets it: file dialogs with translated titles and
//! filters that show their patterns, opening in the folder last used; times in local
//! time; drafts of an earlier version found where it left them; LF line ends in both
//! exported files; a non-ASCII export folder; and a first size that fits a small
//! laptop screen.

use crate::support::kittest;

use cssm_assistant::app::window_size::{self, MINIMUM, PREFERRED};
use cssm_assistant::app::{AssistantApp, Autosave, DialogKind, Dialogs};
use cssm_assistant::assistant::Assistant;
use cssm_assistant::case::Case;
use cssm_assistant::i18n::Lang;
use cssm_assistant::summary::default_file_stem_in;
use egui::vec2;
use egui_kittest::kittest::Queryable;
use kittest::*;

/// A time zone two hours ahead of UTC, as Paris in summer.
fn plus_two() -> jiff::tz::TimeZone {
    jiff::tz::TimeZone::fixed(jiff::tz::offset(2))
}

#[test]
fn dialogs_have_translated_titles_and_filters_with_their_patterns() {
    for lang in Lang::ALL {
        let mut h = harness(lang, Dialogs::scripted([None, None]));
        click(&mut h, lang, "ui.open_case");
        fill_required(&mut h, lang);
        click(&mut h, lang, "ui.export");
        let shown = h.state().dialogs().shown().to_vec();
        assert_eq!(shown.len(), 2, "{lang:?}");
        let (open, export) = (&shown[0], &shown[1]);
        assert_eq!(open.kind, DialogKind::Open);
        assert_eq!(export.kind, DialogKind::Export);
        for spec in [open, export] {
            assert!(!spec.title.contains('…'), "{lang:?}: {}", spec.title);
            assert!(!spec.title.contains("..."), "{lang:?}: {}", spec.title);
        }
        assert_eq!(open.extensions, ["ron"]);
        assert_eq!(export.extensions, ["md"]);
        assert!(
            open.filter_name.ends_with("(*.ron)"),
            "{}",
            open.filter_name
        );
        assert!(
            export.filter_name.ends_with("(*.md)"),
            "{}",
            export.filter_name
        );
        // The save dialog says that a case file is written beside the summary.
        assert!(export.title.contains(".ron"), "{}", export.title);
        assert!(export.title.contains(".md"), "{}", export.title);
    }
    let mut h = harness(Lang::Fr, Dialogs::scripted([None]));
    fill_required(&mut h, Lang::Fr);
    click(&mut h, Lang::Fr, "ui.export");
    let export = &h.state().dialogs().shown()[0];
    assert_eq!(export.filter_name, "Récapitulatif Markdown (*.md)");
    assert_eq!(
        export.title,
        "Exporter le récapitulatif (.md), avec la fiche (.ron) à côté"
    );
}

#[test]
fn dialogs_open_in_the_folder_last_used() {
    let tmp = tempfile::tempdir().expect("tmp");
    let folder = tmp.path().join("Hélène").join("exports");
    std::fs::create_dir_all(&folder).expect("folder");
    let target = folder.join("acme été.md");
    let lang = Lang::En;
    let mut h = harness(lang, Dialogs::scripted([Some(target.clone()), None, None]));
    fill_required(&mut h, lang);
    click(&mut h, lang, "ui.export");
    assert!(target.exists(), "exported into the non-ASCII folder");
    assert!(folder.join("acme été.ron").exists(), "case file beside it");
    assert_eq!(h.state().dialogs().last_folder(), Some(folder.as_path()));
    // The next dialogs, open and export, start there.
    click(&mut h, lang, "ui.open_case");
    click(&mut h, lang, "ui.export");
    let shown = h.state().dialogs().shown();
    assert_eq!(shown[0].directory, None, "nothing used yet");
    assert_eq!(shown[1].directory.as_deref(), Some(folder.as_path()));
    assert_eq!(shown[2].directory.as_deref(), Some(folder.as_path()));
    // A cancelled dialog keeps the folder.
    assert_eq!(h.state().dialogs().last_folder(), Some(folder.as_path()));

    // Given back at the next start (eframe keeps it), it is used at once.
    let mut dialogs = Dialogs::scripted([None]);
    dialogs.set_last_folder(Some(folder.clone()));
    let mut h = harness(lang, dialogs);
    click(&mut h, lang, "ui.open_case");
    assert_eq!(
        h.state().dialogs().shown()[0].directory.as_deref(),
        Some(folder.as_path())
    );
}

#[test]
fn both_exported_files_have_lf_line_ends() {
    let tmp = tempfile::tempdir().expect("tmp");
    let target = tmp.path().join("case.md");
    let lang = Lang::Fr;
    let mut h = harness(lang, Dialogs::scripted([Some(target.clone())]));
    fill_required(&mut h, lang);
    click(&mut h, lang, "ui.export");
    for file in [target.clone(), target.with_extension("ron")] {
        let bytes = std::fs::read(&file).expect("written");
        assert!(bytes.contains(&b'\n'), "{}", file.display());
        assert!(!bytes.contains(&b'\r'), "{}", file.display());
    }
}

#[test]
fn the_proposed_export_name_has_the_local_time() {
    let lang = Lang::En;
    let mut assistant = Assistant::new(procedure(), lang);
    assistant.time_zone = plus_two();
    let mut h = harness_on(AssistantApp::new(assistant, Dialogs::scripted([None])));
    fill_required(&mut h, lang);
    let before = jiff::Timestamp::now();
    click(&mut h, lang, "ui.export");
    let after = jiff::Timestamp::now();
    let case = h.state().assistant.case().clone();
    let proposed = h.state().dialogs().shown()[0]
        .file_name
        .clone()
        .expect("a name");
    let local = |at| format!("{}.md", default_file_stem_in(&case, at, &plus_two()));
    assert!(
        proposed == local(before) || proposed == local(after),
        "{proposed} is not in local time ({})",
        local(before)
    );
    let utc = |at| {
        format!(
            "{}.md",
            default_file_stem_in(&case, at, &jiff::tz::TimeZone::UTC)
        )
    };
    assert_ne!(proposed, utc(before), "not UTC");
}

#[test]
fn the_resume_offer_shows_the_local_time() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("drafts");
    std::fs::create_dir_all(&dir).expect("dir");
    let p = procedure();
    let at: jiff::Timestamp = "2026-11-24T08:05:00Z".parse().expect("time");
    let mut case = Case::new(&p, Lang::En, at);
    case.set_field("smart_account_name", "Acme Corp", at);
    std::fs::write(dir.join("draft-20261124T080500-1.ron"), case.to_ron()).expect("draft");

    let mut assistant = Assistant::new(p, Lang::En);
    assistant.time_zone = plus_two();
    let app =
        AssistantApp::with_autosave(assistant, Dialogs::scripted([]), Autosave::new(Some(dir)));
    let h = harness_on(app);
    assert!(
        h.query_by_label_contains("2026-11-24 10:05").is_some(),
        "local time shown"
    );
    assert!(h.query_by_label_contains("08:05").is_none(), "not UTC");
}

#[test]
fn drafts_left_in_an_earlier_versions_folder_are_still_offered() {
    let tmp = tempfile::tempdir().expect("tmp");
    let roaming = tmp.path().join("Roaming").join("drafts");
    let local = tmp.path().join("Local").join("drafts");
    std::fs::create_dir_all(&roaming).expect("dir");
    let p = procedure();
    let at: jiff::Timestamp = "2026-11-24T08:05:00Z".parse().expect("time");
    let mut case = Case::new(&p, Lang::En, at);
    case.set_field("smart_account_name", "Old Roaming Draft", at);
    let old = roaming.join("draft-20261124T080500-1.ron");
    std::fs::write(&old, case.to_ron()).expect("draft");

    let autosave = Autosave::new(Some(local.clone())).also_look_in(vec![roaming.clone()]);
    let mut h = harness_on(AssistantApp::with_autosave(
        Assistant::new(procedure(), Lang::En),
        Dialogs::scripted([]),
        autosave,
    ));
    let offer = h.state().assistant.resume_offer.clone().expect("offered");
    assert_eq!(offer.path, old);
    click(&mut h, Lang::En, "resume.resume");
    assert_eq!(
        h.state().assistant.case().field("smart_account_name"),
        "Old Roaming Draft"
    );
    assert!(!old.exists(), "taken over: the old file is gone");
    // From now on it is saved in the new folder.
    let drafts: Vec<_> = std::fs::read_dir(&local)
        .expect("local folder")
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "ron"))
        .collect();
    assert_eq!(drafts.len(), 1);
}

#[test]
fn the_earlier_drafts_folder_is_never_the_current_one() {
    // On Linux both are the same folder: it is scanned once, not twice.
    let current = cssm_assistant::app::default_drafts_dir();
    for earlier in cssm_assistant::app::earlier_drafts_dirs() {
        assert_ne!(Some(&earlier), current.as_ref());
    }
    if cfg!(target_os = "linux") {
        assert!(cssm_assistant::app::earlier_drafts_dirs().is_empty());
    }
}

#[test]
fn the_first_size_fits_a_small_laptop_at_150_percent() {
    // 1366×768 pixels at 150 %: 910.7×512 points.
    let monitor = vec2(1366.0, 768.0) / 1.5;
    let place = window_size::fit(PREFERRED, monitor).expect("too large: fitted");
    assert!(place.inner_size.x <= monitor.x && place.inner_size.y < monitor.y);
    // The whole window, title bar included, stays above a 48-point taskbar.
    let outer_bottom = place.outer_position.y + place.inner_size.y + 32.0;
    assert!(outer_bottom <= monitor.y - 48.0, "{place:?}");
    assert!(place.outer_position.x >= 0.0 && place.outer_position.y >= 0.0);
    assert!(place.inner_size.x >= MINIMUM.x && place.inner_size.y >= MINIMUM.y);
    // 175 % too.
    let monitor = vec2(1366.0, 768.0) / 1.75;
    let place = window_size::fit(PREFERRED, monitor).expect("fitted");
    assert!(place.outer_position.y + place.inner_size.y + 32.0 <= monitor.y - 48.0);
    // A large monitor keeps the preferred size, and so does a remembered window that fits.
    assert_eq!(window_size::fit(PREFERRED, vec2(1920.0, 1080.0)), None);
    assert_eq!(
        window_size::fit(vec2(700.0, 400.0), vec2(1366.0, 768.0) / 1.5),
        None
    );
}

#[test]
fn the_folder_last_used_is_kept_between_starts() {
    let tmp = tempfile::tempdir().expect("tmp");
    let folder = tmp.path().join("Hélène");
    std::fs::create_dir_all(&folder).expect("folder");
    let lang = Lang::En;
    let mut storage = MemoryStorage::default();
    {
        let mut h = harness(lang, Dialogs::scripted([Some(folder.join("a.md"))]));
        fill_required(&mut h, lang);
        click(&mut h, lang, "ui.export");
        eframe::App::save(h.state_mut(), &mut storage);
    }
    let mut app = AssistantApp::new(Assistant::new(procedure(), lang), Dialogs::scripted([None]));
    app.restore(Some(&storage));
    let mut h = harness_on(app);
    click(&mut h, lang, "ui.open_case");
    assert_eq!(
        h.state().dialogs().shown()[0].directory.as_deref(),
        Some(folder.as_path())
    );
}
