//! Files from the window: export both files and reopen them, copy the summary, and
//! bad files or bad folders that leave the case on screen untouched.

use crate::support::kittest;

use cssm_assistant::app::Dialogs;
use cssm_assistant::assistant::View;
use cssm_assistant::i18n::{I18n, Lang};
use egui_kittest::kittest::Queryable;
use kittest::*;

fn walk_to_swit(
    h: &mut egui_kittest::Harness<'static, cssm_assistant::app::AssistantApp>,
    lang: Lang,
) {
    fill_required(h, lang);
    choose(h, lang, "has_smart_account_access", "yes");
    click(h, lang, "ui.next");
    choose(h, lang, "sa_assigned", "yes");
    choose(h, lang, "sa_status", "active");
    choose(h, lang, "subscription_visible", "no");
    click(h, lang, "ui.next");
    fill_meraki_ids(h, lang);
    choose(h, lang, "claimed_bound", "yes");
    click(h, lang, "ui.see_result");
}

#[test]
fn export_writes_both_files_and_the_case_reopens_intact() {
    let tmp = tempfile::tempdir().expect("tmp");
    let target = tmp.path().join("acme.md");
    let lang = Lang::Fr;
    let mut h = harness(lang, Dialogs::scripted([Some(target.clone())]));
    walk_to_swit(&mut h, lang);
    click(&mut h, lang, "ui.export");
    let md = std::fs::read_to_string(&target).expect("summary written");
    let ron_path = tmp.path().join("acme.ron");
    assert!(ron_path.exists(), "case file written beside it");
    assert!(md.contains("swit_case_claimed"), "{md}");
    // The window says where the files went.
    let banner = h
        .state()
        .assistant
        .banner
        .as_ref()
        .expect("banner")
        .text(&I18n::new(lang));
    assert!(
        banner.contains(&target.display().to_string())
            && banner.contains(&ron_path.display().to_string()),
        "{banner}"
    );
    let before = h.state().assistant.case().clone();
    let eval_before = h.state().assistant.evaluation().clone();

    // Reopen it in a fresh window through "Open case…".
    let mut h2 = harness(Lang::En, Dialogs::scripted([Some(ron_path)]));
    click(&mut h2, Lang::En, "ui.open_case");
    let after = h2.state().assistant.case().clone();
    assert_eq!(after.answers, before.answers);
    assert_eq!(after.fields, before.for_export(&procedure()).fields);
    assert_eq!(h2.state().assistant.evaluation(), &eval_before);
    assert_eq!(h2.state().assistant.view(), View::Outcome);
}

#[test]
fn a_cancelled_dialog_changes_nothing() {
    let lang = Lang::En;
    let mut h = harness(lang, Dialogs::scripted([None, None]));
    fill_required(&mut h, lang);
    let before = h.state().assistant.case().clone();
    click(&mut h, lang, "ui.export");
    click(&mut h, lang, "ui.open_case");
    assert_eq!(h.state().assistant.case(), &before);
    assert!(h.state().assistant.banner.is_none());
}

#[test]
fn copy_summary_puts_the_summary_on_the_clipboard() {
    let lang = Lang::En;
    let mut h = harness(lang, Dialogs::scripted([]));
    walk_to_swit(&mut h, lang);
    h.get_by_role_and_label(egui::accesskit::Role::Button, &t(lang, "ui.copy_summary"))
        .click();
    // The frame that handles the click emits the copy command.
    let mut copied = None;
    for _ in 0..4 {
        h.step();
        for command in &h.output().platform_output.commands {
            if let egui::OutputCommand::CopyText(text) = command {
                copied = Some(text.clone());
            }
        }
    }
    let text = copied.expect("the summary was copied");
    assert!(text.contains("swit_case_claimed"), "{text}");
    assert!(text.contains("acme.example"), "{text}");
}

#[test]
fn a_bad_case_file_is_refused_and_the_open_case_stays() {
    let tmp = tempfile::tempdir().expect("tmp");
    let bad_files: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty.ron", Vec::new(), "case_error.empty"),
        ("garbage.ron", b"this is not a case".to_vec(), "syntax"),
        (
            "binary.ron",
            vec![0x89, b'P', b'N', b'G', 0, 0, 0, 13, 0xff],
            "case_error.binary",
        ),
        (
            "utf16.ron",
            {
                let mut v = vec![0xFF, 0xFE];
                for unit in "(procedure: \"x\")".encode_utf16() {
                    v.extend_from_slice(&unit.to_le_bytes());
                }
                v
            },
            "case_error.utf16",
        ),
        (
            "other.ron",
            br#"(procedure: "other", answers: {}, fields: {})"#.to_vec(),
            "other",
        ),
    ];
    for lang in Lang::ALL {
        let i18n = I18n::new(lang);
        let paths: Vec<_> = bad_files
            .iter()
            .map(|(name, bytes, _)| {
                let p = tmp.path().join(name);
                std::fs::write(&p, bytes).expect("write");
                Some(p)
            })
            .collect();
        let mut h = harness(lang, Dialogs::scripted(paths));
        fill_required(&mut h, lang);
        choose(&mut h, lang, "has_smart_account_access", "yes");
        let before = h.state().assistant.case().clone();
        for (name, _, expected) in &bad_files {
            click(&mut h, lang, "ui.open_case");
            let banner = h
                .state()
                .assistant
                .banner
                .as_ref()
                .expect("an error is shown")
                .text(&i18n);
            let expected = match *expected {
                // "Line 1, column 1: …" in the user's language.
                "syntax" => i18n
                    .trv("case_error.syntax", &[("line", "1"), ("column", "1")])
                    .split(" (")
                    .next()
                    .unwrap_or_default()
                    .to_owned(),
                key if key.starts_with("case_error.") => i18n.tr(key).to_owned(),
                text => text.to_owned(),
            };
            assert!(banner.contains(name), "{lang:?} {name}: {banner}");
            assert!(banner.contains(&expected), "{lang:?} {name}: {banner}");
            assert_eq!(
                h.state().assistant.case(),
                &before,
                "{name}: the open case is untouched"
            );
        }
    }
}

