//! The check as the window drives it: the region, the key (memory only), and where
//! the check stands. Not part of the case: nothing here is ever saved.

use jiff::Timestamp;

use super::banner::{Banner, BannerKind, undo_banner};
use super::{Action, Assistant, Request};
use crate::case::{ORG_FIELD, SUBSCRIPTION_FIELD};
use crate::evidence::{
    self, Analysis, ApiKey, CheckProgress, DashboardError, Evidence, Region, Target,
};

/// Where the window's check stands.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum CheckStatus {
    /// No check running.
    #[default]
    Idle,
    /// A check is running; the last progress report, if any.
    Running(Option<CheckProgress>),
    /// The last check failed (or was cancelled).
    Failed(DashboardError),
}

/// The window's Dashboard check settings and state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Session {
    /// The region chosen.
    pub region: Option<Region>,
    /// Another base URL, used instead of the region's (tests; a relay).
    pub base_url: Option<String>,
    /// The key typed in the masked field, or taken from the environment.
    pub key: Option<ApiKey>,
    /// Whether the key came from `MERAKI_DASHBOARD_API_KEY` (then no field is shown).
    pub key_from_env: bool,
    /// Where the check stands.
    pub status: CheckStatus,
}

impl Session {
    /// The base URL the check will call.
    pub fn base_url(&self) -> String {
        self.base_url
            .clone()
            .unwrap_or_else(|| self.region.unwrap_or(Region::Com).base_url().to_owned())
    }

    /// Whether a check is running.
    pub fn running(&self) -> bool {
        matches!(self.status, CheckStatus::Running(_))
    }
}

impl Assistant {
    /// What the evidence of the case's last check means for its answers; `None` when
    /// there is no evidence or it was checked for other IDs than the case names now
    /// (stale: nothing is proposed from it).
    pub fn dashboard_analysis(&self) -> Option<Analysis> {
        let evidence = self.case.current_evidence()?;
        Some(evidence::analyse(
            evidence,
            &self.case.answers,
            &self.case.fields,
        ))
    }

    pub(super) fn apply_dashboard(&mut self, action: Action, now: Timestamp) {
        match action {
            Action::SetDashboardRegion(region) => self.dashboard.region = Some(region),
            Action::SetDashboardBaseUrl(url) => self.dashboard.base_url = url,
            Action::SetDashboardKey(key) => {
                self.dashboard.key = key;
                self.dashboard.key_from_env = false;
            }
            Action::SetDashboardKeyFromEnv(key) => {
                self.dashboard.key_from_env = key.is_some();
                self.dashboard.key = key;
            }
            Action::CheckDashboard => {
                if self.dashboard.running() {
                    return;
                }
                let target = Target::new(
                    self.case.field(ORG_FIELD),
                    Some(self.case.field(SUBSCRIPTION_FIELD)),
                );
                let request = target.and_then(|target| {
                    let key = self.dashboard.key.clone().ok_or(DashboardError::NoKey)?;
                    Ok(Request::CheckDashboard {
                        base_url: self.dashboard.base_url(),
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
                // Only what the case's current evidence proposes: never from stale
                // evidence, never an answer it does not support.
                let proposed = self.dashboard_analysis().is_some_and(|a| {
                    a.proposals
                        .iter()
                        .any(|p| p.question == question && p.option == option)
                });
                let valid = self
                    .procedure
                    .question(&question)
                    .is_some_and(|q| q.has_option(&option));
                if !proposed || !valid {
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

    /// Whether `evidence` is of the organization and subscription the case names now
    /// (the core's one rule, [`Evidence::is_for`]).
    fn evidence_matches_case(&self, evidence: &Evidence) -> bool {
        evidence.is_for(
            self.case.field(ORG_FIELD),
            self.case.field(SUBSCRIPTION_FIELD),
        )
    }

    /// Stops the running Dashboard check, if any: its result belongs to the case it
    /// was started for, which is no longer on screen.
    pub(super) fn stop_dashboard_check(&mut self) {
        if self.dashboard.running() {
            self.requests.push(Request::CancelDashboardCheck);
        }
        self.dashboard.status = CheckStatus::Idle;
    }
}
