//! Plans as offices publish them beyond the 2024-2026 edition, made from the
//! real plan: each fixture under `fixtures/import/` imports with the
//! structure, years, weights and targets the document means, and evaluates
//! end to end to an overall worked out by hand.

use crate::common;

use common::{eval_json, fixture, kpi, node, text};
use kpi::import::{import_published, ImportedLevel, ImportedPlan, ImportedRow, PlanYears};

fn import(name: &str) -> ImportedPlan {
    let path = fixture(&format!("import/{name}"));
    let source = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    import_published(&source).unwrap_or_else(|e| panic!("{name}: {e:?}"))
}

fn row<'a>(plan: &'a ImportedPlan, code: &str) -> &'a ImportedRow {
    plan.rows.iter().find(|r| r.code == code).unwrap_or_else(|| panic!("no row {code}"))
}

/// Every value cell of a row, baselines then targets, with its column.
fn cells(row: &ImportedRow) -> Vec<(String, String)> {
    let baselines = row.baselines.iter().map(|(y, c)| (format!("baseline_{y}"), c.clone()));
    let targets = row.targets.iter().map(|(y, c)| (format!("target_{y}"), c.clone()));
    baselines.chain(targets).collect()
}

/// The cells a test expects, under their columns.
fn columns(names: [&str; 6], values: [&str; 6]) -> Vec<(String, String)> {
    names.iter().zip(values).map(|(n, v)| (n.to_string(), v.to_string())).collect()
}

const EDITION_COLUMNS: [&str; 6] =
    ["baseline_2022", "baseline_2023", "baseline_2024", "target_2025", "target_2026", "target_2027"];

#[test]
fn the_2025_2027_edition_keeps_its_own_years() {
    let plan = import("edizione-2025-2027.txt");
    assert_eq!(plan.years, PlanYears { baseline: vec![2022, 2023, 2024], target: vec![2025, 2026, 2027] });
    // Every cell as the fixture writes it, under the header's own years.
    let expected = [
        ("EC05.1", ["110,58 %", "112,30 %", "114,61 %", ">= 110,00 %", "N/D", "N/D"]),
        ("EC07", ["7,75 %", "8,02 %", "8,13 %", ">= 8,50 %", ">= 8,50 %", "N/D"]),
        ("EC27", ["-2,31 %", "-5,10 %", "-10,67 %", ">= -12,00 %", "N/D", "N/D"]),
        ("kpi1.1.1_03", ["6,17 %", "6,90 %", "7,61 %", "<= 7,50 %", "<= 7,00 %", "N/D"]),
        ("S02_AB_rev2023", ["34,47 %", "34,40 %", "34,46 %", "<= 35,00 %", "N/D", "N/D"]),
        ("kpi12.3_01", ["22-03-2022", "11-05-2023", "28-03-2024", "Entro 31-03-2025", "Entro 31-03-2026", "N/D"]),
        ("kpi12.3_02", ["100,00 %", "100,00 %", "95,00 %", ">= 100,00 %", "N/D", "N/D"]),
        ("kpi12.3_03", ["23-05-2022", "09-06-2023", "14-06-2024", "Entro 30-06-2025", "Entro 30-06-2026", "N/D"]),
        ("kpi12.3_05", ["N/D", "N/D", "91,43 %", ">= 100,00 %", ">= 100,00 %", "N/D"]),
    ];
    let indicators: Vec<&str> =
        plan.rows.iter().filter(|r| r.level == ImportedLevel::Indicator).map(|r| r.code.as_str()).collect();
    assert_eq!(indicators, expected.map(|(code, _)| code));
    for (code, values) in expected {
        assert_eq!(cells(row(&plan, code)), columns(EDITION_COLUMNS, values), "{code}");
    }
    assert!(plan.review.iter().all(|i| !i.message.contains("header")), "{:?}", plan.review);
    let header = plan.to_canonical_csv().lines().next().unwrap().to_string();
    assert_eq!(
        header,
        "level;code;name;weight;weight_alt;formula;algorithm;unit;threshold;baseline_2022;baseline_2023;baseline_2024;target_2025;target_2026;target_2027;review"
    );
}

