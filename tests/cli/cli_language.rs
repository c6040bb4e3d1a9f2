//! The command line in the user's language: `--help`, usage mistakes and messages in
//! French under `--lang fr` or a French system, with clap's exit statuses unchanged
//! (0 for help and version, 2 for a usage mistake).

use std::process::{Command, Output, Stdio};

fn command(lang_var: &str) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_cssm-assistant"));
    for name in ["LC_ALL", "LC_MESSAGES", "LANGUAGE"] {
        c.env_remove(name);
    }
    c.env("LANG", lang_var).stdin(Stdio::null());
    c
}

fn run(lang_var: &str, args: &[&str]) -> (Option<i32>, String, String) {
    let out: Output = command(lang_var).args(args).output().expect("runs");
    (
        out.status.code(),
        String::from_utf8(out.stdout).expect("UTF-8"),
        String::from_utf8(out.stderr).expect("UTF-8"),
    )
}

const NB: char = '\u{a0}';

#[test]
fn help_is_in_french_under_lang_fr_and_a_french_system() {
    for (lang_var, args) in [
        ("C", &["--lang", "fr", "--help"][..]),
        ("C", &["--help", "--lang=fr"][..]),
        ("fr_FR.UTF-8", &["--help"][..]),
    ] {
        let (code, stdout, stderr) = run(lang_var, args);
        assert_eq!(code, Some(0), "{args:?}");
        assert_eq!(stderr, "");
        for part in [
            format!("Utilisation{NB}: cssm-assistant"),
            format!("Commandes{NB}:"),
            format!("Arguments{NB}:"),
            format!("Options{NB}:"),
            "Afficher cette aide.".to_owned(),
            "Une fiche (.ron) à ouvrir dans la fenêtre.".to_owned(),
            "Afficher le résumé d'une fiche".to_owned(),
        ] {
            assert!(stdout.contains(&part), "{args:?} {part}: {stdout}");
        }
        for english in ["Usage:", "Print help", "Options:", "Commands:"] {
            assert!(!stdout.contains(english), "{args:?} {english}: {stdout}");
        }
    }
}

#[test]
fn the_summary_help_is_in_french_with_its_exit_statuses() {
    let (code, stdout, _) = run("C", &["summary", "--help", "--lang", "fr"]);
    assert_eq!(code, Some(0));
    for part in [
        "<CASE>",
        "--format <FORMAT>",
        "-o, --output <OUTPUT>",
        "Format de sortie",
        "La fiche (.ron) à résumer.",
        "Code de sortie",
        "2  la fiche n'a pas pu être lue",
    ] {
        assert!(stdout.contains(part), "{part}: {stdout}");
    }
    // Values are named in the translated text, not listed by clap in English.
    assert!(!stdout.contains("possible values"), "{stdout}");
    assert!(!stdout.contains("[default"), "{stdout}");
}

#[test]
fn english_help_keeps_its_shape() {
    let (code, stdout, _) = run("C", &["summary", "--help"]);
    assert_eq!(code, Some(0));
    for part in ["Usage: cssm-assistant summary", "Exit status:", "Options:"] {
        assert!(stdout.contains(part), "{part}: {stdout}");
    }
}

#[test]
fn usage_mistakes_are_told_in_the_users_language_with_status_2() {
    let (code, stdout, stderr) = run(
        "C",
        &["summary", "case.ron", "--format", "docx", "--lang", "fr"],
    );
    assert_eq!(code, Some(2));
    assert_eq!(stdout, "");
    assert_eq!(
        stderr,
        format!(
            "cssm-assistant: «{NB}docx{NB}» n'est pas une valeur valide pour --format <FORMAT> \
             (valeurs possibles{NB}: md, ron, pdf).\nPour en savoir plus{NB}: cssm-assistant --help\n"
        )
    );

    let (code, _, stderr) = run("fr_CA.UTF-8", &["--bogus"]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.starts_with(&format!(
            "cssm-assistant: argument inattendu{NB}: «{NB}--bogus{NB}»."
        )),
        "{stderr}"
    );

    let (code, _, stderr) = run("C", &["summary", "--lang", "fr"]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.starts_with(&format!("cssm-assistant: argument manquant{NB}: <CASE>.")),
        "{stderr}"
    );

    let (code, _, stderr) = run("C", &["summary", "x.ron", "--format"]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.starts_with("cssm-assistant: --format <FORMAT> needs a value."),
        "{stderr}"
    );
    // No clap English left in French.
    let (_, _, stderr) = run("fr_FR.UTF-8", &["summary", "x.ron", "--format"]);
    assert!(!stderr.contains("error:"), "{stderr}");
    assert!(stderr.contains("attend une valeur"), "{stderr}");
}

