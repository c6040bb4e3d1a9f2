//! The form of one step: its fields with help and live validation, and its questions
//! as labelled choices that the keyboard can drive.

use egui::{Id, Key, RichText};

use super::a11y;
use crate::assistant::{Action, Assistant};
use crate::procedure::validation::validate;
use crate::procedure::{Field, FieldKind, Item, Question};

/// Draws the form of `step`.
pub fn step_form_ui(
    ui: &mut egui::Ui,
    assistant: &Assistant,
    step: usize,
    actions: &mut Vec<Action>,
) {
    let i18n = assistant.i18n();
    let procedure = assistant.procedure();
    let Some(s) = procedure.steps.get(step) else {
        return;
    };
    a11y::heading(ui, RichText::new(i18n.tr(&s.title)).heading(), 2);
    ui.add_space(4.0);
    if step == 0 {
        egui::Frame::group(ui.style())
            .fill(ui.visuals().faint_bg_color)
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.label(i18n.tr(&procedure.intro));
            });
        ui.add_space(6.0);
    }
    if let Some(intro) = &s.intro {
        ui.label(i18n.tr(intro));
        ui.add_space(8.0);
    }

    let mut form = FormFocus {
        // An offer to resume a draft takes the focus first: it is what to answer first.
        first: assistant.focus_first_input && assistant.resume_offer.is_none(),
        inputs: Vec::new(),
    };
    for item in &s.items {
        if s.id == super::dashboard::STEP
            && matches!(item, Item::Question(q) if q.id == super::dashboard::BEFORE_QUESTION)
        {
            a11y::stable_scope(ui, "dashboard", "check", |ui| {
                super::dashboard::dashboard_check_ui(ui, assistant, actions);
            });
        }
        // Each item's widgets keep their ids whatever is drawn above them.
        match item {
            Item::Field(f) => a11y::stable_scope(ui, "field", &f.id, |ui| {
                field_ui(ui, assistant, f, &mut form, actions);
            }),
            Item::Question(q) => a11y::stable_scope(ui, "question", &q.id, |ui| {
                question_ui(ui, assistant, q, &mut form, actions);
            }),
        }
    }

    // Enter goes on when the step is valid, unless the focus is on a button or in the
    // notes, where Enter means something else.
    let enter = ui.input(|i| i.key_pressed(Key::Enter) && i.modifiers.is_none());
    if enter {
        let focused = ui.memory(|m| m.focused());
        if focused.is_none_or(|f| form.inputs.contains(&f)) {
            actions.push(Action::Next);
        }
    }
}

/// Focus bookkeeping while drawing a form.
struct FormFocus {
    /// The first input of the step should take the focus.
    first: bool,
    /// Inputs on which Enter means Next.
    inputs: Vec<Id>,
}

impl FormFocus {
    fn take_first(&mut self, response: &egui::Response) {
        if self.first {
            response.request_focus();
            self.first = false;
        }
    }
}

fn field_ui(
    ui: &mut egui::Ui,
    assistant: &Assistant,
    field: &Field,
    form: &mut FormFocus,
    actions: &mut Vec<Action>,
) {
    let i18n = assistant.i18n();
    let case = assistant.case();
    let mut text = case.field(&field.id).to_owned();
    let label_text = i18n.tr(&field.label);
    let label = ui
        .horizontal_wrapped(|ui| {
            let label = ui.label(RichText::new(label_text).strong());
            if field.required {
                // The star is for the eye only: the text box says "required" itself.
                required_star(ui);
            }
            label
        })
        .inner;
    if let Some(help) = &field.help {
        ui.label(RichText::new(i18n.tr(help)).weak());
    }
    let touched = !text.is_empty() || case.events.iter().any(|e| e.item == field.id);
    let error = match validate(field, &text) {
        Err(error) if touched => Some(error.message(&i18n)),
        _ => None,
    };
    let multiline = field.kind == FieldKind::Multiline;
    let edit = if multiline {
        egui::TextEdit::multiline(&mut text).desired_rows(4)
    } else {
        egui::TextEdit::singleline(&mut text)
    }
    .id(a11y::stable_id("input", &field.id))
    .desired_width(f32::INFINITY)
    .char_limit(field.max_len * 2);
    let response = ui.add(edit).labelled_by(label.id);
    if field.required {
        a11y::required(&response);
    }
    if let Some(error) = &error {
        a11y::invalid(&response, &i18n, error);
    }
    form.take_first(&response);
    if !multiline {
        form.inputs.push(response.id);
    }
    if response.changed() {
        actions.push(Action::SetField {
            id: field.id.clone(),
            value: text.clone(),
        });
    }
    if let Some(error) = error {
        ui.label(RichText::new(error).color(ui.visuals().error_fg_color));
    }
    ui.add_space(8.0);
}

