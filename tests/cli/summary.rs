//! The command line, run as a user runs it: `cssm-assistant summary CASE.ron
//! [--lang fr|en] [--format md|ron] [-o OUT]` on files in a temporary folder. Its
//! output, exit status (0 done, 1 output not written, 2 case file refused) and one-line
//! messages naming the file and the problem.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::binary::{Run, command, finish};

use cssm_assistant::case::{Case, Strictness};
use cssm_assistant::procedure::Procedure;

/// A case file as the spec gives it, with a few more fields.
const GOOD: &str = r#"(
    procedure: "cssm-subscription-visibility",
    answers: { "has_smart_account_access": "yes", "sa_assigned": "yes", "sa_status": "active",
               "subscription_visible": "no", "claimed_bound": "not_yet" },
    fields: { "smart_account_name": "Acme Corp", "smart_account_domain": "Acme.Example",
              "meraki_org_id": "2930418", "notes": "Checked CCW on Monday." },
)
"#;

fn run<S: AsRef<OsStr>>(args: &[S]) -> Run {
    finish(command().args(args))
}

/// Writes a file into the folder and returns its path.
fn file(dir: &Path, name: &str, content: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, content).expect("write the test file");
    path
}

fn os(p: &Path) -> &OsStr {
    p.as_os_str()
}

/// The one line of standard error, checked to start with `cssm-assistant: <file>: `.
fn one_message(run: &Run, file: &Path) -> String {
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(
        lines.len(),
        1,
        "one line on standard error: {:?}",
        run.stderr
    );
    let prefix = format!("cssm-assistant: {}: ", file.display());
    let message = lines[0]
        .strip_prefix(&prefix)
        .unwrap_or_else(|| panic!("{:?} does not start with {prefix:?}", lines[0]));
    message.to_owned()
}

#[test]
fn a_good_file_prints_its_summary_in_english_or_french() {
    let dir = tempfile::tempdir().expect("tempdir");
    let case = file(dir.path(), "case.ron", GOOD.as_bytes());

    let en = run(&[
        OsStr::new("summary"),
        os(&case),
        OsStr::new("--lang"),
        OsStr::new("en"),
    ]);
    assert_eq!(en.code, Some(0), "{en:?}");
    assert_eq!(en.stderr, "");
    assert!(
        en.stdout.starts_with(
            "# Case summary: Make Cisco Networking Subscription consumption appear in CSSM\n"
        ),
        "{}",
        en.stdout
    );
    assert!(
        en.stdout
            .contains("- **Outcome code:** `ask_meraki_support`")
    );
    assert!(
        en.stdout
            .contains("- **Smart Account domain identifier:** acme.example")
    );
    assert!(en.stdout.contains("Checked CCW on Monday."));
    assert!(!en.stdout.contains("Récapitulatif"));

    let fr = run(&[
        OsStr::new("summary"),
        os(&case),
        OsStr::new("--lang"),
        OsStr::new("fr"),
    ]);
    assert_eq!(fr.code, Some(0), "{fr:?}");
    assert_eq!(fr.stderr, "");
    assert!(
        fr.stdout
            .starts_with("# Récapitulatif de la fiche · Case summary, English version below\n"),
        "{}",
        fr.stdout
    );
    assert!(
        fr.stdout
            .contains("- **Code du résultat\u{a0}:** `ask_meraki_support`")
    );
    assert!(
        fr.stdout
            .contains("\n## Case summary in English, for Cisco and Meraki support\n")
    );
    assert!(fr.stdout.ends_with('\n') && !fr.stdout.ends_with("\n\n"));
}

#[test]
fn without_lang_the_system_locale_decides() {
    let dir = tempfile::tempdir().expect("tempdir");
    let case = file(dir.path(), "case.ron", GOOD.as_bytes());
    let fr = finish(
        command()
            .env("LANG", "fr_FR.UTF-8")
            .arg("summary")
            .arg(&case),
    );
    assert_eq!(fr.code, Some(0), "{fr:?}");
    assert!(
        fr.stdout.starts_with("# Récapitulatif de la fiche"),
        "{}",
        fr.stdout
    );
    let en = finish(
        command()
            .env("LANG", "en_GB.UTF-8")
            .arg("summary")
            .arg(&case),
    );
    assert!(en.stdout.starts_with("# Case summary"), "{}", en.stdout);
}

