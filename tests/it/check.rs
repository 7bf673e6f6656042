//! `kpi check` through the real binary: a plan with one mistake of each kind
//! gets one clear message for each, at the right line.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn mistakes() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/mistakes")
}

fn check(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let output = Command::cargo_bin("kpi").unwrap().current_dir(dir).arg("check").args(args).output().unwrap();
    (output.status.code(), String::from_utf8(output.stdout).unwrap())
}

/// The diagnostics, each as its lines.
fn diagnostics(stdout: &str) -> Vec<Vec<&str>> {
    stdout
        .split("\n\n")
        .filter(|block| block.contains(": error: ") || block.contains(": warning: "))
        .map(|b| b.lines().collect())
        .collect()
}

#[test]
fn one_message_for_each_mistake_at_its_line() {
    let (code, stdout) = check(&mistakes(), &["--actuals", "actuals.csv"]);
    assert_eq!(code, Some(1), "{stdout}");
    let found = diagnostics(&stdout);
    let heads: Vec<&str> = found.iter().map(|d| d[0]).collect();
    assert_eq!(
        heads,
        vec![
            "plan.csv:3: warning: the weights under A1 add up to 90 %, not 100 %: OS1 50 %, OS2 40 %",
            "plan.csv:5:1: error: [Follower] of K2 is not given for 2024",
            "plan.csv:6:20: error: [Pratiche SUAP](N-1) of K3 is not given for 2023 (N-1 of 2024)",
            "plan.csv:8:33: error: K4 is a percent indicator but its formula multiplies by 100",
            "plan.csv:12: error: K6 has a target for 2024 but no way to get its value",
            "plan.csv:13: error: the code `K6` is already used on line 12",
            "plan.csv:14: error: unknown level `obiettivo`",
            "plan.csv:15: error: baseline_2023: `1.2.3` is not a number in this file's format",
            "plan.csv:16: error: target_2024: target `>= dieci`: `dieci` is not a number, a date, a yes/no or N/D",
            "plan.csv:17: error: the soglia 30 N. of K10 is above its target >= 20 N. (2024)",
            "plan.csv:18:12: error: formula of K11, column 12: expected a number, a [quantity] or `(`, found `*`",
            "actuals.csv:4: warning: the formula of K2 does not use `Folower` (2024)",
            "actuals.csv:8: warning: K5 is a percent indicator but its 2024 value 85 is above 1.000 %",
            "actuals.csv:11: error: #neutralize for K1 has no note",
        ]
    );
    // every problem comes with a hint
    for d in &found {
        assert!(d.last().unwrap().starts_with("    hint: "), "no hint for {}", d[0]);
    }
    assert!(
        stdout.ends_with("kpi check: 11 errors, 3 warnings in plan.csv and 1 actuals file (years 2024)\n"),
        "{stdout}"
    );
}

#[test]
fn formulas_are_shown_with_a_caret_and_typos_with_the_closest_name() {
    let (_, stdout) = check(&mistakes(), &["--actuals", "actuals.csv"]);
    let found = diagnostics(&stdout);
    let of = |head: &str| found.iter().find(|d| d[0].starts_with(head)).unwrap().clone();
    assert_eq!(
        of("plan.csv:5:1:"),
        vec![
            "plan.csv:5:1: error: [Follower] of K2 is not given for 2024",
            "    [Follower]",
            "    ^",
            "    hint: actuals.csv:4 gives `Folower`: a typo? The name must match the formula's, case and spaces aside",
        ]
    );
    assert_eq!(
        of("plan.csv:6:20:")[1..3],
        ["    ([Pratiche SUAP] - [Pratiche SUAP](N-1)) / [Pratiche SUAP](N-1)", "                       ^"]
    );
    assert_eq!(
        of("plan.csv:8:33:")[1..3],
        ["    [Soddisfatti] / [Rispondenti] * 100", "                                    ^"]
    );
    assert_eq!(of("actuals.csv:4:")[1], "    hint: did you mean `Follower`?");
    assert_eq!(
        of("actuals.csv:11:")[1],
        "    hint: write the reason in the note column: a decision that changes a published figure must say why"
    );
    assert_eq!(
        of("plan.csv:17:")[1],
        "    hint: the soglia is the worst value still worth partial credit: with higher is better it must be below the target; swap them or correct one"
    );
}

