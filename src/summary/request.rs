//! The request an outcome carries, in English: to SWIT (forwarded by Meraki Support), or
//! to Meraki Support (sent by the partner), worded by who confirmed each fact.
//!
//! The answer to `claimed_bound` decides the wording (procedure spec, "Changes in
//! version 3", "The requests, by source of `claimed_bound`"):
//! - confirmed by Meraki Support (or a file that does not say): the version 2 wording;
//! - accepted from a Dashboard check that backs it ([`Case::source_unbacked`] false):
//!   the request starts from the check, and Meraki Support is told to confirm it first;
//! - stated by the partner, or a Dashboard source without evidence backing it: the
//!   version 2 wording, and Meraki Support is told to confirm it first.
//!
//! Disagreements between the current evidence ([`Case::current_evidence`]) and the
//! request are listed above it, and the request ends with a note naming each with the
//! values found. Stale evidence is never used.

use std::collections::BTreeMap;

use crate::case::{AnswerSource, Case};
use crate::evidence::{CLAIMED_BOUND, Evidence, Finding, analyse};
use crate::i18n::{I18n, Lang};
use crate::procedure::rules::{Evaluation, evaluate};
use crate::procedure::validation::FieldError;
use crate::procedure::{Outcome, Procedure};
use crate::summary::swit::fill_clauses;

/// The request template for a SWIT outcome whose answer is "claimed and bound".
const CLAIMED: &str = "swit_request.claimed";
/// The request template for a SWIT outcome whose answer is "not claimed/bound".
const NOT_CONTROLLED: &str = "swit_request.not_controlled";
/// The IDs without which a request to SWIT cannot be acted on, in the order named.
const SWIT_IDS: [&str; 2] = ["subscription_id", "meraki_org_id"];

/// Who a request is written to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recipient {
    /// Cisco's SWIT team, through Meraki Support.
    Swit,
    /// Meraki Support, from the partner.
    MerakiSupport,
}

/// Why Meraki Support must confirm the answer before forwarding the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirm {
    /// The answer was accepted from the partner's own Dashboard check.
    Dashboard,
    /// The answer is the partner's statement (or claims a source nothing backs).
    Partner,
}

impl Confirm {
    /// The line for Meraki Support, in a language.
    pub fn line(self, i18n: &I18n) -> String {
        match self {
            Confirm::Dashboard => i18n.tr("request.confirm.dashboard"),
            Confirm::Partner => i18n.tr("request.confirm.partner"),
        }
        .to_owned()
    }
}

/// The request an outcome carries, with what must be said above it.
#[derive(Debug, Clone, PartialEq)]
pub struct OutcomeRequest {
    /// Who it is written to.
    pub recipient: Recipient,
    /// The request, in English, ready to copy (claim keys redacted).
    pub text: String,
    /// When Meraki Support must confirm the answer before sending it.
    pub confirm: Option<Confirm>,
    /// What the current Dashboard evidence says against the request.
    pub disagreements: Vec<Finding>,
    /// The IDs SWIT cannot act without that the case lacks (`subscription_id`,
    /// `meraki_org_id`); empty for a request to Meraki Support.
    pub missing_ids: Vec<&'static str>,
}

impl OutcomeRequest {
    /// The lead of a request to SWIT, addressed to Meraki Support, in a language: add
    /// the missing IDs before sending, or paste it as it is. `None` for a request to
    /// Meraki Support.
    pub fn missing_ids_line(&self, i18n: &I18n) -> Option<String> {
        let key = match self.missing_ids.as_slice() {
            [] => return None,
            [one] if *one == "subscription_id" => "request.lead.missing_subscription",
            [_] => "request.lead.missing_org",
            _ => "request.lead.missing_both",
        };
        Some(i18n.tr(key).to_owned())
    }

    /// Each disagreement in plain words, in a language (as the evidence shows it).
    pub fn disagreement_lines(&self, i18n: &I18n) -> Vec<String> {
        self.disagreements.iter().map(|f| f.message(i18n)).collect()
    }
}