#[test]
fn format_ron_prints_the_checked_case_file() {
    let p = Procedure::builtin().expect("procedure");
    let dir = tempfile::tempdir().expect("tempdir");
    let case = file(dir.path(), "case.ron", GOOD.as_bytes());
    let expected = Case::from_path(&case, &p, Strictness::Strict)
        .expect("loads")
        .case
        .for_export(&p);
    for lang in ["en", "fr"] {
        let out = run(&[
            OsStr::new("summary"),
            os(&case),
            OsStr::new("--format"),
            OsStr::new("ron"),
            OsStr::new("--lang"),
            OsStr::new(lang),
        ]);
        assert_eq!(out.code, Some(0), "{out:?}");
        assert_eq!(out.stderr, "");
        assert!(out.stdout.ends_with(")\n"), "{}", out.stdout);
        assert!(
            out.stdout.contains("outcome: \"ask_meraki_support\""),
            "{}",
            out.stdout
        );
        assert!(
            out.stdout.contains("\"acme.example\""),
            "normalised: {}",
            out.stdout
        );
        let reread = Case::from_bytes(out.stdout.as_bytes(), &p, Strictness::Strict)
            .expect("the output is a valid case file")
            .case;
        assert_eq!(reread, expected);
    }
}

#[test]
fn output_writes_the_file_and_prints_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let case = file(dir.path(), "case.ron", GOOD.as_bytes());
    let md = dir.path().join("summary.md");
    let out = run(&[OsStr::new("summary"), os(&case), OsStr::new("-o"), os(&md)]);
    assert_eq!(out.code, Some(0), "{out:?}");
    assert_eq!((out.stdout.as_str(), out.stderr.as_str()), ("", ""));
    let written = std::fs::read_to_string(&md).expect("written");
    assert!(written.starts_with("# Case summary"), "{written}");

    // The case file, to a relative path: the same bytes as on standard output, and an
    // existing file is replaced.
    let ron = dir.path().join("copy.ron");
    std::fs::write(&ron, "old").expect("seed");
    let out = finish(command().current_dir(dir.path()).args([
        "summary", "case.ron", "--format", "ron", "--output", "copy.ron",
    ]));
    assert_eq!(out.code, Some(0), "{out:?}");
    assert_eq!(out.stdout, "");
    let printed = run(&[
        OsStr::new("summary"),
        os(&case),
        OsStr::new("--format"),
        OsStr::new("ron"),
    ]);
    assert_eq!(
        std::fs::read_to_string(&ron).expect("written"),
        printed.stdout
    );
}

#[test]
fn a_case_file_that_cannot_be_used_exits_2_with_one_message_naming_file_and_problem() {
    let dir = tempfile::tempdir().expect("tempdir");
    let truncated = &GOOD[..GOOD.find("\"sa_status\"").expect("in GOOD") + 5];
    let broken: &[(&str, String, &[&str])] = &[
        ("empty.ron", String::new(), &["The file is empty."]),
        ("blank.ron", "  \n\n".into(), &["The file is empty."]),
        (
            "truncated.ron",
            truncated.into(),
            &[
                "Line 3, column 73: this is not a valid case file",
                "end of string",
            ],
        ),
        (
            "cut.ron",
            GOOD[..GOOD.find("fields").expect("in GOOD")].into(),
            &[
                "Line 4, column 75: this is not a valid case file",
                "end of RON",
            ],
        ),
        (
            "not-ron.ron",
            "procedure = \"cssm-subscription-visibility\"\n[answers]\n".into(),
            &["Line 1, column 1: this is not a valid case file"],
        ),
        (
            "json.ron",
            r#"{"procedure": "cssm-subscription-visibility", "answers": {}, "fields": {}}"#.into(),
            &["Line 1, column 1: this is not a valid case file"],
        ),
        (
            "unknown-procedure.ron",
            GOOD.replace("cssm-subscription-visibility", "other-procedure"),
            &["The file is a case of another procedure: \"other-procedure\"."],
        ),
        (
            "unknown-question.ron",
            GOOD.replace("\"sa_status\"", "\"sa_state\""),
            &["The file answers an unknown question: \"sa_state\"."],
        ),
        (
            "unknown-option.ron",
            GOOD.replace("\"active\"", "\"actif\""),
            &["The file answers \"sa_status\" with an unknown option: \"actif\"."],
        ),
        (
            "unknown-field.ron",
            GOOD.replace("\"notes\"", "\"remarks\""),
            &["The file has an unknown field: \"remarks\"."],
        ),
        (
            "invalid-domain.ron",
            GOOD.replace("Acme.Example", "acme"),
            &[
                "The field \"smart_account_domain\" is invalid (domain.single_label)",
                "at least two parts",
            ],
        ),
        (
            "invalid-org.ron",
            GOOD.replace("2930418", "29304x"),
            &["The field \"meraki_org_id\" is invalid (not_digits): Digits only (0–9)."],
        ),
    ];
    for (name, content, expected) in broken {
        let path = file(dir.path(), name, content.as_bytes());
        let out = run(&[OsStr::new("summary"), os(&path)]);
        assert_eq!(out.code, Some(2), "{name}: {out:?}");
        assert_eq!(out.stdout, "", "{name}");
        let message = one_message(&out, &path);
        for part in *expected {
            assert!(message.contains(part), "{name}: {message:?} lacks {part:?}");
        }
    }
}

