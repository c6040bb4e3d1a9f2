//! Autosave and resume: every change reaches the drafts folder at once, the next start
//! offers it, an exported case is not offered, two windows keep to their own drafts,
//! an unwritable folder is said once, and a killed process loses nothing.

use crate::support::kittest;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use cssm_assistant::app::{AssistantApp, Autosave, Dialogs};
use cssm_assistant::assistant::Assistant;
use cssm_assistant::case::{Case, Strictness};
use cssm_assistant::i18n::Lang;
use egui_kittest::kittest::Queryable;
use kittest::*;

fn app_in(dir: &Path, dialogs: Dialogs) -> AssistantApp {
    AssistantApp::with_autosave(
        Assistant::new(procedure(), Lang::En),
        dialogs,
        Autosave::new(Some(dir.to_owned())),
    )
}

fn drafts_in(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|r| r.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    v.retain(|p| p.extension().is_some_and(|e| e == "ron"));
    v
}

fn read_draft(path: &Path) -> Case {
    Case::from_path(path, &procedure(), Strictness::Draft)
        .expect("draft opens")
        .case
}

#[test]
fn every_change_is_saved_and_the_next_start_offers_it() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("drafts");
    let lang = Lang::En;
    {
        let mut h = harness_on(app_in(&dir, Dialogs::scripted([])));
        assert!(drafts_in(&dir).is_empty(), "an empty case leaves no draft");
        type_into(&mut h, lang, "smart_account_name", "Acme Corp");
        let drafts = drafts_in(&dir);
        assert_eq!(drafts.len(), 1);
        assert_eq!(
            read_draft(&drafts[0]).field("smart_account_name"),
            "Acme Corp"
        );
        type_into(&mut h, lang, "smart_account_domain", "acme.");
        choose(&mut h, lang, "has_smart_account_access", "yes");
        let draft = read_draft(&drafts[0]);
        assert_eq!(
            draft.field("smart_account_domain"),
            "acme.",
            "kept as typed, even invalid"
        );
        assert_eq!(
            draft
                .answers
                .get("has_smart_account_access")
                .map(String::as_str),
            Some("yes")
        );
    }

    // The next start offers it; resuming brings everything back and takes the draft over.
    let mut h = harness_on(app_in(&dir, Dialogs::scripted([])));
    assert!(shows(&h, &t(lang, "resume.title")));
    click(&mut h, lang, "resume.resume");
    let case = h.state().assistant.case().clone();
    assert_eq!(case.field("smart_account_name"), "Acme Corp");
    assert_eq!(case.field("smart_account_domain"), "acme.");
    assert_eq!(
        case.answers
            .get("has_smart_account_access")
            .map(String::as_str),
        Some("yes")
    );
    let label = field_label(lang, "smart_account_domain");
    assert_eq!(h.get_by_label(&label).value().as_deref(), Some("acme."));
    let own = h.state().draft_file().expect("autosave on").to_owned();
    assert_eq!(drafts_in(&dir), vec![own], "the old draft was taken over");
}

#[test]
fn starting_a_new_case_instead_keeps_the_draft_and_undo_brings_the_offer_back() {
    // M2: "Start a new case" in the offer deleted the unfinished case at once.
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().to_owned();
    {
        let mut h = harness_on(app_in(&dir, Dialogs::scripted([])));
        type_into(&mut h, Lang::En, "smart_account_name", "Acme Corp");
    }
    let before = drafts_named(&dir, "Acme Corp");
    assert_eq!(before.len(), 1);
    let mut h = harness_on(app_in(&dir, Dialogs::scripted([])));
    click(&mut h, Lang::En, "resume.discard");
    assert!(!shows(&h, &t(Lang::En, "resume.title")));
    assert_eq!(h.state().assistant.case().field("smart_account_name"), "");
    assert_eq!(drafts_named(&dir, "Acme Corp"), before, "the draft is kept");
    let banner = h
        .state()
        .assistant
        .banner
        .as_ref()
        .expect("the banner says where it went")
        .text(&cssm_assistant::i18n::I18n::new(Lang::En));
    assert!(banner.contains("Acme Corp"), "{banner}");
    // Undo in the banner brings the offer back.
    click(&mut h, Lang::En, "ui.undo");
    assert!(shows(&h, &t(Lang::En, "resume.title")));
    click(&mut h, Lang::En, "resume.discard");
    // Typing in the new case keeps both.
    type_into(&mut h, Lang::En, "smart_account_name", "Beta Corp");
    assert_eq!(drafts_named(&dir, "Acme Corp"), before);
    assert_eq!(drafts_named(&dir, "Beta Corp").len(), 1);
    drop(h);
    // Both are there at the next start: the window opens on the list.
    let h = harness_on(app_in(&dir, Dialogs::scripted([])));
    assert!(h.state().assistant.case_files.shown);
    assert_eq!(h.state().assistant.case_files.start_drafts, 2);
}