#[test]
fn version_is_unchanged() {
    for lang_var in ["C", "fr_FR.UTF-8"] {
        let (code, stdout, _) = run(lang_var, &["--version"]);
        assert_eq!(code, Some(0));
        assert_eq!(
            stdout,
            format!("cssm-assistant {}\n", env!("CARGO_PKG_VERSION"))
        );
    }
}

#[test]
fn the_help_command_is_translated_too() {
    let (code, stdout, _) = run("C", &["--help", "--lang", "fr"]);
    assert_eq!(code, Some(0));
    assert!(
        stdout.contains("Afficher l'aide d'une commande."),
        "{stdout}"
    );
    let (code, stdout, _) = run("fr_FR.UTF-8", &["help", "summary"]);
    assert_eq!(code, Some(0));
    assert!(stdout.contains("La fiche (.ron) à résumer."), "{stdout}");
}

#[cfg(unix)]
#[test]
fn usage_lines_name_the_program_whatever_its_file_is_called() {
    // As `cssm-assistant.exe` on Windows: the help and messages are the same bytes.
    let tmp = tempfile::tempdir().expect("tempdir");
    let renamed = tmp.path().join("cssm-assistant.exe");
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_cssm-assistant"), &renamed).expect("link");
    let out = Command::new(&renamed)
        .args(["summary", "--help"])
        .env("LANG", "C")
        .output()
        .expect("runs");
    let stdout = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(
        stdout.contains("Usage: cssm-assistant summary [OPTIONS] <CASE>"),
        "{stdout}"
    );
    assert!(!stdout.contains(".exe"), "{stdout}");
}

#[test]
fn the_check_help_works_in_english_and_french_with_its_exit_statuses() {
    let (code, stdout, stderr) = run("C", &["check", "--help"]);
    assert_eq!(code, Some(0), "{stderr}");
    for part in [
        "Usage: cssm-assistant check [OPTIONS] [CASE]",
        "--org <ID>",
        "-o, --output <OUT.ron>",
        "MERAKI_DASHBOARD_API_KEY",
        "Exit status:",
        "  0  done",
        "  1  the output could not be written",
        "  2  bad arguments",
        "  3  the Dashboard refused",
        "built-in procedure does not load",
    ] {
        assert!(stdout.contains(part), "{part}: {stdout}");
    }

    for (lang_var, args) in [
        ("C", &["check", "--help", "--lang", "fr"][..]),
        ("fr_FR.UTF-8", &["check", "-h"][..]),
    ] {
        let (code, stdout, stderr) = run(lang_var, args);
        assert_eq!(code, Some(0), "{stderr}");
        for part in [
            "Vérifier l'organisation et l'abonnement dans le Dashboard Meraki",
            "Utilisation\u{a0}: cssm-assistant check",
            "La fiche (.ron)",
            "Code de sortie\u{a0}:",
            "  2  arguments incorrects, fiche incorrecte ou pas de clé",
            "  3  le Dashboard a refusé",
            "procédure",
            "Afficher cette aide.",
        ] {
            assert!(stdout.contains(part), "{part}: {stdout}");
        }
        assert!(!stdout.contains("possible values"), "{stdout}");
        assert!(!stdout.contains("Exit status"), "{stdout}");
    }
}

#[test]
fn the_command_list_describes_check_in_french() {
    let (code, stdout, _) = run("C", &["--help", "--lang", "fr"]);
    assert_eq!(code, Some(0));
    assert!(
        stdout.contains("Vérifier l'organisation et l'abonnement"),
        "{stdout}"
    );
}
