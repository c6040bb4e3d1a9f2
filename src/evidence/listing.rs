//! What a Dashboard key can read, as plain data: the organizations (`GET
//! /organizations`) and the subscriptions of one organization (the subscriptions
//! listing without `subscriptionIds[]`), so the user picks IDs instead of typing them
//! (procedure spec, "Changes in version 3", "Listing what the key can read").
//!
//! Every text comes from the network: cleaned and clipped as the evidence's are. An
//! item without a readable ID is counted in [`Listing::unreadable`] and said, never
//! dropped silently. Nothing here is ever saved.

use serde::Deserialize;
use serde::de::{self, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::{Target, clean};
use crate::i18n::I18n;

/// A whole listing, every page read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listing<T> {
    /// The items with a readable ID, in a stable order (see [`Listing::sort`]).
    pub items: Vec<T>,
    /// Items that could not be read (no readable ID, not an object): counted, said.
    pub unreadable: u64,
    /// Pages read.
    pub pages: u32,
}

impl<T> Default for Listing<T> {
    fn default() -> Listing<T> {
        Listing {
            items: Vec::new(),
            unreadable: 0,
            pages: 0,
        }
    }
}

/// One organization the key can read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgEntry {
    /// `id` (digits).
    pub id: String,
    /// `name`.
    pub name: Option<String>,
    /// `api.enabled`: `Some(false)` when API access is off for it (it cannot be checked).
    pub api_enabled: Option<bool>,
    /// `licensing.model` (`co-term`, `per-device`, `subscription`, or a new value).
    pub licensing_model: Option<String>,
    /// `cloud.region.name`.
    pub region: Option<String>,
    /// What the filter searches: the texts above, lower-case.
    search: String,
}

/// One subscription of an organization.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubEntry {
    /// `subscriptionId`.
    pub id: String,
    /// `name`.
    pub name: Option<String>,
    /// `status` (active, canceled, expired, inactive, out_of_compliance, or new).
    pub status: Option<String>,
    /// `type` (enterpriseAgreement, termed, or new).
    pub kind: Option<String>,
    /// `smartAccount.account.name`.
    pub smart_account_name: Option<String>,
    /// `smartAccount.account.domain`.
    pub smart_account_domain: Option<String>,
    /// `counts.networks`: networks bound to it.
    pub networks: Option<u64>,
    /// What the filter searches: the texts above, lower-case.
    search: String,
}

/// What can be filtered and shown as one row of a list.
pub trait Entry {
    /// The ID the row fills in.
    fn id(&self) -> &str;
    /// The lower-case text the filter searches.
    fn search_text(&self) -> &str;
    /// The row as a screen reader reads it and the command line prints it: name, ID,
    /// status, then the other facts, in the user's language.
    fn row_text(&self, i18n: &I18n) -> String;
}

