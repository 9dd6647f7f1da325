//! The command line's own words, which clap would otherwise say in English: the headings
//! of `--help` (用法, 命令, 参数, 选项), the built-in flags, and its errors (an unknown
//! argument or command, a value that does not fit, a missing argument), one `match` per
//! language. `main` puts them on clap's command and renders clap's errors with them.

use super::Lang;
use std::fmt;

/// A word or sentence of the command line.
#[derive(Debug, Clone, PartialEq, Eq, strum::EnumIter)]
pub enum CliText {
    /// The heading of the usage line.
    UsageHeading,
    /// The heading of the list of subcommands.
    CommandsHeading,
    /// The heading of the positional arguments.
    ArgumentsHeading,
    /// The heading of the options.
    OptionsHeading,
    /// The placeholder for options in a usage line (`[OPTIONS]`).
    OptionsPlaceholder,
    /// The placeholder for a subcommand in a usage line (`<COMMAND>`).
    CommandPlaceholder,
    /// An argument's default value.
    DefaultValue {
        /// The value.
        value: String,
    },
    /// `-h, --help`.
    HelpFlag,
    /// `-V, --version`.
    VersionFlag,
    /// The `help` subcommand.
    HelpCommand,
    /// The `help` subcommand's argument.
    HelpCommandArg,
    /// The label of an error of the command line.
    ErrorLabel,
    /// An argument that is not one of the command's.
    UnknownArgument {
        /// The argument as typed.
        arg: String,
    },
    /// A subcommand that does not exist.
    UnknownCommand {
        /// The name as typed.
        name: String,
    },
    /// The argument or command most likely meant.
    DidYouMean {
        /// The suggestion.
        suggestion: String,
    },
    /// A value not among an argument's choices.
    NotAChoice {
        /// The argument.
        arg: String,
        /// The value as typed.
        value: String,
        /// The choices, joined.
        choices: String,
    },
    /// A value an argument cannot take.
    BadValue {
        /// The argument.
        arg: String,
        /// Why, a message in the process's language quoting the value.
        reason: String,
    },
    /// A value that is not a whole number in range.
    NotANumber {
        /// The value as typed.
        value: String,
        /// The largest value allowed.
        max: String,
    },
    /// A whole number larger than an argument takes.
    NumberTooLarge {
        /// The value as typed.
        value: String,
        /// The largest value allowed.
        max: String,
    },
    /// A `--lang` that is neither zh nor en.
    NotALanguage {
        /// The value as typed.
        value: String,
    },
    /// Required arguments left out.
    MissingArguments {
        /// The arguments, joined.
        args: String,
    },
    /// An argument given a value it takes none of, or too many or too few values.
    WrongValueCount {
        /// The argument.
        arg: String,
    },
    /// Two arguments that cannot go together.
    Conflict {
        /// The argument.
        arg: String,
        /// The other one.
        other: String,
    },
    /// Any other mistake of the command line.
    Other,
    /// Where to read more.
    MoreHelp {
        /// The command to ask (`gongkai new`).
        command: String,
    },
}

/// The placeholder of an argument's value in usage lines and help (`<YEAR>`, `<年度>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumIter)]
pub enum ValueName {
    /// A site or content folder.
    Path,
    /// The site folder.
    Root,
    /// A folder to make or check.
    Dir,
    /// An output folder.
    Output,
    /// The site's address.
    BaseUrl,
    /// A port.
    Port,
    /// A budget year.
    Year,
    /// A region code.
    Region,
    /// A region's stand-in name.
    Slug,
    /// A department code.
    Dept,
    /// Files.
    Files,
    /// A language.
    Lang,
    /// A count of department files.
    Departments,
    /// A count of years.
    Years,
    /// A seed.
    Seed,
    /// A command's name.
    Command,
}

impl ValueName {
    /// The placeholder of the argument `id` (clap's id: `year`, `base_url`), if it takes a value.
    pub fn of(id: &str) -> Option<ValueName> {
        use ValueName as V;
        Some(match id {
            "path" => V::Path,
            "root" => V::Root,
            "dir" => V::Dir,
            "output" | "out" | "from" => V::Output,
            "base_url" => V::BaseUrl,
            "port" => V::Port,
            "year" | "last_year" => V::Year,
            "region" => V::Region,
            "slug" => V::Slug,
            "dept" => V::Dept,
            "files" => V::Files,
            "lang" => V::Lang,
            "departments" => V::Departments,
            "years" => V::Years,
            "seed" => V::Seed,
            "command" => V::Command,
            _ => return None,
        })
    }

