//! What screen readers need beyond what egui's widgets tell AccessKit by themselves:
//! headings, required and invalid states, descriptions, live regions, and ids that
//! stay the same from frame to frame.
//!
//! egui 0.37 names a label's node by its text with the role `Label` and has no heading
//! widget; `Context::accesskit_node_builder` gives the node of a widget already drawn
//! this frame, so these helpers change that node after the widget is added.

use egui::accesskit::{Invalid, Live, Role};
use egui::{Id, Response, RichText, Sense, Ui};

/// An id that does not depend on what was drawn before it: from a kind of widget
/// and the procedure's id of what it shows (`("field", "smart_account_name")`).
/// egui's automatic ids count the widgets drawn so far in the same `Ui`, so a banner
/// appearing above a field would give the field a new id, a new accessible object
/// and a fresh editing state.
pub fn stable_id(kind: &str, id: &str) -> Id {
    Id::unique(("cssm-assistant", kind, id))
}

/// Draws the contents in a child `Ui` whose id is [`stable_id`]: every widget inside
/// gets an id that only depends on what comes before it inside.
pub fn stable_scope<R>(
    ui: &mut Ui,
    kind: &str,
    id: &str,
    add_contents: impl FnOnce(&mut Ui) -> R,
) -> R {
    ui.scope_builder(
        egui::UiBuilder::new().scope_id(stable_id(kind, id)),
        add_contents,
    )
    .inner
}

/// A label exposed as a heading of `level` (1 the page's title, 2 a section...).
pub fn heading(ui: &mut Ui, text: impl Into<RichText>, level: usize) -> Response {
    let response = ui.label(text.into());
    mark_heading(&response, level);
    response
}

/// A heading that can take the keyboard focus, so that arriving on a page can put
/// the focus on its title and a screen reader reads it.
pub fn focusable_heading(ui: &mut Ui, text: impl Into<RichText>, level: usize) -> Response {
    let response = ui.add(egui::Label::new(text.into()).sense(Sense::focusable_noninteractive()));
    mark_heading(&response, level);
    response
}

fn mark_heading(response: &Response, level: usize) {
    response.ctx.accesskit_node_builder(response.id, |node| {
        node.set_role(Role::Heading);
        node.set_level(level);
        // egui puts a label's text in its value; a heading is named by its text.
        if let Some(text) = node.value().map(str::to_owned) {
            node.set_label(text);
            node.clear_value();
        }
    });
}

/// Ties a description to a widget (read after its name).
pub fn describe(response: &Response, description: &str) {
    response.ctx.accesskit_node_builder(response.id, |node| {
        node.set_description(description);
    });
}

/// Removes the description egui derived from a hover text (when the name already
/// says it).
pub fn no_description(response: &Response) {
    response.ctx.accesskit_node_builder(response.id, |node| {
        node.clear_description();
    });
}

/// Marks an input as required.
pub fn required(response: &Response) {
    response.ctx.accesskit_node_builder(response.id, |node| {
        node.set_required();
    });
}

/// Marks an input as holding an invalid value, with the reason as its description.
///
/// AccessKit's `invalid` property is set, but no platform adapter of this AccessKit
/// (0.25: `accesskit_atspi_common` 0.21 on Linux, `accesskit_windows` 0.35,
/// `accesskit_macos` 0.27) maps it: on Linux the entry gets no `INVALID_ENTRY` state
/// and no attribute, and the consumer crate does not even expose it. What every
/// adapter maps is the name and the description, so the description starts with the
/// words "Invalid entry" in the user's language (`i18n`'s `a11y.invalid_entry`),
/// read after the field's name by Orca, NVDA and VoiceOver alike.
pub fn invalid(response: &Response, i18n: &crate::i18n::I18n, reason: &str) {
    let description = i18n.trv("a11y.invalid_entry", &[("reason", reason)]);
    response.ctx.accesskit_node_builder(response.id, |node| {
        node.set_invalid(Invalid::True);
        node.set_description(description);
    });
}

/// Makes a widget a live region: screen readers read it when it appears or its text
/// changes, wherever the focus is.
pub fn live(response: &Response, live: Live) {
    response.ctx.accesskit_node_builder(response.id, |node| {
        node.set_live(live);
    });
}

/// Names the window for screen readers (egui leaves its root node unnamed).
pub fn name_window(ctx: &egui::Context, name: &str) {
    ctx.accesskit_node_builder(egui::accesskit_root_id(), |node| {
        node.set_label(name);
    });
}
