//! Headless costs of the real assistant, in release: the layout of one frame of each
//! screen (the first step, the step of each question, the outcome page of a long case),
//! rendering a summary, and rendering it and writing it to disk.
//!
//! ```sh
//! cargo bench --bench frames
//! ```
//!
//! Each figure is the median of many runs after a warm-up (plain `std::time::Instant`,
//! no harness). The last line, `bench-frames {json}`, is what `scripts/bench.sh` reads.
#![allow(clippy::print_stdout)]

#[path = "support/short.rs"]
mod short;

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use cssm_assistant::app::{AssistantApp, Dialogs};
use cssm_assistant::assistant::{Action, Assistant, View};
use cssm_assistant::case::Case;
use cssm_assistant::i18n::Lang;
use cssm_assistant::procedure::Procedure;
use cssm_assistant::procedure::rules::{Answers, evaluate};
use jiff::Timestamp;

/// The window's inner size at start-up (as in `app::run`).
const SIZE: egui::Vec2 = egui::vec2(1100.0, 760.0);
/// Frames drawn before timing: fonts, the glyph atlas and text layouts get cached.
const WARM_UP: usize = 30;
/// Frames timed per screen.
const FRAMES: usize = 400;
/// Summaries rendered (timed).
const RENDERS: usize = 2_000;
/// Summaries rendered and written to disk (timed; each write is synced).
const WRITES: usize = 100;

fn main() {
    let procedure = match Procedure::builtin() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("frames: the built-in procedure does not load: {e}");
            std::process::exit(1);
        }
    };
    let lang = Lang::En;
    let mut results: Vec<(String, Stats)> = Vec::new();

    // The floor's one frame: one label in a central panel, as in examples/floor.rs.
    let floor = time_frames(|ui| {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.label("The floor: one label.");
        });
    });
    results.push(("layout_floor".into(), floor));

    let first = Assistant::new(procedure.clone(), lang);
    results.push(("layout_first_step".into(), time_app(first)));

    for (_, question) in procedure.questions() {
        let Some(answers) = answers_reaching(&procedure, &question.id) else {
            eprintln!("frames: no path reaches question {}", question.id);
            std::process::exit(1);
        };
        let mut assistant = Assistant::new(procedure.clone(), lang);
        fill_required(&mut assistant, &procedure);
        for (q, o) in answers {
            assistant.apply(Action::Answer {
                question: q,
                option: o,
            });
        }
        let view = assistant.frontier_view();
        assistant.apply(Action::Open(view));
        if assistant
            .evaluation()
            .next
            .as_ref()
            .map(|n| n.question.as_str())
            != Some(question.id.as_str())
        {
            eprintln!("frames: could not reach question {}", question.id);
            std::process::exit(1);
        }
        results.push((
            format!("layout_question_{}", question.id),
            time_app(assistant),
        ));
    }

    let case = long_case(&procedure, lang);
    let outcome = Assistant::with_case(procedure.clone(), case.clone(), lang);
    if outcome.view() != View::Outcome {
        eprintln!("frames: the long case does not reach an outcome");
        std::process::exit(1);
    }
    results.push(("layout_outcome_long".into(), time_app(outcome)));

    let now = Timestamp::now();
    let summary_len = cssm_assistant::summary::render(&procedure, &case, lang, now).len();
    let render = time_runs(short::runs(RENDERS), || {
        black_box(cssm_assistant::summary::render(
            &procedure,
            black_box(&case),
            lang,
            now,
        ));
    });
    results.push(("summary_render".into(), render));

    // On the disk of the build folder, not a RAM-backed /tmp: the sync must reach a disk.
    let dir = match tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("frames: no temporary folder: {e}");
            std::process::exit(1);
        }
    };
    let path = dir.path().join("summary.md");
    let write = time_runs(short::runs(WRITES), || {
        write_summary(&procedure, &case, lang, &path)
    });
    results.push(("summary_render_write".into(), write));

    println!(
        "long case: {} events, notes of {} characters, summary of {} bytes",
        case.events.len(),
        case.field("notes").chars().count(),
        summary_len
    );
    println!("{:<44} {:>12} {:>12} {:>12}", "", "median", "p95", "max");
    for (name, s) in &results {
        println!(
            "{name:<44} {:>12} {:>12} {:>12}",
            fmt(s.median),
            fmt(s.p95),
            fmt(s.max)
        );
    }
    let fields: Vec<String> = results
        .iter()
        .map(|(name, s)| {
            format!(
                "\"{name}\":{{\"median_us\":{:.3},\"p95_us\":{:.3},\"max_us\":{:.3}}}",
                micros(s.median),
                micros(s.p95),
                micros(s.max)
            )
        })
        .collect();
    println!("bench-frames {{{}}}", fields.join(","));
}

fn write_summary(procedure: &Procedure, case: &Case, lang: Lang, path: &Path) {
    let text = cssm_assistant::summary::render(procedure, case, lang, Timestamp::now());
    if let Err(e) = cssm_assistant::platform::storage::write_atomic(path, text.as_bytes()) {
        eprintln!("frames: {e}");
        std::process::exit(1);
    }
}

/// Median, 95th percentile and worst of a set of runs.
struct Stats {
    median: Duration,
    p95: Duration,
    max: Duration,
}

