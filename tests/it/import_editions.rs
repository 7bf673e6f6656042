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

/// Level, code, weight and parent code of every row, in document order.
fn tree(plan: &ImportedPlan) -> Vec<(ImportedLevel, String, String, String)> {
    let mut open: Vec<(ImportedLevel, String)> = Vec::new();
    let rank = |level: ImportedLevel| match level {
        ImportedLevel::Ambito => 0,
        ImportedLevel::Strategic => 1,
        ImportedLevel::Operational => 2,
        ImportedLevel::Indicator => 3,
    };
    plan.rows
        .iter()
        .map(|r| {
            open.retain(|(level, _)| rank(*level) < rank(r.level));
            let parent = open.last().map_or(String::new(), |(_, code)| code.clone());
            open.push((r.level, r.code.clone()));
            (r.level, r.code.clone(), r.weight.clone(), parent)
        })
        .collect()
}

fn t(level: ImportedLevel, code: &str, weight: &str, parent: &str) -> (ImportedLevel, String, String, String) {
    (level, code.into(), weight.into(), parent.into())
}

const REAL_COLUMNS: [&str; 6] =
    ["baseline_2021", "baseline_2022", "baseline_2023", "target_2024", "target_2025", "target_2026"];

#[test]
fn operational_objectives_keep_their_weights_and_their_indicators() {
    use ImportedLevel::{Ambito, Indicator, Operational, Strategic};
    let plan = import("obiettivi-operativi.txt");
    assert_eq!(
        tree(&plan),
        [
            t(Ambito, "1", "50,00%", ""),
            t(Strategic, "OS01.1.1", "20,00%", "1"),
            t(Operational, "OO01.1.1.01", "60,00%", "OS01.1.1"),
            t(Indicator, "EC05.1", "40,00%", "OO01.1.1.01"),
            t(Indicator, "EC07", "30,00%", "OO01.1.1.01"),
            t(Indicator, "EC27", "30,00%", "OO01.1.1.01"),
            t(Operational, "OO01.1.1.02", "40,00%", "OS01.1.1"),
            t(Indicator, "kpi1.1.1_03", "50,00%", "OO01.1.1.02"),
            t(Indicator, "S02_AB_rev2023", "50,00%", "OO01.1.1.02"),
            t(Strategic, "OS02.1.1", "20,00%", "1"),
            // `OBIETTIVO OPERATIVO 2.1.1.01 - …`: the words name the level.
            t(Operational, "2.1.1.01", "70,00%", "OS02.1.1"),
            t(Indicator, "kpi2.1.1_01", "100,00%", "2.1.1.01"),
            // A weight and a name in the header's `Obiettivo operativo` column.
            t(Operational, "OO4", "30,00%", "OS02.1.1"),
            t(Indicator, "kpi2.1.1_02", "50,00%", "OO4"),
            t(Indicator, "C1.1_07", "50,00%", "OO4"),
        ]
    );
    assert_eq!(row(&plan, "OO01.1.1.01").name, "Mantenere l'equilibrio economico-finanziario dell'ente");
    assert_eq!(row(&plan, "OO01.1.1.01").description, "Proventi, patrimonio e oneri strutturali");
    assert_eq!(
        row(&plan, "OO4").review,
        ["a weight and a name without a code: read as an operational objective from the header's column; no code written: called OO4"]
    );
    assert_eq!(
        cells(row(&plan, "EC07")),
        columns(REAL_COLUMNS, ["8,37 %", "7,75 %", "N/D", ">= 10,00 %", "N/D", "N/D"])
    );
    assert_eq!(
        cells(row(&plan, "kpi2.1.1_02")),
        columns(REAL_COLUMNS, ["1,92 gg", "2 gg", "N/D", "<= 1,50 gg", "N/D", "N/D"])
    );
    let csv = plan.to_canonical_csv();
    assert!(csv.contains("\noperational;OO01.1.1.01;Mantenere l'equilibrio economico-finanziario dell'ente;60,00%;"));
}

