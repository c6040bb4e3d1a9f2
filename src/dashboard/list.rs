//! What a key can read, for picking instead of typing (procedure spec, "Changes in
//! version 3"): `GET /organizations` and the subscriptions listing of one organization
//! without `subscriptionIds[]`, every page, through the same client and paging as the
//! check. Each page is read as a list of raw JSON texts; each item is read alone, so an
//! item without a readable ID is counted, never the end of the listing.

use std::sync::atomic::AtomicBool;
use std::time::Instant;

use super::{Client, each_page, url};
use crate::evidence::{CheckProgress, DashboardError, Listing, OrgEntry, SubEntry, Target};

/// Items asked per page of `GET /organizations` (the API's largest).
const ORGANIZATIONS_PER_PAGE: u32 = 9000;

/// Items asked per page of the subscriptions listing (the API's largest).
const SUBSCRIPTIONS_PER_PAGE: u32 = 1000;

/// Every organization the key can read, sorted by name then ID.
pub fn list_organizations(
    client: &Client,
    progress: &mut dyn FnMut(CheckProgress),
    cancel: &AtomicBool,
) -> Result<Listing<OrgEntry>, DashboardError> {
    let path = format!("/organizations?perPage={ORGANIZATIONS_PER_PAGE}");
    let mut listing = read_pages(client, &path, "organizations", progress, cancel, |item| {
        OrgEntry::from_json(item)
    })?;
    listing.sort();
    Ok(listing)
}

/// Every subscription of the organization `target` names (its subscription, if any,
/// is not used), sorted by ID.
pub fn list_subscriptions(
    client: &Client,
    target: &Target,
    progress: &mut dyn FnMut(CheckProgress),
    cancel: &AtomicBool,
) -> Result<Listing<SubEntry>, DashboardError> {
    let path = format!(
        "/administered/licensing/subscription/subscriptions?organizationIds[]={}&perPage={SUBSCRIPTIONS_PER_PAGE}",
        url::encode_query_value(&target.organization_id)
    );
    let mut listing = read_pages(client, &path, "subscriptions", progress, cancel, |item| {
        SubEntry::from_json(item)
    })?;
    listing.sort();
    Ok(listing)
}

/// One organization (`GET /organizations/{id}`), as the organizations listing shows
/// it: its name and whether API access is on, for the command line's heading.
pub fn organization(
    client: &Client,
    target: &Target,
    progress: &mut dyn FnMut(CheckProgress),
    cancel: &AtomicBool,
) -> Result<Option<OrgEntry>, DashboardError> {
    progress(CheckProgress::Organization);
    let deadline = Instant::now() + client.settings().check_timeout;
    let answer = client.get(
        &format!("/organizations/{}", target.organization_id),
        deadline,
        progress,
        cancel,
    )?;
    let text = std::str::from_utf8(&answer.body).unwrap_or_default();
    Ok(OrgEntry::from_json(text))
}

/// Reads every page of a listing: each must be a JSON array; each item is read by
/// `read` (its JSON text), `None` counting it as unreadable. A `Link` that cannot be
/// read stops it (a list missing its later pages is not offered). The whole listing has
/// the check's overall time limit. The client took the key out of every body already.
fn read_pages<T>(
    client: &Client,
    path: &str,
    what: &str,
    progress: &mut dyn FnMut(CheckProgress),
    cancel: &AtomicBool,
    read: impl Fn(&str) -> Option<T>,
) -> Result<Listing<T>, DashboardError> {
    let mut listing = Listing::default();
    let deadline = Instant::now() + client.settings().check_timeout;
    listing.pages = each_page(client, path, deadline, progress, cancel, |answer| {
        // A list to pick from that may lack its later pages is not offered at all.
        if let Some(link) = &answer.malformed_link {
            return Err(DashboardError::Malformed {
                request_id: answer.request_id.clone(),
                reason: format!("Link: {link}"),
            });
        }
        let items: Vec<&serde_json::value::RawValue> = answer.parse(what)?;
        listing.items.reserve(items.len());
        for item in items {
            match read(item.get()) {
                Some(entry) => listing.items.push(entry),
                None => listing.unreadable += 1,
            }
        }
        Ok(())
    })?;
    Ok(listing)
}
