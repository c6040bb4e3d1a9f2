//! The first minute when the window cannot open: one sentence in the user's language
//! that says what is missing and what works without a window, instead of the
//! windowing library's internals.

use crate::i18n::I18n;

/// When no display can be reached (on Linux and the BSDs: neither `DISPLAY` nor
/// `WAYLAND_DISPLAY` is set), the sentence to print; `None` when a display may be there.
pub fn display_missing(i18n: &I18n) -> Option<String> {
    if cfg!(all(unix, not(target_os = "macos"))) && !has_display_variable() {
        Some(i18n.tr("start.no_display").to_owned())
    } else {
        None
    }
}

fn has_display_variable() -> bool {
    ["DISPLAY", "WAYLAND_DISPLAY"]
        .iter()
        .any(|name| std::env::var_os(name).is_some_and(|v| !v.is_empty()))
}

/// The sentence for a window that failed to open for another reason: what failed and
/// what works without a window, then the system's own words (without the source
/// paths some libraries put in their messages).
pub fn window_failed(i18n: &I18n, error: &dyn std::fmt::Display) -> String {
    let reason = without_source_path(&error.to_string());
    i18n.trv("start.window_failed", &[("reason", &reason)])
}

/// `os error at /home/…/winit-0.30/src/…/mod.rs:123: No display` → `No display`.
fn without_source_path(message: &str) -> String {
    match message.rfind(".rs:") {
        Some(at) => {
            let rest = &message[at + 4..];
            let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit() || c == ':');
            rest.trim().to_owned()
        }
        None => message.trim().to_owned(),
    }
}

/// Prints the sentence on standard error (a closed standard error is ignored).
pub fn report(message: &str) {
    use std::io::Write;
    let line = format!("cssm-assistant: {message}\n");
    let _ = std::io::stderr().lock().write_all(line.as_bytes());
}

#[cfg(test)]
mod tests {
    use super::without_source_path;

    #[test]
    fn source_paths_are_left_out() {
        assert_eq!(
            without_source_path(
                "os error at /root/.cargo/registry/src/x/winit-0.30.12/src/platform_impl/linux/mod.rs:787: neither WAYLAND_DISPLAY nor DISPLAY is set"
            ),
            "neither WAYLAND_DISPLAY nor DISPLAY is set"
        );
        assert_eq!(without_source_path("no GL context"), "no GL context");
    }
}
