//! Drawing: functions that read the assistant's state and return actions. They never
//! change the case themselves (see [`crate::assistant::Action`]).

mod outcome;
mod step_form;
mod stepper;
mod top_bar;

use egui::{Key, Modifiers};

use crate::assistant::{Action, Assistant, BannerKind, View};

pub use outcome::outcome_ui;
pub use step_form::step_form_ui;
pub use stepper::stepper_ui;
pub use top_bar::top_bar_ui;

/// The colour of things done: a done step, a success message.
const SUCCESS_GREEN: egui::Color32 = egui::Color32::from_rgb(0x2e, 0x9e, 0x5b);

/// Widest the reading column grows, in points: long lines are hard to read.
const READING_WIDTH: f32 = 860.0;

/// Draws the whole assistant and returns what the user asked for.
pub fn assistant_ui(ui: &mut egui::Ui, assistant: &Assistant) -> Vec<Action> {
    let mut actions = Vec::new();
    keyboard_shortcuts(ui, assistant, &mut actions);

    egui::Panel::top("top_bar").show(ui, |ui| {
        top_bar_ui(ui, assistant, &mut actions);
    });
    egui::Panel::bottom("navigation").show(ui, |ui| {
        navigation_ui(ui, assistant, &mut actions);
    });
    egui::Panel::left("stepper")
        .resizable(true)
        .default_size(230.0)
        .min_size(170.0)
        .show(ui, |ui| {
            stepper_ui(ui, assistant, &mut actions);
        });
    egui::CentralPanel::default().show(ui, |ui| {
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                let width = ui.available_width().min(READING_WIDTH);
                ui.set_max_width(width);
                resume_offer_ui(ui, assistant, &mut actions);
                banner_ui(ui, assistant, &mut actions);
                match assistant.view() {
                    View::Step(step) => step_form_ui(ui, assistant, step, &mut actions),
                    View::Outcome => outcome_ui(ui, assistant, &mut actions),
                }
                ui.add_space(16.0);
            });
    });
    actions
}

/// Shortcuts that work wherever the focus is.
fn keyboard_shortcuts(ui: &mut egui::Ui, assistant: &Assistant, actions: &mut Vec<Action>) {
    let pressed = |modifiers, key| ui.input_mut(|i| i.consume_key(modifiers, key));
    if pressed(Modifiers::COMMAND, Key::Z) && assistant.can_undo() {
        actions.push(Action::Undo);
    }
    if pressed(Modifiers::COMMAND, Key::O) {
        actions.push(Action::OpenCaseDialog);
    }
    if pressed(Modifiers::COMMAND, Key::S) {
        actions.push(Action::ExportDialog);
    }
    if pressed(Modifiers::COMMAND, Key::Enter) && assistant.can_go_next() {
        actions.push(Action::Next);
    }
}

/// The offer to resume an unfinished case of an earlier session.
fn resume_offer_ui(ui: &mut egui::Ui, assistant: &Assistant, actions: &mut Vec<Action>) {
    let Some(offer) = &assistant.resume_offer else {
        return;
    };
    let i18n = assistant.i18n();
    let name = offer.case.field("smart_account_name").trim();
    let name = if name.is_empty() {
        i18n.tr("resume.unnamed").to_owned()
    } else {
        name.to_owned()
    };
    let when = offer
        .case
        .updated
        .map(|t| t.strftime("%Y-%m-%d %H:%M UTC").to_string())
        .unwrap_or_default();
    let answered = offer.case.answers.len().to_string();
    egui::Frame::group(ui.style())
        .stroke(egui::Stroke::new(1.5, ui.visuals().selection.bg_fill))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(egui::RichText::new(i18n.tr("resume.title")).strong());
            ui.label(i18n.trv(
                "resume.text",
                &[("name", &name), ("when", &when), ("answers", &answered)],
            ));
            // What a draft of an older procedure version loses on resuming.
            for notice in &offer.notices {
                ui.label(notice.message(&i18n));
            }
            if offer.others > 0 {
                ui.label(i18n.trv(
                    "lost.resume_others",
                    &[("count", &offer.others.to_string())],
                ));
            }
            ui.horizontal(|ui| {
                let resume = ui.button(i18n.tr("resume.resume"));
                if assistant.focus_first_input {
                    resume.request_focus();
                }
                if resume.clicked() {
                    actions.push(Action::ResumeDraft);
                }
                if ui.button(i18n.tr("resume.discard")).clicked() {
                    actions.push(Action::DiscardDraft);
                }
            });
        });
    ui.add_space(8.0);
}

/// The message banner, with Undo when it offers it.
fn banner_ui(ui: &mut egui::Ui, assistant: &Assistant, actions: &mut Vec<Action>) {
    let Some(banner) = &assistant.banner else {
        return;
    };
    let i18n = assistant.i18n();
    let visuals = ui.visuals();
    let stroke = match banner.kind {
        BannerKind::Success => SUCCESS_GREEN,
        BannerKind::Info => visuals.selection.bg_fill,
        BannerKind::Error => visuals.error_fg_color,
    };
    egui::Frame::group(ui.style())
        .fill(visuals.extreme_bg_color)
        .stroke(egui::Stroke::new(1.5, stroke))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_wrapped(|ui| {
                let text = banner.text(&i18n);
                let label = if banner.kind == BannerKind::Error {
                    egui::RichText::new(text).color(stroke)
                } else {
                    egui::RichText::new(text)
                };
                ui.label(label);
            });
            ui.horizontal(|ui| {
                if banner.undo && assistant.can_undo() && ui.button(i18n.tr("ui.undo")).clicked() {
                    actions.push(Action::Undo);
                }
                if let Some((label, action)) = &banner.confirm
                    && ui.button(i18n.tr(label)).clicked()
                {
                    actions.push(action.clone());
                }
                if ui.button(i18n.tr("ui.dismiss")).clicked() {
                    actions.push(Action::DismissBanner);
                }
            });
        });
    ui.add_space(8.0);
}

/// Back, Next (with why it is disabled) and the escape hatch.
fn navigation_ui(ui: &mut egui::Ui, assistant: &Assistant, actions: &mut Vec<Action>) {
    let i18n = assistant.i18n();
    ui.add_space(4.0);
    ui.horizontal_wrapped(|ui| {
        let has_back = match assistant.view() {
            View::Step(i) => assistant.progress().previous_before(i).is_some(),
            View::Outcome => true,
        };
        if ui
            .add_enabled(has_back, egui::Button::new(i18n.tr("ui.back")))
            .clicked()
        {
            actions.push(Action::Back);
        }
        if let View::Step(step) = assistant.view() {
            let next_label = if assistant.progress().next_after(step).is_some() {
                i18n.tr("ui.next")
            } else {
                i18n.tr("ui.see_result")
            };
            let enabled = assistant.can_go_next();
            let next = ui.add_enabled(enabled, egui::Button::new(next_label));
            if next.clicked() {
                actions.push(Action::Next);
            }
            if !enabled && let Some(reason) = step_form::blocking_reason(assistant, step) {
                ui.label(egui::RichText::new(reason).weak());
            }
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if assistant.evaluation().escalated {
                if ui.button(i18n.tr("ui.resume")).clicked() {
                    actions.push(Action::Resume);
                }
            } else if ui
                .button(i18n.tr("ui.escalate"))
                .on_hover_text(i18n.tr("ui.escalate.help"))
                .clicked()
            {
                actions.push(Action::Escalate);
            }
        });
    });
    ui.add_space(4.0);
}
