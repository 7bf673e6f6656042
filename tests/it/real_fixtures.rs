//! The hand-reviewed canonical plan of the real document
//! (`fixtures/real/plan.csv`) and its example actuals
//! (`fixtures/real/actuals-2024.csv`) must stay usable together: the plan
//! is the importer's output plus marked corrections, and the actuals give
//! every quantity its formulas need.

use kpi::import::import_published;
use std::collections::HashMap;
use std::path::Path;

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/real").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The fixture plan's rows, each as column name → cell.
fn plan_rows() -> Vec<HashMap<String, String>> {
    let text = fixture("plan.csv");
    let mut reader = csv::ReaderBuilder::new().delimiter(b';').from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    reader
        .records()
        .map(|record| {
            let record = record.expect("plan.csv parses as CSV");
            header.iter().cloned().zip(record.iter().map(String::from)).collect()
        })
        .collect()
}

/// Every `[name]` of a formula with the lag of its optional `(N-k)`.
fn quantities(formula: &str) -> Vec<(String, i32)> {
    let mut found = Vec::new();
    let mut rest = formula;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let close = after.find(']').expect("unclosed [");
        let name = after[..close].to_string();
        rest = &after[close + 1..];
        let lag =
            rest.strip_prefix("(N-").and_then(|r| r.split_once(')')).and_then(|(k, _)| k.parse().ok()).unwrap_or(0);
        found.push((name, lag));
    }
    found
}

#[test]
fn plan_fixture_has_5_ambiti_11_objectives_69_indicators() {
    let rows = plan_rows();
    let count = |level: &str| rows.iter().filter(|r| r["level"] == level).count();
    assert_eq!(rows.len(), 5 + 11 + 69);
    assert_eq!(count("ambito"), 5);
    assert_eq!(count("strategic"), 11);
    assert_eq!(count("indicator"), 69);
    for row in rows.iter().filter(|r| r["level"] == "indicator") {
        assert!(!row["formula"].is_empty(), "{} has no formula", row["code"]);
    }
}

