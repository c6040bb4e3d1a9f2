//! The assistant's state and the one place where actions change it.
//!
//! The UI never mutates the case directly: it returns [`Action`]s, and
//! [`Assistant::apply`] applies them, which keeps every change testable without a
//! window and logs it in the case.

use std::path::{Path, PathBuf};

use jiff::Timestamp;

use crate::case::{Case, CaseError, LoadNotice, Strictness};
use crate::dashboard::{
    self, Analysis, ApiKey, CheckProgress, CheckStatus, DashboardError, Evidence, Region, Session,
    Settings, Target,
};
use crate::i18n::{I18n, Lang};
use crate::procedure::Procedure;
use crate::progress::{Progress, StepStatus};
use crate::rules::Evaluation;

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
    /// Start afresh and drop the unfinished case found at start-up.
    DiscardDraft,
    /// Choose the Dashboard region.
    SetDashboardRegion(Region),
    /// The key typed in the masked field (`None` when emptied). Held in memory only.
    SetDashboardKey(Option<ApiKey>),
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
}

/// How a banner message looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BannerKind {
    /// Something happened as asked.
    Success,
    /// Something the user should know.
    Info,
    /// Something failed; nothing was lost.
    Error,
}

/// A message shown above the form, rendered in the current language at draw time.
pub struct Banner {
    /// How it looks.
    pub kind: BannerKind,
    /// Whether it offers Undo.
    pub undo: bool,
    /// A button that answers the banner's question: its label's locale key and the
    /// action it applies (Dismiss answers no).
    pub confirm: Option<(&'static str, Action)>,
    text: Box<dyn Fn(&I18n) -> String>,
}

impl Banner {
    /// A banner whose text is rendered by `text` in the current language.
    pub fn new(kind: BannerKind, text: impl Fn(&I18n) -> String + 'static) -> Banner {
        Banner {
            kind,
            undo: false,
            confirm: None,
            text: Box::new(text),
        }
    }

    /// The text in a language.
    pub fn text(&self, i18n: &I18n) -> String {
        (self.text)(i18n)
    }
}

impl std::fmt::Debug for Banner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Banner")
            .field("kind", &self.kind)
            .field("text", &self.text(&I18n::new(Lang::En)))
            .finish()
    }
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
    /// The draft at this path is not wanted.
    DiscardDraft(PathBuf),
    /// Run a Dashboard check off the UI thread; its progress and result come back as
    /// [`Action::DashboardProgress`] and [`Action::DashboardChecked`].
    CheckDashboard {
        /// The client's settings (base URL…).
        settings: Settings,
        /// The key.
        key: ApiKey,
        /// What to look up.
        target: Target,
    },
    /// Stop the running Dashboard check.
    CancelDashboardCheck,
    /// The case was exported as of this revision: its draft is no longer needed.
    Exported(u64),
    /// Another case replaced the one on screen (new, opened or resumed): the window's
    /// draft of the replaced case is kept aside, to be offered later.
    CaseReplaced,
    /// Undo brought the replaced case back: so is its draft.
    CaseRestored,
}

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
    /// How many more drafts of earlier sessions wait (each offered in turn once this
    /// one is declined).
    pub others: usize,
}

#[derive(Debug, Clone)]
struct Snapshot {
    case: Case,
    view: View,
    /// Restore the whole case (after a new or opened case) rather than its answers.
    whole: bool,
}

/// Most undo steps kept.
const UNDO_LIMIT: usize = 100;

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
    /// An export waiting for the user to answer a question about it.
    pending_export: Option<PendingExport>,
    /// The question last answered, its answer before, the undo depth then and when:
    /// choosing with the arrow keys answers at once, and coming back to where one
    /// started within [`BROWSE_WINDOW`] is no change at all.
    browse: Option<Browse>,
}

/// An export under way: its files, and the questions already answered yes.
#[derive(Debug, Clone)]
struct PendingExport {
    /// The name chosen in the save dialog (which asked about replacing it already).
    chosen: PathBuf,
    md: PathBuf,
    ron: PathBuf,
    /// Fields whose values are not valid (and left out) may be.
    invalid_ok: bool,
    /// Existing files the dialog did not ask about may be replaced.
    replace_ok: bool,
}

/// A run of answers to one question in quick succession (arrow keys on a radio group).
#[derive(Debug, Clone)]
struct Browse {
    question: String,
    before: Option<String>,
    undo_depth: usize,
    at: Timestamp,
}

