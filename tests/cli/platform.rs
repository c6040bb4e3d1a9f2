//! What must behave the same on Windows, macOS and Linux: the user's language (locale
//! variables, then the system's UI language), one line end (LF) in every file written,
//! case files with CRLF line ends, paths with non-ASCII characters (a user named
//! "Hélène"), and messages about files in the user's language rather than the
//! system's own text, so the command line's messages, exit statuses and summaries are
//! the same bytes everywhere.

use crate::support::fixtures;

use std::path::Path;
use std::process::{Command, Stdio};

use cssm_assistant::case::{Case, CaseError, Strictness};
use cssm_assistant::i18n::{I18n, Lang};
use cssm_assistant::platform::os_error::OsProblem;
use cssm_assistant::summary::{default_file_stem, default_file_stem_in, render};
use fixtures::{FIXTURES, GENERATED, build, procedure, t};

/// Locale variables from a list (the rest unset).
fn vars(list: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
    move |name| {
        list.iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| (*v).to_owned())
    }
}

#[test]
fn without_locale_variables_the_system_ui_language_decides() {
    // Windows and macOS set no LANG: the system's UI language is all there is.
    for (system, lang) in [
        ("fr-FR", Lang::Fr),
        ("fr-CA", Lang::Fr),
        ("fr", Lang::Fr),
        ("en-US", Lang::En),
        ("de-DE", Lang::En),
    ] {
        assert_eq!(
            Lang::detect(vars(&[]), || Some(system.to_owned())),
            lang,
            "{system}"
        );
    }
    // Empty variables count as unset.
    assert_eq!(
        Lang::detect(vars(&[("LANG", ""), ("LC_ALL", "")]), || Some(
            "fr-BE".into()
        )),
        Lang::Fr
    );
    // No system language either: English.
    assert_eq!(Lang::detect(vars(&[]), || None), Lang::En);
}

#[test]
fn locale_variables_come_before_the_system_language() {
    // A Linux desktop, or a user choosing for one command, sets them: they win.
    assert_eq!(
        Lang::detect(vars(&[("LANG", "en_US.UTF-8")]), || Some("fr-FR".into())),
        Lang::En
    );
    assert_eq!(
        Lang::detect(vars(&[("LC_MESSAGES", "fr_FR.UTF-8")]), || Some(
            "en-US".into()
        )),
        Lang::Fr
    );
    assert_eq!(
        Lang::detect(vars(&[("LANG", "C")]), || Some("fr-FR".into())),
        Lang::En,
        "LANG=C is a choice too"
    );
    let mut asked = false;
    Lang::detect(vars(&[("LC_ALL", "fr_FR")]), || {
        asked = true;
        None
    });
    assert!(!asked, "the system is not asked when a variable is set");
}

/// The binary in an environment without any locale variable, as on Windows.
fn binary_without_locale_vars() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_cssm-assistant"));
    for name in ["LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE", "LC_CTYPE"] {
        c.env_remove(name);
    }
    c.stdin(Stdio::null());
    c
}

#[test]
fn the_binary_asks_the_system_when_no_locale_variable_is_set() {
    // On Linux the system crate reads LANGUAGE (which this program's own rule
    // ignores): set alone, it stands for a system whose UI language is French.
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("absent.ron");
    let out = binary_without_locale_vars()
        .env("LANGUAGE", "fr_FR")
        .arg("summary")
        .arg(&missing)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).expect("UTF-8");
    assert!(
        stderr.contains("Impossible de lire le fichier"),
        "French from the system language: {stderr}"
    );
    // `--lang` still wins over it.
    let out = binary_without_locale_vars()
        .env("LANGUAGE", "fr_FR")
        .args(["summary", "--lang", "en"])
        .arg(&missing)
        .output()
        .expect("runs");
    let stderr = String::from_utf8(out.stderr).expect("UTF-8");
    assert!(stderr.contains("The file cannot be read"), "{stderr}");
}

#[test]
fn every_file_written_uses_lf_line_ends() {
    let p = procedure();
    for fixture in FIXTURES {
        for lang in Lang::ALL {
            let case = build(fixture, lang);
            let ron = case.to_ron();
            assert!(
                ron.contains('\n') && !ron.contains('\r'),
                "{}",
                fixture.name
            );
            let export = case.for_export(&p).to_ron();
            assert!(!export.contains('\r'), "{}", fixture.name);
            let md = render(&p, &case, lang, t(GENERATED));
            assert!(!md.contains('\r'), "{}", fixture.name);
        }
    }
    assert_eq!(cssm_assistant::platform::storage::LINE_END, "\n");
}

/// The text with CRLF line ends, as an editor on Windows may save it.
fn crlf(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\n', "\r\n")
}

#[test]
fn a_case_file_with_crlf_line_ends_reads_as_the_same_case() {
    let p = procedure();
    for fixture in FIXTURES {
        let case = build(fixture, Lang::Fr);
        let lf = case.for_export(&p).to_ron();
        let windows = crlf(&lf);
        assert!(windows.contains("\r\n"));
        let from_lf = Case::from_bytes(lf.as_bytes(), &p, Strictness::Strict)
            .expect("LF file")
            .case;
        let from_crlf = Case::from_bytes(windows.as_bytes(), &p, Strictness::Strict)
            .unwrap_or_else(|e| panic!("{}: {e:?}", fixture.name))
            .case;
        assert_eq!(from_crlf, from_lf, "{}", fixture.name);
        // And the summaries are the same bytes.
        for lang in Lang::ALL {
            assert_eq!(
                render(&p, &from_crlf, lang, t(GENERATED)),
                render(&p, &from_lf, lang, t(GENERATED)),
                "{}",
                fixture.name
            );
        }
    }
}

