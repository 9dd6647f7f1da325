//! What `gongkai import` tells the clerk ([`crate::import`]): each guess and field left empty
//! (a note at a line of the source), the report that accounts for every line, the tick-list
//! to hold against the printed document, and why a file is refused; one `match` per language.
//!
//! The report is printed in the publisher's language; the draft a file becomes is content,
//! and the copy of the report at its top is written in Chinese ([`Lang::Zh`]).

use super::Lang;
use std::fmt;

/// What opens a project table, counted in the source against the projects read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Opener {
    /// An indicator header (一级指标…).
    #[default]
    Header,
    /// A 项目编码 cell.
    CodeCell,
    /// A numbered table title (1.…绩效目标表).
    Title,
    /// 【项目概况】.
    Overview,
}

/// A column of a self-evaluation's funds table (项目资金), named as the form names it and as
/// the draft's field under `funds` that the clerk fills in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FundColumn {
    /// 年初预算数 (`initial`).
    Initial,
    /// 全年预算数 (`budget`).
    Budget,
    /// 全年执行数 (`executed`).
    Executed,
    /// 分值 (`weight`).
    Weight,
    /// 执行率 (`rate`).
    Rate,
    /// 得分 (`score`).
    Score,
}

impl FundColumn {
    /// The column's name on the form and its field in the draft: `年初预算数（initial）`.
    pub fn text(self, lang: Lang) -> String {
        let (zh, en, field) = match self {
            FundColumn::Initial => ("年初预算数", "initial budget", "initial"),
            FundColumn::Budget => ("全年预算数", "full-year budget", "budget"),
            FundColumn::Executed => ("全年执行数", "executed", "executed"),
            FundColumn::Weight => ("分值", "weight", "weight"),
            FundColumn::Rate => ("执行率", "execution rate", "rate"),
            FundColumn::Score => ("得分", "score", "score"),
        };
        match lang {
            Lang::Zh => format!("{zh}（{field}）"),
            Lang::En => format!("{en} ({field})"),
        }
    }
}

/// Why a form stops before its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Cut {
    /// The last project has no indicator table.
    #[default]
    NoTable,
    /// The last indicator row has no value.
    OpenRow,
    /// The table has no 满意度指标.
    NoSatisfaction,
}

/// A column of a form set aside (the model has no field for it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AsideColumn {
    /// 实际完成值.
    #[default]
    Actual,
    /// 得分.
    Score,
    /// 偏差原因.
    Reason,
    /// Another period's (中期/长期) 指标值.
    TwinValue,
    /// Another period's 三级指标.
    TwinName,
}

/// One cell of a self-evaluation's funds table in the tick-list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum FundCell {
    /// An amount read, in 万元.
    Amount(String),
    /// The form has the column but the row gives nothing readable.
    #[default]
    NotRead,
    /// The form has no such column.
    NoColumn,
}

/// Whose sum a self-evaluation's tick-list checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SumOf {
    /// 分值.
    #[default]
    Weights,
    /// 得分.
    Scores,
}

/// Why a .docx or .xlsx cannot be opened at all, from what the file's first bytes show and
/// the kind of error the readers (docx-rs, calamine, zip) give, in the clerk's words; the
/// library's own words only as a last resort ([`OpenCause::Other`]).
#[derive(Debug, Clone, PartialEq, Eq, Default, strum::EnumIter)]
pub enum OpenCause {
    /// Not a zip archive, and nothing else recognisable either.
    #[default]
    NotAnArchive,
    /// An old Word/Excel file (.doc/.xls) or a password-protected one: both are OLE files.
    OldOrEncrypted,
    /// A PDF renamed.
    RenamedPdf,
    /// A web page or plain text renamed.
    RenamedText,
    /// A zip archive cut short or damaged (a download that did not finish).
    Damaged,
    /// Protected by a password inside the archive.
    Encrypted,
    /// Compressed by a method the reader does not know.
    UnsupportedCompression,
    /// A part every such file holds is missing from the archive.
    MissingPart {
        /// The part's path inside the archive (`word/document.xml`).
        part: String,
    },
    /// The XML inside the file is malformed.
    BadXml,
    /// A number inside the file's XML cannot be read.
    BadNumber,
    /// The file cannot be read from the disk.
    Unreadable,
    /// None of the above: the library's words, quoted.
    Other {
        /// What the library said, as it said it.
        words: String,
    },
}

impl OpenCause {
    /// The cause in `lang`, with what to do about it.
    pub fn text(&self, lang: Lang) -> String {
        use OpenCause as C;
        match lang {
            Lang::Zh => match self {
                C::NotAnArchive => "文件内容不是 Office 文档的格式，可能是别的文件改了扩展名：请在 Word 或 Excel 里打开它，另存为 .docx 或 .xlsx 再导入".into(),
                C::OldOrEncrypted => "文件是旧版 Word/Excel 格式（.doc/.xls），或者设了打开密码：请在 Word 或 Excel 里打开，取消密码后另存为 .docx 或 .xlsx 再导入".into(),
                C::RenamedPdf => "文件其实是 PDF，只是扩展名写成了 Office 的：请先把 PDF 里的文字提取出来，存成 .txt 再导入".into(),
                C::RenamedText => "文件其实是网页或纯文本，只是扩展名写成了 Office 的：请把扩展名改成 .html 或 .txt 再导入".into(),
                C::Damaged => "文件已损坏或不完整（常见于没下载完或复制中断）：请重新下载或向发文单位要一份完整的文件".into(),
                C::Encrypted => "文件设了密码：请在 Word 或 Excel 里打开，取消密码后另存再导入".into(),
                C::UnsupportedCompression => "文件用了读不了的压缩方式：请在 Word 或 Excel 里打开后另存为 .docx 或 .xlsx 再导入".into(),
                C::MissingPart { part } => format!("文件里缺少每个这类文件都有的“{part}”部分，可能不是 Word/Excel 保存的：请在 Word 或 Excel 里打开后另存再导入"),
                C::BadXml => "文件内部的内容写坏了（XML 格式错误）：请在 Word 或 Excel 里打开后另存再导入".into(),
                C::BadNumber => "文件内部有读不出的数字设置：请在 Word 或 Excel 里打开后另存再导入".into(),
                C::Unreadable => "文件读不出来（可能没有读取权限，或文件正被移走）：请检查文件后重试".into(),
                C::Other { words } => format!("原因不明，读取程序的原话是“{words}”：请在 Word 或 Excel 里打开后另存再导入"),
            },
            Lang::En => match self {
                C::NotAnArchive => "the file is not in an Office document's format; it may be another file renamed: open it in Word or Excel and save it as .docx or .xlsx".into(),
                C::OldOrEncrypted => "the file is an old Word/Excel file (.doc/.xls) or has an opening password: open it in Word or Excel, remove the password and save it as .docx or .xlsx".into(),
                C::RenamedPdf => "the file is a PDF with an Office extension: extract its text into a .txt and import that".into(),
                C::RenamedText => "the file is a web page or plain text with an Office extension: rename it to .html or .txt".into(),
                C::Damaged => "the file is damaged or incomplete (a download that did not finish): download it again".into(),
                C::Encrypted => "the file is protected by a password: remove it in Word or Excel and save again".into(),
                C::UnsupportedCompression => "the file uses a compression the reader does not know: save it again from Word or Excel".into(),
                C::MissingPart { part } => format!("the file lacks the part “{part}” every such file has: save it again from Word or Excel"),
                C::BadXml => "the XML inside the file is malformed: save it again from Word or Excel".into(),
                C::BadNumber => "a number inside the file cannot be read: save it again from Word or Excel".into(),
                C::Unreadable => "the file cannot be read (permissions, or it was moved)".into(),
                C::Other { words } => format!("unknown cause; the reader said “{words}”: save it again from Word or Excel"),
            },
        }
    }
}

/// An amount a form gives in a unit other than 万元 (or in none), kept as written and not
/// converted: both the draft's note and the terminal's message say it, from this one value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AmountAsWritten {
    /// The form's label (年度资金总额).
    pub label: String,
    /// The amount as written.
    pub amount: String,
    /// The unit the form gives it in.
    pub unit: UnconvertedUnit,
}

/// The unit of an amount the importer leaves unconverted (万元 is converted, so it is not one).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, strum::EnumIter)]
pub enum UnconvertedUnit {
    /// 元: the form says so (`（元）`, `单位：元`).
    #[default]
    Yuan,
    /// No unit is written.
    Unstated,
}

/// A remark the importer writes into a draft's `notes` (the document's or a project's): content
/// of the draft, so always in Chinese ([`DraftNote::text`]), written out as a string; kept
/// typed until then so it can be tested and counted.
#[derive(Debug, Clone, PartialEq, Eq, strum::EnumIter)]
pub enum DraftNote {
    /// The text stops before the form's end.
    Incomplete {
        /// Where the text ends (1-based line).
        line: usize,
        /// Why the form is seen as cut.
        cut: Cut,
    },
    /// An amount written in 元 or with no unit, not converted.
    AmountUnconverted(AmountAsWritten),
    /// A self-evaluation's goals glued to what was achieved: kept whole.
    GluedGoals {
        /// The text as written.
        text: String,
    },
    /// A funds row whose figures on one side of 执行率 do not fit the header.
    FundsRowOneSide {
        /// The row's label.
        label: String,
        /// Its cells as written.
        cells: Vec<String>,
        /// How many columns the header has.
        columns: usize,
    },
    /// A funds row whose figures fit no reading of the header.
    FundsRowUnplaced {
        /// The row's label.
        label: String,
        /// Its cells as written.
        cells: Vec<String>,
        /// How many columns the header has.
        columns: usize,
    },
    /// A funds detail row that also gives 分值 or 得分.
    FundsDetailPoints {
        /// The row's label.
        label: String,
        /// 分值 as written.
        weight: Option<String>,
        /// 得分 as written.
        score: Option<String>,
    },
    /// Breakdown lines (其中: 一般公共预算: …) that do not say budget or execution.
    FundsBreakdown {
        /// The lines as written.
        lines: Vec<String>,
    },
    /// One number after 总分.
    TotalOneNumber {
        /// The number.
        number: String,
    },
    /// Funds in 元 converted to 万元.
    ConvertedFromYuan {
        /// Each amount as written and in 万元.
        amounts: Vec<(String, String)>,
    },
    /// The region taken from the department's target document on the site.
    RegionFromTargets {
        /// That file, relative to `content/`.
        file: String,
    },
}

