//! The list of case files with 1,000 fiches: 700 drafts in the drafts folder and 300
//! remembered case files (10 of them moved away, 10 damaged), on a real disk in the
//! build directory. Times the scan the window runs off its UI thread (read, parse and
//! summarise every file, sort), then the layout of one frame of the list with the
//! 1,000 rows scanned and of one frame filtered to a single customer.
//! `cargo bench --bench case_files` (see BENCHMARKS.md).

// A benchmark reports on standard output.
#![allow(clippy::print_stdout)]

#[path = "support/short.rs"]
mod short;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use cssm_assistant::app::case_files::{ScanInput, scan};
use cssm_assistant::app::{AssistantApp, Dialogs, RecentFile};
use cssm_assistant::assistant::{Action, Assistant};
use cssm_assistant::case::Case;
use cssm_assistant::i18n::Lang;
use cssm_assistant::procedure::Procedure;

const DRAFTS: usize = 700;
const FILES: usize = 300;
const RUNS: usize = 30;

fn main() {
    let procedure = Procedure::builtin().expect("procedure");
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bench-case-files");
    let _ = std::fs::remove_dir_all(&root);
    let drafts = root.join("drafts");
    let files = root.join("files");
    std::fs::create_dir_all(&drafts).expect("drafts");
    std::fs::create_dir_all(&files).expect("files");
    let now = jiff::Timestamp::now();
    for i in 0..DRAFTS {
        let case = sample(&procedure, i, now);
        let path = drafts.join(format!("draft-20261201T{i:06}-{i}.ron"));
        std::fs::write(path, case.to_ron()).expect("write");
    }
    let mut recent = Vec::new();
    for i in 0..FILES {
        let path = files.join(format!("case-{i}.ron"));
        if i < 10 {
            // Moved away: listed as such.
        } else if i < 20 {
            std::fs::write(
                &path,
                "(procedure: \"cssm-subscription-visibility\", answers: {",
            )
            .expect("write");
        } else {
            let case = sample(&procedure, DRAFTS + i, now);
            std::fs::write(&path, case.for_export(&procedure).to_ron()).expect("write");
        }
        recent.push(RecentFile {
            path,
            exported: Some(now),
            seen: now,
        });
    }
    let input = ScanInput {
        draft_dirs: vec![drafts.clone()],
        recent,
        own: None,
        held: Vec::new(),
        procedure: procedure.clone(),
    };
    let first = scan(&input);
    assert_eq!(first.len(), DRAFTS + FILES);
    let scans: Vec<Duration> = (0..short::runs(RUNS))
        .map(|_| {
            let start = Instant::now();
            let entries = scan(&input);
            let elapsed = start.elapsed();
            assert_eq!(entries.len(), DRAFTS + FILES);
            elapsed
        })
        .collect();
    let (median, p95) = stats(scans);
    println!(
        "scan of {} case files ({DRAFTS} drafts, {FILES} remembered, 10 moved, 10 damaged), median of {}: {} (p95 {})",
        DRAFTS + FILES,
        short::runs(RUNS),
        ms(median),
        ms(p95)
    );

    // One frame of the list with every row scanned.
    let mut assistant = Assistant::new(procedure.clone(), Lang::En);
    assistant.apply(Action::ShowCaseFiles);
    assistant.apply(Action::CaseFilesScanned(first.clone()));
    // The scan asked for is the one above: the app must not start another.
    assistant.requests.clear();
    let mut app = AssistantApp::new(assistant, Dialogs::scripted([]));
    let (median, p95) = time_frames(|ui| app.ui(ui), None);
    assert_eq!(app.assistant.case_files.entries.len(), DRAFTS + FILES);
    println!(
        "layout of one frame of the list, 1,000 rows (200 drawn), median of {}: {} (p95 {})",
        short::runs(RUNS),
        ms(median),
        ms(p95)
    );
    let mut assistant = Assistant::new(procedure, Lang::En);
    assistant.apply(Action::ShowCaseFiles);
    assistant.apply(Action::CaseFilesScanned(first));
    assistant.requests.clear();
    let mut app = AssistantApp::new(assistant, Dialogs::scripted([]));
    let (median, p95) = time_frames(|ui| app.ui(ui), Some("Customer 0421"));
    println!(
        "layout of one frame of the list filtered to one customer, median of {}: {} (p95 {})",
        short::runs(RUNS),
        ms(median),
        ms(p95)
    );
    let _ = std::fs::remove_dir_all(&root);
}

/// A case as a partner leaves it: named, IDs typed, some answers, a log.
fn sample(procedure: &Procedure, i: usize, now: jiff::Timestamp) -> Case {
    let at = now - jiff::SignedDuration::from_mins(i as i64);
    let mut case = Case::new(procedure, Lang::En, at);
    case.set_field("smart_account_name", &format!("Customer {i:04}"), at);
    case.set_field("smart_account_domain", &format!("customer{i}.example"), at);
    case.set_field("meraki_org_id", &format!("{}", 2_930_000 + i), at);
    case.set_field("subscription_id", &format!("Sub{:06}", 100_000 + i), at);
    case.set_field("notes", &"Waiting for Meraki Support. ".repeat(8), at);
    let answers = [
        ("has_smart_account_access", "yes"),
        ("sa_assigned", "yes"),
        ("sa_status", "active"),
        ("subscription_visible", "no"),
        ("claimed_bound", "not_yet"),
    ];
    for (q, o) in answers.iter().take(i % 6) {
        case.set_answer(q, Some(o), at);
    }
    case
}

fn stats(mut runs: Vec<Duration>) -> (Duration, Duration) {
    runs.sort();
    let at = |q: f64| runs[((runs.len() - 1) as f64 * q).round() as usize];
    (at(0.5), at(0.95))
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

/// Times `Context::run_ui` of one frame of 1100×760, after a warm-up; with `filter`,
/// typed in the list's filter first.
fn time_frames(mut ui_fn: impl FnMut(&mut egui::Ui), filter: Option<&str>) -> (Duration, Duration) {
    let ctx = egui::Context::default();
    let mut time = 0.0;
    let mut frame = |ctx: &egui::Context, time: f64, events: Vec<egui::Event>| {
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1100.0, 760.0),
            )),
            time: Some(time),
            events,
            ..Default::default()
        };
        let start = Instant::now();
        let output = ctx.run_ui(input, &mut ui_fn);
        let elapsed = start.elapsed();
        // Tessellation and painting are the integration's, not the layout's.
        output.drop_without_applying_deltas();
        elapsed
    };
    for _ in 0..short::runs(5) {
        time += 1.0 / 60.0;
        frame(&ctx, time, Vec::new());
    }
    if let Some(text) = filter {
        // The filter has the focus on arrival: typing goes there.
        time += 1.0 / 60.0;
        frame(&ctx, time, vec![egui::Event::Text(text.to_owned())]);
    }
    let runs = (0..short::runs(RUNS))
        .map(|_| {
            time += 1.0 / 60.0;
            frame(&ctx, time, Vec::new())
        })
        .collect();
    stats(runs)
}
