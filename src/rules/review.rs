//! The rule catalogue: every review rule with its stable code, default level, plain-Chinese
//! explanation, the document and clause it rests on, and a real example.
//!
//! Sources are cited by their id in `docs/review-sources.md` (S1…S26, copied from the shared
//! reference). A rule resting on practice or on a vendor's code rather than an official text
//! says so in [`Basis`].

use serde::{Deserialize, Serialize};
use std::fmt;

/// One review rule. The code (`cost-floor`) is stable: site.toml, a department's 说明 and the
/// rule page's anchors use it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(try_from = "String", into = "&'static str")]
pub enum Rule {
    /// 成本指标 written as a floor (≥, >).
    CostFloor,
    /// One 成本指标 larger than the project's 预算数.
    CostOverBudget,
    /// The 成本指标 rows in 万元 add up to more than the 预算数.
    CostSumOverBudget,
    /// A 成本指标 with no amount: a rate (成本控制率 100%) or words.
    CostNotAmount,
    /// A rate or percentage under 数量指标.
    RateUnderQuantity,
    /// A target of 100% on a 数量指标.
    FullQuantity,
    /// A count under 质量指标.
    CountUnderQuality,
    /// A 时效指标 whose value holds no time (a count, a bare number).
    TimelinessNoPeriod,
    /// A 满意度 row that is not a percentage.
    SatisfactionNotPercent,
    /// Two neighbouring rows each fit the other's 二级指标.
    LikelySwap,
    /// A project table lacking 产出, 效益 or 满意度 指标.
    MissingLevel1,
    /// A project table without 成本指标 where the framework in force asks for one.
    MissingCost,
    /// A 二级指标 name outside the vocabulary.
    UnknownLevel2,
    /// A target with nothing measurable (逐步提高, 效果明显).
    VagueTarget,
    /// A row whose 指标值 the document left blank.
    BlankValue,
    /// 财政资金 + 其他资金 ≠ 预算数.
    AmountSum,
    /// Projects that do not add up to the unit's or department's stated total.
    UnitTotal,
    /// A spending plan that falls or ends below 100%.
    SpendingPlan,
    /// The same project's 数量指标 lower than the year before.
    QuantityLowered,
    /// The same project's budget per unit of output higher than the year before.
    UnitCostRaised,
    /// The same project's indicator table copied unchanged from the year before.
    CopiedTargets,
    /// One 三级指标 twice in a table with different values.
    DuplicateIndicator,
    /// The unit's own staff (在职人数, 编制人数) set as an output target.
    StaffAsOutput,
    /// A 数量指标 whose target is a bare number, with no unit.
    CountNoUnit,
    /// A rate (…率) whose target is a time (天, 工作日, 小时).
    RateInDays,
    /// A project's indicator weights (权重, 分值) that do not add up to 100.
    WeightsNot100,
}

/// How much a finding matters to the reviewer. A site can change a rule's level in site.toml.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
pub enum Level {
    /// 提示: worth a look.
    #[serde(rename = "提示", alias = "hint")]
    Hint,
    /// 一般: should be fixed before the targets are approved.
    #[serde(rename = "一般", alias = "normal")]
    Normal,
    /// 重要: what a reviewer circles first.
    #[serde(rename = "重要", alias = "serious")]
    Serious,
}

impl Level {
    /// Its name in messages.
    pub fn term(self) -> crate::messages::Term {
        use crate::messages::Term;
        match self {
            Level::Hint => Term::LevelHint,
            Level::Normal => Term::LevelNormal,
            Level::Serious => Term::LevelSerious,
        }
    }

    /// The Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            Level::Hint => "提示",
            Level::Normal => "一般",
            Level::Serious => "重要",
        }
    }
}

/// What kind of text a rule rests on (the tags of `docs/review-sources.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Basis {
    /// An official text, read or quoted (官方).
    #[serde(rename = "官方文件")]
    Official,
    /// A local finance document or form (地方).
    #[serde(rename = "地方文件")]
    Local,
    /// Arithmetic on the form's own figures: needs no rule text.
    #[serde(rename = "表内核算")]
    Arithmetic,
    /// Review practice, vendors' checks and real forms, not an official rule (实践).
    #[serde(rename = "审核实践（非正式规定）")]
    Practice,
}

