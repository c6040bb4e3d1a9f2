//! How the evidence maps onto the procedure (the spec's table): proposals the user
//! accepts with one click, and findings, some of which are conflicts with what was
//! stated. Nothing here changes an answer.

use std::collections::BTreeMap;

use crate::i18n::I18n;
use crate::procedure::rules::Answers;

use super::found::Evidence;

/// The question the claim/bind evidence answers.
pub const CLAIMED_BOUND: &str = "claimed_bound";

/// An answer the evidence supports, offered to the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    /// The question id.
    pub question: String,
    /// The option id proposed.
    pub option: String,
}

/// Something the evidence tells that the user should read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    /// The organization does not use subscription licensing: the article does not apply.
    NotSubscriptionLicensing {
        /// The organization's licensing model.
        model: String,
    },
    /// The subscription is not listed for the organization: not claimed there.
    NotListed {
        /// The subscription looked for.
        subscription_id: String,
    },
    /// The subscription is claimed but no network is bound to it.
    NoNetworkBound,
    /// The subscription's Smart Account status differs from the answer given.
    SmartAccountStatusConflict {
        /// The status found (`active` or `pending`).
        found: String,
        /// The answer given to `sa_status`.
        stated: String,
    },
    /// The subscription belongs to another Smart Account than the one entered.
    OtherSmartAccount {
        /// Its Smart Account's name (or "?").
        name: String,
        /// Its Smart Account's domain.
        domain: String,
    },
    /// The subscription's own status is not active.
    SubscriptionStatus {
        /// The status.
        status: String,
    },
    /// An Enterprise Agreement subscription: under CSSM control, its licences show in
    /// CSSM only.
    EnterpriseAgreement,
    /// The answer to `claimed_bound` differs from what the Dashboard shows.
    ClaimConflict {
        /// The option the evidence supports.
        found: String,
        /// The option given.
        stated: String,
    },
}

impl Finding {
    /// Whether this finding contradicts something the user stated.
    pub fn is_conflict(&self) -> bool {
        matches!(
            self,
            Finding::SmartAccountStatusConflict { .. }
                | Finding::OtherSmartAccount { .. }
                | Finding::ClaimConflict { .. }
        )
    }

    /// The finding in plain words, in a language.
    pub fn message(&self, i18n: &I18n) -> String {
        match self {
            Finding::NotSubscriptionLicensing { model } => {
                i18n.trv("dashboard.finding.not_subscription", &[("model", model)])
            }
            Finding::NotListed { subscription_id } => i18n.trv(
                "dashboard.finding.not_listed",
                &[("subscription", subscription_id)],
            ),
            Finding::NoNetworkBound => i18n.tr("dashboard.finding.no_network").to_owned(),
            Finding::SmartAccountStatusConflict { found, stated } => i18n.trv(
                "dashboard.finding.sa_status_conflict",
                &[
                    ("found", &sa_status_word(i18n, found)),
                    ("stated", &sa_status_word(i18n, stated)),
                ],
            ),
            Finding::OtherSmartAccount { name, domain } => i18n.trv(
                "dashboard.finding.other_smart_account",
                &[("name", name), ("domain", domain)],
            ),
            Finding::SubscriptionStatus { status } => {
                i18n.trv("dashboard.finding.status", &[("status", status)])
            }
            Finding::EnterpriseAgreement => {
                i18n.tr("dashboard.finding.enterprise_agreement").to_owned()
            }
            Finding::ClaimConflict { found, stated } => i18n.trv(
                "dashboard.finding.claim_conflict",
                &[
                    ("found", &claim_word(i18n, found)),
                    ("stated", &claim_word(i18n, stated)),
                ],
            ),
        }
    }
}

fn sa_status_word(i18n: &I18n, status: &str) -> String {
    match status {
        "active" => i18n.tr("dashboard.word.active").to_owned(),
        "pending" => i18n.tr("dashboard.word.pending").to_owned(),
        other => other.to_owned(),
    }
}

fn claim_word(i18n: &I18n, option: &str) -> String {
    match option {
        "yes" => i18n.tr("dashboard.word.claimed").to_owned(),
        "no" => i18n.tr("dashboard.word.not_claimed").to_owned(),
        _ => i18n.tr("dashboard.word.not_checked").to_owned(),
    }
}

