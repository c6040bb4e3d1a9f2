//! Drawing: functions that read the assistant's state and return actions. They never
//! change the case themselves (see [`crate::assistant::Action`]).

pub mod a11y;
pub mod about;
mod case_files;
mod dashboard;
mod outcome;
pub mod picker;
mod step_form;
mod stepper;
pub mod theme;
mod top_bar;

use egui::{Key, Modifiers};

use crate::assistant::{Action, Assistant, BannerKind, View};

pub use case_files::case_files_ui;
pub use outcome::outcome_ui;
pub use step_form::step_form_ui;
pub use stepper::stepper_ui;
pub use theme::ThemeChoice;
pub use top_bar::top_bar_ui;

/// The colour of things done: a done step, a success message.
const SUCCESS_GREEN: egui::Color32 = egui::Color32::from_rgb(0x2e, 0x9e, 0x5b);

/// Widest the reading column grows, in points: long lines are hard to read.
const READING_WIDTH: f32 = 860.0;

/// Draws the whole assistant and returns what the user asked for.
pub fn assistant_ui(ui: &mut egui::Ui, assistant: &Assistant) -> Vec<Action> {
    let mut actions = Vec::new();
    keyboard_shortcuts(ui, assistant, &mut actions);
    a11y::name_window(ui.ctx(), &window_name(assistant));

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
                if !assistant.case_files.shown {
                    resume_offer_ui(ui, assistant, &mut actions);
                }
                banner_ui(ui, assistant, &mut actions);
                // The page's widgets keep their ids whether a banner or an offer is
                // drawn above them or not.
                if assistant.case_files.shown {
                    a11y::stable_scope(ui, "case-files", "page", |ui| {
                        case_files_ui(ui, assistant, &mut actions);
                    });
                    ui.add_space(16.0);
                    return;
                }
                match assistant.view() {
                    View::Step(step) => {
                        let id = assistant.procedure().steps.get(step).map(|s| s.id.as_str());
                        a11y::stable_scope(ui, "step", id.unwrap_or_default(), |ui| {
                            step_form_ui(ui, assistant, step, &mut actions);
                        });
                    }
                    View::Outcome => a11y::stable_scope(ui, "outcome", "page", |ui| {
                        outcome_ui(ui, assistant, &mut actions);
                    }),
                }
                ui.add_space(16.0);
            });
    });
    actions
}