#[test]
fn the_2025_2027_edition_evaluates_2025_against_its_2025_targets() {
    let dir = tempfile::tempdir().unwrap();
    let plan = fixture("import/edizione-2025-2027.txt");
    let actuals = fixture("import/edizione-2025-2027-actuals-2025.csv");
    let evaluation =
        eval_json(dir.path(), &["2025", "--plan", plan.to_str().unwrap(), "--actuals", actuals.to_str().unwrap()]);
    let score = |code: &str| text(&node(&evaluation, code)["score"]);
    // EC07: (1.850.000 + 2.310.000) / 51.200.000 = 8,125 % against >= 8,50 %: 100 · 8,125 / 8,5 = 95,588235.
    assert_eq!(score("EC07"), "95.588235");
    // kpi1.1.1_03: 4.290 / 56.400 = 7,606 % against <= 7,50 %: 100 · 7,5 / 7,606… = 423.000 / 4.290 = 98,601399.
    assert_eq!(score("kpi1.1.1_03"), "98.601399");
    // EC05.1 (114,61 % >= 110 %), EC27 (-10,67 % >= -12 %), S02_AB (34,46 % <= 35 %): achieved.
    for code in ["EC05.1", "EC27", "S02_AB_rev2023", "kpi12.3_01", "kpi12.3_03"] {
        assert_eq!(score(code), "100", "{code}");
    }
    // OS01.1.1: equal weights, (100 + 95,588235 + 100 + 98,601399 + 100) / 5 = 98,837927.
    assert_eq!(score("OS01.1.1"), "98.837927");
    // kpi12.3_02: 95 % / 100 % = 95; kpi12.3_05: 640.000 / 700.000 = 91,428571 (above the 80 % soglia).
    assert_eq!(score("kpi12.3_02"), "95");
    assert_eq!(score("kpi12.3_05"), "91.428571");
    // OS12.3: (100 + 95 + 100 + 91,428571) / 4 = 96,607143.
    assert_eq!(score("OS12.3"), "96.607143");
    // Overall: (50 · 98,837927 + 7 · 96,607143) / 57 = 98,563971.
    assert_eq!(text(&evaluation["score"]), "98.563971");
    assert_eq!(text(&evaluation["coverage"]), "100");
}

#[test]
fn import_writes_a_bom_and_never_replaces_a_file_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let source = fixture("import/edizione-2025-2027.txt");
    kpi().current_dir(dir.path()).arg("import").arg(&source).args(["-o", "plan.csv"]).assert().success();
    let written = std::fs::read(dir.path().join("plan.csv")).unwrap();
    assert!(written.starts_with("\u{feff}level;code;name;".as_bytes()));
    assert!(String::from_utf8(written).unwrap().contains("Capacità di generare proventi aggiuntivi"));

    std::fs::write(dir.path().join("plan.csv"), "reviewed by hand\n").unwrap();
    kpi()
        .current_dir(dir.path())
        .arg("import")
        .arg(&source)
        .args(["-o", "plan.csv"])
        .assert()
        .code(2)
        .stdout("")
        .stderr("kpi: -o plan.csv: the file exists, and a plan may hold a person's corrections: give --force to replace it, or another name\n");
    assert_eq!(std::fs::read_to_string(dir.path().join("plan.csv")).unwrap(), "reviewed by hand\n");

    kpi().current_dir(dir.path()).arg("import").arg(&source).args(["-o", "plan.csv", "--force"]).assert().success();
    assert!(std::fs::read_to_string(dir.path().join("plan.csv")).unwrap().starts_with("\u{feff}level;"));
}

#[test]
fn a_header_without_rows_is_not_a_plan() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("vuoto.txt"),
        "Ambito\tObiettivo strategico\tIndicatori\tAlgoritmo\tBASE LINE\t\tTARGET\n\t\t\t\t2023\t2024\t2025\nnote a margine\n",
    )
    .unwrap();
    kpi().current_dir(dir.path()).args(["import", "vuoto.txt"]).assert().code(2).stdout("").stderr(
        predicates::str::contains("vuoto.txt: no indicator row found (expected rows with a weight, a code and name"),
    );
}
