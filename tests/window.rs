//! The window, driven through egui_kittest and its accessibility tree, headless.

mod support;

#[path = "window/about.rs"]
mod about;
#[path = "window/accessibility.rs"]
mod accessibility;
#[path = "window/autosave.rs"]
mod autosave;
#[path = "window/case_files.rs"]
mod case_files;
#[path = "window/contrast.rs"]
mod contrast;
#[cfg(feature = "pdf")]
#[path = "window/export_pdf.rs"]
mod export_pdf;
#[path = "window/idle.rs"]
mod idle;
#[path = "window/outcome_request.rs"]
mod outcome_request;
#[path = "window/settings.rs"]
mod settings;
#[path = "window/ui_dashboard.rs"]
mod ui_dashboard;
#[path = "window/ui_files.rs"]
mod ui_files;
#[path = "window/ui_meraki_step.rs"]
mod ui_meraki_step;
#[path = "window/ui_paths.rs"]
mod ui_paths;
#[path = "window/ui_pick.rs"]
mod ui_pick;
#[path = "window/ui_platform.rs"]
mod ui_platform;
