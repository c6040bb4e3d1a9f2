//! Arbitrary bytes through the case-file loader, in both strictness modes.
//!
//! Nothing may panic, and a case that loads must survive its own file:
//! - its `to_ron()` loads again in the same mode, to the same case, without notices;
//! - its `for_export()` loads again in strict mode, to the same case and evaluation;
//! - the outcome recorded on load is the one its answers give;
//! - a file that loads strictly also loads as a draft, and the strict case is the
//!   draft's export (strict loading is draft loading plus validation).
//!
//! Refused files must have a message in both languages.

#![no_main]

#[path = "common.rs"]
mod common;

use common::PROCEDURE;
use cssm_assistant::case::{Case, LoadedCase, Strictness};
use cssm_assistant::i18n::{I18n, Lang};
use cssm_assistant::procedure::Procedure;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let p = &*PROCEDURE;
    let strict = load(data, p, Strictness::Strict);
    let draft = load(data, p, Strictness::Draft);
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