/// How close answers to one question must follow each other to count as browsing.
const BROWSE_WINDOW: jiff::SignedDuration = jiff::SignedDuration::from_secs(2);

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
        !self.undo.is_empty()
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
        if !matches!(action, Action::Answer { .. }) {
            self.browse = None;
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
                if let Some(pending) = &mut self.pending_export {
                    if pending.invalid_ok {
                        pending.replace_ok = true;
                    } else {
                        pending.invalid_ok = true;
                    }
                    self.continue_export();
                }
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
                    self.requests.push(Request::DiscardDraft(offer.path));
                    // The offer had the focus: the form takes it now.
                    self.focus_first_input = true;
                }
            }
            Action::SetDashboardRegion(_)
            | Action::SetDashboardKey(_)
            | Action::CheckDashboard
            | Action::CancelDashboardCheck
            | Action::DashboardProgress(_)
            | Action::DashboardChecked(_)
            | Action::AcceptProposal { .. } => self.apply_dashboard(action, now),
        }
    }

    /// What the evidence of the case's last check means for its answers.
    pub fn dashboard_analysis(&self) -> Option<Analysis> {
        let evidence = self.case.evidence.as_ref()?;
        Some(dashboard::analyse(
            evidence,
            &self.case.answers,
            &self.case.fields,
        ))
    }

    fn apply_dashboard(&mut self, action: Action, now: Timestamp) {
        match action {
            Action::SetDashboardRegion(region) => self.dashboard.region = Some(region),
            Action::SetDashboardKey(key) => {
                self.dashboard.key = key;
                self.dashboard.key_from_env = false;
            }
            Action::CheckDashboard => {
                if self.dashboard.running() {
                    return;
                }
                let target = Target::new(
                    self.case.field("meraki_org_id"),
                    Some(self.case.field("subscription_id")),
                );
                let request = target.and_then(|target| {
                    let key = self.dashboard.key.clone().ok_or(DashboardError::NoKey)?;
                    let settings = Settings {
                        base_url: self.dashboard.base_url(),
                        ..Settings::default()
                    };
                    Ok(Request::CheckDashboard {
                        settings,
                        key,
                        target,
                    })
                });
                match request {
                    Ok(request) => {
                        self.dashboard.status = CheckStatus::Running(None);
                        self.requests.push(request);
                    }
                    Err(e) => self.dashboard.status = CheckStatus::Failed(e),
                }
            }
            Action::CancelDashboardCheck if self.dashboard.running() => {
                self.requests.push(Request::CancelDashboardCheck);
            }
            Action::DashboardProgress(p) if self.dashboard.running() => {
                self.dashboard.status = CheckStatus::Running(Some(p));
            }
            Action::DashboardChecked(result) => match *result {
                Ok(evidence) if !self.evidence_matches_case(&evidence) => {
                    // Checked for another case, or before the IDs were edited: it is
                    // not this case's evidence.
                    self.dashboard.status = CheckStatus::Idle;
                }
                // The check was stopped when its case was replaced: its end is old news.
                Err(_) if !self.dashboard.running() => {}
                Ok(evidence) => {
                    self.dashboard.status = CheckStatus::Idle;
                    self.case.set_evidence(evidence, now);
                    self.changed();
                    self.banner = Some(Banner::new(BannerKind::Success, |i| {
                        i.tr("dashboard.ui.done").to_owned()
                    }));
                }
                Err(e) => self.dashboard.status = CheckStatus::Failed(e),
            },
            Action::AcceptProposal { question, option } => {
                let valid = self
                    .procedure
                    .question(&question)
                    .is_some_and(|q| q.has_option(&option));
                if !valid {
                    return;
                }
                self.snapshot();
                // Accepting is a change of its own, not part of a run of arrow keys.
                self.browse = None;
                if self.case.accept_from_dashboard(&question, &option, now) {
                    self.changed();
                    self.banner = Some(undo_banner(BannerKind::Success, |i| {
                        i.tr("dashboard.ui.accepted").to_owned()
                    }));
                } else {
                    self.undo.pop();
                }
            }
            _ => {}
        }
    }

    /// Whether `evidence` is of the organization and subscription the case names now.
    fn evidence_matches_case(&self, evidence: &Evidence) -> bool {
        let Ok(target) = Target::new(
            self.case.field("meraki_org_id"),
            Some(self.case.field("subscription_id")),
        ) else {
            return false;
        };
        let checked = Target::new(
            &evidence.organization_id,
            evidence.subscription_id.as_deref(),
        );
        checked.is_ok_and(|checked| checked == target)
    }

    /// Stops the running Dashboard check, if any: its result belongs to the case it
    /// was started for, which is no longer on screen.
    fn stop_dashboard_check(&mut self) {
        if self.dashboard.running() {
            self.requests.push(Request::CancelDashboardCheck);
        }
        self.dashboard.status = CheckStatus::Idle;
    }

    fn answer(&mut self, question: &str, option: &str, now: Timestamp) {
        let Some(q) = self.procedure.question(question) else {
            return;
        };
        if !q.has_option(option)
            || self.case.answers.get(question).map(String::as_str) == Some(option)
        {
            return;
        }
        let was_answered = self.eval.is_on_path(question);
        let outcome_before = self.progress.outcome.clone();
        let browsing = self
            .browse
            .as_ref()
            .filter(|b| b.question == question && now.duration_since(b.at) <= BROWSE_WINDOW)
            .cloned();
        if let Some(browse) = &browsing
            && browse.before.as_deref() == Some(option)
        {
            // Back where the browsing started: no change, no banner, no undo step.
            self.case.set_answer(question, Some(option), now);
            // The answer's source (say, accepted from the Dashboard) comes back with it:
            // the snapshot dropped here is the last place that still holds it.
            if let Some(snapshot) = self.undo.get(browse.undo_depth) {
                match snapshot.case.answer_sources.get(question) {
                    Some(source) => {
                        self.case
                            .answer_sources
                            .insert(question.to_owned(), *source);
                    }
                    None => {
                        self.case.answer_sources.remove(question);
                    }
                }
            }
            self.undo.truncate(browse.undo_depth);
            if self.banner.as_ref().is_some_and(|b| b.undo) {
                self.banner = None;
            }
            self.browse = None;
            self.changed();
            return;
        }
        self.browse = Some(match browsing {
            Some(browse) => Browse { at: now, ..browse },
            None => Browse {
                question: question.to_owned(),
                before: self.case.answers.get(question).cloned(),
                undo_depth: self.undo.len(),
                at: now,
            },
        });
        self.snapshot();
        self.case.set_answer(question, Some(option), now);
        self.changed();
        // A changed answer (not a first one) gets a word on its consequences, with Undo.
        if was_answered {
            let dropped = self.eval.not_applying.len();
            let outcome_after = self.progress.outcome.clone();
            let outcome_changed = outcome_before.is_some() && outcome_before != outcome_after;
            self.banner = Some(undo_banner(BannerKind::Info, move |i| {
                let mut text = i.tr("banner.answer_changed").to_owned();
                if dropped > 0 {
                    text.push(' ');
                    text.push_str(&i.trn("banner.no_longer_apply", dropped as u64, &[]));
                }
                if outcome_changed {
                    text.push(' ');
                    text.push_str(i.tr("banner.outcome_changed"));
                }
                text
            }));
        }
    }

    /// Puts another case on screen where it stands; Undo brings the previous one back.
    fn replace_case(&mut self, case: Case) {
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

    fn snapshot(&mut self) {
        self.push_undo(false);
    }

    fn push_undo(&mut self, whole: bool) {
        // A banner's Undo undoes the change it tells of, never a later one.
        if self.banner.as_ref().is_some_and(|b| b.undo) {
            self.banner = None;
        }
        self.undo.push(Snapshot {
            case: self.case.clone(),
            view: self.view,
            whole,
        });
        if self.undo.len() > UNDO_LIMIT {
            self.undo.remove(0);
        }
    }

    fn undo(&mut self) {
        let Some(snapshot) = self.undo.pop() else {
            return;
        };
        if snapshot.whole {
            self.stop_dashboard_check();
            self.case = snapshot.case;
            self.requests.push(Request::CaseRestored);
        } else {
            // Put the answers back through the case, so the log tells the undo too.
            let now = Timestamp::now();
            let restored = snapshot.case;
            let questions: Vec<String> = self
                .case
                .answers
                .keys()
                .chain(restored.answers.keys())
                .cloned()
                .collect();
            for q in questions {
                self.case
                    .set_answer(&q, restored.answers.get(&q).map(String::as_str), now);
            }
            self.case.set_escalated(restored.escalated, now);
            self.case.answer_sources = restored.answer_sources;
        }
        self.case.language = Some(self.lang);
        self.changed();
        self.go(snapshot.view);
        self.banner = Some(Banner::new(BannerKind::Info, |i| {
            i.tr("banner.undone").to_owned()
        }));
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
    ) -> Result<(PathBuf, PathBuf), crate::storage::WriteError> {
        let (md_path, ron_path) = export_paths(path);
        self.write_export(&md_path, &ron_path)
    }

    fn write_export(
        &mut self,
        md_path: &Path,
        ron_path: &Path,
    ) -> Result<(PathBuf, PathBuf), crate::storage::WriteError> {
        let (md_path, ron_path) = (md_path.to_path_buf(), ron_path.to_path_buf());
        let now = Timestamp::now();
        let summary = summary_bytes(&self.procedure, &self.case, self.lang, now, &md_path);
        let case_text = self.case.for_export(&self.procedure).to_ron();
        let result = crate::storage::write_atomic_all(&[
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
        if let Ok(pdf) = crate::summary_pdf::render(procedure, case, lang, now) {
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
/// (`.md`, or `.pdf` when the name ends in `.pdf`) and the case file (`.ron`). A name ending in `.md` or `.ron` gives its stem
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

fn undo_banner(kind: BannerKind, text: impl Fn(&I18n) -> String + 'static) -> Banner {
    let mut banner = Banner::new(kind, text);
    banner.undo = true;
    banner
}

fn display_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}
