//! The messages and their words: [`Message`] (a sentence with its arguments) and [`Term`]
//! (a word used inside sentences), each with one `match` per language.

use std::time::Duration;

/// A word used inside messages (a type of value, a yes or no).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, strum::EnumIter)]
pub enum Term {
    /// A text value.
    #[default]
    Text,
    /// A number.
    Number,
    /// A whole number.
    Integer,
    /// A list.
    List,
    /// A group of fields (a mapping).
    Fields,
    /// A yes-or-no value.
    YesNo,
    /// Nothing written.
    Empty,
    /// Any other type.
    Other,
    /// Yes.
    Yes,
    /// No.
    No,
    /// A list, as a value found.
    AList,
    /// "or", joining alternatives.
    Or,
    /// The list separator.
    Separator,
    /// 产出指标 (一级).
    OutputIndicator,
    /// 数量指标.
    QuantityIndicator,
    /// 质量指标.
    QualityIndicator,
    /// 时效指标.
    TimelinessIndicator,
    /// 成本指标.
    CostIndicator,
    /// 效益指标.
    BenefitIndicator,
    /// 满意度指标.
    SatisfactionIndicator,
    /// 其他指标.
    OtherIndicator,
    /// A value that is a percentage.
    ShapeRate,
    /// A value that is a count.
    ShapeCount,
    /// A value that is money.
    ShapeMoney,
    /// A value that is a duration.
    ShapeDuration,
    /// A value that is a date.
    ShapeDeadline,
    /// A score in points.
    ShapeScore,
    /// A number without a unit.
    ShapeBare,
    /// A qualitative phrase.
    ShapeVague,
    /// Other text.
    ShapeText,
    /// Review level 提示.
    LevelHint,
    /// Review level 一般.
    LevelNormal,
    /// Review level 重要.
    LevelSerious,
}

impl Term {
    pub(super) fn zh(self) -> &'static str {
        match self {
            Term::Text => "文字",
            Term::Number => "数字",
            Term::Integer => "整数",
            Term::List => "列表（每项以“- ”开头）",
            Term::Fields => "一组字段",
            Term::YesNo => "是或否",
            Term::Empty => "空",
            Term::Other => "其他",
            Term::Yes => "是",
            Term::No => "否",
            Term::AList => "一个列表",
            Term::Or => "或",
            Term::Separator => "、",
            Term::OutputIndicator => "产出指标",
            Term::QuantityIndicator => "数量指标",
            Term::QualityIndicator => "质量指标",
            Term::TimelinessIndicator => "时效指标",
            Term::CostIndicator => "成本指标",
            Term::BenefitIndicator => "效益指标",
            Term::SatisfactionIndicator => "满意度指标",
            Term::OtherIndicator => "其他指标",
            Term::ShapeRate => "百分比",
            Term::ShapeCount => "数量",
            Term::ShapeMoney => "金额",
            Term::ShapeDuration => "时长",
            Term::ShapeDeadline => "日期",
            Term::ShapeScore => "分数",
            Term::ShapeBare => "不带单位的数",
            Term::ShapeVague => "定性表述",
            Term::ShapeText => "文字",
            Term::LevelHint => "提示",
            Term::LevelNormal => "一般",
            Term::LevelSerious => "重要",
        }
    }

    pub(super) fn en(self) -> &'static str {
        match self {
            Term::Text => "text",
            Term::Number => "a number",
            Term::Integer => "a whole number",
            Term::List => "a list (each item starting with “- ”)",
            Term::Fields => "a group of fields",
            Term::YesNo => "yes or no",
            Term::Empty => "nothing",
            Term::Other => "something else",
            Term::Yes => "yes",
            Term::No => "no",
            Term::AList => "a list",
            Term::Or => " or ",
            Term::Separator => ", ",
            Term::OutputIndicator => "output indicators",
            Term::QuantityIndicator => "quantity indicators",
            Term::QualityIndicator => "quality indicators",
            Term::TimelinessIndicator => "timeliness indicators",
            Term::CostIndicator => "cost indicators",
            Term::BenefitIndicator => "benefit indicators",
            Term::SatisfactionIndicator => "satisfaction indicators",
            Term::OtherIndicator => "other indicators",
            Term::ShapeRate => "a percentage",
            Term::ShapeCount => "a count",
            Term::ShapeMoney => "an amount of money",
            Term::ShapeDuration => "a duration",
            Term::ShapeDeadline => "a date",
            Term::ShapeScore => "a score",
            Term::ShapeBare => "a number without a unit",
            Term::ShapeVague => "a qualitative phrase",
            Term::ShapeText => "text",
            Term::LevelHint => "hint",
            Term::LevelNormal => "normal",
            Term::LevelSerious => "serious",
        }
    }
}

/// The help of one argument of the command line (`gongkai new --help`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumIter)]
pub enum Help {
    /// `check --help`: The site folder (holding site.toml and content/) or a content folder.
    CheckPath,
    /// `check --help`: Exit non-zero on warnings too.
    CheckDenyWarnings,
    /// `check --help`: List every indicator row assigned to a metric of content/metrics.yaml.
    CheckMetrics,
    /// `build --help`: The site folder.
    BuildRoot,
    /// `build --help`: Write here instead of site.toml's output_dir.
    BuildOutput,
    /// `build --help`: Override site.toml's base_url.
    BuildBaseUrl,
    /// `build --help`: Print the time each step took and the peak memory so far.
    BuildTimings,
    /// `build --help`: Make everything anew, ignoring the build cache (.gongkai/build-cache).
    BuildClean,
    /// `serve --help`: The site folder.
    ServeRoot,
    /// `serve --help`: Port (default: site.toml's port, else 1111).
    ServePort,
    /// `init --help`: Where to make it.
    InitDir,
    /// `new --help`: The budget year, four digits, such as 2025.
    NewYear,
    /// `new --help`: The 6-digit region code (such as 130529), or unstated (then give --slug).
    NewRegion,
    /// `new --help`: For an unstated region: the ASCII name that stands in for its code in addresses.
    NewSlug,
    /// `new --help`: The department code (such as 414).
    NewDept,
    /// `new --help`: The site folder.
    NewRoot,
    /// `review --help`: The site folder.
    ReviewRoot,
    /// `review --help`: Where to write the report (default: review-report/ in the site folder).
    ReviewOutput,
    /// `archive --help`: The budget year to freeze.
    ArchiveYear,
    /// `archive --help`: The site folder.
    ArchiveRoot,
    /// `verify --help`: The folder holding manifest.txt, or a downloaded .tar.gz bundle.
    VerifyDir,
    /// `import --help`: The files to import.
    ImportFiles,
    /// `import --help`: The content folder to place drafts in (as YEAR/REGION/DEPT.yaml).
    ImportOut,
    /// `import --help`: Overwrite drafts that already exist.
    ImportForce,
    /// `import --help`: Write the drafts even when lines holding figures were left out or totals disagree (listed at the top of each draft).
    ImportKeepGoing,
    /// `import --help`: The budget year of files that do not state one.
    ImportYear,
    /// `schema --help`: Print the self-evaluation file's schema instead.
    SchemaSelfeval,
    /// `gen --help`: Output content folder.
    GenOut,
    /// `gen --help`: Department files per year.
    GenDepartments,
    /// `gen --help`: Number of budget years.
    GenYears,
    /// `gen --help`: The latest budget year.
    GenLastYear,
    /// `gen --help`: Seed.
    GenSeed,
    /// `gen --help`: Where to take real text from.
    GenFrom,
}

impl Help {
    /// Each argument's help: its subcommand, its argument's id, its words.
    pub const ARGS: &[(&str, &str, Help)] = &[
        ("check", "path", Help::CheckPath),
        ("check", "deny_warnings", Help::CheckDenyWarnings),
        ("check", "metrics", Help::CheckMetrics),
        ("build", "root", Help::BuildRoot),
        ("build", "output", Help::BuildOutput),
        ("build", "base_url", Help::BuildBaseUrl),
        ("build", "timings", Help::BuildTimings),
        ("build", "clean", Help::BuildClean),
        ("serve", "root", Help::ServeRoot),
        ("serve", "port", Help::ServePort),
        ("init", "dir", Help::InitDir),
        ("new", "year", Help::NewYear),
        ("new", "region", Help::NewRegion),
        ("new", "slug", Help::NewSlug),
        ("new", "dept", Help::NewDept),
        ("new", "root", Help::NewRoot),
        ("review", "root", Help::ReviewRoot),
        ("review", "output", Help::ReviewOutput),
        ("archive", "year", Help::ArchiveYear),
        ("archive", "root", Help::ArchiveRoot),
        ("verify", "dir", Help::VerifyDir),
        ("import", "files", Help::ImportFiles),
        ("import", "out", Help::ImportOut),
        ("import", "force", Help::ImportForce),
        ("import", "keep_going", Help::ImportKeepGoing),
        ("import", "year", Help::ImportYear),
        ("schema", "selfeval", Help::SchemaSelfeval),
        ("gen", "out", Help::GenOut),
        ("gen", "departments", Help::GenDepartments),
        ("gen", "years", Help::GenYears),
        ("gen", "last_year", Help::GenLastYear),
        ("gen", "seed", Help::GenSeed),
        ("gen", "from", Help::GenFrom),
    ];

    pub(super) fn zh(self) -> &'static str {
        match self {
            Help::CheckPath => "站点文件夹（含 site.toml 和 content/）或内容文件夹",
            Help::CheckDenyWarnings => "有警告时也以失败退出",
            Help::CheckMetrics => "列出 content/metrics.yaml 中每个可比指标匹配到的每一行指标",
            Help::BuildRoot => "站点文件夹",
            Help::BuildOutput => "写到这里，而不是 site.toml 的 output_dir",
            Help::BuildBaseUrl => "代替 site.toml 的 base_url（网站地址）",
            Help::BuildTimings => "列出每一步的用时和到那时为止的内存峰值",
            Help::BuildClean => "不用构建缓存（.gongkai/build-cache），全部重新生成",
            Help::ServeRoot => "站点文件夹",
            Help::ServePort => "端口（默认用 site.toml 的 port，否则 1111）",
            Help::InitDir => "在哪里建立新站点",
            Help::NewYear => "预算年度，四位数字，如 2025",
            Help::NewRegion => {
                "六位行政区划代码（如 130529），原文未写明地区时写 unstated（再用 --slug）"
            }
            Help::NewSlug => "地区为 unstated 时：代替地区代码用在网址中的英文简称",
            Help::NewDept => "部门编码（如 414）",
            Help::NewRoot => "站点文件夹",
            Help::ReviewRoot => "站点文件夹",
            Help::ReviewOutput => "审核报告写到哪里（默认为站点文件夹中的 review-report/）",
            Help::ArchiveYear => "要冻结的预算年度",
            Help::ArchiveRoot => "站点文件夹",
            Help::VerifyDir => "含 manifest.txt 的文件夹，或下载的 .tar.gz 年度压缩包",
            Help::ImportFiles => "要导入的文件",
            Help::ImportOut => "草稿放入的内容文件夹（按 年度/地区代码/部门.yaml）",
            Help::ImportForce => "覆盖已有的草稿",
            Help::ImportKeepGoing => {
                "即使有含数字的行没有录入或合计对不上，也写出草稿（这些行列在草稿开头）"
            }
            Help::ImportYear => "原文没有写明预算年度时用的年度（如 2024）；原文写明的年度不会被改",
            Help::SchemaSelfeval => "输出绩效自评文件（content/selfeval/…）的 JSON Schema",
            Help::GenOut => "合成的部门文件写入的内容文件夹",
            Help::GenDepartments => "每年的部门文件数",
            Help::GenYears => "预算年度的个数",
            Help::GenLastYear => "最后一个预算年度",
            Help::GenSeed => "随机种子：同一种子写出同样的文件",
            Help::GenFrom => "从哪里取真实的文字",
        }
    }

    pub(super) fn en(self) -> &'static str {
        match self {
            Help::CheckPath => {
                "The site folder (holding site.toml and content/) or a content folder"
            }
            Help::CheckDenyWarnings => "Exit non-zero on warnings too",
            Help::CheckMetrics => {
                "List every indicator row assigned to a metric of content/metrics.yaml"
            }
            Help::BuildRoot => "The site folder",
            Help::BuildOutput => "Write here instead of site.toml's output_dir",
            Help::BuildBaseUrl => "Override site.toml's base_url",
            Help::BuildTimings => "Print the time each step took and the peak memory so far",
            Help::BuildClean => {
                "Make everything anew, ignoring the build cache (.gongkai/build-cache)"
            }
            Help::ServeRoot => "The site folder",
            Help::ServePort => "Port (default: site.toml's port, else 1111)",
            Help::InitDir => "Where to make it",
            Help::NewYear => "The budget year, four digits, such as 2025",
            Help::NewRegion => {
                "The 6-digit region code (such as 130529), or unstated (then give --slug)"
            }
            Help::NewSlug => {
                "For an unstated region: the ASCII name that stands in for its code in addresses"
            }
            Help::NewDept => "The department code (such as 414)",
            Help::NewRoot => "The site folder",
            Help::ReviewRoot => "The site folder",
            Help::ReviewOutput => {
                "Where to write the report (default: review-report/ in the site folder)"
            }
            Help::ArchiveYear => "The budget year to freeze",
            Help::ArchiveRoot => "The site folder",
            Help::VerifyDir => "The folder holding manifest.txt, or a downloaded .tar.gz bundle",
            Help::ImportFiles => "The files to import",
            Help::ImportOut => "The content folder to place drafts in (as YEAR/REGION/DEPT.yaml)",
            Help::ImportForce => "Overwrite drafts that already exist",
            Help::ImportKeepGoing => {
                "Write the drafts even when lines holding figures were left out or totals disagree (listed at the top of each draft)"
            }
            Help::ImportYear => {
                "The budget year for files that do not state one (such as 2024); a year the file states is kept"
            }
            Help::SchemaSelfeval => {
                "Print the JSON Schema of a self-evaluation file (content/selfeval/…) instead"
            }
            Help::GenOut => "Output content folder",
            Help::GenDepartments => "Department files per year",
            Help::GenYears => "Number of budget years",
            Help::GenLastYear => "The latest budget year",
            Help::GenSeed => "Seed: the same seed writes the same files",
            Help::GenFrom => "Where to take real text from",
        }
    }
}

