//! The assistant's state and the one place where actions change it.
//!
//! The UI never mutates the case directly: it returns [`Action`]s, and
//! [`Assistant::apply`] applies them, which keeps every change testable without a
//! window and logs it in the case. The window and the command line drive the same
//! machine: a Dashboard check, its proposals and their acceptance go through it on
//! both routes.
//!
//! Split along its seams: answering and browsing ([`answers`]), the Dashboard check's
//! sub-state and the evidence guard ([`dashboard`]), opening and exporting ([`files`]),
//! undo ([`undo`]) and the banner ([`banner`]); where the user stands in the stepper is
//! [`progress`]; picking the IDs from what the Dashboard key can read is [`picker`].

pub mod answers;
pub mod banner;
pub mod case_files;
pub mod dashboard;
pub mod files;
pub mod picker;
pub mod progress;
pub mod undo;

use std::path::PathBuf;

use jiff::Timestamp;

use banner::undo_banner;
pub use banner::{Banner, BannerKind, Localized};
pub use case_files::{CaseFileEntry, CaseFiles, EntryKind, EntryState, Holder};
pub use files::{ResumeOffer, export_paths};

use crate::case::Case;
use crate::evidence::{ApiKey, CheckProgress, DashboardError, Evidence, Region, Target};
use crate::i18n::{I18n, Lang};
use crate::procedure::Procedure;
use crate::procedure::rules::Evaluation;
use answers::Browse;
use dashboard::Session;
use files::PendingExport;
use progress::{Progress, StepStatus};
use undo::Snapshot;

/// What the main area shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// A step of the procedure, by index.
    Step(usize),
    /// The outcome page.
    Outcome,
}

/// A change the user asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// A text field was edited.
    SetField {
        /// The field id.
        id: String,
        /// The text as typed.
        value: String,
    },
    /// A question was answered.
    Answer {
        /// The question id.
        question: String,
        /// The option id.
        option: String,
    },
    /// Go on to the next step, or to the outcome.
    Next,
    /// Go back to the previous step.
    Back,
    /// Open a done step or the outcome page.
    Open(View),
    /// Open the step that holds this question or field, to change it.
    Edit(String),
    /// "I can't resolve this": go to the escape outcome, keeping the answers.
    Escalate,
    /// Leave the escape outcome and carry on with the procedure.
    Resume,
    /// Undo the last change of answers (or a new case).
    Undo,
    /// Switch the language.
    SetLang(Lang),
    /// Start a new, empty case (the current one can be brought back with Undo).
    NewCase,
    /// Ask for the native open dialog.
    OpenCaseDialog,
    /// Ask for the native save dialog to export the summary and the case file.
    ExportDialog,
    /// Copy the summary to the clipboard.
    CopySummary,
    /// Copy this text to the clipboard.
    CopyText(String),
    /// Hide the message banner.
    DismissBanner,
    /// Replace the existing files the export would overwrite (after the question).
    ConfirmExport,
    /// Resume the unfinished case found at start-up.
    ResumeDraft,
    /// Start afresh instead of resuming the unfinished case found at start-up: the
    /// draft is kept (listed in the case files, offered again at a later start), and
    /// the banner's Undo brings the offer back. Nothing is deleted.
    DiscardDraft,
    /// Show the list of case files (and scan it anew).
    ShowCaseFiles,
    /// The window starts on the list: this many unfinished drafts of earlier
    /// sessions wait (said above the list).
    StartOnCaseFiles(usize),
    /// Leave the list, back to the case on screen.
    HideCaseFiles,
    /// The scan of the case files is done (from the scanning thread), sorted.
    CaseFilesScanned(Vec<CaseFileEntry>),
    /// Open the case file of this row (the case on screen is kept, as New and Open
    /// keep it).
    OpenCaseFile(PathBuf),
    /// The shell claimed and read the draft asked for by [`Request::OpenDraft`].
    DraftOpened(Box<ResumeOffer>),
    /// The draft at this path could not be opened: another window holds it
    /// (`None`), or it does not read.
    DraftNotOpened(PathBuf, Option<Box<crate::case::CaseError>>),
    /// Start a new case with the answers and fields of this row's case.
    DuplicateCaseFile(PathBuf),
    /// Show this row's file in the system's file manager.
    RevealCaseFile(PathBuf),
    /// Remove this row from the list (a draft is kept aside for some days; Undo in
    /// the banner puts it back).
    RemoveCaseFile(PathBuf),
    /// Show a message from the window shell (autosave, drafts) in the banner.
    ShowBanner {
        /// How it looks.
        kind: BannerKind,
        /// The message, in every language.
        text: Localized,
    },
    /// The window moved the focus to the view's first input, as asked.
    FocusMoved,
    /// Offer an unfinished case of an earlier session for resuming.
    OfferDraft(Box<ResumeOffer>),
    /// Choose the Dashboard region.
    SetDashboardRegion(Region),
    /// Call this base URL instead of the region's (a relay; the fake Dashboard of the
    /// tests; `check --base-url`), or the region's again with `None`.
    SetDashboardBaseUrl(Option<String>),
    /// The key typed in the masked field (`None` when emptied). Held in memory only.
    SetDashboardKey(Option<ApiKey>),
    /// The key found in `MERAKI_DASHBOARD_API_KEY` at start-up (then no field is shown).
    SetDashboardKeyFromEnv(Option<ApiKey>),
    /// Check the case's organization and subscription in the Meraki Dashboard.
    CheckDashboard,
    /// Stop the running check.
    CancelDashboardCheck,
    /// How the running check is getting on (from the check's thread).
    DashboardProgress(CheckProgress),
    /// The check's result (from the check's thread).
    DashboardChecked(Box<Result<Evidence, DashboardError>>),
    /// Accept an answer the evidence supports (source `dashboard_api`).
    AcceptProposal {
        /// The question id.
        question: String,
        /// The option id.
        option: String,
    },
    /// Show the organizations the key can read (listed once, then kept in memory).
    ListOrganizations,
    /// Show the subscriptions of the organization in `meraki_org_id`.
    ListSubscriptions,
    /// Stop the running listing.
    CancelDashboardList,
    /// How the running listing is getting on (from the listing's thread).
    DashboardListProgress(CheckProgress),
    /// The listing's result (from the listing's thread).
    DashboardListed(Box<Result<picker::Listed, DashboardError>>),
    /// Hide the list.
    CloseDashboardList,
    /// Fill `meraki_org_id` with this listed organization's ID (an edit, with undo),
    /// then list its subscriptions.
    ChooseOrganization(String),
    /// Fill `subscription_id` with this listed subscription's ID (an edit, with undo).
    ChooseSubscription(String),
}

