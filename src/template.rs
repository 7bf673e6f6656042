//! The actuals file to fill in for a year (`kpi template`): one row for every
//! quantity the year's formulas need, lagged years included, and one for the
//! own value of every indicator without a formula.
//!
//! A quantity is **shared** (one row with a blank code) when the actuals
//! already give it as shared, or when two or more of the year's indicators
//! name it and none of them has it under its own code; otherwise it is filed
//! under each indicator's code. Rows the actuals already give come filled in.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use foldhash::fast::RandomState as FastHash;

use crate::actuals::{Actuals, Code};
use crate::formula::Formula;
use crate::lang::Lang;
use crate::plan::{Node, Plan};
use crate::target::Target;
use crate::unit::{is_percent, Unit};
use crate::value::Value;

/// One row of the template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub year: i32,
    /// Blank for a shared quantity.
    pub code: String,
    /// Blank for an indicator's own value.
    pub variable: String,
    /// Already known from the actuals, with the unit it was written in.
    pub known: Option<(Value, Option<Unit>)>,
    /// Who needs the row and how it is computed, in the reader's language:
    /// the template's own `description` column, so that the `note` column
    /// stays the office's (a note on an own-value row is its motivazione).
    pub description: String,
    /// The note the actuals already give on this row, kept when it is filled in again.
    pub note: Option<String>,
}

/// A quantity one indicator needs.
struct Need<'a> {
    name: &'a str,
    key: &'a str,
    lag: u32,
    /// The key's number among the actuals' variables (none: no row gives it),
    /// looked up once per formula rather than at every indicator and year.
    number: Option<u32>,
}

/// A shared row names at most this many indicators, then how many more.
const NAMED_USERS: usize = 3;

/// The rows for `year`: shared quantities first, in order of first use, then
/// each indicator's rows in tree order. Linear in the size of the plan.
pub fn template(plan: &Plan, actuals: Option<&Actuals>, year: i32, lang: Lang) -> Vec<Row> {
    let mut rows = Vec::new();
    each_row(plan, actuals, year, lang, |row| rows.push(row));
    rows
}