#[test]
fn operational_objectives_roll_up_with_their_60_40_weights() {
    let dir = tempfile::tempdir().unwrap();
    let plan = fixture("import/obiettivi-operativi.txt");
    let actuals = fixture("real/actuals-2024.csv");
    let evaluation =
        eval_json(dir.path(), &["2024", "--plan", plan.to_str().unwrap(), "--actuals", actuals.to_str().unwrap()]);
    let score = |code: &str| text(&node(&evaluation, code)["score"]);
    // EC07: 8,125 % against >= 10 %: 81,25. OO01.1.1.01: (40·100 + 30·81,25 + 30·100) / 100 = 94,375.
    assert_eq!(score("EC07"), "81.25");
    assert_eq!(score("OO01.1.1.01"), "94.375");
    // kpi1.1.1_03: 7 % / 7,606 % = 394.800 / 4.290 = 92,027972; OO01.1.1.02: (92,027972 + 100) / 2 = 96,013986.
    assert_eq!(score("OO01.1.1.02"), "96.013986");
    // OS01.1.1: 60 % · 94,375 + 40 % · 96,013986 = 56,625 + 38,405594 = 95,030594.
    assert_eq!(score("OS01.1.1"), "95.030594");
    // kpi2.1.1_02: 1,50 / 1,85 gg = 81,081081; OO4: (81,081081 + 100) / 2 = 90,540541.
    assert_eq!(score("OO4"), "90.540541");
    // OS02.1.1: 70 % · 100 + 30 % · 90,540541 = 97,162162.
    assert_eq!(score("OS02.1.1"), "97.162162");
    // Ambito 1 and the overall: (20 · 95,030594 + 20 · 97,162162) / 40 = 96,096378.
    assert_eq!(text(&evaluation["score"]), "96.096378");
}

#[test]
fn heading_words_numeric_codes_and_weights_without_percent() {
    use ImportedLevel::{Ambito, Indicator, Strategic};
    let plan = import("intestazioni-e-codici.txt");
    assert_eq!(
        tree(&plan),
        [
            t(Ambito, "1", "40", ""),
            t(Strategic, "1.1", "100", "1"),
            t(Indicator, "91.4", "50", "1.1"),
            t(Indicator, "1.1 1", "50", "1.1"),
            t(Ambito, "2", "30", ""),
            t(Strategic, "OS 02.1", "100,00%", "2"),
            t(Indicator, "kpi2.1.1_02", "60", "OS 02.1"),
            t(Indicator, "C1.1_07", "40", "OS 02.1"),
            t(Ambito, "A1", "30", ""),
            t(Strategic, "3.1", "100", "A1"),
            t(Indicator, "OC_TD_01", "100", "3.1"),
        ]
    );
    let names: Vec<&str> = plan.rows.iter().filter(|r| r.level != Indicator).map(|r| r.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "SISTEMA CAMERALE PER LE IMPRESE",
            "Garantire nel tempo la salute organizzativa dell'ente camerale",
            "EFFICIENZA",
            "Garantire nel tempo la qualità dei servizi erogati",
            "L'IMPRESA DIGITALE",
            "Promuovere presso le imprese l'utilizzo degli strumenti digitali",
        ]
    );
    assert_eq!(row(&plan, "91.4").name, "Indice di struttura primario");
    assert_eq!(row(&plan, "91.4").formula.as_deref(), Some("[Patrimonio netto] / [Immobilizzazioni]"));
    assert_eq!(
        cells(row(&plan, "91.4")),
        columns(REAL_COLUMNS, ["114,67 %", "110,58 %", "N/D", ">= 120,00 %", "N/D", "N/D"])
    );
    assert_eq!(row(&plan, "1.1 1").name, "Tasso assenteismo rev.1");
    assert_eq!(row(&plan, "1.1 1").threshold.as_deref(), Some("10%"));
    assert_eq!(cells(row(&plan, "C1.1_07")), columns(REAL_COLUMNS, ["5,88 gg", "7,40 gg", "", "<= 5 gg", "", ""]));
    let review: Vec<(usize, Option<&str>, &str)> =
        plan.review.iter().map(|i| (i.line, i.code.as_deref(), i.message.as_str())).collect();
    assert_eq!(review, [(13, Some("OS 02.1"), "weight 100,00% read from inside the objective's text")]);
}

