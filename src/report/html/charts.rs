//! The Relazione's charts, hand-written inline SVG: a score bar over the
//! bands, a bullet chart per indicator, a trend line per objective. Each is
//! `role="img"` with a `<title>` and a `<desc>` that say in words what it
//! draws; the figures themselves are in the table cells beside it.
//!
//! Geometry is computed with exact decimals like every figure, and written
//! with two decimal places.

use maud::{html, Markup};
use rust_decimal::Decimal;

use crate::report::bands::Bands;
use crate::target::{Direction, Target};
use crate::value::Value;

/// A chart's accessible name and description, and the id that ties them to it.
pub struct Label<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub desc: &'a str,
}

/// Where `v` falls on a scale from `lo` to `hi` drawn `width` wide,
/// clamped to the drawing; 0 when the scale cannot be computed.
fn position(v: Decimal, lo: Decimal, hi: Decimal, width: Decimal) -> Decimal {
    let span = hi.checked_sub(lo).filter(|s| *s > Decimal::ZERO);
    let x = span.and_then(|span| v.checked_sub(lo)?.checked_mul(width)?.checked_div(span)).unwrap_or(Decimal::ZERO);
    x.clamp(Decimal::ZERO, width).round_dp(2)
}

/// The `<svg>` element around a chart, with its name and description.
fn frame(label: &Label, class: &str, width: u32, height: u32, body: Markup) -> Markup {
    let title_id = format!("{}-t", label.id);
    let desc_id = format!("{}-d", label.id);
    html! {
        svg class=(class) role="img" aria-labelledby=(format!("{title_id} {desc_id}"))
            viewBox=(format!("0 0 {width} {height}")) width=(width) height=(height) xmlns="http://www.w3.org/2000/svg" {
            title id=(title_id) { (label.title) }
            desc id=(desc_id) { (label.desc) }
            (body)
        }
    }
}

/// A horizontal band from `from` to `to` on the scale, coloured by `class`.
fn band(class: &str, from: Decimal, to: Decimal, lo: Decimal, hi: Decimal, width: Decimal, height: u32) -> Markup {
    let x0 = position(from, lo, hi, width);
    let x1 = position(to, lo, hi, width);
    html! {
        @if x1 > x0 {
            rect class=(format!("zone {class}")) x=(x0) y="0" width=(x1 - x0) height=(height) {}
        }
    }
}

const BAR_WIDTH: u32 = 240;
const BAR_HEIGHT: u32 = 18;

/// The score as a dark bar over the bands, on a scale from 0 to `max`
/// (100, or the cap when over-achievement counts).
pub fn score_bar(score: Option<Decimal>, max: Decimal, bands: &Bands, label: &Label) -> Markup {
    let w = Decimal::from(BAR_WIDTH);
    let zero = Decimal::ZERO;
    let body = html! {
        (band("red", zero, bands.amber_from, zero, max, w, BAR_HEIGHT))
        (band("amber", bands.amber_from, bands.green_from, zero, max, w, BAR_HEIGHT))
        (band("green", bands.green_from, max, zero, max, w, BAR_HEIGHT))
        @if max > Decimal::ONE_HUNDRED {
            @let x = position(Decimal::ONE_HUNDRED, zero, max, w);
            line class="tick" x1=(x) x2=(x) y1="0" y2=(BAR_HEIGHT) {}
        }
        @if let Some(score) = score {
            rect class="measure" x="0" y="6" width=(position(score, zero, max, w)) height="6" {}
        }
    };
    frame(label, "chart bar", BAR_WIDTH, BAR_HEIGHT, body)
}

const BULLET_WIDTH: u32 = 200;
const BULLET_HEIGHT: u32 = 22;

/// A point of an indicator's scale: a number, or a day as a count of days.
fn scale_point(v: &Value) -> Option<Decimal> {
    match v {
        Value::Number(n) => Some(*n),
        Value::Date(d) => Some(Decimal::from(chrono::Datelike::num_days_from_ce(d))),
        Value::Bool(_) => None,
    }
}