/// Everything the rule page and the report say about a rule.
#[derive(Debug, Clone, Serialize)]
pub struct RuleInfo {
    /// Stable code.
    pub code: &'static str,
    /// Short Chinese title, shown beside a flagged row.
    pub title: &'static str,
    /// Default level.
    pub level: Level,
    /// Plain-Chinese explanation: what is wrong and how to fix it.
    pub explanation: &'static str,
    /// What the rule rests on.
    pub basis: Basis,
    /// The documents and clauses, by source id of docs/review-sources.md.
    pub source: &'static str,
    /// A real example from the seeds or the corpus (or why none is there).
    pub example: &'static str,
    /// A real row the rule must not flag.
    pub counter_example: &'static str,
}

impl Rule {
    /// Every rule, in the order of the rule page.
    pub const ALL: [Rule; 26] = [
        Rule::CostFloor,
        Rule::CostOverBudget,
        Rule::CostSumOverBudget,
        Rule::CostNotAmount,
        Rule::RateUnderQuantity,
        Rule::FullQuantity,
        Rule::CountUnderQuality,
        Rule::TimelinessNoPeriod,
        Rule::SatisfactionNotPercent,
        Rule::LikelySwap,
        Rule::MissingLevel1,
        Rule::MissingCost,
        Rule::UnknownLevel2,
        Rule::VagueTarget,
        Rule::BlankValue,
        Rule::AmountSum,
        Rule::UnitTotal,
        Rule::SpendingPlan,
        Rule::QuantityLowered,
        Rule::UnitCostRaised,
        Rule::CopiedTargets,
        Rule::DuplicateIndicator,
        Rule::StaffAsOutput,
        Rule::CountNoUnit,
        Rule::RateInDays,
        Rule::WeightsNot100,
    ];