#[test]
fn heading_words_and_numeric_codes_evaluate() {
    let dir = tempfile::tempdir().unwrap();
    let plan = fixture("import/intestazioni-e-codici.txt");
    let actuals = fixture("import/intestazioni-e-codici-actuals-2024.csv");
    let evaluation =
        eval_json(dir.path(), &["2024", "--plan", plan.to_str().unwrap(), "--actuals", actuals.to_str().unwrap()]);
    let score = |code: &str| text(&node(&evaluation, code)["score"]);
    // 91.4: 48.250.000 / 42.100.000 = 114,608 % against >= 120 %: 95,50673.
    assert_eq!(score("91.4"), "95.50673");
    // 1.1 1: 92,027972 as in the real plan; 1.1: (95,50673 + 92,027972) / 2 = 93,767351.
    assert_eq!(score("1.1"), "93.767351");
    // C1.1_07: 5 / 5,6 gg = 89,285714; OS 02.1: 60 % · 100 + 40 % · 89,285714 = 95,714286.
    assert_eq!(score("OS 02.1"), "95.714286");
    // OC_TD_01: 320 >= 300 N.: 100.
    assert_eq!(score("A1"), "100");
    // Overall: (40 · 93,767351 + 30 · 95,714286 + 30 · 100) / 100 = 96,221226.
    assert_eq!(text(&evaluation["score"]), "96.221226");
}

#[test]
fn cells_lost_or_gained_are_placed_by_meaning_and_reported() {
    let plan = import("celle-perse-e-aggiunte.txt");
    let expected = [
        // Lost the 2023 cell: the bare values go to the baselines nearest the targets.
        ("EC05.1", ["", "114,67 %", "110,58 %", ">= 105,00 %", "N/D", "N/D"]),
        // Gained a cell: the bare value farthest from the targets fits no year.
        ("EC07", ["7,75 %", "N/D", "0,00 %", ">= 8,00 %", "N/D", "N/D"]),
        ("EC27", ["-7,73 %", "-2,31 %", "N/D", ">= -12,00 %", "N/D", "N/D"]),
        // A text among the targets keeps its place and is left empty.
        ("kpi1.1.1_03", ["6,43 %", "6,17 %", "N/D", "<= 7,00 %", "", "N/D"]),
        // Two years in one cell, each to its own column.
        ("S02_AB_rev2023", ["34,49 %", "34,47 %", "N/D", "<= 37,00 %", "<= 36,00 %", ""]),
    ];
    for (code, values) in expected {
        assert_eq!(cells(row(&plan, code)), columns(REAL_COLUMNS, values), "{code}");
    }
    assert_eq!(row(&plan, "kpi1.1.1_03").algorithm, "Giorni di assenza anno N. (al netto di ferie e periodi di congedo maternità, assenze dovute al Covid a titolo di: malattie, quarantene, permessi e congedi straordinari) / Giorno lavorativo complessivi anno N");
    let notes = |code: &str| row(&plan, code).review.clone();
    assert_eq!(
        notes("EC05.1"),
        ["5 value cells for the header's 6 years: placed by meaning, targets to the target years and the values before them to the nearest baseline years: '114,67 %' → baseline_2022, '110,58 %' → baseline_2023, '>= 105,00 %' → target_2024, 'N/D' → target_2025, 'N/D' → target_2026"]
    );
    assert_eq!(
        notes("EC07"),
        ["7 value cells for the header's 6 years: placed by meaning, targets to the target years and the values before them to the nearest baseline years: '7,75 %' → baseline_2021, 'N/D' → baseline_2022, '0,00 %' → baseline_2023, '>= 8,00 %' → target_2024, 'N/D' → target_2025, 'N/D' → target_2026; left out, as they fit no year: '8,37 %'"]
    );
    assert_eq!(notes("kpi1.1.1_03"), ["target_2025 'da definire' is neither a value nor a target: left empty"]);
    assert_eq!(
        notes("S02_AB_rev2023")[0],
        "'Anno 2024: <= 37,00 % Anno 2025: <= 36,00 %' gives several years: target_2024 '<= 37,00 %', target_2025 '<= 36,00 %'"
    );
    assert!(notes("EC27").iter().all(|n| !n.contains("placed")));
}

