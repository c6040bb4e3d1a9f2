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
