//! The procedure as data: steps, questions, fields, rules and outcomes.
//!
//! A procedure is loaded from RON (the built-in one is embedded in the binary) and
//! linted on every load ([`load`], which also gives [`Procedure::builtin`]), so a
//! broken procedure never reaches the user. Every text in a procedure is a locale key;
//! ids never change with the language. The folder holds the model (here), loading
//! ([`load`]), the lint ([`lint`]), the rules that evaluate answers ([`rules`]) and the
//! validation of field values ([`validation`]); it imports nothing of the rest of the
//! program but the locales.

pub mod lint;
pub mod load;
pub mod rules;
pub mod validation;

use serde::{Deserialize, Serialize};

/// The source of the built-in procedure, embedded so the program runs from any folder.
pub const BUILTIN_SOURCE: &str =
    include_str!("../../assets/procedures/cssm-subscription-visibility.ron");

/// The only URLs a procedure may link to (and the app may open).
pub const ALLOWED_LINKS: &[&str] = &[
    "https://meraki.cisco.com/meraki-support/open-a-support-case/",
    "https://www.cisco.com/go/scm",
];

/// A whole procedure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Procedure {
    /// Stable id, e.g. `cssm-subscription-visibility`.
    pub id: String,
    /// Version of the procedure; a case file records the version it was answered with.
    pub version: u32,
    /// Locale key of the title.
    pub title: String,
    /// Locale key of the note shown on the first screen.
    pub intro: String,
    /// Steps, in the order they are walked.
    pub steps: Vec<Step>,
    /// Outcome rules, tried in order after every answer.
    pub rules: Vec<Rule>,
    /// The outcome of the "I can't resolve this" escape hatch.
    pub escape_outcome: String,
    /// Every outcome the procedure can reach.
    pub outcomes: Vec<Outcome>,
}

/// One page of the stepper.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// Stable id.
    pub id: String,
    /// Locale key of the title.
    pub title: String,
    /// Locale key of an optional introduction.
    #[serde(default)]
    pub intro: Option<String>,
    /// Fields and questions, in display order.
    pub items: Vec<Item>,
}

/// An input of a step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Item {
    /// A free-text field.
    Field(Field),
    /// A question with a fixed set of options.
    Question(Question),
}

impl Item {
    /// The item's id.
    pub fn id(&self) -> &str {
        match self {
            Item::Field(f) => &f.id,
            Item::Question(q) => &q.id,
        }
    }
}

/// A text field with its validation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// Stable id (a key of the case file's `fields`).
    pub id: String,
    /// What the field holds, which decides its validation.
    pub kind: FieldKind,
    /// Whether the step can be left without it.
    pub required: bool,
    /// Maximum length in characters, after trimming.
    pub max_len: usize,
    /// Locale key of the label.
    pub label: String,
    /// Locale key of a short help text.
    #[serde(default)]
    pub help: Option<String>,
    /// The field is asked (and, when required, needed) only when this holds for the
    /// answers on the path; always when absent.
    #[serde(default)]
    pub when: Option<Condition>,
}

impl Field {
    /// Whether the field is asked, `answer` giving the answer on the path to a question.
    pub fn is_asked<'a>(&self, answer: &impl Fn(&str) -> Option<&'a str>) -> bool {
        self.when.as_ref().is_none_or(|c| c.holds(answer))
    }
}

/// The kinds of text field, each with its own validation (see [`crate::procedure::validation`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FieldKind {
    /// One line of text.
    Text,
    /// Several lines of text.
    Multiline,
    /// A DNS domain name, stored lower-case.
    Domain,
    /// An e-mail address whose domain part is stored lower-case.
    Email,
    /// Digits only.
    Digits,
    /// Letters, digits and `-` (a subscription id); a claim key is refused.
    SubscriptionId,
    /// Letters and digits only.
    Alphanumeric,
}

/// A question with a fixed set of options.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Stable id (a key of the case file's `answers`).
    pub id: String,
    /// Locale key of the question.
    pub label: String,
    /// Locale key of a short help text.
    #[serde(default)]
    pub help: Option<String>,
    /// The question is asked only when this holds for the earlier answers.
    #[serde(default)]
    pub when: Option<Condition>,
    /// The options, in display order.
    pub options: Vec<Choice>,
}

impl Question {
    /// Whether `option` is one of this question's option ids.
    pub fn has_option(&self, option: &str) -> bool {
        self.options.iter().any(|o| o.id == option)
    }

    /// The option with this id.
    pub fn option(&self, option: &str) -> Option<&Choice> {
        self.options.iter().find(|o| o.id == option)
    }
}

/// One option of a question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    /// Stable id (the value stored in the case file).
    pub id: String,
    /// Locale key of the label.
    pub label: String,
}

/// A condition over the answers given so far.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Condition {
    /// The question (first) was answered with the option (second).
    Is(String, String),
    /// Every condition holds.
    All(Vec<Condition>),
    /// At least one condition holds.
    Any(Vec<Condition>),
}

