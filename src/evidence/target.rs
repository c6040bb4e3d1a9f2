//! What a Dashboard check is asked to look up, where and with which key, and how it is
//! getting on: the plain data the assistant and the command line hand to the HTTP
//! client (`crate::dashboard`, feature `dashboard`), which needs none of them to know
//! HTTP.

use super::clean;
use super::error::DashboardError;

/// What to look up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The Meraki organization ID (digits).
    pub organization_id: String,
    /// The subscription ID, if known.
    pub subscription_id: Option<String>,
}

impl Target {
    /// A target from the IDs as typed: trimmed, checked (digits for the organization;
    /// letters, digits and `-` for the subscription), an empty subscription left out.
    pub fn new(
        organization_id: &str,
        subscription_id: Option<&str>,
    ) -> Result<Target, DashboardError> {
        let org = organization_id.trim();
        if org.is_empty() {
            return Err(DashboardError::NoOrganization);
        }
        if org.len() > 20 || !org.bytes().all(|b| b.is_ascii_digit()) {
            return Err(DashboardError::BadId {
                id: "meraki_org_id",
                value: clean(org),
            });
        }
        let sub = subscription_id.map(str::trim).filter(|s| !s.is_empty());
        if let Some(s) = sub
            && (s.len() > 64 || !s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
        {
            return Err(DashboardError::BadId {
                id: "subscription_id",
                value: clean(s),
            });
        }
        Ok(Target {
            organization_id: org.to_owned(),
            subscription_id: sub.map(str::to_owned),
        })
    }
}

/// A Meraki Dashboard region, each with its own API host.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Region {
    /// The default, worldwide (`api.meraki.com`).
    Com,
    /// Canada (`api.meraki.ca`).
    Ca,
    /// China (`api.meraki.cn`).
    Cn,
    /// India (`api.meraki.in`).
    In,
    /// US federal government (`api.gov-meraki.com`).
    Gov,
}

impl Region {
    /// Every region, the default first.
    pub const ALL: [Region; 5] = [Region::Com, Region::Ca, Region::Cn, Region::In, Region::Gov];

    /// The short name used on the command line (`com`, `ca`, `cn`, `in`, `gov`).
    pub fn code(self) -> &'static str {
        match self {
            Region::Com => "com",
            Region::Ca => "ca",
            Region::Cn => "cn",
            Region::In => "in",
            Region::Gov => "gov",
        }
    }

    /// The region of a short name.
    pub fn from_code(code: &str) -> Option<Region> {
        Region::ALL.into_iter().find(|r| r.code() == code)
    }

    /// The API base URL of the region.
    pub fn base_url(self) -> &'static str {
        match self {
            Region::Com => "https://api.meraki.com/api/v1",
            Region::Ca => "https://api.meraki.ca/api/v1",
            Region::Cn => "https://api.meraki.cn/api/v1",
            Region::In => "https://api.meraki.in/api/v1",
            Region::Gov => "https://api.gov-meraki.com/api/v1",
        }
    }
}

/// The environment variable the key is read from (as in Meraki's own SDK).
pub const KEY_VAR: &str = "MERAKI_DASHBOARD_API_KEY";

/// A Dashboard API key. Held in memory only; its `Debug` never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(String);

impl ApiKey {
    /// A key from what the user typed or the environment held (trimmed); `None` when
    /// empty.
    pub fn new(key: &str) -> Option<ApiKey> {
        let key = key.trim();
        (!key.is_empty()).then(|| ApiKey(key.to_owned()))
    }

    /// The key from [`KEY_VAR`], if set and not empty.
    pub fn from_env() -> Option<ApiKey> {
        std::env::var(KEY_VAR).ok().and_then(|k| ApiKey::new(&k))
    }

    /// The key itself, for a check that must be sure it was never written anywhere.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ApiKey(…)")
    }
}

/// What the check is doing, for a progress line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckProgress {
    /// Reading the organization.
    Organization,
    /// Reading a page of the subscriptions listing (1-based).
    Page(u32),
    /// Waiting as the Dashboard asked (429 `Retry-After`), before retry `attempt`.
    Waiting {
        /// The wait, in seconds.
        seconds: u64,
        /// The retry about to be made (1-based).
        attempt: u32,
    },
}
