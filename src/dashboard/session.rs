//! The check as the window drives it: the region, the key (memory only), and where
//! the check stands. Not part of the case: nothing here is ever saved.

use super::{ApiKey, CheckProgress, DashboardError, Region};

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
    /// A session with the key from `MERAKI_DASHBOARD_API_KEY`, if set.
    pub fn from_env() -> Session {
        let key = ApiKey::from_env();
        Session {
            key_from_env: key.is_some(),
            key,
            ..Session::default()
        }
    }

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
