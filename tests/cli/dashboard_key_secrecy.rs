//! The Dashboard API key is a secret: after a check in the window, an export and
//! autosave, no file the program wrote holds it, the accessibility tree does not expose
//! it, and the command line never prints it.

use crate::support::fake_dashboard;
use crate::support::kittest;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use cssm_assistant::app::{AssistantApp, Autosave, Dialogs};
use cssm_assistant::assistant::{Action, Assistant};
use cssm_assistant::i18n::Lang;
use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT, Queryable};
use fake_dashboard::{organization, paged, subscription};
use kittest::*;

const KEY: &str = "5ecre7k3y0123456789abcdef0123456789abcd";

/// Every file under `dir`, recursively.
fn files_under(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out
}

#[test]
fn the_key_is_in_no_file_written_and_not_in_the_accessibility_tree() {
    let lang = Lang::En;
    let server = paged(
        organization("549236", "Acme Org", "subscription"),
        vec![vec![subscription(
            "Sub-wanted",
            2,
            "acme.example",
            "active",
        )]],
    );
    let tmp = tempfile::tempdir().expect("tmp");
    let drafts = tmp.path().join("drafts");
    let export = tmp.path().join("exports/case.md");
    std::fs::create_dir_all(export.parent().expect("parent")).expect("mkdir");
    let app = AssistantApp::with_autosave(
        Assistant::new(procedure(), lang),
        Dialogs::scripted([Some(export.clone())]),
        Autosave::new(Some(drafts.clone())),
    );
    let mut h = harness_on(app);
    fill_required(&mut h, lang);
    choose(&mut h, lang, "has_smart_account_access", "yes");
    click(&mut h, lang, "ui.next");
    choose(&mut h, lang, "sa_assigned", "yes");
    choose(&mut h, lang, "sa_status", "active");
    choose(&mut h, lang, "subscription_visible", "no");
    click(&mut h, lang, "ui.next");
    {
        let a = &mut h.state_mut().assistant;
        for (id, value) in [
            ("meraki_org_id", "549236"),
            ("subscription_id", "Sub-wanted"),
        ] {
            a.apply(Action::SetField {
                id: id.into(),
                value: value.into(),
            });
        }
        a.dashboard.base_url = Some(server.base_url());
    }
    h.run();
    h.get_by_label(&t(lang, "dashboard.ui.key")).focus();
    h.run();
    h.get_by_label(&t(lang, "dashboard.ui.key")).type_text(KEY);
    h.run();

    // The masked field does not expose the key to assistive technology.
    for node in h.query_all(egui_kittest::kittest::By::new().predicate(|_| true)) {
        let ak = node.accesskit_node();
        assert!(
            !ak.value().unwrap_or_default().contains(KEY),
            "exposed as a value"
        );
        assert!(
            !ak.label().unwrap_or_default().contains(KEY),
            "exposed as a label"
        );
    }

    h.get_by_role_and_label(Role::Button, &t(lang, "dashboard.ui.check"))
        .click();
    h.step();
    let deadline = Instant::now() + Duration::from_secs(20);
    while h.state().assistant.dashboard.running() {
        assert!(Instant::now() < deadline, "the check did not end");
        h.step();
        std::thread::sleep(Duration::from_millis(10));
    }
    h.run();
    assert!(
        h.state().assistant.case().evidence.is_some(),
        "the check found evidence"
    );
    let accept = format!(
        "{} — {}",
        t(lang, "dashboard.ui.accept"),
        t(lang, "dashboard.proposal.claimed_bound.yes")
    );
    h.get_by_role_and_label(Role::Button, &accept).click();
    h.run();
    click(&mut h, lang, "ui.see_result");
    click(&mut h, lang, "ui.export_both");
    let deadline = Instant::now() + Duration::from_secs(10);
    while !export.with_extension("ron").exists() {
        assert!(Instant::now() < deadline, "the export was not written");
        h.step();
        std::thread::sleep(Duration::from_millis(10));
    }
    h.run();

    let written = files_under(tmp.path());
    assert!(
        written
            .iter()
            .any(|p| p.extension().is_some_and(|e| e == "md")),
        "{written:?}"
    );
    assert!(
        written.iter().any(|p| p.starts_with(&drafts)),
        "autosave wrote no draft: {written:?}"
    );
    for path in &written {
        let bytes = std::fs::read(path).expect("read");
        assert!(
            !String::from_utf8_lossy(&bytes).contains(KEY),
            "the key is in {}",
            path.display()
        );
    }
    let summary = std::fs::read_to_string(export.with_extension("md")).expect("summary");
    assert!(summary.contains("Evidence from the Meraki Dashboard"));
    // Nor in what a debug print of the state would show.
    assert!(!format!("{:?}", h.state().assistant).contains(KEY));
}

#[test]
fn the_command_line_never_prints_the_key_even_when_the_dashboard_echoes_it() {
    // A hostile or broken Dashboard that puts the key in its error message.
    let server = fake_dashboard::FakeDashboard::start(|req, _| {
        let auth = req.header("authorization").unwrap_or_default().to_owned();
        fake_dashboard::Reply::error(401, &format!("Invalid key: {auth}"))
    });
    let out = Command::new(env!("CARGO_BIN_EXE_cssm-assistant"))
        .args(["check", "--org", "549236", "--base-url", &server.base_url()])
        .env("MERAKI_DASHBOARD_API_KEY", KEY)
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .stdin(Stdio::null())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(3));
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(printed.contains("HTTP 401"), "{printed}");
    assert!(!printed.contains(KEY), "{printed}");
}