fn question_ui(
    ui: &mut egui::Ui,
    assistant: &Assistant,
    question: &Question,
    form: &mut FormFocus,
    actions: &mut Vec<Action>,
) {
    let i18n = assistant.i18n();
    let eval = assistant.evaluation();
    let asked = eval.is_on_path(&question.id)
        || eval
            .next
            .as_ref()
            .is_some_and(|n| n.question == question.id);
    let given = assistant.case().answers.get(&question.id);
    if !asked {
        // An answer the path no longer goes through: shown, never used.
        if let Some(option) = given.and_then(|o| question.option(o)) {
            ui.label(
                RichText::new(format!(
                    "{} {} ({})",
                    i18n.tr(&question.label),
                    i18n.tr(&option.label),
                    i18n.tr("ui.no_longer_applies")
                ))
                .weak()
                .strikethrough(),
            );
            ui.add_space(8.0);
        }
        return;
    }

    let label_text = i18n.tr(&question.label);
    ui.label(RichText::new(label_text).strong());
    if let Some(help) = &question.help {
        ui.label(RichText::new(i18n.tr(help)).weak());
    }
    let focus_key = ui.scope_id().with(("choice_focus", &question.id));
    let pending_focus: Option<usize> = ui.data_mut(|d| d.remove_temp(focus_key));
    let builder = egui::UiBuilder::new()
        .accessibility_label(label_text)
        .accessibility_role(egui::accesskit::Role::RadioGroup);
    ui.scope_builder(builder, |ui| {
        let count = question.options.len();
        // One option takes part in Tab order (the chosen one, else the first); the
        // arrow keys move between options and choose, as in any radio group.
        let tab_stop = given
            .and_then(|g| question.options.iter().position(|o| &o.id == g))
            .unwrap_or(0);
        for (k, option) in question.options.iter().enumerate() {
            let selected = given.map(String::as_str) == Some(option.id.as_str());
            let response = radio_option(ui, selected, i18n.tr(&option.label), k == tab_stop);
            if k == tab_stop {
                form.take_first(&response);
            }
            if pending_focus == Some(k) {
                response.request_focus();
            }
            form.inputs.push(response.id);
            if response.clicked() {
                actions.push(answer(question, k));
            }
            if response.has_focus() {
                ui.memory_mut(|m| {
                    m.set_focus_lock_filter(
                        response.id,
                        egui::EventFilter {
                            horizontal_arrows: true,
                            vertical_arrows: true,
                            ..Default::default()
                        },
                    );
                });
                let step = ui.input(|i| {
                    if i.key_pressed(Key::ArrowDown) || i.key_pressed(Key::ArrowRight) {
                        Some(1)
                    } else if i.key_pressed(Key::ArrowUp) || i.key_pressed(Key::ArrowLeft) {
                        Some(count - 1)
                    } else {
                        None
                    }
                });
                if let Some(step) = step {
                    let target = (k + step) % count;
                    actions.push(answer(question, target));
                    ui.data_mut(|d| d.insert_temp(focus_key, target));
                    ui.ctx().request_repaint();
                }
            }
        }
    });
    ui.add_space(8.0);
}