#[test]
fn cells_lost_or_gained_evaluate_against_the_targets_they_belong_to() {
    let dir = tempfile::tempdir().unwrap();
    let plan = fixture("import/celle-perse-e-aggiunte.txt");
    let actuals = fixture("real/actuals-2024.csv");
    let evaluation =
        eval_json(dir.path(), &["2024", "--plan", plan.to_str().unwrap(), "--actuals", actuals.to_str().unwrap()]);
    let score = |code: &str| text(&node(&evaluation, code)["score"]);
    // Every 2024 target is where the document means it, so the scores are the real plan's:
    // EC05.1 114,6 % >= 105 %, EC07 8,125 % >= 8 %, EC27 -10,67 % >= -12 %, S02_AB 34,46 % <= 37 %: 100;
    // kpi1.1.1_03 7 / 7,606 % = 92,027972.
    for code in ["EC05.1", "EC07", "EC27", "S02_AB_rev2023"] {
        assert_eq!(score(code), "100", "{code}");
    }
    assert_eq!(score("kpi1.1.1_03"), "92.027972");
    // (4 · 100 + 92,027972) / 5 = 98,405594.
    assert_eq!(text(&evaluation["score"]), "98.405594");
}

#[test]
fn targets_in_words_are_targets_not_the_algoritmo() {
    let plan = import("obiettivi-in-parole.txt");
    let expected = [
        ("EC05.1", ["114,67 %", "110,58 %", "N/D", "maggiore o uguale a 105,00%", "N/D", "N/D"]),
        ("EC07", ["8,37 %", "7,75 %", "N/D", "almeno 8,00%", "N/D", "N/D"]),
        ("EC27", ["-7,73 %", "-2,31 %", "N/D", "non inferiore a -12,00%", "N/D", "N/D"]),
        ("kpi1.1.1_03", ["6,43 %", "6,17 %", "N/D", "non superiore a 7,00%", "N/D", "N/D"]),
        ("S02_AB_rev2023", ["34,49 %", "34,47 %", "N/D", "tra 30,00% e 40,00%", "N/D", "N/D"]),
        ("kpi2.1.1_01", ["97,71 %", "97,59 %", "N/D", "maggiore o uguale a 90,00%", "N/D", "N/D"]),
        ("kpi2.1.1_02", ["1,92 gg", "2 gg", "N/D", "<= 5 gg", "<= 4 gg", ""]),
        ("C1.1_07", ["5,88 gg", "7,40 gg", "", "al massimo 5 gg", "", ""]),
        ("kpi12.3_01", ["21-05-2021", "22-03-2022", "11-05-2023", "entro marzo 2024", "entro marzo 2025", "N/D"]),
        ("kpi12.3_02", ["100,00 %", "100,00 %", "N/D", "pari o superiore a 100,00 %", "N/D", "N/D"]),
        ("kpi12.3_03", ["15-06-2021", "23-05-2022", "09-06-2023", "entro il 31 maggio 2024", "entro il 30/06", "N/D"]),
    ];
    let indicators: Vec<&str> =
        plan.rows.iter().filter(|r| r.level == ImportedLevel::Indicator).map(|r| r.code.as_str()).collect();
    assert_eq!(indicators, expected.map(|(code, _)| code));
    for (code, values) in expected {
        assert_eq!(cells(row(&plan, code)), columns(REAL_COLUMNS, values), "{code}");
    }
    // The algoritmo and the formula are the document's, not the target in words.
    let ec05 = row(&plan, "EC05.1");
    assert_eq!(ec05.algorithm, "Patrimonio netto / Immobilizzazioni");
    assert_eq!(ec05.formula.as_deref(), Some("[Patrimonio netto] / [Immobilizzazioni]"));
    assert_eq!(ec05.unit.as_deref(), Some("%"));
    assert_eq!(row(&plan, "kpi12.3_01").unit.as_deref(), Some("date"));
    assert_eq!(row(&plan, "C1.1_07").unit.as_deref(), Some("gg"));
    assert_eq!(
        row(&plan, "kpi2.1.1_02").review,
        ["'Anno 2024: <= 5 gg Anno 2025: <= 4 gg' gives several years: target_2024 '<= 5 gg', target_2025 '<= 4 gg'"]
    );
}