    /// The placeholder in `lang`.
    pub fn text(self, lang: Lang) -> &'static str {
        use ValueName as V;
        match (lang, self) {
            (Lang::Zh, V::Path) => "路径",
            (Lang::Zh, V::Root) => "站点文件夹",
            (Lang::Zh, V::Dir) => "文件夹",
            (Lang::Zh, V::Output) => "文件夹",
            (Lang::Zh, V::BaseUrl) => "网址",
            (Lang::Zh, V::Port) => "端口",
            (Lang::Zh, V::Year) => "年度",
            (Lang::Zh, V::Region) => "地区代码",
            (Lang::Zh, V::Slug) => "简称",
            (Lang::Zh, V::Dept) => "部门编码",
            (Lang::Zh, V::Files) => "文件",
            (Lang::Zh, V::Lang) => "语言",
            (Lang::Zh, V::Departments) => "部门数",
            (Lang::Zh, V::Years) => "年数",
            (Lang::Zh, V::Seed) => "种子",
            (Lang::Zh, V::Command) => "命令",
            (Lang::En, V::Path) => "PATH",
            (Lang::En, V::Root) => "ROOT",
            (Lang::En, V::Dir) => "DIR",
            (Lang::En, V::Output) => "DIR",
            (Lang::En, V::BaseUrl) => "URL",
            (Lang::En, V::Port) => "PORT",
            (Lang::En, V::Year) => "YEAR",
            (Lang::En, V::Region) => "REGION",
            (Lang::En, V::Slug) => "SLUG",
            (Lang::En, V::Dept) => "DEPT",
            (Lang::En, V::Files) => "FILES",
            (Lang::En, V::Lang) => "LANG",
            (Lang::En, V::Departments) => "N",
            (Lang::En, V::Years) => "N",
            (Lang::En, V::Seed) => "SEED",
            (Lang::En, V::Command) => "COMMAND",
        }
    }
}

impl CliText {
    /// The words in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => self.zh(),
            Lang::En => self.en(),
        }
    }

    fn zh(&self) -> String {
        use CliText as C;
        match self {
            C::UsageHeading => "用法：".into(),
            C::CommandsHeading => "命令".into(),
            C::ArgumentsHeading => "参数".into(),
            C::OptionsHeading => "选项".into(),
            C::OptionsPlaceholder => "[选项]".into(),
            C::CommandPlaceholder => "<命令>".into(),
            C::DefaultValue { value } => format!("[默认：{value}]"),
            C::HelpFlag => "显示帮助".into(),
            C::VersionFlag => "显示版本".into(),
            C::HelpCommand => "显示本帮助，或某个命令的帮助".into(),
            C::HelpCommandArg => "要看帮助的命令".into(),
            C::ErrorLabel => "错误".into(),
            C::UnknownArgument { arg } => format!("不认识的参数“{arg}”"),
            C::UnknownCommand { name } => format!("没有“{name}”这个命令"),
            C::DidYouMean { suggestion } => format!("是不是要写“{suggestion}”？"),
            C::NotAChoice {
                arg,
                value,
                choices,
            } => format!("“{value}”不是 {arg} 可用的值；可选：{choices}"),
            C::BadValue { arg, reason } => format!("{arg} 的值不能用：{reason}"),
            C::NotANumber { value, max } => {
                format!("“{value}”不是整数；请只写数字（0 到 {max}）")
            }
            C::NumberTooLarge { value, max } => {
                format!("“{value}”太大了；最大可写 {max}")
            }
            C::NotALanguage { value } => {
                format!("不认识的语言“{value}”；请写 zh（中文）或 en（英文）")
            }
            C::MissingArguments { args } => format!("缺少必填的参数：{args}"),
            C::WrongValueCount { arg } => format!("{arg} 的值的个数不对"),
            C::Conflict { arg, other } => format!("{arg} 不能和 {other} 一起用"),
            C::Other => "命令行写得不对".into(),
            C::MoreHelp { command } => format!("详见 {command} --help"),
        }
    }

    fn en(&self) -> String {
        use CliText as C;
        match self {
            C::UsageHeading => "Usage: ".into(),
            C::CommandsHeading => "Commands".into(),
            C::ArgumentsHeading => "Arguments".into(),
            C::OptionsHeading => "Options".into(),
            C::OptionsPlaceholder => "[OPTIONS]".into(),
            C::CommandPlaceholder => "<COMMAND>".into(),
            C::DefaultValue { value } => format!("[default: {value}]"),
            C::HelpFlag => "Print help".into(),
            C::VersionFlag => "Print version".into(),
            C::HelpCommand => "Print this message or the help of the given command".into(),
            C::HelpCommandArg => "The command to print the help of".into(),
            C::ErrorLabel => "error".into(),
            C::UnknownArgument { arg } => format!("unexpected argument `{arg}`"),
            C::UnknownCommand { name } => format!("no command `{name}`"),
            C::DidYouMean { suggestion } => format!("did you mean `{suggestion}`?"),
            C::NotAChoice {
                arg,
                value,
                choices,
            } => format!("`{value}` is not a value of {arg}; choices: {choices}"),
            C::BadValue { arg, reason } => format!("invalid value for {arg}: {reason}"),
            C::NotANumber { value, max } => {
                format!("`{value}` is not a whole number; write digits only (0 to {max})")
            }
            C::NumberTooLarge { value, max } => {
                format!("`{value}` is too large; the largest allowed is {max}")
            }
            C::NotALanguage { value } => {
                format!("unknown language `{value}`; write zh (Chinese) or en (English)")
            }
            C::MissingArguments { args } => format!("missing required arguments: {args}"),
            C::WrongValueCount { arg } => format!("wrong number of values for {arg}"),
            C::Conflict { arg, other } => format!("{arg} cannot be used with {other}"),
            C::Other => "the command line is not right".into(),
            C::MoreHelp { command } => format!("For more information, try `{command} --help`"),
        }
    }
}

impl fmt::Display for CliText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(super::current()))
    }
}
