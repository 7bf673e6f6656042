//! Years side by side as the Relazione (`kpi eval 2022..2024 -o
//! relazione.html`): the report of the span's last year, with the overall
//! score per year on the front page and, before the tree, a table per
//! top-level node with every year's figures and a trend chart per objective.

use std::io::{self, Write};

use maud::{html, Markup};

use crate::evaluate::Evaluation;
use crate::evaluate::Trend;
use crate::figure;
use crate::plan::Plan;
use crate::report::html::charts::{self, Label};
use crate::report::html::{coverage_text, level_class, Page, NOTHING};
use crate::report::ReportOptions;

/// The Relazione of a span of years.
pub struct YearsHtml {
    pub options: ReportOptions,
}

impl YearsHtml {
    pub fn render(&self, plan: &Plan, trend: &Trend, out: &mut dyn Write) -> io::Result<()> {
        let page = Page::new(plan, &self.options);
        let Some(last) = trend.evaluations.last() else {
            return Ok(());
        };
        let scored: Vec<&Evaluation> = trend.evaluations.iter().filter(|e| !trend.is_baseline_year(e.year)).collect();
        let first = scored.first().map_or(last.year, |e| e.year);
        let subtitle = format!("{} {first}–{}", page.words.years, last.year);
        let body = html! {
            (page.front(last, &subtitle, Some(overall_per_year(&page, &scored))))
            main {
                (page.cruscotto(last))
                (years(&page, trend))
                (page.tree(last))
            }
        };
        out.write_all(page.document(&subtitle, body).into_string().as_bytes())
    }
}

/// The overall score and coverage of each year, as a table and a line.
fn overall_per_year(page: &Page, scored: &[&Evaluation]) -> Markup {
    let w = page.words;
    let max = scored.iter().map(|e| page.max_score(e)).max().unwrap_or(rust_decimal::Decimal::ONE_HUNDRED);
    let scores: Vec<_> = scored.iter().map(|e| e.score).collect();
    let desc = scored
        .iter()
        .map(|e| {
            format!(
                "{} {}",
                e.year,
                e.score.map_or_else(|| w.not_available.to_string(), |s| figure::score(s, page.options.lang.figures()))
            )
        })
        .collect::<Vec<_>>()
        .join(" · ");
    html! {
        section class="overall-years" {
            h2 { (w.overall_per_year) }
            (charts::trend(&scores, max, &page.bands(), &Label { id: "overall-trend", title: w.overall_per_year, desc: &desc }))
            table class="facts" {
                caption { (w.overall_per_year) }
                thead { tr {
                    th scope="col" { (w.year) }
                    th scope="col" class="num" { (w.score) }
                    th scope="col" { (w.band) }
                    th scope="col" class="num" { (w.coverage) }
                } }
                tbody {
                    @for e in scored {
                        tr data-year=(e.year) {
                            th scope="row" { (e.year) }
                            td class="num" data-field="score" { (e.score.map_or_else(|| w.not_available.to_string(), |s| figure::score(s, page.options.lang.figures()))) }
                            td { (page.band_chip(e.score)) }
                            td class="num" data-field="coverage" { (coverage_text(e.coverage.unwrap_or_default(), page.options.lang)) }
                        }
                    }
                }
            }
        }
    }
}

/// A table per top-level node: a row per node, a column per year (the
/// baseline years first), and a trend chart of each objective's score.
fn years(page: &Page, trend: &Trend) -> Markup {
    let w = page.words;
    let plan = page.plan;
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for index in page.options.tree_order(plan) {
        match groups.last_mut() {
            Some(group) if plan.nodes[index].parent().is_some() => group.push(index),
            _ => groups.push(vec![index]),
        }
    }
    let scored: Vec<&Evaluation> = trend.evaluations.iter().filter(|e| !trend.is_baseline_year(e.year)).collect();
    let max = scored.iter().map(|e| page.max_score(e)).max().unwrap_or(rust_decimal::Decimal::ONE_HUNDRED);
    html! {
        section class="years-section" id="anni" {
            h2 { (w.side_by_side) }
            @for group in &groups {
                div class="scroll" {
                    table class="years" {
                        caption { (plan.nodes[group[0]].title()) " — " (w.side_by_side_caption) }
                        thead { tr {
                            th scope="col" { (w.node) }
                            @for e in &trend.evaluations {
                                th scope="col" class="num" {
                                    (e.year)
                                    @if trend.is_baseline_year(e.year) { br; "(" (w.baseline) ")" }
                                }
                            }
                            th scope="col" { (w.trend) }
                        } }
                        tbody {
                            @for &index in group {
                                @let node = &plan.nodes[index];
                                tr data-code=(node.code()) class=(level_class(node.level)) {
                                    th scope="row" class=(format!("name depth-{}", plan.depth(index))) { (node.title()) }
                                    @for e in &trend.evaluations {
                                        td class="num" data-year=(e.year) { (year_cell(page, e, index)) }
                                    }
                                    td class="chart-cell" {
                                        @if !node.is_indicator() {
                                            @let scores: Vec<_> = scored.iter().map(|e| e.nodes[index].score.get()).collect();
                                            @let desc = scored.iter().map(|e| format!("{} {}", e.year, e.nodes[index].score.get().map_or_else(|| w.not_available.to_string(), |s| figure::score(s, page.options.lang.figures())))).collect::<Vec<_>>().join(" · ");
                                            @let title = format!("{} — {}", node.title(), w.trend_chart);
                                            (charts::trend(&scores, max, &page.bands(), &Label { id: &format!("t{index}"), title: &title, desc: &desc }))
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// One node's figures in one year: an objective's score; an indicator's
/// value, target and score with its status word.
fn year_cell(page: &Page, evaluation: &Evaluation, index: usize) -> Markup {
    let node = &page.plan.nodes[index];
    let r = &evaluation.nodes[index];
    let unit = node.unit.as_ref();
    if !node.is_indicator() {
        return html! { span data-field="score" { (r.score.get().map_or_else(|| NOTHING.to_string(), |s| figure::score(s, page.options.lang.figures()))) } };
    }
    html! {
        span class="cell-line" data-field="value" { (r.value().as_ref().map_or_else(|| NOTHING.to_string(), |v| figure::value(v, unit, page.options.lang.figures()))) }
        @if let Some(t) = evaluation.target(index) {
            span class="cell-line target-line" { "T " span data-field="target" { (figure::target(t, unit, page.options.lang.figures())) } }
        }
        @if let (Some(status), true) = (r.status, evaluation.target(index).is_some()) {
            span class="cell-line" {
                @if let Some(s) = r.score.get() { span data-field="score" { (figure::score(s, page.options.lang.figures())) } " " }
                (page.status_chip(status))
            }
        }
    }
}