#[test]
fn a_declined_draft_is_offered_again_at_the_next_start() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().to_owned();
    leave_draft(&dir, "Declined Co");
    {
        let mut h = harness_on(app_in(&dir, Dialogs::scripted([])));
        click(&mut h, Lang::En, "resume.discard");
    }
    let h = harness_on(app_in(&dir, Dialogs::scripted([])));
    let offer = h.state().assistant.resume_offer.as_ref().expect("offered");
    assert_eq!(offer.case.field("smart_account_name"), "Declined Co");
}

#[test]
fn an_exported_case_is_not_offered_again() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("drafts");
    let export = tmp.path().join("out.md");
    {
        let mut h = harness_on(app_in(&dir, Dialogs::scripted([Some(export.clone())])));
        fill_required(&mut h, Lang::En);
        assert_eq!(drafts_in(&dir).len(), 1);
        click(&mut h, Lang::En, "ui.export");
        assert!(export.exists());
        assert!(drafts_in(&dir).is_empty(), "exported: no draft left");
    }
    let h = harness_on(app_in(&dir, Dialogs::scripted([])));
    assert!(!shows(&h, &t(Lang::En, "resume.title")));
    assert!(h.state().assistant.resume_offer.is_none());
}

#[test]
fn two_windows_keep_their_own_drafts() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().to_owned();
    let mut a = harness_on(app_in(&dir, Dialogs::scripted([])));
    let mut b = harness_on(app_in(&dir, Dialogs::scripted([])));
    type_into(&mut a, Lang::En, "smart_account_name", "Alpha");
    type_into(&mut b, Lang::En, "smart_account_name", "Bravo");
    type_into(&mut a, Lang::En, "smart_account_domain", "alpha.example");
    type_into(&mut b, Lang::En, "smart_account_domain", "bravo.example");
    let file_a = a.state().draft_file().expect("a").to_owned();
    let file_b = b.state().draft_file().expect("b").to_owned();
    assert_ne!(file_a, file_b);
    assert_eq!(
        read_draft(&file_a).field("smart_account_domain"),
        "alpha.example"
    );
    assert_eq!(
        read_draft(&file_b).field("smart_account_domain"),
        "bravo.example"
    );
    // A third window does not offer the drafts of windows still open.
    let c = harness_on(app_in(&dir, Dialogs::scripted([])));
    assert!(c.state().assistant.resume_offer.is_none());
    drop(c);
    // Once a window is closed, its draft is offered.
    drop(a);
    let d = harness_on(app_in(&dir, Dialogs::scripted([])));
    let offer = d.state().assistant.resume_offer.as_ref().expect("offered");
    assert_eq!(offer.case.field("smart_account_name"), "Alpha");
}

#[test]
fn an_unwritable_folder_is_said_once_and_work_goes_on() {
    let tmp = tempfile::tempdir().expect("tmp");
    // A folder below a regular file cannot be created, even by root.
    let blocker = tmp.path().join("not-a-folder");
    std::fs::write(&blocker, b"x").expect("write");
    let dir = blocker.join("drafts");
    let lang = Lang::Fr;
    let mut h = harness_on(AssistantApp::with_autosave(
        Assistant::new(procedure(), lang),
        Dialogs::scripted([]),
        Autosave::new(Some(dir.clone())),
    ));
    type_into(&mut h, lang, "smart_account_name", "Acme");
    let banner = h.state().assistant.banner.as_ref().expect("told");
    let text = banner.text(&cssm_assistant::i18n::I18n::new(lang));
    assert!(
        text.starts_with("Votre fiche ne peut pas être enregistrée automatiquement"),
        "{text}"
    );
    click(&mut h, lang, "ui.dismiss");
    type_into(&mut h, lang, "smart_account_domain", "acme.fr");
    assert!(h.state().assistant.banner.is_none(), "said only once");
    assert_eq!(
        h.state().assistant.case().field("smart_account_domain"),
        "acme.fr"
    );
    assert!(!dir.exists());
}

