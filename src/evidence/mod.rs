//! Evidence from the Meraki Dashboard, as plain data: what a check is asked to look up
//! ([`target`]), what it found ([`found`]), what a key can read ([`listing`]), why it
//! failed ([`error`]) and what that means for the case's answers ([`mapping`]). No
//! HTTP here: the client that fetches it is `crate::dashboard` (feature `dashboard`),
//! the only module that talks to the network.

mod echo;
pub mod error;
pub mod found;
pub mod listing;
pub mod mapping;
pub mod target;

pub use echo::{KEY_REPLACEMENT, redact_secret, redact_secret_bytes};
pub use error::{DashboardError, Reply};
pub use found::{Evidence, MAX_REQUEST_IDS, MAX_TEXT, SubscriptionFacts, clean};
pub use listing::{Entry, Listing, OrgEntry, SubEntry};
pub use mapping::{
    Analysis, CLAIMED_BOUND, Finding, Proposal, analyse, claim_proposal, fact_lines, proposal_text,
    provenance_line, report_text, stale_line,
};
pub use target::{ApiKey, CheckProgress, KEY_VAR, Region, Target};