impl DraftNote {
    /// The remark as the draft holds it (Chinese: it is content).
    pub fn text(&self) -> String {
        use DraftNote as N;
        match self {
            N::Incomplete { line, cut } => format!(
                "原文不完整：文字在第{line}行结束（{}），只录入了到此为止的内容",
                cut.text(Lang::Zh)
            ),
            N::AmountUnconverted(AmountAsWritten {
                label,
                amount,
                unit: UnconvertedUnit::Yuan,
            }) => format!("原文{label} {amount} 元（以元为单位）"),
            N::AmountUnconverted(AmountAsWritten {
                label,
                amount,
                unit: UnconvertedUnit::Unstated,
            }) => format!("原文{label} {amount}（未注明单位）"),
            N::GluedGoals { text } => format!(
                "年度总体目标原文（年初设定目标与完成情况综述连在一起，无法可靠分开，未录入各栏）：{text}"
            ),
            N::FundsRowOneSide {
                label,
                cells,
                columns,
            } => format!(
                "资金情况“{label}”一行原文为：{}（{} 个数对应表头 {columns} 栏；执行率两侧格数与表头不符的一侧无法确定各属哪一栏，未录入）",
                cells.join(" | "),
                cells.len()
            ),
            N::FundsRowUnplaced {
                label,
                cells,
                columns,
            } => format!(
                "资金情况“{label}”一行原文为：{}（{} 个数对应表头 {columns} 栏，无法确定各属哪一栏，未录入）",
                cells.join(" | "),
                cells.len()
            ),
            N::FundsDetailPoints {
                label,
                weight,
                score,
            } => {
                let points: Vec<String> = [("分值", weight), ("得分", score)]
                    .into_iter()
                    .filter_map(|(w, v)| v.as_ref().map(|v| format!("{w} {v}")))
                    .collect();
                format!(
                    "资金明细“{label}”一行另写有{}（资金明细没有分值、得分栏，未录入）",
                    points.join("、")
                )
            }
            N::FundsBreakdown { lines } => format!(
                "资金明细原文（未注明是预算数还是执行数，未录入各栏）：{}",
                lines.join("；")
            ),
            N::TotalOneNumber { number } => {
                format!("“总分”后只有一个数 {number}，分不清是总分还是自评得分，未录入")
            }
            N::ConvertedFromYuan { amounts } => {
                let pairs: Vec<String> = amounts
                    .iter()
                    .map(|(yuan, wan)| format!("{yuan} 元 = {wan} 万元"))
                    .collect();
                format!(
                    "原表项目资金以元为单位，已按 1 万元 = 10000 元换算为万元：{}",
                    pairs.join("；")
                )
            }
            N::RegionFromTargets { file } => {
                format!("所属地区取自本站同年度同名部门的绩效目标文件 {file}")
            }
        }
    }
}

/// The remark in Chinese.
impl fmt::Display for DraftNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text())
    }
}

/// Written into the draft as its Chinese text.
impl serde::Serialize for DraftNote {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text())
    }
}

/// Something `import` says. Fields are the data quoted as written (cells, labels of the form,
/// figures), never words of either language, except the small enums above.
#[derive(Debug, Clone, PartialEq, Eq, strum::EnumIter)]
pub enum ImportText {
    // ── what a file can be ──────────────────────────────────────────────────────────────
    /// The shapes `import` reads.
    Expected,
    /// A .docx that cannot be opened.
    NotADocx {
        /// Why.
        cause: OpenCause,
    },
    /// A .csv that cannot be read.
    NotACsv {
        /// The reader's reason.
        error: String,
    },
    /// An .xlsx that cannot be opened.
    NotAnXlsx {
        /// Why.
        cause: OpenCause,
    },
    /// The first sheet cannot be read.
    SheetUnreadable {
        /// Why.
        cause: OpenCause,
    },
    /// A workbook without sheets.
    NoSheet,
    /// An amount the form writes in 元, converted exactly to 万元.
    AmountFromYuan {
        /// The form's label (年度资金总额).
        label: String,
        /// The amount in 元, as written (without thousands separators).
        yuan: String,
        /// The amount in 万元.
        wan: String,
    },
    /// A line that is only a page number (`第 1 页 共 2 页`), left out.
    PageNumberSkipped,
    /// The table's header row printed again after a page break, left out.
    RepeatedHeaderSkipped {
        /// The line of the header it repeats.
        first: usize,
    },
    /// A `续表` / `（续表）` / `表1（续）` line: the table goes on over a page; left out.
    ContinuedTableSkipped,
    /// A table's caption (`表 2-1 项目绩效指标`, `附表3`) naming no form: left out.
    CaptionSkipped {
        /// The caption's number as written (`表2-1`).
        number: String,
    },
    /// A caption whose title names the form (`表1 2024年度项目支出绩效目标表`): its number is
    /// left out and the title read as the form's.
    CaptionNumberDropped {
        /// The number (`表1`).
        number: String,
        /// The title read.
        title: String,
    },
    /// Formula cells saved without their result (a file written by a program, never opened
    /// and saved in Excel or WPS): their values are unknown.
    FormulaWithoutValue {
        /// The cells, named `第 5 行 C 列`, joined by 、.
        cells: String,
    },
    /// No header row with 三级指标.
    SheetNoHeader {
        /// The first row, cells joined.
        first: String,
    },
    /// The header row lacks a column.
    SheetMissingColumn {
        /// The column.
        column: String,
    },
    /// A PDF: extract its text first.
    PdfFile,
    /// An old Word or WPS file.
    OldWordFile {
        /// The extension.
        ext: String,
    },
    /// Any other extension.
    UnknownFile {
        /// The extension.
        ext: String,
    },
    /// Word or PDF text with neither a table title nor Part 1.
    NoFormFound,
    /// No indicator table at all.
    RefuseNoTable,
    /// Indicator names but no values.
    RefuseNoValues {
        /// The header's line.
        line: usize,
    },
    /// 二级 names and numbers only.
    RefuseNoNames {
        /// The line.
        line: usize,
        /// What follows a 二级 name.
        sample: String,
    },
    /// A whole table glued into one line.
    RefuseGlued {
        /// The line.
        line: usize,
        /// How many 二级 names.
        rows: usize,
    },

    /// A part of a self-evaluation draft that does not fit the model.
    DraftModel {
        /// Which part (`department`, `document`).
        part: String,
        /// The model's reason.
        reason: String,
    },
    /// An amount of a self-evaluation draft out of range.
    DraftRange {
        /// The amount.
        amount: String,
    },

    // ── how the file was read ───────────────────────────────────────────────────────────
    /// A .docx self-evaluation read paragraph by paragraph.
    ReadWordByRows,
    /// A spreadsheet read cell by cell.
    ReadSheetByRows,
    /// A web page's table read as text.
    ReadHtmlAsText,
    /// The budget year taken from `--year`: the file states none.
    YearGiven {
        /// The year.
        year: u16,
    },
    /// A text file read as GB18030 (GBK, GB2312), not UTF-8.
    ReadGb18030,
    /// A text file read as UTF-16 (Notepad's "Unicode").
    ReadUtf16,
    /// A self-evaluation glued into one line, split by the form's words.
    GluedForm {
        /// Its line.
        line: usize,
    },
    /// Non-breaking or full-width spaces read as spaces.
    WideSpaces {
        /// How many.
        count: usize,
    },
    /// Full-width digits read as digits.
    WideDigits {
        /// How many.
        count: usize,
    },
    /// Funds glued in one cell, split by the header's columns.
    GluedFundsSplit {
        /// The text.
        text: String,
        /// The cells, joined with ` | `.
        cells: String,
    },
    /// Funds glued in one cell that could not be split.
    GluedFundsNotSplit {
        /// The label before them.
        label: String,
        /// The text.
        text: String,
        /// More than one reading (else none).
        many: bool,
    },
    /// 总分 and 得分 glued, split.
    GluedTotalSplit {
        /// The text after 总分.
        text: String,
        /// 总分.
        total: String,
        /// 得分.
        score: String,
    },
    /// A glued indicator row, split.
    GluedRowSplit {
        /// The row as written.
        text: String,
        /// 三级指标.
        name: String,
        /// 分值.
        weight: String,
        /// 年度指标值.
        target: String,
        /// 实际完成值.
        actual: String,
        /// 得分.
        score: String,
    },
    /// A glued indicator row not split.
    GluedRowNotSplit {
        /// The row as written.
        text: String,
        /// More than one reading (else none).
        many: bool,
    },