/// The child side of the kill test: a real app session that types, answers, reports
/// each change on standard output, and waits to be killed.
fn child_session(dir: &Path, stage: &str) {
    use std::io::Write;
    let lang = Lang::En;
    if stage == "decline" {
        // An unfinished case waits; the user declines it, types a new one, then
        // starts yet another: nothing may be deleted, even by a kill right after.
        leave_draft(dir, "Unfinished Corp");
    }
    let mut h = harness_on(app_in(dir, Dialogs::scripted([])));
    if stage == "decline" {
        click(&mut h, lang, "resume.discard");
    }
    type_into(&mut h, lang, "smart_account_name", "Killed Corp");
    if stage == "decline" {
        click(&mut h, lang, "ui.new_case");
    }
    if stage == "answer" {
        type_into(&mut h, lang, "smart_account_domain", "killed.example");
        choose(&mut h, lang, "has_smart_account_access", "no");
    }
    let mut out = std::io::stdout();
    let _ = writeln!(out, "CHANGED");
    let _ = out.flush();
    std::thread::sleep(Duration::from_secs(60));
}

#[test]
fn kill_child_entry() {
    // Runs only as the child of `a_killed_session_loses_nothing`.
    if let (Ok(dir), Ok(stage)) = (
        std::env::var("CSSM_KILL_TEST_DIR"),
        std::env::var("CSSM_KILL_TEST_STAGE"),
    ) {
        child_session(Path::new(&dir), &stage);
    }
}

#[test]
fn a_killed_session_loses_nothing() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    for stage in ["field", "answer", "decline"] {
        let tmp = tempfile::tempdir().expect("tmp");
        let mut child = Command::new(std::env::current_exe().expect("test binary"))
            .args([
                "--exact",
                "autosave::kill_child_entry",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("CSSM_KILL_TEST_DIR", tmp.path())
            .env("CSSM_KILL_TEST_STAGE", stage)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("child starts");
        let stdout = child.stdout.take().expect("stdout");
        let mut lines = BufReader::new(stdout).lines();
        let started = Instant::now();
        let mut changed = false;
        for line in lines.by_ref() {
            if line.expect("line").contains("CHANGED") {
                changed = true;
                break;
            }
            assert!(started.elapsed() < Duration::from_secs(120));
        }
        assert!(changed, "the child reported its change");
        // SIGKILL at once: no chance to save anything more.
        child.kill().expect("kill");
        let status = child.wait().expect("wait");
        assert!(!status.success());

        if stage == "decline" {
            assert_eq!(drafts_named(tmp.path(), "Unfinished Corp").len(), 1);
            assert_eq!(drafts_named(tmp.path(), "Killed Corp").len(), 1);
            let h = harness_on(app_in(tmp.path(), Dialogs::scripted([])));
            assert_eq!(h.state().assistant.case_files.start_drafts, 2);
            continue;
        }
        let h = harness_on(app_in(tmp.path(), Dialogs::scripted([])));
        let offer = h
            .state()
            .assistant
            .resume_offer
            .as_ref()
            .expect("the next start offers the case");
        assert_eq!(
            offer.case.field("smart_account_name"),
            "Killed Corp",
            "{stage}"
        );
        if stage == "answer" {
            assert_eq!(
                offer
                    .case
                    .answers
                    .get("has_smart_account_access")
                    .map(String::as_str),
                Some("no")
            );
            assert_eq!(offer.case.field("smart_account_domain"), "killed.example");
        }
    }
}

/// A case with something typed in it.
fn typed_case(name: &str) -> Case {
    let mut case = Case::new(&procedure(), Lang::En, jiff::Timestamp::now());
    case.set_field("smart_account_name", name, jiff::Timestamp::now());
    case
}

/// Leaves a draft in `dir` as a window that was closed (or killed) would.
fn leave_draft(dir: &Path, name: &str) -> PathBuf {
    let mut autosave = Autosave::new(Some(dir.to_owned()));
    autosave.save(&typed_case(name), 1);
    autosave.file().expect("a file").to_owned()
}

#[test]
fn two_windows_started_together_never_offer_the_same_draft() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().to_owned();
    leave_draft(&dir, "Orphan");
    let a = harness_on(app_in(&dir, Dialogs::scripted([])));
    let b = harness_on(app_in(&dir, Dialogs::scripted([])));
    let offered = [&a, &b]
        .iter()
        .filter(|h| h.state().assistant.resume_offer.is_some())
        .count();
    assert_eq!(offered, 1, "offered by both windows, or by none");
    // Once the window that claimed it closes without an answer, the next one offers it.
    let (claimer, other) = if a.state().assistant.resume_offer.is_some() {
        (a, b)
    } else {
        (b, a)
    };
    drop(claimer);
    drop(other);
    let c = harness_on(app_in(&dir, Dialogs::scripted([])));
    assert!(c.state().assistant.resume_offer.is_some());
}

