//! `cssm-assistant check` without an organization or a subscription: the lists to pick
//! from (issue 19). Without `--org` (nor one in the case file) it prints the
//! organizations the key can read; with an organization but no subscription, that
//! organization's subscriptions. One per line on standard output, in a stable order
//! (organizations by name then ID, subscriptions by ID), in the user's language, or as
//! tab-separated values with an untranslated header line (`--format tsv`) for scripts.
//! What it is doing, the count and any item that could not be read go to standard
//! error. Exit status as `check`'s: 0 listed; 1 the output could not be written; 2 no
//! key or a bad ID or address; 3 the Dashboard refused or could not be reached, or API
//! access is off for the organization.

use std::sync::atomic::AtomicBool;

use crate::cli::args::{CheckArgs, ListFormat, RegionArg};
use crate::cli::output::{printable, report, write_stdout};
use crate::dashboard::{self, Client, Settings};
use crate::evidence::{
    ApiKey, CheckProgress, DashboardError, Entry, Listing, OrgEntry, Region, SubEntry, Target,
};
use crate::i18n::I18n;

const EXIT_INPUT: u8 = 2;
const EXIT_DASHBOARD: u8 = 3;

/// Whether `check` should list rather than check: nothing to write (`-o`), and no
/// organization, or no subscription, from the options or the case file.
pub fn wanted(args: &CheckArgs, org: &str, subscription: Option<&str>) -> bool {
    args.output.is_none()
        && (org.trim().is_empty() || subscription.is_none_or(|s| s.trim().is_empty()))
}

/// Lists the organizations (when `org` is blank) or the subscriptions of `org`.
pub fn run(args: &CheckArgs, org: &str, i18n: &I18n) -> Result<(), u8> {
    let fail = |e: DashboardError| {
        report(None, &e.message(i18n));
        if e.is_input_error() {
            EXIT_INPUT
        } else {
            EXIT_DASHBOARD
        }
    };
    let target = if org.trim().is_empty() {
        None
    } else {
        Some(Target::new(org, None).map_err(fail)?)
    };
    let Some(key) = ApiKey::from_env() else {
        // The command line reads the key from the environment only: its own message.
        report(None, i18n.tr("dashboard.error.no_key.cli"));
        return Err(if DashboardError::NoKey.is_input_error() {
            EXIT_INPUT
        } else {
            EXIT_DASHBOARD
        });
    };
    let client = Client::new(settings(args), key).map_err(fail)?;
    let cancel = AtomicBool::new(false);
    let mut progress = |p: CheckProgress| {
        if let CheckProgress::Waiting { seconds, attempt } = p {
            report(
                None,
                &i18n.trv(
                    "dashboard.cli.waiting",
                    &[
                        ("seconds", &seconds.to_string()),
                        ("attempt", &attempt.to_string()),
                    ],
                ),
            );
        }
    };
    let base_url = client.base_url().to_owned();
    match target {
        None => {
            report(
                None,
                &i18n.trv("pick.cli.listing.org", &[("base_url", &base_url)]),
            );
            let listing =
                dashboard::list_organizations(&client, &mut progress, &cancel).map_err(fail)?;
            print(&listing, args.format, i18n, ORG_COLUMNS, org_fields)?;
            finish(&listing, i18n, "pick.cli.count.org");
            if !listing.items.is_empty() {
                report(None, i18n.tr("pick.cli.next.org"));
            }
        }
        Some(target) => {
            let org = &target.organization_id;
            report(
                None,
                &i18n.trv(
                    "pick.cli.listing.subscription",
                    &[("org", org), ("base_url", &base_url)],
                ),
            );
            let found =
                dashboard::organization(&client, &target, &mut progress, &cancel).map_err(fail)?;
            if let Some(entry) = &found {
                let name = entry
                    .name
                    .clone()
                    .unwrap_or_else(|| i18n.tr("dashboard.fact.unknown").to_owned());
                report(
                    None,
                    &i18n.trv("pick.cli.organization", &[("org", org), ("name", &name)]),
                );
                if !entry.api_on() {
                    report(None, &i18n.trv("pick.cli.api_off", &[("org", org)]));
                    return Err(EXIT_DASHBOARD);
                }
            }
            let listing = dashboard::list_subscriptions(&client, &target, &mut progress, &cancel)
                .map_err(fail)?;
            print(&listing, args.format, i18n, SUB_COLUMNS, sub_fields)?;
            finish(&listing, i18n, "pick.cli.count.subscription");
            if !listing.items.is_empty() {
                report(
                    None,
                    &i18n.trv("pick.cli.next.subscription", &[("org", org)]),
                );
            }
        }
    }
    Ok(())
}

/// The client's settings from `--region` / `--base-url`.
fn settings(args: &CheckArgs) -> Settings {
    let base_url = match (&args.base_url, args.region) {
        (Some(url), _) => url.clone(),
        (None, region) => Region::from(region.unwrap_or(RegionArg::Com))
            .base_url()
            .to_owned(),
    };
    Settings {
        base_url,
        ..Settings::default()
    }
}

/// The TSV header of the organizations (ids, never translated).
const ORG_COLUMNS: &[&str] = &["id", "name", "api_enabled", "licensing_model", "region"];

/// The TSV header of the subscriptions (ids, never translated).
const SUB_COLUMNS: &[&str] = &[
    "subscription_id",
    "name",
    "status",
    "type",
    "smart_account_name",
    "smart_account_domain",
    "networks",
];

fn org_fields(o: &OrgEntry) -> Vec<String> {
    vec![
        o.id.clone(),
        o.name.clone().unwrap_or_default(),
        o.api_enabled.map(|b| b.to_string()).unwrap_or_default(),
        o.licensing_model.clone().unwrap_or_default(),
        o.region.clone().unwrap_or_default(),
    ]
}

fn sub_fields(s: &SubEntry) -> Vec<String> {
    vec![
        s.id.clone(),
        s.name.clone().unwrap_or_default(),
        s.status.clone().unwrap_or_default(),
        s.kind.clone().unwrap_or_default(),
        s.smart_account_name.clone().unwrap_or_default(),
        s.smart_account_domain.clone().unwrap_or_default(),
        s.networks.map(|n| n.to_string()).unwrap_or_default(),
    ]
}

/// The listing on standard output, one item per line.
fn print<T: Entry>(
    listing: &Listing<T>,
    format: ListFormat,
    i18n: &I18n,
    columns: &[&str],
    fields: fn(&T) -> Vec<String>,
) -> Result<(), u8> {
    let mut text = String::new();
    match format {
        ListFormat::Text => {
            for item in &listing.items {
                text.push_str(&printable(&item.row_text(i18n)));
                text.push('\n');
            }
        }
        ListFormat::Tsv => {
            text.push_str(&columns.join("\t"));
            text.push('\n');
            for item in &listing.items {
                let line: Vec<String> = fields(item).iter().map(|f| tsv_field(f)).collect();
                text.push_str(&line.join("\t"));
                text.push('\n');
            }
        }
    }
    match write_stdout(&text, i18n) {
        0 => Ok(()),
        code => Err(code),
    }
}

/// A value as one TSV field: on one line, no tab, nothing a terminal would run.
fn tsv_field(value: &str) -> String {
    printable(value)
}

/// The count, and the items that could not be read, on standard error.
fn finish<T>(listing: &Listing<T>, i18n: &I18n, count_key: &str) {
    report(None, &i18n.trn(count_key, listing.items.len() as u64, &[]));
    if listing.unreadable > 0 {
        report(None, &i18n.trn("pick.unreadable", listing.unreadable, &[]));
    }
}
