//! The core, without a window: the procedure and its rules, case files, evidence and the
//! summary. Builds and runs with `cargo test --no-default-features --test core` (the
//! Dashboard client tests need the `dashboard` feature).

mod support;

#[path = "core/banner_undo.rs"]
mod banner_undo;
#[path = "core/case_file.rs"]
mod case_file;
#[path = "core/case_file_v2.rs"]
mod case_file_v2;
#[cfg(feature = "dashboard")]
#[path = "core/dashboard.rs"]
mod dashboard;
#[path = "core/dashboard_case_guard.rs"]
mod dashboard_case_guard;
#[cfg(feature = "dashboard")]
#[path = "core/dashboard_doubt.rs"]
mod dashboard_doubt;
#[path = "core/evidence_guard.rs"]
mod evidence_guard;
#[path = "core/fuzz_regressions.rs"]
mod fuzz_regressions;
#[path = "core/locales.rs"]
mod locales;
#[path = "core/procedure_lint.rs"]
mod procedure_lint;
#[path = "core/request_golden.rs"]
mod request_golden;
#[path = "core/round_trip.rs"]
mod round_trip;
#[path = "core/rules_paths.rs"]
mod rules_paths;
#[path = "core/source_unbacked.rs"]
mod source_unbacked;
#[path = "core/storage.rs"]
mod storage;
#[path = "core/summary.rs"]
mod summary;
#[path = "core/summary_dashboard.rs"]
mod summary_dashboard;
#[path = "core/summary_golden.rs"]
mod summary_golden;
#[path = "core/summary_layout.rs"]
mod summary_layout;
#[cfg(feature = "pdf")]
#[path = "core/summary_pdf.rs"]
mod summary_pdf;
#[path = "core/validation.rs"]
mod validation;
#[path = "core/version1.rs"]
mod version1;
