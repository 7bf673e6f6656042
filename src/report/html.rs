//! `--format html` / `-o relazione.html`: the Relazione sulla performance as
//! one self-contained page: a front page with the overall score and how it
//! was made, the cruscotto of ambiti and strategic objectives, and the tree
//! as tables with a bullet chart, the scostamento and the motivazione of
//! every indicator. Years side by side add a table per ambito with each
//! year's figures (see `trend/html.rs`).
//!
//! The page loads nothing: styles and charts are inline, and its
//! Content-Security-Policy forbids any remote load. It is built with maud,
//! which escapes every name and note. Figures are written by the table's
//! own code, so each reads as in the table and matches the JSON output.

pub mod charts;
mod years;

use std::io::{self, Write};

use maud::{html, Markup, PreEscaped, DOCTYPE};
use rust_decimal::Decimal;

use self::charts::Label;
use super::bands::{Band, Bands};
use super::table::line_cells;
use super::{Renderer, ReportOptions};
use crate::actuals::Decision;
use crate::evaluate::score::{Method, Status};
use crate::evaluate::{inputs, Evaluation, MissingPolicy, Trend, ValueSource};
use crate::figure;
use crate::gap::{gap, Gap};
use crate::lang::{Lang, Report};
use crate::needs::Needs;
use crate::plan::{Level, Plan};
use crate::unit::{is_percent, Unit};
use crate::value::Value;

pub struct HtmlReport {
    pub options: ReportOptions,
}

/// The page's style sheet, inline: screen, phone and A4 print.
const STYLE: &str = include_str!("html/style.css");

/// Forbids every load but the page's own inline styles: no script, font,
/// image or frame from anywhere, so the published file cannot call out.
pub const CONTENT_SECURITY_POLICY: &str =
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'";

/// The cells a row gets for nothing: a dash, which reads better than a gap.
pub const NOTHING: &str = "—";

/// What every part of the page needs to know.
pub struct Page<'a> {
    pub plan: &'a Plan,
    pub options: &'a ReportOptions,
    pub words: &'static Report,
    pub lang: Lang,
}

