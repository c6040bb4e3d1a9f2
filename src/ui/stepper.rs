//! The stepper beside the form: every step with its state, and the result.

use crate::assistant::progress::StepStatus;
use crate::assistant::{Action, Assistant, View};

/// Draws the stepper.
pub fn stepper_ui(ui: &mut egui::Ui, assistant: &Assistant, actions: &mut Vec<Action>) {
    let i18n = assistant.i18n();
    let progress = assistant.progress();
    ui.visuals_mut().disabled_alpha = super::theme::READABLE_DISABLED_ALPHA;
    ui.add_space(6.0);
    let line = match assistant.view() {
        View::Step(i) => i18n.trv(
            "ui.progress",
            &[
                ("n", &progress.position(i).to_string()),
                ("total", &progress.total().to_string()),
            ],
        ),
        View::Outcome => i18n.tr("ui.progress.result").to_owned(),
    };
    ui.label(egui::RichText::new(line).strong());
    ui.add_space(6.0);

    for (i, step) in assistant.procedure().steps.iter().enumerate() {
        let status = progress.steps[i];
        let state_key = match status {
            StepStatus::Done => "ui.step_state.done",
            StepStatus::Frontier => "ui.step_state.current",
            StepStatus::Todo => "ui.step_state.todo",
            StepStatus::NotNeeded => "ui.step_state.not_needed",
        };
        let title = i18n.tr(&step.title);
        let on_screen = assistant.view() == View::Step(i);
        let enabled = progress.can_open(i);
        let mut rich = egui::RichText::new(title);
        if status == StepStatus::NotNeeded {
            rich = rich.weak().strikethrough();
        }
        ui.horizontal(|ui| {
            status_mark(ui, status, &(i + 1).to_string());
            let response = ui
                .add_enabled(enabled, egui::Button::selectable(on_screen, rich).wrap())
                .accessible_name(format!("{title} ({})", i18n.tr(state_key)))
                .on_hover_text(i18n.tr(state_key));
            // The name says the state already: no description repeating it.
            super::a11y::no_description(&response);
            if response.clicked() && !on_screen {
                actions.push(Action::Open(View::Step(i)));
            }
        });
    }

    ui.add_space(4.0);
    let result_title = i18n.tr("ui.result");
    let result_status = if progress.outcome.is_some() {
        StepStatus::Done
    } else {
        StepStatus::Todo
    };
    ui.horizontal(|ui| {
        status_mark(ui, result_status, "R");
        result_ui(ui, assistant, result_title, actions);
    });
    if let Some(headline) = progress
        .outcome
        .as_deref()
        .and_then(|id| assistant.procedure().outcome(id))
        .map(|o| i18n.tr(&o.headline))
    {
        ui.label(egui::RichText::new(headline).small());
    }
}

fn result_ui(
    ui: &mut egui::Ui,
    assistant: &Assistant,
    result_title: &str,
    actions: &mut Vec<Action>,
) {
    let i18n = assistant.i18n();
    let progress = assistant.progress();
    match &progress.outcome {
        Some(_) => {
            let on_screen = assistant.view() == View::Outcome;
            let response = ui
                .add(egui::Button::selectable(on_screen, result_title).wrap())
                .accessible_name(result_title);
            if response.clicked() && !on_screen {
                actions.push(Action::Open(View::Outcome));
            }
        }
        None => {
            ui.add_enabled(false, egui::Button::selectable(false, result_title))
                .accessible_name(format!(
                    "{result_title} ({})",
                    i18n.tr("ui.step_state.todo")
                ));
        }
    }
}

/// A small round mark: a tick when done, the number otherwise, dimmed when not needed.
fn status_mark(ui: &mut egui::Ui, status: StepStatus, number: &str) {
    let size = egui::vec2(20.0, 20.0);
    let (rect, _) = ui.allocate_exact_size(size, egui::Sense::hover());
    let painter = ui.painter_at(rect.expand(1.0));
    let c = rect.center();
    let r = 9.0;
    let visuals = ui.visuals();
    let accent = visuals.selection.bg_fill;
    let green = super::SUCCESS_GREEN;
    let weak = visuals.weak_text_color();
    match status {
        StepStatus::Done => {
            painter.circle_filled(c, r, green);
            let stroke = egui::Stroke::new(2.0, egui::Color32::WHITE);
            painter.line_segment(
                [c + egui::vec2(-4.5, 0.0), c + egui::vec2(-1.0, 3.5)],
                stroke,
            );
            painter.line_segment(
                [c + egui::vec2(-1.0, 3.5), c + egui::vec2(5.0, -3.5)],
                stroke,
            );
        }
        StepStatus::Frontier => {
            painter.circle_filled(c, r, accent);
            painter.text(
                c,
                egui::Align2::CENTER_CENTER,
                number,
                egui::FontId::proportional(11.0),
                // The colour made for text on the selection's fill, in either theme.
                visuals.selection.stroke.color,
            );
        }
        StepStatus::Todo => {
            painter.circle_stroke(c, r, egui::Stroke::new(1.5, visuals.text_color()));
            painter.text(
                c,
                egui::Align2::CENTER_CENTER,
                number,
                egui::FontId::proportional(11.0),
                visuals.text_color(),
            );
        }
        StepStatus::NotNeeded => {
            painter.circle_stroke(c, r, egui::Stroke::new(1.0, weak));
            painter.line_segment(
                [c + egui::vec2(-4.0, 0.0), c + egui::vec2(4.0, 0.0)],
                egui::Stroke::new(1.5, weak),
            );
        }
    }
}
