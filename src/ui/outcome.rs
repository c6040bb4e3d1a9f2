//! The outcome page: what to do, who acts, why, and everything answered, each with Edit.
//!
//! Each part of the page, and each line of the "why" and "everything you entered"
//! lists, is drawn in a scope of its own id ([`a11y::stable_scope`]), and the Edit
//! button and the answer's source of a line in scopes of their own: a line, a note or
//! a whole block appearing above (the Dashboard's facts, the missing IDs, the escape
//! hatch's line) changes no accessible object below it, so a screen reader's place in
//! the lists holds.

use egui::RichText;

use super::a11y;
use crate::assistant::{Action, Assistant};
use crate::i18n::Lang;
use crate::procedure::Item;

/// Draws the outcome page.
pub fn outcome_ui(ui: &mut egui::Ui, assistant: &Assistant, actions: &mut Vec<Action>) {
    let i18n = assistant.i18n();
    let procedure = assistant.procedure();
    let eval = assistant.evaluation();
    let Some(outcome) = assistant
        .progress()
        .outcome
        .as_deref()
        .and_then(|id| procedure.outcome(id))
    else {
        return;
    };

    a11y::stable_scope(ui, "outcome", "head", |ui| {
        head_ui(ui, assistant, outcome);
    });
    a11y::stable_scope(ui, "outcome", "missing", |ui| {
        missing_ids_ui(ui, assistant, outcome);
    });
    ui.add_space(8.0);
    a11y::stable_scope(ui, "outcome", "actions", |ui| {
        actions_ui(ui, assistant, outcome, actions);
    });

    ui.add_space(10.0);
    ui.separator();
    a11y::stable_scope(ui, "outcome", "why", |ui| {
        a11y::heading(ui, RichText::new(i18n.tr("ui.why")).strong(), 3);
        if eval.escalated {
            ui.label(i18n.tr("ui.why.escalated"));
        }
        for (n, entry) in eval.reasons.iter().enumerate() {
            a11y::stable_scope(ui, "outcome-why", &entry.question, |ui| {
                answer_line(
                    ui,
                    assistant,
                    Some(n + 1),
                    &entry.question,
                    &entry.option,
                    None,
                );
            });
        }
    });

    a11y::stable_scope(ui, "outcome", "evidence", |ui| {
        super::dashboard::outcome_evidence_ui(ui, assistant);
    });

    ui.add_space(10.0);
    ui.separator();
    a11y::stable_scope(ui, "outcome", "recap", |ui| {
        recap_ui(ui, assistant, actions);
    });
}

/// The headline, the reference, who acts and the explanation.
fn head_ui(ui: &mut egui::Ui, assistant: &Assistant, outcome: &crate::procedure::Outcome) {
    let i18n = assistant.i18n();
    // The headline takes the focus on arrival, so a screen reader reads it.
    let headline =
        a11y::focusable_heading(ui, RichText::new(i18n.tr(&outcome.headline)).heading(), 2);
    if assistant.focus_first_input {
        headline.request_focus();
    }
    ui.label(
        RichText::new(i18n.trv("ui.reference", &[("code", &outcome.id)]))
            .monospace()
            .weak(),
    );
    ui.add_space(6.0);
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(i18n.tr("ui.who_acts")).strong());
        ui.label(
            RichText::new(i18n.tr(outcome.actor.key()))
                .strong()
                .color(ui.visuals().selection.stroke.color),
        );
    });
    ui.add_space(4.0);
    ui.label(i18n.tr(&outcome.explanation));
}

