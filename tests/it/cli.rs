//! The command line as a user meets it: exit statuses, messages on bad
//! input, the fields of every output format, files written whole.

use crate::common;

use std::fs;

use common::{fixture, kpi};
use predicates::prelude::*;

/// A folder with a plan and one actuals file, for the error cases.
fn workspace(plan: &str, actuals: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("plan.csv"), plan).unwrap();
    fs::create_dir(dir.path().join("actuals")).unwrap();
    fs::write(dir.path().join("actuals/2024.csv"), actuals).unwrap();
    dir
}

const ACTUALS: &str = "year,code,variable,value\n2024,K1,a,1\n";

fn fails_with(plan: &str, actuals: &str, stderr: &str) {
    let dir = workspace(plan, actuals);
    kpi()
        .current_dir(dir.path())
        .args(["eval", "2024", "--format", "csv"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(stderr));
}

#[test]
fn an_unknown_level_names_file_and_line() {
    fails_with(
        "level,code,name\nambito,A1,Uno\nobiettivo,OS1,Due\n",
        ACTUALS,
        "kpi: plan.csv:3: unknown level `obiettivo`: use ambito, strategic (obiettivo strategico), operational (obiettivo operativo) or indicator (indicatore)\n",
    );
}

#[test]
fn a_duplicate_code_names_both_lines() {
    fails_with(
        "level,code\nambito,A1\nindicator,K1\nindicator,K1\n",
        ACTUALS,
        "kpi: plan.csv:4: the code `K1` is already used on line 3",
    );
}

#[test]
fn an_unreadable_value_or_target_names_the_line() {
    fails_with(
        "level,code,baseline_2023\nindicator,K1,1.2.3\n",
        ACTUALS,
        "kpi: plan.csv:2: baseline_2023: `1.2.3` is not a number",
    );
    fails_with(
        "level,code,target_2024\nindicator,K1,Entro domani\n",
        ACTUALS,
        "kpi: plan.csv:2: target_2024: `Entro domani`",
    );
    fails_with(
        "level,code\nindicator,K1\n",
        "year,code,variable,value\n2024,K1,a,dieci\n",
        "kpi: actuals/2024.csv:2: value: `dieci`",
    );
}

#[test]
fn a_formula_syntax_error_shows_a_caret() {
    fails_with(
        "level,code,formula,target_2024\nindicator,K1,([a] + [b] * 2,>= 1\n",
        ACTUALS,
        "kpi: plan.csv:2:15: formula of K1, column 15: expected `)` before the end of the formula\n    ([a] + [b] * 2\n                  ^\n",
    );
}

#[test]
fn conflicting_actuals_name_both_places() {
    fails_with(
        "level,code,formula,target_2024\nindicator,K1,[a],>= 1\n",
        "year,code,variable,value\n2024,K1,a,1\n2024,K1,a,2\n",
        "kpi: actuals/2024.csv:3: 2024 K1 [a] is given twice with different values: 2 here and 1 at actuals/2024.csv:2; keep one",
    );
}

#[test]
fn an_empty_weight_among_weighted_siblings_is_an_error() {
    fails_with(
        "level,code,weight,target_2024\nindicator,K1,50,>= 1\nindicator,K2,,>= 1\n",
        ACTUALS,
        "kpi: plan.csv:3: K2 has no weight for 2024 while its sibling K1 (line 2) has one",
    );
}

#[test]
fn usage_errors_name_the_option() {
    kpi().args(["eval", "2024", "--cap", "90"]).assert().code(2).stderr(predicate::str::contains("--cap"));
    kpi().args(["eval", "24"]).assert().code(2).stderr(predicate::str::contains("four digits"));
    kpi().args(["eval", "2024", "--scoring", "best"]).assert().code(2).stderr(predicate::str::contains("--scoring"));
    let dir = fixture("sample");
    kpi()
        .current_dir(&dir)
        .args(["eval", "2024", "-o", "/tmp/report.unknown"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("-o /tmp/report.unknown"));
}

#[test]
fn an_explicit_format_must_agree_with_the_output_file() {
    let dir = tempfile::tempdir().unwrap();
    let refused = |format: &str, file: &str, stderr: &str| {
        kpi()
            .current_dir(fixture("sample"))
            .args(["eval", "2024", "--format", format, "-o"])
            .arg(dir.path().join(file))
            .assert()
            .code(2)
            .stdout("")
            .stderr(stderr.replace("DIR", &dir.path().display().to_string()));
        assert!(!dir.path().join(file).exists(), "{file}");
    };
    refused(
        "csv",
        "r.xlsx",
        "kpi: --format csv writes csv, but -o DIR/r.xlsx names a .xlsx file: drop --format, or name the file .csv\n",
    );
    refused(
        "json",
        "r.csv",
        "kpi: --format json writes json, but -o DIR/r.csv names a .csv file: drop --format, or name the file .json\n",
    );
    refused(
        "xlsx",
        "r.txt",
        "kpi: --format xlsx writes xlsx, but -o DIR/r.txt names a .txt file: drop --format, or name the file .xlsx\n",
    );
    refused(
        "table",
        "r.md",
        "kpi: --format table writes table, but -o DIR/r.md names a .md file: drop --format, or name the file .txt\n",
    );
    // A .txt file holds any text; an extension that names no format holds what is asked.
    for (format, file, start) in
        [("csv", "r.txt", "level,code,"), ("tsv", "r.out", "level\tcode\t"), ("md", "r.MD", "| Obiettivo")]
    {
        let path = dir.path().join(file);
        kpi()
            .current_dir(fixture("sample"))
            .args(["eval", "2024", "--format", format, "-o"])
            .arg(&path)
            .assert()
            .success();
        let written = fs::read_to_string(&path).unwrap();
        assert!(written.starts_with(start), "{format} {file}: {written}");
    }
}

#[test]
fn options_the_format_or_the_scoring_does_not_use_are_warned_about() {
    let run = |args: &[&str]| kpi().current_dir(fixture("sample")).args(args).output().unwrap();
    for format in ["json", "md", "table"] {
        let plain = run(&["eval", "2024", "--format", format]);
        let output = run(&["eval", "2024", "--format", format, "--decimal-comma", "--raw"]);
        assert_eq!(output.status.code(), Some(0));
        assert_eq!(output.stdout, plain.stdout, "{format}: the output does not change");
        assert_eq!(
            String::from_utf8(output.stderr).unwrap(),
            format!(
                "kpi: warning: --decimal-comma has no effect on {format} output\nkpi: warning: --raw has no effect on {format} output\n"
            )
        );
    }
    let dir = tempfile::tempdir().unwrap();
    kpi()
        .current_dir(fixture("sample"))
        .args(["eval", "2024..2025", "--raw", "-o"])
        .arg(dir.path().join("r.xlsx"))
        .assert()
        .success()
        .stderr("kpi: warning: --raw has no effect on xlsx output\n");
    // CSV and TSV use both: no warning.
    for format in ["csv", "tsv"] {
        kpi()
            .current_dir(fixture("sample"))
            .args(["eval", "2024", "--format", format, "--decimal-comma", "--raw"])
            .assert()
            .success()
            .stderr("");
    }

    for scoring in ["linear", "binary"] {
        let plain = run(&["eval", "2024", "--format", "csv", "--scoring", scoring]);
        let capped = run(&["eval", "2024", "--format", "csv", "--scoring", scoring, "--cap", "120"]);
        assert_eq!(capped.status.code(), Some(0));
        assert_eq!(capped.stdout, plain.stdout, "{scoring}: the cap changes nothing");
        assert_eq!(
            String::from_utf8(capped.stderr).unwrap(),
            "kpi: warning: --cap counts only under --scoring ratio\n"
        );
    }
    kpi()
        .current_dir(fixture("sample"))
        .args(["explain", "K01", "2024", "--scoring", "linear", "--cap", "120"])
        .assert()
        .success()
        .stderr("kpi: warning: --cap counts only under --scoring ratio\n");
    kpi()
        .current_dir(fixture("sample"))
        .args(["eval", "2024", "--format", "csv", "--cap", "120"])
        .assert()
        .success()
        .stderr("");
}

#[test]
fn a_missing_plan_is_unusable_input() {
    let dir = tempfile::tempdir().unwrap();
    kpi()
        .current_dir(dir.path())
        .args(["eval", "2024"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("kpi: plan.csv: cannot read the file"));
}

#[test]
fn an_ambiguous_number_is_read_by_the_file_format_with_a_warning() {
    let dir = workspace(
        "level;code;formula;target_2024\nindicator;K1;[a];>= 1.336\n",
        "year,code,variable,value\n2024,K1,a,1336\n",
    );
    kpi()
        .current_dir(dir.path())
        .args(["eval", "2024", "--format", "json"])
        .assert()
        .success()
        .stdout(predicate::str::contains("\"target\":\">= 1336\""))
        .stdout(predicate::str::contains("\"status\":\"achieved\""))
        .stderr("plan.csv:2: warning: `1.336` is read as 1336, since this file's numbers are Italian; in English it would be 1.336. If that is wrong, use --number-format en\n");
    kpi()
        .current_dir(dir.path())
        .args(["eval", "2024", "--format", "json", "--number-format", "en"])
        .assert()
        .success()
        .stdout(predicate::str::contains("\"target\":\">= 1.336\""));
}

/// The README's "Output fields", field for field, on the sample plan.
#[test]
fn csv_has_the_fields_of_the_spec() {
    let output = kpi().current_dir(fixture("sample")).args(["eval", "2024", "--format", "csv"]).output().unwrap();
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "level,code,parent,name,unit,weight,target,threshold,value,score,coverage,status,message,note,scale"
    );
    assert_eq!(lines.len(), 1 + 28);
    assert!(lines.contains(&"ambito,A1,,Efficienza e qualità dell'ente,,45,,,,78.327381,100,,,,"));
    assert!(
        lines.contains(&"indicator,K01,OS1,Indice di struttura primario,%,40,>= 1.05,,0.96,91.428571,100,partial,,,")
    );
    assert!(lines
        .contains(&"indicator,K02,OS1,Indice di equilibrio strutturale,%,30,>= -0.12,-0.2,-0.15,62.5,100,partial,,,"));
    assert!(lines.contains(&"indicator,K09,OO3.1,Consegna del brief sul logo,date,50,by 2024-03-31,2024-04-30,2024-04-10,66.666667,100,partial,,,"));
    // A spreadsheet would run `= true` as a formula: the CSV quotes it, --raw does not.
    assert!(lines.contains(&"indicator,K10,OO3.2,Rendicontazione del progetto,,50,'= true,,true,100,100,achieved,,,"));
    let raw = kpi().current_dir(fixture("sample")).args(["eval", "2024", "--format", "csv", "--raw"]).output().unwrap();
    let raw = String::from_utf8(raw.stdout).unwrap();
    assert!(raw
        .lines()
        .any(|l| l == "indicator,K10,OO3.2,Rendicontazione del progetto,,50,= true,,true,100,100,achieved,,,"));
    assert!(lines.contains(
        &"indicator,K13,OS4,Follower dei profili social,N.,30,>= 500,,,,0,missing,no value for [Follower] in 2024,,"
    ));
    // K04's own value carries the office's note (actuals/2024.csv:9).
    assert!(lines.contains(
        &"indicator,K04,OS2,Tempi medi di evasione delle pratiche,gg,30,<= 2,4,1.92,100,100,achieved,,misurazione Infocamere,"
    ));
    // OO3.1 and OO3.2 leave their weights empty: equal, 100 / 2 each.
    assert!(lines.contains(&"operational,OO3.1,OS3,Ricerca e comunicazione,,50,,,,83.333333,100,,,,"));
    let tsv = kpi().current_dir(fixture("sample")).args(["eval", "2024", "--format", "tsv"]).output().unwrap();
    let tsv = String::from_utf8(tsv.stdout).unwrap();
    assert!(tsv.lines().any(|l| l
        == "indicator\tK01\tOS1\tIndice di struttura primario\t%\t40\t>= 1.05\t\t0.96\t91.428571\t100\tpartial\t\t\t"));
}

#[test]
fn json_has_the_fields_of_the_spec() {
    let e = common::eval_json(&fixture("sample"), &["2024"]);
    assert_eq!(e["year"], 2024);
    assert_eq!(e["scoring"], "ratio");
    let keys: Vec<&String> = e.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["year", "scoring", "score", "coverage", "nodes"]);
    let k01 = common::node(&e, "K01");
    let expected = serde_json::json!({
        "level": "indicator", "code": "K01", "parent": "OS1", "name": "Indice di struttura primario",
        "unit": "%", "weight": 40, "target": ">= 1.05", "threshold": null, "value": 0.96,
        "score": 91.428571, "coverage": 100, "status": "partial", "message": null, "note": null, "scale": null
    });
    assert_eq!(k01.to_string(), expected.to_string());
    let node_keys: Vec<&String> = k01.as_object().unwrap().keys().collect();
    assert_eq!(
        node_keys,
        [
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
            "scale"
        ]
    );
    let a1 = common::node(&e, "A1");
    assert_eq!((a1["parent"].is_null(), a1["status"].is_null()), (true, true));
}

#[test]
fn output_files_follow_their_extension_and_are_written_whole() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.json");
    kpi().current_dir(fixture("sample")).args(["eval", "2024", "-o"]).arg(&out).assert().success().stdout("");
    let json: serde_json::Value = serde_json::from_str(&fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(json["score"].to_string(), "77.997321");
    // A failing run leaves the earlier file as it was.
    kpi()
        .current_dir(fixture("sample"))
        .args(["eval", "2024", "--plan", "nowhere.csv", "-o"])
        .arg(&out)
        .assert()
        .code(2);
    assert_eq!(serde_json::from_str::<serde_json::Value>(&fs::read_to_string(&out).unwrap()).unwrap(), json);
    let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers.len(), 1, "{leftovers:?}");
    let md = dir.path().join("report.md");
    kpi().current_dir(fixture("sample")).args(["eval", "2024", "-o"]).arg(&md).assert().success();
    let md = fs::read_to_string(md).unwrap();
    assert!(md.starts_with("| Obiettivo / indicatore | Peso |"), "{md}");
    assert!(md.contains("**Punteggio complessivo 2024 (performance organizzativa): 78,00"), "{md}");
}

