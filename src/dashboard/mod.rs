//! The read-only HTTP client of the Meraki Dashboard API (feature `dashboard`): it
//! calls, follows pages, waits on 429 and returns [`crate::evidence::Evidence`] or a
//! [`crate::evidence::DashboardError`]. What the evidence means for a case is in
//! `crate::evidence`; when to check and what to do with the result is the assistant's.
//!
//! Two GET calls only (procedure spec, "Changes in version 2"):
//! `GET {base}/organizations/{org}` and
//! `GET {base}/administered/licensing/subscription/subscriptions?organizationIds[]={org}&subscriptionIds[]={id}`,
//! the second followed through its `Link: rel=next` pages to the last. The key is held
//! in memory only and sent to the base URL's host only. The listings of what a key can
//! read ([`list_organizations`], [`list_subscriptions`]) follow the same rules.

mod client;
mod link;
mod list;
mod url;

use std::sync::atomic::AtomicBool;
use std::time::Instant;

use jiff::Timestamp;

pub use client::{Answer, Client, ProxyChoice, Settings};
pub use list::{list_organizations, list_subscriptions, organization};

use crate::evidence::{
    CheckProgress, DashboardError, Evidence, MAX_REQUEST_IDS, SubscriptionFacts, Target, clean,
};

/// Runs the check: reads the organization, then every page of its subscriptions
/// listing, and returns what was found. Stops between requests when `cancel` is set,
/// and when the check's overall time limit ([`Settings::check_timeout`]) is reached.
/// No text of the evidence or of a failure holds the key, in any form the server
/// echoed it, nor a character that could disguise it on a terminal.
pub fn check(
    client: &Client,
    target: &Target,
    progress: &mut dyn FnMut(CheckProgress),
    cancel: &AtomicBool,
) -> Result<Evidence, DashboardError> {
    match check_unredacted(client, target, progress, cancel) {
        // Whatever the Dashboard said, the key is not kept.
        Ok(evidence) => Ok(evidence.map_texts(|t| client.redact(t))),
        Err(e) => Err(e.map_texts(|t| clean(&client.redact(t)))),
    }
}

/// The most items a page of the subscriptions listing holds (Meraki's default and
/// largest `perPage`): a page this full without any `Link` may have a next one.
const FULL_PAGE: usize = 1000;

fn check_unredacted(
    client: &Client,
    target: &Target,
    progress: &mut dyn FnMut(CheckProgress),
    cancel: &AtomicBool,
) -> Result<Evidence, DashboardError> {
    let deadline = Instant::now() + client.settings().check_timeout;
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
    let answer = client.get(&format!("/organizations/{org}"), deadline, progress, cancel)?;
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
    let mut listed = 0u64;
    let mut unreadable = 0u64;
    let mut incomplete = false;
    let mut found = None;
    each_page(client, &path, deadline, progress, cancel, |answer| {
        keep_id(&answer.request_id);
        // Each item is kept as its text and only its id is read; the wanted one alone
        // is parsed in full (a page holds up to 1,000). An item without a readable id
        // is neither listed nor not listed: it is counted apart.
        let items: Vec<&serde_json::value::RawValue> = answer.parse("subscriptions")?;
        if answer.malformed_link.is_some() || (!answer.has_link && items.len() >= FULL_PAGE) {
            incomplete = true;
        }
        for item in &items {
            let Some(id) = listed_id(item.get()) else {
                unreadable += 1;
                continue;
            };
            if found.is_none()
                && let Some(wanted) = &target.subscription_id
                && id.eq_ignore_ascii_case(wanted)
            {
                let value: serde_json::Value = answer.parse_text(item.get(), "subscription")?;
                match SubscriptionFacts::from_json(&value) {
                    Some(facts) => found = Some(facts),
                    None => {
                        unreadable += 1;
                        continue;
                    }
                }
            }
            listed += 1;
        }
        Ok(())
    })?;

    Ok(Evidence {
        checked_at: Timestamp::now(),
        base_url: client.base_url().to_owned(),
        request_ids,
        organization_id: org.clone(),
        organization_name,
        licensing_model,
        subscription_id: target.subscription_id.clone(),
        subscriptions_listed: listed,
        subscription: found,
        unreadable_items: unreadable,
        listing_incomplete: incomplete,
    })
}

/// GETs `path` (below the base URL) and every page after it through `Link: rel=next`,
/// handing each answer to `page`. A listing that loops (a page seen twice) or runs past
/// [`Settings::max_pages`] is [`DashboardError::Looping`]; past `deadline` the next
/// call stops as the client's calls do. Returns the pages read.
pub(crate) fn each_page(
    client: &Client,
    path: &str,
    deadline: Instant,
    progress: &mut dyn FnMut(CheckProgress),
    cancel: &AtomicBool,
    mut page: impl FnMut(&Answer) -> Result<(), DashboardError>,
) -> Result<u32, DashboardError> {
    let mut next = Some(format!("{}{}", client.base_url(), path));
    let mut count = 0;
    let mut seen = std::collections::HashSet::new();
    while let Some(url) = next.take() {
        count += 1;
        if count > client.settings().max_pages || !seen.insert(url.clone()) {
            return Err(DashboardError::Looping);
        }
        progress(CheckProgress::Page(count));
        let answer = client.get_url(&url, deadline, progress, cancel)?;
        page(&answer)?;
        next = answer.next;
    }
    Ok(count)
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
        serde_json::Value::String(s) if !s.trim().is_empty() => Some(s),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}