#[test]
fn files_that_are_not_case_files_at_all_exit_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    let binary = file(dir.path(), "binary.ron", &(0..=255u8).collect::<Vec<_>>());
    let missing = dir.path().join("missing.ron");
    let folder = dir.path().join("folder.ron");
    std::fs::create_dir(&folder).expect("mkdir");
    for (path, part) in [
        (&binary, "The file is not text"),
        (&missing, "The file cannot be read"),
        (&folder, "The file cannot be read"),
    ] {
        let out = run(&[OsStr::new("summary"), os(path)]);
        assert_eq!(out.code, Some(2), "{out:?}");
        assert!(one_message(&out, path).contains(part), "{out:?}");
    }
}

#[test]
fn messages_follow_the_chosen_language() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = file(
        dir.path(),
        "cas.ron",
        GOOD.replace("Acme.Example", "acme").as_bytes(),
    );
    let out = run(&[
        OsStr::new("summary"),
        os(&path),
        OsStr::new("--lang"),
        OsStr::new("fr"),
    ]);
    assert_eq!(out.code, Some(2));
    let message = one_message(&out, &path);
    assert!(
        message.starts_with(
            "Le champ «\u{a0}smart_account_domain\u{a0}» n'est pas valide (domain.single_label)\u{a0}: "
        ),
        "{message}"
    );
}

#[test]
fn a_case_of_an_older_procedure_version_is_summarised_with_a_note() {
    let dir = tempfile::tempdir().expect("tempdir");
    let old = GOOD
        .replacen("(\n", "(\n    procedure_version: 0,\n", 1)
        .replace("\"active\"", "\"suspended\"");
    let path = file(dir.path(), "old.ron", old.as_bytes());
    let out = run(&[OsStr::new("summary"), os(&path)]);
    assert_eq!(out.code, Some(0), "{out:?}");
    assert!(
        out.stdout.contains("The procedure is not finished"),
        "{}",
        out.stdout
    );
    let notes: Vec<&str> = out.stderr.lines().collect();
    let prefix = format!("cssm-assistant: {}: note: ", path.display());
    assert_eq!(notes.len(), 2, "{notes:?}");
    assert!(notes.iter().all(|n| n.starts_with(&prefix)), "{notes:?}");
    assert!(
        notes[1].contains("\"sa_status\" = \"suspended\""),
        "{notes:?}"
    );
}

/// Runs with `-o out` and checks exit 1, nothing on standard output, and one message
/// naming `out` that contains `part`.
fn assert_not_written(case: &Path, out: &Path, part: &str) {
    let run = run(&[OsStr::new("summary"), os(case), OsStr::new("-o"), os(out)]);
    assert_eq!(run.code, Some(1), "{run:?}");
    assert_eq!(run.stdout, "");
    let message = one_message(&run, out);
    assert!(message.contains(part), "{message:?} lacks {part:?}");
    assert!(
        message.ends_with("Nothing was written, and an existing file keeps its content."),
        "{message}"
    );
}