    // ── guesses and fields left empty ───────────────────────────────────────────────────
    /// How many project tables the form holds.
    ProjectTables {
        /// How many.
        count: usize,
    },
    /// A self-evaluation form, written as one.
    SelfEvaluationForm,
    /// A project code written in the name cell.
    CodeInNameCell {
        /// The code.
        code: String,
    },
    /// A total summed from the funds' numbered sources (`(一)财政拨款小计 4.00` …).
    TotalOfSources {
        /// The sum.
        total: String,
        /// Each source with its figure, as written.
        parts: Vec<String>,
    },
    /// 上级资金 read as 财政资金.
    UpperFundsAsFiscal {
        /// The amount.
        amount: String,
    },
    /// The project's name from a budget list.
    NameFromBudgetList {
        /// The amount after it.
        amount: String,
        /// The name.
        name: String,
    },
    /// The department's name from a budget list.
    DepartmentFromBudgetList {
        /// The name.
        name: String,
    },
    /// A 部门整体支出 self-evaluation: the project named after the unit.
    WholeDepartmentSelfEval {
        /// The unit's name.
        name: String,
    },
    /// No project name: the table title stands in.
    NameFromTitle {
        /// The title.
        title: String,
    },
    /// No 预算数 read (form reader).
    NoBudgetFillIn {
        /// The project.
        project: String,
    },
    /// An amount in 元 or with no unit, left empty.
    AmountUnconverted(AmountAsWritten),
    /// A goal's 实际完成情况 set aside.
    AchievedSetAside {
        /// The text.
        text: String,
    },
    /// The text under a goal label (项目总体目标, 中期目标) that a later 年度 label takes the
    /// place of: the draft's goals are the year's.
    GoalSetAside {
        /// The label it stands under, as written.
        label: String,
        /// The text.
        text: String,
    },
    /// A goal repeating the cell before it.
    RepeatedGoal {
        /// A self-evaluation (实际完成情况), else 中期目标与年度目标.
        self_evaluation: bool,
        /// The text.
        text: String,
    },
    /// A 一级指标 inferred from the 二级.
    Level1Inferred {
        /// The 二级指标.
        level2: String,
        /// The 一级 recorded.
        level1: String,
    },
    /// A name and value written together, split.
    NameValueJoined {
        /// The cell.
        cell: String,
        /// The name.
        name: String,
        /// The value.
        value: String,
    },
    /// More cells than the header: the rest left out.
    ExtraCells {
        /// The cells, joined.
        cells: String,
    },
    /// The text breaks off at the start of the next name.
    CutAtNextName {
        /// The name begun.
        name: String,
    },
    /// A comparison symbol read as another.
    ComparisonRead {
        /// As written.
        symbol: String,
        /// As read.
        read: String,
    },
    /// A template's comparison placeholder in a name.
    TemplateComparison {
        /// The 三级指标.
        name: String,
    },
    /// Cells of a row set aside.
    CellsSetAside {
        /// The 三级指标.
        name: String,
        /// The columns and their cells.
        cells: Vec<(AsideColumn, String)>,
    },
    /// A field of the form's upper part the model has no field for (项目期, 项目起止时间,
    /// 项目属性, 中期资金总额, the 中期目标's years), set aside with its value.
    FieldSetAside {
        /// The form's label, as written.
        label: String,
        /// Its value, as written.
        value: String,
    },
    /// A row of a budget list above or between the projects (合计, a unit's or a kind's
    /// subtotal), set aside: the draft keeps each project's own 预算数.
    BudgetRowSetAside {
        /// Its cells as written (code, name, amount).
        cells: Vec<String>,
    },
    /// The fields signed on the form (填表人, 联系电话, 填报日期, 审核人, 单位负责人…), at its
    /// foot or after a field of its own: no content of the form, set aside.
    SignedSetAside {
        /// The fields as written (`填表人：张三`).
        fields: Vec<String>,
    },
    /// A note under the form (注：…), set aside with its text.
    FootnoteSetAside {
        /// The note's line as written.
        text: String,
    },
    /// No project name before 【项目概况】.
    NoNameBeforeOverview,
    /// A 一级指标 written short.
    Level1Short {
        /// As written.
        written: String,
    },
    /// The year guessed from the text (form reader).
    YearGuessedCheck {
        /// The year.
        year: String,
        /// How often it stands in the text.
        count: usize,
    },
    /// No year: fill it in (form reader).
    NoYearFillIn,
    /// The text ends before the form does.
    EndsHere {
        /// Why the form is incomplete.
        why: Cut,
    },
    /// A title says 草案.
    DraftTitle,
    /// 资金用途 joined from broken PDF lines.
    PurposeJoined {
        /// The text.
        text: String,
    },
    /// A table without a title.
    NoTableTitle {
        /// Its number.
        number: usize,
    },
    /// The project name from the table title.
    NameFromTableTitle {
        /// The title's name.
        title: String,
        /// The name cell as read.
        cell: String,
    },
    /// No 预算数 read (Word and PDF reader).
    NoBudget {
        /// The project.
        project: String,
    },
    /// No project code: a stand-in id.
    NoCode {
        /// The project.
        project: String,
        /// Its number.
        number: usize,
    },
    /// No project code in a spreadsheet row: a stand-in id.
    NoCodeInSheet {
        /// The project.
        project: String,
        /// Its number.
        number: usize,
    },
    /// No indicator header found for a project.
    NoIndicatorHeader {
        /// The project.
        project: String,
    },
    /// A code cell left as a blank form's placeholder.
    CodeUnfilled {
        /// As written.
        written: String,
    },
    /// A code assembled from pieces.
    CodeAssembled {
        /// The code.
        code: String,
    },
    /// A code read incomplete.
    CodeIncomplete {
        /// As read.
        written: String,
    },
    /// An amount written with its unit.
    AmountWithUnit {
        /// The form's label.
        label: String,
        /// As written.
        written: String,
        /// The number recorded.
        number: String,
    },
    /// An amount that is not a number.
    AmountNotANumber {
        /// The form's label.
        label: String,
        /// As written.
        written: String,
    },
    /// A spending plan assembled from pieces.
    PlanAssembled {
        /// The months.
        months: String,
        /// The percentages.
        percents: String,
    },
    /// A spending plan that cannot be matched month by month.
    PlanUnmatched {
        /// The months.
        months: String,
        /// The percentages.
        percents: String,
    },
    /// Goals split by their numbers.
    GoalsSplitByNumber,
    /// Goals scattered beyond repair.
    GoalsScattered {
        /// The pieces.
        pieces: String,
    },
    /// A row broken by a blank line, joined.
    RowJoinedAcrossBlank {
        /// The first line.
        line: usize,
        /// The next line.
        next_line: usize,
        /// Cells before.
        first: usize,
        /// Cells after.
        second: usize,
        /// The header's columns.
        width: usize,
    },
    /// Broken PDF cells not placed in a row.
    RowNotPlaced {
        /// The cells.
        cells: String,
    },
    /// A description joined from broken cells.
    DescriptionJoined {
        /// The 三级指标.
        name: String,
        /// How many cells.
        count: usize,
    },
    /// A row whose cells do not match the header.
    RowCellsMismatch {
        /// The cells.
        cells: String,
    },
    /// No department name.
    NoDepartmentName,
    /// The department's name read from the title before its year (`黄山市公安局2025年项目…`).
    DepartmentFromTitle {
        /// The name taken.
        name: String,
    },
    /// The region from the project code.
    RegionFromCode {
        /// The code.
        code: String,
        /// The province.
        province: String,
        /// The county.
        county: String,
    },
    /// No region code.
    NoRegionCode,
    /// No year (Word and PDF reader).
    NoYear,
    /// The year from the text (Word and PDF reader).
    YearFromText {
        /// The year.
        year: String,
        /// How often it stands in the text.
        count: usize,
    },

    // ── the report ──────────────────────────────────────────────────────────────────────
    /// A note at a line.
    AtLine {
        /// The line.
        line: usize,
        /// The note.
        text: String,
    },
    /// The heading of the lines left out.
    LeftOutHeading,
    /// A line left out.
    LeftOutLine {
        /// The line.
        line: usize,
        /// Its text.
        text: String,
        /// It holds a figure.
        figure: bool,
    },
    /// The heading of the lines that are the web page's (索引号, 发文日期, 打印 …), not the form's.
    PageHeading,
    /// A line of the web page around the form.
    PageLine {
        /// The line.
        line: usize,
        /// Its text.
        text: String,
    },
    /// The page's publication date, written otherwise than YYYY-MM-DD, taken as 公开日期.
    PublishedTaken {
        /// The date as written.
        written: String,
        /// As recorded.
        date: String,
    },
    /// The page's publication date is no real date: not taken.
    PublishedImpossible {
        /// The date as written.
        written: String,
    },
    /// Figures of a funds row the form does not line up with its columns: left for the clerk.
    FundsToFill {
        /// The line of the row.
        line: usize,
        /// The row's label (年度资金总额).
        label: String,
        /// The figures, as written, in order.
        figures: Vec<String>,
        /// The columns they belong to, in order.
        columns: Vec<FundColumn>,
        /// The project's number in the draft, 1-based.
        project: usize,
        /// Amounts in 元 with their value in 万元, as the draft takes them.
        converted: Vec<(String, String)>,
        /// The figures are one run-together string.
        glued: bool,
        /// A run-together row reads more than one way (else none).
        many: bool,
        /// The funds' total row; else a breakdown row (funds.rows).
        total: bool,
    },
    /// The heading of the cells set aside.
    SetAsideHeading,
    /// Every line accounted for.
    Accounted {
        /// Lines with text.
        total: usize,
        /// In fields.
        placed: usize,
        /// Headings and labels.
        structure: usize,
        /// Left out.
        left_out: usize,
        /// Left out holding figures.
        figures: usize,
        /// The web page's own lines.
        page: usize,
    },
    /// The heading of the tick-list.
    TickHeading,
    /// A mismatch, in the report.
    ErrorLine {
        /// The mismatch, in the process's language.
        text: String,
    },
    /// A left-out line holding a figure, in the refusal.
    LeftOutFigure {
        /// The line.
        line: usize,
        /// Its text.
        text: String,
    },
    /// The department.
    TickDepartment {
        /// Its name; empty when none was read.
        name: String,
    },
    /// The year.
    TickYear {
        /// The year; 0 when none was read.
        year: u16,
    },
    /// One project.
    TickProject {
        /// Its number.
        number: usize,
        /// Its code; empty for none.
        code: String,
        /// Its name.
        name: String,
        /// Its 预算数 in 万元; empty when not filled in.
        total: String,
        /// Its indicator rows.
        rows: usize,
    },
    /// The projects together.
    TickTotal {
        /// How many.
        projects: usize,
        /// Their 预算数 summed in 万元; empty when one is missing.
        sum: String,
        /// Their rows.
        rows: usize,
    },
    /// A total the text states that agrees.
    TotalAgrees {
        /// Its line.
        line: usize,
        /// 合计 or 总计.
        label: String,
        /// The amount.
        amount: String,
    },
    /// A total the text states that a cut-off text cannot reach.
    TotalCut {
        /// Its line.
        line: usize,
        /// 合计 or 总计.
        label: String,
        /// The amount.
        amount: String,
        /// The projects' sum.
        sum: String,
    },
    /// A total the text states that disagrees.
    TotalDiffers {
        /// Its line.
        line: usize,
        /// 合计 or 总计.
        label: String,
        /// The amount.
        amount: String,
        /// The projects' sum.
        sum: String,
    },
    /// As many openers as projects.
    CountAgrees {
        /// Openers.
        found: usize,
        /// What.
        what: Opener,
        /// Projects.
        projects: usize,
    },
    /// More openers than projects.
    CountMore {
        /// Openers.
        found: usize,
        /// What.
        what: Opener,
        /// Projects.
        projects: usize,
    },
    /// Lines that list projects with their amounts (a page's list of its forms).
    ListedProjects {
        /// The first such line.
        first: usize,
        /// The last such line.
        last: usize,
        /// How many projects they list.
        count: usize,
    },
    /// A listed project imported with the amount the list gives.
    ListedAgrees {
        /// Its line in the list.
        line: usize,
        /// Its name as listed.
        name: String,
        /// The amount listed, in 万元.
        amount: String,
    },
    /// A listed project imported with another amount than the list gives.
    ListedDiffers {
        /// Its line in the list.
        line: usize,
        /// Its name as listed.
        name: String,
        /// The amount listed, in 万元.
        listed: String,
        /// The imported project's 预算数, in 万元.
        total: String,
    },
    /// A listed project imported without a 预算数.
    ListedNoTotal {
        /// Its line in the list.
        line: usize,
        /// Its name as listed.
        name: String,
        /// The amount listed, in 万元.
        amount: String,
    },
    /// A listed project whose form is not in this text.
    ListedElsewhere {
        /// Its line in the list.
        line: usize,
        /// Its name as listed.
        name: String,
        /// The amount listed, in 万元.
        amount: String,
    },
    /// Fewer openers than projects.
    CountFewer {
        /// Openers.
        found: usize,
        /// What.
        what: Opener,
        /// Projects.
        projects: usize,
    },
    /// A self-evaluated project.
    TickSelfEvalProject {
        /// Its number.
        number: usize,
        /// Its code; empty for none.
        code: String,
        /// Its name.
        name: String,
        /// 主管部门; empty for none.
        supervisor: String,
        /// 实施单位; empty for none.
        implementer: String,
    },
    /// Its funds.
    TickFunds {
        /// 年初预算数.
        initial: FundCell,
        /// 全年预算数.
        budget: FundCell,
        /// 全年执行数.
        executed: FundCell,
        /// 执行率 as written, if read.
        rate: Option<String>,
        /// 执行数 ÷ 预算数, one decimal, if both read.
        computed: Option<String>,
        /// 分值, if read.
        weight: Option<String>,
        /// 得分, if read.
        score: Option<String>,
    },
    /// The funds row not read.
    TickFundsNotRead,
    /// One row of the funds table.
    TickFundRow {
        /// Its label.
        label: String,
        /// 年初.
        initial: FundCell,
        /// 全年预算.
        budget: FundCell,
        /// 执行.
        executed: FundCell,
    },
    /// The rows of a self-evaluation.
    TickSelfEvalRows {
        /// Indicator rows.
        rows: usize,
        /// With an 实际完成值.
        with_actual: usize,
        /// 年度目标.
        goals: usize,
        /// 实际完成情况.
        achieved: usize,
    },
    /// No row with an 实际完成值.
    NoActualValues {
        /// The project.
        project: String,
    },
    /// A sum agreeing with the stated total.
    SumAgrees {
        /// 分值 or 得分.
        of: SumOf,
        /// The sum.
        sum: String,
        /// The 执行率 row's part was read.
        with_rate: bool,
        /// As stated.
        stated: String,
    },
    /// A sum disagreeing with the stated total.
    SumDiffers {
        /// 分值 or 得分.
        of: SumOf,
        /// The sum.
        sum: String,
        /// The 执行率 row's part was read.
        with_rate: bool,
        /// As stated.
        stated: String,
        /// The text is cut off.
        incomplete: bool,
    },
    /// A sum with no stated total.
    SumNoTotal {
        /// 分值 or 得分.
        of: SumOf,
        /// The sum.
        sum: String,
        /// The 执行率 row's part was read.
        with_rate: bool,
    },
    /// The grade.
    TickGrade {
        /// As written.
        grade: String,
    },
}