#[test]
fn the_table_shows_the_tree_and_the_overall_score() {
    let output = kpi().current_dir(fixture("sample")).args(["eval", "2024", "--format", "table"]).output().unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("│     K01 Indice di struttura primario"), "{text}");
    assert!(text.contains("96,00 %"));
    assert!(text.contains("entro 31-03-2024"));
    assert!(text.contains("10-04-2024"));
    assert!(text.ends_with(
        "Punteggio complessivo 2024 (performance organizzativa): 78,00 — copertura 92,8 % — metodo rapporto\n"
    ));
}

#[test]
fn the_footers_name_the_options_that_are_not_the_defaults() {
    let run = |args: &[&str]| {
        let output = kpi().current_dir(fixture("sample")).args(args).output().unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8(output.stdout).unwrap()
    };
    let options = ["--cap", "120", "--missing", "zero"];
    let table = run(&[&["eval", "2024", "--format", "table"][..], &options].concat());
    assert!(
        table.ends_with("Punteggio complessivo 2024 (performance organizzativa): 75,16 — copertura 92,8 % — metodo rapporto, tetto 120, mancanti contati come 0\n"),
        "{table}"
    );
    let md = run(&[&["eval", "2024", "--format", "md"][..], &options].concat());
    assert!(
        md.ends_with("\n**Punteggio complessivo 2024 (performance organizzativa): 75,16 — copertura 92,8 % — metodo rapporto, tetto 120, mancanti contati come 0**\n"),
        "{md}"
    );
    let years = run(&[&["eval", "2024..2025", "--format", "table"][..], &options].concat());
    assert!(
        years.ends_with("Punteggio complessivo (performance organizzativa): 2024 75,16 · 2025 0,00 — metodo rapporto, tetto 120, mancanti contati come 0\nPer ogni indicatore: valore, target (T), punteggio e stato.\n"),
        "{years}"
    );
    // Only what is not the default; a cap only under ratio, where it counts.
    let linear = run(&["eval", "2024", "--format", "table", "--scoring", "linear", "--missing", "zero"]);
    assert!(linear.ends_with(" — metodo lineare, mancanti contati come 0\n"), "{linear}");
    let capped = run(&["eval", "2024", "--format", "table", "--cap", "112.5"]);
    assert!(capped.ends_with(" — metodo rapporto, tetto 112,5\n"), "{capped}");
    // In English, the same footers in English words.
    let english = run(&[&["eval", "2024", "--format", "table", "--lang", "en"][..], &options].concat());
    assert!(
        english.ends_with("Overall score 2024 (organisational performance): 75.16 — coverage 92.8 % — scoring ratio, cap 120, missing counted as 0\n"),
        "{english}"
    );

    // The workbook's closing row says the same.
    use calamine::{Data, Reader};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.xlsx");
    kpi().current_dir(fixture("sample")).args(["eval", "2024", "-o"]).arg(&path).args(options).assert().success();
    let mut workbook = calamine::open_workbook_auto(&path).unwrap();
    let range = workbook.worksheet_range("Valutazione 2024").unwrap();
    let last = range.rows().next_back().unwrap();
    assert_eq!(last[11], Data::String("metodo rapporto, tetto 120, mancanti contati come 0".into()));

    // The JSON document keeps the fields the README's "Output fields" lists.
    let json = common::eval_json(&fixture("sample"), &["2024", "--cap", "120", "--missing", "zero"]);
    let keys: Vec<&String> = json.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["year", "scoring", "score", "coverage", "nodes"]);
    assert_eq!(json["scoring"], "ratio");
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    // A plan big enough that the output outlives the reader.
    let dir = tempfile::tempdir().unwrap();
    let mut plan = String::from("level,code,formula,target_2024\n");
    for i in 0..20000 {
        plan.push_str(&format!("indicator,K{i},[a],>= 1\n"));
    }
    fs::write(dir.path().join("plan.csv"), plan).unwrap();
    fs::write(dir.path().join("a.csv"), "year,code,variable,value\n2024,,a,2\n").unwrap();
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("kpi"))
        .current_dir(dir.path())
        .args(["eval", "2024", "--actuals", "a.csv", "--format", "csv"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 64];
    child.stdout.as_mut().unwrap().read_exact(&mut first).unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "{:?}", output.status);
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}

