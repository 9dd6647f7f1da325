//! Inline SVG bar charts drawn at build time: readable without JavaScript, labelled for
//! screen readers, coloured by the page's stylesheet (`.chart .bar`).

use crate::xml::escape;
use rust_decimal::Decimal;

/// One bar: its label, its length, and the text written after it.
#[derive(Debug, Clone)]
pub struct Bar {
    /// What the bar is (地区, 项目).
    pub label: String,
    /// Its length, in the chart's unit; bars are scaled to the largest.
    pub value: Decimal,
    /// The value as written beside the bar (`≥650批次`).
    pub text: String,
}

/// Width of the drawing, in the page's pixels on a phone.
const WIDTH: u32 = 340;
/// Height of one label line plus its bar.
const ROW: u32 = 46;

/// A horizontal bar chart: each bar under its label, its value after it. `id` must be unique
/// in the page; `title` names the chart for screen readers.
pub fn bars(id: &str, title: &str, bars: &[Bar]) -> String {
    let max = bars.iter().map(|b| b.value).max().unwrap_or(Decimal::ONE);
    let room = Decimal::from(WIDTH - 110);
    let height = ROW * bars.len() as u32 + 4;
    let desc: Vec<String> = bars
        .iter()
        .map(|b| format!("{}：{}", b.label, b.text))
        .collect();
    let mut svg = format!(
        "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 {WIDTH} {height}\" width=\"100%\" aria-labelledby=\"{id}-t {id}-d\"><title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">{}</desc>",
        escape(title),
        escape(&desc.join("；"))
    );
    for (i, b) in bars.iter().enumerate() {
        let y = ROW * i as u32;
        // Checked: a value of 29 digits must not overflow the arithmetic.
        let len = (b.value.checked_div(max))
            .and_then(|share| share.checked_mul(room))
            .filter(|_| max > Decimal::ZERO)
            .and_then(|l| l.round().try_into().ok())
            .unwrap_or(0u32)
            .max(2);
        svg.push_str(&format!(
            "<text x=\"0\" y=\"{}\" class=\"label\">{}</text><rect class=\"bar\" x=\"0\" y=\"{}\" width=\"{len}\" height=\"16\"/><text x=\"{}\" y=\"{}\" class=\"value\">{}</text>",
            y + 16,
            escape(&b.label),
            y + 22,
            len + 6,
            y + 35,
            escape(&b.text)
        ));
    }
    svg.push_str("</svg>");
    svg
}

/// One stacked bar of `parts` (largest first, as given), each segment's share of the total
/// as its width; alternate segments take alternate shades. `title` names it for screen readers.
pub fn stack(title: &str, parts: &[Bar]) -> String {
    let total: Decimal = (parts.iter()).fold(Decimal::ZERO, |t, b| t.saturating_add(b.value));
    let desc: Vec<String> = parts
        .iter()
        .map(|b| format!("{}：{}", b.label, b.text))
        .collect();
    let mut svg = format!(
        "<svg class=\"stack\" role=\"img\" viewBox=\"0 0 {WIDTH} 16\" width=\"100%\" preserveAspectRatio=\"none\" aria-label=\"{}：{}\">",
        escape(title),
        escape(&desc.join("；"))
    );
    let mut x = Decimal::ZERO;
    for (i, b) in parts.iter().enumerate() {
        if total <= Decimal::ZERO {
            break;
        }
        let w = (b.value.checked_div(total))
            .and_then(|share| share.checked_mul(Decimal::from(WIDTH)))
            .unwrap_or(Decimal::ZERO);
        svg.push_str(&format!(
            "<rect class=\"seg{}\" x=\"{}\" y=\"0\" width=\"{}\" height=\"16\"><title>{}：{}</title></rect>",
            i % 2,
            x.round_dp(1).normalize(),
            w.round_dp(1).normalize(),
            escape(&b.label),
            escape(&b.text)
        ));
        x = x.saturating_add(w);
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_largest_and_escape_labels() {
        let svg = bars(
            "c",
            "食品抽检批次",
            &[
                Bar {
                    label: "巨鹿县<script>".into(),
                    value: Decimal::from(650),
                    text: "≥650批次".into(),
                },
                Bar {
                    label: "乐亭县".into(),
                    value: Decimal::from(3500),
                    text: "3500批次".into(),
                },
            ],
        );
        assert!(svg.contains("巨鹿县&lt;script&gt;") && !svg.contains("<script>"));
        assert!(svg.contains("width=\"230\""), "{svg}"); // the largest fills the room
        assert!(svg.contains("width=\"43\""), "{svg}"); // 650 / 3500 × 230
        assert!(
            svg.contains(
                "<desc id=\"c-d\">巨鹿县&lt;script&gt;：≥650批次；乐亭县：3500批次</desc>"
            )
        );
    }
}
