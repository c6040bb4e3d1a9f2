//! The Meraki Dashboard check on the Meraki step (key, region, progress, Cancel, the
//! facts, proposals with Accept, findings and conflicts), and where answers come from
//! on the outcome page.

use egui::RichText;

use crate::assistant::dashboard::CheckStatus;
use crate::assistant::{Action, Assistant};
use crate::case::AnswerSource;
use crate::evidence::{
    ApiKey, CheckProgress, DashboardError, Region, fact_lines, proposal_text, provenance_line,
    stale_line,
};

/// The step the check is offered on.
pub const STEP: &str = "meraki_check";

/// The question before which the check is drawn.
pub const BEFORE_QUESTION: &str = "claimed_bound";

/// Draws the check: how to run it, where it stands, and what it found.
pub fn dashboard_check_ui(ui: &mut egui::Ui, assistant: &Assistant, actions: &mut Vec<Action>) {
    let i18n = assistant.i18n();
    let session = &assistant.dashboard;
    egui::Frame::group(ui.style())
        .fill(ui.visuals().faint_bg_color)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new(i18n.tr("dashboard.title")).strong());
            ui.label(RichText::new(i18n.tr("dashboard.ui.intro")).weak());
            ui.add_space(4.0);

            if session.key_from_env {
                ui.label(i18n.tr("dashboard.ui.key_from_env"));
            } else {
                let label = ui.label(i18n.tr("dashboard.ui.key"));
                let mut text = session
                    .key
                    .as_ref()
                    .map(|k| k.expose().to_owned())
                    .unwrap_or_default();
                let response = ui
                    .add(
                        egui::TextEdit::singleline(&mut text)
                            .password(true)
                            .desired_width(360.0),
                    )
                    .labelled_by(label.id);
                if response.changed() {
                    actions.push(Action::SetDashboardKey(ApiKey::new(&text)));
                }
            }

            let current = session.region.unwrap_or(Region::Com);
            let region_label = i18n.tr("dashboard.ui.region");
            egui::ComboBox::from_label(region_label)
                .selected_text(i18n.tr(&format!("dashboard.ui.region.{}", current.code())))
                .show_ui(ui, |ui| {
                    for region in Region::ALL {
                        let text = i18n
                            .tr(&format!("dashboard.ui.region.{}", region.code()))
                            .to_owned();
                        if ui.selectable_label(region == current, text).clicked() {
                            actions.push(Action::SetDashboardRegion(region));
                        }
                    }
                });
            ui.add_space(4.0);

            match &session.status {
                CheckStatus::Running(progress) => {
                    ui.horizontal_wrapped(|ui| {
                        ui.spinner();
                        ui.label(progress_text(assistant, *progress));
                        if ui.button(i18n.tr("dashboard.ui.cancel")).clicked() {
                            actions.push(Action::CancelDashboardCheck);
                        }
                    });
                }
                status => {
                    if ui.button(i18n.tr("dashboard.ui.check")).clicked() {
                        actions.push(Action::CheckDashboard);
                    }
                    if let CheckStatus::Failed(error) = status {
                        let text =
                            i18n.trv("dashboard.ui.failed", &[("reason", &error.message(&i18n))]);
                        let text = if *error == DashboardError::Cancelled {
                            RichText::new(error.message(&i18n))
                        } else {
                            RichText::new(text).color(ui.visuals().error_fg_color)
                        };
                        ui.label(text);
                    }
                }
            }

            evidence_ui(ui, assistant, actions);
        });
    ui.add_space(8.0);
}

fn progress_text(assistant: &Assistant, progress: Option<CheckProgress>) -> String {
    let i18n = assistant.i18n();
    match progress {
        None | Some(CheckProgress::Organization) => {
            i18n.tr("dashboard.ui.progress.organization").to_owned()
        }
        Some(CheckProgress::Page(n)) => {
            i18n.trv("dashboard.ui.progress.page", &[("page", &n.to_string())])
        }
        Some(CheckProgress::Waiting { seconds, .. }) => i18n.trv(
            "dashboard.ui.progress.waiting",
            &[("seconds", &seconds.to_string())],
        ),
    }
}

/// The facts of the case's last check, its proposals with Accept, and its findings.
fn evidence_ui(ui: &mut egui::Ui, assistant: &Assistant, actions: &mut Vec<Action>) {
    if stale_ui(ui, assistant) {
        return;
    }
    let (Some(evidence), Some(analysis)) = (
        assistant.case().current_evidence(),
        assistant.dashboard_analysis(),
    ) else {
        return;
    };
    let i18n = assistant.i18n();
    ui.add_space(6.0);
    ui.label(RichText::new(provenance_line(evidence, &i18n)).weak());
    for line in fact_lines(evidence, &i18n) {
        ui.label(format!("• {line}"));
    }
    for proposal in &analysis.proposals {
        ui.horizontal_wrapped(|ui| {
            let text = proposal_text(proposal, &i18n);
            ui.label(RichText::new(&text).strong());
            let accept = ui
                .button(i18n.tr("dashboard.ui.accept"))
                .accessible_name(format!("{} — {text}", i18n.tr("dashboard.ui.accept")));
            if accept.clicked() {
                actions.push(Action::AcceptProposal {
                    question: proposal.question.clone(),
                    option: proposal.option.clone(),
                });
            }
        });
    }
    for finding in analysis.findings.iter().filter(|f| !f.is_conflict()) {
        ui.label(finding.message(&i18n));
    }
    conflict_lines(ui, assistant);
}

/// Evidence checked for other IDs than the case names now: said so, in the warning
/// colour, and nothing else of it shown. Returns whether it was stale.
fn stale_ui(ui: &mut egui::Ui, assistant: &Assistant) -> bool {
    let Some(stale) = assistant.case().stale_evidence() else {
        return false;
    };
    let text = stale_line(stale, &assistant.i18n());
    ui.label(RichText::new(text).color(ui.visuals().warn_fg_color));
    true
}

/// Each conflict between the answers and the evidence, in plain words.
fn conflict_lines(ui: &mut egui::Ui, assistant: &Assistant) {
    let Some(analysis) = assistant.dashboard_analysis() else {
        return;
    };
    let i18n = assistant.i18n();
    for finding in analysis.conflicts() {
        let text = i18n.trv("dashboard.conflict", &[("text", &finding.message(&i18n))]);
        ui.label(RichText::new(text).color(ui.visuals().warn_fg_color));
    }
}

/// Where an answer comes from, next to it.
pub fn source_ui(ui: &mut egui::Ui, assistant: &Assistant, question: &str) {
    let i18n = assistant.i18n();
    let source = assistant.case().answer_source(question);
    let text = format!("({})", source.label(&i18n));
    let rich = RichText::new(text);
    ui.label(if source == AnswerSource::DashboardApi {
        rich.strong()
    } else {
        rich.weak()
    });
}

/// On the outcome page: the check's facts and every conflict, or nothing without a
/// check.
pub fn outcome_evidence_ui(ui: &mut egui::Ui, assistant: &Assistant) {
    if assistant.case().evidence.is_none() {
        return;
    }
    let i18n = assistant.i18n();
    ui.add_space(10.0);
    ui.separator();
    ui.label(RichText::new(i18n.tr("dashboard.title")).strong());
    if stale_ui(ui, assistant) {
        return;
    }
    let Some(evidence) = assistant.case().current_evidence() else {
        return;
    };
    ui.label(RichText::new(provenance_line(evidence, &i18n)).weak());
    for line in fact_lines(evidence, &i18n) {
        ui.label(format!("• {line}"));
    }
    conflict_lines(ui, assistant);
}