/// Something only the window shell can do (dialogs, clipboard).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// Show the open dialog.
    OpenDialog,
    /// Show the save dialog, proposing this file name.
    ExportDialog {
        /// The proposed file name (`….md`).
        file_name: String,
    },
    /// Put this text on the clipboard.
    Copy(String),
    /// The draft at this path was resumed: this window takes it over.
    TakeOverDraft(PathBuf),
    /// The draft at this path was not resumed: it stays where it is, unclaimed, so
    /// the list and later starts show it.
    DeclineDraft(PathBuf),
    /// Undo of a decline: claim the draft at this path again, it is offered anew.
    ReclaimDraft(PathBuf),
    /// Scan the case files off the UI thread; the result comes back as
    /// [`Action::CaseFilesScanned`].
    ScanCaseFiles,
    /// Claim and read the draft at this path; it comes back as
    /// [`Action::DraftOpened`] (or the banner says why not).
    OpenDraft(PathBuf),
    /// Remember this case file in the list (opened, or exported when `exported`).
    RememberFile {
        /// The case file (`.ron`).
        path: PathBuf,
        /// Whether it was just exported (rather than opened).
        exported: bool,
    },
    /// Show this file in the system's file manager.
    Reveal(PathBuf),
    /// Take this row out of the list: a draft is moved aside (kept some days), a
    /// remembered file forgotten (the file itself is left alone).
    RemoveCaseFile(PathBuf, EntryKind),
    /// Undo of [`Request::RemoveCaseFile`].
    RestoreCaseFile(PathBuf, EntryKind),
    /// Run a Dashboard check off the UI thread; its progress and result come back as
    /// [`Action::DashboardProgress`] and [`Action::DashboardChecked`].
    CheckDashboard {
        /// The API base URL.
        base_url: String,
        /// The key.
        key: ApiKey,
        /// What to look up.
        target: Target,
    },
    /// Stop the running Dashboard check.
    CancelDashboardCheck,
    /// List what the key can read off the UI thread; the progress and result come back
    /// as [`Action::DashboardListProgress`] and [`Action::DashboardListed`].
    ListDashboard {
        /// The API base URL.
        base_url: String,
        /// The key.
        key: ApiKey,
        /// What to list.
        kind: picker::ListKind,
    },
    /// Stop the running listing.
    CancelDashboardList,
    /// The case was exported as of this revision: its draft is no longer needed.
    Exported(u64),
    /// Another case replaced the one on screen (new, opened or resumed): the window's
    /// draft of the replaced case is kept aside, to be offered later.
    CaseReplaced,
    /// Undo brought the replaced case back: so is its draft.
    CaseRestored,
}