#[test]
fn targets_in_words_evaluate() {
    let dir = tempfile::tempdir().unwrap();
    let plan = fixture("import/obiettivi-in-parole.txt");
    let actuals = fixture("real/actuals-2024.csv");
    let args = ["--plan", plan.to_str().unwrap(), "--actuals", actuals.to_str().unwrap()];
    let evaluation = eval_json(dir.path(), &[&["2024"][..], &args].concat());
    let score = |code: &str| text(&node(&evaluation, code)["score"]);
    // OS01.1.1: four achieved (`tra 30% e 40%` holds 34,46 %) and kpi1.1.1_03 `non superiore a 7,00%`
    // against 7,606 %: 92,027972; (4 · 100 + 92,027972) / 5 = 98,405594.
    assert_eq!(score("kpi1.1.1_03"), "92.027972");
    assert_eq!(score("S02_AB_rev2023"), "100");
    assert_eq!(score("OS01.1.1"), "98.405594");
    // OS02.1.1: `maggiore o uguale a 90,00%` (96,998 %) and `<= 5 gg` (1,85) achieved; `al massimo 5 gg`
    // against 5,6: 89,285714; 50 % · 100 + 25 % · 100 + 25 % · 89,285714 = 97,321429.
    assert_eq!(score("C1.1_07"), "89.285714");
    assert_eq!(score("OS02.1.1"), "97.321429");
    // OS12.3: `entro marzo 2024` met on 28-03-2024, `pari o superiore a 100,00 %` met, `entro il
    // 31 maggio 2024` missed on 14-06-2024 (no soglia: 0): (100 + 100 + 0) / 3 = 66,666667.
    assert_eq!(score("kpi12.3_03"), "0");
    assert_eq!(score("OS12.3"), "66.666667");
    // Overall: (50 · (98,405594 + 97,321429) / 2 + 7 · 66,666667) / 57 = 94,03232.
    assert_eq!(text(&evaluation["score"]), "94.03232");
}

#[test]
fn a_file_that_is_not_a_published_plan_is_refused_saying_what_was_expected() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("lettera.txt"), "Gentile Direttore,\nin allegato il piano.\n").unwrap();
    kpi()
        .current_dir(dir.path())
        .args(["import", "lettera.txt"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicates::str::contains(
            "lettera.txt: this is not a plan in the published layout: expected, among its first lines, a tab-separated titles row naming the tree (Ambito, Area strategica or Obiettivo strategico) and the Algoritmo column",
        ));
}

#[test]
fn a_title_naming_two_years_is_read_as_its_first_and_reviewed_once() {
    // `Target 2024/2025` names two years: the column is the 2024 target, and
    // the reviewer is told so once, though the header repeats on page two.
    let header = "Area strategica\tObiettivo strategico\tObiettivo operativo\tIndicatore\tFormula di calcolo\tBaseline 2023\tTarget 2024/2025\tTarget 2026\n";
    let layout = format!(
        "{header}\
         AREA STRATEGICA 1 - DIGITALIZZAZIONE\n\
         OBIETTIVO STRATEGICO 1.1 - Servizi in rete 100%\n\
         60\t\tOBIETTIVO OPERATIVO 1.1.1 - Pratiche telematiche\n\
         100\t\t\tI.1 - Pratiche evase online\tMisura la quota\tPratiche online / Pratiche totali\t70 %\t>= 75 %\t>= 80 %\n\
         {header}\
         40\t\tOBIETTIVO OPERATIVO 1.1.2 - Sportello\n\
         100\t\t\tI.2 - Tempo medio\tMisura i giorni\tGiorni di attesa\t6 gg\t<= 5 gg\t<= 4 gg\n"
    );
    let plan = import_published(&layout).unwrap();
    assert_eq!(plan.years, PlanYears { baseline: vec![2023], target: vec![2024, 2026] });
    assert_eq!(row(&plan, "I.2").targets, [(2024, "<= 5 gg".to_string()), (2026, "<= 4 gg".to_string())]);

    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("plan.txt"), &layout).unwrap();
    let out = kpi().current_dir(dir.path()).args(["import", "plan.txt", "-o", "plan.csv"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "plan.txt:1: review: column \"Target 2024/2025\" read as the target for 2024: check\n\
         plan.txt:3: review: 1.1: weight 100% read from inside the objective's text\n\
         plan.txt: imported 6 rows (2 indicators); 2 items to review (listed above, and in the `review` column)\n"
    );
    let csv = std::fs::read_to_string(dir.path().join("plan.csv")).unwrap();
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(
        lines[0],
        "level;code;name;weight;weight_alt;formula;algorithm;unit;threshold;baseline_2023;target_2024;target_2026;review"
    );
    assert_eq!(
        lines[4],
        "indicator;I.1;Pratiche evase online;100;;[Pratiche online] / [Pratiche totali];Pratiche online / Pratiche totali;%;;70 %;>= 75 %;>= 80 %;"
    );
}

