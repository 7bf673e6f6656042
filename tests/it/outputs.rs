//! What every output says besides the figures: the office's notes, the one
//! language of the human outputs, and check's warning about weights.
//!
//! `fixtures/outputs`: four indicators of weight 25 under one ambito, 2024:
//! - K1 `<= 5 gg`, given 6 gg twice with two notes: 100 × 5 / 6 = 83,333333, partial;
//! - K2 `>= 90 %`, [soddisfatti] 170 / [rispondenti] 200 = 0,85 (its own row is N/D
//!   with a note): 100 × 0,85 / 0,9 = 94,444444, partial;
//! - K3 `>= 10`, 12: achieved, 100;
//! - K4 `>= 4`, no value (its row is empty, with a note): missing.
//!
//! A1 = (25 × 83,333333 + 25 × 94,444444 + 25 × 100) / 75 = 2500 / 27 = 92,592593,
//! coverage 75 × 100 / 100 = 75.

use std::fs;
use std::path::PathBuf;

use calamine::{open_workbook_auto, Data, Reader};

use crate::common::{eval_json, fixture, kpi, node, text};

fn outputs() -> PathBuf {
    fixture("outputs")
}

fn run(args: &[&str]) -> String {
    let output = kpi().current_dir(outputs()).args(args).args(["--actuals", "actuals.csv"]).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

const K1_NOTE: &str = "carenza di personale; dato confermato dall'ufficio";

#[test]
fn a_note_travels_with_its_indicator_into_json_and_csv() {
    let json = eval_json(&outputs(), &["2024", "--actuals", "actuals.csv"]);
    assert_eq!(text(&json["score"]), "92.592593");
    // The same value given twice with two notes keeps both, in the order read.
    assert_eq!(node(&json, "K1")["note"], K1_NOTE);
    // A note on an own-value row left N/D is still the indicator's, though the formula gives the value.
    assert_eq!(node(&json, "K2")["note"], "indagine su un campione ridotto");
    assert_eq!(text(&node(&json, "K2")["score"]), "94.444444");
    assert!(node(&json, "K3")["note"].is_null());
    // A missing indicator says why it is missing.
    assert_eq!(node(&json, "K4")["note"], "dato non ancora disponibile");
    assert!(node(&json, "A1")["note"].is_null());
    let keys: Vec<&String> = node(&json, "K1").as_object().unwrap().keys().collect();
    assert_eq!(&keys[11..], ["status", "message", "note", "scale"]);

    let csv = run(&["eval", "2024", "--format", "csv"]);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "level,code,parent,name,unit,weight,target,threshold,value,score,coverage,status,message,note,scale"
    );
    assert_eq!(lines[1], "ambito,A1,,Servizi alle imprese,,100,,,,92.592593,75,,,,");
    assert_eq!(
        lines[2],
        "indicator,K1,A1,Tempi medi di risposta,gg,25,<= 5,,6,83.333333,100,partial,,carenza di personale; dato confermato dall'ufficio,"
    );
    assert_eq!(lines[4], "indicator,K3,A1,Pratiche evase,N.,25,>= 10,,12,100,100,achieved,,,");
    let tsv = run(&["eval", "2024", "--format", "tsv"]);
    assert!(tsv.lines().any(|l| l.ends_with("\tpartial\t\tindagine su un campione ridotto\t")), "{tsv}");
}

#[test]
fn notes_never_change_a_figure() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(outputs().join("plan.csv"), dir.path().join("plan.csv")).unwrap();
    let without: String = fs::read_to_string(outputs().join("actuals.csv"))
        .unwrap()
        .lines()
        .map(|l| format!("{}\n", l.rsplit_once(',').unwrap().0))
        .collect();
    assert!(without.starts_with("year,code,variable,value\n"), "{without}");
    fs::write(dir.path().join("actuals.csv"), without).unwrap();
    let mut plain = eval_json(dir.path(), &["2024", "--actuals", "actuals.csv"]);
    let mut noted = eval_json(&outputs(), &["2024", "--actuals", "actuals.csv"]);
    for json in [&mut plain, &mut noted] {
        for n in json["nodes"].as_array_mut().unwrap() {
            n.as_object_mut().unwrap().remove("note");
        }
    }
    assert_eq!(plain, noted);
}