/// What the evidence means for a case's answers and fields.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Analysis {
    /// Answers the evidence supports that the case does not hold yet.
    pub proposals: Vec<Proposal>,
    /// Every finding, conflicts included.
    pub findings: Vec<Finding>,
}

impl Analysis {
    /// The findings that contradict what was stated.
    pub fn conflicts(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.is_conflict())
    }
}

/// The proposal the evidence supports for `claimed_bound`, if any: `no` when the
/// subscription is not listed, `yes` when it is listed with networks bound, none when it
/// is listed with no network (or the count is unknown).
pub fn claim_proposal(evidence: &Evidence) -> Option<&'static str> {
    evidence.subscription_id.as_ref()?;
    match &evidence.subscription {
        None => Some("no"),
        Some(s) => match s.networks {
            Some(n) if n > 0 => Some("yes"),
            _ => None,
        },
    }
}

/// Maps evidence onto a case's answers and fields (the spec's table).
pub fn analyse(
    evidence: &Evidence,
    answers: &Answers,
    fields: &BTreeMap<String, String>,
) -> Analysis {
    let mut analysis = Analysis::default();
    if let Some(model) = &evidence.licensing_model
        && model != "subscription"
    {
        analysis.findings.push(Finding::NotSubscriptionLicensing {
            model: model.clone(),
        });
    }
    let proposal = claim_proposal(evidence);
    match (&evidence.subscription_id, &evidence.subscription) {
        (Some(id), None) => analysis.findings.push(Finding::NotListed {
            subscription_id: id.clone(),
        }),
        (_, Some(s)) => {
            if proposal.is_none() {
                analysis.findings.push(Finding::NoNetworkBound);
            }
            if let Some(found) = s.smart_account_status.as_deref()
                && (found == "active" || found == "pending")
                && let Some(stated) = answers.get("sa_status")
                && stated != found
            {
                analysis.findings.push(Finding::SmartAccountStatusConflict {
                    found: found.to_owned(),
                    stated: stated.clone(),
                });
            }
            if let Some(domain) = s.smart_account_domain.as_deref()
                && let Some(entered) = fields.get("smart_account_domain")
                && !entered.trim().is_empty()
                && !domain.eq_ignore_ascii_case(entered.trim())
            {
                analysis.findings.push(Finding::OtherSmartAccount {
                    name: s.smart_account_name.clone().unwrap_or_else(|| "?".into()),
                    domain: domain.to_owned(),
                });
            }
            if let Some(status) = s.status.as_deref()
                && status != "active"
            {
                analysis.findings.push(Finding::SubscriptionStatus {
                    status: status.to_owned(),
                });
            }
            if s.kind.as_deref() == Some("enterpriseAgreement") {
                analysis.findings.push(Finding::EnterpriseAgreement);
            }
        }
        (None, None) => {}
    }
    if let Some(found) = proposal {
        match answers.get(CLAIMED_BOUND).map(String::as_str) {
            Some(stated) if stated == found => {}
            Some(stated) if stated == "yes" || stated == "no" => {
                analysis.findings.push(Finding::ClaimConflict {
                    found: found.to_owned(),
                    stated: stated.to_owned(),
                });
                analysis.proposals.push(Proposal {
                    question: CLAIMED_BOUND.to_owned(),
                    option: found.to_owned(),
                });
            }
            _ => analysis.proposals.push(Proposal {
                question: CLAIMED_BOUND.to_owned(),
                option: found.to_owned(),
            }),
        }
    }
    analysis
}

/// What is said of evidence checked for other IDs than the case names now: which
/// organization and subscription it was checked for, and to check again.
pub fn stale_line(evidence: &Evidence, i18n: &I18n) -> String {
    let none = i18n.tr("dashboard.stale.no_subscription");
    i18n.trv(
        "dashboard.stale",
        &[
            ("org", &evidence.organization_id),
            (
                "subscription",
                evidence.subscription_id.as_deref().unwrap_or(none),
            ),
            (
                "when",
                &evidence
                    .checked_at
                    .strftime("%Y-%m-%d %H:%M UTC")
                    .to_string(),
            ),
        ],
    )
}