#[test]
fn other_bodies_titles_name_the_tree_and_the_algoritmo_their_way() {
    // A ministry's scheda: `Area strategica`, `Obiettivo operativo`, `Formula di calcolo`, years in the titles.
    let text = "Area strategica\tObiettivo strategico\tObiettivo operativo\tIndicatore\tFormula di calcolo\tBaseline 2024\tTarget 2025\tTarget 2026\tTarget 2027\n\
                AREA STRATEGICA 1 - DIGITALIZZAZIONE\n\
                OBIETTIVO STRATEGICO 1.1 - Servizi in rete 100%\n\
                60\t\tOBIETTIVO OPERATIVO 1.1.1 - Pratiche telematiche\n\
                100\t\t\tI.1 - Pratiche evase online\tMisura la quota\tPratiche online / Pratiche totali\t70 %\t>= 75 %\t>= 80 %\t>= 85 %\n\
                40\t\tOBIETTIVO OPERATIVO 1.1.2 - Sportello\n\
                100\t\t\tI.2 - Tempo medio\tMisura i giorni\tGiorni di attesa\t6 gg\t<= 5 gg\t<= 5 gg\t<= 4 gg\n";
    assert!(kpi::import::looks_like_published_layout(text));
    let plan = import_published(text).unwrap();
    assert_eq!(plan.years, PlanYears { baseline: vec![2024], target: vec![2025, 2026, 2027] });
    use ImportedLevel::{Ambito, Indicator, Operational, Strategic};
    assert_eq!(
        tree(&plan),
        [
            t(Ambito, "1", "", ""),
            t(Strategic, "1.1", "100%", "1"),
            t(Operational, "1.1.1", "60", "1.1"),
            t(Indicator, "I.1", "100", "1.1.1"),
            t(Operational, "1.1.2", "40", "1.1"),
            t(Indicator, "I.2", "100", "1.1.2"),
        ]
    );
    let cells_of =
        |code: &str| row(&plan, code).baselines.iter().chain(&row(&plan, code).targets).cloned().collect::<Vec<_>>();
    assert_eq!(
        cells_of("I.1"),
        [(2024, "70 %".into()), (2025, ">= 75 %".into()), (2026, ">= 80 %".into()), (2027, ">= 85 %".into())]
    );
    assert_eq!(row(&plan, "I.1").formula.as_deref(), Some("[Pratiche online] / [Pratiche totali]"));
    assert_eq!(row(&plan, "I.2").target(2027), "<= 4 gg");
}

#[test]
fn a_name_with_its_weight_inside_is_a_strategic_objective_unless_a_description_is_awaited() {
    let text = "Ambito\tObiettivo strategico\tIndicatori\tAlgoritmo\tBASE LINE\tTARGET\n\t\t\t\t2023\t2024\n\
                100\t1 - SERVIZI\n\
                Servizi alle imprese e al territorio con progetti al 20% del totale\n\
                Semplificare i servizi 100,00% Ridurre i tempi di attesa\n\
                100,00%\tIndicatori\n\
                100\t\tK1 - Tempi\tMisura\tGiorni\t6 gg\t<= 5 gg\n";
    let plan = import_published(text).unwrap();
    use ImportedLevel::{Ambito, Indicator, Strategic};
    assert_eq!(
        tree(&plan),
        [t(Ambito, "1", "100", ""), t(Strategic, "OS1", "100,00%", "1"), t(Indicator, "K1", "100", "OS1")]
    );
    assert_eq!(row(&plan, "1").description, "Servizi alle imprese e al territorio con progetti al 20% del totale");
    assert_eq!(row(&plan, "OS1").name, "Semplificare i servizi");
    assert_eq!(row(&plan, "OS1").description, "Ridurre i tempi di attesa");
    assert_eq!(
        row(&plan, "OS1").review,
        [
            "a name with its weight inside the text, read as a strategic objective; no code written: called OS1",
            "weight 100,00% read from inside the objective's text"
        ]
    );
}
