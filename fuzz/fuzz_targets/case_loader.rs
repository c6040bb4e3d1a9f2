//! Arbitrary bytes through the case-file loader, in both strictness modes.
//!
//! Nothing may panic, and a case that loads must survive its own file:
//! - its `to_ron()` loads again in the same mode, to the same case, without notices;
//! - its `for_export()` loads again in strict mode, to the same case and evaluation;
//! - the outcome recorded on load is the one its answers give;
//! - a file that loads strictly also loads as a draft, and the strict case is the
//!   draft's export (strict loading is draft loading plus validation);
//! - grown (one input in 256) to the largest case the window can make (every field at
//!   twice its maximum, the longest event log, values at the log's limit, all from the
//!   input's own text), its file stays under the read limit and reads back to the case
//!   as written.
//!
//! Refused files must have a message in both languages.

#![no_main]

#[path = "common.rs"]
mod common;

use common::PROCEDURE;
use cssm_assistant::case::{Case, Event, LoadedCase, MAX_CASE_FILE_BYTES, MAX_EVENTS, Strictness};
use cssm_assistant::i18n::{I18n, Lang};
use cssm_assistant::procedure::Procedure;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let p = &*PROCEDURE;
    let strict = load(data, p, Strictness::Strict);
    let draft = load(data, p, Strictness::Draft);
    // Growing a case to the largest size costs about a second: one input in 256 (by
    // its bytes' sum, so a given input always does or never does) is grown.
    if let Some(draft) = &draft
        && data.iter().fold(0u8, |a, b| a.wrapping_add(*b)) == 0
    {
        check_grown(p, &draft.case);
    }
    if let Some(strict) = &strict {
        let draft = draft
            .as_ref()
            .expect("a file that loads strictly also loads as a draft");
        assert_eq!(
            strict.case,
            draft.case.for_export(p),
            "the strict case is not the draft's export"
        );
    }
});

/// Loads `data`, checks the invariants of what loaded, and returns it.
fn load(data: &[u8], p: &Procedure, strictness: Strictness) -> Option<LoadedCase> {
    match Case::from_bytes(data, p, strictness) {
        Ok(loaded) => {
            check_loaded(p, &loaded.case, strictness);
            Some(loaded)
        }
        Err(error) => {
            for lang in Lang::ALL {
                let message = error.message(&I18n::new(lang));
                assert!(!message.is_empty(), "an empty message for {error:?}");
            }
            None
        }
    }
}

/// The case as large as the window can make it, made of the case's own text.
fn grown(p: &Procedure, case: &Case) -> Case {
    let mut big = case.clone();
    let seed: String = case
        .fields
        .values()
        .chain(
            case.events
                .iter()
                .flat_map(|e| e.from.iter().chain(e.to.iter())),
        )
        .flat_map(|v| v.chars())
        .collect();
    let seed = if seed.is_empty() {
        "\u{1b}[2J\"\\".to_owned()
    } else {
        seed
    };
    let repeat = |n: usize| -> String { seed.chars().cycle().take(n).collect() };
    for (_, field) in p.fields() {
        big.fields
            .insert(field.id.clone(), repeat(field.max_len * 2));
    }
    let mut value = repeat(200);
    value.push('…');
    let at = case.updated.unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    big.events = (0..MAX_EVENTS)
        .map(|i| Event {
            at,
            item: format!("notes{i}"),
            from: Some(value.clone()),
            to: Some(value.clone()),
        })
        .collect();
    big
}

/// The largest version of `case` is written within the read limit and reads back.
fn check_grown(p: &Procedure, case: &Case) {
    let big = grown(p, case);
    let text = big.to_ron();
    assert!(
        text.len() as u64 <= MAX_CASE_FILE_BYTES,
        "a grown case writes {} bytes",
        text.len()
    );
    let back = Case::from_bytes(text.as_bytes(), p, Strictness::Draft)
        .unwrap_or_else(|e| panic!("the grown case does not read back: {e:?}"));
    let mut expected = big.for_disk();
    expected.outcome = expected.evaluate(p).outcome;
    assert_eq!(back.case, expected, "the grown case changed on reload");
}

fn check_loaded(p: &Procedure, case: &Case, strictness: Strictness) {
    let eval = case.evaluate(p);
    assert_eq!(case.outcome, eval.outcome, "the recorded outcome is stale");

    // The case as saved (the draft, or a checked case file) opens to the same case.
    let text = case.to_ron();
    let again = Case::from_bytes(text.as_bytes(), p, strictness).unwrap_or_else(|e| {
        panic!("the {strictness:?} case's own file does not load: {e:?}\n{text}")
    });
    assert_eq!(
        again.case, *case,
        "the {strictness:?} case changed on reload\n{text}"
    );
    assert!(
        again.notices.is_empty(),
        "notices on reloading a {strictness:?} case: {:?}",
        again.notices
    );

    // The exported case file opens strictly, to the same case and evaluation.
    let export = case.for_export(p);
    let text = export.to_ron();
    let again = Case::from_bytes(text.as_bytes(), p, Strictness::Strict)
        .unwrap_or_else(|e| panic!("the exported case does not load strictly: {e:?}\n{text}"));
    assert_eq!(
        again.case, export,
        "the exported case changed on reload\n{text}"
    );
    assert_eq!(
        again.case.evaluate(p),
        eval,
        "the evaluation changed on export"
    );
}