/// The facts found, one line each, in a language (for the window, the command line
/// and the summary). Values the API did not give are shown as unknown.
pub fn fact_lines(evidence: &Evidence, i18n: &I18n) -> Vec<String> {
    let unknown = i18n.tr("dashboard.fact.unknown");
    let or_unknown = |v: &Option<String>| v.clone().unwrap_or_else(|| unknown.to_owned());
    let mut lines = vec![
        i18n.trv(
            "dashboard.fact.organization",
            &[
                ("id", &evidence.organization_id),
                ("name", &or_unknown(&evidence.organization_name)),
            ],
        ),
        i18n.trv(
            "dashboard.fact.licensing_model",
            &[("model", &or_unknown(&evidence.licensing_model))],
        ),
    ];
    match (&evidence.subscription_id, &evidence.subscription) {
        // The listing was asked for this subscription only: its count says nothing
        // about the organization.
        (Some(id), None) => {
            lines.push(i18n.trv("dashboard.fact.not_listed", &[("subscription", id)]))
        }
        (_, Some(s)) => {
            lines.push(i18n.trv(
                "dashboard.fact.subscription",
                &[
                    ("subscription", &s.subscription_id),
                    ("name", &or_unknown(&s.name)),
                    ("status", &or_unknown(&s.status)),
                    ("type", &or_unknown(&s.kind)),
                ],
            ));
            lines.push(
                i18n.trv(
                    "dashboard.fact.networks",
                    &[(
                        "count",
                        &s.networks
                            .map(|n| n.to_string())
                            .unwrap_or_else(|| unknown.to_owned()),
                    )],
                ),
            );
            lines.push(i18n.trv(
                "dashboard.fact.smart_account",
                &[
                    ("name", &or_unknown(&s.smart_account_name)),
                    ("domain", &or_unknown(&s.smart_account_domain)),
                    ("status", &or_unknown(&s.smart_account_status)),
                ],
            ));
            if let Some(order) = &s.web_order_id {
                lines.push(i18n.trv("dashboard.fact.web_order", &[("order", order)]));
            }
        }
        (None, None) => lines.push(i18n.trv(
            "dashboard.fact.listed",
            &[("count", &evidence.subscriptions_listed.to_string())],
        )),
    }
    lines
}

/// When, where and with which request ids the check was made, one line, in a language.
pub fn provenance_line(evidence: &Evidence, i18n: &I18n) -> String {
    let when = evidence
        .checked_at
        .strftime("%Y-%m-%d %H:%M:%S UTC")
        .to_string();
    let ids = if evidence.request_ids.is_empty() {
        i18n.tr("dashboard.fact.unknown").to_owned()
    } else {
        evidence.request_ids.join(", ")
    };
    i18n.trv(
        "dashboard.fact.provenance",
        &[
            ("when", &when),
            ("base_url", &evidence.base_url),
            ("request_ids", &ids),
        ],
    )
}

/// The proposal in plain words, in a language.
pub fn proposal_text(proposal: &Proposal, i18n: &I18n) -> String {
    let key = format!(
        "dashboard.proposal.{}.{}",
        proposal.question, proposal.option
    );
    i18n.tr(&key).to_owned()
}

/// The evidence, the proposals, the findings and the conflicts as plain text, in a
/// language (what `check` prints).
pub fn report_text(evidence: &Evidence, analysis: &Analysis, i18n: &I18n) -> String {
    let mut out = String::new();
    let mut section = |title: &str, lines: Vec<String>| {
        out.push_str(title);
        out.push('\n');
        if lines.is_empty() {
            out.push_str("  ");
            out.push_str(i18n.tr("dashboard.none"));
            out.push('\n');
        }
        for line in lines {
            out.push_str("  - ");
            out.push_str(&line);
            out.push('\n');
        }
        out.push('\n');
    };
    let mut facts = vec![provenance_line(evidence, i18n)];
    facts.extend(fact_lines(evidence, i18n));
    section(i18n.tr("dashboard.title"), facts);
    section(
        i18n.tr("dashboard.proposals"),
        analysis
            .proposals
            .iter()
            .map(|p| proposal_text(p, i18n))
            .collect(),
    );
    section(
        i18n.tr("dashboard.findings"),
        analysis
            .findings
            .iter()
            .filter(|f| !f.is_conflict())
            .map(|f| f.message(i18n))
            .collect(),
    );
    section(
        i18n.tr("dashboard.conflicts"),
        analysis.conflicts().map(|f| f.message(i18n)).collect(),
    );
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}