/// The assistant: the procedure, the case being worked on and what is on screen.
#[derive(Debug)]
pub struct Assistant {
    procedure: Procedure,
    case: Case,
    lang: Lang,
    view: View,
    eval: Evaluation,
    progress: Progress,
    undo: Vec<Snapshot>,
    /// The message shown above the form, if any.
    pub banner: Option<Banner>,
    /// Set when the view changed: the UI focuses the view's first input, then clears it.
    pub focus_first_input: bool,
    /// Work for the window shell, taken by it every frame.
    pub requests: Vec<Request>,
    /// Bumped on every change of the case (for autosave).
    pub revision: u64,
    /// An unfinished case of an earlier session, until the user resumes or drops it.
    pub resume_offer: Option<ResumeOffer>,
    /// The time zone of the times shown on screen and in proposed file names: the
    /// system's (tests set their own). Summaries stay in UTC, labelled so.
    pub time_zone: jiff::tz::TimeZone,
    /// The Meraki Dashboard check: region, key (memory only), state.
    pub dashboard: Session,
    /// The list of case files.
    pub case_files: CaseFiles,
    /// The latest change, when it is one a banner's Undo takes back without being a
    /// change of the case (a declined offer, a row removed from the list).
    side_undo: Option<case_files::SideUndo>,
    /// An export waiting for the user to answer a question about it.
    pending_export: Option<PendingExport>,
    /// The question last answered, its answer before, the undo depth then and when:
    /// choosing with the arrow keys answers at once, and coming back to where one
    /// started within [`BROWSE_WINDOW`] is no change at all.
    browse: Option<Browse>,
}

impl Assistant {
    /// A new case of `procedure` in `lang`.
    pub fn new(procedure: Procedure, lang: Lang) -> Assistant {
        let case = Case::new(&procedure, lang, Timestamp::now());
        Assistant::with_case(procedure, case, lang)
    }

    /// The assistant on an existing case, showing where it stands.
    pub fn with_case(procedure: Procedure, mut case: Case, lang: Lang) -> Assistant {
        case.language = Some(lang);
        let eval = case.evaluate(&procedure);
        let progress = Progress::of(&procedure, &case, &eval);
        let mut assistant = Assistant {
            procedure,
            case,
            lang,
            view: View::Step(0),
            eval,
            progress,
            undo: Vec::new(),
            banner: None,
            focus_first_input: true,
            requests: Vec::new(),
            revision: 0,
            resume_offer: None,
            time_zone: jiff::tz::TimeZone::system(),
            dashboard: Session::default(),
            case_files: CaseFiles::default(),
            side_undo: None,
            pending_export: None,
            browse: None,
        };
        assistant.view = assistant.frontier_view();
        assistant
    }

    /// The procedure.
    pub fn procedure(&self) -> &Procedure {
        &self.procedure
    }

    /// The case.
    pub fn case(&self) -> &Case {
        &self.case
    }

    /// The current language.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Texts in the current language.
    pub fn i18n(&self) -> I18n {
        I18n::new(self.lang)
    }

    /// What is on screen.
    pub fn view(&self) -> View {
        self.view
    }

    /// The evaluation of the case's answers.
    pub fn evaluation(&self) -> &Evaluation {
        &self.eval
    }