#[test]
fn the_table_and_markdown_have_a_note_column_in_italian_by_default() {
    let table = run(&["eval", "2024", "--format", "table"]);
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(
        lines[1],
        "│ Obiettivo / indicatore          ┆ Peso ┆ Target     ┆ Valore  ┆ Punteggio ┆ Stato                                                                                                                                                    ┆ Copertura ┆ Nota                                               │"
    );
    assert_eq!(
        lines[4],
        "│   K1 Tempi medi di risposta     ┆   25 ┆    <= 5 gg ┆    6 gg ┆     83,33 ┆ parziale                                                                                                                                                 ┆     100 % ┆ carenza di personale; dato confermato dall'ufficio │"
    );
    assert!(lines[6].contains("┆ raggiunto "), "{table}");
    assert!(lines[7].contains("┆ mancante: ") && lines[7].contains("┆ dato non ancora disponibile "), "{table}");
    assert_eq!(
        lines[9],
        "Punteggio complessivo 2024 (performance organizzativa): 92,59 — copertura 75 % — metodo rapporto"
    );

    let md = run(&["eval", "2024", "--format", "md"]);
    let lines: Vec<&str> = md.lines().collect();
    assert_eq!(lines[0], "| Obiettivo / indicatore | Peso | Target | Valore | Punteggio | Stato | Copertura | Nota |");
    assert_eq!(lines[1], "|---|---:|---:|---:|---:|---|---:|---|");
    assert_eq!(
        lines[3],
        "| \u{a0}\u{a0}\u{a0}\u{a0}K1 Tempi medi di risposta | 25 | <= 5 gg | 6 gg | 83,33 | parziale | 100 % | carenza di personale; dato confermato dall'ufficio |"
    );
    assert_eq!(
        lines[5],
        "| \u{a0}\u{a0}\u{a0}\u{a0}K3 Pratiche evase | 25 | >= 10 N. | 12 N. | 100,00 | raggiunto | 100 % |  |"
    );
    assert_eq!(
        lines.last().unwrap(),
        &"**Punteggio complessivo 2024 (performance organizzativa): 92,59 — copertura 75 % — metodo rapporto**"
    );
}

