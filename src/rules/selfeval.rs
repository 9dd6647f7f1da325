//! The rule codes of the self-evaluation (绩效自评) checks: the code a diagnostic carries and
//! the title shown beside a flagged value. The checks themselves are in
//! `content::selfeval_check`.

/// A rule of the self-evaluation checks.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    /// The written 执行率 disagrees with 执行数 ÷ 预算数.
    RateArithmetic,
    /// The scores do not add up to the stated 自评得分, or the 分值 to the 总分.
    TotalMismatch,
    /// A row's 得分 is above its 分值.
    ScoreAboveWeight,
    /// A row that falls short of its target is scored full.
    ShortfallFullScore,
    /// A row that falls short of its target gives no 偏差原因.
    ShortfallNoReason,
    /// A row that reached its target (达成) scored below its 分值.
    MetNotFullScore,
    /// The self-evaluation's 年度指标值 differs from the published target.
    TargetDiffers,
}

impl Rule {
    /// Every rule, in the order pages list them.
    pub const ALL: [Rule; 7] = [
        Rule::RateArithmetic,
        Rule::TotalMismatch,
        Rule::ScoreAboveWeight,
        Rule::ShortfallFullScore,
        Rule::ShortfallNoReason,
        Rule::MetNotFullScore,
        Rule::TargetDiffers,
    ];

    /// The stable code printed in brackets.
    pub fn code(self) -> &'static str {
        match self {
            Rule::RateArithmetic => "selfeval-rate",
            Rule::TotalMismatch => "selfeval-total",
            Rule::ScoreAboveWeight => "selfeval-score-above-weight",
            Rule::ShortfallFullScore => "selfeval-shortfall-full-score",
            Rule::ShortfallNoReason => "selfeval-shortfall-no-reason",
            Rule::MetNotFullScore => "selfeval-met-not-full-score",
            Rule::TargetDiffers => "selfeval-target-differs",
        }
    }

    /// The short Chinese title shown beside a flagged value.
    pub fn title(self) -> &'static str {
        match self {
            Rule::RateArithmetic => "执行率与执行数÷预算数不符",
            Rule::TotalMismatch => "各项得分之和与总分不符",
            Rule::ScoreAboveWeight => "得分高于分值",
            Rule::ShortfallFullScore => "未达到年度指标值却得满分",
            Rule::ShortfallNoReason => "未达到年度指标值，未写偏差原因",
            Rule::MetNotFullScore => "达到年度指标值，得分却低于分值",
            Rule::TargetDiffers => "年度指标值与公开的绩效目标不同",
        }
    }
}
