//! Plans and actuals from spreadsheets and from CSV saved by Italian Excel
//! evaluate exactly as the UTF-8 comma CSV of the same data
//! (fixtures/conformance/case100, overall 2024 score 36.55497933758430546613043729).

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn case100(file: &str) -> String {
    root().join("fixtures/conformance/case100").join(file).display().to_string()
}

fn sheets(file: &str) -> String {
    root().join("fixtures/spreadsheets").join(file).display().to_string()
}

/// Runs `kpi eval 2024` with these inputs and returns its standard output.
fn eval(plan: &str, actuals: &str, format: &str) -> String {
    let output = Command::cargo_bin("kpi")
        .unwrap()
        .args(["eval", "2024", "--plan", plan, "--actuals", actuals, "--format", format])
        .output()
        .unwrap();
    assert!(output.status.success(), "{plan} {actuals}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap()
}

/// The UTF-8 comma fixture, in every machine format.
fn reference(format: &str) -> String {
    eval(&case100("plan.csv"), &case100("actuals.csv"), format)
}

#[test]
fn the_reference_scores_as_the_conformance_case_says() {
    let doc = json(&reference("json"));
    assert_eq!(doc["score"].to_string(), "36.554979");
    assert_eq!(doc["coverage"].to_string(), "71.510483");
}

#[test]
fn csv_saved_by_italian_excel_evaluates_like_the_utf8_comma_csv() {
    let bytes = std::fs::read(sheets("actuals-excel-it.csv")).unwrap();
    assert!(std::str::from_utf8(&bytes).is_err(), "the fixture must be Windows-1252");
    assert!(bytes.starts_with(b"anno;codice;variabile;valore;nota\r\n"));
    for format in ["json", "csv", "tsv", "md", "table"] {
        let italian = eval(&sheets("plan-excel-it.csv"), &sheets("actuals-excel-it.csv"), format);
        assert_eq!(italian, reference(format), "--format {format}");
    }
}

#[test]
fn workbooks_typed_in_libreoffice_evaluate_like_the_csv() {
    for ext in ["xlsx", "ods"] {
        let plan = sheets(&format!("plan.{ext}"));
        let actuals = sheets(&format!("actuals.{ext}"));
        for format in ["json", "csv", "md"] {
            assert_eq!(eval(&plan, &actuals, format), reference(format), "{ext}, --format {format}");
        }
        // Either side may be a workbook.
        assert_eq!(eval(&case100("plan.csv"), &actuals, "json"), reference("json"), "{ext} actuals");
        assert_eq!(eval(&plan, &case100("actuals.csv"), "json"), reference("json"), "{ext} plan");
    }
}

#[test]
fn percent_and_date_cells_arrive_as_such() {
    // plan.xlsx types the ambiti's weights as percentages (6 %, 43 %, 9 %),
    // K00002's soglia as 5,5 % and K00017's soglie as dates.
    for ext in ["xlsx", "ods"] {
        let doc = json(&eval(&sheets(&format!("plan.{ext}")), &sheets(&format!("actuals.{ext}")), "json"));
        let node = |code: &str| doc["nodes"].as_array().unwrap().iter().find(|n| n["code"] == code).unwrap().clone();
        assert_eq!(node("A1")["weight"].to_string(), "6", "{ext}");
        assert_eq!(node("A2")["weight"].to_string(), "43", "{ext}");
        assert_eq!(node("K00002")["threshold"].to_string(), "0.055", "{ext}");
        assert_eq!(node("K00017")["threshold"], "2024-03-05", "{ext}");
        assert_eq!(node("K00017")["value"], "2024-04-09", "{ext}");
        assert_eq!(node("K00011")["value"].to_string(), "0.029", "{ext}");
    }
}

#[test]
fn an_actuals_folder_reads_workbooks_and_skips_lock_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(sheets("actuals.xlsx"), dir.path().join("actuals.xlsx")).unwrap();
    // Left by Excel and LibreOffice beside an open workbook.
    std::fs::write(dir.path().join("~$actuals.xlsx"), b"owner").unwrap();
    std::fs::write(dir.path().join(".~lock.actuals.ods#"), b"owner").unwrap();
    let folder = dir.path().display().to_string();
    assert_eq!(eval(&case100("plan.csv"), &folder, "json"), reference("json"));
}