#[test]
fn at_a_narrow_terminal_the_figures_keep_their_width() {
    let table = common::at_a_terminal(&fixture("sample"), 72, "eval 2024");
    // Too narrow for padding: the cells lose it, a range breaks before its
    // second bound (K16's `tra 80,00 %` over `e 90,00 %` sets the target's
    // width), names wrap under their level; no figure is cut.
    insta::assert_snapshot!("narrow_table", table);
    // K01's figures, each at its full width: 1 200 000 / 1 250 000 = 96 %, 100 × 0,96 / 1,05 = 91,43
    assert!(table.contains("│    K01 Indice di┆  40┆>= 105,00 %┆   96,00 %┆ 91,43┆◐ parziale ┆100 %│"), "{table}");
    let table = common::at_a_terminal(&fixture("sample"), 40, "eval 2024");
    for figure in ["96,00 %", "105,00 %", "91,43", "◐ parziale", "31-03-2024", "10-04-2024", "100 %"] {
        assert!(table.contains(figure), "{figure}\n{table}");
    }
}

#[test]
fn a_year_without_any_target_is_evaluated_with_a_warning() {
    let sample = fixture("sample");
    for (year, asked) in [("2204", "2204"), ("0000", "0000"), ("2030..2032", "2030..2032")] {
        kpi()
            .current_dir(&sample)
            .args(["eval", year, "--format", "csv"])
            .assert()
            .code(0)
            .stderr(format!(
                "plan.csv: warning: no indicator has a target for {asked}, so nothing is scored; the plan has targets for 2024, 2025\n"
            ));
    }
    // a year with targets, or a span reaching one, needs no warning
    for year in ["2024", "2023..2024"] {
        kpi().current_dir(&sample).args(["eval", year, "--format", "csv"]).assert().code(0).stderr("");
    }
}