/// [`template`]'s rows handed to `each` one by one, in the same order: only
/// the shared rows are held at once (they gather their users), so a plan of
/// a million indicators is written without a million rows in memory.
pub fn each_row(plan: &Plan, actuals: Option<&Actuals>, year: i32, lang: Lang, mut each: impl FnMut(Row)) {
    let words = &lang.words().template;
    let describe = |node: &Node| describe(node, lang);
    let kind_hint = |node: &Node, year: i32| kind_hint(node, year, lang);
    // The distinct quantities each formula needs, worked out once per parsed
    // formula (nodes with the same formula text share one); the first is no formula's.
    let mut needs: Vec<Vec<Need>> = vec![Vec::new()];
    let mut number: HashMap<*const Formula, usize, FastHash> = HashMap::default();
    // Each indicator with a target in `year`, and the number of its formula's needs.
    let indicators: Vec<(&Node, usize)> = plan
        .tree_order()
        .into_iter()
        .map(|i| &plan.nodes[i])
        .filter(|n| n.is_indicator() && n.target_in(year).is_some())
        .map(|node| {
            let Some(formula) = &node.formula else { return (node, 0) };
            let at = *number.entry(Arc::as_ptr(formula)).or_insert_with(|| {
                needs.push(needs_of(formula, actuals));
                needs.len() - 1
            });
            (node, at)
        })
        .collect();
    // Whether the actuals give a quantity under the code (blank: shared) in
    // any year: looked up year by year where the code's values are filed,
    // rather than gathering every row's (code, quantity) pair in a table.
    let years = actuals.map(Actuals::years).unwrap_or_default();
    let blank = actuals.map(|a| a.code(""));
    let mut before = None;
    let codes: Vec<Option<Code>> = indicators
        .iter()
        .map(|(node, _)| {
            let code = actuals.map(|a| a.code_after(node.code(), before));
            before = code.or(before);
            code
        })
        .collect();
    let under = |code: Option<Code>, need: &Need, shared: bool| match (actuals, code, need.number) {
        (Some(a), Some(code), Some(number)) => years
            .iter()
            .any(|&y| a.quantity_numbered(code, number, y).is_some_and(|(_, found_shared)| found_shared == shared)),
        _ => false,
    };
    let gives_shared = |need: &Need| under(blank, need, true);
    // Whether each indicator's actuals give each of its needs under its own
    // code, worked out once (each need is asked about three times below):
    // the needs of indicator `i` from `given[first[i]]` on.
    let mut first: Vec<usize> = Vec::with_capacity(indicators.len());
    let mut given: Vec<bool> = Vec::new();
    for (i, &(node, at)) in indicators.iter().enumerate() {
        first.push(given.len());
        given.extend(needs[at].iter().map(|need| match node.code() {
            // A blank code is the shared quantities' own.
            "" => gives_shared(need),
            _ => under(codes[i], need, false),
        }));
    }
    let gives = |i: usize, n: usize| given[first[i] + n];
    // How many indicators name each quantity without having it under their own code.
    let mut users: HashMap<&str, usize, FastHash> = HashMap::default();
    let mut keys: Vec<&str> = Vec::new();
    for (i, &(_, at)) in indicators.iter().enumerate() {
        keys.clear();
        for (n, need) in needs[at].iter().enumerate() {
            if !gives(i, n) && !keys.contains(&need.key) {
                keys.push(need.key);
            }
        }
        for key in &keys {
            *users.entry(key).or_default() += 1;
        }
    }
    let is_shared = |i: usize, n: usize, need: &Need| {
        !gives(i, n) && (gives_shared(need) || users.get(need.key).is_some_and(|&n| n >= 2))
    };
    let lagged = |need: &Need| year.checked_sub(i32::try_from(need.lag).unwrap_or(i32::MAX));
    let lag = |need: &Need| if need.lag == 0 { String::new() } else { format!("N-{}: ", need.lag) };
    let hint = |node: &Node| {
        let bare = node.formula.as_ref().is_some_and(|f| matches!(f.expr, crate::formula::Expr::Quantity(_)));
        if bare {
            kind_hint(node, year)
        } else {
            String::new()
        }
    };

    // The shared rows first, each with the indicators that use it.
    let mut shared: Vec<(Row, usize)> = Vec::new();
    let mut shared_at: HashMap<(i32, &str), usize, FastHash> = HashMap::default();
    for (i, &(node, at)) in indicators.iter().enumerate() {
        for (_, need) in needs[at].iter().enumerate().filter(|&(n, need)| is_shared(i, n, need)) {
            let Some(at) = lagged(need) else { continue };
            match shared_at.get(&(at, need.key)) {
                Some(&i) => {
                    let (row, named) = &mut shared[i];
                    if *named < NAMED_USERS {
                        row.description.push_str(&format!("; {}", describe(node)));
                    }
                    *named += 1;
                }
                None => {
                    let known =
                        actuals.and_then(|a| a.quantity("", need.key, at).map(|e| (e.value, a.unit(&e).cloned())));
                    let description = format!("{}{} {}{}", lag(need), words.shared_by, describe(node), hint(node));
                    let note = actuals.and_then(|a| a.note("", need.key, at)).map(str::to_string);
                    shared_at.insert((at, need.key), shared.len());
                    let variable = need.name.to_string();
                    let row = Row { year: at, code: String::new(), variable, known, description, note };
                    shared.push((row, 1));
                }
            }
        }
    }
    for (mut row, users) in shared {
        if users > NAMED_USERS {
            let [and, more] = words.and_more;
            row.description.push_str(&format!("; {and} {}{more}", users - NAMED_USERS));
        }
        each(row);
    }

    // Then each indicator's own rows.
    for (i, &(node, at)) in indicators.iter().enumerate() {
        // The code as looked up above, for every value and note of this indicator.
        let code = actuals.zip(codes[i]);
        if node.formula.is_none() {
            let known = code.and_then(|(a, c)| a.own_value_of(c, year).map(|e| (e.value, a.unit(&e).cloned())));
            let description = format!("{}{}", describe(node), kind_hint(node, year));
            let note = code.and_then(|(a, c)| a.note_of(c, "", year, false)).map(str::to_string);
            each(Row { year, code: node.code().to_string(), variable: String::new(), known, description, note });
            continue;
        }
        // The indicator's words, the same on each of its rows, made once.
        let mut said: Option<(String, String)> = None;
        for (_, need) in needs[at].iter().enumerate().filter(|&(n, need)| !is_shared(i, n, need)) {
            let Some(at) = lagged(need) else { continue };
            let known = code.and_then(|(a, c)| {
                a.quantity_numbered(c, need.number?, at).map(|(e, _)| (e.value, a.unit(&e).cloned()))
            });
            let (described, hinted) = said.get_or_insert_with(|| (describe(node), hint(node)));
            let lag = lag(need);
            let mut description = String::with_capacity(lag.len() + described.len() + hinted.len());
            description.push_str(&lag);
            description.push_str(described);
            description.push_str(hinted);
            let note = code.and_then(|(a, c)| a.note_of(c, need.key, at, false)).map(str::to_string);
            let variable = need.name.to_string();
            each(Row { year: at, code: node.code().to_string(), variable, known, description, note });
        }
    }
}

