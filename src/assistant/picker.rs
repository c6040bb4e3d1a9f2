//! Picking the organization and the subscription from what the Dashboard key can read
//! (issue 19), as the window drives it: the listings run off the UI thread like the
//! check ([`Request::ListDashboard`]), and choosing an item is an edit of the field like
//! a typed one (logged, undoable). The lists are kept in memory only, for the window's
//! life, and forgotten when the key or the region changes: they are that key's.

use jiff::Timestamp;

use super::banner::{BannerKind, undo_banner};
use super::{Action, Assistant, Request};
use crate::evidence::{CheckProgress, DashboardError, Entry, Listing, OrgEntry, SubEntry, Target};

/// The field an organization fills.
pub const ORG_FIELD: &str = "meraki_org_id";

/// The field a subscription fills.
pub const SUBSCRIPTION_FIELD: &str = "subscription_id";

/// What is listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListKind {
    /// The organizations the key can read.
    Organizations,
    /// The subscriptions of this organization (its ID).
    Subscriptions(String),
}

/// A listing's result, from the listing's thread.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Listed {
    /// The organizations.
    Organizations(Listing<OrgEntry>),
    /// The subscriptions of an organization.
    Subscriptions {
        /// The organization's ID.
        organization_id: String,
        /// Its subscriptions.
        listing: Listing<SubEntry>,
    },
}

/// Where the listing stands.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum ListStatus {
    /// Nothing running.
    #[default]
    Idle,
    /// A listing runs; the last progress report, if any.
    Running(ListKind, Option<CheckProgress>),
    /// The last listing failed (or was cancelled).
    Failed(ListKind, DashboardError),
}

/// Which list is on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// The organizations.
    Organizations,
    /// The subscriptions of the organization in [`Picker::subscriptions`].
    Subscriptions,
}

/// The picker's state: the lists read so far and what is on screen. Never saved.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Picker {
    /// Where the listing stands.
    pub status: ListStatus,
    /// The organizations, once listed.
    pub organizations: Option<Listing<OrgEntry>>,
    /// The subscriptions of one organization (its ID), once listed.
    pub subscriptions: Option<(String, Listing<SubEntry>)>,
    /// The list on screen, if any.
    pub shown: Option<Shown>,
    /// The organization chosen whose API access is off (its subscriptions cannot be
    /// listed): said next to the list.
    pub api_off: Option<String>,
}

impl Picker {
    /// Whether a listing runs.
    pub fn running(&self) -> bool {
        matches!(self.status, ListStatus::Running(..))
    }

    /// Forgets the lists (another key or region: they were that key's); a listing
    /// still running is old news.
    fn forget(&mut self) {
        *self = Picker::default();
    }
}

impl Assistant {
    pub(super) fn apply_picker(&mut self, action: Action, now: Timestamp) {
        match action {
            Action::ListOrganizations => {
                self.dashboard.picker.api_off = None;
                if self.dashboard.picker.organizations.is_some() {
                    self.dashboard.picker.shown = Some(Shown::Organizations);
                    self.dashboard.picker.status = ListStatus::Idle;
                } else {
                    self.start_listing(ListKind::Organizations);
                }
            }
            Action::ListSubscriptions => {
                self.dashboard.picker.api_off = None;
                match Target::new(self.case.field(ORG_FIELD), None) {
                    Ok(target) => self.list_subscriptions_of(target.organization_id),
                    Err(e) => {
                        let org = self.case.field(ORG_FIELD).trim().to_owned();
                        self.dashboard.picker.status =
                            ListStatus::Failed(ListKind::Subscriptions(org), e);
                    }
                }
            }
            Action::CancelDashboardList if self.dashboard.picker.running() => {
                self.requests.push(Request::CancelDashboardList);
            }
            Action::DashboardListProgress(p) => {
                if let ListStatus::Running(kind, _) = &self.dashboard.picker.status {
                    self.dashboard.picker.status = ListStatus::Running(kind.clone(), Some(p));
                }
            }
            Action::DashboardListed(result) => self.listed(*result),
            Action::CloseDashboardList => {
                let picker = &mut self.dashboard.picker;
                picker.shown = None;
                picker.api_off = None;
                if !picker.running() {
                    picker.status = ListStatus::Idle;
                }
            }
            Action::ChooseOrganization(id) => self.choose_organization(&id, now),
            Action::ChooseSubscription(id) => self.choose_subscription(&id, now),
            _ => {}
        }
    }

