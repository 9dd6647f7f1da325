//! `site.toml`: the site's settings, read with unknown keys rejected.

use crate::messages::Message;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The settings of one site.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The site's title, shown in every header.
    pub title: String,
    /// The public address, ending in `/`; may include a sub-path (`https://x.gov.cn/yjsgk/`).
    pub base_url: String,
    /// Theme folder under `themes/`.
    #[serde(default = "default_theme")]
    pub theme: String,
    /// Output folder, relative to the site folder.
    #[serde(default = "default_output")]
    pub output_dir: PathBuf,
    /// Port for `gongkai serve`.
    #[serde(default = "default_port")]
    pub port: u16,
    /// A line shown in every footer (who publishes the site).
    #[serde(default)]
    pub publisher: Option<String>,
    /// How to report an error or ask a question (纠错/联系), shown on every page.
    #[serde(default)]
    pub contact: Option<String>,
    /// The 公开日期 shown for a document that states none (`YYYY-MM-DD`), marked on the page
    /// as the site's default.
    #[serde(default)]
    pub default_published: Option<String>,
    /// The review of targets: rules switched off, levels changed (`[review]`).
    #[serde(default)]
    pub review: crate::rules::settings::Settings,
}

fn default_theme() -> String {
    "default".into()
}
fn default_output() -> PathBuf {
    "public".into()
}
fn default_port() -> u16 {
    1111
}

/// Why `site.toml` could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("{}", crate::messages::Message::SettingsUnreadable { path: path.display().to_string(), error: crate::messages::os_error(source) })]
    Read {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The file is not valid settings.
    #[error("{}", crate::messages::Message::SettingsInvalid { path: path.display().to_string(), line: *line, column: *column, message: message.clone() })]
    Invalid {
        /// The file.
        path: PathBuf,
        /// Line, from 1.
        line: usize,
        /// Column, from 1.
        column: usize,
        /// What is wrong.
        message: String,
    },
}

impl Config {
    /// Reads `site.toml` in `root`.
    pub fn load(root: &Path) -> Result<Config, ConfigError> {
        let path = root.join("site.toml");
        let text = std::fs::read_to_string(&path).map_err(|source| ConfigError::Read {
            path: path.clone(),
            source,
        })?;
        Config::parse(&path, &text)
    }

    /// Parses settings text; `path` is used in errors.
    pub fn parse(path: &Path, text: &str) -> Result<Config, ConfigError> {
        let invalid = |offset: usize, message: String| {
            let before = &text[..offset.min(text.len())];
            ConfigError::Invalid {
                path: path.to_path_buf(),
                line: before.matches('\n').count() + 1,
                column: before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1,
                message,
            }
        };
        let mut config: Config = toml::from_str(text).map_err(|e| {
            let offset = e.span().map_or(0, |s| s.start);
            invalid(offset, setting_words(e.message()))
        })?;
        if !(config.base_url.starts_with("http://") || config.base_url.starts_with("https://")) {
            let at = text.find("base_url").unwrap_or(0);
            let url = config.base_url.clone();
            return Err(invalid(at, Message::BaseUrlScheme { url }.to_string()));
        }
        if !config.base_url.ends_with('/') {
            config.base_url.push('/');
        }
        Ok(config)
    }

    /// The path part of `base_url`, always starting and ending with `/` (`/yjsgk/`).
    pub fn base_path(&self) -> String {
        let rest = self.base_url.split_once("://").map_or("", |(_, r)| r);
        match rest.find('/') {
            Some(i) => rest[i..].to_string(),
            None => "/".to_string(),
        }
    }
}

/// The TOML reader's message in the catalogue's words where it is a common one (an unknown
/// or missing setting); else as the reader wrote it.
fn setting_words(raw: &str) -> String {
    use crate::serde_error::SerdeError;
    match SerdeError::parse(raw) {
        SerdeError::UnknownField { key, allowed } => {
            let allowed = allowed.unwrap_or_default();
            Message::UnknownSetting { key, allowed }.to_string()
        }
        SerdeError::MissingField { key } => Message::MissingSetting { key }.to_string(),
        SerdeError::UnknownVariant { value, choices } => {
            let choices = choices.unwrap_or_default();
            Message::SettingNotAChoice { value, choices }.to_string()
        }
        SerdeError::Other => toml_words(raw),
    }
}

/// The TOML reader's own messages (not serde's) in the catalogue's words.
fn toml_words(raw: &str) -> String {
    if raw.starts_with("duplicate key") {
        Message::SettingTwice.to_string()
    } else if let Some(rest) = raw.strip_prefix("invalid type:") {
        use crate::messages::Term;
        let want = rest.rsplit("expected ").next().unwrap_or("");
        let want = if [
            "u8", "u16", "u32", "u64", "usize", "i8", "i16", "i32", "i64", "integer",
        ]
        .iter()
        .any(|t| want.contains(t))
        {
            Term::Integer
        } else if want.contains("string") {
            Term::Text
        } else if want.contains("bool") {
            Term::YesNo
        } else if want.contains("sequence") {
            Term::List
        } else if want.contains("map") || want.contains("struct") || want.contains("table") {
            Term::Fields
        } else {
            Term::Other
        };
        Message::SettingWrongType { want }.to_string()
    } else if raw.starts_with("unclosed") || raw.starts_with("invalid basic string") {
        Message::SettingUnclosed.to_string()
    } else if raw.starts_with("key with no value") {
        Message::SettingNoValue.to_string()
    } else if raw.starts_with("missing escaped value") || raw.starts_with("invalid escape") {
        Message::SettingEscape.to_string()
    } else {
        let raw = raw.trim_end().to_string();
        Message::SettingReader { raw }.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_path_of_a_sub_path_site() {
        let c = Config::parse(
            Path::new("site.toml"),
            "title = \"t\"\nbase_url = \"https://www.example.gov.cn/yjsgk\"\n",
        )
        .unwrap();
        assert_eq!(c.base_url, "https://www.example.gov.cn/yjsgk/");
        assert_eq!(c.base_path(), "/yjsgk/");
        assert_eq!(c.output_dir, PathBuf::from("public"));
    }

    #[test]
    fn unknown_key_names_its_line() {
        let err = Config::parse(
            Path::new("site.toml"),
            "title = \"t\"\nbase_url = \"https://a.cn/\"\nthem = \"x\"\n",
        )
        .unwrap_err();
        let text = err.to_string();
        assert!(
            text.starts_with("site.toml:3:1（第 3 行第 1 列）")
                && text.contains("不认识的设置“them”")
                && text.contains("theme"),
            "{text}"
        );
    }
}