/// A formula's quantities, each (key, lag) once, in order of first appearance.
fn needs_of<'a>(formula: &'a Formula, actuals: Option<&Actuals>) -> Vec<Need<'a>> {
    let mut seen = HashSet::new();
    formula
        .quantities()
        .into_iter()
        .filter(|q| seen.insert((q.key.as_str(), q.lag)))
        .map(|q| Need {
            name: &q.name,
            key: &q.key,
            lag: q.lag,
            number: actuals.and_then(|a| a.variable_number(&q.key)),
        })
        .collect()
}

/// `K1 Tempi medi — algoritmo: Giorni / pratiche`.
fn describe(node: &Node, lang: Lang) -> String {
    let words = &lang.words().template;
    let name = node.title();
    match (&node.algorithm(), &node.formula) {
        (Some(algorithm), _) => format!("{name} — {}: {algorithm}", words.algorithm),
        (None, Some(formula)) => format!("{name} — {}: {}", words.formula, formula.source),
        (None, None) => name,
    }
}

/// How to write a value compared with the year's target directly.
fn kind_hint(node: &Node, year: i32, lang: Lang) -> String {
    let words = &lang.words().template;
    match node.target_in(year) {
        Some(Target::Deadline(_)) => format!(" — {}", words.a_date),
        Some(Target::Boolean(_)) => format!(" — {}", words.yes_or_no),
        Some(Target::Number { .. } | Target::Range { .. }) if is_percent(node.unit.as_ref()) => {
            format!(" — {}", words.a_percent)
        }
        _ => String::new(),
    }
}

/// The columns of an actuals file (README, "The actuals files"), in the
/// reader's language (both read back as the same columns), and the
/// template's own description of each row last.
pub fn header(lang: Lang) -> [&'static str; 6] {
    match lang {
        Lang::Italian => ["anno", "codice", "variabile", "valore", "nota", "descrizione"],
        Lang::English => ["year", "code", "variable", "value", "note", "description"],
    }
}

/// A known value as an Italian spreadsheet writes it, read back the same by
/// `kpi eval`: a decimal comma and no thousands separator, `85 %`,
/// `31-03-2024`, `SI` (see `crate::figure::cell`).
pub fn written(value: &Value, unit: Option<&Unit>) -> String {
    crate::figure::cell::value(value, unit, crate::value::NumberFormat::Italian)
}