#[test]
fn warnings_alone_exit_0_and_a_clean_plan_says_so() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("plan.csv"),
        "level,code,weight,formula,unit,target_2024\nambito,A1,100%,,,\nindicator,K1,60%,[a] / [b],%,>= 50 %\nindicator,K2,40%,,N.,>= 3\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("a.csv"), "year,code,variable,value\n2024,K1,a,1\n2024,K1,b,2\n2024,K2,,4\n")
        .unwrap();
    let (code, stdout) = check(dir.path(), &["--actuals", "a.csv"]);
    assert_eq!(code, Some(0));
    assert_eq!(stdout, "kpi check: no problems in plan.csv and 1 actuals file (years 2024)\n");

    // a shared quantity no formula uses is only a warning
    std::fs::write(dir.path().join("b.csv"), "year,code,variable,value\n2024,,Imprese,7\n").unwrap();
    let (code, stdout) = check(dir.path(), &["--actuals", "a.csv", "--actuals", "b.csv"]);
    assert_eq!(code, Some(0), "{stdout}");
    assert!(stdout.starts_with("b.csv:2: warning: no formula uses the shared quantity `Imprese` (2024)\n"), "{stdout}");
}

#[test]
fn without_actuals_the_plan_alone_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(mistakes().join("plan.csv"), dir.path().join("plan.csv")).unwrap();
    let (code, stdout) = check(dir.path(), &[]);
    assert_eq!(code, Some(1));
    assert!(
        stdout.contains("note: no actuals given and no actuals/ folder here: the plan alone was checked"),
        "{stdout}"
    );
    assert!(!stdout.contains("is not given for"), "{stdout}");
    assert!(stdout.contains("plan.csv:14: error: unknown level `obiettivo`"));
}

#[test]
fn eval_still_stops_at_the_first_problem() {
    let output = Command::cargo_bin("kpi")
        .unwrap()
        .current_dir(mistakes())
        .args(["eval", "2024", "--actuals", "actuals.csv"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.starts_with("kpi: plan.csv:13: the code `K6` is already used on line 12: every node needs its own code; rename one of the two\n"),
        "{stderr}"
    );
}

#[test]
fn a_forced_score_for_an_indicator_without_a_target_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("plan.csv"),
        "level,code,weight,unit,target_2024\nambito,A1,,,\nindicator,K1,,N.,>= 3\nindicator,K2,,N.,N/D\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("score.csv"),
        "year,code,variable,value,note\n2024,K1,,4,\n2024,K2,#score,100,note\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("neutralize.csv"),
        "year,code,variable,value,note\n2024,K1,,4,\n2024,K2,#neutralize,,strike\n",
    )
    .unwrap();
    let (code, stdout) = check(dir.path(), &["--actuals", "score.csv"]);
    assert_eq!(code, Some(1), "{stdout}");
    assert_eq!(
        diagnostics(&stdout),
        vec![vec![
            "score.csv:3: error: #score 100 for 2024: K2 has no target in 2024",
            "    hint: an indicator without a target is not part of the year's evaluation, so it has no score to force: remove the row, or give K2 a target_2024 in the plan",
        ]]
    );
    // neutralizing it is harmless
    let (code, stdout) = check(dir.path(), &["--actuals", "neutralize.csv"]);
    assert_eq!(
        (code, stdout.as_str()),
        (Some(0), "kpi check: no problems in plan.csv and 1 actuals file (years 2024)\n")
    );
}

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/sample")
}

#[test]
fn what_eval_scores_as_error_is_an_error_at_the_indicators_line() {
    let (code, stdout) = check(&sample(), &["--year", "2024", "--actuals", "actuals"]);
    assert_eq!(code, Some(1), "{stdout}");
    // The sample's OS2 and OS4 weigh 90 and 110: first the two warnings, then the errors.
    assert_eq!(
        diagnostics(&stdout)[2],
        vec![
            "plan.csv:21: error: K12 cannot be computed for 2024: division by zero in `[Risorse impegnate] / [Risorse SAL]`",
            "    hint: [Risorse SAL] is 0 in 2024 (actuals/2024.csv:19): correct it, or, if K12 cannot be measured for 2024, neutralize it: a row with variable #neutralize and the reason in the note",
        ]
    );
    assert_eq!(diagnostics(&stdout)[3][0], "plan.csv:22:1: error: [Follower] of K13 is not given for 2024");
    assert!(
        stdout.ends_with("kpi check: 2 errors, 2 warnings in plan.csv and 2 actuals files (years 2024)\n"),
        "{stdout}"
    );
}