/// A radio button that takes part in Tab order only when `tab_stop` is set.
fn radio_option(ui: &mut egui::Ui, selected: bool, text: &str, tab_stop: bool) -> egui::Response {
    let spacing = ui.spacing().clone();
    let text_width = (ui.available_width() - spacing.icon_width - spacing.icon_spacing).max(40.0);
    let galley = egui::WidgetText::from(text).into_galley(
        ui,
        Some(egui::TextWrapMode::Wrap),
        text_width,
        egui::TextStyle::Button,
    );
    let size = egui::vec2(
        spacing.icon_width + spacing.icon_spacing + galley.size().x,
        galley.size().y.max(spacing.interact_size.y),
    );
    let sense = if tab_stop {
        egui::Sense::click()
    } else {
        egui::Sense::CLICK
    };
    let (rect, response) = ui.allocate_exact_size(size, sense);
    response.widget_info(|| {
        egui::WidgetInfo::selected(
            egui::Role::RadioButton,
            ui.is_enabled(),
            selected,
            galley.text(),
        )
    });
    if ui.is_rect_visible(rect) {
        let visuals = ui.style().interact_selectable(&response, selected);
        let icon_rect = egui::Rect::from_min_size(
            egui::pos2(rect.min.x, rect.center().y - spacing.icon_width / 2.0),
            egui::vec2(spacing.icon_width, spacing.icon_width),
        );
        let painter = ui.painter();
        painter.circle(
            icon_rect.center(),
            icon_rect.width() / 2.0 + visuals.expansion,
            visuals.bg_fill,
            visuals.bg_stroke,
        );
        if selected {
            painter.circle_filled(
                icon_rect.center(),
                icon_rect.width() / 4.0,
                visuals.fg_stroke.color,
            );
        }
        if response.has_focus() {
            painter.rect_stroke(
                rect.expand(2.0),
                3.0,
                ui.visuals().selection.stroke,
                egui::StrokeKind::Outside,
            );
        }
        let text_pos = egui::pos2(
            icon_rect.max.x + spacing.icon_spacing,
            rect.center().y - galley.size().y / 2.0,
        );
        painter.galley(text_pos, galley, ui.visuals().text_color());
    }
    response
}

/// A red star after a required field's label, painted without an accessible node (the
/// text box carries the required state instead).
fn required_star(ui: &mut egui::Ui) {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let color = ui.visuals().error_fg_color;
    let galley = ui.painter().layout_no_wrap("*".to_owned(), font, color);
    let (rect, _) = ui.allocate_exact_size(galley.size(), egui::Sense::hover());
    ui.painter().galley(rect.min, galley, color);
}

fn answer(question: &Question, k: usize) -> Action {
    Action::Answer {
        question: question.id.clone(),
        option: question.options[k].id.clone(),
    }
}

/// Why the step cannot be left yet, in the user's language.
pub fn blocking_reason(assistant: &Assistant, step: usize) -> Option<String> {
    let i18n = assistant.i18n();
    let procedure = assistant.procedure();
    let eval = assistant.evaluation();
    for item in &procedure.steps.get(step)?.items {
        match item {
            Item::Field(f) => {
                if let Err(e) = validate(f, assistant.case().field(&f.id)) {
                    let key = if e == crate::procedure::validation::FieldError::Required {
                        "ui.blocked.fill"
                    } else {
                        "ui.blocked.fix"
                    };
                    return Some(i18n.trv(key, &[("field", i18n.tr(&f.label))]));
                }
            }
            Item::Question(q) => {
                if eval.next.as_ref().is_some_and(|n| n.question == q.id) {
                    return Some(i18n.trv("ui.blocked.answer", &[("question", i18n.tr(&q.label))]));
                }
            }
        }
    }
    None
}
