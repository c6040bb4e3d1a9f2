//! What the window remembers between starts: the theme and the language chosen in it,
//! and the case files exported or opened recently (for the list of case files), in a
//! small RON file in the platform's configuration folder. Every window of the user
//! shares it: the remembered files are read anew from the file before each change, so
//! two windows add to the same list rather than overwrite each other's. A settings file that
//! cannot be read or written never stops the program: it starts with the defaults and
//! says so once on standard error.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::i18n::{I18n, Lang};
use crate::ui::ThemeChoice;

/// The settings file's name inside the configuration folder.
const FILE_NAME: &str = "settings.ron";

/// The most case files remembered; the oldest are forgotten first.
pub const MAX_RECENT: usize = 500;

/// The remembered choices; a choice never made is `None`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The theme chosen in the window.
    pub theme: Option<ThemeChoice>,
    /// The language chosen in the window.
    pub lang: Option<Lang>,
    /// Case files exported or opened recently, most recent first (at most
    /// [`MAX_RECENT`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub recent: Vec<RecentFile>,
}

/// A case file the list of case files remembers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecentFile {
    /// Its path.
    pub path: PathBuf,
    /// When the program last exported it, if it did.
    #[serde(default)]
    pub exported: Option<jiff::Timestamp>,
    /// When it was last exported or opened.
    pub seen: jiff::Timestamp,
}

impl Settings {
    /// Remembers `path` at the head of the list (exported now, or opened now).
    pub fn remember_file(&mut self, path: &Path, exported: bool, now: jiff::Timestamp) {
        let earlier = self
            .recent
            .iter()
            .position(|r| r.path == path)
            .map(|i| self.recent.remove(i));
        self.recent.insert(
            0,
            RecentFile {
                path: path.to_path_buf(),
                exported: if exported {
                    Some(now)
                } else {
                    earlier.and_then(|e| e.exported)
                },
                seen: now,
            },
        );
        self.recent.truncate(MAX_RECENT);
    }

    /// Forgets `path`; returns what was remembered of it.
    pub fn forget_file(&mut self, path: &Path) -> Option<RecentFile> {
        let i = self.recent.iter().position(|r| r.path == path)?;
        Some(self.recent.remove(i))
    }
}

impl Settings {
    /// The settings in RON.
    pub fn to_ron(&self) -> String {
        ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default())
            .unwrap_or_else(|_| String::from("()"))
    }

    /// Parses settings; `None` when the text is not settings.
    pub fn from_ron(text: &str) -> Option<Settings> {
        ron::from_str(text).ok()
    }
}

/// The settings file of this user: `settings.ron` in the platform's configuration
/// folder (`~/.config/cssm-assistant` on Linux, `%APPDATA%\cssm-assistant\config` on
/// Windows), if the platform has one.
pub fn default_settings_file() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "cssm-assistant").map(|d| d.config_dir().join(FILE_NAME))
}

/// The settings file and what was last written to it.
#[derive(Debug)]
pub struct SettingsFile {
    path: Option<PathBuf>,
    saved: Settings,
    /// A write already failed: said once, not again every change.
    failed: bool,
}

impl SettingsFile {
    /// Reads the settings at `path` (none: nothing is remembered). A missing file gives
    /// the defaults silently; an unreadable or garbled one gives the defaults and a
    /// line on standard error.
    /// Messages are in `i18n`'s language.
    pub fn open(path: Option<PathBuf>, i18n: &I18n) -> (SettingsFile, Settings) {
        let settings = path.as_deref().map(|p| read(p, i18n)).unwrap_or_default();
        let file = SettingsFile {
            path,
            saved: settings.clone(),
            failed: false,
        };
        (file, settings)
    }

    /// Where the settings are kept, if anywhere.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Writes the theme and language of `settings` if they differ from what was last
    /// written (the remembered files are kept as the file holds them now). A failure
    /// is told once on standard error; the window carries on with the choice in
    /// effect. Messages are in `i18n`'s language.
    pub fn remember(&mut self, mut settings: Settings, i18n: &I18n) {
        if settings.theme == self.saved.theme && settings.lang == self.saved.lang {
            return;
        }
        settings.recent = self.current().recent;
        self.write(settings, i18n);
    }

    /// The settings as the file holds them now (another window may have changed the
    /// remembered files); what was last written when it cannot be read.
    pub fn current(&self) -> Settings {
        self.path
            .as_deref()
            .and_then(|p| std::fs::read_to_string(p).ok())
            .and_then(|t| Settings::from_ron(&t))
            .unwrap_or_else(|| self.saved.clone())
    }

    /// Changes the remembered files as the file holds them now, and writes them.
    pub fn update_recent(&mut self, change: impl FnOnce(&mut Settings), i18n: &I18n) {
        let mut settings = self.current();
        change(&mut settings);
        self.write(settings, i18n);
    }

    fn write(&mut self, settings: Settings, i18n: &I18n) {
        let text = settings.to_ron();
        self.saved = settings;
        let Some(path) = &self.path else {
            return;
        };
        let result = match path.parent() {
            Some(dir) => std::fs::create_dir_all(dir).map_err(|e| e.to_string()),
            None => Ok(()),
        }
        .and_then(|()| {
            crate::platform::storage::write_atomic(path, text.as_bytes())
                .map_err(|e| e.reason(i18n))
        });
        if let Err(reason) = result
            && !self.failed
        {
            self.failed = true;
            let message = i18n.trv("settings.not_saved", &[("reason", &reason)]);
            report(path, &message);
        }
    }
}

fn read(path: &Path, i18n: &I18n) -> Settings {
    match std::fs::read_to_string(path) {
        Ok(text) => Settings::from_ron(&text).unwrap_or_else(|| {
            report(path, i18n.tr("settings.not_understood"));
            Settings::default()
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Settings::default(),
        Err(e) => {
            let reason = e.to_string();
            report(path, &i18n.trv("settings.not_read", &[("reason", &reason)]));
            Settings::default()
        }
    }
}

/// One line on standard error, naming the file; a closed standard error is ignored.
fn report(path: &Path, message: &str) {
    use std::io::Write;
    let line = format!("cssm-assistant: {}: {message}\n", path.display());
    let _ = std::io::stderr().lock().write_all(line.as_bytes());
}
