//! The real plan (a Camera di commercio's 2024-2026 objectives) through the
//! binary and the loader: import, the typed values, and the evaluation of
//! the reviewed fixture.

use crate::common;

use std::str::FromStr;

use chrono::NaiveDate;
use common::{fixture, kpi};
use kpi::diagnostic::Diagnostics;
use kpi::files::sheet::Sheet;
use kpi::plan::{load_plan, Plan, PlanOptions};
use kpi::target::{Comparison, Target};
use kpi::value::Value;
use predicates::prelude::*;
use rust_decimal::Decimal;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn imported_plan() -> Plan {
    let output = kpi().arg("import").arg(fixture("real/obiettivi-ente-2024-2026.txt")).output().unwrap();
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    let mut diagnostics = Diagnostics::default();
    let plan =
        load_plan(&Sheet::parse("imported.csv", &text).unwrap(), PlanOptions::default(), &mut diagnostics).unwrap();
    diagnostics.no_error().unwrap();
    plan
}

fn node<'a>(plan: &'a Plan, code: &str) -> &'a kpi::plan::Node {
    &plan.nodes[plan.find(code).unwrap_or_else(|| panic!("no {code}"))]
}

#[test]
fn import_writes_the_canonical_plan_and_the_review_list() {
    kpi()
        .arg("import")
        .arg(fixture("real/obiettivi-ente-2024-2026.txt"))
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "\u{feff}level;code;name;weight;weight_alt;formula;algorithm;unit;threshold;",
        ))
        .stderr(predicate::str::contains("kpi14.5_04#2"))
        .stderr(predicate::str::contains("110,00 %"))
        .stderr(predicate::str::contains("imported 85 rows (69 indicators)"));
}

#[test]
fn the_imported_values_are_typed_as_the_document_means_them() {
    let plan = imported_plan();
    let levels = |l: kpi::plan::Level| plan.nodes.iter().filter(|n| n.level == l).count();
    assert_eq!(
        (levels(kpi::plan::Level::Area), levels(kpi::plan::Level::Strategic), levels(kpi::plan::Level::Indicator)),
        (5, 11, 69)
    );
    let ambiti: Vec<Decimal> = plan.roots.iter().map(|&r| plan.nodes[r].weight().unwrap()).collect();
    assert_eq!(ambiti, [d("50"), d("29"), d("7"), d("7"), d("7")]);
    assert_eq!(node(&plan, "OS08.2.1").weight(), Some(d("33.34")));

    let ec05 = node(&plan, "EC05.1");
    assert_eq!(ec05.baseline_by_year()[&2021], Value::Number(d("1.1467")));
    assert_eq!(ec05.target_in(2024), Some(&Target::Number { comparison: Comparison::AtLeast, value: d("1.05") }));
    assert_eq!(ec05.target_in(2025), None);
    assert_eq!(
        node(&plan, "kpi2.1.1_02").target_in(2024),
        Some(&Target::Number { comparison: Comparison::AtMost, value: d("2") })
    );
    assert_eq!(
        node(&plan, "kpi11.2.2_01").target_in(2024),
        Some(&Target::Deadline(NaiveDate::from_ymd_opt(2024, 3, 31).unwrap()))
    );
    assert_eq!(node(&plan, "OC_TBS_01").baseline_by_year()[&2022], Value::Number(d("1336")));
    assert_eq!(
        node(&plan, "EC27").target_in(2024),
        Some(&Target::Number { comparison: Comparison::AtLeast, value: d("-0.12") })
    );
    // Both rows that share a code are kept, the second one renamed.
    assert!(plan.find("kpi14.5_04").is_some() && plan.find("kpi14.5_04#2").is_some());
}

#[test]
fn eval_reads_the_published_layout_directly() {
    let txt = kpi()
        .args(["eval", "2024", "--format", "json", "--plan"])
        .arg(fixture("real/obiettivi-ente-2024-2026.txt"))
        .arg("--actuals")
        .arg(fixture("real/actuals-2024.csv"))
        .output()
        .unwrap();
    assert!(txt.status.success(), "{}", String::from_utf8_lossy(&txt.stderr));
    let stderr = String::from_utf8_lossy(&txt.stderr);
    assert!(stderr.contains("obiettivi-ente-2024-2026.txt:141: review: kpi14.5_04#2"), "{stderr}");
    let json: serde_json::Value = serde_json::from_slice(&txt.stdout).unwrap();
    assert_eq!(json["nodes"].as_array().unwrap().len(), 85);
}