/// The target's figure on the same scale as the value.
fn target_point(t: &Target) -> Option<Decimal> {
    match t {
        Target::Number { value, .. } => Some(*value),
        Target::Range { low, .. } => Some(*low),
        Target::Deadline(d) => scale_point(&Value::Date(*d)),
        Target::Boolean(_) => None,
    }
}

/// The bullet chart of an indicator: its value (a bar for a number, a dot
/// for a date) against its target (a thick mark) and soglia (a thin mark),
/// over zones that say where the value would be achieved (green), earn
/// partial credit (amber) or nothing (red). `None` when there is nothing to
/// draw on one scale: no value, no target, or a yes/no target.
pub fn bullet(target: &Target, threshold: Option<&Value>, value: &Value, label: &Label) -> Option<Markup> {
    let v = scale_point(value)?;
    let t = target_point(target)?;
    let s = threshold.and_then(scale_point);
    let is_number = matches!(value, Value::Number(_));
    if is_number != matches!(target, Target::Number { .. } | Target::Range { .. }) {
        return None;
    }
    // A range's upper bound: the second mark.
    let upper = match target {
        Target::Range { high, .. } => Some(*high),
        _ => None,
    };
    let mut points = vec![v, t];
    points.extend(upper);
    points.extend(s);
    if is_number {
        points.push(Decimal::ZERO);
    }
    let min = points.iter().copied().min()?;
    let max = points.iter().copied().max()?;
    let span = max.checked_sub(min)?;
    let pad = if span.is_zero() { Decimal::ONE } else { span.checked_div(Decimal::TEN)? };
    let hi = max.checked_add(pad)?;
    let lo = if is_number && min >= Decimal::ZERO { min } else { min.checked_sub(pad)? };
    let w = Decimal::from(BULLET_WIDTH);
    let h = BULLET_HEIGHT;
    let zones = match target.direction() {
        Direction::HigherIsBetter => html! {
            @if let Some(s) = s {
                (band("red", lo, s, lo, hi, w, h))
                (band("amber", s, t, lo, hi, w, h))
            } @else {
                (band("amber", lo, t, lo, hi, w, h))
            }
            (band("green", t, hi, lo, hi, w, h))
        },
        Direction::LowerIsBetter | Direction::Deadline => html! {
            (band("green", lo, t, lo, hi, w, h))
            @if let Some(s) = s {
                (band("amber", t, s, lo, hi, w, h))
                (band("red", s, hi, lo, hi, w, h))
            } @else {
                (band("amber", t, hi, lo, hi, w, h))
            }
        },
        Direction::Range => html! {
            (band("amber", lo, t, lo, hi, w, h))
            (band("green", t, upper.unwrap_or(t), lo, hi, w, h))
            (band("amber", upper.unwrap_or(t), hi, lo, hi, w, h))
        },
        Direction::Exact | Direction::Boolean => html! {
            rect class="zone plain" x="0" y="0" width=(w) height=(h) {}
        },
    };
    let x_value = position(v, lo, hi, w);
    let x_zero = position(Decimal::ZERO, lo, hi, w);
    let body = html! {
        (zones)
        @if is_number {
            @let (from, to) = if x_value < x_zero { (x_value, x_zero) } else { (x_zero, x_value) };
            rect class="measure" x=(from) y="8" width=(to - from) height="6" {}
        } @else {
            circle class="measure" cx=(x_value) cy="11" r="4" {}
        }
        @let x_target = position(t, lo, hi, w);
        line class="target" x1=(x_target) x2=(x_target) y1="2" y2=(h - 2) {}
        @if let Some(high) = upper {
            @let x_high = position(high, lo, hi, w);
            line class="target" x1=(x_high) x2=(x_high) y1="2" y2=(h - 2) {}
        }
        @if let Some(s) = s {
            @let x_threshold = position(s, lo, hi, w);
            line class="threshold" x1=(x_threshold) x2=(x_threshold) y1="4" y2=(h - 4) {}
        }
    };
    Some(frame(label, "chart bullet", BULLET_WIDTH, BULLET_HEIGHT, body))
}

