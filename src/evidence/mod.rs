//! Evidence from the Meraki Dashboard, as plain data: what a check is asked to look up
//! ([`target`]), what it found ([`found`]), why it failed ([`error`]) and what that
//! means for the case's answers ([`mapping`]). No HTTP here: the client that fetches
//! it is `crate::dashboard` (feature `dashboard`), the only module that talks to the
//! network.

pub mod error;
pub mod found;
pub mod mapping;
pub mod target;

pub use error::{DashboardError, Reply};
pub use found::{Evidence, MAX_REQUEST_IDS, MAX_TEXT, SubscriptionFacts, clean, redact_secret};
pub use mapping::{
    Analysis, CLAIMED_BOUND, Finding, Proposal, analyse, claim_proposal, fact_lines, proposal_text,
    provenance_line, report_text, stale_line,
};
pub use target::{ApiKey, CheckProgress, KEY_VAR, Region, Target};