#[test]
fn values_of_the_wrong_kind_name_where_they_were_given() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("plan.csv"),
        "level,code,weight,formula,unit,baseline_2024,target_2024\n\
         ambito,A1,,,,,\n\
         indicator,K1,,[Consegna],date,,Entro 31-03-2024\n\
         indicator,K2,,[Data] + 1,N.,,>= 3\n\
         indicator,K3,,[a] / ([b] - [c]),%,,>= 50 %\n\
         indicator,K4,,,N.,SI,>= 3\n\
         indicator,K5,,,,,SI\n\
         indicator,K6,,[a] / 0,N.,,>= 3\n\
         indicator,K6,,[a] / 0,N.,,>= 3\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("a.csv"),
        "year,code,variable,value,note\n\
         2024,K1,Consegna,15,\n\
         2024,K2,Data,31-03-2024,\n\
         2024,,a,5,\n\
         2024,K3,b,7,\n\
         2024,K3,c,7,\n\
         2024,K5,,12,\n\
         2024,K6,#neutralize,,evento esterno\n",
    )
    .unwrap();
    let (code, stdout) = check(dir.path(), &["--actuals", "a.csv"]);
    assert_eq!(code, Some(1), "{stdout}");
    assert_eq!(
        diagnostics(&stdout),
        vec![
            vec![
                "plan.csv:3: error: K1 cannot be scored for 2024: the value is a number but the target needs a date",
                "    hint: the value comes from [Consegna] 15 in 2024 (a.csv:2); the target entro 31-03-2024 needs a date, like 31-03-2024: correct the value, or the target",
            ],
            vec![
                "plan.csv:4: error: K2 cannot be computed for 2024: [Data] is a date, which cannot be used in arithmetic in `[Data] + 1`",
                "    hint: [Data] is given as a date (a.csv:3), but arithmetic needs a number: give it as one, or, if the value of K2 is that date itself, make the formula the bare [Data]",
            ],
            vec![
                "plan.csv:5: error: K3 cannot be computed for 2024: division by zero in `[a] / ([b] - [c])`",
                "    hint: the divisor comes to 0 from [b] 7 in 2024 (a.csv:5), [c] 7 in 2024 (a.csv:6): correct a value, or, if K3 cannot be measured for 2024, neutralize it: a row with variable #neutralize and the reason in the note",
            ],
            vec![
                "plan.csv:6: error: K4 cannot be scored for 2024: the value is a yes/no value but the target needs a number",
                "    hint: the value is the plan's baseline_2024; the target >= 3 N. needs a number: correct the value, or the target",
            ],
            vec![
                "plan.csv:7: error: K5 cannot be scored for 2024: the value is a number but the target needs a yes/no value",
                "    hint: the value is given at a.csv:7; the target SI needs SI or NO: correct the value, or the target",
            ],
            // K6 is neutralized, and its duplicate is reported once, as a duplicate
            vec![
                "plan.csv:9: error: the code `K6` is already used on line 8",
                "    hint: every node needs its own code; rename one of the two",
            ],
        ]
    );
}

#[test]
fn a_plan_error_of_every_year_is_one_message_naming_the_years() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("plan.csv"),
        "level,code,weight,formula,unit,target_2024,target_2025\nambito,A1,,,,,\nindicator,K1,,2 / (1 - 1),N.,>= 3,>= 3\n",
    )
    .unwrap();
    let (code, stdout) = check(dir.path(), &[]);
    assert_eq!(code, Some(1), "{stdout}");
    assert_eq!(
        diagnostics(&stdout),
        vec![vec![
            "plan.csv:3: error: K1 cannot be computed for 2024, 2025: division by zero in `2 / (1 - 1)`",
            "    hint: the formula divides by a number that comes to 0 whatever the values: correct the formula",
        ]]
    );
}

fn real() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/real")
}

#[test]
fn by_default_the_values_of_years_without_actuals_are_not_asked_for() {
    // the sample's actuals/ folder gives 2023 and 2024; 2025 has targets but no actuals yet
    let (code, stdout) = check(&sample(), &[]);
    assert_eq!(code, Some(1), "{stdout}");
    let heads: Vec<&str> = diagnostics(&stdout).iter().map(|d| d[0]).collect();
    assert_eq!(
        heads,
        vec![
            // Weights without `%` that do not add up to 100 are warned about like percentages:
            // OS2 30 + 20 + 20 + 20 = 90 (K07's weight_2025 makes 2025 add up), OS4 30 + 30 + 40 + 10 = 110.
            "plan.csv:8: warning: the weights under OS2 add up to 90 in 2024, not 100: K04 30, K05 20, K06 20, K07 20",
            "plan.csv:21: warning: the weights under OS4 add up to 110, not 100: K12 30, K13 30, K14 40, K15 10",
            "plan.csv:21: error: K12 cannot be computed for 2024: division by zero in `[Risorse impegnate] / [Risorse SAL]`",
            "plan.csv:22:1: error: [Follower] of K13 is not given for 2024",
        ]
    );
    assert!(
        stdout.ends_with(
            "note: 2025 has targets but no actuals yet, so its values were not checked; use --year to check it\n\
             kpi check: 2 errors, 2 warnings in plan.csv and 2 actuals files (years 2024)\n"
        ),
        "{stdout}"
    );

    // the real plan's example actuals are for 2024 only: its weights, and the
    // one number eval also warns about (`1.336`, line 24), are all that is left to look at
    let (code, stdout) = check(&real(), &["--actuals", "actuals-2024.csv"]);
    assert_eq!(code, Some(0), "{stdout}");
    assert!(!stdout.contains(": error: "), "{stdout}");
    assert!(stdout.contains("\n\nplan.csv:24: warning: `1.336` is read as 1336, since this file's numbers are Italian; in English it would be 1.336. If that is wrong, use --number-format en\n\n"), "{stdout}");
    assert!(
        stdout.ends_with(
            "note: 2025, 2026 have targets but no actuals yet, so their values were not checked; use --year to check them\n\
             kpi check: 0 errors, 3 warnings in plan.csv and 1 actuals file (years 2024)\n"
        ),
        "{stdout}"
    );
}