/// What to do next, the request to SWIT and the export buttons.
fn actions_ui(
    ui: &mut egui::Ui,
    assistant: &Assistant,
    outcome: &crate::procedure::Outcome,
    actions: &mut Vec<Action>,
) {
    let i18n = assistant.i18n();
    let procedure = assistant.procedure();
    a11y::heading(ui, RichText::new(i18n.tr("ui.next_actions")).strong(), 3);
    for (n, action) in outcome.actions.iter().enumerate() {
        // One label per action, its number included, so it is read as one.
        ui.label(format!("{}. {}", n + 1, i18n.tr(action)));
    }
    if !outcome.links.is_empty() {
        ui.add_space(6.0);
        for link in &outcome.links {
            ui.hyperlink_to(i18n.tr(&link.label), &link.url)
                .on_hover_text(&link.url);
        }
    }

    let case = assistant.case();
    let fields = case.validated_fields(procedure);
    if let Some(request) =
        crate::summary::request::outcome_request(procedure, case, assistant.evaluation(), &fields)
    {
        // The partner who reads French gets the request in French too, folded, to
        // understand what is sent, never to send (L27).
        let lang = assistant.i18n().lang();
        let translated = (lang != Lang::En)
            .then(|| {
                crate::summary::request::outcome_request_translated(
                    procedure,
                    case,
                    assistant.evaluation(),
                    &fields,
                    lang,
                )
            })
            .flatten();
        a11y::stable_scope(ui, "outcome", "request", |ui| {
            request_ui(ui, assistant, &request, translated.as_ref(), actions);
        });
    }

    ui.add_space(10.0);
    ui.horizontal_wrapped(|ui| {
        if ui.button(i18n.tr("ui.export_both")).clicked() {
            actions.push(Action::ExportDialog);
        }
        if ui.button(i18n.tr("ui.copy_summary_clipboard")).clicked() {
            actions.push(Action::CopySummary);
        }
    });
}

/// The request the outcome carries (to SWIT, or to Meraki Support), in English, with
/// above it what Meraki Support must confirm and what the Dashboard check says against
/// it, and next to Copy the IDs to add before sending.
fn request_ui(
    ui: &mut egui::Ui,
    assistant: &Assistant,
    request: &crate::summary::request::OutcomeRequest,
    translated: Option<&crate::summary::request::OutcomeRequest>,
    actions: &mut Vec<Action>,
) {
    use crate::summary::request::Recipient;
    let i18n = assistant.i18n();
    let (title, help) = match request.recipient {
        Recipient::Swit => ("ui.swit_request", "ui.swit_request.help"),
        Recipient::MerakiSupport => ("ui.meraki_request", "ui.meraki_request.help"),
    };
    ui.add_space(8.0);
    a11y::heading(ui, RichText::new(i18n.tr(title)).strong(), 3);
    ui.label(RichText::new(i18n.tr(help)).weak().small());
    let warn = ui.visuals().warn_fg_color;
    if let Some(confirm) = request.confirm {
        ui.label(RichText::new(confirm.line(&i18n)).strong().color(warn));
    }
    if !request.disagreements.is_empty() {
        ui.label(
            RichText::new(i18n.tr("request.disagree.lead"))
                .strong()
                .color(warn),
        );
        for line in request.disagreement_lines(&i18n) {
            ui.label(format!("• {line}"));
        }
        ui.label(i18n.tr("request.disagree.resolve"));
    }
    egui::Frame::group(ui.style())
        .fill(ui.visuals().extreme_bg_color)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new(&request.text).monospace());
        });
    ui.horizontal_wrapped(|ui| {
        if ui.button(i18n.tr("ui.copy_request")).clicked() {
            actions.push(Action::CopyText(request.text.clone()));
        }
        if let Some(line) = request.missing_ids_line(&i18n) {
            ui.label(RichText::new(line).color(warn));
        }
    });
    if let Some(translated) = translated {
        egui::CollapsingHeader::new(i18n.tr("ui.request_translation"))
            .id_salt("request_translation")
            .show(ui, |ui| {
                ui.label(RichText::new(&translated.text).italics());
            });
    }
}

/// Everything entered and answered, each with Edit, then the answers that no longer
/// apply.
fn recap_ui(ui: &mut egui::Ui, assistant: &Assistant, actions: &mut Vec<Action>) {
    let i18n = assistant.i18n();
    let procedure = assistant.procedure();
    let eval = assistant.evaluation();
    a11y::heading(ui, RichText::new(i18n.tr("ui.recap")).strong(), 3);
    for step in &procedure.steps {
        for item in &step.items {
            match item {
                Item::Field(f) => {
                    let value = assistant.case().field(&f.id);
                    if value.trim().is_empty() {
                        continue;
                    }
                    a11y::stable_scope(ui, "outcome-recap", &f.id, |ui| {
                        ui.horizontal_wrapped(|ui| {
                            ui.label(i18n.trv("ui.field_value", &[("label", i18n.tr(&f.label))]));
                            ui.label(RichText::new(value.trim()).strong());
                            edit_button(ui, assistant, &f.id, i18n.tr(&f.label), actions);
                        });
                    });
                }
                Item::Question(q) => {
                    if let Some(option) = eval.answer(&q.id) {
                        a11y::stable_scope(ui, "outcome-recap", &q.id, |ui| {
                            answer_line(ui, assistant, None, &q.id, option, Some(&mut *actions));
                        });
                    }
                }
            }
        }
    }
    if !eval.not_applying.is_empty() {
        ui.add_space(6.0);
        a11y::stable_scope(ui, "outcome-recap", "not-applying", |ui| {
            not_applying_ui(ui, assistant);
        });
    }
}

