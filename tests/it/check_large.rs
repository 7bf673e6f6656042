//! `kpi check` on large generated files: thousands of actuals rows that no
//! formula reads and of quantities that are missing still get one finding
//! each, and the first hundred names (in file order) get the closest name.

use std::path::PathBuf;

use assert_cmd::Command;

const INDICATORS: usize = 1000;
const UNKNOWN_CODES: usize = 2000;

/// A plan of indicators `IND00000`… whose formulas read `[Pratiche evase i] /
/// [Totale i]`, and actuals that give every `Totale i`, then `Pratiche evas i`
/// (a typo) as a shared quantity, then rows for codes `KND00000`… that the
/// plan does not have.
fn files() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("check_large_{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut plan = String::from("level,code,name,weight,formula,unit,target_2024\nambito,A1,Servizi,100%,,,\n");
    let mut actuals = String::from("year,code,variable,value,note\n");
    for i in 0..INDICATORS {
        plan.push_str(&format!("indicator,IND{i:05},Nome {i},,[Pratiche evase {i}] / [Totale {i}],N.,>= 1\n"));
        actuals.push_str(&format!("2024,IND{i:05},Totale {i},2,\n"));
    }
    for i in 0..INDICATORS {
        actuals.push_str(&format!("2024,,Pratiche evas {i},1,\n"));
    }
    for i in 0..UNKNOWN_CODES {
        actuals.push_str(&format!("2024,KND{i:05},,1,\n"));
    }
    std::fs::write(dir.join("plan.csv"), plan).unwrap();
    std::fs::write(dir.join("actuals.csv"), actuals).unwrap();
    dir
}

#[test]
fn thousands_of_unread_rows_and_missing_quantities_get_one_finding_each() {
    let dir = files();
    let output = Command::cargo_bin("kpi")
        .unwrap()
        .current_dir(&dir)
        .args(["check", "--actuals", "actuals.csv"])
        .output()
        .unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout.ends_with(&format!(
            "kpi check: {INDICATORS} errors, {} warnings in plan.csv and 1 actuals file (years 2024)\n",
            INDICATORS + UNKNOWN_CODES
        )),
        "{}",
        &stdout[stdout.len().saturating_sub(500)..]
    );
    let blocks: Vec<&str> = stdout.split("\n\n").collect();
    let hint_of = |head: &str| {
        let block = blocks.iter().find(|b| b.starts_with(head)).unwrap_or_else(|| panic!("no finding {head}"));
        block.lines().last().unwrap().to_string()
    };

    // A missing quantity: the first hundred are matched with the shared typo.
    let shared_line = |i: usize| INDICATORS + 2 + i;
    assert_eq!(
        hint_of("plan.csv:3:1: error: [Pratiche evase 0] of IND00000 is not given for 2024"),
        format!(
            "    hint: actuals.csv:{} gives `Pratiche evas 0`: a typo? The name must match the formula's, case and spaces aside",
            shared_line(0)
        )
    );
    assert!(hint_of("plan.csv:102:1: error: [Pratiche evase 99] of").contains("gives `Pratiche evas 99`: a typo?"));
    assert!(hint_of("plan.csv:103:1: error: [Pratiche evase 100] of").starts_with("    hint: add a row with year 2024"));

    // A shared quantity no formula uses.
    let unused = |i: usize| format!("actuals.csv:{}: warning: no formula uses the shared quantity", shared_line(i));
    assert_eq!(hint_of(&unused(0)), "    hint: did you mean `Pratiche evase 0`?");
    assert_eq!(hint_of(&unused(99)), "    hint: did you mean `Pratiche evase 99`?");
    assert_eq!(hint_of(&unused(100)), "    hint: remove the rows, or name the quantity in a formula");

    // A code the plan does not have.
    let unknown =
        |i: usize| format!("actuals.csv:{}: warning: KND{i:05} is not a code of the plan", 2 * INDICATORS + 2 + i);
    assert_eq!(hint_of(&unknown(0)), "    hint: did you mean IND00000?");
    assert_eq!(hint_of(&unknown(99)), "    hint: did you mean IND00099?");
    assert_eq!(
        hint_of(&unknown(UNKNOWN_CODES - 1)),
        "    hint: give an indicator's code, or leave it blank for a quantity shared by every indicator"
    );
}