/// A workbook with a notes sheet first and the actuals on a second sheet,
/// figures typed as a user types them: numbers, a percent, a date, and a
/// sum whose float is not exact.
fn write_workbook(path: &Path, bad_row: bool) {
    let mut workbook = Workbook::new();
    let notes = workbook.add_worksheet();
    notes.set_name("Note").unwrap();
    notes.write_string(0, 0, "Consuntivo 2024, ufficio controllo di gestione").unwrap();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Consuntivo").unwrap();
    let percent = Format::new().set_num_format("0.00%");
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for (col, header) in ["anno", "codice", "variabile", "valore"].iter().enumerate() {
        sheet.write_string(1, col as u16, *header).unwrap();
    }
    // Row 2 (index 1) is the header; an empty row 3 follows.
    sheet.write_number(3, 0, 2024).unwrap();
    sheet.write_string(3, 1, "K1").unwrap();
    sheet.write_string(3, 2, "Quota").unwrap();
    sheet.write_number_with_format(3, 3, 0.1467, &percent).unwrap();
    sheet.write_number(4, 0, 2024).unwrap();
    sheet.write_string(4, 1, "K2").unwrap();
    sheet.write_string(4, 2, "Somma").unwrap();
    sheet.write_number(4, 3, 0.1 + 0.2).unwrap();
    sheet.write_number(5, 0, 2024).unwrap();
    sheet.write_string(5, 1, "K3").unwrap();
    sheet.write_string(5, 2, "Data").unwrap();
    sheet.write_date_with_format(5, 3, ExcelDateTime::from_ymd(2024, 3, 31).unwrap(), &date).unwrap();
    sheet.write_number(6, 0, 2024).unwrap();
    sheet.write_string(6, 1, "K4").unwrap();
    sheet.write_string(6, 2, "Negativo").unwrap();
    sheet.write_number(6, 3, -0.05).unwrap();
    if bad_row {
        sheet.write_number(7, 0, 2024).unwrap();
        sheet.write_string(7, 1, "K5").unwrap();
        sheet.write_string(7, 2, "Rotto").unwrap();
        sheet.write_string(7, 3, "dodici").unwrap();
    }
    workbook.save(path).unwrap();
}

const SMALL_PLAN: &str = "level,code,name,formula,unit,target_2024\nambito,A1,Uno,,,\nindicator,K1,Quota,[Quota],%,>= 10%\nindicator,K2,Somma,[Somma],,>= 0.3\nindicator,K3,Data,[Data],date,by 2024-03-31\nindicator,K4,Negativo,[Negativo],%,>= -10%\n";

fn kpi_in(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("kpi").unwrap();
    cmd.current_dir(dir);
    cmd
}

#[test]
fn sheet_picks_the_sheet_and_values_are_exact() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("plan.csv"), SMALL_PLAN).unwrap();
    write_workbook(&dir.path().join("consuntivo.xlsx"), false);
    let output = kpi_in(dir.path())
        .args(["eval", "2024", "--actuals", "consuntivo.xlsx", "--sheet", "Consuntivo", "--format", "json"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let doc = json(std::str::from_utf8(&output.stdout).unwrap());
    let value =
        |code: &str| doc["nodes"].as_array().unwrap().iter().find(|n| n["code"] == code).unwrap()["value"].to_string();
    assert_eq!(value("K1"), "0.1467");
    assert_eq!(value("K2"), "0.3");
    assert_eq!(value("K3"), "\"2024-03-31\"");
    assert_eq!(value("K4"), "-0.05");
    assert_eq!(doc["score"].to_string(), "100");
}

#[test]
fn the_first_sheet_is_read_unless_sheet_says_otherwise() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("plan.csv"), SMALL_PLAN).unwrap();
    write_workbook(&dir.path().join("consuntivo.xlsx"), false);
    kpi_in(dir.path())
        .args(["eval", "2024", "--actuals", "consuntivo.xlsx"])
        .assert()
        .code(2)
        .stderr(predicates::str::starts_with("kpi: consuntivo.xlsx[Note]:1: the header has no `year` column"));
    kpi_in(dir.path())
        .args(["eval", "2024", "--actuals", "consuntivo.xlsx", "--sheet", "Dati"])
        .assert()
        .code(2)
        .stderr("kpi: consuntivo.xlsx: the workbook has no sheet `Dati` (its sheets: Note, Consuntivo); choose the actuals' sheet with --actuals-sheet NAME\n");
}

/// Writes `csv` (comma-separated, no quoting) as text cells of a sheet.
fn write_text_sheet(workbook: &mut Workbook, name: &str, csv: &str) {
    let sheet = workbook.add_worksheet();
    sheet.set_name(name).unwrap();
    for (r, line) in csv.lines().enumerate() {
        for (c, cell) in line.split(',').enumerate() {
            sheet.write_string(r as u32, c as u16, cell).unwrap();
        }
    }
}

const SMALL_ACTUALS: &str = "anno,codice,variabile,valore\n2024,K1,Quota,12%\n2024,K2,Somma,0.3\n2024,K3,Data,2024-03-31\n2024,K4,Negativo,-5%\n";

