//! Cases in and out: opening a case file, putting another case on screen, and
//! exporting the summary with the case file beside it (asking first when values would
//! be left out or files replaced).

use std::path::{Path, PathBuf};

use jiff::Timestamp;

use super::banner::{Banner, BannerKind};
use super::{Action, Assistant, Request};
use crate::case::{Case, CaseError, LoadNotice, Strictness};
use crate::i18n::Lang;
use crate::procedure::Procedure;

/// An unfinished case of an earlier session, offered at start-up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResumeOffer {
    /// The draft's file.
    pub path: PathBuf,
    /// Its case.
    pub case: Case,
    /// What reading it changed (a draft of an older procedure version: the answers
    /// and fields left out), shown in the offer; the draft's file stays as it was
    /// until the resumed case is saved anew.
    pub notices: Vec<LoadNotice>,
    /// How many more drafts of earlier sessions wait (listed in the case files).
    pub others: usize,
}

/// An export under way: its files, and the questions already answered yes.
#[derive(Debug, Clone)]
pub(super) struct PendingExport {
    /// The name chosen in the save dialog (which asked about replacing it already).
    chosen: PathBuf,
    md: PathBuf,
    ron: PathBuf,
    /// Fields whose values are not valid (and left out) may be.
    invalid_ok: bool,
    /// Existing files the dialog did not ask about may be replaced.
    replace_ok: bool,
}

impl Assistant {
    /// Puts another case on screen where it stands; Undo brings the previous one back.
    pub(super) fn replace_case(&mut self, case: Case) {
        self.stop_dashboard_check();
        self.push_undo(true);
        self.requests.push(Request::CaseReplaced);
        self.case = case;
        self.case.language = Some(self.lang);
        self.changed();
        let v = self.frontier_view();
        self.go(v);
        self.focus_first_input = true;
    }

    /// The default file name of an export, without extension.
    pub fn file_stem(&self, now: Timestamp) -> String {
        crate::summary::default_file_stem_in(&self.case, now, &self.time_zone)
    }

    /// Opens a case file (from the open dialog, the command line or a test). On
    /// failure the current case stays open and the banner says why.
    pub fn open_path(&mut self, path: &Path) -> Result<(), CaseError> {
        match Case::from_path(path, &self.procedure, Strictness::Strict) {
            Ok(loaded) => {
                self.replace_case(loaded.case);
                self.requests.push(Request::RememberFile {
                    path: path.to_path_buf(),
                    exported: false,
                });
                let name = display_name(path);
                let notices: Vec<LoadNotice> = loaded.notices;
                self.banner = Some(Banner::new(
                    if notices.is_empty() {
                        BannerKind::Success
                    } else {
                        BannerKind::Info
                    },
                    move |i| {
                        let mut text = i.trv("banner.opened", &[("file", &name)]);
                        for n in &notices {
                            text.push('\n');
                            text.push_str(&n.message(i));
                        }
                        text
                    },
                ));
                Ok(())
            }
            Err(e) => {
                let name = display_name(path);
                let err = e.clone();
                self.banner = Some(Banner::new(BannerKind::Error, move |i| {
                    i.trv(
                        "banner.open_failed",
                        &[("file", &name), ("reason", &err.message(i))],
                    )
                }));
                Err(e)
            }
        }
    }

    /// The save dialog chose `path`: exports there at once, or asks first in the
    /// banner when values typed are not valid (they would be left out of the files) or
    /// when the export would replace a file the dialog did not ask about (the case
    /// file beside the summary, or the summary when the name had no `.md`).
    pub fn export_chosen(&mut self, path: &Path) {
        let (md, ron) = export_paths(path);
        self.pending_export = Some(PendingExport {
            chosen: path.to_path_buf(),
            md,
            ron,
            invalid_ok: false,
            replace_ok: false,
        });
        self.continue_export();
    }

    /// The label keys of the fields whose typed values are not valid.
    fn invalid_field_labels(&self) -> Vec<String> {
        self.case
            .validated_fields(&self.procedure)
            .into_iter()
            .filter(|(_, v)| v.is_err())
            .filter_map(|(id, _)| self.procedure.field(&id))
            .map(|f| f.label.clone())
            .collect()
    }

    /// The user answered yes to the pending export's question: on to the next one.
    pub(super) fn confirm_export(&mut self) {
        if let Some(pending) = &mut self.pending_export {
            if pending.invalid_ok {
                pending.replace_ok = true;
            } else {
                pending.invalid_ok = true;
            }
            self.continue_export();
        }
    }

