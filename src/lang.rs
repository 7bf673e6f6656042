//! The words of the human outputs (the table, Markdown, the workbook, years
//! side by side, `explain`, the template's descriptions, the report), in
//! Italian and in English. They are all written here, once, so that every
//! output says the same thing the same way; machine outputs (JSON, CSV, TSV)
//! keep their English field names and statuses whatever the language.

mod message;
pub mod needs;
mod needs_note;

use crate::evaluate::score::{Method, Status};
use crate::figure::Style;
use crate::plan::Level;
use crate::value::NumberFormat;

/// The language of the human outputs (`--lang it|en`): Italian by default,
/// the offices' own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Italian,
    English,
}

/// Every fixed word and label of the human outputs, in one language.
#[derive(Debug)]
pub struct Words {
    /// The table's and Markdown's header, in column order.
    pub header: [&'static str; 8],
    /// Narrow forms of the score and coverage headers, for a narrow terminal.
    pub score_short: &'static str,
    pub coverage_short: &'static str,
    /// The workbook's header, one title per field of the machine formats.
    pub fields: [&'static str; 15],
    /// `Punteggio complessivo`, the closing line's opening words.
    pub overall: &'static str,
    /// `performance organizzativa`.
    pub organisational: &'static str,
    pub coverage: &'static str,
    /// The overall score when nothing was scored.
    pub nothing_scored: &'static str,
    /// No value, or no score, in a cell of years side by side.
    pub not_available: &'static str,
    /// Years side by side: a baseline year's header.
    pub baseline: &'static str,
    /// Years side by side: what each indicator's cell holds.
    pub per_indicator: &'static str,
    /// A deadline target: `entro 31-03-2024`.
    pub by: &'static str,
    /// A range target: `tra 80,00 % e 90,00 %`.
    pub between: &'static str,
    pub and: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    /// The scoring words: `scoring ratio, cap 120, missing counted as 0`.
    pub scoring: &'static str,
    pub cap: &'static str,
    pub missing_counted_as_zero: &'static str,
    /// `--scale` in the footers: `scala 70%:0 90%:100 dove il piano non ne indica una`.
    pub scale: &'static str,
    pub where_the_plan_sets_none: &'static str,
    /// The workbook's sheet: `Valutazione 2024`.
    pub sheet: &'static str,
    pub explain: Explain,
    pub template: Template,
    pub report: Report,
}

/// The words of `kpi explain`.
#[derive(Debug)]
pub struct Explain {
    pub path: &'static str,
    pub algorithm: &'static str,
    pub formula: &'static str,
    pub quantities: &'static str,
    pub value: &'static str,
    pub target: &'static str,
    pub threshold: &'static str,
    pub rule: &'static str,
    pub evaluator: &'static str,
    pub score: &'static str,
    pub coverage: &'static str,
    pub note: &'static str,
    pub none: &'static str,
    /// `soglia: nessuna`.
    pub no_threshold: &'static str,
    pub shared: &'static str,
    pub not_given: &'static str,
    /// The formula of an indicator whose value is given directly.
    pub not_used: &'static str,
    pub given_directly: &'static str,
    /// `none: the value is given directly`.
    pub no_formula: &'static str,
    /// `the plan's baseline_2024`.
    pub plans_baseline: &'static str,
    pub no_value: &'static str,
    /// `none for 2024: not part of the year's evaluation`.
    pub no_target_for: &'static str,
    pub not_in_evaluation: &'static str,
    pub replaced_by_evaluator: &'static str,
    pub neutralized: &'static str,
    pub leaves_the_roll_up: &'static str,
    pub score_forced_to: &'static str,
    pub counted_as_zero: &'static str,
    pub children_average: &'static str,
    pub weight_measured: &'static str,
    pub weighted_contribution: &'static str,
    /// `to OS1 (score 83,32):`, `to the overall score (score 36,55):`.
    pub to: &'static str,
    pub to_the_overall_score: &'static str,
    pub no_score: &'static str,
    pub left_out: &'static str,
    pub too_large: &'static str,
    pub too_large_no_score: &'static str,
    pub no_child_scored: &'static str,
    /// `K1 contributes 91,43 × 40 / 100 = 36,57 points`.
    pub contributes: &'static str,
    pub points: &'static str,
    /// `K1 has no score in 2024, so it is left out of every score above`.
    pub has_no_score_in: &'static str,
    pub left_out_above: &'static str,
    pub rules: Rules,
}

/// The scoring rules' words in `explain`.
#[derive(Debug)]
pub struct Rules {
    pub achieved: &'static str,
    pub meets: &'static str,
    pub achieved_over: &'static str,
    pub achieved_at_cap: &'static str,
    pub the_cap: &'static str,
    pub worse_than_threshold: &'static str,
    pub is: &'static str,
    pub above: &'static str,
    pub after: &'static str,
    pub below: &'static str,
    pub ratio: &'static str,
    pub ratio_lower: &'static str,
    pub linear: &'static str,
    pub linear_lower: &'static str,
    /// `deadline, in days from v … and T … to S …`.
    pub deadline_days: [&'static str; 3],
    pub no_credit: &'static str,
    /// A range target missed: `range tra … : … is below …, so it is scored as >= …`.
    pub range: &'static str,
    pub scored_as: &'static str,
    /// A scale's reading: `scale 70%:0 90%:100: degree of achievement … = 83,33 %, between … and …`.
    pub scale: &'static str,
    pub degree: &'static str,
    pub degree_of_achievement: &'static str,
    pub at_or_below_first: &'static str,
    pub at_or_above_last: &'static str,
    pub between: &'static str,
    pub and: &'static str,
    pub highest_step: &'static str,
    pub below_first_step: &'static str,
    pub raised_to_zero: &'static str,
    pub too_large_so_zero: &'static str,
}

/// The words of the template's notes (who needs each row).
#[derive(Debug)]
pub struct Template {
    pub shared_by: &'static str,
    /// `; and 2 more`: the words before and after the count.
    pub and_more: [&'static str; 2],
    pub algorithm: &'static str,
    pub formula: &'static str,
    pub a_date: &'static str,
    pub yes_or_no: &'static str,
    pub a_percent: &'static str,
}

/// The words of the Relazione (`-o relazione.html`): labels, captions and
/// the sentences that describe its charts to a screen reader.
#[derive(Debug)]
pub struct Report {
    pub lang: &'static str,
    pub report: &'static str,
    pub year: &'static str,
    pub years: &'static str,
    pub overall: &'static str,
    pub overall_per_year: &'static str,
    pub coverage: &'static str,
    pub score: &'static str,
    pub how_made: &'static str,
    pub how_made_caption: &'static str,
    pub setting: &'static str,
    pub setting_value: &'static str,
    pub scoring: &'static str,
    pub cap: &'static str,
    pub missing: &'static str,
    pub missing_skip: &'static str,
    pub missing_zero: &'static str,
    pub scale: &'static str,
    pub no_scale: &'static str,
    pub plan_scales: &'static str,
    pub bands: &'static str,
    pub below: &'static str,
    pub from_to: (&'static str, &'static str),
    pub from: &'static str,
    pub per_status: &'static str,
    pub status: &'static str,
    pub indicators: &'static str,
    pub cruscotto: &'static str,
    pub cruscotto_caption: &'static str,
    pub cruscotto_intro: &'static str,
    pub objective: &'static str,
    pub chart: &'static str,
    pub band: &'static str,
    pub tree: &'static str,
    pub node: &'static str,
    pub weight: &'static str,
    pub target: &'static str,
    pub threshold: &'static str,
    pub value: &'static str,
    pub gap: &'static str,
    pub of_target: &'static str,
    pub points: &'static str,
    pub days: &'static str,
    pub motivazione: &'static str,
    /// The notes on the quantities an indicator's formula read.
    pub quantity_notes: &'static str,
    pub algorithm: &'static str,
    pub formula: &'static str,
    pub decision: &'static str,
    pub neutralized_because: &'static str,
    pub forced_score: &'static str,
    pub message: &'static str,
    pub not_available: &'static str,
    pub side_by_side: &'static str,
    pub side_by_side_caption: &'static str,
    pub baseline: &'static str,
    pub trend: &'static str,
    pub score_chart: &'static str,
    pub bullet_chart: &'static str,
    pub trend_chart: &'static str,
    pub made_by: &'static str,
    /// The bands' words, red to green: `critico`, `attenzione`, `in linea`.
    pub bands_words: [&'static str; 3],
    /// Each scoring method explained: ratio, linear, binary.
    pub methods: [&'static str; 3],
}

const ITALIAN: Words = Words {
    header: ["Obiettivo / indicatore", "Peso", "Target", "Valore", "Punteggio", "Stato", "Copertura", "Nota"],
    score_short: "Punt.",
    coverage_short: "Cop.",
    fields: [
        "livello",
        "codice",
        "padre",
        "nome",
        "unità",
        "peso",
        "target",
        "soglia",
        "valore",
        "punteggio",
        "copertura",
        "stato",
        "messaggio",
        "nota",
        "scala",
    ],
    overall: "Punteggio complessivo",
    organisational: "performance organizzativa",
    coverage: "copertura",
    nothing_scored: "n/d (nessun punteggio)",
    not_available: "n/d",
    baseline: "(baseline)",
    per_indicator: "Per ogni indicatore: valore, target (T), punteggio e stato.",
    by: "entro",
    between: "tra",
    and: "e",
    yes: "SI",
    no: "NO",
    scoring: "metodo",
    cap: "tetto",
    missing_counted_as_zero: "mancanti contati come 0",
    scale: "scala",
    where_the_plan_sets_none: "dove il piano non ne indica una",
    sheet: "Valutazione",
    explain: Explain {
        path: "percorso",
        algorithm: "algoritmo",
        formula: "formula",
        quantities: "quantità",
        value: "valore",
        target: "target",
        threshold: "soglia",
        rule: "regola",
        evaluator: "decisione",
        score: "punteggio",
        coverage: "copertura",
        note: "nota",
        none: "nessuno",
        no_threshold: "nessuna",
        shared: "condivisa",
        not_given: "non data",
        not_used: "non usata: il valore è dato direttamente",
        given_directly: "dato direttamente",
        no_formula: "nessuna: il valore è dato direttamente",
        plans_baseline: "la baseline del piano",
        no_value: "nessun valore",
        no_target_for: "nessuno per il",
        not_in_evaluation: "fuori dalla valutazione dell'anno",
        replaced_by_evaluator: "sostituito dal punteggio del valutatore",
        neutralized: "neutralizzato",
        leaves_the_roll_up: "esce dall'aggregazione",
        score_forced_to: "punteggio imposto a",
        counted_as_zero: "contato come 0 da --missing zero",
        children_average: "Σ w·s / Σ w sui figli con un punteggio:",
        weight_measured: "del peso misurato",
        weighted_contribution: "contributo ponderato:",
        to: "a",
        to_the_overall_score: "al punteggio complessivo",
        no_score: "nessun punteggio",
        left_out: "escluso",
        too_large: "troppo grande",
        too_large_no_score: "troppo grande da calcolare: nessun punteggio",
        no_child_scored: "nessun figlio ha un punteggio (o i loro pesi sommano a 0): nessun punteggio",
        contributes: "contribuisce",
        points: "punti",
        has_no_score_in: "non ha punteggio nel",
        left_out_above: "quindi è escluso da ogni punteggio superiore",
        rules: Rules {
            achieved: "raggiunto",
            meets: "soddisfa",
            achieved_over: "raggiunto, il superamento conta fino al tetto",
            achieved_at_cap: "raggiunto con un valore pari o inferiore a 0 sotto --cap",
            the_cap: "il tetto",
            worse_than_threshold: "peggiore della soglia",
            is: "è",
            above: "sopra",
            after: "dopo",
            below: "sotto",
            ratio: "rapporto",
            ratio_lower: "rapporto (meglio se minore)",
            linear: "lineare",
            linear_lower: "lineare (meglio se minore)",
            deadline_days: ["scadenza, in giorni da v", "e T", "a S"],
            no_credit: "non raggiunto, senza credito parziale",
            range: "intervallo",
            scored_as: "quindi è valutato come",
            scale: "scala",
            degree: "grado",
            degree_of_achievement: "grado di raggiungimento",
            at_or_below_first: "pari o inferiore al primo punto",
            at_or_above_last: "pari o superiore all'ultimo punto",
            between: "tra",
            and: "e",
            highest_step: "il gradino più alto raggiunto è",
            below_first_step: "sotto il primo gradino",
            raised_to_zero: "portato a 0 (un punteggio non è mai negativo)",
            too_large_so_zero: "troppo grande da calcolare, quindi 0",
        },
    },
    template: Template {
        shared_by: "condivisa da",
        and_more: ["e altri", ""],
        algorithm: "algoritmo",
        formula: "formula",
        a_date: "una data, es. 31-03-2024",
        yes_or_no: "SI o NO",
        a_percent: "una percentuale, es. 85 %",
    },
    report: Report {
        lang: "it",
        report: "Relazione sulla performance",
        year: "Anno",
        years: "Anni",
        overall: "Punteggio complessivo (performance organizzativa)",
        overall_per_year: "Punteggio complessivo per anno",
        coverage: "Copertura",
        score: "Punteggio",
        how_made: "Come sono calcolati i punteggi",
        how_made_caption: "Regole di calcolo",
        setting: "Regola",
        setting_value: "Scelta",
        scoring: "Metodo di punteggio",
        cap: "Tetto del punteggio",
        missing: "Indicatori mancanti",
        missing_skip: "esclusi dal calcolo",
        missing_zero: "contati come 0",
        scale: "Scala",
        no_scale: "nessuna",
        plan_scales: "quella del piano, per gli indicatori che ne hanno una (sotto)",
        bands: "Fasce di punteggio",
        below: "sotto",
        from_to: ("da", "a meno di"),
        from: "da",
        per_status: "Indicatori per stato",
        status: "Stato",
        indicators: "Indicatori",
        cruscotto: "Cruscotto strategico",
        cruscotto_caption: "Punteggio per ambito e obiettivo strategico",
        cruscotto_intro:
            "Ogni barra è il punteggio del nodo sullo sfondo delle fasce; la copertura è la quota del peso misurata.",
        objective: "Ambito / obiettivo",
        chart: "Grafico",
        band: "Fascia",
        tree: "Obiettivi e indicatori",
        node: "Obiettivo / indicatore",
        weight: "Peso",
        target: "Target",
        threshold: "Soglia",
        value: "Valore",
        gap: "Scostamento",
        of_target: "del target",
        points: "p.p.",
        days: "gg",
        motivazione: "Motivazione",
        quantity_notes: "Note sui dati",
        algorithm: "Algoritmo",
        formula: "Formula",
        decision: "Decisione",
        neutralized_because: "neutralizzato",
        forced_score: "punteggio imposto",
        message: "Esito del calcolo",
        not_available: "n/d",
        side_by_side: "Anni a confronto",
        side_by_side_caption: "Punteggi e valori per anno",
        baseline: "baseline",
        trend: "Andamento",
        score_chart: "Punteggio",
        bullet_chart: "Valore rispetto a target e soglia",
        trend_chart: "Punteggio per anno",
        made_by: "Prodotto con kpi",
        bands_words: ["critico", "attenzione", "in linea"],
        methods: [
            "rapporto: valore rispetto al target (100·v/T, o 100·T/v se è meglio meno)",
            "lineare: in proporzione tra soglia e target",
            "binario: 100 se raggiunto, altrimenti 0",
        ],
    },
};

const ENGLISH: Words = Words {
    header: ["Objective / indicator", "Weight", "Target", "Value", "Score", "Status", "Coverage", "Note"],
    score_short: "Score",
    coverage_short: "Cov.",
    fields: [
        "level",
        "code",
        "parent",
        "name",
        "unit",
        "weight",
        "target",
        "threshold",
        "value",
        "score",
        "coverage",
        "status",
        "message",
        "note",
        "scale",
    ],
    overall: "Overall score",
    organisational: "organisational performance",
    coverage: "coverage",
    nothing_scored: "n/a (nothing scored)",
    not_available: "n/a",
    baseline: "(baseline)",
    per_indicator: "For each indicator: value, target (T), score and status.",
    by: "by",
    between: "between",
    and: "and",
    yes: "YES",
    no: "NO",
    scoring: "scoring",
    cap: "cap",
    missing_counted_as_zero: "missing counted as 0",
    scale: "scale",
    where_the_plan_sets_none: "where the plan sets none",
    sheet: "Evaluation",
    explain: Explain {
        path: "path",
        algorithm: "algoritmo",
        formula: "formula",
        quantities: "quantities",
        value: "value",
        target: "target",
        threshold: "soglia",
        rule: "rule",
        evaluator: "evaluator",
        score: "score",
        coverage: "coverage",
        note: "note",
        none: "none",
        no_threshold: "none",
        shared: "shared",
        not_given: "not given",
        not_used: "not used: the value is given directly",
        given_directly: "given directly",
        no_formula: "none: the value is given directly",
        plans_baseline: "the plan's baseline",
        no_value: "no value",
        no_target_for: "none for",
        not_in_evaluation: "not part of the year's evaluation",
        replaced_by_evaluator: "replaced by the evaluator's score",
        neutralized: "neutralized",
        leaves_the_roll_up: "it leaves the roll-up",
        score_forced_to: "score forced to",
        counted_as_zero: "counted as 0 by --missing zero",
        children_average: "Σ w·s / Σ w over the children with a score:",
        weight_measured: "of the weight measured",
        weighted_contribution: "weighted contribution:",
        to: "to",
        to_the_overall_score: "to the overall score",
        no_score: "no score",
        left_out: "left out",
        too_large: "too large",
        too_large_no_score: "too large to compute: no score",
        no_child_scored: "no child has a score (or their weights add up to 0): no score",
        contributes: "contributes",
        points: "points",
        has_no_score_in: "has no score in",
        left_out_above: "so it is left out of every score above",
        rules: Rules {
            achieved: "achieved",
            meets: "meets",
            achieved_over: "achieved, over-achievement counted up to the cap",
            achieved_at_cap: "achieved with a value at or below 0 under --cap",
            the_cap: "the cap",
            worse_than_threshold: "worse than the soglia",
            is: "is",
            above: "above",
            after: "after",
            below: "below",
            ratio: "ratio",
            ratio_lower: "ratio (lower is better)",
            linear: "linear",
            linear_lower: "linear (lower is better)",
            deadline_days: ["deadline, in days from v", "and T", "to S"],
            no_credit: "missed, no partial credit",
            range: "range",
            scored_as: "so it is scored as",
            scale: "scale",
            degree: "degree",
            degree_of_achievement: "degree of achievement",
            at_or_below_first: "at or below the first point",
            at_or_above_last: "at or above the last point",
            between: "between",
            and: "and",
            highest_step: "the highest step reached is",
            below_first_step: "below the first step",
            raised_to_zero: "raised to 0 (a score is never negative)",
            too_large_so_zero: "too large to compute, so 0",
        },
    },
    template: Template {
        shared_by: "shared by",
        and_more: ["and", " more"],
        algorithm: "algoritmo",
        formula: "formula",
        a_date: "a date, e.g. 31-03-2024",
        yes_or_no: "SI or NO",
        a_percent: "a percent, e.g. 85 %",
    },
    report: Report {
        lang: "en",
        report: "Performance report",
        year: "Year",
        years: "Years",
        overall: "Overall score (organisational performance)",
        overall_per_year: "Overall score per year",
        coverage: "Coverage",
        score: "Score",
        how_made: "How the scores were made",
        how_made_caption: "Scoring rules",
        setting: "Rule",
        setting_value: "Choice",
        scoring: "Scoring",
        cap: "Score cap",
        missing: "Missing indicators",
        missing_skip: "left out",
        missing_zero: "counted as 0",
        scale: "Scale",
        no_scale: "none",
        plan_scales: "the plan's, for the indicators that have one (below)",
        bands: "Score bands",
        below: "below",
        from_to: ("from", "to below"),
        from: "from",
        per_status: "Indicators per status",
        status: "Status",
        indicators: "Indicators",
        cruscotto: "Dashboard",
        cruscotto_caption: "Score per ambito and strategic objective",
        cruscotto_intro:
            "Each bar is the node's score over the bands; coverage is the share of its weight that was measured.",
        objective: "Ambito / objective",
        chart: "Chart",
        band: "Band",
        tree: "Objectives and indicators",
        node: "Objective / indicator",
        weight: "Weight",
        target: "Target",
        threshold: "Threshold",
        value: "Value",
        gap: "Gap",
        of_target: "of target",
        points: "pp",
        days: "days",
        motivazione: "Reason",
        quantity_notes: "Notes on the data",
        algorithm: "Algorithm",
        formula: "Formula",
        decision: "Decision",
        neutralized_because: "neutralized",
        forced_score: "score forced to",
        message: "Calculation",
        not_available: "n/a",
        side_by_side: "Years side by side",
        side_by_side_caption: "Scores and values per year",
        baseline: "baseline",
        trend: "Trend",
        score_chart: "Score",
        bullet_chart: "Value against target and threshold",
        trend_chart: "Score per year",
        made_by: "Made with kpi",
        bands_words: ["off track", "at risk", "on track"],
        methods: [
            "ratio: the value against the target (100·v/T, or 100·T/v when lower is better)",
            "linear: in proportion from the threshold to the target",
            "binary: 100 when achieved, else 0",
        ],
    },
};

impl Lang {
    /// How this language's reader writes figures (README, "Language"):
    /// `1.336,5` and `31-03-2024` in Italian, `1,336.5` and `31/03/2024` in English.
    pub fn figures(self) -> Style {
        let w = self.words();
        let numbers = match self {
            Lang::Italian => NumberFormat::Italian,
            Lang::English => NumberFormat::English,
        };
        Style { numbers, yes: w.yes, no: w.no, by: w.by, between: w.between, and: w.and }
    }

    /// Every word of the human outputs in this language.
    pub fn words(self) -> &'static Words {
        match self {
            Lang::Italian => &ITALIAN,
            Lang::English => &ENGLISH,
        }
    }

    /// A status as a reader says it: `raggiunto`, `non raggiunto`.
    pub fn status(self, status: Status) -> &'static str {
        match (self, status) {
            (Lang::Italian, Status::Achieved) => "raggiunto",
            (Lang::Italian, Status::Partial) => "parziale",
            (Lang::Italian, Status::Missed) => "non raggiunto",
            (Lang::Italian, Status::Missing) => "mancante",
            (Lang::Italian, Status::NoTarget) => "senza target",
            (Lang::Italian, Status::Error) => "errore",
            (Lang::Italian, Status::Neutralized) => "neutralizzato",
            (Lang::English, Status::Achieved) => "achieved",
            (Lang::English, Status::Partial) => "partial",
            (Lang::English, Status::Missed) => "missed",
            (Lang::English, Status::Missing) => "missing",
            (Lang::English, Status::NoTarget) => "no target",
            (Lang::English, Status::Error) => "error",
            (Lang::English, Status::Neutralized) => "neutralized",
        }
    }

    /// A status as a count of indicators: `raggiunti`, `errori`.
    pub fn status_plural(self, status: Status) -> &'static str {
        match (self, status) {
            (Lang::Italian, Status::Achieved) => "raggiunti",
            (Lang::Italian, Status::Partial) => "parziali",
            (Lang::Italian, Status::Missed) => "non raggiunti",
            (Lang::Italian, Status::Missing) => "mancanti",
            (Lang::Italian, Status::NoTarget) => "senza target",
            (Lang::Italian, Status::Error) => "errori",
            (Lang::Italian, Status::Neutralized) => "neutralizzati",
            (Lang::English, other) => self.status(other),
        }
    }

    /// A scoring method: `rapporto`, `ratio`.
    pub fn method(self, method: Method) -> &'static str {
        match (self, method) {
            (Lang::Italian, Method::Ratio) => "rapporto",
            (Lang::Italian, Method::Linear) => "lineare",
            (Lang::Italian, Method::Binary) => "binario",
            (Lang::English, Method::Ratio) => "ratio",
            (Lang::English, Method::Linear) => "linear",
            (Lang::English, Method::Binary) => "binary",
        }
    }

    /// A level of the tree: `obiettivo strategico`.
    pub fn level(self, level: Level) -> &'static str {
        match (self, level) {
            (_, Level::Area) => "ambito",
            (Lang::Italian, Level::Strategic) => "obiettivo strategico",
            (Lang::Italian, Level::Operational) => "obiettivo operativo",
            (Lang::Italian, Level::Indicator) => "indicatore",
            (Lang::English, Level::Strategic) => "strategic objective",
            (Lang::English, Level::Operational) => "operational objective",
            (Lang::English, Level::Indicator) => "indicator",
        }
    }

    /// Why a missed target earned no partial credit, as the scoring rules
    /// give it (in English), in this language.
    pub fn reason(self, reason: &'static str) -> &'static str {
        if self == Lang::English {
            return reason;
        }
        match reason {
            "an exact target earns no partial credit" => "un target esatto non dà credito parziale",
            "the soglia equals the target: no range for partial credit" => {
                "la soglia è uguale al target: nessun intervallo per il credito parziale"
            }
            "no soglia" => "nessuna soglia",
            "binary scoring gives no partial credit" => "il metodo binario non dà credito parziale",
            "a ratio needs a positive target and a non-negative value, and there is no soglia" => {
                "un rapporto richiede un target positivo e un valore non negativo, e non c'è soglia"
            }
            "the soglia equals the deadline: no range for partial credit" => {
                "la soglia è uguale alla scadenza: nessun intervallo per il credito parziale"
            }
            "a late deadline without a soglia earns nothing" => "una scadenza mancata senza soglia non dà nulla",
            "a yes/no target earns no partial credit" => "un target SI/NO non dà credito parziale",
            other => other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_has_its_words_in_both_languages() {
        let all = Status::ALL;
        let italian: Vec<&str> = all.iter().map(|&s| Lang::Italian.status(s)).collect();
        assert_eq!(
            italian,
            ["raggiunto", "parziale", "non raggiunto", "mancante", "senza target", "errore", "neutralizzato"]
        );
        let english: Vec<&str> = all.iter().map(|&s| Lang::English.status(s)).collect();
        assert_eq!(english, ["achieved", "partial", "missed", "missing", "no target", "error", "neutralized"]);
        assert_eq!(Lang::default(), Lang::Italian);
    }
}