impl Opener {
    fn text(self, lang: Lang) -> &'static str {
        match (lang, self) {
            (Lang::Zh, Opener::Header) => "指标表表头（一级指标…）",
            (Lang::Zh, Opener::CodeCell) => "“项目编码”栏",
            (Lang::Zh, Opener::Title) => "编号的绩效目标表表题",
            (Lang::Zh, Opener::Overview) => "【项目概况】",
            (Lang::En, Opener::Header) => "indicator table headers",
            (Lang::En, Opener::CodeCell) => "project code cells",
            (Lang::En, Opener::Title) => "numbered table titles",
            (Lang::En, Opener::Overview) => "project overview headings",
        }
    }
}

impl Cut {
    /// Why, in `lang` (the draft's own note takes Chinese).
    pub fn text(self, lang: Lang) -> &'static str {
        match (lang, self) {
            (Lang::Zh, Cut::NoTable) => "最后一个项目没有指标表",
            (Lang::Zh, Cut::OpenRow) => "最后一行指标没有指标值",
            (Lang::Zh, Cut::NoSatisfaction) => "指标表没有满意度指标",
            (Lang::En, Cut::NoTable) => "the last project has no indicator table",
            (Lang::En, Cut::OpenRow) => "the last indicator row has no value",
            (Lang::En, Cut::NoSatisfaction) => "the table has no satisfaction indicators",
        }
    }
}

impl AsideColumn {
    fn text(self, lang: Lang) -> &'static str {
        match (lang, self) {
            (Lang::Zh, AsideColumn::Actual) => "实际完成值",
            (Lang::Zh, AsideColumn::Score) => "得分",
            (Lang::Zh, AsideColumn::Reason) => "偏差原因",
            (Lang::Zh, AsideColumn::TwinValue) => "另一期（中期/长期）指标值",
            (Lang::Zh, AsideColumn::TwinName) => "另一期三级指标",
            (Lang::En, AsideColumn::Actual) => "actual value",
            (Lang::En, AsideColumn::Score) => "score",
            (Lang::En, AsideColumn::Reason) => "reason for the gap",
            (Lang::En, AsideColumn::TwinValue) => "other period's (medium or long term) target",
            (Lang::En, AsideColumn::TwinName) => "other period's indicator",
        }
    }
}

impl FundCell {
    fn text(&self, lang: Lang) -> String {
        match (lang, self) {
            (Lang::Zh, FundCell::Amount(a)) => format!("{a} 万元"),
            (Lang::Zh, FundCell::NotRead) => "（未读出）".into(),
            (Lang::Zh, FundCell::NoColumn) => "（表中无此栏）".into(),
            (Lang::En, FundCell::Amount(a)) => format!("{a} (10k yuan)"),
            (Lang::En, FundCell::NotRead) => "(not read)".into(),
            (Lang::En, FundCell::NoColumn) => "(no such column)".into(),
        }
    }
}

