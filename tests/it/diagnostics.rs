//! One problem, one message, at one place, whichever command finds it:
//! `kpi eval` stops at the first error and prints its warnings on standard
//! error; `kpi check` lists and counts the same errors and warnings, at the
//! same file, line and column.

use std::fs;
use std::path::Path;

use crate::common::{fixture, kpi};

/// A folder holding the given files.
fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

/// Runs kpi with `args` in `dir`: (exit status, standard output, standard error).
fn run(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let output = kpi().current_dir(dir).args(args).output().unwrap();
    (output.status.code(), String::from_utf8(output.stdout).unwrap(), String::from_utf8(output.stderr).unwrap())
}

const ACTUALS: &str = "year,code,variable,value\n2024,K1,a,1\n2024,K1,b,2\n";

#[test]
fn check_counts_the_ambiguity_warning_eval_prints() {
    // A comma-separated file is English: `1.336` is 1.336, where Italian reads 1336.
    let dir = folder(&[
        ("plan.csv", "level,code,formula,baseline_2023,target_2024\nindicator,K1,[a] / [b],1.336,>= 1.500\n"),
        ("a.csv", ACTUALS),
    ]);
    let warning = "plan.csv:2: warning: `1.336` is read as 1.336, since this file's numbers are English; in Italian it would be 1336. If that is wrong, use --number-format it\n";

    let (code, stdout, stderr) = run(dir.path(), &["eval", "2024", "--actuals", "a.csv", "--format", "csv"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.starts_with("level,code,"), "{stdout}");
    assert_eq!(stderr, warning);

    let (code, stdout, stderr) = run(dir.path(), &["check", "--actuals", "a.csv"]);
    assert_eq!((code, stderr.as_str()), (Some(0), ""));
    assert_eq!(
        stdout,
        format!("{warning}\nkpi check: 0 errors, 1 warning in plan.csv and 1 actuals file (years 2024)\n")
    );
}

#[test]
fn a_formula_syntax_error_is_at_the_same_line_and_column_in_eval_and_check() {
    // `[a] + * [b]`: the `*` is the 7th character.
    let dir =
        folder(&[("plan.csv", "level,code,formula,target_2024\nindicator,K1,[a] + * [b],>= 1\n"), ("a.csv", ACTUALS)]);
    let message = "formula of K1, column 7: expected a number, a [quantity] or `(`, found `*`";
    let caret = "    [a] + * [b]\n          ^\n    hint: quantities go in [brackets], numbers use `.` as the decimal point, with + - * / ( ) and min, max, abs\n";

    let (code, stdout, stderr) = run(dir.path(), &["eval", "2024", "--actuals", "a.csv", "--format", "csv"]);
    assert_eq!((code, stdout.as_str()), (Some(2), ""));
    assert_eq!(stderr, format!("kpi: plan.csv:2:7: {message}\n{caret}"));

    // Once: the rows for [a] and [b] are not reported as unread because the
    // formula that reads them could not be.
    let (code, stdout, _) = run(dir.path(), &["check", "--actuals", "a.csv"]);
    assert_eq!(code, Some(1));
    assert_eq!(
        stdout,
        format!(
            "plan.csv:2:7: error: {message}\n{caret}\nkpi check: 1 error, 0 warnings in plan.csv and 1 actuals file (years 2024)\n"
        )
    );
}

#[test]
fn an_actuals_row_that_cannot_be_read_is_reported_once() {
    let plan = "level,code,formula,target_2024\nindicator,K1,[a] / [b],>= 1\nindicator,K2,,>= 1\n";
    // Line 2: a day that does not exist; line 4: K2's own value for a year
    // written with two digits. Neither is reported again as a value not given.
    let actuals = "year,code,variable,value\n2024,K1,a,31-02-2024\n2024,K1,b,2\n24,K2,,5\n";
    let dir = folder(&[("plan.csv", plan), ("a.csv", actuals)]);
    let date = "value: `31-02-2024` is not a valid date (write a day that exists, with a four-digit year: 31-03-2024)";
    let date_hint =
        "write a number (1.234,5 or 1234.5), a percent (85 %), a date (31-03-2024), SI/NO, or leave it empty";

    let (code, stdout, stderr) = run(dir.path(), &["eval", "2024", "--actuals", "a.csv", "--format", "csv"]);
    assert_eq!((code, stdout.as_str()), (Some(2), ""));
    assert_eq!(stderr, format!("kpi: a.csv:2: {date}: {date_hint}\n"));

    let (code, stdout, _) = run(dir.path(), &["check", "--actuals", "a.csv"]);
    assert_eq!(code, Some(1));
    assert_eq!(
        stdout,
        format!(
            "a.csv:2: error: {date}\n    hint: {date_hint}\n\n\
             a.csv:4: error: `24` is not a year\n    hint: write the year with four digits, like 2024\n\n\
             kpi check: 2 errors, 0 warnings in plan.csv and 1 actuals file (years 2024)\n"
        )
    );
}

#[test]
fn warnings_of_a_published_plan_name_the_lines_of_the_file_given() {
    // The published layout is imported in memory; its `1.336 N.` baseline is
    // on line 39 of the .txt (line 24 of the canonical plan it becomes).
    let dir = fixture("real");
    let warning = "obiettivi-ente-2024-2026.txt:39: warning: `1.336` is read as 1336, since this file's numbers are Italian; in English it would be 1.336. If that is wrong, use --number-format en";
    let args = ["--plan", "obiettivi-ente-2024-2026.txt", "--actuals", "actuals-2024.csv"];

    let (code, _, stderr) = run(&dir, &[&["eval", "2024", "--format", "csv"][..], &args].concat());
    assert_eq!(code, Some(0), "{stderr}");
    let warnings: Vec<&str> = stderr.lines().filter(|l| l.contains(": warning: ")).collect();
    assert_eq!(warnings, [warning]);

    let (_, stdout, _) = run(&dir, &[&["check"][..], &args].concat());
    assert!(stdout.contains(&format!("\n\n{warning}\n\n")), "{stdout}");
    assert!(
        stdout.ends_with(
            "kpi check: 3 errors, 6 warnings in obiettivi-ente-2024-2026.txt and 1 actuals file (years 2024)\n"
        ),
        "{stdout}"
    );
}

#[test]
fn a_year_without_targets_is_a_warning_in_check_as_in_eval() {
    // `2204` for 2024: a typo that would check, or score, nothing.
    let dir =
        folder(&[("plan.csv", "level,code,formula,target_2024\nindicator,K1,[a] / [b],>= 1\n"), ("a.csv", ACTUALS)]);
    let (code, _, stderr) = run(dir.path(), &["eval", "2204", "--actuals", "a.csv", "--format", "csv"]);
    assert_eq!(code, Some(0));
    assert_eq!(
        stderr,
        "plan.csv: warning: no indicator has a target for 2204, so nothing is scored; the plan has targets for 2024 only\n"
    );
    let (code, stdout, _) = run(dir.path(), &["check", "--actuals", "a.csv", "--year", "2204"]);
    assert_eq!(code, Some(0));
    assert_eq!(
        stdout,
        "plan.csv: warning: no indicator has a target for 2204, so no value is checked for it; the plan has targets for 2024 only\n\n\
         kpi check: 0 errors, 1 warning in plan.csv and 1 actuals file (years 2204)\n"
    );
}

#[test]
fn a_plan_row_that_cannot_be_read_is_reported_once() {
    // Two unknown levels. Before, the same two mistakes also gave: the parent
    // `OS1` of K1 not a code, K2's rows not a code of the plan, the shared `c`
    // read by no formula, and K2's #neutralize about no code of the plan.
    let plan = "level,code,parent,formula,target_2024\nambito,A1,,,\nobiettivo,OS1,A1,,\nindicator,K1,OS1,[a] / [b],>= 1\nindicatr,K2,OS1,[c],>= 1\n";
    let actuals = "year,code,variable,value,note\n2024,K1,a,1,\n2024,K1,b,2,\n2024,K2,c,3,\n2024,,c,3,\n2024,K2,#neutralize,,why\n";
    let dir = folder(&[("plan.csv", plan), ("a.csv", actuals)]);
    let levels =
        "use ambito, strategic (obiettivo strategico), operational (obiettivo operativo) or indicator (indicatore)";
    let hint = format!("    hint: {levels}\n");

    let (code, _, stderr) = run(dir.path(), &["eval", "2024", "--actuals", "a.csv", "--format", "csv"]);
    assert_eq!(code, Some(2));
    assert_eq!(stderr, format!("kpi: plan.csv:3: unknown level `obiettivo`: {levels}\n"));

    let (code, stdout, _) = run(dir.path(), &["check", "--actuals", "a.csv"]);
    assert_eq!(code, Some(1));
    assert_eq!(
        stdout,
        format!(
            "plan.csv:3: error: unknown level `obiettivo`\n{hint}\n\
             plan.csv:5: error: unknown level `indicatr`\n{hint}\n\
             kpi check: 2 errors, 0 warnings in plan.csv and 1 actuals file (years 2024)\n"
        )
    );
}

#[test]
fn check_lists_a_workbook_plan_before_its_actuals() {
    let (_, stdout, _) = run(&fixture("spreadsheets"), &["check", "--plan", "plan.xlsx", "--actuals", "actuals.xlsx"]);
    let heads: Vec<&str> = stdout.lines().filter(|l| l.contains(": error: ") || l.contains(": warning: ")).collect();
    let files: Vec<&str> = heads.iter().map(|h| &h[..h.find(':').unwrap()]).collect();
    // case100's weights are relative (6, 43, 9 at the top; 12, 21, 21, 4 …): 15 groups that do not add up
    // to 100 and 4 indicators in error, all in the plan, then the actuals' one warning.
    let mut expected = vec!["plan.xlsx[plan]"; 19];
    expected.push("actuals.xlsx[actuals]");
    assert_eq!(files, expected, "{stdout}");
    assert!(
        heads[0].starts_with("plan.xlsx[plan]:2: warning: the weights of the top-level nodes add up to 58 %"),
        "{stdout}"
    );
}

#[test]
fn check_counts_the_mixed_encoding_warning_eval_prints() {
    // `Capacità` in UTF-8 (c3 a0), `qualità` in Windows-1252 (e8): one file, two encodings.
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("plan.csv"),
        b"level,code,name,formula,target_2024\nindicator,K1,Capacit\xc3\xa0 e qualit\xe8,[a] / [b],>= 0.1\n",
    )
    .unwrap();
    fs::write(dir.path().join("a.csv"), ACTUALS).unwrap();
    let warning = "plan.csv: warning: the file is UTF-8 with some Windows-1252 characters (as when a program saves part of it in another encoding); each part was read in its own encoding: check accented names, and save the file in one encoding\n";
    let (code, _, stderr) = run(dir.path(), &["eval", "2024", "--actuals", "a.csv", "--format", "csv"]);
    assert_eq!((code, stderr.as_str()), (Some(0), warning));
    let (code, stdout, stderr) = run(dir.path(), &["check", "--actuals", "a.csv"]);
    assert_eq!((code, stderr.as_str()), (Some(0), ""));
    assert_eq!(
        stdout,
        format!("{warning}\nkpi check: 0 errors, 1 warning in plan.csv and 1 actuals file (years 2024)\n")
    );
}