#[test]
fn the_reviewed_fixture_evaluates_every_indicator() {
    let e = common::eval_json(&fixture("real"), &["2024", "--plan", "plan.csv", "--actuals", "actuals-2024.csv"]);
    let indicators: Vec<&serde_json::Value> =
        e["nodes"].as_array().unwrap().iter().filter(|n| n["level"] == "indicator").collect();
    assert_eq!(indicators.len(), 69);
    for n in &indicators {
        let status = n["status"].as_str().unwrap();
        assert!(["achieved", "partial", "missed"].contains(&status), "{} is {status}: {}", n["code"], n["message"]);
    }
    assert_eq!(e["coverage"].to_string(), "100");
    // EC05.1: 48 250 000 / 42 100 000 = 1.146080760… >= 1.05: achieved
    let ec05 = common::node(&e, "EC05.1");
    assert_eq!((ec05["value"].to_string(), ec05["status"].as_str()), ("1.1460807601".into(), Some("achieved")));
}

#[test]
fn the_example_actuals_score_as_worked_out_by_hand() {
    let e = common::eval_json(&fixture("real"), &["2024", "--plan", "plan.csv", "--actuals", "actuals-2024.csv"]);
    let score = |code: &str| common::text(&common::node(&e, code)["score"]);
    let status = |code: &str| common::text(&common::node(&e, code)["status"]);
    // kpi1.1.1_03, assenteismo: 4 290 / 56 400 = 0.0760638… against <= 7 % (soglia 10 %):
    // 100 × 0.07 / 0.0760638 = 394 800 / 4 290 = 92.027972
    assert_eq!((score("kpi1.1.1_03"), status("kpi1.1.1_03")), ("92.027972".into(), "partial".into()));
    // OS01.1.1, five indicators at 20 %: (4 × 100 + 92.027972) / 5 = 98.405594
    assert_eq!(score("OS01.1.1"), "98.405594");
    // kpi3.1.1_02: 1 100 / 27 400 (the 2023 figure) = 0.0401459… against >= 10 %: 100 × 0.0401459 / 0.1 = 40.145985
    assert_eq!(score("kpi3.1.1_02"), "40.145985");
    // OC_TBS_01: 13 200 against >= 15.000 N.: 100 × 13 200 / 15 000 = 88
    assert_eq!(score("OC_TBS_01"), "88");
    // kpi7.1.2_10: the brief delivered 15-04-2024, deadline 31-03-2024, no soglia: 0
    assert_eq!((score("kpi7.1.2_10"), status("kpi7.1.2_10")), ("0".into(), "missed".into()));
    // kpi9.2.1_02: 26 500 − 25 100 = 1 400 new followers against >= 2.000 (soglia 500): 100 × 1 400 / 2 000 = 70
    assert_eq!(score("kpi9.2.1_02"), "70");
}

#[test]
fn import_writes_only_csv_files() {
    let dir = tempfile::tempdir().unwrap();
    kpi()
        .current_dir(dir.path())
        .arg("import")
        .arg(fixture("real/obiettivi-ente-2024-2026.txt"))
        .args(["-o", "plan.xlsx"])
        .assert()
        .code(2)
        .stdout("")
        .stderr("kpi: -o plan.xlsx: the canonical plan is a CSV file (it opens in any spreadsheet); name it .csv\n");
    assert!(!dir.path().join("plan.xlsx").exists());
    kpi()
        .current_dir(dir.path())
        .arg("import")
        .arg(fixture("real/obiettivi-ente-2024-2026.txt"))
        .args(["-o", "plan.CSV"])
        .assert()
        .success();
    let written = std::fs::read_to_string(dir.path().join("plan.CSV")).unwrap();
    assert!(written.starts_with("\u{feff}level;code;name;weight;"), "{written}");
}
