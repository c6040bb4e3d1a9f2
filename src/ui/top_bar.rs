//! The top bar: the case commands, the language and theme switches, then the
//! procedure's title. The program's name is the window's title (and its accessible
//! name), not repeated here: without it the bar holds on one line at the default width
//! in French too.

use crate::assistant::{Action, Assistant};
use crate::i18n::Lang;

/// Draws the top bar.
pub fn top_bar_ui(ui: &mut egui::Ui, assistant: &Assistant, actions: &mut Vec<Action>) {
    let i18n = assistant.i18n();
    ui.add_space(4.0);
    ui.horizontal_wrapped(|ui| {
        if ui.button(i18n.tr("ui.new_case")).clicked() {
            actions.push(Action::NewCase);
        }
        if ui
            .button(i18n.tr("ui.open_case"))
            .on_hover_text(i18n.tr("ui.open_case.help"))
            .clicked()
        {
            actions.push(Action::OpenCaseDialog);
        }
        if ui
            .button(i18n.tr("ui.export"))
            .on_hover_text(i18n.tr("ui.export.help"))
            .clicked()
        {
            actions.push(Action::ExportDialog);
        }
        if ui.button(i18n.tr("ui.copy_summary")).clicked() {
            actions.push(Action::CopySummary);
        }
        let files = ui
            .selectable_label(assistant.case_files.shown, i18n.tr("ui.case_files"))
            .on_hover_text(i18n.tr("ui.case_files.help"));
        if files.clicked() {
            actions.push(if assistant.case_files.shown {
                Action::HideCaseFiles
            } else {
                Action::ShowCaseFiles
            });
        }
        ui.separator();
        let language = ui.label(i18n.tr("ui.language"));
        for (lang, name) in [(Lang::Fr, "Français"), (Lang::En, "English")] {
            let selected = assistant.lang() == lang;
            let response = ui
                .selectable_label(selected, name)
                .labelled_by(language.id)
                .accessible_name(name);
            if response.clicked() && !selected {
                actions.push(Action::SetLang(lang));
            }
        }
        ui.separator();
        theme_choice_ui(ui, assistant);
        ui.separator();
        super::about::about_button(ui, &i18n);
    });
    super::about::about_ui(ui.ctx(), &i18n);
    ui.add_space(2.0);
    super::a11y::heading(
        ui,
        egui::RichText::new(i18n.tr(&assistant.procedure().title)).heading(),
        1,
    );
    ui.add_space(4.0);
}

/// System / Light / Dark. The theme is the window's, not the case's: it changes the
/// context directly, and the app remembers it in the settings file.
fn theme_choice_ui(ui: &mut egui::Ui, assistant: &Assistant) {
    let i18n = assistant.i18n();
    let label = ui.label(i18n.tr("theme.label"));
    let current = super::theme::current_choice(ui.ctx());
    for choice in super::ThemeChoice::ALL {
        let selected = current == choice;
        let name = i18n.tr(choice.key());
        let response = ui
            .selectable_label(selected, name)
            .labelled_by(label.id)
            .accessible_name(name);
        if response.clicked() && !selected {
            ui.ctx().set_theme(choice.preference());
        }
    }
}
