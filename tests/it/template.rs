//! `kpi template` through the real binary: the file it writes, filled in and
//! given back to `kpi eval`, leaves nothing missing and reads back exactly.

use crate::common;

use std::path::Path;

use common::{eval_json, fixture, kpi, node, text};

/// Runs `kpi template` in `dir` and returns the file it writes.
fn template(dir: &Path, args: &[&str]) -> String {
    let output = kpi().current_dir(dir).arg("template").args(args).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

/// Fills every empty value the way an office would: a date where the
/// description asks for one, SI for a yes/no, 5 for any other quantity.
fn fill(template: &str) -> String {
    let mut reader = csv::ReaderBuilder::new().delimiter(b';').from_reader(template.as_bytes());
    let mut writer = csv::WriterBuilder::new().delimiter(b';').from_writer(Vec::new());
    writer.write_record(reader.headers().unwrap()).unwrap();
    for record in reader.records() {
        let mut cells: Vec<String> = record.unwrap().iter().map(str::to_string).collect();
        if cells[3].is_empty() {
            cells[3] = if cells[5].contains("una data") {
                "31-12-2024".into()
            } else if cells[5].contains("SI o NO") {
                "SI".into()
            } else {
                "5".into()
            };
        }
        writer.write_record(&cells).unwrap();
    }
    String::from_utf8(writer.into_inner().unwrap()).unwrap()
}

#[test]
fn case100_filled_in_evaluates_with_nothing_missing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("conformance/case100/plan.csv"), dir.path().join("plan.csv")).unwrap();
    let written = template(dir.path(), &["2024"]);
    // A byte-order mark first, so Excel reads the accented names as UTF-8.
    // The header in the reader's language (read back as the same columns), the description last.
    assert!(written.starts_with("\u{feff}anno;codice;variabile;valore;nota;descrizione\n"), "{written}");
    // shared quantities once, lagged years included
    assert!(written.contains(
        "\n2024;;Follower;;;\"condivisa da K00007 Indicatore K00007 (missing) — formula: [Follower]; K00018"
    ));
    assert!(written.contains("\n2023;;Giorni lavorativi;;;N-1: condivisa da K00003 Indicatore K00003 (growth)"));
    assert_eq!(written.matches(";Follower;").count(), 1);
    std::fs::write(dir.path().join("filled.csv"), fill(&written)).unwrap();

    let evaluation = eval_json(dir.path(), &["2024", "--actuals", "filled.csv"]);
    let nodes = evaluation["nodes"].as_array().unwrap();
    let indicators: Vec<_> = nodes.iter().filter(|n| n["level"] == "indicator").collect();
    assert_eq!(indicators.len(), 19);
    for n in &indicators {
        assert_ne!(n["status"], "missing", "{n}");
        assert_ne!(n["status"], "error", "{n}");
    }
    assert_eq!(evaluation["coverage"].to_string(), "100");
}

