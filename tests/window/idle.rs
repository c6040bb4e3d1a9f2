//! An idle window asks for no frame: the text cursor blinks a few seconds after the last
//! input, then holds still (a blinking cursor would redraw the window twice a second).

use cssm_assistant::app::{AssistantApp, CURSOR_BLINK_SECS, Dialogs};
use cssm_assistant::assistant::Assistant;
use cssm_assistant::i18n::Lang;
use cssm_assistant::procedure::Procedure;
use std::time::Duration;

/// Draws one frame at `time` (the window focused) and returns the repaint it asks for.
fn frame(
    ctx: &egui::Context,
    app: &mut AssistantApp,
    time: f64,
    events: Vec<egui::Event>,
) -> Duration {
    let input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1100.0, 760.0),
        )),
        time: Some(time),
        focused: true,
        events,
        ..Default::default()
    };
    let output = ctx.run_ui(input, |ui| app.ui(ui));
    let delay = output
        .viewport_output
        .get(&egui::ViewportId::ROOT)
        .map_or(Duration::MAX, |v| v.repaint_delay);
    output.drop_without_applying_deltas();
    delay
}

#[test]
fn the_cursor_stops_blinking_and_an_idle_window_asks_for_no_frame() {
    let procedure = Procedure::builtin().expect("procedure");
    // The first step focuses its first text box, where the cursor blinks.
    let mut app = AssistantApp::new(Assistant::new(procedure, Lang::En), Dialogs::scripted([]));
    let ctx = egui::Context::default();
    let mut t = 0.0;
    while t < 1.0 {
        frame(&ctx, &mut app, t, Vec::new());
        t += 0.1;
    }
    let blinking = frame(&ctx, &mut app, t, Vec::new());
    assert!(
        blinking <= Duration::from_secs(1),
        "the cursor blinks at first: {blinking:?}"
    );

    // Past the time-out the window settles and then asks for nothing.
    let mut t = CURSOR_BLINK_SECS + 0.5;
    for _ in 0..3 {
        frame(&ctx, &mut app, t, Vec::new());
        t += 0.1;
    }
    let idle = frame(&ctx, &mut app, t, Vec::new());
    assert_eq!(idle, Duration::MAX, "an idle window asks for no frame");

    // Any input makes it blink again.
    let moved = vec![egui::Event::PointerMoved(egui::pos2(900.0, 700.0))];
    frame(&ctx, &mut app, t + 0.1, moved);
    let again = frame(&ctx, &mut app, t + 0.2, Vec::new());
    assert!(
        again <= Duration::from_secs(1),
        "input makes the cursor blink again: {again:?}"
    );
}

#[test]
fn a_failed_autosave_is_tried_again_without_any_input() {
    use cssm_assistant::app::Autosave;
    use cssm_assistant::assistant::Action;
    // L7: after a failure the next try waited for a frame, and an idle window draws
    // none: the draft stayed stale however long the disk had been writable again.
    let tmp = tempfile::tempdir().expect("tmp");
    let blocker = tmp.path().join("blocker");
    std::fs::write(&blocker, b"x").expect("write");
    let dir = blocker.join("drafts");
    let procedure = Procedure::builtin().expect("procedure");
    let mut assistant = Assistant::new(procedure, Lang::En);
    assistant.apply(Action::SetField {
        id: "smart_account_name".to_owned(),
        value: "Disk full case".to_owned(),
    });
    let mut app = cssm_assistant::app::AssistantApp::with_autosave(
        assistant,
        Dialogs::scripted([]),
        Autosave::new(Some(dir.clone())),
    );
    let ctx = egui::Context::default();
    let mut t = 0.0;
    // The save fails; the window settles, past the cursor's time-out.
    let mut delay = Duration::ZERO;
    while t < CURSOR_BLINK_SECS + 1.0 {
        delay = frame(&ctx, &mut app, t, Vec::new());
        t += 0.5;
    }
    assert!(app.assistant.banner.is_some(), "the failure is said");
    assert!(
        delay <= Duration::from_secs(61),
        "an idle window with a failed save asks for a frame to try again: {delay:?}"
    );
    // The disk is writable again; once the wait is over, the frame the window asked
    // for writes the draft, with no input at all.
    std::fs::remove_file(&blocker).expect("unblock");
    let started = std::time::Instant::now();
    let mut written = false;
    while started.elapsed() < Duration::from_secs(70) {
        std::thread::sleep(delay.min(Duration::from_secs(70)));
        delay = frame(&ctx, &mut app, t, Vec::new());
        t += 0.1;
        if app.draft_file().is_some_and(|f| f.exists()) {
            written = true;
            break;
        }
        assert!(delay < Duration::MAX, "it stopped asking before writing");
    }
    assert!(written, "the draft was written without input");
}
