//! Where a finding sits in a document, as a type rather than a string: a row, a project's
//! amounts or plan, a project, a unit or the whole department.

use crate::messages::{Lang, PlaceText};

/// A place in one department document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Place {
    /// The department as a whole.
    Department,
    /// `department.units[N]`.
    Unit(usize),
    /// `projects[N]` as a whole.
    Project(usize),
    /// `projects[N].amounts`.
    Amounts(usize),
    /// `projects[N].spending_plan`, or one milestone of it.
    Plan(usize, Option<usize>),
    /// `projects[N].indicators[M]`.
    Row(usize, usize),
}

impl Place {
    /// The field path `gongkai check` places in the file and the pages key their flags by
    /// (`projects[2].indicators[4].value`).
    pub fn field(self) -> String {
        match self {
            Place::Department => "department".into(),
            Place::Unit(u) => format!("department.units[{u}]"),
            Place::Project(p) => format!("projects[{p}]"),
            Place::Amounts(p) => format!("projects[{p}].amounts.total"),
            Place::Plan(p, None) => format!("projects[{p}].spending_plan"),
            Place::Plan(p, Some(i)) => format!("projects[{p}].spending_plan[{i}].percent"),
            Place::Row(p, i) => format!("projects[{p}].indicators[{i}].value"),
        }
    }

    /// The project the place belongs to.
    pub fn project(self) -> Option<usize> {
        match self {
            Place::Department | Place::Unit(_) => None,
            Place::Project(p) | Place::Amounts(p) | Place::Plan(p, _) | Place::Row(p, _) => Some(p),
        }
    }

    /// The indicator row (1-based, as the pages number and anchor it), for a row.
    pub fn row_number(self) -> Option<usize> {
        match self {
            Place::Row(_, i) => Some(i + 1),
            _ => None,
        }
    }

    /// Where a reader finds it, in the form's own terms (`第 3 个项目表 指标第 5 行`), in
    /// the catalogue's words.
    pub fn text(self) -> PlaceText {
        match self {
            Place::Department => PlaceText::Department,
            Place::Unit(u) => PlaceText::Unit(u + 1),
            Place::Project(p) => PlaceText::Project(p + 1),
            Place::Amounts(p) => PlaceText::Amounts(p + 1),
            Place::Plan(p, _) => PlaceText::Plan(p + 1),
            Place::Row(p, i) => PlaceText::Row(p + 1, i + 1),
        }
    }

    /// Where a reader finds it, in Chinese, for the report: `第 3 个项目表 指标第 5 行`.
    pub fn describe(self) -> String {
        self.text().text(Lang::Zh)
    }
}
