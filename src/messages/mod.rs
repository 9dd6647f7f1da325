//! The one catalogue of what gongkai tells a publisher, in Chinese (the default) and English.
//!
//! Every message is a variant of [`Message`], its arguments typed fields; [`Message::text`]
//! gives its words in a [`Lang`] through one exhaustive `match` per language, so a message
//! without English (or Chinese) does not compile. The process speaks one language, chosen
//! once at start ([`set`], from `--lang` or the locale, see [`Lang::detect`]); a message shown
//! with `{}` speaks it. The library's default, and every test's, is Chinese.
//!
//! The tests iterate every variant ([`strum::EnumIter`]) and require Chinese words in the
//! Chinese text and none in the English one, apart from the data quoted.

mod cli;
mod import;
mod review;
mod text;

pub use cli::{CliText, ValueName};
pub use import::{
    AmountAsWritten, AsideColumn, Cut, DraftNote, FundCell, FundColumn, ImportText, OpenCause,
    Opener, SumOf, UnconvertedUnit,
};
pub use review::{FindingText, PlaceText};
pub use text::{Help, Term};

use std::fmt;
use std::sync::atomic::{AtomicU8, Ordering};

/// A language gongkai speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// 简体中文, the default.
    #[default]
    Zh,
    /// English: `--lang en`, or a locale starting with `en`.
    En,
}

impl Lang {
    /// The language named by `--lang` (`zh`, `en`, `zh-CN`, `en_US.UTF-8`…), if any.
    pub fn parse(name: &str) -> Option<Lang> {
        let n = name.trim().to_ascii_lowercase();
        if n.starts_with("en") {
            Some(Lang::En)
        } else if n.starts_with("zh") || n.starts_with("cn") {
            Some(Lang::Zh)
        } else {
            None
        }
    }

    /// The language to speak: `flag` (`--lang`) when given, else the first of `LC_ALL`,
    /// `LC_MESSAGES` and `LANG` that is set and not empty, English when it starts with `en`;
    /// else Chinese (`C`, `POSIX` and an unset locale read Chinese).
    pub fn detect(flag: Option<Lang>, env: impl Fn(&str) -> Option<String>) -> Lang {
        if let Some(lang) = flag {
            return lang;
        }
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|k| env(k).filter(|v| !v.is_empty()))
            .map_or(Lang::Zh, |v| {
                if v.to_ascii_lowercase().starts_with("en") {
                    Lang::En
                } else {
                    Lang::Zh
                }
            })
    }
}

static CURRENT: AtomicU8 = AtomicU8::new(0);

/// Sets the language every message of this process speaks (once, at start).
pub fn set(lang: Lang) {
    CURRENT.store(
        match lang {
            Lang::Zh => 0,
            Lang::En => 1,
        },
        Ordering::Relaxed,
    );
}

/// The language this process speaks.
pub fn current() -> Lang {
    match CURRENT.load(Ordering::Relaxed) {
        1 => Lang::En,
        _ => Lang::Zh,
    }
}

pub use text::Message;

impl Message {
    /// The message in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => self.zh(),
            Lang::En => self.en(),
        }
    }
}

impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(current()))
    }
}

/// A message as text in the process's language, for the fields that keep text
/// ([`crate::diagnostic::Diagnostic`]'s message and expectation).
impl From<Message> for String {
    fn from(m: Message) -> String {
        m.to_string()
    }
}

/// A system error (`std::io::Error`) in the process's language: what it means for the
/// publisher by its kind, then the system's own words in brackets (which are English), so
/// that no error reads in English alone.
pub fn os_error(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let zh = match e.kind() {
        K::NotFound => "找不到这个文件或文件夹",
        K::PermissionDenied => "没有权限：文件或文件夹是只读的，或属于其他用户",
        K::AlreadyExists => "这里已经有同名的文件或文件夹",
        K::NotADirectory => "路径中有一段是文件，不是文件夹",
        K::IsADirectory => "这是文件夹，不是文件",
        K::DirectoryNotEmpty => "文件夹不是空的",
        K::StorageFull | K::QuotaExceeded => "磁盘已满，请腾出空间",
        K::ReadOnlyFilesystem => "磁盘是只读的",
        K::ResourceBusy | K::ExecutableFileBusy => "文件正被其他程序使用，请关闭后重试",
        K::UnexpectedEof => "文件不完整（可能下载或复制时中断）",
        K::InvalidData => "文件内容已损坏或格式不对",
        K::InvalidFilename => "文件名不合法或太长",
        K::CrossesDevices => "不能跨磁盘移动",
        K::Interrupted | K::TimedOut => "操作被中断，请重试",
        _ => "系统报告的错误",
    };
    match current() {
        Lang::Zh => format!("{zh}（{e}）"),
        Lang::En => e.to_string(),
    }
}

impl Term {
    /// The word in `lang`.
    pub fn text(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.zh(),
            Lang::En => self.en(),
        }
    }
}

impl Help {
    /// The help in `lang`.
    pub fn text(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.zh(),
            Lang::En => self.en(),
        }
    }
}

impl fmt::Display for Help {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text(current()))
    }
}