#[test]
fn a_number_split_by_a_comma_is_not_read_as_its_first_half() {
    // `1,336` in a comma-separated file is two cells: 1 and 336. Reading 1 would be silent and wrong.
    fails_with(
        "level,code,formula,target_2024\nindicator,K1,[a],>= 1\n",
        "year,code,variable,value\n2024,K1,a,1,336\n",
        "kpi: actuals/2024.csv:2: this row has 5 cells but the header has 4; the extra `336` would be lost",
    );
    fails_with(
        "level,code,target_2024\nindicator,K1,>= 1,5\n",
        ACTUALS,
        "kpi: plan.csv:2: this row has 4 cells but the header has 3; the extra `5` would be lost",
    );
}

#[test]
fn a_quote_never_closed_is_an_error_not_lost_rows() {
    fails_with(
        "level,code,formula,target_2024\nindicator,K1,[a],>= 1\n",
        "year,code,variable,value,note\n2024,K1,a,1,\"nota\n2024,K2,a,5,x\n",
        "kpi: actuals/2024.csv:2: a quoted cell starting `nota` runs over the next lines, taking whole rows with it",
    );
}

#[test]
fn empty_trailing_cells_are_fine() {
    let dir = workspace(
        "level,code,formula,target_2024,,\nindicator,K1,[a],>= 1,,\n",
        "year,code,variable,value\n2024,K1,a,1,,\n",
    );
    kpi().current_dir(dir.path()).args(["eval", "2024", "--format", "csv"]).assert().success();
}