#[test]
fn a_year_asked_for_is_checked_whole_and_once() {
    let (code, stdout) = check(&sample(), &["--year", "2025"]);
    assert_eq!(code, Some(1), "{stdout}");
    assert!(stdout.contains("plan.csv:4:1: error: [Patrimonio netto] of K01 is not given for 2025\n"), "{stdout}");
    assert!(!stdout.contains("note: "), "{stdout}");
    assert!(stdout.ends_with(" in plan.csv and 2 actuals files (years 2025)\n"), "{stdout}");

    let (_, stdout) = check(&sample(), &["--year", "2024", "--year", "2024"]);
    assert!(
        stdout.ends_with("kpi check: 2 errors, 2 warnings in plan.csv and 2 actuals files (years 2024)\n"),
        "{stdout}"
    );
    let (_, stdout) = check(&sample(), &["--year", "2025", "--year", "2024", "--year", "2025"]);
    assert!(stdout.ends_with(" (years 2024, 2025)\n"), "{stdout}");
}

#[test]
fn actuals_for_no_year_with_targets_leave_the_values_unchecked() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("plan.csv"),
        "level,code,weight,formula,unit,target_2024\nambito,A1,,,,\nindicator,K1,,[a],N.,>= 3\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("a.csv"), "year,code,variable,value\n2023,K1,a,4\n").unwrap();
    let (code, stdout) = check(dir.path(), &["--actuals", "a.csv"]);
    assert_eq!(code, Some(0), "{stdout}");
    assert_eq!(
        stdout,
        "note: 2024 has targets but no actuals yet, so its values were not checked; use --year to check it\n\
         kpi check: no problems in plan.csv and 1 actuals file\n"
    );
}

#[test]
fn a_missing_quantity_is_pointed_at_in_characters_and_at_its_own_occurrence_on_each_row() {
    // Both indicators have the same formula text, parsed once for both: each
    // message still names its own row. `[Città servite]` is 15 characters
    // (16 bytes, `à` takes two); then ` / `, so `[Comuni]` is at column 19,
    // and after its 8 characters and ` - `, `[Comuni](N-1)` at column 30.
    let dir = tempfile::tempdir().unwrap();
    let formula = "[Città servite] / [Comuni] - [Comuni](N-1)";
    std::fs::write(
        dir.path().join("plan.csv"),
        format!("level,code,weight,formula,unit,target_2024\nambito,A1,100%,,,\nindicator,K1,50%,{formula},N.,>= 1\nindicator,K2,50%,{formula},N.,>= 1\n"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("a.csv"),
        "year,code,variable,value\n2024,K1,Città servite,3\n2024,K1,Comuni,2\n2024,K2,Città servite,3\n2023,K2,Comuni,2\n",
    )
    .unwrap();
    let (code, stdout) = check(dir.path(), &["--actuals", "a.csv"]);
    assert_eq!(code, Some(1), "{stdout}");
    let found = diagnostics(&stdout);
    let shown: Vec<&[&str]> = found.iter().map(|d| &d[..3]).collect();
    assert_eq!(
        shown,
        [
            [
                "plan.csv:3:30: error: [Comuni](N-1) of K1 is not given for 2023 (N-1 of 2024)",
                "    [Città servite] / [Comuni] - [Comuni](N-1)",
                "                                 ^",
            ],
            [
                "plan.csv:4:19: error: [Comuni] of K2 is not given for 2024",
                "    [Città servite] / [Comuni] - [Comuni](N-1)",
                "                      ^",
            ],
        ]
    );
}
