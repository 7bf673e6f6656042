//! The real plan (a Camera di commercio's 2024-2026 objectives) through the
//! binary and the loader: import, the typed values, and the evaluation of
//! the reviewed fixture.

mod common;

use std::str::FromStr;

use chrono::NaiveDate;
use common::{fixture, kpi};
use kpi::plan::{load_plan, Plan, PlanOptions};
use kpi::sheet::Sheet;
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
    load_plan(&Sheet::parse("imported.csv", &text).unwrap(), PlanOptions::default(), &mut Vec::new()).unwrap()
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
        .stdout(predicate::str::starts_with("level;code;name;weight;weight_alt;formula;algorithm;unit;threshold;"))
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
    let ambiti: Vec<Decimal> = plan.roots.iter().map(|&r| plan.nodes[r].weight.unwrap()).collect();
    assert_eq!(ambiti, [d("50"), d("29"), d("7"), d("7"), d("7")]);
    assert_eq!(node(&plan, "OS08.2.1").weight, Some(d("33.34")));

    let ec05 = node(&plan, "EC05.1");
    assert_eq!(ec05.baseline_by_year[&2021], Value::Number(d("1.1467")));
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
    assert_eq!(node(&plan, "OC_TBS_01").baseline_by_year[&2022], Value::Number(d("1336")));
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