    /// The stable code.
    pub fn code(self) -> &'static str {
        self.info().code
    }

    /// The short Chinese title.
    pub fn title(self) -> &'static str {
        self.info().title
    }

    /// The default level.
    pub fn level(self) -> Level {
        self.info().level
    }

    /// The rule's entry in the catalogue.
    pub fn info(self) -> RuleInfo {
        use Basis::*;
        use Level::*;
        let (code, title, level, basis, explanation, source, example, counter_example) = match self
        {
            Rule::CostFloor => (
                "cost-floor",
                "成本指标写成了下限（≥）",
                Serious,
                Practice,
                "成本指标是花钱的上限：预算支出标准不得突破，应写成“≤X万元”或“≤X元/次”。写成“≥X万元”等于要求至少花这么多钱，方向反了。请改为 ≤，或在说明中解释为何以下限控制成本。",
                "S12（厂商指标库：成本指标不得超过预算支出标准）；S13（厂商预警规则：≤ 为反向指标）。财预〔2021〕101号正文未能读到，“成本须写成 ≤”在官方文本中未找到，属审核实践。",
                "本站收录的4份原文和20份表格中没有这种写法；问题单19所述某部门（未收录）有六行成本指标写成“≥150万元”“≥105.25万元”等，测试以种子004改写的部门复现。",
                "河西区2024《抽验检查工作经费》成本指标“特种设备生产单位、使用单位检查费用 ≤8万元”（种子003）。",
            ),
            Rule::CostOverBudget => (
                "cost-over-budget",
                "成本指标超过项目预算数",
                Serious,
                Arithmetic,
                "一项成本指标以万元或元计的数额大于本项目的预算数：目标要求花的钱比批给的钱还多。请核对成本指标和预算数的单位与数额。",
                "表内核算；S12（成本不得超过预算支出标准，厂商）；S15（事前评估审核表：表内无漏填错填）。",
                "收录材料中未见；黄山市公安局2025“维护成本 <1681680元”恰等于项目预算（语料11），不超，不标记。",
                "乐亭县2024《办公楼运维费》“项目成本 10.36万元”，与预算数10.36万元相等（种子004）。",
            ),
            Rule::CostSumOverBudget => (
                "cost-sum-over-budget",
                "各项成本指标合计超过预算数",
                Serious,
                Arithmetic,
                "本表以金额计的各项成本指标（≤ 或 = 的上限）加起来超过了项目预算数：各分项的上限不可能同时用足。请核对各分项成本。",
                "表内核算；S12（厂商）。",
                "收录材料中未见；河西区2024《食品安全工作经费》五项成本 137+3+71+15+584 = 810万元，恰等于预算数（种子003），不标记。",
                "河西区2024《食品安全工作经费》五项成本合计810万元 = 预算数810万元（种子003）。",
            ),
            Rule::CostNotAmount => (
                "cost-not-amount",
                "成本指标没有写金额",
                Normal,
                Practice,
                "成本指标反映完成产出所需的单位成本或总成本，应写明金额上限（如“≤8万元”“≤700元/次”）。写成“100%”“成本控制率”或一段文字，既看不出花多少钱，也无法与预算数对照。",
                "S9（二手：成本指标反映单位成本或总成本）；S12（厂商：成本指标不得超过预算支出标准）；S19（观察：真实表格把成本指标写成100%的达标率）。",
                "石嘴山市疾控中心2020成本指标“按照物价部门定价标准采购 100%”（语料05）；武汉市青山区教育局2020“建设项目成本控制率 100%”（语料01）。",
                "河西区2024《食品安全工作经费》“监督抽检总费用 ≤137万元”（种子003）。",
            ),
            Rule::RateUnderQuantity => (
                "rate-under-quantity",
                "数量指标填写了比率或百分比",
                Normal,
                Practice,
                "数量指标反映提供产品或服务的数量，应是带计量单位的数（次、批次、户、人）。比率、百分比属于质量指标或时效指标。请把本行移到合适的二级指标下，或把指标值改为数量。",
                "S9（二手：数量指标反映数量，质量指标反映达到的标准）；S12（厂商：定量指标须有计量单位）；S20（观察：种子中真实出现）。",
                "乐亭县2024《特种设备隐患排查专家会诊费》数量指标“检查数量 ≥95%”（种子004）。",
                "巨鹿县2024《食品抽检经费》数量指标“食品抽检批次 ≥650批次”（种子002）。",
            ),
            Rule::FullQuantity => (
                "full-quantity",
                "数量指标的目标写成100%",
                Normal,
                Practice,
                "数量指标写成“100%”，看不出要完成多少：100%是完成率，不是数量。请写明具体数量（如“≥650批次”）。",
                "S5、S6（地方：具体细化、定量表述）；S9（二手）；S19、S20（观察：真实表格中出现）。",
                "乐亭县2024《食品药品举报奖》数量指标“举报线索处置率(%) 100%”（种子004）；石嘴山市疾控2020“疫苗使用率100%”列在数量指标下（语料05）。",
                "乐亭县2024《商品质量宣传检测执法经费》数量指标“抽检批次 1000批次”（种子004）。",
            ),
            Rule::CountUnderQuality => (
                "count-under-quality",
                "质量指标填写了数量",
                Normal,
                Practice,
                "质量指标反映产品或服务达到的标准和水平，通常是合格率、达标率等比率。这里的指标值却是次数、批次等数量，多半属于数量指标，或与相邻行填反了。",
                "S9（二手：质量指标反映达到的标准）；S18（二手：指标设置混淆）。",
                "六安市农业农村局2024质量指标“实验室仪器维修维护 ≥4次”（语料 luan-2024）；问题单19所述某部门（未收录）质量指标下有“≥1440次”。",
                "河西区2024《食品安全工作经费》质量指标“抽检合格率 ≥98%”（种子003）。",
            ),
            Rule::TimelinessNoPeriod => (
                "timeliness-no-period",
                "时效指标没有时间",
                Normal,
                Practice,
                "时效指标反映完成的及时程度，应是完成时限（2024年12月底前）、期限（≤90天）或及时率（≥95%）。这里的指标值是次数、个数或不带单位的数，看不出时间。",
                "S9（二手：时效指标反映提供产品或服务的及时程度）。",
                "甘孜州市场监督管理局机关“完成时限 1”，没有单位（语料 ganzi-2023）。",
                "巨鹿县2024《散煤治理专项经费》时效指标“案件办理时限 ≤90天”（种子002）。",
            ),
            Rule::SatisfactionNotPercent => (
                "satisfaction-not-percent",
                "满意度指标不是百分比",
                Normal,
                Practice,
                "满意度指标反映服务对象对产出和效果的认可程度，通常以调查得出的满意人数比例表示（如“≥90%”）。这里的指标值不是百分比，无法通过调查衡量。",
                "S8（满意度指标反映服务对象的认可程度）；S19（观察：收录表格普遍写作 ≥90%、≥95%）。百分比要求在官方文本中未读到。",
                "广元市昭化区疾控中心2021满意度指标“群众幸福感 明显提升”（语料04）。",
                "巨鹿县2024《食品抽检经费》“服务群体满意度 ≥90%”（种子002）。",
            ),
            Rule::LikelySwap => (
                "likely-swap",
                "相邻两行的指标值疑似填反",
                Serious,
                Practice,
                "相邻两行各自都不符合本行的二级指标，却恰好符合对方的二级指标（例如数量指标下是百分比、紧接着的质量指标下是次数）：多半是两列或两行填反了。请核对原表。",
                "S18（二手：质量与效益等指标混淆）；S15（事前评估审核表：无错填）。由本站据表内逻辑推断，非正式规定。",
                "收录材料中未见；问题单19所述某部门（未收录）数量指标为比率、质量指标为“≥1440次”，测试以种子004改写的部门复现。",
                "乐亭县2024《特种设备隐患排查专家会诊费》“检查数量 ≥95%”下一行“检查企业覆盖率 ≥85%”本身符合质量指标，不算填反（种子004）。",
            ),
            Rule::MissingLevel1 => (
                "missing-level1",
                "缺少产出、效益或满意度指标",
                Serious,
                Official,
                "绩效目标要覆盖产出、效益和服务对象满意度。本表没有其中某一类一级指标，目标不完整。请补充，或在说明中解释原因。",
                "S4（中发〔2018〕34号，转引：绩效目标包括产出、成本、经济效益、社会效益、生态效益、可持续影响和服务对象满意度）；S5、S6（地方：内容完整）。",
                "巨鹿县2024《计量业务经费》和《质量安全监管专项经费》没有满意度指标（种子002）。",
                "巨鹿县2024《食品抽检经费》产出、效益、满意度三类俱全（种子002）。",
            ),
            Rule::MissingCost => (
                "missing-cost",
                "缺少成本指标",
                Normal,
                Official,
                "自2022年度起，项目绩效目标应包含与产出和效果相应的成本控制要求（成本指标）。本表没有成本指标。2021年度及以前的表格不检查。",
                "S2（财预〔2021〕101号，2021年8月18日：项目绩效目标是预期产出和效果，以及相应的成本控制要求）；起始年度2022为本站据发文日期推断。",
                "收录材料中2022年度及以后的完整表格都设有成本指标，未见缺失；测试以去掉成本行的种子004项目复现。",
                "乐亭县2024《办公楼运维费》有成本指标“项目成本 10.36万元”（种子004）。",
            ),
            Rule::UnknownLevel2 => (
                "unknown-level2",
                "二级指标名称不在指标体系中",
                Hint,
                Official,
                "二级指标应取自指标体系：数量、质量、时效、成本（或经济成本、社会成本、生态环境成本）、经济效益、社会效益、生态效益、可持续影响、服务对象满意度指标（2013年共性指标框架写作“社会公众或服务对象满意度指标”，同样接受）。这里的名称不在其中，或与一级指标不对应，读者难以比较。",
                "S8、S9（指标框架）；S4（中发〔2018〕34号，转引）；S21（观察：成本指标作一级指标的写法）。",
                "广元市昭化区疾控中心2021把“满意度指标”同时写作一级和二级指标（语料04）。",
                "高新区2021“可持续性影响”与“可持续影响指标”同义，不标记（种子001）。",
            ),
            Rule::VagueTarget => (
                "vague-target",
                "指标值只有趋势，没有可衡量的数值",
                Normal,
                Local,
                "“日益提高”“效果明显”“长期影响”这类指标值无法在年底判断是否完成。能量化的应写成数值（如“≥95%”），确实不能量化的，应写成分级分档的定性表述（如“好、较好、一般、差”中的一档）。",
                "S5、S6（地方：细化量化，能量化的尽量量化，不能量化的采用定性的分级分档形式）；S17（二手：目标明确、细化、量化）。",
                "乐亭县2024《办公楼运维费》社会效益指标“市场监管工作水平 日益提高”（种子004）。",
                "巨鹿县2024《冀财行2023年97号…补助经费》“重大案件发生次数 0次”可以衡量，不标记（种子002）。",
            ),
            Rule::BlankValue => (
                "blank-value",
                "原表未填写指标值",
                Normal,
                Practice,
                "原表这一行有指标名称，指标值却是空的，年底无从考核。本站照原文公开为空白。",
                "S15（事前评估审核表：表内无漏填）；S12（厂商：定量指标须有指标值和计量单位）。",
                "巨鹿县2024《食品抽检经费》社会效益指标“违法企业处理率”原表无指标值（种子002）。",
                "巨鹿县2024《市场监管检测经费》“违法企业处理率 100%”（种子002）。",
            ),
            Rule::AmountSum => (
                "amount-sum",
                "财政资金与其他资金之和不等于预算数",
                Serious,
                Arithmetic,
                "预算数应等于“其中：财政资金”加“其他资金”。本表两者之和与预算数不一致，可能是录入或计算错误。",
                "表内核算；S15（事前评估审核表：表内无错填）。",
                "收录的4份原文各项目均相符；嘉峪关市文旅局2023“20万 全部为其他资金，资金性质却是一般公共预算”（语料12）是另一类矛盾。",
                "巨鹿县2024《非财政开支人员工作经费》预算数70万元 = 财政资金70万元（种子002）。",
            ),
            Rule::UnitTotal => (
                "unit-total",
                "项目预算合计与单位或部门总额不符",
                Serious,
                Arithmetic,
                "文件写明了预算单位（或部门）的预算总额，但其下各项目预算数相加不等于这个总额。请核对是否漏列项目或金额有误。",
                "表内核算。",
                "收录的4份原文未单列单位总额；填写 department.units[].total 或 department.total 后检查。",
                "河西区2024市场监督管理局本级四个项目 80+810+40+123 = 1053万元（种子003）。",
            ),
            Rule::SpendingPlan => (
                "spending-plan",
                "资金支出计划未累计到100%",
                Normal,
                Arithmetic,
                "资金支出计划是累计进度，应逐步上升并在最后一个时点达到100%。本计划有回落或最终不足100%，预算执行监控（双监控）无法对照。",
                "表内核算；S4（中发〔2018〕34号，转引：绩效目标与预算执行双监控）。",
                "收录的4份原文未见；测试以改写的计划复现。",
                "乐亭县2024《办公楼运维费》计划逐步累计至100%（种子004）。",
            ),
            Rule::QuantityLowered => (
                "quantity-lowered",
                "同一项目的数量目标比上年降低",
                Hint,
                Practice,
                "同一项目（按项目编码，编码中的年份除外；无编码时按项目名称和单位）今年的数量指标低于上年同名指标，而预算没有相应减少。目标定得过低是常见问题，请说明原因。",
                "S22（二手：产出、效益目标设置偏低）；S12（厂商：历史标准，以往年度完成值或近三年平均值）。属审核实践。",
                "收录材料中没有同一部门的两个年度；测试以种子002的《食品抽检经费》生成次年文件复现。",
                "同一项目次年“食品抽检批次”由 ≥650批次 提高到 ≥700批次，不标记。",
            ),
            Rule::UnitCostRaised => (
                "unit-cost-raised",
                "同一项目的单位成本比上年提高",
                Hint,
                Practice,
                "同一项目今年的预算数除以同名数量指标（每批次、每户的钱）比上年高出10%以上。请说明单价上涨的原因。",
                "S12（厂商：历史标准、预算支出标准）；10%的幅度为本站设定，属审核实践。",
                "收录材料中没有同一部门的两个年度；测试以种子002的《食品抽检经费》生成次年文件复现。",
                "预算与数量同比例增加时单位成本不变，不标记。",
            ),
            Rule::CopiedTargets => (
                "copied-targets",
                "指标与上年完全相同",
                Hint,
                Practice,
                "同一项目今年的全部指标名称和指标值与上年一字不差。目标应根据上年完成情况调整；照抄上年，往往说明目标没有经过测算。",
                "S12（厂商：历史标准）；S5（地方：目标应经过调查研究和论证）。属审核实践。",
                "收录材料中没有同一部门的两个年度；测试以种子004的项目生成次年文件复现。",
                "次年有一行指标值改动，即不标记。",
            ),
            Rule::DuplicateIndicator => (
                "duplicate-indicator",
                "同一指标重复出现且指标值不同",
                Normal,
                Practice,
                "同一张表里同名的三级指标出现两次，指标值却不同，无法判断以哪个为准。请合并或改名。",
                "S15（事前评估审核表：无错填）。",
                "收录材料中未见；测试以改写的种子行复现。",
                "高新区2021两个项目各有一行“组织开展专项检查次数”，分属不同项目，不标记（种子001）。",
            ),
            Rule::StaffAsOutput => (
                "staff-as-output",
                "把本单位在职或编制人数列为产出",
                Normal,
                Practice,
                "在职人数、编制人数、在编人数是单位的人员投入，不是项目提供的产品或服务。把“保障在职职工人数”写成数量指标，年底无论做了什么都能“完成”。请改为项目产出的数量（如培训人次、检查户数、办理件数），或删去本行。",
                "S7（地方，残篇：投入的资金、人员、物资不得作为绩效目标）；S19（观察：真实表格把在职人数列为产出数量）。官方原文未能读到，属审核实践。",
                "浮梁县林业局2026数量指标“保障在职职工人数(人) =116人”（语料18）。",
                "甘孜州市场监督管理局机关“组织州县食安委成员单位人员培训”是对他人的培训，不是本单位人数，不标记（语料 ganzi-2023）。",
            ),
            Rule::CountNoUnit => (
                "count-no-unit",
                "数量指标没有计量单位",
                Normal,
                Practice,
                "数量指标应是带计量单位的数（次、批次、户、人）。只写一个数，看不出数的是会议、人次还是户数，年底无法核对。请在指标值或计量单位栏补上单位；名称已写明单位（如“检查次数”“培训人数(人)”）的不标记，指标值为 0 的不标记。",
                "S12（厂商指标库：定量指标须有比较符号和计量单位）；S9（二手：数量指标反映提供产品或服务的数量）。属审核实践。",
                "甘孜州市场监督管理局机关数量指标“召开食品安委会全体会议 2”“开展食品安全专项整治 2”，度量单位栏空白（语料 ganzi-2023）。",
                "巨鹿县2024《食品抽检经费》“食品抽检批次 ≥650批次”（种子002）。",
            ),
            Rule::RateInDays => (
                "rate-in-days",
                "比率指标的指标值是天数",
                Normal,
                Practice,
                "名称是“…率”的指标（及时率、办结率）应以百分比衡量（如“≥95%”）；指标值却是一段时间（天数、工作日、周、月、季度或小时，年除外），是时限，不是比率。请把指标值改为百分比，或把名称改为“办理时限”之类的时限指标。",
                "S9（二手：时效指标是完成时限、期限或及时率，三者写法不同）；S18（二手：指标设置混淆）。属审核实践。",
                "六安市2024时效指标“检测及时率 ≤7工作日”（语料 luan-2024）。",
                "巨鹿县2024《散煤治理专项经费》“案件办理时限 ≤90天”名称是时限，不标记（种子002）。",
            ),
            Rule::WeightsNot100 => (
                "weights-not-100",
                "指标权重合计不是100",
                Normal,
                Local,
                "一张表的指标权重（分值）合计应为100分。常见分法是产出50、效益30、满意度10、预算执行率10（或预算执行率20），预算执行率单列时各指标合计为90（或80），也不标记。本表合计为其他数，年底按权重打分时总分不是100。请核对各行权重。",
                "S16（地方：中江县自评表注，一级指标分值统一为产出50、效益30、满意度10、预算资金执行率10）；S25（厂商：总分100，预算执行20）。目标阶段的权重规定未读到官方原文。",
                "收录材料中未见：甘孜州市场监督管理局机关各行权重合计90，另有“预算执行率权重”栏，不标记（语料 ganzi-2023）；测试以改写的权重复现。",
                "甘孜州市场监督管理局机关各行权重 2+3+5+15+10+10+15+10+10+5+5 = 90，预算执行率另占10（语料 ganzi-2023）。",
            ),
        };
        RuleInfo {
            code,
            title,
            level,
            explanation,
            basis,
            source,
            example,
            counter_example,
        }
    }

    /// The rule with this code.
    pub fn from_code(code: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// The sources the rules cite: id (as in docs/review-sources.md), what it is, and how it
/// was read.
pub const SOURCES: &[(&str, &str)] = &[
    (
        "S2",
        "财政部 财预〔2021〕101号《关于印发〈中央部门项目支出核心绩效目标和指标设置及取值指引（试行）〉的通知》，2021年8月18日（官方；仅读到通知和第一部分首句）",
    ),
    (
        "S4",
        "中共中央 国务院 中发〔2018〕34号《关于全面实施预算绩效管理的意见》（官方，转引）",
    ),
    (
        "S5",
        "某地《财政支出绩效评价管理办法》第十四至十九条（地方）",
    ),
    ("S6", "某地《财政支出绩效评价办法》第十二至十五条（地方）"),
    ("S8", "扶贫项目资金绩效目标设定要求（来源未注明）"),
    (
        "S9",
        "《产出指标和效益指标怎么填》（转载文章，原出处未注明）",
    ),
    (
        "S12",
        "预算管理一体化厂商指标库“纳入指标库 填报要素说明”（厂商代码，非官方规定）",
    ),
    (
        "S13",
        "预算管理一体化厂商“山西 预警规则”（厂商代码，非官方规定）",
    ),
    ("S7", "某地绩效目标编制要求（地方，仅读到残篇）"),
    ("S15", "事前绩效评估审核表（二手，部分）"),
    (
        "S16",
        "中江县水利局 2022年衔接资金项目绩效目标自评表的表注（地方）",
    ),
    ("S17", "《绩效目标的理解和打分》（文章）"),
    ("S18", "《绩效指标设置混淆》（文章）"),
    ("S19", "本站收录的20份真实表格（tests/corpus/）"),
    ("S20", "本站的4份原文及其说明（tests/seeds/）"),
    (
        "S21",
        "嘉峪关市文化和旅游局 2023年省级部门预算项目支出绩效目标表（真实表格）",
    ),
    ("S22", "《绩效目标合理性》（文章）"),
    (
        "S25",
        "预算管理一体化厂商“自评 评分说明”（厂商代码，非官方规定）",
    ),
];

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl schemars::JsonSchema for Rule {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Rule".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let codes: Vec<&str> = Rule::ALL.iter().map(|r| r.code()).collect();
        schemars::json_schema!({
            "title": "审核规则代码",
            "type": "string",
            "enum": codes
        })
    }
}

impl TryFrom<String> for Rule {
    type Error = String;
    fn try_from(s: String) -> Result<Rule, String> {
        Rule::from_code(s.trim()).ok_or_else(|| {
            crate::messages::Message::UnknownRuleCode {
                codes: Rule::ALL
                    .map(Rule::code)
                    .join(&crate::messages::Term::Separator.to_string()),
                code: s,
            }
            .to_string()
        })
    }
}

impl From<Rule> for &'static str {
    fn from(r: Rule) -> &'static str {
        r.code()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_read_back() {
        let mut codes: Vec<&str> = Rule::ALL.iter().map(|r| r.code()).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), Rule::ALL.len());
        for r in Rule::ALL {
            assert_eq!(Rule::try_from(r.code().to_string()), Ok(r));
            let i = r.info();
            assert!(!i.explanation.is_empty() && !i.source.is_empty() && !i.example.is_empty());
        }
        assert!(
            Rule::try_from("cost-flor".to_string())
                .unwrap_err()
                .contains("cost-floor")
        );
    }
}