#[test]
fn a_resumed_draft_is_removed_only_once_its_case_is_saved_again() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().to_owned();
    let old = leave_draft(&dir, "Resumed");
    let mut autosave = Autosave::new(Some(dir.clone()));
    let draft = autosave.claim_newest(&procedure()).expect("offered");
    assert_eq!(draft.path, old);
    autosave.take_over(&draft.path);
    assert!(old.exists(), "deleted before the case was saved anew");
    assert_eq!(
        autosave.save(&draft.case, 7),
        cssm_assistant::app::SaveOutcome::Saved
    );
    assert!(!old.exists());
    let own = autosave.file().expect("own").to_owned();
    assert_eq!(read_draft(&own).field("smart_account_name"), "Resumed");
}

#[test]
fn a_failing_autosave_waits_before_trying_again_and_says_each_new_failure() {
    use cssm_assistant::app::SaveOutcome;
    let tmp = tempfile::tempdir().expect("tmp");
    let blocker = tmp.path().join("blocker");
    std::fs::write(&blocker, b"x").expect("write");
    let dir = blocker.join("drafts");
    let mut autosave = Autosave::new(Some(dir.clone()));
    let case = typed_case("Acme");
    let t0 = Instant::now();
    assert!(matches!(
        autosave.save_at(&case, 1, t0),
        SaveOutcome::FirstFailure(_)
    ));
    // The folder can be made now, but the next frames do not write again at once.
    std::fs::remove_file(&blocker).expect("unblock");
    assert_eq!(autosave.save_at(&case, 1, t0), SaveOutcome::Failed);
    assert_eq!(
        autosave.save_at(&case, 2, t0 + Duration::from_millis(500)),
        SaveOutcome::Failed
    );
    assert!(!dir.exists(), "written on every frame");
    // After the wait it is tried, works, and says so.
    assert_eq!(
        autosave.save_at(&case, 2, t0 + Duration::from_secs(3)),
        SaveOutcome::Recovered
    );
    assert!(autosave.file().expect("file").exists());
    // A later failure is said again.
    std::fs::remove_dir_all(&blocker).expect("remove");
    std::fs::write(&blocker, b"x").expect("block again");
    assert!(matches!(
        autosave.save_at(&case, 3, t0 + Duration::from_secs(4)),
        SaveOutcome::FirstFailure(_)
    ));
}

#[cfg(unix)]
#[test]
fn drafts_are_readable_by_their_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().expect("tmp");
    let draft = leave_draft(tmp.path(), "Private");
    let mode = std::fs::metadata(&draft)
        .expect("meta")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600, "{mode:o}");
}

#[test]
fn orphan_lock_and_temporary_files_are_swept_at_start() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path();
    let kept_draft = leave_draft(dir, "Kept");
    let kept_lock = kept_draft.with_extension("lock");
    std::fs::write(&kept_lock, b"").expect("lock of a draft");
    let orphan_lock = dir.join("draft-20260101T000000-1.lock");
    std::fs::write(&orphan_lock, b"").expect("orphan lock");
    let old_temp = dir.join(".cssm-assistant-abc.tmp");
    let fresh_temp = dir.join(".cssm-assistant-def.tmp");
    for temp in [&old_temp, &fresh_temp] {
        std::fs::write(temp, b"half a draft").expect("temp");
    }
    let an_hour_ago = std::time::SystemTime::now() - Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(&old_temp)
        .and_then(|f| f.set_modified(an_hour_ago))
        .expect("age it");

    let _autosave = Autosave::new(Some(dir.to_owned()));
    assert!(!orphan_lock.exists());
    assert!(!old_temp.exists());
    assert!(fresh_temp.exists(), "a write in progress is left alone");
    assert!(kept_draft.exists() && kept_lock.exists());
}

#[test]
fn a_draft_that_cannot_be_read_is_shown_and_kept() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().to_owned();
    let broken = dir.join("draft-20260101T000000-42.ron");
    std::fs::write(
        &broken,
        b"(procedure: \"cssm-subscription-visibility\", answers: {",
    )
    .expect("write");
    let h = harness_on(app_in(&dir, Dialogs::scripted([])));
    let banner = h
        .state()
        .assistant
        .banner
        .as_ref()
        .expect("said")
        .text(&cssm_assistant::i18n::I18n::new(Lang::En));
    assert!(banner.contains(&broken.display().to_string()), "{banner}");
    assert!(broken.exists());
}