/// Everything gongkai says to a publisher. Arguments are the data quoted (file names, keys,
/// values as written), never words of either language, except where a field holds a message
/// or [`Term`] already given in the process's language.
#[derive(Debug, Clone, PartialEq, strum::EnumIter)]
pub enum Message {
    // ── diagnostics: the frame ──────────────────────────────────────────────────────────
    /// The label of an error.
    ErrorLabel,
    /// The label of a warning.
    WarningLabel,
    /// A place in a file.
    Place {
        /// The file.
        file: String,
        /// Line, from 1.
        line: usize,
        /// Column, from 1.
        column: usize,
    },
    /// The field a diagnostic is about, in the form's words and as a path.
    FieldAt {
        /// The form's words (项目「…」 › 第 3 条指标 › 指标值); Chinese only.
        words: String,
        /// The path (`projects[0].indicators[2].value`).
        path: String,
    },
    /// What was expected.
    Expected {
        /// The expectation, a message in the process's language.
        text: String,
    },
    /// The last line of `gongkai check`.
    CheckSummary {
        /// Files checked.
        files: usize,
        /// Projects read.
        projects: usize,
        /// Errors.
        errors: usize,
        /// Warnings.
        warnings: usize,
    },
    /// How many rows a comparable metric matched.
    MetricMatched {
        /// The metric's Chinese name.
        name: String,
        /// Its key.
        key: String,
        /// Rows matched.
        rows: usize,
        /// Region-years they come from.
        regions: usize,
    },

    // ── self-evaluations (绩效自评) ───────────────────────────────────────────────────────
    /// How many self-evaluations `gongkai check` read.
    SelfEvalCount {
        /// Self-evaluation files read.
        count: usize,
    },
    /// A YAML file under content/selfeval/ outside `YEAR/REGION/`.
    SelfEvalMisplaced,
    /// A name under `content/` that is not UTF-8: no reader takes the file.
    NameNotUtf8,
    /// What such a name should be.
    NameNotUtf8Hint,
    /// Where self-evaluation files go.
    SelfEvalPlaceHint,
    /// A self-evaluation file larger than the limit.
    SelfEvalTooLarge {
        /// Its size in bytes.
        size: u64,
        /// The limit.
        max: u64,
    },
    /// What a self-evaluation file holds.
    SelfEvalSizeHint,
    /// A self-evaluation file that cannot be read.
    SelfEvalUnreadable {
        /// The cause.
        cause: String,
    },
    /// A self-evaluation under a year folder other than its year.
    SelfEvalYearMismatch {
        /// The folder it sits in.
        folder: String,
        /// The year it states.
        year: u16,
    },
    /// Where a self-evaluation of `year` goes.
    SelfEvalYearHint {
        /// The year it states.
        year: u16,
    },
    /// A self-evaluation under a region folder other than its region.
    SelfEvalRegionMismatch {
        /// The folder it sits in.
        folder: String,
        /// The region key it states.
        key: String,
    },
    /// Where a self-evaluation of this year and region goes.
    SelfEvalRegionHint {
        /// The year.
        year: u16,
        /// The region key.
        key: String,
    },
    /// The schema version of a self-evaluation is not one this build reads.
    SelfEvalSchemaVersion {
        /// The version written.
        version: u32,
    },

    /// A finding of the self-evaluation checks, in its project.
    SelfEvalFinding {
        /// The project's name as written.
        project: String,
        /// The finding, a message in the process's language.
        text: String,
    },
    /// The written 执行率 disagrees with 执行数 ÷ 预算数.
    SelfEvalRate {
        /// The rate as written.
        written: String,
        /// 全年执行数 (万元).
        executed: String,
        /// 全年预算数 (万元).
        budget: String,
        /// 执行数 ÷ 预算数 in percent, one decimal.
        computed: String,
    },
    /// The row scores and the 执行率 score do not add up to the 自评得分.
    SelfEvalScoreSum {
        /// Their sum.
        sum: String,
        /// The 自评得分 as written.
        stated: String,
    },
    /// The row weights and the 执行率 weight do not add up to the 总分.
    SelfEvalWeightSum {
        /// Their sum.
        sum: String,
        /// The 总分 as written.
        stated: String,
    },
    /// A row's 得分 above its 分值.
    SelfEvalScoreAboveWeight {
        /// The row's 三级指标.
        name: String,
        /// Its 得分.
        score: String,
        /// Its 分值.
        weight: String,
    },
    /// A row short of its target scored full.
    SelfEvalShortfallFullScore {
        /// The row's 三级指标.
        name: String,
        /// 年度指标值 as written.
        target: String,
        /// 实际完成值 as written.
        actual: String,
        /// Its 得分.
        score: String,
    },
    /// A row short of its target with the 偏差原因 blank.
    SelfEvalShortfallNoReason {
        /// The row's 三级指标.
        name: String,
        /// 年度指标值 as written.
        target: String,
        /// 实际完成值 as written.
        actual: String,
    },
    /// A row that reached its target scored below its 分值.
    SelfEvalMetNotFull {
        /// The row's 三级指标.
        name: String,
        /// 年度指标值 as written.
        target: String,
        /// 实际完成值 as written.
        actual: String,
        /// Its 得分.
        score: String,
        /// Its 分值.
        weight: String,
    },
    /// The 年度指标值 differs from the published target.
    SelfEvalTargetDiffers {
        /// The row's 三级指标.
        name: String,
        /// The self-evaluation's 年度指标值.
        written: String,
        /// The published 指标值.
        published: String,
    },

    // ── content layout ──────────────────────────────────────────────────────────────────
    /// A content folder without department files.
    NoDepartmentFiles {
        /// The folder.
        dir: String,
    },
    /// Where department files go.
    DepartmentFileHint,
    /// No content folder.
    NoContentFolder {
        /// The folder looked for.
        dir: String,
    },
    /// What a content folder holds.
    ContentFolderHint,
    /// A symbolic link under content/.
    SymlinkNotRead,
    /// How to replace a link.
    SymlinkHint,
    /// A folder under content/ that is not a year.
    NotAYearFolder {
        /// The folder's name.
        folder: String,
    },
    /// Where a department file may sit.
    YearFolderHint,
    /// The `new` template's placeholder left in a field.
    Placeholder,
    /// How to fill a placeholder.
    PlaceholderHint,

