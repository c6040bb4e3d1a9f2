//! Picking the organization and the subscription from the Dashboard's lists, on the
//! Meraki step: the buttons that list them, progress and Cancel while pages load, and
//! the list itself: a filter that searches as you type, then a list box whose rows a
//! screen reader reads as name, ID, status. Keyboard only: type to filter, arrows to
//! move, Enter to choose, Escape to close. Only the rows in view are laid out, so a
//! list of thousands stays smooth.

use egui::accesskit::Role;
use egui::{Id, Key, Modifiers, RichText};

use super::a11y;
use crate::assistant::picker::{ListKind, ListStatus, ORG_FIELD, Shown};
use crate::assistant::{Action, Assistant};
use crate::evidence::{CheckProgress, DashboardError, Entry, Listing, Target};
use crate::i18n::I18n;

/// Height of the list in view.
const LIST_HEIGHT: f32 = 280.0;

/// Draws the picker's buttons, its progress and, when shown, a list.
pub fn picker_ui(ui: &mut egui::Ui, assistant: &Assistant, actions: &mut Vec<Action>) {
    let i18n = assistant.i18n();
    let picker = &assistant.dashboard.picker;
    ui.horizontal_wrapped(|ui| {
        let running = picker.running();
        let org = ui.add_enabled(!running, egui::Button::new(i18n.tr("pick.open.org")));
        if org.clicked() {
            actions.push(Action::ListOrganizations);
        }
        let org_ok = Target::new(assistant.case().field(ORG_FIELD), None).is_ok();
        let sub = ui.add_enabled(
            !running && org_ok,
            egui::Button::new(i18n.tr("pick.open.subscription")),
        );
        if sub.clicked() {
            actions.push(Action::ListSubscriptions);
        }
    });
    match &picker.status {
        ListStatus::Running(kind, progress) => {
            ui.horizontal_wrapped(|ui| {
                ui.spinner();
                let text = progress_text(&i18n, kind, *progress);
                let label = ui.label(text);
                a11y::live(&label, egui::accesskit::Live::Polite);
                if ui.button(i18n.tr("pick.cancel")).clicked() {
                    actions.push(Action::CancelDashboardList);
                }
            });
        }
        ListStatus::Failed(_, DashboardError::Cancelled) => {
            ui.label(i18n.tr("pick.cancelled"));
        }
        ListStatus::Failed(_, error) => {
            let text = i18n.trv("pick.failed", &[("reason", &error.message(&i18n))]);
            ui.label(RichText::new(text).color(ui.visuals().error_fg_color));
        }
        ListStatus::Idle => {}
    }
    if let Some(org) = &picker.api_off {
        let text = i18n.trv("pick.api_off", &[("org", org)]);
        let label = ui.label(RichText::new(text).color(ui.visuals().warn_fg_color));
        a11y::live(&label, egui::accesskit::Live::Polite);
    }
    match picker.shown {
        Some(Shown::Organizations) => {
            if let Some(listing) = &picker.organizations {
                let heading = i18n.trv(
                    "pick.heading.org",
                    &[("count", &listing.items.len().to_string())],
                );
                let chosen = assistant.case().field(ORG_FIELD).trim().to_owned();
                list_ui(
                    ui,
                    &i18n,
                    "org",
                    &heading,
                    listing,
                    &chosen,
                    actions,
                    |id| Action::ChooseOrganization(id.to_owned()),
                );
            }
        }
        Some(Shown::Subscriptions) => {
            if let Some((org, listing)) = &picker.subscriptions {
                let heading = i18n.trv(
                    "pick.heading.subscription",
                    &[("org", org), ("count", &listing.items.len().to_string())],
                );
                let chosen = assistant.case().field("subscription_id").trim().to_owned();
                list_ui(
                    ui,
                    &i18n,
                    &format!("sub:{org}"),
                    &heading,
                    listing,
                    &chosen,
                    actions,
                    |id| Action::ChooseSubscription(id.to_owned()),
                );
            }
        }
        None => {}
    }
}

fn progress_text(i18n: &I18n, kind: &ListKind, progress: Option<CheckProgress>) -> String {
    match (kind, progress) {
        (_, Some(CheckProgress::Waiting { seconds, .. })) => i18n.trv(
            "dashboard.ui.progress.waiting",
            &[("seconds", &seconds.to_string())],
        ),
        (ListKind::Organizations, p) => {
            i18n.trv("pick.progress.org", &[("page", &page_of(p).to_string())])
        }
        (ListKind::Subscriptions(org), p) => i18n.trv(
            "pick.progress.subscription",
            &[("org", org), ("page", &page_of(p).to_string())],
        ),
    }
}

fn page_of(progress: Option<CheckProgress>) -> u32 {
    match progress {
        Some(CheckProgress::Page(n)) => n,
        _ => 1,
    }
}