/// The drafts in `dir` whose Smart Account name is `name`.
fn drafts_named(dir: &Path, name: &str) -> Vec<PathBuf> {
    drafts_in(dir)
        .into_iter()
        .filter(|p| read_draft(p).field("smart_account_name") == name)
        .collect()
}

#[test]
fn new_case_and_open_case_keep_the_replaced_case_on_disk() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("drafts");
    let opened = tmp.path().join("other.ron");
    std::fs::write(
        &opened,
        "(procedure: \"cssm-subscription-visibility\", answers: {}, fields: { \"smart_account_name\": \"Opened\" })",
    )
    .expect("write");
    let lang = Lang::En;
    let mut h = harness_on(app_in(&dir, Dialogs::scripted([Some(opened.clone())])));
    type_into(&mut h, lang, "smart_account_name", "Alpha");
    let own = h.state().draft_file().expect("own").to_owned();

    // New case: Alpha stays on disk, beside the new case's draft.
    click(&mut h, lang, "ui.new_case");
    assert_eq!(h.state().assistant.case().field("smart_account_name"), "");
    assert_eq!(
        drafts_named(&dir, "Alpha").len(),
        1,
        "{:?}",
        drafts_in(&dir)
    );

    // Undo brings Alpha back, as this window's draft, not as a second copy.
    click(&mut h, lang, "ui.undo");
    assert_eq!(
        h.state().assistant.case().field("smart_account_name"),
        "Alpha"
    );
    assert_eq!(drafts_named(&dir, "Alpha"), vec![own.clone()]);

    // Open case…: Alpha stays on disk too, and is offered at the next start.
    click(&mut h, lang, "ui.open_case");
    assert_eq!(
        h.state().assistant.case().field("smart_account_name"),
        "Opened"
    );
    assert_eq!(
        drafts_named(&dir, "Alpha").len(),
        1,
        "{:?}",
        drafts_in(&dir)
    );
    drop(h);
    // Two unfinished cases (Alpha and the opened one): the next start opens on the
    // list, which holds Alpha.
    let mut h = harness_on(app_in(&dir, Dialogs::scripted([])));
    assert!(h.state().assistant.case_files.shown);
    wait_for_scan(&mut h);
    let names = listed_names(&h);
    assert!(names.contains(&"Alpha".to_owned()), "{names:?}");
}

#[test]
fn a_draft_of_an_older_procedure_version_shows_what_it_loses() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().to_owned();
    let old = dir.join("draft-20260101T000000-7.ron");
    std::fs::write(
        &old,
        "(procedure: \"cssm-subscription-visibility\", procedure_version: 0, \
         answers: { \"sa_assigned\": \"yes\", \"sa_status\": \"suspended\" }, \
         fields: { \"smart_account_name\": \"Old Co\", \"legacy_field\": \"kept?\" })",
    )
    .expect("write");
    let lang = Lang::Fr;
    let mut h = harness_on(AssistantApp::with_autosave(
        Assistant::new(procedure(), lang),
        Dialogs::scripted([]),
        Autosave::new(Some(dir.clone())),
    ));
    let offer = h.state().assistant.resume_offer.clone().expect("offered");
    assert_eq!(offer.notices.len(), 3, "{:?}", offer.notices);
    let i18n = cssm_assistant::i18n::I18n::new(lang);
    for notice in &offer.notices {
        assert!(shows(&h, &notice.message(&i18n)), "not shown: {notice:?}");
    }
    assert!(old.exists(), "kept while the offer is open");
    click(&mut h, lang, "resume.resume");
    assert_eq!(
        h.state().assistant.case().field("smart_account_name"),
        "Old Co"
    );
    assert!(
        !old.exists(),
        "resumed and saved anew: the old file is no longer needed"
    );
}

#[test]
fn undoing_a_resume_keeps_the_resumed_case_on_disk() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().to_owned();
    leave_draft(&dir, "Resumed");
    let lang = Lang::En;
    let mut h = harness_on(app_in(&dir, Dialogs::scripted([])));
    click(&mut h, lang, "resume.resume");
    assert_eq!(
        h.state().assistant.case().field("smart_account_name"),
        "Resumed"
    );
    h.state_mut()
        .assistant
        .apply(cssm_assistant::assistant::Action::Undo);
    h.run();
    assert_eq!(h.state().assistant.case().field("smart_account_name"), "");
    assert_eq!(
        drafts_named(&dir, "Resumed").len(),
        1,
        "{:?}",
        drafts_in(&dir)
    );
}
