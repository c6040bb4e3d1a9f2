//! The PDF summary of a long case, headless, no window:
//! `cargo bench --bench summary_pdf --no-default-features --features pdf`
//! (see BENCHMARKS.md). The long case: every field filled, notes of 4000 characters,
//! 400 changes of an answer back and forth (each one in the event log), and the
//! outcome with the request to forward. Target: under 50 ms.

// A benchmark prints its figures.
#![allow(clippy::print_stdout)]

#[path = "support/short.rs"]
mod short;

use std::time::{Duration, Instant};

use cssm_assistant::case::Case;
use cssm_assistant::i18n::Lang;
use cssm_assistant::procedure::Procedure;
use cssm_assistant::summary::document::build;
use cssm_assistant::summary::pdf::{render, to_pdf};
use jiff::{SignedDuration, Timestamp};

fn long_case(procedure: &Procedure, lang: Lang) -> Case {
    let mut now = Timestamp::UNIX_EPOCH;
    let mut case = Case::new(procedure, lang, now);
    let mut tick = || {
        now = now.checked_add(SignedDuration::from_secs(7)).unwrap_or(now);
        now
    };
    for round in 0..400 {
        let option = if round % 2 == 0 { "no" } else { "yes" };
        case.set_answer("has_smart_account_access", Some(option), tick());
    }
    for (field, value) in [
        (
            "smart_account_name",
            "Acme Corporation International Holdings",
        ),
        (
            "smart_account_domain",
            "acme-corporation-international.example",
        ),
        ("order_number", "87654321"),
        ("previous_case_number", "01234567"),
        ("contact_email", "jane.doe@partner.example"),
        ("virtual_account", "Default"),
        ("meraki_org_id", "2930418"),
        ("subscription_id", "SR1234567"),
    ] {
        case.set_field(field, value, tick());
    }
    let line = "Checked the Smart Account, the Meraki organisation and the order again; \
                the subscription is still missing from CSSM after 48 hours. ";
    let mut notes = String::new();
    while notes.chars().count() + line.chars().count() < 4000 {
        notes.push_str(line);
        notes.push('\n');
    }
    case.set_field("notes", &notes, tick());
    for (q, o) in [
        ("has_smart_account_access", "yes"),
        ("sa_assigned", "yes"),
        ("sa_status", "active"),
        ("subscription_visible", "no"),
        ("claimed_bound", "yes"),
    ] {
        case.set_answer(q, Some(o), tick());
    }
    case
}

fn main() {
    let procedure = Procedure::builtin().expect("the built-in procedure");
    // The fixed cost of a file (fonts parsed and subset, metadata, validation): the
    // summary of a new, empty case.
    let empty = Case::new(&procedure, Lang::En, Timestamp::UNIX_EPOCH);
    let mut fixed: Vec<Duration> = (0..short::runs(30))
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(
                render(&procedure, &empty, Lang::En, Timestamp::UNIX_EPOCH).expect("a PDF"),
            );
            start.elapsed()
        })
        .collect();
    fixed.sort();
    println!(
        "empty case PDF: median {:.1} ms",
        fixed[fixed.len() / 2].as_secs_f64() * 1e3
    );
    for lang in Lang::ALL {
        let case = long_case(&procedure, lang);
        let outcome = case.evaluate(&procedure).outcome;
        assert_eq!(outcome.as_deref(), Some("swit_case_claimed"));
        let generated = Timestamp::UNIX_EPOCH;
        let pdf = render(&procedure, &case, lang, generated).expect("a PDF");
        let doc = build(&procedure, &case, lang, generated);
        let mut runs: Vec<Duration> = (0..short::runs(30))
            .map(|_| {
                let start = Instant::now();
                let pdf = to_pdf(&doc, generated).expect("a PDF");
                std::hint::black_box(pdf);
                start.elapsed()
            })
            .collect();
        runs.sort();
        let mut whole: Vec<Duration> = (0..short::runs(30))
            .map(|_| {
                let start = Instant::now();
                std::hint::black_box(render(&procedure, &case, lang, generated).expect("a PDF"));
                start.elapsed()
            })
            .collect();
        whole.sort();
        println!(
            "{lang:?}: long case PDF ({} bytes): render from the case median {:.1} ms (p95 {:.1} ms); from the model median {:.1} ms",
            pdf.len(),
            whole[whole.len() / 2].as_secs_f64() * 1e3,
            whole[whole.len() * 95 / 100].as_secs_f64() * 1e3,
            runs[runs.len() / 2].as_secs_f64() * 1e3,
        );
    }
}