/// What the list keeps between frames (egui's memory, for the window's life).
#[derive(Clone, Default)]
struct ListMemory {
    /// The filter as typed.
    filter: String,
    /// The row that takes part in Tab order, as a position in the filtered rows.
    current: usize,
    /// A row to give the focus to this frame (arrow keys).
    focus_row: Option<usize>,
    /// Give the focus to the filter this frame.
    focus_filter: bool,
    /// The pass this list was last drawn in (a list that appears takes the focus).
    drawn: Option<u64>,
    /// The scroll offset and height of the view last frame.
    offset: f32,
    view: f32,
    /// Scroll to this offset this frame.
    scroll_to: Option<f32>,
}

/// One list: heading, counts, filter, and the rows of the filtered items in view.
#[allow(clippy::too_many_arguments)]
fn list_ui<T: Entry>(
    ui: &mut egui::Ui,
    i18n: &I18n,
    kind: &str,
    heading: &str,
    listing: &Listing<T>,
    chosen: &str,
    actions: &mut Vec<Action>,
    choose: impl Fn(&str) -> Action,
) {
    let memory_id = a11y::stable_id("pick-memory", kind);
    let filter_id = a11y::stable_id("pick-filter", kind);
    let mut mem: ListMemory = ui.data_mut(|d| d.get_temp(memory_id)).unwrap_or_default();
    let pass = ui.ctx().cumulative_pass_nr();
    let appears = mem.drawn.is_none_or(|p| p + 1 < pass);
    mem.drawn = Some(pass);
    if appears {
        mem.focus_filter = true;
        // The row of the ID already in the field, if listed, is where the arrows start.
        mem.current = listing
            .items
            .iter()
            .position(|i| i.id() == chosen)
            .unwrap_or(0);
    }
    ui.add_space(4.0);
    a11y::heading(ui, RichText::new(heading).strong(), 3);
    if listing.unreadable > 0 {
        let text = i18n.trn("pick.unreadable", listing.unreadable, &[]);
        ui.label(RichText::new(text).color(ui.visuals().warn_fg_color));
    }

    let rows = listing.filtered(&mem.filter);
    let mut close = false;
    let mut pick: Option<usize> = None;
    ui.horizontal_wrapped(|ui| {
        let label = ui.label(i18n.tr("pick.filter"));
        let before = mem.filter.clone();
        let response = ui
            .add(
                egui::TextEdit::singleline(&mut mem.filter)
                    .id(filter_id)
                    .desired_width(280.0),
            )
            .labelled_by(label.id);
        a11y::describe(&response, i18n.tr("pick.keys"));
        if mem.filter != before {
            mem.current = 0;
            mem.scroll_to = Some(0.0);
        }
        if mem.focus_filter {
            mem.focus_filter = false;
            response.request_focus();
        }
        if response.has_focus() {
            ui.memory_mut(|m| {
                m.set_focus_lock_filter(
                    response.id,
                    egui::EventFilter {
                        vertical_arrows: true,
                        escape: true,
                        ..Default::default()
                    },
                );
            });
            if ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::ArrowDown)) && !rows.is_empty()
            {
                mem.current = mem.current.min(rows.len() - 1);
                mem.focus_row = Some(mem.current);
            }
            if ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape)) {
                close = true;
            }
        }
        if (response.has_focus() || response.lost_focus())
            && ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Enter))
        {
            // Enter in the filter chooses the row the arrows would start on.
            pick = rows
                .get(mem.current.min(rows.len().saturating_sub(1)))
                .copied();
            if pick.is_none() {
                response.request_focus();
            }
        }
        ui.label(
            RichText::new(i18n.trv(
                "pick.shown",
                &[
                    ("shown", &rows.len().to_string()),
                    ("count", &listing.items.len().to_string()),
                ],
            ))
            .weak(),
        );
        if ui.button(i18n.tr("pick.close")).clicked() {
            close = true;
        }
    });

    if rows.is_empty() {
        let text = if listing.items.is_empty() {
            i18n.tr("pick.empty")
        } else {
            i18n.tr("pick.no_match")
        };
        let label = ui.label(text);
        a11y::live(&label, egui::accesskit::Live::Polite);
    } else {
        mem.current = mem.current.min(rows.len() - 1);
        let row_height = ui
            .spacing()
            .interact_size
            .y
            .max(ui.text_style_height(&egui::TextStyle::Button) + 6.0);
        let spacing = ui.spacing().item_spacing.y;
        if let Some(target) = mem.focus_row {
            // Keep the row that takes the focus in view.
            let top = target as f32 * (row_height + spacing);
            if top < mem.offset {
                mem.scroll_to = Some(top);
            } else if top + row_height > mem.offset + mem.view {
                mem.scroll_to = Some((top + row_height - mem.view).max(0.0));
            }
        }
        let builder = egui::UiBuilder::new()
            .accessibility_label(heading)
            .accessibility_role(Role::ListBox);
        // A frame around the rows, so they read as one list.
        let frame = egui::Frame::group(ui.style()).inner_margin(2.0);
        frame.show(ui, |ui| {
            ui.scope_builder(builder, |ui| {
                let mut area = egui::ScrollArea::vertical()
                    .id_salt(("pick-rows", kind))
                    .max_height(LIST_HEIGHT)
                    .auto_shrink([false, true]);
                if let Some(offset) = mem.scroll_to.take() {
                    area = area.vertical_scroll_offset(offset);
                }
                let output = area.show_rows(ui, row_height, rows.len(), |ui, range| {
                    for k in range {
                        let item = &listing.items[rows[k]];
                        let selected = item.id() == chosen;
                        let response = row(
                            ui,
                            item.row_text(i18n),
                            selected,
                            k == mem.current,
                            row_height,
                        );
                        if mem.focus_row == Some(k) {
                            response.request_focus();
                        }
                        if response.clicked() {
                            pick = Some(rows[k]);
                        }
                        if response.has_focus() {
                            mem.current = k;
                            row_keys(ui, &response, k, rows.len(), &mut mem);
                        }
                    }
                });
                mem.offset = output.state.clamped_offset().y;
                mem.view = output.inner_rect.height();
            })
        });
        mem.focus_row = None;
    }

    if let Some(index) = pick {
        actions.push(choose(listing.items[index].id()));
        mem.drawn = None;
    }
    if close {
        actions.push(Action::CloseDashboardList);
        mem.drawn = None;
    }
    ui.data_mut(|d| d.insert_temp(memory_id, mem));
}