    // ── reading a file ──────────────────────────────────────────────────────────────────
    /// A file that cannot be read.
    CannotReadFile {
        /// The system's reason.
        error: String,
    },
    /// A file too large to be a department file.
    FileTooLarge {
        /// Its size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// What a department file is.
    FileTooLargeHint,
    /// A byte-order mark at the start.
    ByteOrderMark,
    /// How to save without one.
    ByteOrderMarkHint,
    /// Bytes that are not UTF-8.
    NotUtf8 {
        /// Line of the first bad byte.
        line: usize,
        /// Byte offset of the first bad byte.
        offset: usize,
    },
    /// How to re-save as UTF-8.
    NotUtf8Hint,
    /// An empty file.
    EmptyFile,
    /// What a department file starts with.
    EmptyFileHint,
    /// A `schema:` version this gongkai does not read.
    SchemaVersion {
        /// The version written.
        found: String,
    },
    /// The version to write.
    SchemaVersionHint {
        /// The version read.
        version: String,
    },
    /// A YAML syntax error.
    YamlSyntax {
        /// What is wrong, in the process's language.
        problem: String,
        /// The reader's own words (English; shown in the English text only), or nothing when
        /// `problem` is them.
        raw: String,
    },
    /// The YAML reader's own words, when no better ones are known.
    YamlReader {
        /// The reader's message (English).
        raw: String,
    },
    /// What well-formed YAML looks like.
    YamlSyntaxHint,
    /// Nesting deeper than the reader reads.
    SyntaxTooDeep,
    /// The reader's limits (nesting, aliases) exceeded.
    ReaderLimit {
        /// The reader's message.
        raw: String,
    },
    /// A `key: value` where a mapping value may not stand.
    SyntaxMappingValue,
    /// A block with a wrong indentation.
    SyntaxIndentation,
    /// A quote or bracket left open.
    SyntaxUnclosed,
    /// A tab used for indentation.
    SyntaxTab,
    /// A key given twice.
    SyntaxDuplicateKey,
    /// A `- ` item where a key was expected, or the reverse.
    SyntaxBlockMix,
    /// An alias (`*name`) to an anchor that is not defined.
    SyntaxUnknownAlias,
    /// A control character or one that cannot start anything.
    SyntaxBadCharacter,
    /// A second document (after `---`) in one file.
    YamlTwoDocuments,
    /// A key given twice, named.
    DuplicateKeyNamed {
        /// The key.
        key: String,
    },
    /// A `!tag` the reader does not take.
    YamlTag,
    /// A number above the schema's maximum.
    NumberTooLarge {
        /// The field in the form's words.
        words: String,
        /// Its path.
        path: String,
        /// The maximum.
        limit: String,
    },
    /// A number below the schema's minimum.
    NumberTooSmall {
        /// The field in the form's words.
        words: String,
        /// Its path.
        path: String,
        /// The minimum.
        limit: String,
    },

    // ── every schema error of a file (all_errors) ───────────────────────────────────────
    /// A key the form does not have.
    UnknownField {
        /// The key written.
        key: String,
    },
    /// The key most likely meant.
    DidYouMeanField {
        /// The key.
        key: String,
        /// Its Chinese title.
        title: String,
    },
    /// The keys allowed at this place.
    FieldsAllowedHere {
        /// `key（title）` joined.
        list: String,
    },
    /// A comma in an amount in flow style made a key of the decimals.
    AmountCommaSplit {
        /// The decimals taken for a key.
        key: String,
    },
    /// A required field left out.
    MissingField {
        /// The key.
        key: String,
        /// Its place in the form's words.
        words: String,
        /// Its path.
        path: String,
    },
    /// How to add the missing field.
    AddFieldLine {
        /// The key.
        key: String,
    },
    /// A text that is not an amount.
    NotAnAmount {
        /// What was written.
        written: String,
    },
    /// An amount beyond the limit.
    AmountOutOfRange {
        /// What was written.
        written: String,
    },
    /// A date not written YYYY-MM-DD.
    NotADate {
        /// What was written.
        written: String,
    },
    /// A date with a month that does not exist.
    NoSuchMonth {
        /// What was written.
        written: String,
        /// The month.
        month: u32,
    },
    /// A date with a day its month does not have (2024-02-30).
    NoSuchDay {
        /// What was written.
        written: String,
    },
    /// A value not among the choices.
    NotAChoice {
        /// What was written.
        written: String,
        /// The field in the form's words.
        words: String,
        /// Its path.
        path: String,
    },
    /// The choice most likely meant, and all of them.
    DidYouMeanChoice {
        /// The choice.
        choice: String,
        /// Every choice, joined.
        choices: String,
    },
    /// The choices.
    Choices {
        /// Every choice, joined.
        choices: String,
    },
    /// An amount that is not a number.
    AmountNotANumber {
        /// What was written.
        written: String,
    },
    /// An amount written with 万元.
    AmountHintUnit {
        /// The amount as it should be written.
        example: String,
    },
    /// An amount written with a decimal comma.
    AmountHintComma {
        /// The amount as it should be written.
        example: String,
    },
    /// An amount written with words.
    AmountHintDigits,
    /// A value of the wrong type.
    WrongType {
        /// The field in the form's words.
        words: String,
        /// Its path.
        path: String,
        /// The type wanted ([`Term`]s in the process's language).
        want: String,
        /// What was found.
        got: String,
    },
    /// A field left empty.
    NullHint,
    /// A value of the wrong shape.
    WrongShape {
        /// The field in the form's words.
        words: String,
        /// Its path.
        path: String,
        /// What was found.
        got: String,
    },
    /// A value breaking a rule of the schema.
    WrongShapeRule {
        /// The field in the form's words.
        words: String,
        /// Its path.
        path: String,
        /// The schema keyword.
        keyword: String,
    },
    /// A text value, quoted.
    TextValue {
        /// The text.
        text: String,
    },
    /// A number value.
    NumberValue {
        /// The number as written.
        number: String,
    },

    // ── checks within and across documents (validate) ───────────────────────────────────
    /// Text nested too deep.
    Nesting {
        /// Line in the text.
        line: usize,
        /// The limit.
        max: usize,
    },
    /// How deep text may nest.
    NestingHint,
    /// A unit code that cannot be a link.
    UnitCodeNotLinkable {
        /// The code.
        code: String,
    },
    /// What a unit code looks like.
    UnitCodeHint,
    /// A region left for the publisher by `gongkai import`.
    RegionUnstatedOnImport,
    /// How to fill in such a region.
    RegionUnstatedHint,
    /// A project naming an undeclared unit.
    UndeclaredUnit {
        /// The project.
        project: String,
        /// The unit written.
        unit: String,
    },
    /// The declared units.
    OneOf {
        /// The choices, joined.
        list: String,
    },
    /// A project of a many-unit department without a unit.
    ProjectWithoutUnit {
        /// The project.
        project: String,
    },
    /// How to name the unit.
    UnitLineHint {
        /// The declared units, joined.
        list: String,
    },
    /// A project with neither code nor id.
    ProjectWithoutKey {
        /// The project.
        project: String,
    },
    /// How to give an id.
    ProjectIdHint,
    /// A key that cannot be used in a link.
    KeyNotLinkable {
        /// The key.
        key: String,
    },
    /// What a link key looks like.
    KeyHint,
    /// A project code whose prefix is not region and year.
    CodePrefix {
        /// The code.
        code: String,
    },
    /// The prefix a code should have.
    CodePrefixHint {
        /// The prefix.
        prefix: String,
    },
    /// A 说明 answering a rule that finds nothing there.
    UnusedAnswer {
        /// The rule's code.
        rule: String,
        /// The rule's title.
        title: String,
    },
    /// What to do with it.
    UnusedAnswerHint,
    /// A file under another year's folder.
    YearFolderMismatch {
        /// The folder.
        folder: String,
        /// The document's year.
        year: u16,
    },
    /// Where the file belongs.
    BelongsUnder {
        /// The folder.
        place: String,
    },
    /// A file outside its region's folder.
    RegionFolderMismatch {
        /// The file under content/.
        rel: String,
    },
    /// A file name that cannot be used in a link.
    FileNameNotLinkable {
        /// The name.
        stem: String,
    },
    /// What a file name looks like.
    FileNameHint,
    /// A named indicator row without `value`.
    ValueLeftOut {
        /// The row's name.
        name: String,
    },
    /// How to write a blank value.
    ValueLeftOutHint,
    /// An indicator row with neither a name nor a value.
    EmptyIndicatorRow,
    /// What to do with it.
    EmptyIndicatorRowHint,
    /// A target value that cannot be placed.
    UnparsedValue {
        /// The value as written.
        raw: String,
    },
    /// The forms a value may take.
    UnparsedValueHint,
    /// A project code used twice in one region and year.
    DuplicateCode {
        /// The code.
        code: String,
        /// The other project.
        other: String,
        /// The other file.
        file: String,
        /// The other project's index.
        index: usize,
    },
    /// What a code must be.
    DuplicateCodeHint,
    /// Two projects of one file with one link key.
    DuplicateKey {
        /// The project.
        project: String,
        /// The key.
        key: String,
        /// The other project.
        other: String,
        /// The other project's index.
        index: usize,
    },
    /// What an id must be.
    DuplicateKeyHint,
    /// A finding of the review, with its place and level.
    ReviewFinding {
        /// The rule's message, in the process's language.
        message: String,
        /// The place in the form's words, in the process's language.
        place: String,
        /// The level.
        level: Term,
    },
    /// How to record a 说明.
    ReviewAnswerHint {
        /// The rule's code.
        rule: String,
    },
    /// A metric of content/metrics.yaml with a problem.
    MetricProblem {
        /// The metric's key.
        key: String,
        /// The problem, a message in the process's language.
        problem: String,
    },
    /// A metric key that is not allowed.
    MetricKeyBad,
    /// Two metrics with one key.
    MetricKeyTwice,
    /// A quantity metric without units.
    MetricNeedsUnits,

    // ── commands ────────────────────────────────────────────────────────────────────────
    /// An error, printed by a command.
    ErrorLine {
        /// The error.
        error: String,
    },
    /// A build's summary.
    Built {
        /// Pages.
        pages: usize,
        /// Files.
        files: usize,
        /// Department files.
        departments: usize,
        /// Self-evaluation files (绩效自评).
        selfevals: usize,
        /// Time taken.
        elapsed: Duration,
        /// Output folder.
        output: String,
        /// Warnings.
        warnings: usize,
    },
    /// The search index's summary.
    SearchIndexBuilt {
        /// Records.
        records: usize,
        /// Terms.
        terms: usize,
        /// Paged terms.
        paged: usize,
        /// Files.
        files: usize,
        /// Megabytes.
        megabytes: String,
    },
    /// Departments copied from the last build.
    Unchanged {
        /// Departments unchanged.
        reused: usize,
        /// All departments.
        departments: usize,
        /// Department files read from their YAML (the others were taken as parsed before).
        parsed: usize,
        /// Documents taken from the store and decoded whole (the others were read from
        /// their summaries only).
        decoded: usize,
    },
    /// A document taken from the store could not be read back when it was needed, nor its
    /// file parsed again: the build stops before publishing.
    StoreSpoiled {
        /// The department file.
        file: String,
    },
    /// A file of the published site that the build was publishing again was changed by
    /// something else while the build ran.
    AlteredDuringBuild,
    /// The head of `--timings`' columns: wall time, processor time, cores busy, step.
    TimingsHead,
    /// A step's peak memory.
    PeakMemory {
        /// MiB.
        mib: u64,
    },
    /// A build failed.
    BuildFailed,
    /// A build failed, and no site had been published in its output folder before.
    BuildFailedNothingPublished,
    /// `serve` rebuilt.
    Rebuilt {
        /// Pages.
        pages: usize,
        /// Departments whose pages were published again from the last build, unchanged.
        reused: usize,
        /// All departments.
        departments: usize,
        /// Time taken.
        elapsed: Duration,
    },
    /// A `serve` build failed.
    ServeBuildFailed,
    /// `serve` started.
    Serving {
        /// The site folder.
        root: String,
        /// The address.
        url: String,
    },
    /// The page `serve` shows while its first build runs.
    FirstBuildPending,
    /// The heading of the browser's error panel.
    PanelHeading,
    /// A path `serve` cannot map.
    NotFound,
    /// `archive` sealed corrections.
    Sealed {
        /// Departments sealed.
        departments: usize,
        /// The year.
        year: u16,
        /// The archive folder.
        dir: String,
    },
    /// `archive` froze a year.
    Froze {
        /// The year.
        year: u16,
        /// Files.
        files: usize,
        /// The archive folder.
        dir: String,
    },
    /// `archive` failed.
    ArchiveFailed,
    /// `verify` found every file.
    VerifyAllMatch {
        /// The folder.
        dir: String,
    },
    /// One difference found by `verify` (its kind, before the path).
    VerifyMissing,
    /// A file not in the manifest.
    VerifyAdded,
    /// A file with other bytes.
    VerifyAltered,
    /// A symbolic link.
    VerifySymlink,
    /// `verify`'s summary of differences.
    VerifyDifferences {
        /// The folder.
        dir: String,
        /// Missing files.
        missing: usize,
        /// Added files.
        added: usize,
        /// Altered files.
        altered: usize,
        /// Links.
        links: usize,
    },
    /// One imported document.
    Imported {
        /// The source.
        source: String,
        /// The draft.
        draft: String,
        /// Projects.
        projects: usize,
        /// Indicator rows.
        rows: usize,
        /// Notes to check.
        notes: usize,
    },
    /// What to do after importing.
    ImportNext,
    /// Import wrote nothing.
    ImportFailed,
    /// `import`: files refused, so none of the batch was written.
    ImportNoneWritten {
        /// Files refused.
        failed: usize,
        /// Files given.
        total: usize,
    },
    /// `import --keep-going`: the files read were written, others refused.
    ImportPartly {
        /// Files refused.
        failed: usize,
        /// Drafts written.
        written: usize,
    },
    /// `init` made a site.
    InitDone {
        /// The folder.
        dir: String,
    },
    /// `new` wrote a file.
    NewDone {
        /// The file.
        path: String,
    },
    /// Standard output cannot be written.
    CannotPrint {
        /// The reason.
        error: String,
    },
    /// `review` wrote its report.
    Reviewed {
        /// Departments.
        departments: usize,
        /// Findings.
        findings: usize,
        /// Findings answered.
        answered: usize,
        /// The report folder.
        output: String,
    },
    /// `gen` wrote files.
    Generated {
        /// Files.
        files: usize,
        /// The folder.
        out: String,
        /// Time taken.
        elapsed: Duration,
    },

    // ── the command line's help ───────────────────────────────────────────────────────
    /// `--help`: gongkai.
    AboutApp,
    /// `--help`: Load and validate the content without building.
    AboutCheck,
    /// `--help`: Build the site into the output folder (site.toml `output_dir`, default public/).
    AboutBuild,
    /// `--help`: Build, serve on 127.0.0.1 and rebuild on every edit, reloading open pages.
    AboutServe,
    /// `--help`: Make a new site in DIR that builds at once.
    AboutInit,
    /// `--help`: Add a department file from a template.
    AboutNew,
    /// `--help`: Review the targets as a finance bureau does and write the review report.
    AboutReview,
    /// `--help`: Freeze a year into archive/YEAR/.
    AboutArchive,
    /// `--help`: Check a published folder or a year's bundle against its manifest.txt.
    AboutVerify,
    /// `--help`: Turn disclosed documents (Word or PDF text, .docx, .xlsx) into YAML drafts.
    AboutImport,
    /// `--help`: Print the JSON Schema of a department file, for editors with a YAML plugin.
    AboutSchema,
    /// `--help`: Write synthetic department files for benchmarks.
    AboutGen,
    /// `--help`: Language of messages.
    LangHelp,

    // ── errors of build, archive, verify ────────────────────────────────────────────────
    /// A year frozen already without a correction to seal.
    AlreadyFrozen {
        /// The year.
        year: u16,
    },
    /// No such year to freeze.
    NoSuchYear {
        /// The year.
        year: u16,
    },
    /// A frozen year's sources were edited.
    FrozenEdited {
        /// The year.
        year: u16,
        /// When it was frozen.
        date: String,
        /// One line per change.
        changes: String,
    },
    /// An archived source's corrections cannot be read.
    ArchivedSource {
        /// The file.
        path: String,
        /// The reader's message.
        message: String,
    },
    /// A file could not be read or written.
    FileError {
        /// The file.
        path: String,
        /// The reason.
        error: String,
    },
    /// A file of the output could not be written.
    CannotWrite {
        /// The file.
        path: String,
        /// The reason.
        error: String,
    },
    /// A file the last build published and this one does not could not be removed from the
    /// staging folder.
    CannotRemove {
        /// The file or folder.
        path: String,
        /// The reason.
        error: String,
    },
    // ── refusals of paths, new, init, staging and archives ─────────────────────────
    /// The output folder overlaps the sources.
    OutputOverlaps {
        /// The output folder.
        output: String,
        /// What it overlaps.
        why: String,
    },
    /// The output is the site folder.
    IsTheSite,
    /// The output path is a file, not a folder.
    IsAFile,
    /// A panic without a message.
    NoExplanation,
    /// The output holds the site folder.
    HoldsTheSite {
        /// The site folder.
        site: String,
    },
    /// The output is a source folder.
    IsASource {
        /// The source folder.
        folder: String,
    },
    /// The output lies inside a source folder.
    InsideASource {
        /// The source folder.
        folder: String,
    },
    /// The output holds a source folder.
    HoldsASource {
        /// The source folder.
        folder: String,
    },
    /// The output folder holds files gongkai did not write.
    OutputForeign {
        /// The output folder.
        output: String,
    },
    /// Symbolic links in the sources.
    Symlinks {
        /// One link per line.
        list: String,
    },
    /// An empty content folder over a published site.
    WouldEmptySite {
        /// The content folder.
        content: String,
        /// The output folder.
        output: String,
        /// Published files under year folders.
        published: usize,
    },
    /// A Markdown page named like an address of the site.
    ReservedPage {
        /// The page file.
        path: String,
        /// Its name.
        name: String,
    },
    /// A folder that cannot be read.
    CannotReadPath {
        /// The path.
        path: String,
        /// The reason.
        error: String,
    },
    /// `new`: a year that is not four digits.
    NewYear {
        /// The year given.
        year: u32,
    },
    /// `new`: a region that is neither a code nor `unstated`.
    NewRegion {
        /// The region given.
        region: String,
    },
    /// `new`: `unstated` without a usable slug.
    NewSlug,
    /// `new`: a department code that cannot be a file name.
    NewDepartment {
        /// The code given.
        code: String,
    },
    /// `new` or `init`: the file or site exists.
    AlreadyExists {
        /// The file or folder.
        path: String,
    },
    /// A build stopped on a bug.
    Panic {
        /// The panic's message.
        what: String,
    },
    /// The Markdown pages cannot be read.
    PagesUnreadable {
        /// The reason.
        error: String,
    },
    /// Two sources claim one address.
    WrittenTwice {
        /// The address.
        address: String,
    },
    /// A bundle entry leaving its folder.
    UnsafeEntry {
        /// The bundle.
        path: String,
        /// The entry.
        entry: String,
    },
    /// A manifest listing a path twice.
    ListedTwice {
        /// The manifest.
        path: String,
        /// Line.
        line: usize,
        /// The path listed twice.
        entry: String,
    },
    /// A frozen archive altered.
    ArchiveAltered {
        /// The year.
        year: u16,
        /// One line per file.
        changes: String,
    },
    // ── import and review ─────────────────────────────────────────────────────────────
    /// `import`: a text file that is not UTF-8.
    ImportNotUtf8 {
        /// The file.
        path: String,
    },
    /// `import`: a file of a shape it does not read.
    ImportShape {
        /// The file.
        path: String,
        /// What it looked like.
        found: String,
        /// What can be imported.
        expected: String,
    },
    /// `import`: a text in which no form could be read.
    ImportRefused {
        /// The file.
        path: String,
        /// What is missing.
        why: String,
    },
    /// `import`: lines holding figures left out.
    ImportUnaccounted {
        /// The file.
        path: String,
        /// The lines, one per line.
        lines: String,
    },
    /// `import`: a draft would overwrite a file.
    ImportExists {
        /// The draft.
        path: String,
        /// The file imported.
        from: String,
    },
    /// `import`: a file that states no budget year, with no `--year`.
    ImportNoYear {
        /// The file.
        path: String,
    },
    /// `import`: two files would be written to one place.
    ImportCollision {
        /// The first file.
        a: String,
        /// The second file.
        b: String,
        /// The shared draft.
        path: String,
    },
    /// `import`: the YAML writer failed.
    ImportYaml {
        /// The file.
        path: String,
        /// The writer's message.
        reason: String,
    },
    /// A review rule code that does not exist (site.toml `[review]`, an answer's `rule`).
    UnknownRuleCode {
        /// The code written.
        code: String,
        /// Every code, joined.
        codes: String,
    },
    /// Content with errors cannot be reviewed.
    ReviewNeedsClean {
        /// Errors.
        errors: usize,
    },
    /// `review`: a report template failed.
    ReviewTemplate {
        /// The template engine's message.
        error: String,
    },
    /// A frozen source edited without a declared correction.
    EditedWithoutCorrection,
    /// A frozen source declaring several corrections at once.
    SeveralNewCorrections {
        /// How many.
        count: usize,
        /// The year.
        year: u16,
    },
    /// A sealed correction changed or removed.
    CorrectionRewritten,
    /// A path leaving the output folder.
    PathLeavesOutput {
        /// The path.
        path: String,
    },
    /// The output folder could not be replaced.
    CannotSwap {
        /// The folder.
        path: String,
        /// The reason.
        error: String,
    },
    /// A manifest line of the wrong form.
    ManifestLine {
        /// The manifest.
        path: String,
        /// Line, from 1.
        line: usize,
        /// The line.
        text: String,
    },
    /// A theme folder not found.
    ThemeMissing {
        /// The theme.
        name: String,
        /// Where it was looked for.
        path: String,
    },
    /// A template missing from a theme.
    TemplateMissing {
        /// The theme.
        name: String,
        /// The template.
        template: String,
        /// Where it was looked for.
        path: String,
    },
    /// A template that does not work.
    TemplateError {
        /// The template engine's message.
        error: String,
    },
    /// A setting site.toml does not have.
    UnknownSetting {
        /// The key written.
        key: String,
        /// The keys allowed, joined.
        allowed: String,
    },
    /// A required setting left out.
    MissingSetting {
        /// The key.
        key: String,
    },
    /// A setting written twice.
    SettingTwice,
    /// A setting of the wrong type.
    SettingWrongType {
        /// The type wanted ([`Term`]).
        want: Term,
    },
    /// A setting not among its choices.
    SettingNotAChoice {
        /// As written.
        value: String,
        /// The choices, joined.
        choices: String,
    },
    /// A value of a self-evaluation file not among its choices.
    ValueNotAChoice {
        /// As written.
        written: String,
    },
    /// The choices of a self-evaluation field.
    OnlyChoices {
        /// The choices, joined.
        choices: String,
    },
    /// An item of a self-evaluation file of the wrong type.
    ItemWrongType {
        /// The type wanted ([`Term`]).
        want: Term,
    },
    /// A required field of a self-evaluation file left out.
    MissingFieldHere {
        /// The key.
        key: String,
    },
    /// Where the self-evaluation file's fields are described.
    SelfEvalSchemaHint,
    /// A bracket or quote of site.toml left open.
    SettingUnclosed,
    /// A setting's name without `= value`.
    SettingNoValue,
    /// A backslash before a letter that cannot follow it.
    SettingEscape,
    /// The TOML reader's own words, when no better ones are known.
    SettingReader {
        /// The reader's message (English).
        raw: String,
    },
    /// A base_url that is not a web address.
    BaseUrlScheme {
        /// The address written.
        url: String,
    },
    /// site.toml cannot be read.
    SettingsUnreadable {
        /// The file.
        path: String,
        /// The reason.
        error: String,
    },
    /// site.toml holds a mistake.
    SettingsInvalid {
        /// The file.
        path: String,
        /// Line.
        line: usize,
        /// Column.
        column: usize,
        /// The TOML reader's message.
        message: String,
    },
    /// Internal links pointing nowhere.
    BrokenLinks {
        /// How many.
        count: usize,
        /// One per line.
        list: String,
    },
}

impl Message {
    pub(super) fn zh(&self) -> String {
        use Message as M;
        match self {
            M::ErrorLabel => "错误".into(),
            M::WarningLabel => "警告".into(),
            M::Place { file, line, column } => {
                format!("{file}:{line}:{column}（第 {line} 行第 {column} 列）")
            }
            M::FieldAt { words, path } => format!("位置：{words}（{path}）"),
            M::Expected { text } => format!("应为：{text}"),
            M::CheckSummary {
                files,
                projects,
                errors,
                warnings,
            } => format!(
                "共检查 {files} 个文件（{projects} 个项目）：{errors} 个错误，{warnings} 个警告"
            ),
            M::MetricMatched {
                name,
                key,
                rows,
                regions,
            } => format!("可比指标「{name}」（{key}）：{rows} 行，涉及 {regions} 个地区年度"),
            M::SelfEvalCount { count } => format!("绩效自评：{count} 份"),
            M::SelfEvalMisplaced => "绩效自评文件不在 年度/地区代码/ 文件夹中，不会被发布".into(),
            M::NameNotUtf8 => "文件名或文件夹名不是 UTF-8 编码（常见于从 Windows 压缩包解出的 GBK 文件名），这个文件不会被读取，也不会被发布".into(),
            M::NameNotUtf8Hint => "重新命名为正常显示的名称（部门文件用数字或英文，如 414.yaml）".into(),
            M::SelfEvalPlaceHint => "content/selfeval/年度/地区代码/部门.yaml，与该部门的绩效目标文件同名，例如 content/selfeval/2024/130529/414.yaml".into(),
            M::SelfEvalTooLarge { size, max } => {
                format!("文件有 {size} 字节，一个绩效自评文件不能超过 {max} 字节")
            }
            M::SelfEvalSizeHint => "一个部门一个年度的绩效自评表（几十千字节）".into(),
            M::SelfEvalUnreadable { cause } => format!("无法读取文件：{cause}"),
            M::SelfEvalYearMismatch { folder, year } => {
                format!("文件放在 selfeval/{folder}/ 下，但被评价的预算年度写的是 {year}")
            }
            M::SelfEvalYearHint { year } => {
                format!("把文件放到 content/selfeval/{year}/ 下，或改正预算年度")
            }
            M::SelfEvalRegionMismatch { folder, key } => {
                format!("文件放在地区文件夹 `{folder}` 下，但所属地区是 `{key}`")
            }
            M::SelfEvalRegionHint { year, key } => {
                format!("content/selfeval/{year}/{key}/部门.yaml（与该部门的绩效目标文件同名）")
            }
            M::SelfEvalSchemaVersion { version } => {
                format!("文件格式版本 {version} 不是本程序能读的版本，请写 schema: 1")
            }
            M::SelfEvalFinding { project, text } => format!("项目「{project}」：{text}"),
            M::SelfEvalRate { written, executed, budget, computed } => format!(
                "执行率写作“{written}”，但全年执行数 {executed} ÷ 全年预算数 {budget} = {computed}%"
            ),
            M::SelfEvalScoreSum { sum, stated } => {
                format!("执行率得分与各项指标得分之和为 {sum}，自评得分写作 {stated}")
            }
            M::SelfEvalWeightSum { sum, stated } => {
                format!("执行率分值与各项指标分值之和为 {sum}，总分写作 {stated}")
            }
            M::SelfEvalScoreAboveWeight { name, score, weight } => {
                format!("「{name}」得分 {score} 高于分值 {weight}")
            }
            M::SelfEvalShortfallFullScore { name, target, actual, score } => format!(
                "「{name}」实际完成值“{actual}”未达到年度指标值“{target}”，却得满分 {score}"
            ),
            M::SelfEvalShortfallNoReason { name, target, actual } => format!(
                "「{name}」实际完成值“{actual}”未达到年度指标值“{target}”，偏差原因分析及改进措施一栏空白"
            ),
            M::SelfEvalMetNotFull { name, target, actual, score, weight } => format!(
                "「{name}」实际完成值“{actual}”达到年度指标值“{target}”，得分 {score} 却低于分值 {weight}"
            ),
            M::SelfEvalTargetDiffers { name, written, published } => format!(
                "「{name}」的年度指标值写作“{written}”，公开的绩效目标是“{published}”"
            ),
            M::NoDepartmentFiles { dir } => format!("{dir} 中没有任何部门文件"),
            M::DepartmentFileHint => "content/年度/地区代码/部门.yaml，例如 content/2024/130529/414.yaml（可用 gongkai new 生成）".into(),
            M::NoContentFolder { dir } => format!("找不到内容文件夹 {dir}"),
            M::ContentFolderHint => "站点文件夹中的 content/，内有 年度/地区代码/部门.yaml".into(),
            M::SymlinkNotRead => "这是一个符号链接（快捷方式），不会被读取，以免公开站点以外的文件".into(),
            M::SymlinkHint => "文件本身：把它指向的文件复制到这里，再删除链接".into(),
            M::NotAYearFolder { folder } => {
                format!("文件夹 `{folder}` 不是年度文件夹，其中的部门文件不会被发布")
            }
            M::YearFolderHint => "content/年度/地区代码/部门.yaml，年度为四位数字，例如 content/2024/130529/414.yaml".into(),
            M::Placeholder => "这里还是模板的占位符“…”，没有填写原文内容".into(),
            M::PlaceholderHint => "换成原文的内容；原文没有这一项，就删除这一行".into(),
            M::CannotReadFile { error } => format!("无法读取这个文件：{error}"),
            M::FileTooLarge { size, limit } => {
                format!("文件有 {size} 字节，部门文件不能超过 {limit} 字节")
            }
            M::FileTooLargeHint => "一个部门一个年度的文件（通常几十 KB）".into(),
            M::ByteOrderMark => "文件开头有字节顺序标记（BOM），已忽略".into(),
            M::ByteOrderMarkHint => "另存为“UTF-8”，不要选“UTF-8 with BOM”（带 BOM 的 UTF-8）".into(),
            M::NotUtf8 { line, offset } => format!(
                "文件不是 UTF-8 编码的文字（第 {line} 行，第 {offset} 字节处无法识别），可能是 GBK"
            ),
            M::NotUtf8Hint => "UTF-8 文字：以 GBK 或 GB2312 保存的文件，请用记事本等另存为 UTF-8 编码".into(),
            M::EmptyFile => "文件是空的".into(),
            M::EmptyFileHint => "部门文件，以 `schema: 1` 开头（可用 gongkai new 生成）".into(),
            M::SchemaVersion { found } => {
                format!("schema 版本 {found} 不是本版 gongkai 能读取的版本")
            }
            M::SchemaVersionHint { version } => format!("schema: {version}（本版 gongkai 读取的版本）"),
            // The reader's own (English) words are left out of the Chinese text.
            M::YamlSyntax { problem, .. } => format!("YAML 格式错误：{problem}"),
            M::YamlReader { raw } => format!("读取器的说明为“{raw}”"),
            M::YamlSyntaxHint => "规范的 YAML：每行“字段: 值”，列表项以“- ”开头，同一层缩进对齐，括号和引号成对".into(),
            M::SyntaxTooDeep => "嵌套过深（括号或缩进层层套叠），超出了读取限制".into(),
            M::ReaderLimit { raw } => format!(
                "文件嵌套过深或别名（&、*）展开过多，超出了读取限制，未读取（{raw}）；请照原文写成普通的字段和列表"
            ),
            M::SyntaxMappingValue => "这里不能再写“字段: 值”：常见原因是值里有冒号（请给整个值加引号），或上一行缩进不对".into(),
            M::SyntaxIndentation => "缩进不对：同一层的字段要对齐，下一层要多缩进两个空格".into(),
            M::SyntaxUnclosed => "引号或括号没有配对关闭".into(),
            M::SyntaxTab => "用了制表符（Tab）缩进；YAML 只能用空格缩进".into(),
            M::SyntaxDuplicateKey => "同一个字段写了两次".into(),
            M::SyntaxBlockMix => "列表项（“- ”）和“字段: 值”混在同一层".into(),
            M::SyntaxUnknownAlias => "用了没有定义的别名（* 开头）；请照原文写出内容，不用 & 和 *".into(),
            M::SyntaxBadCharacter => "有一个看不见的控制字符或不能出现在这里的符号（常见于从网页或 PDF 复制）；请删掉它重新输入".into(),
            M::YamlTwoDocuments => "文件里有第二份文档（“---”之后）；一个文件只写一个部门的一份文档，请删去 --- 及其后的内容，或另存为一个文件".into(),
            M::DuplicateKeyNamed { key } => format!("字段“{key}”在同一段里写了两次；请删去一个"),
            M::YamlTag => "用了 ! 开头的标记（如 !foo）；请删掉标记，只写内容".into(),
            M::NumberTooLarge { words, limit, .. } => format!("{words}太大：不能超过 {limit}"),
            M::NumberTooSmall { words, limit, .. } => format!("{words}太小：不能小于 {limit}"),
            M::UnknownField { key } => format!("不认识的字段“{key}”，这一行的内容不会被读取"),
            M::DidYouMeanField { key, title } => format!("是不是要写“{key}”（{title}）？"),
            M::FieldsAllowedHere { list } => format!("这里可以写的字段：{list}"),
            M::AmountCommaSplit { key } => {
                format!("金额中的逗号把数字断开了（逗号后的“{key}”被当成了字段名）")
            }
            M::MissingField { key, words, .. } => format!("缺少必填的“{key}”（{words}）"),
            M::AddFieldLine { key } => format!("在这一段里加上一行 `{key}: …`"),
            M::NotAChoice { written, words, .. } => format!("“{written}”不是{words}的可选写法"),
            M::NotAnAmount { written } => {
                format!("`{written}` 不是金额：请写以万元为单位的数字，例如 105.25")
            }
            M::AmountOutOfRange { written } => format!(
                "金额 `{written}` 超出范围：以万元为单位，绝对值不能超过 1000000000000（一万亿万元）；请检查是否多写了数字或把元写成了万元"
            ),
            M::NotADate { written } => {
                format!("`{written}` 不是日期：请按 年-月-日 写成 YYYY-MM-DD，例如 2024-02-01")
            }
            M::NoSuchMonth { written, month } => format!(
                "`{written}` 不是真实的日期：没有 {month} 月；请按 YYYY-MM-DD 写，例如 2024-02-01"
            ),
            M::NoSuchDay { written } => {
                format!("`{written}` 不是真实的日期：该月没有这一天；请核对原文的公开日期")
            }
            M::DidYouMeanChoice { choice, choices } => {
                format!("是不是要写“{choice}”？可选：{choices}")
            }
            M::Choices { choices } => format!("可选：{choices}"),
            M::AmountNotANumber { written } => format!("金额“{written}”不是一个数字"),
            M::AmountHintUnit { example } => {
                format!("金额请写成 {example}，单位万元已由表头给出，不要写“万元”")
            }
            M::AmountHintComma { example } => {
                format!("金额请写成 {example}：小数点用“.”，不用逗号；单位万元已由表头给出")
            }
            M::AmountHintDigits => "金额请只写数字，单位万元，例如 12.5".into(),
            M::WrongType {
                words, want, got, ..
            } => format!("{words}应为{want}，这里写的是{got}"),
            M::NullHint => "照录原文；原文这一项空白时，删除这一行".into(),
            M::WrongShape { words, got, .. } => format!("{words}的写法不对，这里写的是{got}"),
            // The schema's keyword is English: the Chinese text leaves it out.
            M::WrongShapeRule { words, .. } => format!("{words}的写法不符合规定"),
            M::TextValue { text } => format!("文字“{text}”"),
            M::NumberValue { number } => format!("数字 {number}"),
            M::Nesting { line, max } => format!(
                "这段文字第 {line} 行嵌套超过 {max} 层（引用 `>`、列表或强调层层套叠），无法显示"
            ),
            M::NestingHint => "原文的段落，引用和列表最多几层".into(),
            M::UnitCodeNotLinkable { code } => {
                format!("单位编码 `{code}` 不能用在网页地址中")
            }
            M::UnitCodeHint => "只含英文字母和数字的编码，例如 414001".into(),
            M::RegionUnstatedOnImport => "所属地区未注明：导入时原文未见行政区划代码，网站上显示为“未注明地区”".into(),
            M::RegionUnstatedHint => "按原件补上 region 的 code、province、county（有地级市再加 city），删去 unstated 和 slug，并把文件移到以 code 命名的地区文件夹；原文确实没写地区时，把 unstated 改为原文对地区的说法".into(),
            M::UndeclaredUnit { project, unit } => format!(
                "项目「{project}」写的单位 `{unit}` 不在 department.units（部门所属单位）中"
            ),
            M::OneOf { list } => format!("以下之一：{list}"),
            M::ProjectWithoutUnit { project } => {
                format!("项目「{project}」没有写属于哪个单位")
            }
            M::UnitLineHint { list } => format!("`unit:` 写以下之一：{list}"),
            M::ProjectWithoutKey { project } => format!(
                "项目「{project}」没有项目编码（code），需要写一个 `id` 作为网页地址"
            ),
            M::ProjectIdHint => "`id:` 写一个不会再改的简短英文名，例如 shipin-anquan".into(),
            M::KeyNotLinkable { key } => format!("`{key}` 不能用在网页地址中"),
            M::KeyHint => "只含英文字母、数字、`-` 和 `_`（不超过 64 个）".into(),
            M::CodePrefix { code } => {
                format!("项目编码 `{code}` 的开头与地区代码、预算年度不一致")
            }
            M::CodePrefixHint { prefix } => format!("以 {prefix} 开头的编码"),
            M::UnusedAnswer { rule, title } => {
                format!("这条说明回应的规则 `{rule}`（{title}）在这里没有发现问题")
            }
            M::UnusedAnswerHint => "删去这条说明，或把它移到规则所指的那一行或项目下".into(),
            M::YearFolderMismatch { folder, year } => {
                format!("文件放在 `{folder}/` 下，但它的预算年度是 {year}")
            }
            M::BelongsUnder { place } => format!("把文件放在 {place}"),
            M::RegionFolderMismatch { rel } => {
                format!("文件 `{rel}` 不在它所属地区的文件夹中")
            }
            M::FileNameNotLinkable { stem } => format!("文件名 `{stem}` 不能用在网页地址中"),
            M::FileNameHint => "只含英文字母和数字的文件名，例如 414.yaml".into(),
            M::ValueLeftOut { name } => format!("指标「{name}」没有写 value（指标值）"),
            M::ValueLeftOutHint => "照原表填写指标值；原表此栏确为空白时写 value: \"\"，网页将显示“原表未填写”".into(),
            M::EmptyIndicatorRow => "这一条指标既没有指标名称（三级指标），也没有指标值：多半是原表的空行，或导入时把表题（如“表2”）当成了指标".into(),
            M::EmptyIndicatorRowHint => "对照原表：不是指标就删除这一条；是指标就照原表填写 name（三级指标）和 value（指标值）".into(),
            M::UnparsedValue { raw } => {
                format!("指标值「{raw}」无法识别为数值、日期或常用表述")
            }
            M::UnparsedValueHint => "如 ≥90%、2024年12月底前、效果明显（照原文发布）".into(),
            M::DuplicateCode {
                code,
                other,
                file,
                index,
            } => format!(
                "项目编码 `{code}` 已被「{other}」使用（{file} projects[{index}]）"
            ),
            M::DuplicateCodeHint => "同一地区同一年度中不重复的编码".into(),
            M::DuplicateKey {
                project,
                key,
                other,
                index,
            } => format!(
                "项目「{project}」的地址 `{key}` 与本文件 projects[{index}]「{other}」相同，两者会指向同一个页面"
            ),
            M::DuplicateKeyHint => "本文件中不重复的 id".into(),
            M::ReviewFinding {
                message,
                place,
                level,
            } => format!("{message}（位置：{place}，{}）", level.zh()),
            M::ReviewAnswerHint { rule } => format!(
                "原文照录；如有原因，可在该行或项目下写 answers: [{{ rule: {rule}, text: 说明 }}]"
            ),
            M::MetricProblem { key, problem } => format!("可比指标 `{key}`：{problem}"),
            M::MetricKeyBad => "指标键只能用小写英文字母、数字和 `-`，且不能是 `none`".into(),
            M::MetricKeyTwice => "两个可比指标用了同一个键".into(),
            M::MetricNeedsUnits => "数量类指标需要写明单位（`units: [批次, 批]`）".into(),
M::AboutApp => "公开：把部门预算绩效目标发布为静态网站".into(),
            M::AboutCheck => "检查内容而不构建：列出每一处问题（文件、第几行第几列、表中的栏目）".into(),
            M::AboutBuild => "生成网站到输出文件夹（site.toml 的 output_dir，默认 public/）".into(),
            M::AboutServe => "生成并在本机预览（127.0.0.1），每次保存后自动重建并刷新打开的页面".into(),
            M::AboutInit => "在 DIR 建立一个可直接生成的新站点".into(),
            M::AboutNew => "按模板新增部门文件：content/年度/地区代码/部门.yaml".into(),
            M::AboutReview => "按财政部门的方式审核绩效目标（绩效目标审核），生成审核报告".into(),
            M::AboutArchive => "冻结一个年度：把已生成的页面和源文件存入 archive/年度/；已冻结的年度则封存其更正".into(),
            M::AboutVerify => "按 manifest.txt 核对已发布的文件夹或年度压缩包，列出每一处不一致".into(),
            M::AboutImport => "把公开的文件（Word、PDF 文字、.docx、.xlsx）转为 YAML 草稿".into(),
            M::AboutSchema => "输出部门文件的 JSON Schema（中文标题），供编辑器的 YAML 插件使用".into(),
            M::AboutGen => "为性能测试生成合成的部门文件".into(),
            M::LangHelp => "界面语言：zh（中文，默认）或 en（英文）；未指定时看 LC_ALL、LC_MESSAGES、LANG".into(),
            M::ErrorLine { error } => format!("错误：{error}"),
            M::Built {
                pages,
                files,
                departments,
                selfevals,
                elapsed,
                output,
                warnings,
            } => format!(
                "已由 {departments} 个部门文件{}生成 {pages} 个页面（共 {files} 个文件），用时 {elapsed:.2?}，写入 {output}；{warnings} 个警告（见 gongkai check）",
                if *selfevals > 0 {
                    format!("和 {selfevals} 份绩效自评")
                } else {
                    String::new()
                }
            ),
            M::SearchIndexBuilt {
                records,
                terms,
                paged,
                files,
                megabytes,
            } => format!(
                "搜索索引：{records} 条记录，{terms} 个词（{paged} 个分页），{files} 个文件，{megabytes} MB"
            ),
            M::Unchanged {
                reused,
                departments,
                parsed,
                decoded,
            } => format!(
                "{departments} 个部门中有 {reused} 个自上次构建以来未变，重新读取了 {parsed} 个部门文件，另从 .gongkai/ 完整读出 {decoded} 个，其余只读摘要（--clean 全部重新生成）"
            ),
            M::StoreSpoiled { file } => format!(
                "{file}：上次构建保存的解析结果（.gongkai/documents/）在构建过程中无法读取，原文件也无法重新读取；本次构建未发布任何内容。请确认该文件未被移动或正在编辑，然后重新运行 gongkai build（或加 --clean）"
            ),
            M::AlteredDuringBuild => "已发布站点中的这个文件在构建过程中被其他程序改动；本次构建未发布任何内容。请等改动完成后重新运行 gongkai build".into(),
            M::TimingsHead => "     用时  CPU 时间  核数  步骤".into(),
            M::PeakMemory { mib } => format!("（内存峰值 {mib} MiB）"),
            M::BuildFailed => "构建失败：上一次发布的站点保持不变".into(),
            M::BuildFailedNothingPublished => "构建失败：没有发布任何文件（输出文件夹里还没有发布过的站点）".into(),
            M::Rebuilt {
                pages,
                reused,
                departments,
                elapsed,
            } => format!(
                "已重新生成，共 {pages} 个页面，用时 {elapsed:.2?}（{departments} 个部门中有 {reused} 个未变，沿用上次的页面）"
            ),
            M::ServeBuildFailed => "构建失败：仍显示上一次成功的版本".into(),
            M::Serving { root, url } => {
                format!("正在预览 {root}：{url}（按 Ctrl+C 停止）")
            }
            M::FirstBuildPending => "正在生成网站，生成后本页会自动刷新……".into(),
            M::PanelHeading => "构建失败，仍显示上一次成功的版本：".into(),
            M::NotFound => "404 未找到此页面".into(),
            M::Sealed {
                departments,
                year,
                dir,
            } => format!("已封存 {year} 年度 {departments} 个部门的更正，存于 {dir}"),
            M::Froze { year, files, dir } => {
                format!("已冻结 {year} 年度：{files} 个文件，存于 {dir}")
            }
            M::ArchiveFailed => "归档失败：archive/ 中没有写入任何文件".into(),
            M::VerifyAllMatch { dir } => format!("{dir}：每个文件都与 manifest.txt 一致"),
            M::VerifyMissing => "缺少".into(),
            M::VerifyAdded => "多出".into(),
            M::VerifyAltered => "已改动".into(),
            M::VerifySymlink => "符号链接".into(),
            M::VerifyDifferences {
                dir,
                missing,
                added,
                altered,
                links,
            } => format!(
                "{dir}：缺少 {missing} 个，多出 {added} 个，改动 {altered} 个，符号链接 {links} 个"
            ),
            M::Imported {
                source,
                draft,
                projects,
                rows,
                notes,
            } => format!("{source} → {draft}：{projects} 个项目，{rows} 行指标，{notes} 条待核对"),
            M::ImportNext => {
                "发布前请运行 gongkai check，并逐条核对每份草稿开头的说明和打勾清单".into()
            }
            M::ImportFailed => "导入未完成：没有写入任何文件".into(),
            M::ImportNoneWritten { failed, total } => format!("导入未完成：{total} 个文件中有 {failed} 个未能导入（原因见上，每个文件一条），没有写入任何文件；改正后重新导入，或加 --keep-going 先写入能读出的文件"),
            M::ImportPartly { failed, written } => format!("已写入 {written} 个草稿；另有 {failed} 个文件未能导入（原因见上），请改正后单独导入。发布前请运行 gongkai check，并逐一核对草稿开头的说明和核对清单"),
            M::InitDone { dir } => format!(
                "已在 {dir} 建立新站点。下一步：gongkai new 年度 地区代码 部门编码 --root {dir}，再运行 gongkai serve {dir}"
            ),
            M::NewDone { path } => {
                format!("已写入 {path}。请把每个“…”换成原文内容，再运行 gongkai check")
            }
            M::CannotPrint { error } => format!("错误：无法输出：{error}"),
            M::Reviewed {
                departments,
                findings,
                answered,
                output,
            } => format!(
                "审核了 {departments} 个部门，发现 {findings} 处（部门已说明 {answered} 处）；报告在 {output}（index.html 为汇总，findings.csv 为全部发现）"
            ),
            M::Generated {
                files,
                out,
                elapsed,
            } => format!("已向 {out} 写入 {files} 个部门文件，用时 {elapsed:.2?}"),
            M::AlreadyFrozen { year } => format!(
                "{year} 年度已冻结在 archive/{year}/ 中，且没有新的更正可封存；冻结的年度不会被覆盖"
            ),
            M::NoSuchYear { year } => format!("content/ 中没有 {year} 年度，无法冻结"),
            M::FrozenEdited {
                year,
                date,
                changes,
            } => format!(
                "content/{year}/ 已冻结（归档于 {date}），但与 archive/{year}/ 不一致：\n{changes}\n冻结的年度按归档发布；请撤销改动，或在 document.corrections 中把它声明为更正，写明日期、原因和改动"
            ),
            M::ArchivedSource { path, message } => {
                format!("{path}：无法读取其中的更正：{message}")
            }
            M::FileError { path, error } => format!("{path}：读写出错：{error}"),
M::OutputOverlaps { output, why } => format!("输出文件夹 {output} 不能使用：{why}。构建会整个替换输出文件夹，这样会删除源文件。\n请在 site.toml 的 output_dir 或 -o 中改用站点文件夹内单独的文件夹，例如 public"),
            M::IsTheSite => "它就是站点文件夹本身".into(),
            M::IsAFile => "它是一个文件，不是文件夹".into(),
            M::NoExplanation => "（无说明）".into(),
            M::HoldsTheSite { site } => format!("它包含站点文件夹 {site}"),
            M::IsASource { folder } => format!("它就是源文件夹 {folder}"),
            M::InsideASource { folder } => format!("它位于源文件夹 {folder} 之内"),
            M::HoldsASource { folder } => format!("它包含源文件夹 {folder}"),
            M::OutputForeign { output } => format!("输出文件夹 {output} 已有文件，但不是 gongkai 生成的（没有 manifest.txt）；为免删除这些文件，构建已停止。\n请改用一个空文件夹或新文件夹，或先自行移走其中的文件"),
            M::Symlinks { list } => format!("以下文件是符号链接（快捷方式），gongkai 不读取它们，以免把站点以外的文件公开：\n{list}\n请把文件本身复制到这里，再删除链接"),
            M::WouldEmptySite { content, output, published } => format!("{content} 中没有任何部门文件，而输出文件夹 {output} 中已发布的站点有 {published} 个年度文件；为免用空站点覆盖已发布的站点，构建已停止。\n请检查站点文件夹是否选对、content/ 是否被移走"),
            M::ReservedPage { path, name } => format!("{path}：页面名 `{name}` 与站点自身的地址（年度文件夹、search、compare、downloads、static）重名，发布后会覆盖该页面；请给文件换一个名字，例如 about-{name}.md"),
            M::CannotReadPath { path, error } => format!("无法读取 {path}：{error}"),
            M::NewYear { year } => format!("预算年度“{year}”不是四位数的年份，请写成 2024 这样的形式"),
            M::NewRegion { region } => format!("地区“{region}”不是六位行政区划代码（GB/T 2260，如 130529 巨鹿县）；原文未写明所属地区时写 unstated，并用 --slug 给出英文字母的简称（如 gaoxin）"),
            M::NewSlug => "地区写为 unstated 时，需要用 --slug 给出只含英文字母、数字、- 或 _ 的简称（如 --slug gaoxin）".into(),
            M::NewDepartment { code } => format!("部门编码“{code}”只能含英文字母和数字，如 414"),
            M::AlreadyExists { path } => format!("{path} 已经存在，没有覆盖；如要重新开始，请先移走原文件"),
            M::Panic { what } => format!("构建时程序内部出错（panic）：{what}\n这是 gongkai 的缺陷，不是内容的错误；请把这段信息报告给维护者。上一次成功构建的站点保持不变"),
            M::PagesUnreadable { error } => format!("无法使用 content/pages 中的页面：{error}"),
            M::WrittenTwice { address } => format!("站点地址 {address} 被写入了两次：两个来源（页面、项目、Markdown 页面或归档文件）生成了同一个地址，后一个会覆盖前一个；构建已停止"),
            M::UnsafeEntry { path, entry } => format!("{path}：包中的文件路径 `{entry}` 会跳出解包的文件夹（含 `..` 或以 / 开头）；这个包不可信，请勿解包"),
            M::ListedTwice { path, line, entry } => format!("{path}:{line}：路径 `{entry}` 在清单中出现了两次；每个文件只能列出一次，这份清单不可信"),
            M::ArchiveAltered { year, changes } => format!("archive/{year}/ 中的归档文件与其 manifest.txt 不一致，该年度不能发布：\n{changes}\n归档一经冻结不得改动；请从备份恢复这些文件（可用 gongkai verify archive/{year} 复查）"),
M::ImportNotUtf8 { path } => format!("{path}：不是可以读取的文字文件（既不是 UTF-8、UTF-16，也不是 GBK/GB18030 编码，或含有二进制内容）；请用记事本打开原件，另存为 UTF-8 编码的文本后再导入"),
            M::ImportShape { path, found, expected } => format!("{path}：无法导入，{found}。可以导入的是：{expected}"),
            M::ImportRefused { path, why } => format!("{path}：无法导入。{why}"),
            M::ImportUnaccounted { path, lines } => format!("{path}：有内容没有录入或对不上，未写入草稿。\n{lines}\n请对照原件检查；确认无误后可加 --keep-going 照常导入（这些行会列在草稿开头）"),
            M::ImportExists { path, from } => format!("{path}：已有这个文件（本次从 {from} 导入）；请先移走，或加 --force 覆盖"),
            M::ImportCollision { a, b, path } => format!("{a} 和 {b} 会写到同一个文件 {path}：请分两次导入，或检查两份原件是否同一部门同一年度"),
            M::ImportNoYear { path } => format!("{path}：原文没有写明预算年度（如“2024年度”），草稿无法放进 content/年度/ 文件夹；请对照原件确认年度，加 --year 2024 这样指定后重新导入"),
            M::ImportYaml { path, reason } => format!("{path}：无法写出 YAML 草稿：{reason}"),
            M::UnknownRuleCode { code, codes } => {
                format!("没有代码为 `{code}` 的审核规则；可用的代码：{codes}")
            }
            M::ReviewNeedsClean { errors } => format!("内容有 {errors} 处错误，请先改正（gongkai check 列出每一处），再生成审核报告"),
            M::ReviewTemplate { error } => format!("审核报告模板出错：{error}"),
            M::EditedWithoutCorrection => "改动了，但没有声明为更正".into(),
            M::SeveralNewCorrections { count, year } => format!(
                "一次声明了 {count} 条新的更正；请每条更正后运行一次 `gongkai archive {year}`，让每个版本都保留发布"
            ),
            M::CorrectionRewritten => "以前的更正被改动或删除了；更正只能新增".into(),
            M::CannotWrite { path, error } => format!("无法写入 {path}：{error}"),
            M::CannotRemove { path, error } => format!(
                "无法删除 {path}（上次发布过、这次不再发布的文件）：{error}；请检查这个文件的权限后重新构建，已发布的站点保持不变"
            ),
            M::PathLeavesOutput { path } => {
                format!("拒绝写入 `{path}`：这个路径会跳出输出文件夹")
            }
            M::CannotSwap { path, error } => {
                format!("无法替换输出文件夹 {path}：{error}；上一次发布的站点保持不变")
            }
            M::ManifestLine { path, line, text } => format!(
                "{path}:{line}：清单的行应为 `<sha256>  <字节数>  <路径>`，这里是 `{text}`"
            ),
            M::ThemeMissing { name, path } => {
                format!("找不到主题 `{name}`：应有文件夹 {path}")
            }
            M::TemplateMissing {
                name,
                template,
                path,
            } => format!("主题 `{name}` 缺少模板 {template}（应在 {path}）"),
            M::TemplateError { error } => format!("模板出错：{error}"),
            M::UnknownSetting { key, allowed } => {
                format!("不认识的设置“{key}”；可以写的设置：{allowed}")
            }
            M::MissingSetting { key } => format!("缺少必填的设置“{key}”"),
            M::SettingTwice => "这个设置写了两次；请删去一个".into(),
            M::SettingWrongType { want } => format!("这个设置应为{}", want.zh()),
            M::SettingNotAChoice { value, choices } => {
                format!("“{value}”不是这个设置的可选写法；可选：{choices}")
            }
            M::ValueNotAChoice { written } => format!("`{written}` 不是可选的写法"),
            M::OnlyChoices { choices } => format!("只能写：{choices}"),
            M::ItemWrongType { want } => format!("这一项的写法不对：应为{}", want.zh()),
            M::MissingFieldHere { key } => format!("缺少必填的字段 `{key}`"),
            M::SelfEvalSchemaHint => "按 docs/schema.md 中绩效自评一节的写法".into(),
            M::SettingUnclosed => "引号或方括号没有配对关闭".into(),
            M::SettingNoValue => "这一行只有设置名，没有“= 值”".into(),
            M::SettingEscape => "引号里的反斜杠 \\ 后面不能跟这个字母；要写反斜杠本身请写两个 \\\\，或改用单引号".into(),
            M::SettingReader { raw } => format!("读取器的说明为“{raw}”"),
            M::BaseUrlScheme { url } => {
                format!("网站地址 base_url “{url}” 应以 http:// 或 https:// 开头")
            }
            M::SettingsUnreadable { path, error } => {
                format!("{path}：无法读取站点设置：{error}")
            }
            M::SettingsInvalid {
                path,
                line,
                column,
                message,
            } => format!("{path}:{line}:{column}（第 {line} 行第 {column} 列）：站点设置有误：{message}"),
            M::BrokenLinks { count, list } => {
                format!("站内有 {count} 个链接指向不存在的页面：\n{list}")
            }
        }
    }

