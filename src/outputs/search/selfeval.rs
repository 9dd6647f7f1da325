//! The search records of the self-evaluations (绩效自评): one per evaluated project, on its
//! self-evaluation page, each row's target, result and verdict a segment, so a search for a
//! row's name finds what was done as well as what was promised.

use super::record::{Record, Segment};
use crate::content::evaluation;
use crate::content::load::selfeval::SelfEvalFile;
use crate::render::selfeval::page_path;

fn seg(anchor: String, label: &str, text: String) -> Option<Segment> {
    (!text.trim().is_empty()).then(|| Segment {
        anchor,
        label: label.to_string(),
        text,
        category: None,
        shown_at: None,
        value: None,
        metric: None,
    })
}

/// A self-evaluation's search record with the region it is filed under, so that the year and
/// region filters find it like a target record.
#[derive(Debug, Clone)]
pub struct SelfEvalRecord {
    /// The record.
    pub record: Record,
    /// The region's key (`431102`), as the region filter names it.
    pub region_key: String,
    /// The region's name as the filter shows it.
    pub region_name: String,
}

/// The records of every self-evaluation, in path order (so one year and region's records
/// are consecutive), each project in document order.
pub fn records(selfevals: &[SelfEvalFile]) -> Vec<SelfEvalRecord> {
    let mut out = Vec::new();
    for se in selfevals {
        let doc = &se.document;
        let region = &doc.department.region;
        for (pi, p) in doc.projects.iter().enumerate() {
            let n = pi + 1;
            let mut s: Vec<Option<Segment>> = vec![
                seg(format!("p{n}"), "自评项目", p.name.clone()),
                seg(
                    format!("p{n}"),
                    "部门",
                    format!("{} {}", region.full_name(), doc.department.name),
                ),
                seg(
                    format!("p{n}"),
                    "执行率",
                    format!(
                        "全年预算数 {} 万元；全年执行数 {} 万元；执行率 {}",
                        p.funds.budget.map(|w| w.to_string()).unwrap_or_default(),
                        p.funds.executed.map(|w| w.to_string()).unwrap_or_default(),
                        p.funds.rate.raw()
                    ),
                ),
            ];
            s.extend(
                p.goals
                    .achieved
                    .iter()
                    .map(|g| seg(format!("p{n}"), "实际完成情况", g.clone())),
            );
            for (ri, r) in p.indicators.iter().enumerate() {
                if r.is_empty_row() {
                    continue;
                }
                let j = evaluation::judge(r);
                let text = format!(
                    "{}；年度指标值 {}；实际完成值 {}；{}",
                    r.name,
                    r.target.raw(),
                    r.actual.raw(),
                    j.verdict.label()
                );
                s.push(
                    seg(format!("p{n}-r{}", ri + 1), "自评结果", text).map(|mut x| {
                        x.category = Some((r.level1.clone(), r.level2.clone()));
                        x.value = Some(format!(
                            "{} → {}（{}）",
                            r.target.raw(),
                            r.actual.raw(),
                            j.verdict.label()
                        ));
                        x
                    }),
                );
            }
            out.push(SelfEvalRecord {
                region_key: region.key().to_string(),
                region_name: region.display_name(),
                record: Record {
                    url: page_path(se),
                    title: format!("{}（绩效自评）", p.name),
                    dept: doc.department.name.clone(),
                    region: region.display_name(),
                    year: doc.document.year,
                    budget: p.funds.budget.map(|w| w.to_string()).unwrap_or_default(),
                    segments: s.into_iter().flatten().collect(),
                },
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_of_the_bundled_self_evaluations_is_a_segment_with_its_verdict() {
        let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let (files, _) = crate::content::load::selfeval::load_dir(&content);
        let recs: Vec<Record> = records(&files).into_iter().map(|r| r.record).collect();
        let rows: usize = (files.iter().flat_map(|f| &f.document.projects))
            .map(|p| p.indicators.iter().filter(|r| !r.is_empty_row()).count())
            .sum();
        let segs: Vec<&Segment> = (recs.iter().flat_map(|r| &r.segments))
            .filter(|s| s.label == "自评结果")
            .collect();
        assert_eq!(segs.len(), rows);
        let wood = segs
            .iter()
            .find(|s| s.text.starts_with("木材销售收入"))
            .unwrap();
        assert!(wood.text.ends_with("未达成"), "{}", wood.text);
        assert_eq!(wood.anchor, "p1-r10");
    }

    #[test]
    fn the_filters_list_each_year_and_region_of_the_bundled_self_evaluations() {
        let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let (files, _) = crate::content::load::selfeval::load_dir(&content);
        let recs = records(&files);
        let mut meta = super::super::Meta {
            v: 1,
            page_bits: 0,
            buckets: 0,
            records: 0,
            years: vec![],
            regions: vec![],
            levels: vec![],
        };
        super::super::extra_ranges(&mut meta, &recs, 100);
        let years: Vec<u16> = meta.years.iter().map(|y| y.0).collect();
        assert_eq!(years, [2021, 2022, 2023], "{:?}", meta.years);
        // Every record lies in exactly one year range and one region range, of its own.
        for (k, r) in recs.iter().enumerate() {
            let id = 100 + k;
            let ys: Vec<_> = (meta.years.iter())
                .filter(|y| y.1 <= id && id < y.2)
                .collect();
            assert_eq!(ys.len(), 1);
            assert_eq!(ys[0].0, r.record.year);
            let rs: Vec<_> = (meta.regions.iter())
                .filter(|x| x.3 <= id && id < x.4)
                .collect();
            assert_eq!(rs.len(), 1);
            assert_eq!((rs[0].0, &rs[0].1), (r.record.year, &r.region_key));
        }
        assert!(
            meta.regions
                .iter()
                .any(|r| r.1 == "431102" && r.2 == "零陵区"),
            "{:?}",
            meta.regions
        );
    }
}