#[test]
fn with_lang_en_the_human_outputs_speak_english_and_the_machine_ones_do_not_change() {
    let table = run(&["eval", "2024", "--format", "table", "--lang", "en"]);
    let lines: Vec<&str> = table.lines().collect();
    assert!(
        lines[1].starts_with("│ Objective / indicator           ┆ Weight ┆ Target     ┆ Value   ┆ Score  ┆ Status "),
        "{table}"
    );
    assert!(lines[1].ends_with("┆ Coverage ┆ Note                                               │"), "{table}");
    assert!(
        lines[4].contains("┆ partial ") && lines[6].contains("┆ achieved ") && lines[7].contains("┆ missing: "),
        "{table}"
    );
    assert_eq!(lines[9], "Overall score 2024 (organisational performance): 92.59 — coverage 75 % — scoring ratio");
    let md = run(&["eval", "2024", "--format", "md", "--lang", "en"]);
    assert!(
        md.starts_with("| Objective / indicator | Weight | Target | Value | Score | Status | Coverage | Note |\n"),
        "{md}"
    );
    assert!(md.contains(" | 83.33 | partial | 100 % | carenza di personale; dato confermato dall'ufficio |\n"), "{md}");
    assert!(
        md.ends_with("**Overall score 2024 (organisational performance): 92.59 — coverage 75 % — scoring ratio**\n"),
        "{md}"
    );
    // A deadline and a yes/no in English words.
    let sample = kpi()
        .current_dir(fixture("sample"))
        .args(["eval", "2024", "--format", "table", "--lang", "en"])
        .output()
        .unwrap();
    let sample = String::from_utf8(sample.stdout).unwrap();
    assert!(sample.contains("by 31/03/2024") && !sample.contains("entro"), "{sample}");
    assert!(sample.contains(" YES "), "{sample}");

    for format in ["json", "csv", "tsv"] {
        assert_eq!(
            run(&["eval", "2024", "--format", format, "--lang", "en"]),
            run(&["eval", "2024", "--format", format]),
            "{format}"
        );
    }
    // A language kpi does not speak is a usage error naming the option.
    let output = kpi().current_dir(outputs()).args(["eval", "2024", "--lang", "fr"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--lang"));
}

#[test]
fn explain_gives_the_indicator_s_note_and_its_quantities_notes() {
    let k2 = run(&["explain", "K2", "2024"]);
    let lines: Vec<&str> = k2.lines().collect();
    assert_eq!(
        &lines[..12],
        [
            "K2 Soddisfazione degli utenti — 2024",
            "percorso:  A1 Servizi alle imprese › K2 Soddisfazione degli utenti",
            "formula:   [soddisfatti] / [rispondenti]",
            "quantità:",
            "  [soddisfatti] 2024 = 170  (actuals.csv:4, K2) — nota: indagine di dicembre",
            "  [rispondenti] 2024 = 200  (actuals.csv:5, K2)",
            "valore:    170 / 200 = 0,85 (85,00 %)",
            "nota:      indagine su un campione ridotto",
            "target:    >= 90,00 %",
            "soglia:    nessuna",
            // 100 × 0,85 / 0,9 = 94,444…
            "regola:    rapporto: 100 × v / T = 100 × 0,85 / 0,9 = 94,44",
            "punteggio: 94,44 (parziale)",
        ]
    );
    // (25 × 83,333333 + 25 × 94,444444 + 25 × 100) / 75 = 6.944,44 / 75 = 92,59
    assert!(k2.contains("\n    K4  w 25 — mancante: escluso\n    Σ w·s / Σ w = 6.944,44 / 75 = 92,59\n"), "{k2}");
    let k1 = run(&["explain", "K1", "2024", "--lang", "en"]);
    let lines: Vec<&str> = k1.lines().collect();
    assert_eq!(
        &lines[..9],
        [
            "K1 Tempi medi di risposta — 2024",
            "path:      A1 Servizi alle imprese › K1 Tempi medi di risposta",
            "formula:   none: the value is given directly",
            "value:     6 gg, given directly (actuals.csv:2)",
            "note:      carenza di personale; dato confermato dall'ufficio",
            "target:    <= 5 gg",
            "soglia:    none",
            // 100 × 5 / 6 = 83,333…
            "rule:      ratio (lower is better): 100 × T / v = 100 × 5 / 6 = 83.33",
            "score:     83.33 (partial)",
        ]
    );
    assert!(k1.contains("\nweighted contribution:\n  to A1 (score 92.59):\n"), "{k1}");
}

#[test]
fn years_side_by_side_put_each_year_s_note_in_the_note_column() {
    let table = run(&["eval", "2024..2025", "--format", "table"]);
    assert!(
        table.lines().nth(1).unwrap().ends_with("┆ Nota                                                     │"),
        "{table}"
    );
    assert!(table.contains("┆ 2024: carenza di personale; dato confermato dall'ufficio │"), "{table}");
    // 2025: K1 4 gg achieved; K3 9 against >= 10: 100 × 9 / 10 = 90, partial.
    assert!(table.contains("90,00 parziale"), "{table}");
    let md = run(&["eval", "2024..2025", "--format", "md", "--lang", "en"]);
    assert!(md.starts_with("| Objective / indicator | 2024 | 2025 | Note |\n|---|---:|---:|---|\n"), "{md}");
    assert!(md.contains("| 2024: dato non ancora disponibile |"), "{md}");
    assert!(md.contains("<br>90.00 partial |"), "{md}");
    let json: serde_json::Value = serde_json::from_str(&run(&["eval", "2024..2025", "--format", "json"])).unwrap();
    let k1 = node(&json, "K1");
    assert_eq!(k1["years"][0]["note"], K1_NOTE);
    assert!(k1["years"][1]["note"].is_null());
}

#[test]
fn the_workbook_speaks_italian_by_default_and_english_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let read = |lang: &str| {
        let path = dir.path().join(format!("report-{lang}.xlsx"));
        let output = kpi()
            .current_dir(outputs())
            .args(["eval", "2024", "--actuals", "actuals.csv", "--lang", lang, "-o"])
            .arg(&path)
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        let mut workbook = open_workbook_auto(&path).unwrap();
        let sheet = workbook.sheet_names()[0].clone();
        let range = workbook.worksheet_range(&sheet).unwrap();
        let rows: Vec<Vec<Data>> = range.rows().map(|r| r.to_vec()).collect();
        (sheet, rows)
    };
    let s = |t: &str| Data::String(t.into());
    let (sheet, rows) = read("it");
    assert_eq!(sheet, "Valutazione 2024");
    assert_eq!(
        rows[0],
        [
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
            "scala"
        ]
        .map(s)
    );
    // K1's row: its level, status and note in the workbook's own cells.
    assert_eq!((&rows[2][0], &rows[2][1]), (&s("indicatore"), &s("K1")));
    assert_eq!(rows[2][11], s("parziale"));
    assert_eq!(rows[2][13], s(K1_NOTE));
    assert_eq!(rows[1][0], s("ambito"));
    assert_eq!(rows[4][11], s("raggiunto"));
    assert_eq!((&rows[5][11], &rows[5][13]), (&s("mancante"), &s("dato non ancora disponibile")));
    let last = rows.last().unwrap();
    assert_eq!(last[3], s("Punteggio complessivo 2024 (performance organizzativa)"));
    assert_eq!(last[11], s("metodo rapporto"));

    let (sheet, rows) = read("en");
    assert_eq!(sheet, "Evaluation 2024");
    assert_eq!(rows[0][11], s("status"));
    assert_eq!(rows[0][13], s("note"));
    assert_eq!((&rows[2][0], &rows[2][11], &rows[2][13]), (&s("indicator"), &s("partial"), &s(K1_NOTE)));
    assert_eq!(rows.last().unwrap()[3], s("Overall score 2024 (organisational performance)"));
    // A target is text in the workbook, written as the language writes figures: K2's >= 90 %.
    assert_eq!(rows[3][6], s(">= 90.00 %"));
    assert_eq!(read("it").1[3][6], s(">= 90,00 %"));
}

/// A plan whose siblings weigh `weights` (one group under A1), checked alone.
fn check_weights(weights: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let mut plan = String::from("level,code,weight,target_2024\nambito,A1,100,\n");
    for (i, w) in weights.iter().enumerate() {
        plan.push_str(&format!("indicator,K{},\"{w}\",>= 1\n", i + 1));
    }
    fs::write(dir.path().join("plan.csv"), plan).unwrap();
    let output = kpi().current_dir(dir.path()).args(["check"]).output().unwrap();
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn check_warns_about_weights_that_do_not_add_up_to_100_with_or_without_percent() {
    // 40 + 30 + 20 = 90, written without `%`: the same warning as with it.
    assert!(
        check_weights(&["40", "30", "20"]).starts_with(
            "plan.csv:3: warning: the weights under A1 add up to 90, not 100: K1 40, K2 30, K3 20\n    \
             hint: the roll-up divides by the sum, so each weight counts as its share of 90; if one is mistyped, correct it\n"
        ),
        "{}",
        check_weights(&["40", "30", "20"])
    );
    // 50 % + 60 % = 110 %
    assert!(check_weights(&["50%", "60%"])
        .starts_with("plan.csv:3: warning: the weights under A1 add up to 110 %, not 100 %: K1 50 %, K2 60 %\n"));
    // 12,5 + 87,5 = 100, and 3 × 33,33 = 99,99 (a rounding): nothing to say about weights.
    for weights in [&["12,5", "87,5"][..], &["33,33", "33,33", "33,33"]] {
        let out = check_weights(weights);
        assert!(!out.contains("weights"), "{out}");
    }
}