#[test]
fn an_output_that_cannot_be_written_exits_1_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let case = file(dir.path(), "case.ron", GOOD.as_bytes());

    // A folder that does not exist: not created.
    let missing = dir.path().join("missing");
    assert_not_written(
        &case,
        &missing.join("out.md"),
        &format!("the folder \"{}\" does not exist", missing.display()),
    );
    assert!(!missing.exists());

    // A "folder" that is a regular file: unchanged.
    let plain = file(dir.path(), "plain.txt", b"kept");
    assert_not_written(&case, &plain.join("out.md"), "is not a folder");
    assert_eq!(std::fs::read(&plain).expect("read"), b"kept");

    // A read-only target (refused by the program itself, so even for root): unchanged.
    let locked = file(dir.path(), "locked.md", b"good summary");
    let mut perms = std::fs::metadata(&locked).expect("meta").permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&locked, perms).expect("read-only");
    assert_not_written(&case, &locked, "permission denied");
    assert_eq!(std::fs::read(&locked).expect("read"), b"good summary");

    // A folder in the target's place: left alone.
    let folder = dir.path().join("folder.md");
    std::fs::create_dir(&folder).expect("mkdir");
    assert_not_written(&case, &folder, "");
    assert!(folder.is_dir());

    let names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !names.iter().any(|n| n.starts_with(".cssm-assistant-")),
        "no temporary file left: {names:?}"
    );
}

/// A write that fails halfway (the file size limit stands in for a full disk; unlike
/// permission bits, it also stops root) leaves the existing target as it was.
#[cfg(unix)]
#[test]
fn a_write_failing_halfway_keeps_the_existing_target() {
    let dir = tempfile::tempdir().expect("tempdir");
    let case = file(dir.path(), "case.ron", GOOD.as_bytes());
    let target = file(dir.path(), "summary.md", b"the good summary");
    // The shell ignores SIGXFSZ (so writes fail with EFBIG instead of killing the
    // program) and limits files to one 512-byte block, less than a summary.
    let out = finish(
        Command::new("sh")
            .arg("-c")
            .arg(r#"trap "" XFSZ; ulimit -f 1 && exec "$0" "$@""#)
            .arg(env!("CARGO_BIN_EXE_cssm-assistant"))
            .args([
                OsStr::new("summary"),
                os(&case),
                OsStr::new("-o"),
                os(&target),
            ])
            .env_clear()
            .env("LANG", "C"),
    );
    assert_eq!(out.code, Some(1), "{out:?}");
    let message = one_message(&out, &target);
    assert!(message.contains("Nothing was written"), "{message}");
    assert_eq!(std::fs::read(&target).expect("read"), b"the good summary");
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "no temporary file left: {names:?}");
}

#[cfg(target_os = "linux")]
#[test]
fn a_standard_output_that_cannot_be_written_exits_1() {
    let dir = tempfile::tempdir().expect("tempdir");
    let case = file(dir.path(), "case.ron", GOOD.as_bytes());
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full");
    let out = finish(command().arg("summary").arg(&case).stdout(full));
    assert_eq!(out.code, Some(1), "{out:?}");
    assert_eq!(
        out.stderr.lines().collect::<Vec<_>>(),
        ["cssm-assistant: cannot write to standard output: the disk is full."]
    );
}

#[test]
fn help_and_version_behave_as_users_expect() {
    let version = run(&["--version"]);
    assert_eq!(version.code, Some(0));
    assert_eq!(
        version.stdout,
        format!("cssm-assistant {}\n", env!("CARGO_PKG_VERSION"))
    );

    let help = run(&["--help"]);
    assert_eq!(help.code, Some(0));
    assert!(
        help.stdout.contains("Usage: cssm-assistant"),
        "{}",
        help.stdout
    );
    assert!(help.stdout.contains("summary"), "{}", help.stdout);

    let help = run(&["summary", "--help"]);
    assert_eq!(help.code, Some(0));
    for part in [
        "<CASE>",
        "--lang",
        "--format",
        "-o, --output",
        "Exit status:",
    ] {
        assert!(help.stdout.contains(part), "{part}: {}", help.stdout);
    }

    // A usage mistake is told by the argument parser, with the usual status 2.
    let wrong = run(&["summary", "case.ron", "--format", "docx"]);
    assert_eq!(wrong.code, Some(2));
    assert!(wrong.stderr.contains("docx"), "{}", wrong.stderr);
    assert_eq!(wrong.stdout, "");
}