#[test]
fn plan_fixture_is_the_importer_output_with_marked_corrections() {
    let source = fixture("obiettivi-ente-2024-2026.txt");
    let imported = import_published(&source).unwrap().to_canonical_csv();
    let mut reader = csv::ReaderBuilder::new().delimiter(b';').from_reader(imported.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let fixture_rows = plan_rows();
    let mut corrected = Vec::new();
    for (record, fixture_row) in reader.records().zip(&fixture_rows) {
        let record = record.unwrap();
        let imported: HashMap<&str, &str> = header.iter().map(String::as_str).zip(record.iter()).collect();
        let code = &fixture_row["code"];
        let changed: Vec<&str> = header
            .iter()
            .map(String::as_str)
            .filter(|column| *column != "review" && fixture_row[*column] != imported[column])
            .collect();
        let review = &fixture_row["review"];
        if review.starts_with("corrected by hand: ") {
            assert!(
                review.ends_with(imported["review"]),
                "{code}: the importer's own notes are kept after the correction"
            );
            corrected.push(code.clone());
        } else {
            assert!(changed.is_empty(), "{code}: {changed:?} changed without a note");
            assert_eq!(review, imported["review"], "{code}");
        }
        assert!(
            changed.iter().all(|c| ["name", "formula", "threshold"].contains(c)),
            "{code}: only names, formulas and soglie are corrected, not {changed:?}"
        );
    }
    assert_eq!(fixture_rows.len(), 85);
    assert_eq!(
        corrected,
        [
            "kpi3.1.1_02",
            "OC_TBS_02",
            "kpi3.1.1_08",
            "kpi4.1.1_02",
            "kpi4.1.1_03",
            "kpi4.1.1_04",
            "kpi11.2.2_06",
            "kpi12.3_04"
        ]
    );
}

#[test]
fn plan_fixture_formulas_are_in_the_formula_language() {
    for row in plan_rows().iter().filter(|r| !r["formula"].is_empty()) {
        if let Err(problem) = check_formula(&row["formula"]) {
            panic!("{}: {problem} in {}", row["code"], row["formula"]);
        }
    }
}

#[test]
fn actuals_give_every_quantity_the_formulas_need() {
    let text = fixture("actuals-2024.csv");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(reader.headers().unwrap().iter().collect::<Vec<_>>(), ["year", "code", "variable", "value", "note"]);
    let mut given: Vec<(i32, String, String)> = Vec::new();
    for record in reader.records() {
        let record = record.unwrap();
        assert_eq!(&record[4], "example value, not real data");
        assert!(!record[3].is_empty(), "{record:?} has no value");
        given.push((record[0].parse().unwrap(), record[1].to_string(), record[2].to_string()));
    }
    let has = |year: i32, code: &str, name: &str| {
        given.iter().any(|(y, c, n)| *y == year && (c == code || c.is_empty()) && n == name)
    };
    let mut needed = 0;
    for row in plan_rows().iter().filter(|r| r["level"] == "indicator") {
        let code = &row["code"];
        if row["formula"].is_empty() {
            assert!(has(2024, code, ""), "{code} has neither formula nor own value");
            continue;
        }
        for (name, lag) in quantities(&row["formula"]) {
            needed += 1;
            assert!(has(2024 - lag, code, &name), "{code}: no {} value for [{name}]", 2024 - lag);
        }
    }
    assert!(needed >= 69);
}

/// A small check of the formula syntax (README, "Formulas"), enough to catch a slip in a formula
/// edited by hand: quantities, lags, numbers, `+ - * /`, parentheses and
/// `min`/`max`/`abs`.
fn check_formula(formula: &str) -> Result<(), String> {
    let mut parser = FormulaCheck { chars: formula.chars().collect(), at: 0 };
    parser.sum()?;
    parser.skip_spaces();
    match parser.chars.get(parser.at) {
        None => Ok(()),
        Some(c) => Err(format!("unexpected '{c}' at {}", parser.at)),
    }
}

struct FormulaCheck {
    chars: Vec<char>,
    at: usize,
}

impl FormulaCheck {
    fn skip_spaces(&mut self) {
        while self.chars.get(self.at).is_some_and(|c| c.is_whitespace()) {
            self.at += 1;
        }
    }

    fn eat(&mut self, wanted: char) -> bool {
        self.skip_spaces();
        let found = self.chars.get(self.at) == Some(&wanted);
        if found {
            self.at += 1;
        }
        found
    }

    fn sum(&mut self) -> Result<(), String> {
        self.product()?;
        while self.eat('+') || self.eat('-') {
            self.product()?;
        }
        Ok(())
    }

    fn product(&mut self) -> Result<(), String> {
        self.unary()?;
        while self.eat('*') || self.eat('/') {
            self.unary()?;
        }
        Ok(())
    }

    fn unary(&mut self) -> Result<(), String> {
        if self.eat('-') {
            return self.unary();
        }
        self.atom()
    }

    fn atom(&mut self) -> Result<(), String> {
        self.skip_spaces();
        if self.eat('[') {
            let close = self.chars[self.at..].iter().position(|&c| c == ']').ok_or("unclosed [")?;
            if close == 0 {
                return Err("empty quantity name".into());
            }
            self.at += close + 1;
            let lag: String = self.chars[self.at..].iter().take(3).collect();
            if lag == "(N-" {
                self.at += 3;
                let digits = self.chars[self.at..].iter().take_while(|c| c.is_ascii_digit()).count();
                self.at += digits;
                if digits == 0 || !self.eat(')') {
                    return Err("bad (N-k)".into());
                }
            }
            return Ok(());
        }
        if self.eat('(') {
            self.sum()?;
            return if self.eat(')') { Ok(()) } else { Err("unclosed (".into()) };
        }
        let start = self.at;
        let digits = self.chars[start..].iter().take_while(|c| c.is_ascii_digit() || **c == '.').count();
        if digits > 0 {
            self.at += digits;
            self.eat('%');
            return Ok(());
        }
        for function in ["min", "max", "abs"] {
            let name: String = self.chars[start..].iter().take(3).collect();
            if name == function {
                self.at += 3;
                if !self.eat('(') {
                    return Err(format!("{function} without ("));
                }
                self.sum()?;
                while self.eat(',') {
                    self.sum()?;
                }
                return if self.eat(')') { Ok(()) } else { Err("unclosed (".into()) };
            }
        }
        Err(format!("expected a value at {start}"))
    }
}

#[test]
fn the_formula_check_rejects_slips() {
    assert!(check_formula("([a] - [a](N-1)) / [a](N-1)").is_ok());
    assert!(check_formula("[x] / ([y] / 100) * 50% + max([a], 2)").is_ok());
    for bad in ["[a] /", "([a]", "[a](N-)", "[a] [b]", "[]", "[a"] {
        assert!(check_formula(bad).is_err(), "{bad}");
    }
}