#[test]
fn one_workbook_holds_the_plan_and_the_actuals_on_sheets_of_their_own() {
    let dir = tempfile::tempdir().unwrap();
    let mut workbook = Workbook::new();
    write_text_sheet(&mut workbook, "Piano", SMALL_PLAN);
    write_text_sheet(&mut workbook, "Consuntivo", SMALL_ACTUALS);
    workbook.save(dir.path().join("budget.xlsx")).unwrap();
    let args = ["--plan", "budget.xlsx", "--plan-sheet", "Piano", "--actuals", "budget.xlsx"];
    let output = kpi_in(dir.path())
        .args(["eval", "2024", "--actuals-sheet", "Consuntivo", "--format", "csv"])
        .args(args)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        "level,code,parent,name,unit,weight,target,threshold,value,score,coverage,status,message,note,scale\n\
         ambito,A1,,Uno,,100,,,,100,100,,,,\n\
         indicator,K1,A1,Quota,%,25,>= 0.1,,0.12,100,100,achieved,,,\n\
         indicator,K2,A1,Somma,,25,>= 0.3,,0.3,100,100,achieved,,,\n\
         indicator,K3,A1,Data,date,25,by 2024-03-31,,2024-03-31,100,100,achieved,,,\n\
         indicator,K4,A1,Negativo,%,25,>= -0.1,,-0.05,100,100,achieved,,,\n"
    );
    // --sheet names the sheet of both sides; each side's option overrides it.
    kpi_in(dir.path()).args(["eval", "2024", "--sheet", "Consuntivo", "--format", "csv"]).args(args).assert().success();
    // Without --actuals-sheet, the actuals are read from the plan's sheet too.
    kpi_in(dir.path())
        .args(["eval", "2024", "--sheet", "Piano"])
        .args(&args[..4])
        .args(["--actuals", "budget.xlsx"])
        .assert()
        .code(2)
        .stderr(predicates::str::starts_with("kpi: budget.xlsx[Piano]:1: the header has no `year` column"));
}

#[test]
fn a_missing_sheet_names_the_option_that_picks_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut plan = Workbook::new();
    write_text_sheet(&mut plan, "Piano", SMALL_PLAN);
    plan.save(dir.path().join("plan.xlsx")).unwrap();
    write_workbook(&dir.path().join("consuntivo.xlsx"), false);
    // --sheet applies to both: the actuals workbook has no sheet `Piano`.
    kpi_in(dir.path())
        .args(["eval", "2024", "--plan", "plan.xlsx", "--sheet", "Piano", "--actuals", "consuntivo.xlsx"])
        .assert()
        .code(2)
        .stderr("kpi: consuntivo.xlsx: the workbook has no sheet `Piano` (its sheets: Note, Consuntivo); choose the actuals' sheet with --actuals-sheet NAME\n");
    kpi_in(dir.path())
        .args(["eval", "2024", "--plan", "plan.xlsx", "--plan-sheet", "Dati", "--actuals", "consuntivo.xlsx"])
        .assert()
        .code(2)
        .stderr("kpi: plan.xlsx: the workbook has no sheet `Dati` (its sheets: Piano); choose the plan's sheet with --plan-sheet NAME\n");
    let output = kpi_in(dir.path())
        .args(["eval", "2024", "--plan", "plan.xlsx", "--sheet", "Piano", "--actuals", "consuntivo.xlsx"])
        .args(["--actuals-sheet", "Consuntivo", "--format", "json"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(json(std::str::from_utf8(&output.stdout).unwrap())["score"].to_string(), "100");
    // kpi check reads the same sheets.
    kpi_in(dir.path())
        .args(["check", "--plan", "plan.xlsx", "--sheet", "Piano", "--actuals", "consuntivo.xlsx"])
        .args(["--actuals-sheet", "Consuntivo"])
        .assert()
        .success();
}

#[test]
fn messages_give_the_spreadsheet_row_and_sheet() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("plan.csv"), SMALL_PLAN).unwrap();
    write_workbook(&dir.path().join("consuntivo.xlsx"), true);
    kpi_in(dir.path())
        .args(["eval", "2024", "--actuals", "consuntivo.xlsx", "--sheet", "Consuntivo"])
        .assert()
        .code(2)
        .stderr("kpi: consuntivo.xlsx[Consuntivo]:8: value: `dodici` is not a number, a date, a yes/no or N/D: write a number (1.234,5 or 1234.5), a percent (85 %), a date (31-03-2024), SI/NO, or leave it empty\n");
}

#[test]
fn old_excel_workbooks_are_refused_with_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("plan.csv"), SMALL_PLAN).unwrap();
    std::fs::write(dir.path().join("actuals.xls"), b"\xd0\xcf\x11\xe0").unwrap();
    kpi_in(dir.path())
        .args(["eval", "2024", "--actuals", "actuals.xls"])
        .assert()
        .code(2)
        .stderr("kpi: actuals.xls: an Excel 97-2003 workbook (.xls) is not read: save it as .xlsx\n");
}

#[test]
fn a_missing_plan_points_to_the_workbook_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(sheets("plan.xlsx"), dir.path().join("plan.xlsx")).unwrap();
    kpi_in(dir.path())
        .args(["eval", "2024"])
        .assert()
        .code(2)
        .stderr("kpi: plan.csv: cannot read the file: it does not exist; there is plan.xlsx: give --plan plan.xlsx\n");
    std::fs::remove_file(dir.path().join("plan.xlsx")).unwrap();
    kpi_in(dir.path())
        .args(["eval", "2024"])
        .assert()
        .code(2)
        .stderr("kpi: plan.csv: cannot read the file: it does not exist (give the plan with --plan FILE)\n");
}
