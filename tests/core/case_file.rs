//! The case file: the spec's minimal form loads, a saved case reopens with the same
//! evaluation, and unknown ids or invalid values are refused by name.

use cssm_assistant::case::{Case, CaseError, LoadNotice, Strictness};
use cssm_assistant::i18n::{I18n, Lang};
use cssm_assistant::procedure::Procedure;
use cssm_assistant::procedure::validation::FieldError;
use jiff::Timestamp;

fn procedure() -> Procedure {
    Procedure::builtin().expect("procedure")
}

fn load(text: &str) -> Result<Case, CaseError> {
    Case::from_bytes(text.as_bytes(), &procedure(), Strictness::Strict).map(|l| l.case)
}

const SPEC_EXAMPLE: &str = r#"(
    procedure: "cssm-subscription-visibility",
    answers: { "has_smart_account_access": "yes", "sa_assigned": "yes", "sa_status": "active",
               "subscription_visible": "no", "claimed_bound": "not_yet" },
    fields: { "smart_account_name": "Acme Corp", "smart_account_domain": "acme.example" },
)"#;

fn t(s: &str) -> Timestamp {
    s.parse().expect("timestamp")
}

#[test]
fn the_spec_example_loads_and_evaluates() {
    let case = load(SPEC_EXAMPLE).expect("loads");
    let eval = case.evaluate(&procedure());
    assert_eq!(eval.outcome.as_deref(), Some("ask_meraki_support"));
    assert_eq!(case.field("smart_account_domain"), "acme.example");
    assert!(!case.escalated);
}

#[test]
fn escalated_gives_the_escape_outcome_whatever_the_answers() {
    let text = SPEC_EXAMPLE.replacen("(\n", "(\n    escalated: true,\n", 1);
    let case = load(&text).expect("loads");
    assert_eq!(
        case.evaluate(&procedure()).outcome.as_deref(),
        Some("escalate_meraki_case")
    );
}

#[test]
fn a_saved_case_reopens_with_everything_intact() {
    let p = procedure();
    let mut case = Case::new(&p, Lang::Fr, t("2026-11-24T09:00:00Z"));
    case.set_field(
        "smart_account_name",
        "Société Générale",
        t("2026-11-24T09:00:05Z"),
    );
    case.set_field(
        "smart_account_domain",
        "Societe.FR",
        t("2026-11-24T09:00:09Z"),
    );
    case.set_field("notes", "Line one\nLine \"two\"", t("2026-11-24T09:00:10Z"));
    case.set_answer(
        "has_smart_account_access",
        Some("yes"),
        t("2026-11-24T09:01:00Z"),
    );
    case.set_answer("sa_assigned", Some("yes"), t("2026-11-24T09:02:00Z"));
    case.set_answer("sa_status", Some("active"), t("2026-11-24T09:03:00Z"));
    case.set_answer(
        "subscription_visible",
        Some("no"),
        t("2026-11-24T09:04:00Z"),
    );
    case.set_answer("claimed_bound", Some("yes"), t("2026-11-24T09:05:00Z"));

    let exported = case.for_export(&p);
    assert_eq!(
        exported.field("smart_account_domain"),
        "societe.fr",
        "stored normalised"
    );
    assert_eq!(exported.outcome.as_deref(), Some("swit_case_claimed"));
    let text = exported.to_ron();
    assert!(text.contains("schema_version: 2"), "{text}");
    assert!(text.contains("created: \"2026-11-24T09:00:00Z\""), "{text}");

    let reopened = load(&text).expect("reopens");
    assert_eq!(reopened, exported);
    assert_eq!(reopened.evaluate(&p), case.evaluate(&p));
    assert_eq!(reopened.language, Some(Lang::Fr));
}

#[test]
fn the_event_log_records_changes_from_and_to() {
    let p = procedure();
    let mut case = Case::new(&p, Lang::En, t("2026-11-24T09:00:00Z"));
    case.set_answer(
        "has_smart_account_access",
        Some("yes"),
        t("2026-11-24T09:01:00Z"),
    );
    case.set_answer(
        "has_smart_account_access",
        Some("yes"),
        t("2026-11-24T09:01:30Z"),
    );
    case.set_answer(
        "has_smart_account_access",
        Some("no"),
        t("2026-11-24T09:02:00Z"),
    );
    // Typing a field letter by letter gives one event.
    for (i, v) in ["a", "ac", "acm", "acme.fr"].iter().enumerate() {
        case.set_field(
            "smart_account_domain",
            v,
            t(&format!("2026-11-24T09:03:0{i}Z")),
        );
    }
    case.set_escalated(true, t("2026-11-24T09:04:00Z"));
    let log: Vec<(&str, Option<&str>, Option<&str>)> = case
        .events
        .iter()
        .map(|e| (e.item.as_str(), e.from.as_deref(), e.to.as_deref()))
        .collect();
    assert_eq!(
        log,
        vec![
            ("has_smart_account_access", None, Some("yes")),
            ("has_smart_account_access", Some("yes"), Some("no")),
            ("smart_account_domain", None, Some("acme.fr")),
            ("escalated", Some("no"), Some("yes")),
        ]
    );
    assert_eq!(case.events[2].at, t("2026-11-24T09:03:03Z"));
    assert_eq!(case.updated, Some(t("2026-11-24T09:04:00Z")));
    assert_eq!(case.created, Some(t("2026-11-24T09:00:00Z")));
}