impl Condition {
    /// Whether the condition holds, `answer` giving the answer to a question if any.
    pub fn holds<'a>(&self, answer: &impl Fn(&str) -> Option<&'a str>) -> bool {
        match self {
            Condition::Is(q, o) => answer(q) == Some(o.as_str()),
            Condition::All(cs) => cs.iter().all(|c| c.holds(answer)),
            Condition::Any(cs) => cs.iter().any(|c| c.holds(answer)),
        }
    }

    /// Every (question, option) pair the condition names, in order.
    pub fn atoms(&self) -> Vec<(&str, &str)> {
        let mut out = Vec::new();
        self.collect_atoms(&mut out);
        out
    }

    fn collect_atoms<'a>(&'a self, out: &mut Vec<(&'a str, &'a str)>) {
        match self {
            Condition::Is(q, o) => out.push((q, o)),
            Condition::All(cs) | Condition::Any(cs) => {
                for c in cs {
                    c.collect_atoms(out);
                }
            }
        }
    }
}

/// An outcome rule: when the condition holds, the procedure ends with the outcome.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// The condition over the answers on the path.
    pub when: Condition,
    /// The outcome id.
    pub outcome: String,
}

/// Who must act on an outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Actor {
    /// Nobody: nothing to fix.
    Nobody,
    /// The partner using the assistant.
    You,
    /// Cisco Licensing Support, through Support Case Manager.
    CiscoLicensingSupport,
    /// Meraki Support, through a Meraki case.
    MerakiSupport,
    /// Meraki Support, which in turn opens a case with Cisco's SWIT team.
    MerakiSupportThenSwit,
}

impl Actor {
    /// Locale key of the actor's name.
    pub fn key(self) -> &'static str {
        match self {
            Actor::Nobody => "actor.nobody",
            Actor::You => "actor.you",
            Actor::CiscoLicensingSupport => "actor.cisco_licensing_support",
            Actor::MerakiSupport => "actor.meraki_support",
            Actor::MerakiSupportThenSwit => "actor.meraki_support_then_swit",
        }
    }
}

/// Where a procedure ends: what to do next and who does it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    /// Stable id, also the reference code support uses to triage.
    pub id: String,
    /// Who must act.
    pub actor: Actor,
    /// Locale key of the headline.
    pub headline: String,
    /// Locale key of a short explanation.
    pub explanation: String,
    /// Locale keys of the numbered next actions.
    pub actions: Vec<String>,
    /// Links to open (only [`ALLOWED_LINKS`]).
    pub links: Vec<Link>,
    /// Locale key of the request Meraki Support forwards to SWIT, for the SWIT outcomes.
    #[serde(default)]
    pub swit_request: Option<String>,
    /// Locale key of the request the partner sends to Meraki Support (in English), for
    /// the outcomes that ask Meraki Support to confirm something.
    #[serde(default)]
    pub meraki_request: Option<String>,
    /// Ids of the fields whoever acts on this outcome needs (the identifiers Meraki
    /// Support asks for): the window and the summary list those not given.
    #[serde(default)]
    pub needs: Vec<String>,
}

/// A link shown on an outcome.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    /// The URL (one of [`ALLOWED_LINKS`]).
    pub url: String,
    /// Locale key of the link text.
    pub label: String,
}

impl Procedure {
    /// Every question, in walking order, with the index of its step.
    pub fn questions(&self) -> impl Iterator<Item = (usize, &Question)> {
        self.steps.iter().enumerate().flat_map(|(i, s)| {
            s.items.iter().filter_map(move |item| match item {
                Item::Question(q) => Some((i, q)),
                Item::Field(_) => None,
            })
        })
    }

    /// Every field, in display order, with the index of its step.
    pub fn fields(&self) -> impl Iterator<Item = (usize, &Field)> {
        self.steps.iter().enumerate().flat_map(|(i, s)| {
            s.items.iter().filter_map(move |item| match item {
                Item::Field(f) => Some((i, f)),
                Item::Question(_) => None,
            })
        })
    }

    /// The question with this id.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions().map(|(_, q)| q).find(|q| q.id == id)
    }

    /// The field with this id.
    pub fn field(&self, id: &str) -> Option<&Field> {
        self.fields().map(|(_, f)| f).find(|f| f.id == id)
    }

    /// The outcome with this id.
    pub fn outcome(&self, id: &str) -> Option<&Outcome> {
        self.outcomes.iter().find(|o| o.id == id)
    }

    /// The index of the step that holds the item with this id.
    pub fn step_of(&self, item_id: &str) -> Option<usize> {
        self.steps
            .iter()
            .position(|s| s.items.iter().any(|i| i.id() == item_id))
    }

    /// Every locale key the procedure uses, with a description of where.
    pub fn text_keys(&self) -> Vec<&str> {
        let mut keys = vec![self.title.as_str(), self.intro.as_str()];
        for step in &self.steps {
            keys.push(&step.title);
            keys.extend(step.intro.as_deref());
            for item in &step.items {
                match item {
                    Item::Field(f) => {
                        keys.push(&f.label);
                        keys.extend(f.help.as_deref());
                    }
                    Item::Question(q) => {
                        keys.push(&q.label);
                        keys.extend(q.help.as_deref());
                        keys.extend(q.options.iter().map(|o| o.label.as_str()));
                    }
                }
            }
        }
        for o in &self.outcomes {
            keys.push(o.actor.key());
            keys.push(&o.headline);
            keys.push(&o.explanation);
            keys.extend(o.actions.iter().map(String::as_str));
            keys.extend(o.links.iter().map(|l| l.label.as_str()));
            keys.extend(o.swit_request.as_deref());
            keys.extend(o.meraki_request.as_deref());
        }
        keys
    }
}