    /// Forgets the lists read with the key or region in use until now.
    pub(super) fn forget_lists(&mut self) {
        if self.dashboard.picker.running() {
            self.requests.push(Request::CancelDashboardList);
        }
        self.dashboard.picker.forget();
    }

    fn start_listing(&mut self, kind: ListKind) {
        let picker = &mut self.dashboard.picker;
        if picker.running() {
            self.requests.push(Request::CancelDashboardList);
        }
        let Some(key) = self.dashboard.key.clone() else {
            self.dashboard.picker.status = ListStatus::Failed(kind, DashboardError::NoKey);
            return;
        };
        self.dashboard.picker.status = ListStatus::Running(kind.clone(), None);
        self.requests.push(Request::ListDashboard {
            base_url: self.dashboard.base_url(),
            key,
            kind,
        });
    }

    fn list_subscriptions_of(&mut self, org: String) {
        let picker = &mut self.dashboard.picker;
        if picker
            .subscriptions
            .as_ref()
            .is_some_and(|(o, _)| *o == org)
        {
            picker.shown = Some(Shown::Subscriptions);
            picker.status = ListStatus::Idle;
        } else {
            self.start_listing(ListKind::Subscriptions(org));
        }
    }

    fn listed(&mut self, result: Result<Listed, DashboardError>) {
        let picker = &mut self.dashboard.picker;
        let ListStatus::Running(kind, _) = &picker.status else {
            // Stopped (another key, region or listing): old news.
            return;
        };
        let kind = kind.clone();
        match result {
            Ok(Listed::Organizations(listing)) if kind == ListKind::Organizations => {
                picker.organizations = Some(listing);
                picker.shown = Some(Shown::Organizations);
                picker.status = ListStatus::Idle;
            }
            Ok(Listed::Subscriptions {
                organization_id,
                listing,
            }) if kind == ListKind::Subscriptions(organization_id.clone()) => {
                picker.subscriptions = Some((organization_id, listing));
                picker.shown = Some(Shown::Subscriptions);
                picker.status = ListStatus::Idle;
            }
            // A result of a listing replaced by another.
            Ok(_) => {}
            Err(e) => picker.status = ListStatus::Failed(kind, e),
        }
    }

    fn choose_organization(&mut self, id: &str, now: Timestamp) {
        let Some(org) = self
            .dashboard
            .picker
            .organizations
            .as_ref()
            .and_then(|l| l.find(id))
            .cloned()
        else {
            return;
        };
        self.choose(ORG_FIELD, &org.id, org.name.clone(), now);
        if org.api_on() {
            self.list_subscriptions_of(org.id);
        } else {
            let picker = &mut self.dashboard.picker;
            picker.api_off = Some(org.id);
            picker.shown = Some(Shown::Organizations);
        }
    }

    fn choose_subscription(&mut self, id: &str, now: Timestamp) {
        let Some(sub) = self
            .dashboard
            .picker
            .subscriptions
            .as_ref()
            .and_then(|(_, l)| l.find(id))
            .cloned()
        else {
            return;
        };
        self.choose(SUBSCRIPTION_FIELD, sub.id(), sub.name.clone(), now);
        self.dashboard.picker.shown = None;
    }

    /// Sets `field` to `id` as a typed edit would (logged), with an undo step and a
    /// banner that offers it.
    fn choose(&mut self, field: &'static str, id: &str, name: Option<String>, now: Timestamp) {
        if self.procedure.field(field).is_none() || self.case.field(field) == id {
            return;
        }
        self.push_undo_fields(&[field]);
        if self.case.set_field(field, id, now) {
            self.changed();
        }
        let id = id.to_owned();
        let key = match field {
            ORG_FIELD => "pick.chosen.org",
            _ => "pick.chosen.subscription",
        };
        self.banner = Some(undo_banner(BannerKind::Success, move |i| {
            let unknown = i.tr("dashboard.fact.unknown");
            i.trv(
                key,
                &[("id", &id), ("name", name.as_deref().unwrap_or(unknown))],
            )
        }));
    }
}
