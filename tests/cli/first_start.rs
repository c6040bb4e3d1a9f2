//! The first minute: started where no display can be reached, the program says so in
//! one sentence in the user's language and points at what works without a window.
#![cfg(all(unix, not(target_os = "macos")))]

use crate::support::kittest;

use std::process::Command;

use cssm_assistant::i18n::Lang;
use kittest::t;

fn start_without_display(lang: &str) -> (Option<i32>, String) {
    let home = tempfile::tempdir().expect("home");
    let out = Command::new(env!("CARGO_BIN_EXE_cssm-assistant"))
        .args(["--lang", lang])
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_DATA_HOME", home.path().join("data"))
        .output()
        .expect("run");
    (
        out.status.code(),
        String::from_utf8(out.stderr).expect("utf-8"),
    )
}

#[test]
fn without_a_display_one_sentence_in_the_users_language() {
    for (code, lang) in [("fr", Lang::Fr), ("en", Lang::En)] {
        let (status, stderr) = start_without_display(code);
        assert_eq!(status, Some(1), "{code}: {stderr}");
        assert_eq!(
            stderr,
            format!("cssm-assistant: {}\n", t(lang, "start.no_display")),
            "{code}"
        );
        assert!(stderr.contains("cssm-assistant summary"), "{code}");
        assert!(!stderr.contains(".rs:"), "{code}: no source path: {stderr}");
    }
}

#[test]
fn the_theme_flag_is_checked() {
    let out = Command::new(env!("CARGO_BIN_EXE_cssm-assistant"))
        .args(["--theme", "purple"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("system") && stderr.contains("light") && stderr.contains("dark"));
}