impl Stats {
    fn of(mut runs: Vec<Duration>) -> Stats {
        runs.sort();
        let at = |q: f64| runs[((runs.len() - 1) as f64 * q).round() as usize];
        Stats {
            median: at(0.5),
            p95: at(0.95),
            max: at(1.0),
        }
    }
}

fn micros(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}

fn fmt(d: Duration) -> String {
    let us = micros(d);
    if us >= 1000.0 {
        format!("{:.2} ms", us / 1000.0)
    } else {
        format!("{us:.1} µs")
    }
}

fn time_runs(n: usize, mut run: impl FnMut()) -> Stats {
    for _ in 0..n.min(20) {
        run();
    }
    let runs = (0..n)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed()
        })
        .collect();
    Stats::of(runs)
}

/// Times the real app's frames on its current screen.
fn time_app(assistant: Assistant) -> Stats {
    let mut app = AssistantApp::new(assistant, Dialogs::scripted([]));
    time_frames(move |ui| app.ui(ui))
}

/// Times `Context::run_ui` of one frame, after a warm-up, with no input but time.
fn time_frames(mut ui_fn: impl FnMut(&mut egui::Ui)) -> Stats {
    let ctx = egui::Context::default();
    let mut time = 0.0;
    let mut frame = |ctx: &egui::Context, time: f64| {
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, SIZE)),
            time: Some(time),
            ..Default::default()
        };
        let start = Instant::now();
        let output = ctx.run_ui(input, &mut ui_fn);
        let elapsed = start.elapsed();
        // Tessellation and painting are the integration's, not the layout's.
        output.drop_without_applying_deltas();
        elapsed
    };
    for _ in 0..short::runs(WARM_UP) {
        time += 1.0 / 60.0;
        frame(&ctx, time);
    }
    let runs = (0..short::runs(FRAMES))
        .map(|_| {
            time += 1.0 / 60.0;
            frame(&ctx, time)
        })
        .collect();
    Stats::of(runs)
}

/// Answers, in order, after which `target` is the next question to ask.
fn answers_reaching(procedure: &Procedure, target: &str) -> Option<Vec<(String, String)>> {
    fn search(procedure: &Procedure, answers: &mut Answers, target: &str) -> bool {
        let eval = evaluate(procedure, answers, false);
        let Some(next) = eval.next else {
            return false;
        };
        if next.question == target {
            return true;
        }
        let Some(question) = procedure.question(&next.question) else {
            return false;
        };
        for option in &question.options {
            answers.insert(next.question.clone(), option.id.clone());
            if search(procedure, answers, target) {
                return true;
            }
            answers.remove(&next.question);
        }
        false
    }
    let mut answers = Answers::new();
    if !search(procedure, &mut answers, target) {
        return None;
    }
    let path = evaluate(procedure, &answers, false).path;
    Some(path.into_iter().map(|e| (e.question, e.option)).collect())
}

fn fill_required(assistant: &mut Assistant, procedure: &Procedure) {
    for (_, field) in procedure.fields() {
        if field.required {
            assistant.apply(Action::SetField {
                id: field.id.clone(),
                value: sample_value(&field.id),
            });
        }
    }
}

fn sample_value(field: &str) -> String {
    match field {
        "smart_account_domain" => "acme.example".into(),
        "meraki_org_id" => "123456789012".into(),
        "subscription_id" => "Sub123456".into(),
        "previous_case_number" => "698123456".into(),
        "order_number" => "12345678".into(),
        "contact_email" => "admin@acme.example".into(),
        _ => "Acme Corporation".into(),
    }
}

/// The outcome page's worst case: every field filled, notes at their longest (4000
/// characters, many lines), thousands of logged changes, and the deepest outcome (the
/// one with the request to forward).
fn long_case(procedure: &Procedure, lang: Lang) -> Case {
    let mut now = Timestamp::now();
    let mut case = Case::new(procedure, lang, now);
    let mut tick = || {
        now = now
            .checked_add(jiff::SignedDuration::from_secs(7))
            .unwrap_or(now);
        now
    };
    // A long log: fields edited in turn (consecutive edits of one field merge into one
    // event, so alternate between them), and answers changed back and forth.
    let fields: Vec<&str> = procedure
        .fields()
        .map(|(_, f)| f.id.as_str())
        .filter(|id| *id != "notes")
        .collect();
    for round in 0..400 {
        for id in &fields {
            let value = format!("{} {round}", sample_value(id));
            case.set_field(id, &value, tick());
        }
        let option = if round % 2 == 0 { "no" } else { "yes" };
        case.set_answer("has_smart_account_access", Some(option), tick());
    }
    for (_, field) in procedure.fields() {
        case.set_field(&field.id, &sample_value(&field.id), tick());
    }
    let line = "Checked the Smart Account, the Meraki organisation and the order again; \
                the subscription is still missing from CSSM after 48 hours. ";
    let mut notes = String::new();
    while notes.chars().count() + line.chars().count() < 4000 {
        notes.push_str(line);
        notes.push('\n');
    }
    case.set_field("notes", &notes, tick());

    let deepest = procedure
        .questions()
        .map(|(_, q)| q)
        .last()
        .and_then(|q| Some((answers_reaching(procedure, &q.id)?, q)));
    if let Some((answers, last)) = deepest {
        for (q, o) in answers {
            case.set_answer(&q, Some(&o), tick());
        }
        if let Some(first) = last.options.first() {
            case.set_answer(&last.id, Some(&first.id), tick());
        }
    }
    case
}