impl<'a> Page<'a> {
    pub fn new(plan: &'a Plan, options: &'a ReportOptions) -> Page<'a> {
        let lang = options.lang;
        Page { plan, options, words: &lang.words().report, lang }
    }

    /// `--title`, else the plan file's name.
    pub fn title(&self) -> String {
        if let Some(title) = &self.options.title {
            return title.clone();
        }
        let source = std::path::Path::new(&self.plan.source);
        source.file_name().map_or_else(|| self.plan.source.clone(), |n| n.to_string_lossy().into_owned())
    }

    /// The whole document around `body`.
    pub fn document(&self, subtitle: &str, body: Markup) -> Markup {
        let w = self.words;
        let title = self.title();
        html! {
            (DOCTYPE)
            html lang=(w.lang) {
                head {
                    meta charset="utf-8";
                    meta http-equiv="Content-Security-Policy" content=(CONTENT_SECURITY_POLICY);
                    meta name="viewport" content="width=device-width, initial-scale=1";
                    meta name="generator" content=(concat!("kpi ", env!("CARGO_PKG_VERSION")));
                    title { (title) " — " (w.report) " " (subtitle) }
                    style { (PreEscaped(STYLE)) (PreEscaped(self.card_labels())) }
                }
                body {
                    (body)
                    footer { p { (w.made_by) " " (env!("CARGO_PKG_VERSION")) } }
                }
            }
        }
    }

    /// On a phone the cruscotto and the tree become cards, one per node,
    /// each figure under its column's title: the titles, in the page's
    /// language (the page's own words, never an office's text).
    fn card_labels(&self) -> String {
        let w = self.words;
        // The cruscotto's chart needs no title: it is the row's picture.
        let dashboard = [w.score, w.band, w.coverage];
        let nodes = [w.weight, w.target, w.threshold, w.value, w.gap, w.score, w.status, w.coverage];
        let rules = |table: &str, first: usize, titles: &[&str]| {
            titles
                .iter()
                .enumerate()
                .map(|(i, title)| {
                    format!("table.{table} tr > td:nth-child({})::before {{ content: \"{title}\"; }}", i + first)
                })
                .collect::<Vec<_>>()
                .join("\n")
        };
        format!(
            "\n@media (max-width: 700px) {{\n{}\n{}\n}}\n",
            rules("dashboard", 3, &dashboard),
            rules("nodes", 2, &nodes)
        )
    }

    /// The highest score a node can have: 100, or the cap when
    /// over-achievement counts (ratio scoring only).
    pub fn max_score(&self, evaluation: &Evaluation) -> Decimal {
        let scoring = evaluation.options.scoring;
        if scoring.method == Method::Ratio {
            scoring.cap.max(Decimal::ONE_HUNDRED)
        } else {
            Decimal::ONE_HUNDRED
        }
    }

    pub fn bands(&self) -> Bands {
        self.options.bands
    }

    /// A score with its band word beside the colour: `72,73 attenzione`.
    pub fn band_chip(&self, score: Option<Decimal>) -> Markup {
        match score {
            Some(s) => {
                let band = self.bands().of(s);
                html! { span class=(format!("chip {}", band.class())) data-field="band" { (band_word(self.words, band)) } }
            }
            None => html! { span class="chip none" data-field="band" { (NOTHING) } },
        }
    }

    pub fn status_chip(&self, status: Status) -> Markup {
        html! { span class=(format!("chip {}", status_class(status))) data-field="status" { (self.lang.status(status)) } }
    }

    /// The front page: title, year, the overall score and coverage, how the
    /// scores were made, and how many indicators are in each status.
    /// `extra` goes after the overall score (the years side by side).
    pub fn front(&self, evaluation: &Evaluation, subtitle: &str, extra: Option<Markup>) -> Markup {
        let w = self.words;
        let score = evaluation
            .score
            .map_or_else(|| w.not_available.to_string(), |s| figure::score(s, self.options.lang.figures()));
        let coverage = coverage_text(evaluation.coverage.unwrap_or_default(), self.options.lang);
        let label = Label {
            id: "overall",
            title: w.overall,
            desc: &format!("{} {score}, {} {coverage}", w.score, w.coverage.to_lowercase()),
        };
        html! {
            header class="front" {
                p class="kind" { (w.report) }
                h1 { (self.title()) }
                p class="subtitle" { (subtitle) }
                section class="overall" aria-label=(w.overall) data-year=(evaluation.year) {
                    p class="overall-label" { (w.overall) " " (evaluation.year) }
                    p class="overall-figure" {
                        span class="big" data-field="score" { (score) }
                        " " (self.band_chip(evaluation.score))
                    }
                    (charts::score_bar(evaluation.score, self.max_score(evaluation), &self.bands(), &label))
                    p { (w.coverage) " " span data-field="coverage" { (coverage) } }
                }
                @if let Some(extra) = extra { (extra) }
                div class="front-tables" {
                    (self.how_made(evaluation))
                    (self.counts(evaluation))
                }
            }
        }
    }

    fn how_made(&self, evaluation: &Evaluation) -> Markup {
        let w = self.words;
        let options = &evaluation.options;
        let cap = figure::weight(self.max_score(evaluation), self.options.lang.figures());
        let missing = match options.missing {
            MissingPolicy::Skip => w.missing_skip,
            MissingPolicy::Zero => w.missing_zero,
        };
        html! {
            section class="how" {
                h2 { (w.how_made) }
                table class="facts" {
                    caption { (w.how_made_caption) }
                    thead { tr { th scope="col" { (w.setting) } th scope="col" { (w.setting_value) } } }
                    tbody {
                        tr { th scope="row" { (w.scoring) } td data-field="scoring" { (method_explained(w, options.scoring.method)) } }
                        tr { th scope="row" { (w.cap) } td data-field="cap" { (cap) } }
                        tr { th scope="row" { (w.missing) } td data-field="missing" { (missing) } }
                        tr { th scope="row" { (w.scale) } td data-field="scale" {
                            @match &options.scale {
                                Some(scale) => (scale.to_string()),
                                None if evaluation.nodes.iter().any(|r| r.scale().is_some()) => (w.plan_scales),
                                None => (w.no_scale),
                            }
                        } }
                        tr { th scope="row" { (w.bands) } td data-field="bands" { (self.bands_legend()) } }
                    }
                }
            }
        }
    }

    /// `critico sotto 60 · attenzione da 60 a meno di 90 · in linea da 90`,
    /// each word on its colour.
    pub fn bands_legend(&self) -> Markup {
        let w = self.words;
        let b = self.bands();
        let (amber, green) = (
            figure::weight(b.amber_from, self.options.lang.figures()),
            figure::weight(b.green_from, self.options.lang.figures()),
        );
        html! {
            span class="legend" {
                span class="chip red" { (band_word(w, Band::Red)) } " " (w.below) " " (amber) " · "
                span class="chip amber" { (band_word(w, Band::Amber)) } " " (w.from_to.0) " " (amber) " " (w.from_to.1) " " (green) " · "
                span class="chip green" { (band_word(w, Band::Green)) } " " (w.from) " " (green)
            }
        }
    }

    fn counts(&self, evaluation: &Evaluation) -> Markup {
        let w = self.words;
        let count = |status: Status| {
            self.plan
                .nodes
                .iter()
                .zip(&evaluation.nodes)
                .filter(|(n, r)| n.is_indicator() && r.status == Some(status))
                .count()
        };
        html! {
            section class="counts" {
                h2 { (w.per_status) }
                table class="facts" {
                    caption { (w.per_status) " " (evaluation.year) }
                    thead { tr { th scope="col" { (w.status) } th scope="col" class="num" { (w.indicators) } } }
                    tbody {
                        @for status in STATUSES {
                            tr data-status=(status.name()) {
                                th scope="row" { span class=(format!("chip {}", status_class(status))) { (self.lang.status_plural(status)) } }
                                td class="num" data-field="count" { (count(status)) }
                            }
                        }
                    }
                }
            }
        }
    }

    /// One bar per ambito and strategic objective, with its figures beside.
    pub fn cruscotto(&self, evaluation: &Evaluation) -> Markup {
        let w = self.words;
        let max = self.max_score(evaluation);
        let rows = self
            .options
            .tree_order(self.plan)
            .into_iter()
            .filter(|&i| matches!(self.plan.nodes[i].level, Level::Area | Level::Strategic));
        html! {
            section class="cruscotto" id="cruscotto" {
                h2 { (w.cruscotto) " " (evaluation.year) }
                p { (w.cruscotto_intro) " " (w.bands) ": " (self.bands_legend()) }
                div class="scroll" {
                    table class="dashboard" {
                        caption { (w.cruscotto_caption) " " (evaluation.year) }
                        thead { tr {
                            th scope="col" { (w.objective) }
                            th scope="col" { (w.chart) }
                            th scope="col" class="num" { (w.score) }
                            th scope="col" { (w.band) }
                            th scope="col" class="num" { (w.coverage) }
                        } }
                        tbody {
                            @for index in rows {
                                @let node = &self.plan.nodes[index];
                                @let r = &evaluation.nodes[index];
                                @let score = r.score.get().map_or_else(|| NOTHING.to_string(), |s| figure::score(s, self.options.lang.figures()));
                                @let coverage = r.coverage.get().map_or_else(|| NOTHING.to_string(), |c| coverage_text(c, self.options.lang));
                                @let desc = format!("{} {score}, {} {coverage}", w.score, w.coverage.to_lowercase());
                                @let id = format!("c{index}");
                                @let title = node.title();
                                tr data-code=(node.code()) class=(level_class(node.level)) {
                                    th scope="row" class=(format!("name depth-{}", self.plan.depth(index))) { (title) }
                                    td class="chart-cell" { (charts::score_bar(r.score.get(), max, &self.bands(), &Label { id: &id, title: &title, desc: &desc })) }
                                    td class="num" data-field="score" { (score) }
                                    td { (self.band_chip(r.score.get())) }
                                    td class="num" data-field="coverage" { (coverage) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The tree: one table per top-level node, a row per node (and a row
    /// of details under each indicator), indented by depth.
    pub fn tree(&self, evaluation: &Evaluation) -> Markup {
        let w = self.words;
        let order = self.options.tree_order(self.plan);
        let mut groups: Vec<Vec<usize>> = Vec::new();
        for index in order {
            match groups.last_mut() {
                Some(group) if self.plan.nodes[index].parent().is_some() => group.push(index),
                _ => groups.push(vec![index]),
            }
        }
        html! {
            section class="tree" id="albero" {
                h2 { (w.tree) " " (evaluation.year) }
                @for group in &groups {
                    @let root = group[0];
                    @let root_score = evaluation.nodes[root].score.get().map_or_else(|| NOTHING.to_string(), |s| figure::score(s, self.options.lang.figures()));
                    div class="scroll" {
                        table class="nodes" {
                            caption { (self.plan.nodes[root].title()) " — " (w.score) " " (root_score) }
                            thead { tr {
                                th scope="col" { (w.node) }
                                th scope="col" class="num" { (w.weight) }
                                th scope="col" class="num" { (w.target) }
                                th scope="col" class="num" { (w.threshold) }
                                th scope="col" class="num" { (w.value) }
                                th scope="col" class="num" { (w.gap) }
                                th scope="col" class="num" { (w.score) }
                                th scope="col" { (w.status) }
                                th scope="col" class="num" { (w.coverage) }
                            } }
                            @for &index in group {
                                (self.tree_row(evaluation, index))
                            }
                        }
                    }
                }
            }
        }
    }

    /// One node's rows, kept together on a printed page.
    fn tree_row(&self, evaluation: &Evaluation, index: usize) -> Markup {
        let node = &self.plan.nodes[index];
        let r = &evaluation.nodes[index];
        let unit = node.unit.as_ref();
        let lang = self.options.lang;
        let mut cells = line_cells(self.plan, evaluation, index, "", lang, false).into_iter();
        let mut next = || cells.next().unwrap_or_default();
        let (name, weight, target, value, score, _status, coverage) =
            (next(), next(), next(), next(), next(), next(), next());
        let threshold = evaluation.threshold(index).map(|v| figure::value(v, unit, lang.figures())).unwrap_or_default();
        let gap = self.gap_text(evaluation, index, unit);
        let or_nothing = |s: &str| if s.is_empty() { NOTHING.to_string() } else { s.to_string() };
        html! {
            tbody data-code=(node.code()) class=(level_class(node.level)) {
                tr {
                    th scope="row" class=(format!("name depth-{}", self.plan.depth(index))) { (name) }
                    td class="num" data-field="weight" { (or_nothing(&weight)) }
                    td class="num" data-field="target" { (or_nothing(&target)) }
                    td class="num" data-field="threshold" { (or_nothing(&threshold)) }
                    td class="num" data-field="value" { (or_nothing(&value)) }
                    td class="num" data-field="gap" {
                        @match &gap {
                            Some((absolute, relative)) => {
                                span class="cell-line" { (absolute) }
                                @if let Some(relative) = relative { span class="cell-line" { (relative) } }
                            }
                            None => (NOTHING),
                        }
                    }
                    td class="num" data-field="score" { (or_nothing(&score)) }
                    td {
                        @match r.status {
                            Some(status) => (self.status_chip(status)),
                            None => (self.band_chip(r.score.get())),
                        }
                    }
                    td class="num" data-field="coverage" { (or_nothing(&coverage)) }
                }
                @if node.is_indicator() {
                    tr class="details" {
                        td colspan="9" { (self.details(evaluation, index, &value, &target, &threshold)) }
                    }
                }
            }
        }
    }

    /// Under an indicator: its bullet chart, the motivazione (the office's
    /// note on its value, a dash when there is none, so a missing one shows)
    /// and the notes of the quantities its formula read, algoritmo, formula, the evaluator's decision and the calculation's message.
    fn details(&self, evaluation: &Evaluation, index: usize, value: &str, target: &str, threshold: &str) -> Markup {
        let w = self.words;
        let node = &self.plan.nodes[index];
        let r = &evaluation.nodes[index];
        let title = format!("{} — {}", node.title(), w.bullet_chart);
        let or_nothing = |s: &str| if s.is_empty() { NOTHING.to_string() } else { s.to_string() };
        let desc = format!(
            "{} {}, {} {}, {} {}",
            w.value,
            or_nothing(value),
            w.target.to_lowercase(),
            or_nothing(target),
            w.threshold.to_lowercase(),
            or_nothing(threshold)
        );
        let id = format!("b{index}");
        let chart = match (evaluation.target(index), &r.value()) {
            (Some(t), Some(v)) => {
                charts::bullet(t, evaluation.threshold(index), v, &Label { id: &id, title: &title, desc: &desc })
            }
            _ => None,
        };
        // The notes of the quantities the formula read, each once.
        let mut quantity_notes: Vec<(String, &str)> = Vec::new();
        if let Some(ValueSource::Computed) = r.source {
            for input in inputs(evaluation.actuals, node, evaluation.year) {
                if let Some(note) = input.note.filter(|n| !n.is_empty()) {
                    let quantity = input.quantity.to_string();
                    if !quantity_notes.iter().any(|(q, n)| *q == quantity && *n == note) {
                        quantity_notes.push((quantity, note));
                    }
                }
            }
        }
        let decision = r.adjustment().map(|a| match a.decision {
            Decision::Neutralize => format!("{}: {}", w.neutralized_because, a.note),
            Decision::Score(s) => {
                format!("{} {}: {}", w.forced_score, figure::score(s, self.options.lang.figures()), a.note)
            }
        });
        html! {
            div class="detail" {
                @if let Some(chart) = chart { div class="bullet-cell" { (chart) } }
                dl {
                    div class="motivazione" {
                        dt { (w.motivazione) }
                        dd data-field="note" { (evaluation.note(index).unwrap_or(NOTHING)) }
                    }
                    @if !quantity_notes.is_empty() {
                        div {
                            dt { (w.quantity_notes) }
                            dd data-field="quantity-notes" {
                                @for (quantity, note) in &quantity_notes {
                                    span class="cell-line" { code { (quantity) } " " (note) }
                                }
                            }
                        }
                    }
                    @if let Some(algorithm) = node.algorithm() {
                        div { dt { (w.algorithm) } dd { (algorithm) } }
                    }
                    @if let Some(formula) = &node.formula {
                        div { dt { (w.formula) } dd { code { (formula.source) } } }
                    }
                    @if let Some(scale) = r.scale() {
                        div { dt { (w.scale) } dd data-field="scale" { (scale.to_string()) } }
                    }
                    @if let Some(decision) = decision {
                        div { dt { (w.decision) } dd data-field="decision" { (decision) } }
                    }
                    @if let Some(message) = r.message() {
                        div { dt { (w.message) } dd data-field="message" { (self.lang.message(message)) } }
                    }
                }
            }
        }
    }

    /// The scostamento as two lines: the value minus the target (`-9,00
    /// p.p.` for a percent, `+5 gg` for a deadline) and, for a number, in
    /// percent of the target (`-8,57 % del target`).
    pub fn gap_text(
        &self,
        evaluation: &Evaluation,
        index: usize,
        unit: Option<&Unit>,
    ) -> Option<(String, Option<String>)> {
        let w = self.words;
        match gap(evaluation.target(index)?, evaluation.nodes[index].value().as_ref()?)? {
            Gap::Number { difference, percent_of_target } => {
                let absolute = match difference.checked_mul(Decimal::ONE_HUNDRED).filter(|_| is_percent(unit)) {
                    Some(points) => format!("{} {}", figure::score(points, self.options.lang.figures()), w.points),
                    _ => figure::value(&Value::Number(difference), unit, self.options.lang.figures()),
                };
                let relative = percent_of_target
                    .map(|p| format!("{}{} % {}", plus(p), figure::score(p, self.options.lang.figures()), w.of_target));
                Some((format!("{}{absolute}", plus(difference)), relative))
            }
            Gap::Days(days) => {
                let days = Decimal::from(days);
                Some((format!("{}{} {}", plus(days), figure::weight(days, self.options.lang.figures()), w.days), None))
            }
        }
    }
}

/// A `+` before a positive figure; a negative one has its own `-`.
fn plus(n: Decimal) -> &'static str {
    if n > Decimal::ZERO {
        "+"
    } else {
        ""
    }
}

/// Every status, in the order the front page counts them.
const STATUSES: [Status; 7] = [
    Status::Achieved,
    Status::Partial,
    Status::Missed,
    Status::Missing,
    Status::Error,
    Status::Neutralized,
    Status::NoTarget,
];

fn band_word(w: &Report, band: Band) -> &'static str {
    match band {
        Band::Red => w.bands_words[0],
        Band::Amber => w.bands_words[1],
        Band::Green => w.bands_words[2],
    }
}

fn method_explained(w: &Report, method: Method) -> &'static str {
    match method {
        Method::Ratio => w.methods[0],
        Method::Linear => w.methods[1],
        Method::Binary => w.methods[2],
    }
}

/// A coverage as the table writes it: `95 %`.
pub fn coverage_text(c: Decimal, lang: Lang) -> String {
    format!("{} %", figure::weight(c, lang.figures()))
}

pub fn level_class(level: Level) -> &'static str {
    match level {
        Level::Area => "ambito",
        Level::Strategic => "strategic",
        Level::Operational => "operational",
        Level::Indicator => "indicator",
    }
}

/// The colour of a status, always shown with its word.
pub fn status_class(status: Status) -> &'static str {
    match status {
        Status::Achieved => "green",
        Status::Partial => "amber",
        Status::Missed => "red",
        Status::Error => "error",
        Status::Missing | Status::NoTarget | Status::Neutralized => "none",
    }
}

impl Renderer for HtmlReport {
    fn render(&self, plan: &Plan, evaluation: &Evaluation, out: &mut dyn Write) -> io::Result<()> {
        let page = Page::new(plan, &self.options);
        let subtitle = format!("{} {}", page.words.year, evaluation.year);
        let body = html! {
            (page.front(evaluation, &subtitle, None))
            main {
                (page.cruscotto(evaluation))
                (page.tree(evaluation))
            }
        };
        out.write_all(page.document(&subtitle, body).into_string().as_bytes())
    }

    fn render_years(&self, plan: &Plan, trend: &Trend, out: &mut dyn Write) -> io::Result<()> {
        years::YearsHtml { options: self.options.clone() }.render(plan, trend, out)
    }

    /// The Relazione is a year's (or a span's) closing report, not a
    /// mid-year one: `kpi needs` refuses `--format html` before it gets here.
    fn render_needs(&self, _: &Plan, _: &Evaluation, _: &Needs, _: &mut dyn Write) -> io::Result<()> {
        Err(io::Error::new(io::ErrorKind::Unsupported, "the Relazione (html) has no page for kpi needs"))
    }
}