/// The window's accessible name: the page on screen, then the program.
pub fn window_name(assistant: &Assistant) -> String {
    let i18n = assistant.i18n();
    if assistant.case_files.shown {
        return format!("{} – {}", i18n.tr("files.title"), i18n.tr("app.name"));
    }
    let page = match assistant.view() {
        View::Step(i) => assistant
            .procedure()
            .steps
            .get(i)
            .map(|s| i18n.tr(&s.title).to_owned())
            .unwrap_or_default(),
        View::Outcome => assistant
            .progress()
            .outcome
            .as_deref()
            .and_then(|id| assistant.procedure().outcome(id))
            .map(|o| i18n.tr(&o.headline).to_owned())
            .unwrap_or_else(|| i18n.tr("ui.result").to_owned()),
    };
    // Page first, as window titles put it; the dash is not a word to translate.
    format!("{page} – {}", i18n.tr("app.name"))
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
    if pressed(Modifiers::COMMAND, Key::L) {
        actions.push(if assistant.case_files.shown {
            Action::HideCaseFiles
        } else {
            Action::ShowCaseFiles
        });
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
        .map(|t| local_time(t, &assistant.time_zone, &i18n))
        .unwrap_or_default();
    let answered = i18n.trn("resume.answers", offer.case.answers.len() as u64, &[]);
    let text = i18n.trv(
        "resume.text",
        &[("name", &name), ("when", &when), ("answers", &answered)],
    );
    // Resuming replaces the case on screen: when something was typed in it, ask first.
    let confirm_id = a11y::stable_id("resume", "confirm");
    let confirming = ui.data(|d| d.get_temp::<bool>(confirm_id).unwrap_or(false));
    egui::Frame::group(ui.style())
        .stroke(egui::Stroke::new(1.5, ui.visuals().selection.bg_fill))
        .show(ui, |ui| {
            a11y::stable_scope(ui, "resume", "offer", |ui| {
                ui.set_width(ui.available_width());
                let title = i18n.tr("resume.title");
                a11y::heading(ui, egui::RichText::new(title).strong(), 2);
                ui.label(&text);
                // What a draft of an older procedure version loses on resuming.
                for notice in &offer.notices {
                    ui.label(notice.message(&i18n));
                }

                if confirming {
                    let warning = i18n.tr("resume.confirm");
                    let label = ui.label(egui::RichText::new(warning).strong());
                    a11y::live(&label, egui::accesskit::Live::Assertive);
                    ui.horizontal_wrapped(|ui| {
                        let replace = ui.button(i18n.tr("resume.confirm_replace"));
                        a11y::describe(&replace, warning);
                        let focus =
                            ui.data_mut(|d| d.remove_temp::<bool>(confirm_id.with("focus")));
                        if focus == Some(true) {
                            replace.request_focus();
                        }
                        if replace.clicked() {
                            ui.data_mut(|d| d.remove::<bool>(confirm_id));
                            actions.push(Action::ResumeDraft);
                        }
                        if ui.button(i18n.tr("resume.confirm_keep")).clicked() {
                            // Back to the offer, the focus on its Resume button.
                            ui.data_mut(|d| {
                                d.remove::<bool>(confirm_id);
                                d.insert_temp(confirm_id.with("refocus"), true);
                            });
                        }
                    });
                    return;
                }
                ui.horizontal_wrapped(|ui| {
                    let resume = ui.button(i18n.tr("resume.resume"));
                    // The focus goes to the offer (the step's form leaves it alone), and
                    // its text is the button's description, so a screen reader says what
                    // is offered.
                    a11y::describe(&resume, &format!("{title} {text}"));
                    let refocus =
                        ui.data_mut(|d| d.remove_temp::<bool>(confirm_id.with("refocus")));
                    if assistant.focus_first_input || refocus == Some(true) {
                        resume.request_focus();
                    }
                    if resume.clicked() {
                        if typed_something(assistant) {
                            ui.data_mut(|d| {
                                d.insert_temp(confirm_id, true);
                                d.insert_temp(confirm_id.with("focus"), true);
                            });
                            ui.ctx().request_repaint();
                        } else {
                            actions.push(Action::ResumeDraft);
                        }
                    }
                    if ui.button(i18n.tr("resume.discard")).clicked() {
                        actions.push(Action::DiscardDraft);
                    }
                });
            });
        });
    ui.add_space(8.0);
}

/// Whether the case on screen holds anything the user typed or chose.
fn typed_something(assistant: &Assistant) -> bool {
    let case = assistant.case();
    !case.answers.is_empty()
        || assistant
            .procedure()
            .fields()
            .any(|(_, f)| !case.field(&f.id).trim().is_empty())
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
            a11y::stable_scope(ui, "banner", "text", |ui| {
                ui.horizontal_wrapped(|ui| {
                    let text = banner.text(&i18n);
                    let (label, live) = if banner.kind == BannerKind::Error {
                        (
                            egui::RichText::new(text).color(stroke),
                            egui::accesskit::Live::Assertive,
                        )
                    } else {
                        (egui::RichText::new(text), egui::accesskit::Live::Polite)
                    };
                    // Read out when it appears or changes, wherever the focus is.
                    let label = ui.label(label);
                    a11y::live(&label, live);
                });
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
    if assistant.case_files.shown {
        // The list is over the case: the only way on is back to it (or a row).
        ui.add_space(ui.spacing().interact_size.y);
        ui.add_space(4.0);
        return;
    }
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
                // Said with the button, not only beside it.
                a11y::describe(&next, &reason);
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

/// A time in the time zone `tz`, to the minute, written as `lang` writes dates in a
/// sentence: `2026-11-24 10:05` in English, `24/11/2026 à 10:05` in French.
pub fn local_time(t: jiff::Timestamp, tz: &jiff::tz::TimeZone, i18n: &crate::i18n::I18n) -> String {
    let zoned = t.to_zoned(tz.clone());
    let date = match i18n.lang() {
        crate::i18n::Lang::En => zoned.strftime("%Y-%m-%d").to_string(),
        crate::i18n::Lang::Fr => zoned.strftime("%d/%m/%Y").to_string(),
    };
    let time = zoned.strftime("%H:%M").to_string();
    i18n.trv("resume.when", &[("date", &date), ("time", &time)])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{I18n, Lang};

    #[test]
    fn local_times_are_written_as_each_language_writes_dates() {
        let t: jiff::Timestamp = "2026-11-24T09:05:00Z".parse().expect("time");
        let tz = jiff::tz::TimeZone::fixed(jiff::tz::offset(1));
        assert_eq!(local_time(t, &tz, &I18n::new(Lang::En)), "2026-11-24 10:05");
        assert_eq!(
            local_time(t, &tz, &I18n::new(Lang::Fr)),
            "24/11/2026 à 10:05"
        );
    }
}
