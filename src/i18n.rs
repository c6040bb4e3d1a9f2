//! Translations: one RON catalog per language in `locales/`, looked up by key with
//! named `{variables}`. A missing key falls back to English, then to the key itself,
//! and the test suite fails on any key missing from either language.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

/// A language of the user interface and of summaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Lang {
    /// English.
    #[serde(rename = "en")]
    En,
    /// French.
    #[serde(rename = "fr")]
    Fr,
}

impl Lang {
    /// Every supported language.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Fr];

    /// The two-letter code (`en`, `fr`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }

    /// Parses `en` or `fr` (any case).
    pub fn from_code(code: &str) -> Option<Lang> {
        match code.to_ascii_lowercase().as_str() {
            "en" => Some(Lang::En),
            "fr" => Some(Lang::Fr),
            _ => None,
        }
    }

    /// The language from locale variables as POSIX reads them: the first non-empty of
    /// `LC_ALL`, `LC_MESSAGES`, `LANG`. A value starting with `fr` gives French,
    /// anything else English.
    pub fn from_locale_vars(var: impl Fn(&str) -> Option<String>) -> Lang {
        let value = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|name| var(name))
            .find(|v| !v.is_empty());
        value.map_or(Lang::En, |v| Lang::from_locale_name(&v))
    }

    /// The language from a locale name or language tag as systems give them
    /// (`fr_FR.UTF-8`, `fr-CA`, `fr`, `en-US`): French if it starts with `fr`, else
    /// English.
    pub fn from_locale_name(name: &str) -> Lang {
        if name.trim().to_ascii_lowercase().starts_with("fr") {
            Lang::Fr
        } else {
            Lang::En
        }
    }

    /// The user's language, from two sources in this order:
    /// 1. the locale variables `LC_ALL`, `LC_MESSAGES`, `LANG` (first non-empty), as a
    ///    Linux or Unix desktop sets them, and as anyone can to choose per command;
    /// 2. otherwise the system's user-interface language (`system`): on Windows and
    ///    macOS, which set no locale variable, the language the user chose for the
    ///    system;
    /// 3. otherwise English.
    ///
    /// `--lang` on the command line comes before all of these (see `cli`).
    pub fn detect(
        var: impl Fn(&str) -> Option<String>,
        system: impl FnOnce() -> Option<String>,
    ) -> Lang {
        let set = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|name| var(name))
            .any(|v| !v.is_empty());
        if set {
            return Lang::from_locale_vars(var);
        }
        system().map_or(Lang::En, |name| Lang::from_locale_name(&name))
    }

    /// The language of this process's environment and system (see [`Lang::detect`]).
    pub fn from_env() -> Lang {
        Lang::detect(|name| std::env::var(name).ok(), sys_locale::get_locale)
    }
}

/// The texts of one language.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct Catalog {
    texts: BTreeMap<String, String>,
}

impl Catalog {
    /// Parses a catalog from RON (a map of key to text).
    pub fn from_ron(text: &str) -> Result<Catalog, ron::error::SpannedError> {
        ron::from_str(text)
    }

    /// Whether the catalog has this key.
    pub fn contains(&self, key: &str) -> bool {
        self.texts.contains_key(key)
    }

    /// The text of a key.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.texts.get(key).map(String::as_str)
    }

    /// Every key, sorted.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.texts.keys().map(String::as_str)
    }
}

/// The catalogs of every language.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Catalogs {
    en: Catalog,
    fr: Catalog,
}

/// The English catalog, embedded in the binary.
pub const EN_SOURCE: &str = include_str!("../locales/en.ron");
/// The French catalog, embedded in the binary.
pub const FR_SOURCE: &str = include_str!("../locales/fr.ron");

static EMBEDDED: LazyLock<Catalogs> = LazyLock::new(|| Catalogs {
    // The test suite parses both files, so a failure here cannot ship; should it happen,
    // the keys themselves are shown rather than crashing.
    en: Catalog::from_ron(EN_SOURCE).unwrap_or_default(),
    fr: Catalog::from_ron(FR_SOURCE).unwrap_or_default(),
});

impl Catalogs {
    /// The catalogs embedded in the binary, parsed once.
    pub fn embedded() -> &'static Catalogs {
        &EMBEDDED
    }

    /// Builds catalogs from parsed parts (for tests and tools).
    pub fn new(en: Catalog, fr: Catalog) -> Catalogs {
        Catalogs { en, fr }
    }

    /// The catalog of a language.
    pub fn get(&self, lang: Lang) -> &Catalog {
        match lang {
            Lang::En => &self.en,
            Lang::Fr => &self.fr,
        }
    }
}

/// Looks texts up in one language.
#[derive(Debug, Clone, Copy)]
pub struct I18n {
    lang: Lang,
    catalogs: &'static Catalogs,
}

impl I18n {
    /// Texts in this language from the embedded catalogs.
    pub fn new(lang: Lang) -> I18n {
        I18n {
            lang,
            catalogs: Catalogs::embedded(),
        }
    }

    /// The language.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The text of a key, falling back to English, then to the key itself.
    pub fn tr<'a>(&self, key: &'a str) -> &'a str
    where
        'static: 'a,
    {
        self.catalogs
            .get(self.lang)
            .get(key)
            .or_else(|| self.catalogs.get(Lang::En).get(key))
            .unwrap_or(key)
    }

    /// The text of a key with its `{name}` placeholders replaced by `vars`.
    pub fn trv(&self, key: &str, vars: &[(&str, &str)]) -> String {
        fill(self.tr(key), vars)
    }

    /// The text of `{key}.one` or `{key}.other`, chosen by `count` as the language's
    /// plural rule says, with `{count}` and `vars` filled in.
    ///
    /// A pair of keys rather than a message format such as Fluent: the catalogs are plain
    /// maps, both languages have only these two forms, and two keys keep every text
    /// readable and checked by the same tests as the others.
    pub fn trn(&self, key: &str, count: u64, vars: &[(&str, &str)]) -> String {
        let key = format!("{key}.{}", plural_category(self.lang, count));
        let count = self.number(count);
        let mut all = vec![("count", count.as_str())];
        all.extend_from_slice(vars);
        fill(self.tr(&key), &all)
    }
}

impl I18n {
    /// A whole number as the language writes it: `4,000` in English, `4 000` in
    /// French (with a narrow no-break space, U+202F).
    pub fn number(&self, n: u64) -> String {
        let separator = match self.lang {
            Lang::En => ',',
            Lang::Fr => '\u{202F}',
        };
        let digits = n.to_string();
        let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 3);
        for (i, d) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(separator);
            }
            out.push(d);
        }
        out
    }
}

/// The plural category of a whole number in a language, as Unicode CLDR defines it:
/// `one` or `other`. English: 1 is `one`. French: 0 and 1 are `one` (« 0 réponse »).
pub fn plural_category(lang: Lang, count: u64) -> &'static str {
    let one = match lang {
        Lang::En => count == 1,
        Lang::Fr => count <= 1,
    };
    if one { "one" } else { "other" }
}

/// Replaces each `{name}` of `template` by its value in `vars`; unknown names stay as
/// they are.
pub fn fill(template: &str, vars: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match vars.iter().find(|(n, _)| *n == name) {
                    Some((_, value)) => out.push_str(value),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The `{name}` placeholders of a text, sorted and without repeats.
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut names: Vec<&str> = text
        .split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}').map(|(name, _)| name))
        .filter(|name| {
            !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
        .collect();
    names.sort_unstable();
    names.dedup();
    names
}