#[test]
fn a_misspelt_or_repeated_column_is_an_error() {
    // `wieght` would be ignored and the ambiti weighed equally: 50/50 instead of 60/40.
    fails_with(
        "level,code,wieght,formula,target_2024\nambito,A1,60,,\nindicator,K1,1,[a],>= 1\n",
        ACTUALS,
        "kpi: plan.csv:1: column 3 `wieght`: not a column kpi knows; did you mean `weight`?",
    );
    fails_with(
        "level,code,formula,target_2024,Target_2024\nindicator,K1,[a],>= 1,>= 2\n",
        ACTUALS,
        "kpi: plan.csv:1: column 5 `Target_2024`: the same column as column 4 `target_2024`, and only one of them would be read",
    );
    fails_with(
        "level,code,formula,target\nindicator,K1,[a],>= 1\n",
        ACTUALS,
        "kpi: plan.csv:1: column 4 `target`: a `target` column needs the year it holds in its title: write `target_2024` or `Target 2024`",
    );
    fails_with(
        "level,code\nindicator,K1\n",
        "year,code,variable,value,anno\n2024,K1,,1,2023\n",
        "kpi: actuals/2024.csv:1: column 5 `anno`: the same column as column 1 `year`",
    );
    // Columns of the office's own stay allowed, even close to kpi's names.
    let dir = workspace(
        "level,code,nome,descrizione,note,responsabile,formula,target_2024\nindicator,K1,Uno,Il primo,n,Rossi,[a],>= 1\n",
        ACTUALS,
    );
    kpi().current_dir(dir.path()).args(["eval", "2024", "--format", "csv"]).assert().success();
}