#[test]
fn the_command_line_gives_the_same_summary_for_crlf_and_lf_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = procedure();
    let case = build(&FIXTURES[0], Lang::En).for_export(&p).to_ron();
    let lf = dir.path().join("lf.ron");
    let windows = dir.path().join("crlf.ron");
    std::fs::write(&lf, &case).expect("write");
    std::fs::write(&windows, crlf(&case)).expect("write");
    let summary = |file: &Path| {
        let out = binary_without_locale_vars()
            .env("LANG", "C")
            .args(["summary", "--format", "ron"])
            .arg(file)
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        out.stdout
    };
    let from_lf = summary(&lf);
    assert_eq!(summary(&windows), from_lf);
    assert!(!from_lf.contains(&b'\r'));
}

/// A folder tree under `root` as a user named Hélène has it.
fn helene(root: &Path) -> std::path::PathBuf {
    let dir = root
        .join("Users")
        .join("Hélène")
        .join("Données été")
        .join("Fiches — Müller");
    std::fs::create_dir_all(&dir).expect("non-ASCII folders");
    dir
}

#[test]
fn paths_with_non_ascii_characters_work_on_the_command_line() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = helene(tmp.path());
    let p = procedure();
    let case = dir.join("fiche élève.ron");
    std::fs::write(&case, build(&FIXTURES[0], Lang::Fr).for_export(&p).to_ron()).expect("write");
    let out_md = dir.join("résumé.md");
    let run = binary_without_locale_vars()
        .env("LANG", "C")
        .args(["summary", "--lang", "fr"])
        .arg(&case)
        .arg("-o")
        .arg(&out_md)
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(0), "{run:?}");
    assert!(run.stderr.is_empty(), "{run:?}");
    let md = std::fs::read_to_string(&out_md).expect("written");
    assert!(md.contains("#"), "{md}");

    // A file that is not there is named as given, with a sentence of the program.
    let missing = dir.join("absente.ron");
    let run = binary_without_locale_vars()
        .env("LANG", "C")
        .args(["summary", "--lang", "fr"])
        .arg(&missing)
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(run.stderr).expect("UTF-8"),
        format!(
            "cssm-assistant: {}: {}\n",
            missing.display(),
            I18n::new(Lang::Fr).trv("case_error.unreadable", &[("reason", "il n'existe pas.")])
        )
    );
}

#[test]
fn drafts_are_saved_and_found_in_a_non_ascii_folder() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = helene(tmp.path())
        .join("AppData")
        .join("Local")
        .join("drafts");
    let p = procedure();
    let case = build(&FIXTURES[0], Lang::Fr);
    {
        let mut autosave = cssm_assistant::app::Autosave::new(Some(dir.clone()));
        assert_eq!(
            autosave.save(&case, 1),
            cssm_assistant::app::SaveOutcome::Saved
        );
    }
    let later = cssm_assistant::app::Autosave::new(Some(dir));
    let drafts = later.drafts(&p);
    assert_eq!(drafts.len(), 1);
    assert_eq!(drafts[0].case.answers, case.answers);
}

#[test]
fn file_errors_are_sentences_of_the_program_not_the_systems_text() {
    let p = procedure();
    let tmp = tempfile::tempdir().expect("tempdir");
    let missing = tmp.path().join("missing.ron");
    let e = Case::from_path(&missing, &p, Strictness::Strict).expect_err("missing");
    assert_eq!(e, CaseError::Unreadable(OsProblem::NotFound));
    assert_eq!(
        e.message(&I18n::new(Lang::En)),
        "The file cannot be read: it does not exist."
    );
    let fr = I18n::new(Lang::Fr);
    assert_eq!(
        e.message(&fr),
        fr.trv("case_error.unreadable", &[("reason", "il n'existe pas.")])
    );
    let folder = Case::from_path(tmp.path(), &p, Strictness::Strict).expect_err("folder");
    assert_eq!(folder, CaseError::Unreadable(OsProblem::IsAFolder));

    for kind in [
        std::io::ErrorKind::NotFound,
        std::io::ErrorKind::PermissionDenied,
        std::io::ErrorKind::IsADirectory,
        std::io::ErrorKind::InvalidFilename,
        std::io::ErrorKind::StorageFull,
        std::io::ErrorKind::ResourceBusy,
    ] {
        for lang in Lang::ALL {
            let text = OsProblem::from_io(&std::io::Error::from(kind)).text(&I18n::new(lang));
            assert!(!text.contains("os error"), "{kind:?}: {text}");
            assert!(!text.contains('{'), "{kind:?}: {text}");
        }
    }
    // Rare kinds keep the system's words, introduced in the user's language.
    let other = OsProblem::from_io(&std::io::Error::other("boom")).text(&I18n::new(Lang::Fr));
    assert_eq!(other, "le système indique\u{a0}: boom.");
}

#[test]
fn the_proposed_file_name_can_be_in_local_time_while_the_summary_stays_utc() {
    let case = build(&FIXTURES[0], Lang::En);
    let at = t("2026-11-24T23:30:00Z");
    let paris = jiff::tz::TimeZone::fixed(jiff::tz::offset(1));
    let stem = default_file_stem_in(&case, at, &paris);
    assert!(stem.ends_with("-20261125-0030"), "{stem}");
    assert!(default_file_stem(&case, at).ends_with("-20261124-2330"));
    let md = render(&procedure(), &case, Lang::En, at);
    assert!(md.contains("2026-11-24 23:30:00 UTC"), "{md}");
}