impl ImportText {
    /// The words in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => self.zh(),
            Lang::En => self.en(),
        }
    }

    fn zh(&self) -> String {
        use ImportText as I;
        let or = |s: &str, none: &str| {
            if s.is_empty() {
                none.to_string()
            } else {
                s.to_string()
            }
        };
        let opt = |s: &Option<String>| s.clone().unwrap_or_else(|| "（未读出）".into());
        let z = Lang::Zh;
        match self {
            I::Expected => "从 Word、PDF 或网页复制出的绩效目标表文字（.txt，各栏用制表符、竖线、空格分隔或一格一行均可）、网页另存的 .html、.csv、表格为 Word 表格的 .docx，或每行一条指标的 .xlsx（须有 项目名称、一级指标、二级指标、三级指标、指标值 各列）".into(),
            I::NotADocx { cause } => format!("不是能打开的 .docx 文件：{}", cause.text(z)),
            I::NotACsv { error } => format!("不是能读的 .csv 文件（{error}）"),
            I::NotAnXlsx { cause } => format!("不是能打开的 .xlsx 文件：{}", cause.text(z)),
            I::SheetUnreadable { cause } => format!("第一个工作表读不出来：{}", cause.text(z)),
            I::NoSheet => "工作簿里没有工作表".into(),
            I::AmountFromYuan { label, yuan, wan } => format!("{label}原文以元为单位：{yuan} 元已按 1 万元 = 10000 元换算为 {wan} 万元，请核对"),
            I::PageNumberSkipped => "只是页码（分页时印上的），不是指标，已跳过".into(),
            I::RepeatedHeaderSkipped { first } => format!("是分页后重印的表头（同第 {first} 行），已跳过"),
            I::ContinuedTableSkipped => "是“续表”标记（表格跨页接续），不是指标，已跳过".into(),
            I::CaptionSkipped { number } => format!("是表格的题注（编号“{number}”），不是指标或项目内容，已跳过"),
            I::CaptionNumberDropped { number, title } => format!("表格题注的编号“{number}”已略去，其后的“{title}”读作表的标题"),
            I::FormulaWithoutValue { cells } => format!("这些公式单元格没有保存计算结果，读不出它们的值：{cells}；请在 Excel 或 WPS 里打开这个文件、保存后再导入"),
            I::SheetNoHeader { first } => {
                format!("工作表里没有写着“三级指标”的表头行（第一行是：{first}）")
            }
            I::SheetMissingColumn { column } => format!("表头行缺少“{column}”这一列"),
            I::PdfFile => "这是 .pdf 文件：请先把文字提取出来（如用 pdftotext，或在阅读器里全选复制到记事本），再导入 .txt".into(),
            I::OldWordFile { ext } => format!("这是 .{ext} 文件：请在 Word 或 WPS 里另存为 .docx 后再导入"),
            I::UnknownFile { ext } => format!("这是 .{ext} 文件"),
            I::NoFormFound => "文中没有绩效目标表的表题（如“1.办公楼运维费绩效目标表”），也没有第一部分的标题（一、总体绩效目标）".into(),
            I::RefuseNoTable => "没有找到绩效指标表：既没有“一级指标 二级指标 三级指标 指标值”表头，也没有“产出指标”“数量指标”等指标名称".into(),
            I::RefuseNoValues { line } => format!("第{line}行的指标表只有指标名称，没有任何指标值（原文可能在表头处就结束了，或各栏被拆散排列）"),
            I::RefuseNoNames { line, sample } => format!("第{line}行的指标表只有二级指标和数字（如“{sample}”），没有三级指标名称，无法知道每个数字考核什么"),
            I::RefuseGlued { line, rows } => format!("第{line}行把整张指标表连成了一行（含 {rows} 个二级指标），各栏之间没有任何分隔，指标名称、分值和指标值无法可靠分开；请从原件另存为 Word 或 Excel 后再导入"),
            I::DraftModel { part, reason } => format!("{part}不符合自评文件的格式：{reason}"),
            I::DraftRange { amount } => format!("金额 {amount} 超出范围"),
            I::ReadWordByRows => "Word 文件按段落和表格行逐行读取：报告中的行号指段落和表格行".into(),
            I::ReadSheetByRows => "电子表格按单元格逐行读取：报告中的行号指工作表的行".into(),
            I::ReadHtmlAsText => "网页的表格已转为文字逐行读取：报告中的行号指转换后的文字，不是网页源码的行".into(),
            I::YearGiven { year } => format!("原文没有写明预算年度，按 --year 取 {year} 年；请对照原件核对"),
            I::ReadGb18030 => "文件不是 UTF-8 编码，已按 GBK（GB18030）编码读取；请对照原件核对草稿中的文字".into(),
            I::ReadUtf16 => "文件是 UTF-16 编码（记事本的“Unicode”），已按此读取".into(),
            I::GluedForm { line } => format!("原文第{line}行把整张自评表连成了一行：按表格用语切开，指标行只在分值、指标值、实际完成值、得分的写法只有一种拆法时拆开；报告中的行号指切开后的行"),
            I::WideSpaces { count } => format!("{count} 个不换行空格或全角空格按普通空格读"),
            I::WideDigits { count } => format!("{count} 个全角数字按半角数字识别；草稿中保留原文写法"),
            I::GluedFundsSplit { text, cells } => format!("“{text}”按表头各栏拆为 {cells}"),
            I::GluedFundsNotSplit { label, text, many } => format!(
                "“{label}”后的「{text}」有 {} 种拆法，未拆分",
                if *many { "多" } else { "0" }
            ),
            I::GluedTotalSplit { text, total, score } => {
                format!("“总分{text}”拆为总分 {total} 和得分 {score}")
            }
            I::GluedRowSplit { text, name, weight, target, actual, score } => format!(
                "“{text}”拆为三级指标“{name}”、分值 {weight}、年度指标值 {target}、实际完成值 {actual}、得分 {score}"
            ),
            I::GluedRowNotSplit { text, many } => format!(
                "「{text}」{}，未拆分，未录入",
                if *many { "有不止一种拆法" } else { "拆不出“名称、分值、指标值、实际完成值、得分”" }
            ),
            I::ProjectTables { count } => format!("文中有 {count} 张项目表（按“项目名称”栏分开），逐张录入"),
            I::SelfEvaluationForm => "这是绩效自评表：草稿为自评文件（年度指标值、实际完成值、分值、得分、偏差原因逐行照录），放在 selfeval/ 下，不是绩效目标文件".into(),
            I::CodeInNameCell { code } => format!("项目编码 {code} 与项目名称写在同一格，已分开"),
            I::TotalOfSources { total, parts } => format!("表中“年度资金总额”没有单独的数字：预算数取各项资金来源之和 {} = {total} 万元，其他资金为财政拨款以外各项之和，请与原件核对", parts.join(" + ")),
            I::UpperFundsAsFiscal { amount } => format!("“上级资金 {amount}”录为财政资金"),
            I::NameFromBudgetList { amount, name } => format!("表中没有“项目名称”栏，项目名称取自预算列表中金额 {amount} 前的“{name}”"),
            I::DepartmentFromBudgetList { name } => format!("部门名称取自预算列表中项目上一级的“{name}”"),
            I::WholeDepartmentSelfEval { name } => format!("部门整体支出自评表：项目名称写预算单位名称“{name}”"),
            I::NameFromTitle { title } => format!("表中没有项目名称（部门整体目标或未填写），项目名称暂用表题“{title}”，请核对"),
            I::NoBudgetFillIn { project } => format!("“{project}”：未能读出预算数，amounts.total 已留空，请按原件填写（万元）"),
            I::AmountUnconverted(AmountAsWritten { label, amount, unit: UnconvertedUnit::Yuan }) => format!("{label}原文以元为单位（{amount} 元）；本站金额以万元计，amounts.total 留空未换算，请核对后填写"),
            I::AmountUnconverted(AmountAsWritten { label, amount, unit: UnconvertedUnit::Unstated }) => format!("{label} {amount} 未注明单位（元还是万元），amounts.total 留空，请按原件填写"),
            I::AchievedSetAside { text } => format!("年度目标实际完成情况：“{text}”"),
            I::GoalSetAside { label, text } => format!("“{label}”：“{text}”（草稿的绩效目标只录入年度目标，这一段未录入）"),
            I::RepeatedGoal { self_evaluation, text } => format!(
                "{}与上一格文字相同，只录一次：“{text}”",
                if *self_evaluation { "实际完成情况" } else { "中期目标与年度目标" }
            ),
            I::Level1Inferred { level2, level1 } => format!("二级指标“{level2}”前没有一级指标，一级指标按官方分类录为“{level1}”"),
            I::NameValueJoined { cell, name, value } => format!("名称与指标值连在一起（“{cell}”），按指标值的写法分为“{name}”和“{value}”"),
            I::ExtraCells { cells } => format!("这一行的格数与表头不符，多出的“{cells}”未录入"),
            I::CutAtNextName { name } => format!("原文在“{name}”处中断（是下一个指标名称的开头），未录为指标"),
            I::ComparisonRead { symbol, read } => format!("比较符号“{symbol}”按“{read}”理解；草稿中保留原文写法"),
            I::TemplateComparison { name } => format!("三级指标“{name}”里留有模板占位的比较符号，未并入指标值"),
            I::CellsSetAside { name, cells } => format!(
                "“{name}”的{}",
                cells.iter().map(|(c, t)| format!("{}“{t}”", c.text(z))).collect::<Vec<_>>().join("、")
            ),
            I::FieldSetAside { label, value } => format!("“{label}”为“{value}”（草稿没有这一栏，未录入）"),
            I::BudgetRowSetAside { cells } => format!("预算表中的一行{}（合计或单位、类别小计，草稿只录入各项目自己的预算数，这一行未录入）", quoted(cells)),
            I::FootnoteSetAside { text } => format!("表下的注释“{text}”（是表的说明而不是指标，未录入）"),
            I::SignedSetAside { fields } => format!("签署栏{}（填表、审核、负责人签字和日期，不是表的内容，未录入）", quoted(fields)),
            I::NoNameBeforeOverview => "【项目概况】前没有可读的项目名称".into(),
            I::Level1Short { written } => format!("一级指标写作“{written}”，录为“{written}指标”"),
            I::YearGuessedCheck { year, count } => format!("原文没有写明预算年度；文中“{year}年”出现 {count} 次，年度暂录为 {year}，请核对"),
            I::NoYearFillIn => "原文没有写明预算年度：year 为 0，请按原件填写".into(),
            I::EndsHere { why } => format!("原文在此结束（{}）：表格不完整，草稿已标为不完整，请对照原件补全", why.text(z)),
            I::DraftTitle => "标题含“草案”，状态录为 草案".into(),
            I::PurposeJoined { text } => format!("资金用途由PDF中断开的各行拼接：“{text}”"),
            I::NoTableTitle { number } => format!("这张表没有表题（如“{number}.…绩效目标表”），按表内的项目名称等栏目认作第 {number} 张项目表"),
            I::NameFromTableTitle { title, cell } => format!("项目名称取自表题“{title}”；表内名称格读作“{cell}”"),
            I::NoBudget { project } => format!("“{project}”：未能读出预算数，已留空"),
            I::NoCode { project, number } => format!("“{project}”没有可读的项目编码，链接暂用 id: project-{number}"),
            I::NoCodeInSheet { project, number } => format!("“{project}”没有项目编码，链接暂用 id: project-{number}"),
            I::NoIndicatorHeader { project } => format!("“{project}”：没有找到指标表的表头（一级指标…）"),
            I::CodeUnfilled { written } => format!("项目编码写作“{written}”（未填写），已留空"),
            I::CodeAssembled { code } => format!("项目编码由断开的片段拼成 {code}，请与原件核对"),
            I::CodeIncomplete { written } => format!("项目编码读作“{written}”，不完整，已留空"),
            I::AmountWithUnit { label, written, number } => format!("{label}写作“{written}”，录为 {number}"),
            I::AmountNotANumber { label, written } => format!("{label}“{written}”不是数字，已留空"),
            I::PlanAssembled { months, percents } => format!("资金支出计划由PDF断开的片段拼成：{months} / {percents}"),
            I::PlanUnmatched { months, percents } => format!("资金支出计划读作“{months}” / “{percents}”，无法逐月对应，已留空"),
            I::GoalsSplitByNumber => "绩效目标按编号从PDF单元格中拆分".into(),
            I::GoalsScattered { pieces } => format!("绩效目标在PDF中被打散（“{pieces}”），未能还原，已留空"),
            I::RowJoinedAcrossBlank { line, next_line, first, second, width } => format!("第{line}行与第{next_line}行之间的空行把一行指标断成两段（{first} 格 + {second} 格），已按表头的 {width} 栏合为一行"),
            I::RowNotPlaced { cells } => format!("PDF中断开的表格行“{cells}”未能归入指标行"),
            I::DescriptionJoined { name, count } => format!("指标“{name}”的描述由{count}个断开的单元格拼成"),
            I::RowCellsMismatch { cells } => format!("指标行“{cells}”的单元格数与表头不符，只录了三级指标，其余留空"),
            I::NoDepartmentName => "原文未写部门名称（表上方没有预算单位行），department.name 留空".into(),
            I::DepartmentFromTitle { name } => format!("表上方没有预算单位行，部门名称取自标题年份之前的“{name}”，请核对"),
            I::RegionFromCode { code, province, county } => format!("行政区划代码 {code} 取自项目编码前六位；省份 {province} 按代码前两位；县区“{county}”取自部门名称。地级市未写，请补上 city"),
            I::NoRegionCode => "原文未见可用的行政区划代码：region 写为 unstated，请补上 code、province、county".into(),
            I::NoYear => "原文未写预算年度：year 为 0，请填写".into(),
            I::YearFromText { year, count } => format!("原文未写预算年度；文中“{year}年”出现 {count} 次，年度录为 {year}"),
            I::AtLine { line, text } => format!("第{line}行: {text}"),
            I::LeftOutHeading => "未录入的原文行（含数字、编码或指标值的排在前面）：".into(),
            I::LeftOutLine { line, text, figure } => {
                format!("第{line}行{}：{text}", if *figure { "【含数字】" } else { "" })
            }
            I::PageHeading => "网页栏目（索引号、发文日期、来源、打印、表格上方的链接列表等，属于网页而不是表格，不录入）：".into(),
            I::PageLine { line, text } => format!("第{line}行：{text}"),
            I::PublishedTaken { written, date } => format!("发文日期写作“{written}”，公开日期录为 {date}"),
            I::PublishedImpossible { written } => format!("发文日期写作“{written}”，不是实际存在的日期，公开日期未录入，请按原件填写 document.published（格式 2022-04-07）"),
            I::FundsToFill { line, label, figures, columns, project, converted, glued, many, total } => {
                let cols = columns.iter().map(|c| c.text(z)).collect::<Vec<_>>().join("、");
                let (n, m) = (figures.len(), columns.len());
                let what = if *glued {
                    let ways = if *many { "拆法不止一种" } else { "按表头各栏拆不开" };
                    format!("「{}」是 {m} 栏连写在一起的数，{ways}", figures[0])
                } else {
                    format!("写有 {n} 个数「{}」，对应 {m} 栏，原文没有说哪一栏空着（或多出哪个数）", figures.join(" | "))
                };
                let place = if *total {
                    format!("projects 第 {project} 项的 funds 下")
                } else {
                    format!("projects 第 {project} 项 funds 的 rows 中“{label}”一行（草稿里没有这一行就照原件添上）")
                };
                let yuan = if converted.is_empty() {
                    String::new()
                } else {
                    format!("；金额按万元填写（原文单位为元，除以 10000：{}）", converted.iter().map(|(y, w)| format!("{y} 元 = {w} 万元")).collect::<Vec<_>>().join("，"))
                };
                format!("  第{line}行“{label}”{what}，导入没有猜，这些栏未录入。要填的栏：{cols}。请对照原件，在草稿 {place}逐栏填写{yuan}；原件空着的栏不填")
            }
            I::SetAsideHeading => "未录入的栏目（本站暂无对应字段）：".into(),
            I::Accounted { total, placed, structure, left_out, figures, page } => {
                let page = if *page > 0 { format!("，网页栏目 {page} 行") } else { String::new() };
                format!("逐行核对：共 {total} 行有文字，录入字段 {placed} 行，表头和标签 {structure} 行{page}，未录入 {left_out} 行（其中 {figures} 行有草稿里没有的数字）")
            }
            I::TickHeading => "请对照原件逐项打勾：".into(),
            I::ErrorLine { text } => format!("错误：{text}"),
            I::LeftOutFigure { line, text } => format!("第{line}行未录入（含数字）：{text}"),
            I::TickDepartment { name } => format!("部门：{}", or(name, "（未填写）")),
            I::TickYear { year } => format!(
                "年度：{}",
                if *year == 0 { "（未填写）".to_string() } else { year.to_string() }
            ),
            I::TickProject { number, code, name, total, rows } => format!(
                "项目 {number}：编码 {}，名称 {name}，预算数 {}，指标 {rows} 行",
                or(code, "（无）"),
                if total.is_empty() { "（未填写）".to_string() } else { format!("{total} 万元") }
            ),
            I::TickTotal { projects, sum, rows } => format!(
                "合计：{projects} 个项目，预算数之和 {}，指标共 {rows} 行",
                if sum.is_empty() { "（有项目未填预算数，无法合计）".to_string() } else { format!("{sum} 万元") }
            ),
            I::TotalAgrees { line, label, amount } => format!("第{line}行的{label} {amount} 与各项目预算数之和相符"),
            I::TotalCut { line, label, amount, sum } => format!("第{line}行的{label} {amount} 与导入的各项目之和 {sum} 不符：原文不完整，缺的项目请对照原件补上"),
            I::TotalDiffers { line, label, amount, sum } => format!("第{line}行写明{label} {amount}，而各项目预算数之和为 {sum}：有项目漏读或读错"),
            I::CountAgrees { found, what, projects } => format!("原文有 {found} 处{}，与导入的 {projects} 个项目相符", what.text(z)),
            I::CountMore { found, what, projects } => format!("原文有 {found} 处{}，却只导入了 {projects} 个项目：有表格没有读出来", what.text(z)),
            I::CountFewer { found, what, projects } => format!("原文有 {found} 处{}，导入了 {projects} 个项目（有的表没有这一栏）", what.text(z)),
            I::ListedProjects { first, last, count } => format!("第{first}–{last}行列出 {count} 个项目及其金额（网页上的附件目录），逐个对照如下"),
            I::ListedAgrees { line, name, amount } => format!("第{line}行列出的“{name}”{amount} 万元，与导入的项目预算数相符"),
            I::ListedDiffers { line, name, listed, total } => format!("第{line}行列出的“{name}”为 {listed} 万元，导入的表中预算数为 {total} 万元：两处不一致，请对照原件核对"),
            I::ListedNoTotal { line, name, amount } => format!("第{line}行列出的“{name}”为 {amount} 万元，导入的表中没有读出预算数：请按原件填写该项目的 amounts.total"),
            I::ListedElsewhere { line, name, amount } => format!("第{line}行列出的“{name}”（{amount} 万元）在这份原文里没有绩效目标表：它的表若在另一个附件里，请找到后另行导入"),
            I::TickSelfEvalProject { number, code, name, supervisor, implementer } => format!(
                "自评项目 {number}：编码 {}，名称 {name}，主管部门 {}，实施单位 {}",
                or(code, "（无）"),
                or(supervisor, "（无）"),
                or(implementer, "（无）")
            ),
            I::TickFunds { initial, budget, executed, rate, computed, weight, score } => format!(
                "  资金：年初预算数 {}，全年预算数 {}，全年执行数 {}，执行率 {}{}，分值 {}，得分 {}",
                initial.text(z),
                budget.text(z),
                executed.text(z),
                opt(rate),
                computed.as_ref().map(|r| format!("（执行数÷全年预算数 = {r}%）")).unwrap_or_default(),
                opt(weight),
                opt(score)
            ),
            I::TickFundsNotRead => "  资金：年度资金总额一行未读出（见录入说明）".into(),
            I::TickFundRow { label, initial, budget, executed } => format!(
                "  资金明细 {label}：年初 {}，全年预算 {}，执行 {}",
                initial.text(z),
                budget.text(z),
                executed.text(z)
            ),
            I::TickSelfEvalRows { rows, with_actual, goals, achieved } => format!("  指标 {rows} 行，其中有实际完成值的 {with_actual} 行；年度目标 {goals} 条，实际完成情况 {achieved} 条"),
            I::NoActualValues { project } => format!("“{project}”：自评表的指标行都没有读出实际完成值（表头缺“实际完成值/完成值/全年实际值”栏，或各栏错位）"),
            I::SumAgrees { of, sum, with_rate, stated } => format!("  {}之和 {sum}（{}），与原文 {stated} 相符", sum_of(*of, z), with(*with_rate, z)),
            I::SumDiffers { of, sum, with_rate, stated, incomplete } => format!(
                "  {}之和 {sum}（{}），原文写 {stated}：不相符，照录原文{}",
                sum_of(*of, z),
                with(*with_rate, z),
                if *incomplete { "（原文不完整，可能缺行）" } else { "" }
            ),
            I::SumNoTotal { of, sum, with_rate } => format!("  {}之和 {sum}（{}），原文没有可读的合计", sum_of(*of, z), with(*with_rate, z)),
            I::TickGrade { grade } => format!("  评价等级：{grade}"),
        }
    }

    fn en(&self) -> String {
        use ImportText as I;
        let or = |s: &str, none: &str| {
            if s.is_empty() {
                none.to_string()
            } else {
                format!("“{s}”")
            }
        };
        let opt = |s: &Option<String>| {
            s.as_ref()
                .map_or_else(|| "(not read)".into(), |s| format!("“{s}”"))
        };
        let e = Lang::En;
        match self {
            I::Expected => "text of a performance target table copied from Word, PDF or a web page (.txt; cells separated by tabs, bars or spaces, or one cell a line), a web page saved as .html, a .csv, a .docx whose tables are Word tables, or an .xlsx with one indicator a row (with the columns “项目名称”, “一级指标”, “二级指标”, “三级指标”, “指标值”)".into(),
            I::NotADocx { cause } => format!("not a .docx file that opens: {}", cause.text(Lang::En)),
            I::NotACsv { error } => format!("not a readable .csv file ({error})"),
            I::NotAnXlsx { cause } => format!("not an .xlsx file that opens: {}", cause.text(Lang::En)),
            I::SheetUnreadable { cause } => format!("the first sheet cannot be read: {}", cause.text(Lang::En)),
            I::NoSheet => "the workbook has no sheet".into(),
            I::AmountFromYuan { label, yuan, wan } => format!("“{label}” is in yuan in the original: {yuan} yuan converted to {wan} (10k yuan, 1 = 10000 yuan); check it"),
            I::PageNumberSkipped => "only a page number (printed at a page break), not an indicator: skipped".into(),
            I::RepeatedHeaderSkipped { first } => format!("the header row printed again after a page break (as line {first}): skipped"),
            I::ContinuedTableSkipped => "marks a table going on over a page (“续表”), not an indicator: skipped".into(),
            I::CaptionSkipped { number } => format!("a table's caption (numbered “{number}”), not an indicator nor a project's text: skipped"),
            I::CaptionNumberDropped { number, title } => format!("the caption's number “{number}” left out; “{title}” after it read as the table's title"),
            I::FormulaWithoutValue { cells } => format!("these formula cells were saved without their result, so their values are unknown: {cells}; open the file in Excel or WPS, save it, then import it again"),
            I::SheetNoHeader { first } => format!("the sheet has no header row with “三级指标” (its first row: “{first}”)"),
            I::SheetMissingColumn { column } => format!("the header row has no column “{column}”"),
            I::PdfFile => "this is a .pdf file: extract its text first (with pdftotext, or select all in a reader and paste into a text editor), then import the .txt".into(),
            I::OldWordFile { ext } => format!("this is a .{ext} file: save it as .docx in Word or WPS, then import that"),
            I::UnknownFile { ext } => format!("this is a .{ext} file"),
            I::NoFormFound => "the text has no performance target table title (such as “1.办公楼运维费绩效目标表”) and no Part 1 heading (“一、总体绩效目标”)".into(),
            I::RefuseNoTable => "no indicator table: neither a header “一级指标 二级指标 三级指标 指标值” nor indicator names such as “产出指标”, “数量指标”".into(),
            I::RefuseNoValues { line } => format!("the indicator table at line {line} has names but no values (the text may stop at the header, or its cells stand apart)"),
            I::RefuseNoNames { line, sample } => format!("the indicator table at line {line} has second-level names and numbers only (such as “{sample}”), no third-level names: what each number measures is unknown"),
            I::RefuseGlued { line, rows } => format!("line {line} holds a whole indicator table glued into one line ({rows} second-level names) with nothing between its cells, so names, weights and values cannot be told apart; save the original as Word or Excel and import that"),
            I::DraftModel { part, reason } => {
                format!("{part} does not fit the self-evaluation file's format: {reason}")
            }
            I::DraftRange { amount } => format!("the amount {amount} is out of range"),
            I::ReadWordByRows => "the Word file is read by paragraphs and table rows: line numbers in the report count those".into(),
            I::ReadSheetByRows => "the spreadsheet is read cell by cell: line numbers in the report are the sheet's rows".into(),
            I::ReadHtmlAsText => "the web page's tables were turned into text: line numbers in the report count that text, not the page's source".into(),
            I::YearGiven { year } => format!("the text states no budget year: {year} was taken from --year; check it against the original"),
            I::ReadGb18030 => "the file is not UTF-8: it was read as GBK (GB18030); check the draft's words against the original".into(),
            I::ReadUtf16 => "the file is UTF-16 (Notepad's \"Unicode\") and was read as such".into(),
            I::GluedForm { line } => format!("line {line} holds a whole self-evaluation glued into one line: it is cut at the form's words, and an indicator row is split only where its weight, target, actual value and score can be read one way only; line numbers in the report count the cut lines"),
            I::WideSpaces { count } => format!("{count} non-breaking or full-width spaces read as spaces"),
            I::WideDigits { count } => format!("{count} full-width digits read as digits; the draft keeps them as written"),
            I::GluedFundsSplit { text, cells } => format!("“{text}” split by the header's columns into “{cells}”"),
            I::GluedFundsNotSplit { label, text, many } => format!(
                "“{text}” after “{label}” can be split {} ways; not split",
                if *many { "several" } else { "no" }
            ),
            I::GluedTotalSplit { text, total, score } => format!("“{text}” after the total split into total “{total}” and score “{score}”"),
            I::GluedRowSplit { text, name, weight, target, actual, score } => format!(
                "“{text}” split into indicator “{name}”, weight “{weight}”, target “{target}”, actual “{actual}”, score “{score}”"
            ),
            I::GluedRowNotSplit { text, many } => format!(
                "“{text}” {}; not split, not imported",
                if *many { "can be split more than one way" } else { "cannot be split into name, weight, target, actual value and score" }
            ),
            I::ProjectTables { count } => format!("the text holds {count} project tables (told apart by their project name cells), each imported"),
            I::SelfEvaluationForm => "this is a self-evaluation form: the draft is a self-evaluation file (targets, actual values, weights, scores and reasons copied row by row) under selfeval/, not a target document".into(),
            I::CodeInNameCell { code } => format!("project code “{code}” stood in the name cell; separated"),
            I::TotalOfSources { total, parts } => format!("the table gives no figure of its own for the year's total: the budget is the sum of the funds' sources {} = {total} (10k yuan), and other funds the sum of all but the fiscal one: check it against the original", parts.join(" + ")),
            I::UpperFundsAsFiscal { amount } => format!("upper-level funds “{amount}” recorded as fiscal funds"),
            I::NameFromBudgetList { amount, name } => format!("the table has no project name cell; the name is “{name}”, before the amount “{amount}” in the budget list"),
            I::DepartmentFromBudgetList { name } => format!("the department's name “{name}” comes from the level above the projects in the budget list"),
            I::WholeDepartmentSelfEval { name } => format!("a whole-department self-evaluation: the project is named after the budget unit “{name}”"),
            I::NameFromTitle { title } => format!("the table gives no project name (a whole-department target, or left blank); the title “{title}” stands in for now: check it"),
            I::NoBudgetFillIn { project } => format!("“{project}”: no budget could be read; amounts.total is left empty: fill it in from the original (10k yuan)"),
            I::AmountUnconverted(AmountAsWritten { label, amount, unit: UnconvertedUnit::Yuan }) => format!("“{label}” is in yuan in the original ({amount} yuan); amounts here are in 10k yuan, so amounts.total is left empty, not converted: check and fill it in"),
            I::AmountUnconverted(AmountAsWritten { label, amount, unit: UnconvertedUnit::Unstated }) => format!("“{label}” {amount} has no unit (yuan or 10k yuan); amounts.total is left empty: fill it in from the original"),
            I::AchievedSetAside { text } => format!("what the year's goal achieved: “{text}”"),
            I::GoalSetAside { label, text } => format!("“{label}”: “{text}” (the draft's goals are the year's; not imported)"),
            I::RepeatedGoal { self_evaluation, text } => format!(
                "{} repeats the cell before it, recorded once: “{text}”",
                if *self_evaluation { "what was achieved" } else { "the medium-term and yearly goal" }
            ),
            I::Level1Inferred { level2, level1 } => format!("no first-level indicator before “{level2}”; recorded as “{level1}” by the official framework"),
            I::NameValueJoined { cell, name, value } => format!("name and value written together (“{cell}”), split by the value's form into “{name}” and “{value}”"),
            I::ExtraCells { cells } => format!("the row has more cells than the header; the extra “{cells}” not imported"),
            I::CutAtNextName { name } => format!("the text breaks off at “{name}” (the start of the next indicator's name); not recorded as an indicator"),
            I::ComparisonRead { symbol, read } => format!("comparison “{symbol}” read as “{read}”; the draft keeps it as written"),
            I::TemplateComparison { name } => format!("indicator “{name}” holds a template's comparison placeholder, not taken into its value"),
            I::CellsSetAside { name, cells } => format!(
                "of “{name}”: {}",
                cells.iter().map(|(c, t)| format!("{} “{t}”", c.text(e))).collect::<Vec<_>>().join(", ")
            ),
            I::FieldSetAside { label, value } => format!("“{label}” is “{value}” (the draft has no such field; not imported)"),
            I::BudgetRowSetAside { cells } => format!("a row of the budget list, {} (a total or a unit's or kind's subtotal; the draft keeps each project's own budget, so this row is not imported)", quoted(cells)),
            I::FootnoteSetAside { text } => format!("a note under the form, “{text}” (a remark on the form, not an indicator; not imported)"),
            I::SignedSetAside { fields } => format!("the form's signed fields, {} (who filled it in, checked it or answers for it, and when; not the form's content, not imported)", quoted(fields)),
            I::NoNameBeforeOverview => "no readable project name before the project overview".into(),
            I::Level1Short { written } => format!("first-level indicator written “{written}”, recorded as “{written}指标”"),
            I::YearGuessedCheck { year, count } => format!("the text states no budget year; “{year}” stands in it {count} times and is recorded for now: check it"),
            I::NoYearFillIn => "the text states no budget year: year is 0; fill it in from the original".into(),
            I::EndsHere { why } => format!("the text ends here ({}): the table is incomplete and the draft is marked so; complete it from the original", why.text(e)),
            I::DraftTitle => "the title says “草案” (a draft): status recorded as “草案”".into(),
            I::PurposeJoined { text } => format!("the use of funds is joined from lines the PDF broke: “{text}”"),
            I::NoTableTitle { number } => format!("this table has no title; its project name and other cells make it project table {number}"),
            I::NameFromTableTitle { title, cell } => format!("project name from the table title “{title}”; the name cell reads “{cell}”"),
            I::NoBudget { project } => format!("“{project}”: no budget could be read; left empty"),
            I::NoCode { project, number } => format!("“{project}” has no readable project code; its link uses id: project-{number} for now"),
            I::NoCodeInSheet { project, number } => format!("“{project}” has no project code; its link uses id: project-{number} for now"),
            I::NoIndicatorHeader { project } => format!("“{project}”: no indicator table header found"),
            I::CodeUnfilled { written } => format!("project code written “{written}” (not filled in); left empty"),
            I::CodeAssembled { code } => format!("project code {code} assembled from broken pieces: check it against the original"),
            I::CodeIncomplete { written } => format!("project code read as “{written}”, incomplete; left empty"),
            I::AmountWithUnit { label, written, number } => format!("“{label}” written “{written}”, recorded as {number}"),
            I::AmountNotANumber { label, written } => format!("“{label}” “{written}” is not a number; left empty"),
            I::PlanAssembled { months, percents } => format!("spending plan assembled from pieces the PDF broke: “{months}” / “{percents}”"),
            I::PlanUnmatched { months, percents } => format!("spending plan read as “{months}” / “{percents}”, which cannot be matched month by month; left empty"),
            I::GoalsSplitByNumber => "goals split by their numbers out of a PDF cell".into(),
            I::GoalsScattered { pieces } => format!("goals scattered by the PDF (“{pieces}”) could not be put back; left empty"),
            I::RowJoinedAcrossBlank { line, next_line, first, second, width } => format!("a blank line between lines {line} and {next_line} broke an indicator row in two ({first} + {second} cells); joined into one row of the header's {width} columns"),
            I::RowNotPlaced { cells } => format!("table row “{cells}” broken by the PDF could not be placed in an indicator row"),
            I::DescriptionJoined { name, count } => format!("the description of “{name}” joined from {count} broken cells"),
            I::RowCellsMismatch { cells } => format!("indicator row “{cells}” has not as many cells as the header; only the indicator name recorded"),
            I::NoDepartmentName => "the text names no department (no budget unit line above the table); department.name left empty".into(),
            I::DepartmentFromTitle { name } => format!("no budget unit line above the table: the department's name “{name}” is taken from the title, before its year; check it"),
            I::RegionFromCode { code, province, county } => format!("region code {code} from the project code's first six digits; province “{province}” from its first two; county “{county}” from the department's name. The city is not given: add city"),
            I::NoRegionCode => "no usable region code in the text: region written as unstated; add code, province, county".into(),
            I::NoYear => "the text states no budget year: year is 0; fill it in".into(),
            I::YearFromText { year, count } => format!("the text states no budget year; “{year}” stands in it {count} times and is recorded"),
            I::AtLine { line, text } => format!("line {line}: {text}"),
            I::LeftOutHeading => "lines of the source left out (those holding figures, codes or values first):".into(),
            I::LeftOutLine { line, text, figure } => {
                format!("line {line}{}: “{text}”", if *figure { " (holds a figure)" } else { "" })
            }
            I::PageHeading => "lines of the web page (index number, date, source, print, a list of links above the form …), not of the form; not imported:".into(),
            I::PageLine { line, text } => format!("line {line}: {text}"),
            I::PublishedTaken { written, date } => format!("the page's date is written “{written}”; recorded as published {date}"),
            I::PublishedImpossible { written } => format!("the page's date is written “{written}”, which is no real date; published left out: fill in document.published (as 2022-04-07) from the original"),
            I::FundsToFill { line, label, figures, columns, project, converted, glued, many, total } => {
                let cols = columns.iter().map(|c| c.text(e)).collect::<Vec<_>>().join(", ");
                let (n, m) = (figures.len(), columns.len());
                let what = if *glued {
                    let ways = if *many {
                        "which splits more than one way"
                    } else {
                        "which the header's columns do not split"
                    };
                    format!("“{}” is {m} columns run together, {ways}", figures[0])
                } else {
                    format!("holds {n} figures “{}” for {m} columns, and the text does not say which column is empty (or which figure is extra)", figures.join(" | "))
                };
                let place = if *total {
                    format!("under funds of project {project}")
                } else {
                    format!("in the row “{label}” of funds.rows of project {project} (add the row if the draft lacks it)")
                };
                let yuan = if converted.is_empty() {
                    String::new()
                } else {
                    format!("; amounts in 万元 (the text is in 元, divide by 10000: {})", converted.iter().map(|(y, w)| format!("{y} 元 = {w} 万元")).collect::<Vec<_>>().join(", "))
                };
                format!("  line {line} “{label}” {what}; nothing was guessed and these columns are empty. Columns to fill: {cols}. From the original, fill each in the draft {place}{yuan}; leave a column the original leaves empty")
            }
            I::SetAsideHeading => "columns not imported (no field for them here yet):".into(),
            I::Accounted { total, placed, structure, left_out, figures, page } => {
                let page = if *page > 0 { format!(", {page} of the web page") } else { String::new() };
                format!("line by line: {total} lines with text, {placed} in fields, {structure} headings and labels{page}, {left_out} left out ({figures} of them holding figures the draft does not have)")
            }
            I::TickHeading => "tick each against the original:".into(),
            I::ErrorLine { text } => format!("error: {text}"),
            I::LeftOutFigure { line, text } => format!("line {line} left out (holds a figure): “{text}”"),
            I::TickDepartment { name } => format!("department: {}", or(name, "(not filled in)")),
            I::TickYear { year } => format!(
                "year: {}",
                if *year == 0 { "(not filled in)".to_string() } else { year.to_string() }
            ),
            I::TickProject { number, code, name, total, rows } => format!(
                "project {number}: code {}, name “{name}”, budget {}, {rows} indicator rows",
                or(code, "(none)"),
                if total.is_empty() { "(not filled in)".to_string() } else { format!("{total} (10k yuan)") }
            ),
            I::TickTotal { projects, sum, rows } => format!(
                "in all: {projects} projects, budgets adding up to {}, {rows} indicator rows",
                if sum.is_empty() { "(unknown: a project has no budget)".to_string() } else { format!("{sum} (10k yuan)") }
            ),
            I::TotalAgrees { line, label, amount } => format!("the total “{label}” {amount} at line {line} agrees with the projects' budgets"),
            I::TotalCut { line, label, amount, sum } => format!("the total “{label}” {amount} at line {line} is not the imported projects' {sum}: the text is incomplete; add the missing projects from the original"),
            I::TotalDiffers { line, label, amount, sum } => format!("line {line} states the total “{label}” {amount}, but the projects' budgets add up to {sum}: a project was missed or misread"),
            I::CountAgrees { found, what, projects } => format!("the text has {found} {}, as many as the {projects} projects imported", what.text(e)),
            I::CountMore { found, what, projects } => format!("the text has {found} {}, but only {projects} projects were imported: a table was not read", what.text(e)),
            I::CountFewer { found, what, projects } => format!("the text has {found} {}, and {projects} projects were imported (some tables lack it)", what.text(e)),
            I::ListedProjects { first, last, count } => format!("lines {first}–{last} list {count} projects with their amounts (the page's list of attachments), each checked below"),
            I::ListedAgrees { line, name, amount } => format!("“{name}”, listed at line {line} with {amount} (10k yuan), agrees with the imported project's budget"),
            I::ListedDiffers { line, name, listed, total } => format!("“{name}” is listed at line {line} with {listed} (10k yuan), but its imported table gives the budget {total} (10k yuan): check the original for which is right"),
            I::ListedNoTotal { line, name, amount } => format!("“{name}” is listed at line {line} with {amount} (10k yuan), but no budget was read from its table: fill in the project's amounts.total from the original"),
            I::ListedElsewhere { line, name, amount } => format!("“{name}” ({amount}, 10k yuan), listed at line {line}, has no target table in this text: if its table is in another attachment, import that one as well"),
            I::TickSelfEvalProject { number, code, name, supervisor, implementer } => format!(
                "self-evaluated project {number}: code {}, name “{name}”, supervising department {}, implementing unit {}",
                or(code, "(none)"),
                or(supervisor, "(none)"),
                or(implementer, "(none)")
            ),
            I::TickFunds { initial, budget, executed, rate, computed, weight, score } => format!(
                "  funds: initial budget {}, full-year budget {}, spent {}, rate {}{}, weight {}, score {}",
                initial.text(e),
                budget.text(e),
                executed.text(e),
                opt(rate),
                computed.as_ref().map(|r| format!(" (spent / budget = {r}%)")).unwrap_or_default(),
                opt(weight),
                opt(score)
            ),
            I::TickFundsNotRead => "  funds: the row of the year's total funds was not read (see the notes)".into(),
            I::TickFundRow { label, initial, budget, executed } => format!(
                "  funds row “{label}”: initial {}, full-year budget {}, spent {}",
                initial.text(e),
                budget.text(e),
                executed.text(e)
            ),
            I::TickSelfEvalRows { rows, with_actual, goals, achieved } => format!("  {rows} indicator rows, {with_actual} with an actual value; {goals} yearly goals, {achieved} statements of what was achieved"),
            I::NoActualValues { project } => format!("“{project}”: no indicator row of the self-evaluation has an actual value read (the header lacks the actual value column, or the cells are out of place)"),
            I::SumAgrees { of, sum, with_rate, stated } => format!("  the {} add up to {sum} ({}), as the original's {stated}", sum_of(*of, e), with(*with_rate, e)),
            I::SumDiffers { of, sum, with_rate, stated, incomplete } => format!(
                "  the {} add up to {sum} ({}), the original says {stated}: they differ; the original is copied as written{}",
                sum_of(*of, e),
                with(*with_rate, e),
                if *incomplete { " (the text is incomplete; rows may be missing)" } else { "" }
            ),
            I::SumNoTotal { of, sum, with_rate } => format!("  the {} add up to {sum} ({}); the original has no readable total", sum_of(*of, e), with(*with_rate, e)),
            I::TickGrade { grade } => format!("  grade: “{grade}”"),
        }
    }
}

