//! What a serde reader's error message says. The TOML reader (site.toml) and the YAML readers
//! (department files) word the common mistakes the same way, serde's own way:
//! ``unknown field `x`, expected one of `a`, `b` ``, ``missing field `x` ``,
//! ``unknown variant `x`, expected one of …``. Each caller puts them in the catalogue's words.

/// One serde error message, taken apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SerdeError {
    /// A key the type does not have, with the keys it allows (backticks removed).
    UnknownField {
        /// The key as written.
        key: String,
        /// The allowed keys, comma-separated, when the reader listed them.
        allowed: Option<String>,
    },
    /// A key the type needs and the text left out.
    MissingField {
        /// The key.
        key: String,
    },
    /// A value that is none of the choices, with the choices.
    UnknownVariant {
        /// The value as written.
        value: String,
        /// The choices, comma-separated, when the reader listed them.
        choices: Option<String>,
    },
    /// Any other message.
    Other,
}

impl SerdeError {
    /// Takes `raw` apart.
    pub fn parse(raw: &str) -> SerdeError {
        let quoted = |prefix: &str| {
            let rest = raw.strip_prefix(prefix)?.strip_prefix('`')?;
            rest.split('`').next().map(str::to_string)
        };
        // serde lists one choice as `a`, two as `a` or `b`, more as one of `a`, `b`, `c`.
        // serde-saphyr names the fields without backquotes (`one of level1, level2`).
        let listed = || {
            let (_, list) = raw.split_once(", expected ")?;
            let (list, several) = match list.strip_prefix("one of ") {
                Some(list) => (list, true),
                None => (list, false),
            };
            (several || list.starts_with('`'))
                .then(|| list.replace("` or `", ", ").replace('`', ""))
        };
        if let Some(key) = quoted("unknown field ") {
            SerdeError::UnknownField {
                key,
                allowed: listed(),
            }
        } else if let Some(key) = quoted("missing field ") {
            SerdeError::MissingField { key }
        } else if let Some(value) = quoted("unknown variant ") {
            SerdeError::UnknownVariant {
                value,
                choices: listed(),
            }
        } else {
            SerdeError::Other
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The readers' own messages, as serde words them, are taken apart; others are left.
    #[test]
    fn serde_messages_are_taken_apart() {
        let e = toml::from_str::<std::collections::BTreeMap<String, u8>>("a = 1\nb = \"x\"")
            .unwrap_err();
        assert_eq!(SerdeError::parse(e.message()), SerdeError::Other);
        #[derive(Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Two {
            title: String,
            year: u16,
        }
        let e = toml::from_str::<Two>("title = \"x\"\nyaer = 2024").unwrap_err();
        assert_eq!(
            SerdeError::parse(e.message()),
            SerdeError::UnknownField {
                key: "yaer".into(),
                allowed: Some("title, year".into())
            }
        );
        let e = toml::from_str::<Two>("title = \"x\"\nyear = 2024\nmonth = 1").unwrap_err();
        assert_eq!(
            SerdeError::parse(e.message()),
            SerdeError::UnknownField {
                key: "month".into(),
                allowed: Some("title, year".into())
            }
        );
        #[derive(Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Three {
            a: u8,
            b: u8,
            c: u8,
        }
        let e = serde_yaml_ng::from_str::<Three>("d: 1").unwrap_err();
        assert_eq!(
            SerdeError::parse(&e.to_string()),
            SerdeError::UnknownField {
                key: "d".into(),
                allowed: Some("a, b, c".into())
            }
        );
        assert_eq!(
            SerdeError::parse("unknown field `actaul`, expected one of level1, actual"),
            SerdeError::UnknownField {
                key: "actaul".into(),
                allowed: Some("level1, actual".into())
            }
        );
        let e = serde_yaml_ng::from_str::<Two>("title: x").unwrap_err();
        assert_eq!(
            SerdeError::parse(&e.to_string()),
            SerdeError::MissingField { key: "year".into() }
        );
    }
}