#[test]
fn output_over_the_case_file_itself_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let case = file(dir.path(), "case.ron", GOOD.as_bytes());
    let run = run(&[
        OsStr::new("summary"),
        os(&case),
        OsStr::new("-o"),
        os(&case),
    ]);
    assert_eq!(run.code, Some(1), "{run:?}");
    let message = one_message(&run, &case);
    assert!(message.contains("case file being read"), "{message}");
    assert_eq!(std::fs::read_to_string(&case).expect("read"), GOOD);
}

#[cfg(unix)]
#[test]
fn output_through_a_symbolic_link_writes_its_target_and_keeps_the_link() {
    let dir = tempfile::tempdir().expect("tempdir");
    let case = file(dir.path(), "case.ron", GOOD.as_bytes());
    let real = file(dir.path(), "real.md", b"old");
    let link = dir.path().join("link.md");
    std::os::unix::fs::symlink(&real, &link).expect("symlink");
    let out = run(&[
        OsStr::new("summary"),
        os(&case),
        OsStr::new("-o"),
        os(&link),
    ]);
    assert_eq!(out.code, Some(0), "{out:?}");
    assert!(
        std::fs::symlink_metadata(&link)
            .expect("meta")
            .file_type()
            .is_symlink(),
        "the link was replaced by a file"
    );
    assert!(
        std::fs::read_to_string(&real)
            .expect("read")
            .contains("Acme Corp")
    );

    // A link to the case file is the case file.
    let to_case = dir.path().join("to-case.ron");
    std::os::unix::fs::symlink(&case, &to_case).expect("symlink");
    let out = run(&[
        OsStr::new("summary"),
        os(&case),
        OsStr::new("-o"),
        os(&to_case),
    ]);
    assert_eq!(out.code, Some(1), "{out:?}");
    assert_eq!(std::fs::read_to_string(&case).expect("read"), GOOD);
}

/// `-o /dev/null` (here through a link, so that a program that replaces its output
/// would replace the link, never /dev/null itself) is written as a stream.
#[cfg(unix)]
#[test]
fn output_to_a_device_is_written_as_a_stream_not_replaced() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let case = file(dir.path(), "case.ron", GOOD.as_bytes());
    let null = dir.path().join("null");
    std::os::unix::fs::symlink("/dev/null", &null).expect("symlink");
    let out = run(&[
        OsStr::new("summary"),
        os(&case),
        OsStr::new("-o"),
        os(&null),
    ]);
    assert_eq!(out.code, Some(0), "{out:?}");
    assert_eq!(out.stderr, "");
    assert!(
        std::fs::symlink_metadata(&null)
            .expect("meta")
            .file_type()
            .is_symlink()
    );
    assert!(
        std::fs::metadata("/dev/null")
            .expect("meta")
            .file_type()
            .is_char_device()
    );
}

#[test]
fn escape_sequences_from_a_case_file_reach_the_terminal_escaped() {
    let dir = tempfile::tempdir().expect("tempdir");
    let hostile = GOOD.replace(
        "\"notes\":",
        "\"\\u{1b}]0;pwned\\u{7}\\u{1b}[2J\": \"x\", \"notes\":",
    );
    let case = file(dir.path(), "case.ron", hostile.as_bytes());
    let out = run(&[OsStr::new("summary"), os(&case)]);
    assert_eq!(out.code, Some(2), "{out:?}");
    assert!(
        !out.stderr.chars().any(|c| c.is_control() && c != '\n'),
        "{:?}",
        out.stderr
    );
    assert!(out.stderr.contains("\\u{1b}[2J"), "{:?}", out.stderr);
}

#[test]
fn thousands_of_notices_are_capped() {
    let dir = tempfile::tempdir().expect("tempdir");
    let count = 40_000;
    let mut text = String::from(
        "(\n    procedure: \"cssm-subscription-visibility\",\n    procedure_version: 0,\n    answers: {},\n    fields: {\n",
    );
    for i in 0..count {
        text.push_str(&format!("        \"k{i}\": \"v\",\n"));
    }
    text.push_str("    },\n)\n");
    let case = file(dir.path(), "many.ron", text.as_bytes());
    let out = run(&[OsStr::new("summary"), os(&case)]);
    assert_eq!(out.code, Some(0), "{out:?}");
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert!(lines.len() <= 25, "{} lines", lines.len());
    let last = lines.last().expect("a last line");
    // Numbers written as English writes them (words review 2026-12-05, L11).
    assert_eq!(count + 1 - 20, 39_981);
    assert!(last.contains("and 39,981 more"), "{last}");
}
