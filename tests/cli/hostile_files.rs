//! Broken and hostile case files, through the loader and through the command line:
//! each gets a clear message in the user's language, never a panic.

use std::process::Command;

use cssm_assistant::case::{Case, CaseError, LoadNotice, MAX_CASE_FILE_BYTES, Strictness};
use cssm_assistant::i18n::{I18n, Lang};
use cssm_assistant::procedure::Procedure;

const GOOD: &str = r#"(
    procedure: "cssm-subscription-visibility",
    answers: { "has_smart_account_access": "yes", "sa_assigned": "no" },
    fields: { "smart_account_name": "Acme Corp", "smart_account_domain": "acme.example" },
)"#;

fn utf16(text: &str, bom: bool) -> Vec<u8> {
    let mut v = if bom { vec![0xFF, 0xFE] } else { Vec::new() };
    for unit in text.encode_utf16() {
        v.extend_from_slice(&unit.to_le_bytes());
    }
    v
}

/// The text of a message before its first variable, in a language.
fn fixed_part(lang: Lang, key: &str) -> String {
    I18n::new(lang)
        .tr(key)
        .split('{')
        .next()
        .unwrap_or_default()
        .trim()
        .to_owned()
}

/// What a file should give: an error (its locale key), or a case that opens.
enum Expect {
    Error(fn(&CaseError) -> bool, &'static str),
    Opens(Option<LoadNotice>),
}

/// `GOOD` with `count` more fields of ids the procedure does not have, and the
/// procedure version `version` if given.
fn many_keys(count: usize, version: Option<u32>) -> Vec<u8> {
    let mut text = GOOD.to_owned();
    if let Some(v) = version {
        text = text.replacen("(\n", &format!("(\n    procedure_version: {v},\n"), 1);
    }
    let mut extra = String::with_capacity(count * 16);
    for i in 0..count {
        extra.push_str(&format!("\"k{i}\": \"v\", "));
    }
    text.replacen("fields: { ", &format!("fields: {{ {extra}"), 1)
        .into_bytes()
}

fn table() -> Vec<(&'static str, Vec<u8>, Expect)> {
    let nested = format!("({}", "[".repeat(10_000));
    let mut huge = GOOD.as_bytes().to_vec();
    huge.resize(MAX_CASE_FILE_BYTES as usize + 10, b' ');
    vec![
        (
            "empty",
            Vec::new(),
            Expect::Error(|e| *e == CaseError::Empty, "case_error.empty"),
        ),
        (
            "blank",
            b"  \n\t\n".to_vec(),
            Expect::Error(|e| *e == CaseError::Empty, "case_error.empty"),
        ),
        (
            "truncated",
            GOOD.as_bytes()[..GOOD.len() / 2].to_vec(),
            Expect::Error(
                |e| matches!(e, CaseError::Syntax { .. }),
                "case_error.syntax",
            ),
        ),
        (
            "binary",
            vec![
                0x7f, b'E', b'L', b'F', 2, 1, 1, 0, 0, 0, 0, 0, 0xff, 0xfe, 0x00, 0x01,
            ],
            Expect::Error(|e| *e == CaseError::Binary, "case_error.binary"),
        ),
        (
            "utf16-bom",
            utf16(GOOD, true),
            Expect::Error(|e| *e == CaseError::Utf16, "case_error.utf16"),
        ),
        (
            "utf16-no-bom",
            utf16(GOOD, false),
            Expect::Error(|e| *e == CaseError::Utf16, "case_error.utf16"),
        ),
        (
            "latin1",
            b"(procedure: \"caf\xe9\", answers: {}, fields: {})".to_vec(),
            Expect::Error(|e| *e == CaseError::NotUtf8, "case_error.not_utf8"),
        ),
        (
            "deeply-nested",
            nested.into_bytes(),
            Expect::Error(
                |e| matches!(e, CaseError::Syntax { .. }),
                "case_error.syntax",
            ),
        ),
        (
            "wrong-types",
            br#"(procedure: "cssm-subscription-visibility", answers: [1, 2], fields: {})"#.to_vec(),
            Expect::Error(
                |e| matches!(e, CaseError::Syntax { .. }),
                "case_error.syntax",
            ),
        ),
        (
            "newer-schema",
            GOOD.replacen(
                "(\n",
                "(\n    schema_version: 99,\n    future_key: \"x\",\n",
                1,
            )
            .into_bytes(),
            Expect::Error(
                |e| *e == CaseError::NewerSchema { found: 99 },
                "case_error.newer_schema",
            ),
        ),
        (
            "too-large",
            huge,
            Expect::Error(
                |e| matches!(e, CaseError::TooLarge { .. }),
                "case_error.too_large",
            ),
        ),
        (
            "bom-prefixed",
            [&[0xEF, 0xBB, 0xBF][..], GOOD.as_bytes()].concat(),
            Expect::Opens(None),
        ),
        (
            "older-procedure",
            GOOD.replacen("(\n", "(\n    procedure_version: 0,\n", 1)
                .into_bytes(),
            Expect::Opens(Some(LoadNotice::ProcedureVersionChanged { from: 0, to: 2 })),
        ),
        (
            "control-in-name",
            GOOD.replace("Acme Corp", "Acme\\u{202E}proC").into_bytes(),
            Expect::Error(
                |e| matches!(e, CaseError::InvalidField { field, .. } if field == "smart_account_name"),
                "case_error.invalid_field",
            ),
        ),
        (
            "escape-in-name",
            GOOD.replace("Acme Corp", "Acme\\u{1b}]0;owned\\u{7}\\u{1b}[2J")
                .into_bytes(),
            Expect::Error(
                |e| matches!(e, CaseError::InvalidField { field, .. } if field == "smart_account_name"),
                "case_error.invalid_field",
            ),
        ),
        (
            "escape-in-key",
            GOOD.replace("\"sa_assigned\"", "\"\\u{1b}[31mred\\u{1b}[0m\"")
                .into_bytes(),
            Expect::Error(
                |e| matches!(e, CaseError::UnknownQuestion(q) if q.contains('\u{1b}')),
                "case_error.unknown_question",
            ),
        ),
        (
            "escape-in-option",
            GOOD.replace("\"no\" }", "\"\\u{1b}c\\u{9b}2J\" }")
                .into_bytes(),
            Expect::Error(
                |e| matches!(e, CaseError::UnknownOption { option, .. } if option.contains('\u{1b}')),
                "case_error.unknown_option",
            ),
        ),
        (
            "huge-key-count",
            many_keys(60_000, None),
            Expect::Error(
                |e| matches!(e, CaseError::UnknownField(_)),
                "case_error.unknown_field",
            ),
        ),
        (
            "huge-key-count-older",
            many_keys(60_000, Some(0)),
            Expect::Opens(Some(LoadNotice::ProcedureVersionChanged { from: 0, to: 2 })),
        ),
    ]
}

#[test]
fn each_bad_file_gets_its_error_through_the_loader() {
    let procedure = Procedure::builtin().expect("procedure");
    let tmp = tempfile::tempdir().expect("tmp");
    for (name, bytes, expect) in table() {
        let from_bytes = Case::from_bytes(&bytes, &procedure, Strictness::Strict);
        let path = tmp.path().join(format!("{name}.ron"));
        std::fs::write(&path, &bytes).expect("write");
        let from_path = Case::from_path(&path, &procedure, Strictness::Strict);
        assert_eq!(from_bytes, from_path, "{name}: bytes and file agree");
        match (expect, from_path) {
            (Expect::Error(check, key), Err(e)) => {
                assert!(check(&e), "{name}: {e:?}");
                for lang in Lang::ALL {
                    let message = e.message(&I18n::new(lang));
                    let fixed = fixed_part(lang, key);
                    assert!(message.starts_with(&fixed), "{name} {lang:?}: {message}");
                }
            }
            (Expect::Opens(notice), Ok(loaded)) => {
                assert_eq!(loaded.notices.first(), notice.as_ref(), "{name}");
                assert_eq!(loaded.case.field("smart_account_name"), "Acme Corp");
            }
            (_, other) => panic!("{name}: unexpected {other:?}"),
        }
    }
}

#[test]
fn a_directory_or_missing_file_is_unreadable_not_a_panic() {
    let procedure = Procedure::builtin().expect("procedure");
    let tmp = tempfile::tempdir().expect("tmp");
    for path in [tmp.path().to_owned(), tmp.path().join("missing.ron")] {
        let e = Case::from_path(&path, &procedure, Strictness::Strict).expect_err("refused");
        assert!(matches!(e, CaseError::Unreadable(_)), "{e:?}");
    }
}

#[test]
fn each_bad_file_exits_2_with_one_message_through_the_command_line() {
    let tmp = tempfile::tempdir().expect("tmp");
    for (name, bytes, expect) in table() {
        let path = tmp.path().join(format!("{name}.ron"));
        std::fs::write(&path, &bytes).expect("write");
        for lang in Lang::ALL {
            let out = Command::new(env!("CARGO_BIN_EXE_cssm-assistant"))
                .args(["summary", "--lang", lang.code()])
                .arg(&path)
                .env_remove("LC_ALL")
                .output()
                .expect("runs");
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(!stderr.contains("panicked"), "{name}: {stderr}");
            // Nothing in a case file drives the terminal, nor floods it.
            assert!(
                !stderr.chars().any(|c| c.is_control() && c != '\n'),
                "{name}: a control character reaches the terminal: {stderr:?}"
            );
            assert!(
                stderr.lines().count() <= 25,
                "{name}: {} lines of messages",
                stderr.lines().count()
            );
            match &expect {
                Expect::Error(_, key) => {
                    assert_eq!(out.status.code(), Some(2), "{name} {lang:?}: {stderr}");
                    assert!(out.stdout.is_empty(), "{name}");
                    assert_eq!(
                        stderr.trim_end().lines().count(),
                        1,
                        "{name}: one message: {stderr}"
                    );
                    assert!(
                        stderr.contains(&format!("{name}.ron")),
                        "{name}: names the file: {stderr}"
                    );
                    let fixed = fixed_part(lang, key);
                    assert!(stderr.contains(&fixed), "{name} {lang:?}: {stderr}");
                }
                Expect::Opens(_) => {
                    assert_eq!(out.status.code(), Some(0), "{name} {lang:?}: {stderr}");
                    assert!(
                        String::from_utf8_lossy(&out.stdout).contains("Acme Corp"),
                        "{name}"
                    );
                }
            }
        }
    }
}
