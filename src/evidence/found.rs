//! What a Dashboard check found, as kept in the case file (version 2, key `evidence`).
//!
//! Every value comes from the network or from a file: it is cleaned (no control
//! characters) and clipped when it is made and when it is loaded, and anything the API
//! did not say stays `None`: unknown is shown as unknown, never guessed.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// Longest text kept from the Dashboard, in characters.
pub const MAX_TEXT: usize = 200;

/// Most request ids kept.
pub const MAX_REQUEST_IDS: usize = 20;

/// The facts of one check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// When the check was made (UTC).
    pub checked_at: Timestamp,
    /// The API base URL called.
    pub base_url: String,
    /// The `X-Request-Id` of each answer, in order (to quote to Meraki).
    #[serde(default)]
    pub request_ids: Vec<String>,
    /// The organization checked.
    pub organization_id: String,
    /// Its name.
    #[serde(default)]
    pub organization_name: Option<String>,
    /// Its `licensing.model` (`co-term`, `per-device`, `subscription`, or a new value).
    #[serde(default)]
    pub licensing_model: Option<String>,
    /// The subscription looked for, if one was given.
    #[serde(default)]
    pub subscription_id: Option<String>,
    /// How many subscriptions the organization's listing held (all pages).
    #[serde(default)]
    pub subscriptions_listed: u64,
    /// The subscription as listed, or `None` when it was not listed (or none was
    /// looked for).
    #[serde(default)]
    pub subscription: Option<SubscriptionFacts>,
}

/// One subscription as the Dashboard lists it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SubscriptionFacts {
    /// `subscriptionId`.
    pub subscription_id: String,
    /// `name`.
    pub name: Option<String>,
    /// `status` (active, canceled, expired, inactive, out_of_compliance, or new).
    pub status: Option<String>,
    /// `type` (enterpriseAgreement, termed, or new).
    pub kind: Option<String>,
    /// `webOrderId`.
    pub web_order_id: Option<String>,
    /// `smartAccount.status`.
    pub smart_account_status: Option<String>,
    /// `smartAccount.account.id`.
    pub smart_account_id: Option<String>,
    /// `smartAccount.account.name`.
    pub smart_account_name: Option<String>,
    /// `smartAccount.account.domain`.
    pub smart_account_domain: Option<String>,
    /// `counts.networks`: networks bound to it.
    pub networks: Option<u64>,
    /// `counts.organizations`: organizations it is claimed in.
    pub organizations: Option<u64>,
}

impl Evidence {
    /// Whether this evidence was checked for these IDs: the organization and the
    /// subscription as a case holds them (trimmed; an empty subscription is none). The
    /// one rule that ties evidence to its fiche: evidence for other IDs is stale, and
    /// nothing (proposal, request, reason) is drawn from it.
    pub fn is_for(&self, organization_id: &str, subscription_id: &str) -> bool {
        let sub = Some(subscription_id.trim()).filter(|s| !s.is_empty());
        self.organization_id.trim() == organization_id.trim()
            && self.subscription_id.as_deref().map(str::trim) == sub
    }

    /// The evidence with every text cleaned and clipped, and at most
    /// [`MAX_REQUEST_IDS`] request ids (for a file from outside).
    pub fn cleaned(mut self) -> Evidence {
        self.request_ids.truncate(MAX_REQUEST_IDS);
        self.map_texts(clean)
    }

    /// The evidence with every text passed through `f`.
    pub fn map_texts(mut self, f: impl Fn(&str) -> String) -> Evidence {
        self.base_url = f(&self.base_url);
        for id in &mut self.request_ids {
            *id = f(id);
        }
        self.organization_id = f(&self.organization_id);
        for v in [
            &mut self.organization_name,
            &mut self.licensing_model,
            &mut self.subscription_id,
        ] {
            map_opt(v, &f);
        }
        if let Some(s) = &mut self.subscription {
            s.subscription_id = f(&s.subscription_id);
            for v in [
                &mut s.name,
                &mut s.status,
                &mut s.kind,
                &mut s.web_order_id,
                &mut s.smart_account_status,
                &mut s.smart_account_id,
                &mut s.smart_account_name,
                &mut s.smart_account_domain,
            ] {
                map_opt(v, &f);
            }
        }
        self
    }
}

impl SubscriptionFacts {
    /// The facts of one item of the subscriptions listing (a JSON object); `None` if
    /// it has no `subscriptionId`.
    pub fn from_json(item: &serde_json::Value) -> Option<SubscriptionFacts> {
        let text = |v: Option<&serde_json::Value>| -> Option<String> {
            match v? {
                serde_json::Value::String(s) => Some(clean(s)).filter(|s| !s.is_empty()),
                serde_json::Value::Number(n) => Some(n.to_string()),
                _ => None,
            }
        };
        let sa = item.get("smartAccount");
        let account = sa.and_then(|s| s.get("account"));
        let counts = item.get("counts");
        Some(SubscriptionFacts {
            subscription_id: text(item.get("subscriptionId"))?,
            name: text(item.get("name")),
            status: text(item.get("status")),
            kind: text(item.get("type")),
            web_order_id: text(item.get("webOrderId")),
            smart_account_status: text(sa.and_then(|s| s.get("status"))),
            smart_account_id: text(account.and_then(|a| a.get("id"))),
            smart_account_name: text(account.and_then(|a| a.get("name"))),
            smart_account_domain: text(account.and_then(|a| a.get("domain"))),
            networks: counts
                .and_then(|c| c.get("networks"))
                .and_then(serde_json::Value::as_u64),
            organizations: counts
                .and_then(|c| c.get("organizations"))
                .and_then(serde_json::Value::as_u64),
        })
    }
}

fn map_opt(value: &mut Option<String>, f: &impl Fn(&str) -> String) {
    if let Some(v) = value {
        *v = f(v);
    }
}

/// `text` with every occurrence of `secret` replaced by `[API key]`: a Dashboard (or
/// something posing as one) that echoes the key must not get it printed or saved.
pub fn redact_secret(text: &str, secret: &str) -> String {
    if secret.is_empty() || !text.contains(secret) {
        text.to_owned()
    } else {
        text.replace(secret, "[API key]")
    }
}

/// A text from outside without control characters, trimmed, clipped to
/// [`MAX_TEXT`] characters.
pub fn clean(value: &str) -> String {
    let cleaned: String = value
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let trimmed = cleaned.trim();
    if trimmed.chars().count() <= MAX_TEXT {
        trimmed.to_owned()
    } else {
        let mut s: String = trimmed.chars().take(MAX_TEXT).collect();
        s.push('…');
        s
    }
}
