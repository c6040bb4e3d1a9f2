//! The read-only HTTP client of the Meraki Dashboard API (feature `dashboard`): it
//! calls, follows pages, waits on 429 and returns [`crate::evidence::Evidence`] or a
//! [`crate::evidence::DashboardError`]. What the evidence means for a case is in
//! `crate::evidence`; when to check and what to do with the result is the assistant's.
//!
//! Two GET calls only (procedure spec, "Changes in version 2"):
//! `GET {base}/organizations/{org}` and
//! `GET {base}/administered/licensing/subscription/subscriptions?organizationIds[]={org}&subscriptionIds[]={id}`,
//! the second followed through its `Link: rel=next` pages to the last. The key is held
//! in memory only and sent to the base URL's host only.

mod client;
mod link;
mod url;

use std::sync::atomic::AtomicBool;

use jiff::Timestamp;

pub use client::{Answer, Client, ProxyChoice, Settings};

use crate::evidence::{
    CheckProgress, DashboardError, Evidence, MAX_REQUEST_IDS, SubscriptionFacts, Target, clean,
};

/// Runs the check: reads the organization, then every page of its subscriptions
/// listing, and returns what was found. Stops between requests when `cancel` is set.
pub fn check(
    client: &Client,
    target: &Target,
    progress: &mut dyn FnMut(CheckProgress),
    cancel: &AtomicBool,
) -> Result<Evidence, DashboardError> {
    let org = &target.organization_id;
    let mut request_ids = Vec::new();
    let mut keep_id = |id: &Option<String>| {
        if let Some(id) = id
            && request_ids.len() < MAX_REQUEST_IDS
        {
            request_ids.push(id.clone());
        }
    };

    progress(CheckProgress::Organization);
    let answer = client.get(&format!("/organizations/{org}"), progress, cancel)?;
    keep_id(&answer.request_id);
    let json: serde_json::Map<String, serde_json::Value> = answer.parse("organization")?;
    let text = |v: Option<&serde_json::Value>| v.and_then(|v| v.as_str()).map(clean);
    let organization_name = text(json.get("name"));
    let licensing_model = text(json.get("licensing").and_then(|l| l.get("model")));
    drop(answer);

    let mut path = format!(
        "/administered/licensing/subscription/subscriptions?organizationIds[]={}",
        url::encode_query_value(org)
    );
    if let Some(id) = &target.subscription_id {
        path.push_str("&subscriptionIds[]=");
        path.push_str(&url::encode_query_value(id));
    }
    let mut next = Some(format!("{}{}", client.base_url(), path));
    let mut page = 0;
    let mut listed = 0u64;
    let mut found = None;
    let mut seen = std::collections::HashSet::new();
    while let Some(url) = next.take() {
        page += 1;
        if page > client.settings().max_pages || !seen.insert(url.clone()) {
            return Err(DashboardError::Looping);
        }
        progress(CheckProgress::Page(page));
        let answer = client.get_url(&url, progress, cancel)?;
        keep_id(&answer.request_id);
        // Each item is kept as its text and only its id is read; the wanted one alone
        // is parsed in full (a page holds up to 1,000).
        let items: Vec<&serde_json::value::RawValue> = answer.parse("subscriptions")?;
        listed += items.len() as u64;
        if found.is_none()
            && let Some(wanted) = &target.subscription_id
        {
            for item in items {
                if listed_id(item.get()).is_some_and(|id| id.eq_ignore_ascii_case(wanted)) {
                    let value: serde_json::Value = answer.parse_text(item.get(), "subscription")?;
                    found = SubscriptionFacts::from_json(&value);
                    break;
                }
            }
        }
        next = answer.next;
    }

    let evidence = Evidence {
        checked_at: Timestamp::now(),
        base_url: client.base_url().to_owned(),
        request_ids,
        organization_id: org.clone(),
        organization_name,
        licensing_model,
        subscription_id: target.subscription_id.clone(),
        subscriptions_listed: listed,
        subscription: found,
    };
    // Whatever the Dashboard said, the key is not kept.
    Ok(evidence.map_texts(|t| client.redact(t)))
}

/// The `subscriptionId` of one listed item (its JSON text), if it has one: a string,
/// or a number written as text. Other fields are skipped without being kept.
fn listed_id(item: &str) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct IdOnly {
        #[serde(rename = "subscriptionId", default)]
        id: Option<serde_json::Value>,
    }
    match serde_json::from_str::<IdOnly>(item).ok()?.id? {
        serde_json::Value::String(s) => Some(s),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}