    /// Asks the next question of the pending export, or writes it.
    fn continue_export(&mut self) {
        let Some(pending) = self.pending_export.as_mut() else {
            return;
        };
        if !pending.invalid_ok {
            let labels = self.invalid_field_labels();
            if labels.is_empty() {
                if let Some(p) = self.pending_export.as_mut() {
                    p.invalid_ok = true;
                }
            } else {
                let mut banner = Banner::new(BannerKind::Info, move |i| {
                    let fields: Vec<&str> = labels.iter().map(|k| i.tr(k)).collect();
                    i.trv(
                        "lost.export_invalid_question",
                        &[("fields", &fields.join(", "))],
                    )
                });
                banner.confirm = Some(("lost.export_anyway", Action::ConfirmExport));
                self.banner = Some(banner);
                return;
            }
        }
        let Some(pending) = self.pending_export.as_mut() else {
            return;
        };
        if !pending.replace_ok {
            let existing: Vec<String> = [&pending.md, &pending.ron]
                .into_iter()
                .filter(|p| **p != pending.chosen && std::fs::symlink_metadata(p).is_ok())
                .map(|p| display_name(p))
                .collect();
            if existing.is_empty() {
                pending.replace_ok = true;
            } else {
                let files = existing.join(", ");
                let mut banner = Banner::new(BannerKind::Info, move |i| {
                    i.trv("lost.export_replace_question", &[("files", &files)])
                });
                banner.confirm = Some(("lost.export_replace", Action::ConfirmExport));
                self.banner = Some(banner);
                return;
            }
        }
        if let Some(pending) = self.pending_export.take() {
            let _ = self.write_export(&pending.md, &pending.ron);
        }
    }

    /// Writes the summary and the case file for the name `path` (see [`export_paths`])
    /// atomically, replacing existing files without asking. On failure nothing is
    /// replaced, the case stays as it is and the banner says why. Returns the two
    /// paths written.
    pub fn export_to(
        &mut self,
        path: &Path,
    ) -> Result<(PathBuf, PathBuf), crate::platform::storage::WriteError> {
        let (md_path, ron_path) = export_paths(path);
        self.write_export(&md_path, &ron_path)
    }

    fn write_export(
        &mut self,
        md_path: &Path,
        ron_path: &Path,
    ) -> Result<(PathBuf, PathBuf), crate::platform::storage::WriteError> {
        let (md_path, ron_path) = (md_path.to_path_buf(), ron_path.to_path_buf());
        let now = Timestamp::now();
        let summary = summary_bytes(&self.procedure, &self.case, self.lang, now, &md_path);
        let case_text = self.case.for_export(&self.procedure).to_ron();
        let result = crate::platform::storage::write_atomic_all(&[
            (&md_path, &summary),
            (&ron_path, case_text.as_bytes()),
        ]);
        match result {
            Ok(()) => {
                let (md, ron) = (
                    md_path.display().to_string(),
                    ron_path.display().to_string(),
                );
                // Values left out because they are not valid stay in the draft.
                let complete = self
                    .case
                    .validated_fields(&self.procedure)
                    .values()
                    .all(Result::is_ok);
                self.banner = Some(Banner::new(BannerKind::Success, move |i| {
                    let mut text = i.trv("banner.exported", &[("summary", &md), ("case", &ron)]);
                    if !complete {
                        text.push(' ');
                        text.push_str(i.tr("lost.export_kept_draft"));
                    }
                    text
                }));
                if complete {
                    self.requests.push(Request::Exported(self.revision));
                }
                self.requests.push(Request::RememberFile {
                    path: ron_path.clone(),
                    exported: true,
                });
                Ok((md_path, ron_path))
            }
            Err(e) => {
                let err = e.clone();
                self.banner = Some(Banner::new(BannerKind::Error, move |i| err.message(i)));
                Err(e)
            }
        }
    }
}

/// The summary written to `path`: the tagged PDF when its name ends in `.pdf` (feature
/// `pdf`), else the Markdown.
fn summary_bytes(
    procedure: &Procedure,
    case: &Case,
    lang: Lang,
    now: Timestamp,
    path: &Path,
) -> Vec<u8> {
    #[cfg(feature = "pdf")]
    if is_pdf(path) {
        // The PDF of a valid model cannot fail but for a bug; the Markdown then.
        if let Ok(pdf) = crate::summary::pdf::render(procedure, case, lang, now) {
            return pdf;
        }
    }
    let _ = path;
    crate::summary::render(procedure, case, lang, now).into_bytes()
}

/// Whether `path`'s name ends in `.pdf` (any case).
fn is_pdf(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
}

/// The two files an export writes for the name chosen in the save dialog: the summary
/// (`.md`, or `.pdf` when the name ends in `.pdf`) and the case file (`.ron`). A name
/// ending in `.md`, `.ron` or `.pdf` gives its stem
/// both extensions; any other name keeps its dots and gets both appended, so
/// `cssm-case-acme.example-20261201` and `report.txt` lose nothing of their names.
pub fn export_paths(chosen: &Path) -> (PathBuf, PathBuf) {
    let name = chosen.file_name().unwrap_or_default().to_string_lossy();
    let lower = name.to_lowercase();
    let stem_len = [".md", ".ron", ".pdf"]
        .iter()
        .find(|ext| lower.ends_with(*ext) && lower.len() > ext.len())
        .map_or(name.len(), |ext| name.len() - ext.len());
    // Non-UTF-8 names keep their bytes: only a readable suffix is cut.
    let stem: std::ffi::OsString = if chosen.file_name().and_then(|n| n.to_str()).is_some() {
        name[..stem_len].into()
    } else {
        chosen.file_name().unwrap_or_default().to_owned()
    };
    let with = |ext: &str| {
        let mut file = stem.clone();
        file.push(ext);
        chosen.with_file_name(file)
    };
    let summary = if cfg!(feature = "pdf") && is_pdf(chosen) {
        ".pdf"
    } else {
        ".md"
    };
    (with(summary), with(".ron"))
}

fn display_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}
