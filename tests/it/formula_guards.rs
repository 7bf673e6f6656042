//! No CSV cell kpi writes runs as a formula in a spreadsheet, and kpi reads
//! its own guarded cells back as the text they were: template → eval and
//! import → eval round-trip with hostile codes, quantities, names, algoritmi.

use crate::common::{fixture, kpi, node};

const HYPERLINK: &str = "=HYPERLINK(\"http://x\",\"x\")";

#[test]
fn a_template_with_formula_codes_round_trips_into_eval() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("plan.csv"),
        "level,code,name,formula,unit,target_2024\n\
         indicator,\"=HYPERLINK(\"\"http://x\"\",\"\"x\"\")\",Collegamento,[=1+2] / [-totale],%,>= 50 %\n",
    )
    .unwrap();
    let out = kpi().current_dir(dir.path()).args(["template", "2024", "-o", "template.csv"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let written = std::fs::read_to_string(dir.path().join("template.csv")).unwrap();
    // Every cell that begins like a formula begins with ' instead.
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(true)
        .from_reader(written.trim_start_matches('\u{feff}').as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(&rows[0][1], "'=HYPERLINK(\"http://x\",\"x\")");
    assert_eq!(&rows[0][2], "'=1+2");
    assert_eq!(&rows[1][2], "'-totale");
    assert!(rows
        .iter()
        .flat_map(|r| r.iter().collect::<Vec<_>>())
        .all(|c| !c.starts_with(['=', '+', '-', '@', '\t', '\r'])));
    // The office fills the values in (3 of 5: 60 %) and gives the file back.
    let mut filled = csv::WriterBuilder::new().delimiter(b';').from_writer(Vec::new());
    filled.write_record(["year", "code", "variable", "value", "note"]).unwrap();
    for (row, value) in rows.iter().zip(["3", "5"]) {
        filled.write_record([&row[0], &row[1], &row[2], value, &row[4]]).unwrap();
    }
    std::fs::write(dir.path().join("template.csv"), filled.into_inner().unwrap()).unwrap();
    let out = kpi()
        .current_dir(dir.path())
        .args(["eval", "2024", "--actuals", "template.csv", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let k = node(&json, HYPERLINK);
    // 3 / 5 = 0.6 against >= 0.5: achieved, 100.
    assert_eq!(k["value"].to_string(), "0.6");
    assert_eq!(k["score"].to_string(), "100");
    // And eval's own CSV guards the code in turn.
    let out = kpi()
        .current_dir(dir.path())
        .args(["eval", "2024", "--actuals", "template.csv", "--format", "csv"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout)
        .contains("indicator,\"'=HYPERLINK(\"\"http://x\"\",\"\"x\"\")\",,Collegamento"));
}

#[test]
fn an_imported_plan_with_formula_names_round_trips_into_eval() {
    let dir = tempfile::tempdir().unwrap();
    let published = std::fs::read_to_string(fixture("real/obiettivi-ente-2024-2026.txt")).unwrap();
    let hostile = published
        .replacen("EC05.1 - Indice di struttura primario", "EC05.1 - =cmd|' /C calc'!A0", 1)
        .replacen("\tContributi da Regioni, Enti locali", "\t=cmd|' /C calc'!A0 Contributi da Regioni, Enti locali", 1);
    assert_ne!(hostile, published);
    std::fs::write(dir.path().join("piano.txt"), hostile).unwrap();
    let out = kpi().current_dir(dir.path()).args(["import", "piano.txt", "-o", "plan.csv"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let imported = std::fs::read_to_string(dir.path().join("plan.csv")).unwrap();
    assert!(imported.contains(";'=cmd|' /C calc'!A0;20,00%;"), "the name is guarded");
    assert!(imported.contains(";'=cmd|' /C calc'!A0 Contributi da Regioni"), "the algoritmo is guarded");
    let mut reader =
        csv::ReaderBuilder::new().delimiter(b';').from_reader(imported.trim_start_matches('\u{feff}').as_bytes());
    for record in reader.records() {
        for cell in record.unwrap().iter() {
            assert!(!cell.starts_with(['=', '+', '@', '\t', '\r']), "{cell}");
            assert!(!cell.starts_with('-') || cell[1..].starts_with(|c: char| c.is_ascii_digit()), "{cell}");
        }
    }
    let actuals = fixture("real/actuals-2024.csv");
    let eval = |plan: &str| -> serde_json::Value {
        let out = kpi()
            .current_dir(dir.path())
            .args(["eval", "2024", "--plan", plan, "--actuals"])
            .arg(&actuals)
            .args(["--format", "json"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let hostile = eval("plan.csv");
    let real = eval(fixture("real/plan.csv").to_str().unwrap());
    assert_eq!(node(&hostile, "EC05.1")["name"], "=cmd|' /C calc'!A0");
    // The same value under either name: 1.1460807601 against >= 1.05, achieved, 100.
    assert_eq!(node(&hostile, "EC05.1")["value"], node(&real, "EC05.1")["value"]);
    assert_eq!(node(&hostile, "EC05.1")["value"].to_string(), "1.1460807601");
    assert_eq!(node(&hostile, "EC05.1")["score"].to_string(), "100");
}