/// A text cell that a spreadsheet would run as a formula (`=`, `+`, `-`,
/// `@`, tab, CR first) gets a leading `'`, which spreadsheets hide.
pub fn safe_text(text: &str) -> std::borrow::Cow<'_, str> {
    crate::files::formula_guard::guard(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostics;
    use crate::files::sheet::Sheet;
    use crate::plan::{load_plan, PlanOptions};
    use crate::unit::Unit;
    use rust_decimal::Decimal;
    use std::str::FromStr;

    fn plan(text: &str) -> Plan {
        let mut diagnostics = Diagnostics::default();
        let plan =
            load_plan(&Sheet::parse("plan.csv", text).unwrap(), PlanOptions::default(), &mut diagnostics).unwrap();
        diagnostics.no_error().unwrap();
        plan
    }

    fn actuals(text: &str) -> Actuals {
        let mut a = Actuals::default();
        let mut diagnostics = Diagnostics::default();
        a.add_sheet(&Sheet::parse("a.csv", text).unwrap(), None, &mut diagnostics);
        diagnostics.no_error().unwrap();
        a
    }

    fn brief(rows: &[Row]) -> Vec<(i32, &str, &str)> {
        rows.iter().map(|r| (r.year, r.code.as_str(), r.variable.as_str())).collect()
    }

    const PLAN: &str = "level,code,name,formula,algorithm,unit,target_2024,target_2025\n\
        indicator,K1,Uno,[Imprese attive] / [Pratiche],imprese / pratiche,,>= 1,\n\
        indicator,K2,Due,([Pratiche] - [Pratiche](N-1)) / [Imprese attive],,%,>= 5 %,>= 5 %\n\
        indicator,K3,Tre,,,,SI,\n\
        indicator,K4,Quattro,[Data],,date,Entro 31-03-2024,\n";

    #[test]
    fn shared_quantities_once_lagged_years_and_own_values() {
        let rows = template(&plan(PLAN), None, 2024, Lang::English);
        // a quantity shared in one year is shared in the lagged one too
        assert_eq!(
            brief(&rows),
            vec![
                (2024, "", "Imprese attive"),
                (2024, "", "Pratiche"),
                (2023, "", "Pratiche"),
                (2024, "K3", ""),
                (2024, "K4", "Data"),
            ]
        );
        assert_eq!(rows[0].description, "shared by K1 Uno — algoritmo: imprese / pratiche; K2 Due — formula: ([Pratiche] - [Pratiche](N-1)) / [Imprese attive]");
        assert_eq!(
            rows[2].description,
            "N-1: shared by K2 Due — formula: ([Pratiche] - [Pratiche](N-1)) / [Imprese attive]"
        );
        assert_eq!(rows[3].description, "K3 Tre — SI or NO");
        assert_eq!(rows[4].description, "K4 Quattro — formula: [Data] — a date, e.g. 31-03-2024");
        // In Italian, the default.
        let italian = template(&plan(PLAN), None, 2024, Lang::Italian);
        assert_eq!(italian[3].description, "K3 Tre — SI o NO");
        assert_eq!(
            italian[2].description,
            "N-1: condivisa da K2 Due — formula: ([Pratiche] - [Pratiche](N-1)) / [Imprese attive]"
        );
        // 2025: only K2 has a target, so nothing is shared
        assert_eq!(
            brief(&template(&plan(PLAN), None, 2025, Lang::English)),
            vec![(2025, "K2", "Pratiche"), (2024, "K2", "Pratiche"), (2025, "K2", "Imprese attive")]
        );
    }

    #[test]
    fn the_actuals_decide_what_is_shared_and_fill_what_they_know() {
        let a = actuals("year,code,variable,value\n2023,K2,Pratiche,10\n2024,K1,Pratiche,7\n2022,,Data,2022-01-01\n");
        let rows = template(&plan(PLAN), Some(&a), 2024, Lang::English);
        assert_eq!(
            brief(&rows),
            vec![
                (2024, "", "Imprese attive"),
                (2024, "", "Data"),
                (2024, "K1", "Pratiche"),
                (2024, "K2", "Pratiche"),
                (2023, "K2", "Pratiche"),
                (2024, "K3", ""),
            ]
        );
        assert_eq!(rows[2].known, Some((Value::Number(Decimal::from(7)), None)));
        assert_eq!(rows[4].known, Some((Value::Number(Decimal::from(10)), None)));
        assert_eq!(rows[3].known, None);
    }

    #[test]
    fn a_widely_shared_quantity_names_a_few_users_and_counts_the_rest() {
        let mut text = String::from("level,code,name,formula,target_2024\n");
        for i in 1..=5 {
            text.push_str(&format!("indicator,K{i},N{i},[Imprese] * {i},>= 1\n"));
        }
        let rows = template(&plan(&text), None, 2024, Lang::English);
        assert_eq!(brief(&rows), vec![(2024, "", "Imprese")]);
        assert_eq!(
            rows[0].description,
            "shared by K1 N1 — formula: [Imprese] * 1; K2 N2 — formula: [Imprese] * 2; K3 N3 — formula: [Imprese] * 3; and 2 more"
        );
    }

    #[test]
    fn values_are_written_to_read_back_the_same() {
        let d = |s| Decimal::from_str(s).unwrap();
        assert_eq!(written(&Value::Number(d("0.8537")), Some(&Unit::Percent)), "85,37 %");
        assert_eq!(written(&Value::Number(d("1336")), Some(&Unit::Count)), "1336 N.");
        assert_eq!(written(&Value::Number(d("-7.50")), None), "-7,5");
        assert_eq!(written(&Value::Bool(true), None), "SI");
        assert_eq!(safe_text("=1+1"), "'=1+1");
        assert_eq!(safe_text("K1 Uno"), "K1 Uno");
    }
}
