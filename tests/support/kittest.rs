//! Helpers shared by the window tests: a harness around the real app, and lookups of
//! texts by locale key so tests find widgets by the label a user reads.
#![allow(dead_code)]

use cssm_assistant::app::{AssistantApp, Dialogs};
use cssm_assistant::assistant::Assistant;
use cssm_assistant::i18n::{I18n, Lang};
use cssm_assistant::procedure::Procedure;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// The text of a key in a language.
pub fn t(lang: Lang, key: &str) -> String {
    I18n::new(lang).tr(key).to_owned()
}

/// The built-in procedure.
pub fn procedure() -> Procedure {
    Procedure::builtin().expect("procedure")
}

/// A harness on a new case, with scripted dialogs.
pub fn harness(lang: Lang, dialogs: Dialogs) -> Harness<'static, AssistantApp> {
    let app = AssistantApp::new(Assistant::new(procedure(), lang), dialogs);
    harness_on(app)
}

/// A harness on an app.
pub fn harness_on(app: AssistantApp) -> Harness<'static, AssistantApp> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1100.0, 900.0))
        // The scan of the case files ends on its own thread and asks for a frame then:
        // a run may take a few more steps to settle.
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut AssistantApp| app.ui(ui), app);
    h.run();
    h
}

/// The label of a question, by id.
pub fn question_label(lang: Lang, question: &str) -> String {
    let p = procedure();
    t(lang, &p.question(question).expect("question").label)
}

/// The label of an option, by question and option id.
pub fn option_label(lang: Lang, question: &str, option: &str) -> String {
    let p = procedure();
    let q = p.question(question).expect("question");
    t(lang, &q.option(option).expect("option").label)
}

/// The label a field's text box is named by (a required field says so by its state,
/// not by a star in its name).
pub fn field_label(lang: Lang, field: &str) -> String {
    let p = procedure();
    let f = p.field(field).expect("field");
    t(lang, &f.label)
}

/// Clicks an option of a question, as a user would.
pub fn choose(h: &mut Harness<'static, AssistantApp>, lang: Lang, question: &str, option: &str) {
    let group = question_label(lang, question);
    let label = option_label(lang, question, option);
    h.get_by_role_and_label(Role::RadioGroup, &group)
        .get_by_label(&label)
        .click();
    h.run();
}

/// Types into a field.
pub fn type_into(h: &mut Harness<'static, AssistantApp>, lang: Lang, field: &str, text: &str) {
    let label = field_label(lang, field);
    h.get_by_label(&label).focus();
    h.run();
    h.get_by_label(&label).type_text(text);
    h.run();
}

/// Clicks a button by its locale key.
pub fn click(h: &mut Harness<'static, AssistantApp>, lang: Lang, key: &str) {
    h.get_by_role_and_label(Role::Button, &t(lang, key)).click();
    h.run();
}

/// Fills the two required fields.
pub fn fill_required(h: &mut Harness<'static, AssistantApp>, lang: Lang) {
    type_into(h, lang, "smart_account_name", "Acme Corp");
    type_into(h, lang, "smart_account_domain", "acme.example");
}

/// Fills the identifiers the Meraki step requires (procedure version 2).
pub fn fill_meraki_ids(h: &mut Harness<'static, AssistantApp>, lang: Lang) {
    type_into(h, lang, "meraki_org_id", "2930418");
    type_into(h, lang, "subscription_id", "SR1234567");
}

/// Whether some node carries exactly this label.
pub fn shows(h: &Harness<'static, AssistantApp>, label: &str) -> bool {
    h.query_all_by_label(label).next().is_some()
}

/// The answer the case on screen holds for a question.
pub fn answer_of<'h>(h: &'h Harness<'static, AssistantApp>, question: &str) -> Option<&'h str> {
    h.state()
        .assistant
        .case()
        .answers
        .get(question)
        .map(String::as_str)
}

/// Runs frames until the scan of the case files is done (it runs off the UI thread),
/// for at most ten seconds.
pub fn wait_for_scan(h: &mut Harness<'static, AssistantApp>) {
    let started = std::time::Instant::now();
    let _ = h.try_run();
    while h.state().assistant.case_files.scanning {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(10),
            "the scan of the case files did not end"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
        let _ = h.try_run();
    }
    h.run();
}

/// The Smart Account names of the rows of the list, in order.
pub fn listed_names(h: &Harness<'static, AssistantApp>) -> Vec<String> {
    h.state()
        .assistant
        .case_files
        .entries
        .iter()
        .map(|e| e.summary().map(|s| s.name.clone()).unwrap_or_default())
        .collect()
}

/// eframe's state file, in memory: what the window keeps between starts.
#[derive(Default)]
pub struct MemoryStorage(std::collections::HashMap<String, String>);

impl eframe::Storage for MemoryStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_owned(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
}