#[test]
fn a_utf8_file_saved_back_with_some_windows_1252_reads_both_parts() {
    // `Capacità` as UTF-8 in the formula's name, `perché` as Windows-1252 in a note: as a
    // UTF-8 file edited by a program that saves Windows-1252.
    let dir = workspace("level,code,formula,target_2024\nindicator,K1,[Capacità],>= 1\n", "");
    let mut actuals = "year,code,variable,value,note\n2024,K1,Capacità,2,".as_bytes().to_vec();
    actuals.extend_from_slice(b"perch\xe9\n");
    fs::write(dir.path().join("actuals/2024.csv"), actuals).unwrap();
    kpi()
        .current_dir(dir.path())
        .args(["eval", "2024", "--format", "csv"])
        .assert()
        .success()
        .stdout(predicate::str::contains(",2,100,100,achieved,"))
        .stderr(predicate::str::contains(
            "actuals/2024.csv: warning: the file is UTF-8 with some Windows-1252 characters",
        ));
}

#[test]
fn an_actuals_folder_with_nothing_to_read_is_an_error() {
    let dir = workspace("level,code,formula,target_2024\nindicator,K1,[a],>= 1\n", ACTUALS);
    fs::remove_file(dir.path().join("actuals/2024.csv")).unwrap();
    kpi()
        .current_dir(dir.path())
        .args(["eval", "2024"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("kpi: actuals: the folder has no actuals files (.csv, .tsv, .xlsx or .ods)"));
    // A workbook kpi cannot read is named, not skipped.
    fs::write(dir.path().join("actuals/consuntivo.xls"), b"\xd0\xcf\x11\xe0").unwrap();
    kpi().current_dir(dir.path()).args(["eval", "2024"]).assert().code(2).stderr(predicate::str::contains(
        "consuntivo.xls: an Excel 97-2003 workbook (.xls) is not read: save it as .xlsx",
    ));
}

#[test]
fn a_percent_written_as_points_is_pointed_out() {
    // 85 for a percent indicator reads as 8 500 %: achieved, silently, unless warned.
    let dir =
        workspace("level,code,unit,target_2024\nindicator,K1,%,>= 90 %\n", "year,code,variable,value\n2024,K1,,85\n");
    kpi()
        .current_dir(dir.path())
        .args(["eval", "2024", "--format", "csv"])
        .assert()
        .success()
        .stderr("actuals/2024.csv:2: warning: K1 is a percent indicator and its 2024 value 85 is read as 8500 %; if 85 % was meant, write the % sign\n");
}

#[test]
fn a_percent_target_written_as_points_is_pointed_out_by_eval() {
    // `>= 85` on a percent indicator is 8 500 %: 80 % scores 100 * 0,8 / 85 = 0,941176..., silently unless warned.
    let dir = workspace(
        "level,code,unit,target_2024\nindicator,K1,Percentuale,>= 85\n",
        "year,code,variable,value\n2024,K1,,80%\n",
    );
    kpi()
        .current_dir(dir.path())
        .args(["eval", "2024", "--format", "csv"])
        .assert()
        .success()
        .stdout(predicate::str::contains(",0.941176,"))
        .stderr("plan.csv:2: warning: K1 is a percent indicator and its target_2024 85 is read as 8500 %; if 85 % was meant, write the % sign\n");
}

#[test]
fn a_percent_typed_as_points_inside_a_formula_is_pointed_out_by_eval_and_check() {
    // 92 satisfied out of a rate over 1, typed without %: 92 / 1 = 92, read as 9 200 %, achieved in silence.
    let dir = workspace(
        "level,code,unit,formula,target_2024\nindicator,K1,Percentuale,[Soddisfatti] / [Totale],>= 90 %\n",
        "year,code,variable,value\n2024,K1,Soddisfatti,92\n2024,K1,Totale,1\n",
    );
    kpi()
        .current_dir(dir.path())
        .args(["eval", "2024", "--format", "csv"])
        .assert()
        .success()
        .stderr("plan.csv:2: warning: K1 is a percent indicator and its 2024 value 92, computed from [Soddisfatti] 2024 = 92 (actuals/2024.csv:2), [Totale] 2024 = 1 (actuals/2024.csv:3), is read as 9200 %; if a figure is a percent, write it with the % sign\n");
    let output = kpi().current_dir(dir.path()).args(["check"]).output().unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.contains("plan.csv:2: warning: K1 is a percent indicator but its 2024 value 92, computed from [Soddisfatti] 2024 = 92 (actuals/2024.csv:2), [Totale] 2024 = 1 (actuals/2024.csv:3), is above 1.000 %"),
        "{stdout}"
    );
    // A baseline used as the value is named as such.
    let dir = workspace(
        "level,code,unit,baseline_2024,target_2024\nindicator,K1,%,85,>= 90 %\n",
        "year,code,variable,value\n",
    );
    kpi().current_dir(dir.path()).args(["eval", "2024", "--format", "csv"]).assert().success().stderr(
        predicate::str::contains("plan.csv:2: warning: K1 is a percent indicator and its 2024 value 85, the plan's baseline_2024, is read as 8500 %"),
    );
}