impl fmt::Display for Term {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text(current()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use strum::IntoEnumIterator;

    fn has_han(s: &str) -> bool {
        s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    /// Every message has words in both languages: Chinese in the Chinese text, and in the
    /// English text no Chinese (its arguments are empty here, so nothing quoted counts).
    #[test]
    fn every_message_speaks_both_languages() {
        let mut n = 0;
        let mut wrong = Vec::new();
        for m in Message::iter() {
            n += 1;
            let zh = m.text(Lang::Zh);
            let en = m.text(Lang::En);
            if !has_han(&zh) {
                wrong.push(format!("{m:?} has no Chinese: {zh}"));
            }
            if has_han(&en) || !en.chars().any(|c| c.is_ascii_alphabetic()) {
                wrong.push(format!("{m:?} English holds Chinese or no words: {en}"));
            }
            if en.contains(['，', '：', '；', '（', '）', '。']) {
                wrong.push(format!("{m:?} English uses Chinese punctuation: {en}"));
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
        assert!(n >= 100, "{n} messages");
        for h in Help::iter() {
            assert!(has_han(h.text(Lang::Zh)), "{h:?}");
            assert!(!has_han(h.text(Lang::En)), "{h:?}");
            assert!(
                Help::ARGS.iter().any(|(_, _, x)| *x == h),
                "{h:?} not in ARGS"
            );
        }
        for f in FindingText::iter() {
            let (zh, en) = (f.text(Lang::Zh), f.text(Lang::En));
            assert!(has_han(&zh), "{f:?}: {zh}");
            assert!(!has_han(&en), "{f:?}: {en}");
            assert!(
                !en.contains(['，', '：', '；', '「', '」', '《']),
                "{f:?}: {en}"
            );
        }
        for v in ValueName::iter() {
            assert!(has_han(v.text(Lang::Zh)), "{v:?}");
            assert!(
                v.text(Lang::En).chars().all(|c| c.is_ascii_uppercase()),
                "{v:?}"
            );
        }
        for c in CliText::iter() {
            let (zh, en) = (c.text(Lang::Zh), c.text(Lang::En));
            assert!(has_han(&zh), "{c:?}: {zh}");
            assert!(!has_han(&en), "{c:?}: {en}");
            assert!(!en.contains(['，', '：', '；', '“', '？']), "{c:?}: {en}");
        }
        // The English quotes the form's own words (“…”) and nothing else in Chinese.
        let quoted = regex::Regex::new(r"“[^”]*”").unwrap();
        for i in ImportText::iter() {
            let (zh, en) = (i.text(Lang::Zh), i.text(Lang::En));
            assert!(has_han(&zh), "{i:?}: {zh}");
            let own = quoted.replace_all(&en, "");
            assert!(!has_han(&own), "{i:?}: {en}");
            assert!(
                !own.contains(['，', '：', '；', '（', '）', '。']),
                "{i:?}: {en}"
            );
        }
        for p in PlaceText::iter() {
            assert!(has_han(&p.text(Lang::Zh)), "{p:?}");
            assert!(!has_han(&p.text(Lang::En)), "{p:?}");
        }
        for t in Term::iter() {
            // The list separator 、 is punctuation, not a word.
            assert!(t == Term::Separator || has_han(t.text(Lang::Zh)), "{t:?}");
            assert!(!has_han(t.text(Lang::En)), "{t:?}");
        }
    }

    #[test]
    fn the_locale_chooses_english_only_when_it_says_en() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(Lang::detect(None, env(&[])), Lang::Zh);
        assert_eq!(Lang::detect(None, env(&[("LANG", "C.UTF-8")])), Lang::Zh);
        assert_eq!(
            Lang::detect(None, env(&[("LANG", "en_US.UTF-8")])),
            Lang::En
        );
        assert_eq!(
            Lang::detect(None, env(&[("LC_ALL", "zh_CN.UTF-8"), ("LANG", "en_US")])),
            Lang::Zh
        );
        assert_eq!(
            Lang::detect(None, env(&[("LC_ALL", ""), ("LC_MESSAGES", "en_GB")])),
            Lang::En
        );
        assert_eq!(
            Lang::detect(Some(Lang::Zh), env(&[("LANG", "en_US")])),
            Lang::Zh
        );
        assert_eq!(Lang::parse("en"), Some(Lang::En));
        assert_eq!(Lang::parse("zh-CN"), Some(Lang::Zh));
        assert_eq!(Lang::parse("fr"), None);
    }

    #[test]
    fn arguments_are_quoted_in_both_languages() {
        let m = Message::UnknownField { key: "nmae".into() };
        assert_eq!(
            m.text(Lang::Zh),
            "不认识的字段“nmae”，这一行的内容不会被读取"
        );
        assert!(m.text(Lang::En).contains("`nmae`"), "{}", m.text(Lang::En));
        let p = Message::Place {
            file: "a.yaml".into(),
            line: 3,
            column: 5,
        };
        assert_eq!(p.text(Lang::Zh), "a.yaml:3:5（第 3 行第 5 列）");
        assert_eq!(p.text(Lang::En), "a.yaml:3:5 (line 3, column 5)");
    }

    #[test]
    fn a_build_counts_its_self_evaluations_only_when_it_has_some() {
        let built = |selfevals| Message::Built {
            pages: 66,
            files: 178,
            departments: 4,
            selfevals,
            elapsed: std::time::Duration::from_secs(2),
            output: "public".into(),
            warnings: 45,
        };
        assert!(
            built(4)
                .text(Lang::Zh)
                .starts_with("已由 4 个部门文件和 4 份绩效自评生成 66 个页面")
        );
        assert!(
            built(0)
                .text(Lang::Zh)
                .starts_with("已由 4 个部门文件生成 66 个页面")
        );
        assert!(
            built(4)
                .text(Lang::En)
                .contains("from 4 department files and 4 self-evaluations in")
        );
        assert!(
            built(0)
                .text(Lang::En)
                .contains("from 4 department files in")
        );
    }
}