/// Each cell in its own quotes (`“037001”“黄山市公安局”“27955180”`), so that the import's
/// line check finds every one of them as set aside.
fn quoted(cells: &[String]) -> String {
    cells.iter().map(|c| format!("“{c}”")).collect()
}

fn sum_of(of: SumOf, lang: Lang) -> &'static str {
    match (lang, of) {
        (Lang::Zh, SumOf::Weights) => "分值",
        (Lang::Zh, SumOf::Scores) => "得分",
        (Lang::En, SumOf::Weights) => "weights",
        (Lang::En, SumOf::Scores) => "scores",
    }
}

fn with(with_rate: bool, lang: Lang) -> &'static str {
    match (lang, with_rate) {
        (Lang::Zh, true) => "含执行率",
        (Lang::Zh, false) => "执行率的未读出",
        (Lang::En, true) => "with the spending rate's",
        (Lang::En, false) => "the spending rate's not read",
    }
}

impl fmt::Display for ImportText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(super::current()))
    }
}

#[cfg(test)]
mod open_and_note_tests {
    use super::*;
    use strum::IntoEnumIterator;

    fn has_han(s: &str) -> bool {
        s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    /// Every cause of a file that cannot be opened says, in Chinese, what it is and what to do
    /// (另存, 重新下载, 提取, 改成, 检查): the only Latin words are the names of programs and
    /// formats, and the library's own words appear only quoted, in the last resort.
    #[test]
    fn every_open_cause_is_chinese_with_what_to_do() {
        let names =
            regex::Regex::new(r"Office|Word|Excel|PDF|XML|docx|xlsx|doc|xls|html|txt").unwrap();
        for c in OpenCause::iter() {
            let zh = c.text(Lang::Zh);
            assert!(has_han(&zh), "{c:?}");
            let rest = names.replace_all(&zh, "");
            assert!(
                !rest.chars().any(|ch| ch.is_ascii_alphabetic()),
                "{c:?}: {zh}"
            );
            assert!(
                ["另存", "重新下载", "提取", "改成", "检查"]
                    .iter()
                    .any(|w| zh.contains(w)),
                "{c:?} says nothing to do: {zh}"
            );
            assert!(!has_han(&c.text(Lang::En)), "{c:?}");
        }
        let other = OpenCause::Other {
            words: "Failed to read xml.".into(),
        };
        assert!(other.text(Lang::Zh).contains("“Failed to read xml.”"));
    }

    /// The draft's remarks are Chinese, each kind worded apart, and written into YAML as that
    /// text.
    #[test]
    fn every_draft_note_is_chinese_and_distinct() {
        let texts: Vec<String> = DraftNote::iter().map(|n| n.text()).collect();
        for t in &texts {
            assert!(has_han(t), "{t}");
        }
        let mut unique = texts.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), texts.len(), "{texts:#?}");
        // EnumIter fills the amount with its default unit: the other is told apart here.
        let [yuan, unstated] = [UnconvertedUnit::Yuan, UnconvertedUnit::Unstated].map(|unit| {
            DraftNote::AmountUnconverted(AmountAsWritten {
                label: "年度资金总额".into(),
                amount: "3000000".into(),
                unit,
            })
        });
        assert_ne!(yuan.text(), unstated.text());
        assert!(!texts.contains(&unstated.text()), "{}", unstated.text());
        let n = yuan;
        assert_eq!(
            serde_json::to_value(&n).unwrap(),
            serde_json::json!("原文年度资金总额 3000000 元（以元为单位）")
        );
        let cut = DraftNote::Incomplete {
            line: 36,
            cut: Cut::OpenRow,
        };
        assert!(
            cut.to_string()
                .starts_with("原文不完整：文字在第36行结束（")
        );
    }
}