    pub(super) fn en(&self) -> String {
        use Message as M;
        match self {
            M::ErrorLabel => "error".into(),
            M::WarningLabel => "warning".into(),
            M::Place { file, line, column } => {
                format!("{file}:{line}:{column} (line {line}, column {column})")
            }
            M::FieldAt { path, .. } => format!("field: {path}"),
            M::Expected { text } => format!("expected: {text}"),
            M::CheckSummary {
                files,
                projects,
                errors,
                warnings,
            } => format!(
                "checked {files} files ({projects} projects): {errors} errors, {warnings} warnings"
            ),
            M::MetricMatched {
                key, rows, regions, ..
            } => format!("comparable metric `{key}`: {rows} rows from {regions} region-years"),
            M::SelfEvalCount { count } => format!("self-evaluations: {count}"),
            M::SelfEvalMisplaced => "this self-evaluation is not in a YEAR/REGION/ folder and is not published".into(),
            M::NameNotUtf8 => "this file or folder name is not UTF-8 (often a GBK name unpacked from a Windows archive): the file is neither read nor published".into(),
            M::NameNotUtf8Hint => "a name that displays properly (a department file: digits or Latin letters, such as 414.yaml)".into(),
            M::SelfEvalPlaceHint => "content/selfeval/YEAR/REGION/DEPT.yaml, named as the department's target file, such as content/selfeval/2024/130529/414.yaml".into(),
            M::SelfEvalTooLarge { size, max } => {
                format!("the file is {size} bytes; a self-evaluation must be under {max} bytes")
            }
            M::SelfEvalSizeHint => "one department's self-evaluation for one year (tens of kilobytes)".into(),
            M::SelfEvalUnreadable { cause } => format!("cannot read the file: {cause}"),
            M::SelfEvalYearMismatch { folder, year } => {
                format!("the file sits under selfeval/{folder}/ but evaluates the budget year {year}")
            }
            M::SelfEvalYearHint { year } => {
                format!("the file under content/selfeval/{year}/, or the year corrected")
            }
            M::SelfEvalRegionMismatch { folder, key } => {
                format!("the file sits in the region folder `{folder}` but its region is `{key}`")
            }
            M::SelfEvalRegionHint { year, key } => {
                format!("content/selfeval/{year}/{key}/DEPT.yaml (named as the department's target file)")
            }
            M::SelfEvalSchemaVersion { version } => {
                format!("schema version {version} is not one this gongkai reads; write schema: 1")
            }
            M::SelfEvalFinding { project, text } => format!("project `{project}`: {text}"),
            M::SelfEvalRate { written, executed, budget, computed } => format!(
                "the execution rate is written `{written}`, but executed {executed} / budget {budget} = {computed}%"
            ),
            M::SelfEvalScoreSum { sum, stated } => format!(
                "the execution-rate score and the rows' scores add up to {sum}, the total score is written {stated}"
            ),
            M::SelfEvalWeightSum { sum, stated } => format!(
                "the execution-rate weight and the rows' weights add up to {sum}, the total is written {stated}"
            ),
            M::SelfEvalScoreAboveWeight { name, score, weight } => {
                format!("row `{name}`: score {score} is above its weight {weight}")
            }
            M::SelfEvalShortfallFullScore { name, target, actual, score } => format!(
                "row `{name}`: the actual value `{actual}` falls short of the target `{target}`, yet scores full marks {score}"
            ),
            M::SelfEvalShortfallNoReason { name, target, actual } => format!(
                "row `{name}`: the actual value `{actual}` falls short of the target `{target}`, and the reason for the shortfall is blank"
            ),
            M::SelfEvalMetNotFull { name, target, actual, score, weight } => format!(
                "row `{name}`: the actual value `{actual}` meets the target `{target}`, yet scores {score}, below its weight {weight}"
            ),
            M::SelfEvalTargetDiffers { name, written, published } => format!(
                "row `{name}`: the self-evaluation's target is written `{written}`, the published target is `{published}`"
            ),
            M::NoDepartmentFiles { dir } => format!("{dir} holds no department file"),
            M::DepartmentFileHint => "content/YEAR/REGION/DEPT.yaml, such as content/2024/130529/414.yaml (gongkai new writes one)".into(),
            M::NoContentFolder { dir } => format!("the content folder {dir} does not exist"),
            M::ContentFolderHint => "content/ in the site folder, holding YEAR/REGION/DEPT.yaml".into(),
            M::SymlinkNotRead => "this is a symbolic link; it is never read, so nothing outside the site is published".into(),
            M::SymlinkHint => "the file itself: copy the file it points to here, then delete the link".into(),
            M::NotAYearFolder { folder } => format!(
                "the folder `{folder}` is not a year; the department files in it would not be published"
            ),
            M::YearFolderHint => "content/YEAR/REGION/DEPT.yaml with a four-digit year, such as content/2024/130529/414.yaml".into(),
            M::Placeholder => "this still holds the template's placeholder `…`, not the document's text".into(),
            M::PlaceholderHint => "the document's text; when the document has nothing here, delete the line".into(),
            M::CannotReadFile { error } => format!("cannot read the file: {error}"),
            M::FileTooLarge { size, limit } => format!(
                "the file is {size} bytes; a department file must be under {limit} bytes"
            ),
            M::FileTooLargeHint => "one department's document for one year (tens of kilobytes)".into(),
            M::ByteOrderMark => "the file starts with a byte-order mark; it was ignored".into(),
            M::ByteOrderMarkHint => "UTF-8 without BOM (save as “UTF-8”, not “UTF-8 with BOM”)".into(),
            M::NotUtf8 { line, offset } => format!(
                "the file is not UTF-8 text (invalid byte on line {line}, at offset {offset}); it may be GBK"
            ),
            M::NotUtf8Hint => "UTF-8 text; a file saved as GBK or GB2312 must be saved again as UTF-8".into(),
            M::EmptyFile => "the file is empty".into(),
            M::EmptyFileHint => "a department document starting with `schema: 1` (gongkai new writes one)".into(),
            M::SchemaVersion { found } => {
                format!("schema version {found} is not one this gongkai reads")
            }
            M::SchemaVersionHint { version } => format!("schema: {version} (the version this gongkai reads)"),
            M::YamlSyntax { problem, raw } if raw.is_empty() => {
                format!("YAML syntax error: {problem}")
            }
            M::YamlSyntax { problem, raw } => format!("YAML syntax error: {problem} ({raw})"),
            M::YamlReader { raw } => format!("the reader says: {raw}"),
            M::YamlSyntaxHint => "well-formed YAML: `key: value` lines, `- ` items, one indentation per level, closed brackets and quotes".into(),
            M::SyntaxTooDeep => "nested too deep (brackets or indentation inside one another) for the reader".into(),
            M::ReaderLimit { raw } => format!(
                "the file nests too deep or expands too many aliases (&, *) for the reader and was not read ({raw}); write plain fields and lists as in the document"
            ),
            M::SyntaxMappingValue => "a `key: value` cannot stand here: often a colon inside a value (quote the whole value) or a wrong indentation on the line above".into(),
            M::SyntaxIndentation => "wrong indentation: keys of one level line up, the next level is indented two more spaces".into(),
            M::SyntaxUnclosed => "a quote or bracket is not closed".into(),
            M::SyntaxTab => "a tab is used for indentation; YAML indents with spaces only".into(),
            M::SyntaxDuplicateKey => "the same key is written twice".into(),
            M::SyntaxBlockMix => "list items (`- `) and `key: value` lines are mixed on one level".into(),
            M::SyntaxUnknownAlias => "an alias (`*…`) to an anchor that is not defined; write the content out, without & and *".into(),
            M::SyntaxBadCharacter => "an invisible control character or a character that cannot stand here (often copied from a web page or PDF); delete it and type again".into(),
            M::YamlTwoDocuments => "the file holds a second document (after `---`); one file holds one department's document: delete `---` and what follows, or save it as another file".into(),
            M::DuplicateKeyNamed { key } => format!("the key `{key}` is written twice in one block; delete one"),
            M::YamlTag => "a tag starting with `!` (such as `!foo`); delete the tag, keep the content".into(),
            M::NumberTooLarge { path, limit, .. } => format!("{path} is too large: at most {limit}"),
            M::NumberTooSmall { path, limit, .. } => format!("{path} is too small: at least {limit}"),
            M::UnknownField { key } => {
                format!("unknown field `{key}`; this line would not be read")
            }
            M::DidYouMeanField { key, .. } => format!("did you mean `{key}`?"),
            M::FieldsAllowedHere { list } => format!("the fields allowed here: {list}"),
            M::AmountCommaSplit { key } => format!(
                "a comma split the amount (the `{key}` after it was read as a field name)"
            ),
            M::MissingField { key, path, .. } => {
                format!("the required field `{key}` is missing ({path})")
            }
            M::AddFieldLine { key } => format!("a line `{key}: …` in this block"),
            M::NotAChoice { written, path, .. } => {
                format!("“{written}” is not one of the choices for {path}")
            }
            M::NotAnAmount { written } => format!(
                "`{written}` is not an amount: write a number in ten thousand yuan, such as 105.25"
            ),
            M::AmountOutOfRange { written } => format!(
                "the amount `{written}` is out of range: in ten thousand yuan, at most 1000000000000 either way; check for an extra digit or yuan written as ten thousand yuan"
            ),
            M::NotADate { written } => format!(
                "`{written}` is not a date: write it as YYYY-MM-DD, such as 2024-02-01"
            ),
            M::NoSuchMonth { written, month } => format!(
                "`{written}` is not a real date: there is no month {month}; write YYYY-MM-DD, such as 2024-02-01"
            ),
            M::NoSuchDay { written } => format!(
                "`{written}` is not a real date: the month has no such day; check the document's date"
            ),
            M::DidYouMeanChoice { choice, choices } => {
                format!("did you mean “{choice}”? choices: {choices}")
            }
            M::Choices { choices } => format!("choices: {choices}"),
            M::AmountNotANumber { written } => {
                format!("the amount “{written}” is not a number")
            }
            M::AmountHintUnit { example } => format!(
                "write the amount as {example}: the heading already gives the unit (ten thousand yuan)"
            ),
            M::AmountHintComma { example } => format!(
                "write the amount as {example}: a point, not a comma, before the decimals; the unit is given by the heading"
            ),
            M::AmountHintDigits => "write the amount in digits only, in ten thousand yuan, such as 12.5".into(),
            M::WrongType {
                path, want, got, ..
            } => format!("{path} should be {want}; found {got}"),
            M::NullHint => "copy the document; when the document leaves this blank, delete the line".into(),
            M::WrongShape { path, got, .. } => format!("{path} is not written as expected; found {got}"),
            M::WrongShapeRule { path, keyword, .. } => {
                format!("{path} is not written as expected ({keyword})")
            }
            M::TextValue { text } => format!("the text “{text}”"),
            M::NumberValue { number } => format!("the number {number}"),
            M::Nesting { line, max } => format!(
                "line {line} of this text nests deeper than {max} levels (quotes `>`, lists or emphasis); it cannot be shown"
            ),
            M::NestingHint => "the document's paragraphs, with quotes and lists a few levels deep at most".into(),
            M::UnitCodeNotLinkable { code } => {
                format!("unit code `{code}` cannot be used in a link")
            }
            M::UnitCodeHint => "ASCII letters and digits, such as 414001".into(),
            M::RegionUnstatedOnImport => "the region is not stated: the imported text showed no region code, and the site shows the department under an unstated region".into(),
            M::RegionUnstatedHint => "fill in the region's code, province and county (and city when there is one) from the original, delete unstated and slug, and move the file into the folder named by the code; when the text truly names no region, write what it says of it in unstated".into(),
            M::UndeclaredUnit { project, unit } => format!(
                "project “{project}” names unit `{unit}`, which `department.units` does not declare"
            ),
            M::OneOf { list } => format!("one of: {list}"),
            M::ProjectWithoutUnit { project } => {
                format!("project “{project}” does not say which unit it belongs to")
            }
            M::UnitLineHint { list } => format!("`unit:` with one of: {list}"),
            M::ProjectWithoutKey { project } => format!(
                "project “{project}” has no `code`, so it needs an `id` for its link"
            ),
            M::ProjectIdHint => "`id:` with a short ASCII key that never changes, such as shipin-anquan".into(),
            M::KeyNotLinkable { key } => format!("`{key}` cannot be used in a link"),
            M::KeyHint => "ASCII letters, digits, `-` and `_` (at most 64)".into(),
            M::CodePrefix { code } => format!(
                "project code `{code}` does not start with the region code and budget year"
            ),
            M::CodePrefixHint { prefix } => format!("a code starting with {prefix}"),
            M::UnusedAnswer { rule, .. } => format!(
                "this answer responds to rule `{rule}`, which finds nothing here"
            ),
            M::UnusedAnswerHint => "delete the answer, or move it to the row or project the rule points at".into(),
            M::YearFolderMismatch { folder, year } => {
                format!("the file sits under `{folder}/` but its budget year is {year}")
            }
            M::BelongsUnder { place } => format!("the file under {place}"),
            M::RegionFolderMismatch { rel } => {
                format!("the file `{rel}` is not in its region's folder")
            }
            M::FileNameNotLinkable { stem } => {
                format!("the file name `{stem}` cannot be used in a link")
            }
            M::FileNameHint => "an ASCII name such as 414.yaml".into(),
            M::ValueLeftOut { name } => {
                format!("indicator “{name}” has no `value` (target value)")
            }
            M::ValueLeftOutHint => "the value as in the form; when the form leaves it blank, write value: \"\" and the page shows it as blank in the original".into(),
            M::EmptyIndicatorRow => "this indicator row has neither a name (level-3 indicator) nor a value: most likely a blank line of the form, or a table caption imported as a row".into(),
            M::EmptyIndicatorRowHint => "compare with the form: delete the row if it is no indicator, else write its name and value as the form has them".into(),
            M::UnparsedValue { raw } => {
                format!("target value “{raw}” is not a number, date or known phrase")
            }
            M::UnparsedValueHint => "a form such as ≥90%, a date or a known phrase (published as written)".into(),
            M::DuplicateCode {
                code,
                other,
                file,
                index,
            } => format!(
                "project code `{code}` is already used by “{other}” ({file} projects[{index}])"
            ),
            M::DuplicateCodeHint => "a code unique within the region and year".into(),
            M::DuplicateKey {
                project,
                key,
                other,
                index,
            } => format!(
                "project “{project}” has the link key `{key}` of projects[{index}] “{other}” in this file; both would get one page"
            ),
            M::DuplicateKeyHint => "an id unique within the file".into(),
            M::ReviewFinding {
                message,
                place,
                level,
            } => format!("review finding: {message} ({place}, {})", level.en()),
            M::ReviewAnswerHint { rule } => format!(
                "published as written; to record a reason, write answers: [{{ rule: {rule}, text: … }}] under the row or project"
            ),
            M::MetricProblem { key, problem } => format!("comparable metric `{key}`: {problem}"),
            M::MetricKeyBad => "a metric key must be lower-case ASCII letters, digits and `-`, and not `none`".into(),
            M::MetricKeyTwice => "two metrics share this key".into(),
            M::MetricNeedsUnits => "a quantity metric needs its unit family (`units: [...]`)".into(),
M::AboutApp => "gongkai: publish the budget performance targets of government departments as a static site".into(),
            M::AboutCheck => "Load and validate the content without building; print every problem".into(),
            M::AboutBuild => "Build the site into the output folder (site.toml `output_dir`, default public/)".into(),
            M::AboutServe => "Build, serve on 127.0.0.1 and rebuild on every edit, reloading open pages".into(),
            M::AboutInit => "Make a new site in DIR that builds at once".into(),
            M::AboutNew => "Add a department file from a template: content/YEAR/REGION/DEPT.yaml".into(),
            M::AboutReview => "Review the targets as a finance bureau does and write the review report".into(),
            M::AboutArchive => "Freeze a year into archive/YEAR/; on a frozen year, seal its corrections".into(),
            M::AboutVerify => "Check a published folder or a year's bundle against its manifest.txt".into(),
            M::AboutImport => "Turn disclosed documents (Word or PDF text, .docx, .xlsx) into YAML drafts".into(),
            M::AboutSchema => "Print the JSON Schema of a department file, for editors with a YAML plugin".into(),
            M::AboutGen => "Write synthetic department files for benchmarks".into(),
            M::LangHelp => "Language of messages: zh (Chinese, the default) or en (English); else LC_ALL, LC_MESSAGES, LANG".into(),
            M::ErrorLine { error } => format!("error: {error}"),
            M::Built {
                pages,
                files,
                departments,
                selfevals,
                elapsed,
                output,
                warnings,
            } => format!(
                "built {pages} pages ({files} files) from {departments} department files{} in {elapsed:.2?} into {output}; {warnings} warnings (see `gongkai check`)",
                if *selfevals > 0 {
                    format!(" and {selfevals} self-evaluations")
                } else {
                    String::new()
                }
            ),
            M::SearchIndexBuilt {
                records,
                terms,
                paged,
                files,
                megabytes,
            } => format!(
                "search index: {records} records, {terms} terms ({paged} paged), {files} files, {megabytes} MB"
            ),
            M::Unchanged {
                reused,
                departments,
                parsed,
                decoded,
            } => format!(
                "{reused} of {departments} departments unchanged since the last build; {parsed} department files read anew, {decoded} more decoded whole from .gongkai/, the rest read from their summaries (--clean makes everything anew)"
            ),
            M::StoreSpoiled { file } => format!(
                "{file}: the parsed document an earlier build stored (.gongkai/documents/) could not be read back during the build, nor the file parsed again; nothing was published. Check that the file was not moved or is not being edited, then run gongkai build again (or with --clean)"
            ),
            M::AlteredDuringBuild => "this file of the published site was changed by another program while the build ran; nothing was published. Run gongkai build again once that change is done".into(),
            M::TimingsHead => "     wall       cpu cores  step".into(),
            M::PeakMemory { mib } => format!("  (peak {mib} MiB)"),
            M::BuildFailed => "build failed: the previous site is unchanged".into(),
            M::BuildFailedNothingPublished => {
                "build failed: nothing was published (the output folder holds no site yet)".into()
            }
            M::Rebuilt {
                pages,
                reused,
                departments,
                elapsed,
            } => format!(
                "rebuilt {pages} pages in {elapsed:.2?} ({reused} of {departments} departments unchanged, their pages kept)"
            ),
            M::ServeBuildFailed => "build failed: still serving the last good site".into(),
            M::Serving { root, url } => format!("serving {root} at {url} (Ctrl+C to stop)"),
            M::FirstBuildPending => {
                "Building the site; this page reloads by itself when it is ready…".into()
            }
            M::PanelHeading => "Build failed; showing the last good version:".into(),
            M::NotFound => "404 page not found".into(),
            M::Sealed {
                departments,
                year,
                dir,
            } => format!("sealed {departments} corrected departments of {year} in {dir}"),
            M::Froze { year, files, dir } => format!("froze {year}: {files} files in {dir}"),
            M::ArchiveFailed => "archive failed: nothing was written to archive/".into(),
            M::VerifyAllMatch { dir } => format!("{dir}: every file matches manifest.txt"),
            M::VerifyMissing => "missing".into(),
            M::VerifyAdded => "added".into(),
            M::VerifyAltered => "altered".into(),
            M::VerifySymlink => "symlink".into(),
            M::VerifyDifferences {
                dir,
                missing,
                added,
                altered,
                links,
            } => format!(
                "{dir}: {missing} missing, {added} added, {altered} altered, {links} symlinks"
            ),
            M::Imported {
                source,
                draft,
                projects,
                rows,
                notes,
            } => format!(
                "{source} → {draft}: {projects} projects, {rows} indicator rows, {notes} to check"
            ),
            M::ImportNext => "before publishing, run gongkai check and go through each draft's notes and tick-list at its top".into(),
            M::ImportFailed => "import not done: no file was written".into(),
            M::ImportNoneWritten { failed, total } => format!("import not done: {failed} of {total} files could not be imported (each reason above), so no file was written; fix them and import again, or add --keep-going to write the files that could be read"),
            M::ImportPartly { failed, written } => format!("{written} drafts written; {failed} more files could not be imported (reasons above): fix them and import them on their own. Before publishing, run gongkai check and go through each draft's notes and tick-list at its top"),
            M::InitDone { dir } => format!(
                "made a new site in {dir}. Next: gongkai new YEAR REGION DEPT --root {dir}, then gongkai serve {dir}"
            ),
            M::NewDone { path } => format!(
                "wrote {path}. Replace every `…` with the document's text, then run gongkai check"
            ),
            M::CannotPrint { error } => format!("error: cannot write the output: {error}"),
            M::Reviewed {
                departments,
                findings,
                answered,
                output,
            } => format!(
                "reviewed {departments} departments: {findings} findings ({answered} answered by the department); the report is in {output} (index.html the summary, findings.csv every finding)"
            ),
            M::Generated {
                files,
                out,
                elapsed,
            } => format!("wrote {files} department files to {out} in {elapsed:.2?}"),
            M::AlreadyFrozen { year } => format!(
                "{year} is already frozen in archive/{year}/ and has no new correction to seal; a frozen year is never overwritten"
            ),
            M::NoSuchYear { year } => format!("there is no year {year} in content/ to freeze"),
            M::FrozenEdited {
                year,
                date,
                changes,
            } => format!(
                "content/{year}/ is frozen (archived {date}) but differs from archive/{year}/:\n{changes}\nfrozen years are published from their archive; undo the edit, or declare it as a correction under document.corrections with its date, reason and changes"
            ),
            M::ArchivedSource { path, message } => {
                format!("{path}: cannot read its corrections: {message}")
            }
            M::FileError { path, error } => format!("{path}: cannot read or write: {error}"),
M::OutputOverlaps { output, why } => format!("the output folder {output} cannot be used: {why}. A build replaces the whole output folder, which would delete the sources.\nIn site.toml's output_dir or with -o, use a folder of its own inside the site folder, such as public"),
            M::IsTheSite => "it is the site folder itself".into(),
            M::IsAFile => "it is a file, not a folder".into(),
            M::NoExplanation => "(no explanation)".into(),
            M::HoldsTheSite { site } => format!("it holds the site folder {site}"),
            M::IsASource { folder } => format!("it is the source folder {folder}"),
            M::InsideASource { folder } => format!("it lies inside the source folder {folder}"),
            M::HoldsASource { folder } => format!("it holds the source folder {folder}"),
            M::OutputForeign { output } => format!("the output folder {output} holds files gongkai did not write (it has no manifest.txt); the build stopped so as not to delete them.\nUse an empty or new folder, or move those files away first"),
            M::Symlinks { list } => format!("these files are symbolic links; gongkai never reads them, so nothing outside the site is published:\n{list}\nCopy the files themselves here, then delete the links"),
            M::WouldEmptySite { content, output, published } => format!("{content} holds no department file, while the site published in {output} has {published} files of years; the build stopped so as not to replace it with an empty site.\nCheck that this is the right site folder and that content/ was not moved"),
            M::ReservedPage { path, name } => format!("{path}: the page name `{name}` is an address the site uses itself (a year folder, search, compare, downloads, static) and would overwrite it; rename the file, such as about-{name}.md"),
            M::CannotReadPath { path, error } => format!("cannot read {path}: {error}"),
            M::NewYear { year } => format!("the budget year “{year}” is not a four-digit year; write it like 2024"),
            M::NewRegion { region } => format!("the region “{region}” is not a six-digit GB/T 2260 code (such as 130529); when the document does not name its region, write unstated and give a short ASCII name with --slug (such as gaoxin)"),
            M::NewSlug => "with the region unstated, give --slug a short name of ASCII letters, digits, - or _ (such as --slug gaoxin)".into(),
            M::NewDepartment { code } => format!("the department code “{code}” may hold only ASCII letters and digits, such as 414"),
            M::AlreadyExists { path } => format!("{path} exists already and was not overwritten; to start again, move it away first"),
            M::Panic { what } => format!("the build stopped on a bug (panic): {what}\nThis is a defect of gongkai, not a mistake of the content; please report this message to the maintainers. The last good site is unchanged"),
            M::PagesUnreadable { error } => format!("cannot use the pages in content/pages: {error}"),
            M::WrittenTwice { address } => format!("the address {address} was written twice: two sources (pages, projects, Markdown pages or archived files) make the same address and the second would overwrite the first; the build stopped"),
            M::UnsafeEntry { path, entry } => format!("{path}: the entry `{entry}` would leave the folder it is unpacked into (it holds `..` or starts with /); do not trust or unpack this bundle"),
            M::ListedTwice { path, line, entry } => format!("{path}:{line}: the path `{entry}` is listed twice; each file is listed once, so this manifest cannot be trusted"),
            M::ArchiveAltered { year, changes } => format!("the files in archive/{year}/ differ from its manifest.txt; the year cannot be published:\n{changes}\nA frozen archive is never changed; restore these files from a backup (gongkai verify archive/{year} checks again)"),
M::ImportNotUtf8 { path } => format!("{path}: not readable text (neither UTF-8, UTF-16 nor GBK/GB18030, or it holds binary data); open the original in Notepad, save it as UTF-8 text, then import it"),
            M::ImportShape { path, found, expected } => format!("{path}: cannot be imported: {found}. What can be imported: {expected}"),
            M::ImportRefused { path, why } => format!("{path}: cannot be imported. {why}"),
            M::ImportUnaccounted { path, lines } => format!("{path}: some lines were left out or do not add up; no draft was written.\n{lines}\nCheck them against the original; when all is right, --keep-going imports anyway (the lines are listed at the top of the draft)"),
            M::ImportExists { path, from } => format!("{path} exists already (importing {from}); move it away first, or add --force to overwrite it"),
            M::ImportCollision { a, b, path } => format!("{a} and {b} would both be written to {path}: import them separately, or check whether they are one department's document for one year"),
            M::ImportNoYear { path } => format!("{path}: the text states no budget year (such as 2024), so the draft has no content/YEAR/ folder; check the original and import again with --year 2024"),
            M::ImportYaml { path, reason } => format!("{path}: cannot write the YAML draft: {reason}"),
            M::UnknownRuleCode { code, codes } => {
                format!("there is no review rule with the code `{code}`; the codes are: {codes}")
            }
            M::ReviewNeedsClean { errors } => format!("the content has {errors} errors; fix them first (gongkai check lists each), then make the review report"),
            M::ReviewTemplate { error } => format!("the review report's template failed: {error}"),
            M::EditedWithoutCorrection => "edited without declaring a correction".into(),
            M::SeveralNewCorrections { count, year } => format!(
                "declares {count} new corrections; run `gongkai archive {year}` after each one so every revision stays published"
            ),
            M::CorrectionRewritten => "an earlier correction was changed or removed; corrections are only ever added".into(),
            M::CannotWrite { path, error } => format!("cannot write {path}: {error}"),
            M::CannotRemove { path, error } => format!(
                "cannot remove {path} (published last time, not this time): {error}; check its permissions and build again, the published site is unchanged"
            ),
            M::PathLeavesOutput { path } => {
                format!("refusing to write `{path}`: the path leaves the output folder")
            }
            M::CannotSwap { path, error } => format!(
                "cannot replace the output folder {path}: {error}; the previous site is unchanged"
            ),
            M::ManifestLine { path, line, text } => {
                format!("{path}:{line}: expected `<sha256>  <bytes>  <path>`, found `{text}`")
            }
            M::ThemeMissing { name, path } => {
                format!("theme `{name}` not found: expected the folder {path}")
            }
            M::TemplateMissing {
                name,
                template,
                path,
            } => format!("theme `{name}` has no template {template} (expected at {path})"),
            M::TemplateError { error } => format!("template error: {error}"),
            M::UnknownSetting { key, allowed } => {
                format!("unknown setting `{key}`; the settings allowed: {allowed}")
            }
            M::MissingSetting { key } => format!("the required setting `{key}` is missing"),
            M::SettingTwice => "this setting is written twice; delete one".into(),
            M::SettingWrongType { want } => format!("this setting should be {}", want.en()),
            M::SettingNotAChoice { value, choices } => {
                format!("`{value}` is not one of this setting's choices: {choices}")
            }
            M::ValueNotAChoice { written } => format!("`{written}` is not one of the choices"),
            M::OnlyChoices { choices } => format!("write one of: {choices}"),
            M::ItemWrongType { want } => {
                format!("this item is not written as expected: it should be {}", want.en())
            }
            M::MissingFieldHere { key } => format!("the required field `{key}` is missing"),
            M::SelfEvalSchemaHint => "see the self-evaluation section of docs/schema.md".into(),
            M::SettingUnclosed => "a quote or bracket is left open".into(),
            M::SettingNoValue => "the line has a setting's name but no `= value`".into(),
            M::SettingEscape => "a backslash inside quotes cannot stand before this letter; write two backslashes for one, or use single quotes".into(),
            M::SettingReader { raw } => format!("the reader says: {raw}"),
            M::BaseUrlScheme { url } => {
                format!("base_url `{url}` must start with http:// or https://")
            }
            M::SettingsUnreadable { path, error } => {
                format!("{path}: cannot read the site settings: {error}")
            }
            M::SettingsInvalid {
                path,
                line,
                column,
                message,
            } => format!("{path}:{line}:{column}: invalid site settings: {message}"),
            M::BrokenLinks { count, list } => {
                format!("{count} broken internal links:\n{list}")
            }
        }
    }
}