/// The answers given that the path taken no longer uses, struck through.
fn not_applying_ui(ui: &mut egui::Ui, assistant: &Assistant) {
    let i18n = assistant.i18n();
    let procedure = assistant.procedure();
    let eval = assistant.evaluation();
    {
        ui.label(RichText::new(i18n.tr("ui.not_applying")).weak());
        for (q, o) in &eval.not_applying {
            let (Some(question), Some(option)) = (
                procedure.question(q),
                procedure.question(q).and_then(|x| x.option(o)),
            ) else {
                continue;
            };
            ui.label(
                RichText::new(format!(
                    "{} {}",
                    i18n.tr(&question.label),
                    i18n.tr(&option.label)
                ))
                .weak()
                .strikethrough(),
            );
        }
    }
}

/// The identifiers the outcome needs that the case lacks (a case file without them, or
/// the escape hatch taken early), so the partner adds them to the support case.
fn missing_ids_ui(ui: &mut egui::Ui, assistant: &Assistant, outcome: &crate::procedure::Outcome) {
    let i18n = assistant.i18n();
    let procedure = assistant.procedure();
    let fields = assistant.case().validated_fields(procedure);
    // What the outcome needs; the order number the request may name is optional.
    let missing = crate::summary::swit::missing_fields(procedure, outcome, None, &fields);
    if missing.is_empty() {
        return;
    }
    let names: Vec<&str> = missing.iter().map(|f| i18n.tr(&f.label)).collect();
    ui.add_space(4.0);
    ui.label(
        RichText::new(i18n.trv(
            // Cisco Licensing Support asks for the order; the others are Meraki's.
            if outcome.actor == crate::procedure::Actor::CiscoLicensingSupport {
                "ui.missing_ids.licensing"
            } else {
                "ui.missing_ids"
            },
            &[("fields", &names.join(", "))],
        ))
        .color(ui.visuals().warn_fg_color),
    );
}

/// "Question answer", numbered when `number` is given, with an Edit button when
/// `actions` is given.
fn answer_line(
    ui: &mut egui::Ui,
    assistant: &Assistant,
    number: Option<usize>,
    question: &str,
    option: &str,
    actions: Option<&mut Vec<Action>>,
) {
    let i18n = assistant.i18n();
    let Some(q) = assistant.procedure().question(question) else {
        return;
    };
    let answer = q
        .option(option)
        .map(|o| i18n.tr(&o.label))
        .unwrap_or(option);
    ui.horizontal_wrapped(|ui| {
        match number {
            Some(n) => ui.label(format!("{n}. {}", i18n.tr(&q.label))),
            None => ui.label(i18n.tr(&q.label)),
        };
        ui.label(RichText::new(answer).strong());
        // In scopes of their own: whether a source is shown or not, the Edit button
        // stays the same object.
        ui.push_id("source", |ui| {
            super::dashboard::source_ui(ui, assistant, question);
        });
        if let Some(actions) = actions {
            edit_button(ui, assistant, question, i18n.tr(&q.label), actions);
        }
    });
}

fn edit_button(
    ui: &mut egui::Ui,
    assistant: &Assistant,
    id: &str,
    what: &str,
    actions: &mut Vec<Action>,
) {
    let i18n = assistant.i18n();
    ui.push_id("edit", |ui| {
        let response = ui
            .small_button(i18n.tr("ui.edit"))
            .accessible_name(i18n.trv("ui.edit.named", &[("what", what)]));
        if response.clicked() {
            actions.push(Action::Edit(id.to_owned()));
        }
    });
}