/// The keys on a focused row: arrows, Home and End move; Escape goes back to the
/// filter; typing goes on in the filter.
fn row_keys(
    ui: &mut egui::Ui,
    response: &egui::Response,
    k: usize,
    count: usize,
    mem: &mut ListMemory,
) {
    ui.memory_mut(|m| {
        m.set_focus_lock_filter(
            response.id,
            egui::EventFilter {
                vertical_arrows: true,
                escape: true,
                ..Default::default()
            },
        );
    });
    let (down, up, home, end, escape, typed) = ui.input_mut(|i| {
        let typed: String = i
            .events
            .iter()
            .filter_map(|e| match e {
                egui::Event::Text(t) if t != " " => Some(t.as_str()),
                _ => None,
            })
            .collect();
        (
            i.consume_key(Modifiers::NONE, Key::ArrowDown),
            i.consume_key(Modifiers::NONE, Key::ArrowUp),
            i.consume_key(Modifiers::NONE, Key::Home),
            i.consume_key(Modifiers::NONE, Key::End),
            i.consume_key(Modifiers::NONE, Key::Escape),
            typed,
        )
    });
    let target = if down {
        Some((k + 1).min(count - 1))
    } else if up {
        Some(k.saturating_sub(1))
    } else if home {
        Some(0)
    } else if end {
        Some(count - 1)
    } else {
        None
    };
    if let Some(t) = target
        && t != k
    {
        mem.current = t;
        mem.focus_row = Some(t);
        ui.ctx().request_repaint();
    }
    if escape {
        mem.focus_filter = true;
        ui.ctx().request_repaint();
    }
    if !typed.is_empty() {
        mem.filter.push_str(&typed);
        mem.current = 0;
        mem.scroll_to = Some(0.0);
        mem.focus_filter = true;
        ui.ctx().request_repaint();
    }
}

/// One row: a list box option named by its text, taking part in Tab order only when
/// it is the current one.
fn row(
    ui: &mut egui::Ui,
    text: String,
    selected: bool,
    tab_stop: bool,
    height: f32,
) -> egui::Response {
    let width = ui.available_width();
    let galley = egui::WidgetText::from(text).into_galley(
        ui,
        Some(egui::TextWrapMode::Truncate),
        width - 8.0,
        egui::TextStyle::Button,
    );
    let sense = if tab_stop {
        egui::Sense::click()
    } else {
        egui::Sense::CLICK
    };
    let (rect, response) = ui.allocate_exact_size(egui::vec2(width, height), sense);
    response.widget_info(|| {
        egui::WidgetInfo::selected(
            Role::ListBoxOption,
            ui.is_enabled(),
            selected,
            galley.text(),
        )
    });
    if ui.is_rect_visible(rect) {
        let visuals = ui.style().interact_selectable(&response, selected);
        if selected || response.hovered() || response.has_focus() {
            ui.painter()
                .rect_filled(rect, visuals.corner_radius, visuals.weak_bg_fill);
        }
        if response.has_focus() {
            ui.painter().rect_stroke(
                rect.shrink(1.0),
                visuals.corner_radius,
                ui.visuals().selection.stroke,
                egui::StrokeKind::Inside,
            );
        }
        let pos = egui::pos2(rect.min.x + 4.0, rect.center().y - galley.size().y / 2.0);
        ui.painter().galley(pos, galley, visuals.text_color());
    }
    response
}

/// The id of the filter of a list (for tests that drive it).
pub fn filter_id(kind: &str) -> Id {
    a11y::stable_id("pick-filter", kind)
}
