//! The About box: the version, the program's licence and where the licence notices of
//! the libraries it contains are (THIRD-PARTY-LICENSES.html, installed beside the .exe
//! on Windows and in /usr/share/doc/cssm-assistant/ by the .deb).
//!
//! Opened by a button of the top bar, shown as a modal dialog with a heading and a
//! Close button; Escape or a click outside closes it and gives the focus back to the
//! button. Whether it is open is the window's business, not the case's: it lives in
//! egui's memory, not in the assistant.

use std::path::{Path, PathBuf};

use egui::{Context, Id, Ui};

use crate::i18n::I18n;

/// The name of the notices file in every package.
pub const NOTICES_FILE: &str = "THIRD-PARTY-LICENSES.html";

/// Where the .deb installs the notices.
pub const LINUX_DOC_DIR: &str = "/usr/share/doc/cssm-assistant";

/// The program's own licence (Cargo.toml's `license`), an SPDX expression.
pub const LICENSE: &str = "MIT OR Apache-2.0";

/// The About box's state in egui's memory.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct AboutState {
    open: bool,
    /// The box was just opened: its heading takes the focus on the next frame.
    focus_heading: bool,
    /// The box was just closed: the About button takes the focus back.
    focus_button: bool,
}

fn state_id() -> Id {
    Id::unique("cssm-assistant.about")
}

fn state(ctx: &Context) -> AboutState {
    ctx.data(|d| d.get_temp(state_id())).unwrap_or_default()
}

fn set_state(ctx: &Context, state: AboutState) {
    ctx.data_mut(|d| d.insert_temp(state_id(), state));
}

/// Is the About box open?
pub fn is_open(ctx: &Context) -> bool {
    state(ctx).open
}

/// Where the notices file of this program is, from the path of the running executable:
/// beside it when it is there (the zip, the MSI, a copy), otherwise on Linux where the
/// .deb puts it, otherwise beside the executable (where the Windows packages put it).
pub fn notices_path(exe: Option<&Path>, windows: bool) -> PathBuf {
    let beside = exe.and_then(Path::parent).map(|dir| dir.join(NOTICES_FILE));
    match beside {
        Some(path) if path.is_file() => path,
        _ if !windows => Path::new(LINUX_DOC_DIR).join(NOTICES_FILE),
        Some(path) => path,
        None => PathBuf::from(NOTICES_FILE),
    }
}

/// The notices of the running program (see [`notices_path`]).
pub fn current_notices_path() -> PathBuf {
    let exe = std::env::current_exe().ok();
    notices_path(exe.as_deref(), cfg!(windows))
}

/// The top bar's About button; it opens the box.
pub fn about_button(ui: &mut Ui, i18n: &I18n) {
    let response = ui
        .button(i18n.tr("about.button"))
        .on_hover_text(i18n.tr("about.button.help"));
    let mut s = state(ui.ctx());
    if s.focus_button {
        response.request_focus();
        s.focus_button = false;
        set_state(ui.ctx(), s);
    }
    if response.clicked() {
        set_state(
            ui.ctx(),
            AboutState {
                open: true,
                focus_heading: true,
                focus_button: false,
            },
        );
    }
}

/// Draws the About box when it is open.
pub fn about_ui(ctx: &Context, i18n: &I18n) {
    let mut s = state(ctx);
    if !s.open {
        return;
    }
    let path = current_notices_path();
    let title = i18n.tr("about.title");
    let mut close = false;
    let modal = egui::Modal::new(Id::unique("cssm-assistant.about.modal")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        let heading = super::a11y::focusable_heading(ui, egui::RichText::new(title).heading(), 2);
        if s.focus_heading {
            heading.request_focus();
            s.focus_heading = false;
        }
        ui.add_space(6.0);
        ui.label(i18n.trv("about.version", &[("version", env!("CARGO_PKG_VERSION"))]));
        ui.label(i18n.trv("about.license", &[("license", LICENSE)]));
        ui.add_space(6.0);
        ui.label(i18n.tr("about.notices"));
        let shown = path.display().to_string();
        ui.add(egui::Label::new(egui::RichText::new(&shown).monospace()).selectable(true));
        if path.is_file() {
            if ui.link(i18n.tr("about.open_notices")).clicked() {
                ui.ctx().open_url(egui::OpenUrl::new_tab(file_url(&path)));
            }
        } else {
            ui.label(i18n.tr("about.notices_missing"));
        }
        ui.add_space(8.0);
        if ui.button(i18n.tr("about.close")).clicked() {
            close = true;
        }
    });
    // The dialog is named by its heading.
    let dialog = modal.response.id;
    ctx.accesskit_node_builder(dialog, |node| node.set_label(title));
    if close || modal.should_close() {
        s = AboutState {
            open: false,
            focus_heading: false,
            focus_button: true,
        };
    }
    set_state(ctx, s);
}

/// A `file://` URL for a local path (spaces and other reserved bytes escaped).
fn file_url(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut url = String::from("file://");
    if !text.starts_with('/') {
        url.push('/');
    }
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' | b':' => {
                url.push(char::from(byte));
            }
            _ => url.push_str(&format!("%{byte:02X}")),
        }
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_notices_are_beside_the_program_when_they_are_there() {
        let dir = tempfile::tempdir().expect("tempdir");
        let exe = dir.path().join("cssm-assistant.exe");
        std::fs::write(dir.path().join(NOTICES_FILE), "x").expect("write");
        assert_eq!(
            notices_path(Some(&exe), true),
            dir.path().join(NOTICES_FILE)
        );
        assert_eq!(
            notices_path(Some(&exe), false),
            dir.path().join(NOTICES_FILE)
        );
    }

    #[test]
    fn otherwise_in_the_doc_folder_on_linux_and_beside_the_exe_on_windows() {
        let dir = tempfile::tempdir().expect("tempdir");
        let exe = dir.path().join("cssm-assistant");
        assert_eq!(
            notices_path(Some(&exe), false),
            Path::new("/usr/share/doc/cssm-assistant/THIRD-PARTY-LICENSES.html")
        );
        assert_eq!(
            notices_path(Some(&exe), true),
            dir.path().join(NOTICES_FILE)
        );
    }

    #[test]
    fn file_urls_escape_spaces_and_use_forward_slashes() {
        assert_eq!(
            file_url(Path::new(
                r"C:\Users\Hélène\AppData\Local\Programs\CSSM Subscription Assistant\THIRD-PARTY-LICENSES.html"
            )),
            "file:///C:/Users/H%C3%A9l%C3%A8ne/AppData/Local/Programs/CSSM%20Subscription%20Assistant/THIRD-PARTY-LICENSES.html"
        );
        assert_eq!(
            file_url(Path::new(
                "/usr/share/doc/cssm-assistant/THIRD-PARTY-LICENSES.html"
            )),
            "file:///usr/share/doc/cssm-assistant/THIRD-PARTY-LICENSES.html"
        );
    }
}