#[test]
fn known_values_come_filled_in_and_read_back_the_same() {
    let sample = fixture("sample");
    let written = template(&sample, &["2024", "--actuals", "actuals"]);
    // an own value in its unit, a date, a yes/no, a shared quantity and a lagged one
    // K04's note in the actuals comes along into the note column, the description after it.
    assert!(
        written.contains("\n2024;K04;;1,92 gg;misurazione Infocamere;K04 Tempi medi di evasione delle pratiche"),
        "{written}"
    );
    assert!(written.contains("\n2024;K09;Data consegna brief;10-04-2024;"), "{written}");
    assert!(written.contains("\n2024;K10;Rendicontazione completata;SI;"), "{written}");
    assert!(
        written.contains("\n2024;;Imprese attive;200000;shared: registro imprese al 31/12;condivisa da K07"),
        "{written}"
    );
    assert!(written.contains("\n2023;K06;Pratiche SUAP;2000;dato 2023 dallo sportello SUAP;N-1: K06"), "{written}");
    // K13's follower count is the one value still to collect
    assert!(written.contains("\n2024;K13;Follower;;;K13 Follower dei profili social"), "{written}");

    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(sample.join("plan.csv"), dir.path().join("plan.csv")).unwrap();
    std::fs::write(dir.path().join("filled.csv"), fill(&written)).unwrap();
    let original = eval_json(&sample, &["2024"]);
    assert_eq!(node(&original, "K13")["status"], "missing");
    // the same figures as the actuals with K13's follower count added
    std::fs::write(dir.path().join("k13.csv"), "year,code,variable,value\n2024,K13,Follower,5\n").unwrap();
    let k13 = dir.path().join("k13.csv");
    let complete = eval_json(&sample, &["2024", "--actuals", "actuals", "--actuals", k13.to_str().unwrap()]);
    let again = eval_json(dir.path(), &["2024", "--actuals", "filled.csv"]);
    assert_eq!(text(&again["score"]), text(&complete["score"]));
    for n in complete["nodes"].as_array().unwrap() {
        let m = node(&again, n["code"].as_str().unwrap());
        assert_eq!((text(&m["score"]), text(&m["status"])), (text(&n["score"]), text(&n["status"])), "{n}");
        // no-target indicators are not part of the year's evaluation, so the template leaves them out
        if n["status"] != "no-target" {
            assert_eq!(text(&m["value"]), text(&n["value"]), "{n}");
        }
    }
}

#[test]
fn the_template_can_go_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("da-compilare.csv");
    kpi()
        .current_dir(fixture("sample"))
        .args(["template", "2025", "--actuals", "actuals", "-o"])
        .arg(&out)
        .assert()
        .success()
        .stdout("")
        .stderr(predicates::str::contains("kpi template: "));
    let written = std::fs::read_to_string(&out).unwrap();
    // 2025 needs 2024's Pratiche SUAP, known from the 2024 actuals
    assert!(written.contains("\n2024;K06;Pratiche SUAP;2080;;N-1: K06"), "{written}");
    assert!(!written.contains("K09"), "K09 has no target in 2025: {written}");
}

#[test]
fn a_filled_template_gives_no_indicator_a_note_it_did_not_have() {
    // The description is the template's own column: filled in and given back, it is no motivazione.
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("outputs/plan.csv"), dir.path().join("plan.csv")).unwrap();
    let written = template(dir.path(), &["2024", "--lang", "en"]);
    assert!(written.starts_with("\u{feff}year;code;variable;value;note;description\n"), "{written}");
    assert!(
        written.contains(
            "\n2024;K2;soddisfatti;;;K2 Soddisfazione degli utenti — formula: [soddisfatti] / [rispondenti]\n"
        ),
        "{written}"
    );
    std::fs::write(dir.path().join("filled.csv"), fill(&written)).unwrap();
    let evaluation = eval_json(dir.path(), &["2024", "--actuals", "filled.csv"]);
    for n in evaluation["nodes"].as_array().unwrap() {
        assert!(n["note"].is_null(), "{n}");
    }
    assert_eq!(evaluation["coverage"].to_string(), "100");
}

#[test]
fn the_template_is_always_csv() {
    kpi()
        .current_dir(fixture("sample"))
        .args(["template", "2024", "-o", "template.xlsx"])
        .assert()
        .code(2)
        .stderr("kpi: -o template.xlsx: the template is a CSV file (it opens in any spreadsheet); name it .csv\n");
}

#[test]
fn a_year_without_targets_is_pointed_out() {
    kpi()
        .current_dir(fixture("sample"))
        .args(["template", "2030"])
        .assert()
        .success()
        .stdout("\u{feff}anno;codice;variabile;valore;nota;descrizione\n")
        .stderr(predicates::str::starts_with(
            "plan.csv: warning: no indicator has a target for 2030, so there is nothing to collect; the plan has targets for 2024, 2025\n",
        ));
}
