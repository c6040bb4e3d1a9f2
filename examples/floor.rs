//! The floor: the cheapest eframe window there can be, one label in a window of the
//! assistant's size, built with the same eframe features and the same release profile
//! (it is an example of the same package). `scripts/bench.sh` measures the assistant
//! side by side with it, so every figure reads as "what the assistant adds".
//!
//! ```sh
//! cargo run --release --example floor
//! ```
//!
//! Like the assistant, it exits right after its first frame was presented when
//! `CSSM_EXIT_AFTER_FIRST_FRAME=1` is set, so start-up can be timed from outside.

/// The window title, which the benchmark looks the window up by.
const TITLE: &str = "eframe floor";

fn main() -> eframe::Result {
    // Read once; costs nothing when unset.
    let exit_after_first_frame =
        std::env::var_os("CSSM_EXIT_AFTER_FIRST_FRAME").is_some_and(|v| v == "1");
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(TITLE)
            .with_inner_size([1100.0, 760.0]),
        ..Default::default()
    };
    eframe::run_native(
        TITLE,
        options,
        Box::new(move |_cc| {
            Ok(Box::new(Floor {
                exit_after_first_frame,
            }))
        }),
    )
}

struct Floor {
    exit_after_first_frame: bool,
}

impl eframe::App for Floor {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        if self.exit_after_first_frame {
            // The assistant's rule: frame 0 was presented once frame 1 starts; exit then,
            // before frame 1 is laid out or painted. Frame 0 asks for frame 1.
            if ui.ctx().cumulative_frame_nr() >= 1 {
                std::process::exit(0);
            }
            ui.ctx().request_repaint();
        }
        egui::CentralPanel::default().show(ui, |ui| {
            ui.label("The floor: one label.");
        });
    }
}