    /// Where the user stands in the stepper.
    pub fn progress(&self) -> &Progress {
        &self.progress
    }

    /// Whether there is something to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty() || self.side_undo.is_some()
    }

    /// The step or outcome page the user should be on.
    pub fn frontier_view(&self) -> View {
        match (self.progress.frontier(), &self.progress.outcome) {
            (_, Some(_)) if self.eval.escalated => View::Outcome,
            (Some(step), _) => View::Step(step),
            (None, Some(_)) => View::Outcome,
            (None, None) => View::Step(0),
        }
    }

    /// Whether the step on screen can be left with Next.
    pub fn can_go_next(&self) -> bool {
        match self.view {
            View::Step(i) => self.progress.steps.get(i) == Some(&StepStatus::Done),
            View::Outcome => false,
        }
    }

    /// Applies actions in order.
    pub fn apply_all(&mut self, actions: impl IntoIterator<Item = Action>) {
        for action in actions {
            self.apply(action);
        }
    }

    /// Applies one action.
    pub fn apply(&mut self, action: Action) {
        let now = Timestamp::now();
        // Any change but an answer ends a run of arrow keys; what the shell reports
        // between frames does not.
        if !matches!(
            action,
            Action::Answer { .. }
                | Action::FocusMoved
                | Action::ShowBanner { .. }
                | Action::DashboardProgress(_)
        ) {
            self.browse = None;
        }
        // Moving in the case, or replacing it, leaves the list for the case.
        if matches!(
            action,
            Action::Next
                | Action::Back
                | Action::Open(_)
                | Action::Edit(_)
                | Action::Escalate
                | Action::Resume
                | Action::NewCase
        ) {
            self.case_files.shown = false;
            self.case_files.start_drafts = 0;
        }
        match action {
            Action::SetField { id, value } => {
                if self.procedure.field(&id).is_some() && self.case.set_field(&id, &value, now) {
                    self.changed();
                }
            }
            Action::Answer { question, option } => self.answer(&question, &option, now),
            Action::Next => {
                if let View::Step(i) = self.view
                    && self.can_go_next()
                {
                    let next = self
                        .progress
                        .next_after(i)
                        .filter(|j| self.progress.can_open(*j));
                    self.go(match next {
                        Some(j) => View::Step(j),
                        None if self.progress.outcome.is_some() => View::Outcome,
                        None => self.frontier_view(),
                    });
                }
            }
            Action::Back => {
                let target = match self.view {
                    View::Step(i) => self.progress.previous_before(i).map(View::Step),
                    View::Outcome => (0..self.procedure.steps.len())
                        .rev()
                        .find(|i| self.progress.can_open(*i))
                        .map(View::Step),
                };
                if let Some(v) = target {
                    self.go(v);
                }
            }
            Action::Open(view) => {
                let allowed = match view {
                    View::Step(i) => self.progress.can_open(i),
                    View::Outcome => self.progress.outcome.is_some(),
                };
                if allowed {
                    self.go(view);
                }
            }
            Action::Edit(id) => {
                if let Some(step) = self.procedure.step_of(&id) {
                    if self.eval.escalated {
                        self.snapshot();
                        self.case.set_escalated(false, now);
                        self.changed();
                    }
                    self.go(View::Step(step));
                }
            }
            Action::Escalate => {
                self.snapshot();
                if self.case.set_escalated(true, now) {
                    self.changed();
                }
                self.go(View::Outcome);
            }
            Action::Resume => {
                self.snapshot();
                if self.case.set_escalated(false, now) {
                    self.changed();
                }
                let v = self.frontier_view();
                self.go(v);
            }
            Action::Undo => self.undo(),
            Action::SetLang(lang) => {
                self.lang = lang;
                self.case.language = Some(lang);
                self.revision += 1;
            }
            Action::NewCase => {
                self.stop_dashboard_check();
                self.push_undo(true);
                self.requests.push(Request::CaseReplaced);
                self.case = Case::new(&self.procedure, self.lang, now);
                self.changed();
                self.go(View::Step(0));
                self.banner = Some(undo_banner(BannerKind::Info, |i| {
                    i.tr("banner.new_case").to_owned()
                }));
            }
            Action::OpenCaseDialog => self.requests.push(Request::OpenDialog),
            Action::ExportDialog => self.requests.push(Request::ExportDialog {
                file_name: format!("{}.md", self.file_stem(now)),
            }),
            Action::CopySummary => {
                let text = crate::summary::render(&self.procedure, &self.case, self.lang, now);
                self.requests.push(Request::Copy(text));
                self.banner = Some(Banner::new(BannerKind::Success, |i| {
                    i.tr("banner.copied").to_owned()
                }));
            }
            Action::CopyText(text) => {
                self.requests.push(Request::Copy(text));
                self.banner = Some(Banner::new(BannerKind::Success, |i| {
                    i.tr("banner.copied_request").to_owned()
                }));
            }
            Action::DismissBanner => {
                self.banner = None;
                self.pending_export = None;
            }
            Action::ConfirmExport => {
                self.confirm_export();
            }
            Action::ResumeDraft => {
                if let Some(offer) = self.resume_offer.take() {
                    self.replace_case(offer.case);
                    self.requests.push(Request::TakeOverDraft(offer.path));
                    self.banner = Some(Banner::new(BannerKind::Success, |i| {
                        i.tr("banner.resumed").to_owned()
                    }));
                }
            }
            Action::DiscardDraft => {
                if let Some(offer) = self.resume_offer.take() {
                    self.requests
                        .push(Request::DeclineDraft(offer.path.clone()));
                    let name = offer.case.field("smart_account_name").trim().to_owned();
                    self.push_side_undo(case_files::SideUndo::Declined(Box::new(offer)));
                    self.banner = Some(undo_banner(BannerKind::Info, move |i| {
                        let name = if name.is_empty() {
                            i.tr("resume.unnamed").to_owned()
                        } else {
                            name.clone()
                        };
                        i.trv("files.draft_kept", &[("name", &name)])
                    }));
                    // The offer had the focus: the form takes it now.
                    self.focus_first_input = true;
                }
            }
            Action::ShowCaseFiles
            | Action::StartOnCaseFiles(_)
            | Action::HideCaseFiles
            | Action::CaseFilesScanned(_)
            | Action::OpenCaseFile(_)
            | Action::DraftOpened(_)
            | Action::DraftNotOpened(..)
            | Action::DuplicateCaseFile(_)
            | Action::RevealCaseFile(_)
            | Action::RemoveCaseFile(_) => self.apply_case_files(action),
            Action::ShowBanner { kind, text } => {
                self.banner = Some(Banner::new(kind, move |i| text.get(i.lang()).to_owned()));
            }
            Action::FocusMoved => self.focus_first_input = false,
            Action::OfferDraft(offer) => self.resume_offer = Some(*offer),
            Action::SetDashboardRegion(_)
            | Action::SetDashboardBaseUrl(_)
            | Action::SetDashboardKey(_)
            | Action::SetDashboardKeyFromEnv(_)
            | Action::CheckDashboard
            | Action::CancelDashboardCheck
            | Action::DashboardProgress(_)
            | Action::DashboardChecked(_)
            | Action::AcceptProposal { .. } => self.apply_dashboard(action, now),
            Action::ListOrganizations
            | Action::ListSubscriptions
            | Action::CancelDashboardList
            | Action::DashboardListProgress(_)
            | Action::DashboardListed(_)
            | Action::CloseDashboardList
            | Action::ChooseOrganization(_)
            | Action::ChooseSubscription(_) => self.apply_picker(action, now),
        }
    }

    fn changed(&mut self) {
        self.eval = self.case.evaluate(&self.procedure);
        self.progress = Progress::of(&self.procedure, &self.case, &self.eval);
        self.revision += 1;
        // The page on screen may have stopped being reachable.
        let reachable = match self.view {
            View::Step(i) => self.progress.can_open(i),
            View::Outcome => self.progress.outcome.is_some(),
        };
        if !reachable {
            self.view = self.frontier_view();
            self.focus_first_input = true;
        }
    }

    fn go(&mut self, view: View) {
        if self.view != view {
            self.view = view;
            self.focus_first_input = true;
            // A banner's Undo belongs to the page where the change was made.
            if self.banner.as_ref().is_some_and(|b| b.undo) {
                self.banner = None;
            }
        }
    }
}