impl<T: Entry> Listing<T> {
    /// The indices of the items every word of `query` is found in (case-insensitive,
    /// in name, ID, status and the other facts), in order; all for a blank query.
    pub fn filtered(&self, query: &str) -> Vec<usize> {
        let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
        self.items
            .iter()
            .enumerate()
            .filter(|(_, item)| {
                let text = item.search_text();
                words.iter().all(|w| text.contains(w.as_str()))
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// The item with this ID, if listed.
    pub fn find(&self, id: &str) -> Option<&T> {
        self.items.iter().find(|i| i.id() == id)
    }
}

impl Listing<OrgEntry> {
    /// Sorts by name (case-insensitive), then ID: the same order on every run.
    pub fn sort(&mut self) {
        self.items.sort_by(|a, b| {
            let key = |o: &OrgEntry| o.name.as_deref().unwrap_or_default().to_lowercase();
            key(a).cmp(&key(b)).then_with(|| a.id.cmp(&b.id))
        });
    }
}

impl Listing<SubEntry> {
    /// Sorts by ID: the same order on every run.
    pub fn sort(&mut self) {
        self.items.sort_by(|a, b| a.id.cmp(&b.id));
    }
}

fn unknown(i18n: &I18n, v: &Option<String>) -> String {
    v.clone()
        .unwrap_or_else(|| i18n.tr("dashboard.fact.unknown").to_owned())
}

impl Entry for OrgEntry {
    fn id(&self) -> &str {
        &self.id
    }

    fn search_text(&self) -> &str {
        &self.search
    }

    fn row_text(&self, i18n: &I18n) -> String {
        i18n.trv(
            "pick.org.row",
            &[
                ("name", &unknown(i18n, &self.name)),
                ("id", &self.id),
                ("api", i18n.tr(self.api_key())),
                ("region", &unknown(i18n, &self.region)),
                ("model", &unknown(i18n, &self.licensing_model)),
            ],
        )
    }
}

impl OrgEntry {
    /// An organization from one item of `GET /organizations` (its JSON text); `None`
    /// when it has no readable `id` (a number, as organization IDs are).
    pub fn from_json(item: &str) -> Option<OrgEntry> {
        #[derive(Deserialize)]
        struct Api {
            #[serde(default)]
            enabled: Option<bool>,
        }
        #[derive(Deserialize)]
        struct Licensing {
            #[serde(default)]
            model: Text,
        }
        #[derive(Deserialize)]
        struct Region {
            #[serde(default)]
            name: Text,
        }
        #[derive(Deserialize)]
        struct Cloud {
            #[serde(default)]
            region: Lenient<Region>,
        }
        #[derive(Deserialize)]
        struct Raw {
            #[serde(default)]
            id: Text,
            #[serde(default)]
            name: Text,
            #[serde(default)]
            api: Lenient<Api>,
            #[serde(default)]
            licensing: Lenient<Licensing>,
            #[serde(default)]
            cloud: Lenient<Cloud>,
        }
        let raw: Raw = serde_json::from_str(item).ok()?;
        let id = raw.id.0?;
        Target::new(&id, None).ok()?;
        let mut entry = OrgEntry {
            id,
            name: raw.name.0,
            api_enabled: raw.api.0.and_then(|a| a.enabled),
            licensing_model: raw.licensing.0.and_then(|l| l.model.0),
            region: raw.cloud.0.and_then(|c| c.region.0).and_then(|r| r.name.0),
            search: String::new(),
        };
        entry.search = search_text(&[
            entry.name.as_deref(),
            Some(&entry.id),
            entry.region.as_deref(),
            entry.licensing_model.as_deref(),
        ]);
        Some(entry)
    }

    /// Whether the organization can be checked through the API (unknown counts as
    /// yes: the Dashboard will say).
    pub fn api_on(&self) -> bool {
        self.api_enabled != Some(false)
    }

    fn api_key(&self) -> &'static str {
        match self.api_enabled {
            Some(true) => "pick.api.on",
            Some(false) => "pick.api.off",
            None => "pick.api.unknown",
        }
    }
}

impl Entry for SubEntry {
    fn id(&self) -> &str {
        &self.id
    }

    fn search_text(&self) -> &str {
        &self.search
    }

    fn row_text(&self, i18n: &I18n) -> String {
        let networks = self
            .networks
            .map(|n| n.to_string())
            .unwrap_or_else(|| i18n.tr("dashboard.fact.unknown").to_owned());
        i18n.trv(
            "pick.sub.row",
            &[
                ("name", &unknown(i18n, &self.name)),
                ("id", &self.id),
                ("status", &unknown(i18n, &self.status)),
                ("type", &unknown(i18n, &self.kind)),
                ("sa_name", &unknown(i18n, &self.smart_account_name)),
                ("sa_domain", &unknown(i18n, &self.smart_account_domain)),
                ("networks", &networks),
            ],
        )
    }
}

impl SubEntry {
    /// A subscription from one item of the subscriptions listing (its JSON text);
    /// `None` when it has no readable `subscriptionId` (letters, digits and hyphens).
    pub fn from_json(item: &str) -> Option<SubEntry> {
        #[derive(Deserialize)]
        struct Account {
            #[serde(default)]
            name: Text,
            #[serde(default)]
            domain: Text,
        }
        #[derive(Deserialize)]
        struct SmartAccount {
            #[serde(default)]
            account: Lenient<Account>,
        }
        #[derive(Deserialize)]
        struct Counts {
            #[serde(default)]
            networks: Text,
        }
        #[derive(Deserialize)]
        struct Raw {
            #[serde(rename = "subscriptionId", default)]
            id: Text,
            #[serde(default)]
            name: Text,
            #[serde(default)]
            status: Text,
            #[serde(rename = "type", default)]
            kind: Text,
            #[serde(rename = "smartAccount", default)]
            smart_account: Lenient<SmartAccount>,
            #[serde(default)]
            counts: Lenient<Counts>,
        }
        let raw: Raw = serde_json::from_str(item).ok()?;
        let id = raw.id.0?;
        Target::new("1", Some(&id)).ok()?;
        let account = raw.smart_account.0.and_then(|s| s.account.0);
        let (sa_name, sa_domain) = match account {
            Some(a) => (a.name.0, a.domain.0),
            None => (None, None),
        };
        let mut entry = SubEntry {
            id,
            name: raw.name.0,
            status: raw.status.0,
            kind: raw.kind.0,
            smart_account_name: sa_name,
            smart_account_domain: sa_domain,
            networks: raw
                .counts
                .0
                .and_then(|c| c.networks.0)
                .and_then(|n| n.parse().ok()),
            search: String::new(),
        };
        entry.search = search_text(&[
            entry.name.as_deref(),
            Some(&entry.id),
            entry.status.as_deref(),
            entry.kind.as_deref(),
            entry.smart_account_name.as_deref(),
            entry.smart_account_domain.as_deref(),
        ]);
        Some(entry)
    }
}

fn search_text(parts: &[Option<&str>]) -> String {
    let mut s = String::new();
    for p in parts.iter().flatten() {
        s.push_str(&p.to_lowercase());
        s.push('\u{1f}');
    }
    s
}

/// A text field as the Dashboard may send it: a string (cleaned, `None` if blank) or a
/// number (as text); anything else is skipped and read as `None`, so that one odd
/// field never makes a whole item unreadable.
#[derive(Debug, Default)]
struct Text(Option<String>);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Text, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Text;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a text")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text(Some(clean(v)).filter(|s| !s.is_empty())))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Text, E> {
                Ok(Text(Some(v.to_string())))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Text, E> {
                Ok(Text(Some(v.to_string())))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Text, E> {
                Ok(Text(None))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Text, E> {
                Ok(Text(None))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Text, E> {
                Ok(Text(None))
            }
            fn visit_none<E: de::Error>(self) -> Result<Text, E> {
                Ok(Text(None))
            }
            fn visit_some<D: de::Deserializer<'de>>(self, d: D) -> Result<Text, D::Error> {
                d.deserialize_any(V)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Text, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Text(None))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Text, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Text(None))
            }
        }
        d.deserialize_any(V)
    }
}

