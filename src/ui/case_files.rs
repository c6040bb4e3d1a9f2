//! The list of case files (« Fiches »): one row per case, newest change first, filtered
//! as you type. Each row is a list item a screen reader names "customer, outcome,
//! date", with its buttons named after the customer.

use egui::RichText;
use egui::accesskit::Role;

use super::a11y;
use crate::assistant::case_files::matches_filter;
use crate::assistant::{Action, Assistant, CaseFileEntry, EntryKind, EntryState, Holder};
use crate::i18n::I18n;

/// Most rows drawn at once; the filter finds the others.
pub const MAX_ROWS: usize = 200;

/// The filter's text box, by its stable id (its text lives in egui's memory: it is
/// the view's state, not the case's).
fn filter_id() -> egui::Id {
    a11y::stable_id("case-files", "filter")
}

/// Draws the list.
pub fn case_files_ui(ui: &mut egui::Ui, assistant: &Assistant, actions: &mut Vec<Action>) {
    let i18n = assistant.i18n();
    let list = &assistant.case_files;
    a11y::heading(ui, RichText::new(i18n.tr("files.title")).heading(), 2);
    if list.start_drafts > 0 {
        ui.label(i18n.trn("files.start_note", list.start_drafts as u64, &[]));
    }
    ui.horizontal_wrapped(|ui| {
        let key = if list.start_drafts > 0 {
            "files.start_new"
        } else {
            "files.back"
        };
        if ui.button(i18n.tr(key)).clicked() {
            actions.push(Action::HideCaseFiles);
        }
    });
    ui.add_space(6.0);

    let mut filter = ui.data(|d| d.get_temp::<String>(filter_id()).unwrap_or_default());
    let filter_label = ui.label(i18n.tr("files.filter"));
    let edit = ui.add(
        egui::TextEdit::singleline(&mut filter)
            .id(filter_id())
            .desired_width(ui.available_width().min(420.0)),
    );
    let edit = edit.labelled_by(filter_label.id);
    if assistant.focus_first_input {
        edit.request_focus();
    }
    if edit.changed() {
        ui.data_mut(|d| d.insert_temp(filter_id(), filter.clone()));
    }
    ui.add_space(6.0);

    if list.scanning && list.entries.is_empty() {
        ui.label(RichText::new(i18n.tr("files.scanning")).weak());
        return;
    }
    if list.entries.is_empty() {
        ui.label(i18n.tr("files.none"));
        return;
    }
    let shown: Vec<(&CaseFileEntry, String)> = list
        .entries
        .iter()
        .map(|e| (e, state_text(assistant, &i18n, e)))
        .filter(|(e, text)| matches_filter(e, text, &filter))
        .collect();
    let total = list.entries.len() as u64;
    let count = if filter.trim().is_empty() {
        i18n.trn("files.count", total, &[])
    } else {
        i18n.trv(
            "files.matching",
            &[
                ("shown", &shown.len().to_string()),
                ("count", &total.to_string()),
            ],
        )
    };
    let count_label = ui.label(RichText::new(count).weak());
    a11y::live(&count_label, egui::accesskit::Live::Polite);
    ui.add_space(4.0);

    ui.scope_builder(
        egui::UiBuilder::new()
            .id_salt("case-files-list")
            .accessibility_role(Role::List)
            .accessibility_label(i18n.tr("files.title")),
        |ui| {
            for (entry, state) in shown.iter().take(MAX_ROWS) {
                row_ui(ui, assistant, &i18n, entry, state, actions);
            }
        },
    );
    if shown.len() > MAX_ROWS {
        ui.label(i18n.trn("files.more", (shown.len() - MAX_ROWS) as u64, &[]));
    }
}

/// The outcome reached or the step reached, in the user's language.
fn state_text(assistant: &Assistant, i18n: &I18n, entry: &CaseFileEntry) -> String {
    let procedure = assistant.procedure();
    match &entry.state {
        EntryState::Readable(s) => {
            if let Some(o) = s.outcome.as_deref().and_then(|id| procedure.outcome(id)) {
                i18n.tr(&o.headline).to_owned()
            } else {
                let step = s
                    .step
                    .and_then(|i| procedure.steps.get(i))
                    .map(|st| i18n.tr(&st.title))
                    .unwrap_or_default();
                i18n.trv("files.step", &[("step", step)])
            }
        }
        EntryState::Missing => String::new(),
        EntryState::Unreadable(_) => String::new(),
    }
}

/// The customer a row is about: the Smart Account name, else the file's name.
fn row_name(i18n: &I18n, entry: &CaseFileEntry) -> String {
    match entry.summary() {
        Some(s) if !s.name.is_empty() => s.name.clone(),
        Some(_) => i18n.tr("files.unnamed").to_owned(),
        None => entry
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
    }
}