const TREND_WIDTH: u32 = 150;
const TREND_HEIGHT: u32 = 44;

/// A node's score per year as a line over the bands, scale 0 to `max`; a
/// year without a score leaves a gap.
pub fn trend(scores: &[Option<Decimal>], max: Decimal, bands: &Bands, label: &Label) -> Markup {
    let w = Decimal::from(TREND_WIDTH);
    let h = Decimal::from(TREND_HEIGHT);
    let zero = Decimal::ZERO;
    // Bands run bottom to top: y is measured down from the top, with room
    // for a point's circle at either end.
    let margin = Decimal::from(4);
    let y = |score: Decimal| h - margin - position(score, zero, max, h - margin - margin);
    let step = if scores.len() > 1 { (w - Decimal::from(12)) / Decimal::from(scores.len() - 1) } else { zero };
    let x = |i: usize| (Decimal::from(6) + step * Decimal::from(i)).round_dp(2);
    let mut runs: Vec<Vec<(Decimal, Decimal)>> = vec![Vec::new()];
    for (i, score) in scores.iter().enumerate() {
        match score {
            Some(s) => runs.last_mut().into_iter().for_each(|r| r.push((x(i), y(*s)))),
            None => runs.push(Vec::new()),
        }
    }
    let band_rect = |class: &str, from: Decimal, to: Decimal| {
        let (top, bottom) = (y(to), y(from));
        html! {
            @if bottom > top {
                rect class=(format!("zone {class}")) x="0" y=(top) width=(w) height=(bottom - top) {}
            }
        }
    };
    let body = html! {
        (band_rect("red", zero, bands.amber_from))
        (band_rect("amber", bands.amber_from, bands.green_from))
        (band_rect("green", bands.green_from, max))
        @for run in runs.iter().filter(|r| r.len() > 1) {
            polyline class="line" points=(run.iter().map(|(x, y)| format!("{x},{y}")).collect::<Vec<_>>().join(" ")) {}
        }
        @for (x, y) in runs.iter().flatten() {
            circle class="measure" cx=(x) cy=(y) r="3" {}
        }
    };
    frame(label, "chart trend", TREND_WIDTH, TREND_HEIGHT, body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::target::Comparison;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn positions_are_exact_and_stay_in_the_drawing() {
        // 72.5 of 100 on 240: 174.
        assert_eq!(position(d("72.5"), Decimal::ZERO, d("100"), d("240")), d("174"));
        // 1/3 of 200: 66.666… written 66.67.
        assert_eq!(position(d("1"), Decimal::ZERO, d("3"), d("200")), d("66.67"));
        assert_eq!(position(d("130"), Decimal::ZERO, d("100"), d("240")), d("240"));
        assert_eq!(position(d("5"), d("5"), d("5"), d("240")), Decimal::ZERO);
    }

    #[test]
    fn a_bullet_chart_marks_value_target_and_soglia_on_one_scale() {
        let label = Label { id: "k1", title: "K1", desc: "Valore 96,00 %" };
        let target = Target::Number { comparison: Comparison::AtLeast, value: d("1.05") };
        let svg =
            bullet(&target, Some(&Value::Number(d("0.85"))), &Value::Number(d("0.96")), &label).unwrap().into_string();
        // Scale 0 to 1.05 + 0.105 = 1.155 over 200: the value at 0.96/1.155·200 = 166.23,
        // the target at 181.82, the soglia at 147.19.
        assert!(svg.contains(r#"<rect class="measure" x="0" y="8" width="166.23""#), "{svg}");
        assert!(svg.contains(r#"<line class="target" x1="181.82""#), "{svg}");
        assert!(svg.contains(r#"<line class="threshold" x1="147.19""#), "{svg}");
        assert!(svg.contains(r#"role="img" aria-labelledby="k1-t k1-d""#), "{svg}");
        assert!(svg.contains("<title id=\"k1-t\">K1</title><desc id=\"k1-d\">Valore 96,00 %</desc>"), "{svg}");
        assert!(bullet(&Target::Boolean(true), None, &Value::Bool(true), &label).is_none());
    }
}