/// A nested object that may be missing, `null` or of another shape: `None` then.
#[derive(Debug)]
struct Lenient<T>(Option<T>);

impl<T> Default for Lenient<T> {
    fn default() -> Lenient<T> {
        Lenient(None)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Lenient<T> {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Lenient<T>, D::Error> {
        // Small objects only (api, licensing, cloud, smartAccount, counts): buffered.
        let value = serde_json::Value::deserialize(d)?;
        Ok(Lenient(T::deserialize(value).ok()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn an_organization_reads_its_facts_and_odd_fields_stay_unknown() {
        let o = OrgEntry::from_json(
            r#"{"id":"549236","name":"Acme\u0007 Org","api":{"enabled":false},
                "licensing":{"model":"subscription"},"cloud":{"region":{"name":"Europe"}},
                "url":"https://n1.meraki.com/o/x"}"#,
        )
        .expect("readable");
        assert_eq!(o.name.as_deref(), Some("Acme  Org"));
        assert_eq!(o.api_enabled, Some(false));
        assert!(!o.api_on());
        assert_eq!(o.region.as_deref(), Some("Europe"));
        let odd = OrgEntry::from_json(r#"{"id":549237,"name":["x"],"api":"yes","cloud":null}"#)
            .expect("readable");
        assert_eq!(odd.id, "549237");
        assert_eq!(odd.name, None);
        assert_eq!(odd.api_enabled, None);
        assert!(odd.api_on());
    }

    #[test]
    fn items_without_a_readable_id_are_not_entries() {
        for item in [
            r#"{"name":"No id"}"#,
            r#"{"id":null}"#,
            r#"{"id":""}"#,
            r#"{"id":"12/../3"}"#,
            r#"{"id":{"x":1}}"#,
            r#""just a string""#,
            "null",
        ] {
            assert_eq!(OrgEntry::from_json(item), None, "{item}");
        }
        assert_eq!(SubEntry::from_json(r#"{"subscriptionId":"a b"}"#), None);
        assert_eq!(SubEntry::from_json(r#"{"name":"x"}"#), None);
    }

    #[test]
    fn the_filter_matches_every_word_anywhere_and_the_order_is_stable() {
        let mut listing = Listing {
            items: ["Zeta", "acme Paris", "Acme Lyon"]
                .iter()
                .enumerate()
                .map(|(i, n)| {
                    OrgEntry::from_json(&format!(r#"{{"id":"{}","name":"{n}"}}"#, 100 + i))
                        .expect("readable")
                })
                .collect(),
            unreadable: 0,
            pages: 1,
        };
        listing.sort();
        let names: Vec<_> = listing
            .items
            .iter()
            .map(|o| o.name.clone().unwrap_or_default())
            .collect();
        assert_eq!(names, ["Acme Lyon", "acme Paris", "Zeta"]);
        assert_eq!(listing.filtered("ACME"), vec![0, 1]);
        assert_eq!(listing.filtered("acme 101"), vec![1]);
        assert_eq!(listing.filtered("  "), vec![0, 1, 2]);
        assert!(listing.filtered("globex").is_empty());
    }

    #[test]
    fn a_row_reads_name_id_status() {
        let s = SubEntry::from_json(
            r#"{"subscriptionId":"Sub-1","name":"HQ","status":"active","type":"termed",
                "smartAccount":{"account":{"name":"Acme Corp","domain":"acme.example"}},
                "counts":{"networks":2}}"#,
        )
        .expect("readable");
        let row = s.row_text(&I18n::new(Lang::En));
        assert!(row.starts_with("HQ, Sub-1, active"), "{row}");
        assert!(row.contains("acme.example") && row.contains('2'), "{row}");
    }
}