#[test]
fn an_export_into_a_missing_folder_fails_cleanly() {
    let tmp = tempfile::tempdir().expect("tmp");
    let target = tmp.path().join("gone").join("case.md");
    let lang = Lang::Fr;
    let mut h = harness(lang, Dialogs::scripted([Some(target.clone())]));
    fill_required(&mut h, lang);
    let before = h.state().assistant.case().clone();
    click(&mut h, lang, "ui.export");
    assert!(!target.exists());
    let banner = h
        .state()
        .assistant
        .banner
        .as_ref()
        .expect("an error is shown");
    assert_eq!(banner.kind, cssm_assistant::assistant::BannerKind::Error);
    assert_eq!(h.state().assistant.case(), &before);
    assert_eq!(
        std::fs::read_dir(tmp.path()).expect("dir").count(),
        0,
        "nothing left behind"
    );
}

/// The names of the files in `dir`, sorted.
fn names_in(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn export_names_keep_their_dots_and_get_both_extensions() {
    let tmp = tempfile::tempdir().expect("tmp");
    let lang = Lang::En;
    let mut h = harness(
        lang,
        Dialogs::scripted([
            Some(tmp.path().join("cssm-case-acme.example-20261201-0112")),
            Some(tmp.path().join("report.txt")),
        ]),
    );
    fill_required(&mut h, lang);
    click(&mut h, lang, "ui.export");
    click(&mut h, lang, "ui.export");
    assert_eq!(
        names_in(tmp.path()),
        [
            "cssm-case-acme.example-20261201-0112.md",
            "cssm-case-acme.example-20261201-0112.ron",
            "report.txt.md",
            "report.txt.ron",
        ]
    );
}

#[test]
fn export_asks_before_replacing_the_case_file_beside_the_summary() {
    let tmp = tempfile::tempdir().expect("tmp");
    let md = tmp.path().join("autre.md");
    let ron = tmp.path().join("autre.ron");
    std::fs::write(&ron, "an older case file").expect("seed");
    let lang = Lang::Fr;
    let mut h = harness(
        lang,
        Dialogs::scripted([Some(md.clone()), Some(md.clone())]),
    );
    fill_required(&mut h, lang);

    // Asked, then declined: nothing written.
    click(&mut h, lang, "ui.export");
    let question = h
        .state()
        .assistant
        .banner
        .as_ref()
        .expect("a question")
        .text(&I18n::new(lang));
    assert!(question.contains("autre.ron"), "{question}");
    assert!(!md.exists());
    click(&mut h, lang, "ui.dismiss");
    assert!(!md.exists());
    assert_eq!(
        std::fs::read_to_string(&ron).expect("read"),
        "an older case file"
    );

    // Asked again, and confirmed: both written.
    click(&mut h, lang, "ui.export");
    assert!(!md.exists());
    click(&mut h, lang, "lost.export_replace");
    assert!(md.exists());
    assert!(
        std::fs::read_to_string(&ron)
            .expect("read")
            .contains("cssm-subscription-visibility")
    );
}

#[test]
fn export_warns_of_invalid_values_and_the_draft_keeps_them() {
    use cssm_assistant::app::{AssistantApp, Autosave};
    use cssm_assistant::assistant::Assistant;
    let tmp = tempfile::tempdir().expect("tmp");
    let drafts = tmp.path().join("drafts");
    let target = tmp.path().join("acme.md");
    let lang = Lang::En;
    let mut h = harness_on(AssistantApp::with_autosave(
        Assistant::new(procedure(), lang),
        Dialogs::scripted([Some(target.clone())]),
        Autosave::new(Some(drafts.clone())),
    ));
    fill_required(&mut h, lang);
    type_into(&mut h, lang, "contact_email", "not an address");
    click(&mut h, lang, "ui.export");
    let question = h
        .state()
        .assistant
        .banner
        .as_ref()
        .expect("asked")
        .text(&I18n::new(lang));
    assert!(
        question.contains(&t(lang, "field.contact_email.label")),
        "{question}"
    );
    assert!(!target.exists(), "exported without a word");
    click(&mut h, lang, "lost.export_anyway");
    assert!(target.exists());
    // The draft, with the value as typed, is still there.
    let draft = h.state().draft_file().expect("a draft file").to_owned();
    let kept = cssm_assistant::case::Case::from_path(
        &draft,
        &procedure(),
        cssm_assistant::case::Strictness::Draft,
    )
    .expect("the draft is kept");
    assert_eq!(kept.case.field("contact_email"), "not an address");
}