/// Whether a finding goes against a request: another Smart Account, its status against
/// the answer, no network bound, a status other than active, a licensing model other
/// than subscription, or a claim answer the Dashboard contradicts.
pub fn disagrees(finding: &Finding) -> bool {
    matches!(
        finding,
        Finding::OtherSmartAccount { .. }
            | Finding::SmartAccountStatusConflict { .. }
            | Finding::NoNetworkBound
            | Finding::SubscriptionStatus { .. }
            | Finding::NotSubscriptionLicensing { .. }
            | Finding::ClaimConflict { .. }
    )
}

/// The request template of an outcome and who it goes to: its own request to SWIT or
/// to Meraki Support, else, for a case whose escape hatch was taken, the request to
/// SWIT its answers lead to without it.
pub fn template_of<'p>(
    procedure: &'p Procedure,
    outcome: &'p Outcome,
    case: &Case,
    eval: &Evaluation,
) -> Option<(Recipient, &'p str)> {
    if let Some(key) = &outcome.swit_request {
        return Some((Recipient::Swit, key));
    }
    if let Some(key) = &outcome.meraki_request {
        return Some((Recipient::MerakiSupport, key));
    }
    if eval.escalated {
        let without = evaluate(procedure, &case.answers, false);
        let led_to = without
            .outcome
            .as_deref()
            .and_then(|id| procedure.outcome(id))?;
        return led_to
            .swit_request
            .as_deref()
            .map(|key| (Recipient::Swit, key));
    }
    None
}

/// The request `case` carries at its outcome, if any (see [`template_of`]), built from
/// `fields_en`, the case's validated fields with claim keys redacted the English way.
pub fn outcome_request(
    procedure: &Procedure,
    case: &Case,
    eval: &Evaluation,
    fields_en: &BTreeMap<String, Result<String, FieldError>>,
) -> Option<OutcomeRequest> {
    outcome_request_translated(procedure, case, eval, fields_en, Lang::En)
}

/// The same request written in `lang`: in English, the one to forward
/// ([`outcome_request`]); in another language, for the partner to read, never to send.
pub fn outcome_request_translated(
    procedure: &Procedure,
    case: &Case,
    eval: &Evaluation,
    fields: &BTreeMap<String, Result<String, FieldError>>,
    lang: Lang,
) -> Option<OutcomeRequest> {
    let outcome = eval
        .outcome
        .as_deref()
        .and_then(|id| procedure.outcome(id))?;
    let (recipient, key) = template_of(procedure, outcome, case, eval)?;
    Some(build_in(recipient, key, case, fields, lang))
}

/// The request for the template `key` written to `recipient` (see the module's doc).
pub fn build(
    recipient: Recipient,
    key: &str,
    case: &Case,
    fields_en: &BTreeMap<String, Result<String, FieldError>>,
) -> OutcomeRequest {
    build_in(recipient, key, case, fields_en, Lang::En)
}