#[test]
fn a_year_is_four_digits() {
    kpi().args(["eval", "+202"]).assert().code(2).stderr(predicate::str::contains("`+202` is not a year"));
}

#[test]
fn a_date_before_1900_still_writes_a_workbook() {
    // Spreadsheet calendars start in 1900: a mistyped year is written as text, not a failure.
    let dir = workspace(
        "level,code,formula,target_2024\nindicator,K1,[d],Entro 31-03-2024\n",
        "year,code,variable,value\n2024,K1,d,10-04-1024\n",
    );
    kpi().current_dir(dir.path()).args(["eval", "2024", "-o", "r.xlsx"]).assert().success();
    use calamine::{open_workbook, Reader, Xlsx};
    let mut workbook: Xlsx<_> = open_workbook(dir.path().join("r.xlsx")).unwrap();
    let name = workbook.sheet_names()[0].clone();
    let range = workbook.worksheet_range(&name).unwrap();
    assert!(range.rows().any(|row| row.iter().any(|c| *c == "1024-04-10")));
}

#[test]
fn many_unknown_parents_are_each_reported() {
    // Every unknown parent is a problem; only the first ones get a suggestion, so this stays fast.
    let mut plan = String::from("level,code,parent,target_2024\nambito,A1,,\n");
    for i in 0..3000 {
        plan.push_str(&format!("indicator,K{i},X{i},>= 1\n"));
    }
    fails_with(&plan, ACTUALS, "kpi: plan.csv:3: the parent `X0` of K0 is not a code in this plan");
}

#[test]
fn spreadsheet_style_titles_are_read() {
    // `Peso (%)` is the weight and `Target 2024` the 2024 target: A1 weighs 60, A2 40.
    let dir = workspace(
        "Livello;Codice;Nome;Peso (%);Formula;Target 2024\nambito;A1;Uno;60;;\nindicatore;K1;;1;[a];>= 1\nambito;A2;Due;40;;\nindicatore;K2;;1;[a];>= 2\n",
        "year,code,variable,value\n2024,,a,1\n",
    );
    // K1: 1 >= 1 achieved (100); K2: 100 × 1 / 2 = 50. Overall (60 × 100 + 40 × 50) / 100 = 80.
    kpi()
        .current_dir(dir.path())
        .args(["eval", "2024", "--format", "json"])
        .assert()
        .success()
        .stdout(predicate::str::contains("\"score\": 80,"));
}