#[test]
fn unknown_ids_are_errors_that_name_them() {
    let cases = [
        (
            SPEC_EXAMPLE.replace("cssm-subscription-visibility", "other-procedure"),
            CaseError::UnknownProcedure("other-procedure".into()),
        ),
        (
            SPEC_EXAMPLE.replace("\"sa_status\": \"active\"", "\"sa_state\": \"active\""),
            CaseError::UnknownQuestion("sa_state".into()),
        ),
        (
            SPEC_EXAMPLE.replace("\"sa_status\": \"active\"", "\"sa_status\": \"actif\""),
            CaseError::UnknownOption {
                question: "sa_status".into(),
                option: "actif".into(),
            },
        ),
        (
            SPEC_EXAMPLE.replace("\"smart_account_name\"", "\"account_name\""),
            CaseError::UnknownField("account_name".into()),
        ),
        (
            SPEC_EXAMPLE.replace("acme.example", "acme"),
            CaseError::InvalidField {
                field: "smart_account_domain".into(),
                error: FieldError::DomainSingleLabel,
            },
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(load(&text), Err(expected));
    }
}

#[test]
fn errors_read_well_in_both_languages() {
    let err = load(&SPEC_EXAMPLE.replace("acme.example", "acme")).expect_err("invalid");
    let en = err.message(&I18n::new(Lang::En));
    let fr = err.message(&I18n::new(Lang::Fr));
    assert!(
        en.contains("smart_account_domain") && en.contains("at least two parts"),
        "{en}"
    );
    assert!(
        fr.contains("smart_account_domain") && fr.contains("au moins deux parties"),
        "{fr}"
    );
}

#[test]
fn a_syntax_error_gives_line_and_column() {
    let err = load(
        "(\n    procedure: \"cssm-subscription-visibility\",\n    answers: { \"a\" \"b\" },\n)",
    )
    .expect_err("broken");
    match err {
        CaseError::Syntax { line, column, .. } => {
            assert_eq!(line, 3);
            assert!(column > 1);
        }
        other => panic!("expected a syntax error, got {other:?}"),
    }
}

#[test]
fn a_case_of_an_older_procedure_version_is_rechecked_with_notices() {
    let text = SPEC_EXAMPLE
        .replacen("(\n", "(\n    procedure_version: 0,\n", 1)
        .replace("\"sa_status\": \"active\"", "\"sa_status\": \"suspended\"");
    let loaded =
        Case::from_bytes(text.as_bytes(), &procedure(), Strictness::Strict).expect("opens");
    assert_eq!(
        loaded.notices,
        vec![
            LoadNotice::ProcedureVersionChanged { from: 0, to: 2 },
            LoadNotice::Dropped {
                id: "sa_status".into(),
                value: "suspended".into()
            },
        ]
    );
    assert_eq!(loaded.case.procedure_version, Some(2));
    let eval = loaded.case.evaluate(&procedure());
    assert_eq!(eval.next.map(|n| n.question).as_deref(), Some("sa_status"));
}

#[test]
fn a_draft_keeps_what_was_typed_even_when_invalid() {
    let text = SPEC_EXAMPLE.replace("acme.example", "acme.");
    let loaded = Case::from_bytes(text.as_bytes(), &procedure(), Strictness::Draft).expect("opens");
    assert_eq!(loaded.case.field("smart_account_domain"), "acme.");
    assert!(load(&text).is_err(), "a strict load refuses it");
}

#[test]
fn claim_keys_never_reach_the_case_file_or_the_draft() {
    let p = procedure();
    let mut case = Case::new(&p, Lang::En, t("2026-11-24T09:00:00Z"));
    let keys = [
        "S2345-6789A-BCDEF-GHJKM",
        "S2345 6789A BCDEF GHJKM",
        "S2345\u{2011}6789A\u{2011}BCDEF\u{2011}GHJKM",
        "\u{FF33}\u{FF12}\u{FF13}\u{FF14}\u{FF15}-6789A-BCDEF-GHJKM",
        "Z2AB-CDEF-GHJK",
    ];
    for (i, key) in keys.iter().enumerate() {
        case.set_field(
            "smart_account_name",
            &format!("Acme {i} {key}"),
            t("2026-11-24T09:01:00Z"),
        );
        case.set_field(
            "smart_account_domain",
            "acme.example",
            t("2026-11-24T09:01:00Z"),
        );
        for text in [case.to_ron(), case.for_export(&p).to_ron()] {
            for needle in ["6789A", "CDEF-GHJK", "BCDEF"] {
                assert!(!text.contains(needle), "{key} leaked:\n{text}");
            }
            let back =
                Case::from_bytes(text.as_bytes(), &p, Strictness::Draft).expect("reads back");
            assert!(
                back.case
                    .field("smart_account_name")
                    .starts_with(&format!("Acme {i}"))
            );
        }
    }
}

/// Found by the fuzz target: a logged value clipped in the middle of a claim key, whose
/// cut-off start is shorter than the marker that replaces it, reads back the same.
#[test]
fn a_logged_value_ending_in_the_start_of_a_key_reads_back_the_same() {
    let p = procedure();
    for tail in ["S2345-67", "S2345-6789A-BC", "12345-6"] {
        let value = format!("{} {tail}…", "x".repeat(199 - tail.chars().count()));
        let file = format!(
            "(procedure: \"cssm-subscription-visibility\", answers: {{}}, fields: {{}}, \
             events: [(at: \"2026-11-24T09:01:00Z\", item: \"notes\", to: Some({value:?}))])"
        );
        for strictness in [Strictness::Strict, Strictness::Draft] {
            let once = Case::from_bytes(file.as_bytes(), &p, strictness)
                .expect("reads")
                .case;
            let logged = once.events[0].to.clone().unwrap_or_default();
            assert!(
                !logged.contains("S2345-6") && !logged.contains("12345-6"),
                "{logged}"
            );
            let twice = Case::from_bytes(once.to_ron().as_bytes(), &p, strictness)
                .expect("reads again")
                .case;
            assert_eq!(twice, once, "{tail}");
        }
    }
}