/// [`build`] in the language `lang` (the catalogue words every template and note in
/// both languages; only the English one is sent).
fn build_in(
    recipient: Recipient,
    key: &str,
    case: &Case,
    fields_en: &BTreeMap<String, Result<String, FieldError>>,
    lang: Lang,
) -> OutcomeRequest {
    let en = I18n::new(lang);
    let redacted = en.tr("summary.redacted");
    let evidence = case.current_evidence();
    let field = |id: &str| match fields_en.get(id) {
        Some(Ok(v)) if !v.is_empty() => Some(
            crate::summary::markdown::literal(&crate::secrets::redact(v, redacted), true)
                .into_owned(),
        ),
        _ => None,
    };
    let missing_ids = if recipient == Recipient::Swit {
        SWIT_IDS
            .into_iter()
            .filter(|id| field(id).is_none())
            .collect()
    } else {
        Vec::new()
    };
    if recipient == Recipient::MerakiSupport {
        return OutcomeRequest {
            recipient,
            text: fill_clauses(en.tr(key), &field),
            confirm: None,
            disagreements: Vec::new(),
            missing_ids,
        };
    }
    let source = case.answer_source(CLAIMED_BOUND);
    let backed = !case.source_unbacked(CLAIMED_BOUND);
    let from_check = match evidence {
        Some(e) if source == AnswerSource::DashboardApi && backed => {
            dashboard_text(key, e, &field, &en)
        }
        _ => None,
    };
    let (mut text, confirm) = match from_check {
        Some(text) => (text, Some(Confirm::Dashboard)),
        None => {
            let text = fill_clauses(en.tr(key), &field);
            let text = match evidence {
                Some(e) => with_check_line(text, e, &en),
                None => text,
            };
            let confirm = (source != AnswerSource::MerakiSupport).then_some(Confirm::Partner);
            (text, confirm)
        }
    };
    let disagreements: Vec<Finding> = evidence
        .map(|e| {
            analyse(e, &case.answers, &case.fields)
                .findings
                .into_iter()
                .filter(disagrees)
                .collect()
        })
        .unwrap_or_default();
    if !disagreements.is_empty() {
        let notes: Vec<String> = disagreements.iter().map(|f| note(f, &field, &en)).collect();
        text.push('\n');
        text.push_str(&en.trv("request.note", &[("findings", &notes.join("; "))]));
    }
    OutcomeRequest {
        recipient,
        text: crate::secrets::redact(&text, redacted).into_owned(),
        confirm,
        disagreements,
        missing_ids,
    }
}

/// The request started from the check, when the check backs the template's answer:
/// listed with networks for "claimed", not listed (the whole listing read) for "not
/// controlled". `None` otherwise.
fn dashboard_text(
    key: &str,
    e: &Evidence,
    field: &dyn Fn(&str) -> Option<String>,
    en: &I18n,
) -> Option<String> {
    let template = match (key, &e.subscription) {
        (CLAIMED, Some(_)) => "swit_request.dashboard_listed",
        (NOT_CONTROLLED, None) if e.subscription_id.is_some() && e.listing_certain() => {
            "swit_request.dashboard_not_listed"
        }
        _ => return None,
    };
    let checked_at = super::utc::time(e.checked_at);
    let request_id = e.request_ids.last().cloned();
    let networks = match e.subscription.as_ref().and_then(|s| s.networks) {
        Some(n) => en.trn("request.networks", n, &[]),
        None => en.tr("request.networks.unknown").to_owned(),
    };
    let sa = e.subscription.as_ref().and_then(|s| {
        smart_account(
            s.smart_account_name.as_deref(),
            s.smart_account_domain.as_deref(),
        )
    });
    let value = |name: &str| -> Option<String> {
        match name {
            "checked_at" => Some(checked_at.clone()),
            "request_id" => request_id.clone(),
            "networks" => Some(networks.clone()),
            "dashboard_smart_account" => sa.clone(),
            other => field(other),
        }
    };
    Some(fill_clauses(en.tr(template), &value))
}

/// A Smart Account as a request names it: `"Acme Corp" (acme.example)`, the name or
/// the domain alone, or `None` when neither is known.
fn smart_account(name: Option<&str>, domain: Option<&str>) -> Option<String> {
    match (name, domain) {
        (Some(n), Some(d)) => Some(format!("\"{n}\" ({d})")),
        (Some(n), None) => Some(format!("\"{n}\"")),
        (None, Some(d)) => Some(d.to_owned()),
        (None, None) => None,
    }
}