fn row_ui(
    ui: &mut egui::Ui,
    assistant: &Assistant,
    i18n: &I18n,
    entry: &CaseFileEntry,
    state: &str,
    actions: &mut Vec<Action>,
) {
    let tz = &assistant.time_zone;
    let when = entry
        .last_change()
        .map(|t| super::local_time(t, tz, i18n))
        .unwrap_or_else(|| i18n.tr("files.no_date").to_owned());
    let name = row_name(i18n, entry);
    // What a screen reader says of the row: customer, outcome, date.
    let row_label = match &entry.state {
        EntryState::Readable(_) => i18n.trv(
            "files.row",
            &[("name", &name), ("outcome", state), ("when", &when)],
        ),
        EntryState::Missing => i18n.trv("files.row_missing", &[("name", &name)]),
        EntryState::Unreadable(_) => i18n.trv("files.row_unreadable", &[("name", &name)]),
    };
    let key = entry.path.to_string_lossy();
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.scope_builder(
            egui::UiBuilder::new()
                .id_salt(("case-file", key.as_ref()))
                .accessibility_role(Role::ListItem)
                .accessibility_label(row_label),
            |ui| row_body(ui, i18n, entry, &name, state, &when, tz, actions),
        );
    });
    ui.add_space(4.0);
}

#[allow(clippy::too_many_arguments)]
fn row_body(
    ui: &mut egui::Ui,
    i18n: &I18n,
    entry: &CaseFileEntry,
    name: &str,
    state: &str,
    when: &str,
    tz: &jiff::tz::TimeZone,
    actions: &mut Vec<Action>,
) {
    let weak = |t: String| RichText::new(t).weak();
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(name).strong());
        if let Some(s) = entry.summary()
            && !s.domain.is_empty()
        {
            ui.label(format!("({})", s.domain));
        }
    });
    match &entry.state {
        EntryState::Readable(s) => {
            let mut ids = Vec::new();
            if !s.org_id.is_empty() {
                ids.push(i18n.trv("files.org", &[("id", &s.org_id)]));
            }
            if !s.subscription_id.is_empty() {
                ids.push(i18n.trv("files.subscription", &[("id", &s.subscription_id)]));
            }
            if ids.is_empty() {
                ui.label(weak(i18n.tr("files.no_ids").to_owned()));
            } else {
                ui.label(ids.join(" · "));
            }
            ui.label(RichText::new(state).strong());
            let saved = match (entry.kind, entry.exported) {
                (EntryKind::Draft, _) => i18n.tr("files.draft").to_owned(),
                (EntryKind::File, Some(t)) => i18n.trv(
                    "files.exported",
                    &[("when", &super::local_time(t, tz, i18n))],
                ),
                (EntryKind::File, None) => i18n.tr("files.opened").to_owned(),
            };
            let evidence = match s.evidence_at {
                Some(t) => i18n.trv(
                    "files.evidence",
                    &[("when", &super::local_time(t, tz, i18n))],
                ),
                None => i18n.tr("files.no_evidence").to_owned(),
            };
            ui.label(format!(
                "{} · {saved} · {evidence}",
                i18n.trv("files.last_change", &[("when", when)])
            ));
        }
        EntryState::Missing => {
            let path = entry.path.display().to_string();
            ui.label(
                RichText::new(i18n.trv("files.missing", &[("path", &path)]))
                    .color(ui.visuals().warn_fg_color),
            );
        }
        EntryState::Unreadable(e) => {
            ui.label(
                RichText::new(i18n.trv("files.unreadable", &[("reason", &e.message(i18n))]))
                    .color(ui.visuals().warn_fg_color),
            );
        }
    }
    match entry.holder {
        Holder::ThisWindow => {
            ui.label(RichText::new(i18n.tr("files.this_window")).italics());
        }
        Holder::OtherWindow => {
            ui.label(RichText::new(i18n.tr("files.other_window")).italics());
        }
        Holder::Free => {}
    }
    ui.label(weak(entry.path.display().to_string()).small());
    let readable = entry.summary().is_some();
    ui.horizontal_wrapped(|ui| {
        let named = |key: &str| i18n.trv(key, &[("name", name)]);
        let can_open = readable && entry.holder != Holder::OtherWindow;
        let open = ui
            .add_enabled(can_open, egui::Button::new(i18n.tr("files.open")))
            .accessible_name(named("files.open.named"));
        if open.clicked() {
            actions.push(Action::OpenCaseFile(entry.path.clone()));
        }
        let dup = ui
            .add_enabled(readable, egui::Button::new(i18n.tr("files.duplicate")))
            .accessible_name(named("files.duplicate.named"));
        if dup.clicked() {
            actions.push(Action::DuplicateCaseFile(entry.path.clone()));
        }
        let reveal = ui
            .button(i18n.tr("files.reveal"))
            .accessible_name(named("files.reveal.named"));
        if reveal.clicked() {
            actions.push(Action::RevealCaseFile(entry.path.clone()));
        }
        let remove = ui
            .add_enabled(
                entry.holder == Holder::Free,
                egui::Button::new(i18n.tr("files.remove")),
            )
            .accessible_name(named("files.remove.named"));
        if remove.clicked() {
            actions.push(Action::RemoveCaseFile(entry.path.clone()));
        }
    });
}