/// One disagreement, in English, with the values found, for the request's note.
fn note(finding: &Finding, field: &dyn Fn(&str) -> Option<String>, en: &I18n) -> String {
    let unknown = en.tr("request.note.unknown");
    match finding {
        Finding::OtherSmartAccount { name, domain } => {
            let found = smart_account(
                Some(name).filter(|n| *n != "?").map(String::as_str),
                Some(domain),
            )
            .unwrap_or_else(|| unknown.to_owned());
            let entered = smart_account(
                field("smart_account_name").as_deref(),
                field("smart_account_domain").as_deref(),
            )
            .unwrap_or_else(|| unknown.to_owned());
            en.trv(
                "request.note.other_smart_account",
                &[("found", &found), ("entered", &entered)],
            )
        }
        Finding::SmartAccountStatusConflict { found, stated } => en.trv(
            "request.note.sa_status",
            &[("found", found), ("stated", stated)],
        ),
        Finding::NoNetworkBound => en.tr("request.note.no_network").to_owned(),
        Finding::SubscriptionStatus { status } => {
            en.trv("request.note.status", &[("status", status)])
        }
        Finding::NotSubscriptionLicensing { model } => {
            en.trv("request.note.licensing", &[("model", model)])
        }
        Finding::ClaimConflict { found, .. } => {
            let org = field("meraki_org_id").unwrap_or_else(|| unknown.to_owned());
            let key = if found == "yes" {
                "request.note.claim_listed"
            } else {
                "request.note.claim_not_listed"
            };
            en.trv(key, &[("org", &org)])
        }
        other => other.message(en),
    }
}

/// The version 2 request followed by what the check found (in English, as the
/// request), when the answer was not accepted from that check.
fn with_check_line(request: String, e: &Evidence, en: &I18n) -> String {
    let unknown = en.tr("dashboard.fact.unknown");
    let when = format!("{} UTC", super::utc::time(e.checked_at));
    let request_id = e.request_ids.last().map_or(unknown, String::as_str);
    let line = match &e.subscription {
        Some(sub) => {
            let sa = smart_account(
                sub.smart_account_name.as_deref(),
                sub.smart_account_domain.as_deref(),
            )
            .unwrap_or_else(|| unknown.to_owned());
            let networks = sub.networks.map(|n| n.to_string());
            en.trv(
                "dashboard.swit.checked",
                &[
                    ("when", &when),
                    ("status", sub.status.as_deref().unwrap_or(unknown)),
                    ("networks", networks.as_deref().unwrap_or(unknown)),
                    ("smart_account", &sa),
                    ("request_id", request_id),
                ],
            )
        }
        // Only a listing read in full says "not listed" (issue 18).
        None if e.subscription_id.is_some() && e.listing_certain() => en.trv(
            "dashboard.swit.checked_not_listed",
            &[
                ("when", &when),
                ("org", &e.organization_id),
                ("request_id", request_id),
            ],
        ),
        None => return request,
    };
    format!("{request}\n{line}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(missing_ids: Vec<&'static str>) -> OutcomeRequest {
        OutcomeRequest {
            recipient: Recipient::Swit,
            text: String::new(),
            confirm: None,
            disagreements: Vec::new(),
            missing_ids,
        }
    }

    #[test]
    fn the_lead_names_the_missing_ids_for_meraki_support_to_add() {
        let en = I18n::new(Lang::En);
        assert_eq!(request(vec![]).missing_ids_line(&en), None);
        for (ids, starts) in [
            (
                vec!["subscription_id"],
                "Meraki Support: the subscription ID is missing.",
            ),
            (
                vec!["meraki_org_id"],
                "Meraki Support: the Meraki organization ID is missing.",
            ),
            (
                vec!["subscription_id", "meraki_org_id"],
                "Meraki Support: the subscription ID and the Meraki organization ID are missing.",
            ),
        ] {
            let line = request(ids).missing_ids_line(&en).expect("a line");
            assert!(line.starts_with(starts), "{line}");
            assert!(line.contains("before you send it to SWIT"), "{line}");
        }
    }

    #[test]
    fn a_smart_account_is_named_by_what_is_known() {
        assert_eq!(
            smart_account(Some("Globex"), Some("globex.example")).as_deref(),
            Some("\"Globex\" (globex.example)")
        );
        assert_eq!(
            smart_account(None, Some("globex.example")).as_deref(),
            Some("globex.example")
        );
        assert_eq!(smart_account(None, None), None);
    }
}
